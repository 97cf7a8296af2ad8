//! One changed field as a line: a readable name for its path and its values on one line.

use serde_json::Value;

use super::super::{Change, Entity, FieldChange};
use super::{Tone, VALUE_WIDTH};

/// How many changed lines of a multi-line text are shown.
const TEXT_LINES: usize = 12;

/// One entry per changed field; a position change is one `moved`, whatever moved.
///
/// A task whose type changed is another task under the same id: its type and label are
/// shown, the rest is counted (the JSON form lists every field).
pub(super) fn field_lines(change: &Change, paint: &dyn Fn(Tone, &str) -> String) -> Vec<String> {
    let replaced = change.fields.iter().any(|f| f.path == "/task");
    let mut lines = Vec::new();
    let mut moved = false;
    let mut others = 0;
    for field in &change.fields {
        if field.is_position() {
            moved = true;
            continue;
        }
        let rank = field_rank(&field.path);
        if replaced && rank > 0 {
            others += 1;
            continue;
        }
        lines.push((rank, field_line(change.entity, field, paint)));
    }
    if others > 0 {
        let s = if others == 1 { "" } else { "s" };
        lines.push((
            1,
            format!(
                "{others} other field{s} differ{}",
                if others == 1 { "s" } else { "" }
            ),
        ));
    }
    if moved {
        lines.push((2, "moved".to_string()));
    }
    lines.sort_by_key(|(rank, _)| *rank);
    lines.into_iter().map(|(_, line)| line).collect()
}

/// How a parameter without a value is shown.
const NO_VALUE: &str = "(no value)";

/// Identity-like fields first, the canvas position last, the rest in file order.
fn field_rank(path: &str) -> u8 {
    match path {
        "/task" | "/displayName" | "/label" => 0,
        _ => 1,
    }
}

fn field_line(entity: Entity, field: &FieldChange, paint: &dyn Fn(Tone, &str) -> String) -> String {
    let name = field_name(entity, &field.path);
    match (&field.old, &field.new) {
        (Some(Value::String(a)), Some(Value::String(b)))
            if a.contains('\n') || b.contains('\n') =>
        {
            format!("{name} changed:\n{}", text_diff(a, b, paint))
        }
        (Some(a), Some(b)) => format!(
            "{name} {} → {}",
            paint(Tone::Removed, &show(a)),
            paint(Tone::Added, &show(b))
        ),
        (None, Some(b)) => format!("{name} {} {}", paint(Tone::Added, "added"), show(b)),
        (Some(a), None) => match show(a).as_str() {
            NO_VALUE => format!("{name} {} {NO_VALUE}", paint(Tone::Removed, "removed")),
            shown => format!("{name} {} (was {shown})", paint(Tone::Removed, "removed")),
        },
        (None, None) => name,
    }
}

/// `parameter url`, `parameter config mappedFields[1].outputField.referenceKey`, `defaultValue`.
fn field_name(entity: Entity, path: &str) -> String {
    let tokens: Vec<String> = path
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let (prefix, rest): (Option<String>, &[String]) =
        if entity == Entity::Task && tokens.len() >= 2 && tokens[0] == "parameters" {
            let rest = &tokens[2..];
            let rest = rest.strip_prefix(&["value".to_string()]).unwrap_or(rest);
            (Some(format!("parameter {}", tokens[1])), rest)
        } else {
            (None, &tokens[..])
        };
    // Data Mapping: `mappedFields[1]` says enough without the parameter's long name.
    if prefix.is_some()
        && tokens[1] == "FieldMappingConfigTaskParameterKey"
        && rest.len() >= 2
        && rest[0] == "jsonValue"
        && rest[1] == "mappedFields"
    {
        return dotted(&rest[1..], false);
    }
    let dotted = dotted(rest, prefix.is_some());
    match (prefix, dotted.is_empty()) {
        (Some(p), true) => p,
        (Some(p), false) => format!("{p} {dotted}"),
        (None, _) => dotted,
    }
}

/// Joins tokens as `a.b[1].c`, leaving out ValueType wrappers (`stringValue` under `value` or
/// `defaultValue`, `stringValues` under `stringArray`); `in_value` says the tokens start
/// inside a parameter's value.
fn dotted(tokens: &[String], in_value: bool) -> String {
    const KINDS: &[&str] = &[
        "stringValue",
        "intValue",
        "doubleValue",
        "booleanValue",
        "jsonValue",
    ];
    const ARRAYS: &[&str] = &["stringArray", "intArray", "doubleArray", "booleanArray"];
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        let prev = if i == 0 {
            in_value.then_some("value")
        } else {
            Some(tokens[i - 1].as_str())
        };
        let wrapper = matches!(prev, Some("value" | "defaultValue"))
            && (KINDS.contains(&t.as_str()) || ARRAYS.contains(&t.as_str()));
        let array_values = prev.is_some_and(|p| ARRAYS.contains(&p)) && t.ends_with("Values");
        if wrapper || array_values {
            continue;
        }
        if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{t}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(t);
        }
    }
    out
}

/// A value on one line: strings quoted, parameters and ValueTypes by their content, long ones cut.
fn show(value: &Value) -> String {
    let Some(value) = content(value) else {
        return NO_VALUE.to_string();
    };
    if let Some(mapping) = mapping_summary(value) {
        return truncate(&mapping, VALUE_WIDTH);
    }
    let text = match value {
        Value::String(s) => quoted(s),
        other => crate::diff::canonical_string(other),
    };
    truncate(&text, VALUE_WIDTH)
}

/// A Data Mapping row (`{inputField, outputField}`) as `$in$.FUNCTION() ⇒ $out$`.
fn mapping_summary(value: &Value) -> Option<String> {
    let input = value.get("inputField")?.get("transformExpression")?;
    let output = value.get("outputField")?.get("referenceKey")?.as_str()?;
    let initial = input.get("initialValue")?;
    let mut text = match initial.get("referenceValue").and_then(Value::as_str) {
        Some(reference) => reference.to_string(),
        None => match initial.get("literalValue") {
            Some(literal) => show(literal),
            None => crate::diff::canonical_string(initial),
        },
    };
    for function in input
        .get("transformationFunctions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let name = function
            .get("functionType")
            .and_then(Value::as_object)
            .and_then(|kinds| kinds.values().next())
            .and_then(|kind| kind.get("functionName"))
            .and_then(Value::as_str)
            .unwrap_or("?");
        text.push_str(&format!(".{name}()"));
    }
    Some(format!("{text} ⇒ {output}"))
}

/// What a task parameter (`{key, value}`) or a ValueType (`{"stringValue": …}`,
/// `{"stringArray": {"stringValues": […]}}`) holds; `None` for a parameter without a value.
fn content(mut value: &Value) -> Option<&Value> {
    const PARAMETER_FIELDS: &[&str] = &["key", "value", "masked", "dataType"];
    loop {
        let Value::Object(map) = value else {
            return Some(value);
        };
        if map.contains_key("key") && map.keys().all(|k| PARAMETER_FIELDS.contains(&k.as_str())) {
            value = map.get("value")?;
            continue;
        }
        match map.iter().next() {
            Some((key, inner))
                if map.len() == 1
                    && (key.ends_with("Value")
                        || key.ends_with("Array")
                        || key.ends_with("Values")) =>
            {
                value = inner;
            }
            _ => return Some(value),
        }
    }
}

pub(super) fn quoted(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

fn truncate(text: &str, width: usize) -> String {
    match text.char_indices().nth(width) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The changed lines of a multi-line text, `-`/`+` prefixed.
fn text_diff(old: &str, new: &str, paint: &dyn Fn(Tone, &str) -> String) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut lines = Vec::new();
    for change in diff.iter_all_changes() {
        let (sign, tone) = match change.tag() {
            similar::ChangeTag::Delete => ("-", Tone::Removed),
            similar::ChangeTag::Insert => ("+", Tone::Added),
            similar::ChangeTag::Equal => continue,
        };
        let text = truncate(
            change.value().trim_end_matches(['\n', '\r']),
            VALUE_WIDTH + 20,
        );
        lines.push(paint(tone, &format!("  {sign} {text}")));
    }
    let total = lines.len();
    if total > TEXT_LINES {
        lines.truncate(TEXT_LINES);
        lines.push(format!("  … {} more changed lines", total - TEXT_LINES));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parameter_paths_read_as_parameters() {
        assert_eq!(
            field_name(Entity::Task, "/parameters/url/value/stringValue"),
            "parameter url"
        );
        assert_eq!(
            field_name(
                Entity::Task,
                "/parameters/To/value/stringArray/stringValues"
            ),
            "parameter To"
        );
        assert_eq!(
            field_name(
                Entity::Task,
                "/parameters/FieldMappingConfigTaskParameterKey/value/jsonValue/mappedFields/1/outputField"
            ),
            "mappedFields[1].outputField"
        );
        assert_eq!(
            field_name(Entity::Variable, "/defaultValue/stringValue"),
            "defaultValue"
        );
        assert_eq!(field_name(Entity::Edge, "/condition"), "condition");
        assert_eq!(
            field_name(Entity::Task, "/parameters/config/value/jsonValue/operation"),
            "parameter config operation"
        );
    }

    #[test]
    fn parameters_without_a_value() {
        let plain = |_: Tone, s: &str| s.to_string();
        let removed = FieldChange::new("/parameters/h", Some(json!({"key": "h"})), None);
        assert_eq!(
            field_line(Entity::Task, &removed, &plain),
            "parameter h removed (no value)"
        );
        let added = FieldChange::new("/parameters/h", None, Some(json!({"key": "h"})));
        assert_eq!(
            field_line(Entity::Task, &added, &plain),
            "parameter h added (no value)"
        );
        let set = FieldChange::new(
            "/parameters/h",
            Some(json!({"key": "h"})),
            Some(json!({"key": "h", "value": {"intValue": "3"}})),
        );
        assert_eq!(
            field_line(Entity::Task, &set, &plain),
            "parameter h (no value) → \"3\""
        );
    }

    #[test]
    fn long_values_are_cut() {
        let long = "x".repeat(200);
        assert_eq!(show(&json!(long)).chars().count(), VALUE_WIDTH + 1);
        assert_eq!(show(&json!({"intValue": "3"})), "\"3\"");
        assert_eq!(
            show(&json!({"key": "To", "value": {"stringArray": {"stringValues": ["a"]}}})),
            "[\"a\"]"
        );
        assert_eq!(show(&json!({"key": "additionalHeaders"})), "(no value)");
        assert_eq!(
            show(&json!({"key": "k", "dataType": "STRING_VALUE"})),
            "(no value)"
        );
        assert_eq!(show(&json!({"a": 1, "b": 2})), "{\"a\":1,\"b\":2}");
        let row = json!({"inputField": {"fieldType": "STRING_VALUE", "transformExpression": {
                "initialValue": {"referenceValue": "$name$"},
                "transformationFunctions": [{"functionType": {"stringFunction": {"functionName": "TO_UPPERCASE"}}}]}},
            "outputField": {"referenceKey": "$NAME$", "fieldType": "STRING_VALUE"}});
        assert_eq!(show(&row), "$name$.TO_UPPERCASE() ⇒ $NAME$");
    }
}
