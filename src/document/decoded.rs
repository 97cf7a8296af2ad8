//! The one decoder of string tokens: the decoded text of a `"…"` or `'…'` token and, for each
//! decoded byte, the offset of the escape or character that produced it.
//!
//! Document strings, envelope contents and JSON held in strings (at any depth, where single
//! quotes occur) are all read with it. Only escapes are recorded, not one offset per byte, so
//! a megabyte payload with a few escapes costs a few entries; and a payload-sized document
//! string whose escapes are all of two bytes (the `\"` of JSON held in it) records none: its
//! offsets are counted when a reference asks for one.

use std::borrow::Cow;

use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::Relaxed;

use super::scan::{count_escaped, escape_or_quote};
use super::spans::Span;

/// The decoded content of one quoted string token (`"…"` or `'…'`) and the offset, in the text
/// around it, of the escape or character that produced each decoded byte.
///
/// The text is borrowed when it needs no copy: from the token itself when it has no escape, or
/// from a decoded value the caller already holds ([`Decoded::with_text`]).
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The decoded text.
    pub text: Cow<'a, str>,
    /// The quote character of the token (`"` or `'`).
    pub quote: char,
    /// Where each decoded byte came from.
    offsets: Offsets,
    /// The offset of the first byte of the token's content (after the opening quote).
    base: usize,
    /// The offset of the closing quote (where `text.len()` maps to).
    end: usize,
}

/// The length of token content from which [`Offsets::Counted`] is used when it can be.
const COUNTED_FROM: usize = 256;

/// How the bytes of a decoded text map back to the bytes of its token.
#[derive(Debug)]
enum Offsets {
    /// The token's escapes, in order. Every byte an escape produced maps to its backslash; the
    /// plain bytes between escapes map byte for byte. Empty when the token has none.
    Listed(Vec<Escape>),
    /// Every escape of the token takes two bytes for one and produced exactly the quotes,
    /// backslashes and control characters of the text (a document string without `\u` or
    /// `\/`), so a byte's offset is its own plus the number of those before it. They are
    /// counted when asked for, from the last byte asked for (references come nearly in order),
    /// which costs a fraction of listing every escape of a large payload. The last position
    /// and its count are packed in one word (`offset << 32 | count`), atomic so that a decoded
    /// text stays `Sync`.
    Counted(AtomicU64),
}

impl Clone for Offsets {
    fn clone(&self) -> Self {
        match self {
            Offsets::Listed(escapes) => Offsets::Listed(escapes.clone()),
            Offsets::Counted(cursor) => Offsets::Counted(AtomicU64::new(cursor.load(Relaxed))),
        }
    }
}

/// One escape of a token: where it starts in the decoded text and in the text around the
/// token, and how many bytes it takes in each.
#[derive(Debug, Clone, Copy)]
struct Escape {
    decoded: usize,
    raw: usize,
    decoded_len: u8,
    raw_len: u8,
}

/// One escape of a token's content: how many bytes it takes and the character it stands for.
#[inline]
fn escape_at(body: &str, i: usize) -> Option<(char, usize)> {
    Some(match *body.as_bytes().get(i + 1)? {
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
    })
}

/// The content of the token at `span` of `outer` (quotes excluded) and its quote character;
/// `None` unless the token starts and ends with the same quote, `"` or `'`.
fn token_body(outer: &str, span: Span) -> Option<(&str, char)> {
    let token = outer.get(span.range())?;
    let quote = token.chars().next()?;
    if !matches!(quote, '"' | '\'') || token.len() < 2 || !token.ends_with(quote) {
        return None;
    }
    Some((&token[1..token.len() - 1], quote))
}

impl<'a> Decoded<'a> {
    /// Decodes the token at `span` of `outer`, quotes included. Both quote characters are
    /// accepted (single-quoted payloads exist); escapes are JSON's plus `\'`. Returns `None`
    /// for anything that is not a well-formed token. A token without escapes is borrowed.
    pub fn decode(outer: &'a str, span: Span) -> Option<Decoded<'a>> {
        let (body, quote) = token_body(outer, span)?;
        let base = span.start + 1;
        let (text, escapes) = if memchr::memchr2(b'\\', quote as u8, body.as_bytes()).is_none() {
            (Cow::Borrowed(body), Vec::new())
        } else {
            let mut text = String::with_capacity(body.len());
            let (escapes, _) = Decoded::escapes(body, quote, base, Some(&mut text))?;
            (Cow::Owned(text), escapes)
        };
        Some(Decoded {
            text,
            quote,
            offsets: Offsets::Listed(escapes),
            base,
            end: base + body.len(),
        })
    }

    /// The token at `span` of `outer` (a JSON string token of a parsed document) whose
    /// decoded value, `text`, the caller already holds: only the offsets are worked out.
    /// Returns `None` as [`Decoded::decode`] does, or when `text` is not the token's value.
    pub fn with_text(outer: &str, span: Span, text: &'a str) -> Option<Decoded<'a>> {
        let (body, quote) = token_body(outer, span)?;
        let base = span.start + 1;
        let offsets = if Decoded::two_byte_escapes_only(body, quote, text) {
            Offsets::Counted(AtomicU64::new(0))
        } else {
            let (escapes, decoded_len) = Decoded::escapes(body, quote, base, None)?;
            if decoded_len != text.len() {
                return None;
            }
            Offsets::Listed(escapes)
        };
        Some(Decoded {
            text: Cow::Borrowed(text),
            quote,
            offsets,
            base,
            end: base + body.len(),
        })
    }

    /// True when `text` is the value of the JSON string token content `body` and every escape
    /// of it is one of two bytes that produced a quote, a backslash or a control character
    /// ([`Offsets::Counted`]): `body` holds no `\u` or `\/` (a `\\u` is taken for one, which
    /// only costs the fast path) and is longer than `text` by exactly one byte per such byte of
    /// `text`.
    fn two_byte_escapes_only(body: &str, quote: char, text: &str) -> bool {
        use memchr::memmem::Finder;
        use std::sync::LazyLock;
        static UNICODE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\\u"));
        static SOLIDUS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\\/"));
        let raw = body.as_bytes();
        // A short string has few escapes to list: only a payload-sized one is worth the scans.
        (COUNTED_FROM..u32::MAX as usize).contains(&body.len())
            && quote == '"'
            && UNICODE.find(raw).is_none()
            && SOLIDUS.find(raw).is_none()
            && body.len() == text.len() + count_escaped(text.as_bytes())
    }

    /// The escapes of the token content `body` (which starts at offset `base` of the text
    /// around it) and the length of its decoded text, decoding it into `text` when given one;
    /// `None` when `body` holds an unescaped `quote` or a malformed escape.
    fn escapes(
        body: &str,
        quote: char,
        base: usize,
        mut text: Option<&mut String>,
    ) -> Option<(Vec<Escape>, usize)> {
        let bytes = body.as_bytes();
        let mut escapes = Vec::new();
        let mut decoded = 0;
        let mut i = 0;
        loop {
            let next = escape_or_quote(bytes, i, quote as u8);
            if let Some(text) = text.as_mut() {
                text.push_str(body.get(i..next)?);
            }
            decoded += next - i;
            match bytes.get(next) {
                None => return Some((escapes, decoded)),
                Some(&b) if b == quote as u8 => return None,
                Some(_) => {}
            }
            // `\"` first, as the parser does: most escapes are, and the jump table of the
            // others mispredicts on them.
            let (c, raw_len) = match bytes.get(next + 1) {
                Some(b'"') => ('"', 2),
                _ => escape_at(body, next)?,
            };
            if escapes.capacity() == 0 {
                // Sized once, at the first escape: at most one per backslash left.
                escapes.reserve(memchr::memchr_iter(b'\\', &bytes[next..]).count());
            }
            if let Some(text) = text.as_mut() {
                text.push(c);
            }
            escapes.push(Escape {
                decoded,
                raw: base + next,
                decoded_len: c.len_utf8() as u8,
                raw_len: raw_len as u8,
            });
            decoded += c.len_utf8();
            i = next + raw_len;
        }
    }

    /// A string that is already decoded (a value's string, not a token of a text): its bytes
    /// map to themselves, so spans stay spans of `text`.
    pub fn plain(text: &'a str) -> Decoded<'a> {
        Decoded {
            text: Cow::Borrowed(text),
            quote: '"',
            offsets: Offsets::Listed(Vec::new()),
            base: 0,
            end: text.len(),
        }
    }

    /// The offset in the enclosing text of decoded byte `i` (`text.len()`: the closing quote).
    fn raw(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.end;
        }
        let escapes = match &self.offsets {
            Offsets::Listed(escapes) => escapes,
            Offsets::Counted(cursor) => {
                let last = cursor.load(Relaxed);
                let (at, count) = ((last >> 32) as usize, (last & 0xFFFF_FFFF) as usize);
                let bytes = self.text.as_bytes();
                // Counted from the last byte asked for, backwards when `i` is before it (a
                // reference's name inside its extent).
                let count = if at <= i {
                    count + count_escaped(&bytes[at..i])
                } else {
                    count - count_escaped(&bytes[i..at])
                };
                cursor.store(((i as u64) << 32) | count as u64, Relaxed);
                return self.base + i + count;
            }
        };
        // The last escape at or before `i`: `i` is one of its bytes, or a plain byte after it.
        let before = escapes.partition_point(|e| e.decoded <= i);
        match before.checked_sub(1) {
            None => self.base + i,
            Some(n) => {
                let e = escapes[n];
                let past = i - e.decoded;
                if past < usize::from(e.decoded_len) {
                    e.raw
                } else {
                    e.raw + usize::from(e.raw_len) + (past - usize::from(e.decoded_len))
                }
            }
        }
    }

    /// The same, owning its text.
    pub fn into_owned(self) -> Decoded<'static> {
        Decoded {
            text: Cow::Owned(self.text.into_owned()),
            ..self
        }
    }

    /// The span of the enclosing text that produced decoded bytes `inner`.
    pub fn raw_span(&self, inner: Span) -> Span {
        Span::new(self.raw(inner.start), self.raw(inner.end))
    }
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
        assert!(Decoded::decode("\"a", Span::new(0, 2)).is_none());
    }

    #[test]
    fn counted_offsets_agree_with_listed_ones_in_any_order() {
        // Payload-sized tokens: two-byte escapes only (counted), and with `\u` or `\/`
        // (listed), each checked at every position, forwards, backwards and in a zigzag.
        let unit = r#"{\"k\": \"a\\b\", \"t\": \"x\ny\tz\"} é "#;
        for extra in ["", r"\u00e9", r"\/"] {
            let body = format!("{}{extra}{}", unit.repeat(12), unit.repeat(3));
            let outer = format!("[\"{body}\"]");
            let span = Span::new(1, outer.len() - 1);
            let listed = Decoded::decode(&outer, span).unwrap();
            let counted = Decoded::with_text(&outer, span, &listed.text).unwrap();
            assert_eq!(
                matches!(counted.offsets, Offsets::Counted(_)),
                extra.is_empty(),
                "{extra}"
            );
            let len = listed.text.len();
            let zigzag = (0..=len).map(|i| if i % 2 == 0 { i } else { len - i });
            for i in (0..=len).chain((0..=len).rev()).chain(zigzag) {
                assert_eq!(counted.raw(i), listed.raw(i), "{extra} at {i}");
            }
        }
        // A text that is not the token's value is refused either way.
        let outer = format!("\"{}\"", r#"\"a\" "#.repeat(80));
        let span = Span::new(0, outer.len());
        assert!(Decoded::with_text(&outer, span, &"\"a\" ".repeat(79)).is_none());
    }
}
