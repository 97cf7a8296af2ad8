//! Diagnostics to text, one output format per file: human, JSON, SARIF, GitHub annotations,
//! JUnit XML. Pure string building; only `cli` prints.

mod github;
mod human;
mod json;
mod junit;
mod sarif;

pub use github::github;
pub use human::{human_diagnostic, human_file, human_fix_summary, human_summary};
pub use json::json;
pub use junit::junit;
pub use sarif::sarif;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};

/// The findings of one checked file, ready to render.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path as shown (as given on the command line, or found under a folder).
    pub path: PathBuf,
    /// The file's text, for snippets.
    pub text: String,
    /// Findings after filtering, sorted by line, code, column.
    pub diagnostics: Vec<Diagnostic>,
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
    /// Counts the findings of `results`.
    pub fn of(results: &[FileResult]) -> Summary {
        let mut summary = Summary::default();
        for r in results {
            summary.add(&r.diagnostics);
        }
        summary
    }

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

/// A path with `/` separators, for machine formats.
pub(crate) fn slash_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
