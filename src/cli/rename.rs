//! `integ rename`: exact renames of variables, task ids and task names.

use std::path::PathBuf;

use super::batch::{Loaded, ScopeArgs, WriteArgs, check_stdout_inputs, deliver, load};
use super::{ExitStatus, Output};
use crate::error::{Error, Result};
use crate::rename::names::parse_pair;
use crate::rename::{RenameSet, RenameStep, prefilter, run_in};

/// Arguments of `integ rename`.
#[derive(Debug, clap::Args)]
pub struct RenameArgs {
    /// Rename a variable: exact key, backticks included (a name without backticks resolves to
    /// the backticked key when that is the only match).
    #[arg(long = "var", value_name = "OLD=NEW", value_parser = parse_pair)]
    vars: Vec<(String, String)>,
    /// Rename a task id at every id site (edges, start tasks, producers, internal copies).
    #[arg(long = "task-id", value_name = "OLD=NEW", value_parser = parse_pair)]
    task_ids: Vec<(String, String)>,
    /// Rename the display name of every task labelled exactly OLD.
    #[arg(long = "task-name", value_name = "OLD=NEW", value_parser = parse_pair)]
    task_names: Vec<(String, String)>,
    /// With --task-id: also rename `Task_<OLD>_*` variables to `Task_<NEW>_*`.
    #[arg(long, requires = "task_ids")]
    with_variables: bool,
    #[command(flatten)]
    scope: ScopeArgs,
    #[command(flatten)]
    write: WriteArgs,
    /// Files or folders (recursing into *.json); `-` reads stdin and writes stdout.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
}

pub(super) fn run_rename(args: RenameArgs, out: &mut Output) -> Result<ExitStatus> {
    if args.vars.is_empty() && args.task_ids.is_empty() && args.task_names.is_empty() {
        return Err(Error::Usage(
            "nothing to rename: give --var, --task-id or --task-name".to_string(),
        ));
    }
    let step = RenameStep {
        set: RenameSet {
            variables: args.vars,
            task_ids: args.task_ids,
            with_variables: args.with_variables,
            task_names: args.task_names,
            scope: args.scope.scope(),
        },
    };
    let filter = prefilter(&[&step]);
    let loaded = match load(&args.paths, &args.write, filter.as_ref(), out)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    if loaded.files.is_empty() && loaded.unchanged == 0 {
        out.note("No JSON files found; nothing to rename.");
        return Ok(ExitStatus::Success);
    }
    let Loaded { files, layout, .. } = loaded;
    check_stdout_inputs(&args.write, &files)?;
    let outcome = run_in(files, &layout, &[&step], !args.write.no_verify)?;
    deliver(&outcome, &args.write, out)
}
