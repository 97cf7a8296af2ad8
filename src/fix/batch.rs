//! Fixing a batch: every file to fix in parallel, then the validation gate of `integ rename`
//! over the whole batch, so that the batch is written entirely or not at all.

use std::path::PathBuf;

use rayon::prelude::*;

use super::rounds::{FileFixes, fix_file};
use crate::check::CheckOptions;
use crate::check::checks;
use crate::error::{Error, Result};
use crate::kind;
use crate::kind::FileKind;
use crate::project::Layout;
use crate::rename::batch::{add_tally, outcomes, roles, verify_batch};
use crate::rename::{BatchOutcome, FileState};
use crate::rename::{Tally, Verb, integration_label};
use crate::source::SourceFile;

/// One file of a batch to fix, read but not parsed yet.
#[derive(Debug, Clone)]
pub struct FixInput {
    /// Where it was read from (`-` for standard input).
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// The options of its check for a file to fix; `None` for a file the gate only reads (a
    /// related file of an integrationcli project).
    pub options: Option<CheckOptions>,
}

/// What fixing a batch did.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The files fixed, old and new text (with, in integrationcli projects, every file of the
    /// batch, unchanged ones included), and one tally per code fixed (`L008 empty-enum`, in
    /// `findings`), in code order: what `integ rename` reports and writes too.
    pub batch: BatchOutcome,
    /// How many findings were fixed in all.
    pub fixed: usize,
    /// Files in which fixes were still left after [`super::MAX_ROUNDS`] rounds.
    pub unsettled: Vec<PathBuf>,
}

/// Fixes every input that has options and holds an integration (text that is not JSON, and
/// JSON of another kind, are left alone: `integ check` reports them). Every changed
/// integration must then pass the validation gate ([`crate::rename::gate::verify_lazily`]: no
/// finding of a code it had fewer of before) and, when it belongs to one of the integrationcli
/// projects of `layout`, its project must have no new project error (the related files among
/// the inputs are read for that). Otherwise the result is an error naming each file and its
/// new problems, and nothing may be written. Writes nothing itself.
///
/// Outside projects each file is parsed, fixed and, when nothing changed, dropped on its
/// worker thread, so memory holds the files changed, not the batch.
pub fn fix_batch(inputs: Vec<FixInput>, layout: &Layout, unsafe_fixes: bool) -> Result<FixOutcome> {
    let results: Vec<(FileFixes, bool)> = if layout.is_empty() {
        inputs
            .into_par_iter()
            .map(|input| {
                let Some(options) = input.options else {
                    return Ok(None);
                };
                let Some(file) = integration(input.path, input.text) else {
                    return Ok(None);
                };
                let fixes = fix_file(FileState::new(file), &options, unsafe_fixes)?;
                Ok(fixes.original.is_some().then_some((fixes, true)))
            })
            .filter_map(Result::transpose)
            .collect::<Result<_>>()?
    } else {
        // A project's gate reads all its files: every one is kept.
        let (files, targets): (Vec<SourceFile>, Vec<Option<CheckOptions>>) = inputs
            .into_par_iter()
            .filter_map(|input| {
                let file = SourceFile::from_text(&input.path, input.text).ok()?;
                Some((file, input.options))
            })
            .unzip();
        let roles = roles(&files, layout);
        files
            .into_par_iter()
            .zip(roles)
            .zip(targets)
            .map(|((file, (kind, owner)), options)| {
                let options = options.filter(|_| {
                    kind == FileKind::Integration
                        && kind::detect(file.document().value()) == kind::FileKind::Integration
                });
                let state = FileState::of_kind(file, kind, owner);
                match options {
                    Some(options) => Ok((fix_file(state, &options, unsafe_fixes)?, true)),
                    None => Ok((
                        FileFixes {
                            state,
                            original: None,
                            fixed: Default::default(),
                            converged: true,
                        },
                        false,
                    )),
                }
            })
            .collect::<Result<_>>()?
    };

    let mut states = Vec::with_capacity(results.len());
    let mut originals = Vec::with_capacity(results.len());
    let mut tallies = Vec::new();
    let mut fixed = 0;
    let mut unsettled = Vec::new();
    // Tallies in code order, whatever order the files fixed them in.
    for check in checks() {
        for (result, _) in &results {
            if let Some(&count) = result.fixed.get(check.code) {
                let tally = Tally {
                    verb: Verb::Fix,
                    label: format!("{} {}", check.code, check.name),
                    unit: "findings",
                    count,
                };
                add_tally(&mut tallies, &tally, integration_label(&result.state));
                fixed += count;
            }
        }
    }
    for (result, fixing) in results {
        if fixing && !result.converged {
            unsettled.push(result.state.file.path.clone());
        }
        states.push(result.state);
        originals.push(result.original);
    }
    let failures = verify_batch(layout, &states, &originals)?;
    if !failures.is_empty() {
        return Err(Error::Usage(format!(
            "{}\nnothing was written: fixing these files would add the problems listed (leave \
             out the codes whose fixes cause them, with --ignore, to fix the rest)",
            failures.join("\n")
        )));
    }
    Ok(FixOutcome {
        batch: BatchOutcome {
            files: outcomes(states, originals),
            tallies,
            skipped: Vec::new(),
        },
        fixed,
        unsettled,
    })
}

/// `text` parsed, when it is an integration (or an envelope around one).
fn integration(path: PathBuf, text: String) -> Option<SourceFile> {
    let file = SourceFile::from_text(&path, text).ok()?;
    (kind::detect(file.document().value()) == kind::FileKind::Integration).then_some(file)
}
