//! Reading one integrationcli project folder: its integrations and related files.
//!
//! A project root is a folder with a `src/` folder holding `*.json` integration files and at
//! least one environment folder: the root itself or a direct child of it (`dev/`, `qa/`…) that
//! holds `overrides/`, `config-variables/`, `tests/` or `test-configs/`. That is the layout
//! `integrationcli integrations scaffold` writes and `integrationcli integrations apply
//! --folder ROOT [--env ENV]` reads.

use std::path::{Path, PathBuf};

use crate::kind::FileKind;

/// The folders of an environment folder that hold files integ checks and renames.
pub const RELATED_DIRS: &[(&str, FileKind)] = &[
    ("overrides", FileKind::Overrides),
    ("config-variables", FileKind::ConfigVariables),
    ("tests", FileKind::TestCase),
    ("test-configs", FileKind::TestConfig),
];

/// The file integrationcli reads from `overrides/` (any other file there is ignored by it).
pub const OVERRIDES_FILE: &str = "overrides.json";

/// The suffix of a config-variables file: `<integration>-config.json`.
pub const CONFIG_SUFFIX: &str = "-config.json";

/// One integration of a project: `src/<name>.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The integration name integrationcli derives from the file name.
    pub name: String,
    /// The path as shown (built from the root as the command was given it).
    pub path: PathBuf,
    /// The canonical path, to recognise the file however it was named.
    pub id: PathBuf,
}

/// A related file of a project (overrides, config variables, test case, test config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFile {
    /// The path as shown.
    pub path: PathBuf,
    /// The canonical path.
    pub id: PathBuf,
    /// What the file is.
    pub kind: FileKind,
    /// The environment folder's name (`dev`), or `""` for files directly under the root.
    pub env: String,
    /// The integration the file belongs to (index into [`Project::integrations`]), if any.
    pub owner: Option<usize>,
}

/// An integrationcli project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The root folder, as reached from the paths given (`""` for the current folder).
    pub root: PathBuf,
    /// `src/*.json`, sorted by file name.
    pub integrations: Vec<Member>,
    /// The related files of every environment folder, sorted by path.
    pub files: Vec<ProjectFile>,
}

impl Project {
    /// Reads the project at `root`, or `None` when `root` is not a project root.
    pub fn scan(root: &Path) -> Option<Project> {
        let src = root.join("src");
        let mut integrations: Vec<Member> = json_files(&src)
            .into_iter()
            .map(|path| Member {
                name: stem(&path),
                id: canonical(&path),
                path,
            })
            .collect();
        if integrations.is_empty() {
            return None;
        }
        integrations.sort_by(|a, b| a.path.file_name().cmp(&b.path.file_name()));
        let mut envs = vec![(String::new(), root.to_path_buf())];
        let mut children: Vec<(String, PathBuf)> = read_dir(root)
            .into_iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| {
                let name = p.file_name()?.to_str()?.to_string();
                let skip = name == "src"
                    || name.starts_with('.')
                    || crate::walk::SKIPPED_DIRS.contains(&name.as_str())
                    || RELATED_DIRS.iter().any(|(d, _)| *d == name);
                (!skip).then_some((name, p))
            })
            .collect();
        children.sort();
        envs.extend(children);
        let mut files = Vec::new();
        let mut has_env = false;
        for (env, dir) in envs {
            for (folder, kind) in RELATED_DIRS {
                let folder = dir.join(folder);
                if !folder.is_dir() {
                    continue;
                }
                has_env = true;
                for path in json_files(&folder) {
                    let is_overrides = path.file_name().is_some_and(|n| n == OVERRIDES_FILE);
                    if *kind == FileKind::Overrides && !is_overrides {
                        continue;
                    }
                    let owner = owner_of(*kind, &path, &integrations);
                    files.push(ProjectFile {
                        id: canonical(&path),
                        path,
                        kind: *kind,
                        env: env.clone(),
                        owner,
                    });
                }
            }
        }
        if !has_env {
            return None;
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Some(Project {
            root: root.to_path_buf(),
            integrations,
            files,
        })
    }

    /// The integration with canonical path `id`.
    pub fn integration(&self, id: &Path) -> Option<usize> {
        self.integrations.iter().position(|m| m.id == id)
    }

    /// The related file with canonical path `id`.
    pub fn file(&self, id: &Path) -> Option<&ProjectFile> {
        self.files.iter().find(|f| f.id == id)
    }

    /// The related files of integration `index`.
    pub fn files_of(&self, index: usize) -> impl Iterator<Item = &ProjectFile> {
        self.files.iter().filter(move |f| f.owner == Some(index))
    }
}

/// Which integration a related file belongs to. integrationcli applies the overrides and
/// creates the test cases of an environment for the one integration it deploys, the first
/// file of `src/`; config variables are read from `<integration>-config.json`.
pub(crate) fn owner_of(kind: FileKind, path: &Path, integrations: &[Member]) -> Option<usize> {
    match kind {
        FileKind::ConfigVariables => {
            let name = path.file_name()?.to_str()?.strip_suffix(CONFIG_SUFFIX)?;
            integrations.iter().position(|m| m.name == name)
        }
        _ => Some(0),
    }
}

/// `*.json` files directly in `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = read_dir(dir)
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(fs_dir(dir))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if dir.as_os_str().is_empty() {
                        PathBuf::from(e.file_name())
                    } else {
                        e.path()
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `dir`, or `.` for the empty path (the current folder).
fn fs_dir(dir: &Path) -> PathBuf {
    if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    }
}

/// The canonical form of `path` (itself when it cannot be resolved).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(fs_dir(path)).unwrap_or_else(|_| path.to_path_buf())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::project::Layout;

    pub(in crate::project) fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "{}").unwrap();
        }
        dir
    }

    #[test]
    fn finds_the_project_from_any_of_its_files() {
        let dir = tree(&[
            "p/src/b.json",
            "p/src/a.json",
            "p/dev/overrides/overrides.json",
            "p/dev/overrides/notes.json",
            "p/dev/config-variables/b-config.json",
            "p/dev/config-variables/zzz-config.json",
            "p/dev/tests/t1.json",
            "p/test-configs/t1.json",
            "p/dev/connectors/db.json",
        ]);
        let root = dir.path().join("p");
        for start in [
            "p/src/a.json",
            "p/dev/tests/t1.json",
            "p/test-configs/t1.json",
        ] {
            let layout = Layout::discover([dir.path().join(start).as_path()]);
            assert_eq!(layout.projects.len(), 1, "from {start}");
            assert_eq!(layout.projects[0].root, root);
        }
        let project = Project::scan(&root).unwrap();
        let names: Vec<&str> = project
            .integrations
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(names, ["a", "b"]);
        let files: Vec<(String, FileKind, &str, Option<usize>)> = project
            .files
            .iter()
            .map(|f| {
                let rel = f.path.strip_prefix(&root).unwrap();
                (rel.display().to_string(), f.kind, f.env.as_str(), f.owner)
            })
            .collect();
        assert_eq!(
            files,
            [
                (
                    "dev/config-variables/b-config.json".into(),
                    FileKind::ConfigVariables,
                    "dev",
                    Some(1)
                ),
                (
                    "dev/config-variables/zzz-config.json".into(),
                    FileKind::ConfigVariables,
                    "dev",
                    None
                ),
                (
                    "dev/overrides/overrides.json".into(),
                    FileKind::Overrides,
                    "dev",
                    Some(0)
                ),
                (
                    "dev/tests/t1.json".into(),
                    FileKind::TestCase,
                    "dev",
                    Some(0)
                ),
                (
                    "test-configs/t1.json".into(),
                    FileKind::TestConfig,
                    "",
                    Some(0)
                ),
            ]
        );
    }

    #[test]
    fn needs_src_and_an_environment_folder() {
        let dir = tree(&["p/src/a.json", "q/dev/overrides/overrides.json"]);
        assert!(Project::scan(&dir.path().join("p")).is_none());
        assert!(Project::scan(&dir.path().join("q")).is_none());
        let layout = Layout::discover([dir.path().join("p/src/a.json").as_path()]);
        assert!(layout.is_empty());
    }
}
