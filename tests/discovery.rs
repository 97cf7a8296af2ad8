//! File discovery through the binary: every command that takes folders ends on symbolic-link
//! loops (reporting them), honours `.gitignore` and `.ignore` unless `--no-ignore`, skips
//! hidden folders, and always takes a path named on the command line.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{customer_sync, integ};
use predicates::prelude::*;

const LOOP_WARNING: &str = "not entered: a symbolic link back to";

/// A project folder: `flows/a.json` (a valid integration with a variable `customer`), an
/// ignored `gen/broken.json`, a hidden `.cache/broken.json`, and two links back up. Entering
/// either broken file would fail the command, so a pass shows they were skipped.
fn project(root: &Path) {
    fs::create_dir_all(root.join("flows")).unwrap();
    fs::create_dir_all(root.join("gen")).unwrap();
    fs::create_dir_all(root.join(".cache")).unwrap();
    fs::write(root.join("flows/a.json"), customer_sync()).unwrap();
    fs::write(root.join("gen/broken.json"), "{").unwrap();
    fs::write(root.join(".cache/broken.json"), "{").unwrap();
    fs::write(root.join(".gitignore"), "gen/\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", root.join("flows/up")).unwrap();
        std::os::unix::fs::symlink("..", root.join("flows/again")).unwrap();
    }
}

fn run(root: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    integ()
        .args(args)
        .current_dir(root)
        .timeout(Duration::from_secs(30))
        .assert()
}

#[test]
fn every_folder_command_ends_on_link_loops_and_skips_ignored_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    project(&root);
    let loops = if cfg!(unix) { 2 } else { 0 };
    let commands: [&[&str]; 4] = [
        &["check", "."],
        &["fmt", "--check", "."],
        &["rename", "--check", "--var", "customer=client", "."],
        &["apply", "--check", "--rules", "../rules.json", "."],
    ];
    common::customer_rules(dir.path());
    for args in commands {
        let assert = run(&root, args).stderr(predicate::str::contains("broken").not());
        let output = assert.get_output();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr.matches(LOOP_WARNING).count(),
            loops,
            "{args:?}: {stderr}"
        );
        let code = output.status.code();
        // rename/apply --check exit 1: the file would change; check and fmt find nothing.
        let expected = if args[0] == "rename" || args[0] == "apply" {
            1
        } else {
            0
        };
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn diff_of_two_folders_ends_on_link_loops() {
    let dir = tempfile::tempdir().unwrap();
    for side in ["old", "new"] {
        project(&dir.path().join(side));
    }
    run(dir.path(), &["diff", "old", "new"])
        .code(0)
        .stderr(predicate::str::contains("broken").not());
}

#[test]
fn no_ignore_searches_ignored_folders_but_not_hidden_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    project(&root);
    // check reports invalid JSON as a finding (E001, exit 1); fmt cannot format it (exit 2).
    run(&root, &["check", "--no-ignore", "."])
        .code(1)
        .stdout(predicate::str::contains("gen/broken.json"))
        .stdout(predicate::str::contains(".cache").not());
    run(&root, &["fmt", "--check", "--no-ignore", "."])
        .code(2)
        .stderr(predicate::str::contains("gen/broken.json"));
}

#[test]
fn a_path_named_on_the_command_line_is_always_taken() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    project(&root);
    for path in ["gen/broken.json", "gen", ".cache/broken.json"] {
        run(&root, &["check", path])
            .code(1)
            .stdout(predicate::str::contains("broken.json"));
    }
}

#[test]
fn the_same_file_named_twice_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    project(&root);
    run(&root, &["check", "flows", "flows/a.json", "./flows"])
        .code(0)
        .stderr(predicate::str::contains("(1 file checked)"));
}
