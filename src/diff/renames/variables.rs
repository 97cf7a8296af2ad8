//! Variable and config variable renames.
//!
//! For a removed variable `A` and an added variable `B` of the same data type (and both or
//! neither produced by a task), every whole-name reference to `A` in the old version is moved
//! to `B` (see [`super::super::references`]). The rename holds when no entity of the new version
//! still refers to `A`, most references to `A` became references to `B` (a rename may come with
//! edits that drop a few), and at least one string that referred to `A` then reads exactly as
//! the new version's string at the same place, so an unrelated entity that happens to use `B`
//! is no evidence. An unreferenced variable gives no evidence and stays removed and added.

use serde_json::Value;

use super::super::Entity;
use super::super::model::{EntityKey, Model};
use super::super::references::VariableName;
use super::{Candidate, Rename, choose, keys_only_in};

/// Finds renames of `entity` (variables or config variables) from `old` to `new` and applies
/// them to `old`.
pub(super) fn detect(old: &mut Model, new: &Model, entity: Entity) -> Vec<Rename> {
    let (Some(old_decls), Some(new_decls)) = (old.map(entity), new.map(entity)) else {
        return Vec::new();
    };
    let removed = keys_only_in(old_decls, new_decls);
    let added = keys_only_in(new_decls, old_decls);
    if removed.is_empty() || added.is_empty() {
        return Vec::new();
    }
    let entities = old.entities();
    let added_names: Vec<VariableName> = added.iter().map(|b| VariableName::new(b)).collect();
    let mut candidates = Vec::new();
    for a in &removed {
        let a_name = VariableName::new(a);
        let own = EntityKey {
            entity,
            id: a.clone(),
        };
        let referring: Vec<(&EntityKey, &Value, usize)> = entities
            .iter()
            .filter(|(key, _)| *key != own)
            .map(|(key, value)| (key, *value, a_name.count(value)))
            .filter(|(_, _, n)| *n > 0)
            .collect();
        let counterparts: Vec<Option<&Value>> =
            referring.iter().map(|(key, _, _)| new.get(key)).collect();
        for (b, b_name) in added.iter().zip(&added_names) {
            let (old_decl, new_decl) = (&old_decls[a], &new_decls[b]);
            // Same type, and both or neither produced by a task (a user variable does not
            // become an auto-generated one; those move with task renames).
            if data_type(entity, old_decl) != data_type(entity, new_decl)
                || old_decl.get("producer").is_some() != new_decl.get("producer").is_some()
            {
                continue;
            }
            let decl_same = renamed_declaration(entity, old_decl, b) == *new_decl;
            let mut contradicted = false;
            let mut moved_refs = 0;
            let mut total = 0;
            let mut exact = 0;
            let mut same_sites = 0;
            for ((_, value, n), counterpart) in referring.iter().zip(&counterparts) {
                let Some(counterpart) = counterpart else {
                    continue;
                };
                if a_name.count(counterpart) != 0 {
                    contradicted = true;
                    break;
                }
                total += n;
                let gained = b_name
                    .count(counterpart)
                    .saturating_sub(b_name.count(value));
                moved_refs += gained.min(*n);
                let mut moved = (*value).clone();
                a_name.rename(&mut moved, b);
                exact += usize::from(moved == **counterpart);
                same_sites += a_name
                    .sites(value)
                    .iter()
                    .filter(|p| {
                        moved.pointer(p).is_some() && moved.pointer(p) == counterpart.pointer(p)
                    })
                    .count();
            }
            // Evidence: most references to A became references to B, none to A is left, and
            // at least one string that referred to A reads the same in the new version once
            // A is replaced by B, at the same place.
            if !contradicted && total > 0 && moved_refs * 2 > total && same_sites > 0 {
                candidates.push(Candidate {
                    old: a.clone(),
                    new: b.clone(),
                    score: (exact, same_sites, moved_refs * 2 + usize::from(decl_same)),
                });
            }
        }
    }
    choose(candidates)
        .into_iter()
        .map(|(a, b)| {
            let references = rename_declared(old, entity, &a, &b);
            Rename {
                entity,
                old: a,
                new: b,
                references,
                variables: Vec::new(),
            }
        })
        .collect()
}

/// Renames a declared variable and every reference to it in `model`; returns the references.
pub(super) fn rename_declared(model: &mut Model, entity: Entity, a: &str, b: &str) -> usize {
    let map = match entity {
        Entity::ConfigVariable => &mut model.config_variables,
        _ => &mut model.variables,
    };
    if let Some(decl) = map.remove(a) {
        map.insert(b.to_string(), renamed_declaration(entity, &decl, b));
    }
    let name = VariableName::new(a);
    model
        .entities_mut()
        .into_iter()
        .map(|(_, value)| name.rename(value, b))
        .sum()
}

/// `decl` with its key (and a display name equal to the key) set to `b`.
fn renamed_declaration(entity: Entity, decl: &Value, b: &str) -> Value {
    let mut decl = decl.clone();
    let target = match entity {
        Entity::ConfigVariable => decl.get_mut("parameter"),
        _ => Some(&mut decl),
    };
    if let Some(map) = target.and_then(Value::as_object_mut) {
        let old_key = map.get("key").cloned();
        if map.get("displayName").is_some() && map.get("displayName") == old_key.as_ref() {
            map.insert("displayName".into(), Value::String(b.to_string()));
        }
        map.insert("key".into(), Value::String(b.to_string()));
    }
    decl
}

fn data_type(entity: Entity, decl: &Value) -> Option<&Value> {
    match entity {
        Entity::ConfigVariable => decl.get("parameter")?.get("dataType"),
        _ => decl.get("dataType"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::detect;
    use super::*;
    use serde_json::json;

    fn models(old: Value, new: Value) -> (Model, Model) {
        (Model::build(old), Model::build(new))
    }

    #[test]
    fn variable_rename_with_its_references() {
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$order.id$"}}}},
                                   {"taskId": "2", "nextTasks": [{"taskId": "1", "condition": "$order$ = 1"}]}],
                   "integrationParameters": [{"key": "order", "dataType": "JSON_VALUE"}, {"key": "orderId", "dataType": "JSON_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$purchase.id$"}}}},
                                   {"taskId": "2", "nextTasks": [{"taskId": "1", "condition": "$purchase$ = 1"}]}],
                   "integrationParameters": [{"key": "purchase", "dataType": "JSON_VALUE"}, {"key": "orderId", "dataType": "JSON_VALUE"}]}),
        );
        let renames = detect(&mut old, &new);
        assert_eq!(renames.len(), 1);
        assert_eq!(
            (renames[0].old.as_str(), renames[0].new.as_str()),
            ("order", "purchase")
        );
        assert_eq!(renames[0].references, 2);
        assert_eq!(old.tasks, new.tasks);
        assert_eq!(old.edges, new.edges);
    }

    #[test]
    fn no_rename_when_references_did_not_move() {
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$order$"}}}}],
                   "integrationParameters": [{"key": "order", "dataType": "STRING_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "fixed"}}}}],
                   "integrationParameters": [{"key": "purchase", "dataType": "STRING_VALUE"}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
    }

    #[test]
    fn data_type_must_match() {
        let (mut old, new) = models(
            json!({"integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"}]}),
            json!({"integrationParameters": [{"key": "b", "dataType": "INT_VALUE"}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
        let (mut old, new) = models(
            json!({"integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"}]}),
            json!({"integrationParameters": [{"key": "b", "dataType": "STRING_VALUE"}]}),
        );
        assert!(
            detect(&mut old, &new).is_empty(),
            "an unreferenced pair gives no evidence"
        );
    }

    #[test]
    fn config_variable_rename() {
        let decl = |k: &str| json!({"parameter": {"key": k, "dataType": "STRING_VALUE", "displayName": k}, "value": {"stringValue": "https://x"}});
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"url": {"value": {"stringValue": "$`CONFIG_URL`$/a"}}}}],
                   "integrationConfigParameters": [decl("`CONFIG_URL`")]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"url": {"value": {"stringValue": "$`CONFIG_BASE_URL`$/a"}}}}],
                   "integrationConfigParameters": [decl("`CONFIG_BASE_URL`")]}),
        );
        let renames = detect(&mut old, &new);
        assert_eq!(renames.len(), 1);
        assert_eq!(renames[0].entity, Entity::ConfigVariable);
        assert_eq!(renames[0].new, "`CONFIG_BASE_URL`");
        assert_eq!(old.config_variables, new.config_variables);
    }

    #[test]
    fn unconvincing_or_ambiguous_pairings_are_left_alone() {
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$a$"}}}}],
                   "integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$b$"}},
                                                               "v": {"value": {"stringValue": "$c$"}}}}],
                   "integrationParameters": [{"key": "b", "dataType": "STRING_VALUE"}, {"key": "c", "dataType": "STRING_VALUE"}]}),
        );
        let renames = detect(&mut old, &new);
        assert_eq!(
            renames.len(),
            1,
            "b is the one that reads the same in place"
        );
        assert_eq!(renames[0].new, "b");
        let (mut old, new) = models(
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$a$"}}}}],
                   "integrationParameters": [{"key": "a", "dataType": "STRING_VALUE"}]}),
            json!({"taskConfigs": [{"taskId": "1", "parameters": {"u": {"value": {"stringValue": "$b$ $c$"}}}}],
                   "integrationParameters": [{"key": "b", "dataType": "STRING_VALUE"}, {"key": "c", "dataType": "STRING_VALUE"}]}),
        );
        assert!(detect(&mut old, &new).is_empty());
    }
}
