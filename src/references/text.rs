//! Decoded string tokens that remember where each byte came from, through any number of layers.
//!
//! A variable name can sit inside a JSON string that is itself inside a `jsonValue` string of
//! the document (and so on). Each layer is a [`Decoded`] string whose `raw` offsets point into
//! the text of the layer around it; mapping a span through every layer, innermost first, gives
//! the bytes of the document that spell the name.

use crate::document::Span;

/// False when `raw`, the text of a string token at any depth of escaping, cannot hold a
/// `$…$` reference: it has no `$`, and no `\u0024` escape that would decode to one. Most
/// strings of a file are such, and are then neither decoded nor scanned.
pub fn may_hold_dollar(raw: &str) -> bool {
    static ESCAPED: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"u0024"));
    memchr::memchr(b'$', raw.as_bytes()).is_some() || ESCAPED.find(raw.as_bytes()).is_some()
}

/// The decoded content of one quoted string token (`"…"` or `'…'`) and the offset, in the text
/// around it, of the escape or character that produced each decoded byte.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// The quote character of the token (`"` or `'`).
    pub quote: char,
    /// Where decoded bytes came from, as runs sorted by decoded offset: a plain run maps byte
    /// for byte, an escape maps every byte it produced to the backslash. Sparse, since
    /// payloads are long and escapes few.
    runs: Vec<Run>,
    /// The offset of the closing quote (where `text.len()` maps to).
    end: usize,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    decoded: usize,
    raw: usize,
    escape: bool,
}

impl Decoded {
    /// Decodes the token at `span` of `outer`, quotes included. Both quote characters are
    /// accepted (single-quoted payloads exist); escapes are JSON's plus `\'`. Returns `None`
    /// for anything that is not a well-formed token.
    pub fn decode(outer: &str, span: Span) -> Option<Decoded> {
        let token = outer.get(span.range())?;
        let quote = token.chars().next()?;
        if !matches!(quote, '"' | '\'') || token.len() < 2 || !token.ends_with(quote) {
            return None;
        }
        let body = &token[1..token.len() - 1];
        let base = span.start + 1;
        let bytes = body.as_bytes();
        let mut text = String::with_capacity(body.len());
        // At most two runs per escape, and one more: sized once, never grown.
        let escapes = memchr::memchr_iter(b'\\', bytes).count();
        let mut runs = Vec::with_capacity(2 * escapes + 1);
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'\\' {
                // A plain stretch up to the next escape: copied whole, mapped by one run.
                let stop =
                    memchr::memchr2(b'\\', quote as u8, &bytes[i..]).map_or(bytes.len(), |n| i + n);
                if bytes.get(stop) == Some(&(quote as u8)) {
                    return None;
                }
                runs.push(Run {
                    decoded: text.len(),
                    raw: base + i,
                    escape: false,
                });
                text.push_str(body.get(i..stop)?);
                i = stop;
                continue;
            }
            let (c, len) = match *bytes.get(i + 1)? {
                b'"' => ('"', 2),
                b'\'' => ('\'', 2),
                b'\\' => ('\\', 2),
                b'/' => ('/', 2),
                b'b' => ('\u{8}', 2),
                b'f' => ('\u{c}', 2),
                b'n' => ('\n', 2),
                b'r' => ('\r', 2),
                b't' => ('\t', 2),
                b'u' => {
                    let hi = u32::from_str_radix(body.get(i + 2..i + 6)?, 16).ok()?;
                    if (0xD800..0xDC00).contains(&hi) && body.get(i + 6..i + 8) == Some("\\u") {
                        let lo = u32::from_str_radix(body.get(i + 8..i + 12)?, 16).ok()?;
                        let c = 0x10000 + ((hi - 0xD800) << 10) + lo.checked_sub(0xDC00)?;
                        (char::from_u32(c)?, 12)
                    } else {
                        (char::from_u32(hi)?, 6)
                    }
                }
                _ => return None,
            };
            runs.push(Run {
                decoded: text.len(),
                raw: base + i,
                escape: true,
            });
            text.push(c);
            i += len;
        }
        Some(Decoded {
            text,
            quote,
            runs,
            end: base + body.len(),
        })
    }

    /// A string that is already decoded (a value's string, not a token of a text): its bytes
    /// map to themselves, so spans stay spans of `text`.
    pub fn plain(text: &str) -> Decoded {
        Decoded {
            text: text.to_string(),
            quote: '"',
            runs: vec![Run {
                decoded: 0,
                raw: 0,
                escape: false,
            }],
            end: text.len(),
        }
    }

    /// The offset in the enclosing text of decoded byte `i` (`text.len()`: the closing quote).
    fn raw(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.end;
        }
        let run = self.runs[self.runs.partition_point(|r| r.decoded <= i) - 1];
        if run.escape {
            run.raw
        } else {
            run.raw + (i - run.decoded)
        }
    }

    /// The span of the enclosing text that produced decoded bytes `inner`.
    pub fn raw_span(&self, inner: Span) -> Span {
        Span::new(self.raw(inner.start), self.raw(inner.end))
    }
}

/// Escapes `text` for the inside of a payload string token quoted with `quote`.
pub fn escape_in_payload(text: &str, quote: char) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == quote || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Maps `inner`, a span of the innermost layer's text, to a span of the document, through
/// `layers` (outermost first).
pub fn map_span(layers: &[&Decoded], inner: Span) -> Span {
    layers
        .iter()
        .rev()
        .fold(inner, |span, layer| layer.raw_span(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_both_quote_styles_with_offsets() {
        let outer = r#"x 'a\'b\u0027c"' y"#;
        let start = outer.find('\'').unwrap();
        let end = outer.rfind('\'').unwrap() + 1;
        let d = Decoded::decode(outer, Span::new(start, end)).unwrap();
        assert_eq!(d.text, "a'b'c\"");
        let c = d.text.find('c').unwrap();
        assert_eq!(&outer[d.raw_span(Span::new(c, c + 1)).range()], "c");
        let quote = d.text.find('\'').unwrap();
        assert_eq!(
            &outer[d.raw_span(Span::new(quote, quote + 1)).range()],
            "\\'"
        );
        assert!(Decoded::decode("'a'b'", Span::new(0, 5)).is_none());
        assert_eq!(escape_in_payload(r#"a'b"\"#, '\''), r#"a\'b"\\"#);
        assert!(Decoded::decode("\"a", Span::new(0, 2)).is_none());
    }

    #[test]
    fn maps_through_two_layers() {
        // A document string holding a payload whose string holds `$v$`.
        let doc = r#"{"j": "{\"k\": \"say $v$\"}"}"#;
        let start = doc.find("\"{").unwrap();
        let outer = Decoded::decode(doc, Span::new(start, doc.len() - 1)).unwrap();
        assert_eq!(outer.text, r#"{"k": "say $v$"}"#);
        let inner_start = outer.text.find("\"say").unwrap();
        let inner =
            Decoded::decode(&outer.text, Span::new(inner_start, outer.text.len() - 1)).unwrap();
        let v = inner.text.find('v').unwrap();
        let span = map_span(&[&outer, &inner], Span::new(v, v + 1));
        assert_eq!(&doc[span.range()], "v");
    }
}
