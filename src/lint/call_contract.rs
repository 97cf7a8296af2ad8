//! L023: a sub-integration call passes an input the called integration does not take, or maps
//! an output it does not give, or the two sides' types disagree.

use super::calls::{Interface, check_claim};
use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L023",
        name: "sub-integration-contract",
        severity: Severity::Error,
        summary: "a call task passes a variable the called integration does not declare as input, maps one it does not declare as output, or their types disagree",
        explanation: "\
## What it does
Checks each task that calls an integration (Call Integration, For Each Loop, For Each
Parallel, While Loop) against the integration it calls, when integ can see it: a trigger of
the same file (the common case), or another integration checked in the same run, in the same
folder (an integrationcli project's `src/` is one), found by the call's `triggerId` (and its
`workflowName` when several files have that trigger).

- Every variable the call passes in (the called side of `requestParamsMap` /
  `requestParameterMapping` entries, and the element mapping of a loop) must be declared by
  the called integration with `inputOutputType` `IN` or `IN_OUT`.
- Every variable it maps out (the called side of `responseParamsMap`,
  `overrideParameterMapping` and aggregator maps) must be declared `OUT` or `IN_OUT`.
- Where a request or response map entry pairs two variables, their `dataType`s must be the
  same (aggregator maps collect values, element mappings receive one item of a list: their
  types differ by design and are not compared).

## Why is this bad?
The service passes only declared inputs and returns only declared outputs: a name the called
integration does not declare that way is silently dropped, so the sub-integration runs without
its input or the caller keeps its old value. A type mismatch fails at run time or converts the
value unexpectedly.

## Example
```json
\"requestParamsMap\": {\"jsonValue\": \"{\\\"entries\\\": [{\\\"key\\\": {\\\"literalValue\\\": {\\\"stringValue\\\": \\\"order\\\"}},
                                             \\\"value\\\": {\\\"literalValue\\\": {\\\"stringValue\\\": \\\"orderRequest\\\"}}}]}\"}
```
while the called integration declares `orderRequest` without `\"inputOutputType\": \"IN\"`.
A real one: in the `executeworkflows` sample, a While Loop calls the integration's own second
trigger and maps its output `executionError`, declared `STRING_VALUE`, into `error`, declared
`JSON_VALUE` (the script stores the Workflows error object, so the `STRING_VALUE` is wrong).

## How to fix
Declare the variable as an input (or output) of the called integration, or map the name it
does declare; align the data types of the two sides.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let (own, _) = ctx.claims();
    if own.is_empty() {
        return;
    }
    let interface = Interface::of(ctx.model);
    for claim in own {
        let label = format!("trigger {} of this integration", claim.trigger_id);
        check_claim(claim, &interface, &label, false, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    /// Trigger 1 calls trigger 2 of the same file with `request` and `response` maps.
    fn call(request: &str, response: &str, variables: &str) -> String {
        let map = |k: &str, v: &str| {
            format!(
                r#"{{\"entries\": [{{\"key\": {{\"literalValue\": {{\"stringValue\": \"{k}\"}}}}, \"value\": {{\"literalValue\": {{\"stringValue\": \"{v}\"}}}}}}]}}"#
            )
        };
        let (rk, rv) = request.split_once('>').unwrap();
        let (sk, sv) = response.split_once('>').unwrap();
        format!(
            r#"{{
          "triggerConfigs": [{{"triggerNumber": "1", "triggerId": "api_trigger/main", "startTasks": [{{"taskId": "1"}}]}},
                             {{"triggerNumber": "2", "triggerId": "api_trigger/sub"}}],
          "taskConfigs": [{{"taskId": "1", "task": "SubWorkflowExecutorV2Task", "displayName": "Call sub", "parameters": {{
            "triggerId": {{"key": "triggerId", "value": {{"stringValue": "api_trigger/sub"}}}},
            "requestParamsMap": {{"key": "requestParamsMap", "value": {{"jsonValue": "{}"}}}},
            "responseParamsMap": {{"key": "responseParamsMap", "value": {{"jsonValue": "{}"}}}}}}}}],
          "integrationParameters": [{variables}]
        }}"#,
            map(rk, rv),
            map(sk, sv)
        )
    }

    const VARIABLES: &str = r#"{"key": "order", "dataType": "JSON_VALUE"},
        {"key": "subOrder", "dataType": "JSON_VALUE", "inputOutputType": "IN"},
        {"key": "subResult", "dataType": "STRING_VALUE", "inputOutputType": "OUT"},
        {"key": "result", "dataType": "STRING_VALUE"}"#;

    #[test]
    fn a_matching_contract_is_clean() {
        let text = call("order>subOrder", "subResult>result", VARIABLES);
        assert!(findings(&LINT, &text).is_empty());
    }

    #[test]
    fn flags_wrong_role_and_wrong_type() {
        // "ghost" is not declared at all: L004 reports that within one file.
        let text = call("order>subResult", "ghost>result", VARIABLES);
        let messages: Vec<String> = findings(&LINT, &text).into_iter().map(|(_, m)| m).collect();
        assert_eq!(
            messages,
            [
                "task 1 (\"Call sub\") passes \"subResult\", but trigger api_trigger/sub of this \
              integration declares it OUT, not as an input (IN or IN_OUT)"
            ]
        );
        let typed = call("result>subOrder", "subResult>order", VARIABLES);
        let messages: Vec<String> = findings(&LINT, &typed)
            .into_iter()
            .map(|(_, m)| m)
            .collect();
        assert_eq!(
            messages,
            [
                "task 1 (\"Call sub\") passes \"result\" (STRING_VALUE) as \"subOrder\", which \
                 trigger api_trigger/sub of this integration declares JSON_VALUE",
                "task 1 (\"Call sub\") maps \"subResult\" (STRING_VALUE in trigger \
                 api_trigger/sub of this integration) into \"order\", declared JSON_VALUE here",
            ]
        );
    }

    #[test]
    fn calls_to_other_files_are_left_to_the_run() {
        let text = call("order>nothing", "ghost>result", VARIABLES).replace(
            r#""stringValue": "api_trigger/sub"}"#,
            r#""stringValue": "api_trigger/elsewhere"}"#,
        );
        assert!(findings(&LINT, &text).is_empty());
    }
}
