//! JSON held in strings (`jsonValue`): a tolerant reader for both its forms.
//!
//! Most payloads are strict JSON; ten in the corpus use single-quoted keys and strings with `\'`
//! escapes, which the service accepts. This reader takes both, and only finds structure and
//! string tokens: nothing is ever re-printed, edits go to the bytes of one name inside one token.

use std::borrow::Cow;

use super::text::Decoded;
use crate::document::Span;

/// The deepest nesting read; deeper payloads are scanned as plain text instead.
const MAX_DEPTH: usize = 256;

/// A node of a payload, with spans into the payload's text (whose keys it may borrow).
#[derive(Debug, Clone, PartialEq)]
pub enum PayloadNode<'a> {
    /// A string token (quotes included).
    Str(Span),
    /// An object: each member's decoded key, key token span and value.
    Object(Vec<(Cow<'a, str>, Span, PayloadNode<'a>)>),
    /// An array.
    Array(Vec<PayloadNode<'a>>),
    /// A number, `true`, `false` or `null`.
    Scalar,
}

impl<'a> PayloadNode<'a> {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&PayloadNode<'a>> {
        match self {
            PayloadNode::Object(members) => {
                members.iter().find(|(k, _, _)| k == key).map(|(_, _, v)| v)
            }
            _ => None,
        }
    }

    /// The elements of an array (none for other nodes).
    pub fn items(&self) -> &[PayloadNode<'a>] {
        match self {
            PayloadNode::Array(items) => items,
            _ => &[],
        }
    }

    /// The node at `path` of member names.
    pub fn at(&self, path: &[&str]) -> Option<&PayloadNode<'a>> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }
}

/// Reads `text` as a payload; `None` when it is not (tolerant) JSON.
pub fn parse(text: &str) -> Option<PayloadNode<'_>> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    reader.ws();
    let node = reader.value(0)?;
    reader.ws();
    (reader.pos == text.len()).then_some(node)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn ws(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        if self.bytes.get(self.pos) == Some(&b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<PayloadNode<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Some(PayloadNode::Object(members));
                }
                loop {
                    self.ws();
                    let (key_span, escaped) = self.string()?;
                    let key = if escaped {
                        Decoded::decode(self.text, key_span)?.text
                    } else {
                        Cow::Borrowed(&self.text[key_span.start + 1..key_span.end - 1])
                    };
                    if !self.eat(b':') {
                        return None;
                    }
                    let value = self.value(depth + 1)?;
                    members.push((key, key_span, value));
                    if self.eat(b',') {
                        continue;
                    }
                    return self.eat(b'}').then_some(PayloadNode::Object(members));
                }
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(PayloadNode::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b',') {
                        continue;
                    }
                    return self.eat(b']').then_some(PayloadNode::Array(items));
                }
            }
            b'"' | b'\'' => self.string().map(|(span, _)| PayloadNode::Str(span)),
            b if b == b'-' || b.is_ascii_alphanumeric() => {
                let len = self.bytes[self.pos..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.'))
                    .count();
                self.pos += len;
                Some(PayloadNode::Scalar)
            }
            _ => None,
        }
    }

    /// A string token at the cursor: its span, quotes included, and whether it holds an
    /// escape.
    fn string(&mut self) -> Option<(Span, bool)> {
        let quote = *self.bytes.get(self.pos)?;
        if !matches!(quote, b'"' | b'\'') {
            return None;
        }
        let start = self.pos;
        let mut escaped = false;
        let mut i = start + 1;
        while i < self.bytes.len() {
            match self.bytes[i] {
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                b if b == quote => {
                    self.pos = i + 1;
                    return Some((Span::new(start, i + 1), escaped));
                }
                _ => i += 1,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strict_and_single_quoted() {
        for text in [
            r#"{"a": [1, -2.5e3, true, null, "x"], "b": {"c": "$v$"}}"#,
            r#"{'a': [1, -2.5e3, true, null, 'x'], 'b': {'c': '$v$'}}"#,
        ] {
            let node = parse(text).unwrap();
            let PayloadNode::Str(span) = node.at(&["b", "c"]).unwrap() else {
                panic!("not a string")
            };
            assert_eq!(&text[span.start + 1..span.end - 1], "$v$");
            assert_eq!(node.get("a").unwrap().items().len(), 5);
        }
    }

    #[test]
    fn keeps_escaped_quotes_inside_strings() {
        let text = r#"{'s': '{ \'RemoteFile\' : \'$R$\' }', "d": "say \"hi\""}"#;
        let node = parse(text).unwrap();
        let PayloadNode::Str(span) = node.get("s").unwrap() else {
            panic!()
        };
        assert_eq!(
            Decoded::decode(text, *span).unwrap().text,
            "{ 'RemoteFile' : '$R$' }"
        );
    }

    #[test]
    fn rejects_non_json() {
        for text in ["", "{", "{'a' 1}", "{a: 1}", "[1,", "$x$", "{} x"] {
            assert!(parse(text).is_none(), "{text}");
        }
        let deep = "[".repeat(300) + &"]".repeat(300);
        assert!(parse(&deep).is_none());
    }
}
