//! Graphviz DOT text (`integ graph flow.json --format dot | dot -Tsvg > flow.svg`).

use super::{Edge, EdgeKind, FlowGraph, Highlight, Mark, Node, NodeKind};
use crate::render::markup::escape_markup;

/// Renders `graph` as a DOT `digraph`. Labels are HTML-like labels (bold titles and edge
/// names, smaller details), so only markup characters need escaping and backslashes stay literal.
pub fn render(graph: &FlowGraph) -> String {
    let mut out = String::from("digraph integration {\n");
    out.push_str("    graph [rankdir=TB, charset=\"UTF-8\", fontname=\"Helvetica\", nodesep=0.5, ranksep=0.55];\n");
    out.push_str("    node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, margin=\"0.18,0.08\", fillcolor=\"#eef3fb\", color=\"#4a6fa5\", fontcolor=\"#1b2b44\"];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\", fontcolor=\"#333333\"];\n");
    for node in &graph.nodes {
        let style = match node.kind {
            NodeKind::Trigger => {
                ", shape=box, style=\"rounded,filled,bold\", fillcolor=\"#e3f4e8\", color=\"#2e7d4f\", fontcolor=\"#12351f\""
            }
            NodeKind::Task => "",
            NodeKind::ErrorTask => {
                ", fillcolor=\"#fde2e1\", color=\"#c0392b\", fontcolor=\"#5a1a14\""
            }
            NodeKind::ErrorCatcher => {
                ", shape=hexagon, margin=\"0.02,0.04\", style=\"filled\", fillcolor=\"#fff4d6\", color=\"#b7791f\", fontcolor=\"#4a3208\""
            }
            NodeKind::Missing => ", style=\"dashed\", color=\"#888888\", fontcolor=\"#555555\"",
        };
        let mark = graph.mark_of(&node.id);
        let marked = mark.as_ref().map_or(String::new(), |(m, _)| mark_style(*m));
        out.push_str(&format!(
            "    {} [label={}{style}{marked}];\n",
            node.id,
            node_label(node, mark.map(|(_, line)| line))
        ));
    }
    for edge in &graph.edges {
        let mut attrs = Vec::new();
        if let Some(label) = edge_label(edge) {
            attrs.push(format!("label={label}"));
        }
        match edge.kind {
            EdgeKind::OnError => attrs.push(
                "style=dashed, color=\"#c0392b\", fontcolor=\"#c0392b\", constraint=false".into(),
            ),
            EdgeKind::ErrorStart => attrs.push("color=\"#c0392b\"".into()),
            EdgeKind::Start | EdgeKind::Next => {}
        }
        if attrs.is_empty() {
            out.push_str(&format!("    {} -> {};\n", edge.from, edge.to));
        } else {
            out.push_str(&format!(
                "    {} -> {} [{}];\n",
                edge.from,
                edge.to,
                attrs.join(", ")
            ));
        }
    }
    if let Some(highlight) = &graph.highlight {
        render_legend(highlight, &mut out);
    }
    out.push_str("}\n");
    out
}

/// The attributes that mark a node under `--highlight`: its colours and a thick border.
fn mark_style(mark: Mark) -> String {
    let (fill, border) = mark.colors();
    format!(", fillcolor=\"{fill}\", color=\"{border}\", penwidth=3")
}

/// The `--highlight` legend: a dashed cluster with one box per mark present.
fn render_legend(highlight: &Highlight, out: &mut String) {
    out.push_str("    subgraph cluster_legend {\n");
    out.push_str(&format!(
        "        label=<<B>{}</B>>; style=\"dashed\"; color=\"#888888\"; fontsize=10;\n",
        escape_html(&highlight.title())
    ));
    for entry in highlight.legend() {
        let style = entry.mark.map_or_else(
            || ", style=\"dashed\", color=\"#888888\"".to_string(),
            mark_style,
        );
        out.push_str(&format!(
            "        {} [label=<{}>{style}];\n",
            entry.id,
            escape_html(&entry.text)
        ));
    }
    out.push_str("    }\n");
}

/// An HTML-like label: title lines in bold, details in a smaller font, then the line of a
/// `--highlight` mark in italics.
fn node_label(node: &Node, mark: Option<String>) -> String {
    let titles = node
        .title_lines()
        .into_iter()
        .map(|line| format!("<B>{}</B>", escape_html(&line)));
    let details = node
        .detail_lines()
        .into_iter()
        .map(|line| format!("<FONT POINT-SIZE=\"9\">{}</FONT>", escape_html(&line)));
    let marks = mark.map(|line| format!("<I>{}</I>", escape_html(&line)));
    let parts: Vec<String> = titles.chain(details).chain(marks).collect();
    if parts.is_empty() {
        return "\" \"".to_string();
    }
    format!("<{}>", parts.join("<BR/>"))
}

/// An HTML-like edge label: the display name in bold, then the condition; `None` for a bare
/// edge.
fn edge_label(edge: &Edge) -> Option<String> {
    let names = edge.name_lines().len();
    let lines = edge.label_lines();
    if lines.is_empty() {
        return None;
    }
    let parts: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            if i < names {
                format!("<B>{}</B>", escape_html(line))
            } else {
                escape_html(line)
            }
        })
        .collect();
    Some(format!("<{}>", parts.join("<BR/>")))
}

/// `line` escaped for an HTML-like label, on one line.
fn escape_html(line: &str) -> String {
    escape_markup(&line.replace(['\t', '\n', '\r'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_each_label_kind() {
        assert_eq!(
            escape_html("<b> & \"c\"\n'd'"),
            "&lt;b&gt; &amp; &quot;c&quot; 'd'"
        );
    }

    #[test]
    fn renders_nodes_and_edges() {
        let graph = FlowGraph {
            nodes: vec![
                Node {
                    id: "task_1".into(),
                    kind: NodeKind::Task,
                    title: "Check <stock>".into(),
                    details: vec!["GenericRestV2Task · #1".into()],
                },
                Node {
                    id: "task_2".into(),
                    kind: NodeKind::ErrorTask,
                    title: "Fail".into(),
                    details: vec![],
                },
            ],
            edges: vec![Edge {
                from: "task_1".into(),
                to: "task_2".into(),
                kind: EdgeKind::Next,
                label: Some("Out".into()),
                condition: Some("$s$ = \"NO\\\"\"".into()),
            }],
            ..FlowGraph::default()
        };
        let text = render(&graph);
        assert!(text.starts_with("digraph integration {\n"));
        assert!(text.ends_with("}\n"));
        assert!(text.contains(
            "    task_1 [label=<<B>Check &lt;stock&gt;</B><BR/><FONT POINT-SIZE=\"9\">GenericRestV2Task · #1</FONT>>];\n"
        ));
        assert!(text.contains("    task_2 [label=<<B>Fail</B>>, fillcolor=\"#fde2e1\""));
        assert!(text.contains(
            "    task_1 -> task_2 [label=<<B>Out</B><BR/>$s$ = &quot;NO\\&quot;&quot;>];\n"
        ));
    }
}
