//! Variable and config variable renames.
//!
//! For a variable `A` the old version declares and the new one does not, and a variable `B`
//! the new version declares and the old one does not, of the same data type (and both or
//! neither produced by a task): the rename holds when no use of `A` is left in the new version,
//! most uses of `A` became uses of `B` at the same place (a rename may come with edits that
//! drop a few), and at least one string that used `A` reads, once `A` is renamed to `B` by
//! the rename engine, exactly as the new version's string at that place. An unused `A` is
//! paired with an unused `B` whose declaration is the same apart from its key, when that
//! pairing is the only one. Uses are read by the one reference index, so `diff` sees exactly
//! the renames `integ rename` makes.

use std::collections::HashMap;

use serde_json::Value;

use super::super::Entity;
use super::super::model::{EntityKey, Model};
use super::super::normalize::normalize;
use super::sites::Side;
use super::{Candidate, choose};
use crate::references::Reference;
use crate::rename::rename_in_string;

/// The renames of `entity` (variables or config variables) from `old` to `new`.
pub(super) fn detect(old: &Side, new: &Side, entity: Entity) -> Vec<(String, String)> {
    let removed: Vec<&str> = old
        .entities
        .keys(entity)
        .filter(|k| !new.entities.contains(&key(entity, k)))
        .collect();
    let added: Vec<&str> = new
        .entities
        .keys(entity)
        .filter(|k| !old.entities.contains(&key(entity, k)))
        .collect();
    if removed.is_empty() || added.is_empty() {
        return Vec::new();
    }
    let added_places: Vec<_> = added.iter().map(|b| new.places(b)).collect();
    let mut candidates = Vec::new();
    for a in &removed {
        if new.index.uses(a).next().is_some() {
            continue;
        }
        let own = key(entity, a);
        let mut places = old.places(a);
        places.retain(|(k, _), _| *k != own);
        let total: usize = places.values().map(Vec::len).sum();
        let Some(old_decl) = old.entity(&own) else {
            continue;
        };
        for (b, new_places) in added.iter().zip(&added_places) {
            let Some(new_decl) = new.entity(&key(entity, b)) else {
                continue;
            };
            if data_type(entity, old_decl) != data_type(entity, new_decl)
                || old_decl.get("producer").is_some() != new_decl.get("producer").is_some()
            {
                continue;
            }
            let decl_same = same_declaration(entity, old_decl, new_decl, b);
            if total == 0 {
                // An unused variable renamed: only its declaration tells.
                if decl_same && new_places.is_empty() && old.index.uses(b).next().is_none() {
                    candidates.push(Candidate {
                        old: a.to_string(),
                        new: b.to_string(),
                        score: (0, 0, 1),
                    });
                }
                continue;
            }
            let evidence = evidence(old, new, &places, new_places, b);
            if evidence.moved * 2 > total && evidence.same_places > 0 {
                candidates.push(Candidate {
                    old: a.to_string(),
                    new: b.to_string(),
                    score: (
                        evidence.exact_entities,
                        evidence.same_places,
                        evidence.moved * 2 + usize::from(decl_same),
                    ),
                });
            }
        }
    }
    choose(candidates)
}

fn key(entity: Entity, id: &str) -> EntityKey {
    EntityKey {
        entity,
        id: id.to_string(),
    }
}

type Places<'s> = HashMap<(EntityKey, &'s str), Vec<&'s Reference>>;

#[derive(Default)]
struct Evidence {
    /// Uses of A that are uses of B at the same place in the new version.
    moved: usize,
    /// Places whose string, with A renamed to B, reads as the new version's.
    same_places: usize,
    /// Entities all of whose places do.
    exact_entities: usize,
}

fn evidence(old: &Side, new: &Side, places: &Places, new_places: &Places, b: &str) -> Evidence {
    let old_b = old.places(b);
    let mut found = Evidence::default();
    let mut entities: HashMap<&EntityKey, bool> = HashMap::new();
    for ((entity, rest), uses) in places {
        let place = (entity.clone(), *rest);
        let had = old_b.get(&place).map_or(0, Vec::len);
        let has = new_places.get(&place).map_or(0, Vec::len);
        found.moved += has.saturating_sub(had).min(uses.len());
        let same = old.string_at(entity, rest).is_some_and(|text| {
            let mut text = text.to_string();
            let mut uses = uses.clone();
            uses.sort_by_key(|r| std::cmp::Reverse(r.span.start));
            uses.iter().all(|r| rename_in_string(&mut text, r, b))
                && new.string_at(entity, rest) == Some(text.as_str())
        });
        found.same_places += usize::from(same);
        let all = entities.entry(entity).or_insert(true);
        *all &= same;
    }
    found.exact_entities = entities.values().filter(|all| **all).count();
    found
}

/// True when `old_decl` with its key set to `b` is `new_decl`, in the normal form.
fn same_declaration(entity: Entity, old_decl: &Value, new_decl: &Value, b: &str) -> bool {
    let mut renamed = old_decl.clone();
    let target = match entity {
        Entity::ConfigVariable => renamed.get_mut("parameter"),
        _ => Some(&mut renamed),
    };
    if let Some(map) = target.and_then(Value::as_object_mut) {
        let old_key = map.get("key").cloned();
        if map.get("displayName").is_some() && map.get("displayName") == old_key.as_ref() {
            map.insert("displayName".into(), Value::String(b.to_string()));
        }
        map.insert("key".into(), Value::String(b.to_string()));
    }
    let list = match entity {
        Entity::ConfigVariable => "integrationConfigParameters",
        _ => "integrationParameters",
    };
    let normal = |decl: Value| {
        let model = Model::build(normalize(serde_json::json!({ list: [decl] }), true, &[]));
        model.map(entity).and_then(|m| m.get(b).cloned())
    };
    normal(renamed) == normal(new_decl.clone())
}

fn data_type(entity: Entity, decl: &Value) -> Option<&Value> {
    match entity {
        Entity::ConfigVariable => decl.get("parameter")?.get("dataType"),
        _ => decl.get("dataType"),
    }
}
