//! Renames applied to an integration held as a bare value, which is how `diff` tests whether
//! one version is a rename of the other: the occurrences come from the same
//! [`renamed_occurrences`](super::renamed_occurrences) as a file rename, from an index built
//! by [`ReferenceIndex::of_value`](crate::references::ReferenceIndex::of_value).

use serde_json::Value;

use crate::references::Reference;

/// Replaces every occurrence of `renamed` in `value`: each reference's span is a byte range of
/// the string at its pointer. Returns how many were replaced.
pub fn apply_to_value(value: &mut Value, renamed: &[(&Reference, String)]) -> usize {
    apply_under(value, "", renamed)
}

/// [`apply_to_value`] on `value`, the part of an integration at JSON Pointer `prefix`: only
/// the occurrences under `prefix` are replaced, at their pointer relative to it.
pub fn apply_under(value: &mut Value, prefix: &str, renamed: &[(&Reference, String)]) -> usize {
    let mut under: Vec<(&str, &Reference, &str)> = renamed
        .iter()
        .filter_map(|(r, new)| {
            let rest = r.pointer.strip_prefix(prefix)?;
            (rest.is_empty() || rest.starts_with('/')).then_some((rest, *r, new.as_str()))
        })
        .collect();
    // Last span first within each string, so earlier spans stay valid.
    under.sort_by(|a, b| (a.0, b.1.span.start).cmp(&(b.0, a.1.span.start)));
    let mut replaced = 0;
    for (pointer, reference, new) in under {
        let Some(Value::String(text)) = value.pointer_mut(pointer) else {
            continue;
        };
        replaced += usize::from(rename_in_string(text, reference, new));
    }
    replaced
}

/// Replaces one occurrence inside `text`, the decoded string that holds it; false when the
/// span does not spell the name (the text changed since it was indexed).
pub fn rename_in_string(text: &mut String, reference: &Reference, new: &str) -> bool {
    let range = reference.span.range();
    // Inside a payload the name may be escaped, so only a plain string is compared.
    let spelled = text
        .get(range.clone())
        .is_some_and(|s| reference.in_payload || s == reference.name);
    if spelled {
        text.replace_range(range, &reference.replacement_in_value(new));
    }
    spelled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::references::{Namespace, ReferenceIndex};
    use crate::rename::{RenameSet, renamed_occurrences};
    use serde_json::json;

    #[test]
    fn renames_inside_strings_and_payloads() {
        let mut value = json!({
            "taskConfigs": [{"taskId": "1", "task": "GenericRestV2Task", "parameters": {
                "u": {"key": "u", "value": {"stringValue": "$order.id$ and $order$ and $orderId$"}},
                "m": {"key": "m", "value": {"jsonValue": "{'referenceKey': '$order.`line items`$'}"}}}}],
            "integrationParameters": [{"key": "order", "displayName": "order"}, {"key": "orderId"}]
        });
        let index = ReferenceIndex::of_value(&value);
        let set = RenameSet {
            variables: vec![("order".into(), "it's".into())],
            ..RenameSet::default()
        };
        let renamed = renamed_occurrences(&index, &set).unwrap();
        assert_eq!(renamed.tallies[0].count, 5);
        assert_eq!(apply_to_value(&mut value, &renamed.occurrences), 5);
        let p = &value["taskConfigs"][0]["parameters"];
        assert_eq!(
            p["u"]["value"]["stringValue"],
            "$it's.id$ and $it's$ and $orderId$"
        );
        assert_eq!(
            p["m"]["value"]["jsonValue"],
            "{'referenceKey': '$it\\'s.`line items`$'}"
        );
        assert_eq!(
            value["integrationParameters"][0],
            json!({"key": "it's", "displayName": "it's"})
        );
        let after = ReferenceIndex::of_value(&value);
        assert_eq!(after.occurrences(Namespace::Variable, "order").count(), 0);
    }
}
