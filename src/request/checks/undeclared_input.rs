//! R005: an input the integration does not declare as an input.

use super::{RequestCheck, RequestContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::request::InputCatalog;

pub(crate) static CHECK: RequestCheck = RequestCheck::new(
    Check {
        code: "R005",
        name: "undeclared-input",
        severity: Severity::Error,
        summary: "an input that is not a declared input variable of the integration (with --integration)",
        explanation: "\
## What it does
With `integ check --integration FILE`, checks that every key of `inputParameters` is a
variable the integration declares in `integrationParameters` as an input: `inputOutputType`
`IN` or `IN_OUT`, or listed in the trigger's `inputVariables`. Without a `triggerId` (a test
configuration), any trigger's `inputVariables` count.

## Why is this bad?
The API ignores values of variables that are not inputs, or refuses them; a misspelled key
means the integration runs with the variable's default instead of the value sent.

## How to fix
Correct the key (the message lists the inputs), or make the variable an input in the
integration.
",
    },
    check,
);

fn check(ctx: &RequestContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = ctx.integration else {
        return;
    };
    let catalog = InputCatalog::new(model, ctx.known_trigger());
    for (key, _, pointer) in ctx.inputs() {
        if let Some(reason) = catalog.refusal(key) {
            out.push(ctx.at_key(&CHECK.check, pointer, reason));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{INTEGRATION, findings};
    use super::*;

    #[test]
    fn flags_undeclared_and_non_input_variables() {
        let text = r#"{"triggerId": "api_trigger/t", "inputParameters": {
            "n": {"intValue": "1"}, "o": {"stringValue": "x"}, "typo": {"stringValue": "x"}}}"#;
        let found = findings(&CHECK, text, Some(INTEGRATION));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "/inputParameters/o");
        assert!(found[0].1.contains("is not an input (inputOutputType OUT)"));
        assert_eq!(found[1].0, "/inputParameters/typo");
        assert_eq!(
            found[1].1,
            "variable \"typo\" is not declared (inputs: n, s)"
        );
        assert!(findings(&CHECK, text, None).is_empty());
    }
}
