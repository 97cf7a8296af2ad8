//! R002: an input's value is not a well-formed `ValueType`.

use super::{RequestCheck, RequestContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::request::value::value_member;

pub(crate) static CHECK: RequestCheck = RequestCheck::new(
    Check {
        code: "R002",
        name: "invalid-input-value",
        severity: Severity::Error,
        summary: "an input value is not a `ValueType` with exactly one well-typed member",
        explanation: "\
## What it does
Checks each value of `inputParameters`: an object with exactly one member among
`stringValue`, `intValue`, `doubleValue`, `booleanValue`, `jsonValue`, `stringArray`,
`intArray`, `doubleArray`, `booleanArray`, of the right JSON type. int64 values are strings
of digits (`{\"intValue\": \"42\"}`), arrays are objects (`{\"intArray\": {\"intValues\":
[\"1\"]}}`), and `jsonValue` is a string that holds JSON.

## Why is this bad?
The API refuses a malformed value with HTTP 400; a `jsonValue` that is not JSON fails
later, inside the integration, when a task reads it.

## Example
```json
{\"inputParameters\": {\"count\": {\"intValue\": \"ten\"}, \"order\": {\"jsonValue\": \"{'id': 1}\"}}}
```

## How to fix
Write the value in the member its type needs; quote JSON with double quotes.
",
    },
    check,
);

fn check(ctx: &RequestContext<'_>, out: &mut Vec<Diagnostic>) {
    for (key, value, pointer) in ctx.inputs() {
        if let Err(problem) = value_member(value) {
            out.push(ctx.at(
                &CHECK.check,
                format!("{pointer}{}", problem.pointer),
                format!("input {key:?}: {}", problem.message),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    #[test]
    fn flags_malformed_values_at_the_offending_part() {
        let text = r#"{"inputParameters": {
            "a": {"intValue": "ten"},
            "b": {"stringValue": "x", "booleanValue": true},
            "c": {"intArray": {"intValues": ["1", "2.5"]}},
            "d": {"jsonValue": "{'id': 1}"},
            "e": "plain"}}"#;
        let found = findings(&CHECK, text, None);
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/inputParameters/a/intValue",
                "/inputParameters/b/booleanValue",
                "/inputParameters/c/intArray/intValues/1",
                "/inputParameters/d/jsonValue",
                "/inputParameters/e"
            ]
        );
        assert!(found[0].1.starts_with("input \"a\": intValue must be"));
    }

    #[test]
    fn well_formed_values_pass() {
        let text = r#"{"inputParameters": {"a": {"intValue": "10"}, "b": {"stringValue": ""},
            "c": {"stringArray": {"stringValues": ["x"]}}, "d": {"jsonValue": "{\"id\": 1}"},
            "e": {"doubleValue": 1.5}}}"#;
        assert!(findings(&CHECK, text, None).is_empty());
    }
}
