//! L021: an output variable that nothing sets on the way to the end of the flow.

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::model::{InputOutputType, TriggerConfig, TriggerType};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L021",
        name: "output-never-set",
        severity: Severity::Warning,
        summary: "an OUT variable is never set: no task sets it, or none of the tasks its trigger runs",
        explanation: "\
## What it does
Looks at every variable declared `inputOutputType: OUT` without a default value, in an
integration that callers wait on (an API or private trigger), and reports it when nothing
sets it on the way to the end of the flow:

- no task of the integration sets it (a Data Mapping output, `setParameter`, a Data
  Transformer field, a call's response map, a task output binding), or
- the integration has one trigger, and no task of that trigger's flow sets it (only tasks
  the trigger never reaches do).

Edge conditions cannot be evaluated and branches may run in parallel, so an output set on
one branch only is not reported: the condition may always lead there. With several triggers,
a variable set by any task is taken to be the output of that task's trigger (the console
lists every OUT variable in every trigger's `outputVariables`, so the lists say nothing). A
task of a type integ does not know, a Cloud Function or a script that sets computed names
counts as setting it, and so does a task of an error-catcher flow.

## Why is this bad?
The caller (an API client, or the integration that calls this one as a sub-integration)
never receives a value for an output the interface promises: the declaration is a left-over,
or the task meant to set it writes another variable.

## Example
```json
\"triggerConfigs\": [{\"triggerType\": \"API\", \"startTasks\": [{\"taskId\": \"1\"}]}],
\"taskConfigs\": [{\"taskId\": \"1\", \"task\": \"JavaScriptTask\", \"…\": \"event.setParameter('reslt', total)\"}],
\"integrationParameters\": [{\"key\": \"result\", \"inputOutputType\": \"OUT\"}]
```
The script sets `reslt`, a typo: callers never get `result`. A real one: the cymbal-van-rental
sample's `manage-reservation-process` declares `vanlist` as an output that none of its tasks
sets (`customer-reservation-process` beside it declares the same output and sets it).

## How to fix
Set the variable in the flow (a Data Mapping before the end), correct the name the task
writes, or remove the declaration if the output is not needed. `integ graph FILE --highlight
VAR` shows the tasks that write and read it.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let callable = |t: &TriggerConfig| {
        matches!(
            t.trigger_type,
            Some(TriggerType::Api | TriggerType::PrivateTrigger)
        )
    };
    if !model.trigger_configs.iter().any(callable) {
        return;
    }
    for (index, p) in model.integration_parameters.iter().enumerate() {
        let Some(name) = p.key else {
            continue;
        };
        if p.input_output_type != Some(InputOutputType::Out) || p.default_value.is_some() {
            continue;
        }
        let flow = ctx.flow();
        if flow.is_preset(name) {
            continue;
        }
        let message = if !flow.access.tasks.iter().any(|t| t.may_set(name)) {
            format!("output variable {name:?} is never set: no task sets it")
        } else if let [trigger] = model.trigger_configs.as_slice() {
            if !callable(trigger) || !flow.setters_in(0, name).is_empty() {
                continue;
            }
            format!(
                "output variable {name:?} is never set in the flow of {}: only tasks it does \
                 not reach set it",
                trigger.describe()
            )
        } else {
            continue;
        };
        let pointer = format!("/integrationParameters/{index}/key");
        out.push(ctx.at(&LINT.check, pointer, message));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    /// Task 1 branches: task 2 sets `result`, task 3 only mails; task 4 is unreachable.
    const BRANCHES: &str = r#"{
      "triggerConfigs": [{"triggerNumber": "1", "triggerType": "API", "label": "API Trigger",
                          "startTasks": [{"taskId": "1"}]}],
      "taskConfigs": [
        {"taskId": "1", "task": "GenericRestV2Task", "nextTasks": [
          {"taskId": "2", "condition": "$status$ = 200"}, {"taskId": "3", "condition": "$status$ != 200"}]},
        {"taskId": "2", "task": "JavaScriptTask", "parameters": {"script": {"key": "script",
          "value": {"stringValue": "event.setParameter('result', 1);"}}}},
        {"taskId": "3", "task": "EmailTask", "displayName": "Notify"},
        {"taskId": "4", "task": "JavaScriptTask", "parameters": {"script": {"key": "script",
          "value": {"stringValue": "event.setParameter('late', 1);"}}}}],
      "integrationParameters": [{"key": "result", "inputOutputType": "OUT"},
                                {"key": "late", "inputOutputType": "OUT"},
                                {"key": "status", "inputOutputType": "IN"}]
    }"#;

    #[test]
    fn flags_an_output_no_task_of_the_flow_sets() {
        assert_eq!(
            findings(&LINT, BRANCHES),
            [(
                "/integrationParameters/1/key".to_string(),
                "output variable \"late\" is never set in the flow of trigger 1 (\"API Trigger\"): \
                 only tasks it does not reach set it"
                    .to_string()
            )]
        );
        let nobody = BRANCHES.replace("'result'", "'other'");
        assert_eq!(
            findings(&LINT, &nobody)[0].1,
            "output variable \"result\" is never set: no task sets it"
        );
    }

    #[test]
    fn one_branch_defaults_and_other_triggers_are_enough() {
        let default = BRANCHES.replace(
            r#""inputOutputType": "OUT"}"#,
            r#""inputOutputType": "OUT", "defaultValue": {"intValue": "0"}}"#,
        );
        assert!(findings(&LINT, &default).is_empty());
        // With a second trigger, task 4 may be its flow: `late` is that trigger's output.
        let two_triggers = BRANCHES.replace(
            r#""startTasks": [{"taskId": "1"}]}],"#,
            r#""startTasks": [{"taskId": "1"}]}, {"triggerNumber": "2", "triggerType": "API"}],"#,
        );
        assert!(findings(&LINT, &two_triggers).is_empty());
        let scheduled = BRANCHES.replace("\"API\"", "\"CRON\"");
        assert!(
            findings(&LINT, &scheduled).is_empty(),
            "no caller waits on a timer"
        );
    }
}
