//! `integ check` across the files of a run: calls to another integration of the run (L023),
//! checked once every file has been read. Each file leaves its small [`RunFacts`] here as it
//! finishes; the findings go to the calling files before they are printed.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{CheckArgs, Outcome, options};
use crate::check::calls::{RunFacts, check_calls, interface_on_disk};
use crate::check::config::Config;
use crate::cli::projects::found_text;
use crate::diagnostic::Diagnostic;

/// The facts of the run's integrations, by a key the caller chooses (the file's position).
#[derive(Default)]
pub(super) struct RunCalls {
    files: BTreeMap<usize, (PathBuf, RunFacts)>,
}

impl RunCalls {
    /// Takes what `outcome`'s file shares with the run (under `key`). True when the file calls
    /// another integration, so it may get findings once the run is read.
    pub fn keep(&mut self, key: usize, outcome: &mut Outcome) -> bool {
        let Some(facts) = outcome.report.facts.take() else {
            return false;
        };
        let calls = !facts.calls.is_empty();
        if calls || !facts.trigger_ids.is_empty() {
            self.files.insert(key, (outcome.report.path.clone(), facts));
        }
        calls
    }

    /// The findings of each calling file, by key.
    pub fn findings(&self) -> BTreeMap<usize, Vec<Diagnostic>> {
        let keys: Vec<usize> = self.files.keys().copied().collect();
        let files: Vec<_> = self
            .files
            .values()
            .map(|(path, facts)| (path.as_path(), facts))
            .collect();
        check_calls(&files, interface_on_disk)
            .into_iter()
            .map(|(i, found)| (keys[i], found))
            .collect()
    }
}

/// Adds findings made after `outcome`'s file was checked: filtered and re-graded by its
/// configuration, counted for its ignore entries, and sorted in; the file is read again for
/// the snippets, and its output is to be rendered again.
pub(super) fn add_findings(
    outcome: &mut Outcome,
    config: &Config,
    args: &CheckArgs,
    mut found: Vec<Diagnostic>,
) {
    let report = &mut outcome.report;
    outcome
        .used
        .extend(config.used_entries(&report.path, &found));
    options(config, args, &report.path).apply(&mut found);
    if found.is_empty() {
        return;
    }
    if report.text.is_empty() {
        report.text = found_text(&report.path);
    }
    outcome.rendered = None;
    report.diagnostics.extend(found);
    Diagnostic::sort(&mut report.diagnostics);
}
