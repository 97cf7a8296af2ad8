//! What a merge does, decided on values: which resources of BASE are replaced, added or
//! removed, which integration-level fields change, and the clashes that stop it.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::clash::{check_incoming, check_same_task, check_trigger_numbers};
use super::resources::{Change, KINDS, Piece, ResourceKind, items};
use super::{MergeError, Strategy};
use crate::upload::is_output_only;

/// The plan: a change per top-level key, in the order the edits and the summary use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// `(key, change)`.
    pub changes: Vec<(String, Change)>,
    /// Output-only `*Internal` copies dropped because they would go stale.
    pub dropped_internal: Vec<String>,
}

impl Plan {
    /// The value of BASE after the plan, key order included (new keys at the end).
    pub fn expected(&self, base: &Map<String, Value>, incoming: &Map<String, Value>) -> Value {
        let mut out = base.clone();
        for key in &self.dropped_internal {
            out.shift_remove(key);
        }
        for (key, change) in &self.changes {
            let incoming_items = || incoming[key].as_array().cloned().unwrap_or_default();
            match change {
                Change::Patch { replaced, appended } => {
                    let items = incoming_items();
                    let target = out[key].as_array_mut().expect("a patched array");
                    for (i, j) in replaced {
                        target[*i] = items[*j].clone();
                    }
                    target.extend(appended.iter().map(|j| items[*j].clone()));
                }
                Change::Rewrite(pieces) => {
                    let base_items = base[key].as_array().cloned().unwrap_or_default();
                    let items = incoming_items();
                    let merged = pieces
                        .iter()
                        .map(|p| match p {
                            Piece::Base(i) => base_items[*i].clone(),
                            Piece::Incoming(j) => items[*j].clone(),
                        })
                        .collect();
                    out.insert(key.clone(), Value::Array(merged));
                }
                Change::Add => {
                    out.insert(key.clone(), incoming[key].clone());
                }
                Change::Replace => {
                    out[key] = incoming[key].clone();
                }
                Change::Remove => {
                    out.shift_remove(key);
                }
            }
        }
        Value::Object(out)
    }

    /// True when the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

fn kind_of(key: &str) -> Option<&'static ResourceKind> {
    KINDS.iter().find(|k| k.field == key)
}

/// Decides the plan of merging `incoming` into `base` with `strategy`, or the clash that
/// prevents it.
pub fn plan(
    base: &Map<String, Value>,
    incoming: &Map<String, Value>,
    strategy: Strategy,
) -> Result<Plan, MergeError> {
    let mut changes = Vec::new();
    // BASE's keys first (in BASE's order), so removals and in-place changes read naturally.
    for (key, base_value) in base {
        if is_output_only(key) && key.ends_with("Internal") {
            continue;
        }
        let incoming_value = incoming.get(key);
        let change = match (kind_of(key), incoming_value, strategy) {
            (_, None, Strategy::Replace) => None,
            (_, None, Strategy::Overwrite) => Some(Change::Remove),
            (Some(kind), Some(incoming_value), _) => {
                array_change(kind, base_value, incoming_value, strategy)?
            }
            (None, Some(incoming_value), _) => {
                (incoming_value != base_value).then_some(Change::Replace)
            }
        };
        if let Some(change) = change {
            changes.push((key.clone(), change));
        }
    }
    for (key, value) in incoming {
        if base.contains_key(key) || (is_output_only(key) && key.ends_with("Internal")) {
            continue;
        }
        if let (Some(kind), Strategy::Replace) = (kind_of(key), strategy) {
            check_incoming(kind, value)?;
        }
        changes.push((key.clone(), Change::Add));
    }
    if let Some(triggers) = changes.iter().find(|(k, _)| k == "triggerConfigs") {
        check_trigger_numbers(base, incoming, &triggers.1)?;
    }
    let dropped_internal = if changes.is_empty() {
        Vec::new()
    } else {
        base.keys()
            .filter(|k| is_output_only(k) && k.ends_with("Internal"))
            .cloned()
            .collect()
    };
    Ok(Plan {
        changes,
        dropped_internal,
    })
}

fn array_change(
    kind: &ResourceKind,
    base_value: &Value,
    incoming_value: &Value,
    strategy: Strategy,
) -> Result<Option<Change>, MergeError> {
    if !incoming_value.is_array() {
        return Err(MergeError::Clash(format!(
            "INCOMING's {} is not an array",
            kind.field
        )));
    }
    let (base_items, incoming_items) = (items(base_value), items(incoming_value));
    let mut base_ids: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, element) in base_items.iter().enumerate() {
        if let Some(id) = kind.id_of(element) {
            base_ids.entry(id).or_default().push(i);
        }
    }
    if strategy == Strategy::Overwrite {
        // INCOMING's elements in INCOMING's order; BASE's text is kept for equal elements.
        let pieces: Vec<Piece> = incoming_items
            .iter()
            .enumerate()
            .map(|(j, element)| {
                kind.id_of(element)
                    .and_then(|id| base_ids.get(id))
                    .and_then(|found| found.iter().find(|i| base_items[**i] == *element))
                    .map_or(Piece::Incoming(j), |i| Piece::Base(*i))
            })
            .collect();
        let unchanged = pieces.len() == base_items.len()
            && pieces.iter().enumerate().all(|(n, p)| *p == Piece::Base(n));
        return Ok((!unchanged).then_some(Change::Rewrite(pieces)));
    }
    check_incoming(kind, incoming_value)?;
    let mut replaced = Vec::new();
    let mut appended = Vec::new();
    for (j, element) in incoming_items.iter().enumerate() {
        let id = kind.id_of(element).expect("checked by check_incoming");
        match base_ids.get(id).map(Vec::as_slice) {
            None => appended.push(j),
            Some([i]) => {
                if kind.field == "taskConfigs" {
                    check_same_task(&base_items[*i], element, id)?;
                }
                if base_items[*i] != *element {
                    replaced.push((*i, j));
                }
            }
            Some(several) => {
                let at: Vec<String> = several.iter().map(|i| format!("[{i}]")).collect();
                return Err(MergeError::Clash(format!(
                    "BASE has {} {}s with {} {id:?} ({}{}); fix BASE first (integ check shows them)",
                    several.len(),
                    kind.noun,
                    kind.id_name(),
                    kind.field,
                    at.join(", ")
                )));
            }
        }
    }
    if replaced.is_empty() && appended.is_empty() {
        return Ok(None);
    }
    if base_items.is_empty() {
        return Ok(Some(Change::Rewrite(
            appended.into_iter().map(Piece::Incoming).collect(),
        )));
    }
    Ok(Some(Change::Patch { replaced, appended }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn replace_patches_matches_and_appends_new_ones() {
        let base = obj(
            json!({"taskConfigs": [{"taskId": "1", "task": "A"}, {"taskId": "2", "task": "B"}],
                              "description": "old", "name": "n"}),
        );
        let incoming = obj(
            json!({"taskConfigs": [{"taskId": "2", "task": "B", "x": 1}, {"taskId": "3", "task": "C"}],
                                  "description": "new", "runAsServiceAccount": "sa"}),
        );
        let plan = plan(&base, &incoming, Strategy::Replace).unwrap();
        assert_eq!(
            plan.changes,
            [
                (
                    "taskConfigs".to_string(),
                    Change::Patch {
                        replaced: vec![(1, 0)],
                        appended: vec![1]
                    }
                ),
                ("description".to_string(), Change::Replace),
                ("runAsServiceAccount".to_string(), Change::Add),
            ]
        );
        let expected = plan.expected(&base, &incoming);
        assert_eq!(
            expected,
            json!({"taskConfigs": [{"taskId": "1", "task": "A"}, {"taskId": "2", "task": "B", "x": 1},
                                   {"taskId": "3", "task": "C"}],
                   "description": "new", "name": "n", "runAsServiceAccount": "sa"})
        );
    }

    #[test]
    fn overwrite_uses_incoming_and_removes_the_rest() {
        let base = obj(
            json!({"integrationParameters": [{"key": "a"}, {"key": "b"}], "description": "d",
                              "taskConfigsInternal": []}),
        );
        let incoming = obj(json!({"integrationParameters": [{"key": "b"}, {"key": "c"}]}));
        let plan = plan(&base, &incoming, Strategy::Overwrite).unwrap();
        assert_eq!(
            plan.changes,
            [
                (
                    "integrationParameters".to_string(),
                    Change::Rewrite(vec![Piece::Base(1), Piece::Incoming(1)])
                ),
                ("description".to_string(), Change::Remove),
            ]
        );
        assert_eq!(plan.dropped_internal, ["taskConfigsInternal"]);
        assert_eq!(
            plan.expected(&base, &incoming),
            json!({"integrationParameters": [{"key": "b"}, {"key": "c"}]})
        );
        // The same file overwrites to nothing.
        assert!(
            super::plan(&incoming, &incoming, Strategy::Overwrite)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn config_variables_match_by_parameter_key() {
        let base = obj(
            json!({"integrationConfigParameters": [{"parameter": {"key": "`CONFIG_a`"}, "value": {"stringValue": "1"}}]}),
        );
        let incoming = obj(
            json!({"integrationConfigParameters": [{"parameter": {"key": "`CONFIG_a`"}, "value": {"stringValue": "2"}}]}),
        );
        let plan = plan(&base, &incoming, Strategy::Replace).unwrap();
        assert_eq!(
            plan.changes[0].1,
            Change::Patch {
                replaced: vec![(0, 0)],
                appended: vec![]
            }
        );
    }
}
