//! Faults while writing: a `kill -9` in the middle of a large batch leaves every file wholly old
//! or wholly new and only `.integ-*.tmp` leftovers, which the next run removes; a full disk and
//! a folder integ may not write to leave the original in place with a clear error.
#![allow(clippy::print_stderr)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{customer_sync, file_names, integ};
use predicates::prelude::*;

fn temp_files(dir: &Path) -> Vec<String> {
    file_names(dir)
        .into_iter()
        .filter(|n| !n.ends_with(".json"))
        .collect()
}

/// When to kill: while temp files are being written, or once they are being renamed into place.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Staging,
    Persisting,
}

/// Runs a rename over `count` copies and kills it with SIGKILL in `phase`. Returns true when
/// the kill landed while the process was still running.
fn kill_mid_batch(dir: &Path, count: usize, phase: Phase) -> bool {
    for i in 0..count {
        fs::write(dir.join(format!("flow-{i:05}.json")), customer_sync()).unwrap();
    }
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("integ"))
        .args(["rename", "-q", "--var", "customer=client"])
        .arg(dir)
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut most = 0;
    loop {
        if child.try_wait().unwrap().is_some() || start.elapsed() > Duration::from_secs(60) {
            return false;
        }
        let temps = temp_files(dir).len();
        most = most.max(temps);
        let now = match phase {
            Phase::Staging => temps > 0,
            Phase::Persisting => most > count / 2 && temps < most,
        };
        if now {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    if phase == Phase::Staging {
        std::thread::sleep(Duration::from_millis(20));
    }
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    running
}

#[cfg(unix)]
#[test]
fn kill_9_while_staging_leaves_files_whole_and_the_next_run_cleans_up() {
    killed_batch_is_whole_and_cleaned(Phase::Staging);
}

#[cfg(unix)]
#[test]
fn kill_9_while_renaming_into_place_leaves_files_whole() {
    killed_batch_is_whole_and_cleaned(Phase::Persisting);
}

fn killed_batch_is_whole_and_cleaned(phase: Phase) {
    let old = customer_sync();
    let sample = tempfile::tempdir().unwrap();
    fs::write(sample.path().join("flow.json"), &old).unwrap();
    let output = integ()
        .args(["rename", "--var", "customer=client", "--stdout"])
        .arg(sample.path().join("flow.json"))
        .output()
        .unwrap();
    let new = String::from_utf8(output.stdout).unwrap();
    assert!(new.contains("$client$") && new != old);
    let mut count = 2000;
    let (dir, killed) = loop {
        let dir = tempfile::tempdir().unwrap();
        let killed = kill_mid_batch(dir.path(), count, phase);
        if killed || count >= 48_000 {
            break (dir, killed);
        }
        count *= 2; // the batch finished before the kill: try a larger one
    };
    assert!(killed, "every batch finished before it could be killed");
    let mut wholly = (0, 0);
    for name in file_names(dir.path())
        .iter()
        .filter(|n| n.ends_with(".json"))
    {
        let text = fs::read_to_string(dir.path().join(name)).unwrap();
        if text == old {
            wholly.0 += 1;
        } else if text == new {
            wholly.1 += 1;
        } else {
            panic!("{name} is neither wholly old nor wholly new");
        }
    }
    assert_eq!(
        wholly.0 + wholly.1,
        count,
        "every file is still there, once"
    );
    let leftovers = temp_files(dir.path());
    eprintln!(
        "killed a batch of {count} ({phase:?}): {} old, {} new, {} temp files left",
        wholly.0,
        wholly.1,
        leftovers.len()
    );
    for name in &leftovers {
        assert!(
            name.starts_with(".integ-") && name.ends_with(".tmp"),
            "{name}"
        );
    }
    // Any later write to the folder removes the dead run's temp files.
    integ()
        .args(["fmt", "-q", "--style", "expanded"])
        .arg(dir.path())
        .assert()
        .code(0);
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn stale_temp_files_are_removed_only_where_integ_writes() {
    let root = tempfile::tempdir().unwrap();
    let (written, untouched) = (root.path().join("written"), root.path().join("untouched"));
    let dead = ".integ-4999999-abc.tmp";
    let alive = format!(".integ-{}-abc.tmp", std::process::id());
    for dir in [&written, &untouched] {
        fs::create_dir(dir).unwrap();
        fs::write(dir.join("flow.json"), customer_sync()).unwrap();
        for name in [dead, alive.as_str(), "mine.tmp", ".integ-4999999-abc.json"] {
            fs::write(dir.join(name), "x").unwrap();
        }
    }
    integ()
        .args(["rename", "--var", "customer=client"])
        .arg(written.join("flow.json"))
        .assert()
        .code(0);
    let kept = |dir: &Path, dead_kept: bool| {
        let mut expected = vec![".integ-4999999-abc.json".to_string(), alive.clone()];
        expected.extend(["flow.json".into(), "mine.tmp".into()]);
        if dead_kept {
            expected.push(dead.into());
        }
        expected.sort();
        assert_eq!(file_names(dir), expected, "{}", dir.display());
    };
    if Path::new("/proc/self").exists() {
        kept(&written, false);
    }
    kept(&untouched, true);
}

/// A tiny tmpfs mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(at: &Path, size: &str) -> Option<Mount> {
        fs::create_dir_all(at).ok()?;
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| Mount(at.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
#[cfg_attr(integ_not_root, ignore = "mounting a small tmpfs needs root")]
fn a_full_disk_leaves_the_original_in_place() {
    let root = tempfile::tempdir().unwrap();
    let mount =
        Mount::tmpfs(&root.path().join("mnt"), "256k").expect("root can mount a tmpfs to fill");
    // 160 kB on a 256 kB file system: the new copy cannot fit beside it.
    let padding = "x".repeat(160_000);
    let text = customer_sync().replacen(
        "\"snapshotNumber\"",
        &format!("\"description\": \"{padding}\",\n\t\"snapshotNumber\""),
        1,
    );
    let path = mount.0.join("big.json");
    fs::write(&path, &text).unwrap();
    for command in [
        &["rename", "--var", "customer=client"][..],
        &["fmt", "--style", "expanded"],
    ] {
        integ()
            .args(command)
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "big.json: cannot write the new content",
            ))
            .stderr(predicate::str::contains("No space left on device"))
            .stderr(predicate::str::contains("not changed"));
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        assert_eq!(file_names(&mount.0), ["big.json"], "no temp file is left");
    }
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    all(not(integ_not_root), integ_no_setpriv),
    ignore = "root ignores folder permissions, and setpriv (to run as nobody) is not installed"
)]
fn a_folder_integ_may_not_write_to_leaves_the_original_in_place() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let dir = root.path().join("locked");
    fs::create_dir(&dir).unwrap();
    let path = dir.join("flow.json");
    fs::write(&path, customer_sync()).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    let root_user = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let bin = assert_cmd::cargo::cargo_bin("integ");
    // Root ignores folder permissions: run as nobody instead, when setpriv is there.
    let mut command = if root_user {
        let mut c = assert_cmd::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        assert_cmd::Command::new(&bin)
    };
    command
        .args(["rename", "--var", "customer=client"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "flow.json: cannot write the new content",
        ))
        .stderr(predicate::str::contains("Permission denied"));
    assert_eq!(fs::read_to_string(&path).unwrap(), customer_sync());
    assert_eq!(file_names(&dir), ["flow.json"]);
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
}
