//! L008: `""` where the API expects an enum value.

use super::{Lint, LintContext};
use crate::diagnostic::Applicability;
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::schema::{empty_enums, may_have_empty_enums};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L008",
        name: "empty-enum",
        severity: Severity::Warning,
        summary: "an enum field holds `\"\"` (`databasePersistencePolicy: \"\"` and the like)",
        explanation: "\
## What it does
Reports every enum field (any field the API's schema gives a list of values) whose value is the
empty string, such as `\"databasePersistencePolicy\": \"\"` or
`\"cloudLoggingSeverity\": \"\"`.

## Why is this bad?
`\"\"` is not a value of any of these enums. integrationcli writes it for enums that were unset
(its Go structs lack `omitempty`; integrationcli issue #280), and the API's handling of it is not
documented: the field may be refused, or silently read as its default.

## How to fix
Remove the field (proto3 JSON omits unset values), or set one of the values the message lists.
`integ check --fix` removes it (a safe fix: the API reads an absent enum as unset).
",
    },
    run: check,
    fix: Some(Applicability::Safe),
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    if !may_have_empty_enums(ctx.doc.text()) {
        return;
    }
    for (pointer, allowed) in empty_enums(ctx.doc) {
        let field = pointer.rsplit('/').next().unwrap_or_default().to_string();
        let message = format!(
            "{field} is \"\"; remove it or use one of {}",
            allowed.join(", ")
        );
        let fix = ctx.removal(&pointer, Applicability::Safe);
        out.push(ctx.at(&LINT.check, pointer, message).with_fix(fix));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_empty_enums_at_any_depth() {
        let text = r#"{"databasePersistencePolicy": "",
            "cloudLoggingDetails": {"cloudLoggingSeverity": "", "enableCloudLogging": false},
            "taskConfigs": [{"taskId": "1", "externalTaskType": "", "displayName": "",
               "synchronousCallFailurePolicy": {"retryStrategy": ""}}],
            "integrationParametersInternal": {"parameters": [{"key": "a", "dataType": ""}]}}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/databasePersistencePolicy",
                "/cloudLoggingDetails/cloudLoggingSeverity",
                "/taskConfigs/0/externalTaskType",
                "/taskConfigs/0/synchronousCallFailurePolicy/retryStrategy",
                "/integrationParametersInternal/parameters/0/dataType"
            ]
        );
        assert!(findings(&LINT, text)[0].1.starts_with(
            "databasePersistencePolicy is \"\"; remove it or use one of DATABASE_PERSISTENCE_POLICY_UNSPECIFIED, "
        ));
    }

    #[test]
    fn set_enums_and_empty_strings_pass() {
        let text = r#"{"databasePersistencePolicy": "DATABASE_PERSISTENCE_DISABLED",
            "description": "", "taskConfigs": [{"taskId": "1", "displayName": ""}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
