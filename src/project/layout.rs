//! Finding integrationcli projects on disk from the paths a command was given.
//!
//! A path belongs to a project when it is `ROOT/src/X.json`, or a file of one of the four
//! folders of an environment folder ([`super::scan`] describes the layout). Only those shapes
//! are recognised, so walking up never goes further than three folders.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use super::scan::canonical;
use super::scan::{Project, RELATED_DIRS};
use crate::kind::FileKind;

/// The projects the given files belong to.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Every project reached, in the order first reached.
    pub projects: Vec<Project>,
    by_id: HashMap<PathBuf, (usize, Place)>,
}

/// Where a file sits in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `src/` integration number n.
    Integration(usize),
    /// Related file number n.
    Related(usize),
}

impl Layout {
    /// The projects that `files` (paths as given or found in folders) lie in.
    pub fn discover<'a>(files: impl IntoIterator<Item = &'a Path>) -> Layout {
        let mut layout = Layout::default();
        // Every folder tried, project or not: a folder of many integrations is scanned once.
        let mut tried: std::collections::HashSet<PathBuf> = Default::default();
        for file in files {
            for root in candidate_roots(file) {
                if !tried.insert(canonical(&root)) {
                    continue;
                }
                if let Some(project) = Project::scan(&root) {
                    layout.add(project);
                }
            }
        }
        layout
    }

    fn add(&mut self, project: Project) {
        let p = self.projects.len();
        for (i, m) in project.integrations.iter().enumerate() {
            self.by_id.insert(m.id.clone(), (p, Place::Integration(i)));
        }
        for (i, f) in project.files.iter().enumerate() {
            self.by_id.insert(f.id.clone(), (p, Place::Related(i)));
        }
        self.projects.push(project);
    }

    /// The project and place of `path`, if it belongs to one.
    pub fn locate(&self, path: &Path) -> Option<(usize, Place)> {
        self.by_id.get(&canonical(path)).copied()
    }

    /// What `path` is: a related file's kind, or [`FileKind::Integration`] for anything else.
    pub fn kind_of(&self, path: &Path) -> FileKind {
        match self.locate(path) {
            Some((p, Place::Related(i))) => self.projects[p].files[i].kind,
            _ => FileKind::Integration,
        }
    }

    /// True when no project was found.
    pub fn is_empty(&self) -> bool {
        self.projects.is_empty()
    }

    /// The files a writing command must change together with `files`: the related files of
    /// every integration given, and for a related file given, its integration and that
    /// integration's other related files. `is_integration` says whether a file holds an
    /// integration: an integration brings companions only then, a file in a related folder that
    /// is an integration is not a related file, and a related file brings nothing when its
    /// integration is not one (a web app's `src/` and `tests/` are not a project). Paths
    /// already in `files` are not repeated.
    pub fn companions<'a>(
        &self,
        files: impl IntoIterator<Item = &'a Path>,
        is_integration: impl Fn(&Path) -> bool,
    ) -> Vec<PathBuf> {
        let given: Vec<(&Path, PathBuf)> = files.into_iter().map(|p| (p, canonical(p))).collect();
        let mut seen: Vec<PathBuf> = given.iter().map(|(_, id)| id.clone()).collect();
        let mut out: Vec<PathBuf> = Vec::new();
        let mut push = |id: &Path, path: &Path, out: &mut Vec<PathBuf>| {
            if !seen.iter().any(|s| s == id) {
                seen.push(id.to_path_buf());
                out.push(path.to_path_buf());
            }
        };
        for (path, id) in &given {
            let Some(&(p, place)) = self.by_id.get(id) else {
                continue;
            };
            let project = &self.projects[p];
            let owner = match place {
                Place::Integration(i) => Some(i).filter(|_| is_integration(path)),
                Place::Related(i) if !is_integration(path) => project.files[i]
                    .owner
                    .filter(|&o| is_integration(&project.integrations[o].path)),
                Place::Related(_) => None,
            };
            let Some(owner) = owner else { continue };
            let member = &project.integrations[owner];
            push(&member.id, &member.path, &mut out);
            for f in project.files_of(owner) {
                push(&f.id, &f.path, &mut out);
            }
        }
        out
    }
}

/// The folders that could be the project root of `file`: the parent of `src/` for an
/// integration, the environment folder or its parent for a related file.
fn candidate_roots(file: &Path) -> Vec<PathBuf> {
    let Some(dir) = file.parent() else {
        return Vec::new();
    };
    let Some(dir_name) = dir.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let parent = dir.parent().unwrap_or(Path::new(""));
    if dir_name == "src" {
        return vec![parent.to_path_buf()];
    }
    if RELATED_DIRS.iter().any(|(d, _)| *d == dir_name) {
        let mut roots = vec![parent.to_path_buf()];
        if parent.file_name().is_some() {
            roots.push(parent.parent().unwrap_or(Path::new("")).to_path_buf());
        }
        return roots;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::scan::tests::tree;

    #[test]
    fn companions_follow_the_owner() {
        let dir = tree(&[
            "p/src/a.json",
            "p/src/b.json",
            "p/dev/overrides/overrides.json",
            "p/dev/config-variables/a-config.json",
            "p/dev/config-variables/b-config.json",
        ]);
        let b = dir.path().join("p/src/b.json");
        let layout = Layout::discover([b.as_path()]);
        let names = |paths: Vec<PathBuf>| -> Vec<String> {
            paths
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        let yes = |_: &Path| true;
        assert_eq!(
            names(layout.companions([b.as_path()], yes)),
            ["b-config.json"]
        );
        // Not an integration: no companions.
        assert!(layout.companions([b.as_path()], |_| false).is_empty());
        let overrides = dir.path().join("p/dev/overrides/overrides.json");
        let layout = Layout::discover([overrides.as_path()]);
        assert_eq!(
            names(layout.companions([overrides.as_path()], |p: &Path| p != overrides)),
            ["a.json", "a-config.json"]
        );
        // An integration in a related folder is not a related file; a related file of
        // something that is not an integration brings nothing.
        assert!(
            layout
                .companions([overrides.as_path()], |p: &Path| p == overrides)
                .is_empty()
        );
        let not_a = |p: &Path| p != overrides && !p.ends_with("src/a.json");
        assert!(layout.companions([overrides.as_path()], not_a).is_empty());
        assert_eq!(layout.kind_of(&overrides), FileKind::Overrides);
        assert_eq!(
            layout.kind_of(&dir.path().join("p/src/a.json")),
            FileKind::Integration
        );
    }
}
