//! The task graph: which task each edge enters and with what condition, which tasks the
//! triggers and error catchers reach through `nextTasks`, and the order tasks can run in (for
//! the flow lints).
//!
//! [`EdgeEntry`] and [`TaskIndex`] are the one reading of edges: the lints read them from the
//! typed model, `integ graph` from the document's value (it draws files the model cannot read,
//! such as one with a retry count written as a string), and both resolve them here. An edge
//! enters the first task whose `taskId` is the edge's `taskId`; an empty id names no task, and
//! `taskConfigId` is not followed: the API finds next tasks by `taskId` (the documentation of
//! `TaskConfig.taskId`), and no file seen sets it (FORMAT.md §3.3).

use serde_json::Value;

use super::{FastMap, FastSet};

use crate::model::{IntegrationVersion, NextTask};

/// An entry of `startTasks`, `nextTasks` or `startErrorTasks`, typed or raw.
pub(crate) trait EdgeEntry {
    /// Its `taskId`, when it is a string.
    fn raw_task_id(&self) -> Option<&str>;

    /// Its `condition`, when it is a string.
    fn raw_condition(&self) -> Option<&str>;

    /// The id of the task it enters: its `taskId`, unless empty.
    fn target(&self) -> Option<&str> {
        self.raw_task_id().filter(|id| !id.is_empty())
    }

    /// Its condition, unless blank: the edge may not be taken.
    fn condition(&self) -> Option<&str> {
        self.raw_condition().filter(|c| !c.trim().is_empty())
    }
}

impl EdgeEntry for NextTask<'_> {
    fn raw_task_id(&self) -> Option<&str> {
        self.task_id
    }

    fn raw_condition(&self) -> Option<&str> {
        self.condition
    }
}

impl EdgeEntry for Value {
    fn raw_task_id(&self) -> Option<&str> {
        self.get("taskId").and_then(Value::as_str)
    }

    fn raw_condition(&self) -> Option<&str> {
        self.get("condition").and_then(Value::as_str)
    }
}

/// The index in `taskConfigs` of each task id: the first task wins when ids repeat, and an
/// empty id names no task.
pub(crate) struct TaskIndex<'a>(FastMap<&'a str, usize>);

impl<'a> TaskIndex<'a> {
    /// The index of `ids`, the `taskId` of each task in order.
    pub fn new(ids: impl IntoIterator<Item = Option<&'a str>>) -> TaskIndex<'a> {
        let mut index = FastMap::default();
        for (i, id) in ids.into_iter().enumerate() {
            if let Some(id) = id.filter(|id| !id.is_empty()) {
                index.entry(id).or_insert(i);
            }
        }
        TaskIndex(index)
    }

    /// The task with id `id`.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.0.get(id).copied()
    }

    /// The task `edge` enters, if the file has it.
    pub fn enters(&self, edge: &impl EdgeEntry) -> Option<usize> {
        self.get(edge.target()?)
    }

    /// The edges of `edges` that enter a task of the file.
    fn links(&self, edges: &[impl EdgeEntry]) -> Vec<Link> {
        edges
            .iter()
            .filter_map(|edge| {
                let to = self.enters(edge)?;
                let conditional = edge.condition().is_some();
                Some(Link { to, conditional })
            })
            .collect()
    }
}

/// An edge to a task: its index in `taskConfigs`, and whether the edge has a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Link {
    /// The task the edge enters.
    pub to: usize,
    /// The edge has a non-blank `condition`, so it may not be taken.
    pub conditional: bool,
}

/// Task ids, edges and reachability of one integration.
pub(super) struct TaskGraph<'a> {
    /// The task of each task id.
    pub index: TaskIndex<'a>,
    /// The `nextTasks` of each task that lead to a task of the file.
    pub successors: Vec<Vec<Link>>,
    /// The `startTasks` of each trigger that lead to a task of the file.
    pub trigger_starts: Vec<Vec<Link>>,
    /// Tasks reached from a trigger through `startTasks` and `nextTasks`.
    pub from_triggers: FastSet<usize>,
    /// Tasks reached from an error catcher through `startErrorTasks` and `nextTasks`.
    pub from_catchers: FastSet<usize>,
    /// Tasks that are the target of at least one edge, start task or start error task.
    pub has_incoming: FastSet<usize>,
}

impl<'a> TaskGraph<'a> {
    /// Builds the graph of `model`'s public `taskConfigs`.
    pub fn new(model: &'a IntegrationVersion) -> TaskGraph<'a> {
        let index = TaskIndex::new(model.task_configs.iter().map(|t| t.task_id));
        let trigger_starts: Vec<Vec<Link>> = model
            .trigger_configs
            .iter()
            .map(|t| index.links(&t.start_tasks))
            .collect();
        let catcher_starts: Vec<usize> = model
            .error_catcher_configs
            .iter()
            .flat_map(|c| index.links(&c.start_error_tasks))
            .map(|l| l.to)
            .collect();
        let successors: Vec<Vec<Link>> = model
            .task_configs
            .iter()
            .map(|t| index.links(&t.next_tasks))
            .collect();
        let starts: Vec<usize> = trigger_starts.iter().flatten().map(|l| l.to).collect();
        let mut has_incoming: FastSet<usize> = starts.iter().copied().collect();
        has_incoming.extend(&catcher_starts);
        has_incoming.extend(successors.iter().flatten().map(|l| l.to));
        let from_triggers = reach(&starts, &successors);
        let from_catchers = reach(&catcher_starts, &successors);
        TaskGraph {
            index,
            successors,
            trigger_starts,
            from_triggers,
            from_catchers,
            has_incoming,
        }
    }

    /// The tasks trigger `trigger` reaches, and for each the task before it on a shortest
    /// path (`None` for a start task): `parents[i]` is `None` for a task not reached too, so
    /// read it only where `reached[i]`.
    pub fn flow_of(&self, trigger: usize) -> TriggerFlow {
        let n = self.successors.len();
        let mut flow = TriggerFlow {
            reached: vec![false; n],
            parents: vec![None; n],
        };
        let mut queue = std::collections::VecDeque::new();
        for link in &self.trigger_starts[trigger] {
            if !flow.reached[link.to] {
                flow.reached[link.to] = true;
                queue.push_back(link.to);
            }
        }
        while let Some(task) = queue.pop_front() {
            for link in &self.successors[task] {
                if !flow.reached[link.to] {
                    flow.reached[link.to] = true;
                    flow.parents[link.to] = Some(task);
                    queue.push_back(link.to);
                }
            }
        }
        flow
    }
}

/// What one trigger reaches (see [`TaskGraph::flow_of`]).
pub(super) struct TriggerFlow {
    /// By task index: reached from the trigger.
    pub reached: Vec<bool>,
    /// By task index: the previous task on a shortest path from the trigger.
    pub parents: Vec<Option<usize>>,
}

impl TriggerFlow {
    /// The tasks of a shortest path from the trigger to `task`, first to last.
    pub fn path_to(&self, task: usize) -> Vec<usize> {
        let mut path = vec![task];
        while let Some(previous) = self.parents[*path.last().expect("not empty")] {
            if path.contains(&previous) {
                break;
            }
            path.push(previous);
        }
        path.reverse();
        path
    }
}

fn reach(starts: &[usize], successors: &[Vec<Link>]) -> FastSet<usize> {
    let mut seen: FastSet<usize> = starts.iter().copied().collect();
    let mut stack: Vec<usize> = starts.to_vec();
    while let Some(task) = stack.pop() {
        for link in &successors[task] {
            if seen.insert(link.to) {
                stack.push(link.to);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    /// Tasks `1`, `2` twice, an empty id and none; a trigger whose start edges name them in
    /// every way the module documentation covers.
    const TEXT: &str = r#"{
      "triggerConfigs": [{"startTasks": [
        {"taskId": "2", "condition": " \n"}, {"taskConfigId": "1"},
        {"taskId": "", "taskConfigId": "1"}, {"taskId": "9"}, {"taskId": "1", "condition": "$a$ = 1"}]}],
      "taskConfigs": [{"taskId": "1"}, {"taskId": "2"}, {"taskId": "2"}, {"taskId": ""}, {}]
    }"#;

    #[test]
    fn an_edge_enters_the_first_task_with_its_task_id_whether_typed_or_raw() {
        let doc = Document::parse(TEXT).unwrap();
        let model = IntegrationVersion::from_document(&doc).unwrap();
        let graph = TaskGraph::new(&model);
        let link = |to, conditional| Link { to, conditional };
        assert_eq!(graph.trigger_starts[0], [link(1, false), link(0, true)]);
        assert_eq!(graph.index.get(""), None);

        // `integ graph` reads the same edges from the value and must find the same tasks.
        let value = doc.value();
        let ids = value["taskConfigs"].as_array().unwrap().iter();
        let raw_index = TaskIndex::new(ids.map(|t| t.raw_task_id()));
        let raw_edges = value["triggerConfigs"][0]["startTasks"].as_array().unwrap();
        let typed_edges = &model.trigger_configs[0].start_tasks;
        type Read<'b> = Vec<(Option<usize>, Option<&'b str>)>;
        let typed: Read = typed_edges
            .iter()
            .map(|e| (graph.index.enters(e), e.condition()))
            .collect();
        let raw: Read = raw_edges
            .iter()
            .map(|e| (raw_index.enters(e), e.condition()))
            .collect();
        assert_eq!(typed, raw);
        assert_eq!(
            raw,
            [
                (Some(1), None),
                (None, None),
                (None, None),
                (None, None),
                (Some(0), Some("$a$ = 1"))
            ]
        );
    }
}
