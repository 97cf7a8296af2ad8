//! Bad input never loses data and never panics: every case gets a clear message naming the file
//! (and a position where there is one), a non-zero exit where it is an error, and the file stays
//! byte-identical.

mod common;

use std::fs;
use std::path::Path;

use common::bad_inputs::{invalid, located};
use common::integ;
use predicates::prelude::*;

/// A console-layout file that `fmt --style tab` would change, so a write would show.
const GOOD: &str = "{\n  \"taskConfigs\": [{\n    \"taskId\": \"1\"\n  }]\n}";

#[test]
fn each_bad_input_is_reported_and_nothing_is_written() {
    for case in invalid() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join(case.name);
        fs::write(&bad, &case.bytes).unwrap();
        let good = dir.path().join("good.json");
        fs::write(&good, GOOD).unwrap();
        for mode in [
            &["fmt", "--style", "tab"][..],
            &["fmt", "--check"],
            &["fmt", "--diff"],
        ] {
            integ()
                .args(mode)
                .arg(dir.path())
                .assert()
                .code(2)
                .stderr(predicate::str::contains(located(&case)))
                .stderr(predicate::str::contains("panicked").not());
        }
        assert_eq!(fs::read(&bad).unwrap(), case.bytes, "{}", case.name);
        assert_eq!(
            fs::read_to_string(&good).unwrap(),
            GOOD,
            "{}: batch must write nothing",
            case.name
        );
    }
}

#[test]
fn a_large_file_is_handled() {
    // About 100 MB of realistic content: an array of task-like objects.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    let item = "{\n    \"taskId\": \"1\",\n    \"displayName\": \"Call \\u003cservice\\u003e\",\n    \"x\": 1.50\n  }";
    let count = if cfg!(debug_assertions) {
        20_000
    } else {
        1_000_000
    };
    let text = format!("[{}]", vec![item; count].join(", "));
    fs::write(&path, &text).unwrap();
    integ()
        .args(["fmt", "--check", "--style", "minified"])
        .arg(&path)
        .assert()
        .code(1);
    integ()
        .args(["fmt", "--style", "minified"])
        .arg(&path)
        .assert()
        .code(0);
    integ()
        .args(["fmt", "--check", "--style", "minified"])
        .arg(&path)
        .assert()
        .code(0);
    let minified = fs::read_to_string(&path).unwrap();
    assert!(minified.len() < text.len() && minified.contains("\"x\":1.50"));
}

#[cfg(unix)]
#[test]
fn symlinks_are_written_through_and_read_only_files_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    fs::write(&real, GOOD).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    integ()
        .args(["fmt", "--style", "tab"])
        .arg(&link)
        .assert()
        .code(0);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .starts_with("{\n\t\"taskConfigs\": [\n")
    );

    let locked = dir.path().join("locked.json");
    fs::write(&locked, GOOD).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    integ()
        .args(["fmt", "--style", "tab"])
        .arg(&locked)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "locked.json: file is read-only; not changed",
        ));
    assert_eq!(fs::read_to_string(&locked).unwrap(), GOOD);
}

#[test]
fn the_same_file_twice_is_processed_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.json");
    fs::write(&path, GOOD).unwrap();
    let dotted = dir.path().join(".").join("twice.json");
    integ()
        .args(["fmt", "--check", "--style", "tab"])
        .arg(&path)
        .arg(&dotted)
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 file would be reformatted"));
}

#[test]
fn folders_without_json_and_missing_paths() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    integ()
        .arg("fmt")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("No JSON files found"));
    integ()
        .arg("fmt")
        .arg(Path::new("definitely/missing"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "definitely/missing: no such file or folder",
        ));
}
