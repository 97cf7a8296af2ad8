//! What a set of edits means for the value, so that [`Document::apply`] can check its result.

use serde_json::{Map, Value};

use super::parse::parse_json;
use super::spans::{Span, SpanNode, push_token};
use super::{Document, Edit, EditError};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// What an edit touches.
enum Target {
    /// The whole value at the path.
    Value(Vec<Step>),
    /// Part of the string token at the path (a value) or of the key token of the path's last step.
    Token {
        path: Vec<Step>,
        token: Span,
        key: bool,
    },
}

/// The value `doc` should hold after `edits`, derived token by token.
pub(super) fn expected_value(doc: &Document, edits: &[Edit]) -> Result<Value, EditError> {
    let mut expected = doc.value.clone();
    // Edits inside one token are applied to that token together.
    let mut token_edits: Vec<(Vec<Step>, Span, bool, Vec<&Edit>)> = Vec::new();
    for edit in edits {
        match target(&doc.value, &doc.root, edit.span, Vec::new())
            .ok_or(EditError::Unaligned { span: edit.span })?
        {
            Target::Value(path) => {
                let (value, _) = parse_json(&edit.replacement)
                    .map_err(|_| EditError::Unaligned { span: edit.span })?;
                *value_at(&mut expected, &path)
                    .ok_or(EditError::Unaligned { span: edit.span })? = value;
            }
            Target::Token { path, token, key } => {
                match token_edits
                    .iter_mut()
                    .find(|(_, t, k, _)| *t == token && *k == key)
                {
                    Some(group) => group.3.push(edit),
                    None => token_edits.push((path, token, key, vec![edit])),
                }
            }
        }
    }
    for (path, token, key, group) in token_edits {
        let local: Vec<Edit> = group
            .iter()
            .map(|e| {
                Edit::new(
                    Span::new(e.span.start - token.start, e.span.end - token.start),
                    e.replacement.clone(),
                )
            })
            .collect();
        let raw = super::apply_edits(&doc.text[token.range()], local)?;
        let Ok((Value::String(decoded), _)) = parse_json(&raw) else {
            return Err(EditError::Unaligned { span: token });
        };
        let unaligned = EditError::Unaligned { span: token };
        if key {
            let (last, parent) = path.split_last().ok_or(unaligned.clone())?;
            let Step::Key(old) = last else {
                return Err(unaligned);
            };
            let Some(Value::Object(map)) = value_at(&mut expected, parent) else {
                return Err(unaligned);
            };
            let renamed: Map<String, Value> = std::mem::take(map)
                .into_iter()
                .map(|(k, v)| {
                    if k == *old {
                        (decoded.clone(), v)
                    } else {
                        (k, v)
                    }
                })
                .collect();
            *map = renamed;
        } else {
            *value_at(&mut expected, &path).ok_or(unaligned)? = Value::String(decoded);
        }
    }
    Ok(expected)
}

fn target(value: &Value, node: &SpanNode, span: Span, mut path: Vec<Step>) -> Option<Target> {
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
            for ((key, child), (key_span, child_node)) in map.iter().zip(entries) {
                let in_key = key_span.start <= span.start && span.end <= key_span.end;
                if in_key && span.start > key_span.start && span.end < key_span.end {
                    path.push(Step::Key(key.clone()));
                    return Some(Target::Token {
                        path,
                        token: *key_span,
                        key: true,
                    });
                }
                let c = child_node.span();
                if c.start <= span.start && span.end <= c.end {
                    path.push(Step::Key(key.clone()));
                    return target(child, child_node, span, path);
                }
            }
            None
        }
        (Value::Array(items), SpanNode::Array(_, nodes)) => {
            for (i, (child, child_node)) in items.iter().zip(nodes).enumerate() {
                let c = child_node.span();
                if c.start <= span.start && span.end <= c.end {
                    path.push(Step::Index(i));
                    return target(child, child_node, span, path);
                }
            }
            None
        }
        _ => None,
    }
}

fn value_at<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut cur = value;
    for step in path {
        cur = match step {
            Step::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            Step::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// The pointer of the first place where `a` and `b` differ, object key order included.
pub fn first_difference(a: &Value, b: &Value) -> Option<String> {
    let mut pointer = String::new();
    diff_at(a, b, &mut pointer).then_some(pointer)
}

fn diff_at(a: &Value, b: &Value, pointer: &mut String) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() || x.keys().zip(y.keys()).any(|(k, l)| k != l) {
                return true;
            }
            for (k, v) in x {
                let len = pointer.len();
                push_token(pointer, k);
                if diff_at(v, &y[k], pointer) {
                    return true;
                }
                pointer.truncate(len);
            }
            false
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return true;
            }
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                if diff_at(v, w, pointer) {
                    return true;
                }
                pointer.truncate(len);
            }
            false
        }
        _ => a != b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_values_for_token_key_and_whole_value_edits() {
        let doc = Document::parse(r#"{"a": "$x$ and $x$", "b": [1, 2], "k": 0}"#).unwrap();
        let a = doc.locate("/a").unwrap().value;
        let b = doc.locate("/b/1").unwrap().value;
        let k = doc.locate("/k").unwrap().key.unwrap();
        let edits = vec![
            Edit::new(Span::new(a.start + 2, a.start + 3), "yy"),
            Edit::new(Span::new(a.start + 10, a.start + 11), "yy"),
            Edit::new(b, "\"two\""),
            Edit::new(Span::new(k.start + 1, k.end - 1), "kk"),
        ];
        let edited = doc.apply(edits).unwrap();
        assert_eq!(
            edited.text(),
            r#"{"a": "$yy$ and $yy$", "b": [1, "two"], "kk": 0}"#
        );
        let keys: Vec<_> = edited
            .value()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["a", "b", "kk"]);
    }

    #[test]
    fn rejects_edits_across_tokens() {
        let doc = Document::parse(r#"{"a": "x", "b": "y"}"#).unwrap();
        let edit = Edit::new(Span::new(7, 14), "");
        assert!(matches!(
            doc.apply(vec![edit]),
            Err(EditError::Unaligned { .. })
        ));
    }

    #[test]
    fn key_order_counts_as_a_difference() {
        let a: Value = serde_json::from_str(r#"{"x": 1, "y": 2}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"y": 2, "x": 1}"#).unwrap();
        assert_eq!(first_difference(&a, &b), Some(String::new()));
        let c: Value = serde_json::from_str(r#"{"x": 1, "y": [3]}"#).unwrap();
        assert_eq!(first_difference(&a, &c).as_deref(), Some("/y"));
        assert_eq!(first_difference(&a, &a), None);
    }
}
