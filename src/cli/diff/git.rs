//! `integ diff` called by git as its external diff driver (`diff.integ.command`).

use std::path::{Path, PathBuf};

use super::super::Output;
use super::{Format, diff_sides, load, pair_name, print_human, print_unified, unified_text};
use crate::diff::Options;
use crate::diff::render;
use crate::render::palette::EMPHASIS;

/// Git's external diff driver: `path old-file old-hex old-mode new-file new-hex new-mode
/// [new-path message]`. Always succeeds (git stops at a driver's non-zero exit); a file that
/// cannot be read as an integration is reported on stderr and shown as a plain text diff.
pub(super) fn run(args: &[PathBuf], format: Format, options: &Options, out: &mut Output) {
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
            let text = crate::render::unified::unified_diff(
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
    let unified = (format == Format::Unified).then(|| {
        unified_text(
            (&format!("a/{path}"), old.as_ref()),
            (&format!("b/{new_path}"), new.as_ref()),
            options,
        )
    });
    let changes = diff_sides(old, new, &name, options);
    match format {
        Format::Human => {
            let header = out.paint(EMPHASIS, &format!("integ diff a/{path} b/{new_path}"));
            out.println(&header);
            if changes.is_empty() {
                out.println("no semantic changes (layout or metadata only)");
            }
            print_human(&changes, out);
        }
        Format::Json => out.print(&render::json(&changes)),
        Format::Unified => print_unified(&unified.unwrap_or_default(), out),
    }
}
