//! `integ apply` and rule files through the binary.

// The shared test helper reports a missing corpus on stderr.
#![allow(clippy::print_stderr)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::integ;
use predicates::prelude::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn lookalikes() -> PathBuf {
    root().join("tests/fixtures/rename/lookalikes.json")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

/// A temp folder with a copy of the fixture (`flow.json`) and a rule file (`rules.json`).
fn workspace(rules: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let flow = dir.path().join("flow.json");
    fs::copy(lookalikes(), &flow).unwrap();
    let rules_path = dir.path().join("rules.json");
    fs::write(&rules_path, rules).unwrap();
    (dir, flow, rules_path)
}

#[test]
fn every_example_rule_file_gives_its_expected_result() {
    let mut examples: Vec<PathBuf> = fs::read_dir(root().join("rules"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 5, "examples missing");
    for example in examples {
        let stem = example.file_stem().unwrap().to_string_lossy().into_owned();
        let expected = root().join(format!("tests/fixtures/rules/lookalikes.{stem}.json"));
        let dir = tempfile::tempdir().unwrap();
        let flow = dir.path().join("flow.json");
        fs::copy(lookalikes(), &flow).unwrap();
        integ()
            .args(["apply", "--rules"])
            .args([&example, &flow])
            .assert()
            .success();
        assert_eq!(read(&flow), read(&expected), "{stem}");
        assert_ne!(read(&flow), read(&lookalikes()), "{stem} changed nothing");
    }
}

#[test]
fn regex_groups_and_rule_order() {
    let (_dir, flow, rules) = workspace(
        r#"{"rules": [
  {"renameVariables": {"match": "^(sub)_(?P<dir>in|out)$", "replace": "${dir}_$1"}},
  {"renameVariable": {"from": "in_sub", "to": "element"}}
]}"#,
    );
    integ()
        .args(["apply", "--rules"])
        .args([&rules, &flow])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Renamed sub_out → out_sub: 3 references",
        ))
        .stderr(predicate::str::contains(
            "Renamed in_sub → element: 4 references",
        ));
    let text = read(&flow);
    assert!(text.contains("\"key\": \"element\""));
    assert!(text.contains("\"key\": \"out_sub\""));
    assert!(
        text.contains("\"stringValue\": \"element\""),
        "element mapping renamed"
    );
    assert!(!text.contains("sub_in"));
}

#[test]
fn convert_case_keeps_produced_and_system_names_unless_asked() {
    let (_dir, flow, rules) = workspace(r#"{"rules": [{"convertCase": {"to": "snake"}}]}"#);
    integ()
        .args(["apply", "--rules"])
        .args([&rules, &flow])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Skipped TriggerPayload: produced by trigger 1; set includeProduced to convert it",
        ))
        .stderr(predicate::str::contains(
            "Skipped `Task_1_responseBody`: produced by task 1",
        ));
    let text = read(&flow);
    assert!(text.contains("\"key\": \"TriggerPayload\""));
    assert!(text.contains("\"key\": \"`Task_1_responseBody`\""));
    assert!(
        text.contains("\"key\": \"order_id\""),
        "the others are converted"
    );

    let (_dir, flow, rules) =
        workspace(r#"{"rules": [{"convertCase": {"to": "snake", "includeProduced": true}}]}"#);
    integ()
        .args(["apply", "--rules"])
        .args([&rules, &flow])
        .assert()
        .success()
        .stderr(predicate::str::contains("Skipped").not());
    let text = read(&flow);
    assert!(text.contains("\"key\": \"trigger_payload\""));
    assert!(text.contains("\"key\": \"`task_1_response_body`\""));
}

#[test]
fn where_filters_select_variables() {
    let (_dir, flow, rules) = workspace(
        r#"{"rules": [{"convertCase": {"to": "screaming", "where": {"dataType": "JSON_VALUE", "backticked": false}}}]}"#,
    );
    integ()
        .args(["apply", "--rules"])
        .args([&rules, &flow])
        .assert()
        .success();
    let text = read(&flow);
    for renamed in [
        "\"key\": \"ORDER\"",
        "\"key\": \"ORDER_TOTAL\"",
        "\"key\": \"SUB_IN\"",
    ] {
        assert!(text.contains(renamed), "{renamed}");
    }
    for kept in [
        "\"key\": \"TriggerPayload\"",
        "\"key\": \"orderId\"",
        "\"key\": \"sub_out\"",
        "\"key\": \"`Task_1_responseBody`\"",
    ] {
        assert!(text.contains(kept), "{kept}");
    }
    assert!(text.contains("$ORDER.customer.id$"));
}

#[test]
fn jsonpath_rules_edit_selected_values_only() {
    let (_dir, flow, rules) = workspace(
        r#"{"rules": [
  {"setValue": {"path": "$.taskConfigs[?@.task == 'EmailTask'].parameters.Subject.value.stringValue", "value": "Order <ready> & done"}},
  {"replaceInStrings": {"path": "$.taskConfigs[*].description", "match": "(\\w+) by (\\w+)", "replace": "$2 then $1"}}
]}"#,
    );
    integ()
        .args(["apply", "--rules"])
        .args([&rules, &flow])
        .assert()
        .success();
    let text = read(&flow);
    // New strings follow the file's escape style (console: \u003c \u003e \u0026).
    assert!(text.contains("\"stringValue\": \"Order \\u003cready\\u003e \\u0026 done\""));
    assert!(text.contains("\"description\": \"Sort the date then order\""));
    let before = read(&lookalikes());
    let changed = before
        .lines()
        .zip(text.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 2);
}

#[test]
fn gate_blocks_a_new_dangling_edge_unless_no_verify() {
    let (_dir, flow, rules) = workspace(
        r#"{"rules": [{"setValue": {"path": "$.taskConfigs[0].nextTasks[1].taskId", "value": "99"}}]}"#,
    );
    let original = read(&flow);
    integ()
        .args(["apply", "--rules"])
        .args([&rules, &flow])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("L001: line 78, column 21"))
        .stderr(predicate::str::contains(
            "points to task \"99\", which does not exist (dangling-task-reference)",
        ))
        .stderr(predicate::str::contains("nothing was written"));
    assert_eq!(read(&flow), original);
    integ()
        .args(["apply", "--no-verify", "--rules"])
        .args([&rules, &flow])
        .assert()
        .success();
    assert!(read(&flow).contains("\"taskId\": \"99\""));
}

#[test]
fn bad_rule_files_stop_before_anything_is_read() {
    let cases = [
        (
            "{\"rules\": [\n  {\"renameVariables\": {\"match\": \"([a-z\", \"replace\": \"x\"}}\n]}",
            "rules.json:2:33: invalid regex",
        ),
        (
            "{\"rules\": [\n  {\"renameVariable\": {\"from\": \"order\", \"into\": \"x\"}}\n]}",
            "rules.json:2:",
        ),
        (
            "{\"rules\": [{\"setValue\": {\"path\": \"taskConfigs\", \"value\": 1}}]}",
            "invalid JSONPath",
        ),
        ("not json", "rules.json:1:"),
    ];
    for (text, message) in cases {
        let (_dir, flow, rules) = workspace(text);
        let original = read(&flow);
        let output = integ()
            .args(["apply", "--rules"])
            .args([&rules, &flow])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{stderr}");
        // One error, said once: no second `error:` from the regex crate's own message.
        assert_eq!(stderr.matches("error").count(), 1, "{stderr}");
        assert_eq!(read(&flow), original);
    }
    integ()
        .args(["apply", "--rules", "/nonexistent/rules.json", "."])
        .assert()
        .code(2);
}

#[test]
fn refusals_and_no_match_write_nothing() {
    let cases = [
        (
            r#"{"rules": [{"renameVariable": {"from": "nope", "to": "x"}}]}"#,
            "variable nope is not found",
        ),
        (
            r#"{"rules": [{"renameVariables": {"match": "^zzz", "replace": "x"}}]}"#,
            "matched nothing in any file",
        ),
        (
            r#"{"rules": [{"setValue": {"path": "$.nothing", "value": 1}}]}"#,
            "matched nothing in any file",
        ),
        (
            r#"{"rules": [{"renameVariables": {"match": "^orders$", "replace": "order"}}]}"#,
            "order is already declared",
        ),
        (
            r#"{"rules": [{"renameVariables": {"match": "^orders$", "replace": "bad name"}}]}"#,
            "invalid variable name",
        ),
        // The first rule is fine; the second refuses; neither is written.
        (
            r#"{"rules": [{"renameVariable": {"from": "order", "to": "purchase"}}, {"renameTask": {"from": "1", "to": "10"}}]}"#,
            "(renameTask)",
        ),
    ];
    for (text, message) in cases {
        let (_dir, flow, rules) = workspace(text);
        let original = read(&flow);
        integ()
            .args(["apply", "--rules"])
            .args([&rules, &flow])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains("nothing was written"));
        assert_eq!(read(&flow), original, "{text}");
    }
}

#[test]
fn check_diff_stdout_and_several_rule_files() {
    let (dir, flow, rules) =
        workspace(r#"{"rules": [{"renameVariable": {"from": "order", "to": "purchase"}}]}"#);
    let second = dir.path().join("second.json");
    fs::write(
        &second,
        r#"{"rules": [{"renameVariable": {"from": "purchase", "to": "sale"}}]}"#,
    )
    .unwrap();
    let original = read(&flow);
    integ()
        .args(["apply", "--check", "--rules"])
        .args([&rules, &flow])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Would change:"));
    integ()
        .args(["apply", "--diff", "--rules"])
        .args([&rules, &flow])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("+      \"key\": \"purchase\","));
    integ()
        .args(["apply", "--rules"])
        .arg(&rules)
        .arg("--rules")
        .args([&second, &flow])
        .arg("--stdout")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\"key\": \"sale\"").and(predicate::str::contains("$sale$")),
        );
    assert_eq!(read(&flow), original);
    // A folder holding its own rule files: the rule files are not integrations.
    integ()
        .args(["apply", "--rules"])
        .args([&rules, &dir.path().to_path_buf()])
        .assert()
        .success();
    assert!(read(&flow).contains("\"key\": \"purchase\""));
    // Nothing left to do under --check: the rename target is gone, so it is refused.
    integ()
        .args(["apply", "--check", "--rules"])
        .args([&rules, &flow])
        .assert()
        .code(2);
}

#[test]
fn example_rule_files_match_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&read(&root().join("schemas/rules.schema.json"))).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for entry in fs::read_dir(root().join("rules")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&value)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        }
    }
    let bad = serde_json::json!({"rules": [{"renameVariable": {"from": "a"}}]});
    assert!(!validator.is_valid(&bad));
}

#[test]
fn gate_blocks_a_new_validator_error_but_not_one_the_input_had() {
    // The fixture already has an L007 error; a rule that breaks a reference adds an L004 error.
    let (_dir, flow, rules) = workspace(
        r#"{"rules": [{"replaceInStrings": {"path": "$.taskConfigs[0].parameters.url.value.stringValue", "match": "\\$order_total\\$", "replace": "$$ordr_total$$"}}]}"#,
    );
    let original = read(&flow);
    integ()
        .args(["apply", "--rules"])
        .args([&rules, &flow])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("L004"))
        .stderr(predicate::str::contains("L004: line 42, column 127: $ordr_total$ refers to variable \"ordr_total\", which is not declared"))
        .stderr(predicate::str::contains("L007").not())
        .stderr(predicate::str::contains("nothing was written"));
    assert_eq!(read(&flow), original);
    integ()
        .args(["apply", "--no-verify", "--rules"])
        .args([&rules, &flow])
        .assert()
        .success();
    assert!(read(&flow).contains("$ordr_total$"));
}
