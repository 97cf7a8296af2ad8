//! The validation gate: a changed file is written only if it is no worse than it was.
//!
//! [`verify`] is the one place every `rename`/`apply` result passes through before it is
//! written (skipped by `--no-verify`). The result must parse, and `check` (the schema and every
//! lint, exactly as `integ check` runs them) must find nothing in it that the input did not
//! have: a code whose count grew blocks the write, reported at the new text's line and column.

use std::collections::BTreeMap;

use crate::references::ReferenceIndex;
use crate::source::SourceFile;

/// One finding of `check`, as the gate compares it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The rule's code, e.g. `L003`, or `unparsable`.
    pub code: &'static str,
    /// Where and what, naming the thing.
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
    let after_index = ReferenceIndex::build(after.document());
    verify_lazily((&after, &after_index), || {
        findings(before, &ReferenceIndex::build(before.document()))
    })
}

/// Like [`verify`], for a result that is already parsed and indexed; `before_findings` gives
/// the input's [`findings`] and is only called when the result has findings of its own, so a
/// caller can keep just the input's text and parse it again in that rare case.
pub fn verify_lazily(
    after: (&SourceFile, &ReferenceIndex),
    before_findings: impl FnOnce() -> Vec<Finding>,
) -> Result<(), Vec<Finding>> {
    let new = findings(after.0, after.1);
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

/// Every finding `check` reports for `file` (any severity, no filtering), as gate findings.
pub fn findings(file: &SourceFile, index: &ReferenceIndex) -> Vec<Finding> {
    crate::check::check_indexed(file, index, false)
        .into_iter()
        .map(|d| Finding {
            code: d.code,
            message: format!(
                "line {}, column {}: {} ({})",
                d.line, d.column, d.message, d.name
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text(Path::new("t.json"), text.to_string()).unwrap()
    }

    fn codes(result: Result<(), Vec<Finding>>) -> Vec<&'static str> {
        result
            .err()
            .unwrap_or_default()
            .iter()
            .map(|f| f.code)
            .collect()
    }

    const GOOD: &str = r#"{"taskConfigs": [{"taskId": "1", "nextTasks": [{"taskId": "2"}]}, {"taskId": "2"}],
 "integrationParameters": [{"key": "a", "inputOutputType": "IN"}, {"key": "b", "inputOutputType": "IN"}],
 "triggerConfigs": [{"triggerNumber": "1", "startTasks": [{"taskId": "1"}]}]}"#;

    #[test]
    fn accepts_a_clean_result() {
        let before = file(GOOD);
        assert_eq!(
            findings(&before, &ReferenceIndex::build(before.document())),
            []
        );
        assert!(verify(&before, &GOOD.replace("\"b\"", "\"c\"")).is_ok());
    }

    #[test]
    fn blocks_what_check_would_newly_report() {
        let before = file(GOOD);
        let dup = GOOD.replace("\"key\": \"b\"", "\"key\": \"a\"");
        assert_eq!(codes(verify(&before, &dup)), ["L003"]);
        let dangling = GOOD.replace(
            "{\"taskId\": \"2\"}]}, {\"taskId\": \"2\"}",
            "{\"taskId\": \"2\"}]}, {\"taskId\": \"3\"}",
        );
        assert!(codes(verify(&before, &dangling)).contains(&"L001"));
        assert_eq!(codes(verify(&before, "{")), ["unparsable"]);
        // A warning counts too: a reference the rename did not reach.
        let used = GOOD.replace(
            "\"taskId\": \"2\"}]",
            "\"taskId\": \"2\", \"condition\": \"$a$ = 1\"}]",
        );
        let left = used.replace(
            "\"key\": \"a\", \"inputOutputType\": \"IN\"",
            "\"key\": \"z\"",
        );
        assert_eq!(codes(verify(&file(&used), &left)), ["L004", "L005"]);
    }

    #[test]
    fn keeps_old_problems_from_blocking() {
        let dup = GOOD.replace("\"key\": \"b\"", "\"key\": \"a\"");
        let before = file(&dup);
        // Renaming the duplicated variable keeps one duplicate: no new problem.
        assert!(verify(&before, &dup.replace("\"a\"", "\"z\"")).is_ok());
    }
}
