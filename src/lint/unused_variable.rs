//! L005: a declared variable is never used.

use super::FastSet;

use super::{Lint, LintContext};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::InputOutputType;
use crate::references::{Namespace, is_system_variable};

pub(super) static LINT: Lint = Lint {
    rule: Rule {
        code: "L005",
        name: "unused-variable",
        severity: Severity::Warning,
        summary: "a declared variable or config variable is never used",
        explanation: "\
## What it does
Reports declarations in `integrationParameters` and `integrationConfigParameters` whose key is
never mentioned in any form the reference index reads (the same reading `integ rename` uses):
not in a `$…$` reference (sub-paths such as `$order.items[0]$` included), a script or Jsonnet
call, a trigger's variable list, a sub-integration map entry of this file's side, a loop
element mapping or a Data Transformer output field. A mention spelled with other backticks
(`$x$` for `` `x` ``) or a place L017 reports counts as a possible use.

Not reported: variables a task or trigger produces (`producer` set: the console declares every
task output), variables of the integration's interface (`inputOutputType` `IN`, `OUT`,
`IN_OUT`: callers use them), and system variables.

## Why is this bad?
An unused declaration is usually left over after a task was deleted or a variable renamed in
one place only. It clutters the variable list and hides the real name.

## How to fix
Delete the declaration, or use it where it was meant to be used.
",
    },
    check,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let used: FastSet<&str> = ctx
        .references
        .references
        .iter()
        .filter(|r| r.namespace == Namespace::Variable && r.form.is_use())
        .map(|r| r.name.as_str())
        .chain(ctx.references.unreadable.iter().map(|u| u.name.as_str()))
        .collect();
    // A name that may be used in a form integ cannot read exactly is not called unused.
    let used = |key: &str| {
        used.contains(key) || used.contains(crate::references::backtick_alias(key).as_str())
    };
    for (i, p) in ctx.model.integration_parameters.iter().enumerate() {
        let Some(key) = p.key.as_deref() else {
            continue;
        };
        let produced = p.producer.as_deref().is_some_and(|p| !p.is_empty());
        let interface = matches!(
            p.input_output_type,
            Some(InputOutputType::In | InputOutputType::Out | InputOutputType::InOut)
        );
        if !produced && !interface && !is_system_variable(key) && !used(key) {
            let pointer = format!("/integrationParameters/{i}/key");
            let message = format!("variable {key} is declared but never used");
            out.push(ctx.at(&LINT.rule, pointer, message));
        }
    }
    for (i, c) in ctx.model.integration_config_parameters.iter().enumerate() {
        let Some(key) = c.parameter.as_ref().and_then(|p| p.key.as_deref()) else {
            continue;
        };
        if !used(key) {
            let pointer = format!("/integrationConfigParameters/{i}/parameter/key");
            let message = format!("config variable {key} is declared but never used");
            out.push(ctx.at(&LINT.rule, pointer, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_declarations_nobody_mentions() {
        let text = r#"{
          "taskConfigs": [{"parameters": {
            "a": {"value": {"stringValue": "$used$"}},
            "map": {"value": {"jsonValue": "{\"entries\": [{\"key\": {\"literalValue\": {\"stringValue\": \"mapped\"}}}]}"}}}}],
          "integrationParameters": [{"key": "used"}, {"key": "unused"}, {"key": "mapped"},
            {"key": "usedX"}, {"key": "`Task_1_out`", "producer": "1_1"},
            {"key": "input", "inputOutputType": "IN"}, {"key": "`ErrorInfo`"}],
          "integrationConfigParameters": [{"parameter": {"key": "`CONFIG_unused`"}}]
        }"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/integrationParameters/1/key",
                "/integrationParameters/2/key",
                "/integrationParameters/3/key",
                "/integrationConfigParameters/0/parameter/key"
            ],
            "`mapped` is a string of a task's own map, not a name: a rename would not touch it"
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "variable unused is declared but never used"
        );
    }
}
