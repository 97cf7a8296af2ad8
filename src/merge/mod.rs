//! `integ merge`: the API's import conflict rules applied to two integration files.
//!
//! Resources are matched by identity: variables by `key`, config variables by
//! `parameter.key`, triggers by `triggerId`, error catchers by `errorCatcherId`, tasks by
//! `taskId` (a task carries its edges, `nextTasks`, with it). With [`Strategy::Replace`] a
//! resource of INCOMING replaces BASE's resource of the same identity, new ones are appended,
//! and BASE's others stay as written; with [`Strategy::Overwrite`] the result holds exactly
//! INCOMING's resources. Integration-level fields (`description`, `runAsServiceAccount`, …)
//! follow the same rule. The output-only `*Internal` copies of a changed file are dropped: they
//! would no longer match the public fields.
//!
//! The result is BASE's text with edits, so BASE's layout, escaping and untouched
//! bytes survive; new values are printed in BASE's [`layout::Layout`]. It is checked twice
//! before it is returned: the edited text must parse to the value the plan means
//! ([`crate::document::Document::apply_expecting`]), and the validator must find no
//! error-severity problem that neither BASE nor INCOMING had.

mod clash;
pub(crate) mod edits;
pub mod layout;
pub mod plan;

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::check::kind::{FileKind, detect};
use crate::check::{CheckOptions, check_all};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::EditError;
use crate::source::SourceFile;
use plan::{Change, KINDS, Piece, Plan};

/// How resources with the same identity are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Strategy {
    /// INCOMING's resource replaces BASE's of the same identity; new ones are added; BASE's
    /// others stay.
    Replace,
    /// BASE's resources are removed and INCOMING's used.
    Overwrite,
}

/// Why two files cannot be merged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MergeError {
    /// One of the files is not an integration.
    #[error("{0}")]
    NotAnIntegration(String),
    /// A clash the rules cannot resolve.
    #[error("{0}")]
    Clash(String),
    /// The merged file has errors neither input had (one line each, with position).
    #[error("the merged file would not be valid; not written:\n{}", .0.join("\n"))]
    Invalid(Vec<String>),
    /// An edit did not produce the planned value (an internal error).
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// A merged file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The new text of BASE's file (its envelope kept).
    pub text: String,
    /// What changed, one line per kind or field (empty when nothing did).
    pub summary: Vec<String>,
    /// Every finding `check` reports for the merged file, new or inherited from an input
    /// (new errors are refused before this: see [`MergeError::Invalid`]).
    pub findings: Vec<Diagnostic>,
}

fn root_object<'a>(file: &'a SourceFile, role: &str) -> Result<&'a Map<String, Value>, MergeError> {
    let value = file.document().value();
    match (detect(value), value.as_object()) {
        (FileKind::Integration, Some(map)) => Ok(map),
        _ => Err(MergeError::NotAnIntegration(format!(
            "{role} {} is not an integration (no triggerConfigs, taskConfigs or integrationParameters)",
            file.path.display()
        ))),
    }
}

/// Merges `incoming` into `base` with `strategy`.
pub fn merge(
    base: &SourceFile,
    incoming: &SourceFile,
    strategy: Strategy,
) -> Result<Merged, MergeError> {
    let base_map = root_object(base, "BASE")?;
    let incoming_map = root_object(incoming, "INCOMING")?;
    let plan = plan::plan(base_map, incoming_map, strategy)?;
    let summary = summarize(&plan, base_map, incoming_map);
    if plan.is_empty() {
        return Ok(Merged {
            text: base.outer().text().to_string(),
            summary,
            findings: reported(base),
        });
    }
    let layout = layout::Layout::detect(base.document());
    let text = match edits::removals(base.document(), &plan) {
        Some(removal) => {
            let edited = base
                .document()
                .apply_expecting(removal.edits, &removal.expected)?;
            replace_document(base, edited.text())
        }
        None => base.outer().text().to_string(),
    };
    let stage = reload(base, text);
    let expected = plan.expected(base_map, incoming_map);
    let edits = edits::edits(stage.document(), incoming.document(), &plan, &layout);
    let edited = stage.document().apply_expecting(edits, &expected)?;
    let text = replace_document(&stage, edited.text());
    let merged = reload(base, text);
    let findings = gate(base, incoming, &merged)?;
    Ok(Merged {
        text: merged.outer().text().to_string(),
        summary,
        findings,
    })
}

/// The full file text of `file` with its integration text replaced (envelopes kept).
fn replace_document(file: &SourceFile, text: &str) -> String {
    file.replace_document_text(text)
        .expect("a verified integration text fits its envelope")
}

fn reload(base: &SourceFile, text: String) -> SourceFile {
    SourceFile::from_text(&base.path, text).expect("verified text parses")
}

/// The findings `integ check` reports on `file` by default (opt-in rules left out).
fn reported(file: &SourceFile) -> Vec<Diagnostic> {
    let mut findings = check_all(file, false);
    CheckOptions::default().apply(&mut findings);
    findings
}

/// Refuses a result with an error-severity finding that neither input has (same code and
/// message); returns every finding of the result otherwise.
fn gate(
    base: &SourceFile,
    incoming: &SourceFile,
    merged: &SourceFile,
) -> Result<Vec<Diagnostic>, MergeError> {
    let errors = |file: &SourceFile| {
        check_all(file, false)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect::<Vec<_>>()
    };
    let known: HashSet<(&str, String)> = errors(base)
        .into_iter()
        .chain(errors(incoming))
        .map(|d| (d.code, d.message))
        .collect();
    let findings = reported(merged);
    let new: Vec<String> = findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| !known.contains(&(d.code, d.message.clone())))
        .map(|d| {
            format!(
                "  line {}, column {}: {} [{} {}]",
                d.line, d.column, d.message, d.code, d.name
            )
        })
        .collect();
    if new.is_empty() {
        Ok(findings)
    } else {
        Err(MergeError::Invalid(new))
    }
}

/// One line per changed kind or field: `tasks: 1 replaced, 2 added`.
fn summarize(plan: &Plan, base: &Map<String, Value>, incoming: &Map<String, Value>) -> Vec<String> {
    let mut lines = Vec::new();
    for (key, change) in &plan.changes {
        let Some(kind) = KINDS.iter().find(|k| k.field == key) else {
            let verb = match change {
                Change::Add => "added",
                Change::Remove => "removed",
                _ => "replaced",
            };
            lines.push(format!("{key}: {verb}"));
            continue;
        };
        let items = |map: &Map<String, Value>| {
            map.get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let (base_items, incoming_items) = (items(base), items(incoming));
        let base_ids: Vec<&str> = base_items.iter().filter_map(|e| kind.id_of(e)).collect();
        let (replaced, added, removed) = match change {
            Change::Patch { replaced, appended } => (replaced.len(), appended.len(), 0),
            Change::Add => (0, incoming_items.len(), 0),
            Change::Remove => (0, 0, base_items.len()),
            Change::Replace => (0, 0, 0),
            Change::Rewrite(pieces) => {
                let incoming_ids: Vec<Option<&str>> =
                    incoming_items.iter().map(|e| kind.id_of(e)).collect();
                let mut replaced = 0;
                let mut added = 0;
                for piece in pieces {
                    if let Piece::Incoming(j) = piece {
                        match incoming_ids.get(*j).copied().flatten() {
                            Some(id) if base_ids.contains(&id) => replaced += 1,
                            _ => added += 1,
                        }
                    }
                }
                let kept_or_replaced = pieces.len() - added;
                (
                    replaced,
                    added,
                    base_items.len().saturating_sub(kept_or_replaced),
                )
            }
        };
        let mut parts = Vec::new();
        for (n, verb) in [
            (replaced, "replaced"),
            (added, "added"),
            (removed, "removed"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {verb}"));
            }
        }
        lines.push(format!("{}s: {}", kind.noun, parts.join(", ")));
    }
    for key in &plan.dropped_internal {
        lines.push(format!(
            "{key}: removed (output-only copy that would go stale)"
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(Path::new("t.json"), text.to_string()).unwrap()
    }

    fn run(base: &str, incoming: &str, strategy: Strategy) -> String {
        merge(&file(base), &file(incoming), strategy).unwrap().text
    }

    #[test]
    fn fills_empty_and_missing_arrays() {
        let base = "{\n  \"triggerConfigs\": [],\n  \"description\": \"d\"\n}";
        let incoming = r#"{"triggerConfigs": [{"triggerId": "t", "triggerNumber": "1"}],
                           "integrationParameters": [{"key": "a"}]}"#;
        assert_eq!(
            run(base, incoming, Strategy::Replace),
            "{\n  \"triggerConfigs\": [{\n    \"triggerId\": \"t\",\n    \"triggerNumber\": \"1\"\n  }],\n  \
             \"description\": \"d\",\n  \"integrationParameters\": [{\n    \"key\": \"a\"\n  }]\n}"
        );
    }

    #[test]
    fn removes_the_last_member_and_adds_another_in_one_merge() {
        let base = "{\n\t\"integrationParameters\": [\n\t\t{\n\t\t\t\"key\": \"a\"\n\t\t}\n\t],\n\t\"description\": \"d\"\n}\n";
        let incoming = r#"{"integrationParameters": [{"key": "a"}], "runAsServiceAccount": "sa"}"#;
        assert_eq!(
            run(base, incoming, Strategy::Overwrite),
            "{\n\t\"integrationParameters\": [\n\t\t{\n\t\t\t\"key\": \"a\"\n\t\t}\n\t],\n\t\"runAsServiceAccount\": \"sa\"\n}\n"
        );
    }

    #[test]
    fn keeps_crlf_line_endings() {
        let base = "{\r\n  \"integrationParameters\": [{\r\n    \"key\": \"a\"\r\n  }]\r\n}\r\n";
        let incoming = r#"{"integrationParameters": [{"key": "b", "dataType": "STRING_VALUE"}]}"#;
        let out = run(base, incoming, Strategy::Replace);
        assert_eq!(
            out,
            "{\r\n  \"integrationParameters\": [{\r\n    \"key\": \"a\"\r\n  }, {\r\n    \"key\": \"b\",\r\n    \
             \"dataType\": \"STRING_VALUE\"\r\n  }]\r\n}\r\n"
        );
    }

    #[test]
    fn summarizes_what_changed() {
        let base = r#"{"taskConfigs": [{"taskId": "1", "task": "A"}], "description": "d"}"#;
        let incoming = r#"{"taskConfigs": [{"taskId": "1", "task": "A", "x": 1}, {"taskId": "2", "task": "B"}]}"#;
        let merged = merge(&file(base), &file(incoming), Strategy::Overwrite).unwrap();
        assert_eq!(
            merged.summary,
            ["tasks: 1 replaced, 1 added", "description: removed"]
        );
        let unchanged = merge(&file(base), &file(base), Strategy::Replace).unwrap();
        assert!(unchanged.summary.is_empty());
        assert_eq!(unchanged.text, base);
    }

    #[test]
    fn refuses_files_that_are_not_integrations() {
        let err = merge(
            &file(r#"{"a": 1}"#),
            &file(r#"{"taskConfigs": []}"#),
            Strategy::Replace,
        )
        .unwrap_err();
        assert!(matches!(err, MergeError::NotAnIntegration(_)), "{err}");
    }
}
