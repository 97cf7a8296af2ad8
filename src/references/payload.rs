//! JSON held in strings (`jsonValue`): a tolerant reader for both its forms.
//!
//! Most payloads are strict JSON; ten in the corpus use single-quoted keys and strings with `\'`
//! escapes, which the service accepts. This reader takes both, and only finds structure and
//! string tokens: nothing is ever re-printed, edits go to the bytes of one name inside one token.

use std::borrow::Cow;

use crate::document::Decoded;
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

/// A string token of a payload (a value, not a key).
#[derive(Debug, Clone, PartialEq)]
pub struct PayloadString<'a> {
    /// The name of the member it sits under: `""` at the top level; the items of an array
    /// sit under the array's member.
    pub key: Cow<'a, str>,
    /// The token, quotes included.
    pub span: Span,
    /// Its place in a Data Mapping, when the payload is one.
    pub role: MappingRole,
}

/// Where a payload string sits in a Data Mapping's `mappedFields` (FORMAT.md §7): arrays
/// are transparent, so `referenceKey: ["$a$"]` counts as `referenceKey: "$a$"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingRole {
    /// Anywhere else.
    None,
    /// Under `mappedFields[i].inputField`, at any depth: something field `i` reads.
    Input(usize),
    /// `mappedFields[i].outputField.referenceKey`: the variable field `i` writes.
    Output(usize),
}

/// Every string token of the payload `text`, in order, without building its tree; `None`
/// exactly when [`parse`] is `None`.
pub fn strings(text: &str) -> Option<Vec<PayloadString<'_>>> {
    Reader::new(text, false).read().map(|(_, strings)| strings)
}

/// The tree of the payload `text` and its string tokens, read at once.
pub fn read(text: &str) -> Option<(PayloadNode<'_>, Vec<PayloadString<'_>>)> {
    Reader::new(text, true).read()
}

/// The reader's place relative to a Data Mapping's `mappedFields`, followed member by member
/// as it reads (no tree needed).
#[derive(Debug, Clone, Copy)]
enum Trail {
    Root,
    Elsewhere,
    Fields,
    Field(usize),
    Input(usize),
    OutputField(usize),
    OutputKey(usize),
}

impl Trail {
    /// The place of member `key` of an object at this place.
    fn member(self, key: &str) -> Trail {
        match (self, key) {
            (Trail::Root, "mappedFields") => Trail::Fields,
            (Trail::Field(i), "inputField") => Trail::Input(i),
            (Trail::Field(i), "outputField") => Trail::OutputField(i),
            (Trail::OutputField(i), "referenceKey") => Trail::OutputKey(i),
            (Trail::Input(i), _) => Trail::Input(i),
            _ => Trail::Elsewhere,
        }
    }

    /// The place of item `index` of an array at this place.
    fn item(self, index: usize) -> Trail {
        match self {
            Trail::Fields => Trail::Field(index),
            Trail::Root | Trail::Field(_) => Trail::Elsewhere,
            other => other,
        }
    }

    fn role(self) -> MappingRole {
        match self {
            Trail::Input(i) => MappingRole::Input(i),
            Trail::OutputKey(i) => MappingRole::Output(i),
            _ => MappingRole::None,
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Build the tree (false: every node is [`PayloadNode::Scalar`]). The string tokens are
    /// recorded in `strings` either way.
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
        let node = self.value(0, &Cow::Borrowed(""), Trail::Root)?;
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

    /// The value at the cursor, a member of `key` (or an item of the array that is), at
    /// `trail`.
    fn value(&mut self, depth: usize, key: &Cow<'a, str>, trail: Trail) -> Option<PayloadNode<'a>> {
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
                    let value = self.value(depth + 1, &key, trail.member(&key))?;
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
                let mut index = 0;
                loop {
                    let item = self.value(depth + 1, key, trail.item(index))?;
                    index += 1;
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
                self.strings.push(PayloadString {
                    key: key.clone(),
                    span,
                    role: trail.role(),
                });
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
                .map(|s| (s.key.into_owned(), s.span))
                .collect();
            assert_eq!(found, expected, "{text}");
        }
        let s = &strings(r#"{"a": ["x", {"b": 'y'}], "c\u0064": "z"}"#).unwrap()[2];
        assert_eq!((s.key.as_ref(), s.span.len()), ("cd", 3));
    }

    #[test]
    fn strings_know_their_place_in_a_data_mapping() {
        let text = r#"{"mappedFields": [
            {"inputField": {"fieldKey": "$a$", "transformExpression": {"x": ["$b$"]}},
             "outputField": {"referenceKey": "$c$", "fieldType": "$d$"}},
            {"outputField": [{"referenceKey": ["$e$"], "nested": {"referenceKey": "$f$"}}],
             "other": "$g$"},
            ["$h$"]
        ], "inputField": "$i$"}"#;
        let roles: Vec<(String, MappingRole)> = strings(text)
            .unwrap()
            .into_iter()
            .map(|s| (text[s.span.range()].trim_matches('"').to_string(), s.role))
            .collect();
        let expected = [
            ("$a$", MappingRole::Input(0)),
            ("$b$", MappingRole::Input(0)),
            ("$c$", MappingRole::Output(0)),
            ("$d$", MappingRole::None),
            ("$e$", MappingRole::Output(1)),
            ("$f$", MappingRole::None),
            ("$g$", MappingRole::None),
            ("$h$", MappingRole::None),
            ("$i$", MappingRole::None),
        ];
        let expected: Vec<(String, MappingRole)> =
            expected.iter().map(|(t, r)| (t.to_string(), *r)).collect();
        assert_eq!(roles, expected);
        // Reading the tree along records the same strings.
        assert_eq!(read(text).unwrap().1, strings(text).unwrap());
    }
}
