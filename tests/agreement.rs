//! Rename, check and diff agree on every reference, because they read the one reference index.
//!
//! Over every integration file of the shared corpus and of our own fixtures, for **every**
//! declared variable, config variable and task id:
//!
//! - (a) renaming it to a fresh name and back gives back the original bytes;
//! - (b) after the rename, a plain-text search written here (not the index) finds no reference to
//!   the old name in any form of FORMAT.md §8–9, every occurrence moved to the new name, and
//!   `check` reports no L004 (undeclared variable) or L001 (dangling task) it did not before;
//! - (c) `check` reports L005 (unused) for a variable exactly when rename finds no use of it;
//! - (d) `diff` of the original against the renamed file is one `renamed` change whose count
//!   of references is the one rename reported.
//!
//! A command that read references its own way would disagree with the others on some file and
//! fail one of these.
// The shared test helper reports a missing corpus on stderr; the totals go there too.
#![allow(clippy::print_stderr)]

mod common;
mod oracle;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use integ::check::{check_all, is_integration};
use integ::diff::{ChangeKind, Entity, Options, compare};
use integ::references::{ReferenceIndex, is_system_variable};
use integ::rename::{RenameSet, RenameStep, run};
use integ::source::SourceFile;
use rayon::prelude::*;
use serde_json::Value;

/// Every integration file the agreement is checked on: the corpus and our own fixtures.
fn integration_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = common::corpus_files();
    for dir in [
        "examples",
        "tests/fixtures/agreement",
        "tests/fixtures/diff",
    ] {
        let mut ours: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        ours.sort();
        files.extend(ours);
    }
    files
        .into_iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            serde_json::from_str(&text).is_ok_and(|v: Value| is_integration(&v))
        })
        .collect()
}

/// What one rename did: the new text and rename's own count, or its refusal.
type Renamed = Result<(String, usize), String>;

fn rename(file: &SourceFile, set: RenameSet) -> Renamed {
    let outcome =
        run(vec![file.clone()], &[&RenameStep { set }], true).map_err(|e| e.to_string())?;
    let count = outcome.tallies.iter().map(|t| t.count).sum();
    Ok((outcome.files[0].result().to_string(), count))
}

fn variables(set: (&str, &str)) -> RenameSet {
    RenameSet {
        variables: vec![(set.0.to_string(), set.1.to_string())],
        ..RenameSet::default()
    }
}

fn task_ids(set: (&str, &str)) -> RenameSet {
    RenameSet {
        task_ids: vec![(set.0.to_string(), set.1.to_string())],
        with_variables: true,
        ..RenameSet::default()
    }
}

/// A name no file uses, in the same quoting as `name`.
fn fresh_variable(name: &str) -> String {
    match name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
        Some(inner) => format!("`{inner}_agr9`"),
        None => format!("{name}_agr9"),
    }
}

fn codes(file: &SourceFile, code: &str) -> Vec<String> {
    check_all(file, false)
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| d.message)
        .collect()
}

/// A declared variable: its key and whether L005 may report it (not produced by a task or
/// trigger, not part of the integration's interface).
struct Declared {
    key: String,
    config: bool,
    lintable: bool,
}

fn declared_variables(value: &Value) -> Vec<Declared> {
    let mut out: Vec<Declared> = Vec::new();
    for p in oracle::array(value, "integrationParameters") {
        let Some(key) = p.get("key").and_then(Value::as_str) else {
            continue;
        };
        let produced = p
            .get("producer")
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty());
        let interface = matches!(
            p.get("inputOutputType").and_then(Value::as_str),
            Some("IN" | "OUT" | "IN_OUT")
        );
        out.push(Declared {
            key: key.to_string(),
            config: false,
            lintable: !produced && !interface,
        });
    }
    for c in oracle::array(value, "integrationConfigParameters") {
        if let Some(key) = c.pointer("/parameter/key").and_then(Value::as_str) {
            out.push(Declared {
                key: key.to_string(),
                config: true,
                lintable: true,
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|d| seen.insert(d.key.clone()));
    out
}

/// Totals over the run, for the summary line and the floors that keep the test honest.
#[derive(Default, Debug)]
struct Totals {
    variables: usize,
    tasks: usize,
    refused: usize,
    unused: usize,
    diff_one_change: usize,
}

impl std::ops::Add for Totals {
    type Output = Totals;
    fn add(self, o: Totals) -> Totals {
        Totals {
            variables: self.variables + o.variables,
            tasks: self.tasks + o.tasks,
            refused: self.refused + o.refused,
            unused: self.unused + o.unused,
            diff_one_change: self.diff_one_change + o.diff_one_change,
        }
    }
}

/// Checks (a)–(d) for one variable; returns what it counted.
fn agree_on_variable(
    name: &str,
    original: &SourceFile,
    unused: &[String],
    declared: &Declared,
) -> Totals {
    let mut totals = Totals::default();
    let a = declared.key.as_str();
    if is_system_variable(a) {
        return totals;
    }
    let b = fresh_variable(a);
    let reported_unused = unused.iter().any(|m| {
        m == &format!("variable {a} is declared but never used")
            || m == &format!("config variable {a} is declared but never used")
    });
    let (text, count) = match rename(original, variables((a, &b))) {
        Ok(done) => done,
        Err(refusal) => {
            // A refusal is a place the grammar cannot read exactly, which check reports too.
            assert!(
                refusal.contains("cannot rename variable"),
                "{name}: {a} → {b} refused for another reason:\n{refusal}"
            );
            assert!(
                !reported_unused,
                "{name}: rename refuses {a} (a place may use it) but check calls it unused"
            );
            eprintln!("refused, as check reports: {name}: {a}: {refusal}");
            totals.refused += 1;
            return totals;
        }
    };
    totals.variables += 1;
    let renamed = SourceFile::from_text(&original.path, text.clone()).unwrap();

    // (b) the plain-text search finds the old name nowhere, and every occurrence moved.
    let before = oracle::variable_occurrences(original.document().value(), a);
    let after_old = oracle::variable_occurrences(renamed.document().value(), a);
    let after_new = oracle::variable_occurrences(renamed.document().value(), &b);
    assert!(after_old.is_empty(), "{name}: {a} → {b} left {after_old:?}");
    assert_eq!(
        after_new.len(),
        before.len(),
        "{name}: {a} → {b}: not every occurrence moved"
    );
    assert!(
        count >= before.len(),
        "{name}: {a} → {b}: rename counted {count}, the plain-text search finds {}",
        before.len()
    );
    // Nothing else moved: the index reads as many references as before.
    assert_eq!(
        ReferenceIndex::build(renamed.document()).references.len(),
        ReferenceIndex::build(original.document()).references.len(),
        "{name}: {a} → {b} changed other references"
    );
    assert_eq!(
        codes(&renamed, "L004").len(),
        codes(original, "L004").len(),
        "{name}: {a} → {b} changed the undeclared-variable findings"
    );

    // (c) L005 exactly when rename finds no use (every occurrence is a declaration).
    let uses = count - oracle::declaration_count(original.document().value(), a, declared.config);
    if declared.lintable {
        assert_eq!(
            reported_unused,
            uses == 0,
            "{name}: rename finds {uses} uses of {a}, check says unused: {reported_unused}"
        );
    } else {
        assert!(!reported_unused, "{name}: {a} is produced or an interface");
    }
    totals.unused += usize::from(reported_unused);

    // (d) one renamed change, counted as rename counts it.
    let changes = compare(original.document(), renamed.document(), &Options::default());
    let summary: Vec<String> = changes
        .iter()
        .map(|c| format!("{:?} {:?} {}", c.kind, c.entity, c.id))
        .collect();
    let entity = if declared.config {
        Entity::ConfigVariable
    } else {
        Entity::Variable
    };
    assert!(
        changes.len() == 1
            && changes[0].kind == ChangeKind::Renamed
            && changes[0].entity == entity
            && changes[0].id == a,
        "{name}: diff of {a} → {b} is {summary:?}"
    );
    assert_eq!(changes[0].references, Some(count), "{name}: {a} → {b}");
    totals.diff_one_change += 1;

    // (a) and back.
    let (back, _) =
        rename(&renamed, variables((&b, a))).unwrap_or_else(|e| panic!("{name}: {b} → {a}: {e}"));
    assert!(
        back == original.outer().text(),
        "{name}: {a} → {b} → {a} changed the bytes"
    );
    totals
}

/// Checks (a), (b) and (d) for one task id (renamed with its `Task_<id>_*` variables).
fn agree_on_task(name: &str, original: &SourceFile, id: &str, fresh: &str) -> Totals {
    let value = original.document().value();
    let (text, count) = rename(original, task_ids((id, fresh)))
        .unwrap_or_else(|e| panic!("{name}: task {id} → {fresh}: {e}"));
    let renamed = SourceFile::from_text(&original.path, text).unwrap();
    let after = renamed.document().value();
    let (before_links, after_links) = (
        oracle::task_links(value, id),
        oracle::task_links(after, fresh),
    );
    assert!(
        oracle::task_links(after, id).is_empty(),
        "{name}: task {id} → {fresh} left {:?}",
        oracle::task_links(after, id)
    );
    assert_eq!(
        after_links.len(),
        before_links.len(),
        "{name}: task {id} → {fresh}"
    );
    let prefix = |n: &str| format!("Task_{n}_");
    assert!(
        oracle::names_with_prefix(after, &prefix(id)).is_empty(),
        "{name}: task {id} → {fresh} left {:?}",
        oracle::names_with_prefix(after, &prefix(id))
    );
    for code in ["L001", "L004"] {
        assert_eq!(
            codes(&renamed, code).len(),
            codes(original, code).len(),
            "{name}: task {id} → {fresh} changed the {code} findings"
        );
    }
    let changes = compare(original.document(), renamed.document(), &Options::default());
    let summary: Vec<String> = changes
        .iter()
        .map(|c| format!("{:?} {:?} {}", c.kind, c.entity, c.id))
        .collect();
    assert!(
        changes.len() == 1
            && changes[0].kind == ChangeKind::Renamed
            && changes[0].entity == Entity::Task
            && changes[0].id == id,
        "{name}: diff of task {id} → {fresh} is {summary:?}"
    );
    assert_eq!(
        changes[0].references,
        Some(count),
        "{name}: task {id} → {fresh}"
    );
    let (back, _) = rename(&renamed, task_ids((fresh, id)))
        .unwrap_or_else(|e| panic!("{name}: task {fresh} → {id}: {e}"));
    assert!(
        back == original.outer().text(),
        "{name}: task {id} → {fresh} → {id} changed the bytes"
    );
    Totals {
        tasks: 1,
        diff_one_change: 1,
        ..Totals::default()
    }
}

fn agree_on_file(path: &Path) -> Totals {
    let name = common::name(path);
    let original = SourceFile::read(path).unwrap();
    let value = original.document().value();
    let unused = codes(&original, "L005");
    let mut totals = declared_variables(value)
        .par_iter()
        .map(|d| agree_on_variable(&name, &original, &unused, d))
        .reduce(Totals::default, |a, b| a + b);
    let ids = oracle::task_ids(value);
    let fresh = (1..)
        .map(|n| format!("9{n:03}"))
        .find(|f| !ids.contains(f))
        .unwrap();
    totals = totals
        + ids
            .par_iter()
            .map(|id| agree_on_task(&name, &original, id, &fresh))
            .reduce(Totals::default, |a, b| a + b);
    totals
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn rename_check_and_diff_agree_on_every_name() {
    let files = integration_files();
    let per_file: BTreeMap<String, Totals> = files
        .par_iter()
        .map(|p| (common::name(p), agree_on_file(p)))
        .collect();
    let totals = per_file.into_values().fold(Totals::default(), |a, b| a + b);
    eprintln!("{} files: {totals:?}", files.len());
    // The corpus holds about 650 renamable variables and 300 task ids; a
    // reader that silently found none would pass the assertions above vacuously.
    if !common::corpus_files().is_empty() {
        assert!(totals.variables > 600, "{totals:?}");
        assert!(totals.tasks > 250, "{totals:?}");
        assert!(totals.unused > 10, "{totals:?}");
    }
}
