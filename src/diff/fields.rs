//! Field-level differences between two versions of one entity.
//!
//! Objects are compared key by key (order never counts). Arrays of scalars are one value.
//! Arrays of objects are aligned with a sequence diff, so inserting a mapping in a Data Mapping
//! task reports one added element, not every later element as changed. A ValueType whose kind
//! changed (`stringValue` → `jsonValue`) is one change.

use serde_json::Value;

use crate::document::push_token;

use super::FieldChange;

/// ValueType members: exactly one is present in a value.
const VALUE_KINDS: &[&str] = &[
    "stringValue",
    "intValue",
    "doubleValue",
    "booleanValue",
    "jsonValue",
    "stringArray",
    "intArray",
    "doubleArray",
    "booleanArray",
    "protoValue",
    "protoArray",
    "serializedObjectValue",
];

/// The differences between `old` and `new`, with JSON Pointers relative to the entity.
pub fn diff(old: &Value, new: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    diff_at(old, new, &mut String::new(), &mut out);
    out
}

fn diff_at(old: &Value, new: &Value, path: &mut String, out: &mut Vec<FieldChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) if !value_kind_changed(old, new) => {
            for (key, av) in a {
                let len = path.len();
                push_token(path, key);
                match b.get(key) {
                    Some(bv) => diff_at(av, bv, path, out),
                    None => out.push(FieldChange::new(path, Some(av.clone()), None)),
                }
                path.truncate(len);
            }
            for (key, bv) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                let len = path.len();
                push_token(path, key);
                out.push(FieldChange::new(path, None, Some(bv.clone())));
                path.truncate(len);
            }
        }
        (Value::Array(a), Value::Array(b)) if has_containers(a) || has_containers(b) => {
            diff_arrays(a, b, path, out);
        }
        _ => out.push(FieldChange::new(path, Some(old.clone()), Some(new.clone()))),
    }
}

fn has_containers(items: &[Value]) -> bool {
    items.iter().any(|v| v.is_object() || v.is_array())
}

/// True when both values are ValueTypes holding different kinds.
fn value_kind_changed(old: &Value, new: &Value) -> bool {
    let kind = |v: &Value| {
        let map = v.as_object()?;
        let mut keys = map.keys();
        let key = keys.next()?;
        (keys.next().is_none() && VALUE_KINDS.contains(&key.as_str())).then_some(key.clone())
    };
    matches!((kind(old), kind(new)), (Some(a), Some(b)) if a != b)
}

fn diff_arrays(a: &[Value], b: &[Value], path: &mut String, out: &mut Vec<FieldChange>) {
    let element = |path: &mut String, i: usize| {
        let len = path.len();
        push_token(path, &i.to_string());
        len
    };
    if a.len() == b.len() {
        for (i, (av, bv)) in a.iter().zip(b).enumerate() {
            let len = element(path, i);
            diff_at(av, bv, path, out);
            path.truncate(len);
        }
        return;
    }
    let old_keys: Vec<String> = a.iter().map(canonical_string).collect();
    let new_keys: Vec<String> = b.iter().map(canonical_string).collect();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_keys, &new_keys) {
        let (_, old_range, new_range) = op.as_tag_tuple();
        let paired = if matches!(op, similar::DiffOp::Replace { .. }) {
            old_range.len().min(new_range.len())
        } else {
            0
        };
        if matches!(op, similar::DiffOp::Equal { .. }) {
            continue;
        }
        for k in 0..paired {
            let len = element(path, new_range.start + k);
            diff_at(&a[old_range.start + k], &b[new_range.start + k], path, out);
            path.truncate(len);
        }
        for i in old_range.clone().skip(paired) {
            let len = element(path, i);
            out.push(FieldChange::new(path, Some(a[i].clone()), None));
            path.truncate(len);
        }
        for j in new_range.clone().skip(paired) {
            let len = element(path, j);
            out.push(FieldChange::new(path, None, Some(b[j].clone())));
            path.truncate(len);
        }
    }
}

/// A text that is equal for equal values, whatever their key order.
pub fn canonical_string(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|x, y| x.0.cmp(y.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(changes: &[FieldChange]) -> Vec<(&str, bool, bool)> {
        changes
            .iter()
            .map(|c| (c.path.as_str(), c.old.is_some(), c.new.is_some()))
            .collect()
    }

    #[test]
    fn objects_by_key_and_order_free() {
        let a = json!({"a": 1, "b": {"c": "x"}, "gone": true});
        let b = json!({"b": {"c": "y"}, "a": 1, "new": [1]});
        assert_eq!(
            paths(&diff(&a, &b)),
            [
                ("/b/c", true, true),
                ("/gone", true, false),
                ("/new", false, true)
            ]
        );
        assert!(diff(&json!({"a": 1, "b": 2}), &json!({"b": 2, "a": 1})).is_empty());
    }

    #[test]
    fn scalar_arrays_are_one_value() {
        let changes = diff(&json!({"s": ["a", "b"]}), &json!({"s": ["a", "c", "d"]}));
        assert_eq!(paths(&changes), [("/s", true, true)]);
    }

    #[test]
    fn inserted_element_is_one_change() {
        let a = json!([{"k": 1}, {"k": 2}, {"k": 3}]);
        let b = json!([{"k": 1}, {"k": 9}, {"k": 2}, {"k": 3}]);
        assert_eq!(paths(&diff(&a, &b)), [("/1", false, true)]);
        let c = json!([{"k": 1}, {"k": 2, "x": 1}, {"k": 3}, {"k": 4}]);
        assert_eq!(
            paths(&diff(&a, &c)),
            [("/1/x", false, true), ("/3", false, true)]
        );
    }

    #[test]
    fn value_kind_change_is_one_change() {
        let a = json!({"value": {"stringValue": "1"}});
        let b = json!({"value": {"intValue": "1"}});
        assert_eq!(paths(&diff(&a, &b)), [("/value", true, true)]);
    }

    #[test]
    fn canonical_string_ignores_key_order() {
        assert_eq!(
            canonical_string(&json!({"b": 1, "a": [{"y": 1, "x": 2}]})),
            canonical_string(&json!({"a": [{"x": 2, "y": 1}], "b": 1}))
        );
    }
}
