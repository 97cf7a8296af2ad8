//! What the flow lints (L020–L022) share: the reads and writes of every task, the order tasks
//! can run in, and the variables that hold a value before any task runs.
//!
//! The analysis is deliberately conservative, because edge conditions cannot be evaluated and
//! branches may run in parallel: a task that may set a variable is taken to have set it for
//! every task it can run before or alongside (any task that is not strictly after it), and a
//! task whose type the access rules do not know may set whatever it mentions.

use super::graph::{TaskGraph, TriggerFlow};
use super::variables::is_config;
use super::{FastMap, FastSet};

use crate::document::Document;
use crate::model::{InputOutputType, InputOutputTypeInternal, IntegrationVersion};
use crate::references::access::{Accesses, TaskAccess, is_existence_test};
use crate::references::is_system_variable;
use crate::references::{CallDirection, CallSide, Namespace, ReferenceIndex, Slot};

/// The flow facts of one integration.
pub(crate) struct Flow<'a> {
    /// The task graph.
    pub(super) graph: TaskGraph<'a>,
    /// Reads and writes of every task and trigger.
    pub access: Accesses<'a>,
    /// What each trigger reaches, by trigger index.
    pub(super) triggers: Vec<TriggerFlow>,
    /// By task: its strongly connected component, numbered so that every edge between two
    /// components goes from a lower number to a higher one.
    component: Vec<usize>,
    /// Variables that hold a value before any task runs.
    preset: FastSet<&'a str>,
    /// Variables some condition tests with `exists(…)`: the author expects them to be unset
    /// at times.
    tested: FastSet<&'a str>,
    /// Tasks that may set each variable.
    setters: FastMap<&'a str, Vec<usize>>,
    /// Tasks that may set any variable.
    set_anything: Vec<usize>,
}

impl<'a> Flow<'a> {
    /// Reads the flow of `model`, the typed view of `doc`.
    pub fn new(
        doc: &Document,
        model: &'a IntegrationVersion,
        references: &'a ReferenceIndex,
    ) -> Flow<'a> {
        let graph = TaskGraph::new(model);
        let access = Accesses::new(model, references);
        let triggers = (0..model.trigger_configs.len())
            .map(|t| graph.flow_of(t))
            .collect();
        let component = components(&graph);
        let mut preset: FastSet<&str> = FastSet::default();
        for p in &model.integration_parameters {
            let input = matches!(
                p.input_output_type,
                Some(InputOutputType::In | InputOutputType::InOut)
            );
            let from_trigger = p.producer.is_some_and(|s| s.starts_with("2_"));
            if let (Some(key), true) = (p.key, input || from_trigger || p.default_value.is_some()) {
                preset.insert(key);
            }
        }
        for p in model
            .integration_parameters_internal
            .iter()
            .flat_map(|i| &i.parameters)
        {
            let input = matches!(
                p.in_out_type,
                Some(InputOutputTypeInternal::In | InputOutputTypeInternal::InOut)
            );
            if let (Some(key), true) = (p.key, input || p.default_value.is_some()) {
                preset.insert(key);
            }
        }
        // A config variable gets its value when the integration is published, whatever its
        // name says.
        preset.extend(
            model
                .integration_config_parameters
                .iter()
                .filter_map(|c| c.parameter.as_ref()?.key),
        );
        preset.extend(access.triggers.iter().flatten().copied());
        // What a call to a trigger of this file passes in is set when that trigger starts.
        for r in &references.references {
            let passed_in = matches!(
                r.slot,
                Slot::ElementMapping
                    | Slot::CallMap {
                        direction: CallDirection::Request,
                        side: CallSide::Callee,
                        ..
                    }
            );
            if passed_in && r.namespace == Namespace::Variable {
                preset.insert(&r.name);
            }
        }
        let tested = references
            .references
            .iter()
            .filter(|r| r.namespace == Namespace::Variable && is_existence_test(doc.text(), r))
            .map(|r| r.name.as_str())
            .collect();
        let mut setters: FastMap<&str, Vec<usize>> = FastMap::default();
        let mut set_anything = Vec::new();
        for (i, task) in access.tasks.iter().enumerate() {
            if task.writes_any {
                set_anything.push(i);
            }
            let mentions = task.writes.iter().chain(if task.understood {
                &[][..]
            } else {
                &task.reads[..]
            });
            for r in mentions {
                let list = setters.entry(r.name.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Flow {
            graph,
            access,
            triggers,
            component,
            preset,
            tested,
            setters,
            set_anything,
        }
    }

    /// The tasks whose reads the flow lints judge, with their accesses: tasks of a type the
    /// rules know, that cannot write just any variable, outside error-catcher flows (which
    /// may run at any point of an execution).
    pub fn judged_readers(&self) -> impl Iterator<Item = (usize, &TaskAccess<'a>)> {
        self.access
            .tasks
            .iter()
            .enumerate()
            .filter(|(task, access)| {
                access.understood && !access.writes_any && !self.graph.from_catchers.contains(task)
            })
    }

    /// True when `name` holds a value before any task runs: it has a default value, is an
    /// input, is set by a trigger or passed in by a call to a trigger of this file, or is a
    /// system or config variable (declared as one, or named `CONFIG_…`).
    pub fn is_preset(&self, name: &str) -> bool {
        self.preset.contains(name) || is_system_variable(name) || is_config(name)
    }

    /// True when a condition tests `name` with `exists(…)`.
    pub fn is_tested(&self, name: &str) -> bool {
        self.tested.contains(name)
    }

    /// The tasks reached from trigger `trigger` (or from an error catcher) that may set
    /// `name`.
    pub fn setters_in(&self, trigger: usize, name: &str) -> Vec<usize> {
        let reached = &self.triggers[trigger].reached;
        let mut found: Vec<usize> = self
            .setters
            .get(name)
            .into_iter()
            .flatten()
            .chain(&self.set_anything)
            .copied()
            // An error-catcher flow may run within the same execution, at any point.
            .filter(|&t| reached[t] || self.graph.from_catchers.contains(&t))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// True when every task of `later` can only run after `task` has: `task` reaches it
    /// through `nextTasks` and it does not reach `task` back.
    pub fn all_after(&self, task: usize, later: &[usize]) -> bool {
        let own = self.component[task];
        if later.iter().any(|&t| self.component[t] <= own) {
            return false;
        }
        let last = later
            .iter()
            .map(|&t| self.component[t])
            .max()
            .unwrap_or(own);
        let mut seen = vec![false; self.component.len()];
        let mut stack = vec![task];
        seen[task] = true;
        while let Some(t) = stack.pop() {
            for link in &self.graph.successors[t] {
                if !seen[link.to] && self.component[link.to] <= last {
                    seen[link.to] = true;
                    stack.push(link.to);
                }
            }
        }
        later.iter().all(|&t| seen[t])
    }

    /// A shortest path from trigger `trigger` to `task`, for messages:
    /// `trigger 1 ("API Trigger") → task 1 ("Map") → task 3`.
    pub fn path(&self, model: &IntegrationVersion, trigger: usize, task: usize) -> String {
        let mut parts = vec![model.trigger_configs[trigger].describe()];
        parts.extend(
            self.triggers[trigger]
                .path_to(task)
                .into_iter()
                .map(|t| model.task_configs[t].describe()),
        );
        parts.join(" → ")
    }
}

/// The strongly connected component of every task (Tarjan's algorithm, iteratively), numbered
/// in topological order of the components.
fn components(graph: &TaskGraph<'_>) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let successors = &graph.successors;
    let n = successors.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut finished = vec![0; n];
    let (mut next, mut count) = (0, 0);
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        calls.push((root, 0));
        while let Some(top) = calls.last_mut() {
            let v = top.0;
            if let Some(link) = successors[v].get(top.1) {
                top.1 += 1;
                let w = link.to;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    finished[w] = count;
                    if w == v {
                        break;
                    }
                }
                count += 1;
            }
        }
    }
    // Tarjan finishes a component after every component it reaches.
    finished.into_iter().map(|c| count - 1 - c).collect()
}
