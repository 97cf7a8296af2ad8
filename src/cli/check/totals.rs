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
    summary: Summary,
    used: HashSet<IgnoreEntry>,
    matched: HashSet<IgnoreEntry>,
    checked_under: HashSet<PathBuf>,
    /// Fixes of findings that only `--unsafe-fixes` applies.
    hidden_fixes: usize,
    /// Files skipped as JSON of no kind integ checks, with what they are.
    skipped: Vec<(PathBuf, &'static str)>,
    /// The paths given: folders with how many files were checked under each, and files.
    folders: Vec<(PathBuf, usize)>,
    files: Vec<PathBuf>,
    /// `-v`: list every skipped file, not only those named on the command line.
    verbose: bool,
}

impl Totals {
    /// Totals for a run over `paths` (as given on the command line).
    pub fn new(paths: &[PathBuf], verbose: bool) -> Totals {
        let (folders, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
            paths.iter().partition(|p| p.is_dir());
        Totals {
            folders: folders.into_iter().map(|p| (p.clone(), 0)).collect(),
            files: files.into_iter().cloned().collect(),
            verbose,
            ..Totals::default()
        }
    }

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
        if let Some(what) = outcome.report.skipped {
            self.skipped.push((outcome.report.path, what));
            return None;
        }
        for (folder, checked) in &mut self.folders {
            if outcome.report.path.starts_with(folder.as_path()) {
                *checked += 1;
            }
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
        if format == Format::Human {
            // Summaries, so on stderr like every command's: stdout holds only the findings.
            let summary = render::human_summary(&self.summary, self.skipped.len());
            out.note(summary.trim_end());
            let fixable = render::human_fix_summary(&self.summary, self.hidden_fixes);
            if !fixable.is_empty() {
                out.note(fixable.trim_end());
            }
        }
        report_unused_ignores(configs, &self, paths, out);
        let nothing_checked = self.report_skipped(out);
        if self.failed || nothing_checked {
            ExitStatus::Error
        } else if policy.is_some_and(|p| p.fails(&self.summary)) {
            ExitStatus::Findings
        } else {
            ExitStatus::Success
        }
    }
}

impl Totals {
    /// Says what was not checked: files named on the command line that are JSON of no kind
    /// integ checks (every skipped file with `-v`), and folders where no file was checked.
    /// Returns true when the run checked nothing at all although it was given only folders:
    /// a check that saw nothing is not a pass. (Files named one by one, as a pre-commit hook
    /// names every staged JSON file, are warned about but do not fail the run.)
    fn report_skipped(&self, out: &mut Output) -> bool {
        for (path, what) in &self.skipped {
            if self.files.contains(path) {
                out.warning(&format!(
                    "{}: not checked: {what}, a file of no kind integ checks",
                    path.display()
                ));
            } else if self.verbose {
                out.note(&format!("skipped {}: {what}", path.display()));
            }
        }
        for (folder, checked) in &self.folders {
            if *checked == 0 {
                let skipped = self
                    .skipped
                    .iter()
                    .filter(|(p, _)| p.starts_with(folder))
                    .count();
                let why = match skipped {
                    0 => "it holds no JSON file".to_string(),
                    n => format!(
                        "its {n} JSON file{} {} of no kind integ checks (-v lists them)",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "is" } else { "are" }
                    ),
                };
                out.warning(&format!("{}: nothing checked: {why}", folder.display()));
            }
        }
        let checked: usize = self.summary.files;
        if checked == 0 && self.files.is_empty() && !self.folders.is_empty() && !self.failed {
            out.error(
                "no file was checked (integ checks integrations, execute requests, \
                 custom connector specs and connections)",
            );
            return true;
        }
        false
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
