//! The CI recipes of docs/ci.md are accurate: the example workflow's integ commands run as
//! written on a project (passing on a clean one, failing with annotations and SARIF on a
//! broken one), the workflow shown in the page is the example file's, and the pre-commit
//! snippet names hooks this repository ships. (No YAML crate is a dependency, so the workflow
//! is read line by line; its YAML validity is not tested here.)

mod common;

use std::path::{Path, PathBuf};

use common::integ;
use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap()
}

/// The `integ …` commands of the workflow's `run:` steps, with any `> file` redirect split off.
fn workflow_commands() -> Vec<(Vec<String>, Option<String>)> {
    read("docs/examples/integ-check.yml")
        .lines()
        .filter_map(|l| l.trim().strip_prefix("run: integ "))
        .map(|command| {
            let (command, redirect) = match command.split_once(" > ") {
                Some((c, file)) => (c, Some(file.trim().to_string())),
                None => (command, None),
            };
            let args = command.split_whitespace().map(str::to_string).collect();
            (args, redirect)
        })
        .collect()
}

/// Runs every workflow command in `dir`; returns (args, exit code, stdout) per command.
fn run_workflow(dir: &Path) -> Vec<(Vec<String>, i32, String)> {
    workflow_commands()
        .into_iter()
        .map(|(args, redirect)| {
            let out = integ().current_dir(dir).args(&args).output().unwrap();
            let stdout = String::from_utf8(out.stdout).unwrap();
            if let Some(file) = redirect {
                assert_eq!(file, "integ.sarif", "the upload step reads integ.sarif");
            }
            (args, out.status.code().unwrap(), stdout)
        })
        .collect()
}

#[test]
fn the_workflow_commands_run_as_written() {
    let commands = workflow_commands();
    let texts: Vec<String> = commands.iter().map(|(a, _)| a.join(" ")).collect();
    assert_eq!(
        texts,
        [
            "fmt --check --style tab src/",
            "check --format github .",
            "check --format sarif --exit-zero ."
        ]
    );

    // A consistent integrationcli project passes every step.
    for (args, code, _) in run_workflow(&repo("tests/fixtures/integrationcli/orders")) {
        assert_eq!(
            code,
            0,
            "integ {} failed on a clean project",
            args.join(" ")
        );
    }

    // A broken one fails the check step with one annotation per finding, while the SARIF
    // step succeeds and writes a document for upload-sarif.
    let results = run_workflow(&repo("tests/fixtures/integrationcli/broken"));
    let (_, code, annotations) = &results[1];
    assert_eq!(*code, 1);
    assert_eq!(annotations.lines().count(), 18);
    assert!(
        annotations
            .lines()
            .all(|l| l.starts_with("::error file=dev/"))
    );
    let (_, code, sarif) = &results[2];
    assert_eq!(*code, 0);
    let sarif: Value = serde_json::from_str(sarif).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let found = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(found.len(), 18);
    assert!(found.iter().all(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("dev/"))
    }));
}

#[test]
fn the_page_shows_the_example_workflow() {
    let page = read("docs/ci.md");
    let example = read("docs/examples/integ-check.yml");
    let block = page
        .split("```yaml\njobs:")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/ci.md shows the workflow's job");
    let steps: Vec<&str> = block
        .lines()
        .map(|l| l.trim().trim_start_matches("- "))
        .filter(|l| l.starts_with("run:") || l.starts_with("uses:") || l.starts_with("if:"))
        .map(|l| l.split(" #").next().unwrap().trim_end())
        .collect();
    assert!(steps.len() >= 8, "{steps:?}");
    for step in steps {
        assert!(
            example
                .lines()
                .any(|l| l.trim().trim_start_matches("- ") == step),
            "docs/ci.md shows `{step}`, which the example workflow does not have"
        );
    }
}

#[test]
fn the_pre_commit_snippet_uses_hooks_this_repository_ships() {
    let hooks = read(".pre-commit-hooks.yaml");
    let page = read("docs/ci.md");
    let snippet = page
        .split("# .pre-commit-config.yaml")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let ids: Vec<&str> = snippet
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- id: "))
        .collect();
    assert_eq!(ids, ["integ-check", "integ-fmt"]);
    for id in ids {
        assert!(hooks.contains(&format!("- id: {id}\n")), "no hook {id}");
    }
    // The fmt hook's arguments are valid for `integ fmt`.
    integ()
        .args(["fmt", "--check", "--style", "tab"])
        .arg(repo("tests/fixtures/integrationcli/orders/src/orders.json"))
        .assert()
        .code(0);
}
