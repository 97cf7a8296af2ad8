//! P005: a test case or test config names a task, trigger or variable the integration lacks.

use serde_json::Value;

use super::check::{ProjectCheck, RelatedContext};
use super::override_matches_nothing::known_list;
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::push_token;
use crate::kind::FileKind;
use crate::lint::variables::Declared;
use crate::references::is_system_variable;

pub(crate) static CHECK: ProjectCheck = ProjectCheck::on(
    Check {
        code: "P005",
        name: "dangling-test-reference",
        severity: Severity::Error,
        summary: "a test case or test config names a task, trigger or variable its integration does not have",
        explanation: "\
## What it does
Checks the test cases (`ENV/tests/*.json`) and test inputs (`ENV/test-configs/*.json`) of an
integrationcli project against the integration they test (the first file of `src/`):

- `triggerId` must be the `triggerId` of one of its triggers;
- `testTaskConfigs[].taskNumber` must be a task id, and `testTaskConfigs[].task` that task's
  type;
- variables named by `mockConfig.parameters[].key`, `assertions[].parameter.key`,
  `testInputParameters[].key` and the keys of a test config's `inputParameters` must be
  declared.

## Why is this bad?
integrationcli creates the test cases when it deploys the integration. A test that mocks or
asserts a task that was renumbered, or sets a variable that was renamed, no longer tests what
it says: the mock applies to nothing, the assertion fails or the input is dropped.

## How to fix
Correct the reference. `integ rename --task-id` and `--var` on the project folder rename
tests and test configs together with the integration.
",
    },
    &[FileKind::TestCase, FileKind::TestConfig],
    check,
);

fn check(ctx: &RelatedContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(owner) = &ctx.owner else { return };
    let model = owner.model;
    let target = owner.file_name();
    let value = ctx.source.document().value();
    let declared = Declared::new(model);
    let found_by = &CHECK.check;
    let variable = |pointer: String, key: &str, out: &mut Vec<Diagnostic>, on_key: bool| {
        if declared.contains(key) || is_system_variable(key) {
            return;
        }
        let message = format!("variable {key} is not declared in {target}");
        out.push(if on_key {
            ctx.at_key(found_by, pointer, message)
        } else {
            ctx.at(found_by, pointer, message)
        });
    };

    if let Some(id) = value.get("triggerId").and_then(Value::as_str) {
        let known = model
            .trigger_configs
            .iter()
            .any(|t| t.trigger_id == Some(id));
        if !known {
            out.push(ctx.at(
                found_by,
                "/triggerId".to_string(),
                format!(
                    "trigger {id} is not a trigger of {target}{}",
                    known_list(model.trigger_configs.iter().filter_map(|t| t.trigger_id))
                ),
            ));
        }
    }

    if ctx.file.kind == FileKind::TestConfig {
        if let Some(inputs) = value.get("inputParameters").and_then(Value::as_object) {
            for key in inputs.keys() {
                let mut pointer = "/inputParameters".to_string();
                push_token(&mut pointer, key);
                variable(pointer, key, out, true);
            }
        }
        return;
    }

    for (i, p) in items(value, "testInputParameters") {
        if let Some(key) = p.get("key").and_then(Value::as_str) {
            variable(format!("/testInputParameters/{i}/key"), key, out, false);
        }
    }
    for (i, t) in items(value, "testTaskConfigs") {
        let at = format!("/testTaskConfigs/{i}");
        if let Some(number) = t.get("taskNumber").and_then(Value::as_str) {
            match model.task(number) {
                None => out.push(ctx.at(
                    found_by,
                    format!("{at}/taskNumber"),
                    format!(
                        "test step for task {number} matches no task of {target}{}",
                        known_list(model.task_configs.iter().map(|t| t.id()))
                    ),
                )),
                Some((_, task)) => {
                    let named = t.get("task").and_then(Value::as_str);
                    if let (Some(named), Some(actual)) = (named, task.task) {
                        if named != actual {
                            out.push(ctx.at(
                                found_by,
                                format!("{at}/task"),
                                format!(
                                    "test step for task {number} names {named}, but task \
                                     {number} of {target} is a {actual}"
                                ),
                            ));
                        }
                    }
                }
            }
        }
        let mocks = t
            .pointer("/mockConfig/parameters")
            .and_then(Value::as_array);
        for (j, p) in mocks.into_iter().flatten().enumerate() {
            if let Some(key) = p.get("key").and_then(Value::as_str) {
                variable(
                    format!("{at}/mockConfig/parameters/{j}/key"),
                    key,
                    out,
                    false,
                );
            }
        }
        for (j, a) in items(t, "assertions") {
            if let Some(key) = a.pointer("/parameter/key").and_then(Value::as_str) {
                variable(
                    format!("{at}/assertions/{j}/parameter/key"),
                    key,
                    out,
                    false,
                );
            }
        }
    }
}

fn items<'a>(value: &'a Value, field: &str) -> Vec<(usize, &'a Value)> {
    value
        .get(field)
        .and_then(Value::as_array)
        .map(|a| a.iter().enumerate().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::project::testing::{INTEGRATION, findings};

    #[test]
    fn references_must_exist() {
        let test = r#"{"triggerId": "api_trigger/orders_API_1", "testTaskConfigs": [
            {"taskNumber": "1", "task": "GenericRestV2Task",
             "mockConfig": {"parameters": [{"key": "`Task_1_responseBody`"}, {"key": "`Task_1_x`"}]},
             "assertions": [{"parameter": {"key": "ErrorInfo"}}, {"parameter": {"key": "order"}}]},
            {"taskNumber": "2", "task": "GenericRestV2Task"},
            {"taskNumber": "12", "task": "GenericRestV2Task"}],
            "testInputParameters": [{"key": "orders"}]}"#;
        let pointers: Vec<String> = findings(FileKind::TestCase, "t.json", test, INTEGRATION)
            .into_iter()
            .map(|(code, p, _)| {
                assert_eq!(code, "P005");
                p
            })
            .collect();
        assert_eq!(
            pointers,
            [
                "/testTaskConfigs/0/mockConfig/parameters/1/key",
                "/testTaskConfigs/1/task",
                "/testTaskConfigs/2/taskNumber",
                "/testInputParameters/0/key"
            ]
        );
    }

    #[test]
    fn test_configs_name_declared_inputs_and_a_known_trigger() {
        let ok = r#"{"triggerId": "api_trigger/orders_API_1", "inputParameters": {"order": {}}}"#;
        assert!(findings(FileKind::TestConfig, "t.json", ok, INTEGRATION).is_empty());
        let bad =
            r#"{"triggerId": "api_trigger/other", "inputParameters": {"order": {}, "ord": {}}}"#;
        let found: Vec<String> = findings(FileKind::TestConfig, "t.json", bad, INTEGRATION)
            .into_iter()
            .map(|(_, _, m)| m)
            .collect();
        assert_eq!(
            found,
            [
                "trigger api_trigger/other is not a trigger of orders.json (it has api_trigger/orders_API_1)",
                "variable ord is not declared in orders.json"
            ]
        );
    }
}
