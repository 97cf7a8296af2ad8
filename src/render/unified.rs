//! Unified diffs: the one renderer behind `--diff` of every command and `diff --format
//! unified`.

use super::palette::{self, ADDED, CHANGED, REMOVED};

/// A unified diff of `old` → `new` (histogram algorithm, three lines of context) headed
/// `--- old_name` and `+++ new_name`; empty when the texts are equal.
pub fn unified_diff(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Histogram)
        .timeout(std::time::Duration::from_secs(5))
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

/// [`unified_diff`] of one file, with git's `a/PATH` and `b/PATH` headers.
pub fn file_diff(path: &str, old: &str, new: &str) -> String {
    let path = path.trim_start_matches('/');
    unified_diff(&format!("a/{path}"), &format!("b/{path}"), old, new)
}

/// `text`, a unified diff, with its `+`, `-` and `@@` lines coloured when `color` is set.
pub fn paint_diff(text: &str, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let style = match line.as_bytes().first() {
            Some(b'+') if !line.starts_with("+++") => Some(ADDED),
            Some(b'-') if !line.starts_with("---") => Some(REMOVED),
            Some(b'@') => Some(CHANGED),
            _ => None,
        };
        match style {
            Some(style) => {
                out.push_str(&palette::paint(style, body, true));
                out.push_str(&line[body.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_files_with_git_headers_and_paints_changed_lines() {
        let text = file_diff("/tmp/a.json", "a\nb\n", "a\nc\n");
        assert_eq!(
            text,
            "--- a/tmp/a.json\n+++ b/tmp/a.json\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
        );
        assert_eq!(paint_diff(&text, false), text);
        let painted = paint_diff(&text, true);
        assert!(painted.contains(&palette::paint(REMOVED, "-b", true)));
        assert!(!painted.contains(&palette::paint(REMOVED, "--- a/tmp/a.json", true)));
        assert_eq!(anstream::adapter::strip_str(&painted).to_string(), text);
        assert_eq!(unified_diff("x", "y", "same\n", "same\n"), "");
    }
}
