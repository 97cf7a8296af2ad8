//! integrationcli project folders through the binary: `integ check` validates overrides,
//! config variables and tests against their integration (P001–P005) with positions, and
//! `integ rename` / `integ apply` change the integration and its related files as one batch.
//! Fixtures: tests/fixtures/integrationcli/orders (clean) and broken (every P rule).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::integ;
use predicates::prelude::*;
use serde_json::Value;

fn fixture(project: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/integrationcli")
        .join(project)
}

/// A writable copy of a fixture project in a temp folder; returns the folder and the root.
fn workspace(project: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(project);
    copy_tree(&fixture(project), &root);
    (dir, root)
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file of a project folder, by path relative to the root.
fn snapshot(root: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                out.insert(rel.replace('\\', "/"), fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// `integ check --format json` in `dir` on `args`: (code, relative path, line, column) per
/// finding, and the exit code.
fn findings(dir: &Path, args: &[&str]) -> (Vec<(String, String, u64, u64)>, i32) {
    let output = integ()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let list = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    (list, output.status.code().unwrap())
}

fn f(code: &str, path: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (code.to_string(), path.to_string(), line, column)
}

#[test]
fn a_consistent_project_passes() {
    integ()
        .args(["check"])
        .arg(fixture("orders"))
        .assert()
        .code(0)
        .stdout("")
        .stderr("All checks passed (7 files checked).\n");
}

#[test]
fn every_project_check_is_reported_at_its_position() {
    let (found, code) = findings(&fixture("broken"), &["."]);
    assert_eq!(code, 1);
    let expected = vec![
        f("P004", "dev/config-variables/order-config.json", 1, 1),
        f("P003", "dev/config-variables/orders-config.json", 1, 1),
        f("P003", "dev/config-variables/orders-config.json", 1, 1),
        f("P002", "dev/config-variables/orders-config.json", 2, 2),
        f("P002", "dev/config-variables/orders-config.json", 3, 2),
        f("P001", "dev/overrides/overrides.json", 3, 3),
        f("P001", "dev/overrides/overrides.json", 7, 21),
        f("P001", "dev/overrides/overrides.json", 17, 5),
        f("P001", "dev/overrides/overrides.json", 27, 14),
        f("P001", "dev/overrides/overrides.json", 31, 12),
        f("P001", "dev/overrides/overrides.json", 39, 12),
        f("P001", "dev/overrides/overrides.json", 47, 11),
        f("P005", "dev/test-configs/smoke.json", 4, 9),
        f("P005", "dev/tests/smoke.json", 4, 18),
        f("P005", "dev/tests/smoke.json", 7, 27),
        f("P005", "dev/tests/smoke.json", 12, 32),
        f("P005", "dev/tests/smoke.json", 41, 32),
        f("P005", "dev/tests/smoke.json", 52, 21),
    ];
    let strip = |list: Vec<(String, String, u64, u64)>| -> Vec<(String, String, u64, u64)> {
        list.into_iter()
            .map(|(c, p, l, col)| (c, p.trim_start_matches("./").to_string(), l, col))
            .collect()
    };
    assert_eq!(strip(found), expected);
    // Each position is the offending token.
    let overrides = fs::read_to_string(fixture("broken/dev/overrides/overrides.json")).unwrap();
    let line = |n: usize| overrides.lines().nth(n - 1).unwrap().to_string();
    assert!(line(27).ends_with("\"taskId\": \"9\","), "{}", line(27));
    assert!(line(47).contains("\"key\": \"apiKey\""));
    assert!(line(17).trim_start().starts_with("\"timeout\""));
}

#[test]
fn messages_explain_what_integrationcli_does() {
    let out = integ()
        .args(["check", "--color", "never"])
        .arg(fixture("broken"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for message in [
        "error[P001]: trigger override has no triggerNumber, so integrationcli applies it to no trigger",
        "error[P001]: task override for task 9 matches no task of orders.json (it has 1, 2, 3)",
        "error[P001]: connection override for task 3 names GenericRestV2Task, but task 3 of orders.json is a GenericConnectorTask",
        "error[P002]: CONFIG_url is not a config variable of orders.json; it declares `CONFIG_url` (names must match exactly, backticks included)",
        "error[P003]: `CONFIG_env` is declared by orders.json but has no value in this file",
        "error[P004]: order-config.json matches no integration in src/, so integrationcli never reads it (expected orders-config.json)",
        "error[P005]: test step for task 2 names RestTask, but task 2 of orders.json is a JavaScriptTask",
    ] {
        assert!(text.contains(message), "missing {message:?} in\n{text}");
    }
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.ends_with("Found 18 errors, 0 warnings and 0 infos in 5 files (6 checked).\n"));
}

#[test]
fn a_path_inside_a_project_is_checked_against_its_integration() {
    let root = fixture("broken");
    // A related file alone: its integration is read, only the file is reported.
    let (found, code) = findings(&root, &["dev/tests/smoke.json"]);
    assert_eq!(code, 1);
    assert_eq!(found.len(), 5);
    assert!(
        found
            .iter()
            .all(|(c, p, ..)| c == "P005" && p == "dev/tests/smoke.json")
    );
    // The integration alone: its related files are checked with it (the integration is clean).
    let (found, _) = findings(&root, &["src/orders.json"]);
    let files: std::collections::BTreeSet<&str> =
        found.iter().map(|(_, p, ..)| p.as_str()).collect();
    assert_eq!(
        files.into_iter().collect::<Vec<_>>(),
        [
            "dev/config-variables/order-config.json",
            "dev/config-variables/orders-config.json",
            "dev/overrides/overrides.json",
            "dev/test-configs/smoke.json",
            "dev/tests/smoke.json"
        ]
    );
    // A JSON file outside the project layout is still only skipped.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("overrides.json"),
        r#"{"param_overrides": [{"key": "x"}]}"#,
    )
    .unwrap();
    integ()
        .current_dir(dir.path())
        .args(["check", "overrides.json"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("skipped"));
}

#[test]
fn project_findings_honour_selection_and_formats() {
    let root = fixture("broken");
    let (found, code) = findings(&root, &[".", "--ignore", "P001,P003,P004,P005"]);
    assert_eq!(code, 1);
    assert!(found.iter().all(|(c, ..)| c == "P002"), "{found:?}");
    let (found, code) = findings(&root, &[".", "--select", "L"]);
    assert_eq!((found.len(), code), (0, 0));
    let out = integ()
        .current_dir(&root)
        .args([
            "check",
            "--format",
            "github",
            "dev/overrides/overrides.json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "::error file=dev/overrides/overrides.json,line=27,col=14,endLine=27,endColumn=17,\
             title=P001 override-matches-nothing::P001 task override for task 9"
        ),
        "{text}"
    );
    let out = integ()
        .current_dir(&root)
        .args(["check", "--format", "sarif", "dev/overrides/overrides.json"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], "P001");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "dev/overrides/overrides.json"
        );
    }
}

#[test]
fn integ_toml_can_silence_a_project_check_per_file() {
    let (_dir, root) = workspace("broken");
    fs::write(
        root.join("integ.toml"),
        "[check.per-file-ignores]\n\"dev/config-variables/*.json\" = [\"P002\", \"P003\", \"P004\"]\n",
    )
    .unwrap();
    let (found, _) = findings(&root, &["."]);
    assert!(
        found
            .iter()
            .all(|(_, p, ..)| !p.contains("config-variables")),
        "{found:?}"
    );
    assert_eq!(found.len(), 13);
}

#[test]
fn checks_and_explain_list_the_project_checks() {
    let out = integ().args(["checks"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for code in [
        "P001  override-matches-nothing",
        "P002  undeclared-config-value",
        "P003  missing-config-value",
        "P004  config-file-without-integration",
        "P005  dangling-test-reference",
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(code.split("  ").next().unwrap())
                    && l.contains(code.split("  ").nth(1).unwrap())),
            "{code} missing:\n{text}"
        );
    }
    integ()
        .args(["explain", "P004"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "# P004 config-file-without-integration",
        ))
        .stdout(predicates::str::contains("#387"));
}

#[test]
fn rename_reaches_every_related_file() {
    let (_dir, root) = workspace("orders");
    let before = snapshot(&root);
    integ()
        .current_dir(&root)
        .args([
            "rename",
            "--var",
            "orderId=purchaseId",
            "--var",
            "`CONFIG_env`=`CONFIG_stage`",
            "--var",
            "_apiKey=_key",
            "--task-id",
            "1=10",
            "--with-variables",
            "src/orders.json",
        ])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("6 files changed"));
    let after = snapshot(&root);
    let changed: Vec<&str> = after
        .iter()
        .filter(|(k, v)| before[*k] != **v)
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "dev/config-variables/orders-config.json",
            "dev/overrides/overrides.json",
            "dev/tests/smoke.json",
            "qa/config-variables/orders-config.json",
            "qa/overrides/overrides.json",
            "src/orders.json"
        ]
    );
    for env in ["dev", "qa"] {
        let config = json(&root.join(env).join("config-variables/orders-config.json"));
        let keys: Vec<&String> = config.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["`CONFIG_stage`", "`CONFIG_url`"]);
        let overrides = json(&root.join(env).join("overrides/overrides.json"));
        assert_eq!(overrides["task_overrides"][0]["taskId"], "10");
        assert_eq!(overrides["param_overrides"][0]["key"], "_key");
        // Task 3 is not renamed, nor is the trigger number.
        assert_eq!(overrides["connection_overrides"][0]["taskId"], "3");
        assert_eq!(overrides["trigger_overrides"][0]["triggerNumber"], "1");
    }
    let test = json(&root.join("dev/tests/smoke.json"));
    let steps = &test["testTaskConfigs"];
    assert_eq!(steps[0]["taskNumber"], "10");
    assert_eq!(steps[0]["taskConfig"]["taskId"], "10");
    assert_eq!(
        steps[0]["mockConfig"]["parameters"][0]["key"],
        "`Task_10_responseBody`"
    );
    assert_eq!(steps[1]["assertions"][0]["parameter"]["key"], "purchaseId");
    assert_eq!(
        steps[1]["assertions"][1]["condition"],
        "$purchaseId$ != \"\""
    );
    assert_eq!(steps[1]["taskConfig"]["nextTasks"][0]["taskId"], "3");
    assert_eq!(test["triggerConfig"]["startTasks"][0]["taskId"], "10");
    // `order` merely begins like `orderId`: the test input keeps it.
    let inputs = json(&root.join("dev/test-configs/smoke.json"));
    assert!(inputs["inputParameters"].get("order").is_some());
    // Only the renamed tokens changed: the text is otherwise byte for byte the same.
    let overrides_old = &before["dev/overrides/overrides.json"];
    let overrides_new = &after["dev/overrides/overrides.json"];
    assert_eq!(
        overrides_old
            .replace("\"taskId\": \"1\"", "\"taskId\": \"10\"")
            .replace("\"_apiKey\"", "\"_key\""),
        *overrides_new
    );
    integ()
        .current_dir(&root)
        .args(["check", "."])
        .assert()
        .code(0);
}

#[test]
fn a_related_file_given_alone_brings_its_integration() {
    let (_dir, root) = workspace("orders");
    integ()
        .current_dir(&root)
        .args([
            "rename",
            "--var",
            "order=purchase",
            "dev/test-configs/smoke.json",
        ])
        .assert()
        .code(0);
    let inputs = json(&root.join("dev/test-configs/smoke.json"));
    assert!(inputs["inputParameters"].get("purchase").is_some());
    let integration = fs::read_to_string(root.join("src/orders.json")).unwrap();
    assert!(integration.contains("\"key\": \"purchase\""));
    assert!(integration.contains("\"$purchase$\""));
    // orderId is a different name and stays.
    assert!(integration.contains("\"key\": \"orderId\""));
    integ()
        .current_dir(&root)
        .args(["check", "."])
        .assert()
        .code(0);
}

#[test]
fn check_and_diff_list_related_files_and_write_nothing() {
    let (_dir, root) = workspace("orders");
    let before = snapshot(&root);
    let out = integ()
        .current_dir(&root)
        .args(["rename", "--check", "--task-id", "3=30", "src/orders.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let listed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        listed,
        "Would change: src/orders.json\nWould change: dev/overrides/overrides.json\n\
         Would change: dev/tests/smoke.json\nWould change: qa/overrides/overrides.json\n"
    );
    let out = integ()
        .current_dir(&root)
        .args(["rename", "--diff", "--task-id", "3=30", "."])
        .output()
        .unwrap();
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.contains("-\t\t\t\"taskId\": \"3\",\n+\t\t\t\"taskId\": \"30\","),
        "{diff}"
    );
    assert_eq!(snapshot(&root), before);
}

#[test]
fn a_refusal_in_a_related_file_leaves_every_file_untouched() {
    let (_dir, root) = workspace("orders");
    // qa's config file already has a key named like the rename's target.
    let qa = root.join("qa/config-variables/orders-config.json");
    let text = fs::read_to_string(&qa).unwrap();
    fs::write(&qa, text.replacen('{', "{\n\t\"`CONFIG_base`\": \"x\",", 1)).unwrap();
    let before = snapshot(&root);
    integ()
        .current_dir(&root)
        .args(["rename", "--var", "`CONFIG_url`=`CONFIG_base`", "."])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "qa/config-variables/orders-config.json: cannot rename variable `CONFIG_url` to \
             `CONFIG_base`: `CONFIG_base` is already declared",
        ))
        .stderr(predicates::str::contains("nothing was written"));
    assert_eq!(snapshot(&root), before);
    // A name found nowhere is refused; a name found only in a related file is renamed there.
    integ()
        .current_dir(&root)
        .args(["rename", "--var", "`CONFIG_nowhere`=`CONFIG_x`", "."])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`CONFIG_nowhere` is not found in any file",
        ));
    integ()
        .current_dir(&root)
        .args(["rename", "--var", "`CONFIG_base`=`CONFIG_legacy`", "."])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("1 file changed"));
    assert!(
        fs::read_to_string(&qa)
            .unwrap()
            .contains("\"`CONFIG_legacy`\": \"x\"")
    );
}

#[test]
fn the_gate_refuses_a_change_that_breaks_the_overrides() {
    let (dir, root) = workspace("orders");
    let rules = dir.path().join("retype.json");
    fs::write(
        &rules,
        r#"{"rules": [{"setValue": {"path": "$.taskConfigs[?@.taskId == '1'].task", "value": "RestTask"}}]}"#,
    )
    .unwrap();
    let before = snapshot(&root);
    integ()
        .current_dir(&root)
        .arg("apply")
        .arg("--rules")
        .arg(&rules)
        .arg(".")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "dev/overrides/overrides.json: the result would have new problems:\n  P001: line 11, column 12: \
             task override for task 1 names GenericRestV2Task, but task 1 of orders.json is a RestTask",
        ))
        .stderr(predicates::str::contains("dev/tests/smoke.json: the result would have new problems"));
    assert_eq!(snapshot(&root), before);
}

#[test]
fn rule_renames_follow_into_related_files() {
    let (dir, root) = workspace("orders");
    let rules = dir.path().join("snake.json");
    fs::write(
        &rules,
        r#"{"rules": [{"convertCase": {"to": "snake", "where": {"backticked": false}}}]}"#,
    )
    .unwrap();
    integ()
        .current_dir(&root)
        .arg("apply")
        .arg("--rules")
        .arg(&rules)
        .arg("src/orders.json")
        .assert()
        .code(0);
    let test = json(&root.join("dev/tests/smoke.json"));
    assert_eq!(
        test["testTaskConfigs"][1]["assertions"][0]["parameter"]["key"],
        "order_id"
    );
    let overrides = json(&root.join("qa/overrides/overrides.json"));
    // A leading underscore is part of the name: only the rest changes case.
    assert_eq!(overrides["param_overrides"][0]["key"], "_api_key");
    integ()
        .current_dir(&root)
        .args(["check", "."])
        .assert()
        .code(0);
}

#[test]
fn stdout_previews_the_one_file_given() {
    let (_dir, root) = workspace("orders");
    let before = snapshot(&root);
    let out = integ()
        .current_dir(&root)
        .args(["rename", "--stdout", "--task-id", "1=10", "src/orders.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        before["src/orders.json"]
            .replace("\"taskId\": \"1\"", "\"taskId\": \"10\"")
            .replace("\"producer\": \"1_1\"", "\"producer\": \"1_10\"")
    );
    assert_eq!(snapshot(&root), before);
}

#[test]
fn folders_shaped_like_a_project_without_integrations_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path();
    for (path, text) in [
        ("src/config.json", r#"{"name": "web app"}"#),
        ("tests/data.json", r#"{"a": 1}"#),
        ("tests/broken.json", "{"),
    ] {
        fs::create_dir_all(app.join(path).parent().unwrap()).unwrap();
        fs::write(app.join(path), text).unwrap();
    }
    // src/config.json is no integration, so tests/ is not its test folder.
    integ()
        .current_dir(app)
        .args(["check", "src/config.json"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("1 JSON file skipped"));
    integ()
        .current_dir(app)
        .args(["rename", "--var", "a=b", "src/config.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "variable a is not found in any file",
        ))
        .stderr(predicates::str::contains("broken.json").not());

    // Integrations kept in tests/ beside src/ stay integrations: renamed and checked as such.
    let (_keep, root) = workspace("orders");
    fs::copy(
        root.join("src/orders.json"),
        root.join("dev/tests/variant.json"),
    )
    .unwrap();
    integ()
        .current_dir(&root)
        .args([
            "rename",
            "--var",
            "orderId=purchaseId",
            "src/orders.json",
            "dev/tests/variant.json",
        ])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(root.join("dev/tests/variant.json")).unwrap(),
        fs::read_to_string(root.join("src/orders.json")).unwrap()
    );
    let (found, code) = findings(&root, &["."]);
    assert_eq!((found.len(), code), (0, 0), "{found:?}");
}
