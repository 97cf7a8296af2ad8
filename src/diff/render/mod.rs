//! Text forms of a diff: the readable account, JSON, and a unified diff of normalised text.
//! These build strings; the command line decides where they go and whether to colour them
//! (through the `paint` callback).

mod fields;

use serde_json::Value;

use super::{Change, ChangeKind, Entity};
use fields::{field_lines, quoted};

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
pub(crate) const VALUE_WIDTH: usize = 80;

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

/// How an entity's canvas position changed: moved, or given one where the old version had
/// none (integrationcli drops positions), or lost it.
fn move_verb(change: &Change) -> &'static str {
    let position = |f: &&crate::diff::FieldChange| f.path == "/position";
    if change
        .fields
        .iter()
        .any(|f| position(&f) && f.old.is_none())
    {
        "placed"
    } else if change
        .fields
        .iter()
        .any(|f| position(&f) && f.new.is_none())
    {
        "unplaced"
    } else {
        "moved"
    }
}

fn moves_summary(moves: &[&Change], paint: &dyn Fn(Tone, &str) -> String) -> String {
    let mut out = String::new();
    for verb in ["moved", "placed", "unplaced"] {
        let group: Vec<&Change> = moves
            .iter()
            .copied()
            .filter(|c| move_verb(c) == verb)
            .collect();
        if !group.is_empty() {
            out.push_str(&verb_summary(&group, verb, paint));
        }
    }
    out
}

fn verb_summary(moves: &[&Change], verb: &str, paint: &dyn Fn(Tone, &str) -> String) -> String {
    let phrase = match verb {
        "placed" => "placed on the canvas (the old version had no position)",
        "unplaced" => "no longer placed on the canvas (the new version has no position)",
        _ => "moved on the canvas",
    };
    if moves.len() <= MOVES_LISTED {
        let short = match verb {
            "placed" => "placed on the canvas",
            "unplaced" => "position removed",
            _ => "moved",
        };
        return moves
            .iter()
            .map(|c| format!("{}: {short}\n", paint(Tone::Heading, &heading(c))))
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
    format!("{list} {phrase}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::FieldChange;
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
                    vec![FieldChange::new(
                        "/position",
                        Some(json!({"x": 0})),
                        Some(json!({"x": i})),
                    )],
                )
            })
            .collect();
        assert_eq!(
            human(&moves, &plain),
            "4 tasks and 1 trigger moved on the canvas\n"
        );
        assert_eq!(human(&moves[..1], &plain), "task 1: moved\n");
        // integrationcli drops positions: a version without them is not a move.
        let placed: Vec<Change> = (1..=5)
            .map(|i| {
                let fields = vec![FieldChange::new("/position", None, Some(json!({"x": i})))];
                changed(Entity::Task, &i.to_string(), None, fields)
            })
            .collect();
        assert_eq!(
            human(&placed, &plain),
            "5 tasks placed on the canvas (the old version had no position)\n"
        );
        assert_eq!(
            human(&placed[..1], &plain),
            "task 1: placed on the canvas\n"
        );
    }

    #[test]
    fn a_task_of_another_type_is_summed_up() {
        let c = changed(
            Entity::Task,
            "1",
            Some("Map"),
            vec![
                FieldChange::new(
                    "/task",
                    Some(json!("FieldMappingTask")),
                    Some(json!("EmailTask")),
                ),
                FieldChange::new("/parameters/To", None, Some(json!({"key": "To"}))),
                FieldChange::new("/parameters/Subject", None, Some(json!({"key": "Subject"}))),
                FieldChange::new("/displayName", Some(json!("Map")), Some(json!("Mail"))),
                FieldChange::new("/position/x", Some(json!(1)), Some(json!(2))),
            ],
        );
        assert_eq!(
            human(&[c], &plain),
            "task 1 \"Map\":\n  task \"FieldMappingTask\" → \"EmailTask\"\n  displayName \"Map\" → \"Mail\"\n  2 other fields differ\n  moved\n"
        );
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
}
