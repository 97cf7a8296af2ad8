//! Where a reference sits in a raw (not normalised) version: the entity it belongs to, keyed as
//! the model keys it, and its pointer inside that entity, so that the same place can be found
//! in the other version whatever the order of its lists.

use std::collections::HashMap;

use serde_json::Value;

use super::super::Entity;
use super::super::model::{EntityKey, config_variable_key, str_at, variable_key};
use crate::document::push_token;
use crate::references::{Reference, ReferenceIndex};

/// The keyed entities of one raw version, by the pointer of each (`/taskConfigs/3`).
#[derive(Debug, Default)]
pub(super) struct Entities {
    by_prefix: HashMap<String, EntityKey>,
    by_key: HashMap<EntityKey, String>,
}

/// The lists whose elements are entities, with how each is keyed (as in the model).
const LISTS: &[(&str, Entity)] = &[
    ("taskConfigs", Entity::Task),
    ("triggerConfigs", Entity::Trigger),
    ("integrationParameters", Entity::Variable),
    ("integrationConfigParameters", Entity::ConfigVariable),
    ("errorCatcherConfigs", Entity::ErrorCatcher),
];

fn key_of(entity: Entity, item: &Value) -> Option<String> {
    match entity {
        Entity::Task => str_at(item, "taskId"),
        Entity::Trigger => str_at(item, "triggerNumber").or_else(|| str_at(item, "triggerId")),
        Entity::Variable => variable_key(item),
        Entity::ConfigVariable => config_variable_key(item),
        Entity::ErrorCatcher => str_at(item, "errorCatcherId"),
        Entity::Edge | Entity::Integration => None,
    }
}

impl Entities {
    /// The entities of `root`. A repeated key keeps its first element.
    pub fn of(root: &Value) -> Entities {
        let mut entities = Entities::default();
        for (list, entity) in LISTS {
            let Some(items) = root.get(*list).and_then(Value::as_array) else {
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let Some(id) = key_of(*entity, item) else {
                    continue;
                };
                let key = EntityKey {
                    entity: *entity,
                    id,
                };
                if entities.by_key.contains_key(&key) {
                    continue;
                }
                let mut prefix = String::new();
                push_token(&mut prefix, list);
                push_token(&mut prefix, &i.to_string());
                entities.by_key.insert(key.clone(), prefix.clone());
                entities.by_prefix.insert(prefix, key);
            }
        }
        entities
    }

    /// The keys of the entities of kind `entity`.
    pub fn keys(&self, entity: Entity) -> impl Iterator<Item = &str> {
        self.by_key
            .keys()
            .filter(move |k| k.entity == entity)
            .map(|k| k.id.as_str())
    }

    /// True when this version has the entity.
    pub fn contains(&self, key: &EntityKey) -> bool {
        self.by_key.contains_key(key)
    }

    /// The pointer of entity `key`.
    pub fn prefix(&self, key: &EntityKey) -> Option<&str> {
        self.by_key.get(key).map(String::as_str)
    }

    /// The entity `pointer` falls in, and the rest of the pointer inside it.
    pub fn locate<'p>(&self, pointer: &'p str) -> Option<(&EntityKey, &'p str)> {
        let second = pointer.get(1..)?.find('/')? + 1;
        let end = pointer[second + 1..]
            .find('/')
            .map_or(pointer.len(), |n| second + 1 + n);
        let key = self.by_prefix.get(&pointer[..end])?;
        Some((key, &pointer[end..]))
    }
}

/// One raw version with its reference index and entities.
pub(super) struct Side<'a> {
    /// The version as parsed.
    pub value: &'a Value,
    /// Its references, read by the one grammar.
    pub index: ReferenceIndex,
    /// Its entities.
    pub entities: Entities,
}

impl<'a> Side<'a> {
    /// Indexes `value`.
    pub fn new(value: &'a Value) -> Side<'a> {
        Side {
            value,
            index: ReferenceIndex::of_value(value),
            entities: Entities::of(value),
        }
    }

    /// The raw value of entity `key`.
    pub fn entity(&self, key: &EntityKey) -> Option<&'a Value> {
        self.value.pointer(self.entities.prefix(key)?)
    }

    /// The uses of variable `name`, by place: (entity, pointer inside it) → references.
    pub fn places<'s>(
        &'s self,
        name: &'s str,
    ) -> HashMap<(EntityKey, &'s str), Vec<&'s Reference>> {
        let mut places: HashMap<(EntityKey, &str), Vec<&Reference>> = HashMap::new();
        for r in self.index.uses(name) {
            if let Some((key, rest)) = self.entities.locate(&r.pointer) {
                places.entry((key.clone(), rest)).or_default().push(r);
            }
        }
        places
    }

    /// The string at `rest` inside entity `key`.
    pub fn string_at(&self, key: &EntityKey, rest: &str) -> Option<&'a str> {
        self.entity(key)?.pointer(rest)?.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn locates_pointers_in_entities() {
        let value = json!({"taskConfigs": [{"taskId": "7"}, {"taskId": "9"}],
            "integrationParameters": [{"key": "order"}]});
        let entities = Entities::of(&value);
        let (key, rest) = entities
            .locate("/taskConfigs/1/parameters/u/value/stringValue")
            .unwrap();
        assert_eq!((key.entity, key.id.as_str()), (Entity::Task, "9"));
        assert_eq!(rest, "/parameters/u/value/stringValue");
        let (key, rest) = entities.locate("/integrationParameters/0").unwrap();
        assert_eq!(
            (key.entity, key.id.as_str(), rest),
            (Entity::Variable, "order", "")
        );
        assert!(entities.locate("/taskConfigsInternal/0/x").is_none());
        assert!(entities.locate("/name").is_none());
        let mut tasks: Vec<&str> = entities.keys(Entity::Task).collect();
        tasks.sort();
        assert_eq!(tasks, ["7", "9"]);
    }
}
