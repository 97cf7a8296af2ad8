//! C012: a template placeholder left in a value (`REPLACE_PROJECT`, `<project-id>`, …).

use serde_json::Value;

use super::{ConnectorCheck, ConnectorContext};
use crate::connector::placeholder::placeholders;
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::push_token;

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C012",
        name: "placeholder-value",
        severity: Severity::Info,
        summary: "a template placeholder is left in a value, to fill before the file is used",
        explanation: "\
## What it does
Reports placeholders in the string values of a custom connector spec or connection:
`REPLACE_…`, `<name>`, `__NAME__`, `{{name}}` and `$NAME$`. integrationcli itself fills
`$PROJECT_ID$` in the `project_id` config variable and `$REGION$` in `*_region` ones; those
are not reported.

## Why is this bad?
Samples ship with placeholders; a file created as is points at a project, host or spec that
does not exist.

## How to fix
Replace the placeholder (a CI step with `sed`, or integrationcli's overrides), or ignore C012
for template folders in `integ.toml`.
",
    },
    check,
);

/// True when integrationcli substitutes `placeholder` in the config variable `key`.
fn filled_by_integrationcli(key: Option<&str>, placeholder: &str) -> bool {
    match (key, placeholder) {
        (Some("project_id"), "$PROJECT_ID$") => true,
        (Some(key), "$REGION$") => key.contains("_region"),
        _ => false,
    }
}

fn walk(
    ctx: &ConnectorContext<'_>,
    value: &Value,
    pointer: &mut String,
    out: &mut Vec<Diagnostic>,
) {
    match value {
        Value::String(text) => {
            let config_key = pointer
                .strip_prefix("/configVariables/")
                .filter(|rest| rest.ends_with("/stringValue"))
                .and_then(|rest| rest.split('/').next())
                .and_then(|i| ctx.get(&format!("/configVariables/{i}/key")))
                .and_then(Value::as_str);
            for range in placeholders(text) {
                let placeholder = &text[range.clone()];
                if filled_by_integrationcli(config_key, placeholder) {
                    continue;
                }
                out.push(ctx.in_string(
                    &CHECK.check,
                    pointer.clone(),
                    range.clone(),
                    format!(
                        "placeholder {placeholder:?} is left in {}",
                        describe(pointer)
                    ),
                ));
            }
        }
        Value::Object(map) => {
            for (key, child) in map {
                let len = pointer.len();
                push_token(pointer, key);
                walk(ctx, child, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                walk(ctx, child, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn describe(pointer: &str) -> String {
    crate::schema::object_name(pointer)
}

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    walk(ctx, ctx.doc.value(), &mut String::new(), out);
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    #[test]
    fn reports_each_placeholder_but_those_integrationcli_fills() {
        let text = r#"{"connectorDetails": {"name": "cloudsql-mysql"},
            "configVariables": [{"key": "project_id", "stringValue": "$PROJECT_ID$"},
                                {"key": "database_region", "stringValue": "$REGION$"},
                                {"key": "instance_id", "stringValue": "$INSTANCE$"}],
            "serviceAccount": "demo@REPLACE_PROJECT.iam.gserviceaccount.com"}"#;
        assert_eq!(
            findings(&CHECK, text),
            [
                (
                    "/configVariables/2/stringValue".to_string(),
                    "placeholder \"$INSTANCE$\" is left in configVariables[2].stringValue"
                        .to_string()
                ),
                (
                    "/serviceAccount".to_string(),
                    "placeholder \"REPLACE_PROJECT\" is left in serviceAccount".to_string()
                )
            ]
        );
    }
}
