//! `integ diff DIR_A DIR_B`: the integrations of two folders, paired by name.

use std::path::Path;

use super::super::{ExitStatus, Output};
use super::{Format, diff_sides, load, paint_of, print_unified, unified_text};
use crate::cli::input::WalkArgs;
use crate::diff::Change;
use crate::diff::Options;
use crate::diff::folders::{self, Pair, Version};
use crate::diff::render::{self, Tone};
use crate::error::Result;
use crate::render::palette::{ADDED, EMPHASIS, REMOVED};
use crate::walk::Input;

pub(super) fn run(
    [old_root, new_root]: [&Path; 2],
    walk: &WalkArgs,
    format: Format,
    options: &Options,
    out: &mut Output,
) -> Result<ExitStatus> {
    let mut failed = false;
    let mut skipped = 0;
    let mut side = |root: &Path, out: &mut Output| -> Result<Vec<Version>> {
        let mut versions = Vec::new();
        for input in walk.collect(&[root.to_path_buf()], out)? {
            let Input::File(path) = input else { continue };
            match load(&path) {
                Ok(Some(value)) if crate::kind::is_integration(&value) => {
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
            pair.old.as_ref().map(|v| v.value.clone()),
            pair.new.as_ref().map(|v| v.value.clone()),
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
            let header = out.paint(EMPHASIS, &header);
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
            let word = out.paint(ADDED, "added");
            out.println(&format!(
                "integration {} {word} ({})",
                pair.name,
                new.path.display()
            ));
        }
        (Some(old), None) => {
            let word = out.paint(REMOVED, "removed");
            out.println(&format!(
                "integration {} {word} ({})",
                pair.name,
                old.path.display()
            ));
        }
        (None, None) => {}
    }
}
