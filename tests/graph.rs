//! `integ graph` through the binary: our fixtures, odd labels, envelopes, every corpus file.
// Tests say on stderr when they skip something (the corpus, an optional tool).
#![allow(clippy::print_stderr)]

mod common;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use common::{corpus_files, integ, integ_stdout, name};
use serde_json::Value;

fn fixture(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/graph")
        .join(file)
}

fn graph(path: &Path, format: &str) -> String {
    let args = ["graph", "--format", format];
    integ_stdout(args.iter().map(OsStr::new).chain([path.as_os_str()]))
}

/// Node ids defined in Mermaid output (`    id[…`, `    id([…`, `    id{{…`).
fn mermaid_nodes(text: &str) -> Vec<String> {
    text.lines()
        .skip(1)
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| !l.contains(" -->") && !l.contains(" -.->"))
        .filter_map(|l| {
            let end = l.find(['[', '(', '{'])?;
            Some(l[..end].to_string())
        })
        .collect()
}

/// `(from, to)` of every Mermaid edge, counted.
fn mermaid_edges(text: &str) -> BTreeMap<(String, String), usize> {
    let mut edges = BTreeMap::new();
    for line in text.lines() {
        let Some(line) = line.strip_prefix("    ") else {
            continue;
        };
        if !(line.contains(" --> ") || line.contains(" -->|") || line.contains(" -.->")) {
            continue;
        }
        let from = line.split(' ').next().unwrap().to_string();
        let to = line.rsplit(' ').next().unwrap().to_string();
        *edges.entry((from, to)).or_insert(0) += 1;
    }
    edges
}

/// `(from, to)` of every DOT edge, counted.
fn dot_edges(text: &str) -> BTreeMap<(String, String), usize> {
    let mut edges = BTreeMap::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let (Some(from), Some("->"), Some(to)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let to = to.trim_end_matches(';').to_string();
        *edges.entry((from.to_string(), to)).or_insert(0) += 1;
    }
    edges
}

/// Node ids defined in DOT output.
fn dot_nodes(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("    "))
        .filter(|l| !l.contains(" -> ") && l.contains(" [label="))
        .map(|l| l.split(' ').next().unwrap().to_string())
        .collect()
}

/// What the picture must show for a corpus file, computed from the JSON directly (corpus ids are
/// numeric and unique, so node ids are `task_<taskId>`, `trigger_<triggerNumber>`,
/// `catcher_<errorCatcherId>`).
fn expected(value: &Value) -> (Vec<String>, BTreeMap<(String, String), usize>) {
    let list = |key: &str| value[key].as_array().cloned().unwrap_or_default();
    let mut nodes = Vec::new();
    let mut edges = BTreeMap::new();
    let mut add = |from: String, to: String| *edges.entry((from, to)).or_insert(0) += 1;
    for t in list("triggerConfigs") {
        let id = format!("trigger_{}", t["triggerNumber"].as_str().unwrap());
        for s in t["startTasks"].as_array().into_iter().flatten() {
            add(
                id.clone(),
                format!("task_{}", s["taskId"].as_str().unwrap()),
            );
        }
        nodes.push(id);
    }
    for t in list("taskConfigs") {
        let id = format!("task_{}", t["taskId"].as_str().unwrap());
        for n in t["nextTasks"].as_array().into_iter().flatten() {
            add(
                id.clone(),
                format!("task_{}", n["taskId"].as_str().unwrap()),
            );
        }
        if let Some(c) = t["errorCatcherId"].as_str() {
            add(id.clone(), format!("catcher_{c}"));
        }
        nodes.push(id);
    }
    for c in list("errorCatcherConfigs") {
        let id = format!("catcher_{}", c["errorCatcherId"].as_str().unwrap());
        for s in c["startErrorTasks"].as_array().into_iter().flatten() {
            add(
                id.clone(),
                format!("task_{}", s["taskId"].as_str().unwrap()),
            );
        }
        nodes.push(id);
    }
    (nodes, edges)
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn every_corpus_file_shows_every_task_and_edge_in_both_formats() {
    let mut tasks = 0;
    let mut edges = 0;
    for path in corpus_files() {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let (want_nodes, want_edges) = expected(&value);
        let mermaid = graph(&path, "mermaid");
        assert!(mermaid.starts_with("flowchart TD\n"), "{}", name(&path));
        assert_eq!(mermaid_nodes(&mermaid), want_nodes, "{}", name(&path));
        assert_eq!(mermaid_edges(&mermaid), want_edges, "{}", name(&path));
        let dot = graph(&path, "dot");
        assert!(dot.starts_with("digraph integration {\n") && dot.ends_with("}\n"));
        assert_eq!(dot_nodes(&dot), want_nodes, "{}", name(&path));
        assert_eq!(dot_edges(&dot), want_edges, "{}", name(&path));
        tasks += value["taskConfigs"].as_array().map_or(0, Vec::len);
        edges += want_edges.values().sum::<usize>();
    }
    if !corpus_files().is_empty() {
        // The corpus holds 404 tasks in all (FINDINGS.md counts 404 over 79 files; 55 here).
        assert!(tasks > 200 && edges > 200, "{tasks} tasks, {edges} edges");
    }
}

#[test]
fn order_flow_in_mermaid() {
    let text = graph(&fixture("order-flow.json"), "mermaid");
    let lines: Vec<&str> = text.lines().collect();
    for line in [
        "flowchart TD",
        "    trigger_1([\"API Trigger<br/>API<br/>api_trigger/order-flow_API_1\"])",
        "    task_2[\"Check inventory<br/>GenericRestV2Task · #2\"]",
        "    task_3[\"Compute total #38; tier<br/>JavaScriptTask · #3\"]",
        "    task_6[\"Record failure<br/>FieldMappingTask · #6<br/>error task\"]",
        "    catcher_ErrorCatcher_1{{\"Inventory call failed<br/>error catcher · ErrorCatcher_1\"}}",
        "    trigger_1 --> task_1",
        "    task_2 -->|\"In stock<br/>$#96;Task_2_responseStatus#96;$ = #34;200 OK#34; AND<br/>$inventory_status$ = 'IN_STOCK'\"| task_3",
        "    task_2 -->|\"Back-ordered<br/>$inventory_status$ != 'IN_STOCK'\"| task_5",
        "    task_2 -.->|\"on error\"| catcher_ErrorCatcher_1",
        "    catcher_ErrorCatcher_1 --> task_6",
        "    task_6 --> task_7",
        "    class task_6,task_7 errorTask",
        "    linkStyle 4,7 stroke:#c0392b,color:#c0392b",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{text}");
    }
    assert_eq!(mermaid_nodes(&text).len(), 9);
    assert_eq!(mermaid_edges(&text).values().sum::<usize>(), 8);
}

#[test]
fn order_flow_in_dot() {
    let text = graph(&fixture("order-flow.json"), "dot");
    for needle in [
        "    task_3 [label=<<B>Compute total &amp; tier</B><BR/><FONT POINT-SIZE=\"9\">JavaScriptTask · #3</FONT>>];",
        "    task_7 [label=<<B>Alert operations</B><BR/><FONT POINT-SIZE=\"9\">EmailTask · #7</FONT><BR/><FONT POINT-SIZE=\"9\">error task</FONT>>, fillcolor=\"#fde2e1\"",
        "    task_2 -> task_3 [label=<<B>In stock</B><BR/>$`Task_2_responseStatus`$ = &quot;200 OK&quot; AND<BR/>$inventory_status$ = 'IN_STOCK'>];",
        "    task_2 -> catcher_ErrorCatcher_1 [label=<on error>, style=dashed",
        "    catcher_ErrorCatcher_1 -> task_6 [color=\"#c0392b\"];",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert_eq!(dot_nodes(&text).len(), 9);
}

#[test]
fn odd_labels_are_escaped_and_ids_stay_valid() {
    let path = fixture("odd-labels.json");
    let mermaid = graph(&path, "mermaid");
    let nodes = mermaid_nodes(&mermaid);
    let unique: std::collections::BTreeSet<&String> = nodes.iter().collect();
    assert_eq!(unique.len(), nodes.len(), "duplicate ids in {nodes:?}");
    for id in &nodes {
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{id}"
        );
    }
    for (from, to) in mermaid_edges(&mermaid).keys() {
        assert!(nodes.contains(from) && nodes.contains(to), "{from} -> {to}");
    }
    // Inside a quoted label no raw quote, angle bracket, pipe, backtick, colon, semicolon or
    // percent sign survives (entity codes aside), and a newline in a display name does not
    // break the line.
    let entity = regex::Regex::new("#[0-9]+;").unwrap();
    for line in mermaid
        .lines()
        .skip(1)
        .take_while(|l| !l.contains("classDef"))
    {
        let (Some(open), Some(close)) = (line.find('"'), line.rfind('"')) else {
            continue;
        };
        let inside = line[open + 1..close].replace("<br/>", "");
        let inside = entity.replace_all(&inside, "");
        assert!(
            !inside.contains(['"', '<', '>', '|', '`', ':', ';', '%']),
            "unescaped text in {line:?}"
        );
    }
    assert!(mermaid.contains("    missing_404[/\"missing task 404<br/>no task has this id\"/]"));
    assert!(
        mermaid.contains("#quot#59;"),
        "entity-like text must stay literal"
    );
    assert!(
        mermaid.contains("back\\#8203;slash \\#8203;n<br/>"),
        "a literal \\n must not become a line break"
    );
    assert!(
        mermaid.contains("and…\"| task_end"),
        "long condition cut with an ellipsis"
    );
    let dot = graph(&path, "dot");
    assert!(dot.contains(
        "<B>Trigger &quot;one&quot; [x] {y} (z)</B><BR/><B>&lt;b&gt;&amp;amp;&lt;/b&gt;</B>"
    ));
    assert!(dot.contains("<B>Ünïcödé ✓ 日本語 \\ back\\slash \\n</B>"));
    assert_eq!(dot_nodes(&dot), nodes);
    assert_eq!(dot_edges(&dot), mermaid_edges(&mermaid));
}

/// Every DOT text we print must be accepted by Graphviz's `dot` itself. Ignored (with the
/// reason) when `dot` is not installed, except under CI, where `.ci/run` installs it.
#[test]
#[cfg_attr(
    any(integ_no_dot, integ_no_corpus),
    ignore = "needs Graphviz `dot` and ../shared/corpus"
)]
fn graphviz_accepts_the_dot_output() {
    let mut files = vec![fixture("order-flow.json"), fixture("odd-labels.json")];
    files.extend(corpus_files().into_iter().step_by(5));
    for path in files {
        let text = graph(&path, "dot");
        let svg = common::render_dot(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(svg.contains("<svg"));
    }
}

#[test]
fn envelopes_and_stdin_give_the_same_picture() {
    let path = fixture("order-flow.json");
    let plain = graph(&path, "mermaid");
    let wrapped = integ().arg("wrap").arg(&path).output().unwrap().stdout;
    let from_envelope = integ()
        .args(["graph", "-"])
        .write_stdin(wrapped)
        .output()
        .unwrap();
    assert_eq!(from_envelope.status.code(), Some(0));
    assert_eq!(String::from_utf8(from_envelope.stdout).unwrap(), plain);
}

#[test]
fn bad_input_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let not_flow = dir.path().join("overrides.json");
    std::fs::write(&not_flow, r#"{"task_overrides": []}"#).unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"taskConfigs\": [\n}").unwrap();
    for (path, message) in [
        (not_flow.clone(), "not an integration"),
        (broken.clone(), "broken.json:3:1: invalid JSON"),
        (dir.path().to_path_buf(), "is a folder"),
        (dir.path().join("nope.json"), "no such file"),
    ] {
        let out = integ().arg("graph").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    let out = integ()
        .args(["graph", "--format", "svg"])
        .arg(&not_flow)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The picture draws the edges the lints follow: by `taskId` alone (`taskConfigId` is not
/// followed, an empty id names no task). Task 2, named only by a `taskConfigId`, is unreachable
/// for L006 and its edge enters a "missing task" box, not task 2.
#[test]
fn edges_enter_the_tasks_the_lints_follow() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edges.json");
    let text = r#"{"triggerConfigs": [{"triggerNumber": "1",
        "startTasks": [{"taskId": "1"}, {"taskConfigId": "2"}]}],
      "taskConfigs": [{"taskId": "1", "nextTasks": [{"taskId": ""}]}, {"taskId": "2"}]}"#;
    std::fs::write(&path, text).unwrap();
    let edges: Vec<(String, String)> = mermaid_edges(&graph(&path, "mermaid"))
        .into_keys()
        .collect();
    let edge = |from: &str, to: &str| (from.to_string(), to.to_string());
    assert_eq!(
        edges,
        [
            edge("task_1", "missing_none"),
            edge("trigger_1", "missing_none"),
            edge("trigger_1", "task_1")
        ]
    );
    let args = ["check", "--select", "L006", "--format", "json"];
    let out = integ().args(args).arg(&path).output().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let pointers: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(pointers, ["/taskConfigs/1/taskId"]);
}

/// docs/graph.md shows what `integ graph` prints for the order-flow fixture; keep it true.
#[test]
fn docs_show_the_current_mermaid_output() {
    let docs =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/graph.md"))
            .unwrap();
    let block = docs
        .split_once("```mermaid\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("a mermaid block in docs/graph.md");
    assert_eq!(
        block,
        graph(&fixture("order-flow.json"), "mermaid"),
        "regenerate the block with `integ graph tests/fixtures/graph/order-flow.json`"
    );
}
