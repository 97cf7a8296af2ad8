//! L001: an edge, start task or start error task names a task id that does not exist.

use super::FastSet;

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::model::NextTask;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L001",
        name: "dangling-task-reference",
        severity: Severity::Error,
        summary: "`nextTasks`, `startTasks` or `startErrorTasks` names a task id that does not exist",
        explanation: "\
## What it does
Checks that every `taskId` in `taskConfigs[].nextTasks`, `triggerConfigs[].startTasks` and
`errorCatcherConfigs[].startErrorTasks` (and `taskNumber` in the `*Internal` copies) names a task
of the integration.

## Why is this bad?
An edge to a missing task is usually left behind by deleting or renumbering a task by hand. The
API refuses the version on upload, or the flow silently stops where the edge points nowhere.

## Example
```json
\"taskConfigs\": [{\"taskId\": \"1\", \"nextTasks\": [{\"taskId\": \"7\"}]}]
```
There is no task `7`.

## How to fix
Point the edge at an existing task id, or remove it. `integ rename` keeps edges in step when
task ids change.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    // Which task an edge enters is the task graph's reading (an empty id enters none).
    let index = &ctx.graph().index;
    // The pointer and the description of the source are written for a finding only: most
    // edges point to a task that exists.
    let mut edges =
        |pointer: &dyn Fn() -> String, edges: &[NextTask], from: &dyn Fn() -> String| {
            for (j, edge) in edges.iter().enumerate() {
                let Some(target) = edge.task_id else {
                    continue;
                };
                if index.enters(edge).is_none() {
                    out.push(ctx.at(
                        &LINT.check,
                        format!("{}/{j}/taskId", pointer()),
                        format!("{} points to task {target:?}, which does not exist", from()),
                    ));
                }
            }
        };
    for (i, trigger) in model.trigger_configs.iter().enumerate() {
        edges(
            &|| format!("/triggerConfigs/{i}/startTasks"),
            &trigger.start_tasks,
            &|| trigger.describe(),
        );
    }
    for (i, task) in model.task_configs.iter().enumerate() {
        edges(
            &|| format!("/taskConfigs/{i}/nextTasks"),
            &task.next_tasks,
            &|| task.describe(),
        );
    }
    for (i, catcher) in model.error_catcher_configs.iter().enumerate() {
        let id = catcher.error_catcher_id.unwrap_or("?");
        edges(
            &|| format!("/errorCatcherConfigs/{i}/startErrorTasks"),
            &catcher.start_error_tasks,
            &|| format!("error catcher {id:?}"),
        );
    }
    check_internal(ctx, out);
}

/// The `*Internal` copies use `taskNumber`; they point into `taskConfigsInternal` when the file
/// has it, else into the public tasks.
fn check_internal(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let ids: FastSet<&str> = if model.task_configs_internal.is_empty() {
        model
            .task_configs
            .iter()
            .filter_map(|t| t.task_id)
            .collect()
    } else {
        model
            .task_configs_internal
            .iter()
            .filter_map(|t| t.task_number)
            .collect()
    };
    // Only the edges to a missing task get a pointer and a finding.
    let missing = |target: &&str| !ids.contains(target);
    let mut report = |pointer: String, target: &str| {
        out.push(ctx.at(
            &LINT.check,
            pointer,
            format!("internal copy points to task {target:?}, which does not exist"),
        ));
    };
    for (i, trigger) in model.trigger_configs_internal.iter().enumerate() {
        for (j, edge) in trigger.start_tasks.iter().enumerate() {
            if let Some(target) = edge.task_number.filter(missing) {
                let pointer = format!("/triggerConfigsInternal/{i}/startTasks/{j}/taskNumber");
                report(pointer, target);
            }
        }
    }
    for (i, task) in model.task_configs_internal.iter().enumerate() {
        for (j, edge) in task.next_tasks.iter().enumerate() {
            if let Some(target) = edge.task_number.filter(missing) {
                let pointer = format!("/taskConfigsInternal/{i}/nextTasks/{j}/taskNumber");
                report(pointer, target);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_edges_to_missing_tasks() {
        let text = r#"{
          "triggerConfigs": [{"triggerNumber": "1", "startTasks": [{"taskId": "1"}, {"taskId": "9"}]}],
          "taskConfigs": [
            {"taskId": "1", "nextTasks": [{"taskId": "10"}, {"taskId": "2"}]},
            {"taskId": "2", "displayName": "Map"}],
          "errorCatcherConfigs": [{"errorCatcherId": "E", "startErrorTasks": [{"taskId": "3"}]}],
          "taskConfigsInternal": [{"taskNumber": "1", "nextTasks": [{"taskNumber": "4"}]}]
        }"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/triggerConfigs/0/startTasks/1/taskId",
                "/taskConfigs/0/nextTasks/0/taskId",
                "/errorCatcherConfigs/0/startErrorTasks/0/taskId",
                "/taskConfigsInternal/0/nextTasks/0/taskNumber",
            ]
        );
        let (_, message) = &findings(&LINT, text)[0];
        assert_eq!(
            message,
            "trigger 1 points to task \"9\", which does not exist"
        );
    }

    #[test]
    fn an_empty_id_enters_no_task_even_when_a_task_has_one() {
        // As the task graph reads edges (L006, `integ graph`): `""` names no task.
        let text = r#"{
          "triggerConfigs": [{"triggerNumber": "1", "startTasks": [{"taskId": ""}]}],
          "taskConfigs": [{"taskId": ""}]
        }"#;
        assert_eq!(
            pointers(&LINT, text),
            ["/triggerConfigs/0/startTasks/0/taskId"]
        );
    }

    #[test]
    fn clean_graph_passes() {
        let text = r#"{
          "triggerConfigs": [{"startTasks": [{"taskId": "1"}]}],
          "taskConfigs": [{"taskId": "1", "nextTasks": [{"taskId": "2"}]}, {"taskId": "2"}],
          "triggerConfigsInternal": [{"startTasks": [{"taskNumber": "1"}]}]
        }"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
