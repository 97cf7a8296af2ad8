//! Running steps over a batch of files: plan every file, refuse or apply, verify, report.
//!
//! A batch is all-or-nothing. Each step sees every file (so it can refuse a name that occurs
//! nowhere, or resolve a name across files), returns one plan per file or refusals, and its
//! edits are applied — and re-parsed and checked by [`SourceFile::apply`] — before the next
//! step runs. Any refusal or failure anywhere stops the batch before anything is written.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::gate;
use super::plan::FilePlan;
use crate::check::is_integration;
use crate::error::{Error, Result};
use crate::project::{self, FileKind, Layout, Place, layout::canonical};
use crate::references::ReferenceIndex;
use crate::source::SourceFile;

/// A file in a batch, as it stands before the current step.
pub struct FileState {
    /// The file as it is now (the original, or after earlier steps).
    pub file: SourceFile,
    /// The reference index of its document (see [`ReferenceIndex::build_for`]).
    pub index: ReferenceIndex,
    /// What the file is: an integration, or a related file of an integrationcli project.
    pub kind: FileKind,
    /// For a related file, the batch index of the integration it belongs to.
    pub owner: Option<usize>,
}

impl FileState {
    /// Indexes `file` as an integration.
    pub fn new(file: SourceFile) -> FileState {
        FileState::of_kind(file, FileKind::Integration, None)
    }

    /// Indexes `file` as a file of kind `kind` belonging to batch file `owner`.
    pub fn of_kind(file: SourceFile, kind: FileKind, owner: Option<usize>) -> FileState {
        let index = ReferenceIndex::build_for(file.document(), kind);
        FileState {
            file,
            index,
            kind,
            owner,
        }
    }
}

/// One change applied to every file of a batch.
pub trait Step: Sync {
    /// Plans the change on every file (one plan per file, in order), or refuses it with
    /// messages that name the file when the refusal concerns one.
    fn plan(&self, files: &[FileState]) -> Result<Vec<FilePlan>, Vec<String>>;
}

/// The result for one file.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The file.
    pub path: PathBuf,
    /// Its text before.
    pub old: String,
    /// Its text after every step (equal to `old` when nothing changed).
    pub new: String,
}

impl FileOutcome {
    /// True when the text changed.
    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

/// A summary line: one change, added up over the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallySum {
    /// What changed, e.g. `order → purchase`.
    pub label: String,
    /// What was counted (`references`, `tasks`).
    pub unit: &'static str,
    /// How many over all files.
    pub count: usize,
    /// In how many files.
    pub files: usize,
}

/// Everything a batch did.
#[derive(Debug, Clone)]
pub struct BatchOutcome {
    /// One outcome per input file, in input order.
    pub files: Vec<FileOutcome>,
    /// The summary, in the order changes were first seen.
    pub tallies: Vec<TallySum>,
}

/// Runs `steps` in order over `files`, all integrations. With `verify`, every changed file
/// must pass [`gate::verify`]. Returns what would be written; writes nothing.
pub fn run(files: Vec<SourceFile>, steps: &[&dyn Step], verify: bool) -> Result<BatchOutcome> {
    run_in(files, &Layout::default(), steps, verify)
}

/// Like [`run`], for files that may belong to the integrationcli projects of `layout`: their
/// related files are indexed for the names they share with their integration, and with
/// `verify` a changed project must not have new project findings ([`project::gate`]).
pub fn run_in(
    files: Vec<SourceFile>,
    layout: &Layout,
    steps: &[&dyn Step],
    verify: bool,
) -> Result<BatchOutcome> {
    let originals: Vec<SourceFile> = files.clone();
    let roles = roles(&files, layout);
    let mut states: Vec<FileState> = files
        .into_par_iter()
        .zip(roles)
        .map(|(file, (kind, owner))| FileState::of_kind(file, kind, owner))
        .collect();
    let mut tallies: Vec<TallySum> = Vec::new();
    for step in steps {
        let plans = step.plan(&states).map_err(|refusals| {
            Error::Usage(format!("{}\nnothing was written", refusals.join("\n")))
        })?;
        assert_eq!(plans.len(), states.len(), "one plan per file");
        for plan in &plans {
            for t in &plan.tallies {
                add_tally(&mut tallies, t.label.clone(), t.unit, t.count);
            }
        }
        states = states
            .into_par_iter()
            .zip(plans)
            .map(|(state, plan)| {
                if plan.edits.is_empty() {
                    return Ok(state);
                }
                let text = state.file.apply(plan.edits)?;
                let file = SourceFile::from_text(&state.file.path, text)?;
                Ok(FileState::of_kind(file, state.kind, state.owner))
            })
            .collect::<Result<Vec<_>>>()?;
    }
    let outcomes: Vec<FileOutcome> = originals
        .iter()
        .zip(&states)
        .map(|(before, after)| FileOutcome {
            path: before.path.clone(),
            old: before.outer().text().to_string(),
            new: after.file.outer().text().to_string(),
        })
        .collect();
    if verify {
        // Related files are not integrations: the project gate below judges them.
        let mut failures: Vec<String> = originals
            .par_iter()
            .zip(&outcomes)
            .zip(&states)
            .filter(|((_, o), state)| o.changed() && state.kind == FileKind::Integration)
            .map(|(pair, _)| pair)
            .filter_map(|(before, o)| {
                gate::verify(before, &o.new).err().map(|found| {
                    let lines: Vec<String> = found
                        .iter()
                        .map(|f| format!("  {}: {}", f.code, f.message))
                        .collect();
                    format!(
                        "{}: the result would have new problems:\n{}",
                        o.path.display(),
                        lines.join("\n")
                    )
                })
            })
            .collect();
        if !layout.is_empty() && outcomes.iter().any(FileOutcome::changed) {
            let ids: Vec<PathBuf> = originals.iter().map(|f| canonical(&f.path)).collect();
            let before: HashMap<PathBuf, &SourceFile> =
                ids.iter().cloned().zip(&originals).collect();
            let after: HashMap<PathBuf, &SourceFile> = ids
                .into_iter()
                .zip(states.iter().map(|s| &s.file))
                .collect();
            failures.extend(project::gate(layout, &before, &after));
        }
        if !failures.is_empty() {
            return Err(Error::Usage(format!(
                "{}\nnothing was written (--no-verify writes anyway)",
                failures.join("\n")
            )));
        }
    }
    Ok(BatchOutcome {
        files: outcomes,
        tallies,
    })
}

/// The kind of each file and the batch index of its integration, from `layout`. A file that
/// holds an integration is one, wherever it sits.
fn roles(files: &[SourceFile], layout: &Layout) -> Vec<(FileKind, Option<usize>)> {
    if layout.is_empty() {
        return vec![(FileKind::Integration, None); files.len()];
    }
    let ids: Vec<PathBuf> = files.iter().map(|f| canonical(&f.path)).collect();
    ids.iter()
        .zip(files)
        .map(|(id, file)| match layout.locate(id) {
            Some(_) if is_integration(file.document().value()) => (FileKind::Integration, None),
            Some((p, Place::Related(i))) => {
                let file = &layout.projects[p].files[i];
                let owner = file.owner.and_then(|o| {
                    let member = &layout.projects[p].integrations[o].id;
                    ids.iter().position(|id| id == member)
                });
                (file.kind, owner)
            }
            _ => (FileKind::Integration, None),
        })
        .collect()
}

fn add_tally(tallies: &mut Vec<TallySum>, label: String, unit: &'static str, count: usize) {
    if count == 0 {
        return;
    }
    match tallies
        .iter_mut()
        .find(|t| t.label == label && t.unit == unit)
    {
        Some(t) => {
            t.count += count;
            t.files += 1;
        }
        None => tallies.push(TallySum {
            label,
            unit,
            count,
            files: 1,
        }),
    }
}
