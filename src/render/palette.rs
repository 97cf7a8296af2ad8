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
    painted(style, text, color).to_string()
}

/// [`paint`] without making a string: `text` displayed in `style` when `color` is set, for
/// renderers that write a whole finding into one buffer.
pub fn painted<T: std::fmt::Display>(style: Style, text: T, color: bool) -> Painted<T> {
    Painted { style, text, color }
}

/// Text displayed in a style, or plain; made by [`painted`].
pub struct Painted<T> {
    style: Style,
    text: T,
    color: bool,
}

impl<T: std::fmt::Display> std::fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Painted { style, text, .. } = self;
        if self.color {
            write!(f, "{style}{text}{style:#}")
        } else {
            write!(f, "{text}")
        }
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
