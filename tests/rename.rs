//! `integ rename` through the binary: exactness on a fixture full of look-alikes, refusals,
//! batches, output modes.
// The shared test helper reports a missing corpus on stderr.
#![allow(clippy::print_stderr)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::integ;
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rename")
        .join(name)
}

/// A temp folder holding a writable copy of `lookalikes.json` as `flow.json`.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flow.json");
    fs::copy(fixture("lookalikes.json"), &path).unwrap();
    (dir, path)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn renames_a_variable_everywhere_and_nothing_else() {
    let (_dir, path) = workspace();
    integ()
        .args(["rename", "--var", "order=purchase"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Renamed order → purchase: 20 references in 1 file",
        ));
    let text = read(&path);
    assert_eq!(text, read(&fixture("lookalikes.order-to-purchase.json")));
    // Every look-alike is still there, untouched.
    for kept in [
        "$orderId$",
        "$order-items$",
        "$orders$",
        "$order_total$",
        "$PROJECT_ID$",
        "var order \\u003d event",
        "setParameter(\\u0027result\\u0027, order)",
        "std.extVar(\\u0027orderId\\u0027)",
        "nested: { order: 1 }",
        "Sort the order by date",
        "\"Your order\"",
        "\"Your order $purchase$ is ready",
        "\\u0027n\\\\\\u0027: \\\\\\u0027order\\\\\\u0027",
    ] {
        assert!(text.contains(kept), "lost {kept}");
    }
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let task = |id: &str| {
        value["taskConfigs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["taskId"] == id)
            .unwrap()
            .clone()
    };
    let payload = |id: &str, param: &str| -> serde_json::Value {
        let text = task(id)["parameters"][param]["value"]["jsonValue"]
            .as_str()
            .unwrap()
            .to_string();
        serde_json::from_str(&text).unwrap()
    };
    // REST header named order: a header, not a variable.
    let headers = payload("1", "additionalHeaders");
    assert_eq!(
        headers["entries"][0]["key"]["literalValue"]["stringValue"],
        "order"
    );
    assert_eq!(headers["entries"][0]["value"]["referenceKey"], "$purchase$");
    // Data-mapping literal "order" stays; its reference is renamed.
    let mapping = payload("2", "FieldMappingConfigTaskParameterKey");
    let literal = &mapping["mappedFields"][1]["inputField"]["transformExpression"]["initialValue"];
    assert_eq!(literal["literalValue"]["stringValue"], "order");
    // Self-call (task 5): both sides are this file's names.
    let request = payload("5", "requestParameterMapping");
    assert_eq!(
        request["entries"][0]["key"]["literalValue"]["stringValue"],
        "purchase"
    );
    let overrides = payload("5", "overrideParameterMapping");
    assert_eq!(
        overrides["entries"][0]["value"]["literalValue"]["stringValue"],
        "purchase"
    );
    // Call to another integration (task 6): only the caller's side changes.
    let request = payload("6", "requestParamsMap");
    assert_eq!(
        request["entries"][0]["key"]["literalValue"]["stringValue"],
        "purchase"
    );
    assert_eq!(
        request["entries"][0]["value"]["literalValue"]["stringValue"],
        "order"
    );
    let response = payload("6", "responseParamsMap");
    assert_eq!(
        response["entries"][0]["key"]["literalValue"]["stringValue"],
        "order"
    );
}

#[test]
fn renames_a_task_id_at_id_sites_only() {
    let (_dir, path) = workspace();
    integ()
        .args(["rename", "--task-id", "1=100", "--with-variables"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Renamed task id 1 → 100: 3 references in 1 file",
        ));
    assert_eq!(read(&path), read(&fixture("lookalikes.task-1-to-100.json")));
    let text = read(&path);
    for kept in [
        "\"taskId\": \"10\"",
        "\"producer\": \"1_10\"",
        "\"producer\": \"2_1\"",
        "\"triggerNumber\": \"1\"",
        "\"intValue\": \"1\"",
        "`Task_10_responseBody`",
    ] {
        assert!(text.contains(kept), "lost {kept}");
    }
}

#[test]
fn task_variables_keep_their_names_without_with_variables() {
    let (_dir, path) = workspace();
    integ()
        .args(["rename", "--task-id", "1=100"])
        .arg(&path)
        .assert()
        .success();
    let text = read(&path);
    assert!(text.contains("\"producer\": \"1_100\""));
    assert!(text.contains("$`Task_1_responseBody`$"));
    assert!(!text.contains("Task_100_"));
}

#[test]
fn round_trip_restores_the_bytes() {
    let (_dir, path) = workspace();
    let original = read(&path);
    for args in [
        ["--var", "order=purchase"],
        ["--var", "purchase=order"],
        ["--task-id", "10=11"],
        ["--task-id", "11=10"],
    ] {
        integ()
            .arg("rename")
            .args(args)
            .arg(&path)
            .assert()
            .success();
    }
    assert_eq!(read(&path), original);
}

#[test]
fn unquoted_name_resolves_to_the_backticked_key() {
    let (_dir, path) = workspace();
    integ()
        .args(["rename", "--var", "Task_1_responseBody=Task_1_body"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "`Task_1_responseBody` → `Task_1_body`: 4 references",
        ));
    let text = read(&path);
    assert!(text.contains("\"key\": \"`Task_1_body`\""));
    assert!(text.contains("exists($`Task_1_body`.status$)"));
    assert!(text.contains("`Task_10_responseBody`"));
}

#[test]
fn swaps_in_one_run() {
    let (_dir, path) = workspace();
    integ()
        .args([
            "rename",
            "--var",
            "sub_in=sub_out",
            "--var",
            "sub_out=sub_in",
        ])
        .arg(&path)
        .assert()
        .success();
    let text = read(&path);
    assert!(text.contains("\"key\": \"sub_out\",\n      \"dataType\": \"JSON_VALUE\""));
}

#[test]
fn renames_task_labels_and_counts_them() {
    let (_dir, path) = workspace();
    integ()
        .args(["rename", "--task-name", "Data Mapping=Map fields"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Renamed task name \"Data Mapping\" → \"Map fields\": 2 tasks in 1 file",
        ));
    let text = read(&path);
    assert_eq!(text.matches("\"displayName\": \"Map fields\"").count(), 2);
}

#[test]
fn refusals_write_nothing_anywhere() {
    let (dir, path) = workspace();
    let other = dir.path().join("other.json");
    fs::copy(fixture("lookalikes.json"), &other).unwrap();
    let original = read(&path);
    let cases: &[(&[&str], &str)] = &[
        (&["--var", "order=orderId"], "orderId is already declared"),
        (
            &["--var", "nope=x"],
            "variable nope is not found in any file",
        ),
        (&["--var", "order=bad name"], "invalid variable name"),
        (&["--var", "order=a.b"], "invalid variable name"),
        (
            &["--task-id", "1=10", "--all-integrations"],
            "10 is already declared",
        ),
        // Both files have task 1: task ids are per integration.
        (&["--task-id", "1=100"], "task id 1 is in 2 integrations"),
        (&["--task-id", "77=78"], "task id 77 is not found"),
        (&["--task-id", "1=1_0"], "invalid task id"),
        (&["--task-name", "Nope=X"], "no task is named \"Nope\""),
        // One good rename and one bad: the good one is not written either.
        (
            &["--var", "orders=all_orders", "--var", "order=orderId"],
            "already declared",
        ),
    ];
    for (args, message) in cases {
        integ()
            .arg("rename")
            .args(*args)
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message))
            .stderr(predicate::str::contains("nothing was written"));
        assert_eq!(read(&path), original, "{args:?}");
        assert_eq!(read(&other), original, "{args:?}");
    }
}

#[test]
fn one_bad_file_stops_the_batch() {
    let (dir, path) = workspace();
    let original = read(&path);
    // In this file `purchase` already exists, so renaming order → purchase is refused here,
    // and therefore in flow.json too.
    let clash = dir.path().join("clash.json");
    fs::write(
        &clash,
        r#"{"taskConfigs": [], "integrationParameters": [{"key": "order"}, {"key": "purchase"}]}"#,
    )
    .unwrap();
    integ()
        .args(["rename", "--var", "order=purchase"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "clash.json: cannot rename variable order to purchase",
        ));
    assert_eq!(read(&path), original);
    // An unreadable input stops it too.
    fs::write(&clash, "{ not json").unwrap();
    integ()
        .args(["rename", "--var", "order=purchase"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("clash.json:1:3"));
    assert_eq!(read(&path), original);
}

#[test]
fn batch_counts_files_and_skips_files_without_the_name() {
    let (dir, path) = workspace();
    fs::copy(&path, dir.path().join("copy.json")).unwrap();
    let untouched = r#"{"taskConfigs": [], "integrationParameters": [{"key": "x"}]}"#;
    fs::write(dir.path().join("none.json"), untouched).unwrap();
    integ()
        .args(["rename", "--var", "order=purchase"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("40 references in 2 files"));
    assert_eq!(read(&dir.path().join("none.json")), untouched);
}

#[test]
fn check_diff_and_stdout_write_nothing() {
    let (dir, path) = workspace();
    let original = read(&path);
    integ()
        .args(["rename", "--var", "order=purchase", "--check"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("Would change:").and(predicate::str::contains("flow.json")),
        )
        .stderr(predicate::str::contains("Would rename order → purchase"));
    integ()
        .args(["rename", "--var", "order=purchase", "--diff"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("-      \"key\": \"order\",")
                .and(predicate::str::contains("+      \"key\": \"purchase\",")),
        );
    integ()
        .args(["rename", "--var", "order=purchase", "--stdout"])
        .arg(&path)
        .assert()
        .success()
        .stdout(read(&fixture("lookalikes.order-to-purchase.json")));
    assert_eq!(read(&path), original);
    fs::copy(&path, dir.path().join("b.json")).unwrap();
    integ()
        .args(["rename", "--var", "order=purchase", "--stdout"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--stdout prints one result"));
    // -q silences the summary.
    integ()
        .args(["-q", "rename", "--var", "order=purchase", "--check"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr("");
}

#[test]
fn stdin_goes_to_stdout() {
    integ()
        .args(["rename", "--var", "order=purchase", "-"])
        .write_stdin(fs::read(fixture("lookalikes.json")).unwrap())
        .assert()
        .success()
        .stdout(read(&fixture("lookalikes.order-to-purchase.json")));
}

#[test]
fn renames_inside_an_envelope() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("download.json");
    let inner = read(&fixture("lookalikes.json"));
    let envelope = serde_json::json!({ "content": inner }).to_string();
    fs::write(&path, &envelope).unwrap();
    integ()
        .args(["rename", "--var", "order=purchase"])
        .arg(&path)
        .assert()
        .success();
    let out: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
    assert_eq!(
        out["content"],
        read(&fixture("lookalikes.order-to-purchase.json"))
    );
}

#[cfg(unix)]
#[test]
fn keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = workspace();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    integ()
        .args(["rename", "--var", "order=purchase"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn jsonnet_fields_get_quoted_when_needed() {
    let (_dir, path) = workspace();
    integ()
        .args(["rename", "--var", "order=order-v2"])
        .arg(&path)
        .assert()
        .success();
    let text = read(&path);
    assert!(
        text.contains("\\n  \\\"order-v2\\\": o,"),
        "jsonnet field not quoted"
    );
    assert!(text.contains("f.extVar(\\\"order-v2\\\")"));
}

#[test]
fn needs_something_to_rename() {
    integ()
        .args(["rename", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to rename"));
    integ()
        .args(["rename", "--var", "novalue", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected OLD=NEW"));
    integ()
        .args(["rename", "--with-variables", "--var", "a=b", "."])
        .assert()
        .code(2);
}

#[test]
fn task_labels_follow_into_internal_copies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("internal.json");
    fs::copy(fixture("internal.json"), &path).unwrap();
    integ()
        .args(["rename", "--task-name", "Map items=Map list"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 task in 1 file"));
    let text = read(&path);
    assert!(text.contains("\"displayName\": \"Map list\""));
    assert!(text.contains("\"label\": \"Map list\""));
    assert!(!text.contains("Map items"));
}

#[test]
fn check_and_diff_on_stdin_print_no_result_text() {
    integ()
        .args(["rename", "--var", "order=purchase", "--check", "-"])
        .write_stdin(fs::read(fixture("lookalikes.json")).unwrap())
        .assert()
        .code(1)
        .stdout("Would change: -\n");
}

#[test]
fn files_without_the_name_are_still_read_and_checked() {
    // The batch skips indexing files that cannot spell the old name; they must still be
    // found when a writer escaped a letter of it, and still be refused when broken.
    let (dir, path) = workspace();
    let escaped = dir.path().join("escaped.json");
    fs::write(
        &escaped,
        r#"{"taskConfigs": [{"taskId": "1", "parameters": {"a": {"key": "a", "value": {"stringValue": "$\u006frder$"}}}}], "integrationParameters": [{"key": "\u006frder"}]}"#,
    )
    .unwrap();
    integ()
        .args(["rename", "--var", "order=purchase"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("in 2 files"));
    let renamed = read(&escaped);
    assert_eq!(renamed.matches("purchase").count(), 2, "{renamed}");
    assert!(!renamed.contains("\\u006f"));

    let original = read(&path);
    let envelope = dir.path().join("envelope.json");
    fs::write(&envelope, r#"{"content": "{ not json"}"#).unwrap();
    integ()
        .args(["rename", "--var", "purchase=order"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("envelope.json"))
        .stderr(predicate::str::contains("in the envelope's content"));
    assert_eq!(read(&path), original);
}
