//! What `rename` and `apply` share: reading the inputs, the write options, and reporting.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{ExitStatus, Output};
use crate::check::is_integration;
use crate::error::{Error, Result};
use crate::project::{Layout, layout::canonical};
use crate::rename::{BatchOutcome, Prefilter, Scope};
use crate::source::SourceFile;
use crate::walk::{Input, collect_inputs};
use crate::write::{PlannedWrite, write_batch};

/// How the results of a changing command are delivered.
#[derive(Debug, Clone, clap::Args)]
pub struct WriteArgs {
    /// Write nothing; list the files that would change and exit 1 if any.
    #[arg(long, conflicts_with_all = ["diff", "stdout"])]
    pub check: bool,
    /// Write nothing; print a unified diff and exit 1 if anything would change.
    #[arg(long, conflicts_with = "stdout")]
    pub diff: bool,
    /// Write nothing; print the result of the one input file on stdout.
    #[arg(long)]
    pub stdout: bool,
    /// Skip the validation gate (results are still re-parsed and checked).
    #[arg(long)]
    pub no_verify: bool,
}

/// Which integrations `rename` and `apply` may change.
#[derive(Debug, Clone, clap::Args)]
pub struct ScopeArgs {
    /// Change only this integration (its name, file name or path) and its integrationcli files.
    #[arg(long, value_name = "NAME")]
    pub integration: Option<String>,
    /// Let a task-id rename reach every integration that has the id (task ids are numbered
    /// per integration, so by default a task id found in several is refused).
    #[arg(long)]
    pub all_integrations: bool,
}

impl ScopeArgs {
    /// The scope these options ask for.
    pub fn scope(&self) -> Scope {
        Scope {
            integrations: self.integration.iter().cloned().collect(),
            all_integrations: self.all_integrations,
        }
    }
}

/// The files of a batch and the integrationcli projects they belong to.
pub struct Loaded {
    /// Every file: the inputs, then the project files that change with them.
    pub files: Vec<SourceFile>,
    /// The projects found.
    pub layout: Layout,
    /// Inputs whose syntax was checked but which were not loaded, since the batch's
    /// [`Prefilter`] showed that nothing in them can change.
    pub unchanged: usize,
}

/// Reads every input (files, folders, `-`), plus, for inputs inside an integrationcli project,
/// the project files that must change with them ([`Layout::companions`]): a rename of an
/// integration reaches its overrides, config variables and tests in the same batch. Any
/// unreadable or invalid input stops the batch: all such errors are printed and
/// `Err(ExitStatus::Error)` is returned. Under `--stdout` (a preview of one file) no
/// companions are added. With a `prefilter`, files it rules out are only checked for syntax.
pub fn load(
    paths: &[PathBuf],
    args: &WriteArgs,
    prefilter: Option<&Prefilter>,
    out: &mut Output,
) -> Result<Result<Loaded, ExitStatus>> {
    let inputs = collect_inputs(paths)?;
    let prefilter = prefilter.filter(|_| !args.stdout);
    let Some((mut files, skipped)) = read_all(&inputs, prefilter, out) else {
        return Ok(Err(ExitStatus::Error));
    };
    files.retain(|f| {
        let top = f.document().value();
        if f.path.as_os_str() == "-" || top.is_object() {
            return true;
        }
        let kind = match top {
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::String(_) => "a string",
            _ => "a scalar",
        };
        out.warning(&format!(
            "{}: left alone: not an integration (the top level is {kind}, not an object)",
            f.path.display()
        ));
        false
    });
    let given: Vec<&Path> = files
        .iter()
        .map(|f| f.path.as_path())
        .chain(skipped.iter().map(PathBuf::as_path))
        .filter(|p| p.as_os_str() != "-")
        .collect();
    let layout = Layout::discover(given.iter().copied());
    let mut unchanged = skipped.len();
    if !layout.is_empty() && !skipped.is_empty() {
        // Project files depend on each other: read everything.
        let rest: Vec<Input> = skipped.iter().cloned().map(Input::File).collect();
        let Some((more, _)) = read_all(&rest, None, out) else {
            return Ok(Err(ExitStatus::Error));
        };
        files.extend(more);
        unchanged = 0;
    }
    if !args.stdout {
        let Some(more) = read_companions(&files, &layout, out) else {
            return Ok(Err(ExitStatus::Error));
        };
        files.extend(more);
    }
    Ok(Ok(Loaded {
        files,
        layout,
        unchanged,
    }))
}

/// Reads the files of the integrationcli projects of `layout` that must change, or be judged
/// by the validation gate, together with `files` ([`Layout::companions`]): an integration's
/// overrides, config variables and tests. On any failure prints every error and returns
/// `None`.
pub fn read_companions(
    files: &[SourceFile],
    layout: &Layout,
    out: &mut Output,
) -> Option<Vec<SourceFile>> {
    if layout.is_empty() {
        return Some(Vec::new());
    }
    let given: Vec<&Path> = files
        .iter()
        .map(|f| f.path.as_path())
        .filter(|p| p.as_os_str() != "-")
        .collect();
    let read: HashMap<PathBuf, bool> = files
        .iter()
        .map(|f| (canonical(&f.path), is_integration(f.document().value())))
        .collect();
    let integration = |p: &Path| match read.get(&canonical(p)) {
        Some(known) => *known,
        None => SourceFile::read(p).is_ok_and(|f| is_integration(f.document().value())),
    };
    let companions: Vec<Input> = layout
        .companions(given, integration)
        .into_iter()
        .map(Input::File)
        .collect();
    read_all(&companions, None, out).map(|(more, _)| more)
}

/// Reads `inputs`: the files loaded, and the paths that `prefilter` ruled out (their syntax
/// checked). On any failure prints every error and returns `None`.
fn read_all(
    inputs: &[Input],
    prefilter: Option<&Prefilter>,
    out: &mut Output,
) -> Option<(Vec<SourceFile>, Vec<PathBuf>)> {
    let loaded: Vec<Result<Option<SourceFile>>> = inputs
        .par_iter()
        .map(|input| match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io("-", e))?;
                SourceFile::from_bytes(Path::new("-"), bytes).map(Some)
            }
            Input::File(path) => match prefilter {
                Some(filter) => SourceFile::read_if(path, |text| filter.may_change(text)),
                None => SourceFile::read(path).map(Some),
            },
        })
        .collect();
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut failed = false;
    for (result, input) in loaded.into_iter().zip(inputs) {
        match (result, input) {
            (Ok(Some(f)), _) => files.push(f),
            (Ok(None), Input::File(path)) => skipped.push(path.clone()),
            (Ok(None), Input::Stdin) => unreachable!("standard input is always loaded"),
            (Err(e), _) => {
                out.error(&e.to_string());
                failed = true;
            }
        }
    }
    if failed {
        out.error("nothing was written because some inputs could not be read");
        return None;
    }
    Some((files, skipped))
}

/// Checks `--stdout` against the inputs: it prints one result, so it needs exactly one input.
pub fn check_stdout_inputs(args: &WriteArgs, files: &[SourceFile]) -> Result<()> {
    if args.stdout && files.len() != 1 {
        return Err(Error::Usage(format!(
            "--stdout prints one result, but {} input files were given",
            files.len()
        )));
    }
    Ok(())
}

/// Delivers a batch outcome: check, diff, stdout or write; prints the summary, each change
/// with its own verb (`Renamed …`, or `Would rename …` when nothing is written), so `rename`
/// and `apply` word and count the same change the same way.
pub fn deliver(outcome: &BatchOutcome, args: &WriteArgs, out: &mut Output) -> Result<ExitStatus> {
    let changed: Vec<_> = outcome.files.iter().filter(|f| f.changed()).collect();
    let dry = args.check || args.diff || args.stdout;
    let is_stdin = |p: &PathBuf| p.as_os_str() == "-";
    if args.stdout {
        out.print(outcome.files[0].result());
    } else if !args.check && !args.diff {
        for f in outcome.files.iter().filter(|f| is_stdin(&f.path)) {
            out.print(f.result());
        }
    }
    if args.check {
        for f in &changed {
            out.println(&format!("Would change: {}", f.path.display()));
        }
    }
    if args.diff {
        for f in &changed {
            out.unified_diff(&f.path.display().to_string(), &f.old, f.result());
        }
    }
    if !dry {
        let writes: Vec<PlannedWrite> = changed
            .iter()
            .filter(|f| !is_stdin(&f.path))
            .map(|f| PlannedWrite {
                path: f.path.clone(),
                text: f.result().to_string(),
            })
            .collect();
        write_batch(&writes)?;
    }
    for note in &outcome.skipped {
        out.note(&format!("Skipped {note}"));
    }
    for t in &outcome.tallies {
        let prefix = if dry { t.verb.would() } else { t.verb.done() };
        let files = if t.files == 1 { "file" } else { "files" };
        let unit = if t.count == 1 {
            t.unit.trim_end_matches('s')
        } else {
            t.unit
        };
        // Naming the integrations shows how far a rename reached when it reached several.
        let reach = if t.integrations.len() > 1 {
            format!(
                " ({} integrations: {})",
                t.integrations.len(),
                t.integrations.join(", ")
            )
        } else {
            String::new()
        };
        out.note(&format!(
            "{prefix} {}: {} {unit} in {} {files}{reach}",
            t.label, t.count, t.files
        ));
    }
    let n = changed.len();
    out.note(&format!(
        "{n} {} {}",
        if n == 1 { "file" } else { "files" },
        if dry { "would change" } else { "changed" }
    ));
    Ok(if (args.check || args.diff) && !changed.is_empty() {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}
