//! A strict one-pass JSON parser that yields a `serde_json::Value` and the span of every node.
//!
//! It follows RFC 8259 exactly (no comments, no trailing commas), rejects duplicate keys (the
//! Application Integration API rejects them too), and limits nesting so that no input can
//! overflow the stack.

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use super::scan::{copy_plain, special_byte};

use super::spans::{Span, SpanNode};

/// The deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 512;

/// A syntax error at a byte offset of the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the offending character.
    pub offset: usize,
    /// What is wrong, in a few words.
    pub message: String,
}

type Result<T> = std::result::Result<T, SyntaxError>;

/// Parses `text` into a value and its span tree. A leading byte-order mark is skipped; spans
/// are byte offsets into `text` itself.
pub fn parse_json(text: &str) -> Result<(Value, SpanNode)> {
    Parser::new(text, true).document()
}

/// Checks the syntax of `text` (duplicate keys and depth included) and returns only its span
/// tree, without building a value: what layout printers need, at a fraction of the cost.
pub fn parse_layout(text: &str) -> Result<SpanNode> {
    Parser::new(text, false).document().map(|(_, node)| node)
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
    /// Build the `Value` (false: only check the syntax and record spans).
    build: bool,
    /// The buffer strings with escapes are decoded in.
    decoded: Vec<u8>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, build: bool) -> Self {
        Parser {
            bytes: text.as_bytes(),
            text,
            pos: if text.starts_with('\u{feff}') { 3 } else { 0 },
            depth: 0,
            build,
            decoded: Vec::new(),
        }
    }

    fn document(mut self) -> Result<(Value, SpanNode)> {
        self.skip_ws();
        if self.pos == self.bytes.len() {
            return Err(self.error("empty document: expected a JSON value"));
        }
        let parsed = self.value()?;
        self.skip_ws();
        if self.pos != self.bytes.len() {
            return Err(self.error("trailing characters after the JSON value"));
        }
        Ok(parsed)
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset: self.pos,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<(Value, SpanNode)> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let s = self.string()?;
                let value = if self.build {
                    Value::String(s.into_owned())
                } else {
                    Value::Null
                };
                Ok((value, SpanNode::Scalar(Span::new(start, self.pos))))
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => {
                let value = self.number()?.map_or(Value::Null, Value::Number);
                Ok((value, SpanNode::Scalar(Span::new(start, self.pos))))
            }
            None => Err(self.error("unexpected end of input: expected a JSON value")),
            Some(_) => Err(self.error(format!("expected a JSON value, found {}", self.found()))),
        }
    }

    /// The character (or word) at the current position, for messages.
    fn found(&self) -> String {
        let rest = &self.text[self.pos..];
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .take(20)
            .collect();
        match rest.chars().next() {
            _ if !word.is_empty() => format!("`{word}`"),
            Some(c) if c.is_control() => format!("{c:?}"),
            Some(c) => format!("`{c}`"),
            None => "end of input".to_string(),
        }
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<(Value, SpanNode)> {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok((value, SpanNode::Scalar(Span::new(start, self.pos))))
        } else {
            Err(self.error(format!("expected a JSON value, found {}", self.found())))
        }
    }

    fn object(&mut self) -> Result<(Value, SpanNode)> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut map = Map::new();
        // Without a map to ask, duplicates are found in a short list, or a set for big objects.
        let mut keys: Vec<Cow<'a, str>> = Vec::new();
        let mut key_set: std::collections::HashSet<Cow<'a, str>> = Default::default();
        let mut entries = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok((
                Value::Object(map),
                SpanNode::Object(Span::new(start, self.pos), entries),
            ));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error(format!("expected a string key, found {}", self.found())));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error(format!(
                    "expected `:` after the key, found {}",
                    self.found()
                )));
            }
            self.pos += 1;
            self.skip_ws();
            let (value, node) = self.value()?;
            let duplicate = if self.build {
                match map.entry(key.into_owned()) {
                    serde_json::map::Entry::Vacant(slot) => {
                        slot.insert(value);
                        None
                    }
                    serde_json::map::Entry::Occupied(slot) => Some(slot.key().clone()),
                }
            } else if keys.len() < 16 {
                if keys.contains(&key) {
                    Some(key.into_owned())
                } else {
                    keys.push(key);
                    None
                }
            } else {
                if key_set.is_empty() {
                    key_set.extend(keys.iter().cloned());
                }
                (!key_set.insert(key.clone())).then(|| key.into_owned())
            };
            if let Some(key) = duplicate {
                return Err(SyntaxError {
                    offset: key_start,
                    message: format!("duplicate key {key:?} in the same object"),
                });
            }
            entries.push((key_span, node));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => {
                    return Err(self.error(format!("expected `,` or `}}`, found {}", self.found())));
                }
            }
        }
        self.depth -= 1;
        Ok((
            Value::Object(map),
            SpanNode::Object(Span::new(start, self.pos), entries),
        ))
    }

    fn array(&mut self) -> Result<(Value, SpanNode)> {
        let start = self.pos;
        self.enter()?;
        self.pos += 1;
        let mut values = Vec::new();
        let mut nodes = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok((
                Value::Array(values),
                SpanNode::Array(Span::new(start, self.pos), nodes),
            ));
        }
        loop {
            self.skip_ws();
            let (value, node) = self.value()?;
            if self.build {
                values.push(value);
            }
            nodes.push(node);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.error(format!("expected `,` or `]`, found {}", self.found()))),
            }
        }
        self.depth -= 1;
        Ok((
            Value::Array(values),
            SpanNode::Array(Span::new(start, self.pos), nodes),
        ))
    }

    /// Parses a string token starting at the opening quote and returns its decoded text
    /// (borrowed from the source when it has no escapes).
    fn string(&mut self) -> Result<Cow<'a, str>> {
        self.pos += 1;
        let start = self.pos;
        self.pos = special_byte(self.bytes, start);
        if self.peek() == Some(b'"') {
            self.pos += 1;
            return Ok(self.text[start..self.pos - 1].into());
        }
        // The string holds an escape (or is malformed). It is decoded into the parser's
        // buffer, which keeps its room from string to string, and copied out once at its
        // final size. Every plain run copied starts and ends next to an ASCII byte, and every
        // escape adds a whole character: the bytes are UTF-8.
        let mut out = std::mem::take(&mut self.decoded);
        out.clear();
        out.extend_from_slice(&self.bytes[start..self.pos]);
        let decoded = self.rest_of_string(&mut out).map(|()| {
            let text = std::str::from_utf8(&out).expect("whole characters of a str");
            Cow::Owned(text.to_owned())
        });
        self.decoded = out;
        decoded
    }

    /// Decodes the rest of a string into `out`, from an escape (or a malformed byte) to past
    /// the closing quote.
    fn rest_of_string(&mut self, out: &mut Vec<u8>) -> Result<()> {
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                // `\"` is nearly every escape of a file (JSON held in strings): it is taken
                // here, before the jump table of the other escapes, which it would mispredict.
                Some(b'\\') if self.bytes.get(self.pos + 1) == Some(&b'"') => {
                    out.push(b'"');
                    self.pos += 2;
                }
                Some(b'\\') => self.escape(out)?,
                Some(_) => return Err(self.error("control character inside a string")),
                None => return Err(self.error("unterminated string")),
            }
            self.pos = copy_plain(self.bytes, self.pos, out);
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<()> {
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&first) {
                    if !self.bytes[self.pos..].starts_with(b"\\u") {
                        return Err(self.error("unpaired surrogate in a \\u escape"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("unpaired surrogate in a \\u escape"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                let c = char::from_u32(c)
                    .ok_or_else(|| self.error("unpaired surrogate in a \\u escape"))?;
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                return Ok(());
            }
            _ => return Err(self.error("invalid escape sequence")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("expected four hex digits after \\u"))?;
        let value = u32::from_str_radix(digits, 16).expect("checked hex digits");
        self.pos += 4;
        Ok(value)
    }

    fn number(&mut self) -> Result<Option<Number>> {
        let start = self.pos;
        let mut integer = true;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number: expected a digit")),
        }
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number: expected a digit after `.`"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number: expected a digit in the exponent"));
            }
            self.digits();
        }
        let lexeme = &self.text[start..self.pos];
        // An integer of fewer than 300 characters is below 10^299, so always in f64's range;
        // a longer one is out of range exactly when the full parse says so.
        let short_integer = integer && lexeme.len() < 300;
        if !self.build && (short_integer || lexeme.parse::<f64>().is_ok_and(f64::is_finite)) {
            return Ok(None);
        }
        if integer && lexeme != "-0" {
            // serde_json reads `-0` as the float -0.0; every other integer stays an integer.
            if let Ok(n) = lexeme.parse::<u64>() {
                return Ok(Some(n.into()));
            }
            if let Ok(n) = lexeme.parse::<i64>() {
                return Ok(Some(n.into()));
            }
        }
        let f: f64 = lexeme.parse().expect("validated number grammar");
        Number::from_f64(f)
            .map(|n| Some(n).filter(|_| self.build))
            .ok_or(SyntaxError {
                offset: start,
                message: "number out of range".to_string(),
            })
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(text: &str) {
        let (value, _) = parse_json(text).unwrap();
        let expected: Value = serde_json::from_str(text).unwrap();
        assert_eq!(value, expected, "{text}");
    }

    #[test]
    fn values_match_serde_json() {
        same_as_serde(
            r#"{"a": [1, -2, 3.5, 1e3, -0.0, 18446744073709551615, -9223372036854775808]}"#,
        );
        same_as_serde(
            r#"["\u003d\u0027 \ud83d\ude00 \n\t\\\/\"", "", "plain", true, false, null]"#,
        );
        same_as_serde(r#"{"big": 12345678901234567890123, "f": 1.7976931348623157e308}"#);
        same_as_serde("  {\n\t\"k\" : { } , \"l\":[ ]}\r\n");
    }

    #[test]
    fn spans_cover_tokens() {
        let text = r#"{"k": "v", "n": [10, {"x": null}]}"#;
        let (_, node) = parse_json(text).unwrap();
        let SpanNode::Object(_, entries) = &node else {
            panic!()
        };
        assert_eq!(&text[entries[0].0.range()], "\"k\"");
        assert_eq!(&text[entries[0].1.span().range()], "\"v\"");
        assert_eq!(&text[entries[1].1.span().range()], "[10, {\"x\": null}]");
    }

    #[test]
    fn rejects_bad_input_with_positions() {
        let cases = [
            ("", 0, "empty"),
            ("{\"a\": 1,}", 8, "string key"),
            ("{\"a\": 1} x", 9, "trailing"),
            ("{\"a\": 1, \"a\": 2}", 9, "duplicate key"),
            ("[01]", 2, "`,` or `]`"),
            ("\"\\x\"", 2, "invalid escape"),
            ("\"\\ud800\"", 7, "unpaired"),
            ("[1.]", 3, "after `.`"),
            ("\"abc", 4, "unterminated"),
            ("[\"a\u{1}\"]", 3, "control"),
            ("[1e999]", 1, "out of range"),
            ("nul", 0, "found `nul`"),
        ];
        for (text, offset, needle) in cases {
            let err = parse_json(text).unwrap_err();
            assert_eq!(err.offset, offset, "{text:?}: {}", err.message);
            assert!(err.message.contains(needle), "{text:?}: {}", err.message);
        }
    }

    #[test]
    fn layout_parse_checks_the_same_syntax() {
        let text = r#"{"k": "v", "n": [10, {"x": null, "y": "a\u0041"}]}"#;
        assert_eq!(parse_layout(text).unwrap(), parse_json(text).unwrap().1);
        for bad in [
            "{\"a\": 1,}",
            "[1e999]",
            "{\"a\": 1, \"\\u0061\": 2}",
            "\"\\x\"",
        ] {
            assert_eq!(
                parse_layout(bad).unwrap_err(),
                parse_json(bad).unwrap_err(),
                "{bad}"
            );
        }
        let many: Vec<String> = (0..40).map(|i| format!("\"k{i}\": {i}")).collect();
        let dup = format!("{{{}, \"k7\": 0}}", many.join(", "));
        assert!(
            parse_layout(&dup)
                .unwrap_err()
                .message
                .contains("duplicate key \"k7\"")
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(200_000) + &"]".repeat(200_000);
        let err = parse_json(&text).unwrap_err();
        assert!(err.message.contains("nesting"));
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse_json(&ok).is_ok());
    }

    #[test]
    fn strings_with_escapes_and_long_runs_decode() {
        let long = "x".repeat(37);
        let text = format!(r#"["{long}\u003d{long}\"", "é\\n\t", "{long}"]"#);
        let (value, _) = parse_json(&text).unwrap();
        let expected: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value, expected);
        let err = parse_json(&format!("[\"{long}\u{1}\"]")).unwrap_err();
        assert_eq!(
            (err.offset, err.message.as_str()),
            (39, "control character inside a string")
        );
        let err = parse_json(&format!("[\"{long}")).unwrap_err();
        assert_eq!(err.message, "unterminated string");
    }
}
