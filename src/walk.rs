//! Turning path arguments into the list of files to process.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Folders never entered when recursing.
pub const SKIPPED_DIRS: &[&str] = &[".git", "target", "node_modules"];

/// One input named on the command line or found in a folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// The path the input is shown under: the file's, or `-` for stdin.
    pub fn shown_path(&self) -> &Path {
        match self {
            Input::Stdin => Path::new("-"),
            Input::File(path) => path,
        }
    }

    /// Reads the input whole: its [`Input::shown_path`] and its bytes.
    pub fn read(&self) -> Result<(PathBuf, Vec<u8>)> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
                    .map_err(|e| Error::io("-", e))?;
                Ok((self.shown_path().to_path_buf(), bytes))
            }
            Input::File(path) => Ok((
                path.clone(),
                std::fs::read(path).map_err(|e| Error::io(path, e))?,
            )),
        }
    }
}

/// How folders are searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkOptions {
    /// Honour `.gitignore`, `.ignore` and `.git/info/exclude` (in and above each folder, in a
    /// git repository or not), as ripgrep does; `--no-ignore` turns this off.
    pub ignore_files: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions { ignore_files: true }
    }
}

/// The inputs a set of paths expands to, and what the search stepped over.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Walk {
    /// The files, in the order of the paths given (each folder's files sorted).
    pub inputs: Vec<Input>,
    /// Things worth a warning that did not stop the search: symbolic-link loops, unreadable
    /// lines of ignore files.
    pub problems: Vec<String>,
}

/// Expands `paths` into files: files are taken as given (whatever their extension, ignored or
/// not), folders are searched recursively for `*.json` in sorted order, skipping hidden
/// entries, [`SKIPPED_DIRS`] and, per `options`, ignored paths. Symbolic links are followed;
/// a link back to a folder above it is reported in [`Walk::problems`] and not entered. A file
/// reached twice is processed once. A missing path is an error.
pub fn collect_inputs(paths: &[PathBuf], options: WalkOptions) -> Result<Walk> {
    let mut walk = Walk::default();
    // Only links, or several paths, can name one file twice; one folder without links cannot,
    // and then no path needs resolving (a syscall per path component).
    let mut linked = paths.len() > 1;
    for path in paths {
        if path.as_os_str() == "-" {
            walk.inputs.push(Input::Stdin);
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::Missing { path: path.clone() },
            _ => Error::io(path, e),
        })?;
        if metadata.is_dir() {
            search(path, options, &mut walk, &mut linked)?;
        } else {
            walk.inputs.push(Input::File(path.clone()));
        }
    }
    if linked {
        let mut seen = std::collections::HashSet::new();
        walk.inputs.retain(|input| match input {
            Input::File(p) => seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
            Input::Stdin => true,
        });
    }
    Ok(walk)
}

/// Adds the `*.json` files below `dir` to `walk`; sets `linked` when it meets a symbolic link.
fn search(dir: &Path, options: WalkOptions, walk: &mut Walk, linked: &mut bool) -> Result<()> {
    let entries = ignore::WalkBuilder::new(dir)
        .standard_filters(options.ignore_files)
        .hidden(true)
        .git_global(false)
        .require_git(false)
        .follow_links(true)
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_some_and(|t| t.is_dir())
                || !SKIPPED_DIRS.iter().any(|s| entry.file_name() == *s)
        })
        .build();
    // Sorted once at the end (by path, component by component: the order of a search that
    // visits each folder's entries by name), not per folder by the walker, and by a key made
    // once per path rather than by comparing paths, which splits both again every time.
    let first = walk.inputs.len();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                walk.problems.push(problem(error)?);
                continue;
            }
        };
        *linked |= entry.path_is_symlink();
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if is_file && entry.path().extension().is_some_and(|e| e == "json") {
            walk.inputs.push(Input::File(entry.into_path()));
        }
    }
    walk.inputs[first..].sort_by_cached_key(|input| component_order(input.shown_path()));
    Ok(())
}

/// A key whose byte order is the component-by-component order of the paths below one folder:
/// the path's bytes with each separator turned into a zero byte, which no name can hold, so a
/// name that is a prefix of another sorts first (`a/c.json` before `a-b.json`).
fn component_order(path: &Path) -> Vec<u8> {
    let mut key = path.as_os_str().as_encoded_bytes().to_vec();
    for b in &mut key {
        if *b == b'/' || *b == std::path::MAIN_SEPARATOR as u8 {
            *b = 0;
        }
    }
    key
}

/// The warning for a search error that need not stop the search, or the error that must.
fn problem(error: ignore::Error) -> Result<String> {
    let mut inner = &error;
    let mut path = None;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.clone());
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            ignore::Error::Loop { ancestor, child } => {
                return Ok(format!(
                    "{}: not entered: a symbolic link back to {}",
                    child.display(),
                    ancestor.display()
                ));
            }
            ignore::Error::Io(_) => {
                let path = path.unwrap_or_default();
                let io = error.into_io_error().expect("an I/O error");
                return Err(Error::io(path, io));
            }
            _ => return Ok(error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(paths: &[PathBuf]) -> Vec<Input> {
        let walk = collect_inputs(paths, WalkOptions::default()).unwrap();
        assert_eq!(walk.problems, Vec::<String>::new());
        walk.inputs
    }

    #[test]
    fn recurses_sorted_and_skips_build_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "b.json",
            "a/c.json",
            "a-b.json",
            "a/notes.txt",
            ".git/x.json",
            "node_modules/y.json",
            "target/z.json",
        ] {
            let p = root.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "{}").unwrap();
        }
        let inputs = collect(&[root.to_path_buf(), root.join("b.json")]);
        // Component by component, as a search visiting entries by name meets them: folder
        // `a` before `a-b.json` (a byte-wise sort of whole paths would put `-` before `/`).
        assert_eq!(
            inputs,
            vec![
                Input::File(root.join("a/c.json")),
                Input::File(root.join("a-b.json")),
                Input::File(root.join("b.json"))
            ]
        );
        let missing = collect_inputs(&[root.join("nope")], WalkOptions::default()).unwrap_err();
        assert!(matches!(missing, Error::Missing { .. }));
    }

    #[test]
    fn the_sort_key_orders_paths_as_comparing_them_does() {
        let names = [
            "a", "a-b", "a.json", "a/b", "a/b/c", "a0", "A", "é", "a b", "ab/c",
        ];
        let paths: Vec<PathBuf> = names.iter().map(|n| Path::new("dir").join(n)).collect();
        for x in &paths {
            for y in &paths {
                assert_eq!(
                    component_order(x).cmp(&component_order(y)),
                    x.cmp(y),
                    "{x:?} vs {y:?}"
                );
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_inside_one_folder_names_its_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.json"), "{}").unwrap();
        std::os::unix::fs::symlink(root.join("a.json"), root.join("b.json")).unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/c.json"), "{}").unwrap();
        std::os::unix::fs::symlink(root.join("sub"), root.join("again")).unwrap();
        let inputs = collect(&[root.to_path_buf()]);
        assert_eq!(
            inputs,
            vec![
                Input::File(root.join("a.json")),
                Input::File(root.join("again/c.json"))
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_back_up_are_reported_and_not_entered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.json"), "{}").unwrap();
        std::os::unix::fs::symlink("..", root.join("a/up")).unwrap();
        std::os::unix::fs::symlink("..", root.join("a/again")).unwrap();
        let walk = collect_inputs(&[root.to_path_buf()], WalkOptions::default()).unwrap();
        assert_eq!(walk.inputs, vec![Input::File(root.join("a/x.json"))]);
        assert_eq!(walk.problems.len(), 2, "{:?}", walk.problems);
        assert!(walk.problems[0].contains("a/again: not entered: a symbolic link back to"));
    }

    #[test]
    fn ignore_files_hidden_folders_and_explicit_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "keep.json",
            "gen/out.json",
            ".cache/c.json",
            "skip.json",
            "sub/s.json",
        ] {
            let p = root.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "{}").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "gen/\nskip.json\n").unwrap();
        std::fs::write(root.join("sub/.ignore"), "*.json\n").unwrap();
        let file = |p: &str| Input::File(root.join(p));
        assert_eq!(collect(&[root.to_path_buf()]), vec![file("keep.json")]);
        let all = collect_inputs(
            &[root.to_path_buf()],
            WalkOptions {
                ignore_files: false,
            },
        );
        let all = all.unwrap().inputs;
        assert_eq!(
            all,
            ["gen/out.json", "keep.json", "skip.json", "sub/s.json"].map(file)
        );
        // A path named on the command line is always taken.
        let named = collect(&[root.join("skip.json"), root.join("gen")]);
        assert_eq!(named, [file("skip.json"), file("gen/out.json")]);
    }
}
