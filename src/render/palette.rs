//! The colours of every coloured output, in one place, drawn with anstyle.
//!
//! Library renderers take a `color` flag and paint with [`paint`]; the CLI decides the flag
//! per stream (a terminal, `--color`, `NO_COLOR`, `CLICOLOR_FORCE`).

use anstyle::{AnsiColor, Style};

use crate::diagnostic::Severity;

/// Errors and removed lines or values.
pub const REMOVED: Style = AnsiColor::Red.on_default();
/// Added lines or values.
pub const ADDED: Style = AnsiColor::Green.on_default();
/// Renames and hunk headers.
pub const CHANGED: Style = AnsiColor::Cyan.on_default();
/// Headings and messages.
pub const EMPHASIS: Style = Style::new().bold();
/// The gutter of a snippet (`-->`, `|`, line numbers).
pub const GUTTER: Style = AnsiColor::Blue.on_default();
/// The `error` label.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// The `warning` label.
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// The `info` label.
pub const INFO: Style = AnsiColor::Cyan.on_default().bold();

/// The label style of findings of `severity`.
pub fn severity(severity: Severity) -> Style {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// `text` in `style` when `color` is set, as it is otherwise.
pub fn paint(style: Style, text: &str, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paints_only_when_asked() {
        assert_eq!(paint(ERROR, "error", false), "error");
        let painted = paint(ERROR, "error", true);
        assert!(painted.starts_with('\x1b') && painted.contains("error"));
        assert_eq!(anstream::adapter::strip_str(&painted).to_string(), "error");
    }
}
