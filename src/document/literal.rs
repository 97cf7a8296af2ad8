//! Text held inside a JSON string token, with a map back to the token's raw bytes.
//!
//! `jsonValue` parameters and upload/download envelopes hold whole JSON documents inside a
//! string. To edit such inner text without re-escaping the rest of the token, integ decodes the
//! token once, remembers where every decoded byte came from, and turns an edit of the decoded
//! text into an edit of just the raw bytes it covers.

use super::decoded::Decoded;
use super::edit::Edit;
use super::escape::EscapeStyle;
use super::spans::Span;

/// The decoded content of one JSON string token (`"…"`) with the map back to its raw bytes,
/// and the escape style to write replacement text in.
#[derive(Debug, Clone)]
pub struct StringLiteral {
    /// The decoded text and where each of its bytes came from.
    decoded: Decoded<'static>,
    /// The escape style to use for replacement text, detected from the token itself.
    pub style: EscapeStyle,
}

impl StringLiteral {
    /// Decodes the string token at `span` of `outer` (quotes included). Returns `None` when the
    /// span is not a valid JSON string token.
    pub fn decode(outer: &str, span: Span, file_style: EscapeStyle) -> Option<StringLiteral> {
        let body = outer
            .get(span.range())?
            .strip_prefix('"')?
            .strip_suffix('"')?;
        let decoded = Decoded::decode(outer, span)?.into_owned();
        let style = if body.contains("\\u003d") || body.contains("\\u0027") {
            EscapeStyle::Gson
        } else {
            file_style
        };
        Some(StringLiteral { decoded, style })
    }

    /// The decoded text.
    pub fn text(&self) -> &str {
        &self.decoded.text
    }

    /// Turns "replace decoded bytes `inner` with `replacement`" into an edit of the outer text.
    /// `inner` must lie on character boundaries of the decoded text.
    pub fn edit(&self, inner: Span, replacement: &str) -> Edit {
        Edit::new(self.raw_span(inner), self.style.escape(replacement))
    }

    /// Maps a span of the decoded text to the raw span it came from.
    pub fn raw_span(&self, inner: Span) -> Span {
        self.decoded.raw_span(inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::edit::apply_edits;

    #[test]
    fn maps_decoded_edits_back_to_raw_bytes() {
        let outer = r#"{"v": "{\"k\": \"$a\u003db$\", 'x': '\u0027'}"}"#;
        let start = outer.find("\"{").unwrap();
        let span = Span::new(start, outer.len() - 1);
        let lit = StringLiteral::decode(outer, span, EscapeStyle::Minimal).unwrap();
        assert_eq!(lit.text(), r#"{"k": "$a=b$", 'x': '''}"#);
        assert_eq!(lit.style, EscapeStyle::Gson);
        let at = lit.text().find("a=b").unwrap();
        let edit = lit.edit(Span::new(at, at + 3), "c=d");
        let out = apply_edits(outer, vec![edit]).unwrap();
        assert_eq!(out, r#"{"v": "{\"k\": \"$c\u003dd$\", 'x': '\u0027'}"}"#);
    }

    #[test]
    fn handles_multibyte_and_surrogates() {
        let outer = "\"é\\ud83d\\ude00x\"";
        let lit =
            StringLiteral::decode(outer, Span::new(0, outer.len()), EscapeStyle::Minimal).unwrap();
        assert_eq!(lit.text(), "é😀x");
        let x = lit.text().find('x').unwrap();
        assert_eq!(lit.raw_span(Span::new(x, x + 1)), Span::new(15, 16));
        let emoji = lit.text().find('😀').unwrap();
        assert_eq!(lit.raw_span(Span::new(emoji, emoji + 4)), Span::new(3, 15));
    }
}
