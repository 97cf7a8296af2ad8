//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other viewers read it.

use serde_json::{Value, json as j};

use super::{FileResult, slash_path};
use crate::check::checks;
use crate::diagnostic::Severity;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// One run of the `integ` tool: every check in `tool.driver.rules` (SARIF calls them rules), one result per finding,
/// located by file region and by JSON Pointer (as a logical location).
pub fn sarif(results: &[FileResult]) -> String {
    let all: Vec<_> = checks().collect();
    let rule_objects: Vec<Value> = all
        .iter()
        .map(|r| {
            j!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.summary},
                "help": {"text": r.explanation, "markdown": r.explanation},
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect();
    let mut findings = Vec::new();
    for result in results {
        let uri = slash_path(&result.path);
        for d in &result.diagnostics {
            let index = all.iter().position(|r| r.code == d.code).unwrap_or(0);
            let mut location = j!({
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": d.line,
                        "startColumn": d.column,
                        "endLine": d.end_line,
                        "endColumn": d.end_column.max(d.column + usize::from(d.end_line == d.line)),
                    }
                }
            });
            if !d.pointer.is_empty() {
                location["logicalLocations"] = j!([{
                    "fullyQualifiedName": d.pointer,
                    "kind": "member",
                }]);
            }
            findings.push(j!({
                "ruleId": d.code,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [location],
            }));
        }
    }
    let document = j!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "integ",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/integ/integ",
                "rules": rule_objects,
            }},
            "columnKind": "unicodeCodePoints",
            "results": findings,
        }]
    });
    serde_json::to_string_pretty(&document).expect("a Value always serialises") + "\n"
}
