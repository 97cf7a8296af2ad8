//! Prints how many references of each kind the index finds over a folder of integration files.
//!
//! `cargo run --example reference_counts [FOLDER]` (default: the shared corpus beside the repo).
#![allow(clippy::print_stdout)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use integ::references::{Namespace, ReferenceIndex, ReferenceKind};
use integ::source::SourceFile;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut by_kind: BTreeMap<(Namespace, ReferenceKind), usize> = BTreeMap::new();
    let mut by_site: BTreeMap<(Namespace, ReferenceKind, String), usize> = BTreeMap::new();
    let mut dollar_forms: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems: Vec<String> = Vec::new();
    for path in &files {
        let file = SourceFile::read(path).expect("readable integration file");
        for finding in integ::rename::gate::findings(&file) {
            problems.push(format!(
                "{}: {}: {}",
                path.display(),
                finding.code,
                finding.message
            ));
        }
        let index = ReferenceIndex::build(file.document());
        let declared: BTreeSet<&str> = index.declared(Namespace::Variable);
        for r in &index.references {
            *by_kind.entry((r.namespace, r.kind)).or_default() += 1;
            let site = r.site.replace(|c: char| c.is_ascii_digit(), "");
            *by_site.entry((r.namespace, r.kind, site)).or_default() += 1;
            if r.kind == ReferenceKind::Dollar {
                if declared.contains(r.name.as_str()) {
                    let form = match (r.name.starts_with('`'), r.sub_path) {
                        (true, false) => "$`name`$",
                        (false, false) => "$name$",
                        (false, true) => "$name.path$",
                        (true, true) => "$`name`.path$",
                    };
                    *dollar_forms.entry(form).or_default() += 1;
                } else {
                    *unresolved.entry(r.name.clone()).or_default() += 1;
                }
            }
        }
    }
    println!("{} files", files.len());
    println!("\n## by namespace and kind");
    for ((ns, kind), n) in &by_kind {
        println!("{n:6}  {ns:?} {}", kind.label());
    }
    println!("\n## $…$ forms resolving to a declared variable of the same file");
    for (form, n) in &dollar_forms {
        println!("{n:6}  {form}");
    }
    println!("\n## $…$ names not declared in their file");
    for (name, n) in &unresolved {
        println!("{n:6}  {name}");
    }
    println!("\n## structural findings (the rename gate's checks)");
    for p in &problems {
        println!("  {p}");
    }
    println!("\n## by site");
    for ((ns, kind, site), n) in &by_site {
        println!("{n:6}  {ns:?} {} @ {site}", kind.label());
    }
}
