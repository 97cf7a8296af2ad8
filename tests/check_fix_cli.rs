//! `integ check --fix`, `--unsafe-fixes`, `--diff` and the CI knobs (`--fail-on`,
//! `--max-warnings`, `--strict`, severities in `integ.toml`) through the binary.

mod common;

use std::path::{Path, PathBuf};

use common::integ;
use predicates::str::contains;

fn fix_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fix")
        .join(name)
}

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Copies the fix fixtures `names` into a fresh folder.
fn copies(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        std::fs::copy(fix_fixture(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn stdout_of(args: &[&str], dir: &Path) -> (String, String, i32) {
    let out = integ().current_dir(dir).args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn human_output_marks_what_fix_would_fix() {
    let dir = copies(&["L008.json", "L005.json"]);
    let (stdout, stderr, code) = stdout_of(&["check", "."], dir.path());
    assert_eq!(code, 0, "warnings only: {stdout}");
    assert!(stdout.contains("warning[L008]: [*] databasePersistencePolicy is \"\""));
    // L005's fix is unsafe: not marked, but counted as one --unsafe-fixes would add.
    assert!(stdout.contains("warning[L005]: variable leftover is declared but never used"));
    assert!(
        stderr.contains("[*] 4 findings fixable with `--fix` (3 more with `--unsafe-fixes`)."),
        "{stderr}"
    );
    let (stdout, stderr, _) = stdout_of(&["check", "--unsafe-fixes", "."], dir.path());
    assert!(stdout.contains("warning[L005]: [*] variable leftover is declared but never used"));
    assert!(stderr.contains("[*] 7 findings fixable with `--fix`.\n"));
}

#[test]
fn fix_writes_safe_fixes_then_reports_what_is_left() {
    let dir = copies(&["L008.json", "L005.json"]);
    let (stdout, stderr, code) = stdout_of(&["check", "--fix", "."], dir.path());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("Fixed L008 empty-enum: 4 findings in 1 file"),
        "{stderr}"
    );
    assert!(stderr.contains("1 file changed"), "{stderr}");
    assert_eq!(
        read(&dir.path().join("L008.json")),
        read(&fix_fixture("L008.fixed.json"))
    );
    assert_eq!(
        read(&dir.path().join("L005.json")),
        read(&fix_fixture("L005.json"))
    );
    // What is left is reported as by `integ check`: the unsafe ones.
    assert!(!stdout.contains("[L008]"));
    assert_eq!(stdout.matches("warning[L005]").count(), 3, "{stdout}");

    let (_, stderr, code) = stdout_of(&["check", "--fix", "--unsafe-fixes", "."], dir.path());
    assert_eq!(code, 0);
    assert!(
        stderr.contains("Fixed L005 unused-variable: 3 findings in 1 file"),
        "{stderr}"
    );
    assert_eq!(
        read(&dir.path().join("L005.json")),
        read(&fix_fixture("L005.fixed.json"))
    );
}

#[test]
fn a_second_fix_changes_nothing() {
    let names = [
        "L005.json",
        "L008.json",
        "L010.json",
        "L016.json",
        "L015.json",
    ];
    let dir = copies(&names);
    let args = ["check", "--fix", "--unsafe-fixes", "."];
    stdout_of(&args, dir.path());
    let first: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(dir.path().join(n)).unwrap())
        .collect();
    let (stdout, stderr, code) = stdout_of(&args, dir.path());
    assert!(stderr.contains("0 files changed"), "{stderr}");
    assert!(!stdout.contains("[*]"), "{stdout}");
    assert_eq!(code, 0);
    for (name, before) in names.iter().zip(first) {
        assert_eq!(
            std::fs::read(dir.path().join(name)).unwrap(),
            before,
            "{name}"
        );
    }
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = copies(&["L008.json"]);
    let file = dir.path().join("L008.json");
    let before = read(&file);
    let (stdout, stderr, code) = stdout_of(&["check", "--diff", "L008.json"], dir.path());
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("--- a/L008.json\n+++ b/L008.json\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\n-  \"databasePersistencePolicy\": \"\",\n"));
    assert!(stderr.contains("Would fix L008 empty-enum: 4 findings in 1 file"));
    assert_eq!(read(&file), before);
    // Nothing to fix: no diff, exit 0.
    let clean = repo("tests/fixtures/check/clean.json");
    integ()
        .args(["check", "--diff"])
        .arg(&clean)
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn opt_in_check_is_reported_and_fixed_only_when_selected() {
    let dir = copies(&["L019.json", "L019-envelope.json"]);
    let (stdout, _, _) = stdout_of(&["check", "."], dir.path());
    assert!(!stdout.contains("L019"), "{stdout}");
    let (stdout, _, _) = stdout_of(&["check", "--select", "L", "."], dir.path());
    assert!(
        !stdout.contains("L019"),
        "a prefix does not turn it on: {stdout}"
    );
    let (stdout, _, _) = stdout_of(&["check", "--select", "output-only-field", "."], dir.path());
    assert!(stdout.contains("warning[L019]: [*] name is set by the server"));
    let (_, stderr, code) = stdout_of(&["check", "--select", "L019", "--fix", "."], dir.path());
    assert_eq!(code, 0, "{stderr}");
    for name in ["L019.json", "L019-envelope.json"] {
        let expected = fix_fixture(name).with_extension("fixed.json");
        assert_eq!(read(&dir.path().join(name)), read(&expected), "{name}");
    }
}

#[test]
fn standard_input_is_printed_fixed() {
    integ()
        .args(["check", "--fix", "-"])
        .write_stdin(read(&fix_fixture("L008.json")))
        .assert()
        .code(0)
        .stdout(read(&fix_fixture("L008.fixed.json")));
    // Not an integration: printed back as it came.
    integ()
        .args(["check", "--fix", "-"])
        .write_stdin("{\"a\": 1}")
        .assert()
        .code(0)
        .stdout("{\"a\": 1}");
}

/// The orders project of tests/fixtures/integrationcli with a config variable the integration
/// no longer uses (its config-variables files still set it) and an empty enum.
fn project_with_an_unused_config_variable() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = repo("tests/fixtures/integrationcli/orders");
    for entry in walk(&source) {
        let target = dir.path().join(entry.strip_prefix(&source).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
    let flow = dir.path().join("src/orders.json");
    let text = read(&flow)
        .replace(" + event.getParameter(\\\"`CONFIG_env`\\\")", "")
        .replace(
            "\"databasePersistencePolicy\": \"DATABASE_PERSISTENCE_ASYNC\"",
            "\"databasePersistencePolicy\": \"\"",
        );
    assert_ne!(text, read(&flow));
    std::fs::write(&flow, text).unwrap();
    dir
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_fix_the_gate_refuses_writes_nothing_in_the_batch() {
    let project = project_with_an_unused_config_variable();
    let other = copies(&["L008.json"]);
    let flow = project.path().join("src/orders.json");
    let (flow_before, other_before) = (read(&flow), read(&other.path().join("L008.json")));
    let (stdout, _, code) = stdout_of(&["check", "--unsafe-fixes", "."], project.path());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("[*] config variable `CONFIG_env` is declared but never used"));
    // Removing CONFIG_env leaves the config-variables files setting an undeclared variable.
    let output = integ()
        .args(["check", "--fix", "--unsafe-fixes"])
        .arg(project.path())
        .arg(other.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the result would have new problems"),
        "{stderr}"
    );
    assert!(stderr.contains("P002"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(read(&flow), flow_before);
    assert_eq!(read(&other.path().join("L008.json")), other_before);
    // The safe fixes alone pass the gate.
    integ()
        .args(["check", "--fix"])
        .arg(project.path())
        .arg(other.path())
        .assert()
        .code(0)
        .stderr(contains("2 files changed"));
    assert!(!read(&flow).contains("databasePersistencePolicy"));
    assert!(read(&flow).contains("`CONFIG_env`"));
}

#[test]
fn explain_says_whether_a_check_has_a_fix() {
    let first_line = |code: &str| {
        let out = integ().args(["explain", code]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines().next().unwrap().to_string()
    };
    assert_eq!(
        first_line("L008"),
        "# L008 empty-enum (default severity: warning, fix: safe)"
    );
    assert_eq!(
        first_line("unused-variable"),
        "# L005 unused-variable (default severity: warning, fix: unsafe)"
    );
    assert_eq!(
        first_line("L019"),
        "# L019 output-only-field (default severity: warning, fix: safe, opt-in)"
    );
    assert_eq!(
        first_line("L001"),
        "# L001 dangling-task-reference (default severity: error)"
    );
}

#[test]
fn fail_on_and_max_warnings_decide_exit_1() {
    let warnings = repo("tests/fixtures/check/warnings.json");
    let run = |args: &[&str]| {
        integ()
            .arg("check")
            .args(args)
            .arg(&warnings)
            .output()
            .unwrap()
            .status
            .code()
            .unwrap()
    };
    assert_eq!(run(&[]), 0);
    assert_eq!(run(&["--fail-on", "warning"]), 1);
    assert_eq!(run(&["--fail-on", "info"]), 1);
    assert_eq!(run(&["--fail-on", "warning", "--exit-zero"]), 0);
    assert_eq!(run(&["--max-warnings", "0"]), 1);
    assert_eq!(run(&["--max-warnings", "100"]), 0);
    assert_eq!(run(&["--fail-on", "fatal"]), 2);
    // An info alone fails only --fail-on info.
    let info = repo("examples/order-processing.json");
    for (fail_on, expected) in [("error", 0), ("warning", 0), ("info", 1)] {
        integ()
            .args(["check", "--fail-on", fail_on])
            .arg(&info)
            .assert()
            .code(expected);
    }
}

#[test]
fn strict_makes_unknown_keys_errors_unless_integ_toml_says_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.json");
    std::fs::write(
        &file,
        r#"{"taskConfigs": [], "triggerConfigs": [{"alterConfig": []}]}"#,
    )
    .unwrap();
    integ()
        .args(["check"])
        .arg(&file)
        .assert()
        .code(0)
        .stderr(contains("All checks passed"));
    integ()
        .args(["check", "--strict"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(contains("error[S002]"));
    std::fs::write(
        dir.path().join("integ.toml"),
        "[check]\nstrict = true\n\n[check.severity]\nS002 = \"warning\"\n",
    )
    .unwrap();
    integ()
        .args(["check", "--strict"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout(contains("warning[S002]"));
    // `strict = true` in integ.toml is --strict.
    std::fs::write(dir.path().join("integ.toml"), "[check]\nstrict = true\n").unwrap();
    integ()
        .args(["check"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(contains("error[S002]"));
}
