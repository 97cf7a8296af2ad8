//! Build-time facts for the test suite: which shared files and optional tools this machine
//! has, as `cfg` flags. A test that cannot run here (no `../shared/corpus`, no Graphviz `dot`…)
//! is then marked `#[ignore = "why"]` by `cfg_attr` and reported as ignored with its reason,
//! instead of passing without having run. Under `CI=true` no flag is set, so every test runs
//! and a missing prerequisite fails it. The library and binary do not read these flags.

use std::path::Path;

/// The flags a test may be ignored by.
const FLAGS: &[&str] = &[
    "integ_no_corpus",
    "integ_no_reference",
    "integ_no_dot",
    "integ_no_git",
    "integ_no_script",
    "integ_not_root",
    "integ_no_setpriv",
];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=PATH");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    println!("cargo::rerun-if-changed={}", shared.display());
    for flag in FLAGS {
        println!("cargo::rustc-check-cfg=cfg({flag})");
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        return;
    }
    let missing = [
        ("integ_no_corpus", !shared.join("corpus").is_dir()),
        ("integ_no_reference", !shared.join("reference").is_dir()),
        ("integ_no_dot", !on_path("dot")),
        ("integ_no_git", !on_path("git")),
        ("integ_no_script", !on_path("script")),
        ("integ_not_root", !is_root()),
        ("integ_no_setpriv", !on_path("setpriv")),
    ];
    for (flag, absent) in missing {
        if absent {
            println!("cargo::rustc-cfg={flag}");
        }
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout == b"0\n")
}
