//! The task graph: which tasks the triggers and error catchers reach through `nextTasks`.

use super::{FastMap, FastSet};

use crate::model::IntegrationVersion;

/// Task ids, edges and reachability of one integration.
pub(super) struct TaskGraph<'a> {
    /// Index in `taskConfigs` of each task id (the first one, if repeated).
    pub index: FastMap<&'a str, usize>,
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
            if let Some(id) = task.task_id.as_deref() {
                index.entry(id).or_insert(i);
            }
        }
        let lookup = |id: Option<&str>| id.and_then(|id| index.get(id).copied());
        let trigger_starts: Vec<usize> = model
            .trigger_configs
            .iter()
            .flat_map(|t| &t.start_tasks)
            .filter_map(|e| lookup(e.task_id.as_deref()))
            .collect();
        let catcher_starts: Vec<usize> = model
            .error_catcher_configs
            .iter()
            .flat_map(|c| &c.start_error_tasks)
            .filter_map(|e| lookup(e.task_id.as_deref()))
            .collect();
        let successors: Vec<Vec<usize>> = model
            .task_configs
            .iter()
            .map(|t| {
                t.next_tasks
                    .iter()
                    .filter_map(|e| lookup(e.task_id.as_deref()))
                    .collect()
            })
            .collect();
        let mut has_incoming: FastSet<usize> = trigger_starts.iter().copied().collect();
        has_incoming.extend(&catcher_starts);
        has_incoming.extend(successors.iter().flatten());
        let from_triggers = reach(&trigger_starts, &successors);
        let from_catchers = reach(&catcher_starts, &successors);
        TaskGraph {
            index,
            from_triggers,
            from_catchers,
            has_incoming,
        }
    }
}

fn reach(starts: &[usize], successors: &[Vec<usize>]) -> FastSet<usize> {
    let mut seen: FastSet<usize> = starts.iter().copied().collect();
    let mut stack: Vec<usize> = starts.to_vec();
    while let Some(task) = stack.pop() {
        for &next in &successors[task] {
            if seen.insert(next) {
                stack.push(next);
            }
        }
    }
    seen
}
