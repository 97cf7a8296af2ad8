//! L014: a task or trigger names an error catcher that does not exist.

use super::FastSet;

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L014",
        name: "dangling-error-catcher",
        severity: Severity::Error,
        summary: "`errorCatcherId` of a task or trigger names an error catcher that does not exist",
        explanation: "\
## What it does
Checks that every `errorCatcherId` of `taskConfigs[]` and `triggerConfigs[]` names an entry of
`errorCatcherConfigs[]`.

## Why is this bad?
A failure of the task (or trigger) is meant to start an error flow that is not there.
integrationcli issue #127 shows this happening when tooling drops `errorCatcherConfigs` from an
export; the API refuses such a version.

## How to fix
Restore the error catcher, or remove the `errorCatcherId`.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let catchers: FastSet<&str> = model
        .error_catcher_configs
        .iter()
        .filter_map(|c| c.error_catcher_id)
        .collect();
    // The pointer and the owner's description are written for a finding only.
    let mut report =
        |id: Option<&str>, pointer: &dyn Fn() -> String, owner: &dyn Fn() -> String| {
            let Some(id) = id.filter(|id| !id.is_empty()) else {
                return;
            };
            if !catchers.contains(id) {
                out.push(ctx.at(
                    &LINT.check,
                    pointer(),
                    format!(
                        "{} uses error catcher {id:?}, which does not exist",
                        owner()
                    ),
                ));
            }
        };
    for (i, t) in model.task_configs.iter().enumerate() {
        report(
            t.error_catcher_id,
            &|| format!("/taskConfigs/{i}/errorCatcherId"),
            &|| t.describe(),
        );
    }
    for (i, t) in model.trigger_configs.iter().enumerate() {
        report(
            t.error_catcher_id,
            &|| format!("/triggerConfigs/{i}/errorCatcherId"),
            &|| t.describe(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_missing_catchers() {
        let text = r#"{"taskConfigs": [{"taskId": "1", "errorCatcherId": "ErrorCatcher_1"},
            {"taskId": "2", "errorCatcherId": "ErrorCatcher_2"}],
          "triggerConfigs": [{"triggerNumber": "1", "errorCatcherId": "Nope"}],
          "errorCatcherConfigs": [{"errorCatcherId": "ErrorCatcher_1"}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/taskConfigs/1/errorCatcherId",
                "/triggerConfigs/0/errorCatcherId"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "task 2 uses error catcher \"ErrorCatcher_2\", which does not exist"
        );
    }

    #[test]
    fn existing_catchers_pass() {
        let text = r#"{"taskConfigs": [{"taskId": "1", "errorCatcherId": "E"}, {"taskId": "2"}],
          "errorCatcherConfigs": [{"errorCatcherId": "E"}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
