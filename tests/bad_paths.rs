//! Awkward paths for check, rename, apply and diff (fmt: `bad_input.rs`): a symlink (writes go
//! through, the link stays a link), a read-only file (refused, untouched), the same file named
//! twice (processed once), a folder with no JSON (exit 0 with a note; 2 for check) and a missing
//! path (exit 2).

mod common;

use std::fs;
use std::path::Path;

use common::{customer_rules, customer_sync, integ};
use predicates::prelude::*;

/// The rename and apply commands that turn `customer` into `client`.
fn writers(rules: &Path) -> Vec<Vec<String>> {
    let rules = rules.to_str().unwrap().to_string();
    vec![
        vec!["rename".into(), "--var".into(), "customer=client".into()],
        vec!["apply".into(), "--rules".into(), rules],
    ]
}

#[cfg(unix)]
#[test]
fn symlinks_are_written_through_and_stay_links() {
    let root = tempfile::tempdir().unwrap();
    let rules = customer_rules(root.path());
    for command in writers(&rules) {
        let dir = root.path().join(&command[0]);
        fs::create_dir(&dir).unwrap();
        let real = dir.join("real.json");
        fs::write(&real, customer_sync()).unwrap();
        let link = dir.join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        integ().args(["check"]).arg(&link).assert().code(0);
        integ()
            .args(&command)
            .arg(&link)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("1 file changed"));
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(fs::read_to_string(&real).unwrap().contains("$client$"));
        integ()
            .arg("diff")
            .arg(&link)
            .arg(&real)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("No semantic changes"));
    }
}

#[cfg(unix)]
#[test]
fn read_only_files_are_refused_and_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let rules = customer_rules(root.path());
    let locked = root.path().join("locked.json");
    fs::write(&locked, customer_sync()).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    for command in writers(&rules) {
        integ()
            .args(&command)
            .arg(&locked)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "locked.json: file is read-only; not changed",
            ));
        assert_eq!(fs::read_to_string(&locked).unwrap(), customer_sync());
    }
    integ().arg("check").arg(&locked).assert().code(0);
    integ()
        .arg("diff")
        .arg(&locked)
        .arg(&locked)
        .assert()
        .code(0);
}

#[test]
fn the_same_file_named_twice_is_processed_once() {
    let root = tempfile::tempdir().unwrap();
    let rules = customer_rules(root.path());
    let dir = root.path().join("in");
    fs::create_dir(&dir).unwrap();
    let path = dir.join("twice.json");
    let dotted = dir.join(".").join("twice.json");
    for command in writers(&rules) {
        fs::write(&path, customer_sync()).unwrap();
        integ()
            .args(&command)
            .arg(&path)
            .arg(&dotted)
            .arg(&dir)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("in 1 file\n"))
            .stderr(predicate::str::contains("1 file changed"));
        assert!(fs::read_to_string(&path).unwrap().contains("$client$"));
    }
    integ()
        .arg("check")
        .arg(&path)
        .arg(&dotted)
        .arg(&dir)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("(1 file checked)"));
}

#[test]
fn folders_without_json_exit_0_with_a_note() {
    let root = tempfile::tempdir().unwrap();
    let rules = customer_rules(root.path());
    let empty = root.path().join("empty");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("notes.txt"), "hello").unwrap();
    for command in writers(&rules) {
        integ()
            .args(&command)
            .arg(&empty)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("No JSON files found"));
    }
    // For check, a folder where nothing was checked is not a pass (nothing_checked.rs).
    integ()
        .arg("check")
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nothing checked: it holds no JSON file",
        ));
    let other = root.path().join("other");
    fs::create_dir(&other).unwrap();
    integ()
        .arg("diff")
        .arg(&empty)
        .arg(&other)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("No semantic changes"));
    assert_eq!(
        fs::read_to_string(empty.join("notes.txt")).unwrap(),
        "hello"
    );
}

#[test]
fn missing_paths_exit_2() {
    let root = tempfile::tempdir().unwrap();
    let rules = customer_rules(root.path());
    let missing = root.path().join("definitely/missing.json");
    let message = "definitely/missing.json: no such file or folder";
    let mut commands = writers(&rules);
    commands.push(vec!["check".into()]);
    for command in commands {
        integ()
            .args(&command)
            .arg(&missing)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    let good_path = root.path().join("good.json");
    fs::write(&good_path, customer_sync()).unwrap();
    for (old, new) in [(&missing, &good_path), (&good_path, &missing)] {
        integ()
            .arg("diff")
            .arg(old)
            .arg(new)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    integ()
        .args(["rename", "--var", "customer=client"])
        .arg(&good_path)
        .arg(&missing)
        .assert()
        .code(2);
    assert_eq!(fs::read_to_string(&good_path).unwrap(), customer_sync());
}
