//! `integ apply`: run rule files over integration files.

use std::path::PathBuf;

use super::batch::{Loaded, ScopeArgs, WriteArgs, check_stdout_inputs, deliver, load};
use super::{ExitStatus, Output};
use crate::error::Result;
use crate::rename::{Step, prefilter, run_in};
use crate::rules::{CompiledRule, load as load_rules};

/// Arguments of `integ apply`.
#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// A rule file (JSON, see schemas/rules.schema.json); repeat to apply several in order.
    #[arg(long = "rules", value_name = "FILE", required = true)]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    scope: ScopeArgs,
    #[command(flatten)]
    write: WriteArgs,
    /// Files or folders (recursing into *.json); `-` reads stdin and writes stdout.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
}

pub(super) fn run_apply(args: ApplyArgs, out: &mut Output) -> Result<ExitStatus> {
    let mut rules: Vec<CompiledRule> = Vec::new();
    for path in &args.rules {
        rules.extend(load_rules(path)?);
    }
    let scope = args.scope.scope();
    for rule in &mut rules {
        rule.scope
            .integrations
            .extend(scope.integrations.iter().cloned());
        rule.scope.all_integrations |= scope.all_integrations;
    }
    // Rule files are not integrations, even when they sit in a folder being processed.
    let rule_files: Vec<PathBuf> = args
        .rules
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let steps: Vec<&dyn Step> = rules.iter().map(|r| r as &dyn Step).collect();
    let filter = prefilter(&steps);
    let loaded = match load(&args.paths, &args.write, filter.as_ref(), out)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    let Loaded {
        files,
        layout,
        unchanged,
    } = loaded;
    let files: Vec<_> = files
        .into_iter()
        .filter(|f| std::fs::canonicalize(&f.path).map_or(true, |p| !rule_files.contains(&p)))
        .collect();
    if files.is_empty() && unchanged == 0 {
        out.note("No JSON files found; nothing to apply.");
        return Ok(ExitStatus::Success);
    }
    check_stdout_inputs(&args.write, &files)?;
    let outcome = run_in(files, &layout, &steps, !args.write.no_verify)?;
    deliver(&outcome, &args.write, out)
}
