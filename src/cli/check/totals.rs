//! What `integ check` adds up over a batch, whichever way its files were checked: the summary,
//! the ignore entries used, and the exit status.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Format, Outcome};
use crate::check::FileReport;
use crate::check::config::{Config, IgnoreEntry};
use crate::check::policy::FailPolicy;
use crate::cli::{ExitStatus, Output};
use crate::error::Error;
use crate::render::{self, Summary};

/// Counts and sets that grow by a few bytes per file, never by a file's text or findings.
#[derive(Default)]
pub(super) struct Totals {
    failed: bool,
    skipped: usize,
    summary: Summary,
    used: HashSet<IgnoreEntry>,
    matched: HashSet<IgnoreEntry>,
    checked_under: HashSet<PathBuf>,
    hidden_fixes: usize,
}

impl Totals {
    /// Counts one file's outcome. Returns its report and rendered output when the file was
    /// checked, `None` when it was skipped (JSON of no kind integ checks).
    pub fn add(
        &mut self,
        outcome: Outcome,
        config: &Config,
    ) -> Option<(FileReport, Option<String>)> {
        self.used.extend(outcome.used);
        self.matched.extend(outcome.matched);
        self.hidden_fixes += outcome.hidden_fixes;
        if outcome.report.skipped {
            self.skipped += 1;
            return None;
        }
        self.checked_under.insert(config.path.clone());
        self.summary.add(&outcome.report.diagnostics);
        Some((outcome.report, outcome.rendered))
    }

    /// Reports a file that could not be checked (unreadable, say); the run then exits 2.
    pub fn fail(&mut self, error: &Error, out: &mut Output) {
        out.error(&error.to_string());
        self.failed = true;
    }

    /// Prints the human summary line and the unused ignores, and gives the exit status:
    /// findings fail the run as `policy` says (`None`: never).
    pub fn finish(
        self,
        format: Format,
        policy: Option<FailPolicy>,
        configs: &[Arc<Config>],
        paths: &[PathBuf],
        out: &mut Output,
    ) -> ExitStatus {
        if format == Format::Human && !out.quiet {
            out.print(&render::human_summary(&self.summary, self.skipped));
            out.print(&render::human_fix_summary(&self.summary, self.hidden_fixes));
        }
        report_unused_ignores(configs, &self, paths, out);
        if self.failed {
            ExitStatus::Error
        } else if policy.is_some_and(|p| p.fails(&self.summary)) {
            ExitStatus::Findings
        } else {
            ExitStatus::Success
        }
    }
}

/// Warns about `integ.toml` ignores that suppressed nothing. Per-file entries are judged on the
/// files they matched in this run; global ones only when the run covered the configuration's
/// whole folder (a pre-commit run on a few files proves nothing about the others).
fn report_unused_ignores(
    configs: &[Arc<Config>],
    totals: &Totals,
    paths: &[PathBuf],
    out: &mut Output,
) {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    for config in configs {
        if !totals.checked_under.contains(&config.path) {
            continue;
        }
        let dir = canonical(&config.dir);
        let whole = paths.iter().any(|p| dir.starts_with(canonical(p)));
        let candidates = config
            .per_file_ignores
            .iter()
            .filter(|e| totals.matched.contains(*e))
            .chain(config.ignore.iter().filter(|_| whole));
        for entry in candidates {
            if totals.used.contains(entry) {
                continue;
            }
            let scope = match &entry.pattern {
                Some(pattern) => format!(" for {pattern:?}"),
                None => String::new(),
            };
            out.warning(&format!(
                "{}:{}:{}: unused ignore {:?}{scope}: it suppressed nothing",
                config.path.display(),
                entry.line,
                entry.column,
                entry.selector
            ));
        }
    }
}
