//! The parse floor: read every `*.json` under the given folders and parse it into a
//! `serde_json::Value` on all cores. It does nothing else, so no tool that reads the same
//! files can be faster; the benchmark reports every other time as a ratio to this one.
//!
//! `cargo run --release --example parse_floor -- DIR...`
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    let parsed: usize = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            usize::from(value.is_object())
        })
        .sum();
    println!("{parsed} of {} files parsed", files.len());
}
