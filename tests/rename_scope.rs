//! Renames stay inside one integration unless asked: task ids are numbered per integration, so
//! a task-id rename that would reach several integrations is refused unless `--integration`
//! picks one or `--all-integrations` asks for every one; rule files have `integration` too.
//! Variable renames reach every integration and say which.

mod common;

use std::path::{Path, PathBuf};

use common::integ;

/// A folder with the two bundled examples, which both have tasks 1 and 2 (task 2 produces
/// `` `Task_2_responseStatus` `` in both).
fn two_integrations() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in ["customer-sync.json", "order-processing.json"] {
        std::fs::copy(examples.join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn example(name: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
    )
    .unwrap()
}

/// Runs integ with `args` in `dir`: its exit code and standard error.
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = integ().args(args).current_dir(dir).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_task_id_in_two_integrations_is_refused_and_nothing_is_written() {
    let dir = two_integrations();
    let (code, stderr) = run(
        dir.path(),
        &["rename", "--task-id", "2=20", "--with-variables", "."],
    );
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("task id 2 is in 2 integrations"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  customer-sync (./customer-sync.json)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  order-processing (./order-processing.json)"),
        "{stderr}"
    );
    assert!(stderr.contains("--integration NAME"), "{stderr}");
    assert_eq!(
        read(dir.path(), "customer-sync.json"),
        example("customer-sync.json")
    );
    assert_eq!(
        read(dir.path(), "order-processing.json"),
        example("order-processing.json")
    );
}

#[test]
fn integration_picks_one_by_name_or_file() {
    for selector in [
        "order-processing",
        "order-processing.json",
        "./order-processing.json",
    ] {
        let dir = two_integrations();
        integ()
            .args([
                "rename",
                "--task-id",
                "2=20",
                "--with-variables",
                "--integration",
                selector,
                ".",
            ])
            .current_dir(dir.path())
            .assert()
            .code(0);
        assert_eq!(
            read(dir.path(), "customer-sync.json"),
            example("customer-sync.json")
        );
        let renamed = read(dir.path(), "order-processing.json");
        assert!(renamed.contains("\"taskId\": \"20\""), "{selector}");
        assert!(renamed.contains("`Task_20_responseStatus`"), "{selector}");
        assert!(!renamed.contains("`Task_2_responseStatus`"), "{selector}");
    }
}

#[test]
fn all_integrations_renames_the_id_in_every_one() {
    let dir = two_integrations();
    let (code, stderr) = run(
        dir.path(),
        &["rename", "--task-id", "2=20", "--all-integrations", "."],
    );
    assert_eq!(code, Some(0));
    assert!(
        stderr.contains("in 2 files (2 integrations: customer-sync, order-processing)"),
        "{stderr}"
    );
    for name in ["customer-sync.json", "order-processing.json"] {
        assert_ne!(read(dir.path(), name), example(name), "{name}");
    }
}

#[test]
fn a_variable_rename_over_several_integrations_names_them() {
    let dir = two_integrations();
    let (code, stderr) = run(
        dir.path(),
        &[
            "rename",
            "--var",
            "`Task_2_responseStatus`=`Task_2_status`",
            "--check",
            ".",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("(2 integrations: customer-sync, order-processing)"),
        "{stderr}"
    );
    // One integration: no list.
    let (_, stderr) = run(
        dir.path(),
        &["rename", "--var", "order=purchase", "--check", "."],
    );
    assert!(stderr.contains("in 1 file\n"), "{stderr}");
}

#[test]
fn rule_files_and_apply_take_the_same_scope() {
    let dir = two_integrations();
    let rules = dir.path().join("rules.json");
    let write_rules = |integration: Option<&str>| {
        let field = integration.map_or(String::new(), |n| format!("\"integration\": \"{n}\", "));
        let text = format!(
            "{{{field}\"rules\": [{{\"renameTask\": {{\"from\": \"1\", \"to\": \"10\"}}}}]}}"
        );
        std::fs::write(&rules, text).unwrap();
    };
    write_rules(None);
    let (code, stderr) = run(
        dir.path(),
        &["apply", "--rules", "rules.json", "--check", "."],
    );
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("task id 1 is in 2 integrations"),
        "{stderr}"
    );

    write_rules(Some("customer-sync"));
    integ()
        .args(["apply", "--rules", "rules.json", "."])
        .current_dir(dir.path())
        .assert()
        .code(0);
    assert_ne!(
        read(dir.path(), "customer-sync.json"),
        example("customer-sync.json")
    );
    assert_eq!(
        read(dir.path(), "order-processing.json"),
        example("order-processing.json")
    );

    // On the command line, --integration narrows every rule file; --all-integrations widens.
    let dir = two_integrations();
    write_rules(None);
    std::fs::copy(&rules, dir.path().join("rules.json")).unwrap();
    integ()
        .args([
            "apply",
            "--rules",
            "rules.json",
            "--integration",
            "order-processing",
            ".",
        ])
        .current_dir(dir.path())
        .assert()
        .code(0);
    assert_eq!(
        read(dir.path(), "customer-sync.json"),
        example("customer-sync.json")
    );
    assert_ne!(
        read(dir.path(), "order-processing.json"),
        example("order-processing.json")
    );
}
