//! Nothing checked is not a pass: `integ check` names every path where it checked nothing, a
//! run that checked nothing at all in the folders it was given exits 2, and files named on the
//! command line that are not of a kind integ checks are warned about by name.

mod common;

use std::fs;
use std::path::Path;

use common::{customer_sync, integ};
use predicates::prelude::*;

fn write(dir: &Path, name: &str, text: &str) {
    fs::write(dir.join(name), text).unwrap();
}

#[test]
fn an_empty_folder_is_not_a_pass() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir(root.path().join("empty")).unwrap();
    integ()
        .args(["check", "empty"])
        .current_dir(root.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "warning: empty: nothing checked: it holds no JSON file",
        ))
        .stderr(predicate::str::contains("error: no file was checked"));
}

#[test]
fn a_folder_of_other_json_says_so_and_v_names_the_files() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("config");
    fs::create_dir(&dir).unwrap();
    write(&dir, "package.json", r#"{"name": "x", "version": "1.0.0"}"#);
    write(&dir, "list.json", "[1, 2]");
    integ()
        .args(["check", "config"])
        .current_dir(root.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "config: nothing checked: its 2 JSON files are of no kind integ checks (-v lists them)",
        ))
        .stderr(predicate::str::contains("package.json").not());
    integ()
        .args(["check", "-v", "config"])
        .current_dir(root.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "skipped config/list.json: the top level is an array",
        ))
        .stderr(predicate::str::contains(
            "skipped config/package.json: an object without the keys of an integration",
        ));
}

#[test]
fn files_named_one_by_one_are_warned_about_but_do_not_fail() {
    // A pre-commit hook names every staged JSON file; package.json alone is not an error.
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "package.json", r#"{"name": "x"}"#);
    write(root.path(), "flow.json", &customer_sync());
    integ()
        .args(["check", "package.json"])
        .current_dir(root.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: package.json: not checked: an object without the keys of an integration, \
             execute request, connector spec or connection, a file of no kind integ checks",
        ));
    integ()
        .args(["check", "flow.json", "package.json"])
        .current_dir(root.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "(1 file checked; 1 JSON file skipped (of no kind integ checks))",
        ))
        .stderr(predicate::str::contains("package.json: not checked"));
}

#[test]
fn a_checked_folder_beside_an_empty_one_passes_with_a_warning() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir(root.path().join("src")).unwrap();
    fs::create_dir(root.path().join("empty")).unwrap();
    write(&root.path().join("src"), "flow.json", &customer_sync());
    integ()
        .args(["check", "src", "empty"])
        .current_dir(root.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("empty: nothing checked"))
        .stderr(predicate::str::contains("src:").not());
}

#[test]
fn missing_paths_are_named_by_every_command() {
    let root = tempfile::tempdir().unwrap();
    write(root.path(), "flow.json", &customer_sync());
    for args in [
        vec!["check", "nope"],
        vec!["diff", "flow.json", "nope"],
        vec!["diff", ".", "nope/"],
        vec!["fmt", "--check", "nope"],
        vec!["rename", "--var", "customer=client", "nope"],
        vec!["graph", "nope"],
    ] {
        let missing = args.last().unwrap().to_string();
        integ()
            .args(&args)
            .current_dir(root.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{missing}: no such file or folder"
            )));
    }
}
