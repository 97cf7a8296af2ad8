//! Security: no network access in any code path, rule files cannot execute anything, rule
//! regexes are linear-time with a size limit, JSONPath is bounded, and `merge -o` writes only
//! the file it names (its temporary file beside it), whatever `..` or symlinks the path holds.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{customer_sync, file_names, integ};
use predicates::prelude::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_code_path_opens_a_socket_or_runs_a_program() {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    assert!(files.len() > 50, "src/ was found");
    let forbidden = [
        "std::net",
        "TcpStream",
        "UdpSocket",
        "ToSocketAddrs",
        "process::Command",
    ];
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for word in forbidden {
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}

#[test]
fn no_dependency_is_a_network_client() {
    let lock = fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    let packages: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(packages.contains(&"serde_json"), "Cargo.lock was parsed");
    let network = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "tokio",
        "mio",
        "socket2",
        "h2",
        "http",
        "isahc",
        "native-tls",
        "rustls",
        "openssl",
        "attohttpc",
        "surf",
        "async-std",
    ];
    for name in network {
        assert!(!packages.contains(&name), "Cargo.lock holds {name}");
    }
}

#[test]
fn rule_files_hold_data_never_commands() {
    let dir = tempfile::tempdir().unwrap();
    let flow = dir.path().join("flow.json");
    fs::write(&flow, customer_sync()).unwrap();
    let marker = dir.path().join("pwned");
    let shell = format!("$(touch {0}) `touch {0}`; touch {0}", marker.display());
    let exec = serde_json::json!({"rules": [{"exec": {"command": shell}}]});
    fs::write(dir.path().join("exec.rules"), exec.to_string()).unwrap();
    integ()
        .args(["apply", "--rules"])
        .arg(dir.path().join("exec.rules"))
        .arg(&flow)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown variant `exec`"));
    let set = serde_json::json!({"rules": [{"setValue": {"path": "$.taskConfigs[0].displayName", "value": shell}},
        {"replaceInStrings": {"path": "$..stringValue", "match": "PUT", "replace": shell}}]});
    fs::write(dir.path().join("set.rules"), set.to_string()).unwrap();
    integ()
        .args(["apply", "--rules"])
        .arg(dir.path().join("set.rules"))
        .arg(&flow)
        .assert()
        .code(0);
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&flow).unwrap()).unwrap();
    assert_eq!(
        written["taskConfigs"][0]["displayName"],
        shell.as_str(),
        "stored as text"
    );
    assert!(!marker.exists(), "nothing was executed");
}

#[test]
fn rule_regexes_are_linear_time_and_size_limited() {
    let dir = tempfile::tempdir().unwrap();
    let flow = dir.path().join("flow.json");
    let long = "a".repeat(50_000);
    fs::write(
        &flow,
        format!("{{\"description\": \"{long}\", \"taskConfigs\": []}}"),
    )
    .unwrap();
    // Catastrophic for a backtracking engine; linear for the regex crate.
    let rules = dir.path().join("evil.rules");
    let evil = r#"{"rules": [{"replaceInStrings": {"path": "$.description", "match": "(a|aa)*(a*)*c", "replace": "x"}}]}"#;
    fs::write(&rules, evil).unwrap();
    let start = Instant::now();
    integ()
        .args(["apply", "--rules"])
        .arg(&rules)
        .arg(&flow)
        .assert()
        .code(0);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    let huge = r#"{"rules": [{"renameVariables": {"match": "\\w{100}", "replace": "x"}}]}"#;
    fs::write(&rules, huge).unwrap();
    integ()
        .args(["apply", "--rules"])
        .arg(&rules)
        .arg(&flow)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid regex in renameVariables.match",
        ))
        .stderr(predicate::str::contains("size limit"));
    let deep = format!(
        r#"{{"rules": [{{"setValue": {{"path": "$[?{}@.a{}]", "value": 1}}}}]}}"#,
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    fs::write(&rules, deep).unwrap();
    integ()
        .args(["apply", "--rules"])
        .arg(&rules)
        .arg(&flow)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid JSONPath"))
        .stderr(predicate::str::contains("panicked").not());
}

/// `merge -o OUT` writes the one file OUT names: `..` is resolved by the file system, an
/// existing symlink is written through (the link stays, as for every in-place write), a
/// dangling one is refused, and the only other file ever created is the temporary one beside
/// OUT, removed before integ exits.
#[test]
fn merge_output_writes_only_the_file_it_names() {
    let root = tempfile::tempdir().unwrap();
    let (base, incoming) = (
        root.path().join("base.json"),
        root.path().join("incoming.json"),
    );
    fs::write(&base, customer_sync()).unwrap();
    fs::write(
        &incoming,
        customer_sync().replace("Normalise e-mail", "Normalise email"),
    )
    .unwrap();
    let out = root.path().join("out");
    fs::create_dir_all(out.join("sub")).unwrap();
    let merge = |target: &Path| {
        let mut command = integ();
        command
            .args(["merge", "--strategy", "replace"])
            .arg(&base)
            .arg(&incoming)
            .arg("-o")
            .arg(target);
        command
    };
    merge(&out.join("sub/../merged.json")).assert().code(0);
    assert_eq!(file_names(&out), ["merged.json", "sub"]);
    assert_eq!(file_names(&out.join("sub")), Vec::<String>::new());
    assert!(
        fs::read_to_string(out.join("merged.json"))
            .unwrap()
            .contains("Normalise email")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let probe = root.path().join("probe");
        fs::write(&probe, "").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&out.join("merged.json")),
            mode(&probe),
            "a new file gets the usual mode"
        );
        let elsewhere = root.path().join("elsewhere");
        fs::create_dir(&elsewhere).unwrap();
        symlink(elsewhere.join("target.json"), out.join("dangling.json")).unwrap();
        merge(&out.join("dangling.json"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "dangling.json: is a symbolic link to a missing file",
            ));
        assert_eq!(file_names(&elsewhere), Vec::<String>::new());
        fs::write(elsewhere.join("target.json"), "{}").unwrap();
        merge(&out.join("dangling.json")).assert().code(0);
        assert!(
            fs::symlink_metadata(out.join("dangling.json"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            fs::read_to_string(elsewhere.join("target.json"))
                .unwrap()
                .contains("Normalise email")
        );
        assert_eq!(file_names(&elsewhere), ["target.json"]);
        assert_eq!(file_names(&out), ["dangling.json", "merged.json", "sub"]);
    }
}
