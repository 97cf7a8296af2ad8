//! L004: a variable is referenced but not declared.

use super::variables::{Declared, is_config, is_system};
use super::{Lint, LintContext};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::references::{MentionKind, bare_key};

pub(super) static LINT: Lint = Lint {
    rule: Rule {
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
    check,
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
    let declared = Declared::new(ctx.model);
    for mention in ctx.mentions {
        let key = mention.key;
        if declared.contains(key) || is_system(key) || is_config(key) {
            continue;
        }
        let range = mention.range.clone();
        let pointer = mention.pointer.clone();
        let written = ctx
            .doc
            .value()
            .pointer(&pointer)
            .and_then(|v| v.as_str())
            .and_then(|s| s.get(range.clone()))
            .unwrap_or(key);
        let message = match mention.kind {
            MentionKind::Dollar if is_placeholder(key) => format!(
                "{written} is not a declared variable; it looks like a deploy-time placeholder"
            ),
            MentionKind::TriggerVariable => format!("trigger variable {key:?} is not declared"),
            MentionKind::GetParameter | MentionKind::SetParameter | MentionKind::ExtVar => {
                let call = match mention.kind {
                    MentionKind::GetParameter => "getParameter",
                    MentionKind::SetParameter => "setParameter",
                    _ => "extVar",
                };
                format!("{call}({key:?}) refers to a variable that is not declared")
            }
            _ => format!(
                "{written} refers to variable {:?}, which is not declared",
                bare_key(key)
            ),
        };
        let mut diagnostic = ctx.in_string(&LINT.rule, pointer, range, message);
        if mention.kind == MentionKind::Dollar && is_placeholder(key) {
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
              "script": {"key": "script", "value": {"stringValue": "event.getParameter(\"ghost\")"}},
              "map": {"key": "map", "value": {"jsonValue": "{'referenceKey': '$`Task_1_out`$'}"}}},
            "nextTasks": [{"taskId": "1", "condition": "$`ErrorInfo`.code$ = 1 AND $`CONFIG_x`$ = 2"}]}],
          "integrationParameters": [{"key": "in"}, {"key": "`Task_1_out`"}]
        }"#;
        let found = findings(&LINT, text);
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "$orders.id$ refers to variable \"orders\", which is not declared",
                "$PROJECT_ID$ is not a declared variable; it looks like a deploy-time placeholder",
                "getParameter(\"ghost\") refers to a variable that is not declared",
                "trigger variable \"missing_in\" is not declared",
            ]
        );
    }

    #[test]
    fn placeholder_is_info_and_points_inside_the_string() {
        let text = r#"{"taskConfigs": [{"parameters": {"u": {"value": {"stringValue": "a $PROJECT_ID$"}}}}]}"#;
        let doc = crate::document::Document::parse(text).unwrap();
        let model = crate::model::IntegrationVersion::from_document(&doc).unwrap();
        let mentions = crate::model::references::collect(doc.value());
        let ctx = LintContext {
            doc: &doc,
            model: &model,
            mentions: &mentions,
        };
        let mut out = Vec::new();
        check(&ctx, &mut out);
        assert_eq!(out[0].severity, Severity::Info);
        assert_eq!(doc.slice(out[0].span.unwrap()), "$PROJECT_ID$");
        assert!(
            is_placeholder("LOCATION_ID") && !is_placeholder("orderId") && !is_placeholder("X")
        );
    }

    #[test]
    fn declared_system_and_backticked_keys_pass() {
        let text = r#"{
          "taskConfigs": [{"parameters": {"p": {"value": {"stringArray": {"stringValues":
            ["$`Task_1_responseBody`$", "$Task_1_responseBody$", "$`ExecutionId`$", "$order.items$"]}}}}}],
          "integrationParameters": [{"key": "`Task_1_responseBody`"}, {"key": "order"}]
        }"#;
        assert!(findings(&LINT, text).is_empty());
    }
}
