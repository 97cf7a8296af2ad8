//! L010: a variable's `producer` names a task or trigger that does not exist.

use super::FastSet;

use super::variables::{Usage, remove_declaration};
use super::{Lint, LintContext};
use crate::diagnostic::{Applicability, Fix};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::remove_keys;
use crate::model::ElementType;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L010",
        name: "dangling-producer",
        severity: Severity::Warning,
        summary: "a variable's `producer` names a task or trigger that does not exist",
        explanation: "\
## What it does
Checks `integrationParameters[].producer`: `1_<taskId>` must name a task, `2_<triggerNumber>` a
trigger. The internal copy's `producedBy {elementType, elementIdentifier}` is checked the same
way.

## Why is this bad?
The console declares a variable for every task output, with the task as producer. When the
task is deleted or renumbered by hand, the declaration stays behind pointing nowhere: the
variable is never written, and readers of it get nothing.

## Example
```json
{\"key\": \"`Task_7_responseBody`\", \"producer\": \"1_7\"}
```
with no task `7`.

## How to fix
Delete the declaration, or point it at the task that now produces it (`integ rename` renames
task ids and their producers together). `integ check --fix` removes the dangling `producer`
when the variable is used elsewhere, and in the internal copy the dangling `producedBy` (with
a `producer` naming the same missing task): a safe fix, since nothing produces the variable
anyway. When nothing uses the variable either, the fix deletes the declaration and its
internal copy instead: an unsafe fix, applied with `--unsafe-fixes`.
",
    },
    run: check,
    fix: Some(Applicability::Safe),
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    // Only needed for a dangling producer, which most files do not have.
    let usage = std::cell::LazyCell::new(|| Usage::new(ctx.references));
    let tasks: FastSet<&str> = model
        .task_configs
        .iter()
        .filter_map(|t| t.task_id)
        .collect();
    let triggers: FastSet<&str> = model
        .trigger_configs
        .iter()
        .filter_map(|t| t.trigger_number)
        .collect();
    let problem = |producer: &str| -> Option<String> {
        let (kind, id) = producer.split_once('_')?;
        match kind {
            "1" if !tasks.contains(id) => Some(format!("task {id:?}")),
            "2" if !triggers.contains(id) => Some(format!("trigger number {id:?}")),
            _ => None,
        }
    };
    for (i, p) in model.integration_parameters.iter().enumerate() {
        let Some(producer) = p.producer else {
            continue;
        };
        if let Some(missing) = problem(producer) {
            let key = p.key.unwrap_or("?");
            let pointer = format!("/integrationParameters/{i}/producer");
            // Without its producer, an unused declaration would be reported by L005.
            let fix = if usage.unneeded(p) {
                remove_declaration(ctx, i).map(Fix::unsafe_edits)
            } else {
                ctx.removal(&pointer, Applicability::Safe)
            };
            let message = format!(
                "variable {key} is produced by {missing} ({producer:?}), which does not exist"
            );
            out.push(ctx.at(&LINT.check, pointer, message).with_fix(fix));
        }
    }
    let Some(internal) = &model.integration_parameters_internal else {
        return;
    };
    for (i, p) in internal.parameters.iter().enumerate() {
        let Some(node) = &p.produced_by else { continue };
        let Some(id) = node.element_identifier else {
            continue;
        };
        let missing = match node.element_type {
            Some(ElementType::TaskConfig) if !tasks.contains(id) => format!("task {id:?}"),
            Some(ElementType::TriggerConfig) if !triggers.contains(id) => {
                format!("trigger number {id:?}")
            }
            _ => continue,
        };
        let key = p.key.unwrap_or("?");
        // The entry's `producer`, when it names the same missing element, goes with it.
        let same = p.producer.is_some_and(|o| problem(o).is_some());
        let entry = format!("/integrationParametersInternal/parameters/{i}");
        let fix = remove_keys(ctx.doc, &entry, |k| {
            k == "producedBy" || (same && k == "producer")
        })
        .map(Fix::safe);
        out.push(
            ctx.at(
                &LINT.check,
                format!(
                    "/integrationParametersInternal/parameters/{i}/producedBy/elementIdentifier"
                ),
                format!("variable {key} is produced by {missing}, which does not exist"),
            )
            .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_producers_of_missing_tasks_and_triggers() {
        let text = r#"{
          "triggerConfigs": [{"triggerNumber": "1"}],
          "taskConfigs": [{"taskId": "1"}],
          "integrationParameters": [
            {"key": "`Task_1_a`", "producer": "1_1"}, {"key": "`Task_7_a`", "producer": "1_7"},
            {"key": "payload", "producer": "2_1"}, {"key": "other", "producer": "2_3"},
            {"key": "`Task_11_a`", "producer": "1_11"}],
          "integrationParametersInternal": {"parameters": [
            {"key": "x", "producedBy": {"elementType": "TASK_CONFIG", "elementIdentifier": "9"}},
            {"key": "y", "producedBy": {"elementType": "TRIGGER_CONFIG", "elementIdentifier": "1"}}]}
        }"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/integrationParameters/1/producer",
                "/integrationParameters/3/producer",
                "/integrationParameters/4/producer",
                "/integrationParametersInternal/parameters/0/producedBy/elementIdentifier"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "variable `Task_7_a` is produced by task \"7\" (\"1_7\"), which does not exist"
        );
    }

    #[test]
    fn existing_producers_pass() {
        let text = r#"{"triggerConfigs": [{"triggerNumber": "2"}], "taskConfigs": [{"taskId": "10"}],
          "integrationParameters": [{"key": "a", "producer": "1_10"}, {"key": "b", "producer": "2_2"}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
