//! P004: a config-variables file whose name matches no integration of the project.

use super::check::{ProjectCheck, RelatedContext, file_name};
use super::scan::CONFIG_SUFFIX;
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::kind::FileKind;

pub(crate) static CHECK: ProjectCheck = ProjectCheck::on(
    Check {
        code: "P004",
        name: "config-file-without-integration",
        severity: Severity::Error,
        summary: "a config-variables file is not named `<integration>-config.json` after an integration of src/",
        explanation: "\
## What it does
Checks that every file in `ENV/config-variables/` is named `<name>-config.json` for an
integration `src/<name>.json` of the same project.

## Why is this bad?
integrationcli reads exactly `config-variables/<integration>-config.json` and ignores every
other file without a word (its issue #387: `int-test-1-config.json` beside `src/int-test.json`
was never applied, so the environment was published with another environment's values).

## How to fix
Rename the file after its integration (`src/orders.json` → `orders-config.json`), or delete it.
",
    },
    &[FileKind::ConfigVariables],
    check,
);

fn check(ctx: &RelatedContext<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.file.owner.is_some() {
        return;
    }
    let name = file_name(&ctx.file.path);
    let expected: Vec<String> = ctx
        .project
        .integrations
        .iter()
        .map(|m| format!("{}{CONFIG_SUFFIX}", m.name))
        .collect();
    let message = if name.ends_with(CONFIG_SUFFIX) {
        format!(
            "{name} matches no integration in src/, so integrationcli never reads it \
             (expected {})",
            expected.join(" or ")
        )
    } else {
        format!(
            "{name} is not named <integration>{CONFIG_SUFFIX}, so integrationcli never reads \
             it (expected {})",
            expected.join(" or ")
        )
    };
    out.push(ctx.at_start(&CHECK.check, message));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::project::testing::{INTEGRATION, findings};

    #[test]
    fn only_integration_config_names_are_read() {
        let text = r#"{"`CONFIG_url`": "a"}"#;
        assert!(
            findings(
                FileKind::ConfigVariables,
                "orders-config.json",
                text,
                INTEGRATION
            )
            .is_empty()
        );
        for (name, message) in [
            (
                "order-config.json",
                "order-config.json matches no integration in src/, so integrationcli never \
                 reads it (expected orders-config.json)",
            ),
            (
                "orders.json",
                "orders.json is not named <integration>-config.json, so integrationcli never \
                 reads it (expected orders-config.json)",
            ),
        ] {
            let found = findings(FileKind::ConfigVariables, name, text, INTEGRATION);
            // With no integration, P002/P003 cannot judge the keys: P004 alone.
            assert_eq!(found, [("P004", String::new(), message.to_string())]);
        }
    }
}
