//! `integ fmt`: reprint files in a canonical layout.

use std::path::{Path, PathBuf};

use indicatif::ParallelProgressIterator;
use rayon::prelude::*;

use super::output::render_unified_diff;
use super::{ExitStatus, Output};
use crate::document::{Document, SpanNode, first_difference, parse_layout};
use crate::error::{Error, Result};
use crate::format::{Style, reprint, reprint_layout};
use crate::source::{SourceFile, decode_utf8, may_be_envelope, syntax_error};
use crate::walk::{Input, collect_inputs};
use crate::write::{PlannedWrite, write_batch};

/// Arguments of `integ fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Files or folders (recursing into *.json); `-` reads stdin and writes stdout.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// The layout to print: `auto` keeps each file's own (console, tab, expanded or minified).
    #[arg(long, value_enum, default_value_t = StyleChoice::Auto)]
    style: StyleChoice,
    /// Write nothing; list the files that would change and exit 1 if any.
    #[arg(long, conflicts_with = "diff")]
    check: bool,
    /// Write nothing; print a unified diff and exit 1 if anything would change.
    #[arg(long)]
    diff: bool,
}

/// The `--style` choices: a layout, or each file's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StyleChoice {
    /// Each file keeps the layout it has (see [`Style::detect`]): a console download stays in
    /// the console layout, an integrationcli file in tabs.
    Auto,
    /// The console's export layout (protobuf-java): 2-space indent, `[{` … `}, {` … `}]`,
    /// scalar arrays on one line, an empty object as `{` newline indent `}`.
    Console,
    /// Go `json.MarshalIndent` with a tab, as integrationcli writes.
    Tab,
    /// Two spaces, one array element per line, `{}` and `[]` when empty.
    Expanded,
    /// One line, no whitespace.
    Minified,
}

impl StyleChoice {
    /// The style to print `text` (span tree `root`) in.
    fn for_text(self, text: &str, root: &SpanNode) -> Style {
        match self {
            StyleChoice::Auto => Style::detect(text, root),
            StyleChoice::Console => Style::Console,
            StyleChoice::Tab => Style::Tab,
            StyleChoice::Expanded => Style::Expanded,
            StyleChoice::Minified => Style::Minified,
        }
    }
}

/// Reformats one file's text; `None` when it is already in `style`. For envelopes, the
/// integration inside is reprinted and put back into the envelope's string. With `verify`, a
/// changed text is parsed again and must hold the same value, key order included.
pub fn format_text(
    path: &Path,
    text: &str,
    style: StyleChoice,
    verify: bool,
) -> Result<Option<String>> {
    let root = parse_layout(text).map_err(|e| syntax_error(path, text, e.offset, e.message))?;
    let internal = |what: &str| {
        Error::Usage(format!(
            "{}: internal error: reformatting {what}",
            path.display()
        ))
    };
    if may_be_envelope(text, &root) {
        let file = SourceFile::from_text(path, text.to_string())?;
        let doc = file.document();
        let inner = reprint(doc, style.for_text(doc.text(), doc.root()));
        if inner == file.document().text() {
            return Ok(None);
        }
        let reread =
            Document::parse(inner.as_str()).map_err(|_| internal("produced invalid JSON"))?;
        if first_difference(reread.value(), file.document().value()).is_some() {
            return Err(internal("changed the value"));
        }
        // Putting the text back into the envelope is itself a checked edit.
        return Ok(Some(file.replace_document_text(&inner)?));
    }
    let new = reprint_layout(text, &root, style.for_text(text, &root));
    if new == text {
        return Ok(None);
    }
    if verify {
        let before = Document::parse(text).map_err(|_| internal("could not re-read the input"))?;
        let after = Document::parse(new.as_str()).map_err(|_| internal("produced invalid JSON"))?;
        if first_difference(before.value(), after.value()).is_some() {
            return Err(internal("changed the value"));
        }
    }
    Ok(Some(new))
}

/// What happened to one input.
struct Outcome {
    path: PathBuf,
    /// `None`: already formatted. Otherwise what the mode needs: the new text (write, stdin)
    /// or the rendered diff (`--diff`); empty under `--check`.
    change: Option<String>,
}

enum Mode {
    Check,
    Diff { color: bool },
    Write,
}

fn format_input(input: &Input, style: StyleChoice, mode: &Mode) -> Result<Outcome> {
    let (path, bytes) = input.read()?;
    let text = decode_utf8(&path, bytes)?;
    let stdin = path.as_os_str() == "-";
    let new = format_text(&path, &text, style, matches!(mode, Mode::Write))?;
    let change = match (new, mode) {
        (None, Mode::Write) if stdin => Some(text),
        (None, _) => None,
        (Some(_), Mode::Check) => Some(String::new()),
        (Some(new), Mode::Diff { color }) => Some(render_unified_diff(
            &path.display().to_string(),
            &text,
            &new,
            *color,
        )),
        (Some(new), Mode::Write) => Some(new),
    };
    Ok(Outcome { path, change })
}

pub(super) fn run(args: FmtArgs, out: &mut Output) -> Result<ExitStatus> {
    let inputs = collect_inputs(&args.paths)?;
    if inputs.is_empty() {
        out.note("No JSON files found.");
        return Ok(ExitStatus::Success);
    }
    let mode = match (args.check, args.diff) {
        (true, _) => Mode::Check,
        (_, true) => Mode::Diff { color: out.color },
        _ => Mode::Write,
    };
    // Each worker keeps only what its mode needs, so memory does not grow with the batch.
    let progress = out.progress(inputs.len(), "Formatting");
    let results: Vec<Result<Outcome>> = inputs
        .par_iter()
        .progress_with(progress.clone())
        .map(|input| format_input(input, args.style, &mode))
        .collect();
    progress.finish_and_clear();

    let mut failed = false;
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for result in results {
        match result {
            Ok(Outcome {
                path,
                change: Some(c),
            }) => changed.push((path, c)),
            Ok(Outcome { change: None, .. }) => unchanged += 1,
            Err(e) => {
                out.error(&e.to_string());
                failed = true;
            }
        }
    }
    if let Mode::Check | Mode::Diff { .. } = mode {
        let files = changed;
        for (path, change) in &files {
            match mode {
                Mode::Diff { .. } => out.print(change),
                _ => out.println(&format!("Would reformat: {}", path.display())),
            }
        }
        out.note(&summary(files.len(), unchanged, "would be reformatted"));
        return Ok(if failed {
            ExitStatus::Error
        } else if files.is_empty() {
            ExitStatus::Success
        } else {
            ExitStatus::Findings
        });
    }

    if failed {
        out.error("nothing was written because some files could not be formatted");
        return Ok(ExitStatus::Error);
    }
    let (stdin, files): (Vec<_>, Vec<_>) =
        changed.into_iter().partition(|(p, _)| p.as_os_str() == "-");
    for (_, text) in &stdin {
        out.print(text);
    }
    let writes: Vec<PlannedWrite> = files
        .into_iter()
        .map(|(path, text)| PlannedWrite { path, text })
        .collect();
    write_batch(&writes)?;
    if stdin.is_empty() {
        out.note(&summary(writes.len(), unchanged, "reformatted"));
    }
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
