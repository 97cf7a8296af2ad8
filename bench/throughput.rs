#![allow(clippy::print_stdout)]
//! Throughput of the lossless core: read + parse (value and spans) + no-op write, per file,
//! over a folder, single-threaded, as MB/s (median of several rounds).
//!
//! `cargo run --release --example throughput -- ../shared/corpus [ROUNDS]`

use std::path::PathBuf;
use std::time::Instant;

use integ::source::SourceFile;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpus".into()));
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(9);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("a folder of JSON files")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let bytes: usize = files
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len() as usize)
        .sum();
    let mut times = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        for path in &files {
            let file = SourceFile::read(path).expect("valid file");
            let written = file.apply(Vec::new()).expect("no-op write");
            assert_eq!(written.len(), file.outer().text().len());
        }
        times.push(start.elapsed().as_secs_f64());
    }
    let mut floor = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(!value.is_null());
        }
        floor.push(start.elapsed().as_secs_f64());
    }
    floor.sort_by(f64::total_cmp);
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "{} files, {:.2} MB: parse + no-op write median {:.1} ms = {:.0} MB/s (min {:.1} ms, max {:.1} ms, {} rounds)",
        files.len(),
        bytes as f64 / 1e6,
        median * 1e3,
        bytes as f64 / 1e6 / median,
        times[0] * 1e3,
        times[times.len() - 1] * 1e3,
        rounds
    );
    let floor = floor[floor.len() / 2];
    println!(
        "baseline serde_json read + parse to Value: {:.1} ms = {:.0} MB/s; ratio {:.2}x",
        floor * 1e3,
        bytes as f64 / 1e6 / floor,
        median / floor
    );
}
