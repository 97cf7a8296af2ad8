//! The flow lints (L020–L024) through the binary: calls checked across the files of a run.

mod common;

use std::path::PathBuf;

use common::integ;
use serde_json::Value;

fn calls_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flow/calls")
}

/// `(file name, code, line, message)` of each finding of a JSON run.
fn findings(args: &[&str], paths: &[PathBuf]) -> (Vec<(String, String, u64, String)>, i32) {
    let output = integ()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = PathBuf::from(d["path"].as_str().unwrap());
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (found, output.status.code().unwrap())
}

#[test]
fn a_call_is_checked_against_the_integration_it_calls_in_the_same_run() {
    let (found, code) = findings(&["--select", "L023"], &[calls_dir()]);
    assert_eq!(code, 1);
    let summary: Vec<(&str, u64, &str)> = found
        .iter()
        .map(|(file, _, line, message)| (file.as_str(), *line, message.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "orders.json",
                45,
                "task 1 (\"Price order\") passes \"orderRequest\", but integration pricing \
                 (pricing.json) declares it without inputOutputType, not as an input (IN or IN_OUT)"
            ),
            (
                "orders.json",
                45,
                "task 1 (\"Price order\") passes \"currency\", but integration pricing \
                 (pricing.json) declares no such variable"
            ),
            (
                "orders.json",
                51,
                "task 1 (\"Price order\") maps \"price\" (STRING_VALUE in integration pricing \
                 (pricing.json)) into \"total\", declared JSON_VALUE here"
            ),
        ]
    );
    // Alone, the caller has nothing to be checked against.
    let (found, code) = findings(&["--select", "L023"], &[calls_dir().join("orders.json")]);
    assert!(found.is_empty() && code == 0, "{found:?}");
}

#[test]
fn a_calling_file_is_printed_after_the_others_with_all_its_findings() {
    let output = integ()
        .args(["check", "--color", "never"])
        .arg(calls_dir())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    let callee = text.find("pricing.json:").expect("the callee's L020");
    let caller = text.find("orders.json:").expect("the caller's L023");
    assert!(callee < caller, "{text}");
    assert_eq!(text.matches("error[L023]").count(), 3, "{text}");
    // The summary goes to stderr, after the findings.
    let summary = String::from_utf8(output.stderr).unwrap();
    assert!(
        summary.ends_with("Found 3 errors, 1 warning and 0 infos in 2 files (2 checked).\n"),
        "{summary}"
    );
    // Selection and ignores apply to the findings across files like to any other.
    integ()
        .args(["check", "--ignore", "L023,L020"])
        .arg(calls_dir())
        .assert()
        .code(0);
}
