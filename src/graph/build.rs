//! Building a [`FlowGraph`] from an integration's value.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::highlight::Highlight;
use super::{Edge, EdgeKind, Node, NodeKind};
use crate::lint::graph::{EdgeEntry, TaskIndex};

/// Nodes and edges of one integration, in file order: triggers, tasks, error catchers, then
/// any missing task ids; edges in the order their sources list them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowGraph {
    /// Every node, ids unique.
    pub nodes: Vec<Node>,
    /// Every edge; both ends are ids of `nodes`.
    pub edges: Vec<Edge>,
    /// The node id of each entry of `triggerConfigs`, in order.
    pub trigger_nodes: Vec<String>,
    /// The node id of each entry of `taskConfigs`, in order.
    pub task_nodes: Vec<String>,
    /// The variable `--highlight` marks the writers and readers of, if any.
    pub highlight: Option<Highlight>,
}

impl FlowGraph {
    /// Reads the flow of `integration` (an IntegrationVersion value). Returns `None` when the
    /// value is not an object with `triggerConfigs`, `taskConfigs` or `errorCatcherConfigs`.
    pub fn from_value(integration: &Value) -> Option<FlowGraph> {
        let root = integration.as_object()?;
        let has_flow = ["triggerConfigs", "taskConfigs", "errorCatcherConfigs"]
            .iter()
            .any(|k| root.contains_key(*k));
        if !has_flow {
            return None;
        }
        let triggers = array(integration, "triggerConfigs");
        let tasks = array(integration, "taskConfigs");
        let catchers = array(integration, "errorCatcherConfigs");
        let index = TaskIndex::new(tasks.iter().map(|t| text(t, "taskId")));

        let mut builder = Builder::default();
        let trigger_ids: Vec<String> = triggers
            .iter()
            .enumerate()
            .map(|(i, t)| builder.trigger(i, t))
            .collect();
        for task in tasks {
            builder.task(task);
        }
        let catcher_ids: Vec<String> = catchers
            .iter()
            .enumerate()
            .map(|(i, c)| builder.catcher(i, c))
            .collect();

        for (trigger, from) in triggers.iter().zip(&trigger_ids) {
            builder.links(from, array(trigger, "startTasks"), EdgeKind::Start, &index);
            builder.on_error(from, trigger);
        }
        let task_ids: Vec<String> = builder.task_node_ids.clone();
        for (task, from) in tasks.iter().zip(&task_ids) {
            builder.links(from, array(task, "nextTasks"), EdgeKind::Next, &index);
            builder.on_error(from, task);
        }
        for (catcher, from) in catchers.iter().zip(&catcher_ids) {
            let edges = array(catcher, "startErrorTasks");
            builder.links(from, edges, EdgeKind::ErrorStart, &index);
        }
        builder.graph.trigger_nodes = trigger_ids;
        builder.graph.task_nodes = task_ids;
        Some(builder.graph)
    }

    /// The node with id `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

#[derive(Default)]
struct Builder {
    graph: FlowGraph,
    used_ids: HashSet<String>,
    /// Node id of each task id no task has.
    missing_by_id: HashMap<String, String>,
    /// Node id of each entry of `taskConfigs`, in order.
    task_node_ids: Vec<String>,
    /// Node id of each `errorCatcherId`.
    catcher_by_id: HashMap<String, String>,
}

impl Builder {
    fn add(
        &mut self,
        prefix: &str,
        name: &str,
        kind: NodeKind,
        title: String,
        details: Vec<String>,
    ) -> String {
        let id = self.unique_id(prefix, name);
        self.graph.nodes.push(Node {
            id: id.clone(),
            kind,
            title,
            details,
        });
        id
    }

    fn unique_id(&mut self, prefix: &str, name: &str) -> String {
        let base = format!("{prefix}_{}", sanitize(name));
        let mut id = base.clone();
        let mut n = 2;
        while self.used_ids.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.used_ids.insert(id.clone());
        id
    }

    fn trigger(&mut self, index: usize, trigger: &Value) -> String {
        let number = text(trigger, "triggerNumber").unwrap_or_default();
        let name = if number.is_empty() {
            (index + 1).to_string()
        } else {
            number.to_string()
        };
        let trigger_type = text(trigger, "triggerType").unwrap_or("trigger");
        let title = text(trigger, "label")
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(trigger_type)
            .to_string();
        let mut details = Vec::new();
        if title != trigger_type {
            details.push(trigger_type.to_string());
        }
        if let Some(id) = text(trigger, "triggerId").filter(|s| !s.is_empty()) {
            details.push(id.to_string());
        }
        self.add("trigger", &name, NodeKind::Trigger, title, details)
    }

    fn task(&mut self, task: &Value) {
        let task_id = text(task, "taskId").unwrap_or_default();
        let task_type = text(task, "task").unwrap_or("task");
        let error_task = text(task, "externalTaskType") == Some("ERROR_TASK");
        let title = text(task, "displayName")
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(task_type)
            .to_string();
        let mut detail = task_type.to_string();
        if !task_id.is_empty() {
            detail.push_str(&format!(" · #{task_id}"));
        }
        let mut details = vec![detail];
        if error_task {
            details.push("error task".to_string());
        }
        let kind = if error_task {
            NodeKind::ErrorTask
        } else {
            NodeKind::Task
        };
        let name = Some(task_id)
            .filter(|s| !s.is_empty())
            .unwrap_or("unnumbered");
        let id = self.add("task", name, kind, title, details);
        self.task_node_ids.push(id);
    }

    fn catcher(&mut self, index: usize, catcher: &Value) -> String {
        let catcher_id = text(catcher, "errorCatcherId")
            .unwrap_or_default()
            .to_string();
        let name = Some(catcher_id.clone()).filter(|s| !s.is_empty());
        let name = name.unwrap_or_else(|| (index + 1).to_string());
        let title = text(catcher, "label")
            .filter(|l| !l.trim().is_empty())
            .unwrap_or("Error catcher")
            .to_string();
        let mut detail = "error catcher".to_string();
        if !catcher_id.is_empty() {
            detail.push_str(&format!(" · {catcher_id}"));
        }
        let id = self.add(
            "catcher",
            &name,
            NodeKind::ErrorCatcher,
            title,
            vec![detail],
        );
        if !catcher_id.is_empty() {
            self.catcher_by_id
                .entry(catcher_id)
                .or_insert_with(|| id.clone());
        }
        id
    }

    /// Edges from `from` to each NextTask of `list`, entering the tasks `index` finds.
    fn links(&mut self, from: &str, list: &[Value], kind: EdgeKind, index: &TaskIndex<'_>) {
        for next in list {
            let to = match index.enters(next) {
                Some(task) => self.task_node_ids[task].clone(),
                None => self.missing_task(next.target().unwrap_or_default()),
            };
            let condition = next.condition().map(str::to_string);
            let label = text(next, "displayName")
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string);
            self.graph.edges.push(Edge {
                from: from.to_string(),
                to,
                kind,
                label,
                condition,
            });
        }
    }

    /// The "missing task" node of `task_id`, an id no task has (`""` for none), created the
    /// first time it is named.
    fn missing_task(&mut self, task_id: &str) -> String {
        if let Some(id) = self.missing_by_id.get(task_id) {
            return id.clone();
        }
        let shown = Some(task_id).filter(|s| !s.is_empty()).unwrap_or("(no id)");
        let id = self.add(
            "missing",
            if task_id.is_empty() { "none" } else { task_id },
            NodeKind::Missing,
            format!("missing task {shown}"),
            vec!["no task has this id".to_string()],
        );
        self.missing_by_id.insert(task_id.to_string(), id.clone());
        id
    }

    /// The dashed edge from `from` to its error catcher, when it names one.
    fn on_error(&mut self, from: &str, config: &Value) {
        let Some(catcher_id) = text(config, "errorCatcherId").filter(|s| !s.is_empty()) else {
            return;
        };
        let to = match self.catcher_by_id.get(catcher_id) {
            Some(id) => id.clone(),
            None => {
                let id = self.add(
                    "catcher",
                    catcher_id,
                    NodeKind::Missing,
                    format!("missing error catcher {catcher_id}"),
                    vec!["no error catcher has this id".to_string()],
                );
                self.catcher_by_id
                    .insert(catcher_id.to_string(), id.clone());
                id
            }
        };
        self.graph.edges.push(Edge {
            from: from.to_string(),
            to,
            kind: EdgeKind::OnError,
            label: None,
            condition: None,
        });
    }
}

fn array<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// `name` with every character outside `[A-Za-z0-9_]` replaced by `_`.
fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(json: &str) -> FlowGraph {
        FlowGraph::from_value(&serde_json::from_str(json).unwrap()).unwrap()
    }

    #[test]
    fn reads_triggers_tasks_catchers_and_edges() {
        let g = graph(
            r#"{"triggerConfigs": [{"label": "API Trigger", "triggerNumber": "1", "triggerType": "API",
                 "triggerId": "api_trigger/x_API_1", "startTasks": [{"taskId": "1"}]}],
                "taskConfigs": [
                  {"task": "GenericRestV2Task", "taskId": "1", "displayName": "Call", "errorCatcherId": "ErrorCatcher_1",
                   "nextTasks": [{"taskId": "2", "condition": "$ok$ = true", "displayName": "OK"}]},
                  {"task": "EmailTask", "taskId": "2"},
                  {"task": "JavaScriptTask", "taskId": "3", "externalTaskType": "ERROR_TASK"}],
                "errorCatcherConfigs": [{"label": "Catch", "errorCatcherId": "ErrorCatcher_1",
                  "errorCatcherNumber": "1", "startErrorTasks": [{"taskId": "3"}]}]}"#,
        );
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "trigger_1",
                "task_1",
                "task_2",
                "task_3",
                "catcher_ErrorCatcher_1"
            ]
        );
        assert_eq!(g.node("task_3").unwrap().kind, NodeKind::ErrorTask);
        assert_eq!(g.node("task_2").unwrap().title, "EmailTask");
        assert_eq!(
            g.node("trigger_1").unwrap().details,
            ["API", "api_trigger/x_API_1"]
        );
        let edges: Vec<(&str, &str, EdgeKind)> = g
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str(), e.kind))
            .collect();
        assert_eq!(
            edges,
            [
                ("trigger_1", "task_1", EdgeKind::Start),
                ("task_1", "task_2", EdgeKind::Next),
                ("task_1", "catcher_ErrorCatcher_1", EdgeKind::OnError),
                ("catcher_ErrorCatcher_1", "task_3", EdgeKind::ErrorStart),
            ]
        );
        assert_eq!(g.edges[1].condition.as_deref(), Some("$ok$ = true"));
        assert_eq!(g.edges[1].label.as_deref(), Some("OK"));
    }

    #[test]
    fn ids_are_valid_and_unique_for_odd_input() {
        let g = graph(
            r#"{"triggerConfigs": [{"triggerNumber": "1"}, {"triggerNumber": "1"}, {}],
                "taskConfigs": [{"taskId": "a-b"}, {"taskId": "a_b"}, {"taskId": "a-b"}, {},
                                {"taskId": "9", "nextTasks": [{"taskId": "404"}, {"taskId": "404"},
                                  {"taskConfigId": "9"}, {}, {"taskId": "a-b"}]}]}"#,
        );
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "trigger_1",
                "trigger_1_2",
                "trigger_3",
                "task_a_b",
                "task_a_b_2",
                "task_a_b_3",
                "task_unnumbered",
                "task_9",
                "missing_404",
                "missing_none"
            ]
        );
        // `taskConfigId` is not followed, and a repeated id names its first task (`lint::graph`).
        let targets: Vec<&str> = g.edges.iter().map(|e| e.to.as_str()).collect();
        assert_eq!(targets[..3], ["missing_404", "missing_404", "missing_none"]);
        assert_eq!(targets[3..], ["missing_none", "task_a_b"]);
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{id}"
            );
        }
    }

    #[test]
    fn not_an_integration() {
        assert!(FlowGraph::from_value(&serde_json::json!([1])).is_none());
        assert!(FlowGraph::from_value(&serde_json::json!({"content": "x"})).is_none());
        let empty = FlowGraph::from_value(&serde_json::json!({"taskConfigs": []})).unwrap();
        assert!(empty.nodes.is_empty() && empty.edges.is_empty());
    }
}
