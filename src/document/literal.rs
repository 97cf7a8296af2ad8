//! Text held inside a JSON string token, with a map back to the token's raw bytes.
//!
//! `jsonValue` parameters and upload/download envelopes hold whole JSON documents inside a
//! string. To edit such inner text without re-escaping the rest of the token, integ decodes the
//! token once, remembers where every decoded byte came from, and turns an edit of the decoded
//! text into an edit of just the raw bytes it covers.

use super::edit::Edit;
use super::escape::EscapeStyle;
use super::spans::Span;

/// The decoded content of one string token and the raw offset of each decoded byte.
#[derive(Debug, Clone)]
pub struct StringLiteral {
    /// The decoded text.
    pub text: String,
    /// `raw[i]` is the byte offset, in the outer text, of the escape or character that produced
    /// decoded byte `i`; `raw[text.len()]` is the offset of the closing quote.
    raw: Vec<usize>,
    /// The escape style to use for replacement text, detected from the token itself.
    pub style: EscapeStyle,
}

impl StringLiteral {
    /// Decodes the string token at `span` of `outer` (quotes included). Returns `None` when the
    /// span is not a valid string token.
    pub fn decode(outer: &str, span: Span, file_style: EscapeStyle) -> Option<StringLiteral> {
        let token = outer.get(span.range())?;
        let body = token.strip_prefix('"')?.strip_suffix('"')?;
        let base = span.start + 1;
        let mut text = String::with_capacity(body.len());
        let mut raw = Vec::with_capacity(body.len() + 1);
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'\\' {
                let c = body[i..].chars().next()?;
                for _ in 0..c.len_utf8() {
                    raw.push(base + i);
                }
                text.push(c);
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let (c, len) = match *bytes.get(i + 1)? {
                b'"' => ('"', 2),
                b'\\' => ('\\', 2),
                b'/' => ('/', 2),
                b'b' => ('\u{8}', 2),
                b'f' => ('\u{c}', 2),
                b'n' => ('\n', 2),
                b'r' => ('\r', 2),
                b't' => ('\t', 2),
                b'u' => {
                    let hi = u32::from_str_radix(body.get(i + 2..i + 6)?, 16).ok()?;
                    if (0xD800..0xDC00).contains(&hi) {
                        let lo = u32::from_str_radix(body.get(i + 8..i + 12)?, 16).ok()?;
                        let c = 0x10000 + ((hi - 0xD800) << 10) + lo.checked_sub(0xDC00)?;
                        (char::from_u32(c)?, 12)
                    } else {
                        (char::from_u32(hi)?, 6)
                    }
                }
                _ => return None,
            };
            i += len;
            for _ in 0..c.len_utf8() {
                raw.push(base + start);
            }
            text.push(c);
        }
        raw.push(base + body.len());
        let style = if body.contains("\\u003d") || body.contains("\\u0027") {
            EscapeStyle::Gson
        } else {
            file_style
        };
        Some(StringLiteral { text, raw, style })
    }

    /// Turns "replace decoded bytes `inner` with `replacement`" into an edit of the outer text.
    /// `inner` must lie on character boundaries of the decoded text.
    pub fn edit(&self, inner: Span, replacement: &str) -> Edit {
        let start = self.raw[inner.start];
        let end = self.raw[inner.end];
        Edit::new(Span::new(start, end), self.style.escape(replacement))
    }

    /// Maps a span of the decoded text to the raw span it came from.
    pub fn raw_span(&self, inner: Span) -> Span {
        Span::new(self.raw[inner.start], self.raw[inner.end])
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
        assert_eq!(lit.text, r#"{"k": "$a=b$", 'x': '''}"#);
        assert_eq!(lit.style, EscapeStyle::Gson);
        let at = lit.text.find("a=b").unwrap();
        let edit = lit.edit(Span::new(at, at + 3), "c=d");
        let out = apply_edits(outer, vec![edit]).unwrap();
        assert_eq!(out, r#"{"v": "{\"k\": \"$c\u003dd$\", 'x': '\u0027'}"}"#);
    }

    #[test]
    fn handles_multibyte_and_surrogates() {
        let outer = "\"é\\ud83d\\ude00x\"";
        let lit =
            StringLiteral::decode(outer, Span::new(0, outer.len()), EscapeStyle::Minimal).unwrap();
        assert_eq!(lit.text, "é😀x");
        let x = lit.text.find('x').unwrap();
        assert_eq!(lit.raw_span(Span::new(x, x + 1)), Span::new(15, 16));
        let emoji = lit.text.find('😀').unwrap();
        assert_eq!(lit.raw_span(Span::new(emoji, emoji + 4)), Span::new(3, 15));
    }
}
