//! Diagnostics to text, one output format per file: human, JSON, SARIF, GitHub annotations,
//! JUnit XML. Pure string building; only `cli` prints.

mod github;
mod human;
mod json;
mod junit;
mod sarif;

pub use github::github;
pub use human::{human_diagnostic, human_file, human_summary};
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
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

impl Summary {
    /// Counts the findings of `results`.
    pub fn of(results: &[FileResult]) -> Summary {
        let mut summary = Summary {
            files: results.len(),
            ..Summary::default()
        };
        for d in results.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

/// A path with `/` separators, for machine formats.
pub(crate) fn slash_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
