//! The API's schema of an integration version, `schemas/integration-version.schema.json`:
//! validation (S001, S002), its generation from the discovery document ([`generate`]), and the
//! lookups lints and connector checks share (error messages, enum fields).
//!
//! The schema is compiled once per process (two variants: lenient, and strict with every object
//! closed to unknown keys) and shared by all threads. Each error's instance path is a JSON
//! Pointer, which the document's span tree turns into a file position.

pub mod generate;

use std::sync::LazyLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::{Document, SpanNode, push_token};

/// The committed schema text (made by [`generate`]; a test keeps it in sync).
pub const SCHEMA_TEXT: &str = include_str!("../../schemas/integration-version.schema.json");

/// The committed schema, parsed.
pub static SCHEMA: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));

static LENIENT: LazyLock<jsonschema::Validator> = LazyLock::new(|| compile(&SCHEMA));

static STRICT: LazyLock<jsonschema::Validator> = LazyLock::new(|| compile(&closed(&SCHEMA)));

/// S001.
pub static SCHEMA_VIOLATION: Check = Check {
    code: "S001",
    name: "schema-violation",
    severity: Severity::Error,
    summary: "a value does not match the API's schema (wrong type, unknown enum value, malformed int64)",
    explanation: "\
## What it does
Validates the integration against `schemas/integration-version.schema.json`, a JSON Schema
2020-12 generated from the official API description (the integrations v1 discovery document).
It reports values of the wrong JSON type (`\"maxRetries\": \"3\"`), enum values the API does not
know (`\"triggerType\": \"HTTP\"`), and int64 fields that are not strings of digits
(`\"intValue\": \"ten\"`).

The schema is lenient by default, like the API: unknown keys are allowed (see S002 and
`--strict`), and every enum accepts `\"\"` (see L008).

## Why is this bad?
The API answers such a file with HTTP 400 on upload; integ tells you offline, with the line.

## How to fix
Use the type or one of the values the message lists.
",
};

/// S002.
pub static UNKNOWN_FIELD: Check = Check {
    code: "S002",
    name: "unknown-field",
    severity: Severity::Warning,
    summary: "a key the API's schema does not define (reported with --strict only)",
    explanation: "\
## What it does
With `--strict` (or `strict = true` in `integ.toml`), reports keys that the API's schema does
not define for that object, such as a misspelled `alterConfig` (integrationcli writes it for
`alertConfig`) or a config-variable shape (`parameter`, `value`) inside `integrationParameters`.

## Why is this bad?
The API ignores or refuses unknown keys; either way, what the key says is lost. A misspelled
key usually means a setting that silently does not apply.

## How to fix
Correct the key's spelling, move the value where it belongs, or delete it.
",
};

fn compile(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .build(schema)
        .expect("the bundled schema compiles")
}

/// A copy of `schema` where every object type with `properties` refuses other keys.
pub(crate) fn closed(schema: &Value) -> Value {
    let mut schema = schema.clone();
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            if let Some(def) = def.as_object_mut()
                && def.contains_key("properties")
                && !def.contains_key("additionalProperties")
            {
                def.insert("additionalProperties".into(), Value::Bool(false));
            }
        }
    }
    schema
}

/// Compiles the validator [`validate`] uses with `strict` now, so a caller can do it on a
/// spare thread while it does other work (compiling takes a few milliseconds, once).
pub fn prepare(strict: bool) {
    if strict {
        LazyLock::force(&STRICT);
    } else {
        LazyLock::force(&LENIENT);
    }
}

/// Validates `doc` and pushes S001 (and, when `strict`, S002) findings.
pub fn validate(doc: &Document, strict: bool, out: &mut Vec<Diagnostic>) {
    let validator = if strict { &*STRICT } else { &*LENIENT };
    let value = doc.value();
    if validator.is_valid(value) {
        return;
    }
    for error in validator.iter_errors(value) {
        let pointer = error.instance_path().to_string();
        if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
            for key in unexpected {
                let mut member = pointer.clone();
                push_token(&mut member, key);
                let span = doc.locate(&member).and_then(|l| l.key);
                let message = format!("unknown field {key:?} in {}", object_name(&pointer));
                out.push(Diagnostic::new(&UNKNOWN_FIELD, member, span, message));
            }
            continue;
        }
        let span = doc.locate(&pointer).map(|l| l.value);
        let message = message(error.kind(), error.instance(), &pointer);
        out.push(Diagnostic::new(&SCHEMA_VIOLATION, pointer, span, message));
    }
}

/// `taskConfigs[0]`-style name of the object at `pointer`, for messages.
pub(crate) fn object_name(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the integration".to_string();
    }
    let mut name = String::new();
    for token in pointer.trim_start_matches('/').split('/') {
        if token.bytes().all(|b| b.is_ascii_digit()) {
            name.push_str(&format!("[{token}]"));
        } else {
            if !name.is_empty() {
                name.push('.');
            }
            name.push_str(&token.replace("~1", "/").replace("~0", "~"));
        }
    }
    name
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

pub(crate) fn message(kind: &ValidationErrorKind, instance: &Value, pointer: &str) -> String {
    let field = object_name(pointer);
    match kind {
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            format!(
                "{field} must be {expected}, found {} {}",
                json_type(instance),
                short(instance)
            )
        }
        ValidationErrorKind::Enum { options } => {
            let values: Vec<&str> = options
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter(|s| !s.is_empty())
                .collect();
            format!(
                "{} is not a valid value of {field}; expected one of {}",
                short(instance),
                values.join(", ")
            )
        }
        ValidationErrorKind::Pattern { .. } => format!(
            "{field} is an int64 and must be a string of digits, found {}",
            short(instance)
        ),
        _ => format!(
            "{field}: {} does not match the schema ({})",
            short(instance),
            kind.keyword()
        ),
    }
}

/// Names of every property whose schema is an enum, for a quick look at the text before a walk.
static ENUM_FIELDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut names = std::collections::BTreeSet::new();
    collect_enum_fields(&SCHEMA, &mut names);
    names.into_iter().collect()
});

fn collect_enum_fields(schema: &Value, names: &mut std::collections::BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, property) in properties {
                    if resolve(property).get("enum").is_some() {
                        names.insert(name.clone());
                    }
                }
            }
            map.values().for_each(|v| collect_enum_fields(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_enum_fields(v, names)),
        _ => {}
    }
}

/// True when `text` may hold an enum field set to `""`: an enum field's name followed by `""`.
/// A cheap test that lets [`empty_enums`] skip the walk for almost every file.
pub fn may_have_empty_enums(text: &str) -> bool {
    for at in memchr::memmem::find_iter(text.as_bytes(), b"\"\"") {
        let before = text[..at].trim_end();
        if let Some(key_end) = before
            .strip_suffix(':')
            .map(str::trim_end)
            .and_then(|b| b.strip_suffix('"'))
        {
            let name = &key_end[key_end.rfind('"').map_or(0, |i| i + 1)..];
            if ENUM_FIELDS
                .binary_search_by(|f| f.as_str().cmp(name))
                .is_ok()
            {
                return true;
            }
        }
    }
    false
}

/// Every string `""` where the schema expects an enum, with the values it allows (for L008).
pub fn empty_enums(doc: &Document) -> Vec<(String, Vec<String>)> {
    // Every empty string is a `""` of the text: the walk skips the values without one.
    let empties: Vec<usize> = memchr::memmem::find_iter(doc.text().as_bytes(), b"\"\"").collect();
    let mut found = Vec::new();
    let mut walk = Walk {
        empties: &empties,
        found: &mut found,
    };
    walk.walk(doc.value(), doc.root(), &SCHEMA, &mut String::new());
    found
}

fn resolve(schema: &Value) -> &Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .strip_prefix("#/$defs/")
            .and_then(|name| SCHEMA["$defs"].get(name))
            .unwrap_or(schema),
        None => schema,
    }
}

/// The walk of [`empty_enums`]: the offsets of `""` in the text, and the findings.
struct Walk<'a> {
    empties: &'a [usize],
    found: &'a mut Vec<(String, Vec<String>)>,
}

impl Walk<'_> {
    /// False for a value in which nothing can be found whatever its schema: a number, a
    /// boolean, null, a non-empty string, or an array or object whose text has no `""`.
    /// Skipping those saves the schema look-ups.
    fn may_hold_empty(&self, value: &Value, span: &SpanNode) -> bool {
        let span = span.span();
        let next = self.empties.partition_point(|&at| at < span.start);
        match value {
            Value::String(s) => s.is_empty(),
            Value::Array(_) | Value::Object(_) => {
                self.empties.get(next).is_some_and(|&at| at < span.end)
            }
            _ => false,
        }
    }

    fn walk(&mut self, value: &Value, span: &SpanNode, schema: &Value, pointer: &mut String) {
        let schema = resolve(schema);
        match (value, span) {
            (Value::String(s), _) if s.is_empty() => {
                if let Some(options) = schema.get("enum").and_then(Value::as_array) {
                    let allowed = options
                        .iter()
                        .filter_map(Value::as_str)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect();
                    self.found.push((pointer.clone(), allowed));
                }
            }
            (Value::Object(map), SpanNode::Object(_, entries)) => {
                for ((key, child), (_, child_span)) in map.iter().zip(entries) {
                    if !self.may_hold_empty(child, child_span) {
                        continue;
                    }
                    let child_schema = schema
                        .get("properties")
                        .and_then(|p| p.get(key))
                        .or_else(|| schema.get("additionalProperties").filter(|s| s.is_object()));
                    if let Some(child_schema) = child_schema {
                        let len = pointer.len();
                        push_token(pointer, key);
                        self.walk(child, child_span, child_schema, pointer);
                        pointer.truncate(len);
                    }
                }
            }
            (Value::Array(items), SpanNode::Array(_, spans)) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, (item, item_span)) in items.iter().zip(spans).enumerate() {
                        if !self.may_hold_empty(item, item_span) {
                            continue;
                        }
                        let len = pointer.len();
                        push_token(pointer, &i.to_string());
                        self.walk(item, item_span, item_schema, pointer);
                        pointer.truncate(len);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod prefilter_tests {
    use super::may_have_empty_enums;

    #[test]
    fn spots_enum_fields_set_to_empty_strings_only() {
        assert!(may_have_empty_enums(
            r#"{"databasePersistencePolicy" :  ""}"#
        ));
        assert!(may_have_empty_enums("{\n\t\"dataType\": \"\"\n}"));
        assert!(!may_have_empty_enums(
            r#"{"stringValue": "", "description": ""}"#
        ));
        assert!(!may_have_empty_enums(
            r#"{"dataType": "STRING_VALUE", "x": ["", ""]}"#
        ));
    }
}
