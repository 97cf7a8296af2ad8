//! `integ fmt`: reprint files in a canonical layout.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{ExitStatus, Output};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::format::{Style, reprint};
use crate::source::SourceFile;
use crate::walk::{Input, collect_inputs};
use crate::write::{PlannedWrite, write_batch};

/// Arguments of `integ fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Files or folders (recursing into *.json); `-` reads stdin and writes stdout.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// The layout to print.
    #[arg(long, value_enum, default_value_t = Style::Console)]
    style: Style,
    /// Write nothing; list the files that would change and exit 1 if any.
    #[arg(long, conflicts_with = "diff")]
    check: bool,
    /// Write nothing; print a unified diff and exit 1 if anything would change.
    #[arg(long)]
    diff: bool,
}

/// The outcome for one file.
struct Formatted {
    path: PathBuf,
    old: String,
    new: String,
}

/// Reformats one file's text. For envelopes, the integration inside is reprinted and put back
/// into the envelope's string.
pub fn format_file(path: &Path, bytes: Vec<u8>, style: Style) -> Result<(String, String)> {
    let file = SourceFile::from_bytes(path, bytes)?;
    let printed = reprint(file.document(), style);
    let new = file.replace_document_text(&printed)?;
    let old = file.outer().text().to_string();
    if new != old {
        // The layout must not change the value; prove it before anyone writes.
        let check = Document::parse(printed.as_str()).map_err(|e| {
            Error::Usage(format!(
                "{}: internal error: reformatted text does not parse ({})",
                path.display(),
                e.message
            ))
        })?;
        if crate::document::first_difference(check.value(), file.document().value()).is_some() {
            return Err(Error::Usage(format!(
                "{}: internal error: reformatting changed the value",
                path.display()
            )));
        }
    }
    Ok((old, new))
}

pub(super) fn run(args: FmtArgs, out: &mut Output) -> Result<ExitStatus> {
    let inputs = collect_inputs(&args.paths)?;
    if inputs.is_empty() {
        out.note("No JSON files found.");
        return Ok(ExitStatus::Success);
    }
    let results: Vec<Result<Formatted>> = inputs
        .par_iter()
        .map(|input| {
            let (path, bytes) = match input {
                Input::Stdin => {
                    let mut bytes = Vec::new();
                    std::io::stdin()
                        .read_to_end(&mut bytes)
                        .map_err(|e| Error::io("-", e))?;
                    (PathBuf::from("-"), bytes)
                }
                Input::File(path) => (
                    path.clone(),
                    std::fs::read(path).map_err(|e| Error::io(path, e))?,
                ),
            };
            let (old, new) = format_file(&path, bytes, args.style)?;
            Ok(Formatted { path, old, new })
        })
        .collect();

    let mut failed = false;
    let mut formatted = Vec::new();
    for result in results {
        match result {
            Ok(f) => formatted.push(f),
            Err(e) => {
                out.error(&e.to_string());
                failed = true;
            }
        }
    }
    let changed: Vec<&Formatted> = formatted.iter().filter(|f| f.old != f.new).collect();
    let unchanged = formatted.len() - changed.len();

    if args.check || args.diff {
        for f in &changed {
            if args.diff {
                out.unified_diff(&f.path.display().to_string(), &f.old, &f.new);
            } else {
                out.println(&format!("Would reformat: {}", f.path.display()));
            }
        }
        out.note(&summary(changed.len(), unchanged, "would be reformatted"));
        return Ok(if failed {
            ExitStatus::Error
        } else if changed.is_empty() {
            ExitStatus::Success
        } else {
            ExitStatus::Findings
        });
    }

    for f in formatted.iter().filter(|f| f.path.as_os_str() == "-") {
        out.print(&f.new);
    }
    if failed {
        out.error("nothing was written because some files could not be formatted");
        return Ok(ExitStatus::Error);
    }
    let writes: Vec<PlannedWrite> = changed
        .iter()
        .filter(|f| f.path.as_os_str() != "-")
        .map(|f| PlannedWrite {
            path: f.path.clone(),
            text: f.new.clone(),
        })
        .collect();
    write_batch(&writes)?;
    out.note(&summary(writes.len(), unchanged, "reformatted"));
    Ok(ExitStatus::Success)
}

fn summary(changed: usize, unchanged: usize, verb: &str) -> String {
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    match (changed, unchanged) {
        (0, u) => format!("{u} {} already formatted", files(u)),
        (c, 0) => format!("{c} {} {verb}", files(c)),
        (c, u) => format!(
            "{c} {} {verb}, {u} {} already formatted",
            files(c),
            files(u)
        ),
    }
}
