//! The CI recipes of docs/ci.md and of the README's "CI and pre-commit" section are accurate:
//! the example workflow's integ commands run as written on a project (passing on a clean one,
//! failing with annotations and SARIF on a broken one), the workflow steps shown in either page
//! are the example file's, the merge gate is the workflow's commands, and the pre-commit
//! snippets name hooks this repository ships. (No YAML crate is a dependency, so the workflow
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
            "fmt --check src/",
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

/// The text of `page` from `marker` to the end of its fenced block.
fn block_after<'a>(page: &'a str, marker: &str, path: &str) -> &'a str {
    page.split(marker)
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_else(|| panic!("{path} has no block starting with {marker:?}"))
}

/// The `run:`, `uses:` and `if:` steps of a workflow excerpt.
fn steps(block: &str) -> Vec<&str> {
    block
        .lines()
        .map(|l| l.trim().trim_start_matches("- "))
        .filter(|l| l.starts_with("run:") || l.starts_with("uses:") || l.starts_with("if:"))
        .map(|l| l.split(" #").next().unwrap().trim_end())
        .collect()
}

fn assert_steps_are_the_examples(path: &str, block: &str, at_least: usize) {
    let example = read("docs/examples/integ-check.yml");
    let steps = steps(block);
    assert!(steps.len() >= at_least, "{path}: {steps:?}");
    for step in steps {
        assert!(
            example
                .lines()
                .any(|l| l.trim().trim_start_matches("- ") == step),
            "{path} shows `{step}`, which the example workflow does not have"
        );
    }
}

#[test]
fn the_page_shows_the_example_workflow() {
    let page = read("docs/ci.md");
    let block = block_after(&page, "```yaml\njobs:", "docs/ci.md");
    assert_steps_are_the_examples("docs/ci.md", block, 8);
}

#[test]
fn the_readme_shows_the_example_workflow_and_links_it() {
    let readme = read("README.md");
    let block = block_after(&readme, "# .github/workflows/integ-check.yml", "README.md");
    assert_steps_are_the_examples("README.md", block, 6);
    // Every integ command of the workflow is in the excerpt, and the SARIF upload too.
    let shown = steps(block);
    for (args, redirect) in workflow_commands() {
        let mut step = format!("run: integ {}", args.join(" "));
        if let Some(file) = redirect {
            step = format!("{step} > {file}");
        }
        assert!(shown.contains(&step.as_str()), "README.md lacks `{step}`");
    }
    assert!(shown.contains(&"uses: github/codeql-action/upload-sarif@v3"));
    for link in ["(docs/ci.md)", "(docs/examples/integ-check.yml)"] {
        assert!(readme.contains(link), "README.md does not link {link}");
    }
}

/// The merge gate shown as a `sh` block after `marker`: its `integ` commands.
fn merge_gate(path: &str, marker: &str) -> Vec<Vec<String>> {
    let page = read(path);
    block_after(&page, marker, path)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("integ "))
        .map(|c| c.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_merge_gate_passes_a_clean_project_and_fails_a_broken_one() {
    let readme = merge_gate("README.md", "**Merge gate** on any CI system:\n\n```sh");
    let page = merge_gate(
        "docs/ci.md",
        "the gate is the same two commands; any non-zero exit fails the job:\n\n```sh",
    );
    assert_eq!(
        readme, page,
        "README.md and docs/ci.md show different merge gates"
    );
    assert_eq!(readme.len(), 2, "{readme:?}");
    // The gate is the workflow's format step and its check step without annotations.
    let workflow = workflow_commands();
    assert_eq!(readme[0], workflow[0].0);
    assert_eq!(readme[1], ["check", "."]);

    let run = |project: &str| -> Vec<i32> {
        readme
            .iter()
            .map(|args| {
                let out = integ()
                    .current_dir(repo(project))
                    .args(args)
                    .output()
                    .unwrap();
                out.status.code().unwrap()
            })
            .collect()
    };
    assert_eq!(run("tests/fixtures/integrationcli/orders"), [0, 0]);
    assert_eq!(run("tests/fixtures/integrationcli/broken")[1], 1);
}

/// The hook ids of the pre-commit snippet that follows `# .pre-commit-config.yaml` in `path`.
fn pre_commit_hook_ids(path: &str) -> Vec<String> {
    let page = read(path);
    block_after(&page, "# .pre-commit-config.yaml", path)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- id: "))
        .map(str::to_string)
        .collect()
}

/// The words of the `entry:` of hook `id` in .pre-commit-hooks.yaml.
fn hook_entry(hooks: &str, id: &str) -> Vec<String> {
    hooks
        .split(&format!("- id: {id}\n"))
        .nth(1)
        .and_then(|rest| rest.lines().find_map(|l| l.trim().strip_prefix("entry: ")))
        .unwrap_or_else(|| panic!("no entry for hook {id}"))
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_pre_commit_snippet_uses_hooks_this_repository_ships() {
    let hooks = read(".pre-commit-hooks.yaml");
    for path in ["docs/ci.md", "README.md", "docs/check.md"] {
        let ids = pre_commit_hook_ids(path);
        assert_eq!(ids, ["integ-check-fix", "integ-fmt"], "{path}");
        for id in ids {
            assert!(
                hooks.contains(&format!("- id: {id}\n")),
                "{path}: no hook {id}"
            );
        }
    }
    // README.md and docs/ci.md show one snippet: the fmt hook scoped to the integrations.
    let snippet = |path: &str| {
        let page = read(path);
        block_after(&page, "# .pre-commit-config.yaml", path)
            .lines()
            .map(|l| l.split(" #").next().unwrap().trim_end().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(snippet("README.md"), snippet("docs/ci.md"));
    assert!(
        snippet("README.md")
            .iter()
            .any(|l| l.trim() == "files: ^src/"),
        "the README's integ-fmt hook is not scoped with files:"
    );
    assert!(
        hooks.contains("- id: integ-check\n"),
        "the report-only hook is shipped too"
    );
    // The fix hook's entry fixes a staged file and then passes.
    let entry = hook_entry(&hooks, "integ-check-fix");
    assert_eq!(entry, ["integ", "check", "--fix"]);
    let dir = tempfile::tempdir().unwrap();
    let staged = dir.path().join("flow.json");
    std::fs::copy(repo("tests/fixtures/fix/L008.json"), &staged).unwrap();
    integ().args(&entry[1..]).arg(&staged).assert().code(0);
    assert_eq!(
        std::fs::read_to_string(&staged).unwrap(),
        read("tests/fixtures/fix/L008.fixed.json")
    );
    // The fmt hook keeps integrationcli's layout by default.
    integ()
        .args(["fmt", "--check"])
        .arg(repo("tests/fixtures/integrationcli/orders/src/orders.json"))
        .assert()
        .code(0);
}
