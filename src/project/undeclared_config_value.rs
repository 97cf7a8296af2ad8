//! P002: a config-variables file sets a variable its integration does not declare.

use super::FileKind;
use super::check::{ProjectRule, RelatedContext};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::document::push_token;
use crate::model::IntegrationVersion;
use crate::model::references::bare_key;

pub(super) static RULE: ProjectRule = ProjectRule {
    rule: Rule {
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
    kinds: &[FileKind::ConfigVariables],
    check,
};

/// The config-variable keys `model` declares, as written.
pub(super) fn declared(model: &IntegrationVersion) -> Vec<&str> {
    model
        .integration_config_parameters
        .iter()
        .filter_map(|c| c.parameter.as_ref()?.key.as_deref())
        .collect()
}

fn check(ctx: &RelatedContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(owner) = &ctx.owner else { return };
    let Some(values) = ctx.source.document().value().as_object() else {
        out.push(
            ctx.at_start(
                &RULE.rule,
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
        let hint = declared
            .iter()
            .find(|d| bare_key(d) == bare_key(key))
            .map(|d| format!("; it declares {d} (names must match exactly, backticks included)"))
            .unwrap_or_default();
        let mut pointer = String::new();
        push_token(&mut pointer, key);
        out.push(ctx.at_key(
            &RULE.rule,
            pointer,
            format!(
                "{key} is not a config variable of {}{hint}",
                owner.file_name()
            ),
        ));
    }
}
