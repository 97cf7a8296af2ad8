//! L007: an error catcher starts a task that belongs to the normal flow.

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::model::ExternalTaskType;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L007",
        name: "error-catcher-start-task-in-flow",
        severity: Severity::Error,
        summary: "a start error task of an error catcher is also part of the normal flow",
        explanation: "\
## What it does
Reports `errorCatcherConfigs[].startErrorTasks[]` entries whose task a trigger also reaches
through `startTasks`/`nextTasks`, or that is marked `externalTaskType: NORMAL_TASK`.

## Why is this bad?
The API refuses it: \"Tasks in normal workflow can not be used as start error tasks for
another normal task\" (integrationcli issue #131). Error flows must be separate graphs of
`ERROR_TASK` tasks.

## How to fix
Give the error catcher its own tasks (copy the task under a new id, with
`externalTaskType: ERROR_TASK`), and remove the edges from the normal flow into them.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let graph = ctx.graph();
    for (i, catcher) in ctx.model.error_catcher_configs.iter().enumerate() {
        let catcher_id = catcher.error_catcher_id.unwrap_or("?");
        for (j, edge) in catcher.start_error_tasks.iter().enumerate() {
            let Some(index) = graph.index.enters(edge) else {
                continue;
            };
            let task = &ctx.model.task_configs[index];
            let why = if graph.from_triggers.contains(&index) {
                "a trigger also reaches it"
            } else if task.external_task_type == Some(ExternalTaskType::NormalTask) {
                "it is marked NORMAL_TASK"
            } else {
                continue;
            };
            out.push(ctx.at(
                &LINT.check,
                format!("/errorCatcherConfigs/{i}/startErrorTasks/{j}/taskId"),
                format!(
                    "error catcher {catcher_id:?} starts {}, which is in the normal flow ({why})",
                    task.describe()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_shared_and_normal_start_tasks() {
        let text = r#"{
          "triggerConfigs": [{"startTasks": [{"taskId": "1"}]}],
          "taskConfigs": [{"taskId": "1", "nextTasks": [{"taskId": "2"}]}, {"taskId": "2"},
            {"taskId": "3", "externalTaskType": "NORMAL_TASK"}],
          "errorCatcherConfigs": [{"errorCatcherId": "E",
            "startErrorTasks": [{"taskId": "2"}, {"taskId": "3"}]}]
        }"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/errorCatcherConfigs/0/startErrorTasks/0/taskId",
                "/errorCatcherConfigs/0/startErrorTasks/1/taskId"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "error catcher \"E\" starts task 2, which is in the normal flow (a trigger also reaches it)"
        );
    }

    #[test]
    fn separate_error_flow_passes() {
        let text = r#"{
          "triggerConfigs": [{"startTasks": [{"taskId": "1"}]}],
          "taskConfigs": [{"taskId": "1", "errorCatcherId": "E"},
            {"taskId": "2", "externalTaskType": "ERROR_TASK"}],
          "errorCatcherConfigs": [{"errorCatcherId": "E", "startErrorTasks": [{"taskId": "2"}]}]
        }"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
