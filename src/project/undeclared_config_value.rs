//! P002: a config-variables file sets a variable its integration does not declare.

use super::check::{ProjectCheck, RelatedContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::push_token;
use crate::kind::FileKind;
use crate::model::IntegrationVersion;
use crate::references::strip_backticks;

pub(crate) static CHECK: ProjectCheck = ProjectCheck::on(
    Check {
        code: "P002",
        name: "undeclared-config-value",
        severity: Severity::Error,
        summary: "a config-variables file sets a key its integration does not declare in integrationConfigParameters",
        explanation: "\
## What it does
Checks every key of `ENV/config-variables/<integration>-config.json` against the config
variables the integration `src/<integration>.json` declares
(`integrationConfigParameters[].parameter.key`). Keys must match exactly, backticks included:
the file holds `` {\"`CONFIG_URL`\": \"https://…\"} `` for a variable declared as
`` `CONFIG_URL` ``.

## Why is this bad?
integrationcli sends the file as the config parameters of the publish call. A key the
integration does not declare sets nothing: a typo, or a variable renamed or deleted in the
integration but not in this environment, leaves the real variable at its default.

## How to fix
Rename the key to the declared name, or delete it. `integ rename --var` on the project folder
renames config variables in the integration and in every environment's file together.
",
    },
    &[FileKind::ConfigVariables],
    check,
);

/// The config-variable keys `model` declares, as written.
pub(super) fn declared<'a>(model: &'a IntegrationVersion<'_>) -> Vec<&'a str> {
    model
        .integration_config_parameters
        .iter()
        .filter_map(|c| c.parameter.as_ref()?.key)
        .collect()
}

fn check(ctx: &RelatedContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(owner) = &ctx.owner else { return };
    let Some(values) = ctx.source.document().value().as_object() else {
        out.push(
            ctx.at_start(
                &CHECK.check,
                "a config-variables file must be a JSON object of config variable names and values"
                    .to_string(),
            ),
        );
        return;
    };
    let declared = declared(owner.model);
    for key in values.keys() {
        if declared.contains(&key.as_str()) {
            continue;
        }
        let misplaced = owner.source.document().value()["integrationParameters"]
            .as_array()
            .is_some_and(|list| list.iter().any(|p| p["parameter"]["key"] == key.as_str()));
        let hint = if misplaced {
            "; it lists it under integrationParameters, but config variables must be declared \
             in integrationConfigParameters"
                .to_string()
        } else {
            declared
                .iter()
                .find(|d| strip_backticks(d) == strip_backticks(key))
                .map(|d| {
                    format!("; it declares {d} (names must match exactly, backticks included)")
                })
                .unwrap_or_default()
        };
        let mut pointer = String::new();
        push_token(&mut pointer, key);
        out.push(ctx.at_key(
            &CHECK.check,
            pointer,
            format!(
                "{key} is not a config variable of {}{hint}",
                owner.file_name()
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::project::testing::{INTEGRATION, findings};

    #[test]
    fn keys_must_be_declared_exactly() {
        let found = findings(
            FileKind::ConfigVariables,
            "orders-config.json",
            r#"{"`CONFIG_url`": "a", "CONFIG_url": "b", "`CONFIG_URL`": "c"}"#,
            INTEGRATION,
        );
        let p002: Vec<(String, String)> = found
            .into_iter()
            .filter(|(code, ..)| *code == "P002")
            .map(|(_, p, m)| (p, m))
            .collect();
        assert_eq!(
            p002,
            [
                (
                    "/CONFIG_url".to_string(),
                    "CONFIG_url is not a config variable of orders.json; it declares \
                     `CONFIG_url` (names must match exactly, backticks included)"
                        .to_string()
                ),
                (
                    "/`CONFIG_URL`".to_string(),
                    "`CONFIG_URL` is not a config variable of orders.json".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_config_variable_declared_in_the_wrong_list_is_named() {
        let integration = r#"{"integrationParameters": [{"key": "order"},
            {"parameter": {"key": "`CONFIG_conn`"}}]}"#;
        let found = findings(
            FileKind::ConfigVariables,
            "orders-config.json",
            r#"{"`CONFIG_conn`": "x"}"#,
            integration,
        );
        assert_eq!(
            found,
            [(
                "P002",
                "/`CONFIG_conn`".to_string(),
                "`CONFIG_conn` is not a config variable of orders.json; it lists it under \
                 integrationParameters, but config variables must be declared in \
                 integrationConfigParameters"
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_file_that_is_not_an_object_is_reported_once() {
        let found = findings(
            FileKind::ConfigVariables,
            "orders-config.json",
            r#"["`CONFIG_url`"]"#,
            INTEGRATION,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "P002");
    }
}
