//! The check between files of one run: each call task against the integration it calls
//! (L023), when that integration was checked in the same run. Each file is checked on its
//! own first and keeps only [`RunFacts`]; this pass then pairs calls with callees.
//!
//! A call names the integration it calls by `triggerId` (and `workflowName`). Its callee is
//! the one other integration of the caller's folder with a trigger of that id (an
//! integrationcli project keeps its integrations in one `src/` folder); when several files have
//! it (two versions of one integration, say), the one whose name is the call's `workflowName`,
//! and when that does not single one out either, none: the call is not checked.
//!
//! To keep memory flat over a large run, a file keeps only its name and trigger ids; the few
//! files that turn out to be called are read again for their declarations, in parallel.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::kind::is_integration;
use crate::lint::calls::{CallClaim, Interface, check_claim};
use crate::model::IntegrationVersion;
use crate::source::SourceFile;

/// What one integration shares with the other files of its run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunFacts {
    /// Its name from `name` (`…/integrations/<name>/versions/…`), when set.
    pub name: Option<String>,
    /// The `triggerId` of each of its triggers: what a call names it by.
    pub trigger_ids: Vec<String>,
    /// Its calls to other integrations (calls to its own triggers are checked with it).
    pub calls: Vec<CallClaim>,
}

impl RunFacts {
    /// The facts of an integration with interface `interface` and calls `calls`.
    pub fn new(interface: Interface, calls: Vec<CallClaim>) -> RunFacts {
        RunFacts {
            name: interface.name,
            trigger_ids: interface.trigger_ids,
            calls,
        }
    }
}

/// The interface of the integration in `path`, read again from disk; `None` when it can no
/// longer be read as one.
pub fn interface_on_disk(path: &Path) -> Option<Interface> {
    let file = SourceFile::read(path).ok()?;
    let doc = file.document();
    if !is_integration(doc.value()) {
        return None;
    }
    Some(Interface::of(&IntegrationVersion::from_document(doc).ok()?))
}

/// Checks the calls of `files` (each integration of the run: its path and facts) against the
/// integrations they call, whose declarations `interface` reads ([`interface_on_disk`]).
/// Returns the findings of each calling file that has some, by index into `files`, sorted by
/// position.
pub fn check_calls(
    files: &[(&Path, &RunFacts)],
    interface: impl Fn(&Path) -> Option<Interface> + Sync,
) -> Vec<(usize, Vec<Diagnostic>)> {
    if files.iter().all(|(_, f)| f.calls.is_empty()) {
        return Vec::new();
    }
    let mut by_folder: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
    for (i, (path, _)) in files.iter().enumerate() {
        by_folder.entry(folder(path)).or_default().push(i);
    }
    // Each claim's callee, then the callees' declarations, read side by side.
    let mut callees: Vec<(usize, Vec<Option<usize>>)> = Vec::new();
    for (caller, (path, facts)) in files.iter().enumerate() {
        if !facts.calls.is_empty() {
            let neighbours = &by_folder[folder(path)];
            let of_claims = facts.calls.iter();
            let found = of_claims.map(|claim| callee(files, neighbours, caller, claim));
            callees.push((caller, found.collect()));
        }
    }
    let needed: BTreeSet<usize> = callees
        .iter()
        .flat_map(|(_, c)| c)
        .flatten()
        .copied()
        .collect();
    let interfaces: BTreeMap<usize, Interface> = needed
        .into_par_iter()
        .filter_map(|i| Some((i, interface(files[i].0)?)))
        .collect();
    let mut out = Vec::new();
    for (caller, of_claims) in callees {
        let mut found = Vec::new();
        for (claim, callee) in files[caller].1.calls.iter().zip(of_claims) {
            let Some((callee, declared)) = callee.and_then(|i| Some((i, interfaces.get(&i)?)))
            else {
                continue;
            };
            let (callee_path, callee_facts) = files[callee];
            let file = callee_path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let label = match &callee_facts.name {
                Some(name) => format!("integration {name} ({file})"),
                None => file,
            };
            check_claim(claim, declared, &label, true, &mut found);
        }
        if !found.is_empty() {
            Diagnostic::sort(&mut found);
            out.push((caller, found));
        }
    }
    out
}

/// The folder a file is in (`""` for a bare file name).
fn folder(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// The integration's name: from its `name`, else the file stem.
fn name_of(path: &Path, facts: &RunFacts) -> String {
    facts.name.clone().unwrap_or_else(|| {
        path.file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
    })
}

/// The one file among `neighbours` (other than `caller`) that `claim` calls.
fn callee(
    files: &[(&Path, &RunFacts)],
    neighbours: &[usize],
    caller: usize,
    claim: &CallClaim,
) -> Option<usize> {
    let with_trigger: Vec<usize> = neighbours
        .iter()
        .copied()
        .filter(|&i| i != caller)
        .filter(|&i| files[i].1.trigger_ids.contains(&claim.trigger_id))
        .collect();
    match with_trigger.as_slice() {
        [one] => Some(*one),
        [] => None,
        several => {
            let wanted = claim.workflow_name.as_deref()?;
            let named: Vec<usize> = several
                .iter()
                .copied()
                .filter(|&i| name_of(files[i].0, files[i].1) == wanted)
                .collect();
            match named.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_bytes;

    /// A caller that passes `order` as `subOrder` to `api_trigger/sub`.
    const CALLER: &str = r#"{
      "triggerConfigs": [{"triggerNumber": "1", "triggerId": "api_trigger/main", "startTasks": [{"taskId": "1"}]}],
      "taskConfigs": [{"taskId": "1", "task": "SubWorkflowExecutorV2Task", "parameters": {
        "triggerId": {"key": "triggerId", "value": {"stringValue": "api_trigger/sub"}},
        "workflowName": {"key": "workflowName", "value": {"stringValue": "sub"}},
        "requestParamsMap": {"key": "requestParamsMap", "value": {"jsonValue": "{\"entries\": [{\"key\": {\"literalValue\": {\"stringValue\": \"order\"}}, \"value\": {\"literalValue\": {\"stringValue\": \"subOrder\"}}}]}"}}}}],
      "integrationParameters": [{"key": "order", "dataType": "JSON_VALUE"}]
    }"#;

    /// A callee with trigger `api_trigger/sub`, named `name`, declaring `subOrder` as `role`.
    fn callee(name: &str, role: &str) -> String {
        format!(
            r#"{{"name": "projects/1/locations/x/integrations/{name}/versions/1",
                "triggerConfigs": [{{"triggerNumber": "1", "triggerId": "api_trigger/sub"}}],
                "integrationParameters": [{{"key": "subOrder", "dataType": "JSON_VALUE", "inputOutputType": "{role}"}}]}}"#
        )
    }

    fn run(files: &[(&str, &str)]) -> Vec<(usize, Vec<String>)> {
        let facts: Vec<(PathBuf, RunFacts)> = files
            .iter()
            .map(|(path, text)| {
                let report = check_bytes(Path::new(path), text.as_bytes().to_vec(), false);
                (PathBuf::from(path), report.facts.expect("an integration"))
            })
            .collect();
        let borrowed: Vec<(&Path, &RunFacts)> =
            facts.iter().map(|(p, f)| (p.as_path(), f)).collect();
        // The files are not on disk: their declarations come from their texts.
        let interface = |path: &Path| {
            let (_, text) = files.iter().find(|(p, _)| Path::new(p) == path)?;
            let doc = crate::document::Document::parse(*text).ok()?;
            Some(Interface::of(
                &IntegrationVersion::from_document(&doc).ok()?,
            ))
        };
        check_calls(&borrowed, interface)
            .into_iter()
            .map(|(i, found)| {
                for d in &found {
                    assert!(d.line > 1 && d.code == "L023", "located: {d:?}");
                }
                (i, found.into_iter().map(|d| d.message).collect())
            })
            .collect()
    }

    use std::path::PathBuf;

    #[test]
    fn a_call_is_checked_against_the_integration_of_its_trigger() {
        assert_eq!(
            run(&[
                ("a/main.json", CALLER),
                ("a/sub.json", &callee("sub", "OUT"))
            ]),
            [(
                0,
                vec![
                    "task 1 passes \"subOrder\", but integration sub (sub.json) declares it OUT, \
                     not as an input (IN or IN_OUT)"
                        .to_string()
                ]
            )]
        );
        assert!(
            run(&[
                ("a/main.json", CALLER),
                ("a/sub.json", &callee("sub", "IN"))
            ])
            .is_empty()
        );
    }

    #[test]
    fn only_one_callee_of_the_same_folder_counts() {
        // In another folder, the callee is not part of the caller's run.
        assert!(
            run(&[
                ("a/main.json", CALLER),
                ("b/sub.json", &callee("sub", "OUT"))
            ])
            .is_empty()
        );
        // Two files with the trigger: the workflowName decides, or nothing is checked.
        let found = run(&[
            ("a/main.json", CALLER),
            ("a/sub-v1.json", &callee("old", "IN")),
            ("a/sub-v2.json", &callee("sub", "OUT")),
        ]);
        assert_eq!(found.len(), 1);
        assert!(found[0].1[0].contains("integration sub (sub-v2.json)"));
        let ambiguous = run(&[
            ("a/main.json", CALLER),
            ("a/x.json", &callee("sub", "IN")),
            ("a/y.json", &callee("sub", "OUT")),
        ]);
        assert!(ambiguous.is_empty());
    }

    #[test]
    fn an_undeclared_variable_of_another_file_is_reported() {
        let found = run(&[
            ("main.json", CALLER),
            (
                "sub.json",
                &callee("sub", "IN").replace("subOrder", "other"),
            ),
        ]);
        assert_eq!(
            found[0].1,
            [
                "task 1 passes \"subOrder\", but integration sub (sub.json) declares no such variable"
            ]
        );
    }
}
