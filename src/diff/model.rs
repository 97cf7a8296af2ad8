//! A normalised integration split into keyed entities: what the diff matches and compares.
//!
//! Tasks are keyed by `taskId`, triggers by `triggerNumber` (then `triggerId`), variables by
//! `key`, config variables by `parameter.key`, error catchers by `errorCatcherId`. Edges
//! (`nextTasks`, `startTasks`, `startErrorTasks`) are taken out of their owners and keyed by
//! (from, to), so an added edge is one change, not a change of the task it leaves.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

use super::Entity;

/// Where an edge starts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    /// A trigger, by trigger number.
    Trigger(String),
    /// An error catcher, by id.
    ErrorCatcher(String),
    /// A task, by task id.
    Task(String),
}

/// An edge's identity: its ends, and which of several parallel edges it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EdgeKey {
    /// The source.
    pub from: Node,
    /// The target task id.
    pub to: String,
    /// 0 for the first edge between these ends, 1 for a second one, …
    pub nth: usize,
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Trigger(n) => write!(f, "trigger {n}"),
            Node::ErrorCatcher(id) => write!(f, "errorCatcher {id}"),
            Node::Task(id) => f.write_str(id),
        }
    }
}

impl fmt::Display for EdgeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {}", self.from, self.to)?;
        if self.nth > 0 {
            write!(f, " #{}", self.nth + 1)?;
        }
        Ok(())
    }
}

/// The keyed entities of one version.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Top-level fields other than the entity lists (description, userLabel, …).
    pub integration: Map<String, Value>,
    /// Triggers by number, without `startTasks`.
    pub triggers: BTreeMap<String, Value>,
    /// Tasks by id, without `nextTasks`.
    pub tasks: BTreeMap<String, Value>,
    /// Edges with their NextTask object.
    pub edges: BTreeMap<EdgeKey, Value>,
    /// Variable declarations by key.
    pub variables: BTreeMap<String, Value>,
    /// Config variable declarations by key.
    pub config_variables: BTreeMap<String, Value>,
    /// Error catchers by id, without `startErrorTasks`.
    pub error_catchers: BTreeMap<String, Value>,
}

impl Model {
    /// Splits a normalised integration value into entities, moving its parts (no copy).
    pub fn build(value: Value) -> Model {
        let mut model = Model::default();
        let Value::Object(root) = value else {
            return model;
        };
        for (key, field) in root {
            match key.as_str() {
                "triggerConfigs" => model.add_triggers(field),
                "taskConfigs" => model.add_tasks(field),
                "integrationParameters" => {
                    model.variables.extend(keyed(field, variable_key));
                }
                "integrationConfigParameters" => {
                    model
                        .config_variables
                        .extend(keyed(field, config_variable_key));
                }
                "errorCatcherConfigs" => {
                    for (id, mut catcher) in keyed(field, |v| str_at(v, "errorCatcherId")) {
                        let starts = take(&mut catcher, "startErrorTasks");
                        model.add_edges(Node::ErrorCatcher(id.clone()), starts);
                        model.error_catchers.insert(id, catcher);
                    }
                }
                _ => {
                    model.integration.insert(key, field);
                }
            }
        }
        model
    }

    fn add_triggers(&mut self, field: Value) {
        let key = |v: &Value| str_at(v, "triggerNumber").or_else(|| str_at(v, "triggerId"));
        for (number, mut trigger) in keyed(field, key) {
            let starts = take(&mut trigger, "startTasks");
            self.add_edges(Node::Trigger(number.clone()), starts);
            self.triggers.insert(number, trigger);
        }
    }

    fn add_tasks(&mut self, field: Value) {
        for (id, mut task) in keyed(field, |v| str_at(v, "taskId")) {
            let next = take(&mut task, "nextTasks");
            self.add_edges(Node::Task(id.clone()), next);
            self.tasks.insert(id, task);
        }
    }

    fn add_edges(&mut self, from: Node, edges: Option<Value>) {
        let Some(Value::Array(edges)) = edges else {
            return;
        };
        for edge in edges {
            let to = str_at(&edge, "taskId")
                .or_else(|| str_at(&edge, "taskConfigId"))
                .unwrap_or_default();
            let mut key = EdgeKey {
                from: from.clone(),
                to,
                nth: 0,
            };
            while self.edges.contains_key(&key) {
                key.nth += 1;
            }
            self.edges.insert(key, edge);
        }
    }

    /// The entity map for `entity` with string keys (edges excluded).
    pub fn map(&self, entity: Entity) -> Option<&BTreeMap<String, Value>> {
        match entity {
            Entity::Trigger => Some(&self.triggers),
            Entity::Task => Some(&self.tasks),
            Entity::Variable => Some(&self.variables),
            Entity::ConfigVariable => Some(&self.config_variables),
            Entity::ErrorCatcher => Some(&self.error_catchers),
            Entity::Edge | Entity::Integration => None,
        }
    }
}

/// One entity of a model: its kind and key (an edge's key is its display form).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityKey {
    /// The kind.
    pub entity: Entity,
    /// The key.
    pub id: String,
}

/// The variable key of a declaration (also of the config-parameter-shaped anomaly).
pub fn variable_key(decl: &Value) -> Option<String> {
    str_at(decl, "key").or_else(|| decl.get("parameter").and_then(|p| str_at(p, "key")))
}

/// The key of a config variable declaration.
pub fn config_variable_key(decl: &Value) -> Option<String> {
    decl.get("parameter").and_then(|p| str_at(p, "key"))
}

/// The string member `field` of an object.
pub fn str_at(value: &Value, field: &str) -> Option<String> {
    value.get(field)?.as_str().map(str::to_string)
}

/// The elements of an array keyed by `key`; a missing or repeated key gets a `#n` suffix so
/// nothing is dropped.
fn keyed(field: Value, key: impl Fn(&Value) -> Option<String>) -> Vec<(String, Value)> {
    let Value::Array(items) = field else {
        return Vec::new();
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let base = key(&item).unwrap_or_else(|| format!("#{}", i + 1));
        let mut id = base.clone();
        let mut n = 1;
        while !seen.insert(id.clone()) {
            n += 1;
            id = format!("{base}#{n}");
        }
        out.push((id, item));
    }
    out
}

fn take(value: &mut Value, field: &str) -> Option<Value> {
    value.as_object_mut()?.remove(field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn splits_entities_and_edges() {
        let v = json!({
            "description": "d",
            "triggerConfigs": [{"triggerNumber": "1", "label": "API", "startTasks": [{"taskId": "2"}]}],
            "taskConfigs": [{"taskId": "2", "task": "A", "nextTasks": [{"taskId": "3"}, {"taskId": "3", "condition": "c"}]},
                            {"taskId": "3", "task": "B"}],
            "integrationParameters": [{"key": "x", "displayName": "x"}, {"key": "y", "displayName": "Y"}],
            "errorCatcherConfigs": [{"errorCatcherId": "E", "startErrorTasks": [{"taskId": "3"}]}]
        });
        let m = Model::build(v);
        assert_eq!(m.integration.len(), 1);
        assert_eq!(m.tasks["2"], json!({"taskId": "2", "task": "A"}));
        assert_eq!(m.variables["x"], json!({"key": "x", "displayName": "x"}));
        assert_eq!(m.variables["y"], json!({"key": "y", "displayName": "Y"}));
        let edges: Vec<String> = m.edges.keys().map(|k| k.to_string()).collect();
        assert_eq!(
            edges,
            [
                "trigger 1 -> 2",
                "errorCatcher E -> 3",
                "2 -> 3",
                "2 -> 3 #2"
            ]
        );
        assert_eq!(
            m.triggers["1"],
            json!({"triggerNumber": "1", "label": "API"})
        );
    }
}
