//! `integ completions` and `integ man`: shell completion scripts and the manual page,
//! generated from the same definitions that parse the command line.

use clap::CommandFactory;

use super::{Cli, ExitStatus, Output};
use crate::error::{Error, Result};

/// Arguments of `integ completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to write a completion script for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Arguments of `integ man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Print the page of this command (`integ-fmt(1)`…) instead of `integ(1)`.
    command: Option<String>,
}

pub(super) fn run_completions(args: CompletionsArgs, out: &mut Output) -> Result<ExitStatus> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "integ", &mut script);
    out.print(&String::from_utf8_lossy(&script));
    Ok(ExitStatus::Success)
}

pub(super) fn run_man(args: ManArgs, out: &mut Output) -> Result<ExitStatus> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let names: Vec<String> = command
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .filter(|n| n != "help")
                .collect();
            command
                .find_subcommand(name)
                .filter(|_| name != "help")
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "no command named {name:?}; commands: {}",
                        names.join(", ")
                    ))
                })?
                // After build(), a subcommand's display name is `integ-<name>`.
                .clone()
        }
    };
    let mut roff = Vec::new();
    let source = format!("integ {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(page)
        .source(source)
        .render(&mut roff)
        .map_err(|e| Error::io("-", e))?;
    out.print(&String::from_utf8_lossy(&roff));
    Ok(ExitStatus::Success)
}
