//! A literal prefilter for batches: which files can a rename change at all?
//!
//! Renaming `order` can only change a file whose text spells `order` somewhere. When every old
//! name of a batch is made of characters that JSON never needs to escape (letters, digits,
//! `_`, `-`, `.`, space), each of its occurrences, at any depth of JSON held in strings, is
//! spelled literally in the file's text, unless a writer chose a `\u` escape for one of
//! those characters, which the filter also looks for. A file that passes neither test cannot
//! change; a batch only checks its syntax (so bad input is still reported) and does not
//! index it, as ripgrep skips the files where a literal cannot match.

use memchr::memmem;

/// The literal needles of a batch, when every step has them.
#[derive(Debug, Clone)]
pub struct Prefilter {
    needles: Vec<String>,
}

impl Prefilter {
    /// A prefilter for `needles` (the old names of a batch, backticks stripped), or `None`
    /// when there are none or one of them holds a character that a writer could escape.
    pub fn new(needles: Vec<String>) -> Option<Prefilter> {
        let usable = !needles.is_empty()
            && needles
                .iter()
                .all(|n| !n.is_empty() && n.chars().all(is_literal));
        usable.then_some(Prefilter { needles })
    }

    /// True when `text` may hold an occurrence of a needle: it spells one literally, or it has
    /// a `\u` escape of a character a needle could contain.
    pub fn may_change(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        self.needles
            .iter()
            .any(|n| memmem::find(bytes, n.as_bytes()).is_some())
            || escapes_a_literal(bytes)
    }
}

/// Characters that JSON text writers never escape (so they are spelled as themselves).
fn is_literal(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ')
}

fn escapes_a_literal(bytes: &[u8]) -> bool {
    memmem::find_iter(bytes, b"\\u").any(|i| {
        let hex = bytes
            .get(i + 2..i + 6)
            .and_then(|h| std::str::from_utf8(h).ok());
        hex.and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .is_some_and(is_literal)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(names: &[&str]) -> Option<Prefilter> {
        Prefilter::new(names.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn finds_literal_names_at_any_depth() {
        let f = filter(&["order"]).unwrap();
        assert!(f.may_change(r#"{"jsonValue": "{\"referenceKey\": \"$order$\"}"}"#));
        assert!(!f.may_change(r#"{"key": "purchase", "x": "\u003d"}"#));
    }

    #[test]
    fn an_escaped_letter_defeats_the_filter() {
        let f = filter(&["order"]).unwrap();
        // `\u006f` is `o`: the index would decode `$order$` here, so the file must be read.
        assert!(f.may_change(r#"{"s": "$\u006frder$"}"#));
        // Gson's escapes (`=`, `'`, `<`, `>`, `&`) are never part of a filterable name.
        assert!(!f.may_change(r#"{"s": "\u003d\u0027\u003c\u003e\u0026"}"#));
    }

    #[test]
    fn refuses_needles_that_could_be_escaped() {
        assert!(filter(&[]).is_none());
        assert!(filter(&[""]).is_none());
        assert!(filter(&["a/b"]).is_none());
        assert!(filter(&["a=b"]).is_none());
        assert!(filter(&["café"]).is_none());
        assert!(filter(&["Task_1_responseBody", "1"]).is_some());
    }
}
