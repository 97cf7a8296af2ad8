//! The command line: argument definitions, dispatch, and everything that prints.
//!
//! Each command lives in its own file with a `run` function that returns an [`ExitStatus`];
//! fatal errors come back as [`crate::Error`] and are printed here, once.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod diff;
mod fmt;
pub mod output;

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

/// integ: rename, validate, format and diff Google Cloud Application Integration files,
/// losslessly and offline.
#[derive(Debug, Parser)]
#[command(
    name = "integ",
    version,
    propagate_version = true,
    arg_required_else_help = true
)]
#[command(
    after_help = "Exit codes: 0 success or nothing found; 1 findings, or changes under --check/--diff; \
2 usage error, unreadable path or invalid input."
)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// When to colour the output (NO_COLOR is honoured under `auto`).
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
    /// Compare two versions as integrations: tasks by id, variables by key, renames recognised.
    #[command(
        after_help = "Examples:\n  integ diff old.json new.json\n  integ diff --format json v1/ v2/\n  \
integ diff --ignore '/**/position' a.json b.json\n  git config diff.integ.command \"integ diff\"  \
(with `*.json diff=integ` in .gitattributes)\n\nExit codes: 0 no change, 1 changes, 2 error \
(always 0 when called by git with its seven arguments)."
    )]
    Diff(diff::DiffArgs),
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
        Command::Diff(args) => diff::run(args, &mut out),
    };
    let status = match result {
        Ok(status) => status,
        Err(e) if e.is_broken_pipe() => ExitStatus::Success,
        Err(e) => {
            out.error(&e.to_string());
            ExitStatus::Error
        }
    };
    if out.flush_broken_pipe() {
        return ExitCode::SUCCESS;
    }
    status.into()
}
