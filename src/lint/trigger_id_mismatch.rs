//! L013: a `triggerId` that does not follow from the trigger's type and properties.

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::model::{TriggerConfig, TriggerType};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L013",
        name: "trigger-id-mismatch",
        severity: Severity::Warning,
        summary: "`triggerId` is inconsistent with the trigger's type and properties",
        explanation: "\
## What it does
Derives the `triggerId` the console gives a trigger from its `triggerType` and `properties`,
and reports a trigger whose `triggerId` differs:

| triggerType | triggerId |
|---|---|
| `API` | `api_trigger/<Trigger name>` |
| `PRIVATE_TRIGGER` | `private_trigger/<Trigger name>` |
| `CRON` | `cron_trigger/<Timer Name>/<Scheduled Time spec, form-URL-encoded, * kept>` |
| `CLOUD_PUBSUB_EXTERNAL` | `cloud_pubsub_external_trigger/projects/<IP Project name>/subscriptions/<Subscription name>` |
| `INTEGRATION_CONNECTOR_TRIGGER` | `integration_connector_trigger/projects/<Project name>/locations/<Region>/connections/<Connection name>/eventSubscriptions/<Subscription name>` |

Triggers of other types, or missing one of the properties, are not checked.

## Why is this bad?
The id is how callers start the trigger (`integrationcli integrations execute --trigger-id`,
sub-integration tasks, test cases). An edit that renamed the trigger in one place only leaves
the two disagreeing: callers use the old id, or the console shows a name that does not work.

## How to fix
Make `triggerId` and the property agree (`integ rename` changes both).
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

/// The `triggerId` the console derives for `trigger`, when its type and properties say.
pub(super) fn expected_trigger_id(trigger: &TriggerConfig) -> Option<String> {
    let prop = |name: &str| trigger.properties.get(name).copied();
    Some(match trigger.trigger_type.as_ref()? {
        TriggerType::Api => format!("api_trigger/{}", prop("Trigger name")?),
        TriggerType::PrivateTrigger => format!("private_trigger/{}", prop("Trigger name")?),
        TriggerType::Cron => format!(
            "cron_trigger/{}/{}",
            prop("Timer Name")?,
            form_encode(prop("Scheduled Time spec")?)
        ),
        TriggerType::CloudPubsubExternal => format!(
            "cloud_pubsub_external_trigger/projects/{}/subscriptions/{}",
            prop("IP Project name")?,
            prop("Subscription name")?
        ),
        TriggerType::IntegrationConnectorTrigger => format!(
            "integration_connector_trigger/projects/{}/locations/{}/connections/{}/eventSubscriptions/{}",
            prop("Project name")?,
            prop("Region")?,
            prop("Connection name")?,
            prop("Subscription name")?
        ),
        _ => return None,
    })
}

/// `application/x-www-form-urlencoded` as Java's `URLEncoder` writes it (`*` kept, space `+`).
fn form_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (i, trigger) in ctx.model.trigger_configs.iter().enumerate() {
        let Some(actual) = trigger.trigger_id else {
            continue;
        };
        let Some(expected) = expected_trigger_id(trigger) else {
            continue;
        };
        if actual != expected {
            out.push(ctx.at(
                &LINT.check,
                format!("/triggerConfigs/{i}/triggerId"),
                format!(
                    "{} has triggerId {actual:?}, but its type and properties give {expected:?}",
                    trigger.describe()
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
    fn flags_ids_that_disagree() {
        let text = r#"{"triggerConfigs": [
          {"triggerNumber": "1", "triggerType": "API", "properties": {"Trigger name": "orders_API_1"},
           "triggerId": "api_trigger/orders_API_2"},
          {"triggerNumber": "2", "triggerType": "PRIVATE_TRIGGER", "properties": {"Trigger name": "x"},
           "triggerId": "api_trigger/x"},
          {"triggerNumber": "3", "triggerType": "CRON",
           "properties": {"Timer Name": "t_Timer_1", "Scheduled Time spec": "0 */5 * * *"},
           "triggerId": "cron_trigger/t_Timer_1/0+*/5+*+*+*"}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/triggerConfigs/0/triggerId",
                "/triggerConfigs/1/triggerId",
                "/triggerConfigs/2/triggerId"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[2].1,
            "trigger 3 has triggerId \"cron_trigger/t_Timer_1/0+*/5+*+*+*\", but its type and \
             properties give \"cron_trigger/t_Timer_1/0+*%2F5+*+*+*\""
        );
    }

    #[test]
    fn consistent_and_unknown_triggers_pass() {
        let text = r#"{"triggerConfigs": [
          {"triggerType": "API", "properties": {"Trigger name": "a_API_1"}, "triggerId": "api_trigger/a_API_1"},
          {"triggerType": "CRON", "properties": {"Timer Name": "c", "Scheduled Time spec": "0 * * * *"},
           "triggerId": "cron_trigger/c/0+*+*+*+*"},
          {"triggerType": "CLOUD_PUBSUB_EXTERNAL",
           "properties": {"IP Project name": "p", "Subscription name": "s", "Service account": "x"},
           "triggerId": "cloud_pubsub_external_trigger/projects/p/subscriptions/s"},
          {"triggerType": "SFDC_CHANNEL", "triggerId": "anything"},
          {"triggerType": "API", "triggerId": "api_trigger/no-properties"}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
