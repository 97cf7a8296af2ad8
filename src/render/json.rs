//! `--format json`: one document with every finding and a summary.

use serde_json::{Value, json as j};

use super::{FileResult, slash_path};
use crate::diagnostic::Summary;

/// `{"diagnostics": [{path, code, name, severity, message, pointer, line, column}],
/// "summary": {files, errors, warnings, infos}}`, sorted by path, line, code.
pub fn json(results: &[FileResult]) -> String {
    let mut rows: Vec<(&FileResult, &crate::diagnostic::Diagnostic)> = results
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
        .collect();
    rows.sort_by(|(ra, a), (rb, b)| {
        (&ra.path, a.line, a.code, a.column).cmp(&(&rb.path, b.line, b.code, b.column))
    });
    let diagnostics: Vec<Value> = rows
        .into_iter()
        .map(|(r, d)| {
            j!({
                "path": slash_path(&r.path),
                "code": d.code,
                "name": d.name,
                "severity": d.severity.as_str(),
                "message": d.message,
                "pointer": d.pointer,
                "line": d.line,
                "column": d.column,
            })
        })
        .collect();
    let summary = Summary::of(results);
    let document = j!({
        "diagnostics": diagnostics,
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        }
    });
    serde_json::to_string_pretty(&document).expect("a Value always serialises") + "\n"
}
