//! Byte ranges of every key and value of a parsed document.
//!
//! The span tree mirrors the `serde_json::Value` it was parsed with: the n-th entry of an
//! object node is the n-th key of the value's map (duplicate keys are rejected by the parser,
//! so the two always line up), and the n-th item of an array node is the n-th element.

use std::ops::Range;

use serde_json::Value;

/// A half-open byte range `start..end` into a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a `Range<usize>`, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Number of bytes covered.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// The location of one JSON value in the source text, with the locations of its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanNode {
    /// A string, number, boolean or null token.
    Scalar(Span),
    /// An array from `[` to `]`, with one node per element.
    Array(Span, Vec<SpanNode>),
    /// An object from `{` to `}`, with the span of each key token (quotes included) and its value.
    Object(Span, Vec<(Span, SpanNode)>),
}

impl SpanNode {
    /// The span of the whole value, brackets and quotes included.
    pub fn span(&self) -> Span {
        match self {
            SpanNode::Scalar(s) | SpanNode::Array(s, _) | SpanNode::Object(s, _) => *s,
        }
    }

    /// The node of array element `index`.
    pub fn item(&self, index: usize) -> Option<&SpanNode> {
        match self {
            SpanNode::Array(_, items) => items.get(index),
            _ => None,
        }
    }

    /// The key span and value node of the `index`-th object entry.
    pub fn entry(&self, index: usize) -> Option<(Span, &SpanNode)> {
        match self {
            SpanNode::Object(_, entries) => entries.get(index).map(|(k, v)| (*k, v)),
            _ => None,
        }
    }
}

/// Where a value sits in the text: its key token (for object members) and the value itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The span of the key token, quotes included, when the value is an object member.
    pub key: Option<Span>,
    /// The span of the value.
    pub value: Span,
}

/// Finds the span node of the value at `pointer` (RFC 6901) by walking `value` and `node` together.
pub fn locate<'a>(
    value: &'a Value,
    node: &'a SpanNode,
    pointer: &str,
) -> Option<(&'a Value, &'a SpanNode, Option<Span>)> {
    if pointer.is_empty() {
        return Some((value, node, None));
    }
    let rest = pointer.strip_prefix('/')?;
    let mut value = value;
    let mut node = node;
    let mut key_span = None;
    for raw in rest.split('/') {
        let token = unescape_token(raw);
        match value {
            Value::Object(map) => {
                let index = map.keys().position(|k| *k == token)?;
                let (k, child) = node.entry(index)?;
                key_span = Some(k);
                node = child;
                value = map.get(token.as_ref())?;
            }
            Value::Array(items) => {
                let index = parse_index(&token)?;
                node = node.item(index)?;
                value = items.get(index)?;
                key_span = None;
            }
            _ => return None,
        }
    }
    Some((value, node, key_span))
}

fn parse_index(token: &str) -> Option<usize> {
    if token.len() > 1 && token.starts_with('0') {
        return None;
    }
    token.parse().ok()
}

/// Decodes one reference token of a JSON Pointer (`~1` is `/`, `~0` is `~`).
pub(super) fn unescape_token(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('~') {
        raw.replace("~1", "/").replace("~0", "~").into()
    } else {
        raw.into()
    }
}

/// Appends one reference token to a JSON Pointer, escaping `~` and `/`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if memchr::memchr2(b'~', b'/', token.as_bytes()).is_none() {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse::parse_json;

    #[test]
    fn locates_keys_and_values_by_pointer() {
        let text = r#"{"a": [1, {"b/c": "x", "~": true}], "d": null}"#;
        let (value, node) = parse_json(text).unwrap();
        let (_, n, key) = locate(&value, &node, "/a/1/b~1c").unwrap();
        assert_eq!(&text[n.span().range()], "\"x\"");
        assert_eq!(&text[key.unwrap().range()], "\"b/c\"");
        let (_, n, _) = locate(&value, &node, "/a/1/~0").unwrap();
        assert_eq!(&text[n.span().range()], "true");
        let (_, n, _) = locate(&value, &node, "/a/0").unwrap();
        assert_eq!(&text[n.span().range()], "1");
        assert!(locate(&value, &node, "/a/01").is_none());
        assert!(locate(&value, &node, "/missing").is_none());
        let (_, n, _) = locate(&value, &node, "").unwrap();
        assert_eq!(n.span(), Span::new(0, text.len()));
    }

    #[test]
    fn push_token_escapes() {
        let mut p = String::new();
        push_token(&mut p, "a/b~c");
        assert_eq!(p, "/a~1b~0c");
    }
}
