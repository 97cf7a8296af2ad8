//! Edits: the only way integ ever changes a file's text.

use super::spans::Span;

/// Replace the bytes of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    /// The bytes replaced; an empty span inserts at `span.start`.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

impl Edit {
    /// An edit replacing `span` with `replacement`.
    pub fn new(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }
}

/// Two edits touch the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("overlapping edits at bytes {}..{} and {}..{}", first.start, first.end, second.start, second.end)]
pub struct OverlapError {
    /// The earlier edit's span.
    pub first: Span,
    /// The later edit's span, which starts before `first` ends.
    pub second: Span,
}

/// Applies `edits` to `text`: sorts them, drops exact duplicates, rejects overlaps and
/// splices them in. Bytes outside every edit are copied unchanged.
pub fn apply_edits(text: &str, mut edits: Vec<Edit>) -> Result<String, OverlapError> {
    edits.sort();
    edits.dedup();
    for pair in edits.windows(2) {
        let (a, b) = (pair[0].span, pair[1].span);
        let overlaps = b.start < a.end || (b.start == a.start && a.is_empty() && b.is_empty());
        if overlaps {
            return Err(OverlapError {
                first: a,
                second: b,
            });
        }
    }
    let grown: usize = edits.iter().map(|e| e.replacement.len()).sum();
    let mut out = String::with_capacity(text.len() + grown);
    let mut cursor = 0;
    for edit in &edits {
        assert!(
            edit.span.end <= text.len() && text.is_char_boundary(edit.span.start),
            "edit span {:?} outside the text",
            edit.span
        );
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end;
    }
    out.push_str(&text[cursor..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_any_order() {
        let edits = vec![
            Edit::new(Span::new(6, 11), "there"),
            Edit::new(Span::new(0, 5), "howdy"),
            Edit::new(Span::new(11, 11), "!"),
        ];
        assert_eq!(apply_edits("hello world", edits).unwrap(), "howdy there!");
    }

    #[test]
    fn rejects_overlaps_and_keeps_duplicates_once() {
        let edits = vec![
            Edit::new(Span::new(0, 5), "a"),
            Edit::new(Span::new(4, 6), "b"),
        ];
        assert!(apply_edits("hello world", edits).is_err());
        let same = vec![
            Edit::new(Span::new(0, 1), "H"),
            Edit::new(Span::new(0, 1), "H"),
        ];
        assert_eq!(apply_edits("hi", same).unwrap(), "Hi");
        let two_inserts = vec![
            Edit::new(Span::new(1, 1), "x"),
            Edit::new(Span::new(1, 1), "y"),
        ];
        assert!(apply_edits("hi", two_inserts).is_err());
    }

    #[test]
    fn no_edits_is_identity() {
        assert_eq!(
            apply_edits("\u{feff}{}\r\n", vec![]).unwrap(),
            "\u{feff}{}\r\n"
        );
    }
}
