//! The command line: argument definitions, dispatch, and everything that prints.
//!
//! Each command lives in its own file with a `run` function that returns an [`ExitStatus`];
//! fatal errors come back as [`crate::Error`] and are printed here, once.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod apply;
mod batch;
mod check;
mod diff;
mod explain;
mod fmt;
mod graph;
mod input;
mod merge;
pub mod output;
mod projects;
mod rename;
mod request;
mod shell;
mod wrap;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use output::{ColorChoice, Output};

/// What a command reports through the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success, nothing to report.
    Success,
    /// 1: findings, or changes under `--check`/`--diff`.
    Findings,
    /// 2: usage error, unreadable path, invalid input.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Findings => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Rename, validate, format and diff Google Cloud Application Integration files, losslessly
/// and offline.
#[derive(Debug, Parser)]
#[command(
    name = "integ",
    version,
    propagate_version = true,
    arg_required_else_help = true
)]
#[command(after_help = "Examples:\n  integ check src/\n  \
integ rename --var order=purchase --diff src/\n  \
integ diff old.json new.json\n  \
integ fmt --check src/\n  \
integ request execute flow.json --trigger api_trigger/orders_API_1 --input order_id=42\n\n\
Run `integ COMMAND --help` for a command's options and examples.\n\n\
Exit codes: 0 success or nothing found; 1 findings, or changes under --check/--diff; \
2 usage error, unreadable path or invalid input.")]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// When to colour the output (under `auto`, NO_COLOR turns it off and CLICOLOR_FORCE on).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only errors and findings: no summaries, no progress.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Reprint files in a canonical layout, changing whitespace only.
    #[command(
        after_help = "Examples:\n  integ fmt --check src/\n  integ fmt --style tab --diff flow.json\n  \
cat flow.json | integ fmt - > pretty.json"
    )]
    Fmt(fmt::FmtArgs),
    /// Print the flow (triggers, tasks, conditional edges, error catchers) as a Mermaid or
    /// Graphviz DOT graph.
    #[command(after_help = "Examples:\n  integ graph flow.json > flow.mmd\n  \
integ graph flow.json --format dot | dot -Tsvg > flow.svg\n  \
integ unwrap download.json | integ graph -")]
    Graph(graph::GraphArgs),
    /// Print the upload request body {"content": "<file text>", "fileFormat": "JSON"} for
    /// versions:upload.
    #[command(after_help = "Examples:\n  integ wrap flow.json > upload.json\n  \
integ wrap --strip-output-only downloaded.json > upload.json\n  \
integ wrap flow.json | curl -H 'Content-Type: application/json' -d @- \"$API/versions:upload\"")]
    Wrap(wrap::WrapArgs),
    /// Print the integration file held by a download response or upload request, byte for byte.
    #[command(after_help = "Examples:\n  integ unwrap download.json > flow.json\n  \
integ wrap flow.json | integ unwrap - | cmp - flow.json")]
    Unwrap(wrap::UnwrapArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  integ completions bash > ~/.local/share/bash-completion/completions/integ\n  \
integ completions zsh > ~/.zfunc/_integ\n  \
integ completions fish > ~/.config/fish/completions/integ.fish"
    )]
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff).
    #[command(after_help = "Examples:\n  integ man | man -l -\n  \
integ man fmt > integ-fmt.1")]
    Man(shell::ManArgs),
    /// Validate files: the API schema plus semantic lints, with file:line:column.
    #[command(
        after_help = "Examples:\n  integ check src/\n  integ check --format sarif . > integ.sarif\n  \
integ check --select L --ignore L012 flow.json\n  \
integ check --fix src/\n  \
integ check --diff --unsafe-fixes src/\n  \
integ check --select L019 --fix download.json\n  \
integ check --fail-on warning --max-warnings 10 .\n  \
integ check my-project/\n  \
integ check my-project/dev/overrides/overrides.json\n  \
integ check --integration flow.json requests/\n\nIn an integrationcli folder (src/ with \
dev/overrides, dev/config-variables, dev/tests…) overrides, config variables and tests are \
checked against their integration (P001-P005). Execute requests and test configurations (R checks), \
custom connector version specs and connection files (C checks) are checked too. Findings marked [*] \
have a fix: --fix applies the safe ones (--unsafe-fixes: all), re-checks the result and writes \
every file or none.\n\n\
Exit codes: 0 no finding at or above --fail-on (default: error); 1 such findings, more warnings \
than --max-warnings, or with --diff a fix to apply; 2 usage error, unreadable path, or fixes the \
gate refused. Configuration: the nearest integ.toml above each file ([check] table)."
    )]
    Check(check::CheckArgs),
    /// Show the documentation of a check (`integ explain L001`).
    #[command(after_help = "Examples:\n  integ explain L004\n  integ explain undeclared-variable")]
    Explain(explain::ExplainArgs),
    /// List every check with its code, name, default severity and summary.
    #[command(
        alias = "rules",
        after_help = "Examples:\n  integ checks\n  integ checks | grep warning"
    )]
    Checks(explain::ChecksArgs),
    /// Rename variables, task ids or task names exactly, everywhere they are referenced.
    #[command(after_help = "Examples:\n  integ rename --var order=purchase src/\n  \
integ rename --var '`Task_1_responseBody`=`Task_1_body`' flow.json\n  \
integ rename --task-id 1=10 --with-variables --diff flow.json\n  \
integ rename --task-name 'Send Email=Notify customer' --check src/\n  \
integ rename --var '`CONFIG_url`=`CONFIG_base_url`' my-project/src/orders.json\n\n\
In an integrationcli folder (src/ with dev/overrides, dev/config-variables, dev/tests…) the \
overrides, config-variables files, test cases and test configs of each integration renamed \
are renamed in the same batch.")]
    Rename(rename::RenameArgs),
    /// Apply rule files (renames, case conversion, JSONPath edits) to integration files.
    #[command(
        after_help = "Examples:\n  integ apply --rules rules/rename-order.json src/\n  \
integ apply --rules a.json --rules b.json --diff flow.json"
    )]
    Apply(apply::ApplyArgs),
    /// Compare two versions as integrations: tasks by id, variables by key, renames recognised.
    #[command(
        after_help = "Examples:\n  integ diff old.json new.json\n  integ diff --format json v1/ v2/\n  \
integ diff --ignore '/**/position' a.json b.json\n  git config diff.integ.command \"integ diff\"  \
(with `*.json diff=integ` in .gitattributes)\n\nExit codes: 0 no change, 1 changes, 2 error \
(always 0 when called by git with its seven arguments)."
    )]
    Diff(diff::DiffArgs),
    /// Prepare request bodies for the API from an integration (`integ request execute`).
    #[command(
        after_help = "Examples:\n  integ request execute flow.json --trigger api_trigger/orders_API_1 \
--input order_id=42\n  integ request execute flow.json --trigger api_trigger/o_API_1 \
--do-not-propagate-error > body.json\n  \
curl -H 'Content-Type: application/json' -d @body.json \"$API/integrations/orders:execute\""
    )]
    Request(request::RequestArgs),
    /// Merge two integrations by the API's import rules: variables, config variables, triggers,
    /// error catchers and tasks matched by identity; BASE's layout kept.
    #[command(
        after_help = "Examples:\n  integ merge --strategy replace base.json incoming.json -o merged.json\n  \
integ merge --strategy overwrite base.json incoming.json > merged.json\n\n\
replace: INCOMING's resources replace BASE's with the same identity (key, parameter.key, triggerId, \
errorCatcherId, taskId), new ones are added, BASE's others stay. overwrite: the result holds INCOMING's \
resources and fields only. The result is validated before it is written; a clash (a task id taken by a task \
of another type) or a new error exits 2; what check finds in the result is printed, and --strict refuses \
to write when it includes an error or warning (exit 1)."
    )]
    Merge(merge::MergeArgs),
}

/// Runs integ with `args` (the program name first) and returns the process exit code.
pub fn main(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitStatus::Error.into(),
            };
        }
    };
    let mut out = Output::new(cli.global.color, cli.global.quiet);
    let result = match cli.command {
        Command::Fmt(args) => fmt::run(args, &mut out),
        Command::Graph(args) => graph::run(args, &mut out),
        Command::Wrap(args) => wrap::run_wrap(args, &mut out),
        Command::Unwrap(args) => wrap::run_unwrap(args, &mut out),
        Command::Completions(args) => shell::run_completions(args, &mut out),
        Command::Man(args) => shell::run_man(args, &mut out),
        Command::Check(args) => check::run(args, &mut out),
        Command::Explain(args) => explain::explain(args, &mut out),
        Command::Checks(args) => explain::list(args, &mut out),
        Command::Rename(args) => rename::run_rename(args, &mut out),
        Command::Apply(args) => apply::run_apply(args, &mut out),
        Command::Diff(args) => diff::run(args, &mut out),
        Command::Request(args) => request::run(args, &mut out),
        Command::Merge(args) => merge::run(args, &mut out),
    };
    let status = match result {
        Ok(status) => status,
        Err(e) if e.is_broken_pipe() => ExitStatus::Findings,
        Err(e) => {
            out.error(&e.to_string());
            ExitStatus::Error
        }
    };
    if out.flush_broken_pipe() {
        return cut_short(status).into();
    }
    status.into()
}

/// The status of a run whose output was cut before the end (`integ check | head`): the reader
/// saw only part of it, which is never a pass, so success becomes 1; findings and errors keep
/// the status they earned.
fn cut_short(status: ExitStatus) -> ExitStatus {
    match status {
        ExitStatus::Success => ExitStatus::Findings,
        earned => earned,
    }
}
