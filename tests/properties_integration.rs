//! Property tests on generated integrations (variables, triggers, tasks referencing them in
//! `$name$` strings, conditions, JavaScript and JSON held in strings), in every layout:
//! a no-op write is the identity, rename A→B→A is the identity, fmt keeps the value and is
//! idempotent, `diff(x, x)` is empty, and check never panics on mutated bytes.

use std::path::Path;

use integ::check::check_bytes;
use integ::diff::{Options, compare};
use integ::document::{Document, first_difference};
use integ::format::{Style, reprint};
use integ::rename::{RenameSet, RenameStep, run};
use integ::source::SourceFile;
use proptest::prelude::*;
use serde_json::{Value, json};

const VARIABLES: [&str; 6] = [
    "order",
    "order_total",
    "`Task_1_body`",
    "customer",
    "id",
    "x",
];
const STYLES: [Style; 4] = [Style::Console, Style::Tab, Style::Expanded, Style::Minified];

fn reference(var: &str) -> String {
    format!("${var}$")
}

/// One task: id `n`, a type, and parameters that use some of the variables.
fn task(n: usize, kind: u8, uses: &[&str], next: &[usize]) -> Value {
    let first = uses.first().copied().unwrap_or("order");
    let parameters = match kind % 3 {
        0 => json!({"url": {"key": "url", "value": {"stringValue":
            format!("https://example.com/{}?q={}", reference(first), uses.iter().map(|v| reference(v)).collect::<String>())}}}),
        1 => json!({"script": {"key": "script", "value": {"stringValue": format!(
            "function executeScript(event) {{ event.setParameter(\"{first}\", event.getParameter('{first}')); return 0; }}"
        )}}}),
        _ => {
            json!({"FieldMappingConfigTaskParameterKey": {"key": "FieldMappingConfigTaskParameterKey",
            "value": {"jsonValue": json!({"mappedFields": [{"inputField": {"transformExpression":
                {"initialValue": {"referenceValue": reference(first)}}},
                "outputField": {"referenceKey": reference(uses.last().copied().unwrap_or(first))}}]}).to_string()}}})
        }
    };
    let task = ["GenericRestV2Task", "JavaScriptTask", "FieldMappingTask"][kind as usize % 3];
    json!({
        "task": task,
        "taskId": n.to_string(),
        "parameters": parameters,
        "nextTasks": next.iter().map(|t| json!({"taskId": t.to_string(),
            "condition": format!("{} = \"done\"", reference(first))})).collect::<Vec<_>>(),
        "displayName": format!("Step {n} ({first})"),
        "externalTaskType": "NORMAL_TASK",
    })
}

/// An integration as a value: 1–4 variables, 1–5 tasks chained from one API trigger.
fn integration() -> impl Strategy<Value = Value> {
    let variables = prop::sample::subsequence(VARIABLES.to_vec(), 1..=4);
    let tasks = prop::collection::vec(
        (
            any::<u8>(),
            prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        ),
        1..=5,
    );
    (variables, tasks, any::<bool>()).prop_map(|(vars, tasks, describe)| {
        let count = tasks.len();
        let task_configs: Vec<Value> = tasks
            .iter()
            .enumerate()
            .map(|(i, (kind, picks))| {
                let uses: Vec<&str> = picks.iter().map(|p| vars[p.index(vars.len())]).collect();
                let next: Vec<usize> = if i + 2 <= count { vec![i + 2] } else { vec![] };
                task(i + 1, *kind, &uses, &next)
            })
            .collect();
        let mut value = json!({
            "triggerConfigs": [{"label": "API Trigger", "triggerType": "API", "triggerNumber": "1",
                "triggerId": "api_trigger/flow_API_1", "startTasks": [{"taskId": "1"}]}],
            "taskConfigs": task_configs,
            "integrationParameters": vars.iter().map(|v| json!({"key": v, "dataType": "STRING_VALUE",
                "defaultValue": {"stringValue": "a=b <c>"}, "displayName": v})).collect::<Vec<_>>(),
        });
        if describe {
            value["description"] = json!("mentions order and $customer in prose");
        }
        value
    })
}

/// A generated integration laid out in one of integ's styles, as text.
fn integration_text() -> impl Strategy<Value = String> {
    (integration(), prop::sample::select(STYLES.to_vec())).prop_map(|(value, style)| {
        let doc = Document::parse(serde_json::to_string(&value).unwrap()).unwrap();
        reprint(&doc, style)
    })
}

fn rename(text: &str, set: RenameSet) -> String {
    let file = SourceFile::from_text(Path::new("flow.json"), text.to_string()).unwrap();
    let outcome = run(vec![file], &[&RenameStep { set }], true).unwrap();
    outcome.files[0].result().to_string()
}

fn variables(pair: (&str, &str)) -> RenameSet {
    RenameSet {
        variables: vec![(pair.0.into(), pair.1.into())],
        ..RenameSet::default()
    }
}

fn task_ids(pair: (&str, &str)) -> RenameSet {
    RenameSet {
        task_ids: vec![(pair.0.into(), pair.1.into())],
        ..RenameSet::default()
    }
}

/// A mutation of a text's bytes: flip, insert, delete or truncate at a position.
fn mutate(bytes: &mut Vec<u8>, (op, at, byte): (u8, prop::sample::Index, u8)) {
    if bytes.is_empty() {
        return;
    }
    let i = at.index(bytes.len());
    match op % 4 {
        0 => bytes[i] ^= byte | 1,
        1 => bytes.insert(i, byte),
        2 => {
            bytes.remove(i);
        }
        _ => bytes.truncate(i),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(debug_assertions) { 16 } else { 64 }))]

    #[test]
    fn a_no_op_write_is_the_identity(text in integration_text()) {
        let file = SourceFile::from_text(Path::new("flow.json"), text.clone()).unwrap();
        prop_assert_eq!(file.apply(Vec::new()).unwrap(), text);
    }

    #[test]
    fn renaming_a_variable_there_and_back_is_the_identity(text in integration_text(), pick in any::<prop::sample::Index>()) {
        let value: Value = serde_json::from_str(&text).unwrap();
        let declared: Vec<&str> = value["integrationParameters"].as_array().unwrap()
            .iter().map(|p| p["key"].as_str().unwrap()).collect();
        let old = declared[pick.index(declared.len())];
        let new = if old.starts_with('`') { "`renamed_var`" } else { "renamed_var" };
        let there = rename(&text, variables((old, new)));
        prop_assert_ne!(&there, &text);
        prop_assert!(!there.contains(&reference(old)), "every reference moved");
        prop_assert_eq!(rename(&there, variables((new, old))), text);
    }

    #[test]
    fn renaming_a_task_id_there_and_back_is_the_identity(text in integration_text(), pick in any::<prop::sample::Index>()) {
        let value: Value = serde_json::from_str(&text).unwrap();
        let count = value["taskConfigs"].as_array().unwrap().len();
        let old = (pick.index(count) + 1).to_string();
        let there = rename(&text, task_ids((&old, "900")));
        prop_assert_ne!(&there, &text);
        prop_assert_eq!(rename(&there, task_ids(("900", &old))), text);
    }

    #[test]
    fn fmt_keeps_the_value_and_is_idempotent(text in integration_text()) {
        let doc = Document::parse(text).unwrap();
        for style in STYLES {
            let once = reprint(&doc, style);
            let again = Document::parse(once.clone()).unwrap();
            prop_assert_eq!(first_difference(again.value(), doc.value()), None);
            prop_assert_eq!(reprint(&again, style), once);
        }
    }

    #[test]
    fn diff_of_a_file_with_itself_or_its_reprint_is_empty(text in integration_text(), style in prop::sample::select(STYLES.to_vec())) {
        let doc = Document::parse(text).unwrap();
        let reprinted = Document::parse(reprint(&doc, style)).unwrap();
        for include_metadata in [false, true] {
            let options = Options { include_metadata, ..Options::default() };
            prop_assert!(compare(&doc, &doc, &options).is_empty());
            prop_assert!(compare(&doc, &reprinted, &options).is_empty());
        }
    }

    #[test]
    fn check_never_panics_on_mutated_input(text in integration_text(), edits in prop::collection::vec((any::<u8>(), any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let mut bytes = text.into_bytes();
        for edit in edits {
            mutate(&mut bytes, edit);
        }
        for strict in [false, true] {
            let report = check_bytes(Path::new("flow.json"), bytes.clone(), strict);
            let invalid = report.diagnostics.iter().any(|d| d.code == "E001");
            prop_assert_eq!(invalid, SourceFile::from_bytes(Path::new("flow.json"), bytes.clone()).is_err());
        }
    }
}
