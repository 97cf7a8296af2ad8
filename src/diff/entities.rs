//! Entity-by-entity comparison of two models, after renames were applied to the old one.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::model::{EdgeKey, Model, Node, str_at};
use super::renames::Rename;
use super::{Change, ChangeKind, Entity, RelatedVariable, fields, natural_cmp};

/// The changes from `old` to `new` in listing order; `renames` mark entities whose key moved.
pub fn compare(old: &Model, new: &Model, renames: &[Rename], name: &str) -> Vec<Change> {
    let mut changes = Vec::new();
    let integration = fields::diff(
        &Value::Object(old.integration.clone()),
        &Value::Object(new.integration.clone()),
    );
    if !integration.is_empty() {
        let mut change = change(ChangeKind::Changed, Entity::Integration, name, None);
        change.fields = integration;
        changes.push(change);
    }
    for entity in Entity::KEYED {
        let (a, b) = (
            old.map(entity).expect("keyed"),
            new.map(entity).expect("keyed"),
        );
        let mut keys: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        keys.sort_by(|x, y| natural_cmp(x, y));
        for key in keys {
            match (a.get(key), b.get(key)) {
                (Some(x), Some(y)) => {
                    let diff = fields::diff(x, y);
                    let rename = renames.iter().find(|r| r.entity == entity && r.new == *key);
                    if let Some(rename) = rename {
                        let mut c =
                            change(ChangeKind::Renamed, entity, &rename.old, label(entity, x));
                        c.old = Some(Value::String(rename.old.clone()));
                        c.new = Some(Value::String(rename.new.clone()));
                        c.fields = diff;
                        c.references = Some(rename.references);
                        c.variables = rename
                            .variables
                            .iter()
                            .map(|(o, n)| RelatedVariable {
                                old: Some(o.clone()),
                                new: Some(n.clone()),
                            })
                            .collect();
                        changes.push(c);
                    } else if !diff.is_empty() {
                        let mut c = change(ChangeKind::Changed, entity, key, label(entity, x));
                        c.fields = diff;
                        changes.push(c);
                    }
                }
                (Some(x), None) => {
                    let mut c = change(ChangeKind::Removed, entity, key, label(entity, x));
                    c.old = Some(x.clone());
                    changes.push(c);
                }
                (None, Some(y)) => {
                    let mut c = change(ChangeKind::Added, entity, key, label(entity, y));
                    c.new = Some(y.clone());
                    changes.push(c);
                }
                (None, None) => {}
            }
        }
    }
    changes.extend(compare_edges(old, new));
    fold_task_variables(&mut changes, ChangeKind::Added);
    fold_task_variables(&mut changes, ChangeKind::Removed);
    changes.sort_by_key(|c| c.entity);
    changes
}

fn change(kind: ChangeKind, entity: Entity, id: &str, label: Option<String>) -> Change {
    Change {
        kind,
        entity,
        id: id.to_string(),
        label,
        old: None,
        new: None,
        fields: Vec::new(),
        references: None,
        variables: Vec::new(),
    }
}

fn label(entity: Entity, value: &Value) -> Option<String> {
    match entity {
        Entity::Task | Entity::Edge => str_at(value, "displayName"),
        Entity::Trigger | Entity::ErrorCatcher => str_at(value, "label"),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

fn compare_edges(old: &Model, new: &Model) -> Vec<Change> {
    let mut keys: Vec<&EdgeKey> = old
        .edges
        .keys()
        .chain(new.edges.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    keys.sort_by(|x, y| edge_cmp(x, y));
    let mut out = Vec::new();
    for key in keys {
        let id = key.to_string();
        match (old.edges.get(key), new.edges.get(key)) {
            (Some(x), Some(y)) => {
                let diff = fields::diff(x, y);
                if !diff.is_empty() {
                    let mut c = change(
                        ChangeKind::Changed,
                        Entity::Edge,
                        &id,
                        label(Entity::Edge, x),
                    );
                    c.fields = diff;
                    out.push(c);
                }
            }
            (Some(x), None) => {
                let mut c = change(
                    ChangeKind::Removed,
                    Entity::Edge,
                    &id,
                    label(Entity::Edge, x),
                );
                c.old = Some(edge_value(key, x));
                out.push(c);
            }
            (None, Some(y)) => {
                let mut c = change(ChangeKind::Added, Entity::Edge, &id, label(Entity::Edge, y));
                c.new = Some(edge_value(key, y));
                out.push(c);
            }
            (None, None) => {}
        }
    }
    out
}

/// An edge as reported: its source, then the NextTask object.
fn edge_value(key: &EdgeKey, edge: &Value) -> Value {
    let mut map = Map::new();
    let (kind, id) = match &key.from {
        Node::Trigger(n) => ("trigger", n),
        Node::ErrorCatcher(id) => ("errorCatcher", id),
        Node::Task(id) => ("task", id),
    };
    map.insert("from".into(), Value::String(id.clone()));
    map.insert("fromKind".into(), Value::String(kind.into()));
    if let Some(edge) = edge.as_object() {
        map.extend(edge.clone());
    }
    Value::Object(map)
}

fn node_rank(node: &Node) -> (u8, &str) {
    match node {
        Node::Trigger(n) => (0, n),
        Node::ErrorCatcher(id) => (1, id),
        Node::Task(id) => (2, id),
    }
}

fn edge_cmp(x: &EdgeKey, y: &EdgeKey) -> Ordering {
    let (xr, xi) = node_rank(&x.from);
    let (yr, yi) = node_rank(&y.from);
    xr.cmp(&yr)
        .then_with(|| natural_cmp(xi, yi))
        .then_with(|| natural_cmp(&x.to, &y.to))
        .then(x.nth.cmp(&y.nth))
}

/// Folds the auto-generated variables of an added (removed) task (`producer: "1_<id>"`) into
/// the task's change: an added task is one change, not a cascade.
fn fold_task_variables(changes: &mut Vec<Change>, kind: ChangeKind) {
    let tasks: Vec<String> = changes
        .iter()
        .filter(|c| c.kind == kind && c.entity == Entity::Task)
        .map(|c| c.id.clone())
        .collect();
    for task in tasks {
        let producer = format!("1_{task}");
        let mut folded = Vec::new();
        changes.retain(|c| {
            let value = if kind == ChangeKind::Added {
                &c.new
            } else {
                &c.old
            };
            let produced = c.kind == kind
                && c.entity == Entity::Variable
                && value
                    .as_ref()
                    .and_then(|v| str_at(v, "producer"))
                    .as_deref()
                    == Some(&producer);
            if produced {
                folded.push(c.id.clone());
            }
            !produced
        });
        if let Some(c) = changes
            .iter_mut()
            .find(|c| c.kind == kind && c.entity == Entity::Task && c.id == task)
        {
            c.variables = folded
                .into_iter()
                .map(|key| match kind {
                    ChangeKind::Added => RelatedVariable {
                        old: None,
                        new: Some(key),
                    },
                    _ => RelatedVariable {
                        old: Some(key),
                        new: None,
                    },
                })
                .collect();
        }
    }
}

/// `value` with entity lists sorted by key and object keys sorted, for line diffs.
pub fn sorted(value: &Value) -> Value {
    sorted_at(value, None)
}

fn sorted_at(value: &Value, key: Option<&str>) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|x, y| x.0.cmp(y.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sorted_at(v, Some(k))))
                    .collect(),
            )
        }
        Value::Array(items) => {
            let mut items: Vec<Value> = items.iter().map(|v| sorted_at(v, None)).collect();
            let sort_key: Option<fn(&Value) -> Option<String>> = match key {
                Some("taskConfigs" | "nextTasks" | "startTasks" | "startErrorTasks") => {
                    Some(|v| str_at(v, "taskId"))
                }
                Some("triggerConfigs") => Some(|v| str_at(v, "triggerNumber")),
                Some("integrationParameters") => Some(super::model::variable_key),
                Some("integrationConfigParameters") => Some(super::model::config_variable_key),
                Some("errorCatcherConfigs") => Some(|v| str_at(v, "errorCatcherId")),
                _ => None,
            };
            if let Some(f) = sort_key {
                items.sort_by(|a, b| {
                    natural_cmp(&f(a).unwrap_or_default(), &f(b).unwrap_or_default())
                });
            }
            Value::Array(items)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(old: Value, new: Value) -> Vec<Change> {
        super::super::compare_owned(old, new, &super::super::Options::default())
    }

    #[test]
    fn added_task_is_one_change_with_its_edge_and_variables() {
        let changes = run(
            json!({"taskConfigs": [{"taskId": "5", "task": "A"}]}),
            json!({"taskConfigs": [{"taskId": "5", "task": "A", "nextTasks": [{"taskId": "77"}]},
                                   {"taskId": "77", "task": "EmailTask", "displayName": "Extra mail"}],
                   "integrationParameters": [{"key": "`Task_77_out`", "producer": "1_77"}]}),
        );
        let summary: Vec<(ChangeKind, Entity, &str)> = changes
            .iter()
            .map(|c| (c.kind, c.entity, c.id.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (ChangeKind::Added, Entity::Task, "77"),
                (ChangeKind::Added, Entity::Edge, "5 -> 77")
            ]
        );
        assert_eq!(changes[0].label.as_deref(), Some("Extra mail"));
        assert_eq!(
            changes[0].variables[0].new.as_deref(),
            Some("`Task_77_out`")
        );
    }

    #[test]
    fn error_catchers_and_their_edges() {
        let changes = run(
            json!({"errorCatcherConfigs": [{"errorCatcherId": "E1", "label": "Catch", "startErrorTasks": [{"taskId": "3"}]}],
                   "taskConfigs": [{"taskId": "3"}, {"taskId": "4"}]}),
            json!({"errorCatcherConfigs": [{"errorCatcherId": "E1", "label": "Catch all", "startErrorTasks": [{"taskId": "4"}]}],
                   "taskConfigs": [{"taskId": "3"}, {"taskId": "4"}]}),
        );
        let summary: Vec<(ChangeKind, Entity, &str)> = changes
            .iter()
            .map(|c| (c.kind, c.entity, c.id.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (ChangeKind::Changed, Entity::ErrorCatcher, "E1"),
                (ChangeKind::Removed, Entity::Edge, "errorCatcher E1 -> 3"),
                (ChangeKind::Added, Entity::Edge, "errorCatcher E1 -> 4"),
            ]
        );
        assert_eq!(changes[0].label.as_deref(), Some("Catch"));
        assert_eq!(changes[2].new.as_ref().unwrap()["fromKind"], "errorCatcher");
    }

    #[test]
    fn old_values_keep_their_old_names() {
        let mut changes = run(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"a": {"value": {"stringValue": "$order$"}},
                                                               "b": {"value": {"stringValue": "$order.id$ x"}}},
                                    "nextTasks": [{"taskId": "2", "condition": "$order$"}]},
                                   {"taskId": "2", "task": "T", "parameters": {"p": {"value": {"stringValue": "v"}}}}],
                   "integrationParameters": [{"key": "order", "dataType": "JSON_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"a": {"value": {"stringValue": "$purchase$"}},
                                                               "b": {"value": {"stringValue": "$purchase.id$ y"}}}},
                                   {"taskId": "20", "task": "T", "parameters": {"p": {"value": {"stringValue": "v"}}}}],
                   "integrationParameters": [{"key": "purchase", "dataType": "JSON_VALUE"}]}),
        );
        assert!(
            changes
                .iter()
                .any(|c| c.kind == ChangeKind::Renamed && c.id == "2")
        );
        assert!(
            changes
                .iter()
                .any(|c| c.kind == ChangeKind::Renamed && c.id == "order")
        );
        let field = &changes
            .iter()
            .find(|c| c.entity == Entity::Task && c.id == "1")
            .unwrap()
            .fields[0];
        assert_eq!(
            field.old,
            Some(json!("$order.id$ x")),
            "the old text as it was"
        );
        let edge = changes
            .iter_mut()
            .find(|c| c.entity == Entity::Edge)
            .unwrap();
        assert_eq!(edge.kind, ChangeKind::Removed);
        assert_eq!(edge.id, "1 -> 2", "the old ids as they were");
        assert_eq!(edge.old.as_ref().unwrap()["condition"], "$order$");
        assert_eq!(edge.old.as_ref().unwrap()["taskId"], "2");
    }

    #[test]
    fn ordered_by_entity_then_natural_key() {
        let changes = run(
            json!({"name": "projects/p/locations/l/integrations/flow/versions/1",
                "description": "a", "taskConfigs": [{"taskId": "10"}, {"taskId": "9"}]}),
            json!({"name": "projects/p/locations/l/integrations/flow/versions/2",
                "description": "b", "integrationParameters": [{"key": "v"}]}),
        );
        let ids: Vec<&str> = changes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["flow", "9", "10", "v"]);
    }

    #[test]
    fn sorted_text_orders_entities() {
        let v = json!({"taskConfigs": [{"taskId": "10", "b": 1, "a": 2}, {"taskId": "9"}]});
        assert_eq!(
            serde_json::to_string(&sorted(&v)).unwrap(),
            r#"{"taskConfigs":[{"taskId":"9"},{"a":2,"b":1,"taskId":"10"}]}"#
        );
    }
}
