//! A plain-text search for references, written for the agreement tests only: it reads the
//! parsed value with a few regular expressions, independently of `integ::references`, so that
//! a bug or a second grammar in the program shows up as a disagreement with it.
#![allow(dead_code)]

use regex::Regex;
use serde_json::Value;

/// The elements of the array at member `key` of `value` (none when absent).
pub fn array<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// Every string of `value`, at any depth, with its JSON Pointer (object keys excluded), but
/// descriptions: they are plain text, where `$x$` is not a reference.
fn strings<'a>(value: &'a Value, pointer: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(_) if pointer.ends_with("/description") => {}
        Value::String(s) => out.push((pointer, s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{pointer}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                strings(v, format!("{pointer}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// The places that name variable `name` in `value`, one entry per occurrence: `$name$`,
/// `$name.path$`, `$name[0]$` anywhere in any string (JSON held in strings included, at any
/// escaping depth), JavaScript `get/setParameter("name")`, Jsonnet `extVar("name")`, trigger
/// input and output variable lists, the element mappings and parameter maps of calls to this
/// same integration, and the declarations with their copies.
pub fn variable_occurrences(value: &Value, name: &str) -> Vec<String> {
    let e = regex::escape(name);
    let q = r#"\\*["']"#;
    let patterns = [
        format!(r"\${e}[$.\[]"),
        format!(r"(?:get|set)Parameter\(\s*{q}{e}{q}"),
        format!(r"extVar\(\s*{q}{e}{q}"),
    ];
    let regexes: Vec<Regex> = patterns.iter().map(|p| Regex::new(p).unwrap()).collect();
    let mut all = Vec::new();
    strings(value, String::new(), &mut all);
    let mut found = Vec::new();
    for (pointer, text) in all {
        for re in &regexes {
            for m in re.find_iter(text) {
                found.push(format!("{pointer}: {}", m.as_str()));
            }
        }
    }
    for (i, t) in array(value, "triggerConfigs").enumerate() {
        for list in ["inputVariables", "outputVariables"] {
            let names = t
                .get(list)
                .and_then(|l| l.get("names"))
                .and_then(Value::as_array);
            for n in names.into_iter().flatten() {
                if n.as_str() == Some(name) {
                    found.push(format!("/triggerConfigs/{i}/{list}/names"));
                }
            }
        }
    }
    found.extend(self_call_names(value, name));
    let copies = declarations(value, name);
    found.extend((0..copies).map(|n| format!("declaration {n}")));
    found
}

/// Names in the calls a file makes to its own triggers, where both sides of a parameter map
/// and the element mapping name variables of this file (FORMAT.md §8.5).
fn self_call_names(value: &Value, name: &str) -> Vec<String> {
    let own: Vec<&str> = array(value, "triggerConfigs")
        .filter_map(|t| t.get("triggerId").and_then(Value::as_str))
        .collect();
    let string =
        |v: &Value, path: &str| v.pointer(path).and_then(Value::as_str).map(str::to_string);
    let mut found = Vec::new();
    for (i, t) in array(value, "taskConfigs").enumerate() {
        let calls = t
            .get("task")
            .and_then(Value::as_str)
            .is_some_and(|k| k.starts_with("SubWorkflow"));
        let target = string(t, "/parameters/triggerId/value/stringValue");
        if !calls || !target.is_some_and(|id| own.contains(&id.as_str())) {
            continue;
        }
        for element in [
            "iterationElementMapping",
            "subworkflowInput",
            "scatterElementParam",
        ] {
            if string(t, &format!("/parameters/{element}/value/stringValue")).as_deref()
                == Some(name)
            {
                found.push(format!("/taskConfigs/{i}/parameters/{element}"));
            }
        }
        for (key, param) in t
            .get("parameters")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let Some(map) = string(param, "/value/jsonValue")
                .and_then(|j| serde_json::from_str::<Value>(&j).ok())
            else {
                continue;
            };
            for entry in array(&map, "entries") {
                for side in ["key", "value"] {
                    if string(entry, &format!("/{side}/literalValue/stringValue")).as_deref()
                        == Some(name)
                    {
                        found.push(format!("/taskConfigs/{i}/parameters/{key} {side}"));
                    }
                }
            }
        }
    }
    found
}

/// How many declaration fields spell `name`: a variable's `key` and its `displayName`, the
/// internal copy's `key` and `name`, a config variable's `key` and `displayName`.
pub fn declaration_count(value: &Value, name: &str, _config: bool) -> usize {
    declarations(value, name)
}

fn declarations(value: &Value, name: &str) -> usize {
    let spelled =
        |v: &Value, field: &str| usize::from(v.get(field).and_then(Value::as_str) == Some(name));
    let mut n = 0;
    for p in array(value, "integrationParameters") {
        n += spelled(p, "key") + spelled(p, "displayName");
    }
    if let Some(internal) = value.get("integrationParametersInternal") {
        for p in array(internal, "parameters") {
            n += spelled(p, "key") + spelled(p, "name");
        }
    }
    for c in array(value, "integrationConfigParameters") {
        if let Some(p) = c.get("parameter") {
            n += spelled(p, "key") + spelled(p, "displayName");
        }
    }
    n
}

/// The task ids `taskConfigs` declares, each once, in order.
pub fn task_ids(value: &Value) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for t in array(value, "taskConfigs") {
        if let Some(id) = t.get("taskId").and_then(Value::as_str) {
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// The places that name task `id` (FORMAT.md §9.1): its declaration, edges, trigger and
/// error-catcher start tasks, `producer: "1_<id>"`, and the flavor-B internal copies.
pub fn task_links(value: &Value, id: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = |v: &Value, field: &str, want: &str, place: String| {
        if v.get(field).and_then(Value::as_str) == Some(want) {
            found.push(place);
        }
    };
    let producer = format!("1_{id}");
    for (i, t) in array(value, "taskConfigs").enumerate() {
        at(t, "taskId", id, format!("/taskConfigs/{i}/taskId"));
        for (j, n) in array(t, "nextTasks").enumerate() {
            at(n, "taskId", id, format!("/taskConfigs/{i}/nextTasks/{j}"));
        }
    }
    for (i, t) in array(value, "triggerConfigs").enumerate() {
        for (j, n) in array(t, "startTasks").enumerate() {
            at(
                n,
                "taskId",
                id,
                format!("/triggerConfigs/{i}/startTasks/{j}"),
            );
        }
    }
    for (i, c) in array(value, "errorCatcherConfigs").enumerate() {
        for (j, n) in array(c, "startErrorTasks").enumerate() {
            at(
                n,
                "taskId",
                id,
                format!("/errorCatcherConfigs/{i}/startErrorTasks/{j}"),
            );
        }
    }
    for (i, p) in array(value, "integrationParameters").enumerate() {
        at(
            p,
            "producer",
            &producer,
            format!("/integrationParameters/{i}/producer"),
        );
    }
    for (i, t) in array(value, "taskConfigsInternal").enumerate() {
        at(
            t,
            "taskNumber",
            id,
            format!("/taskConfigsInternal/{i}/taskNumber"),
        );
        for (j, n) in array(t, "nextTasks").enumerate() {
            at(
                n,
                "taskNumber",
                id,
                format!("/taskConfigsInternal/{i}/nextTasks/{j}"),
            );
        }
    }
    for (i, t) in array(value, "triggerConfigsInternal").enumerate() {
        for (j, n) in array(t, "startTasks").enumerate() {
            at(
                n,
                "taskNumber",
                id,
                format!("/triggerConfigsInternal/{i}/startTasks/{j}"),
            );
        }
    }
    if let Some(internal) = value.get("integrationParametersInternal") {
        for (i, p) in array(internal, "parameters").enumerate() {
            at(
                p,
                "producer",
                &producer,
                format!("/integrationParametersInternal/{i}/producer"),
            );
            let by = p.get("producedBy");
            if by
                .and_then(|b| b.get("elementType"))
                .and_then(Value::as_str)
                == Some("TASK_CONFIG")
            {
                at(
                    by.unwrap(),
                    "elementIdentifier",
                    id,
                    format!("/integrationParametersInternal/{i}/producedBy"),
                );
            }
        }
    }
    found
}

/// The strings that hold a variable name starting with `prefix` (`Task_1_`): as a whole
/// string, after a backtick, a `$` or a quote.
pub fn names_with_prefix(value: &Value, prefix: &str) -> Vec<String> {
    let re = Regex::new(&format!(r#"(?:^|[`$"'])({})"#, regex::escape(prefix))).unwrap();
    let mut all = Vec::new();
    strings(value, String::new(), &mut all);
    all.into_iter()
        .filter(|(_, text)| re.is_match(text))
        .map(|(pointer, text)| format!("{pointer}: {}", text.chars().take(80).collect::<String>()))
        .collect()
}
