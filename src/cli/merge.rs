//! `integ merge`: apply the import conflict rules to two integration files.

use std::path::PathBuf;

use super::input::read_one;
use super::{ExitStatus, Output};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::merge::{MergeError, Strategy, merge};
use crate::write::write_new_or_replace;

/// Arguments of `integ merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// How resources with the same identity are resolved.
    #[arg(long, value_enum)]
    strategy: Strategy,
    /// The integration merged into (its layout is kept); `-` reads stdin.
    base: PathBuf,
    /// The integration whose resources are imported; `-` reads stdin.
    incoming: PathBuf,
    /// Write the result here (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Write nothing, and exit 1, when the merged result has any error or warning finding
    /// (new errors are always refused; without --strict the others are printed as warnings).
    #[arg(long)]
    strict: bool,
}

pub(super) fn run(args: MergeArgs, out: &mut Output) -> Result<ExitStatus> {
    if args.base.as_os_str() == "-" && args.incoming.as_os_str() == "-" {
        return Err(Error::Usage(
            "BASE and INCOMING cannot both be standard input".to_string(),
        ));
    }
    let base = read_one(&args.base)?;
    let incoming = read_one(&args.incoming)?;
    let merged = merge(&base, &incoming, args.strategy).map_err(|e| match e {
        MergeError::Edit(source) => Error::Edit {
            path: args.base.clone(),
            source,
        },
        other => Error::Usage(format!(
            "cannot merge {} into {}: {other}",
            args.incoming.display(),
            args.base.display()
        )),
    })?;
    if merged.summary.is_empty() {
        out.note("nothing to merge: BASE already holds INCOMING's resources");
    }
    for line in &merged.summary {
        out.note(line);
    }
    // The result is checked like any file: say what check would say before it is written.
    // Positions are in the merged text: the output file, or `-` for standard output.
    let shown = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    let serious: Vec<&Diagnostic> = merged
        .findings
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .collect();
    for d in &merged.findings {
        out.finding(&format!(
            "{}:{}:{}: {}[{}] {} ({})",
            shown.display(),
            d.line,
            d.column,
            d.severity.as_str(),
            d.code,
            d.message,
            d.name
        ));
    }
    if args.strict && !serious.is_empty() {
        out.error(&format!(
            "--strict: the merged result has {} error or warning finding{}; nothing was written",
            serious.len(),
            if serious.len() == 1 { "" } else { "s" }
        ));
        return Ok(ExitStatus::Findings);
    }
    match &args.output {
        Some(path) => write_new_or_replace(path, &merged.text)?,
        None => out.print(&merged.text),
    }
    Ok(ExitStatus::Success)
}
