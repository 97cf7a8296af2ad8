//! P003: a config variable the integration declares has no value in a config-variables file.

use super::check::{ProjectCheck, RelatedContext};
use super::undeclared_config_value::declared;
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::kind::FileKind;

pub(crate) static CHECK: ProjectCheck = ProjectCheck::on(
    Check {
        code: "P003",
        name: "missing-config-value",
        severity: Severity::Error,
        summary: "a config variable the integration declares is missing from a config-variables file",
        explanation: "\
## What it does
Checks that `ENV/config-variables/<integration>-config.json` sets every config variable the
integration `src/<integration>.json` declares in `integrationConfigParameters`.

## Why is this bad?
`integrationcli integrations scaffold` writes every declared config variable into the file,
so a missing one means the integration gained a config variable that this environment never
got a value for. Publishing then falls back to the value stored in the integration file,
which is usually another environment's (integrationcli issue #387 shows how easily a
config-variables file silently stops applying).

## How to fix
Add the key with this environment's value, or delete the declaration if nothing uses it.
",
    },
    &[FileKind::ConfigVariables],
    check,
);

fn check(ctx: &RelatedContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(owner) = &ctx.owner else { return };
    let Some(values) = ctx.source.document().value().as_object() else {
        return;
    };
    let missing: Vec<&str> = declared(owner.model)
        .into_iter()
        .filter(|key| !values.contains_key(*key))
        .collect();
    for key in missing {
        out.push(ctx.at_start(
            &CHECK.check,
            format!(
                "{key} is declared by {} but has no value in this file",
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
    fn every_declared_variable_needs_a_value() {
        let missing = findings(
            FileKind::ConfigVariables,
            "orders-config.json",
            "{}",
            INTEGRATION,
        );
        assert_eq!(
            missing,
            [(
                "P003",
                String::new(),
                "`CONFIG_url` is declared by orders.json but has no value in this file".into()
            )]
        );
        let set = findings(
            FileKind::ConfigVariables,
            "orders-config.json",
            r#"{"`CONFIG_url`": ""}"#,
            INTEGRATION,
        );
        assert!(set.is_empty(), "{set:?}");
    }
}
