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
use super::plan::{FilePlan, Tally, Verb};
use super::prefilter::Prefilter;
use super::scope::integration_label;
use crate::check::project;
use crate::error::{Error, Result};
use crate::kind::FileKind;
use crate::kind::is_integration;
use crate::project::{Layout, Place, layout::canonical};
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

    /// The literal names this step can only change where they are spelled (see
    /// [`Prefilter`]), or `None` when it may change any file (the default).
    fn needles(&self) -> Option<Vec<String>> {
        None
    }
}

/// The prefilter of a batch of `steps`: only when every step has needles.
pub fn prefilter(steps: &[&dyn Step]) -> Option<Prefilter> {
    let mut needles = Vec::new();
    for step in steps {
        needles.extend(step.needles()?);
    }
    Prefilter::new(needles)
}

/// The result for one file.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The file.
    pub path: PathBuf,
    /// Its text before.
    pub old: String,
    /// Its text after every step, or `None` when nothing changed (so an unchanged file's text
    /// is held once, not twice).
    pub new: Option<String>,
}

impl FileOutcome {
    /// True when the text changed.
    pub fn changed(&self) -> bool {
        self.new.is_some()
    }

    /// The text after every step: the new text, or the old one when nothing changed.
    pub fn result(&self) -> &str {
        self.new.as_deref().unwrap_or(&self.old)
    }
}

/// A summary line: one change, added up over the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallySum {
    /// What kind of change.
    pub verb: Verb,
    /// What changed, e.g. `order → purchase`.
    pub label: String,
    /// What was counted (`references`, `tasks`).
    pub unit: &'static str,
    /// How many over all files.
    pub count: usize,
    /// In how many files.
    pub files: usize,
    /// The integrations it touched (their names, or file names), each once, in batch order;
    /// related files count for their integration.
    pub integrations: Vec<String>,
}

/// Everything a batch did.
#[derive(Debug, Clone)]
pub struct BatchOutcome {
    /// One outcome per input file, in input order.
    pub files: Vec<FileOutcome>,
    /// The summary, in the order changes were first seen.
    pub tallies: Vec<TallySum>,
    /// What steps chose not to change, and why, each once.
    pub skipped: Vec<String>,
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
    let roles = roles(&files, layout);
    let mut states: Vec<FileState> = files
        .into_par_iter()
        .zip(roles)
        .map(|(file, (kind, owner))| FileState::of_kind(file, kind, owner))
        .collect();
    // The text before the first step that changed it, for each changed file only: unchanged
    // files are never copied, and a changed one keeps its parse only for its current state.
    let mut originals: Vec<Option<String>> = states.iter().map(|_| None).collect();
    let mut tallies: Vec<TallySum> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for step in steps {
        let plans = step.plan(&states).map_err(|refusals| {
            Error::Usage(format!("{}\nnothing was written", refusals.join("\n")))
        })?;
        assert_eq!(plans.len(), states.len(), "one plan per file");
        for (plan, state) in plans.iter().zip(&states) {
            let owner = state.owner.map_or(state, |o| &states[o]);
            for note in &plan.skipped {
                if !skipped.contains(note) {
                    skipped.push(note.clone());
                }
            }
            for t in &plan.tallies {
                let integration = integration_label(owner);
                add_tally(&mut tallies, t, integration);
            }
        }
        let applied: Vec<(FileState, Option<String>)> = states
            .into_par_iter()
            .zip(plans)
            .zip(originals)
            .map(|((state, plan), original)| {
                if plan.edits.is_empty() {
                    return Ok((state, original));
                }
                let file = state.file.edited(plan.edits)?;
                let next = FileState::of_kind(file, state.kind, state.owner);
                Ok((next, original.or_else(|| Some(state.file.into_text()))))
            })
            .collect::<Result<Vec<_>>>()?;
        (states, originals) = applied.into_iter().unzip();
    }
    if verify {
        let failures = verify_batch(layout, &states, &originals)?;
        if !failures.is_empty() {
            return Err(Error::Usage(format!(
                "{}\nnothing was written (--no-verify writes anyway)",
                failures.join("\n")
            )));
        }
    }
    Ok(BatchOutcome {
        files: outcomes(states, originals),
        tallies,
        skipped,
    })
}

/// The outcome of each file: its state now and its text before the first change, if any.
pub(crate) fn outcomes(states: Vec<FileState>, originals: Vec<Option<String>>) -> Vec<FileOutcome> {
    states
        .into_iter()
        .zip(originals)
        .map(|(after, before)| {
            let path = after.file.path.clone();
            let new = after.file.into_text();
            match before {
                Some(before) if before != new => FileOutcome {
                    path,
                    old: before,
                    new: Some(new),
                },
                _ => FileOutcome {
                    path,
                    old: new,
                    new: None,
                },
            }
        })
        .collect()
}

/// The validation gate over a batch: every changed integration must pass
/// [`gate::verify_lazily`], and a changed project must not have new project findings.
/// `originals` holds the text before the first change of each changed file. Returns one
/// message per file that fails, naming it and its new problems.
pub(crate) fn verify_batch(
    layout: &Layout,
    states: &[FileState],
    originals: &[Option<String>],
) -> Result<Vec<String>> {
    // A result with findings of its own is compared with its input, parsed again for that.
    let reparse = |after: &FileState, text: &str| {
        SourceFile::from_text(&after.file.path, text.to_string())
            .map(|file| FileState::of_kind(file, after.kind, after.owner))
    };
    // Related files are not integrations: the project gate below judges them.
    let mut failures: Vec<String> = states
        .par_iter()
        .zip(originals)
        .filter_map(|(after, before)| Some((after, before.as_deref()?)))
        .filter(|(after, _)| after.kind == FileKind::Integration)
        .filter_map(|(after, before)| {
            let found = gate::verify_lazily((&after.file, &after.index), || {
                reparse(after, before)
                    .map(|b| gate::findings(&b.file, &b.index))
                    .unwrap_or_default()
            })
            .err()?;
            let lines: Vec<String> = found
                .iter()
                .map(|f| format!("  {}: {}", f.code, f.message))
                .collect();
            Some(format!(
                "{}: the result would have new problems:\n{}",
                after.file.path.display(),
                lines.join("\n")
            ))
        })
        .collect();
    if !layout.is_empty() && originals.iter().any(Option::is_some) {
        let inputs: Vec<Option<SourceFile>> = states
            .iter()
            .zip(originals)
            .map(|(after, before)| {
                let text = before.as_deref()?;
                Some(SourceFile::from_text(&after.file.path, text.to_string()))
            })
            .map(Option::transpose)
            .collect::<Result<_>>()?;
        let ids: Vec<PathBuf> = states.iter().map(|s| canonical(&s.file.path)).collect();
        let before: HashMap<PathBuf, &SourceFile> = ids
            .iter()
            .cloned()
            .zip(states.iter().zip(&inputs))
            .map(|(id, (after, input))| (id, input.as_ref().unwrap_or(&after.file)))
            .collect();
        let after: HashMap<PathBuf, &SourceFile> = ids
            .into_iter()
            .zip(states.iter().map(|s| &s.file))
            .collect();
        failures.extend(project::gate(layout, &before, &after));
    }
    Ok(failures)
}

/// The kind of each file and the batch index of its integration, from `layout`. A file that
/// holds an integration is one, wherever it sits.
pub(crate) fn roles(files: &[SourceFile], layout: &Layout) -> Vec<(FileKind, Option<usize>)> {
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

/// Adds `tally`, counted in one more file of `integration`, to `tallies`.
pub(crate) fn add_tally(tallies: &mut Vec<TallySum>, tally: &Tally, integration: String) {
    if tally.count == 0 {
        return;
    }
    let sum = match tallies
        .iter_mut()
        .position(|t| t.verb == tally.verb && t.label == tally.label && t.unit == tally.unit)
    {
        Some(i) => {
            let sum = &mut tallies[i];
            sum.count += tally.count;
            sum.files += 1;
            sum
        }
        None => {
            tallies.push(TallySum {
                verb: tally.verb,
                label: tally.label.clone(),
                unit: tally.unit,
                count: tally.count,
                files: 1,
                integrations: Vec::new(),
            });
            tallies.last_mut().expect("just pushed")
        }
    };
    if !sum.integrations.contains(&integration) {
        sum.integrations.push(integration);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::rename::{RenameSet, RenameStep};

    /// Trigger 1 starts task 9, which does not exist (L001), so task 1 is unreachable (L006).
    const WITH_ERRORS: &str = r#"{"triggerConfigs": [{"triggerNumber": "1", "triggerType": "API",
  "triggerId": "api_trigger/t_API_1", "startTasks": [{"taskId": "9"}]}],
  "taskConfigs": [{"taskId": "1", "task": "FieldMappingTask",
    "parameters": {"x": {"key": "x", "value": {"stringValue": "$a$ $b$"}}}}],
  "integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"},
    {"key": "b", "dataType": "STRING_VALUE"}]}
"#;

    fn rename(old: &str, new: &str, verify: bool) -> Result<BatchOutcome> {
        let file = SourceFile::from_text(Path::new("t.json"), WITH_ERRORS.to_string()).unwrap();
        let step = RenameStep {
            set: RenameSet {
                variables: vec![(old.to_string(), new.to_string())],
                ..RenameSet::default()
            },
        };
        run(vec![file], &[&step], verify)
    }

    #[test]
    fn errors_the_input_had_do_not_block_a_rename() {
        let outcome = rename("a", "c", true).unwrap();
        let file = &outcome.files[0];
        assert_eq!(file.old, WITH_ERRORS);
        assert!(file.result().contains("\"$c$ $b$\""), "{}", file.result());
        assert!(file.result().contains("{\"key\": \"c\","));
    }

    /// A step that declares variable `a` twice, by turning the key `b` into `a`.
    struct DeclareTwice;

    impl Step for DeclareTwice {
        fn plan(&self, files: &[FileState]) -> Result<Vec<FilePlan>, Vec<String>> {
            let at = WITH_ERRORS.find(r#"{"key": "b""#).unwrap() + r#"{"key": "#.len();
            let edit = crate::document::Edit::new(crate::document::Span::new(at, at + 3), r#""a""#);
            Ok(files
                .iter()
                .map(|_| FilePlan {
                    edits: vec![edit.clone()],
                    ..FilePlan::default()
                })
                .collect())
        }
    }

    #[test]
    fn errors_the_result_adds_block_it() {
        let file = || SourceFile::from_text(Path::new("t.json"), WITH_ERRORS.to_string()).unwrap();
        let unchecked = run(vec![file()], &[&DeclareTwice], false).unwrap();
        assert!(unchecked.files[0].result().contains(
            r#"{"key": "a", "dataType": "STRING_VALUE"},
    {"key": "a","#
        ));
        let message = run(vec![file()], &[&DeclareTwice], true)
            .err()
            .unwrap()
            .to_string();
        assert!(
            message.contains("t.json: the result would have new problems"),
            "{message}"
        );
        assert!(message.contains("duplicate-variable"), "{message}");
        assert!(
            !message.contains("L001"),
            "the input's own errors are not new: {message}"
        );
    }
}
