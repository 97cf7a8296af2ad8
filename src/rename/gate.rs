//! The validation gate: a changed file is written only if it is no worse than it was.
//!
//! [`verify`] is the one place every `rename`/`apply` result passes through before it is
//! written (skipped by `--no-verify`). It runs the structural checks below and the validator
//! (`check`: schema + lints) on both texts, and blocks on any error-severity finding the input
//! did not have: a code whose count grew, reported at the new text's line and column.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::references::{Namespace, ReferenceIndex, ReferenceKind, parse_payload};
use crate::source::SourceFile;

/// One structural problem of a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// A short stable code, e.g. `duplicate-variable`.
    pub code: &'static str,
    /// What is wrong, naming the thing.
    pub message: String,
}

/// Checks the text `after_text` that is about to replace `before`: it must parse, and it must
/// not have more findings of any code than `before` had. Returns the new findings otherwise.
pub fn verify(before: &SourceFile, after_text: &str) -> Result<(), Vec<Finding>> {
    let after = SourceFile::from_text(&before.path, after_text.to_string()).map_err(|e| {
        vec![Finding {
            code: "unparsable",
            message: e.to_string(),
        }]
    })?;
    let before_index = ReferenceIndex::build(before.document());
    let after_index = ReferenceIndex::build(after.document());
    verify_indexed((before, &before_index), (&after, &after_index))
}

/// Like [`verify`], for a result that is already parsed, with the reference index of each
/// side at hand (a batch has built both), so neither is parsed or indexed again.
pub fn verify_indexed(
    before: (&SourceFile, &ReferenceIndex),
    after: (&SourceFile, &ReferenceIndex),
) -> Result<(), Vec<Finding>> {
    verify_lazily(after, || all_findings(before.0, before.1))
}

/// Like [`verify_indexed`], where `before_findings` gives the findings of the input (see
/// [`all_findings`]) and is only called when the result has findings of its own, so a
/// caller can keep just the input's text and parse it again in that rare case.
pub fn verify_lazily(
    after: (&SourceFile, &ReferenceIndex),
    before_findings: impl FnOnce() -> Vec<Finding>,
) -> Result<(), Vec<Finding>> {
    let mut new = findings_indexed(after.0, after.1);
    new.extend(validator_errors(after.0));
    if new.is_empty() {
        // Nothing wrong with the result: no need to know what was wrong before.
        return Ok(());
    }
    let old = before_findings();
    let count = |list: &[Finding]| {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for f in list {
            *counts.entry(f.code).or_default() += 1;
        }
        counts
    };
    let (old_counts, new_counts) = (count(&old), count(&new));
    let worse: Vec<Finding> = new
        .iter()
        .filter(|f| new_counts[f.code] > old_counts.get(f.code).copied().unwrap_or(0))
        .filter(|f| !old.contains(f))
        .cloned()
        .collect();
    if worse.is_empty() { Ok(()) } else { Err(worse) }
}

/// Every finding the gate compares for `file` with its reference index: the structural ones
/// and the validator's errors.
pub fn all_findings(file: &SourceFile, index: &ReferenceIndex) -> Vec<Finding> {
    let mut found = findings_indexed(file, index);
    found.extend(validator_errors(file));
    found
}

/// The error-severity findings of the validator (schema and lints), as gate findings. The
/// message carries no position, so that the same problem before and after an edit compares
/// equal; the position is added only to findings that are new.
fn validator_errors(file: &SourceFile) -> Vec<Finding> {
    crate::check::check_all(file, false)
        .into_iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .map(|d| Finding {
            code: d.code,
            message: format!(
                "line {}, column {}: {} ({})",
                d.line, d.column, d.message, d.name
            ),
        })
        .collect()
}

/// The structural findings of a file: duplicate variable keys, duplicate task ids, edges and
/// producers pointing at missing tasks, and `jsonValue` payloads that cannot be read.
pub fn findings(file: &SourceFile) -> Vec<Finding> {
    findings_indexed(file, &ReferenceIndex::build(file.document()))
}

/// [`findings`] with the file's reference index already built.
fn findings_indexed(file: &SourceFile, index: &ReferenceIndex) -> Vec<Finding> {
    let doc = file.document();
    let mut out = Vec::new();
    let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &index.references {
        let counted = match (r.namespace, r.site.as_str()) {
            (Namespace::Variable, "integrationParameters[].key")
            | (Namespace::Variable, "integrationConfigParameters[].parameter.key") => &mut keys,
            (Namespace::TaskId, "taskConfigs[].taskId") => &mut ids,
            _ => continue,
        };
        *counted.entry(r.name.as_str()).or_default() += 1;
    }
    for (key, n) in keys.iter().filter(|(_, n)| **n > 1) {
        out.push(Finding {
            code: "duplicate-variable",
            message: format!("variable {key} is declared {n} times"),
        });
    }
    for (id, n) in ids.iter().filter(|(_, n)| **n > 1) {
        out.push(Finding {
            code: "duplicate-task-id",
            message: format!("task id {id} is used by {n} tasks"),
        });
    }
    let tasks = index.declared(Namespace::TaskId);
    for r in &index.references {
        if r.namespace == Namespace::TaskId
            && r.kind == ReferenceKind::IdLink
            && !tasks.contains(r.name.as_str())
        {
            out.push(Finding {
                code: "missing-task",
                message: format!(
                    "{} points at task {}, which does not exist",
                    r.pointer, r.name
                ),
            });
        }
    }
    let mut pointer = String::new();
    unreadable_payloads(doc.value(), &mut pointer, &mut out);
    out
}

fn unreadable_payloads(value: &Value, pointer: &mut String, out: &mut Vec<Finding>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let len = pointer.len();
                crate::document::push_token(pointer, k);
                if let (Value::String(s), "jsonValue") = (v, k.as_str()) {
                    if !s.trim().is_empty() && parse_payload(s).is_none() {
                        out.push(Finding {
                            code: "unreadable-payload",
                            message: format!("{pointer} does not hold readable JSON"),
                        });
                    }
                }
                unreadable_payloads(v, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                unreadable_payloads(v, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(Path::new("t.json"), text.to_string()).unwrap()
    }

    const GOOD: &str = r#"{"taskConfigs": [{"taskId": "1", "nextTasks": [{"taskId": "2"}]}, {"taskId": "2"}],
 "integrationParameters": [{"key": "a"}, {"key": "b"}],
 "triggerConfigs": [{"startTasks": [{"taskId": "1"}]}]}"#;

    #[test]
    fn accepts_a_clean_result() {
        assert!(findings(&file(GOOD)).is_empty());
        assert!(verify(&file(GOOD), &GOOD.replace("\"b\"", "\"c\"")).is_ok());
    }

    #[test]
    fn blocks_new_problems_only() {
        let before = file(GOOD);
        let dup = GOOD.replace("\"key\": \"b\"", "\"key\": \"a\"");
        let err = verify(&before, &dup).unwrap_err();
        assert_eq!(err[0].code, "duplicate-variable");
        let dangling = GOOD.replace(
            "{\"taskId\": \"2\"}]}, {\"taskId\": \"2\"}",
            "{\"taskId\": \"2\"}]}, {\"taskId\": \"3\"}",
        );
        let err = verify(&before, &dangling).unwrap_err();
        assert_eq!(err[0].code, "missing-task");
        assert_eq!(verify(&before, "{").unwrap_err()[0].code, "unparsable");
    }

    #[test]
    fn keeps_old_problems_from_blocking() {
        let dup = GOOD.replace("\"key\": \"b\"", "\"key\": \"a\"");
        let before = file(&dup);
        // Renaming the duplicated variable keeps one duplicate: no new problem.
        assert!(verify(&before, &dup.replace("\"a\"", "\"z\"")).is_ok());
        let payload = r#"{"taskConfigs": [], "x": {"jsonValue": "{\"a\": 1}"}}"#;
        let broken = payload.replace("{\\\"a\\\": 1}", "{\\\"a\\\": ");
        let err = verify(&file(payload), &broken).unwrap_err();
        assert_eq!(err[0].code, "unreadable-payload");
    }
}
