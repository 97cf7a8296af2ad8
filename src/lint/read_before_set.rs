//! L020: a task reads a variable that nothing before it on its path sets.

use super::{FastSet, Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::references::task_variable_parts;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L020",
        name: "read-before-set",
        severity: Severity::Warning,
        summary: "a task reads a variable that no task before it sets, and that has no default and is no input",
        explanation: "\
## What it does
Follows every trigger's flow (`startTasks`, then `nextTasks`) and, for each task, the variables
it reads: `$…$` references in its parameters and in the conditions of its edges, Data Mapping
inputs, `getParameter`/`extVar` in scripts, the caller's side of sub-integration request maps.
A read is reported when the variable holds nothing yet: it has no default value, is not an
input (`IN`, `IN_OUT`, a trigger's input variable, a value passed in by a call to one of this
file's triggers), is not produced by a trigger, and every task of that trigger's flow that sets
it runs only after the reading task. The message shows a path from the trigger to the task.

Conditions cannot be evaluated and branches may run in parallel, so the check is conservative:
a task on another branch that may set the variable counts as having set it, a task of a type
integ does not know may set whatever it mentions, a Cloud Function or a script that sets
computed names may set anything, and tasks of error-catcher flows are not judged. Task output
variables (`` `Task_N_…` ``) are L022's, undeclared variables L004's.

## Why is this bad?
The task reads an empty value: a mapping copies nothing, a request goes out without its
payload, a condition compares against nothing. The integration runs without an error, and
the mistake shows only in the data.

## Example
```json
\"triggerConfigs\": [{\"triggerNumber\": \"1\", \"startTasks\": [{\"taskId\": \"1\"}]}],
\"taskConfigs\": [
  {\"taskId\": \"1\", \"task\": \"GenericRestV2Task\", \"nextTasks\": [{\"taskId\": \"2\"}],
   \"parameters\": {\"requestBody\": {\"key\": \"requestBody\", \"value\": {\"stringValue\": \"$order$\"}}}},
  {\"taskId\": \"2\", \"task\": \"FieldMappingTask\", \"…\": \"maps the request into $order$\"}],
\"integrationParameters\": [{\"key\": \"order\", \"dataType\": \"JSON_VALUE\"}]
```
Task 1 sends `$order$`, which only task 2, after it, fills.

## How to fix
Set the variable before the task (a Data Mapping on the path), give it a default value, or
make it an input of the integration. `integ graph FILE --highlight VAR` draws the flow with
the tasks that write and read the variable marked.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let flow = ctx.flow();
    let declared = ctx.declared();
    let mut reported: FastSet<(usize, &str)> = FastSet::default();
    for (trigger, reach) in flow.triggers.iter().enumerate() {
        for (task, access) in flow.judged_readers() {
            if !reach.reached[task] {
                continue;
            }
            for r in &access.reads {
                let name = r.name.as_str();
                if !declared.contains(name)
                    || task_variable_parts(name).is_some()
                    || flow.is_preset(name)
                    || flow.is_tested(name)
                    || access.may_set(name)
                    || reported.contains(&(task, name))
                {
                    continue;
                }
                let setters = flow.setters_in(trigger, name);
                if !setters.is_empty() && !flow.all_after(task, &setters) {
                    continue;
                }
                reported.insert((task, name));
                let later = match setters.as_slice() {
                    [] => String::new(),
                    [one] => format!(
                        "; only {}, after it, sets it",
                        ctx.model.task_configs[*one].describe()
                    ),
                    _ => "; only tasks after it set it".to_string(),
                };
                let message = format!(
                    "{} is read before any task sets it, on {}; it has no default value and is \
                     not an input{later}",
                    r.written(),
                    flow.path(ctx.model, trigger, task)
                );
                out.push(ctx.at_span(&LINT.check, &r.pointer, r.extent, message));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    /// A trigger, a REST call (1) that sends `$order$`, a mapping (2) after it that writes
    /// `order` from `source`, and `tail` the tasks after 2.
    fn flow(order_decl: &str, extra: &str) -> String {
        format!(
            r#"{{
          "triggerConfigs": [{{"triggerNumber": "1", "triggerType": "API", "startTasks": [{{"taskId": "1"}}]}}],
          "taskConfigs": [
            {{"taskId": "1", "task": "GenericRestV2Task", "nextTasks": [{{"taskId": "2"}}],
              "parameters": {{"requestBody": {{"key": "requestBody", "value": {{"stringValue": "$order$"}}}}}}}},
            {{"taskId": "2", "task": "FieldMappingTask", "parameters": {{"FieldMappingConfigTaskParameterKey": {{
              "key": "FieldMappingConfigTaskParameterKey", "value": {{"jsonValue":
              "{{\"mappedFields\": [{{\"inputField\": {{\"transformExpression\": {{\"initialValue\": {{\"referenceValue\": \"$source$\"}}}}}}, \"outputField\": {{\"referenceKey\": \"$order$\"}}}}]}}"}}}}}}}}
            {extra}],
          "integrationParameters": [{order_decl}, {{"key": "source", "inputOutputType": "IN"}}]
        }}"#
        )
    }

    #[test]
    fn flags_a_read_that_only_a_later_task_satisfies() {
        let found = findings(&LINT, &flow(r#"{"key": "order"}"#, ""));
        assert_eq!(
            found,
            [(
                "/taskConfigs/0/parameters/requestBody/value/stringValue".to_string(),
                "$order$ is read before any task sets it, on trigger 1 → task 1; it has no \
                 default value and is not an input; only task 2, after it, sets it"
                    .to_string()
            )]
        );
    }

    #[test]
    fn defaults_and_inputs_hold_a_value() {
        for decl in [
            r#"{"key": "order", "defaultValue": {"jsonValue": "{}"}}"#,
            r#"{"key": "order", "inputOutputType": "IN_OUT"}"#,
            r#"{"key": "order", "producer": "2_1"}"#,
        ] {
            assert!(findings(&LINT, &flow(decl, "")).is_empty(), "{decl}");
        }
        // A config variable has its value from the start, whatever its name.
        let config = flow(r#"{"key": "other"}"#, "").replace(
            r#""integrationParameters""#,
            r#""integrationConfigParameters": [{"parameter": {"key": "order"}}], "integrationParameters""#,
        );
        assert!(findings(&LINT, &config).is_empty());
    }

    #[test]
    fn a_parallel_or_earlier_setter_counts() {
        // Task 3 also writes `order` and starts alongside task 1: it may run first.
        let setter = r#", {"taskId": "3", "task": "JavaScriptTask", "parameters": {"script": {"key": "script",
            "value": {"stringValue": "event.setParameter('order', 1);"}}}}"#;
        let parallel = flow(r#"{"key": "order"}"#, setter).replace(
            r#""startTasks": [{"taskId": "1"}]"#,
            r#""startTasks": [{"taskId": "1"}, {"taskId": "3"}]"#,
        );
        assert!(findings(&LINT, &parallel).is_empty());
        // Started only after task 1, the same setter does not help.
        let after = flow(r#"{"key": "order"}"#, setter).replace(
            r#""nextTasks": [{"taskId": "2"}]"#,
            r#""nextTasks": [{"taskId": "2"}, {"taskId": "3"}]"#,
        );
        let found = findings(&LINT, &after);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.ends_with("; only tasks after it set it"));
        // In a loop (task 2 leads back to task 1), task 2 may have run before task 1.
        let looped = flow(r#"{"key": "order"}"#, "").replace(
            r#""task": "FieldMappingTask","#,
            r#""task": "FieldMappingTask", "nextTasks": [{"taskId": "1", "condition": "$again$ = true"}],"#,
        );
        assert!(findings(&LINT, &looped).is_empty());
    }

    #[test]
    fn unknown_tasks_and_error_flows_are_not_judged() {
        let unknown =
            flow(r#"{"key": "order"}"#, "").replace("\"GenericRestV2Task\"", "\"SomeFutureTask\"");
        assert!(findings(&LINT, &unknown).is_empty());
        let cloud_function =
            r#", {"taskId": "0", "task": "CloudFunctionTask", "nextTasks": [{"taskId": "1"}]}"#;
        let text = flow(r#"{"key": "order"}"#, cloud_function).replace(
            r#""startTasks": [{"taskId": "1"}]"#,
            r#""startTasks": [{"taskId": "0"}]"#,
        );
        assert!(findings(&LINT, &text).is_empty());
    }
}
