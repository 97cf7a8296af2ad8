//! `integ diff`: compare two versions of an integration, two folders of them, or serve as git's
//! external diff driver (`diff.integ.command`) or textconv filter (`diff.integ.textconv`).

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::output::Paint;
use super::{ExitStatus, Output};
use crate::diff::folders::{self, Pair, Version};
use crate::diff::render::{self, Tone};
use crate::diff::{Change, ChangeKind, Entity, IgnorePattern, Options};
use crate::error::{Error, Result};
use crate::source::SourceFile;
use crate::walk::{Input, collect_inputs};

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
            let (old_dir, new_dir) = (old.is_dir(), new.is_dir());
            match (old_dir, new_dir) {
                (true, true) => diff_folders(old, new, args.format, &options, out),
                (false, false) => diff_files(old, new, args.format, &options, out),
                _ => Err(Error::Usage(format!(
                    "cannot compare a folder with a file: {} and {}",
                    old.display(),
                    new.display()
                ))),
            }
        }
        (false, paths) if paths.len() == GIT_ARGS || paths.len() == GIT_RENAME_ARGS => {
            git_driver(paths, args.format, &options, out);
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
    let value = file.document().value().clone();
    if !value.is_object() {
        return Err(Error::Usage(format!(
            "{}: not an integration (expected a JSON object at the top)",
            path.display()
        )));
    }
    Ok(Some(value))
}

/// The changes between two sides; a missing side makes the whole integration added or removed.
fn diff_sides(
    old: Option<&Value>,
    new: Option<&Value>,
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
            let mut changes = crate::diff::compare_values(a, b, options);
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
            folders::version_name(path, &Value::Null)
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
    let changes = diff_sides(old.as_ref(), new.as_ref(), &name, options);
    match format {
        Format::Human => {
            print_human(&changes, out);
            if changes.is_empty() {
                out.note("No semantic changes.");
            }
        }
        Format::Json => out.print(&render::json(&changes)),
        Format::Unified => {
            let text = unified_text(
                (&old_path.display().to_string(), old.as_ref()),
                (&new_path.display().to_string(), new.as_ref()),
                options,
            );
            print_unified(&text, out);
        }
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
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let paint = match line.as_bytes().first() {
            Some(b'+') if !line.starts_with("+++") => Some(Paint::Green),
            Some(b'-') if !line.starts_with("---") => Some(Paint::Red),
            Some(b'@') => Some(Paint::Cyan),
            _ => None,
        };
        match paint {
            Some(p) => {
                let painted = out.paint(p, body);
                out.print(&painted);
                out.print(&line[body.len()..]);
            }
            None => out.print(line),
        }
    }
}

/// Git's external diff driver: `path old-file old-hex old-mode new-file new-hex new-mode
/// [new-path message]`. Always succeeds (git stops at a driver's non-zero exit); a file that cannot be read as an
/// integration is reported on stderr and shown as a plain text diff.
fn git_driver(args: &[PathBuf], format: Format, options: &Options, out: &mut Output) {
    let path = args[0].display().to_string();
    let new_path = args
        .get(7)
        .map_or(path.clone(), |p| p.display().to_string());
    let (old_file, new_file) = (&args[1], &args[4]);
    let sides = load(old_file).and_then(|old| Ok((old, load(new_file)?)));
    let (old, new) = match sides {
        Ok(sides) => sides,
        Err(e) => {
            out.error(&format!("{path}: {e}; showing a text diff"));
            let read = |p: &Path| {
                String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned()
            };
            let text = render::unified(
                &format!("a/{path}"),
                &format!("b/{new_path}"),
                &read(old_file),
                &read(new_file),
            );
            print_unified(&text, out);
            return;
        }
    };
    let name = pair_name((&args[0], old.as_ref()), (&args[0], new.as_ref()));
    let changes = diff_sides(old.as_ref(), new.as_ref(), &name, options);
    match format {
        Format::Human => {
            let header = out.paint(Paint::Bold, &format!("integ diff a/{path} b/{new_path}"));
            out.println(&header);
            if changes.is_empty() {
                out.println("no semantic changes (layout or metadata only)");
            }
            print_human(&changes, out);
        }
        Format::Json => out.print(&render::json(&changes)),
        Format::Unified => {
            let text = unified_text(
                (&format!("a/{path}"), old.as_ref()),
                (&format!("b/{new_path}"), new.as_ref()),
                options,
            );
            print_unified(&text, out);
        }
    }
}

fn diff_folders(
    old_root: &Path,
    new_root: &Path,
    format: Format,
    options: &Options,
    out: &mut Output,
) -> Result<ExitStatus> {
    let mut failed = false;
    let mut skipped = 0;
    let mut side = |root: &Path, out: &mut Output| -> Result<Vec<Version>> {
        let mut versions = Vec::new();
        for input in collect_inputs(&[root.to_path_buf()])? {
            let Input::File(path) = input else { continue };
            match load(&path) {
                Ok(Some(value)) if folders::is_integration(&value) => {
                    versions.push(Version { path, value });
                }
                Ok(_) => skipped += 1,
                Err(e) => {
                    out.error(&e.to_string());
                    failed = true;
                }
            }
        }
        Ok(versions)
    };
    let old = side(old_root, out)?;
    let new = side(new_root, out)?;
    let pairs = folders::pair(old_root, old, new_root, new);
    let mut any_change = false;
    let mut json_entries = Vec::new();
    for pair in &pairs {
        let changes = diff_sides(
            pair.old.as_ref().map(|v| &v.value),
            pair.new.as_ref().map(|v| &v.value),
            &pair.name,
            options,
        );
        any_change |= !changes.is_empty();
        match format {
            Format::Human => print_pair_human(pair, &changes, out),
            Format::Json => json_entries.push(serde_json::json!({
                "name": pair.name,
                "old": pair.old.as_ref().map(|v| v.path.display().to_string()),
                "new": pair.new.as_ref().map(|v| v.path.display().to_string()),
                "changes": changes,
            })),
            Format::Unified if !changes.is_empty() => {
                let label = |v: &Option<Version>| {
                    v.as_ref()
                        .map_or("/dev/null".to_string(), |v| v.path.display().to_string())
                };
                let text = unified_text(
                    (&label(&pair.old), pair.old.as_ref().map(|v| &v.value)),
                    (&label(&pair.new), pair.new.as_ref().map(|v| &v.value)),
                    options,
                );
                print_unified(&text, out);
            }
            Format::Unified => {}
        }
    }
    if format == Format::Json {
        let mut text =
            serde_json::to_string_pretty(&serde_json::json!({ "integrations": json_entries }))
                .expect("changes always serialise");
        text.push('\n');
        out.print(&text);
    }
    if skipped > 0 {
        out.note(&format!(
            "Skipped {skipped} JSON files that are not integrations."
        ));
    }
    if !any_change && !failed {
        out.note("No semantic changes.");
    }
    Ok(if failed {
        ExitStatus::Error
    } else if any_change {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

fn print_pair_human(pair: &Pair, changes: &[Change], out: &mut Output) {
    if changes.is_empty() {
        return;
    }
    match (&pair.old, &pair.new) {
        (Some(old), Some(new)) => {
            let header = format!(
                "{}: {} → {}",
                pair.name,
                old.path.display(),
                new.path.display()
            );
            let header = out.paint(Paint::Bold, &header);
            out.println(&header);
            let text = {
                let paint = |tone: Tone, s: &str| out.paint(paint_of(tone), s);
                render::human(changes, &paint)
            };
            for line in text.lines() {
                out.println(&format!("  {line}"));
            }
        }
        (None, Some(new)) => {
            let word = out.paint(Paint::Green, "added");
            out.println(&format!(
                "integration {} {word} ({})",
                pair.name,
                new.path.display()
            ));
        }
        (Some(old), None) => {
            let word = out.paint(Paint::Red, "removed");
            out.println(&format!(
                "integration {} {word} ({})",
                pair.name,
                old.path.display()
            ));
        }
        (None, None) => {}
    }
}
