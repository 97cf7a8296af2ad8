//! What one edit touches in the span tree: a whole value, part of a string or key token, or
//! whole children of an object or array (deleted, or inserted between two of them).

use serde_json::Value;

use super::parse::parse_json;
use super::spans::{Span, SpanNode};

/// One step of a path from the root: an object member (its key and its position among the
/// members) or an array element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// The member `key`, the `index`-th of its object.
    Key(String, usize),
    /// The element at this index.
    Index(usize),
}

impl Step {
    /// The position of the child among its siblings, whatever the container.
    pub fn position(&self) -> usize {
        match self {
            Step::Key(_, i) | Step::Index(i) => *i,
        }
    }
}

/// Children added to a container by an insertion.
#[derive(Debug, Clone)]
pub(super) enum Inserted {
    /// New array elements.
    Elements(Vec<Value>),
    /// New object members, in order.
    Members(Vec<(String, Value)>),
}

/// What an edit touches.
pub(super) enum Target {
    /// The whole value at the path.
    Value(Vec<Step>),
    /// Part of the string token at the path (a value) or of the key token of the path's last step.
    Token {
        path: Vec<Step>,
        token: Span,
        key: bool,
    },
    /// Whole children `first..end` of the container at the path, deleted with the commas and
    /// whitespace between them.
    Removal {
        path: Vec<Step>,
        first: usize,
        end: usize,
    },
    /// New children inserted before child `gap` of the container at the path (after the
    /// last one when `gap` is their number).
    Insertion {
        path: Vec<Step>,
        gap: usize,
        inserted: Inserted,
    },
}

/// What `span` being replaced with `replacement` touches in the tree of `value`/`node`, or
/// `None` when the edit does not line up with the JSON structure.
pub(super) fn target(
    text: &str,
    (value, node): (&Value, &SpanNode),
    span: Span,
    replacement: &str,
) -> Option<Target> {
    let deletion = !span.is_empty() && replacement.is_empty();
    match within_token(value, node, span, Vec::new()) {
        // Nothing can replace a whole value: deleting one is deleting the element it is.
        Some(Target::Value(_)) if deletion => removal(text, value, node, span, Vec::new()),
        Some(target) => Some(target),
        None if deletion => removal(text, value, node, span, Vec::new()),
        None if span.is_empty() && !replacement.is_empty() => {
            insertion(value, node, span.start, replacement, Vec::new())
        }
        None => None,
    }
}

/// A whole value, or part of one string or key token.
fn within_token(value: &Value, node: &SpanNode, span: Span, mut path: Vec<Step>) -> Option<Target> {
    let own = node.span();
    if own == span {
        return Some(Target::Value(path));
    }
    if !(own.start <= span.start && span.end <= own.end) {
        return None;
    }
    match (value, node) {
        (Value::String(_), SpanNode::Scalar(token)) => {
            let inside = span.start > token.start && span.end < token.end;
            inside.then_some(Target::Token {
                path,
                token: *token,
                key: false,
            })
        }
        (Value::Object(map), SpanNode::Object(_, entries)) => {
            for (i, ((key, child), (key_span, child_node))) in map.iter().zip(entries).enumerate() {
                let in_key = key_span.start <= span.start && span.end <= key_span.end;
                if in_key && span.start > key_span.start && span.end < key_span.end {
                    path.push(Step::Key(key.clone(), i));
                    return Some(Target::Token {
                        path,
                        token: *key_span,
                        key: true,
                    });
                }
                let c = child_node.span();
                if c.start <= span.start && span.end <= c.end {
                    path.push(Step::Key(key.clone(), i));
                    return within_token(child, child_node, span, path);
                }
            }
            None
        }
        (Value::Array(items), SpanNode::Array(_, nodes)) => {
            for (i, (child, child_node)) in items.iter().zip(nodes).enumerate() {
                let c = child_node.span();
                if c.start <= span.start && span.end <= c.end {
                    path.push(Step::Index(i));
                    return within_token(child, child_node, span, path);
                }
            }
            None
        }
        _ => None,
    }
}

/// The children of a container: the step to each, its value and node, and the span it takes
/// (key to value for members).
fn children<'a>(
    value: &'a Value,
    node: &'a SpanNode,
) -> Vec<(Step, &'a Value, &'a SpanNode, Span)> {
    match (value, node) {
        (Value::Object(map), SpanNode::Object(_, entries)) => map
            .iter()
            .zip(entries)
            .enumerate()
            .map(|(i, ((key, child), (key_span, child_node)))| {
                let whole = Span::new(key_span.start, child_node.span().end);
                (Step::Key(key.clone(), i), child, child_node, whole)
            })
            .collect(),
        (Value::Array(items), SpanNode::Array(_, nodes)) => items
            .iter()
            .zip(nodes)
            .enumerate()
            .map(|(i, (child, child_node))| (Step::Index(i), child, child_node, child_node.span()))
            .collect(),
        _ => Vec::new(),
    }
}

/// True when `span` lies between the brackets of the container `node`.
fn inside_brackets(node: &SpanNode, span: Span) -> bool {
    let own = node.span();
    matches!(node, SpanNode::Object(..) | SpanNode::Array(..))
        && own.start < span.start
        && span.end < own.end
}

/// A deletion of whole children: `span` covers some children of one container entirely,
/// and nothing else of `text` but the commas and whitespace around them.
fn removal(
    text: &str,
    value: &Value,
    node: &SpanNode,
    span: Span,
    mut path: Vec<Step>,
) -> Option<Target> {
    if !inside_brackets(node, span) {
        return None;
    }
    let children = children(value, node);
    // A deletion within one child (not of all of it) belongs to that child.
    if let Some((step, child, child_node, _)) = children.iter().find(|(_, _, _, whole)| {
        whole.start <= span.start && span.end <= whole.end && span != *whole
    }) {
        let value_span = child_node.span();
        if !(value_span.start <= span.start && span.end <= value_span.end) {
            return None;
        }
        path.push(step.clone());
        return removal(text, child, child_node, span, path);
    }
    let touched: Vec<usize> = children
        .iter()
        .enumerate()
        .filter(|(_, (_, _, _, whole))| whole.start < span.end && span.start < whole.end)
        .map(|(i, _)| i)
        .collect();
    let (&first, &last) = (touched.first()?, touched.last()?);
    let whole_children = touched.iter().all(|&i| {
        let whole = children[i].3;
        span.start <= whole.start && whole.end <= span.end
    });
    if !whole_children {
        return None;
    }
    // Between and around the children deleted: only separators.
    let mut cursor = span.start;
    for &i in &touched {
        let whole = children[i].3;
        if !only_separators(&text[cursor..whole.start]) {
            return None;
        }
        cursor = whole.end;
    }
    only_separators(&text[cursor..span.end]).then_some(Target::Removal {
        path,
        first,
        end: last + 1,
    })
}

/// An insertion of whole children at byte `at`, between two children of one container (or
/// after its opening bracket, or before its closing one). `replacement` must hold complete
/// elements or members, with commas and whitespace only around and between them.
fn insertion(
    value: &Value,
    node: &SpanNode,
    at: usize,
    replacement: &str,
    mut path: Vec<Step>,
) -> Option<Target> {
    if !inside_brackets(node, Span::new(at, at)) {
        return None;
    }
    let children = children(value, node);
    if let Some((step, child, child_node, _)) = children
        .iter()
        .find(|(_, _, _, whole)| whole.start < at && at < whole.end)
    {
        path.push(step.clone());
        return insertion(child, child_node, at, replacement, path);
    }
    let gap = children
        .iter()
        .filter(|(_, _, _, whole)| whole.end <= at)
        .count();
    let body = replacement.trim_matches(|c: char| c == ',' || c.is_ascii_whitespace());
    let inserted = match node {
        SpanNode::Array(..) => match parse_json(&format!("[{body}]")).ok()?.0 {
            Value::Array(items) if !items.is_empty() => Inserted::Elements(items),
            _ => return None,
        },
        _ => match parse_json(&format!("{{{body}}}")).ok()?.0 {
            Value::Object(map) if !map.is_empty() => Inserted::Members(map.into_iter().collect()),
            _ => return None,
        },
    };
    Some(Target::Insertion {
        path,
        gap,
        inserted,
    })
}

/// True when `text` holds nothing but JSON whitespace and commas.
fn only_separators(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b',' | b' ' | b'\t' | b'\n' | b'\r'))
}
