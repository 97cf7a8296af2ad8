//! `integ merge` through the binary: replace and overwrite for every resource kind, edges
//! carried with tasks, clash and validation refusals, BASE's layout kept.

mod common;

use std::path::{Path, PathBuf};

use common::integ;
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/merge")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Runs `integ merge --strategy STRATEGY BASE INCOMING` and returns stdout (exit 0 expected).
fn merged(strategy: &str, base: &str, incoming: &str) -> String {
    let output = integ()
        .args(["merge", "--strategy", strategy, base, incoming])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn ids(value: &Value, field: &str, id: &str) -> Vec<String> {
    value[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.pointer(id).and_then(Value::as_str).unwrap().to_string())
        .collect()
}

fn find<'v>(value: &'v Value, field: &str, id: &str, wanted: &str) -> &'v Value {
    value[field]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e.pointer(id).and_then(Value::as_str) == Some(wanted))
        .unwrap_or_else(|| panic!("no {field} {wanted}"))
}

#[test]
fn replace_updates_matches_adds_new_ones_and_keeps_the_rest() {
    let text = merged(
        "replace",
        &fixture("base-console.json"),
        &fixture("incoming.json"),
    );
    let out: Value = serde_json::from_str(&text).unwrap();
    let incoming: Value = serde_json::from_str(&read(&fixture("incoming.json"))).unwrap();
    // Variables by key: ops_email replaced in place, audit_level appended, others kept.
    assert_eq!(
        ids(&out, "integrationParameters", "/key"),
        ["order_id", "total", "ops_email", "audit_level"]
    );
    assert_eq!(
        find(&out, "integrationParameters", "/key", "ops_email")["defaultValue"]["stringValue"],
        "oncall@example.com"
    );
    // Config variables by parameter.key.
    assert_eq!(
        out["integrationConfigParameters"][0]["value"]["stringValue"],
        "us"
    );
    // Triggers by triggerId: the API trigger replaced, the audit trigger added, cron kept.
    assert_eq!(
        ids(&out, "triggerConfigs", "/triggerId"),
        [
            "api_trigger/orders_API_1",
            "cron_trigger/orders_Cron_1/0 2 * * *",
            "api_trigger/orders_API_2"
        ]
    );
    assert_eq!(out["triggerConfigs"][0]["label"], "API Trigger (v2)");
    // Error catchers by errorCatcherId.
    assert_eq!(
        out["errorCatcherConfigs"][0]["label"],
        "Reservation failed (v2)"
    );
    // Tasks by taskId, with their edges: task 1 now also leads to the new task 5.
    assert_eq!(
        ids(&out, "taskConfigs", "/taskId"),
        ["1", "2", "3", "4", "5"]
    );
    let task1 = find(&out, "taskConfigs", "/taskId", "1");
    assert_eq!(task1, find(&incoming, "taskConfigs", "/taskId", "1"));
    assert_eq!(
        task1["nextTasks"],
        json!([{"taskId": "2"}, {"taskId": "5"}])
    );
    // Integration-level fields: replaced, added, untouched.
    assert_eq!(out["description"], "Orders: reserve stock, notify, audit");
    assert_eq!(
        out["runAsServiceAccount"],
        "orders@acme.iam.gserviceaccount.com"
    );
    assert_eq!(
        out["databasePersistencePolicy"],
        "DATABASE_PERSISTENCE_ASYNC"
    );
}

#[test]
fn replace_keeps_untouched_resources_byte_for_byte() {
    let base = read(&fixture("base-console.json"));
    let text = merged(
        "replace",
        &fixture("base-console.json"),
        &fixture("incoming.json"),
    );
    // Task 2 and 3 and the cron trigger are BASE's: their lines are BASE's lines.
    let task2_start = base.find("\"taskId\": \"2\",\n    \"parameters\"").unwrap();
    let task3_end = base.find("\"displayName\": \"Notify\"").unwrap();
    let kept = &base[task2_start..task3_end];
    assert!(text.contains(kept), "tasks 2–3 were reprinted");
    assert!(text.contains("\"stringValue\": \"Order $order_id$ \\u003d done\""));
    // The file still ends as BASE did (no final newline added or lost).
    assert_eq!(text.ends_with('\n'), base.ends_with('\n'));
}

#[test]
fn overwrite_keeps_only_incoming_resources_and_fields() {
    for base in ["base-console.json", "base-tab.json"] {
        let text = merged("overwrite", &fixture(base), &fixture("incoming.json"));
        let out: Value = serde_json::from_str(&text).unwrap();
        let incoming: Value = serde_json::from_str(&read(&fixture("incoming.json"))).unwrap();
        for field in [
            "integrationParameters",
            "integrationConfigParameters",
            "triggerConfigs",
            "errorCatcherConfigs",
            "taskConfigs",
            "description",
            "runAsServiceAccount",
        ] {
            assert_eq!(out[field], incoming[field], "{base}: {field}");
        }
        // BASE's own fields and resources are gone.
        assert!(out.get("databasePersistencePolicy").is_none());
        assert_eq!(ids(&out, "taskConfigs", "/taskId"), ["1", "4", "5"]);
        let mut keys: Vec<&String> = out.as_object().unwrap().keys().collect();
        let mut expected: Vec<&String> = incoming.as_object().unwrap().keys().collect();
        keys.sort();
        expected.sort();
        assert_eq!(keys, expected);
    }
}

#[test]
fn overwrite_removes_kinds_incoming_lacks_and_replace_leaves_them() {
    let dir = tempfile::tempdir().unwrap();
    let incoming = dir.path().join("vars.json");
    std::fs::write(
        &incoming,
        r#"{"integrationParameters": [{"key": "ops_email", "dataType": "STRING_VALUE"}]}"#,
    )
    .unwrap();
    let incoming = incoming.to_string_lossy().into_owned();
    let replaced: Value =
        serde_json::from_str(&merged("replace", &fixture("base-console.json"), &incoming)).unwrap();
    assert_eq!(
        ids(&replaced, "taskConfigs", "/taskId"),
        ["1", "2", "3", "4"]
    );
    assert_eq!(
        replaced["integrationParameters"].as_array().unwrap().len(),
        3
    );
    // Overwrite with a file of variables only: the result has exactly that.
    let output = integ()
        .args([
            "merge",
            "--strategy",
            "overwrite",
            &fixture("base-console.json"),
            &incoming,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let out: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        out,
        json!({"integrationParameters": [{"key": "ops_email", "dataType": "STRING_VALUE"}]})
    );
    let notes = String::from_utf8(output.stderr).unwrap();
    assert!(notes.contains("tasks: 4 removed"), "{notes}");
    assert!(
        notes.contains("variables: 1 replaced, 2 removed"),
        "{notes}"
    );
}

#[test]
fn results_keep_the_console_and_tab_layouts() {
    let dir = tempfile::tempdir().unwrap();
    for (base, style) in [("base-console.json", "console"), ("base-tab.json", "tab")] {
        for strategy in ["replace", "overwrite"] {
            let out = dir.path().join(format!("{strategy}-{base}"));
            integ()
                .args([
                    "merge",
                    "--strategy",
                    strategy,
                    &fixture(base),
                    &fixture("incoming.json"),
                ])
                .arg("-o")
                .arg(&out)
                .assert()
                .success()
                .stdout("");
            // Every line, BASE's and INCOMING's, is in BASE's layout.
            integ()
                .args(["fmt", "--check", "--style", style])
                .arg(&out)
                .assert()
                .success();
        }
    }
}

#[test]
fn minified_bases_stay_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let base: Value = serde_json::from_str(&read(&fixture("base-tab.json"))).unwrap();
    let path = dir.path().join("base.min.json");
    std::fs::write(&path, serde_json::to_string(&base).unwrap()).unwrap();
    let text = merged("replace", path.to_str().unwrap(), &fixture("incoming.json"));
    assert!(!text.contains('\n'), "{text}");
    let out: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        ids(&out, "taskConfigs", "/taskId"),
        ["1", "2", "3", "4", "5"]
    );
}

#[test]
fn a_task_id_taken_by_a_different_task_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let assert = integ()
        .args(["merge", "--strategy", "replace"])
        .args([fixture("base-console.json"), fixture("incoming-clash.json")])
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        err.contains("task id \"3\" is taken by a different task: BASE's task 3 is EmailTask \"Notify\", INCOMING's is JavaScriptTask \"Format mail\""),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn a_result_with_new_errors_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    std::fs::write(&out, "keep me").unwrap();
    let assert = integ()
        .args(["merge", "--strategy", "replace"])
        .args([
            fixture("base-console.json"),
            fixture("incoming-unreachable.json"),
        ])
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        err.contains("the merged file would not be valid; not written"),
        "{err}"
    );
    assert!(
        err.contains("task 2 (\"Compute total\") has no incoming edge") && err.contains("L006"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}

#[test]
fn findings_of_the_result_are_shown_and_strict_refuses_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let run = |strict: bool| {
        let mut command = integ();
        command.args(["merge", "--strategy", "replace"]);
        if strict {
            command.arg("--strict");
        }
        command
            .args([fixture("base-console.json"), fixture("incoming.json")])
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap()
    };
    let written = run(false);
    assert_eq!(written.status.code(), Some(0));
    let err = String::from_utf8(written.stderr).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    // Positions are those of the written file.
    let line = text
        .lines()
        .position(|l| l.contains("\"key\": \"audit_level\""))
        .unwrap()
        + 1;
    let expected = format!(
        "{}:{line}:12: warning[L005] variable audit_level is declared but never used \
         (unused-variable)",
        out.display()
    );
    assert!(err.contains(&expected), "{err}");

    std::fs::remove_file(&out).unwrap();
    let refused = run(true);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8(refused.stderr).unwrap();
    assert!(err.contains("[L005]"), "{err}");
    assert!(
        err.contains(
            "--strict: the merged result has 2 error or warning findings; nothing was written"
        ),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn merging_a_file_into_itself_changes_nothing() {
    for strategy in ["replace", "overwrite"] {
        let base = fixture("base-tab.json");
        assert_eq!(merged(strategy, &base, &base), read(&base));
    }
}

#[test]
fn envelopes_are_kept_and_internal_copies_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut base: Value = serde_json::from_str(&read(&fixture("base-tab.json"))).unwrap();
    base["taskConfigsInternal"] = json!([{"taskNumber": "1"}]);
    let inner = serde_json::to_string_pretty(&base).unwrap();
    let envelope = dir.path().join("download.json");
    std::fs::write(&envelope, json!({"content": inner}).to_string()).unwrap();
    let output = integ()
        .args(["merge", "--strategy", "replace"])
        .arg(&envelope)
        .arg(fixture("incoming.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let outer: Value = serde_json::from_slice(&output.stdout).unwrap();
    let content: Value = serde_json::from_str(outer["content"].as_str().unwrap()).unwrap();
    assert_eq!(
        ids(&content, "taskConfigs", "/taskId"),
        ["1", "2", "3", "4", "5"]
    );
    assert!(content.get("taskConfigsInternal").is_none());
    let notes = String::from_utf8(output.stderr).unwrap();
    assert!(notes.contains("taskConfigsInternal: removed"), "{notes}");
}

#[test]
fn usage_errors_exit_2() {
    let run = |args: &[&str]| {
        let output = integ().arg("merge").args(args).output().unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let base = fixture("base-console.json");
    let (code, err) = run(&["--strategy", "replace", "-", "-"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, err) = run(&["--strategy", "merge", &base, &base]);
    assert_eq!(code, Some(2), "{err}");
    let not_integration = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint/C003-clean.json")
        .to_string_lossy()
        .into_owned();
    let (code, err) = run(&["--strategy", "replace", &base, &not_integration]);
    assert_eq!(code, Some(2));
    assert!(err.contains("is not an integration"), "{err}");
    let (code, _) = run(&["--strategy", "replace", &base, "missing.json"]);
    assert_eq!(code, Some(2));
}
