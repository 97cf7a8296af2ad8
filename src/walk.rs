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

/// Expands `paths` into files: files are taken as given (whatever their extension), folders are
/// searched recursively for `*.json` in sorted order. A path named twice is processed once. A
/// missing path is an error.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    // Only links, or several paths, can name one file twice; one folder without links cannot,
    // and then no path needs resolving (a syscall per path component).
    let mut linked = paths.len() > 1;
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::Missing { path: path.clone() },
            _ => Error::io(path, e),
        })?;
        if metadata.is_dir() {
            let mut found = Vec::new();
            walk_dir(path, &mut found, &mut linked)?;
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    if !linked {
        return Ok(inputs);
    }
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|input| match input {
        Input::File(p) => seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
        Input::Stdin => true,
    });
    Ok(inputs)
}

/// Collects the `*.json` files below `dir`; sets `linked` when it meets a symbolic link.
fn walk_dir(dir: &Path, found: &mut Vec<PathBuf>, linked: &mut bool) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
        *linked |= file_type.is_symlink();
        let is_dir = file_type.is_dir() || (file_type.is_symlink() && path.is_dir());
        if is_dir {
            if !SKIPPED_DIRS.iter().any(|s| name == *s) {
                walk_dir(&path, found, linked)?;
            }
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurses_sorted_and_skips_build_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "b.json",
            "a/c.json",
            "a/notes.txt",
            ".git/x.json",
            "node_modules/y.json",
            "target/z.json",
        ] {
            let p = root.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "{}").unwrap();
        }
        let inputs = collect_inputs(&[root.to_path_buf(), root.join("b.json")]).unwrap();
        assert_eq!(
            inputs,
            vec![
                Input::File(root.join("a/c.json")),
                Input::File(root.join("b.json"))
            ]
        );
        let missing = collect_inputs(&[root.join("nope")]).unwrap_err();
        assert!(matches!(missing, Error::Missing { .. }));
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
        let inputs = collect_inputs(&[root.to_path_buf()]).unwrap();
        assert_eq!(
            inputs,
            vec![
                Input::File(root.join("a.json")),
                Input::File(root.join("again/c.json"))
            ]
        );
    }
}
