//! Rule files: renames and edits written down once and applied to many integration files.
//!
//! A rule file is JSON (`model.rs`, schema in `schemas/rules.schema.json`). Loading parses it
//! with serde (unknown keys are errors), then compiles every regex and JSONPath, so a bad file
//! fails before any integration is read, with `file:line:col`. Each compiled rule is a batch
//! [`crate::rename::Step`] (`steps.rs`): renames go through the same reference index, refusals
//! and edit machinery as `integ rename`.

mod case;
pub mod model;
mod select;
mod steps;

use std::path::Path;

use regex::{Regex, RegexBuilder};

pub use case::convert_case;
pub use model::{Case, Rule, RuleFile, TaskFilter, VariableFilter};
pub use select::{JsonPathQuery, MAX_PATH_LEN, MAX_PATH_NESTING, render_value};

use crate::document::{Document, LineIndex};
use crate::error::{Error, Result};
use crate::rename::names::{check_task_id, check_variable_name};
use crate::rename::{RenameSet, Scope};

/// Largest compiled program a rule regex may become, in bytes (the regex crate's
/// `size_limit`; its lazy DFA gets twice as much). The regex crate matches in linear time; this
/// bounds the memory a pattern such as `\w{100}` (over 1 MiB compiled, under the crate's default
/// 10 MiB) can take.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A rule ready to run.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// Where the rule comes from, for messages: `rules.json:4:5 (renameVariables)`.
    pub origin: String,
    /// What it does.
    pub action: Action,
    /// Which integrations it may change.
    pub scope: Scope,
}

/// A compiled rule's action.
#[derive(Debug, Clone)]
pub enum Action {
    /// `renameVariable` and `renameTask`: exactly like `integ rename`.
    Rename(RenameSet),
    /// `renameVariables`.
    RenameVariables {
        /// Matched against names without backticks.
        pattern: Regex,
        /// Replacement template.
        replace: String,
        /// Which variables.
        filter: VariableFilter,
    },
    /// `convertCase`.
    ConvertCase {
        /// Target case.
        case: Case,
        /// Which variables.
        filter: VariableFilter,
        /// Convert task and trigger outputs too.
        include_produced: bool,
    },
    /// `renameTaskNames`.
    RenameTaskNames {
        /// Matched against display names.
        pattern: Regex,
        /// Replacement template.
        replace: String,
        /// Which tasks.
        filter: TaskFilter,
    },
    /// `setValue`.
    SetValue {
        /// The selection.
        path: JsonPathQuery,
        /// The new value.
        value: serde_json::Value,
    },
    /// `replaceInStrings`.
    ReplaceInStrings {
        /// The selection.
        path: JsonPathQuery,
        /// What to find.
        pattern: Regex,
        /// Replacement template.
        replace: String,
    },
}

/// Reads and compiles the rule file at `path`.
pub fn load(path: &Path) -> Result<Vec<CompiledRule>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    compile(path, &text)
}

/// Compiles the rule file `text` (read from `path`).
pub fn compile(path: &Path, text: &str) -> Result<Vec<CompiledRule>> {
    let file: RuleFile = serde_json::from_str(text).map_err(|e| {
        Error::Usage(format!(
            "{}:{}:{}: invalid rule file: {}",
            path.display(),
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        ))
    })?;
    let doc = Document::parse(text).map_err(|e| {
        Error::Usage(format!(
            "{}: invalid rule file: {}",
            path.display(),
            e.message
        ))
    })?;
    let lines = LineIndex::new(text);
    let at = |pointer: &str| {
        let offset = doc.locate(pointer).map_or(0, |l| l.value.start);
        let (line, col) = lines.line_col(text, offset);
        format!("{}:{line}:{col}", path.display())
    };
    let scope = Scope {
        integrations: file.integration.into_iter().collect(),
        all_integrations: false,
    };
    let mut compiled = Vec::new();
    for (i, rule) in file.rules.into_iter().enumerate() {
        let kind = rule.kind();
        let field = |name: &str| format!("/rules/{i}/{kind}/{name}");
        let fail =
            |name: &str, message: String| Error::Usage(format!("{}: {message}", at(&field(name))));
        let regex = |name: &str, pattern: &str| {
            RegexBuilder::new(pattern)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(2 * REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| {
                    let why = regex_error(&e);
                    fail(name, format!("invalid regex in {kind}.{name}: {why}"))
                })
        };
        let jsonpath = |path: &str| {
            JsonPathQuery::parse(path)
                .map_err(|e| fail("path", format!("invalid JSONPath in {kind}.path: {e}")))
        };
        let action = match rule {
            Rule::RenameVariable(r) => {
                check_variable_name(&r.to).map_err(|e| fail("to", e))?;
                Action::Rename(RenameSet {
                    variables: vec![(r.from, r.to)],
                    ..RenameSet::default()
                })
            }
            Rule::RenameTask(r) => {
                check_task_id(&r.to).map_err(|e| fail("to", e))?;
                Action::Rename(RenameSet {
                    task_ids: vec![(r.from, r.to)],
                    with_variables: r.with_variables,
                    ..RenameSet::default()
                })
            }
            Rule::RenameVariables(r) => Action::RenameVariables {
                pattern: regex("match", &r.pattern)?,
                replace: r.replace,
                filter: r.filter.unwrap_or_default(),
            },
            Rule::ConvertCase(r) => Action::ConvertCase {
                case: r.to,
                filter: r.filter.unwrap_or_default(),
                include_produced: r.include_produced,
            },
            Rule::RenameTaskNames(r) => Action::RenameTaskNames {
                pattern: regex("match", &r.pattern)?,
                replace: r.replace,
                filter: r.filter.unwrap_or_default(),
            },
            Rule::SetValue(r) => Action::SetValue {
                path: jsonpath(&r.path)?,
                value: r.value,
            },
            Rule::ReplaceInStrings(r) => Action::ReplaceInStrings {
                path: jsonpath(&r.path)?,
                pattern: regex("match", &r.pattern)?,
                replace: r.replace,
            },
        };
        compiled.push(CompiledRule {
            origin: format!("{} ({kind})", at(&format!("/rules/{i}"))),
            action,
            scope: scope.clone(),
        });
    }
    Ok(compiled)
}

/// The regex crate's message on one line: its syntax errors span several lines (the pattern,
/// a caret, then `error: what`), which read as a second error after ours.
fn regex_error(e: &regex::Error) -> String {
    let text = e.to_string();
    match text.lines().rev().find_map(|l| l.strip_prefix("error: ")) {
        Some(what) => what.to_string(),
        None => text.lines().collect::<Vec<_>>().join(" "),
    }
}

/// serde_json appends " at line L column C"; the position is already in front.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

/// The JSON Schema of rule files, as committed in `schemas/rules.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RuleFile);
    serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_text(text: &str) -> Result<Vec<CompiledRule>> {
        compile(Path::new("r.json"), text)
    }

    fn error(text: &str) -> String {
        compile_text(text).unwrap_err().to_string()
    }

    #[test]
    fn compiles_every_kind() {
        let rules = compile_text(
            r#"{"$schema": "../schemas/rules.schema.json", "rules": [
  {"renameVariable": {"from": "a", "to": "b"}},
  {"renameVariables": {"match": "^x_(.*)$", "replace": "y_$1", "where": {"dataType": "JSON_VALUE"}}},
  {"renameTask": {"from": "1", "to": "2", "withVariables": true}},
  {"renameTaskNames": {"match": "Mail", "replace": "Email", "where": {"task": "EmailTask"}}},
  {"convertCase": {"to": "snake"}},
  {"setValue": {"path": "$.description", "value": "x"}},
  {"replaceInStrings": {"path": "$..url", "match": "http:", "replace": "https:"}}
]}"#,
        )
        .unwrap();
        assert_eq!(rules.len(), 7);
        assert_eq!(rules[1].origin, "r.json:3:3 (renameVariables)");
    }

    #[test]
    fn bad_files_name_the_position() {
        let e = error("{\"rules\": [\n  {\"renameVariable\": {\"from\": \"a\", \"too\": \"b\"}}]}");
        assert!(e.starts_with("r.json:2:"), "{e}");
        assert!(e.contains("unknown field `too`"), "{e}");
        let e = error(
            "{\"rules\": [\n  {\"renameVariables\": {\"match\": \"(\", \"replace\": \"x\"}}]}",
        );
        assert!(e.starts_with("r.json:2:33: invalid regex"), "{e}");
        assert_eq!(e.lines().count(), 1, "one line, one error: {e}");
        assert!(
            e.ends_with("invalid regex in renameVariables.match: unclosed group"),
            "{e}"
        );
        let e = error("{\"rules\": [{\"setValue\": {\"path\": \"$[\", \"value\": 1}}]}");
        assert!(e.starts_with("r.json:1:34: invalid JSONPath"), "{e}");
        let e = error("{\"rules\": [{\"renameVariable\": {\"from\": \"a\", \"to\": \"b c\"}}]}");
        assert!(e.contains("invalid variable name"), "{e}");
        let e = error("{\"rules\": [{\"nope\": {}}]}");
        assert!(e.contains("unknown variant `nope`"), "{e}");
        let e = error(
            "{\"rules\": [{\"renameVariable\": {\"from\": \"a\", \"to\": \"b\"}, \"setValue\": {}}]}",
        );
        assert!(e.starts_with("r.json:1:"), "{e}");
        let e = error(
            "{\"rules\": [{\"renameVariables\": {\"match\": \"\\\\w{100}\", \"replace\": \"x\"}}]}",
        );
        // Within the regex crate's default limit (10 MiB), so the refusal is ours.
        assert!(Regex::new("\\w{100}").is_ok());
        assert!(
            e.contains("invalid regex") && e.contains("size limit"),
            "{e}"
        );
        let e = error(&format!(
            "{{\"rules\": [{{\"setValue\": {{\"path\": \"$.{}\", \"value\": 1}}}}]}}",
            "a".repeat(MAX_PATH_LEN)
        ));
        assert!(
            e.contains("invalid JSONPath") && e.contains("longer than"),
            "{e}"
        );
        let e = error("{\"rulez\": []}");
        assert!(e.contains("unknown field `rulez`"), "{e}");
        let e = error("{\"rules\": [");
        assert!(e.starts_with("r.json:1:"), "{e}");
    }
}

#[cfg(test)]
mod schema_tests {
    /// The committed schema must be what the types generate. To refresh it after changing
    /// `model.rs`: `INTEG_WRITE_SCHEMA=1 cargo test --lib rules::schema_tests`.
    #[test]
    fn committed_schema_is_current() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/rules.schema.json");
        let generated = super::json_schema();
        if std::env::var_os("INTEG_WRITE_SCHEMA").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schemas/rules.schema.json is stale; regenerate it with \
             INTEG_WRITE_SCHEMA=1 cargo test --lib rules::schema_tests"
        );
    }
}
