//! `integ graph --highlight VAR` through the binary: marks, legend, both formats, errors, and
//! every corpus file against its own text.

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::{corpus_files, integ, integ_stdout, name};
use serde_json::Value;

fn order_flow() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph/order-flow.json")
}

fn highlight(path: &Path, format: &str, variable: &str) -> String {
    let args = ["graph", "--format", format, "--highlight", variable];
    integ_stdout(args.iter().map(OsStr::new).chain([path.as_os_str()]))
}

/// The node ids of each highlight class, from the Mermaid `class a,b writes` lines (legend
/// boxes left out).
fn mermaid_marks(text: &str) -> BTreeMap<String, Vec<String>> {
    let mut marks = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("    class ") else {
            continue;
        };
        let (ids, class) = rest.split_once(' ').unwrap();
        if !["writes", "reads", "readsWrites"].contains(&class) {
            continue;
        }
        let ids: Vec<String> = ids
            .split(',')
            .filter(|id| !id.starts_with("legend_"))
            .map(str::to_string)
            .collect();
        if !ids.is_empty() {
            marks.insert(class.to_string(), ids);
        }
    }
    marks
}

#[test]
fn marks_writers_and_readers_with_a_legend() {
    // The trigger takes `order` as input; the mapping (1) and the script (3,
    // `event.getParameter("order")`) read it.
    let text = highlight(&order_flow(), "mermaid", "order");
    let marks = mermaid_marks(&text);
    assert_eq!(marks["writes"], ["trigger_1"]);
    assert_eq!(marks["reads"], ["task_1", "task_3"]);
    assert!(text.contains(
        "    task_3[\"Compute total #38; tier<br/>JavaScriptTask · #3<br/>reads order\"]"
    ));
    assert!(text.contains("    subgraph legend[\"highlight#58; order\"]\n"));
    assert!(text.contains("        legend_writes[\"writes order\"]\n"));
    // The script sets `order_total` (`event.setParameter`); the e-mail (4) reads it.
    let marks = mermaid_marks(&highlight(&order_flow(), "mermaid", "order_total"));
    assert_eq!(marks["writes"], ["task_3"]);
    assert_eq!(marks["reads"], ["task_4"]);
    // A REST call writes its response status; its own edge conditions read it.
    let marks = mermaid_marks(&highlight(
        &order_flow(),
        "mermaid",
        "Task_2_responseStatus",
    ));
    assert_eq!(marks["readsWrites"], ["task_2"]);
}

#[test]
fn dot_marks_the_same_nodes() {
    let dot = highlight(&order_flow(), "dot", "order");
    let marked: Vec<&str> = dot
        .lines()
        .filter(|l| l.contains("penwidth=3") && !l.trim_start().starts_with("legend_"))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(marked, ["trigger_1", "task_1", "task_3"]);
    assert!(dot.contains("<I>writes order</I>"));
    assert!(dot.contains("    subgraph cluster_legend {\n"));
    // Without --highlight, nothing is marked.
    let plain = integ()
        .args(["graph", "--format", "dot"])
        .arg(order_flow())
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(!plain.contains("penwidth=3") && !plain.contains("legend"));
}

#[test]
fn a_name_nothing_mentions_is_a_usage_error() {
    integ()
        .args(["graph", "--highlight", "ordr"])
        .arg(order_flow())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no variable ordr in this integration",
        ));
}

/// The text of each task and trigger of a corpus file, by node id.
fn texts(value: &Value) -> BTreeMap<String, String> {
    let list = |key: &str| value[key].as_array().cloned().unwrap_or_default();
    let mut out = BTreeMap::new();
    for t in list("triggerConfigs") {
        let id = format!("trigger_{}", t["triggerNumber"].as_str().unwrap());
        out.insert(id, t.to_string());
    }
    for t in list("taskConfigs") {
        out.insert(
            format!("task_{}", t["taskId"].as_str().unwrap()),
            t.to_string(),
        );
    }
    out
}

/// On every corpus file, for a few of its variables: a marked task mentions the variable,
/// and every task with a `$name$` reference to it is marked (a trigger may be marked for an
/// input without naming it).
#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn every_marked_task_mentions_the_variable_and_every_reference_is_marked() {
    let mut checked = 0;
    for path in corpus_files() {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(parameters) = value["integrationParameters"].as_array() else {
            continue;
        };
        let texts = texts(&value);
        for key in parameters.iter().filter_map(|p| p["key"].as_str()).take(3) {
            let bare = key.trim_matches('`');
            let marks = mermaid_marks(&highlight(&path, "mermaid", key));
            let marked: Vec<&String> = marks.values().flatten().collect();
            for id in marked.iter().filter(|id| id.starts_with("task_")) {
                assert!(texts[*id].contains(bare), "{}: {id} for {key}", name(&path));
            }
            let dollar = format!("${key}$");
            for (id, text) in &texts {
                if id.starts_with("task_") && text.contains(&dollar) {
                    assert!(
                        marked.contains(&id),
                        "{}: {id} not marked for {key}",
                        name(&path)
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} variables checked");
}

/// Graphviz draws the highlighted picture, legend cluster included.
#[test]
#[cfg_attr(integ_no_dot, ignore = "needs Graphviz `dot`")]
fn graphviz_accepts_the_highlighted_dot() {
    let text = highlight(&order_flow(), "dot", "order_id");
    let svg = common::render_dot(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.contains("highlight: order_id") && svg.contains("writes order_id"));
}
