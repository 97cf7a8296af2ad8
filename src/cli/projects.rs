//! integrationcli projects in `integ check`: which related files to check beside the inputs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::project::{Layout, check_on_disk, check_scope, layout::canonical};
use crate::walk::Input;

/// The projects of the inputs and the related files to check.
pub(super) struct Scope {
    layout: Layout,
    files: Vec<(usize, usize)>,
}

/// Finds the projects the file inputs lie in and adds to `inputs` the related files to check
/// that were not given (see [`check_scope`]).
pub(super) fn discover(inputs: &mut Vec<Input>) -> Scope {
    let given: Vec<&Path> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p.as_path()),
            Input::Stdin => None,
        })
        .collect();
    let layout = Layout::discover(given.iter().copied());
    let ids: HashSet<PathBuf> = given.iter().map(|p| canonical(p)).collect();
    let files = check_scope(&layout, &ids);
    for &(p, i) in &files {
        let file = &layout.projects[p].files[i];
        if !ids.contains(&file.id) {
            inputs.push(Input::File(file.path.clone()));
        }
    }
    Scope { layout, files }
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
