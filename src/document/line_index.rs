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
        let start = self.starts[line];
        let prefix = text.get(start..offset).unwrap_or("");
        let prefix = if line == 0 {
            prefix.trim_start_matches('\u{feff}')
        } else {
            prefix
        };
        (line + 1, prefix.chars().count() + 1)
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text[start..end].trim_end_matches(['\n', '\r'])
    }
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
}
