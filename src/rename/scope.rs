//! Which integrations of a batch a step may change.
//!
//! Task ids are numbered per integration: task 13 of one flow has nothing to do with task 13
//! of another. A batch over a folder of integrations therefore renames a task id only when
//! exactly one integration has it, unless the user names the integration
//! (`--integration NAME`, a rule file's `integration`) or asks for every one
//! (`--all-integrations`). Variables are named by people and usually shared on purpose, so a
//! variable rename reaches every integration, and the summary names them.

use std::path::Path;

use super::batch::FileState;
use crate::project::FileKind;

/// The integrations a step may change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only integrations that every selector here names (by the integration name in the
    /// file's `name`, the file name without `.json`, or the path); empty: every integration.
    pub integrations: Vec<String>,
    /// Let a task-id rename reach every integration that has the id.
    pub all_integrations: bool,
}

impl Scope {
    /// For each file of the batch, whether the step may change it: an integration the
    /// selectors name, or a related file (overrides, tests…) of one.
    pub fn mask(&self, files: &[FileState]) -> Vec<bool> {
        files
            .iter()
            .map(|f| {
                let integration = match (f.kind, f.owner) {
                    (FileKind::Integration, _) => f,
                    (_, Some(owner)) => &files[owner],
                    (_, None) => return self.integrations.is_empty(),
                };
                self.integrations
                    .iter()
                    .all(|selector| names_integration(selector, integration))
            })
            .collect()
    }
}

/// The name users know an integration file by: the integration name in its `name`
/// (`projects/…/integrations/NAME/versions/…`), else its file name without `.json`.
pub fn integration_label(file: &FileState) -> String {
    crate::diff::integration_name(file.file.document().value()).unwrap_or_else(|| {
        let path = &file.file.path;
        path.file_stem()
            .unwrap_or(path.as_os_str())
            .to_string_lossy()
            .into_owned()
    })
}

/// True when `selector` names the integration of `file`: its integration name, its file
/// name with or without `.json`, or its path.
fn names_integration(selector: &str, file: &FileState) -> bool {
    let path = &file.file.path;
    let same_path = || {
        let given = Path::new(selector);
        given == path.as_path()
            || std::fs::canonicalize(given)
                .ok()
                .zip(std::fs::canonicalize(path).ok())
                .is_some_and(|(a, b)| a == b)
    };
    crate::diff::integration_name(file.file.document().value()).as_deref() == Some(selector)
        || path.file_stem().is_some_and(|s| s == selector)
        || path.file_name().is_some_and(|s| s == selector)
        || same_path()
}

/// The refusal for task-id renames that would reach several integrations: task ids are per
/// integration. `declaring` lists the integrations (label, path) that have `old`.
pub fn several_integrations(old: &str, declaring: &[(String, &Path)]) -> String {
    let list: Vec<String> = declaring
        .iter()
        .map(|(label, path)| format!("  {label} ({})", path.display()))
        .collect();
    format!(
        "task id {old} is in {} integrations, and task ids are numbered per integration:\n{}\n\
         choose one with --integration NAME (or `integration` in a rule file), \
         or rename it in every one with --all-integrations",
        declaring.len(),
        list.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn state(path: &str, name: Option<&str>) -> FileState {
        let name = name.map_or(String::new(), |n| {
            format!(r#""name": "projects/p/locations/l/integrations/{n}/versions/1", "#)
        });
        let text = format!(r#"{{{name}"taskConfigs": [{{"taskId": "1"}}]}}"#);
        FileState::new(SourceFile::from_text(Path::new(path), text).unwrap())
    }

    #[test]
    fn selectors_name_an_integration_by_name_file_or_path() {
        let files = [
            state("a/orders.json", Some("orders-flow")),
            state("b/billing.json", None),
        ];
        let mask = |selectors: &[&str]| {
            Scope {
                integrations: selectors.iter().map(|s| s.to_string()).collect(),
                all_integrations: false,
            }
            .mask(&files)
        };
        assert_eq!(mask(&[]), [true, true]);
        assert_eq!(mask(&["orders-flow"]), [true, false]);
        assert_eq!(mask(&["orders"]), [true, false]);
        assert_eq!(mask(&["billing.json"]), [false, true]);
        assert_eq!(mask(&["b/billing.json"]), [false, true]);
        assert_eq!(mask(&["order"]), [false, false], "names match whole");
        assert_eq!(
            mask(&["orders", "billing"]),
            [false, false],
            "every selector holds"
        );
        assert_eq!(integration_label(&files[0]), "orders-flow");
        assert_eq!(integration_label(&files[1]), "billing");
    }
}
