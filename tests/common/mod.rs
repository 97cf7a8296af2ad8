//! Shared helpers for integration tests.
#![allow(dead_code, clippy::print_stderr)]

use std::path::PathBuf;

pub mod bad_inputs;

/// A bundled example integration with a variable `customer`, so rename and apply have something
/// to write.
pub fn customer_sync() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/customer-sync.json");
    std::fs::read_to_string(path).unwrap()
}

/// A rule file renaming `customer` to `client`, written to `dir`.
pub fn customer_rules(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("rules.json");
    let text = r#"{"rules": [{"renameVariable": {"from": "customer", "to": "client"}}]}"#;
    std::fs::write(&path, text).unwrap();
    path
}

/// The names of the entries of `dir`, sorted.
pub fn file_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The shared corpus folder (`../shared/corpus` beside the repository).
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// The integration files of the shared corpus, sorted. Tests that read the corpus are marked
/// `#[cfg_attr(integ_no_corpus, ignore = …)]` (see build.rs), so they are reported as ignored
/// where the corpus is missing, and fail here under `CI=true`, where it must be present.
pub fn corpus_files() -> Vec<PathBuf> {
    json_files_in(&corpus_dir())
}

/// The related files of the corpus (`other/`: overrides, config variables, connections…).
pub fn corpus_other_files() -> Vec<PathBuf> {
    json_files_in(&corpus_dir().join("other"))
}

fn json_files_in(dir: &std::path::Path) -> Vec<PathBuf> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("corpus folder {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus files in {}", dir.display());
    files
}

/// The file name of a corpus path, for messages.
pub fn name(path: &std::path::Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// A command running the integ binary built for this test run.
pub fn integ() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("integ").unwrap()
}

/// The standard output of `integ ARGS`, after checking that it exited 0 (its stderr shows
/// when not).
pub fn integ_stdout<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().into()).collect();
    let out = integ().args(&args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "integ {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `text` drawn by Graphviz (`dot -Tsvg`): the SVG, or what `dot` printed on stderr when it
/// failed or warned.
pub fn render_dot(text: &str) -> Result<String, String> {
    use std::io::Write;
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if out.status.success() && out.stderr.is_empty() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}
