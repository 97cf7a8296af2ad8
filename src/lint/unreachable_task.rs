//! L006: a task that no trigger and no error catcher reaches.

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L006",
        name: "unreachable-task",
        severity: Severity::Error,
        summary: "a task has no path from any trigger or error catcher",
        explanation: "\
## What it does
Follows `startTasks` of every trigger, `startErrorTasks` of every error catcher and the
`nextTasks` edges, and reports each task that no path reaches.

## Why is this bad?
The API refuses a version with a task that has no incoming edge (\"Task with name … does not
have an incoming edge from either task or trigger\", integrationcli issue #127). A task that is
only reached from other unreachable tasks never runs either.

## Example
```json
\"triggerConfigs\": [{\"startTasks\": [{\"taskId\": \"1\"}]}],
\"taskConfigs\": [{\"taskId\": \"1\"}, {\"taskId\": \"2\", \"displayName\": \"Build payload\"}]
```
Task `2` has no incoming edge.

## How to fix
Connect the task to a trigger or to a task that runs, or delete it.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let graph = ctx.graph();
    for (i, task) in ctx.model.task_configs.iter().enumerate() {
        if graph.from_triggers.contains(&i) || graph.from_catchers.contains(&i) {
            continue;
        }
        let message = if graph.has_incoming.contains(&i) {
            format!(
                "{} is only reached from tasks that no trigger reaches, so it never runs",
                task.describe()
            )
        } else {
            format!(
                "{} has no incoming edge from a trigger, a task or an error catcher",
                task.describe()
            )
        };
        let pointer = if task.task_id.is_some() {
            format!("/taskConfigs/{i}/taskId")
        } else {
            format!("/taskConfigs/{i}")
        };
        out.push(ctx.at(&LINT.check, pointer, message));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_orphans_and_islands() {
        let text = r#"{
          "triggerConfigs": [{"startTasks": [{"taskId": "1"}]}],
          "taskConfigs": [
            {"taskId": "1", "nextTasks": [{"taskId": "2"}]},
            {"taskId": "2"},
            {"taskId": "3", "displayName": "Orphan", "nextTasks": [{"taskId": "4"}]},
            {"taskId": "4"},
            {"taskId": "5", "nextTasks": [{"taskId": "6"}]},
            {"taskId": "6", "nextTasks": [{"taskId": "5"}]}]
        }"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/taskConfigs/2/taskId",
                "/taskConfigs/3/taskId",
                "/taskConfigs/4/taskId",
                "/taskConfigs/5/taskId"
            ]
        );
        let found = findings(&LINT, text);
        assert_eq!(
            found[0].1,
            "task 3 (\"Orphan\") has no incoming edge from a trigger, a task or an error catcher"
        );
        assert!(
            found[1]
                .1
                .contains("only reached from tasks that no trigger reaches")
        );
    }

    #[test]
    fn error_flows_are_reachable() {
        let text = r#"{
          "triggerConfigs": [{"startTasks": [{"taskId": "1"}]}],
          "taskConfigs": [{"taskId": "1", "errorCatcherId": "E"},
            {"taskId": "2", "nextTasks": [{"taskId": "3"}]}, {"taskId": "3"}],
          "errorCatcherConfigs": [{"errorCatcherId": "E", "startErrorTasks": [{"taskId": "2"}]}]
        }"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
