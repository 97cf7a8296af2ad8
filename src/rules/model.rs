//! The rule-file format, as serde types. `schemas/rules.schema.json` is generated from these
//! types (a test fails when the committed schema is stale), so the doc comments below are
//! also the schema's descriptions.

use schemars::JsonSchema;
use serde::Deserialize;

/// A rule file: rules applied in order to every integration file given.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The JSON Schema of this file (e.g. `../schemas/rules.schema.json`), for editors.
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    /// Apply the rules to this integration only (its name, file name or path) and its
    /// integrationcli files; without it, to every integration given.
    #[serde(default)]
    pub integration: Option<String>,
    /// The rules, applied in order; each sees the result of the ones before it.
    pub rules: Vec<Rule>,
}

/// One rule: an object with exactly one key naming its kind.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Rule {
    /// Rename one variable everywhere it is referenced (like `integ rename --var`).
    RenameVariable(RenameVariable),
    /// Rename every declared variable whose name matches a regex.
    RenameVariables(RenameVariables),
    /// Rename a task id at every id site (like `integ rename --task-id`).
    RenameTask(RenameTask),
    /// Rename the display names of tasks that match a regex.
    RenameTaskNames(RenameTaskNames),
    /// Convert declared variable names to another case, everywhere they are referenced.
    ConvertCase(ConvertCase),
    /// Replace every value selected by a JSONPath with a new JSON value.
    SetValue(SetValue),
    /// Replace regex matches inside the strings selected by a JSONPath.
    ReplaceInStrings(ReplaceInStrings),
}

impl Rule {
    /// The kind key, e.g. `renameVariable`.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::RenameVariable(_) => "renameVariable",
            Rule::RenameVariables(_) => "renameVariables",
            Rule::RenameTask(_) => "renameTask",
            Rule::RenameTaskNames(_) => "renameTaskNames",
            Rule::ConvertCase(_) => "convertCase",
            Rule::SetValue(_) => "setValue",
            Rule::ReplaceInStrings(_) => "replaceInStrings",
        }
    }
}

/// `{"renameVariable": {"from": "order", "to": "purchase"}}`
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameVariable {
    /// The exact variable key, backticks included; a name without backticks resolves to the
    /// backticked key when that is the only match.
    pub from: String,
    /// The new key.
    pub to: String,
}

/// `{"renameVariables": {"match": "^old_(.*)$", "replace": "new_$1"}}`
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameVariables {
    /// A regex (Rust `regex` syntax) matched against each declared variable name without its
    /// backticks.
    #[serde(rename = "match")]
    pub pattern: String,
    /// The replacement for every match; `$1`, `${name}` insert capture groups. A backticked
    /// variable keeps its backticks.
    pub replace: String,
    /// Only variables that fit this filter.
    #[serde(default, rename = "where")]
    pub filter: Option<VariableFilter>,
}

/// Which declared variables a rule applies to; every given field must hold.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VariableFilter {
    /// The declaration's `dataType`, e.g. `JSON_VALUE`.
    pub data_type: Option<String>,
    /// The declaration's `inputOutputType`: `IN`, `OUT` or `IN_OUT`.
    pub input_output_type: Option<String>,
    /// `true`: only backtick-quoted keys (task outputs, system and config variables);
    /// `false`: only bare keys (integration variables).
    pub backticked: Option<bool>,
    /// `true`: only config variables (`integrationConfigParameters`); `false`: none of them.
    pub config: Option<bool>,
}

/// `{"renameTask": {"from": "1", "to": "10", "withVariables": true}}`
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenameTask {
    /// The task id to rename.
    pub from: String,
    /// The new task id.
    pub to: String,
    /// Also rename `Task_<from>_*` variables to `Task_<to>_*`.
    #[serde(default)]
    pub with_variables: bool,
}

/// `{"renameTaskNames": {"match": "^Send Email$", "replace": "Notify", "where": {"task": "EmailTask"}}}`
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenameTaskNames {
    /// A regex matched against each task's `displayName`.
    #[serde(rename = "match")]
    pub pattern: String,
    /// The replacement for every match; `$1` inserts capture groups.
    pub replace: String,
    /// Only tasks that fit this filter.
    #[serde(default, rename = "where")]
    pub filter: Option<TaskFilter>,
}

/// Which tasks a rule applies to.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskFilter {
    /// The task type (`task` field), e.g. `EmailTask`, `GenericRestV2Task`.
    pub task: Option<String>,
}

/// `{"convertCase": {"to": "snake", "where": {"backticked": false}}}`
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConvertCase {
    /// The case to convert to.
    pub to: Case,
    /// Only variables that fit this filter.
    #[serde(default, rename = "where")]
    pub filter: Option<VariableFilter>,
    /// Also convert variables a task or trigger produces (`` `Task_1_responseBody` ``,
    /// `CloudPubSubMessage`): their names follow the service's conventions, so by default they
    /// are left alone. System variables are never converted.
    #[serde(default, rename = "includeProduced")]
    pub include_produced: bool,
}

/// A naming case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    /// `order_total`
    Snake,
    /// `orderTotal`
    Camel,
    /// `order-total`
    Kebab,
    /// `ORDER_TOTAL`
    Screaming,
}

/// `{"setValue": {"path": "$.taskConfigs[?@.task == 'EmailTask'].parameters.To.value", "value": {"stringArray": {"stringValues": ["ops@example.com"]}}}}`
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetValue {
    /// A JSONPath (RFC 9535) into the integration document; every selected value is replaced.
    pub path: String,
    /// The new value.
    pub value: serde_json::Value,
}

/// `{"replaceInStrings": {"path": "$.taskConfigs[*].parameters.url.value.stringValue", "match": "http://", "replace": "https://"}}`
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplaceInStrings {
    /// A JSONPath (RFC 9535) into the integration document; every string in the selected
    /// values (keys excluded) is searched.
    pub path: String,
    /// A regex (Rust `regex` syntax).
    #[serde(rename = "match")]
    pub pattern: String,
    /// The replacement for every match; `$1`, `${name}` insert capture groups.
    pub replace: String,
}
