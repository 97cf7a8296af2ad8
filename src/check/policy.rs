//! When findings fail a run (exit 1): `--fail-on` and `--max-warnings`, as ESLint's
//! `--max-warnings` and Spectral's `--fail-severity` decide it.

use crate::diagnostic::Severity;
use crate::render::Summary;

/// What makes findings fail a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailPolicy {
    /// The least severity that fails: `Error` (the default) lets warnings and infos pass.
    pub fail_on: Severity,
    /// Fail when there are more warnings than this, whatever `fail_on` says.
    pub max_warnings: Option<usize>,
}

impl Default for FailPolicy {
    fn default() -> FailPolicy {
        FailPolicy {
            fail_on: Severity::Error,
            max_warnings: None,
        }
    }
}

impl FailPolicy {
    /// True when the findings counted in `summary` fail the run.
    pub fn fails(&self, summary: &Summary) -> bool {
        let at_least = |severity: Severity| severity >= self.fail_on;
        let failing = [
            (Severity::Error, summary.errors),
            (Severity::Warning, summary.warnings),
            (Severity::Info, summary.infos),
        ]
        .into_iter()
        .any(|(severity, count)| at_least(severity) && count > 0);
        failing || self.max_warnings.is_some_and(|max| summary.warnings > max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(errors: usize, warnings: usize, infos: usize) -> Summary {
        Summary {
            files: 1,
            with_findings: 1,
            errors,
            warnings,
            infos,
            ..Summary::default()
        }
    }

    #[test]
    fn fails_on_the_chosen_severity_and_above() {
        let default = FailPolicy::default();
        assert!(default.fails(&summary(1, 0, 0)));
        assert!(!default.fails(&summary(0, 5, 5)));
        let warning = FailPolicy {
            fail_on: Severity::Warning,
            max_warnings: None,
        };
        assert!(warning.fails(&summary(0, 1, 0)) && warning.fails(&summary(1, 0, 0)));
        assert!(!warning.fails(&summary(0, 0, 3)));
        let info = FailPolicy {
            fail_on: Severity::Info,
            max_warnings: None,
        };
        assert!(info.fails(&summary(0, 0, 1)));
        assert!(!info.fails(&summary(0, 0, 0)));
    }

    #[test]
    fn fails_above_the_warning_budget() {
        let budget = FailPolicy {
            fail_on: Severity::Error,
            max_warnings: Some(2),
        };
        assert!(!budget.fails(&summary(0, 2, 9)));
        assert!(budget.fails(&summary(0, 3, 0)));
        assert!(budget.fails(&summary(1, 0, 0)));
        let none = FailPolicy {
            max_warnings: Some(0),
            ..budget
        };
        assert!(none.fails(&summary(0, 1, 0)));
    }
}
