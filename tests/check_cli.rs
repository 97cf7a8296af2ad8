//! `integ check`, `integ explain` and `integ checks` through the binary: formats, exit codes,
//! configuration.

mod common;

use std::path::{Path, PathBuf};

use common::integ;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/check")
        .join(name)
}

fn stdout_json(args: &[&str]) -> (Value, i32) {
    let output = integ().args(args).output().unwrap();
    let code = output.status.code().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    (
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}")),
        code,
    )
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn exit_codes() {
    integ()
        .args(["check"])
        .arg(fixture("clean.json"))
        .assert()
        .code(0);
    integ()
        .args(["check"])
        .arg(fixture("errors.json"))
        .assert()
        .code(1);
    // Warnings alone do not fail.
    integ()
        .args(["check"])
        .arg(fixture("warnings.json"))
        .assert()
        .code(0);
    integ()
        .args(["check", "--exit-zero"])
        .arg(fixture("errors.json"))
        .assert()
        .code(0);
    // Invalid JSON is a finding, not a crash.
    integ()
        .args(["check"])
        .arg(fixture("broken.json"))
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[E001]"))
        .stdout(predicates::str::contains("broken.json:2:1"));
    // Usage and I/O errors.
    integ()
        .args(["check", "no/such/file.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no such file or folder"));
    integ()
        .args(["check", "--select", "L999"])
        .arg(fixture("clean.json"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown check code or name \"L999\"",
        ));
    integ()
        .args(["check", "--format", "xml"])
        .arg(fixture("clean.json"))
        .assert()
        .code(2);
}

#[test]
fn human_output_has_snippets_and_a_summary() {
    let assert = integ()
        .args(["check", "--color", "never"])
        .arg(fixture("errors.json"))
        .arg(fixture("clean.json"))
        .arg(fixture("not-an-integration.json"))
        .assert()
        .code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.contains("error[L001]: trigger 1 (\"API Trigger\") points to task \"3\""));
    assert!(out.contains("errors.json:10:"), "{out}");
    assert!(out.contains("^^^ dangling-task-reference"));
    assert!(!out.contains("\x1b["), "no colour when not asked");
    assert!(
        !out.contains("Found 2 errors"),
        "the summary goes to stderr"
    );
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("Found 2 errors, 0 warnings and 0 infos in 1 file (2 checked; 1 JSON file skipped (of no kind integ checks)).\n"),
        "{err}"
    );
    let coloured = integ()
        .args(["check", "--color", "always"])
        .arg(fixture("errors.json"))
        .output()
        .unwrap();
    let coloured = String::from_utf8(coloured.stdout).unwrap();
    let bold_red = anstyle::AnsiColor::Red.on_default().bold();
    assert!(
        coloured.contains(&format!("{bold_red}error[L001]")),
        "{coloured}"
    );
    let plain = integ()
        .args(["check", "--color", "never"])
        .arg(fixture("errors.json"))
        .output()
        .unwrap();
    let stripped = anstream::adapter::strip_str(&coloured).to_string();
    assert_eq!(stripped, String::from_utf8(plain.stdout).unwrap());
    // --quiet drops the summary.
    let quiet = integ()
        .args(["check", "-q"])
        .arg(fixture("clean.json"))
        .output()
        .unwrap();
    assert!(quiet.stdout.is_empty());
}

#[test]
fn json_output_is_sorted_and_summarised() {
    let (doc, code) = stdout_json(&[
        "check",
        "--format",
        "json",
        path_str(&fixture("warnings.json")),
        path_str(&fixture("errors.json")),
        path_str(&fixture("broken.json")),
    ]);
    assert_eq!(code, 1);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    let keys: Vec<(String, u64, String)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys[0], ("broken.json".to_string(), 2, "E001".to_string()));
    let first_l001 = diagnostics.iter().find(|d| d["code"] == "L001").unwrap();
    assert_eq!(first_l001["name"], "dangling-task-reference");
    assert_eq!(first_l001["severity"], "error");
    assert_eq!(
        first_l001["pointer"],
        "/triggerConfigs/0/startTasks/1/taskId"
    );
    assert_eq!(
        first_l001.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "path", "code", "name", "severity", "message", "pointer", "line", "column"
        ]
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 3, "errors": 3, "warnings": 2, "infos": 0})
    );
}

#[test]
fn sarif_output_matches_the_sarif_structure() {
    let (doc, code) = stdout_json(&[
        "check",
        "--format",
        "sarif",
        path_str(&fixture("errors.json")),
        path_str(&fixture("warnings.json")),
    ]);
    assert_eq!(code, 1);
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/sarif-2.1.0-subset.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let warning = results.iter().find(|r| r["ruleId"] == "L005").unwrap();
    assert_eq!(warning["level"], "warning");
    let region = &warning["locations"][0]["physicalLocation"]["region"];
    assert!(region["startLine"].as_u64().unwrap() > 1);
}

#[test]
fn github_annotations() {
    let output = integ()
        .args(["check", "--format", "github"])
        .arg(fixture("warnings.json"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with("::warning file=") && lines[0].contains("warnings.json,line=86,col="),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(
        ",title=L005 unused-variable::L005 variable leftover is declared but never used"
    ));
}

#[test]
fn junit_has_one_testcase_per_file() {
    let output = integ()
        .args(["check", "--format", "junit"])
        .arg(fixture("errors.json"))
        .arg(fixture("clean.json"))
        .arg(fixture("warnings.json"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let xml = String::from_utf8(output.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert_eq!(xml.matches("<testcase ").count(), 3);
    assert_eq!(xml.matches("<failure ").count(), 1);
    assert!(xml.contains("tests=\"3\" failures=\"1\""));
    assert!(xml.contains("&quot;API Trigger&quot;"));
    assert!(xml.contains("<system-out>"));
}

#[test]
fn folders_are_recursed_and_stdin_is_read() {
    let (doc, _) = stdout_json(&["check", "--format", "json", path_str(&fixture(""))]);
    assert_eq!(
        doc["summary"]["files"], 4,
        "not-an-integration.json is skipped"
    );
    let text = std::fs::read_to_string(fixture("errors.json")).unwrap();
    let assert = integ()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text)
        .assert()
        .code(1);
    let doc: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(doc["diagnostics"][0]["path"], "-");
}

#[test]
fn stdin_findings_take_the_stdin_filename_and_its_configuration() {
    let dir = tempfile::tempdir().unwrap();
    // The configuration ignores L001 in flows/: standard input named into flows/ follows it.
    std::fs::write(
        dir.path().join("integ.toml"),
        "[check.per-file-ignores]\n\"flows/*.json\" = [\"L001\"]\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(fixture("errors.json")).unwrap();
    let check = |name: &str| {
        let output = integ()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--stdin-filename", name, "-"])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
        (
            output.status.code(),
            doc["diagnostics"].as_array().unwrap().clone(),
        )
    };
    let (code, ignored) = check("flows/order.json");
    assert_eq!((code, ignored.len()), (Some(0), 0), "{ignored:?}");
    let (code, found) = check("other/order.json");
    assert_eq!(code, Some(1));
    assert_eq!(found.len(), 2);
    assert!(
        found.iter().all(|d| d["path"] == "other/order.json"),
        "{found:?}"
    );
    let human = integ()
        .current_dir(dir.path())
        .args([
            "check",
            "--color",
            "never",
            "--stdin-filename",
            "other/order.json",
            "-",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    let out = String::from_utf8(human.stdout).unwrap();
    assert!(out.contains("--> other/order.json:"), "{out}");
}

#[test]
fn select_ignore_and_strict() {
    let (doc, code) = stdout_json(&[
        "check",
        "--format",
        "json",
        "--ignore",
        "L001,L006",
        path_str(&fixture("errors.json")),
    ]);
    assert_eq!((doc["summary"]["errors"].as_u64(), code), (Some(0), 0));
    let (doc, _) = stdout_json(&[
        "check",
        "--format",
        "json",
        "--select",
        "unused-variable",
        path_str(&fixture("warnings.json")),
        path_str(&fixture("errors.json")),
    ]);
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["L005", "L005"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.json");
    std::fs::write(
        &file,
        r#"{"taskConfigs": [], "triggerConfigs": [{"alterConfig": []}]}"#,
    )
    .unwrap();
    let (lenient, _) = stdout_json(&["check", "--format", "json", path_str(&file)]);
    assert_eq!(lenient["diagnostics"].as_array().unwrap().len(), 0);
    let (strict, code) = stdout_json(&["check", "--format", "json", "--strict", path_str(&file)]);
    assert_eq!(strict["diagnostics"][0]["code"], "S002");
    assert_eq!(
        strict["diagnostics"][0]["pointer"],
        "/triggerConfigs/0/alterConfig"
    );
    assert_eq!(strict["diagnostics"][0]["severity"], "error");
    assert_eq!(code, 1, "--strict makes S002 an error");
}

#[test]
fn integ_toml_is_found_upward_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("flows/legacy")).unwrap();
    std::fs::copy(fixture("errors.json"), root.join("flows/legacy/old.json")).unwrap();
    std::fs::copy(fixture("warnings.json"), root.join("flows/new.json")).unwrap();
    std::fs::write(
        root.join("integ.toml"),
        "[check]\nignore = [\"L012\"]\n\n[check.severity]\nunused-variable = \"error\"\n\n\
         [check.per-file-ignores]\n\"flows/legacy/*.json\" = [\"L001\", \"L013\"]\n",
    )
    .unwrap();
    let output = integ()
        .current_dir(root)
        .args(["check", "--format", "json", "flows"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(found.iter().all(|(_, code, _)| code == "L005"), "{found:?}");
    assert!(
        found
            .iter()
            .all(|(path, _, sev)| path == "flows/new.json" && sev == "error")
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "severity override makes L005 fail"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("integ.toml:8:34: unused ignore \"L013\" for \"flows/legacy/*.json\""),
        "{stderr}"
    );
    assert!(!stderr.contains("\"L001\" for"), "L001 was used: {stderr}");
    assert!(
        !stderr.contains("unused ignore \"L012\""),
        "global ignores are judged only when the whole folder is checked: {stderr}"
    );
    let whole = integ()
        .current_dir(root)
        .args(["check", "."])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(whole.stderr)
            .unwrap()
            .contains("unused ignore \"L012\"")
    );

    std::fs::write(root.join("integ.toml"), "[check]\nselect = [\"L0001\"]\n").unwrap();
    integ()
        .current_dir(root)
        .args(["check", "flows"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "integ.toml:2:11: unknown check code or name",
        ));
}

#[test]
fn explain_and_checks() {
    integ()
        .args(["explain", "L006"])
        .assert()
        .code(0)
        .stdout(predicates::str::starts_with(
            "# L006 unreachable-task (default severity: error)",
        ))
        .stdout(predicates::str::contains("## How to fix"));
    integ()
        .args(["explain", "dangling-task-reference"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("# L001"));
    integ()
        .args(["explain", "L999"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown check \"L999\"; `integ checks` lists them",
        ));
    let output = integ().args(["checks"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    for code in [
        "E001", "S001", "S002", "L001", "L013", "L016", "P001", "R001", "C001",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(code)),
            "{code} missing from `integ checks`"
        );
    }
    let (checks, _) = stdout_json(&["checks", "--json"]);
    assert_eq!(checks[0]["code"], "E001");
    assert_eq!(checks.as_array().unwrap().len(), text.lines().count());
    // `integ rules`, the command's name before "rule" came to mean only rule files, still
    // lists the same.
    let old = integ().args(["rules"]).output().unwrap();
    assert_eq!(String::from_utf8(old.stdout).unwrap(), text);
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn corpus_has_no_syntax_or_schema_findings_and_the_known_real_bug_is_found() {
    let files = common::corpus_files();
    let mut args = vec!["check".to_string(), "--format".into(), "json".into()];
    args.extend(files.iter().map(|p| p.to_string_lossy().into_owned()));
    let (doc, _) = stdout_json(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(doc["summary"]["files"], files.len());
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert!(
        !diagnostics
            .iter()
            .any(|d| d["code"] == "E001" || d["code"] == "S001"),
        "syntax or schema findings on real files"
    );
    // srinandan/executeworkflows sets `workflowResult` but declares `workflowsResult`.
    assert!(diagnostics.iter().any(|d| {
        d["code"] == "L004"
            && d["severity"] == "error"
            && d["message"]
                .as_str()
                .unwrap()
                .contains("setParameter(\"workflowResult\")")
    }));
}

/// The files whose findings a human report shows, in the order shown, each once per block.
fn shown_files(report: &str) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for line in report.lines() {
        let Some(location) = line.trim_start().strip_prefix("--> ") else {
            continue;
        };
        let file = location.split(':').next().unwrap().to_string();
        if files.last() != Some(&file) {
            files.push(file);
        }
    }
    files
}

#[test]
fn human_output_streams_in_path_order_with_the_same_findings_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let errors = std::fs::read_to_string(fixture("errors.json")).unwrap();
    // The first file in path order is the slowest to check, so later files finish first.
    let padding = "x".repeat(4 << 20);
    let slow = errors.replacen('{', &format!("{{\n  \"description\": \"{padding}\","), 1);
    std::fs::write(dir.path().join("a-slow.json"), slow).unwrap();
    for n in 0..40 {
        std::fs::write(dir.path().join(format!("f{n:02}.json")), &errors).unwrap();
    }
    std::fs::write(dir.path().join("m-broken.json"), "{\"taskConfigs\": [").unwrap();
    let human = integ()
        .args(["check", "--color", "never"])
        .arg(dir.path())
        .assert()
        .code(1);
    let summary = String::from_utf8(human.get_output().stderr.clone()).unwrap();
    let human = String::from_utf8(human.get_output().stdout.clone()).unwrap();
    let (json, code) = stdout_json(&["check", "--format", "json", path_str(dir.path())]);
    assert_eq!(code, 1);
    let mut json_files: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    json_files.dedup();
    let shown = shown_files(&human);
    assert_eq!(shown.len(), 42, "every file once, in one block: {shown:?}");
    let mut sorted = shown.clone();
    sorted.sort();
    assert_eq!(shown, sorted, "files in path order");
    assert_eq!(
        shown
            .iter()
            .map(|f| common::name(Path::new(f)))
            .collect::<Vec<_>>(),
        json_files
            .iter()
            .map(|f| common::name(Path::new(f)))
            .collect::<Vec<_>>()
    );
    let s = &json["summary"];
    let (errors, warnings, infos) = (&s["errors"], &s["warnings"], &s["infos"]);
    assert_eq!(
        summary.lines().last().unwrap(),
        format!(
            "Found {errors} errors, {warnings} warnings and {infos} infos in 42 files (42 checked)."
        )
    );
    // Files named on the command line are shown in path order too, whatever their order there.
    let reversed = integ()
        .args(["check", "--color", "never"])
        .arg(dir.path().join("f02.json"))
        .arg(dir.path().join("f01.json"))
        .arg(dir.path().join("a-slow.json"))
        .output()
        .unwrap();
    let names: Vec<String> = shown_files(&String::from_utf8(reversed.stdout).unwrap())
        .iter()
        .map(|f| common::name(Path::new(f)))
        .collect();
    assert_eq!(names, ["a-slow.json", "f01.json", "f02.json"]);
}

#[test]
fn auto_colour_follows_clicolor_force_and_no_color() {
    let run = |vars: &[(&str, &str)]| {
        let mut cmd = integ();
        cmd.args(["check"]).arg(fixture("errors.json"));
        cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        String::from_utf8(out.stdout).unwrap().contains('\x1b')
    };
    assert!(!run(&[]), "not a terminal: no colour");
    assert!(run(&[("CLICOLOR_FORCE", "1")]));
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
}
