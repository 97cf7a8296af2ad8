//! The task graph: which tasks the triggers and error catchers reach through `nextTasks`, and
//! the order tasks can run in (for the flow lints).

use super::{FastMap, FastSet};

use crate::model::{IntegrationVersion, NextTask};

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
    /// Index in `taskConfigs` of each task id (the first one, if repeated).
    pub index: FastMap<&'a str, usize>,
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
        let mut index = FastMap::default();
        for (i, task) in model.task_configs.iter().enumerate() {
            if let Some(id) = task.task_id {
                index.entry(id).or_insert(i);
            }
        }
        let links = |edges: &[NextTask]| -> Vec<Link> {
            edges
                .iter()
                .filter_map(|e| {
                    let to = *index.get(e.task_id?)?;
                    let conditional = e.condition.is_some_and(|c| !c.trim().is_empty());
                    Some(Link { to, conditional })
                })
                .collect()
        };
        let trigger_starts: Vec<Vec<Link>> = model
            .trigger_configs
            .iter()
            .map(|t| links(&t.start_tasks))
            .collect();
        let catcher_starts: Vec<usize> = model
            .error_catcher_configs
            .iter()
            .flat_map(|c| links(&c.start_error_tasks))
            .map(|l| l.to)
            .collect();
        let successors: Vec<Vec<Link>> = model
            .task_configs
            .iter()
            .map(|t| links(&t.next_tasks))
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
