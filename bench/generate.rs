//! Builds the benchmark data: the corpus copied N times, and synthetic large integrations.
//!
//! `cargo run --release --example generate -- CORPUS_DIR OUT_DIR [COPIES]` writes
//! `OUT_DIR/batch/copy-<k>/<file>` (COPIES copies of every corpus file, default 40),
//! `OUT_DIR/large/int-1mb.json` and `int-10mb.json` (one integration of that size made of
//! renumbered copies of a real flow, chained into one reachable graph), and
//! `OUT_DIR/large/int-10mb-v2.json` (the 10 MB one with a renamed variable, a relabelled task
//! and one task added), for `integ diff`.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};

use integ::document::Document;
use integ::format::{Style, reprint};
use regex::Regex;
use serde_json::{Value, json};

/// The real flow that large files are made of: REST, connectors, mappings, conditions.
const TEMPLATE: &str = "GoogleCloudPlatform__application-integration-samples__src__ecom-order-processing__ecom-order-processing.json";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = PathBuf::from(args.first().map_or("../shared/corpus", String::as_str));
    let out = PathBuf::from(args.get(1).map_or("target/bench-data", String::as_str));
    let copies: usize = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(40);

    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let batch = out.join("batch");
    let _ = std::fs::remove_dir_all(&batch);
    for k in 0..copies {
        let dir = batch.join(format!("copy-{k:03}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in &files {
            // Copies must be writable whatever the corpus's own modes are: rename writes them.
            let to = dir.join(f.file_name().unwrap());
            std::fs::write(&to, std::fs::read(f).unwrap()).unwrap();
        }
    }
    println!(
        "batch: {} files in {}",
        files.len() * copies,
        batch.display()
    );

    let large = out.join("large");
    std::fs::create_dir_all(&large).unwrap();
    let template: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.join(TEMPLATE)).unwrap()).unwrap();
    for (name, size) in [
        ("int-50kb.json", 50_000_usize),
        ("int-1mb.json", 1_000_000),
        ("int-10mb.json", 10_000_000),
    ] {
        // Estimate the number of copies from one, then correct it once from the real size.
        let per_copy = synthesize(&template, 1).len();
        let estimate = size.div_ceil(per_copy).max(1);
        let measured = synthesize(&template, estimate).len();
        let copies = ((estimate * size) as f64 / measured as f64)
            .round()
            .max(1.0) as usize;
        write(&large.join(name), &synthesize(&template, copies));
    }
    let v2 = second_version(&std::fs::read_to_string(large.join("int-10mb.json")).unwrap());
    write(&large.join("int-10mb-v2.json"), &v2);
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    println!("{}: {:.1} MB", path.display(), text.len() as f64 / 1e6);
}

/// The template's tasks and task variables repeated `copies` times with new ids.
fn synthesize(template: &Value, copies: usize) -> String {
    let tasks = template["taskConfigs"].as_array().unwrap();
    let params = template["integrationParameters"].as_array().unwrap();
    let task_var = Regex::new(r"Task_(\d+)_").unwrap();
    let mut all_tasks = Vec::new();
    let mut all_params: Vec<Value> = params
        .iter()
        .filter(|p| !p["key"].as_str().unwrap_or("").contains("Task_"))
        .cloned()
        .collect();
    let mut previous_last: Option<String> = None;
    for k in 0..copies {
        let offset = k * 1000;
        let shift = |id: &str| (id.parse::<usize>().unwrap() + offset).to_string();
        let renumber = |v: &Value| -> Value {
            let text = serde_json::to_string(v).unwrap();
            let text = task_var.replace_all(&text, |c: &regex::Captures| {
                format!("Task_{}_", shift(&c[1]))
            });
            serde_json::from_str(&text).unwrap()
        };
        for task in tasks {
            let mut t = renumber(task);
            t["taskId"] = json!(shift(task["taskId"].as_str().unwrap()));
            if let Some(next) = t["nextTasks"].as_array_mut() {
                for n in next {
                    let id = n["taskId"].as_str().unwrap().to_string();
                    n["taskId"] = json!(shift(&id));
                }
            }
            all_tasks.push(t);
        }
        for p in params
            .iter()
            .filter(|p| p["key"].as_str().unwrap_or("").contains("Task_"))
        {
            let mut p = renumber(p);
            if let Some(producer) = p["producer"].as_str().and_then(|s| s.strip_prefix("1_")) {
                p["producer"] = json!(format!("1_{}", shift(producer)));
            }
            all_params.push(p);
        }
        // Chain the copies: the previous copy's first task also starts this copy.
        let first = shift(
            template["triggerConfigs"][0]["startTasks"][0]["taskId"]
                .as_str()
                .unwrap(),
        );
        if let Some(prev) = previous_last.take() {
            let prev_task = all_tasks
                .iter_mut()
                .find(|t| t["taskId"] == prev.as_str())
                .unwrap();
            let next = prev_task
                .as_object_mut()
                .unwrap()
                .entry("nextTasks")
                .or_insert(json!([]));
            next.as_array_mut().unwrap().push(json!({"taskId": first}));
        }
        previous_last = Some(shift(tasks[0]["taskId"].as_str().unwrap()));
    }
    let mut out = template.clone();
    out["taskConfigs"] = Value::Array(all_tasks);
    out["integrationParameters"] = Value::Array(all_params);
    let doc = Document::parse(serde_json::to_string(&out).unwrap()).unwrap();
    reprint(&doc, Style::Console)
}

/// The same integration after a day of edits: one variable renamed everywhere, one task
/// relabelled, one task added.
fn second_version(text: &str) -> String {
    let renamed = text
        .replace("$`Task_1_responseBody`$", "$`Task_1_body`$")
        .replace("\"`Task_1_responseBody`\"", "\"`Task_1_body`\"");
    let mut value: Value = serde_json::from_str(&renamed).unwrap();
    let tasks = value["taskConfigs"].as_array_mut().unwrap();
    tasks[0]["displayName"] = json!("Relabelled first task");
    let mut extra = tasks[1].clone();
    extra["taskId"] = json!("999999");
    extra["displayName"] = json!("Added task");
    extra.as_object_mut().unwrap().remove("nextTasks");
    tasks.push(extra);
    tasks[1]
        .as_object_mut()
        .unwrap()
        .entry("nextTasks")
        .or_insert(json!([]));
    tasks[1]["nextTasks"]
        .as_array_mut()
        .unwrap()
        .push(json!({"taskId": "999999"}));
    reprint(
        &Document::parse(serde_json::to_string(&value).unwrap()).unwrap(),
        Style::Console,
    )
}
