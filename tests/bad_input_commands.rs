//! Bad input fed to check, rename, apply and diff (fmt: `bad_input.rs`): each case gets a clear
//! message naming the file and its position, the documented exit code, no panic, and every file
//! stays byte-identical. Writing commands write nothing when any input is bad.

mod common;

use std::fs;
use std::path::PathBuf;

use common::bad_inputs::{Case, invalid, located, not_objects};
use common::{customer_rules, customer_sync, integ};
use predicates::prelude::*;

/// A folder holding `case` and a good integration, plus a rule file beside the folder.
struct Setup {
    _root: tempfile::TempDir,
    dir: PathBuf,
    bad: PathBuf,
    good: PathBuf,
    rules: PathBuf,
}

fn setup(case: &Case) -> Setup {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("in");
    fs::create_dir(&dir).unwrap();
    let bad = dir.join(case.name);
    fs::write(&bad, &case.bytes).unwrap();
    let good_path = dir.join("good.json");
    fs::write(&good_path, customer_sync()).unwrap();
    Setup {
        rules: customer_rules(root.path()),
        _root: root,
        dir,
        bad,
        good: good_path,
    }
}

fn assert_untouched(s: &Setup, case: &Case) {
    assert_eq!(fs::read(&s.bad).unwrap(), case.bytes, "{}", case.name);
    assert_eq!(
        fs::read_to_string(&s.good).unwrap(),
        customer_sync(),
        "{}: the batch must write nothing",
        case.name
    );
}

#[test]
fn check_reports_invalid_json_as_e001_at_its_position() {
    for case in invalid() {
        let s = setup(&case);
        integ()
            .arg("check")
            .arg(&s.dir)
            .assert()
            .code(1)
            .stdout(predicate::str::contains(format!(
                "error[E001]: {}",
                case.message
            )))
            .stdout(predicate::str::contains(case.at.unwrap()))
            .stderr(predicate::str::contains("panicked").not());
        integ()
            .args(["check", "--format", "json"])
            .arg(&s.bad)
            .assert()
            .code(1)
            .stdout(predicate::str::contains("\"E001\""));
        assert_untouched(&s, &case);
    }
}

#[test]
fn rename_and_apply_refuse_the_whole_batch() {
    for case in invalid() {
        let s = setup(&case);
        let rename = ["rename", "--var", "customer=client"];
        let apply = ["apply", "--rules", s.rules.to_str().unwrap()];
        for command in [&rename[..], &apply[..]] {
            for mode in [&[][..], &["--check"], &["--diff"]] {
                integ()
                    .args(command)
                    .args(mode)
                    .arg(&s.dir)
                    .assert()
                    .code(2)
                    .stderr(predicate::str::contains(located(&case)))
                    .stderr(predicate::str::contains("nothing was written"))
                    .stderr(predicate::str::contains("panicked").not());
            }
        }
        assert_untouched(&s, &case);
    }
}

#[test]
fn diff_exits_2_naming_the_bad_side() {
    for case in invalid().into_iter().chain(not_objects()) {
        let s = setup(&case);
        let message = match case.at {
            Some(_) => located(&case),
            None => format!("{}: not an integration", case.name),
        };
        for (old, new) in [(&s.bad, &s.good), (&s.good, &s.bad)] {
            integ()
                .arg("diff")
                .arg(old)
                .arg(new)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(message.as_str()))
                .stderr(predicate::str::contains("panicked").not());
        }
        assert_untouched(&s, &case);
    }
}

#[test]
fn json_that_is_not_an_object_is_left_alone() {
    for case in not_objects() {
        let s = setup(&case);
        integ()
            .arg("check")
            .arg(&s.dir)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("1 JSON file skipped"));
        let warning = format!(
            "{}: left alone: not an integration ({}",
            case.name, case.message
        );
        integ()
            .args(["rename", "--var", "customer=client", "--check"])
            .arg(&s.dir)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(warning.as_str()));
        assert_untouched(&s, &case);
        integ()
            .args(["apply", "--rules", s.rules.to_str().unwrap()])
            .arg(&s.dir)
            .assert()
            .code(0)
            .stderr(predicate::str::contains(warning.as_str()))
            .stderr(predicate::str::contains("1 file changed"));
        assert_eq!(fs::read(&s.bad).unwrap(), case.bytes, "{}", case.name);
        let renamed = fs::read_to_string(&s.good).unwrap();
        assert!(renamed.contains("$client$") && !renamed.contains("$customer$"));
    }
}
