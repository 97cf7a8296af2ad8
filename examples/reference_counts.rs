//! Prints how many references of each kind the index finds over a folder of integration files.
//!
//! `cargo run --example reference_counts [FOLDER]` (default: the shared corpus beside the repo).
#![allow(clippy::print_stdout)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use integ::references::{Form, Namespace, ReferenceIndex};
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
    let mut by_form: BTreeMap<(Namespace, Form), usize> = BTreeMap::new();
    let mut by_site: BTreeMap<(Namespace, Form, String), usize> = BTreeMap::new();
    let mut unreadable: BTreeMap<String, usize> = BTreeMap::new();
    let mut dollar_forms: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems: Vec<String> = Vec::new();
    for path in &files {
        let file = SourceFile::read(path).expect("readable integration file");
        let index = ReferenceIndex::build(file.document());
        for finding in integ::rename::gate::findings(&file, &index) {
            problems.push(format!(
                "{}: {}: {}",
                path.display(),
                finding.code,
                finding.message
            ));
        }
        let declared: BTreeSet<&str> = index.declared(Namespace::Variable);
        for r in &index.references {
            *by_form.entry((r.namespace, r.form)).or_default() += 1;
            let site = r.site.replace(|c: char| c.is_ascii_digit(), "");
            *by_site.entry((r.namespace, r.form, site)).or_default() += 1;
            if r.form == Form::Dollar {
                if declared.contains(r.name.as_str()) {
                    let form = match (r.name.starts_with('`'), r.sub_path.is_empty()) {
                        (true, true) => "$`name`$",
                        (false, true) => "$name$",
                        (false, false) => "$name.path$",
                        (true, false) => "$`name`.path$",
                    };
                    *dollar_forms.entry(form).or_default() += 1;
                } else {
                    *unresolved.entry(r.name.clone()).or_default() += 1;
                }
            }
        }
        for u in &index.unreadable {
            if declared.contains(u.name.as_str()) {
                let key = format!("{:?} {} in {}", u.reason, u.text, path.display());
                *unreadable.entry(key).or_default() += 1;
            }
        }
    }
    println!("{} files", files.len());
    println!("\n## by namespace and form");
    for ((ns, form), n) in &by_form {
        println!("{n:6}  {ns:?} {form:?} ({})", form.kind().label());
    }
    println!("\n## $…$ forms resolving to a declared variable of the same file");
    for (form, n) in &dollar_forms {
        println!("{n:6}  {form}");
    }
    println!("\n## $…$ names not declared in their file");
    for (name, n) in &unresolved {
        println!("{n:6}  {name}");
    }
    println!("\n## places that may name a declared variable, read by no exact form (L017)");
    for (place, n) in &unreadable {
        println!("{n:6}  {place}");
    }
    println!("\n## check's findings (what the rename gate compares)");
    for p in &problems {
        println!("  {p}");
    }
    println!("\n## by site");
    for ((ns, form, site), n) in &by_site {
        println!("{n:6}  {ns:?} {form:?} @ {site}");
    }
}
