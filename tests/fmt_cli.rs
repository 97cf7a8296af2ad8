//! `integ fmt` through the binary.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::integ;
use integ::document::{Document, first_difference};
use predicates::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies fixtures into a fresh temporary folder.
fn scratch(names: &[&str]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = names
        .iter()
        .map(|n| {
            let to = dir.path().join(Path::new(n).file_name().unwrap());
            fs::copy(fixture(n), &to).unwrap();
            to
        })
        .collect();
    (dir, paths)
}

fn same_value(a: &str, b: &str) -> bool {
    let (a, b) = (Document::parse(a).unwrap(), Document::parse(b).unwrap());
    first_difference(a.value(), b.value()).is_none()
}

#[test]
fn check_passes_formatted_files_and_lists_the_others() {
    integ()
        .args(["fmt", "--check"])
        .arg(fixture("text/console.json"))
        .assert()
        .code(0);
    integ()
        .args(["fmt", "--check", "--style", "console"])
        .arg(fixture("text/console.json"))
        .arg(fixture("text/go-tab.json"))
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("Would reformat:")
                .and(predicate::str::contains("go-tab.json")),
        )
        .stdout(predicate::str::contains("console.json").not())
        .stderr(predicate::str::contains(
            "1 file would be reformatted, 1 file already formatted",
        ));
    integ()
        .args(["fmt", "--check", "--style", "tab"])
        .arg(fixture("text/go-tab.json"))
        .assert()
        .code(0);
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let (_dir, paths) = scratch(&["text/go-tab.json"]);
    let before = fs::read(&paths[0]).unwrap();
    integ()
        .args(["fmt", "--diff", "--style", "console", "--color", "never"])
        .arg(&paths[0])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("@@")
                .and(predicate::str::contains("+  \"triggerConfigs\": [{")),
        );
    assert_eq!(fs::read(&paths[0]).unwrap(), before);
}

#[test]
fn writes_in_place_keeping_value_bom_crlf_and_final_newline() {
    let (_dir, paths) = scratch(&[
        "text/go-tab.json",
        "text/bom-crlf.json",
        "text/minimal-minified.json",
    ]);
    let before: Vec<String> = paths
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    integ()
        .args(["fmt", "--style", "console"])
        .args(&paths)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("2 files reformatted"));
    let console = fs::read_to_string(fixture("text/console.json")).unwrap();
    // The Go file keeps its own escapes and final newline, in console layout.
    let tab = fs::read_to_string(&paths[0]).unwrap();
    assert!(same_value(&tab, &before[0]) && tab.ends_with("}\n") && tab.contains("[{\n"));
    // Already formatted, BOM and CRLF: untouched.
    assert_eq!(fs::read_to_string(&paths[1]).unwrap(), before[1]);
    // Minified with minimal escapes: same value, no newline added at the end.
    let min = fs::read_to_string(&paths[2]).unwrap();
    assert!(same_value(&min, &before[2]) && !min.ends_with('\n'));
    assert_ne!(
        min, console,
        "escapes are copied from the source, not re-encoded"
    );
    integ()
        .args(["fmt", "--check", "--style", "console"])
        .args(&paths)
        .assert()
        .code(0);
}

#[test]
fn styles_reprint_whitespace_only() {
    for style in ["console", "tab", "expanded", "minified"] {
        let out = integ()
            .args(["fmt", "--style", style, "-"])
            .write_stdin(fs::read(fixture("text/console.json")).unwrap())
            .assert()
            .code(0)
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert!(
            same_value(
                &out,
                &fs::read_to_string(fixture("text/console.json")).unwrap()
            ),
            "{style}"
        );
        assert!(
            out.contains("\\u003c$name$\\u003e \\u0026 welcome\\u003d\\u0027yes\\u0027"),
            "{style}: escapes kept"
        );
        assert_eq!(out.lines().count() == 1, style == "minified", "{style}");
    }
}

#[test]
fn a_batch_with_invalid_json_writes_nothing() {
    let (dir, paths) = scratch(&["text/go-tab.json"]);
    let broken = dir.path().join("broken.json");
    fs::write(
        &broken,
        "{\n  \"taskConfigs\": [\n    {\"taskId\": \"1\",}\n  ]\n}",
    )
    .unwrap();
    let before = fs::read(&paths[0]).unwrap();
    integ()
        .arg("fmt")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "broken.json:3:20: invalid JSON: expected a string key, found `}`",
        ))
        .stderr(predicate::str::contains("nothing was written"));
    assert_eq!(fs::read(&paths[0]).unwrap(), before);
}

#[test]
fn auto_keeps_the_layout_each_file_has() {
    // The default: a console download stays console, an integrationcli file stays in tabs.
    let (_dir, paths) = scratch(&["text/console.json", "text/go-tab.json"]);
    let before: Vec<Vec<u8>> = paths.iter().map(|p| fs::read(p).unwrap()).collect();
    integ()
        .arg("fmt")
        .args(&paths)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("2 files already formatted"));
    let after: Vec<Vec<u8>> = paths.iter().map(|p| fs::read(p).unwrap()).collect();
    assert_eq!(after, before);
    // A tab file with one line indented by spaces is put back in tabs, not in console layout.
    let tab = fs::read_to_string(&paths[1]).unwrap();
    let off = tab.replacen("\n\t\t", "\n    ", 1);
    assert_ne!(off, tab);
    fs::write(&paths[1], &off).unwrap();
    integ().arg("fmt").arg(&paths[1]).assert().code(0);
    assert_eq!(fs::read_to_string(&paths[1]).unwrap(), tab);
    // A minified file stays on one line.
    let minified = r#"{"taskConfigs":[{"taskId":"1"}],"description":"x"}"#;
    fs::write(&paths[0], minified).unwrap();
    integ()
        .args(["fmt", "--check"])
        .arg(&paths[0])
        .assert()
        .code(0);
}

#[test]
fn envelopes_are_formatted_inside_and_kept() {
    let (_dir, paths) = scratch(&["envelopes/upload-request.json"]);
    integ()
        .args(["fmt", "--style", "console"])
        .arg(&paths[0])
        .assert()
        .code(0);
    let text = fs::read_to_string(&paths[0]).unwrap();
    let doc = Document::parse(text.as_str()).unwrap();
    assert_eq!(doc.value()["fileFormat"], "JSON");
    let content = doc.value()["content"].as_str().unwrap();
    let console = fs::read_to_string(fixture("text/console.json")).unwrap();
    assert!(same_value(content, &console));
    assert!(content.contains("\"triggerConfigs\": [{\n"));
    assert!(
        text.starts_with("{\n    \"content\": \"{\\n  \\\"triggerConfigs"),
        "envelope layout kept: {text:.60}"
    );
}

#[test]
fn errors_and_empty_inputs() {
    integ()
        .args(["fmt", "no/such/file.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/file.json: no such file or folder",
        ));
    let empty = tempfile::tempdir().unwrap();
    integ()
        .arg("fmt")
        .arg(empty.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("No JSON files found"));
    integ().args(["fmt", "--style", "fancy"]).assert().code(2);
    integ().assert().code(2);
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let file = fixture("text/go-tab.json");
    let plain = integ()
        .args(["fmt", "--diff", "--style", "console"])
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8(plain).unwrap().contains('\x1b'));
    let colored = integ()
        .args(["fmt", "--diff", "--style", "console", "--color", "always"])
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(colored).unwrap().contains("\x1b[32m"));
}

#[test]
fn stdin_is_checked_like_a_file() {
    let tab = fs::read(fixture("text/go-tab.json")).unwrap();
    integ()
        .args(["fmt", "--check", "--style", "console", "-"])
        .write_stdin(tab.clone())
        .assert()
        .code(1)
        .stdout("Would reformat: -\n");
    integ()
        .args(["fmt", "--check", "--style", "tab", "-"])
        .write_stdin(tab.clone())
        .assert()
        .code(0)
        .stdout("");
    // Already formatted input is echoed unchanged when writing to stdout.
    integ()
        .args(["fmt", "--style", "tab", "-"])
        .write_stdin(tab.clone())
        .assert()
        .code(0)
        .stdout(String::from_utf8(tab).unwrap());
}

/// Runs `integ ARGS` under a pseudo-terminal with `script(1)`.
fn under_tty(args: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("integ");
    let out = std::process::Command::new("script")
        .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .output()
        .expect("script(1) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[cfg_attr(integ_no_script, ignore = "script(1) is not installed")]
fn progress_is_shown_on_a_terminal_only() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        fs::copy(
            fixture("text/console.json"),
            dir.path().join(format!("f{i}.json")),
        )
        .unwrap();
    }
    let tty = under_tty(&format!("fmt --check {}", dir.path().display()));
    assert!(tty.contains("Formatting"), "{tty}");
    let quiet = under_tty(&format!("fmt --check -q {}", dir.path().display()));
    assert!(!quiet.contains("Formatting"));
    integ()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicate::str::contains("Formatting").not());
}
