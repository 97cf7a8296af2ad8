//! `integ diff`: compare two versions of an integration, two folders of them, or serve as git's
//! external diff driver (`diff.integ.command`) or textconv filter (`diff.integ.textconv`).

mod folders;
mod git;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::output::Paint;
use super::{ExitStatus, Output};
use crate::diff::render::{self, Tone};
use crate::diff::{Change, ChangeKind, Entity, IgnorePattern, Options};
use crate::error::{Error, Result};
use crate::source::SourceFile;

/// Arguments of `integ diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// OLD and NEW: two files (`-` for stdin, `/dev/null` for none) or two folders. Git's
    /// external-diff call (path old-file old-hex old-mode new-file new-hex new-mode, plus
    /// new-path and a message for renames) is recognised by its seven or nine arguments.
    #[arg(value_name = "PATH", num_args = 1..=9, required = true)]
    paths: Vec<PathBuf>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also compare output-only and volatile fields: name, createTime, updateTime,
    /// lastModifierEmail, lockHolder, snapshotNumber, state, status, origin, `*Internal`.
    #[arg(long)]
    include_metadata: bool,
    /// Leave out a path: a JSON Pointer where `*` matches one key or index and `**` any depth,
    /// e.g. `/taskConfigs/*/position` or `/**/position`. Repeatable.
    #[arg(long, value_name = "POINTER")]
    ignore: Vec<String>,
    /// Print one FILE in the normalised layout and exit (for git's `textconv`).
    #[arg(long)]
    textconv: bool,
}

/// Output formats of `integ diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A short account per entity.
    Human,
    /// `{"changes": [...]}` for tools.
    Json,
    /// A unified diff of both versions after normalisation.
    Unified,
}

/// The seven arguments git passes to an external diff driver.
const GIT_ARGS: usize = 7;
/// For a renamed path git adds the new path and a message.
const GIT_RENAME_ARGS: usize = 9;

pub(super) fn run(args: DiffArgs, out: &mut Output) -> Result<ExitStatus> {
    let options = Options {
        include_metadata: args.include_metadata,
        ignore: args
            .ignore
            .iter()
            .map(|p| IgnorePattern::parse(p))
            .collect::<Result<_>>()?,
    };
    match (args.textconv, args.paths.as_slice()) {
        (true, [file]) => {
            let value = load(file)?.unwrap_or(Value::Null);
            out.print(&crate::diff::normalized_text(&value, &options));
            Ok(ExitStatus::Success)
        }
        (true, _) => Err(Error::Usage("--textconv takes exactly one FILE".into())),
        (false, [old, new]) if old.as_os_str() == "-" && new.as_os_str() == "-" => Err(
            Error::Usage("only one side can be read from standard input (`-`)".into()),
        ),
        (false, [old, new]) => {
            // A missing side is named as every command names it, not mistaken for a file.
            for path in [old, new] {
                let special = path.as_os_str() == "-" || path.as_os_str() == "/dev/null";
                if !special && !path.exists() {
                    return Err(Error::Missing { path: path.clone() });
                }
            }
            let (old_dir, new_dir) = (old.is_dir(), new.is_dir());
            match (old_dir, new_dir) {
                (true, true) => folders::run(old, new, args.format, &options, out),
                (false, false) => diff_files(old, new, args.format, &options, out),
                _ => Err(Error::Usage(format!(
                    "cannot compare a folder with a file: {} and {}",
                    old.display(),
                    new.display()
                ))),
            }
        }
        (false, paths) if paths.len() == GIT_ARGS || paths.len() == GIT_RENAME_ARGS => {
            git::run(paths, args.format, &options, out);
            Ok(ExitStatus::Success)
        }
        (false, [path]) if std::env::var_os("GIT_DIFF_PATH_TOTAL").is_some() => {
            // git calls an external diff with the path alone for an unmerged file.
            out.println(&format!("* Unmerged path {}", path.display()));
            Ok(ExitStatus::Success)
        }
        (false, paths) => Err(Error::Usage(format!(
            "integ diff takes OLD and NEW (got {} paths); git's external-diff call passes {GIT_ARGS}",
            paths.len()
        ))),
    }
}

/// Reads one side: `None` for `/dev/null` (git's name for "no file").
fn load(path: &Path) -> Result<Option<Value>> {
    if path == Path::new("/dev/null") {
        return Ok(None);
    }
    let file = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("-", e))?;
        SourceFile::from_bytes(path, bytes)?
    } else {
        if !path.exists() {
            return Err(Error::Missing {
                path: path.to_path_buf(),
            });
        }
        SourceFile::read(path)?
    };
    let value = file.into_value();
    if !value.is_object() {
        return Err(Error::Usage(format!(
            "{}: not an integration (expected a JSON object at the top)",
            path.display()
        )));
    }
    Ok(Some(value))
}

/// The changes between two sides, which it takes apart; a missing side makes the whole
/// integration added or removed.
fn diff_sides(
    old: Option<Value>,
    new: Option<Value>,
    name: &str,
    options: &Options,
) -> Vec<Change> {
    let whole = |kind| Change {
        kind,
        entity: Entity::Integration,
        id: name.to_string(),
        label: None,
        old: None,
        new: None,
        fields: Vec::new(),
        references: None,
        variables: Vec::new(),
    };
    match (old, new) {
        (Some(a), Some(b)) => {
            let mut changes = crate::diff::compare_owned(a, b, options);
            for c in changes
                .iter_mut()
                .filter(|c| c.entity == Entity::Integration)
            {
                if c.id.is_empty() {
                    c.id = name.to_string();
                }
            }
            changes
        }
        (None, Some(_)) => vec![whole(ChangeKind::Added)],
        (Some(_), None) => vec![whole(ChangeKind::Removed)],
        (None, None) => Vec::new(),
    }
}

/// The integration name of a pair of sides: the `name` field, else the file stem.
fn pair_name(old: (&Path, Option<&Value>), new: (&Path, Option<&Value>)) -> String {
    [new, old]
        .iter()
        .find_map(|(_, v)| v.and_then(crate::diff::integration_name))
        .unwrap_or_else(|| {
            let (path, _) = if new.1.is_some() { new } else { old };
            crate::diff::folders::version_name(path, &Value::Null)
        })
}

fn diff_files(
    old_path: &Path,
    new_path: &Path,
    format: Format,
    options: &Options,
    out: &mut Output,
) -> Result<ExitStatus> {
    let old = load(old_path)?;
    let new = load(new_path)?;
    let name = pair_name((old_path, old.as_ref()), (new_path, new.as_ref()));
    let unified = (format == Format::Unified).then(|| {
        unified_text(
            (&old_path.display().to_string(), old.as_ref()),
            (&new_path.display().to_string(), new.as_ref()),
            options,
        )
    });
    let changes = diff_sides(old, new, &name, options);
    match format {
        Format::Human => {
            print_human(&changes, out);
            if changes.is_empty() {
                out.note("No semantic changes.");
            }
        }
        Format::Json => out.print(&render::json(&changes)),
        Format::Unified => print_unified(&unified.unwrap_or_default(), out),
    }
    Ok(if changes.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Findings
    })
}

fn print_human(changes: &[Change], out: &mut Output) {
    let text = {
        let paint = |tone: Tone, s: &str| out.paint(paint_of(tone), s);
        render::human(changes, &paint)
    };
    out.print(&text);
}

fn paint_of(tone: Tone) -> Paint {
    match tone {
        Tone::Added => Paint::Green,
        Tone::Removed => Paint::Red,
        Tone::Renamed => Paint::Cyan,
        Tone::Heading => Paint::Bold,
    }
}

fn unified_text(
    old: (&str, Option<&Value>),
    new: (&str, Option<&Value>),
    options: &Options,
) -> String {
    let text =
        |v: Option<&Value>| v.map_or(String::new(), |v| crate::diff::normalized_text(v, options));
    render::unified(old.0, new.0, &text(old.1), &text(new.1))
}

fn print_unified(text: &str, out: &mut Output) {
    let painted = if out.color {
        super::output::paint_diff(text)
    } else {
        text.to_string()
    };
    out.print(&painted);
}
