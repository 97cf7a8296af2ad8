//! L011: a config variable is referenced but not declared.

use super::variables::is_config;
use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::references::{Namespace, strip_backticks};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L011",
        name: "undeclared-config-variable",
        severity: Severity::Error,
        summary: "a `` $`CONFIG_…`$ `` reference names a config variable that is not declared",
        explanation: "\
## What it does
Checks every reference to a config variable (a key starting with `CONFIG_`, such as
`` $`CONFIG_URL`$ `` in a task parameter or `` f.extVar(\"`CONFIG_ENV`\") ``) against
`integrationConfigParameters[].parameter.key`.

## Why is this bad?
Config variables get their values when the integration is published (from a config-variables
file, `integrationcli … --config-vars`). An undeclared one is never offered for a value, so the
reference resolves to nothing in every environment.

## How to fix
Declare it in `integrationConfigParameters`, or correct the name.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let declared = ctx.declared();
    for r in &ctx.references.references {
        let key = r.name.as_str();
        if r.namespace != Namespace::Variable
            || !r.form.is_use()
            || !is_config(key)
            || declared.contains(key)
        {
            continue;
        }
        let mut message = format!(
            "config variable {:?} is not declared in integrationConfigParameters",
            strip_backticks(key)
        );
        if let Some(alias) = declared.alias_of(key) {
            message.push_str(&format!(
                "; {alias} is declared, but a key's backticks are part of its name"
            ));
        }
        out.push(ctx.at_span(&LINT.check, &r.pointer, r.extent, message));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_undeclared_config_references() {
        let text = r#"{
          "taskConfigs": [{"parameters": {
            "u": {"value": {"stringValue": "$`CONFIG_URL`$/$`CONFIG_PATH`$"}}}},
            {"task": "JsonnetMapperTask", "parameters": {
            "template": {"value": {"stringValue": "f.extVar(\"`CONFIG_ENV`\")"}}}}],
          "integrationConfigParameters": [{"parameter": {"key": "`CONFIG_URL`"}}]
        }"#;
        assert_eq!(
            findings(&LINT, text)
                .into_iter()
                .map(|(_, m)| m)
                .collect::<Vec<_>>(),
            [
                "config variable \"CONFIG_PATH\" is not declared in integrationConfigParameters",
                "config variable \"CONFIG_ENV\" is not declared in integrationConfigParameters"
            ]
        );
    }

    #[test]
    fn declared_config_variables_pass() {
        let text = r#"{"taskConfigs": [{"parameters": {"u": {"value": {"stringValue": "$`CONFIG_URL`$"}}}}],
          "integrationConfigParameters": [{"parameter": {"key": "`CONFIG_URL`"}}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
