//! R004: the request's `triggerId` is not a trigger of the integration.

use super::{RequestCheck, RequestContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: RequestCheck = RequestCheck::new(
    Check {
        code: "R004",
        name: "unknown-trigger",
        severity: Severity::Error,
        summary: "the request's `triggerId` is not a trigger of the integration (with --integration)",
        explanation: "\
## What it does
With `integ check --integration FILE`, checks that the request's `triggerId` is the
`triggerId` of one of the integration's triggers.

## Why is this bad?
The API matches `triggerId` against every trigger of the region's integrations; an id no
trigger has fails with HTTP 404 (or starts another integration that happens to have it).

## How to fix
Use the trigger's `triggerId` (`api_trigger/<Trigger name>`); the message lists them.
",
    },
    check,
);

fn check(ctx: &RequestContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(model), Some(id)) = (ctx.integration, ctx.trigger_id()) else {
        return;
    };
    if id.is_empty() || ctx.known_trigger().is_some() {
        return;
    }
    let known: Vec<&str> = model
        .trigger_configs
        .iter()
        .filter_map(|t| t.trigger_id)
        .collect();
    let listed = if known.is_empty() {
        "it has no trigger with a triggerId".to_string()
    } else {
        format!("triggers: {}", known.join(", "))
    };
    out.push(ctx.at(
        &CHECK.check,
        "/triggerId",
        format!("trigger {id:?} is not in the integration ({listed})"),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testing::{INTEGRATION, findings};
    use super::*;

    #[test]
    fn flags_a_trigger_the_integration_lacks() {
        let text = r#"{"triggerId": "api_trigger/x"}"#;
        assert_eq!(
            findings(&CHECK, text, Some(INTEGRATION)),
            [(
                "/triggerId".to_string(),
                "trigger \"api_trigger/x\" is not in the integration (triggers: api_trigger/t)"
                    .to_string()
            )]
        );
        // Shape only without an integration.
        assert!(findings(&CHECK, text, None).is_empty());
    }

    #[test]
    fn known_or_absent_triggers_pass() {
        assert!(
            findings(
                &CHECK,
                r#"{"triggerId": "api_trigger/t"}"#,
                Some(INTEGRATION)
            )
            .is_empty()
        );
        assert!(findings(&CHECK, r#"{"inputParameters": {}}"#, Some(INTEGRATION)).is_empty());
    }
}
