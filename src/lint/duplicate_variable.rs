//! L003: a variable or config variable is declared twice.

use super::FastMap;

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L003",
        name: "duplicate-variable",
        severity: Severity::Error,
        summary: "a variable or config variable is declared more than once",
        explanation: "\
## What it does
Checks that each key of `integrationParameters[]` and of
`integrationConfigParameters[].parameter` is declared once.

## Why is this bad?
A variable's key is its identity. Two declarations of one key can disagree on data type,
default value or input/output role, and the API refuses the version.

## Example
```json
\"integrationParameters\": [{\"key\": \"order\", \"dataType\": \"JSON_VALUE\"},
                          {\"key\": \"order\", \"dataType\": \"STRING_VALUE\"}]
```

## How to fix
Delete one declaration, or rename one of the variables (`integ rename` updates its references).
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // Where each key is declared first, as (is a config variable, index): the pointers are
    // written for a finding only.
    let mut first: FastMap<&str, (bool, usize)> = FastMap::default();
    let pointer = |(config, i): (bool, usize)| {
        if config {
            format!("/integrationConfigParameters/{i}/parameter/key")
        } else {
            format!("/integrationParameters/{i}/key")
        }
    };
    let variables = ctx
        .model
        .integration_parameters
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.key?, (false, i))));
    let configs = ctx
        .model
        .integration_config_parameters
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((c.parameter.as_ref()?.key?, (true, i))));
    for (key, at) in variables.chain(configs) {
        match first.get(key) {
            Some(&earlier) => {
                let message = format!("{key} is already declared at {}", pointer(earlier));
                out.push(ctx.at(&LINT.check, pointer(at), message));
            }
            None => {
                first.insert(key, at);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_repeated_keys_across_both_lists() {
        let text = r#"{"integrationParameters": [{"key": "a"}, {"key": "b"}, {"key": "a"},
              {"key": "`CONFIG_x`"}],
            "integrationConfigParameters": [{"parameter": {"key": "`CONFIG_x`"}}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/integrationParameters/2/key",
                "/integrationConfigParameters/0/parameter/key"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "a is already declared at /integrationParameters/0/key"
        );
    }

    #[test]
    fn similar_keys_are_distinct() {
        let text = r#"{"integrationParameters": [{"key": "order"}, {"key": "orderId"},
            {"key": "`order`"}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
