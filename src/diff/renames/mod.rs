//! Rename detection: a renamed variable or task is one change, not a removal, an addition and
//! every place that refers to it.
//!
//! The test is the rename itself: the old name is replaced by the new one in the old version
//! and the result is compared with the new version ([`variables`] and [`tasks`] say when that
//! is convincing). Accepted renames are applied to the old model, so the entity comparison
//! that follows sees renamed entities under their new keys and reports only what else changed.
//! Ambiguous pairings are left as removals and additions.

mod tasks;
mod variables;

use std::collections::HashSet;

use serde_json::Value;

use super::model::{EdgeKey, Model, Node, str_at};
use super::references::VariableName;
use super::{Change, ChangeKind, Entity};

/// A recognised rename.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// Task, variable or config variable.
    pub entity: Entity,
    /// The old id or key.
    pub old: String,
    /// The new id or key.
    pub new: String,
    /// References moved with it.
    pub references: usize,
    /// Variables renamed along with a task id (`Task_<old>_x` → `Task_<new>_x`).
    pub variables: Vec<(String, String)>,
}

/// Finds renames between `old` and `new` and applies them to `old`.
pub fn detect(old: &mut Model, new: &Model) -> Vec<Rename> {
    align_triggers(old, new);
    let mut renames = tasks::detect(old, new);
    renames.extend(variables::detect(old, new, Entity::Variable));
    renames.extend(variables::detect(old, new, Entity::ConfigVariable));
    renames
}

/// Re-keys old triggers whose number changed but whose `triggerId` did not.
fn align_triggers(old: &mut Model, new: &Model) {
    let moves: Vec<(String, String)> = old
        .triggers
        .iter()
        .filter(|(number, _)| !new.triggers.contains_key(*number))
        .filter_map(|(number, trigger)| {
            let id = str_at(trigger, "triggerId")?;
            let (new_number, _) = new.triggers.iter().find(|(n, t)| {
                !old.triggers.contains_key(*n) && str_at(t, "triggerId").as_ref() == Some(&id)
            })?;
            Some((number.clone(), new_number.clone()))
        })
        .collect();
    for (from, to) in moves {
        if let Some(trigger) = old.triggers.remove(&from) {
            old.triggers.insert(to.clone(), trigger);
        }
        rekey_edges(old, |node| match node {
            Node::Trigger(n) if *n == from => Node::Trigger(to.clone()),
            other => other.clone(),
        });
        set_producers(old, &format!("2_{from}"), &format!("2_{to}"));
    }
}

pub(super) fn rekey_edges(model: &mut Model, f: impl Fn(&Node) -> Node) {
    let edges = std::mem::take(&mut model.edges);
    for (mut key, edge) in edges {
        key.from = f(&key.from);
        insert_edge(&mut model.edges, key, edge);
    }
}

pub(super) fn insert_edge(
    edges: &mut std::collections::BTreeMap<EdgeKey, Value>,
    mut key: EdgeKey,
    edge: Value,
) {
    while edges.contains_key(&key) {
        key.nth += 1;
    }
    edges.insert(key, edge);
}

/// Rewrites variable `producer` fields equal to `from`; returns how many.
pub(super) fn set_producers(model: &mut Model, from: &str, to: &str) -> usize {
    let mut n = 0;
    for decl in model.variables.values_mut() {
        if let Some(map) = decl.as_object_mut()
            && map.get("producer").and_then(Value::as_str) == Some(from)
        {
            map.insert("producer".into(), Value::String(to.to_string()));
            n += 1;
        }
    }
    n
}

pub(super) fn keys_only_in(
    a: &std::collections::BTreeMap<String, Value>,
    b: &std::collections::BTreeMap<String, Value>,
) -> Vec<String> {
    a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
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

/// Reports old values under their old names: the comparison ran on the old version with the
/// renames applied, so a removed field or entity would otherwise show the new names.
pub fn restore_old_names(changes: &mut [Change], renames: &[Rename]) {
    let mut names: Vec<(String, String)> = Vec::new();
    for rename in renames {
        names.extend(rename.variables.iter().cloned());
        if rename.entity != Entity::Task {
            names.push((rename.old.clone(), rename.new.clone()));
        }
    }
    let task_ids: Vec<(&str, &str)> = renames
        .iter()
        .filter(|r| r.entity == Entity::Task)
        .map(|r| (r.old.as_str(), r.new.as_str()))
        .collect();
    for change in changes.iter_mut() {
        let restore = |value: &mut Value| {
            for (old, new) in names.iter().rev() {
                VariableName::new(new).rename(value, old);
            }
        };
        for field in &mut change.fields {
            if let Some(old) = &mut field.old {
                restore(old);
            }
        }
        if change.kind == ChangeKind::Removed
            && let Some(old) = &mut change.old
        {
            restore(old);
        }
        if change.entity == Entity::Edge && change.kind != ChangeKind::Added {
            change.id = old_edge_id(&change.id, &task_ids);
            if let Some(Value::Object(edge)) = &mut change.old {
                for field in ["from", "taskId"] {
                    if let Some(Value::String(id)) = edge.get_mut(field)
                        && let Some((old, _)) = task_ids.iter().find(|(_, new)| new == id)
                    {
                        *id = old.to_string();
                    }
                }
            }
        }
    }
}

/// An edge id `from -> to[ #n]` with renamed task ids put back.
fn old_edge_id(id: &str, task_ids: &[(&str, &str)]) -> String {
    let back = |t: &str| {
        task_ids
            .iter()
            .find(|(_, new)| *new == t)
            .map_or(t.to_string(), |(old, _)| old.to_string())
    };
    let Some((from, rest)) = id.split_once(" -> ") else {
        return id.to_string();
    };
    let (to, suffix) = rest.split_once(' ').map_or((rest, ""), |(t, s)| (t, s));
    let from = if from.contains(' ') {
        from.to_string()
    } else {
        back(from)
    };
    let suffix = if suffix.is_empty() {
        String::new()
    } else {
        format!(" {suffix}")
    };
    format!("{from} -> {}{suffix}", back(to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn models(old: Value, new: Value) -> (Model, Model) {
        (Model::build(old), Model::build(new))
    }

    #[test]
    fn renumbered_trigger_is_matched_by_trigger_id() {
        let (mut old, new) = models(
            json!({"triggerConfigs": [{"triggerNumber": "1", "triggerId": "api_trigger/x", "startTasks": [{"taskId": "1"}]}],
                   "integrationParameters": [{"key": "p", "producer": "2_1"}]}),
            json!({"triggerConfigs": [{"triggerNumber": "4", "triggerId": "api_trigger/x", "startTasks": [{"taskId": "1"}]}],
                   "integrationParameters": [{"key": "p", "producer": "2_4"}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
        assert_eq!(old.triggers.keys().collect::<Vec<_>>(), ["4"]);
        assert_eq!(old.edges, new.edges);
        assert_eq!(old.variables, new.variables);
    }
}
