//! R003: a top-level key the `ExecuteIntegrationsRequest` does not define.

use super::{RequestCheck, RequestContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::kind::REQUEST_FIELDS;

pub(crate) static CHECK: RequestCheck = RequestCheck::new(
    Check {
        code: "R003",
        name: "unknown-request-field",
        severity: Severity::Warning,
        summary: "a key an execute request does not define (a misspelled field)",
        explanation: "\
## What it does
Reports top-level keys other than `triggerId`, `inputParameters`, `requestId`,
`doNotPropagateError`, `executionId` and the deprecated `parameters` and
`parameterEntries`.

## Why is this bad?
The API refuses unknown fields (`Unknown name \"inputParameter\"`); a misspelled
`requestID` means the de-duplication key is not sent.

## How to fix
Correct the spelling or delete the key.
",
    },
    check,
);

fn check(ctx: &RequestContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(root) = ctx.root() else {
        return;
    };
    for key in root.keys() {
        if !REQUEST_FIELDS.contains(&key.as_str()) {
            let mut pointer = String::new();
            crate::document::push_token(&mut pointer, key);
            out.push(ctx.at_key(
                &CHECK.check,
                pointer,
                format!("unknown field {key:?} in an execute request"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    #[test]
    fn flags_unknown_keys_only() {
        let text = r#"{"triggerId": "t", "inputParameters": {}, "requestID": "r"}"#;
        assert_eq!(
            findings(&CHECK, text, None),
            [(
                "/requestID".to_string(),
                "unknown field \"requestID\" in an execute request".to_string()
            )]
        );
        let known = r#"{"triggerId": "t", "executionId": "e", "doNotPropagateError": true}"#;
        assert!(findings(&CHECK, known, None).is_empty());
    }
}
