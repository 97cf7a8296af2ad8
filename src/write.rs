//! Writing files back: atomic per file, all-or-nothing per batch.
//!
//! Each new text goes to a temporary file in the target's own folder (so the final rename stays
//! on one file system), gets the target's permissions, is flushed, and is renamed over the
//! target. A batch first stages every file; only when all are staged are they renamed into
//! place, and any failure before that removes every temporary file and leaves all targets as
//! they were. Temporary names are `.integ-<pid>-<random>.tmp`, never `*.json`, so a killed run
//! leaves nothing that a later run would take for an integration; and every later write removes
//! such files in the folders it writes to when the process that made them is gone
//! (`remove_stale_temp_files`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

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

/// Threads that stage a batch's files (I/O bound: more than the cores).
const STAGING_THREADS: usize = 8;

/// Suffix of integ's temporary files.
pub const TEMP_SUFFIX: &str = ".tmp";

/// How old a temporary file must be to count as stale when its process cannot be told.
const STALE_AGE: Duration = Duration::from_secs(3600);

/// A new temporary file in `dir`, named `.integ-<pid>-<random>.tmp`. With `fresh` (it will
/// become a new file) it is created with the mode any new file gets (0666 less the umask),
/// not the private 0600 of temporary files.
fn temp_file_in(dir: &Path, fresh: bool) -> Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    if fresh {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = fresh;
    builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// The error for a failed write of the new content of `path`: names the file, not the
/// temporary one, and says the file is unchanged.
fn write_failed(path: &Path, e: std::io::Error) -> Error {
    let message = format!("cannot write the new content ({e}); not changed");
    Error::io(path, std::io::Error::new(e.kind(), message))
}

struct Staged {
    target: PathBuf,
    temp: tempfile::TempPath,
}

/// The file a write of `path` replaces: `path` itself, or for a symbolic link the file it
/// points at (the link stays a link).
fn write_target(path: &Path) -> Result<PathBuf> {
    let link = fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if link.file_type().is_symlink() {
        fs::canonicalize(path).map_err(|e| Error::io(path, e))
    } else {
        Ok(path.to_path_buf())
    }
}

/// The folder of `target`, `.` for a bare file name.
fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `text` to a temporary file beside `target` with its permissions; with `sync`, also
/// flushes it to the disk.
fn stage(path: &Path, target: PathBuf, text: &str, sync: bool) -> Result<Staged> {
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
    let mut temp = temp_file_in(folder_of(&target), false).map_err(|e| match e {
        Error::Io { source, .. } => write_failed(path, source),
        other => other,
    })?;
    temp.write_all(text.as_bytes())
        .map_err(|e| write_failed(path, e))?;
    temp.as_file()
        .set_permissions(metadata.permissions())
        .map_err(|e| write_failed(path, e))?;
    if sync {
        temp.as_file()
            .sync_all()
            .map_err(|e| write_failed(path, e))?;
    }
    Ok(Staged {
        target,
        temp: temp.into_temp_path(),
    })
}

/// Flushes a batch's staged files to the disk before any is renamed into place. On Linux one
/// `syncfs` per file system does it for the whole batch (each `fsync` would wait for its own
/// journal commit); elsewhere each file is synced as it is staged ([`SYNC_EACH_FILE`]).
///
/// The folders are opened before staging: `syncfs` reports the write-back errors of its file
/// system that happened since its descriptor was opened, so this way none is missed.
struct BatchFlush {
    #[cfg(target_os = "linux")]
    file_systems: Vec<(PathBuf, fs::File)>,
}

impl BatchFlush {
    /// Opens one folder per file system among `folders`.
    fn open(folders: &[PathBuf]) -> Result<BatchFlush> {
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::fs::MetadataExt;
            let mut devices = Vec::new();
            let mut file_systems = Vec::new();
            for folder in folders {
                let dir = fs::File::open(folder).map_err(|e| Error::io(folder, e))?;
                let device = dir.metadata().map_err(|e| Error::io(folder, e))?.dev();
                if !devices.contains(&device) {
                    devices.push(device);
                    file_systems.push((folder.clone(), dir));
                }
            }
            Ok(BatchFlush { file_systems })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = folders;
            Ok(BatchFlush {})
        }
    }

    /// Waits until everything written since [`BatchFlush::open`] is on the disk.
    fn flush(self) -> Result<()> {
        #[cfg(target_os = "linux")]
        for (folder, dir) in &self.file_systems {
            rustix::fs::syncfs(dir).map_err(|e| write_failed(folder, e.into()))?;
        }
        Ok(())
    }
}

/// True when [`stage`] must sync each file itself ([`BatchFlush`] cannot).
const SYNC_EACH_FILE: bool = !cfg!(target_os = "linux");

/// Writes one file atomically.
fn write_atomic(path: &Path, text: &str) -> Result<()> {
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
    if fs::symlink_metadata(path).is_ok() {
        return Err(Error::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "is a symbolic link to a missing file; not written",
            ),
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    remove_stale_temp_files(dir);
    let mut temp = temp_file_in(dir, true).map_err(|e| match e {
        Error::Io { source, .. } => write_failed(path, source),
        other => other,
    })?;
    temp.write_all(text.as_bytes())
        .map_err(|e| write_failed(path, e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| write_failed(path, e))?;
    temp.persist_noclobber(path)
        .map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Writes every planned file, or none of them if any cannot be staged.
pub fn write_batch(writes: &[PlannedWrite]) -> Result<()> {
    let targets = writes
        .iter()
        .map(|w| write_target(&w.path))
        .collect::<Result<Vec<_>>>()?;
    let mut folders: Vec<PathBuf> = targets.iter().map(|t| folder_of(t).to_path_buf()).collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        remove_stale_temp_files(folder);
    }
    let flush = BatchFlush::open(&folders)?;
    // Staging waits on the disk, so it runs on more threads than there are cores. On error,
    // the temp files already staged are deleted as they drop.
    let stage_all = || -> Result<Vec<Staged>> {
        writes
            .par_iter()
            .zip(targets)
            .map(|(w, target)| stage(&w.path, target, &w.text, SYNC_EACH_FILE))
            .collect()
    };
    let staged = match rayon::ThreadPoolBuilder::new()
        .num_threads(STAGING_THREADS)
        .build()
    {
        Ok(pool) if writes.len() > 1 => pool.install(stage_all)?,
        _ => stage_all()?,
    };
    flush.flush()?;
    for s in staged {
        s.temp
            .persist(&s.target)
            .map_err(|e| Error::io(&s.target, e.error))?;
    }
    Ok(())
}

/// Removes the temporary files a killed run left in `dir` (not recursive): files named
/// `.integ-<pid>-….tmp` whose process is gone (or, where that cannot be told, that are older
/// than an hour). A concurrent integ's files and every other file are left alone.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && is_stale(name, || entry.metadata().and_then(|m| m.modified()).ok()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// True when `name` is one of integ's temporary files and its writer is gone.
fn is_stale(name: &str, modified: impl FnOnce() -> Option<SystemTime>) -> bool {
    let Some(middle) = name
        .strip_prefix(TEMP_PREFIX)
        .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
    else {
        return false;
    };
    let pid = middle
        .split_once('-')
        .and_then(|(pid, _)| pid.parse::<u32>().ok());
    let proc_fs = Path::new("/proc/self").exists();
    match pid {
        Some(pid) if pid == std::process::id() => false,
        Some(pid) if proc_fs => !Path::new(&format!("/proc/{pid}")).exists(),
        _ => modified()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AGE),
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
    fn a_batch_over_several_folders_writes_them_all() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = ["a/x.json", "b/c/y.json", "z.json"]
            .iter()
            .map(|p| dir.path().join(p))
            .collect();
        for path in &paths {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "old").unwrap();
        }
        let writes: Vec<PlannedWrite> = paths
            .iter()
            .map(|path| PlannedWrite {
                path: path.clone(),
                text: format!("new {}", path.display()),
            })
            .collect();
        write_batch(&writes).unwrap();
        for w in &writes {
            assert_eq!(fs::read_to_string(&w.path).unwrap(), w.text);
            let folder = w.path.parent().unwrap();
            assert!(!names_in(folder).iter().any(|n| n.starts_with(TEMP_PREFIX)));
        }
    }

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

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn removes_stale_temp_files_only() {
        let dir = tempfile::tempdir().unwrap();
        // A pid above Linux's maximum (2^22) is never a live process.
        let dead = format!("{TEMP_PREFIX}4999999-abc{TEMP_SUFFIX}");
        let alive = format!("{TEMP_PREFIX}{}-abc{TEMP_SUFFIX}", std::process::id());
        let others = [
            "keep.json",
            ".integ-4999999-abc.json",
            "x.tmp",
            ".integ-young.tmp",
        ];
        for name in others
            .iter()
            .copied()
            .chain([dead.as_str(), alive.as_str()])
        {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        remove_stale_temp_files(dir.path());
        let mut expected: Vec<String> = others.iter().map(|s| s.to_string()).collect();
        expected.push(alive);
        expected.sort();
        assert_eq!(names_in(dir.path()), expected);
    }

    #[test]
    fn old_temp_files_without_a_pid_are_stale() {
        let old = || Some(SystemTime::now() - 2 * STALE_AGE);
        let young = || Some(SystemTime::now());
        assert!(is_stale(".integ-abc.tmp", old));
        assert!(!is_stale(".integ-abc.tmp", young));
        assert!(!is_stale(".integ-abc.json", old));
        assert!(!is_stale("integ-abc.tmp", old));
    }

    #[test]
    fn temp_files_carry_the_pid_and_a_batch_cleans_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let temp = temp_file_in(dir.path(), false).unwrap();
        let name = temp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let pid = format!("{TEMP_PREFIX}{}-", std::process::id());
        assert!(
            name.starts_with(&pid) && name.ends_with(TEMP_SUFFIX),
            "{name}"
        );
        drop(temp);
        let stale = dir
            .path()
            .join(format!("{TEMP_PREFIX}4999999-x{TEMP_SUFFIX}"));
        let path = dir.path().join("a.json");
        fs::write(&stale, "x").unwrap();
        fs::write(&path, "old").unwrap();
        let write = PlannedWrite {
            path: path.clone(),
            text: "new".into(),
        };
        write_batch(&[write]).unwrap();
        if Path::new("/proc/self").exists() {
            assert_eq!(names_in(dir.path()), ["a.json"]);
        }
    }
}
