//! integrationcli projects in `integ check`: which related files to check beside the inputs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::check::project::check_on_disk;
use crate::diagnostic::Diagnostic;
use crate::project::{Layout, Place, check_scope, layout::canonical};
use crate::walk::Input;

/// The projects of the inputs and the related files to check.
pub(super) struct Scope {
    layout: Layout,
    files: Vec<(usize, usize)>,
    /// Related files to check that were not among the inputs.
    pub extra: Vec<Input>,
}

/// The projects the file inputs lie in (empty when none lies in one).
pub(super) fn layout(inputs: &[Input]) -> Layout {
    Layout::discover(inputs.iter().filter_map(|i| match i {
        Input::File(p) => Some(p.as_path()),
        Input::Stdin => None,
    }))
}

/// The related files to check in the projects of `layout` (see [`layout`] and
/// [`check_scope`]). `integration[i]` says whether input `i` was read as an integration: an
/// integration brings its related files only then, and a file of a related folder that is
/// itself an integration is not a related file.
pub(super) fn scope(layout: Layout, inputs: &[Input], integration: &[bool]) -> Scope {
    let files: Vec<(&Path, bool)> = inputs
        .iter()
        .zip(integration)
        .filter_map(|(i, ok)| match i {
            Input::File(p) => Some((p.as_path(), *ok)),
            Input::Stdin => None,
        })
        .collect();
    let ids: HashSet<PathBuf> = files.iter().map(|(p, _)| canonical(p)).collect();
    let given: HashSet<PathBuf> = files
        .iter()
        .filter(|(p, ok)| match layout.locate(p) {
            Some((_, Place::Integration(_))) => *ok,
            Some((_, Place::Related(_))) => !*ok,
            None => false,
        })
        .map(|(p, _)| canonical(p))
        .collect();
    let files = check_scope(&layout, &given);
    let extra = files
        .iter()
        .map(|&(p, i)| &layout.projects[p].files[i])
        .filter(|f| !ids.contains(&f.id))
        .map(|f| Input::File(f.path.clone()))
        .collect();
    Scope {
        layout,
        files,
        extra,
    }
}

/// The project findings of the related files in `scope`, by index into `inputs`.
pub(super) fn findings(scope: &Scope, inputs: &[Input]) -> Vec<(usize, Vec<Diagnostic>)> {
    if scope.files.is_empty() {
        return Vec::new();
    }
    let index: std::collections::HashMap<PathBuf, usize> = inputs
        .iter()
        .enumerate()
        .filter_map(|(n, i)| match i {
            Input::File(p) => Some((canonical(p), n)),
            Input::Stdin => None,
        })
        .collect();
    check_on_disk(&scope.layout, &scope.files)
        .into_iter()
        .filter_map(|(id, found)| Some((*index.get(&id)?, found)))
        .collect()
}

/// The text of `path` for snippets (empty when unreadable).
pub(super) fn found_text(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}
