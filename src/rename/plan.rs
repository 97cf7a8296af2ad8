//! Planning the edits of one rename set on one document.

use std::collections::BTreeSet;

use super::names::task_variable_renamed;
use super::scope::Scope;
use crate::document::{Document, Edit};
use crate::references::{Namespace, Reference, ReferenceIndex, Uncertainty};
use crate::source::SourceFile;

/// Renames applied together, as one simultaneous change, to each document. Names are exact
/// (backticks included); pairs whose old name does not occur in a document are skipped there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenameSet {
    /// Variable keys, old → new.
    pub variables: Vec<(String, String)>,
    /// Task ids, old → new.
    pub task_ids: Vec<(String, String)>,
    /// Also rename `Task_<old id>_*` variables to `Task_<new id>_*` for every task-id rename.
    pub with_variables: bool,
    /// Task display names, old → new (every task with exactly that label).
    pub task_names: Vec<(String, String)>,
    /// Which integrations of the batch the renames may change.
    pub scope: Scope,
}

/// A count for the summary: how many `unit`s one change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// What kind of change, for the summary's verb.
    pub verb: Verb,
    /// What changed, e.g. `order → purchase`.
    pub label: String,
    /// What was counted: `references` or `tasks`.
    pub unit: &'static str,
    /// How many.
    pub count: usize,
}

/// What kind of change a tally counts, so that `rename` and `apply` word the same change the
/// same way (`Renamed order → purchase: 7 references`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// A variable, task id or task name renamed.
    Rename,
    /// Values replaced by a JSONPath `setValue`.
    Set,
    /// Text replaced inside strings.
    Replace,
    /// Findings fixed by `check --fix`.
    Fix,
}

impl Verb {
    /// The verb for a change made: `Renamed`.
    pub fn done(self) -> &'static str {
        match self {
            Verb::Rename => "Renamed",
            Verb::Set => "Set",
            Verb::Replace => "Replaced",
            Verb::Fix => "Fixed",
        }
    }

    /// The verb for a change previewed (`--check`, `--diff`): `Would rename`.
    pub fn would(self) -> &'static str {
        match self {
            Verb::Rename => "Would rename",
            Verb::Set => "Would set",
            Verb::Replace => "Would replace",
            Verb::Fix => "Would fix",
        }
    }
}

/// The edits for one document and what they amount to.
#[derive(Debug, Clone, Default)]
pub struct FilePlan {
    /// Edits on the integration document.
    pub edits: Vec<Edit>,
    /// One tally per change that touched this document.
    pub tallies: Vec<Tally>,
    /// What the step chose not to change here, and why (`convertCase` leaves a trigger's
    /// output alone, for instance), for the summary.
    pub skipped: Vec<String>,
}

impl FilePlan {
    /// Adds another plan's edits, tallies and notes.
    pub fn extend(&mut self, other: FilePlan) {
        self.edits.extend(other.edits);
        self.tallies.extend(other.tallies);
        self.skipped.extend(other.skipped);
    }
}

/// Plans `set` on `file` (whose reference index is `index`). Refusals (a new name that
/// already exists, a name renamed twice, a place that may name an old variable in a form integ
/// cannot read exactly) come back as messages naming the file, and the line and column where
/// there is one; nothing is planned then.
pub fn plan_file(
    file: &SourceFile,
    index: &ReferenceIndex,
    set: &RenameSet,
) -> Result<FilePlan, Vec<String>> {
    let doc = file.document();
    let refusals = refusals_of(index, set);
    let path = file.path.display();
    match plan_document(doc, index, set, refusals) {
        Ok(plan) => Ok(plan),
        Err(refusals) => Err(refusals
            .into_iter()
            .map(|r| match r.at {
                Some(offset) => {
                    let (line, column) = file.line_col(offset);
                    format!("{path}:{line}:{column}: {}", r.message)
                }
                None => format!("{path}: {}", r.message),
            })
            .collect()),
    }
}

/// A reason not to plan, with the document offset it concerns, if any.
struct Refusal {
    message: String,
    at: Option<usize>,
}

impl From<String> for Refusal {
    fn from(message: String) -> Refusal {
        Refusal { message, at: None }
    }
}

/// The places of `file` where an old variable name of `set` may occur in a form the grammar
/// cannot read exactly: a look-alike of a `$…$` reference, a string a script may read as a
/// name, or a reference spelled with the other backticks. Renaming around them would be a
/// guess, so each is a refusal.
fn refusals_of(index: &ReferenceIndex, set: &RenameSet) -> Vec<Refusal> {
    let declared = index.declared(Namespace::Variable);
    let renamed: BTreeSet<&str> = set.variables.iter().map(|(old, _)| old.as_str()).collect();
    let mut out = Vec::new();
    for (old, _) in &set.variables {
        for u in index.unreadable_of(old) {
            let why = match u.reason {
                Uncertainty::Unclosed => "starts like a reference to it but does not read as one",
                Uncertainty::ComputedName => {
                    "is a string of a script that reads variables by computed names"
                }
            };
            out.push(Refusal {
                message: format!(
                    "cannot rename variable {old}: {} {why}; write it in a form integ reads, \
                     or change it by hand first",
                    u.text
                ),
                at: Some(u.extent.start),
            });
        }
        for r in index.aliases(old) {
            if declared.contains(r.name.as_str()) || renamed.contains(r.name.as_str()) {
                continue;
            }
            out.push(Refusal {
                message: format!(
                    "cannot rename variable {old}: {} spells it with other backticks, and \
                     whether it means {old} cannot be told; write it as {old} or rename {} too",
                    r.written(),
                    r.name
                ),
                at: Some(r.extent.start),
            });
        }
    }
    out
}

fn plan_document(
    doc: &Document,
    index: &ReferenceIndex,
    set: &RenameSet,
    mut refusals: Vec<Refusal>,
) -> Result<FilePlan, Vec<Refusal>> {
    let mut plan = FilePlan::default();
    match renamed_occurrences(index, set) {
        Ok(renamed) => {
            plan.tallies = renamed.tallies;
            plan.edits = renamed
                .occurrences
                .iter()
                .map(|(r, new)| Edit::new(r.span, r.replacement(new, doc.escape_style())))
                .collect();
        }
        Err(messages) => refusals.extend(messages.into_iter().map(Refusal::from)),
    }
    for (old, new) in &set.task_names {
        let (edits, tasks) = task_label_edits(doc, old, new);
        if tasks > 0 {
            plan.tallies.push(tally(
                format!("task name \"{old}\" → \"{new}\""),
                "tasks",
                tasks,
            ));
            plan.edits.extend(edits);
        }
    }
    if refusals.is_empty() {
        Ok(plan)
    } else {
        Err(refusals)
    }
}

/// The occurrences a rename set changes in one file, each with its new name.
#[derive(Debug, Clone, Default)]
pub struct RenamedOccurrences<'a> {
    /// Every occurrence renamed, with the name it gets.
    pub occurrences: Vec<(&'a Reference, String)>,
    /// One tally per variable or task id renamed in this file.
    pub tallies: Vec<Tally>,
}

/// What the variable and task-id renames of `set` change in the file `index` describes
/// (task labels aside): the one decision of which occurrence gets which name, shared by
/// `rename` (as edits of a document) and `diff` (as edits of a value). Pairs whose old name
/// does not occur are skipped; a new name that exists already, or a name renamed twice, is a
/// refusal.
pub fn renamed_occurrences<'a>(
    index: &'a ReferenceIndex,
    set: &RenameSet,
) -> Result<RenamedOccurrences<'a>, Vec<String>> {
    let mut refusals = Vec::new();
    let mut out = RenamedOccurrences::default();

    let present: BTreeSet<&str> = index.names(Namespace::Variable);
    let mut variables: Vec<(String, String)> = set
        .variables
        .iter()
        .filter(|(old, _)| present.contains(old.as_str()))
        .cloned()
        .collect();
    if set.with_variables {
        for (old_id, new_id) in &set.task_ids {
            for name in &present {
                let Some(new) = task_variable_renamed(name, old_id, new_id) else {
                    continue;
                };
                if variables.iter().any(|(old, _)| old == name) {
                    refusals.push(format!(
                        "variable {name} would be renamed twice (by --task-id {old_id}={new_id} \
                         --with-variables and by a variable rename)"
                    ));
                } else {
                    variables.push((name.to_string(), new));
                }
            }
        }
    }
    refusals.extend(collisions(
        &variables,
        &present,
        &index.declared(Namespace::Variable),
        "variable",
    ));
    let tasks: BTreeSet<&str> = index.names(Namespace::TaskId);
    let task_ids: Vec<(String, String)> = set
        .task_ids
        .iter()
        .filter(|(old, _)| tasks.contains(old.as_str()))
        .cloned()
        .collect();
    refusals.extend(collisions(
        &task_ids,
        &tasks,
        &index.declared(Namespace::TaskId),
        "task id",
    ));
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let changes = variables
        .iter()
        .map(|pair| (Namespace::Variable, pair, String::new()))
        .chain(
            task_ids
                .iter()
                .map(|pair| (Namespace::TaskId, pair, "task id ".to_string())),
        );
    for (namespace, (old, new), what) in changes {
        let before = out.occurrences.len();
        out.occurrences.extend(
            index
                .references
                .iter()
                .filter(|r| r.namespace == namespace && r.name == *old)
                .map(|r| (r, new.clone())),
        );
        let count = out.occurrences.len() - before;
        out.tallies
            .push(tally(format!("{what}{old} → {new}"), "references", count));
    }
    Ok(out)
}

fn tally(label: String, unit: &'static str, count: usize) -> Tally {
    Tally {
        verb: Verb::Rename,
        label,
        unit,
        count,
    }
}

/// Refusals for renames whose new name already exists (and is not itself renamed away in the
/// same set) or is the target of two renames.
fn collisions(
    pairs: &[(String, String)],
    present: &BTreeSet<&str>,
    declared: &BTreeSet<&str>,
    what: &str,
) -> Vec<String> {
    let olds: BTreeSet<&str> = pairs.iter().map(|(o, _)| o.as_str()).collect();
    let mut refusals = Vec::new();
    let mut targets = BTreeSet::new();
    for (old, new) in pairs {
        if !targets.insert(new.as_str()) {
            refusals.push(format!("two {what}s would both be renamed to {new}"));
        } else if present.contains(new.as_str()) && !olds.contains(new.as_str()) {
            let how = if declared.contains(new.as_str()) {
                "already declared"
            } else {
                "already referenced"
            };
            refusals.push(format!(
                "cannot rename {what} {old} to {new}: {new} is {how}"
            ));
        }
    }
    refusals
}

/// Edits renaming the `displayName` of every task labelled exactly `old` (and the `label` of
/// internal copies), and the number of tasks renamed.
fn task_label_edits(doc: &Document, old: &str, new: &str) -> (Vec<Edit>, usize) {
    let mut edits = Vec::new();
    let mut tasks = 0;
    for (list, field) in [
        ("taskConfigs", "displayName"),
        ("taskConfigsInternal", "label"),
    ] {
        let Some(items) = doc.value().get(list).and_then(|v| v.as_array()) else {
            continue;
        };
        for (i, task) in items.iter().enumerate() {
            if task.get(field).and_then(|v| v.as_str()) != Some(old) {
                continue;
            }
            if let Some(location) = doc.locate(&format!("/{list}/{i}/{field}")) {
                edits.push(Edit::new(location.value, doc.quote(new)));
                if list == "taskConfigs" {
                    tasks += 1;
                }
            }
        }
    }
    (edits, tasks)
}
