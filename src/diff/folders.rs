//! Pairing the integrations of two folders by name.
//!
//! A file's integration name is the `integrations/NAME` segment of its `name` field when it has
//! one (console and API downloads), otherwise its file stem. When one folder holds several
//! files with the same name (versions side by side), those are paired by their path relative
//! to the folder instead.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::natural_cmp;
use crate::model::integration_name;

/// One integration file of a folder.
#[derive(Debug, Clone)]
pub struct Version {
    /// The file.
    pub path: PathBuf,
    /// The integration document's value.
    pub value: Value,
}

/// The two sides of one integration; a missing side means added or removed.
#[derive(Debug, Clone)]
pub struct Pair {
    /// The integration name (or the relative path, see the module docs).
    pub name: String,
    /// In the old folder.
    pub old: Option<Version>,
    /// In the new folder.
    pub new: Option<Version>,
}

/// The name a file is paired by.
pub fn version_name(path: &Path, value: &Value) -> String {
    integration_name(value).unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    })
}

/// Pairs the versions found under `old_root` and `new_root`, sorted by name.
pub fn pair(old_root: &Path, old: Vec<Version>, new_root: &Path, new: Vec<Version>) -> Vec<Pair> {
    let mut pairs: BTreeMap<String, Pair> = BTreeMap::new();
    for (root, versions, is_old) in [(old_root, old, true), (new_root, new, false)] {
        for (key, version) in keyed(root, versions) {
            let entry = pairs.entry(key.clone()).or_insert_with(|| Pair {
                name: key,
                old: None,
                new: None,
            });
            if is_old {
                entry.old = Some(version);
            } else {
                entry.new = Some(version);
            }
        }
    }
    let mut out: Vec<Pair> = pairs.into_values().collect();
    out.sort_by(|a, b| natural_cmp(&a.name, &b.name));
    out
}

fn keyed(root: &Path, versions: Vec<Version>) -> Vec<(String, Version)> {
    let names: Vec<String> = versions
        .iter()
        .map(|v| version_name(&v.path, &v.value))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for name in &names {
        *counts.entry(name).or_default() += 1;
    }
    let unique: Vec<bool> = names.iter().map(|n| counts[n.as_str()] == 1).collect();
    versions
        .into_iter()
        .zip(names)
        .zip(unique)
        .map(|((version, name), unique)| {
            let key = if unique {
                name
            } else {
                let relative = version.path.strip_prefix(root).unwrap_or(&version.path);
                relative.to_string_lossy().replace('\\', "/")
            };
            (key, version)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn version(path: &str, value: Value) -> Version {
        Version {
            path: PathBuf::from(path),
            value,
        }
    }

    #[test]
    fn pairs_by_name_field_then_stem() {
        let old = vec![
            version("a/crud.json", json!({"taskConfigs": []})),
            version("a/gone.json", json!({"taskConfigs": []})),
        ];
        let new = vec![
            version(
                "b/crud-v18.json",
                json!({"name": "projects/1/locations/x/integrations/crud/versions/u"}),
            ),
            version("b/fresh.json", json!({})),
        ];
        let pairs = pair(Path::new("a"), old, Path::new("b"), new);
        let summary: Vec<(&str, bool, bool)> = pairs
            .iter()
            .map(|p| (p.name.as_str(), p.old.is_some(), p.new.is_some()))
            .collect();
        assert_eq!(
            summary,
            [
                ("crud", true, true),
                ("fresh", false, true),
                ("gone", true, false)
            ]
        );
    }

    #[test]
    fn same_name_twice_pairs_by_path() {
        let named = json!({"name": "projects/1/locations/x/integrations/flow/versions/u"});
        let old = vec![
            version("a/dev/flow.json", named.clone()),
            version("a/prod/flow.json", named.clone()),
        ];
        let new = vec![
            version("b/dev/flow.json", named.clone()),
            version("b/prod/flow.json", named),
        ];
        let pairs = pair(Path::new("a"), old, Path::new("b"), new);
        let names: Vec<&str> = pairs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["dev/flow.json", "prod/flow.json"]);
        assert!(pairs.iter().all(|p| p.old.is_some() && p.new.is_some()));
    }
}
