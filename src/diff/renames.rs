//! Rename detection: a renamed variable or task is one change, not a removal, an addition and
//! every place that refers to it.
//!
//! The test is the rename itself. For a removed variable `A` and an added variable `B` of the
//! same data type, every whole-name reference to `A` in the old version is moved to `B` (see
//! [`super::references`]); the rename holds when each entity that referred to `A` now refers
//! to `B` as often in the new version and no longer to `A`. For a removed task id `a` and an
//! added id `b` of the same task type, the id, the edges into it, the `1_<id>` producers and the
//! auto-generated `` `Task_<id>_*` `` variables are moved; the rename holds when the task's
//! parameters are then equal. Ambiguous pairings are left as removals and additions.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::Entity;
use super::model::{EdgeKey, EntityKey, Model, Node, str_at};
use super::references::{VariableName, rename_variable};

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

/// Finds renames between `old` and `new` and applies them to `old`, so the entity comparison
/// that follows sees the renamed entities under their new keys.
pub fn detect(old: &mut Model, new: &Model) -> Vec<Rename> {
    align_triggers(old, new);
    let mut renames = detect_tasks(old, new);
    renames.extend(detect_variables(old, new, Entity::Variable));
    renames.extend(detect_variables(old, new, Entity::ConfigVariable));
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

fn detect_tasks(old: &mut Model, new: &Model) -> Vec<Rename> {
    let removed: Vec<String> = keys_only_in(&old.tasks, &new.tasks);
    let added: Vec<String> = keys_only_in(&new.tasks, &old.tasks);
    let mut candidates = Vec::new();
    for a in &removed {
        for b in &added {
            if old.tasks[a].get("task") != new.tasks[b].get("task") {
                continue;
            }
            let variables = task_variables(old, new, a, b);
            let mut task = old.tasks[a].clone();
            for (va, vb) in &variables {
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
        let variables = task_variables(old, new, &a, &b);
        let mut references = rename_task(old, &a, &b);
        for (va, vb) in &variables {
            references += rename_declared(old, Entity::Variable, va, vb);
        }
        renames.push(Rename {
            entity: Entity::Task,
            old: a,
            new: b,
            references,
            variables,
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

fn rekey_edges(model: &mut Model, f: impl Fn(&Node) -> Node) {
    let edges = std::mem::take(&mut model.edges);
    for (mut key, edge) in edges {
        key.from = f(&key.from);
        insert_edge(&mut model.edges, key, edge);
    }
}

fn insert_edge(
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
fn set_producers(model: &mut Model, from: &str, to: &str) -> usize {
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

fn detect_variables(old: &mut Model, new: &Model, entity: Entity) -> Vec<Rename> {
    let (Some(old_decls), Some(new_decls)) = (old.map(entity), new.map(entity)) else {
        return Vec::new();
    };
    let removed = keys_only_in(old_decls, new_decls);
    let added = keys_only_in(new_decls, old_decls);
    if removed.is_empty() || added.is_empty() {
        return Vec::new();
    }
    let entities = old.entities();
    let added_names: Vec<VariableName> = added.iter().map(|b| VariableName::new(b)).collect();
    let mut candidates = Vec::new();
    for a in &removed {
        let a_name = VariableName::new(a);
        let own = EntityKey {
            entity,
            id: a.clone(),
        };
        let referring: Vec<(&EntityKey, &Value, usize)> = entities
            .iter()
            .filter(|(key, _)| *key != own)
            .map(|(key, value)| (key, *value, a_name.count(value)))
            .filter(|(_, _, n)| *n > 0)
            .collect();
        let counterparts: Vec<Option<&Value>> =
            referring.iter().map(|(key, _, _)| new.get(key)).collect();
        for (b, b_name) in added.iter().zip(&added_names) {
            let (old_decl, new_decl) = (&old_decls[a], &new_decls[b]);
            // Same type, and both or neither produced by a task (a user variable does not
            // become an auto-generated one; those move with task renames).
            if data_type(entity, old_decl) != data_type(entity, new_decl)
                || old_decl.get("producer").is_some() != new_decl.get("producer").is_some()
            {
                continue;
            }
            let decl_same = renamed_declaration(entity, old_decl, b) == *new_decl;
            let mut contradicted = false;
            let mut moved_refs = 0;
            let mut total = 0;
            let mut exact = 0;
            let mut same_sites = 0;
            for ((_, value, n), counterpart) in referring.iter().zip(&counterparts) {
                let Some(counterpart) = counterpart else {
                    continue;
                };
                if a_name.count(counterpart) != 0 {
                    contradicted = true;
                    break;
                }
                total += n;
                let gained = b_name
                    .count(counterpart)
                    .saturating_sub(b_name.count(value));
                moved_refs += gained.min(*n);
                let mut moved = (*value).clone();
                a_name.rename(&mut moved, b);
                exact += usize::from(moved == **counterpart);
                same_sites += a_name
                    .sites(value)
                    .iter()
                    .filter(|p| {
                        moved.pointer(p).is_some() && moved.pointer(p) == counterpart.pointer(p)
                    })
                    .count();
            }
            // Evidence: most references to A became references to B, none to A is left, and
            // at least one string that referred to A reads the same in the new version once
            // A is replaced by B, at the same place.
            if !contradicted && total > 0 && moved_refs * 2 > total && same_sites > 0 {
                candidates.push(Candidate {
                    old: a.clone(),
                    new: b.clone(),
                    score: (exact, same_sites, moved_refs * 2 + usize::from(decl_same)),
                });
            }
        }
    }
    choose(candidates)
        .into_iter()
        .map(|(a, b)| {
            let references = rename_declared(old, entity, &a, &b);
            Rename {
                entity,
                old: a,
                new: b,
                references,
                variables: Vec::new(),
            }
        })
        .collect()
}

/// Renames a declared variable and every reference to it in `model`; returns the references.
fn rename_declared(model: &mut Model, entity: Entity, a: &str, b: &str) -> usize {
    let map = match entity {
        Entity::ConfigVariable => &mut model.config_variables,
        _ => &mut model.variables,
    };
    if let Some(decl) = map.remove(a) {
        map.insert(b.to_string(), renamed_declaration(entity, &decl, b));
    }
    let name = VariableName::new(a);
    model
        .entities_mut()
        .into_iter()
        .map(|(_, value)| name.rename(value, b))
        .sum()
}

/// `decl` with its key (and a display name equal to the key) set to `b`.
fn renamed_declaration(entity: Entity, decl: &Value, b: &str) -> Value {
    let mut decl = decl.clone();
    let target = match entity {
        Entity::ConfigVariable => decl.get_mut("parameter"),
        _ => Some(&mut decl),
    };
    if let Some(map) = target.and_then(Value::as_object_mut) {
        let old_key = map.get("key").cloned();
        if map.get("displayName").is_some() && map.get("displayName") == old_key.as_ref() {
            map.insert("displayName".into(), Value::String(b.to_string()));
        }
        map.insert("key".into(), Value::String(b.to_string()));
    }
    decl
}

fn data_type(entity: Entity, decl: &Value) -> Option<&Value> {
    match entity {
        Entity::ConfigVariable => decl.get("parameter")?.get("dataType"),
        _ => decl.get("dataType"),
    }
}

fn keys_only_in(
    a: &std::collections::BTreeMap<String, Value>,
    b: &std::collections::BTreeMap<String, Value>,
) -> Vec<String> {
    a.keys().filter(|k| !b.contains_key(*k)).cloned().collect()
}

struct Candidate {
    old: String,
    new: String,
    /// Higher is more convincing.
    score: (usize, usize, usize),
}

/// Picks pairings, best first; a pairing that ties with another for the same name is skipped.
fn choose(mut candidates: Vec<Candidate>) -> Vec<(String, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn models(old: Value, new: Value) -> (Model, Model) {
        (Model::build(&old), Model::build(&new))
    }

    #[test]
    fn variable_rename_with_its_references() {
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$order.id$"}}}},
                                   {"taskId": "2", "nextTasks": [{"taskId": "1", "condition": "$order$ = 1"}]}],
                   "integrationParameters": [{"key": "order", "dataType": "JSON_VALUE"}, {"key": "orderId", "dataType": "JSON_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$purchase.id$"}}}},
                                   {"taskId": "2", "nextTasks": [{"taskId": "1", "condition": "$purchase$ = 1"}]}],
                   "integrationParameters": [{"key": "purchase", "dataType": "JSON_VALUE"}, {"key": "orderId", "dataType": "JSON_VALUE"}]}),
        );
        let renames = detect(&mut old, &new);
        assert_eq!(renames.len(), 1);
        assert_eq!(
            (renames[0].old.as_str(), renames[0].new.as_str()),
            ("order", "purchase")
        );
        assert_eq!(renames[0].references, 2);
        assert_eq!(old.tasks, new.tasks);
        assert_eq!(old.edges, new.edges);
    }

    #[test]
    fn no_rename_when_references_did_not_move() {
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$order$"}}}}],
                   "integrationParameters": [{"key": "order", "dataType": "STRING_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "fixed"}}}}],
                   "integrationParameters": [{"key": "purchase", "dataType": "STRING_VALUE"}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
    }

    #[test]
    fn data_type_must_match() {
        let (mut old, new) = models(
            json!({"integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"}]}),
            json!({"integrationParameters": [{"key": "b", "dataType": "INT_VALUE"}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
        let (mut old, new) = models(
            json!({"integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"}]}),
            json!({"integrationParameters": [{"key": "b", "dataType": "STRING_VALUE"}]}),
        );
        assert!(
            detect(&mut old, &new).is_empty(),
            "an unreferenced pair gives no evidence"
        );
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
    fn config_variable_rename() {
        let decl = |k: &str| json!({"parameter": {"key": k, "dataType": "STRING_VALUE", "displayName": k}, "value": {"stringValue": "https://x"}});
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"url": {"value": {"stringValue": "$`CONFIG_URL`$/a"}}}}],
                   "integrationConfigParameters": [decl("`CONFIG_URL`")]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"url": {"value": {"stringValue": "$`CONFIG_BASE_URL`$/a"}}}}],
                   "integrationConfigParameters": [decl("`CONFIG_BASE_URL`")]}),
        );
        let renames = detect(&mut old, &new);
        assert_eq!(renames.len(), 1);
        assert_eq!(renames[0].entity, Entity::ConfigVariable);
        assert_eq!(renames[0].new, "`CONFIG_BASE_URL`");
        assert_eq!(old.config_variables, new.config_variables);
    }

    #[test]
    fn unconvincing_or_ambiguous_pairings_are_left_alone() {
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$a$"}}}}],
                   "integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$b$"}},
                                                               "v": {"value": {"stringValue": "$c$"}}}}],
                   "integrationParameters": [{"key": "b", "dataType": "STRING_VALUE"}, {"key": "c", "dataType": "STRING_VALUE"}]}),
        );
        let renames = detect(&mut old, &new);
        assert_eq!(
            renames.len(),
            1,
            "b is the one that reads the same in place"
        );
        assert_eq!(renames[0].new, "b");
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$a$"}}}}],
                   "integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$b$ $c$"}}}}],
                   "integrationParameters": [{"key": "b", "dataType": "STRING_VALUE"}, {"key": "c", "dataType": "STRING_VALUE"}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
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

    #[test]
    fn different_task_is_not_a_rename() {
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "3", "task": "T", "parameters": {"u": {"value": {"stringValue": "a"}}}}]}),
            json!({"taskConfigs": [{"taskId": "4", "task": "T", "parameters": {"u": {"value": {"stringValue": "b"}}}}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
    }
}
