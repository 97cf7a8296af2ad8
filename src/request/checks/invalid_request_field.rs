//! R001: a field of the request has the wrong JSON type.

use serde_json::Value;

use super::{RequestCheck, RequestContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: RequestCheck = RequestCheck::new(
    Check {
        code: "R001",
        name: "invalid-request-field",
        severity: Severity::Error,
        summary: "a field of an execute request or test configuration has the wrong JSON type",
        explanation: "\
## What it does
Checks the top-level fields of an `ExecuteIntegrationsRequest` (or a test configuration):
`triggerId`, `requestId` and `executionId` are strings (`triggerId` not empty),
`inputParameters` is an object of values, `doNotPropagateError` is `true` or `false`.

## Why is this bad?
The API refuses the request with HTTP 400 (`Invalid value at 'input_parameters'`), and
integrationcli fails before sending it.

## Example
```json
{\"triggerId\": \"api_trigger/orders_API_1\", \"inputParameters\": [\"order\"]}
```

## How to fix
Write `inputParameters` as `{\"order\": {\"jsonValue\": \"{}\"}}`; `integ request execute`
prints a well-formed body.
",
    },
    check,
);

fn check(ctx: &RequestContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(root) = ctx.root() else {
        return;
    };
    for (field, value) in root {
        let expected = match (field.as_str(), value) {
            ("triggerId", Value::String(s)) if s.is_empty() => {
                "a trigger id such as \"api_trigger/NAME\""
            }
            ("triggerId" | "requestId" | "executionId", Value::String(_)) => continue,
            ("triggerId" | "requestId" | "executionId", _) => "a string",
            ("inputParameters" | "parameters", Value::Object(_)) => continue,
            ("inputParameters" | "parameters", _) => "an object",
            ("doNotPropagateError", Value::Bool(_)) => continue,
            ("doNotPropagateError", _) => "true or false",
            ("parameterEntries", Value::Array(_)) => continue,
            ("parameterEntries", _) => "an array",
            _ => continue,
        };
        out.push(ctx.at(
            &CHECK.check,
            format!("/{field}"),
            format!("{field} must be {expected}, found {value}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    #[test]
    fn flags_wrong_types() {
        let text = r#"{"triggerId": 5, "inputParameters": [], "requestId": "r",
                       "doNotPropagateError": "yes"}"#;
        let found = findings(&CHECK, text, None);
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            ["/triggerId", "/inputParameters", "/doNotPropagateError"]
        );
        assert_eq!(found[0].1, "triggerId must be a string, found 5");
        let empty = findings(&CHECK, r#"{"triggerId": "", "inputParameters": {}}"#, None);
        assert_eq!(empty.len(), 1);
    }

    #[test]
    fn well_typed_requests_pass() {
        let text = r#"{"triggerId": "api_trigger/t", "inputParameters": {}, "requestId": "r",
                       "doNotPropagateError": false}"#;
        assert!(findings(&CHECK, text, None).is_empty());
    }
}
