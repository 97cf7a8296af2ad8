//! Semantic diff of two versions of an integration.
//!
//! Both versions are brought to a normal form (`normalize`: volatile metadata dropped, JSON
//! in strings decoded, proto3 spellings of "nothing" unified), split into keyed entities
//! (`model`: tasks by `taskId`, variables by `key`, triggers by `triggerNumber`, error
//! catchers by `errorCatcherId`, edges by (from, to)), checked for renames (`renames`), and
//! compared entity by entity (`entities`). The result is a list of [`Change`]s in a stable
//! order; [`render`] turns it into text. Nothing here prints.
//!
//! ```
//! use integ::diff::{compare, ChangeKind, Options};
//! use integ::document::Document;
//! let old = Document::parse(r#"{"updateTime": "2024-01-01T00:00:00Z",
//!     "taskConfigs": [{"taskId": "1", "task": "EmailTask", "displayName": "Mail"}]}"#).unwrap();
//! let new = Document::parse(r#"{"taskConfigs": [{"displayName": "Send mail",
//!     "task": "EmailTask", "taskId": "1"}]}"#).unwrap();
//! let changes = compare(&old, &new, &Options::default());
//! assert_eq!(changes.len(), 1);
//! assert_eq!(changes[0].kind, ChangeKind::Changed);
//! assert_eq!(changes[0].fields[0].path, "/displayName");
//! ```

mod entities;
mod fields;
pub mod folders;
mod model;
mod normalize;
mod payload;
mod renames;
pub mod render;

use serde::Serialize;
use serde_json::Value;

use crate::document::Document;

pub use fields::canonical_string;
pub use normalize::{IgnorePattern, VOLATILE_FIELDS};

/// What happened to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// Its key changed and its references moved with it.
    Renamed,
    /// In both, with different fields.
    Changed,
}

/// The kind of thing that changed, in the order changes are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Entity {
    /// The integration itself: top-level fields (`description`, `userLabel`, …), or the whole
    /// integration when one side has none.
    Integration,
    /// A trigger (`triggerConfigs[]`), by `triggerNumber`.
    Trigger,
    /// An error catcher (`errorCatcherConfigs[]`), by `errorCatcherId`.
    ErrorCatcher,
    /// A task (`taskConfigs[]`), by `taskId`.
    Task,
    /// An edge: `nextTasks`, `startTasks` or `startErrorTasks`, by (from, to).
    Edge,
    /// A variable declaration (`integrationParameters[]`), by `key`.
    Variable,
    /// A config variable declaration (`integrationConfigParameters[]`), by `parameter.key`.
    ConfigVariable,
}

impl Entity {
    /// The entities kept in keyed maps (all but the integration and edges).
    pub const KEYED: [Entity; 5] = [
        Entity::Trigger,
        Entity::ErrorCatcher,
        Entity::Task,
        Entity::Variable,
        Entity::ConfigVariable,
    ];
}

/// One field that differs inside a changed entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// JSON Pointer of the field inside the entity (inside decoded JSON for `jsonValue`).
    pub path: String,
    /// The old value; absent when the field was added.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The new value; absent when the field was removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

impl FieldChange {
    /// A field change at `path`.
    pub fn new(path: &str, old: Option<Value>, new: Option<Value>) -> FieldChange {
        FieldChange {
            path: path.to_string(),
            old,
            new,
        }
    }

    /// True when the change only moves the entity on the canvas.
    pub fn is_position(&self) -> bool {
        self.path == "/position" || self.path.starts_with("/position/")
    }
}

/// A variable renamed, added or removed together with a task (its auto-generated outputs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedVariable {
    /// The key in the old version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The key in the new version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

/// One change between two versions.
///
/// `old`/`new` hold the entity for `added` and `removed`, the old and new key for `renamed`,
/// and nothing for `changed`; `fields` lists what differs inside a changed or renamed entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// To what kind of entity.
    pub entity: Entity,
    /// Its key in the old version (the new one for additions): task id, variable key, trigger
    /// number, error catcher id, `from -> to` for edges, the integration name.
    pub id: String,
    /// Its label: a task's or trigger's display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Before (see the type's docs).
    pub old: Option<Value>,
    /// After (see the type's docs).
    pub new: Option<Value>,
    /// The fields that differ.
    pub fields: Vec<FieldChange>,
    /// For renames: how many references moved with the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub references: Option<usize>,
    /// Auto-generated variables that came, went or were renamed with a task.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<RelatedVariable>,
}

impl Change {
    /// True when the only difference is the entity's position on the canvas.
    pub fn is_move_only(&self) -> bool {
        self.kind == ChangeKind::Changed
            && !self.fields.is_empty()
            && self.fields.iter().all(FieldChange::is_position)
    }
}

/// What to compare.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Compare the volatile and output-only fields too ([`VOLATILE_FIELDS`], `*Internal`).
    pub include_metadata: bool,
    /// Paths left out of the comparison.
    pub ignore: Vec<IgnorePattern>,
}

/// The changes from `old` to `new`, in a stable order (entity kind, then key in natural order).
pub fn compare(old: &Document, new: &Document, options: &Options) -> Vec<Change> {
    compare_values(old.value(), new.value(), options)
}

/// [`compare`] on parsed values.
pub fn compare_values(old: &Value, new: &Value, options: &Options) -> Vec<Change> {
    compare_owned(old.clone(), new.clone(), options)
}

/// [`compare_values`] on values it may take apart: each one becomes its model in place, so a
/// large pair is held about once, not three times (value, normal form, model).
pub fn compare_owned(old: Value, new: Value, options: &Options) -> Vec<Change> {
    let name =
        crate::model::integration_name(&new).or_else(|| crate::model::integration_name(&old));
    let model_of = |value| {
        model::Model::build(normalize::normalize(
            value,
            options.include_metadata,
            &options.ignore,
        ))
    };
    let mut old = old;
    let detected = renames::detect(&mut old, &new, options);
    let old_model = model_of(old);
    let new_model = model_of(new);
    let name = name.as_deref().unwrap_or("");
    let mut changes = entities::compare(&old_model, &new_model, &detected.renames, name);
    detected.restore_old_names(&mut changes);
    changes
}

/// A normalised text of `value` for line diffs and textconv: volatile fields dropped (unless
/// `options` asks for them), JSON in strings decoded, entity lists sorted by key, object keys
/// sorted, two-space indentation.
pub fn normalized_text(value: &Value, options: &Options) -> String {
    let normal = normalize::normalize(value.clone(), options.include_metadata, &options.ignore);
    let mut text = serde_json::to_string_pretty(&entities::sorted(&normal))
        .expect("a Value always serialises");
    text.push('\n');
    text
}

/// Orders ids naturally: `2` before `10`, `Task_2` before `Task_10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let mut x = a.as_bytes();
    let mut y = b.as_bytes();
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let xn = x.iter().take_while(|b| b.is_ascii_digit()).count();
                let yn = y.iter().take_while(|b| b.is_ascii_digit()).count();
                let xs = std::str::from_utf8(&x[..xn])
                    .unwrap_or("")
                    .trim_start_matches('0');
                let ys = std::str::from_utf8(&y[..yn])
                    .unwrap_or("")
                    .trim_start_matches('0');
                let ord = xs.len().cmp(&ys.len()).then(xs.cmp(ys));
                if ord != std::cmp::Ordering::Equal {
                    return ord;
                }
                x = &x[xn..];
                y = &y[yn..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let mut ids = vec!["10", "2", "1", "Task_10", "Task_9", "a"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["1", "2", "10", "Task_9", "Task_10", "a"]);
    }
}
