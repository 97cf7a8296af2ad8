//! Strings inside strings, through any number of layers: which texts may hold a reference,
//! and how a span of the innermost layer maps back to the document.
//!
//! A variable name can sit inside a JSON string that is itself inside a `jsonValue` string of
//! the document (and so on). Each layer is a [`Decoded`] string (the document's one decoder)
//! whose offsets point into the text of the layer around it; mapping a span through every
//! layer, innermost first, gives the bytes of the document that spell the name.

use crate::document::{Decoded, Span};

/// False when `raw`, the text of a string token at any depth of escaping, cannot hold a
/// `$…$` reference: it has no `$`, and no `\u0024` escape that would decode to one. Most
/// strings of a file are such, and are then neither decoded nor scanned.
pub fn may_hold_dollar(raw: &str) -> bool {
    static ESCAPED: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"u0024"));
    let bytes = raw.as_bytes();
    // An escape starts with a backslash (itself escaped at every further depth): text
    // without one holds no `\u0024`, which spares most texts the search for it.
    memchr::memchr(b'$', bytes).is_some()
        || (memchr::memchr(b'\\', bytes).is_some() && ESCAPED.find(bytes).is_some())
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
pub fn map_span(layers: &[&Decoded<'_>], inner: Span) -> Span {
    layers
        .iter()
        .rev()
        .fold(inner, |span, layer| layer.raw_span(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_and_backslashes_for_a_payload() {
        assert_eq!(escape_in_payload(r#"a'b"\"#, '\''), r#"a\'b"\\"#);
        assert_eq!(escape_in_payload(r#"a'b"\"#, '"'), r#"a'b\"\\"#);
    }

    #[test]
    fn may_hold_dollar_at_any_depth_of_escaping() {
        for raw in ["$", "a$b", r"a\u0024b", r"\\u0024", r"'\\\\u0024'"] {
            assert!(may_hold_dollar(raw), "{raw}");
        }
        // `u0024` is no escape without a backslash.
        for raw in ["", "plain", "u0024", r"\n u0024"] {
            assert_eq!(may_hold_dollar(raw), raw.contains('\\'), "{raw}");
        }
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
