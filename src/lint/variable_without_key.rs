//! L016: a variable declaration without a key.

use super::{Lint, LintContext};
use crate::diagnostic::{Diagnostic, Rule, Severity};

pub(super) static LINT: Lint = Lint {
    rule: Rule {
        code: "L016",
        name: "variable-without-key",
        severity: Severity::Warning,
        summary: "an `integrationParameters` entry has no `key` (often a config variable in the wrong list)",
        explanation: "\
## What it does
Reports `integrationParameters[]` entries without a `key` (or with an empty one). When the
entry has the shape of a config variable (`{\"parameter\": {…}, \"value\": {…}}`), the message
says so.

## Why is this bad?
A variable's key is its identity; an entry without one declares nothing that can be
referenced. In the corpus this shape came from a config variable pasted into the wrong list:
the integration then has no such config variable, and its references resolve to nothing.

## How to fix
Move config-variable entries to `integrationConfigParameters`; give other entries a key, or
delete them.
",
    },
    check,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (i, p) in ctx.model.integration_parameters.iter().enumerate() {
        if p.key.as_deref().is_some_and(|k| !k.is_empty()) {
            continue;
        }
        let message = match p
            .extra
            .get("parameter")
            .and_then(|inner| inner.get("key"))
            .and_then(|k| k.as_str())
        {
            Some(inner) => format!(
                "variable declaration has no key; it has the shape of config variable {inner} \
                 and belongs in integrationConfigParameters"
            ),
            None => "variable declaration has no key".to_string(),
        };
        out.push(ctx.at(&LINT.rule, format!("/integrationParameters/{i}"), message));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_keyless_entries() {
        let text = r#"{"integrationParameters": [{"key": "a"},
            {"parameter": {"key": "`CONFIG_x`", "dataType": "STRING_VALUE"}, "value": {"stringValue": "v"}},
            {"dataType": "STRING_VALUE"}, {"key": ""}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/integrationParameters/1",
                "/integrationParameters/2",
                "/integrationParameters/3"
            ]
        );
        assert!(
            findings(&LINT, text)[0]
                .1
                .contains("config variable `CONFIG_x`")
        );
    }

    #[test]
    fn keyed_entries_pass() {
        assert!(pointers(&LINT, r#"{"integrationParameters": [{"key": "a"}]}"#).is_empty());
    }
}
