//! Terminal output: colour decisions, buffered stdout, messages on stderr, unified diffs.

use std::io::{IsTerminal, Write};

use anstyle::Style;

use crate::render::{palette, unified};

/// The `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal that supports it, unless NO_COLOR is set (CLICOLOR_FORCE forces
    /// it).
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
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
        let decide = |auto: anstream::ColorChoice| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => auto != anstream::ColorChoice::Never,
        };
        Output {
            stdout: std::io::BufWriter::new(std::io::stdout()),
            color: decide(anstream::AutoStream::choice(&std::io::stdout())),
            color_err: decide(anstream::AutoStream::choice(&std::io::stderr())),
            quiet,
            broken_pipe: false,
        }
    }

    /// `text` in `style` when stdout is coloured.
    pub fn paint(&self, style: Style, text: &str) -> String {
        palette::paint(style, text, self.color)
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
        let label = palette::paint(palette::ERROR, "error", self.color_err);
        eprintln!("{label}: {message}");
    }

    /// Prints `warning: message` on stderr.
    pub fn warning(&mut self, message: &str) {
        let _ = self.stdout.flush();
        let label = palette::paint(palette::WARNING, "warning", self.color_err);
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
        let text = unified::paint_diff(&unified::file_diff(path, old, new), self.color);
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
