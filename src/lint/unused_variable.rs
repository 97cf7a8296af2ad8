//! L005: a declared variable is never used.

use super::variables::{Usage, remove_declaration};
use super::{Lint, LintContext};
use crate::diagnostic::{Applicability, Fix};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static LINT: Lint = Lint {
    check: Check {
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
Delete the declaration, or use it where it was meant to be used. `integ check --fix
--unsafe-fixes` deletes it, with its copy in `integrationParametersInternal` (unsafe: the
variable may be meant for a caller or a task still to be written).
",
    },
    run: check,
    fix: Some(Applicability::Unsafe),
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let usage = Usage::new(ctx.references);
    for (i, p) in ctx.model.integration_parameters.iter().enumerate() {
        let Some(key) = p.key else {
            continue;
        };
        let produced = p.producer.is_some_and(|p| !p.is_empty());
        if !produced && usage.unneeded(p) {
            let pointer = format!("/integrationParameters/{i}/key");
            let message = format!("variable {key} is declared but never used");
            let fix = remove_declaration(ctx, i).map(Fix::unsafe_edits);
            out.push(ctx.at(&LINT.check, pointer, message).with_fix(fix));
        }
    }
    for (i, c) in ctx.model.integration_config_parameters.iter().enumerate() {
        let Some(key) = c.parameter.as_ref().and_then(|p| p.key) else {
            continue;
        };
        if !usage.may_use(key) {
            let pointer = format!("/integrationConfigParameters/{i}/parameter/key");
            let message = format!("config variable {key} is declared but never used");
            let fix = ctx.removal(
                &format!("/integrationConfigParameters/{i}"),
                Applicability::Unsafe,
            );
            out.push(ctx.at(&LINT.check, pointer, message).with_fix(fix));
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
