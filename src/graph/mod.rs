//! The flow of an integration as a graph: triggers, tasks and error catchers as nodes; start,
//! next-task, error-start and on-error links as edges. [`mermaid`] and [`dot`] print it.
//!
//! The graph is read from the document's value and tolerates anything: a missing or odd field
//! gives a plainer label, an edge to an unknown task id gets a "missing task" node, so every
//! edge of the file shows up in the picture. Which task an edge enters is decided as the lints
//! decide it (`lint::graph`), so the picture shows the flow they check.

mod build;
pub mod dot;
pub mod highlight;
pub mod label;
pub mod mermaid;

pub use build::FlowGraph;
pub use highlight::{Highlight, Mark};

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An entry of `triggerConfigs`.
    Trigger,
    /// An entry of `taskConfigs`.
    Task,
    /// A task marked `externalTaskType: ERROR_TASK`.
    ErrorTask,
    /// An entry of `errorCatcherConfigs`.
    ErrorCatcher,
    /// A task id that edges point to but no task defines.
    Missing,
}

/// One box in the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Identifier, valid in Mermaid and DOT without quoting (`[A-Za-z0-9_]`, starting with a
    /// letter) and unique in the graph: `trigger_1`, `task_3`, `catcher_ErrorCatcher_1`.
    pub id: String,
    /// What it stands for.
    pub kind: NodeKind,
    /// The main text: the label or display name.
    pub title: String,
    /// Smaller lines under the title: type, id.
    pub details: Vec<String>,
}

/// Why one node leads to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// A trigger's `startTasks`.
    Start,
    /// A task's `nextTasks`.
    Next,
    /// An error catcher's `startErrorTasks`.
    ErrorStart,
    /// A task's or trigger's `errorCatcherId`: where failures go.
    OnError,
}

/// One arrow in the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Id of the node the arrow leaves.
    pub from: String,
    /// Id of the node the arrow enters.
    pub to: String,
    /// Why.
    pub kind: EdgeKind,
    /// The edge's `displayName`, when set.
    pub label: Option<String>,
    /// The edge's `condition`, when set and not blank.
    pub condition: Option<String>,
}

/// Widest label line, in characters.
const TITLE_WIDTH: usize = 32;
const DETAIL_WIDTH: usize = 40;
const CONDITION_WIDTH: usize = 40;
const CONDITION_LINES: usize = 3;

impl Node {
    /// The title wrapped to at most two short lines.
    pub fn title_lines(&self) -> Vec<String> {
        label::fit(&self.title, TITLE_WIDTH, 2)
    }

    /// Each detail on one short line.
    pub fn detail_lines(&self) -> Vec<String> {
        self.details
            .iter()
            .flat_map(|detail| label::fit(detail, DETAIL_WIDTH, 1))
            .collect()
    }

    /// The whole label as short lines: title lines, then detail lines.
    pub fn label_lines(&self) -> Vec<String> {
        let mut lines = self.title_lines();
        lines.extend(self.detail_lines());
        lines
    }
}

impl Edge {
    /// The display name on one short line, when set.
    pub fn name_lines(&self) -> Vec<String> {
        self.label
            .as_deref()
            .map(|label| label::fit(label, TITLE_WIDTH, 1))
            .unwrap_or_default()
    }

    /// The label as short lines: the display name, then the condition (whitespace collapsed,
    /// wrapped, long conditions cut with `…`). Empty when the edge has neither.
    pub fn label_lines(&self) -> Vec<String> {
        let mut lines = self.name_lines();
        if let Some(condition) = &self.condition {
            lines.extend(label::fit(condition, CONDITION_WIDTH, CONDITION_LINES));
        }
        if lines.is_empty() && self.kind == EdgeKind::OnError {
            lines.push("on error".to_string());
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_labels_combine_name_and_condition() {
        let edge = Edge {
            from: "task_1".into(),
            to: "task_2".into(),
            kind: EdgeKind::Next,
            label: Some("Success".into()),
            condition: Some("NOT exists($ErrorMessage$)\n\n".into()),
        };
        assert_eq!(
            edge.label_lines(),
            ["Success", "NOT exists($ErrorMessage$)"]
        );
        let plain = Edge {
            label: None,
            condition: None,
            ..edge.clone()
        };
        assert!(plain.label_lines().is_empty());
        let on_error = Edge {
            kind: EdgeKind::OnError,
            ..plain
        };
        assert_eq!(on_error.label_lines(), ["on error"]);
    }

    #[test]
    fn node_labels_wrap_the_title() {
        let node = Node {
            id: "task_1".into(),
            kind: NodeKind::Task,
            title: "A rather long display name for a data mapping task".into(),
            details: vec!["FieldMappingTask · #1".into()],
        };
        let lines = node.label_lines();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2], "FieldMappingTask · #1");
        assert!(lines.iter().all(|l| l.chars().count() <= DETAIL_WIDTH));
    }
}
