//! Writing files back: atomic per file, all-or-nothing per batch.
//!
//! Each new text goes to a temporary file in the target's own folder (so the final rename stays
//! on one file system), gets the target's permissions, is flushed, and is renamed over the
//! target. A batch first stages every file; only when all are staged are they renamed into
//! place, and any failure before that removes every temporary file and leaves all targets as
//! they were. Temporary names start with `.integ-` and end in `.tmp`, never `.json`, so a
//! killed run leaves nothing that a later run would take for an integration.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A new text for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedWrite {
    /// The file to replace.
    pub path: PathBuf,
    /// Its new content.
    pub text: String,
}

/// Prefix of integ's temporary files.
pub const TEMP_PREFIX: &str = ".integ-";

struct Staged {
    target: PathBuf,
    temp: tempfile::TempPath,
}

fn stage(path: &Path, text: &str) -> Result<Staged> {
    // Write through symbolic links: replace the file the link points at, keep the link.
    let target = fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let metadata = fs::metadata(&target).map_err(|e| Error::io(&target, e))?;
    if metadata.permissions().readonly() {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "file is read-only; not changed",
            ),
        ));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(text.as_bytes())
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.as_file()
        .set_permissions(metadata.permissions())
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(temp.path(), e))?;
    Ok(Staged {
        target,
        temp: temp.into_temp_path(),
    })
}

/// Writes one file atomically.
pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    write_batch(&[PlannedWrite {
        path: path.to_path_buf(),
        text: text.to_string(),
    }])
}

/// Writes `text` to `path` atomically, creating the file when it does not exist yet (in an
/// existing folder) and replacing it otherwise.
pub fn write_new_or_replace(path: &Path, text: &str) -> Result<()> {
    if path.exists() {
        return write_atomic(path, text);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(text.as_bytes())
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.persist_noclobber(path)
        .map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Writes every planned file, or none of them if any cannot be staged.
pub fn write_batch(writes: &[PlannedWrite]) -> Result<()> {
    let mut staged = Vec::with_capacity(writes.len());
    for write in writes {
        // On error, the already staged temp files are deleted when `staged` drops.
        staged.push(stage(&write.path, &write.text)?);
    }
    for s in staged {
        s.temp
            .persist(&s.target)
            .map_err(|e| Error::io(&s.target, e.error))?;
    }
    Ok(())
}

/// Removes temporary files a killed run left in `dir` (not recursive).
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_writes_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        fs::write(&a, "old a").unwrap();
        let missing = dir.path().join("nope/b.json");
        let writes = [
            PlannedWrite {
                path: a.clone(),
                text: "new a".into(),
            },
            PlannedWrite {
                path: missing,
                text: "new b".into(),
            },
        ];
        assert!(write_batch(&writes).is_err());
        assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "temp files left: {leftovers:?}");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_mode_and_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, "new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn creates_new_files_and_replaces_existing_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.json");
        write_new_or_replace(&path, "one").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
        write_new_or_replace(&path, "two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert!(write_new_or_replace(&dir.path().join("no/such/dir.json"), "x").is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn removes_stale_temp_files_only() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".integ-abc.tmp"), "x").unwrap();
        fs::write(dir.path().join("keep.json"), "{}").unwrap();
        remove_stale_temp_files(dir.path());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["keep.json"]);
    }
}
