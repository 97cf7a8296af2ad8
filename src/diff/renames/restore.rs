//! The old names in what a diff reports of the old version.
//!
//! The comparison runs on the old version with the renames applied, so a removed entity or the
//! old value of a changed field would show the new names. Before the renames are applied, the
//! entities they touch are kept as they were ([`Originals::keep`]); afterwards the old values
//! the comparison reports are taken from those, at the same place.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::super::model::{EdgeKey, Model, Node};
use super::super::normalize::normalize;
use super::super::{Change, ChangeKind, Entity, Options};
use super::sites::Side;
use super::{Detected, Planned};

/// The old version's entities that renames change, before they were changed.
#[derive(Debug, Default)]
pub(super) struct Originals {
    /// Raw entities by their pointer (`/taskConfigs/3`), first copy kept.
    kept: BTreeMap<String, Value>,
    /// Their normal form, keyed by the old keys.
    model: Option<Model>,
}

impl Originals {
    /// Keeps a copy of every entity of `side` that `planned` changes, unless one is kept.
    pub fn keep(&mut self, side: &Side, planned: &Planned) {
        for (r, _) in planned {
            let Some((key, _)) = side.entities.locate(&r.pointer) else {
                continue;
            };
            let Some(prefix) = side.entities.prefix(key) else {
                continue;
            };
            if !self.kept.contains_key(prefix)
                && let Some(value) = side.value.pointer(prefix)
            {
                self.kept.insert(prefix.to_string(), value.clone());
            }
        }
    }

    /// Brings the kept entities to the normal form the comparison uses.
    pub fn finish(&mut self, options: &Options) {
        if self.kept.is_empty() {
            return;
        }
        let mut lists: Map<String, Value> = Map::new();
        for (prefix, value) in std::mem::take(&mut self.kept) {
            let list = prefix[1..]
                .split('/')
                .next()
                .unwrap_or_default()
                .to_string();
            match lists
                .entry(list)
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                Value::Array(items) => items.push(value),
                _ => unreachable!("lists hold arrays"),
            }
        }
        let normal = normalize(
            Value::Object(lists),
            options.include_metadata,
            &options.ignore,
        );
        self.model = Some(Model::build(normal));
    }
}

impl Detected {
    /// Reports old values under their old names (see the module docs), and old edge ids.
    pub fn restore_old_names(&self, changes: &mut [Change]) {
        let task_ids: Vec<(&str, &str)> = self
            .renames
            .iter()
            .filter(|r| r.entity == Entity::Task)
            .map(|r| (r.old.as_str(), r.new.as_str()))
            .collect();
        let originals = self.originals.model.as_ref();
        let edges: HashMap<String, &Value> = originals
            .map(|m| {
                m.edges
                    .iter()
                    .map(|(key, edge)| (renamed_edge(key, &task_ids).to_string(), edge))
                    .collect()
            })
            .unwrap_or_default();
        for change in changes.iter_mut() {
            let original = match change.entity {
                Entity::Edge => edges.get(&change.id).copied(),
                Entity::Integration => None,
                entity => {
                    let key = match (&change.kind, &change.new) {
                        (ChangeKind::Renamed, Some(Value::String(new))) => new.as_str(),
                        _ => change.id.as_str(),
                    };
                    let old_key = self.old_key(entity, key);
                    originals.and_then(|m| m.map(entity)?.get(old_key))
                }
            };
            if let Some(original) = original {
                for field in &mut change.fields {
                    if field.old.is_some()
                        && let Some(value) = original.pointer(&field.path)
                    {
                        field.old = Some(value.clone());
                    }
                }
                if change.kind == ChangeKind::Removed
                    && let Some(old) = &mut change.old
                {
                    match (old, original) {
                        (Value::Object(shown), Value::Object(fields))
                            if change.entity == Entity::Edge =>
                        {
                            shown.extend(fields.clone());
                        }
                        (old, _) => *old = original.clone(),
                    }
                }
            }
            if change.entity == Entity::Edge && change.kind != ChangeKind::Added {
                change.id = old_edge_id(&change.id, &task_ids);
                if let Some(Value::Object(edge)) = &mut change.old {
                    for field in ["from", "taskId"] {
                        if let Some(Value::String(id)) = edge.get_mut(field)
                            && let Some((old, _)) = task_ids.iter().find(|(_, new)| new == id)
                        {
                            *id = old.to_string();
                        }
                    }
                }
            }
        }
    }

    /// The old key of an entity the renamed old version has under `key`.
    fn old_key<'a>(&'a self, entity: Entity, key: &'a str) -> &'a str {
        if let Some(r) = self
            .renames
            .iter()
            .find(|r| r.entity == entity && r.new == key)
        {
            return &r.old;
        }
        if entity == Entity::Variable {
            for r in &self.renames {
                if let Some((old, _)) = r.variables.iter().find(|(_, new)| new == key) {
                    return old;
                }
            }
        }
        key
    }
}

/// `key` with renamed task ids put in (the old version's edge as the renamed one shows it).
fn renamed_edge(key: &EdgeKey, task_ids: &[(&str, &str)]) -> EdgeKey {
    let forward = |t: &str| {
        task_ids
            .iter()
            .find(|(old, _)| *old == t)
            .map_or(t.to_string(), |(_, new)| new.to_string())
    };
    EdgeKey {
        from: match &key.from {
            Node::Task(id) => Node::Task(forward(id)),
            other => other.clone(),
        },
        to: forward(&key.to),
        nth: key.nth,
    }
}

/// An edge id `from -> to[ #n]` with renamed task ids put back.
fn old_edge_id(id: &str, task_ids: &[(&str, &str)]) -> String {
    let back = |t: &str| {
        task_ids
            .iter()
            .find(|(_, new)| *new == t)
            .map_or(t.to_string(), |(old, _)| old.to_string())
    };
    let Some((from, rest)) = id.split_once(" -> ") else {
        return id.to_string();
    };
    let (to, suffix) = rest.split_once(' ').map_or((rest, ""), |(t, s)| (t, s));
    let from = if from.contains(' ') {
        from.to_string()
    } else {
        back(from)
    };
    let suffix = if suffix.is_empty() {
        String::new()
    } else {
        format!(" {suffix}")
    };
    format!("{from} -> {}{suffix}", back(to))
}
