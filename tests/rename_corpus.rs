//! Renames over every corpus file: for the most referenced variables and tasks of each file,
//! A → B moves every reference from A to B (the `$…$` count exactly), and B → A gives back
//! the original bytes. Every result also passes the validation gate.
// The shared test helper reports a missing corpus on stderr.
#![allow(clippy::print_stderr)]

mod common;

use integ::references::{
    Namespace, ReferenceIndex, ReferenceKind, is_system_variable, is_variable_name,
};
use integ::rename::{RenameSet, RenameStep, run};
use integ::source::SourceFile;
use rayon::prelude::*;

const VARIABLES_PER_FILE: usize = 3;
const TASKS_PER_FILE: usize = 2;

fn rename(file: &SourceFile, set: RenameSet) -> SourceFile {
    let outcome = run(
        vec![file.clone()],
        &[&RenameStep { set: set.clone() }],
        true,
    )
    .unwrap_or_else(|e| panic!("{}: {set:?}: {e}", file.path.display()));
    let text = outcome.files[0].result().to_string();
    SourceFile::from_text(&file.path, text).unwrap()
}

fn count(index: &ReferenceIndex, ns: Namespace, name: &str, kind: Option<ReferenceKind>) -> usize {
    index
        .occurrences(ns, name)
        .filter(|r| kind.is_none_or(|k| r.kind() == k))
        .count()
}

/// The `limit` names of `ns` with the most occurrences (ties by name, for stable runs).
fn most_referenced(index: &ReferenceIndex, ns: Namespace, limit: usize) -> Vec<String> {
    let mut names: Vec<(usize, &str)> = index
        .names(ns)
        .into_iter()
        .map(|n| (count(index, ns, n, None), n))
        .collect();
    names.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    names
        .into_iter()
        .take(limit)
        .map(|(_, n)| n.to_string())
        .collect()
}

fn fresh_variable(name: &str) -> String {
    match name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
        Some(inner) => format!("`{inner}_rn9`"),
        None => format!("{name}_rn9"),
    }
}

#[test]
fn variable_renames_round_trip_over_the_corpus() {
    let files = common::corpus_files();
    let renamed: usize = files
        .par_iter()
        .map(|path| {
            let path = path.clone();
            let mut renamed = 0;
            let original = SourceFile::read(&path).unwrap();
            let index = ReferenceIndex::build(original.document());
            for a in most_referenced(&index, Namespace::Variable, VARIABLES_PER_FILE) {
                let b = fresh_variable(&a);
                // System variables are refused: the runtime sets them under their own name.
                if !is_variable_name(&b) || is_system_variable(&a) {
                    continue;
                }
                let set = |from: &str, to: &str| RenameSet {
                    variables: vec![(from.to_string(), to.to_string())],
                    ..RenameSet::default()
                };
                let forward = rename(&original, set(&a, &b));
                let after = ReferenceIndex::build(forward.document());
                let name = common::name(&path);
                let dollars = Some(ReferenceKind::Dollar);
                assert_eq!(
                    count(&after, Namespace::Variable, &a, None),
                    0,
                    "{name}: {a} left"
                );
                assert_eq!(
                    count(&after, Namespace::Variable, &b, dollars),
                    count(&index, Namespace::Variable, &a, dollars),
                    "{name}: $…$ references of {a} did not all move to {b}"
                );
                assert_eq!(
                    count(&after, Namespace::Variable, &b, None),
                    count(&index, Namespace::Variable, &a, None),
                    "{name}: {a} → {b}"
                );
                // Everything else is where it was.
                assert_eq!(
                    after.references.len(),
                    index.references.len(),
                    "{name}: other references changed"
                );
                let back = rename(&forward, set(&b, &a));
                assert_eq!(
                    back.outer().text(),
                    original.outer().text(),
                    "{name}: {a} → {b} → {a} changed the bytes"
                );
                renamed += 1;
            }
            renamed
        })
        .sum();
    eprintln!(
        "{renamed} variable renames round-tripped over {} files",
        files.len()
    );
    if !files.is_empty() {
        assert!(renamed > 100, "only {renamed} variables renamed");
    }
}

#[test]
fn task_id_renames_round_trip_over_the_corpus() {
    let files = common::corpus_files();
    let renamed: usize = files
        .par_iter()
        .map(|path| {
            let path = path.clone();
            let mut renamed = 0;
            let original = SourceFile::read(&path).unwrap();
            let index = ReferenceIndex::build(original.document());
            let name = common::name(&path);
            for a in most_referenced(&index, Namespace::TaskId, TASKS_PER_FILE) {
                let b = "9090".to_string();
                let set = |from: &str, to: &str| RenameSet {
                    task_ids: vec![(from.to_string(), to.to_string())],
                    with_variables: true,
                    ..RenameSet::default()
                };
                let forward = rename(&original, set(&a, &b));
                let after = ReferenceIndex::build(forward.document());
                assert_eq!(
                    count(&after, Namespace::TaskId, &a, None),
                    0,
                    "{name}: task {a} left"
                );
                assert_eq!(
                    count(&after, Namespace::TaskId, &b, None),
                    count(&index, Namespace::TaskId, &a, None),
                    "{name}: task {a} → {b}"
                );
                // Task_<a>_* variables moved with their references.
                let prefix = |id: &str| format!("Task_{id}_");
                let task_vars = |ix: &ReferenceIndex, id: &str| {
                    ix.references
                        .iter()
                        .filter(|r| {
                            r.namespace == Namespace::Variable
                                && r.name.trim_start_matches('`').starts_with(&prefix(id))
                        })
                        .count()
                };
                assert_eq!(
                    task_vars(&after, &b),
                    task_vars(&index, &a),
                    "{name}: Task_{a}_*"
                );
                let back = rename(&forward, set(&b, &a));
                assert_eq!(
                    back.outer().text(),
                    original.outer().text(),
                    "{name}: task {a} → {b} → {a} changed the bytes"
                );
                renamed += 1;
            }
            renamed
        })
        .sum();
    eprintln!(
        "{renamed} task-id renames round-tripped over {} files",
        files.len()
    );
    if !files.is_empty() {
        assert!(renamed > 50, "only {renamed} task ids renamed");
    }
}
