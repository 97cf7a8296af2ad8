//! Byte offsets to 1-based line and column numbers, computed only when rendering.

/// The start offset of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column (in characters, a BOM not counted) of byte `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (line + 1, column(text, line, self.starts[line], offset))
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// [`LineIndex::line_col`] of each of `offsets` (in any order), without an index: one pass
/// over `text` up to the last offset, counting lines. For a few offsets in a text, which is
/// what the findings of one file are, this is cheaper than indexing every line.
pub fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut found = vec![(1, 1); offsets.len()];
    // The 0-based line and its start at `at`, the offset counted up to.
    let (mut line, mut start, mut at) = (0, 0, 0);
    for i in order {
        let offset = offsets[i].min(text.len());
        let passed = &text.as_bytes()[at..offset];
        line += memchr::memchr_iter(b'\n', passed).count();
        if let Some(last) = memchr::memrchr(b'\n', passed) {
            start = at + last + 1;
        }
        at = offset;
        found[i] = (line + 1, column(text, line, start, offset));
    }
    found
}

/// The 1-based column of byte `offset` on the 0-based line `line` starting at byte `start`.
fn column(text: &str, line: usize, start: usize, offset: usize) -> usize {
    let prefix = text.get(start..offset).unwrap_or("");
    let prefix = if line == 0 {
        prefix.trim_start_matches('\u{feff}')
    } else {
        prefix
    };
    prefix.chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets() {
        let text = "\u{feff}{\n  \"é\": 1\r\n}";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), (1, 1));
        let one = text.find('1').unwrap();
        assert_eq!(idx.line_col(text, one), (2, 8));
        assert_eq!(idx.line_col(text, text.len() - 1), (3, 1));
        assert_eq!(idx.line(text, 2), "  \"é\": 1");
    }

    #[test]
    fn line_cols_agree_with_the_index_in_any_order() {
        let text = "\u{feff}{\n  \"é\": 1\r\n}\n\n  x";
        let idx = LineIndex::new(text);
        let mut offsets: Vec<usize> = (0..=text.len() + 2).rev().collect();
        offsets.extend([5, 0, 5]);
        let expected: Vec<_> = offsets.iter().map(|&o| idx.line_col(text, o)).collect();
        assert_eq!(line_cols(text, &offsets), expected);
    }
}
