//! Text forms of a diff: the readable account, JSON, and a unified diff of normalised text.
//! These build strings; the command line decides where they go and whether to colour them
//! (through the `paint` callback).

use serde_json::Value;

use super::{Change, ChangeKind, Entity, FieldChange};

/// What a piece of human output is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Added things and new values.
    Added,
    /// Removed things and old values.
    Removed,
    /// Renames.
    Renamed,
    /// Entity headings.
    Heading,
}

/// How many characters of a value a line shows.
const VALUE_WIDTH: usize = 80;
/// How many changed lines of a multi-line text are shown.
const TEXT_LINES: usize = 12;
/// Up to this many position-only changes are listed one by one; more are counted.
const MOVES_LISTED: usize = 3;

/// The readable account of `changes`, one entity per line (fields indented below when there
/// are several). Edges of an added or removed task share its line; entities that only moved
/// on the canvas are summed up at the end.
pub fn human(changes: &[Change], paint: &dyn Fn(Tone, &str) -> String) -> String {
    let mut out = String::new();
    let mut attached = vec![false; changes.len()];
    let mut moves = Vec::new();
    for (i, change) in changes.iter().enumerate() {
        if attached[i] {
            continue;
        }
        if change.is_move_only() {
            moves.push(change);
            continue;
        }
        let mut line = headline(change, paint);
        if change.entity == Entity::Task
            && matches!(change.kind, ChangeKind::Added | ChangeKind::Removed)
        {
            for (j, edge) in changes.iter().enumerate() {
                if !attached[j]
                    && edge.entity == Entity::Edge
                    && edge.kind == change.kind
                    && edge_touches(edge, &change.id)
                {
                    attached[j] = true;
                    line.push_str("; ");
                    line.push_str(&headline(edge, paint));
                }
            }
        }
        let details = field_lines(change, paint);
        match details.as_slice() {
            [] => out.push_str(&line),
            [single] if !single.contains('\n') => {
                out.push_str(&line);
                out.push_str(": ");
                out.push_str(single);
            }
            many => {
                out.push_str(&line);
                out.push(':');
                for detail in many {
                    for l in detail.lines() {
                        out.push_str("\n  ");
                        out.push_str(l);
                    }
                }
            }
        }
        out.push('\n');
    }
    out.push_str(&moves_summary(&moves, paint));
    out
}

/// `{"changes": [...]}`, pretty-printed, in the order given.
pub fn json(changes: &[Change]) -> String {
    let mut text = serde_json::to_string_pretty(&serde_json::json!({ "changes": changes }))
        .expect("changes always serialise");
    text.push('\n');
    text
}

/// A unified diff of two normalised texts, with `old_name` and `new_name` as headers.
pub fn unified(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Histogram)
        .timeout(std::time::Duration::from_secs(5))
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(old_name, new_name)
        .to_string()
}

/// `task 3 "Label"`, `variable order`, `edge 5 → 77`…
fn heading(change: &Change) -> String {
    let label = change
        .label
        .as_ref()
        .map(|l| format!(" {}", quoted(l)))
        .unwrap_or_default();
    match change.entity {
        Entity::Integration if change.kind == ChangeKind::Changed || change.id.is_empty() => {
            "integration".to_string()
        }
        Entity::Integration => format!("integration {}", change.id),
        Entity::Trigger => format!("trigger {}{label}", change.id),
        Entity::ErrorCatcher => format!("error catcher {}{label}", change.id),
        Entity::Task => format!("task {}{label}", change.id),
        Entity::Variable => format!("variable {}", change.id),
        Entity::ConfigVariable => format!("config variable {}", change.id),
        Entity::Edge => {
            let (from, to) = edge_ends(&change.id);
            let from = from
                .strip_prefix("errorCatcher ")
                .map_or(from.to_string(), |id| format!("error catcher {id}"));
            format!("edge {from} → {to}{label}")
        }
    }
}

fn headline(change: &Change, paint: &dyn Fn(Tone, &str) -> String) -> String {
    let head = paint(Tone::Heading, &heading(change));
    match change.kind {
        ChangeKind::Added => format!(
            "{head} {}{}",
            paint(Tone::Added, "added"),
            with_variables(change)
        ),
        ChangeKind::Removed => {
            format!(
                "{head} {}{}",
                paint(Tone::Removed, "removed"),
                with_variables(change)
            )
        }
        ChangeKind::Renamed => {
            let new = change
                .new
                .as_ref()
                .and_then(Value::as_str)
                .unwrap_or_default();
            let n = change.references.unwrap_or(0);
            let mut note = format!("{n} reference{}", if n == 1 { "" } else { "s" });
            let k = change.variables.len();
            if k > 0 {
                note.push_str(&format!(
                    ", with {k} variable{}",
                    if k == 1 { "" } else { "s" }
                ));
            }
            format!(
                "{head} {} ({note})",
                paint(Tone::Renamed, &format!("renamed to {new}"))
            )
        }
        ChangeKind::Changed => head,
    }
}

/// ` (with variable `Task_7_x`)` for the auto-generated variables that came or went with a task.
fn with_variables(change: &Change) -> String {
    let keys: Vec<&str> = change
        .variables
        .iter()
        .filter_map(|v| v.new.as_deref().or(v.old.as_deref()))
        .collect();
    match keys.len() {
        0 => String::new(),
        1 => format!(" (with variable {})", keys[0]),
        n if n <= 3 => format!(" (with variables {})", keys.join(", ")),
        n => format!(" (with {n} variables)"),
    }
}

/// The two ends of an edge id `from -> to[ #n]`.
fn edge_ends(id: &str) -> (&str, &str) {
    let (from, to) = id.split_once(" -> ").unwrap_or((id, ""));
    (from, to.split(" #").next().unwrap_or(to))
}

fn edge_touches(edge: &Change, task: &str) -> bool {
    let (from, to) = edge_ends(&edge.id);
    from == task || to == task
}

/// One entry per changed field; a position change is one `moved`, whatever moved.
fn field_lines(change: &Change, paint: &dyn Fn(Tone, &str) -> String) -> Vec<String> {
    let mut lines = Vec::new();
    let mut moved = false;
    for field in &change.fields {
        if field.is_position() {
            moved = true;
            continue;
        }
        lines.push((
            field_rank(&field.path),
            field_line(change.entity, field, paint),
        ));
    }
    if moved {
        lines.push((2, "moved".to_string()));
    }
    lines.sort_by_key(|(rank, _)| *rank);
    lines.into_iter().map(|(_, line)| line).collect()
}

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
        (Some(a), None) => format!(
            "{name} {} (was {})",
            paint(Tone::Removed, "removed"),
            show(a)
        ),
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
        return "(no value)".to_string();
    };
    if let Some(mapping) = mapping_summary(value) {
        return truncate(&mapping, VALUE_WIDTH);
    }
    let text = match value {
        Value::String(s) => quoted(s),
        other => super::canonical_string(other),
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
            None => super::canonical_string(initial),
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

fn quoted(s: &str) -> String {
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

fn moves_summary(moves: &[&Change], paint: &dyn Fn(Tone, &str) -> String) -> String {
    if moves.len() <= MOVES_LISTED {
        return moves
            .iter()
            .map(|c| format!("{}: moved\n", paint(Tone::Heading, &heading(c))))
            .collect();
    }
    let mut counts: Vec<(Entity, usize)> = Vec::new();
    for change in moves {
        match counts.iter_mut().find(|(e, _)| *e == change.entity) {
            Some((_, n)) => *n += 1,
            None => counts.push((change.entity, 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(entity, n)| {
            let noun = match entity {
                Entity::Task => "task",
                Entity::Trigger => "trigger",
                Entity::ErrorCatcher => "error catcher",
                _ => "entity",
            };
            format!("{n} {noun}{}", if *n == 1 { "" } else { "s" })
        })
        .collect();
    let list = match parts.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    format!("{list} moved on the canvas\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plain(_: Tone, s: &str) -> String {
        s.to_string()
    }

    fn changed(entity: Entity, id: &str, label: Option<&str>, fields: Vec<FieldChange>) -> Change {
        Change {
            kind: ChangeKind::Changed,
            entity,
            id: id.into(),
            label: label.map(str::to_string),
            old: None,
            new: None,
            fields,
            references: None,
            variables: Vec::new(),
        }
    }

    #[test]
    fn one_field_on_one_line() {
        let c = changed(
            Entity::Task,
            "3",
            Some("Transform order"),
            vec![FieldChange::new(
                "/displayName",
                Some(json!("Transform order")),
                Some(json!("Shape order")),
            )],
        );
        assert_eq!(
            human(&[c], &plain),
            "task 3 \"Transform order\": displayName \"Transform order\" → \"Shape order\"\n"
        );
    }

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
    fn several_fields_and_moves() {
        let c = changed(
            Entity::Task,
            "3",
            None,
            vec![
                FieldChange::new("/position/x", Some(json!(1)), Some(json!(2))),
                FieldChange::new("/position/y", Some(json!(1)), Some(json!(2))),
                FieldChange::new("/description", None, Some(json!("d"))),
            ],
        );
        assert_eq!(
            human(&[c], &plain),
            "task 3:\n  description added \"d\"\n  moved\n"
        );
        let moves: Vec<Change> = (1..=5)
            .map(|i| {
                changed(
                    if i < 5 { Entity::Task } else { Entity::Trigger },
                    &i.to_string(),
                    None,
                    vec![FieldChange::new("/position", None, Some(json!({"x": i})))],
                )
            })
            .collect();
        assert_eq!(
            human(&moves, &plain),
            "4 tasks and 1 trigger moved on the canvas\n"
        );
        assert_eq!(human(&moves[..1], &plain), "task 1: moved\n");
    }

    #[test]
    fn multi_line_text_shows_changed_lines() {
        let f = FieldChange::new(
            "/parameters/script/value/stringValue",
            Some(json!("a\nb\nc\n")),
            Some(json!("a\nB\nc\n")),
        );
        let c = changed(Entity::Task, "1", None, vec![f]);
        assert_eq!(
            human(&[c], &plain),
            "task 1:\n  parameter script changed:\n    - b\n    + B\n"
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
