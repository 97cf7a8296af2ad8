//! L004: a variable is referenced but not declared.

use super::variables::is_config;
use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::references::{Form, Namespace, is_system_variable, strip_backticks};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L004",
        name: "undeclared-variable",
        severity: Severity::Error,
        summary: "a `$…$`, script or trigger reference names a variable that is not declared",
        explanation: "\
## What it does
Checks every variable reference against the declarations in `integrationParameters` (and the
`*Internal` copy). References are `$key$`, `` $`key`$ ``, `$key.sub.path$` in task parameters
(inside `jsonValue` payloads too), edge and retry conditions and default values; JavaScript
`event.getParameter(\"key\")`/`setParameter`; Jsonnet `extVar(\"key\")`; and the names in trigger
`inputVariables`/`outputVariables`.

System variables (`` `ExecutionId` ``, `` `ErrorInfo` ``, `` `ExecutionMode` ``,
`` `IntegrationName` ``, `` `Region` ``, `` `ProjectId` ``) need no declaration, and config
variables (`` `CONFIG_…` ``) are checked by L011. An upper-case name such as `$PROJECT_ID$` is
usually a placeholder that a deploy script replaces; it is reported at `info` severity.

## Why is this bad?
A reference to an undeclared variable is usually a typo or a left-over from a rename. It
resolves to nothing at run time: a condition compares against an empty value, a mapping writes
nowhere, a request is sent with a literal `$…$`.

## Example
```json
\"condition\": \"$totl$ > 100\"
```
with a variable `total` declared.

## How to fix
Correct the name, or declare the variable.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

/// True for a name that looks like a deploy-time placeholder (`PROJECT_ID`, `LOCATION`).
fn is_placeholder(key: &str) -> bool {
    key.len() > 1
        && key.starts_with(|c: char| c.is_ascii_uppercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let declared = ctx.declared();
    for r in &ctx.references.references {
        let key = r.name.as_str();
        if r.namespace != Namespace::Variable
            || !r.form.is_use()
            || declared.contains(key)
            || is_system_variable(key)
            || is_config(key)
        {
            continue;
        }
        let written = r.written();
        let placeholder = r.form == Form::Dollar && is_placeholder(key);
        let mut message = match r.form {
            _ if placeholder => format!(
                "{written} is not a declared variable; it looks like a deploy-time placeholder"
            ),
            Form::TriggerVariable => format!("trigger variable {key:?} is not declared"),
            Form::GetParameter => {
                format!("getParameter({key:?}) refers to a variable that is not declared")
            }
            Form::SetParameter => {
                format!("setParameter({key:?}) refers to a variable that is not declared")
            }
            Form::ExtVar => format!("extVar({key:?}) refers to a variable that is not declared"),
            Form::Dollar => format!(
                "{written} refers to variable {:?}, which is not declared",
                strip_backticks(key)
            ),
            _ => format!("{key:?} names a variable that is not declared"),
        };
        if let Some(alias) = declared.alias_of(key) {
            message.push_str(&format!(
                "; {alias} is declared, but a key's backticks are part of its name"
            ));
        }
        let mut diagnostic = ctx.at_span(&LINT.check, &r.pointer, r.extent, message);
        if placeholder {
            diagnostic = diagnostic.with_severity(Severity::Info);
        }
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    #[test]
    fn flags_undeclared_references_everywhere() {
        let text = r#"{
          "triggerConfigs": [{"inputVariables": {"names": ["in", "missing_in"]}}],
          "taskConfigs": [{"taskId": "1",
            "parameters": {
              "url": {"key": "url", "value": {"stringValue": "https://x/$in$/$orders.id$/$PROJECT_ID$"}},
              "map": {"key": "map", "value": {"jsonValue": "{'referenceKey': '$`Task_1_out`$'}"}}}},
            {"taskId": "2", "task": "JavaScriptTask", "parameters": {
              "script": {"key": "script", "value": {"stringValue": "event.getParameter(\"ghost\")"}}},
            "nextTasks": [{"taskId": "1", "condition": "$`ErrorInfo`.code$ = 1 AND $`CONFIG_x`$ = 2"}]}],
          "integrationParameters": [{"key": "in"}, {"key": "`Task_1_out`"}]
        }"#;
        let found = findings(&LINT, text);
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "trigger variable \"missing_in\" is not declared",
                "$orders.id$ refers to variable \"orders\", which is not declared",
                "$PROJECT_ID$ is not a declared variable; it looks like a deploy-time placeholder",
                "getParameter(\"ghost\") refers to a variable that is not declared",
            ]
        );
    }

    #[test]
    fn placeholder_is_info_and_points_inside_the_string() {
        let text = r#"{"taskConfigs": [{"parameters": {"u": {"value": {"stringValue": "a $PROJECT_ID$"}}}}]}"#;
        let (doc, out) = super::super::testing::diagnostics(&LINT, text);
        assert_eq!(out[0].severity, Severity::Info);
        assert_eq!(doc.slice(out[0].span.unwrap()), "$PROJECT_ID$");
        assert!(
            is_placeholder("LOCATION_ID") && !is_placeholder("orderId") && !is_placeholder("X")
        );
    }

    #[test]
    fn declared_and_system_keys_pass() {
        let text = r#"{
          "taskConfigs": [{"parameters": {"p": {"value": {"stringArray": {"stringValues":
            ["$`Task_1_responseBody`$", "$`ExecutionId`$", "$ExecutionId$", "$order.items[0]$",
             "$order.`line items`$", "$`Task_1_responseBody`.Path parameters.model$"]}}}}}],
          "integrationParameters": [{"key": "`Task_1_responseBody`"}, {"key": "order"}]
        }"#;
        assert!(findings(&LINT, text).is_empty());
    }

    #[test]
    fn backticks_are_part_of_the_key() {
        let text = r#"{
          "taskConfigs": [{"parameters": {"p": {"value": {"stringValue": "$Task_1_responseBody$"}}}}],
          "integrationParameters": [{"key": "`Task_1_responseBody`"}]
        }"#;
        assert_eq!(
            findings(&LINT, text)[0].1,
            "$Task_1_responseBody$ refers to variable \"Task_1_responseBody\", which is not \
             declared; `Task_1_responseBody` is declared, but a key's backticks are part of its name"
        );
    }

    #[test]
    fn bare_names_of_this_file_are_checked_too() {
        // A sub-integration call to a trigger of this file: both map sides are this file's.
        let text = r#"{
          "triggerConfigs": [{"triggerId": "api_trigger/sub"}],
          "taskConfigs": [{"taskId": "1", "task": "SubWorkflowExecutorV2Task", "parameters": {
            "triggerId": {"value": {"stringValue": "api_trigger/sub"}},
            "requestParamsMap": {"value": {"jsonValue": "{\"entries\": [{\"key\": {\"literalValue\": {\"stringValue\": \"mine\"}}, \"value\": {\"literalValue\": {\"stringValue\": \"ghost\"}}}]}"}}}}],
          "integrationParameters": [{"key": "mine"}]
        }"#;
        assert_eq!(
            findings(&LINT, text),
            [(
                "/taskConfigs/0/parameters/requestParamsMap/value/jsonValue".to_string(),
                "\"ghost\" names a variable that is not declared".to_string()
            )]
        );
    }
}
