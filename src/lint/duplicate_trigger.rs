//! L009: two triggers share a `triggerNumber` or a `triggerId`.

use super::FastMap;

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L009",
        name: "duplicate-trigger",
        severity: Severity::Error,
        summary: "two triggers share a `triggerNumber` or a `triggerId`",
        explanation: "\
## What it does
Checks that `triggerConfigs[].triggerNumber` and `triggerConfigs[].triggerId` are unique.

## Why is this bad?
`triggerNumber` identifies the trigger inside the file (variables it produces name it as
`producer: \"2_<triggerNumber>\"`); `triggerId` is how callers and sub-integration tasks start
it (`api_trigger/<name>`). A copied trigger that keeps both makes either ambiguous; the API
refuses the version.

## How to fix
Give the copy a new number and a new trigger name (its `triggerId` follows the name).
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (field, get) in [
        (
            "triggerNumber",
            (|t| t.trigger_number)
                as for<'t> fn(&'t crate::model::TriggerConfig<'_>) -> Option<&'t str>,
        ),
        ("triggerId", |t| t.trigger_id),
    ] {
        let mut first: FastMap<&str, usize> = FastMap::default();
        for (i, trigger) in ctx.model.trigger_configs.iter().enumerate() {
            let Some(value) = get(trigger).filter(|v| !v.is_empty()) else {
                continue;
            };
            if let Some(&earlier) = first.get(value) {
                out.push(ctx.at(
                    &LINT.check,
                    format!("/triggerConfigs/{i}/{field}"),
                    format!("{field} {value:?} is already used by triggerConfigs[{earlier}]"),
                ));
            } else {
                first.insert(value, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_repeated_numbers_and_ids() {
        let text = r#"{"triggerConfigs": [
            {"triggerNumber": "1", "triggerId": "api_trigger/a"},
            {"triggerNumber": "1", "triggerId": "api_trigger/b"},
            {"triggerNumber": "2", "triggerId": "api_trigger/a"}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/triggerConfigs/1/triggerNumber",
                "/triggerConfigs/2/triggerId"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "triggerNumber \"1\" is already used by triggerConfigs[0]"
        );
    }

    #[test]
    fn distinct_triggers_pass() {
        let text = r#"{"triggerConfigs": [{"triggerNumber": "1", "triggerId": "api_trigger/a"},
            {"triggerNumber": "11", "triggerId": "api_trigger/a_1"}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
