//! One count, one wording: `rename`, `apply`, `diff` (human, JSON, as git's external driver)
//! report the same number of references for the same change, and `diff --format unified`
//! shows exactly the normal form the other formats compare.

mod common;

use std::path::{Path, PathBuf};

use common::integ;
use serde_json::Value;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/order-processing.json")
}

fn stderr(args: &[&str], dir: &Path) -> String {
    let output = integ().args(args).current_dir(dir).output().unwrap();
    String::from_utf8(output.stderr).unwrap()
}

fn stdout(args: &[&std::ffi::OsStr], dir: &Path) -> String {
    let output = integ().args(args).current_dir(dir).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The number in `… {what}: N references …` of `text`.
fn count_after(text: &str, what: &str) -> usize {
    let start = text
        .find(what)
        .unwrap_or_else(|| panic!("{what:?} in {text}"))
        + what.len();
    let digits: String = text[start..]
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap()
}

#[test]
fn rename_apply_and_diff_count_the_same_references() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    std::fs::copy(example(), &old).unwrap();
    std::fs::copy(example(), &new).unwrap();

    let renamed = stderr(
        &["rename", "--var", "order=purchase", "new.json"],
        dir.path(),
    );
    let by_rename = count_after(&renamed, "Renamed order → purchase:");

    std::fs::write(
        dir.path().join("rules.json"),
        r#"{"rules": [{"renameVariable": {"from": "order", "to": "purchase"}}]}"#,
    )
    .unwrap();
    let applied = stderr(
        &["apply", "--rules", "rules.json", "--check", "old.json"],
        dir.path(),
    );
    assert_eq!(
        count_after(&applied, "Would rename order → purchase:"),
        by_rename,
        "{applied}"
    );

    let human = stdout(
        &["diff".as_ref(), old.as_os_str(), new.as_os_str()],
        dir.path(),
    );
    assert_eq!(
        human,
        format!("variable order renamed to purchase ({by_rename} references)\n")
    );
    let json: Value = serde_json::from_str(&stdout(
        &[
            "diff".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            old.as_os_str(),
            new.as_os_str(),
        ],
        dir.path(),
    ))
    .unwrap();
    assert_eq!(json["changes"][0]["references"], by_rename);

    let driver = stdout(
        &[
            "diff".as_ref(),
            "flow.json".as_ref(),
            old.as_os_str(),
            "1111111".as_ref(),
            "100644".as_ref(),
            new.as_os_str(),
            "2222222".as_ref(),
            "100644".as_ref(),
        ],
        dir.path(),
    );
    assert!(
        driver.contains(&format!("renamed to purchase ({by_rename} references)")),
        "{driver}"
    );
}

#[test]
fn unified_shows_only_what_the_other_formats_compare() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.json");
    let new = dir.path().join("new.json");
    std::fs::copy(example(), &old).unwrap();
    // integrationcli leaves out a displayName that repeats the key: not a change.
    let text = std::fs::read_to_string(example()).unwrap();
    let without = text.replacen("\"displayName\": \"order\",", "", 1);
    assert_ne!(without, text, "the example repeats the key in displayName");
    std::fs::write(&new, without).unwrap();
    for format in ["human", "json", "unified"] {
        let output = integ()
            .args(["diff", "--format", format])
            .arg(&old)
            .arg(&new)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        let printed = String::from_utf8(output.stdout).unwrap();
        assert!(!printed.contains("displayName"), "{format}: {printed}");
    }
}
