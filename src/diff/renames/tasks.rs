//! Task id renames: task `a` became task `b` when they run the same task type and renaming
//! the id in `a` as `integ rename --task-id a=b` does (with or without `--with-variables`,
//! which also renames its `` `Task_<a>_*` `` variables) makes its parameters those of `b`; a
//! task without parameters must also keep its edges.

use std::collections::BTreeSet;

use serde_json::Value;

use super::super::Entity;
use super::super::model::{EntityKey, Model, Node, str_at};
use super::super::normalize::normalize;
use super::sites::Side;
use super::{Candidate, choose};
use crate::references::{Namespace, task_variable_renamed};
use crate::rename::{RenameSet, apply_under, renamed_occurrences};

/// A task rename found: old id, new id, and whether its variables were renamed with it.
pub(super) type TaskRename = (String, String, bool);

/// The task id renames from `old` to `new`.
pub(super) fn detect(old: &Side, new: &Side) -> Vec<TaskRename> {
    let removed: Vec<&str> = old
        .entities
        .keys(Entity::Task)
        .filter(|k| !new.entities.contains(&task(k)))
        .collect();
    let added: Vec<&str> = new
        .entities
        .keys(Entity::Task)
        .filter(|k| !old.entities.contains(&task(k)))
        .collect();
    let mut candidates = Vec::new();
    let mut with_variables = Vec::new();
    for a in &removed {
        let Some(old_task) = old.entity(&task(a)) else {
            continue;
        };
        for b in &added {
            let Some(new_task) = new.entity(&task(b)) else {
                continue;
            };
            if old_task.get("task") != new_task.get("task") {
                continue;
            }
            let wanted = parameters(new_task, b);
            let variables = variables_moved(old, new, a, b);
            if renamed_parameters(old, a, b, variables) != Some(wanted.clone()) {
                continue;
            }
            let edges_equal = {
                let (incoming, outgoing) = neighbours(new.value, b, None);
                !(incoming.is_empty() && outgoing.is_empty())
                    && neighbours(old.value, a, Some((a, b))) == (incoming, outgoing)
            };
            if wanted.is_some() || edges_equal {
                candidates.push(Candidate {
                    old: a.to_string(),
                    new: b.to_string(),
                    score: (usize::from(edges_equal), 0, 0),
                });
                with_variables.push((a.to_string(), b.to_string(), variables));
            }
        }
    }
    choose(candidates)
        .into_iter()
        .filter_map(|(a, b)| {
            with_variables
                .iter()
                .find(|(x, y, _)| *x == a && *y == b)
                .cloned()
        })
        .collect()
}

/// True when the task's variables moved with it: a `Task_<a>_*` name of `old` is gone from
/// `new`, which has the `Task_<b>_*` one instead.
fn variables_moved(old: &Side, new: &Side, a: &str, b: &str) -> bool {
    let (before, after) = (
        old.index.names(Namespace::Variable),
        new.index.names(Namespace::Variable),
    );
    before.iter().any(|name| {
        task_variable_renamed(name, a, b)
            .is_some_and(|moved| after.contains(moved.as_str()) && !after.contains(name))
    })
}

fn task(id: &str) -> EntityKey {
    EntityKey {
        entity: Entity::Task,
        id: id.to_string(),
    }
}

/// Task `a` of `old` renamed to `b` by the rename engine, its parameters in the normal form;
/// `None` when the engine refuses the rename.
fn renamed_parameters(old: &Side, a: &str, b: &str, with_variables: bool) -> Option<Option<Value>> {
    let key = task(a);
    let prefix = old.entities.prefix(&key)?;
    let set = RenameSet {
        task_ids: vec![(a.to_string(), b.to_string())],
        with_variables,
        ..RenameSet::default()
    };
    let renamed = renamed_occurrences(&old.index, &set).ok()?;
    let mut value = old.entity(&key)?.clone();
    apply_under(&mut value, prefix, &renamed.occurrences);
    Some(parameters(&value, b))
}

/// The normal form of task `value`'s parameters (it has id `id`).
fn parameters(value: &Value, id: &str) -> Option<Value> {
    let model = Model::build(normalize(
        serde_json::json!({ "taskConfigs": [value] }),
        true,
        &[],
    ));
    model.tasks.get(id)?.get("parameters").cloned()
}

/// The edges touching task `id` in a raw version: (incoming sources, outgoing targets), with
/// `rename` applied to the ids.
fn neighbours(
    root: &Value,
    id: &str,
    rename: Option<(&str, &str)>,
) -> (BTreeSet<Node>, BTreeSet<String>) {
    let map = |s: String| match rename {
        Some((a, b)) if s == a => b.to_string(),
        _ => s,
    };
    let mut incoming = BTreeSet::new();
    let mut outgoing = BTreeSet::new();
    let lists = [
        ("taskConfigs", "taskId", "nextTasks"),
        ("triggerConfigs", "triggerNumber", "startTasks"),
        ("errorCatcherConfigs", "errorCatcherId", "startErrorTasks"),
    ];
    for (list, key, edges) in lists {
        for owner in root
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let from = str_at(owner, key).unwrap_or_default();
            for edge in owner
                .get(edges)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let to = str_at(edge, "taskId").unwrap_or_default();
                if to == id {
                    incoming.insert(match list {
                        "taskConfigs" => Node::Task(map(from.clone())),
                        "triggerConfigs" => Node::Trigger(from.clone()),
                        _ => Node::ErrorCatcher(from.clone()),
                    });
                }
                if list == "taskConfigs" && from == id {
                    outgoing.insert(map(to));
                }
            }
        }
    }
    (incoming, outgoing)
}
