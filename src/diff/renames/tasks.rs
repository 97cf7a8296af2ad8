//! Task id renames: task `a` became task `b` when they run the same task type, and moving the
//! id, the edges into it, the `1_<id>` producers and the auto-generated `` `Task_<id>_*` ``
//! variables makes the parameters equal (a task without parameters must also keep its edges).

use std::collections::BTreeSet;

use serde_json::Value;

use super::super::Entity;
use super::super::model::{Model, Node};
use super::super::references::rename_variable;
use super::{Candidate, Rename, choose, insert_edge, keys_only_in, set_producers, variables};

/// Finds task id renames from `old` to `new` and applies them (with the task's variables) to
/// `old`.
pub(super) fn detect(old: &mut Model, new: &Model) -> Vec<Rename> {
    let removed: Vec<String> = keys_only_in(&old.tasks, &new.tasks);
    let added: Vec<String> = keys_only_in(&new.tasks, &old.tasks);
    let mut candidates = Vec::new();
    for a in &removed {
        for b in &added {
            if old.tasks[a].get("task") != new.tasks[b].get("task") {
                continue;
            }
            let task_vars = task_variables(old, new, a, b);
            let mut task = old.tasks[a].clone();
            for (va, vb) in &task_vars {
                rename_variable(&mut task, va, vb);
            }
            let params_equal = task.get("parameters") == new.tasks[b].get("parameters");
            let (incoming, outgoing) = neighbours(new, b, None);
            let edges_equal = neighbours(old, a, Some((a, b)))
                == (incoming.clone(), outgoing.clone())
                && !(incoming.is_empty() && outgoing.is_empty());
            let has_params = task.get("parameters").is_some();
            if params_equal && (has_params || edges_equal) {
                candidates.push(Candidate {
                    old: a.clone(),
                    new: b.clone(),
                    score: (usize::from(edges_equal), 0, 0),
                });
            }
        }
    }
    let mut renames = Vec::new();
    for (a, b) in choose(candidates) {
        let task_vars = task_variables(old, new, &a, &b);
        let mut references = rename_task(old, &a, &b);
        for (va, vb) in &task_vars {
            references += variables::rename_declared(old, Entity::Variable, va, vb);
        }
        renames.push(Rename {
            entity: Entity::Task,
            old: a,
            new: b,
            references,
            variables: task_vars,
        });
    }
    renames
}

/// The auto-generated variables of task `a` that `new` declares under task `b`'s id.
fn task_variables(old: &Model, new: &Model, a: &str, b: &str) -> Vec<(String, String)> {
    let prefix = format!("Task_{a}_");
    old.variables
        .keys()
        .filter_map(|key| {
            let ticked = key.starts_with('`') && key.ends_with('`') && key.len() > 1;
            let bare = if ticked { &key[1..key.len() - 1] } else { key };
            let rest = bare.strip_prefix(&prefix)?;
            let renamed = if ticked {
                format!("`Task_{b}_{rest}`")
            } else {
                format!("Task_{b}_{rest}")
            };
            let moved = new.variables.contains_key(&renamed)
                && !new.variables.contains_key(key)
                && !old.variables.contains_key(&renamed);
            moved.then(|| (key.clone(), renamed))
        })
        .collect()
}

/// The edges touching task `id`: (incoming sources, outgoing targets), with `rename` applied.
fn neighbours(
    model: &Model,
    id: &str,
    rename: Option<(&String, &String)>,
) -> (BTreeSet<Node>, BTreeSet<String>) {
    let map = |s: &String| match rename {
        Some((a, b)) if s == a => b.clone(),
        _ => s.clone(),
    };
    let mut incoming = BTreeSet::new();
    let mut outgoing = BTreeSet::new();
    for key in model.edges.keys() {
        if key.to == id {
            incoming.insert(match &key.from {
                Node::Task(t) => Node::Task(map(t)),
                other => other.clone(),
            });
        }
        if key.from == Node::Task(id.to_string()) {
            outgoing.insert(map(&key.to));
        }
    }
    (incoming, outgoing)
}

/// Moves task `a` to id `b` in `model`; returns the references moved (edges in, producers).
fn rename_task(model: &mut Model, a: &str, b: &str) -> usize {
    if let Some(mut task) = model.tasks.remove(a) {
        if let Some(map) = task.as_object_mut() {
            map.insert("taskId".into(), Value::String(b.to_string()));
        }
        model.tasks.insert(b.to_string(), task);
    }
    let incoming = model.edges.keys().filter(|k| k.to == a).count();
    let (a, b) = (a.to_string(), b.to_string());
    let edges = std::mem::take(&mut model.edges);
    for (mut key, mut edge) in edges {
        if key.from == Node::Task(a.clone()) {
            key.from = Node::Task(b.clone());
        }
        if key.to == a {
            key.to = b.clone();
            if let Some(map) = edge.as_object_mut()
                && map.contains_key("taskId")
            {
                map.insert("taskId".into(), Value::String(b.clone()));
            }
        }
        insert_edge(&mut model.edges, key, edge);
    }
    incoming + set_producers(model, &format!("1_{a}"), &format!("1_{b}"))
}

#[cfg(test)]
mod tests {
    use super::super::detect;
    use super::*;
    use serde_json::json;

    fn models(old: Value, new: Value) -> (Model, Model) {
        (Model::build(old), Model::build(new))
    }

    #[test]
    fn task_id_rename_moves_edges_producers_and_task_variables() {
        let (mut old, new) = models(
            json!({"triggerConfigs": [{"triggerNumber": "1", "startTasks": [{"taskId": "3"}]}],
                   "taskConfigs": [{"taskId": "3", "task": "GenericRestV2Task",
                       "parameters": {"responseBody": {"value": {"stringArray": {"stringValues": ["$`Task_3_responseBody`$"]}}}},
                       "nextTasks": [{"taskId": "4"}]},
                     {"taskId": "4", "task": "X", "parameters": {"p": {"value": {"stringValue": "$`Task_3_responseBody`$"}}}}],
                   "integrationParameters": [{"key": "`Task_3_responseBody`", "producer": "1_3"}]}),
            json!({"triggerConfigs": [{"triggerNumber": "1", "startTasks": [{"taskId": "30"}]}],
                   "taskConfigs": [{"taskId": "30", "task": "GenericRestV2Task",
                       "parameters": {"responseBody": {"value": {"stringArray": {"stringValues": ["$`Task_30_responseBody`$"]}}}},
                       "nextTasks": [{"taskId": "4"}]},
                     {"taskId": "4", "task": "X", "parameters": {"p": {"value": {"stringValue": "$`Task_30_responseBody`$"}}}}],
                   "integrationParameters": [{"key": "`Task_30_responseBody`", "producer": "1_30"}]}),
        );
        let renames = detect(&mut old, &new);
        assert_eq!(renames.len(), 1);
        let r = &renames[0];
        assert_eq!(
            (r.entity, r.old.as_str(), r.new.as_str()),
            (Entity::Task, "3", "30")
        );
        assert_eq!(
            r.variables,
            [(
                "`Task_3_responseBody`".to_string(),
                "`Task_30_responseBody`".to_string()
            )]
        );
        // One incoming edge, one producer, two references to the task variable.
        assert_eq!(r.references, 4);
        assert_eq!(old.tasks, new.tasks);
        assert_eq!(old.edges, new.edges);
        assert_eq!(old.variables, new.variables);
    }

    #[test]
    fn different_task_is_not_a_rename() {
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "3", "task": "T", "parameters": {"u": {"value": {"stringValue": "a"}}}}]}),
            json!({"taskConfigs": [{"taskId": "4", "task": "T", "parameters": {"u": {"value": {"stringValue": "b"}}}}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
    }
}
