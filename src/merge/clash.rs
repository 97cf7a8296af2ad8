//! The clashes a merge refuses: resources it cannot match, a task id taken by a task of
//! another type, and trigger numbers that would collide.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::MergeError;
use super::resources::{Change, ResourceKind, items};

/// Checks that INCOMING's elements of `kind` can be matched: each has an identity, and no
/// identity repeats.
pub(super) fn check_incoming(kind: &ResourceKind, value: &Value) -> Result<(), MergeError> {
    let Value::Array(elements) = value else {
        return Err(MergeError::Clash(format!(
            "INCOMING's {} is not an array",
            kind.field
        )));
    };
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (j, element) in elements.iter().enumerate() {
        let Some(id) = kind.id_of(element) else {
            return Err(MergeError::Clash(format!(
                "INCOMING's {}[{j}] has no {}, so it cannot be matched with BASE's {}s",
                kind.field,
                kind.id_name(),
                kind.noun
            )));
        };
        if let Some(first) = ids.insert(id, j) {
            return Err(MergeError::Clash(format!(
                "INCOMING has two {}s with {} {id:?} ({}[{first}] and [{j}])",
                kind.noun,
                kind.id_name(),
                kind.field
            )));
        }
    }
    Ok(())
}

/// A task id names one task: INCOMING's task may change it, but not turn it into a task of
/// another type (BASE's edges into it expect the task they were drawn to).
pub(super) fn check_same_task(base: &Value, incoming: &Value, id: &str) -> Result<(), MergeError> {
    let task = |v: &Value| {
        v.get("task")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let label = |v: &Value| {
        v.get("displayName")
            .and_then(Value::as_str)
            .map_or(String::new(), |n| format!(" {n:?}"))
    };
    if task(base) == task(incoming) {
        return Ok(());
    }
    Err(MergeError::Clash(format!(
        "task id {id:?} is taken by a different task: BASE's task {id} is {}{}, INCOMING's is {}{}; \
         give one of them a free id first (integ rename --task-id {id}=NEW)",
        task(base),
        label(base),
        task(incoming),
        label(incoming)
    )))
}

/// Refuses a merge whose triggers would share a `triggerNumber` (producers name triggers by
/// number, so the clash cannot be resolved by identity).
pub(super) fn check_trigger_numbers(
    base: &Map<String, Value>,
    incoming: &Map<String, Value>,
    change: &Change,
) -> Result<(), MergeError> {
    let base_items = base.get("triggerConfigs").map_or(&[][..], items);
    let incoming_items = incoming.get("triggerConfigs").map_or(&[][..], items);
    let merged: Vec<(&Value, bool)> = match change {
        Change::Patch { replaced, appended } => {
            let mut merged: Vec<(&Value, bool)> = base_items.iter().map(|t| (t, false)).collect();
            for (i, j) in replaced {
                merged[*i] = (&incoming_items[*j], true);
            }
            merged.extend(appended.iter().map(|j| (&incoming_items[*j], true)));
            merged
        }
        _ => return Ok(()),
    };
    let id = |t: &Value| {
        t.get("triggerId")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string()
    };
    let mut first: HashMap<&str, (&Value, bool)> = HashMap::new();
    for (trigger, from_incoming) in merged {
        let Some(number) = trigger.get("triggerNumber").and_then(Value::as_str) else {
            continue;
        };
        match first.get(number) {
            // Two of BASE's own triggers sharing a number is BASE's problem, not the merge's.
            Some((other, other_incoming)) if from_incoming || *other_incoming => {
                return Err(MergeError::Clash(format!(
                    "triggers {} and {} would both have triggerNumber {number}; renumber INCOMING's trigger first",
                    id(other),
                    id(trigger)
                )));
            }
            Some(_) => {}
            None => {
                first.insert(number, (trigger, from_incoming));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Strategy;
    use super::super::plan::plan;
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn refuses_clashes_it_cannot_resolve() {
        let base = obj(
            json!({"taskConfigs": [{"taskId": "1", "task": "JavaScriptTask", "displayName": "Map"}]}),
        );
        let other = obj(json!({"taskConfigs": [{"taskId": "1", "task": "GenericRestV2Task"}]}));
        let err = plan(&base, &other, Strategy::Replace)
            .unwrap_err()
            .to_string();
        assert!(err.contains("task id \"1\" is taken by a different task: BASE's task 1 is JavaScriptTask \"Map\", INCOMING's is GenericRestV2Task"), "{err}");
        assert!(plan(&base, &other, Strategy::Overwrite).is_ok());
        let no_id = obj(json!({"integrationParameters": [{"dataType": "STRING_VALUE"}]}));
        let err = plan(&base, &no_id, Strategy::Replace)
            .unwrap_err()
            .to_string();
        assert!(err.contains("integrationParameters[0] has no key"), "{err}");
        let twice = obj(json!({"triggerConfigs": [{"triggerId": "a"}, {"triggerId": "a"}]}));
        assert!(plan(&base, &twice, Strategy::Replace).is_err());
        let dup_base = obj(json!({"triggerConfigs": [{"triggerId": "a"}, {"triggerId": "a"}]}));
        let one = obj(json!({"triggerConfigs": [{"triggerId": "a", "label": "x"}]}));
        let err = plan(&dup_base, &one, Strategy::Replace)
            .unwrap_err()
            .to_string();
        assert!(err.contains("BASE has 2 triggers"), "{err}");
        let numbered = obj(json!({"triggerConfigs": [{"triggerId": "a", "triggerNumber": "1"}]}));
        let clash = obj(json!({"triggerConfigs": [{"triggerId": "b", "triggerNumber": "1"}]}));
        let err = plan(&numbered, &clash, Strategy::Replace)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("triggers a and b would both have triggerNumber 1"),
            "{err}"
        );
    }
}
