//! `--format junit`: JUnit XML with one test case per file.

use super::markup::escape_markup;
use super::{FileResult, slash_path};
use crate::diagnostic::Severity;
use crate::diagnostic::Summary;

/// A `<testsuites>` document: each file is a test case, failed when it has an error finding;
/// every finding is listed in the failure text (or in `system-out` when none is an error).
pub fn junit(results: &[FileResult]) -> String {
    let summary = Summary::of(results);
    let failures = results
        .iter()
        .filter(|r| r.diagnostics.iter().any(|d| d.severity == Severity::Error))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"integ check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
        summary.files
    ));
    out.push_str(&format!(
        "  <testsuite name=\"integ check\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n",
        summary.files
    ));
    for result in results {
        let path = slash_path(&result.path);
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"integ.check\" file=\"{}\"",
            escape_markup(&path),
            escape_markup(&path)
        ));
        if result.diagnostics.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let body: String = result
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{path}:{}:{}: {} {}[{}] {}\n",
                    d.line, d.column, d.severity, d.code, d.name, d.message
                )
            })
            .collect();
        let errors = result
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if errors > 0 {
            out.push_str(&format!(
                "      <failure type=\"integ check\" message=\"{errors} error{}\">{}</failure>\n",
                if errors == 1 { "" } else { "s" },
                escape_markup(&body)
            ));
        } else {
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                escape_markup(&body)
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
