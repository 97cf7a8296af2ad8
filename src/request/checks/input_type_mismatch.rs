//! R006: an input's value is not of the variable's declared type.

use super::{RequestCheck, RequestContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::push_token;
use crate::request::value::{member_for, value_member};
use crate::request::{InputCatalog, InputLookup};

pub(crate) static CHECK: RequestCheck = RequestCheck::new(
    Check {
        code: "R006",
        name: "input-type-mismatch",
        severity: Severity::Error,
        summary: "an input value's member does not match the variable's `dataType` (with --integration)",
        explanation: "\
## What it does
With `integ check --integration FILE`, checks that each input's value uses the member of the
variable's declared `dataType`: `STRING_VALUE` → `stringValue`, `INT_VALUE` → `intValue`,
`DOUBLE_VALUE` → `doubleValue`, `BOOLEAN_VALUE` → `booleanValue`, `JSON_VALUE` →
`jsonValue`, and the array types → `stringArray`, `intArray`, `doubleArray`,
`booleanArray`.

## Why is this bad?
The integration receives a value of another type than its tasks expect: a JSON variable
holding a plain string breaks every Data Mapping that reads a field of it.

## Example
`order` is declared `JSON_VALUE`:
```json
{\"inputParameters\": {\"order\": {\"stringValue\": \"{\\\"id\\\": 1}\"}}}
```

## How to fix
Move the value into the member the message names.
",
    },
    check,
);

fn check(ctx: &RequestContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(model) = ctx.integration else {
        return;
    };
    let catalog = InputCatalog::new(model, ctx.known_trigger());
    for (key, value, pointer) in ctx.inputs() {
        let InputLookup::Input(Some(data_type)) = catalog.lookup(key) else {
            continue;
        };
        let (Some(expected), Ok(member)) = (member_for(data_type), value_member(value)) else {
            continue;
        };
        if member != expected {
            let mut at = pointer.clone();
            push_token(&mut at, member);
            out.push(ctx.at_key(
                &CHECK.check,
                at,
                format!(
                    "input {key:?} is declared {data_type}, but its value holds {member}; write it as {expected}"
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{INTEGRATION, findings};
    use super::*;

    #[test]
    fn flags_the_wrong_member() {
        let text = r#"{"inputParameters": {"n": {"stringValue": "1"}, "s": {"stringValue": "x"}}}"#;
        assert_eq!(
            findings(&CHECK, text, Some(INTEGRATION)),
            [(
                "/inputParameters/n/stringValue".to_string(),
                "input \"n\" is declared INT_VALUE, but its value holds stringValue; write it as intValue"
                    .to_string()
            )]
        );
        assert!(findings(&CHECK, text, None).is_empty());
    }

    #[test]
    fn matching_or_unknown_inputs_pass() {
        let text = r#"{"inputParameters": {"n": {"intValue": "1"}, "x": {"stringValue": "1"},
                       "s": {"intValue": "bad"}}}"#;
        // `x` is R005's, and a malformed value is R002's.
        assert!(findings(&CHECK, text, Some(INTEGRATION)).is_empty());
    }
}
