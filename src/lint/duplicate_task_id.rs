//! L002: two tasks share a `taskId`.

use super::FastMap;

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L002",
        name: "duplicate-task-id",
        severity: Severity::Error,
        summary: "two tasks share a `taskId`",
        explanation: "\
## What it does
Checks that every `taskConfigs[].taskId` is unique.

## Why is this bad?
The task id is the task's identity: edges, start tasks, producers (`1_<taskId>`) and the
generated `Task_<taskId>_…` variables all refer to it. With two tasks of one id, every one of
those references is ambiguous; the API refuses the version.

## Example
```json
\"taskConfigs\": [{\"taskId\": \"1\", \"task\": \"FieldMappingTask\"},
                {\"taskId\": \"1\", \"task\": \"EmailTask\"}]
```

## How to fix
Give the second task a new id and update the edges that meant it.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut first: FastMap<&str, usize> = FastMap::default();
    for (i, task) in ctx.model.task_configs.iter().enumerate() {
        let Some(id) = task.task_id else {
            continue;
        };
        match first.get(id) {
            Some(&earlier) => out.push(ctx.at(
                &LINT.check,
                format!("/taskConfigs/{i}/taskId"),
                format!(
                    "task id {id:?} is already used by {} (taskConfigs[{earlier}])",
                    ctx.model.task_configs[earlier].describe()
                ),
            )),
            None => {
                first.insert(id, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_the_second_and_later_uses() {
        let text = r#"{"taskConfigs": [{"taskId": "1", "displayName": "A"}, {"taskId": "2"},
            {"taskId": "1"}, {"taskId": "1"}, {"taskId": "10"}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            ["/taskConfigs/2/taskId", "/taskConfigs/3/taskId"]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "task id \"1\" is already used by task 1 (\"A\") (taskConfigs[0])"
        );
    }

    #[test]
    fn distinct_ids_pass() {
        let text = r#"{"taskConfigs": [{"taskId": "1"}, {"taskId": "10"}, {"taskId": "11"}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
