//! Shell integration through the binary: completions, man pages, help examples, colour and
//! `--quiet`.
// Tests say on stderr when they skip something (the corpus, an optional tool).
#![allow(clippy::print_stderr)]

mod common;

use std::path::Path;

use clap::{CommandFactory, Parser};
use common::integ;

fn subcommands() -> Vec<String> {
    integ::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect()
}

fn stdout_of(args: &[&str]) -> String {
    let out = integ().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The example lines of `integ ARGS --help`: the indented lines after `Examples:`.
fn help_examples(args: &[&str]) -> Vec<String> {
    let mut args = args.to_vec();
    args.push("--help");
    let help = stdout_of(&args);
    let examples = help
        .split_once("Examples:\n")
        .unwrap_or_else(|| panic!("`integ {}` has no examples:\n{help}", args.join(" ")))
        .1;
    examples
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let names = subcommands();
    for wanted in ["fmt", "graph", "wrap", "unwrap", "completions", "man"] {
        assert!(names.iter().any(|n| n == wanted), "no {wanted} command");
    }
    let mut commands: Vec<Vec<String>> = names.into_iter().map(|n| vec![n]).collect();
    // Nested commands have their own help page.
    commands.push(vec!["request".into(), "execute".into()]);
    for command in commands {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let name = command.join(" ");
        let examples = help_examples(&args);
        // Each example is one whole command line: clap wraps long lines, which would split a
        // command over two lines that cannot be pasted.
        for example in &examples {
            let program = example.split_whitespace().next().unwrap_or("");
            assert!(
                ["integ", "git", "cat", "curl"].contains(&program),
                "`integ {name} --help`: an example is cut over two lines: {example:?}"
            );
        }
        assert!(
            examples
                .iter()
                .any(|e| e == &format!("integ {name}") || e.starts_with(&format!("integ {name} "))),
            "`integ {name}` examples do not show the command:\n{examples:?}"
        );
    }
}

#[test]
fn top_level_help_shows_examples_that_parse() {
    let examples = help_examples(&[]);
    assert!(examples.len() >= 3, "{examples:?}");
    for example in examples {
        // Plain commands only (no pipes, quotes or redirects), so each parses as written.
        assert!(
            !example.contains(['|', '>', '\'', '"']),
            "top-level example too fancy to check: {example}"
        );
        let args: Vec<&str> = example.split_whitespace().collect();
        assert!(
            integ::cli::Cli::try_parse_from(&args).is_ok(),
            "`{example}` in `integ --help` does not parse"
        );
    }
}

#[test]
fn completions_for_each_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for name in subcommands() {
            assert!(script.contains(&name), "{shell} completion lacks {name}");
        }
        assert!(script.contains("strip-output-only"), "{shell}");
    }
    let bash = stdout_of(&["completions", "bash"]);
    assert!(bash.contains("complete -F _integ"), "{bash}");
    // The bash script must at least be valid bash.
    if let Ok(out) = std::process::Command::new("bash")
        .args(["-n", "-c", &bash])
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = integ().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_pages_for_integ_and_each_command() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH integ 1"), "{page}");
    // NAME is `integ \- what it does`, not the name twice.
    let name_line = page
        .lines()
        .skip_while(|l| *l != ".SH NAME")
        .nth(1)
        .unwrap();
    assert!(
        name_line.starts_with("integ \\- Rename, validate"),
        "{name_line}"
    );
    assert!(page.contains(".SH SUBCOMMANDS"));
    for name in subcommands() {
        assert!(
            page.contains(&format!("integ\\-{name}")),
            "integ(1) lacks {name}"
        );
        let sub = stdout_of(&["man", &name]);
        assert!(sub.contains(&format!(".TH integ-{name} 1")), "{sub}");
        assert!(sub.contains("Examples:"), "integ-{name}(1) lacks examples");
    }
    let out = integ().args(["man", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no command named \"nope\"") && err.contains("graph"),
        "{err}"
    );
}

/// A file `fmt --diff` reports on, so there is coloured output to look at.
fn unformatted(dir: &Path) -> String {
    let path = dir.join("flow.json");
    // Not in any style (`fmt` keeps a file's own style by default): lines without indent.
    std::fs::write(&path, "{\n\"taskConfigs\":[],\n   \"a\":1}\n").unwrap();
    path.to_str().unwrap().to_string()
}

fn has_ansi(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"\x1b[")
}

#[test]
fn color_flag_decides_when_output_is_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let file = unformatted(dir.path());
    let run = |color: &str, no_color: Option<&str>| {
        let mut cmd = integ();
        cmd.args(["fmt", "--diff", "--color", color, &file]);
        cmd.env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stdout).contains("+  \"a\": 1"));
        out.stdout
    };
    assert!(has_ansi(&run("always", None)));
    // An explicit --color always wins over NO_COLOR, as no-color.org allows.
    assert!(has_ansi(&run("always", Some("1"))));
    assert!(!has_ansi(&run("never", None)));
    assert!(!has_ansi(&run("auto", None)), "a pipe is not a terminal");
}

/// `--color auto` on a real terminal: colour, unless NO_COLOR is set (and not empty). Runs the
/// binary under `script(1)`, which gives it a pseudo-terminal.
#[test]
#[cfg_attr(integ_no_script, ignore = "script(1) is not installed")]
fn color_auto_on_a_terminal_honours_no_color() {
    let dir = tempfile::tempdir().unwrap();
    let file = unformatted(dir.path());
    let binary = assert_cmd::cargo::cargo_bin("integ");
    let command = format!("'{}' fmt --diff '{}'", binary.display(), file);
    let run = |no_color: Option<&str>| {
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-qec", &command, "/dev/null"]);
        cmd.env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("\"a\": 1"));
        out.stdout
    };
    assert!(has_ansi(&run(None)), "a terminal gets colour");
    assert!(!has_ansi(&run(Some("1"))), "NO_COLOR turns it off");
    assert!(
        has_ansi(&run(Some(""))),
        "an empty NO_COLOR counts as unset"
    );
}

#[test]
fn quiet_drops_summaries_but_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = unformatted(dir.path());
    let out = integ().args(["fmt", "--check", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 file would be reformatted"));
    let out = integ()
        .args(["fmt", "--check", "--quiet", &file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Would reformat"));
    let missing = dir.path().join("missing.json");
    let out = integ()
        .args(["fmt", "--quiet"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}
