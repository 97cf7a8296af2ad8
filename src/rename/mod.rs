//! Renaming variables, task ids and task names everywhere they are referenced.
//!
//! A [`RenameSet`] is resolved against every file of a batch ([`RenameStep`]): a name given
//! without backticks resolves to the backticked key when that is the only match, a name found
//! in no file at all is refused, and an invalid new name is refused. Each file is then planned
//! from its [`crate::references::ReferenceIndex`] ([`plan::plan_file`]): one edit per
//! occurrence of exactly the old name. [`batch::run`] applies the steps, re-parses, runs the
//! validation gate ([`gate::verify`]) and returns the new texts for the caller to write.

pub mod batch;
pub mod gate;
pub mod names;
pub mod plan;
pub mod prefilter;
pub mod scope;
mod value;

use rayon::prelude::*;

pub use batch::{BatchOutcome, FileOutcome, FileState, Step, TallySum, prefilter, run, run_in};
pub use plan::{
    FilePlan, RenameSet, RenamedOccurrences, Tally, Verb, plan_file, renamed_occurrences,
};
pub use prefilter::Prefilter;
pub use scope::{Scope, integration_label};
pub use value::{apply_to_value, apply_under, rename_in_string};

use crate::references::{Namespace, is_system_variable};

/// A rename set as a batch step.
#[derive(Debug, Clone)]
pub struct RenameStep {
    /// What to rename, as the user gave it.
    pub set: RenameSet,
}

impl Step for RenameStep {
    fn needles(&self) -> Option<Vec<String>> {
        let set = &self.set;
        let variables = set.variables.iter().map(|(old, _)| old.trim_matches('`'));
        let task_ids = set.task_ids.iter().map(|(old, _)| old.as_str());
        let task_names = set.task_names.iter().map(|(old, _)| old.as_str());
        Some(
            variables
                .chain(task_ids)
                .chain(task_names)
                .map(str::to_string)
                .collect(),
        )
    }

    fn plan(&self, files: &[FileState]) -> Result<Vec<FilePlan>, Vec<String>> {
        let in_scope = self.set.scope.mask(files);
        let set = resolve(&self.set, files, &in_scope)?;
        let plans: Vec<Result<FilePlan, Vec<String>>> = files
            .par_iter()
            .zip(&in_scope)
            .map(|(f, &inside)| {
                if inside {
                    plan_file(&f.file, &f.index, &set)
                } else {
                    Ok(FilePlan::default())
                }
            })
            .collect();
        let refusals: Vec<String> = plans
            .iter()
            .filter_map(|p| p.as_ref().err())
            .flatten()
            .cloned()
            .collect();
        if refusals.is_empty() {
            Ok(plans.into_iter().map(|p| p.expect("no refusals")).collect())
        } else {
            Err(refusals)
        }
    }
}

/// Checks `set` against the files of the batch it may change (`in_scope`) and resolves
/// unquoted names to backticked keys. A task id that more than one integration has is refused
/// unless the scope allows every integration.
pub fn resolve(
    set: &RenameSet,
    files: &[FileState],
    in_scope: &[bool],
) -> Result<RenameSet, Vec<String>> {
    let mut refusals = Vec::new();
    let files: Vec<&FileState> = files
        .iter()
        .zip(in_scope)
        .filter_map(|(f, &inside)| inside.then_some(f))
        .collect();
    let occurs = |ns: Namespace, name: &str| {
        files
            .iter()
            .any(|f| f.index.occurrences(ns, name).next().is_some())
    };
    let mut resolved = RenameSet {
        with_variables: set.with_variables,
        scope: set.scope.clone(),
        ..RenameSet::default()
    };
    for (old, new) in &set.variables {
        let quoted = format!("`{old}`");
        let (old, new) = if occurs(Namespace::Variable, old) {
            (old.clone(), new.clone())
        } else if !old.starts_with('`') && occurs(Namespace::Variable, &quoted) {
            let new = names::with_backticks_of(&quoted, new);
            (quoted, new)
        } else {
            refusals.push(format!("variable {old} is not found in any file"));
            continue;
        };
        if let Err(e) = names::check_variable_name(&new) {
            refusals.push(e);
        } else if is_system_variable(&old) {
            refusals.push(format!(
                "variable {old} is a system variable: the runtime sets it under that name, so \
                 its references cannot follow a new one"
            ));
        } else if old == new {
            refusals.push(format!("variable {old} would be renamed to itself"));
        } else {
            resolved.variables.push((old, new));
        }
    }
    for (old, new) in &set.task_ids {
        if let Err(e) = names::check_task_id(new) {
            refusals.push(e);
        } else if !occurs(Namespace::TaskId, old) {
            refusals.push(format!("task id {old} is not found in any file"));
        } else if old == new {
            refusals.push(format!("task id {old} would be renamed to itself"));
        } else {
            let declaring: Vec<(String, &std::path::Path)> = files
                .iter()
                .filter(|f| f.kind == crate::project::FileKind::Integration)
                .filter(|f| f.index.declared(Namespace::TaskId).contains(old.as_str()))
                .map(|f| (scope::integration_label(f), f.file.path.as_path()))
                .collect();
            if declaring.len() > 1 && !set.scope.all_integrations {
                refusals.push(scope::several_integrations(old, &declaring));
            } else {
                resolved.task_ids.push((old.clone(), new.clone()));
            }
        }
    }
    for (old, new) in &set.task_names {
        let labelled = files.iter().any(|f| {
            f.file.document().value()["taskConfigs"]
                .as_array()
                .is_some_and(|tasks| tasks.iter().any(|t| t["displayName"] == old.as_str()))
        });
        if let Err(e) = names::check_task_label(new) {
            refusals.push(e);
        } else if !labelled {
            refusals.push(format!("no task is named \"{old}\" in any file"));
        } else if old != new {
            resolved.task_names.push((old.clone(), new.clone()));
        }
    }
    if refusals.is_empty() {
        Ok(resolved)
    } else {
        Err(refusals)
    }
}
