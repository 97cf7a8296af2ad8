//! `integ diff` through the binary: formats, renames, what does not count, git modes, folders,
//! errors. Fixtures: tests/fixtures/diff/order-flow.*.json (console layout); v2 renames variable
//! `order` to `purchase`, edits tasks 2–4, adds task 77 behind task 5, adds variable
//! `customer`, moves task 1 and changes volatile metadata; task-renamed renumbers task 2 to 20
//! the way `integ rename` would (edges, producers, `Task_2_*` variables).
// `common` says on stderr when the corpus is missing.
#![allow(clippy::print_stderr)]

mod common;

use std::path::{Path, PathBuf};

use common::integ;
use predicates::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(name)
}

fn v1() -> PathBuf {
    fixture("order-flow.v1.json")
}

fn v2() -> PathBuf {
    fixture("order-flow.v2.json")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Writes `text` to `name` in `dir` and returns the path.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn stdout_of(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let output = integ().arg("diff").args(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

fn json_changes(old: &Path, new: &Path, extra: &[&str]) -> Vec<Value> {
    let output = integ()
        .arg("diff")
        .args(["--format", "json"])
        .args(extra)
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    value["changes"].as_array().unwrap().clone()
}

fn summary(changes: &[Value]) -> Vec<String> {
    changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c["kind"].as_str().unwrap(),
                c["entity"].as_str().unwrap(),
                c["id"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn human_account_of_a_realistic_pair() {
    integ()
        .arg("diff")
        .arg(v1())
        .arg(v2())
        .assert()
        .code(1)
        .stdout(concat!(
            "integration: cloudLoggingDetails.cloudLoggingSeverity \"WARNING\" → \"INFO\"\n",
            "task 2 \"Call order API\": parameter url \"https://api.example.com/orders/$orderId$?expand=items\" → \"https://api.example.com/orders/$orderId$?expand=items,customer\"\n",
            "task 3 \"Transform order\":\n",
            "  displayName \"Transform order\" → \"Shape order\"\n",
            "  mappedFields[1] added $purchase.customer$ ⇒ $customer$\n",
            "task 4 \"Finish\":\n",
            "  parameter script changed:\n",
            "    -   var order = event.getParameter(\"order\");\n",
            "    +   var order = event.getParameter(\"purchase\");\n",
            "    +   event.setParameter(\"orderStatus\", \"DONE\");\n",
            "task 77 \"Extra mail\" added; edge 5 → 77 added\n",
            "variable customer added\n",
            "variable order renamed to purchase (7 references)\n",
            "task 1 \"Read order\": moved\n",
        ));
}

#[test]
fn json_lists_each_change_once_in_a_stable_order() {
    let changes = json_changes(&v1(), &v2(), &[]);
    assert_eq!(
        summary(&changes),
        [
            "changed integration order-flow",
            "changed task 1",
            "changed task 2",
            "changed task 3",
            "changed task 4",
            "added task 77",
            "added edge 5 -> 77",
            "added variable customer",
            "renamed variable order",
        ]
    );
    let renamed = &changes[8];
    assert_eq!(renamed["old"], "order");
    assert_eq!(renamed["new"], "purchase");
    assert_eq!(renamed["references"], 7);
    assert_eq!(renamed["fields"], serde_json::json!([]));
    let added = &changes[5];
    assert_eq!(added["label"], "Extra mail");
    assert_eq!(added["new"]["task"], "EmailTask");
    assert!(added["old"].is_null());
    let url = &changes[2]["fields"][0];
    assert_eq!(url["path"], "/parameters/url/value/stringValue");
    assert_eq!(
        url["old"],
        "https://api.example.com/orders/$orderId$?expand=items"
    );
    // The same comparison again gives the same bytes.
    let again = json_changes(&v1(), &v2(), &[]);
    assert_eq!(changes, again);
}

#[test]
fn removed_is_the_mirror_of_added() {
    let changes = json_changes(&v2(), &v1(), &[]);
    let s = summary(&changes);
    assert!(s.contains(&"removed task 77".to_string()), "{s:?}");
    assert!(s.contains(&"removed edge 5 -> 77".to_string()), "{s:?}");
    assert!(
        s.contains(&"removed variable customer".to_string()),
        "{s:?}"
    );
    assert!(
        s.contains(&"renamed variable purchase".to_string()),
        "{s:?}"
    );
}

#[test]
fn task_id_rename_is_one_change() {
    let renamed = fixture("order-flow.task-renamed.json");
    integ()
        .arg("diff")
        .arg(v1())
        .arg(&renamed)
        .assert()
        .code(1)
        .stdout("task 2 \"Call order API\" renamed to 20 (14 references, with 2 variables)\n");
    let changes = json_changes(&v1(), &renamed, &[]);
    assert_eq!(summary(&changes), ["renamed task 2"]);
    assert_eq!(changes[0]["new"], "20");
    assert_eq!(
        changes[0]["variables"][1]["new"],
        "`Task_20_responseStatus`"
    );
}

#[test]
fn variable_rename_needs_the_references_to_move() {
    // Rename the declaration only: the references still say `order`, so it is no rename.
    let dir = tempfile::tempdir().unwrap();
    let text = read(&v1()).replace("\"key\": \"order\"", "\"key\": \"purchase\"");
    let half = write(dir.path(), "half.json", &text);
    let s = summary(&json_changes(&v1(), &half, &[]));
    assert_eq!(s, ["removed variable order", "added variable purchase"]);
}

#[test]
fn metadata_only_change_is_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let text = read(&v1())
        .replace("2024-05-02T10:00:00.410Z", "2025-01-01T00:00:00.000Z")
        .replace("dev@example.com", "someone@example.com")
        .replace("6c1d2f0a-4b7e-4c11-9d3a-0e5f6a7b8c9d", "00000000-0000-0000-0000-000000000000")
        .replacen("{\n", "{\n  \"snapshotNumber\": \"7\",\n  \"state\": \"ACTIVE\",\n  \"lockHolder\": \"x@example.com\",\n", 1);
    let touched = write(dir.path(), "touched.json", &text);
    integ()
        .arg("diff")
        .arg(v1())
        .arg(&touched)
        .assert()
        .code(0)
        .stdout("")
        .stderr("No semantic changes.\n");
    let with_metadata = json_changes(&v1(), &touched, &["--include-metadata"]);
    let paths: Vec<&str> = with_metadata[0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "/name",
            "/updateTime",
            "/lastModifierEmail",
            "/snapshotNumber",
            "/state",
            "/lockHolder"
        ]
    );
}

#[test]
fn layout_only_change_is_no_change() {
    let dir = tempfile::tempdir().unwrap();
    // Another layout, key order, escape style and task order; the Data Mapping payload
    // single-quoted and minified; zero coordinates and proto3 defaults spelled out.
    let mut value: Value = serde_json::from_str(&read(&v1())).unwrap();
    let tasks = value["taskConfigs"].as_array_mut().unwrap();
    tasks.reverse();
    let mapping = tasks.iter_mut().find(|t| t["taskId"] == "1").unwrap();
    let payload = mapping["parameters"]["FieldMappingConfigTaskParameterKey"]["value"]["jsonValue"]
        .as_str()
        .unwrap()
        .to_string();
    let compact: Value = serde_json::from_str(&payload).unwrap();
    let single_quoted = serde_json::to_string(&compact).unwrap().replace('"', "'");
    mapping["parameters"]["FieldMappingConfigTaskParameterKey"]["value"]["jsonValue"] =
        Value::String(single_quoted);
    mapping["position"]["y"] = Value::from(0);
    mapping["nextTasksExecutionPolicy"] = Value::from("NEXT_TASKS_EXECUTION_POLICY_UNSPECIFIED");
    // Keys in reverse order.
    let reversed: serde_json::Map<String, Value> = mapping
        .as_object()
        .unwrap()
        .iter()
        .rev()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    *mapping = Value::Object(reversed);
    value["databasePersistencePolicy"] = Value::from("");
    let text: String = serde_json::to_string_pretty(&value)
        .unwrap()
        .lines()
        .map(|line| {
            let body = line.trim_start_matches(' ');
            format!("{}{body}\n", "\t".repeat((line.len() - body.len()) / 2))
        })
        .collect();
    let other = write(dir.path(), "other-layout.json", &text);
    integ()
        .arg("diff")
        .arg(v1())
        .arg(&other)
        .assert()
        .code(0)
        .stdout("");
    integ()
        .args(["diff", "--format", "unified"])
        .arg(v1())
        .arg(&other)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn ignore_patterns_leave_paths_out() {
    integ()
        .args([
            "diff",
            "--ignore",
            "/**/position",
            "--ignore",
            "/cloudLoggingDetails",
        ])
        .arg(v1())
        .arg(v2())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("moved").not())
        .stdout(predicate::str::contains("integration").not())
        .stdout(predicate::str::contains("task 3 \"Transform order\""));
    // When all that differs is ignored, there is no change.
    let dir = tempfile::tempdir().unwrap();
    let moved = write(
        dir.path(),
        "moved.json",
        &read(&v1()).replace("\"x\": -160", "\"x\": -170"),
    );
    let (code, out) = stdout_of(&[v1().as_os_str(), moved.as_os_str()]);
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "task 3 \"Transform order\": moved\ntask 4 \"Finish\": moved\n"
        )
    );
    integ()
        .args(["diff", "--ignore", "/taskConfigs/*/position/x"])
        .arg(v1())
        .arg(&moved)
        .assert()
        .code(0);
    integ()
        .args(["diff", "--ignore", "taskConfigs"])
        .arg(v1())
        .arg(v2())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("starts with `/`"));
}

#[test]
fn unified_diff_of_normalised_text() {
    let output = integ()
        .args(["diff", "--format", "unified"])
        .arg(v1())
        .arg(v2())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with(&format!("--- {}\n+++ {}\n", v1().display(), v2().display())),
        "{text}"
    );
    assert!(
        text.contains("-      \"displayName\": \"Transform order\",\n"),
        "{text}"
    );
    assert!(
        text.contains("+      \"displayName\": \"Shape order\",\n"),
        "{text}"
    );
    // Volatile fields are not in the normalised text; JSON held in strings is expanded.
    assert!(!text.contains("updateTime"), "{text}");
    assert!(!text.contains("\\u003d"), "{text}");
}

#[test]
fn textconv_prints_the_normalised_text() {
    let output = integ()
        .args(["diff", "--textconv"])
        .arg(v1())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert!(value.get("updateTime").is_none());
    assert_eq!(
        value["taskConfigs"][0]["parameters"]["FieldMappingConfigTaskParameterKey"]["value"]["jsonValue"]
            ["mappedFields"][0]["outputField"]["referenceKey"],
        "$orderId$"
    );
    integ()
        .args(["diff", "--textconv"])
        .arg(v1())
        .arg(v2())
        .assert()
        .code(2);
}

#[test]
fn git_external_diff_driver() {
    let v1 = v1();
    let v2 = v2();
    let git = |old: &Path, new: &Path| {
        integ()
            .arg("diff")
            .arg("flows/order-flow.json")
            .arg(old)
            .args(["1111111", "100644"])
            .arg(new)
            .args(["2222222", "100644"])
            .output()
            .unwrap()
    };
    let changed = git(&v1, &v2);
    assert_eq!(
        changed.status.code(),
        Some(0),
        "git stops on a non-zero exit"
    );
    let text = String::from_utf8(changed.stdout).unwrap();
    assert!(text.starts_with("integ diff a/flows/order-flow.json b/flows/order-flow.json\n"));
    assert!(text.contains("variable order renamed to purchase (7 references)\n"));

    let same = git(&v1, &v1);
    assert_eq!(same.status.code(), Some(0));
    assert!(
        String::from_utf8(same.stdout)
            .unwrap()
            .contains("no semantic changes")
    );

    let added = git(Path::new("/dev/null"), &v2);
    assert_eq!(added.status.code(), Some(0));
    assert!(
        String::from_utf8(added.stdout)
            .unwrap()
            .contains("integration order-flow added\n")
    );
    let deleted = git(&v1, Path::new("/dev/null"));
    assert!(
        String::from_utf8(deleted.stdout)
            .unwrap()
            .contains("integration order-flow removed\n")
    );

    // A version that is not valid JSON: said on stderr, shown as text, still exit 0.
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "broken.json", "{\"taskConfigs\": [\n");
    let output = git(&v1, &broken);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("broken.json:2:1: invalid JSON"), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("--- a/flows/order-flow.json\n+++ b/flows/order-flow.json\n"));
    assert!(stdout.contains("+{\"taskConfigs\": [\n"));
}

#[test]
fn git_rename_and_unmerged_calls() {
    // For a renamed file git passes nine arguments: the new path and a message follow.
    let output = integ()
        .arg("diff")
        .arg("old/flow.json")
        .arg(v1())
        .args(["1111111", "100644"])
        .arg(v2())
        .args([
            "2222222",
            "100644",
            "new/flow.json",
            "similarity index 90%\n",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("integ diff a/old/flow.json b/new/flow.json\n"),
        "{text}"
    );
    // An unmerged path comes alone.
    integ()
        .args(["diff", "flow.json"])
        .env("GIT_DIFF_PATH_TOTAL", "1")
        .assert()
        .code(0)
        .stdout("* Unmerged path flow.json\n");
    integ()
        .args(["diff", "flow.json"])
        .env_remove("GIT_DIFF_PATH_TOTAL")
        .assert()
        .code(2);
}

/// The configuration the docs give, run by git itself.
#[test]
#[cfg_attr(integ_no_git, ignore = "git is not installed")]
fn git_uses_the_driver_and_the_textconv_filter() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let output = std::process::Command::new("git")
            .args(args)
            .current_dir(repo)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_PAGER", "cat")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    git(&["init", "-q"]);
    write(repo, ".gitattributes", "*.json diff=integ\n");
    write(repo, "flow.json", &read(&v1()));
    git(&["add", "."]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-qm",
        "v1",
    ]);
    write(repo, "flow.json", &read(&v2()));
    let bin = env!("CARGO_BIN_EXE_integ");
    let driver = format!("diff.integ.command={bin} diff");
    let text = git(&["-c", &driver, "diff"]);
    assert!(
        text.starts_with("integ diff a/flow.json b/flow.json\n"),
        "{text}"
    );
    assert!(
        text.contains("variable order renamed to purchase (7 references)\n"),
        "{text}"
    );
    let textconv = format!("diff.integ.textconv={bin} diff --textconv");
    let text = git(&["-c", &textconv, "diff"]);
    assert!(
        text.contains("-      \"displayName\": \"Transform order\",\n"),
        "{text}"
    );
    assert!(!text.contains("updateTime"), "{text}");
}

#[test]
fn folders_pair_by_integration_name() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    // Paired although the file names differ: the `name` field says order-flow.
    write(&a, "order-flow.json", &read(&v1()));
    write(&b, "exports/order-flow-v2.json", &read(&v2()));
    write(&a, "same.json", "{\"taskConfigs\": [{\"taskId\": \"1\"}]}");
    write(&b, "same.json", "{\"taskConfigs\": [{\"taskId\": \"1\"}]}");
    write(&a, "retired.json", "{\"taskConfigs\": []}");
    write(&b, "fresh.json", "{\"triggerConfigs\": []}");
    write(&b, "overrides.json", "{\"task_overrides\": []}");
    let output = integ().arg("diff").arg(&a).arg(&b).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "integration fresh added ({})",
            b.join("fresh.json").display()
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "order-flow: {} → {}",
            a.join("order-flow.json").display(),
            b.join("exports/order-flow-v2.json").display()
        )
    );
    assert!(lines.contains(&"  variable order renamed to purchase (7 references)"));
    assert_eq!(
        *lines.last().unwrap(),
        format!(
            "integration retired removed ({})",
            a.join("retired.json").display()
        )
    );
    assert!(
        !text.contains("same"),
        "an unchanged pair prints nothing: {text}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("Skipped 1 JSON files that are not integrations."),
        "{stderr}"
    );

    let output = integ()
        .args(["diff", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = value["integrations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["fresh", "order-flow", "retired", "same"]);
    assert_eq!(value["integrations"][0]["changes"][0]["kind"], "added");
    assert_eq!(value["integrations"][3]["changes"], serde_json::json!([]));

    // Two folders with the same integrations: nothing to report.
    integ()
        .arg("diff")
        .arg(&a)
        .arg(&a)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn errors_exit_2_and_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "broken.json", "{\n  \"taskConfigs\": [,]\n}");
    integ()
        .arg("diff")
        .arg(v1())
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.json:2:19: invalid JSON"));
    integ()
        .arg("diff")
        .arg(v1())
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.json: no such file or folder",
        ));
    let array = write(dir.path(), "array.json", "[1, 2]");
    integ()
        .arg("diff")
        .arg(&array)
        .arg(v1())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an integration"));
    integ()
        .arg("diff")
        .arg(v1())
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot compare a folder with a file",
        ));
    integ()
        .args(["diff", "-", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only one side"));
    integ()
        .args(["diff", "a", "b", "c"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("takes OLD and NEW"));
    // A folder holding an invalid file: the others are still compared, the exit says error.
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    write(&a, "flow.json", &read(&v1()));
    write(&b, "flow.json", &read(&v2()));
    write(&b, "bad.json", "{");
    integ()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "variable order renamed to purchase",
        ))
        .stderr(predicate::str::contains("bad.json:1:2: invalid JSON"));
}

#[test]
fn stdin_and_envelopes() {
    // The new version comes on stdin, wrapped in a download envelope.
    let envelope = serde_json::json!({ "content": read(&v2()) }).to_string();
    integ()
        .arg("diff")
        .arg(v1())
        .arg("-")
        .write_stdin(envelope)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "variable order renamed to purchase (7 references)",
        ));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = integ().arg("diff").arg(v1()).arg(v2()).output().unwrap();
    assert!(!String::from_utf8(plain.stdout).unwrap().contains('\x1b'));
    let coloured = integ()
        .args(["--color", "always", "diff"])
        .arg(v1())
        .arg(v2())
        .output()
        .unwrap();
    let text = String::from_utf8(coloured.stdout).unwrap();
    assert!(text.contains("\x1b[32madded\x1b[0m"), "{text}");
    assert!(
        text.contains("\x1b[36mrenamed to purchase\x1b[0m"),
        "{text}"
    );
}

/// A real pair of versions of one integration (flavor C export and a console download).
#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn real_pair_from_the_corpus() {
    let dir = common::corpus_dir();
    let old = dir.join("nando-carvalho__app-integration-cicd__src__crud-ipnet-bigquery.json");
    let new = dir.join("nando-carvalho__app-integration-cicd__src__crud-ipnet-bigquery-v18.json");
    assert!(old.exists() && new.exists(), "the corpus pair is missing");
    integ()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1)
        .stdout(concat!(
            "integration: userLabel removed (was \"21\")\n",
            "variable pageSizeItens: defaultValue added \"1\"\n",
            "5 triggers and 10 tasks placed on the canvas (the old version had no position)\n",
        ));
}

/// Layout never counts: every corpus file against its minified and its tab-indented self
/// (compared in-process: the binary is covered above).
#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn corpus_files_equal_their_reformatted_selves() {
    use integ::diff::{Options, compare};
    use integ::document::Document;
    use integ::format::{Style, reprint};
    for path in common::corpus_files() {
        let file = integ::source::SourceFile::read(&path).unwrap();
        let doc = file.document();
        for style in [Style::Minified, Style::Tab] {
            let other = Document::parse(reprint(doc, style)).unwrap();
            let changes = compare(doc, &other, &Options::default());
            assert!(changes.is_empty(), "{}: {changes:?}", common::name(&path));
        }
    }
}
