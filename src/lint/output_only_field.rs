//! L019: a top-level field the server sets itself (`name`, `updateTime`, …), to remove before
//! an upload. Reported only when selected (`--select L019`).

use super::{Lint, LintContext};
use crate::diagnostic::Applicability;
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::push_token;
use crate::upload::is_output_only;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L019",
        name: "output-only-field",
        severity: Severity::Warning,
        summary: "a top-level field the server sets (`name`, `updateTime`, `*Internal` copies…); \
                  reported only with `--select L019`",
        explanation: "\
## What it does
Reports the top-level fields of an integration version that the server sets itself and that
a download or a `versions.get` response carries: `name`, `createTime`, `updateTime`,
`lastModifierEmail`, `lockHolder`, `snapshotNumber`, `state`, `status`, `origin`,
`eucHardeningDisposition`, and the deprecated `taskConfigsInternal`,
`triggerConfigsInternal` and `integrationParametersInternal` copies (any `…Internal` field).
The list is the one `integ wrap --strip-output-only` removes.

This check is off by default: the fields are harmless in a file kept for reference, and only
in the way of an upload. Select it by code or name (`--select L019`, or in `integ.toml`'s
`select`); a prefix such as `L` does not turn it on.

## Why is this bad?
An upload that carries them may be refused (apigeecli issue #115), and the `…Internal` copies
are older duplicates of the public fields that no longer match them after an edit.

## How to fix
Delete the fields. `integ check --select L019 --fix` removes them (a safe fix: the server
sets them again).
",
    },
    run: check,
    fix: Some(Applicability::Safe),
    opt_in: true,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(top) = ctx.doc.value().as_object() else {
        return;
    };
    for key in top.keys().filter(|k| is_output_only(k)) {
        let mut pointer = String::new();
        push_token(&mut pointer, key);
        let fix = ctx.removal(&pointer, Applicability::Safe);
        let message = format!("{key} is set by the server; remove it before an upload");
        out.push(ctx.at_key(&LINT.check, pointer, message).with_fix(fix));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_every_output_only_field_at_the_top() {
        let text = r#"{"name": "projects/1/x", "description": "d", "updateTime": "t",
            "taskConfigs": [{"taskId": "1", "name": "not top-level"}],
            "taskConfigsInternal": [], "snapshotNumber": "3", "userLabel": "v"}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/name",
                "/updateTime",
                "/taskConfigsInternal",
                "/snapshotNumber"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "name is set by the server; remove it before an upload"
        );
    }

    #[test]
    fn a_file_to_upload_passes() {
        let text = r#"{"description": "d", "triggerConfigs": [], "userLabel": "v"}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
