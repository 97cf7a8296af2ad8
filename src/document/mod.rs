//! The lossless document: original text, parsed value, and the span of every node.
//!
//! A [`Document`] never changes. [`Document::apply`] splices [`Edit`]s into the original text,
//! re-parses the result and checks that it holds exactly the value the edits meant to produce,
//! so a bug in an edit becomes an error instead of a damaged file.

mod edit;
mod escape;
mod expect;
pub use expect::first_difference;
mod decoded;
mod insert;
mod layout;
mod line_index;
mod literal;
pub(crate) mod parse;
mod remove;
pub(crate) mod scan;
mod spans;
mod target;

pub use decoded::Decoded;
pub use edit::{Edit, OverlapError, apply_edits};
pub use escape::EscapeStyle;
pub use insert::{add_members, append_elements};
pub use layout::{Layout, first_array_inline};
pub use line_index::{LineIndex, line_cols};
pub use literal::StringLiteral;
pub use parse::{MAX_DEPTH, SyntaxError, parse_layout};
pub use remove::{Removal, remove_elements, remove_keys, remove_members, remove_value};
pub use spans::{Location, Span, SpanNode, push_token};

use serde_json::Value;

/// How the file's text is laid out around the JSON value: kept as is by every write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    /// The text starts with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Lines end with `\r\n`.
    pub crlf: bool,
    /// The text ends with a newline.
    pub final_newline: bool,
}

impl TextStyle {
    /// Reads the conventions of `text`.
    pub fn detect(text: &str) -> TextStyle {
        TextStyle {
            bom: text.starts_with('\u{feff}'),
            crlf: text
                .find('\n')
                .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r'),
            final_newline: text.ends_with('\n'),
        }
    }

    /// The line ending of the file.
    pub fn newline(self) -> &'static str {
        if self.crlf { "\r\n" } else { "\n" }
    }
}

/// A parsed JSON text that remembers where every key and value came from.
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    value: Value,
    root: SpanNode,
    escape: std::sync::OnceLock<EscapeStyle>,
}

/// Why a set of edits could not be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// Two edits touch the same bytes.
    #[error(transparent)]
    Overlap(#[from] OverlapError),
    /// The edited text is no longer valid JSON (an internal bug, caught before writing).
    #[error("internal error: the edited text is not valid JSON ({message} at byte {offset})")]
    Reparse {
        /// Byte offset of the syntax error in the edited text.
        offset: usize,
        /// The parser's message.
        message: String,
    },
    /// The edited text parses, but not to the value the edits meant (an internal bug).
    #[error("internal error: the edited text does not hold the intended value at {pointer}")]
    Mismatch {
        /// Where the values first differ.
        pointer: String,
    },
    /// An edit does not line up with a token, so its meaning cannot be checked.
    #[error("internal error: edit at bytes {}..{} does not line up with a JSON token", span.start, span.end)]
    Unaligned {
        /// The edit's span.
        span: Span,
    },
}

impl Document {
    /// Parses `text`. The text is kept byte for byte.
    pub fn parse(text: impl Into<String>) -> Result<Document, SyntaxError> {
        let text = text.into();
        let (value, root) = parse::parse_json(&text)?;
        Ok(Document::from_parsed(text, value, root))
    }

    /// Builds a document from a text and what [`parse::parse_json`] returned for it.
    pub(crate) fn from_parsed(text: String, value: Value, root: SpanNode) -> Document {
        Document {
            text,
            value,
            root,
            escape: std::sync::OnceLock::new(),
        }
    }

    /// The original text, byte-order mark and final newline included.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parsed value (object keys in source order).
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The span tree of the root value.
    pub fn root(&self) -> &SpanNode {
        &self.root
    }

    /// The escape style new strings are written in.
    pub fn escape_style(&self) -> EscapeStyle {
        *self.escape.get_or_init(|| EscapeStyle::detect(&self.text))
    }

    /// BOM, line endings and final newline of the text.
    pub fn text_style(&self) -> TextStyle {
        TextStyle::detect(&self.text)
    }

    /// The value at `pointer` (RFC 6901) with its span node.
    pub fn node(&self, pointer: &str) -> Option<(&Value, &SpanNode)> {
        spans::locate(&self.value, &self.root, pointer).map(|(v, n, _)| (v, n))
    }

    /// Where the value at `pointer` and, for object members, its key sit in the text.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        spans::locate(&self.value, &self.root, pointer).map(|(_, n, key)| Location {
            key,
            value: n.span(),
        })
    }

    /// Decodes the string token at `span`, for editing text held inside it.
    pub fn string_literal(&self, span: Span) -> Option<StringLiteral> {
        StringLiteral::decode(&self.text, span, self.escape_style())
    }

    /// The raw source text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// A string token holding `s`, escaped in this file's style.
    pub fn quote(&self, s: &str) -> String {
        self.escape_style().quote(s)
    }

    /// Applies `edits` and returns the edited document. Every edit must replace part of a
    /// string token, a whole key token, or a whole value; or delete whole members or elements
    /// with the commas and whitespace between them; or insert whole members or elements
    /// between two of them (or after the opening bracket, or before the closing one). The
    /// result is re-parsed and compared with the value those edits mean, key order included.
    pub fn apply(&self, edits: Vec<Edit>) -> Result<Document, EditError> {
        if edits.is_empty() {
            return Ok(self.clone());
        }
        let expected = expect::expected_value(self, &edits)?;
        self.apply_expecting(edits, &expected)
    }

    /// Applies `edits` and checks that the result parses to `expected`.
    pub fn apply_expecting(
        &self,
        edits: Vec<Edit>,
        expected: &Value,
    ) -> Result<Document, EditError> {
        let text = apply_edits(&self.text, edits)?;
        let edited = Document::parse(text).map_err(|e| EditError::Reparse {
            offset: e.offset,
            message: e.message,
        })?;
        if let Some(pointer) = expect::first_difference(&edited.value, expected) {
            return Err(EditError::Mismatch { pointer });
        }
        let _ = edited.escape.set(self.escape_style());
        Ok(edited)
    }

    /// Consumes the document and returns its text.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Consumes the document and returns its parsed value, for readers that need no spans.
    pub fn into_value(self) -> Value {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_text_style() {
        let s = TextStyle::detect("\u{feff}{\r\n}\r\n");
        assert!(s.bom && s.crlf && s.final_newline);
        let s = TextStyle::detect("{\n}");
        assert!(!s.bom && !s.crlf && !s.final_newline);
        assert_eq!(s.newline(), "\n");
    }

    #[test]
    fn parses_with_bom_and_keeps_text() {
        let text = "\u{feff}{\r\n  \"a\": \"x\"\r\n}";
        let doc = Document::parse(text).unwrap();
        assert_eq!(doc.text(), text);
        let loc = doc.locate("/a").unwrap();
        assert_eq!(doc.slice(loc.value), "\"x\"");
        assert_eq!(doc.slice(loc.key.unwrap()), "\"a\"");
    }

    #[test]
    fn apply_checks_the_result() {
        let doc = Document::parse(r#"{"a": "x=1", "b": 2}"#).unwrap();
        let span = doc.locate("/a").unwrap().value;
        let edited = doc.apply(vec![Edit::new(span, doc.quote("y<2"))]).unwrap();
        assert_eq!(edited.text(), r#"{"a": "y<2", "b": 2}"#);
        assert_eq!(edited.value()["a"], "y<2");
        // An edit that breaks the JSON is caught.
        let bad = Edit::new(Span::new(span.start, span.start + 1), "");
        assert!(doc.apply(vec![bad.clone()]).is_err());
        assert!(matches!(
            doc.apply_expecting(vec![bad], doc.value()),
            Err(EditError::Reparse { .. })
        ));
        // So is an edit whose result parses to something else than intended.
        let other = Edit::new(doc.locate("/b").unwrap().value, "3");
        assert!(matches!(
            doc.apply_expecting(vec![other], doc.value()),
            Err(EditError::Mismatch { .. })
        ));
    }
}
