//! `--format human`: rustc/ruff-style findings with a snippet of the offending line.
//!
//! ```text
//! error[L001]: trigger 1 points to task "9", which does not exist
//!   --> flows/orders.json:12:19
//!    |
//! 12 |       "taskId": "9"
//!    |                 ^^^ dangling-task-reference
//! ```
//!
//! A finding `integ check --fix` can fix says so with `[*]` before its message, as ruff's do.

use std::fmt::Write as _;
use std::path::Path;

use super::FileResult;
use super::palette::{self, EMPHASIS, GUTTER};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Summary;

/// Widest part of a source line shown; longer lines (minified files, envelopes) are cut
/// around the finding.
const WINDOW: usize = 100;

/// One finding of `result` with its snippet; ANSI colours when `color`.
pub fn human_diagnostic(result: &FileResult, d: &Diagnostic, color: bool) -> String {
    render_one(
        &result.path,
        Lines::new(&result.text).line(d.line),
        d,
        color,
    )
}

/// Every finding of one file, each followed by a blank line: [`human_diagnostic`] for each,
/// with the file's lines found once rather than once per finding.
pub fn human_file(path: &Path, text: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut lines = Lines::new(text);
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(path, lines.line(d.line), d, color));
        out.push('\n');
    }
    out
}

/// Finds source lines by number, moving forward from the last one found: findings come in
/// line order, so a file is read once up to its last finding, and nothing is stored per line.
struct Lines<'t> {
    text: &'t str,
    /// The number of the line that starts at `start` (1-based).
    number: usize,
    start: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text,
            number: 1,
            start: 0,
        }
    }

    /// Line `n` (1-based) without its newline; `None` for line 0 and past the end.
    fn line(&mut self, n: usize) -> Option<&'t str> {
        if n == 0 {
            return None;
        }
        if n < self.number {
            (self.number, self.start) = (1, 0);
        }
        if self.number < n {
            // Whole blocks without the wanted newline are counted (a vectorised count), not
            // walked newline by newline.
            const BLOCK: usize = 4096;
            let bytes = self.text.as_bytes();
            let (mut at, mut to_pass) = (self.start, n - self.number);
            while let Some(block) = bytes.get(at..at + BLOCK) {
                let newlines = memchr::memchr_iter(b'\n', block).count();
                if newlines >= to_pass {
                    break;
                }
                (at, to_pass) = (at + BLOCK, to_pass - newlines);
            }
            let newline = memchr::memchr_iter(b'\n', &bytes[at..]).nth(to_pass - 1)?;
            (self.number, self.start) = (n, at + newline + 1);
        }
        let rest = &self.text[self.start..];
        let line = &rest[..memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len())];
        (!line.is_empty() || self.start < self.text.len()).then_some(line)
    }
}

fn render_one(path: &Path, source: Option<&str>, d: &Diagnostic, color: bool) -> String {
    let paint = |style, text: &'static str| palette::painted(style, text, color);
    let level = palette::severity(d.severity);
    let fixable = if d.fix.is_some() { "[*] " } else { "" };
    // One buffer for the whole finding (writing to a String cannot fail).
    let mut out = String::with_capacity(256 + d.message.len() + d.pointer.len());
    let _ = writeln!(
        out,
        "{}{} {fixable}{}",
        palette::painted(level, format_args!("{}[{}]", d.severity, d.code), color),
        paint(EMPHASIS, ":"),
        palette::painted(EMPHASIS, &d.message, color)
    );
    let digits = d.line.checked_ilog10().map_or(1, |n| n as usize + 1);
    let gutter = Repeat(' ', digits);
    let _ = writeln!(
        out,
        "{gutter}{} {}:{}:{}",
        paint(GUTTER, "-->"),
        path.display(),
        d.line,
        d.column
    );
    let Some(source) = source else {
        return out;
    };
    let source = source.trim_end_matches('\r').trim_start_matches('\u{feff}');
    // Counted only as far as the window can reach: a minified file's one line can be
    // megabytes long. Every use of `length` below gives the same result for any length past
    // `reach`, which is more than the window can end at.
    let reach = d.column + WINDOW + 1;
    let length = source[..char_offset(source, reach)].chars().count();
    let start = d.column.saturating_sub(1).min(length);
    let end = if d.end_line == d.line {
        d.end_column
            .saturating_sub(1)
            .clamp(start + 1, length.max(start + 1))
    } else {
        length.max(start + 1)
    };
    let from = if length <= WINDOW {
        0
    } else {
        start.saturating_sub(WINDOW / 3)
    };
    let to = length.min(from + WINDOW);
    let window = &source[char_offset(source, from)..];
    let shown = &window[..char_offset(window, to - from)];
    let (before, after) = (
        if from > 0 { "…" } else { "" },
        if to < length { "…" } else { "" },
    );
    let offset = start - from + usize::from(from > 0);
    let width = end.min(to).saturating_sub(start).max(1);
    let bar = paint(GUTTER, "|");
    let _ = writeln!(out, "{gutter} {bar}");
    let _ = write!(
        out,
        "{} {bar} {before}",
        palette::painted(GUTTER, d.line, color)
    );
    // Tabs are shown as one space each, so the caret below lines up.
    for (i, part) in shown.split('\t').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    let _ = writeln!(out, "{after}");
    let _ = writeln!(
        out,
        "{gutter} {bar} {}{} {}",
        Repeat(' ', offset),
        palette::painted(level, Repeat('^', width), color),
        paint(level, d.name)
    );
    if !d.pointer.is_empty() {
        let _ = writeln!(
            out,
            "{gutter} {} {} {}",
            paint(GUTTER, "="),
            paint(EMPHASIS, "at"),
            d.pointer
        );
    }
    out
}

/// A character written `count` times, without making a string of them.
struct Repeat(char, usize);

impl std::fmt::Display for Repeat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (0..self.1).try_for_each(|_| f.write_char(self.0))
    }
}

/// The byte offset of char `n` of `text` (its length when it has no more chars), counting
/// eight bytes at a time: a line of a minified file can be megabytes long.
fn char_offset(text: &str, n: usize) -> usize {
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let bytes = text.as_bytes();
    let (mut offset, mut seen) = (0, 0);
    for word in bytes.chunks_exact(8) {
        let word = u64::from_ne_bytes(word.try_into().expect("eight bytes"));
        // A continuation byte is 0b10xx_xxxx: its top bit set and the next one clear.
        let continuations = (word & !(word << 1) & HIGHS).count_ones() as usize;
        let chars = 8 - continuations;
        if seen + chars > n {
            break;
        }
        (offset, seen) = (offset + 8, seen + chars);
    }
    let starts = bytes[offset..].iter().enumerate();
    let mut starts = starts.filter(|&(_, &b)| (b as i8) >= -64);
    starts
        .nth(n - seen)
        .map_or(bytes.len(), |(i, _)| offset + i)
}

/// The closing line: `Found 2 errors, 1 warning and 1 info in 3 files (10 checked).`
pub fn human_summary(s: &Summary, skipped: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let skipped_note = if skipped > 0 {
        format!(
            "; {} skipped (of no kind integ checks)",
            plural(skipped, "JSON file")
        )
    } else {
        String::new()
    };
    if s.with_findings == 0 {
        return format!(
            "All checks passed ({} checked{skipped_note}).\n",
            plural(s.files, "file")
        );
    }
    format!(
        "Found {}, {} and {} in {} ({} checked{skipped_note}).\n",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        plural(s.with_findings, "file"),
        s.files
    )
}

/// The line after the summary about fixes: how many findings the same command with `--fix`
/// fixes, and how many more `--unsafe-fixes` would (`hidden`); empty when there are none.
pub fn human_fix_summary(s: &Summary, hidden: usize) -> String {
    if s.fixable == 0 && hidden == 0 {
        return String::new();
    }
    let findings = if s.fixable == 1 {
        "finding"
    } else {
        "findings"
    };
    let more = match hidden {
        0 => String::new(),
        n => format!(" ({n} more with `--unsafe-fixes`)"),
    };
    format!("[*] {} {findings} fixable with `--fix`{more}.\n", s.fixable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Check, Severity};

    static RULE: Check = Check {
        code: "L001",
        name: "dangling-task-reference",
        severity: Severity::Error,
        summary: "",
        explanation: "",
    };

    fn diagnostic(line: usize, column: usize, end: usize) -> Diagnostic {
        Diagnostic {
            line,
            column,
            end_line: line,
            end_column: end,
            ..Diagnostic::new(&RULE, "/a".into(), None, "bad".into())
        }
    }

    #[test]
    fn underlines_the_span() {
        let result = FileResult {
            path: "f.json".into(),
            text: "{\n  \"a\": \"9\"\n}".into(),
            diagnostics: vec![],
        };
        let text = human_diagnostic(&result, &diagnostic(2, 8, 11), false);
        assert_eq!(
            text,
            "error[L001]: bad\n --> f.json:2:8\n  |\n2 |   \"a\": \"9\"\n  |        ^^^ dangling-task-reference\n  = at /a\n"
        );
    }

    #[test]
    fn tabs_show_as_one_space_and_colour_only_adds_escapes() {
        let result = FileResult {
            path: "f.json".into(),
            text: "{\n\t\t\"a\":\t\"9\"\n}".into(),
            diagnostics: vec![],
        };
        let d = diagnostic(2, 8, 11);
        let plain = human_diagnostic(&result, &d, false);
        assert_eq!(
            plain,
            "error[L001]: bad\n --> f.json:2:8\n  |\n2 |   \"a\": \"9\"\n  |        ^^^ dangling-task-reference\n  = at /a\n"
        );
        let coloured = human_diagnostic(&result, &d, true);
        assert_ne!(coloured, plain);
        assert_eq!(anstream::adapter::strip_str(&coloured).to_string(), plain);
        // Line 10 and beyond widen the gutter.
        let ten = FileResult {
            text: format!("{}x", "\n".repeat(9)),
            ..result
        };
        let wide = human_diagnostic(&ten, &diagnostic(10, 1, 2), false);
        assert!(wide.contains("\n   |\n10 | x\n   | ^ "), "{wide}");
    }

    #[test]
    fn cuts_long_lines_around_the_finding() {
        let long = format!("{}\"x\"{}", "a".repeat(500), "b".repeat(500));
        let result = FileResult {
            path: "f.json".into(),
            text: long,
            diagnostics: vec![],
        };
        let text = human_diagnostic(&result, &diagnostic(1, 501, 504), false);
        let snippet = text.lines().nth(3).unwrap();
        assert!(
            snippet.starts_with("1 | …aaa") && snippet.ends_with("b…"),
            "{snippet}"
        );
        assert!(snippet.contains("\"x\""));
        let marker = text.lines().nth(4).unwrap();
        let caret = marker.find('^').unwrap();
        assert_eq!(
            &snippet[..].chars().skip(caret).take(3).collect::<String>(),
            "\"x\""
        );
    }

    #[test]
    fn a_file_renders_as_its_findings_one_by_one() {
        let text = "{\r\n  \"a\": 1,\r\n\r\n  \"b\": \"x\"\r\n}";
        let result = FileResult {
            path: "f.json".into(),
            text: text.into(),
            diagnostics: vec![],
        };
        // In line order, then back to an earlier line, an empty line, and past the end.
        let findings = [
            (2, 3, 6),
            (4, 3, 6),
            (5, 1, 2),
            (2, 8, 9),
            (3, 1, 1),
            (9, 1, 2),
        ]
        .map(|(line, start, end)| diagnostic(line, start, end));
        let one_by_one: String = findings
            .iter()
            .map(|d| human_diagnostic(&result, d, false) + "\n")
            .collect();
        assert_eq!(human_file(&result.path, text, &findings, false), one_by_one);
        assert!(one_by_one.contains("5 | }"), "{one_by_one}");
    }

    #[test]
    fn a_span_past_the_window_is_underlined_to_its_edge() {
        let line = format!("{}\"{}\"", "a".repeat(300), "b".repeat(5000));
        let result = FileResult {
            path: "f.json".into(),
            text: line,
            diagnostics: vec![],
        };
        let text = human_diagnostic(&result, &diagnostic(1, 301, 5303), false);
        let marker = text.lines().nth(4).unwrap();
        assert_eq!(marker.matches('^').count(), WINDOW - WINDOW / 3, "{marker}");
        assert!(text.lines().nth(3).unwrap().ends_with("b…"));
    }

    #[test]
    fn lines_are_found_across_blocks_forward_and_back() {
        // Lines of many lengths, so that newlines fall on and around block edges.
        let text: String = (0..3000)
            .map(|i| format!("{}\n", "x".repeat(i % 97)))
            .collect();
        let expected: Vec<&str> = text.split('\n').collect();
        let mut lines = Lines::new(&text);
        for n in [1, 2, 50, 51, 400, 1999, 3000, 7, 2999] {
            assert_eq!(lines.line(n), Some(expected[n - 1]), "line {n}");
        }
        // The text ends with a newline: nothing follows it.
        assert_eq!(lines.line(3001), None);
        assert_eq!(lines.line(0), None);
    }

    #[test]
    fn char_offsets_count_chars_not_bytes() {
        let text = format!("{}é€😀x{}", "a".repeat(130), "b".repeat(70));
        for n in 0..text.chars().count() + 3 {
            let expected = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            assert_eq!(char_offset(&text, n), expected, "char {n}");
        }
    }

    #[test]
    fn marks_fixable_findings_and_counts_them() {
        let result = FileResult {
            path: "f.json".into(),
            text: "{\n  \"a\": \"9\"\n}".into(),
            diagnostics: vec![],
        };
        let fix = crate::diagnostic::Fix::safe(Vec::new());
        let fixable = diagnostic(2, 8, 11).with_fix(Some(fix));
        let text = human_diagnostic(&result, &fixable, false);
        assert!(text.starts_with("error[L001]: [*] bad\n"), "{text}");
        let mut summary = Summary::default();
        summary.add(&[fixable, diagnostic(1, 1, 2)]);
        assert_eq!(
            human_fix_summary(&summary, 2),
            "[*] 1 finding fixable with `--fix` (2 more with `--unsafe-fixes`).\n"
        );
        assert_eq!(human_fix_summary(&Summary::default(), 0), "");
    }

    #[test]
    fn summary_counts() {
        let clean = FileResult {
            path: "a".into(),
            text: String::new(),
            diagnostics: vec![],
        };
        assert_eq!(
            human_summary(&Summary::of(std::slice::from_ref(&clean)), 0),
            "All checks passed (1 file checked).\n"
        );
        let dirty = FileResult {
            diagnostics: vec![diagnostic(1, 1, 2)],
            ..clean.clone()
        };
        assert_eq!(
            human_summary(&Summary::of(&[clean, dirty]), 2),
            "Found 1 error, 0 warnings and 0 infos in 1 file (2 checked; 2 JSON files skipped (of no kind integ checks)).\n"
        );
    }
}
