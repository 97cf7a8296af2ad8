//! A closed pipe never turns findings into success: when the reader of stdout goes away
//! (`integ check | head`), integ stops printing and exits with the status the run earned, and
//! never 0, since the reader saw only part of the output.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs integ with `args` and a stdout whose reading end is closed before integ starts, so
/// its first write fails with a broken pipe; returns the exit code.
fn exit_code_into_closed_pipe(args: &[&std::ffi::OsStr], dir: &Path) -> i32 {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = Command::new(env!("CARGO_BIN_EXE_integ"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    status
        .code()
        .expect("integ exits, it is not killed by SIGPIPE")
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// A folder with an integration whose check has findings (an undeclared variable).
fn findings_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = common::customer_sync();
    text = text.replacen("$customer$", "$ghost$", 1);
    assert!(
        text.contains("$ghost$"),
        "the fixture has a $customer$ reference"
    );
    std::fs::write(dir.path().join("flow.json"), text).unwrap();
    dir
}

#[test]
fn check_with_findings_exits_1_when_its_output_is_cut() {
    let dir = findings_folder();
    let code = exit_code_into_closed_pipe(&[os("check"), os(".")], dir.path());
    assert_eq!(code, 1);
    // The same run with its output read whole exits 1 as well: the pipe changes nothing.
    common::integ()
        .args(["check", "."])
        .current_dir(dir.path())
        .assert()
        .code(1);
}

#[test]
fn diff_with_changes_exits_1_when_its_output_is_cut() {
    let fixtures = root().join("tests/fixtures/diff");
    let code = exit_code_into_closed_pipe(
        &[
            os("diff"),
            fixtures.join("order-flow.v1.json").as_os_str(),
            fixtures.join("order-flow.v2.json").as_os_str(),
        ],
        &root(),
    );
    assert_eq!(code, 1);
}

#[test]
fn fmt_and_rename_diffs_exit_1_when_their_output_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let flow = dir.path().join("flow.json");
    std::fs::write(&flow, common::customer_sync()).unwrap();
    let code = exit_code_into_closed_pipe(
        &[
            os("rename"),
            os("--var"),
            os("customer=client"),
            os("--diff"),
            flow.as_os_str(),
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    let code = exit_code_into_closed_pipe(
        &[
            os("fmt"),
            os("--style"),
            os("console"),
            os("--diff"),
            flow.as_os_str(),
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(&flow).unwrap(),
        common::customer_sync(),
        "--diff writes nothing, cut short or not"
    );
}

#[test]
fn output_cut_before_the_end_is_never_a_pass() {
    // `integ checks` has nothing to report and exits 0 when read whole; cut, it exits 1.
    common::integ().arg("checks").assert().code(0);
    assert_eq!(exit_code_into_closed_pipe(&[os("checks")], &root()), 1);
}
