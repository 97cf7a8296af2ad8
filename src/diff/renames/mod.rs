//! Rename detection: a renamed variable or task is one change, not a removal, an addition and
//! every place that refers to it.
//!
//! The test is the rename itself, made by the rename engine on the old version: the
//! occurrences come from the one reference index ([`ReferenceIndex::of_value`]) and
//! [`renamed_occurrences`] decides which one gets which name, exactly as `integ rename` does.
//! [`variables`] and [`tasks`] say when a pairing is convincing; accepted renames are applied
//! to the old version before both are normalised, so the entity comparison that follows sees
//! renamed entities under their new keys and reports only what else changed. Ambiguous
//! pairings are left as removals and additions. [`restore`] puts the old names back into
//! what the comparison reports of the old version.
//!
//! [`ReferenceIndex::of_value`]: crate::references::ReferenceIndex::of_value

mod restore;
mod sites;
mod tasks;
mod variables;

use std::collections::HashSet;

use serde_json::Value;

use super::{Entity, Options};
use crate::references::{Namespace, Reference};
use crate::rename::{RenameSet, apply_to_value, renamed_occurrences};
use restore::Originals;
use sites::Side;

/// A recognised rename.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// Task, variable or config variable.
    pub entity: Entity,
    /// The old id or key.
    pub old: String,
    /// The new id or key.
    pub new: String,
    /// Occurrences renamed with it (declarations included), as `integ rename` counts them.
    pub references: usize,
    /// Variables renamed along with a task id (`Task_<old>_x` → `Task_<new>_x`).
    pub variables: Vec<(String, String)>,
}

/// The renames found between two versions, and what the old version's changed entities were.
#[derive(Debug, Default)]
pub struct Detected {
    /// The renames, tasks first.
    pub renames: Vec<Rename>,
    originals: Originals,
}

/// Owned occurrences with their new names, ready to apply once the index is dropped.
type Planned = Vec<(Reference, String)>;

/// Finds the renames from `old` to `new` and applies them to `old` (both raw versions).
pub fn detect(old: &mut Value, new: &Value, options: &Options) -> Detected {
    let new_side = Side::new(new);
    align_triggers(old, &new_side);
    let mut detected = Detected::default();

    let found = tasks::detect(&Side::new(old), &new_side);
    for with_variables in [true, false] {
        let pairs: Vec<(String, String)> = found
            .iter()
            .filter(|(_, _, v)| *v == with_variables)
            .map(|(a, b, _)| (a.clone(), b.clone()))
            .collect();
        if pairs.is_empty() {
            continue;
        }
        let old_side = Side::new(old);
        let mut planned = Planned::new();
        for (a, b) in pairs {
            let set = RenameSet {
                task_ids: vec![(a.clone(), b.clone())],
                with_variables,
                ..RenameSet::default()
            };
            let Ok(renamed) = renamed_occurrences(&old_side.index, &set) else {
                continue;
            };
            let mut variables: Vec<(String, String)> = renamed
                .occurrences
                .iter()
                .filter(|(r, _)| r.namespace == Namespace::Variable)
                .map(|(r, new)| (r.name.clone(), new.clone()))
                .collect();
            variables.sort();
            variables.dedup();
            detected.renames.push(Rename {
                entity: Entity::Task,
                old: a,
                new: b,
                references: renamed.occurrences.len(),
                variables,
            });
            planned.extend(renamed.occurrences.into_iter().map(|(r, n)| (r.clone(), n)));
        }
        detected.originals.keep(&old_side, &planned);
        drop(old_side);
        apply(old, &planned);
    }

    let old_side = Side::new(old);
    let mut pairs: Vec<(Entity, String, String)> = Vec::new();
    for entity in [Entity::Variable, Entity::ConfigVariable] {
        for (a, b) in variables::detect(&old_side, &new_side, entity) {
            pairs.push((entity, a, b));
        }
    }
    let mut planned = Planned::new();
    for (entity, a, b) in pairs {
        let set = RenameSet {
            variables: vec![(a.clone(), b.clone())],
            ..RenameSet::default()
        };
        let Ok(renamed) = renamed_occurrences(&old_side.index, &set) else {
            continue;
        };
        detected.renames.push(Rename {
            entity,
            old: a,
            new: b,
            references: renamed.occurrences.len(),
            variables: Vec::new(),
        });
        planned.extend(renamed.occurrences.into_iter().map(|(r, n)| (r.clone(), n)));
    }
    detected.originals.keep(&old_side, &planned);
    drop(old_side);
    apply(old, &planned);
    detected.originals.finish(options);
    detected
}

fn apply(value: &mut Value, planned: &Planned) {
    let borrowed: Vec<(&Reference, String)> = planned.iter().map(|(r, n)| (r, n.clone())).collect();
    apply_to_value(value, &borrowed);
}

/// Renumbers old triggers whose number changed but whose `triggerId` did not, with every
/// occurrence of the number (`producer: "2_<n>"`, `producedBy`), so they compare as the same.
fn align_triggers(old: &mut Value, new: &Side) {
    let old_side = Side::new(old);
    let numbers = |side: &Side| -> Vec<(String, Option<String>)> {
        side.value
            .get("triggerConfigs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| {
                let number = t.get("triggerNumber")?.as_str()?.to_string();
                let id = t
                    .get("triggerId")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                Some((number, id))
            })
            .collect()
    };
    let (before, after) = (numbers(&old_side), numbers(new));
    let has = |list: &[(String, Option<String>)], n: &str| list.iter().any(|(m, _)| m == n);
    let mut planned = Planned::new();
    for (number, id) in &before {
        if id.is_none() || has(&after, number) {
            continue;
        }
        let Some((moved, _)) = after
            .iter()
            .find(|(n, other)| other == id && !has(&before, n))
        else {
            continue;
        };
        planned.extend(
            old_side
                .index
                .occurrences(Namespace::TriggerNumber, number)
                .map(|r| (r.clone(), moved.clone())),
        );
    }
    drop(old_side);
    apply(old, &planned);
}

pub(super) struct Candidate {
    pub old: String,
    pub new: String,
    /// Higher is more convincing.
    pub score: (usize, usize, usize),
}

/// Picks pairings, best first; a pairing that ties with another for the same name is skipped.
pub(super) fn choose(mut candidates: Vec<Candidate>) -> Vec<(String, String)> {
    candidates.sort_by(|x, y| y.score.cmp(&x.score).then(x.old.cmp(&y.old)));
    let mut used_old = HashSet::new();
    let mut used_new = HashSet::new();
    let mut chosen = Vec::new();
    for c in &candidates {
        if used_old.contains(&c.old) || used_new.contains(&c.new) {
            continue;
        }
        let rivals = candidates.iter().any(|o| {
            !std::ptr::eq(o, c)
                && (o.old == c.old || o.new == c.new)
                && o.score == c.score
                && !used_old.contains(&o.old)
                && !used_new.contains(&o.new)
        });
        if rivals {
            continue;
        }
        used_old.insert(c.old.clone());
        used_new.insert(c.new.clone());
        chosen.push((c.old.clone(), c.new.clone()));
    }
    chosen
}
