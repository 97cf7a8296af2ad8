//! P001: an override that matches nothing in its integration.

use serde_json::Value;

use super::check::{ProjectCheck, RelatedContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::push_token;
use crate::kind::FileKind;

pub(crate) static CHECK: ProjectCheck = ProjectCheck::on(
    Check {
        code: "P001",
        name: "override-matches-nothing",
        severity: Severity::Error,
        summary: "an integrationcli override names a task, trigger, parameter or variable the integration does not have",
        explanation: "\
## What it does
Checks `ENV/overrides/overrides.json` of an integrationcli project against the integration it
is applied to (the first file of `src/`), the way `integrationcli integrations apply` matches
them:

- `task_overrides[]`: a task with the same `taskId` **and** `task` type (never a
  `GenericConnectorTask`: those take `connection_overrides`); every name under `parameters`
  must be a parameter of that task;
- `connection_overrides[]`: a task with the same `taskId` and `task`;
- `trigger_overrides[]`: a trigger with the same `triggerNumber` (an override without one
  matches nothing);
- `param_overrides[]`: an `integrationParameters` entry with exactly that `key`.

## Why is this bad?
integrationcli applies an override that matches nothing as nothing: it logs a warning at
most and deploys the integration with the value the override was meant to replace (its issue
#250: trigger overrides without `triggerNumber` were silently ignored). The environment then
runs with another environment's URL, connection or service account.

## Example
```json
{\"task_overrides\": [{\"taskId\": \"9\", \"task\": \"GenericRestV2Task\", \"parameters\": {}}]}
```
when the integration has no task 9, or task 9 is a `JavaScriptTask`.

## How to fix
Correct the id, type, number or key, or delete the override. After renaming a task id or
variable with `integ rename` on the project folder, overrides follow automatically.
",
    },
    &[FileKind::Overrides],
    check,
);

fn check(ctx: &RelatedContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(owner) = &ctx.owner else { return };
    let model = owner.model;
    let target = owner.file_name();
    let value = ctx.source.document().value();
    let found_by = &CHECK.check;

    for (i, o) in entries(value, "task_overrides") {
        let at = format!("/task_overrides/{i}");
        let Some(task_index) = task_match(ctx, o, &at, &target, "task override", out) else {
            continue;
        };
        let task = &model.task_configs[task_index];
        if task.task == Some("GenericConnectorTask") {
            out.push(ctx.at(
                found_by,
                format!("{at}/task"),
                format!(
                    "task {} of {target} is a GenericConnectorTask, which integrationcli never \
                     changes through task_overrides; use connection_overrides",
                    task.id()
                ),
            ));
            continue;
        }
        let Some(params) = o.get("parameters").and_then(Value::as_object) else {
            continue;
        };
        for name in params.keys() {
            if !task.parameters.contains_key(name.as_str()) {
                let mut pointer = format!("{at}/parameters");
                push_token(&mut pointer, name);
                out.push(ctx.at_key(
                    found_by,
                    pointer,
                    format!(
                        "task {} of {target} has no parameter {name:?}; integrationcli skips \
                         this override parameter",
                        task.id()
                    ),
                ));
            }
        }
    }

    for (i, o) in entries(value, "connection_overrides") {
        let at = format!("/connection_overrides/{i}");
        task_match(ctx, o, &at, &target, "connection override", out);
    }

    for (i, o) in entries(value, "trigger_overrides") {
        let at = format!("/trigger_overrides/{i}");
        match o.get("triggerNumber").and_then(Value::as_str) {
            None => out.push(
                ctx.at(
                    found_by,
                    at,
                    "trigger override has no triggerNumber, so integrationcli applies it to no \
                 trigger"
                        .to_string(),
                ),
            ),
            Some(n) => {
                let known = model
                    .trigger_configs
                    .iter()
                    .any(|t| t.trigger_number == Some(n));
                if !known {
                    out.push(ctx.at(
                        found_by,
                        format!("{at}/triggerNumber"),
                        format!(
                            "trigger override for trigger number {n} matches no trigger of \
                             {target}{}",
                            known_list(
                                model
                                    .trigger_configs
                                    .iter()
                                    .filter_map(|t| t.trigger_number)
                            )
                        ),
                    ));
                }
            }
        }
    }

    for (i, o) in entries(value, "param_overrides") {
        let at = format!("/param_overrides/{i}");
        match o.get("key").and_then(Value::as_str) {
            None => out.push(
                ctx.at(
                    found_by,
                    at,
                    "parameter override has no key, so integrationcli applies it to no variable"
                        .to_string(),
                ),
            ),
            Some(key) => {
                let declared = model
                    .integration_parameters
                    .iter()
                    .any(|p| p.key == Some(key));
                if !declared {
                    out.push(ctx.at(
                        found_by,
                        format!("{at}/key"),
                        format!(
                            "parameter override for {key:?} matches no variable of {target} \
                             (keys must match exactly, backticks included)"
                        ),
                    ));
                }
            }
        }
    }
}

/// The objects of the array `field` of the overrides file, with their index.
fn entries<'a>(value: &'a Value, field: &str) -> Vec<(usize, &'a Value)> {
    value
        .get(field)
        .and_then(Value::as_array)
        .map(|items| items.iter().enumerate().collect())
        .unwrap_or_default()
}

/// The task an override with `taskId` and `task` applies to, or a finding.
fn task_match(
    ctx: &RelatedContext<'_>,
    o: &Value,
    at: &str,
    target: &str,
    what: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let model = ctx.owner.as_ref()?.model;
    let found_by = &CHECK.check;
    let Some(id) = o.get("taskId").and_then(Value::as_str) else {
        out.push(ctx.at(
            found_by,
            at.to_string(),
            format!("{what} has no taskId, so integrationcli applies it to no task"),
        ));
        return None;
    };
    let Some((index, task)) = model.task(id) else {
        out.push(ctx.at(
            found_by,
            format!("{at}/taskId"),
            format!(
                "{what} for task {id} matches no task of {target}{}",
                known_list(model.task_configs.iter().map(|t| t.id()))
            ),
        ));
        return None;
    };
    let wanted = o.get("task").and_then(Value::as_str);
    if wanted != task.task {
        let actual = task.task.unwrap_or("(no type)");
        let (pointer, named) = match wanted {
            Some(t) => (format!("{at}/task"), format!("names {t}")),
            None => (at.to_string(), "names no task type".to_string()),
        };
        out.push(ctx.at(
            found_by,
            pointer,
            format!(
                "{what} for task {id} {named}, but task {id} of {target} is a {actual}; \
                 integrationcli matches id and type, so it applies this to nothing"
            ),
        ));
        return None;
    }
    Some(index)
}

/// ` (it has: 1, 2, 3)`, or nothing for an empty list.
pub(super) fn known_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(" (it has {})", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::project::testing::{INTEGRATION, findings};

    fn pointers(text: &str) -> Vec<String> {
        findings(FileKind::Overrides, "overrides.json", text, INTEGRATION)
            .into_iter()
            .map(|(code, pointer, _)| {
                assert_eq!(code, "P001");
                pointer
            })
            .collect()
    }

    #[test]
    fn matching_overrides_pass() {
        let text = r#"{"task_overrides": [{"taskId": "1", "task": "GenericRestV2Task",
              "parameters": {"url": {"key": "url", "value": {"stringValue": "x"}}}}],
            "connection_overrides": [{"taskId": "2", "task": "GenericConnectorTask"}],
            "trigger_overrides": [{"triggerNumber": "1"}],
            "param_overrides": [{"key": "`Task_1_responseBody`"}],
            "integration_overrides": {"enableVariableMasking": true}}"#;
        assert!(pointers(text).is_empty());
    }

    #[test]
    fn keys_and_ids_match_exactly() {
        // A backticked key is not the plain one, task 10 is not task 1.
        let text = r#"{"param_overrides": [{"key": "`order`"}, {"key": "Task_1_responseBody"}],
            "task_overrides": [{"taskId": "10", "task": "GenericRestV2Task"}],
            "trigger_overrides": [{"triggerNumber": "01"}]}"#;
        assert_eq!(
            pointers(text),
            [
                "/param_overrides/0/key",
                "/param_overrides/1/key",
                "/task_overrides/0/taskId",
                "/trigger_overrides/0/triggerNumber"
            ]
        );
    }

    #[test]
    fn entries_without_ids_match_nothing() {
        let text = r#"{"task_overrides": [{"task": "GenericRestV2Task"}, {"taskId": "1"}],
            "connection_overrides": [{"task": "GenericConnectorTask"}],
            "param_overrides": [{"defaultValue": {}}]}"#;
        let found = findings(FileKind::Overrides, "overrides.json", text, INTEGRATION);
        let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "task override has no taskId, so integrationcli applies it to no task",
                "task override for task 1 names no task type, but task 1 of orders.json is a \
                 GenericRestV2Task; integrationcli matches id and type, so it applies this to nothing",
                "connection override has no taskId, so integrationcli applies it to no task",
                "parameter override has no key, so integrationcli applies it to no variable",
            ]
        );
    }
}
