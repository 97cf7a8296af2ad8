//! Diagnostics to text, one output format per file: human, JSON, SARIF, GitHub annotations,
//! JUnit XML. Pure string building; only `cli` prints.

mod github;
mod human;
mod json;
mod junit;
pub mod markup;
pub mod palette;
mod sarif;
pub mod unified;

pub use github::github;
pub use human::{human_diagnostic, human_file, human_fix_summary, human_summary};
pub use json::json;
pub use junit::junit;
pub use sarif::sarif;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Summary};

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

impl Summary {
    /// Counts the findings of `results`.
    pub fn of(results: &[FileResult]) -> Summary {
        let mut summary = Summary::default();
        for r in results {
            summary.add(&r.diagnostics);
        }
        summary
    }
}

/// A path with `/` separators, for machine formats.
pub(crate) fn slash_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
