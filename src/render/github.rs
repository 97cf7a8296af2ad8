//! `--format github`: GitHub Actions workflow commands that annotate the pull request.

use super::{FileResult, slash_path};
use crate::diagnostic::Severity;

/// One `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` line per finding.
pub fn github(results: &[FileResult]) -> String {
    let mut out = String::new();
    for result in results {
        let file = property(&slash_path(&result.path));
        for d in &result.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            out.push_str(&format!(
                "::{level} file={file},line={},col={},endLine={},endColumn={},title={}::{}\n",
                d.line,
                d.column,
                d.end_line,
                d.end_column,
                property(&format!("{} {}", d.code, d.name)),
                data(&format!("{} {}", d.code, d.message)),
            ));
        }
    }
    out
}

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
