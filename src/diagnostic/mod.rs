//! Findings about a file's content: what `integ check` reports.
//!
//! A [`Diagnostic`] names the [`Check`] that found it, says what is wrong, and points at the
//! offending value twice: as a JSON Pointer into the integration, and as a byte span of the
//! integration's text that [`Diagnostic::locate`] turns into file line and column (through an
//! envelope when there is one). Diagnostics are data; rendering them is `crate::render`'s job.
//! Checks make them through their [`Context`], which places them in the file checked.

mod context;

use std::fmt;
use std::str::FromStr;

use crate::document::{Edit, Span};
use crate::source::SourceFile;

pub use context::Context;

/// How serious a finding is. By default only errors make `integ check` exit 1 (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; nothing is wrong.
    Info,
    /// Probably a mistake, or something the API tolerates but should not be relied on.
    Warning,
    /// The API would refuse the file, or the integration would not run as written.
    Error,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Severity, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity {other:?} (expected error, warning or info)"
            )),
        }
    }
}

/// A check integ performs: its stable code, name, default severity and documentation.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// Stable code (`L001`).
    pub code: &'static str,
    /// Kebab-case name (`dangling-task-reference`).
    pub name: &'static str,
    /// Severity unless the configuration overrides it.
    pub severity: Severity,
    /// One line for `integ checks`.
    pub summary: &'static str,
    /// The documentation `integ explain` prints (Markdown: what, why, example, fix).
    pub explanation: &'static str,
}

/// A check as it is registered: what it is, how it runs, and what its findings offer. `R` is
/// how it runs: a function of the [`Context`] of the kind of file it checks (each family
/// names its own: `crate::lint::Lint`, `crate::project::ProjectCheck`, …).
#[derive(Debug)]
pub struct Registered<R> {
    /// Code, name, default severity and documentation.
    pub check: Check,
    /// Pushes the findings for one file.
    pub run: R,
    /// Whether its findings come with a fix, and how safe it is at best (a check may offer an
    /// unsafe fix where the safe one does not apply; its documentation says when).
    pub fix: Option<Applicability>,
    /// Reported only when `select` names it (by code or name), as ruff does with rules that
    /// are only wanted at one moment (here: before an upload).
    pub opt_in: bool,
}

impl<R> Registered<R> {
    /// A check run by `run`, with no fix and not opt-in: most checks (the others spell out
    /// every field).
    pub const fn new(check: Check, run: R) -> Registered<R> {
        Registered {
            check,
            run,
            fix: None,
            opt_in: false,
        }
    }

    /// The same check, run by `run` instead (how the registry tags each family's function with
    /// the runner that calls it).
    pub const fn with_run<S>(&self, run: S) -> Registered<S> {
        Registered {
            check: self.check,
            run,
            fix: self.fix,
            opt_in: self.opt_in,
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Code of the check (`L001`).
    pub code: &'static str,
    /// Name of the check (`dangling-task-reference`).
    pub name: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// JSON Pointer of the offending value in the integration (`""` for the whole file).
    pub pointer: String,
    /// Byte span of the offending text in the integration document, when known.
    pub span: Option<Span>,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file, in characters.
    pub column: usize,
    /// Line of the end of the span.
    pub end_line: usize,
    /// Column of the end of the span (exclusive).
    pub end_column: usize,
    /// What `integ check --fix` can change to resolve it, when anything.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding of `check` at `pointer`/`span`, not yet located in a file.
    pub fn new(check: &Check, pointer: String, span: Option<Span>, message: String) -> Diagnostic {
        Diagnostic {
            code: check.code,
            name: check.name,
            severity: check.severity,
            message,
            pointer,
            span,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            fix: None,
        }
    }

    /// With the fix `fix` (none when `None`).
    pub fn with_fix(mut self, fix: Option<Fix>) -> Diagnostic {
        self.fix = fix;
        self
    }

    /// With a different severity.
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// Fills line and column from the span, in `file`'s coordinates.
    pub fn locate(&mut self, file: &SourceFile) {
        if let Some(span) = self.span {
            (self.line, self.column) = file.line_col(span.start);
            (self.end_line, self.end_column) = file.line_col(span.end);
        }
    }

    /// [`Diagnostic::locate`] for each of `diagnostics`, all in one pass over the file.
    pub fn locate_all(diagnostics: &mut [Diagnostic], file: &SourceFile) {
        let spans = || diagnostics.iter().filter_map(|d| d.span);
        let offsets: Vec<usize> = spans().flat_map(|s| [s.start, s.end]).collect();
        let mut found = file.line_cols(&offsets).into_iter();
        for d in diagnostics.iter_mut().filter(|d| d.span.is_some()) {
            (d.line, d.column) = found.next().expect("a start per span");
            (d.end_line, d.end_column) = found.next().expect("an end per span");
        }
    }

    /// The order of output: line, code, column.
    pub fn sort_key(&self) -> (usize, &'static str, usize, &str) {
        (self.line, self.code, self.column, &self.message)
    }

    /// Sorts `diagnostics` into the order of output ([`Diagnostic::sort_key`]).
    pub fn sort(diagnostics: &mut [Diagnostic]) {
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// The last step of every check of a file: `diagnostics` located in `file`, then sorted.
    pub fn finish(diagnostics: &mut [Diagnostic], file: &SourceFile) {
        Diagnostic::locate_all(diagnostics, file);
        Diagnostic::sort(diagnostics);
    }
}

/// Whether a fix keeps what the integration does (ruff's terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Applied by `--fix`: the integration does the same afterwards.
    Safe,
    /// Applied only with `--unsafe-fixes`: it removes something that may still be wanted.
    Unsafe,
}

impl Applicability {
    /// `"safe"` or `"unsafe"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Edits on the integration document that resolve one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// The edits, in any order; together they must touch no byte twice.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix made of `edits`.
    pub fn safe(edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            edits,
        }
    }

    /// An unsafe fix made of `edits`.
    pub fn unsafe_edits(edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            edits,
        }
    }

    /// True when `--fix` applies it: a safe fix always, an unsafe one with `--unsafe-fixes`.
    pub fn applies(&self, unsafe_fixes: bool) -> bool {
        unsafe_fixes || self.applicability == Applicability::Safe
    }
}

/// Counts for the summary line and the JSON summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files checked (not counting skipped non-integration JSON).
    pub files: usize,
    /// Files with at least one finding.
    pub with_findings: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
    /// Findings that carry a fix (`integ check --fix` applies it).
    pub fixable: usize,
}

impl Summary {
    /// Counts one more checked file with these findings.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        self.with_findings += usize::from(!diagnostics.is_empty());
        for d in diagnostics {
            self.fixable += usize::from(d.fix.is_some());
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! The one check of every check's unit tests, whatever the file kind it checks.

    use super::*;

    /// The findings `out` of `check`, as `(pointer, message)`, after checking that each is of
    /// that check and has a span (so it can be shown at a line and column).
    pub fn pointer_messages(check: &Check, out: Vec<Diagnostic>) -> Vec<(String, String)> {
        for d in &out {
            assert_eq!(d.code, check.code);
            assert!(d.span.is_some(), "{} has no span", d.pointer);
        }
        out.into_iter().map(|d| (d.pointer, d.message)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_parse_and_order() {
        assert_eq!("warning".parse::<Severity>(), Ok(Severity::Warning));
        assert!("fatal".parse::<Severity>().is_err());
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
        assert_eq!(Severity::Info.to_string(), "info");
    }

    #[test]
    fn locates_through_an_envelope() {
        let text = "{\"content\": \"{\\n  \\\"a\\\": 1}\"}".to_string();
        let file = SourceFile::from_text(std::path::Path::new("x.json"), text).unwrap();
        let span = file.document().locate("/a").unwrap().value;
        let rule = Check {
            code: "X001",
            name: "x",
            severity: Severity::Error,
            summary: "",
            explanation: "",
        };
        let mut d = Diagnostic::new(&rule, "/a".into(), Some(span), "m".into());
        d.locate(&file);
        // The value `1` sits at column 26 of the one-line envelope.
        assert_eq!((d.line, d.column), (1, 26));
        assert_eq!(&file.outer().text()[25..26], "1");
    }
}
