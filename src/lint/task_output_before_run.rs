//! L022: a task reads another task's output before that task can have run, or after it was
//! removed.

use super::{FastSet, Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::references::task_variable_parts;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L022",
        name: "task-output-before-run",
        severity: Severity::Warning,
        summary: "a task reads the output of a task that cannot have run yet on its path, or that no longer exists",
        explanation: "\
## What it does
Looks at every read of a task output variable (`` `Task_N_…` ``, the variables the console
creates for a task's outputs: `responseBody`, `connectorOutputPayload`, `loopMetadata`, …) by
another task, in every trigger's flow. It reports the read when task `N`, the only task that
sets the variable, runs only after the reading task on that trigger's flow, or never runs in
it; and when no task `N` exists any more while the variable is still declared.

As in L020, a task on a parallel branch counts as possibly run, tasks of types integ does not
know and error-catcher flows are not judged, and a variable with a default value or declared
as an input is not reported. Reads of a task's own input variables (the
`connectorInputPayload` a Data Mapping fills before the connector runs) are not outputs and are
not reported.

## Why is this bad?
The output is empty when it is read: the task that produces it has not run yet, runs only on
another trigger's flow, or was deleted (and its variable left behind) while something still
reads it. Usually an edge was drawn the wrong way or a task was replaced by a new one with
another id.

## Example
```json
\"taskConfigs\": [
  {\"taskId\": \"1\", \"task\": \"FieldMappingTask\", \"nextTasks\": [{\"taskId\": \"2\"}],
   \"…\": \"maps $`Task_2_responseBody`.id$ into $orderId$\"},
  {\"taskId\": \"2\", \"task\": \"GenericRestV2Task\", \"…\": \"writes $`Task_2_responseBody`$\"}]
```
Task 1 reads the response of task 2, which runs after it.

## How to fix
Move the reading task after the producing one, or read the output of the task that replaced
the deleted one (`integ rename --var` renames every reference at once). `integ graph FILE
--highlight VAR` marks the task that writes the output and those that read it.
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
    for (task, access) in flow.judged_readers() {
        let own_id = ctx.model.task_configs[task].id();
        for r in &access.reads {
            let name = r.name.as_str();
            let Some((producer_id, _)) = task_variable_parts(name) else {
                continue;
            };
            if producer_id == own_id
                || flow.is_preset(name)
                || access.may_set(name)
                || reported.contains(&(task, name))
            {
                continue;
            }
            let reader = ctx.model.task_configs[task].describe();
            let message = match flow.graph.index.get(producer_id) {
                None => {
                    // A deleted task's output: a finding only while its declaration is left
                    // behind (L004 reports the read otherwise) and nothing else sets it.
                    if !declared.contains(name) || flow.access.tasks.iter().any(|t| t.may_set(name))
                    {
                        continue;
                    }
                    format!(
                        "{reader} reads {}, the output of task {producer_id}, which does not \
                         exist (any more); nothing sets it",
                        r.written()
                    )
                }
                Some(producer) => {
                    if !flow.access.tasks[producer].writes(name)
                        || flow.graph.from_catchers.contains(&producer)
                    {
                        continue;
                    }
                    let Some(why) = before_run(ctx, task, producer, name) else {
                        continue;
                    };
                    format!("{reader} reads {}, the output of {why}", r.written())
                }
            };
            reported.insert((task, name));
            out.push(ctx.at_span(&LINT.check, &r.pointer, r.extent, message));
        }
    }
}

/// Why `task` reads `name` before `producer` can have run, on the first trigger's flow where
/// it does (`task 2 ("Call"), which runs only after it (…)`); `None` when it cannot on any.
fn before_run(ctx: &LintContext<'_>, task: usize, producer: usize, name: &str) -> Option<String> {
    let flow = ctx.flow();
    let producer = ctx.model.task_configs[producer].describe();
    for (trigger, reach) in flow.triggers.iter().enumerate() {
        if !reach.reached[task] {
            continue;
        }
        let setters = flow.setters_in(trigger, name);
        if setters.is_empty() {
            return Some(format!(
                "{producer}, which never runs on the flow of {}",
                ctx.model.trigger_configs[trigger].describe()
            ));
        }
        if flow.all_after(task, &setters) {
            let path = flow.path(ctx.model, trigger, task);
            return Some(format!("{producer}, which runs only after it ({path})"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    /// Mapping 1 reads the response of REST call 2; `edges` decides their order.
    fn flow(edges: &str, starts: &str) -> String {
        format!(
            r#"{{
          "triggerConfigs": [{{"triggerNumber": "1", "startTasks": [{starts}]}}],
          "taskConfigs": [
            {{"taskId": "1", "task": "JavaScriptTask", {edges} "parameters": {{"script": {{"key": "script",
              "value": {{"stringValue": "event.getParameter('`Task_2_responseBody`')"}}}}}}}},
            {{"taskId": "2", "task": "GenericRestV2Task", "displayName": "Call", "parameters": {{
              "responseBody": {{"key": "responseBody", "value": {{"stringArray": {{"stringValues": ["$`Task_2_responseBody`$"]}}}}}}}}}}],
          "integrationParameters": [{{"key": "`Task_2_responseBody`", "producer": "1_2"}}]
        }}"#
        )
    }

    #[test]
    fn flags_a_read_of_an_output_produced_later() {
        let found = findings(
            &LINT,
            &flow(r#""nextTasks": [{"taskId": "2"}],"#, r#"{"taskId": "1"}"#),
        );
        assert_eq!(
            found,
            [(
                "/taskConfigs/0/parameters/script/value/stringValue".to_string(),
                "task 1 reads `Task_2_responseBody`, the output of task 2 (\"Call\"), which \
                 runs only after it (trigger 1 → task 1)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn an_earlier_or_parallel_producer_is_fine() {
        let earlier = flow("", r#"{"taskId": "2"}"#).replace(
            r#""displayName": "Call","#,
            r#""displayName": "Call", "nextTasks": [{"taskId": "1"}],"#,
        );
        assert!(findings(&LINT, &earlier).is_empty());
        let parallel = flow("", r#"{"taskId": "1"}, {"taskId": "2"}"#);
        assert!(findings(&LINT, &parallel).is_empty());
    }

    #[test]
    fn a_producer_that_never_runs_or_is_gone() {
        let never = flow("", r#"{"taskId": "1"}"#);
        assert!(
            findings(&LINT, &never)[0]
                .1
                .ends_with("which never runs on the flow of trigger 1")
        );
        let gone = never
            .replace(
                r#""taskId": "2", "task": "GenericRestV2Task""#,
                r#""taskId": "9", "task": "GenericRestV2Task""#,
            )
            .replace("$`Task_2_responseBody`$", "$`Task_9_responseBody`$");
        assert_eq!(
            findings(&LINT, &gone)[0].1,
            "task 1 reads `Task_2_responseBody`, the output of task 2, which does not exist (any \
             more); nothing sets it"
        );
    }
}
