//! Terminal output: colour decisions, buffered stdout, messages on stderr, unified diffs.

use std::io::{IsTerminal, Write};

/// The `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// An ANSI style, or nothing when colour is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Red: errors, removed lines.
    Red,
    /// Green: added lines.
    Green,
    /// Yellow: warnings.
    Yellow,
    /// Cyan: hunk headers, info.
    Cyan,
    /// Bold.
    Bold,
    /// Dim: context.
    Dim,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Red => "\x1b[31m",
            Paint::Green => "\x1b[32m",
            Paint::Yellow => "\x1b[33m",
            Paint::Cyan => "\x1b[36m",
            Paint::Bold => "\x1b[1m",
            Paint::Dim => "\x1b[2m",
        }
    }
}

/// Where commands print: stdout is buffered, stderr is not.
pub struct Output {
    stdout: std::io::BufWriter<std::io::Stdout>,
    /// Colour stdout.
    pub color: bool,
    /// Colour stderr.
    pub color_err: bool,
    /// `--quiet`: no summaries or progress.
    pub quiet: bool,
    broken_pipe: bool,
}

impl Output {
    /// Sets up output for `choice` and `quiet`.
    pub fn new(choice: ColorChoice, quiet: bool) -> Output {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |tty: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        Output {
            stdout: std::io::BufWriter::new(std::io::stdout()),
            color: decide(std::io::stdout().is_terminal()),
            color_err: decide(std::io::stderr().is_terminal()),
            quiet,
            broken_pipe: false,
        }
    }

    /// `text` in `paint` when stdout is coloured.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if self.color {
            format!("{}{text}\x1b[0m", paint.code())
        } else {
            text.to_string()
        }
    }

    /// Writes `text` to stdout as is.
    pub fn print(&mut self, text: &str) {
        if self.broken_pipe {
            return;
        }
        if let Err(e) = self.stdout.write_all(text.as_bytes()) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                self.broken_pipe = true;
            }
        }
    }

    /// Writes `line` and a newline to stdout.
    pub fn println(&mut self, line: &str) {
        self.print(line);
        self.print("\n");
    }

    /// Prints `error: message` on stderr.
    pub fn error(&mut self, message: &str) {
        let _ = self.stdout.flush();
        let label = if self.color_err {
            "\x1b[1;31merror\x1b[0m"
        } else {
            "error"
        };
        eprintln!("{label}: {message}");
    }

    /// Prints `warning: message` on stderr.
    pub fn warning(&mut self, message: &str) {
        let _ = self.stdout.flush();
        let label = if self.color_err {
            "\x1b[1;33mwarning\x1b[0m"
        } else {
            "warning"
        };
        eprintln!("{label}: {message}");
    }

    /// Prints one finding on stderr as `path:line:col: severity[CODE] message`, even under
    /// `--quiet` (findings are what `--quiet` keeps).
    pub fn finding(&mut self, line: &str) {
        let _ = self.stdout.flush();
        eprintln!("{line}");
    }

    /// Prints a note (summaries) on stderr unless `--quiet`.
    pub fn note(&mut self, message: &str) {
        if !self.quiet {
            let _ = self.stdout.flush();
            eprintln!("{message}");
        }
    }

    /// Prints a unified diff of `old` → `new` for `path` on stdout.
    pub fn unified_diff(&mut self, path: &str, old: &str, new: &str) {
        let text = render_unified_diff(path, old, new, self.color);
        self.print(&text);
    }

    /// A progress bar for a batch of `len` files on stderr: drawn only when stderr is a
    /// terminal, the batch has more than a handful of files, and `--quiet` is off.
    pub fn progress(&self, len: usize, verb: &str) -> indicatif::ProgressBar {
        if self.quiet || len < 20 || !std::io::stderr().is_terminal() {
            return indicatif::ProgressBar::hidden();
        }
        let style = indicatif::ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} files ({per_sec}, {eta})",
        )
        .expect("valid template")
        .progress_chars("=> ");
        indicatif::ProgressBar::new(len as u64)
            .with_style(style)
            .with_prefix(verb.to_string())
    }

    /// Flushes stdout; returns true when stdout was a closed pipe, so some output was lost.
    pub fn flush_broken_pipe(&mut self) -> bool {
        if let Err(e) = self.stdout.flush() {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                self.broken_pipe = true;
            }
        }
        self.broken_pipe
    }
}

/// A unified diff of `old` → `new` for `path` (git-style `a/` and `b/` headers), coloured when
/// `color` is set. Pure, so workers can render diffs in parallel.
pub fn render_unified_diff(path: &str, old: &str, new: &str, color: bool) -> String {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Histogram)
        .timeout(std::time::Duration::from_secs(5))
        .diff_lines(old, new);
    let path = path.trim_start_matches('/');
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    if color { paint_diff(&text) } else { text }
}

/// Colours the `+`, `-` and `@@` lines of a unified diff.
pub fn paint_diff(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let paint = match line.as_bytes().first() {
            Some(b'+') if !line.starts_with("+++") => Some(Paint::Green),
            Some(b'-') if !line.starts_with("---") => Some(Paint::Red),
            Some(b'@') => Some(Paint::Cyan),
            _ => None,
        };
        match paint {
            Some(p) => {
                out.push_str(p.code());
                out.push_str(body);
                out.push_str("\x1b[0m");
                out.push_str(&line[body.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}
