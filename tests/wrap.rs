//! `integ wrap` / `integ unwrap` through the binary: exact bodies, byte-exact round trips, and
//! lossless removal of output-only fields on every corpus file.
// Tests say on stderr when they skip something (the corpus, an optional tool).
#![allow(clippy::print_stderr)]

mod common;

use std::path::Path;

use common::{corpus_files, integ, name};
use serde_json::Value;

const OUTPUT_ONLY: &[&str] = &[
    "name",
    "createTime",
    "updateTime",
    "lastModifierEmail",
    "lockHolder",
    "snapshotNumber",
    "state",
    "status",
    "origin",
    "eucHardeningDisposition",
    "taskConfigsInternal",
    "triggerConfigsInternal",
    "integrationParametersInternal",
];

fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<u8>, String) {
    let mut cmd = integ();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn wrap_file(path: &Path, strip: bool) -> Vec<u8> {
    let mut args = vec!["wrap", "--quiet"];
    if strip {
        args.push("--strip-output-only");
    }
    args.push(path.to_str().unwrap());
    let (code, out, err) = run(&args, None);
    assert_eq!(code, 0, "{}: {err}", path.display());
    out
}

/// The `content` of an upload body, checking the body's own shape on the way.
fn content_of(body: &[u8]) -> String {
    let text = std::str::from_utf8(body).unwrap();
    assert!(
        text.starts_with("{\"content\": \"") && text.ends_with("\", \"fileFormat\": \"JSON\"}\n")
    );
    let value: Value = serde_json::from_str(text).unwrap();
    assert_eq!(value.as_object().unwrap().len(), 2);
    assert_eq!(value["fileFormat"], "JSON");
    value["content"].as_str().unwrap().to_string()
}

fn write(dir: &Path, file: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn wrap_prints_the_exact_upload_body() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "flow.json",
        "{\n  \"taskConfigs\": [],\n  \"a\": \"x\\u003dy <b> & \\\"q\\\" é\"\n}",
    );
    let body = wrap_file(&path, false);
    assert_eq!(
        String::from_utf8(body).unwrap(),
        "{\"content\": \"{\\n  \\\"taskConfigs\\\": [],\\n  \\\"a\\\": \\\"x\\\\u003dy <b> & \\\\\\\"q\\\\\\\" é\\\"\\n}\", \"fileFormat\": \"JSON\"}\n"
    );
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn unwrap_of_wrap_is_every_corpus_file_byte_for_byte() {
    for path in corpus_files() {
        let original = std::fs::read(&path).unwrap();
        let body = wrap_file(&path, false);
        assert_eq!(content_of(&body).as_bytes(), original, "{}", name(&path));
        let (code, back, err) = run(&["unwrap", "-"], Some(&body));
        assert_eq!(code, 0, "{}: {err}", name(&path));
        assert!(
            back == original,
            "{}: round trip changed bytes",
            name(&path)
        );
    }
}

#[test]
fn unwrap_reads_download_responses() {
    let dir = tempfile::tempdir().unwrap();
    // Real downloads escape the inner text Gson-style; unwrap prints the decoded string as is.
    let inner = "{\n  \"triggerConfigs\": [],\n  \"x\": \"a\\u003db\"\n}";
    let content = serde_json::to_string(inner)
        .unwrap()
        .replace('=', "\\u003d");
    let single = write(
        dir.path(),
        "single.json",
        &format!("{{\n  \"content\": {content}\n}}\n"),
    );
    let files = write(
        dir.path(),
        "files.json",
        &format!(
            "{{\"files\": [{{\"file\": \"INTEGRATION_CONFIG_VARIABLES\", \"content\": \"{{}}\"}}, \
             {{\"file\": \"INTEGRATION\", \"content\": {content}}}]}}"
        ),
    );
    let request = write(
        dir.path(),
        "request.json",
        &format!("{{\"content\": {content}, \"fileFormat\": \"JSON\"}}"),
    );
    for path in [single, files, request] {
        let (code, out, err) = run(&["unwrap", path.to_str().unwrap()], None);
        assert_eq!(code, 0, "{err}");
        assert_eq!(String::from_utf8(out).unwrap(), inner, "{}", path.display());
    }
}

#[test]
fn unwrap_rejects_plain_files_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let plain = write(
        dir.path(),
        "plain.json",
        "{\"triggerConfigs\": [], \"taskConfigs\": []}",
    );
    let (code, out, err) = run(&["unwrap", plain.to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("plain.json: not an upload request or download response"),
        "{err}"
    );
    let bad_inner = write(dir.path(), "bad.json", "{\"content\": \"{\\\"a\\\": }\"}");
    let (code, _, err) = run(&["unwrap", bad_inner.to_str().unwrap()], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.json:1:") && err.contains("in the envelope's content"),
        "{err}"
    );
}

#[test]
fn wrap_of_an_envelope_wraps_the_integration_inside() {
    let dir = tempfile::tempdir().unwrap();
    let inner = "{\n\t\"snapshotNumber\": \"4\",\n\t\"taskConfigs\": []\n}\n";
    let plain = write(dir.path(), "plain.json", inner);
    let download = write(
        dir.path(),
        "download.json",
        &format!("{{\"content\": {}}}", serde_json::to_string(inner).unwrap()),
    );
    assert_eq!(wrap_file(&download, false), wrap_file(&plain, false));
    assert_eq!(wrap_file(&download, true), wrap_file(&plain, true));
    assert_eq!(
        content_of(&wrap_file(&download, true)),
        "{\n\t\"taskConfigs\": []\n}\n"
    );
}

/// Lines of `new` must be the lines of `old` with some removed; a kept line may only lose
/// its trailing comma (when the members after it were removed).
fn assert_lines_kept(old: &str, new: &str, file: &str) {
    let mut old_lines = old.split('\n');
    for line in new.split('\n') {
        let found = old_lines.any(|o| o == line || o.strip_suffix(',') == Some(line));
        assert!(found, "{file}: line {line:?} is not an original line");
    }
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn strip_output_only_on_every_corpus_file() {
    let mut stripped_files = 0;
    for path in corpus_files() {
        let original = std::fs::read_to_string(&path).unwrap();
        let content = content_of(&wrap_file(&path, true));
        let mut expected: Value = serde_json::from_str(&original).unwrap();
        let map = expected.as_object_mut().unwrap();
        let before = map.len();
        map.retain(|k, _| !OUTPUT_ONLY.contains(&k.as_str()));
        let got: Value = serde_json::from_str(&content)
            .unwrap_or_else(|e| panic!("{}: stripped text is not JSON: {e}", name(&path)));
        // Same members in the same order (serde_json keeps insertion order here).
        assert_eq!(
            serde_json::to_string(&got).unwrap(),
            serde_json::to_string(&expected).unwrap(),
            "{}",
            name(&path)
        );
        assert_lines_kept(&original, &content, &name(&path));
        if map_len(&got) < before {
            stripped_files += 1;
        } else {
            assert_eq!(
                content,
                original,
                "{}: nothing to strip, nothing changed",
                name(&path)
            );
        }
    }
    if !corpus_files().is_empty() {
        assert!(
            stripped_files >= 20,
            "only {stripped_files} files had output-only fields"
        );
    }
}

fn map_len(value: &Value) -> usize {
    value.as_object().map_or(0, serde_json::Map::len)
}

#[test]
fn strip_output_only_in_every_layout_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        // Console layout: header first, as downloads have it.
        (
            "{\n  \"name\": \"projects/1/x\",\n  \"updateTime\": \"t\",\n  \"triggerConfigs\": [{\n    \"label\": \"API\"\n  }],\n  \"userLabel\": \"v1\"\n}",
            "{\n  \"triggerConfigs\": [{\n    \"label\": \"API\"\n  }],\n  \"userLabel\": \"v1\"\n}",
        ),
        // Tab layout, output-only members last and in the middle, final newline kept.
        (
            "{\n\t\"description\": \"d\",\n\t\"snapshotNumber\": \"4\",\n\t\"taskConfigs\": [],\n\t\"origin\": \"UI\",\n\t\"status\": \"ACTIVE\"\n}\n",
            "{\n\t\"description\": \"d\",\n\t\"taskConfigs\": []\n}\n",
        ),
        // Minified.
        (
            "{\"snapshotNumber\":\"4\",\"triggerConfigs\":[],\"taskConfigsInternal\":[{\"a\":1}],\"state\":\"DRAFT\"}",
            "{\"triggerConfigs\":[]}",
        ),
        // The only member.
        ("{\n  \"name\": \"n\"\n}", "{\n}"),
        // CRLF line endings.
        (
            "{\r\n  \"lockHolder\": \"a@b.c\",\r\n  \"taskConfigs\": []\r\n}\r\n",
            "{\r\n  \"taskConfigs\": []\r\n}\r\n",
        ),
    ];
    for (i, (input, want)) in cases.iter().enumerate() {
        let path = write(dir.path(), &format!("case{i}.json"), input);
        assert_eq!(content_of(&wrap_file(&path, true)), *want, "case {i}");
    }
}

#[test]
fn strip_reports_what_it_removed_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "f.json",
        "{\"name\": \"n\", \"taskConfigs\": [], \"createTime\": \"t\"}",
    );
    let p = path.to_str().unwrap();
    let (code, _, err) = run(&["wrap", "--strip-output-only", p], None);
    assert_eq!(code, 0);
    assert_eq!(err, "Removed output-only fields: name, createTime\n");
    let (_, _, err) = run(&["wrap", "--strip-output-only", "--quiet", p], None);
    assert_eq!(err, "");
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn fmt_reformats_the_integration_inside_an_envelope() {
    let path = corpus_files().into_iter().next().expect("a corpus file");
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.json");
    // Copy the bytes, not the read-only permissions of the shared corpus.
    std::fs::write(&plain, std::fs::read(&path).unwrap()).unwrap();
    let wrapped = write(
        dir.path(),
        "wrapped.json",
        std::str::from_utf8(&wrap_file(&plain, false)).unwrap(),
    );
    for file in [&plain, &wrapped] {
        let (code, _, err) = run(
            &["fmt", "--style", "minified", file.to_str().unwrap()],
            None,
        );
        assert_eq!(code, 0, "{err}");
    }
    let (code, inner, _) = run(&["unwrap", wrapped.to_str().unwrap()], None);
    assert_eq!(code, 0);
    assert_eq!(inner, std::fs::read(&plain).unwrap());
    let envelope: Value =
        serde_json::from_str(&std::fs::read_to_string(&wrapped).unwrap()).unwrap();
    assert_eq!(envelope["fileFormat"], "JSON", "the envelope survives");
}
