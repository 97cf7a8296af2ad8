//! The reference index on our fixtures: every site kind, exact spans, and no look-alikes.

use std::path::{Path, PathBuf};

use integ::references::{Namespace, Reference, ReferenceIndex, ReferenceKind};
use integ::source::SourceFile;

fn load(name: &str) -> SourceFile {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rename")
        .join(name);
    SourceFile::read(Path::new(&path)).unwrap()
}

/// `(kind, site)` of every occurrence of `name`, sorted.
fn sites(index: &ReferenceIndex, ns: Namespace, name: &str) -> Vec<(ReferenceKind, String)> {
    let mut found: Vec<_> = index
        .occurrences(ns, name)
        .map(|r| (r.kind(), r.site.clone()))
        .collect();
    found.sort();
    found
}

use ReferenceKind::{BareName, Declaration, Dollar, IdLink};

fn owned(list: &[(ReferenceKind, &str)]) -> Vec<(ReferenceKind, String)> {
    let mut v: Vec<_> = list.iter().map(|(k, s)| (*k, s.to_string())).collect();
    v.sort();
    v
}

#[test]
fn finds_every_site_of_a_variable() {
    let file = load("lookalikes.json");
    let index = ReferenceIndex::build(file.document());
    const PAYLOAD: &str = "taskConfigs[].parameters.*.value.jsonValue";
    assert_eq!(
        sites(&index, Namespace::Variable, "order"),
        owned(&[
            (Declaration, "integrationParameters[].key"),
            (Declaration, "integrationParameters[].displayName"),
            (Declaration, "triggerConfigs[].inputVariables.names[]"),
            (Dollar, "taskConfigs[].parameters.*.value.stringValue"),
            (Dollar, "taskConfigs[].parameters.*.value.stringValue"),
            (Dollar, "taskConfigs[].parameters.*.value.stringValue"),
            (Dollar, &format!("{PAYLOAD} → referenceKey")),
            (Dollar, &format!("{PAYLOAD} → referenceValue")),
            (Dollar, &format!("{PAYLOAD} → referenceValue")),
            (Dollar, &format!("{PAYLOAD} → stringValue")),
            (Dollar, &format!("{PAYLOAD} → stringValue")),
            (Dollar, "taskConfigs[].nextTasks[].condition"),
            (
                Dollar,
                "taskConfigs[].conditionalFailurePolicies.failurePolicies[].condition"
            ),
            (
                Dollar,
                "integrationParameters[].defaultValue.jsonValue → prompt"
            ),
            (BareName, "JavaScriptTask script"),
            (BareName, "JsonnetMapperTask template"),
            (BareName, "JsonnetMapperTask template"),
            (
                BareName,
                "SubWorkflowForEachLoopV2Task requestParameterMapping entries[].key"
            ),
            (
                BareName,
                "SubWorkflowForEachLoopV2Task overrideParameterMapping entries[].value"
            ),
            (
                BareName,
                "SubWorkflowExecutorV2Task requestParamsMap entries[].key"
            ),
        ])
    );
    // Every span spells the name in the document (through escapes and payload layers).
    let text = file.document().text();
    for r in &index.references {
        let raw = &text[r.span.range()];
        assert_eq!(raw, r.name, "{r:?}");
    }
}

#[test]
fn single_quoted_and_sub_path_forms() {
    let index = ReferenceIndex::build(load("lookalikes.json").document());
    let in_payload: Vec<&Reference> = index
        .occurrences(Namespace::Variable, "order")
        .filter(|r| r.in_payload)
        .collect();
    // 6 `$…$` (header, two referenceValues, two templates, a default) + 3 map entries.
    assert_eq!(in_payload.len(), 9);
    assert_eq!(
        in_payload.iter().filter(|r| r.quotes == "\"'").count(),
        2,
        "single-quoted"
    );
    assert_eq!(
        in_payload.iter().filter(|r| r.kind() == BareName).count(),
        3
    );
    let with_path: Vec<_> = index
        .occurrences(Namespace::Variable, "`Task_1_responseBody`")
        .filter(|r| !r.sub_path.is_empty())
        .collect();
    assert_eq!(with_path.len(), 1);
}

#[test]
fn task_and_trigger_ids_never_mix() {
    let index = ReferenceIndex::build(load("lookalikes.json").document());
    assert_eq!(
        sites(&index, Namespace::TaskId, "1"),
        owned(&[
            (Declaration, "taskConfigs[].taskId"),
            (IdLink, "triggerConfigs[].startTasks[].taskId"),
            (IdLink, "integrationParameters[].producer"),
        ])
    );
    assert_eq!(
        sites(&index, Namespace::TaskId, "7"),
        owned(&[
            (Declaration, "taskConfigs[].taskId"),
            (IdLink, "taskConfigs[].nextTasks[].taskId"),
            (IdLink, "errorCatcherConfigs[].startErrorTasks[].taskId"),
        ])
    );
    assert_eq!(
        sites(&index, Namespace::TriggerNumber, "1"),
        owned(&[
            (Declaration, "triggerConfigs[].triggerNumber"),
            (IdLink, "integrationParameters[].producer"),
        ])
    );
    assert_eq!(
        sites(&index, Namespace::TriggerId, "api_trigger/demo_API_2"),
        owned(&[
            (Declaration, "triggerConfigs[].triggerId"),
            (IdLink, "SubWorkflowForEachLoopV2Task triggerId"),
        ])
    );
    // A call to another integration's trigger is not a link to this file.
    assert_eq!(
        index
            .occurrences(Namespace::TriggerId, "api_trigger/other_API_1")
            .count(),
        0
    );
}

#[test]
fn internal_copies_config_variables_and_nested_payloads() {
    let file = load("internal.json");
    let index = ReferenceIndex::build(file.document());
    assert_eq!(
        sites(&index, Namespace::TaskId, "2"),
        owned(&[
            (Declaration, "taskConfigs[].taskId"),
            (Declaration, "taskConfigsInternal[].taskNumber"),
            (IdLink, "triggerConfigs[].startTasks[].taskId"),
            (IdLink, "triggerConfigsInternal[].startTasks[].taskNumber"),
            (IdLink, "integrationParameters[].producer"),
            (
                IdLink,
                "integrationParametersInternal.parameters[].producer"
            ),
            (
                IdLink,
                "integrationParametersInternal.parameters[].producedBy.elementIdentifier"
            ),
        ])
    );
    assert_eq!(
        sites(&index, Namespace::Variable, "`CONFIG_CONN`"),
        owned(&[
            (Declaration, "integrationConfigParameters[].parameter.key"),
            (
                Declaration,
                "integrationConfigParameters[].parameter.displayName"
            ),
            (
                Dollar,
                "taskConfigs[].parameters.*.value.jsonValue → connectionName"
            ),
            (Dollar, "taskConfigs[].parameters.*.value.stringArray"),
        ])
    );
    let nested: Vec<_> = index
        .occurrences(Namespace::Variable, "items")
        .filter(|r| r.quotes.len() == 3)
        .collect();
    assert_eq!(nested.len(), 1, "jsonValue inside a payload");
    assert_eq!(
        nested[0].site,
        "taskConfigs[].parameters.*.value.jsonValue → jsonValue → items"
    );
    // Self-call scatter: the element name and both map sides are this file's.
    assert_eq!(
        sites(&index, Namespace::Variable, "element"),
        owned(&[
            (Declaration, "integrationParameters[].key"),
            (Declaration, "triggerConfigs[].inputVariables.names[]"),
            (Dollar, "taskConfigs[].parameters.*.value.stringValue"),
            (Dollar, "taskConfigs[].failurePolicy.condition"),
            (BareName, "SubWorkflowScatterGatherTask subworkflowInput"),
        ])
    );
    assert_eq!(
        index
            .occurrences(Namespace::Variable, "total")
            .filter(|r| r.kind() == BareName)
            .count(),
        2
    );
    assert_eq!(
        index
            .occurrences(Namespace::Variable, "result")
            .filter(|r| r.kind() == BareName)
            .count(),
        1
    );
    // The FOR_EACH lambda is not a variable.
    assert_eq!(index.occurrences(Namespace::Variable, "~x").count(), 0);
    let text = file.document().text();
    for r in &index.references {
        assert_eq!(&text[r.span.range()], r.name, "{r:?}");
    }
}

#[test]
fn renames_in_flavor_b_files_keep_tabs_and_go_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("internal.json");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rename/internal.json"),
        &path,
    )
    .unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_integ"))
        .args([
            "-q",
            "rename",
            "--var",
            "items=line_items",
            "--var",
            "`CONFIG_CONN`=`CONFIG_CONNECTION`",
            "--var",
            "element=item",
            "--task-id",
            "2=20",
            "--with-variables",
        ])
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    let expected = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rename/internal.renamed.json");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        std::fs::read_to_string(expected).unwrap()
    );
}

#[test]
fn call_maps_say_whose_variable_each_side_names() {
    use integ::references::{CallDirection, CallSide, Slot};
    let map = r#"{\"entries\": [{\"key\": {\"literalValue\": {\"stringValue\": \"theirs\"}}, \"value\": {\"literalValue\": {\"stringValue\": \"mine\"}}}]}"#;
    let text = format!(
        r#"{{"triggerConfigs": [{{"triggerId": "api_trigger/main"}}],
            "taskConfigs": [{{"taskId": "1", "task": "SubWorkflowForEachLoopV2Task", "parameters": {{
              "triggerId": {{"key": "triggerId", "value": {{"stringValue": "api_trigger/other"}}}},
              "iterationElementMapping": {{"key": "iterationElementMapping", "value": {{"stringValue": "item"}}}},
              "overrideParameterMapping": {{"key": "overrideParameterMapping", "value": {{"jsonValue": "{map}"}}}}}}}}]}}"#
    );
    let file = SourceFile::from_text(Path::new("call.json"), text).unwrap();
    let index = ReferenceIndex::build(file.document());
    let slot = |ns, name| {
        index
            .occurrences(ns, name)
            .map(|r| r.slot)
            .collect::<Vec<_>>()
    };
    // The call targets another file: its side is not this file's variable, so rename and the
    // variable lints leave it alone, and the contract check reads it.
    assert!(slot(Namespace::Variable, "theirs").is_empty());
    assert_eq!(
        slot(Namespace::CalledVariable, "theirs"),
        [Slot::CallMap {
            direction: CallDirection::Response,
            side: CallSide::Callee,
            entry: 0
        }]
    );
    assert_eq!(
        slot(Namespace::Variable, "mine"),
        [Slot::CallMap {
            direction: CallDirection::Response,
            side: CallSide::Caller,
            entry: 0
        }]
    );
    assert_eq!(
        slot(Namespace::CalledVariable, "item"),
        [Slot::ElementMapping]
    );
}
