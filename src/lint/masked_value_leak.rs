//! L024: a masked variable's value goes where masking does not reach: an e-mail, a request
//! body, or an unmasked variable the execution log shows.

use super::{FastSet, Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::model::Extra;
use crate::references::access::task_parameter;
use crate::references::{Namespace, Slot};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L024",
        name: "masked-value-leak",
        severity: Severity::Info,
        summary: "a masked variable is written into an e-mail, a REST request body, or an unmasked variable (the execution log)",
        explanation: "\
## What it does
Finds the variables declared with `\"masked\": true` (or `isMasked`) and reports where their
value leaves the protection of masking:

- the `Subject` or `TextBody` of a Send Email task;
- the `requestBody` of a Call REST Endpoint task;
- a Data Mapping field that copies it into a variable that is not masked: the execution log
  shows that variable's value in clear.

It is information, not an error: sending a secret in a request body is sometimes the point
(an authentication call). Read each finding and decide.

## Why is this bad?
Masking hides a value in execution logs and the console. Once the value is in an e-mail,
in a request the other side may log, or in an unmasked variable, anyone who can read those
sees it.

## Example
```json
\"integrationParameters\": [{\"key\": \"apiKey\", \"masked\": true}],
\"taskConfigs\": [{\"task\": \"EmailTask\", \"parameters\": {\"TextBody\": {\"key\": \"TextBody\",
  \"value\": {\"stringValue\": \"Key used: $apiKey$\"}}}}]
```

## How to fix
Leave the secret out of the e-mail or body (send it as an authentication profile or a header
the other side does not log), or mask the variable it is copied into.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

/// Where a masked value must not go, by task type and parameter.
const SINKS: &[(&str, &str, &str)] = &[
    ("EmailTask", "Subject", "the subject of an e-mail"),
    ("EmailTask", "TextBody", "the body of an e-mail"),
    (
        "GenericRestV2Task",
        "requestBody",
        "the body of a REST request",
    ),
];

fn is_masked(masked: Option<bool>, extra: &Extra) -> bool {
    masked == Some(true) || extra.get("isMasked").and_then(|v| v.as_bool()) == Some(true)
}

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut masked: FastSet<&str> = FastSet::default();
    for p in &ctx.model.integration_parameters {
        if let (Some(key), true) = (p.key, is_masked(p.masked, &p.extra)) {
            masked.insert(key);
        }
    }
    for p in ctx
        .model
        .integration_parameters_internal
        .iter()
        .flat_map(|i| &i.parameters)
    {
        let flag = p.extra.get("masked").and_then(|v| v.as_bool());
        if let (Some(key), true) = (p.key, is_masked(flag, &p.extra)) {
            masked.insert(key);
        }
    }
    if masked.is_empty() {
        return;
    }
    let references = &ctx.references.references;
    for r in references {
        if r.namespace != Namespace::Variable || !masked.contains(r.name.as_str()) {
            continue;
        }
        let Some((index, param)) = task_parameter(&r.pointer) else {
            continue;
        };
        let task = &ctx.model.task_configs[index];
        let task_type = task.task.unwrap_or_default();
        let message = if let Some((_, _, sink)) = SINKS
            .iter()
            .find(|(t, p, _)| *t == task_type && *p == param)
        {
            format!(
                "masked variable {} is written into {sink} by {}",
                r.name,
                task.describe()
            )
        } else if let Slot::MappingInput { field } = r.slot {
            // The variables the same mapped field writes, when none of them is masked.
            let targets: Vec<&str> = references
                .iter()
                .filter(|o| o.pointer == r.pointer && o.slot == Slot::MappingOutput { field })
                .map(|o| o.name.as_str())
                .collect();
            let Some(target) = targets
                .first()
                .filter(|_| !targets.iter().any(|t| masked.contains(t)))
            else {
                continue;
            };
            format!(
                "{} copies masked variable {} into {target}, which is not masked: the execution \
                 log shows its value",
                task.describe(),
                r.name
            )
        } else {
            continue;
        };
        out.push(ctx.at_span(&LINT.check, &r.pointer, r.extent, message));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    const TEXT: &str = r#"{
      "taskConfigs": [
        {"taskId": "1", "task": "EmailTask", "parameters": {
          "TextBody": {"key": "TextBody", "value": {"stringValue": "Key: $apiKey$"}},
          "To": {"key": "To", "value": {"stringArray": {"stringValues": ["$apiKey$"]}}}}},
        {"taskId": "2", "task": "GenericRestV2Task", "parameters": {
          "requestBody": {"key": "requestBody", "value": {"stringValue": "{\"key\": \"$apiKey$\"}"}},
          "url": {"key": "url", "value": {"stringValue": "https://x/$apiKey$"}}}},
        {"taskId": "3", "task": "FieldMappingTask", "parameters": {"FieldMappingConfigTaskParameterKey": {
          "key": "FieldMappingConfigTaskParameterKey", "value": {"jsonValue": "{\"mappedFields\": [{\"inputField\": {\"transformExpression\": {\"initialValue\": {\"referenceValue\": \"$apiKey$\"}}}, \"outputField\": {\"referenceKey\": \"$copy$\"}}, {\"inputField\": {\"transformExpression\": {\"initialValue\": {\"referenceValue\": \"$apiKey$\"}}}, \"outputField\": {\"referenceKey\": \"$safe$\"}}]}"}}}}],
      "integrationParameters": [{"key": "apiKey", "masked": true}, {"key": "copy"},
                                {"key": "safe", "isMasked": true}]
    }"#;

    #[test]
    fn flags_emails_bodies_and_unmasked_copies() {
        let messages: Vec<String> = findings(&LINT, TEXT).into_iter().map(|(_, m)| m).collect();
        assert_eq!(
            messages,
            [
                "masked variable apiKey is written into the body of an e-mail by task 1",
                "masked variable apiKey is written into the body of a REST request by task 2",
                "task 3 copies masked variable apiKey into copy, which is not masked: the \
                 execution log shows its value",
            ]
        );
    }

    #[test]
    fn nothing_masked_nothing_found() {
        let text = TEXT.replace(r#", "masked": true"#, "");
        assert!(findings(&LINT, &text).is_empty());
    }
}
