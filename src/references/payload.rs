//! JSON held in strings (`jsonValue`): a tolerant reader for both its forms.
//!
//! Most payloads are strict JSON; ten in the corpus use single-quoted keys and strings with `\'`
//! escapes, which the service accepts. This reader takes both, and only finds structure and
//! string tokens: nothing is ever re-printed, edits go to the bytes of one name inside one token.

use std::borrow::Cow;

use super::text::Decoded;
use crate::document::Span;
use crate::document::scan::escape_or_quote;

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

    /// The members of an object (none for other nodes).
    pub fn members(&self) -> &[(Cow<'a, str>, Span, PayloadNode<'a>)] {
        match self {
            PayloadNode::Object(members) => members,
            _ => &[],
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
    Reader::new(text, true).read().map(|(root, _)| root)
}

/// A string token of a payload (a value, not a key) and the name of the member it sits under:
/// `""` at the top level; the items of an array sit under the array's member.
pub type PayloadString<'a> = (Cow<'a, str>, Span);

/// Every string token of the payload `text`, in order, without building its tree; `None`
/// exactly when [`parse`] is `None`.
pub fn strings(text: &str) -> Option<Vec<PayloadString<'_>>> {
    Reader::new(text, false).read().map(|(_, strings)| strings)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Build the tree (false: only record the string tokens in `strings`, and every node is
    /// [`PayloadNode::Scalar`]).
    build: bool,
    strings: Vec<PayloadString<'a>>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, build: bool) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            build,
            strings: Vec::new(),
        }
    }

    /// The whole text as one value: its tree and its string tokens.
    fn read(mut self) -> Option<(PayloadNode<'a>, Vec<PayloadString<'a>>)> {
        self.ws();
        let node = self.value(0, &Cow::Borrowed(""))?;
        self.ws();
        (self.pos == self.text.len()).then_some((node, self.strings))
    }

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

    /// The value at the cursor, a member of `key` (or an item of the array that is).
    fn value(&mut self, depth: usize, key: &Cow<'a, str>) -> Option<PayloadNode<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Some(self.node(PayloadNode::Object(members)));
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
                    let value = self.value(depth + 1, &key)?;
                    if self.build {
                        members.push((key, key_span, value));
                    }
                    if self.eat(b',') {
                        continue;
                    }
                    return self
                        .eat(b'}')
                        .then_some(self.node(PayloadNode::Object(members)));
                }
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(self.node(PayloadNode::Array(items)));
                }
                loop {
                    let item = self.value(depth + 1, key)?;
                    if self.build {
                        items.push(item);
                    }
                    if self.eat(b',') {
                        continue;
                    }
                    return self
                        .eat(b']')
                        .then_some(self.node(PayloadNode::Array(items)));
                }
            }
            b'"' | b'\'' => {
                let (span, _) = self.string()?;
                if !self.build {
                    self.strings.push((key.clone(), span));
                }
                Some(PayloadNode::Str(span))
            }
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

    /// `node` when building, else a placeholder.
    fn node(&self, node: PayloadNode<'a>) -> PayloadNode<'a> {
        if self.build {
            node
        } else {
            PayloadNode::Scalar
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
        loop {
            i = escape_or_quote(self.bytes, i, quote);
            match self.bytes.get(i)? {
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                _ => {
                    self.pos = i + 1;
                    return Some((Span::new(start, i + 1), escaped));
                }
            }
        }
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

    #[test]
    fn strings_reads_as_parse_does() {
        let deep = "[".repeat(300) + &"]".repeat(300);
        let texts = [
            r#"{"a": ["x", {"b": 'y'}], "c\u0064": "z", "e": [[1, "w"]]}"#,
            r#"{"\ud800": 1}"#,
            r#"{"k": "unterminated}"#,
            r#""top""#,
            "",
            "{",
            "{'a' 1}",
            "{a: 1}",
            "[1,",
            "{} x",
            &deep,
        ];
        for text in texts {
            let tree = parse(text);
            let Some(strings) = strings(text) else {
                assert!(tree.is_none(), "{text}");
                continue;
            };
            // The same tokens, each under its member, as a walk of the tree finds them.
            fn walk<'a>(node: &PayloadNode<'a>, key: &str, out: &mut Vec<(String, Span)>) {
                match node {
                    PayloadNode::Str(span) => out.push((key.to_string(), *span)),
                    PayloadNode::Object(members) => {
                        members.iter().for_each(|(k, _, v)| walk(v, k, out));
                    }
                    PayloadNode::Array(items) => items.iter().for_each(|v| walk(v, key, out)),
                    PayloadNode::Scalar => {}
                }
            }
            let mut expected = Vec::new();
            walk(&tree.expect("strings read it"), "", &mut expected);
            let found: Vec<(String, Span)> = strings
                .into_iter()
                .map(|(k, s)| (k.into_owned(), s))
                .collect();
            assert_eq!(found, expected, "{text}");
        }
        let (key, span) = &strings(r#"{"a": ["x", {"b": 'y'}], "c\u0064": "z"}"#).unwrap()[2];
        assert_eq!((key.as_ref(), span.len()), ("cd", 3));
    }
}
