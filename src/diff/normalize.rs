//! What does not count: the normal form both versions are brought to before they are compared.
//!
//! * Output-only and volatile fields (resource name, timestamps, last modifier, lock holder,
//!   snapshot number, state, status, origin) and the deprecated `*Internal` copies are dropped,
//!   unless metadata is asked for.
//! * JSON held in strings (`jsonValue`, `jsonSchema`) is decoded, so its layout and quoting do
//!   not count (see [`super::payload`]).
//! * proto3 JSON spellings of "nothing" are one thing: an enum field that is `""` or
//!   `*_UNSPECIFIED`, an empty object or array, and a zero canvas coordinate are the same as an
//!   absent field (an empty `stringArray`-like value is kept: it is a value).
//! * A number is its value: `100.0` and `100` are equal.
//! * `--ignore` patterns remove whatever they match from both sides.

use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};

use super::payload;

/// Top-level fields that change on every save or name the source environment: the fields the
/// server sets ([`crate::upload::OUTPUT_ONLY_FIELDS`]; the `*Internal` copies are matched by
/// [`crate::upload::is_output_only`]).
pub const VOLATILE_FIELDS: &[&str] = crate::upload::OUTPUT_ONLY_FIELDS;

/// Fields holding an enum, whose default value may be spelled `""`, `*_UNSPECIFIED` or left out.
const ENUM_FIELDS: &[&str] = &[
    "databasePersistencePolicy",
    "cloudLoggingSeverity",
    "taskExecutionStrategy",
    "externalTaskType",
    "nextTasksExecutionPolicy",
    "jsonValidationOption",
    "inputOutputType",
    "retryStrategy",
    "finalState",
    "dataType",
    "triggerType",
    "cardinality",
    "fieldType",
];

/// ValueType members whose empty object is a value (an empty list), not an absent field.
const VALUE_ARRAYS: &[&str] = &[
    "stringArray",
    "intArray",
    "doubleArray",
    "booleanArray",
    "protoArray",
];

/// Fields whose string holds a JSON document.
const JSON_STRING_FIELDS: &[&str] = &["jsonValue", "jsonSchema"];

/// A path to leave out of the comparison: a JSON Pointer whose segments may be `*` (any one
/// key or index) or `**` (any number of segments, none included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnorePattern {
    text: String,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Exact(String),
    Any,
    AnyDepth,
}

impl IgnorePattern {
    /// Parses `/taskConfigs/*/position`-like text (RFC 6901 escapes `~0`, `~1` apply).
    pub fn parse(text: &str) -> Result<IgnorePattern> {
        let Some(rest) = text.strip_prefix('/') else {
            return Err(Error::Usage(format!(
                "--ignore {text:?}: a pointer starts with `/` (e.g. /taskConfigs/*/position)"
            )));
        };
        let segments = rest
            .split('/')
            .map(|s| match s {
                "*" => Segment::Any,
                "**" => Segment::AnyDepth,
                s => Segment::Exact(s.replace("~1", "/").replace("~0", "~")),
            })
            .collect();
        Ok(IgnorePattern {
            text: text.to_string(),
            segments,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when the pattern matches the whole path `tokens`.
    fn matches(&self, tokens: &[&str]) -> bool {
        matches_from(&self.segments, tokens)
    }

    /// True when some extension of `tokens` could still match.
    fn may_match_below(&self, tokens: &[&str]) -> bool {
        prefix_possible(&self.segments, tokens)
    }
}

fn matches_from(segments: &[Segment], tokens: &[&str]) -> bool {
    match segments.split_first() {
        None => tokens.is_empty(),
        Some((Segment::AnyDepth, rest)) => {
            (0..=tokens.len()).any(|skip| matches_from(rest, &tokens[skip..]))
        }
        Some((segment, rest)) => match tokens.split_first() {
            Some((token, tail)) => segment_matches(segment, token) && matches_from(rest, tail),
            None => false,
        },
    }
}

fn prefix_possible(segments: &[Segment], tokens: &[&str]) -> bool {
    match (segments.split_first(), tokens.split_first()) {
        (_, None) => !segments.is_empty(),
        (None, Some(_)) => false,
        (Some((Segment::AnyDepth, _)), Some(_)) => true,
        (Some((segment, rest)), Some((token, tail))) => {
            segment_matches(segment, token) && prefix_possible(rest, tail)
        }
    }
}

fn segment_matches(segment: &Segment, token: &str) -> bool {
    match segment {
        Segment::Exact(s) => s == token,
        Segment::Any | Segment::AnyDepth => true,
    }
}

/// Brings an integration value to the normal form described in the module docs.
pub fn normalize(mut value: Value, include_metadata: bool, ignore: &[IgnorePattern]) -> Value {
    if !include_metadata && let Value::Object(map) = &mut value {
        map.retain(|key, _| !crate::upload::is_output_only(key));
    }
    drop_repeated_display_names(&mut value);
    let mut value = normal_form(value, None);
    if !ignore.is_empty() {
        remove_ignored(&mut value, &mut Vec::new(), ignore);
    }
    value.unwrap_or(Value::Object(Map::new()))
}

/// Drops a variable's or config variable's `displayName` where it repeats the key: the
/// console always writes it, integrationcli leaves it out, and it means nothing more.
fn drop_repeated_display_names(value: &mut Value) {
    let Value::Object(root) = value else { return };
    let mut drop_in = |decl: &mut Value| {
        if let Value::Object(map) = decl
            && map.contains_key("key")
            && map.get("displayName") == map.get("key")
        {
            map.remove("displayName");
        }
    };
    if let Some(Value::Array(items)) = root.get_mut("integrationParameters") {
        items.iter_mut().for_each(&mut drop_in);
    }
    if let Some(Value::Array(items)) = root.get_mut("integrationConfigParameters") {
        for item in items {
            if let Some(parameter) = item.get_mut("parameter") {
                drop_in(parameter);
            }
        }
    }
}

/// The normal form of `value`, held under `key`; `None` when it means "absent".
fn normal_form(value: Value, key: Option<&str>) -> Option<Value> {
    match value {
        Value::String(s) => {
            let key = key.unwrap_or_default();
            if ENUM_FIELDS.contains(&key) && (s.is_empty() || s.ends_with("_UNSPECIFIED")) {
                return None;
            }
            if JSON_STRING_FIELDS.contains(&key)
                && let Some(decoded) = payload::decode(&s)
            {
                return Some(normal_form(decoded, None).unwrap_or(Value::Object(Map::new())));
            }
            Some(Value::String(s))
        }
        Value::Number(n) => {
            if key == Some("x") || key == Some("y") {
                // Canvas coordinates: proto3 leaves out zero.
                if n.as_f64() == Some(0.0) {
                    return None;
                }
            }
            Some(Value::Number(canonical_number(n)))
        }
        Value::Array(items) => {
            let items: Vec<Value> = items
                .into_iter()
                .map(|item| normal_form(item, None).unwrap_or(Value::Object(Map::new())))
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        }
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                if let Some(v) = normal_form(v, Some(&k)) {
                    out.insert(k, v);
                }
            }
            let keep_empty = key.is_some_and(|k| VALUE_ARRAYS.contains(&k));
            (keep_empty || !out.is_empty()).then_some(Value::Object(out))
        }
        other => Some(other),
    }
}

/// Integral floats become integers, so `100.0` equals `100`.
fn canonical_number(n: Number) -> Number {
    if n.is_f64()
        && let Some(f) = n.as_f64()
        && f.fract() == 0.0
        && f.abs() < 9.0e15
    {
        return Number::from(f as i64);
    }
    n
}

/// Removes what `ignore` matches; returns `None` when `value` itself is matched.
fn remove_ignored(value: &mut Option<Value>, path: &mut Vec<String>, ignore: &[IgnorePattern]) {
    let tokens: Vec<&str> = path.iter().map(String::as_str).collect();
    if ignore.iter().any(|p| p.matches(&tokens)) {
        *value = None;
        return;
    }
    if !ignore.iter().any(|p| p.may_match_below(&tokens)) {
        return;
    }
    match value {
        Some(Value::Object(map)) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                let mut child = map.remove(&key);
                path.push(key.clone());
                remove_ignored(&mut child, path, ignore);
                path.pop();
                if let Some(child) = child {
                    map.insert(key, child);
                }
            }
        }
        Some(Value::Array(items)) => {
            let old = std::mem::take(items);
            for (i, item) in old.into_iter().enumerate() {
                let mut child = Some(item);
                path.push(i.to_string());
                remove_ignored(&mut child, path, ignore);
                path.pop();
                items.extend(child);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn norm(v: Value) -> Value {
        normalize(v, false, &[])
    }

    #[test]
    fn drops_volatile_fields_unless_asked() {
        let v = json!({"name": "projects/1/x", "updateTime": "t", "snapshotNumber": "3",
            "taskConfigsInternal": [{"taskNumber": "1"}], "description": "d"});
        assert_eq!(norm(v.clone()), json!({"description": "d"}));
        assert_eq!(normalize(v, true, &[])["snapshotNumber"], "3");
    }

    #[test]
    fn a_display_name_that_repeats_the_key_does_not_count() {
        let v = json!({
            "integrationParameters": [{"key": "x", "displayName": "x"}, {"key": "y", "displayName": "Y"}],
            "integrationConfigParameters": [{"parameter": {"key": "`CONFIG_a`", "displayName": "`CONFIG_a`"}}]
        });
        assert_eq!(
            norm(v),
            json!({
                "integrationParameters": [{"key": "x"}, {"key": "y", "displayName": "Y"}],
                "integrationConfigParameters": [{"parameter": {"key": "`CONFIG_a`"}}]
            })
        );
    }

    #[test]
    fn proto3_defaults_equal_absent() {
        let a = json!({"databasePersistencePolicy": "", "taskConfigs": [{"taskId": "1",
            "position": {"x": 0, "y": 10}, "externalTaskType": "EXTERNAL_TASK_TYPE_UNSPECIFIED",
            "parameters": {"p": {"key": "p", "value": {}}, "q": {"key": "q", "value": {"stringArray": {}}}},
            "synchronousCallFailurePolicy": {}}], "inputVariables": {}});
        let b = json!({"taskConfigs": [{"taskId": "1", "position": {"y": 10},
            "parameters": {"p": {"key": "p"}, "q": {"key": "q", "value": {"stringArray": {"stringValues": []}}}}}]});
        assert_eq!(norm(a), norm(b));
    }

    #[test]
    fn numbers_compare_by_value_and_payloads_as_json() {
        let a = json!({"v": {"doubleValue": 100.0, "jsonValue": "{\n  'a': 'x'\n}"}});
        let b = json!({"v": {"doubleValue": 100, "jsonValue": "{\"a\":\"x\"}"}});
        assert_eq!(norm(a), norm(b));
        let c = json!({"v": {"jsonValue": "{\"a\":\"y\"}"}});
        assert_ne!(norm(c), norm(json!({"v": {"jsonValue": "{\"a\":\"x\"}"}})));
    }

    #[test]
    fn ignore_patterns_with_wildcards() {
        let v = json!({"taskConfigs": [{"taskId": "1", "position": {"x": 1}, "description": "d"},
            {"taskId": "2", "position": {"x": 2}}], "triggerConfigs": [{"position": {"x": 3}}]});
        let only_tasks = [IgnorePattern::parse("/taskConfigs/*/position").unwrap()];
        assert_eq!(
            normalize(v.clone(), false, &only_tasks),
            json!({"taskConfigs": [{"taskId": "1", "description": "d"}, {"taskId": "2"}],
                "triggerConfigs": [{"position": {"x": 3}}]})
        );
        let everywhere = [IgnorePattern::parse("/**/position").unwrap()];
        assert_eq!(
            normalize(v, false, &everywhere),
            json!({"taskConfigs": [{"taskId": "1", "description": "d"}, {"taskId": "2"}],
                "triggerConfigs": [{}]})
        );
        assert!(IgnorePattern::parse("taskConfigs").is_err());
        let escaped = IgnorePattern::parse("/a~1b/c~0d").unwrap();
        assert!(escaped.matches(&["a/b", "c~d"]));
    }
}
