//! Mermaid flowchart text, as GitHub renders it in Markdown (inside a ```` ```mermaid ```` fence).

use super::{EdgeKind, FlowGraph, Highlight, Mark, NodeKind};

/// Renders `graph` as a Mermaid `flowchart TD`.
pub fn render(graph: &FlowGraph) -> String {
    let mut out = String::from("flowchart TD\n");
    for node in &graph.nodes {
        let mut lines = node.label_lines();
        lines.extend(graph.mark_of(&node.id).map(|(_, line)| line));
        let label = label(&lines);
        let (open, close) = match node.kind {
            NodeKind::Trigger => ("([", "])"),
            NodeKind::Task | NodeKind::ErrorTask => ("[", "]"),
            NodeKind::ErrorCatcher => ("{{", "}}"),
            NodeKind::Missing => ("[/", "/]"),
        };
        out.push_str(&format!("    {}{open}\"{label}\"{close}\n", node.id));
    }
    let mut error_links = Vec::new();
    for (index, edge) in graph.edges.iter().enumerate() {
        let arrow = match edge.kind {
            EdgeKind::OnError => "-.->",
            EdgeKind::Start | EdgeKind::Next | EdgeKind::ErrorStart => "-->",
        };
        if matches!(edge.kind, EdgeKind::OnError | EdgeKind::ErrorStart) {
            error_links.push(index.to_string());
        }
        let lines = edge.label_lines();
        if lines.is_empty() {
            out.push_str(&format!("    {} {arrow} {}\n", edge.from, edge.to));
        } else {
            let text = label(&lines);
            out.push_str(&format!(
                "    {} {arrow}|\"{text}\"| {}\n",
                edge.from, edge.to
            ));
        }
    }
    out.push_str("    classDef trigger fill:#e3f4e8,stroke:#2e7d4f,color:#12351f\n");
    out.push_str("    classDef task fill:#eef3fb,stroke:#4a6fa5,color:#1b2b44\n");
    out.push_str("    classDef errorTask fill:#fde2e1,stroke:#c0392b,color:#5a1a14\n");
    out.push_str("    classDef catcher fill:#fff4d6,stroke:#b7791f,color:#4a3208\n");
    out.push_str(
        "    classDef missing fill:#ffffff,stroke:#888888,stroke-dasharray:4 3,color:#555555\n",
    );
    for (kind, class) in [
        (NodeKind::Trigger, "trigger"),
        (NodeKind::Task, "task"),
        (NodeKind::ErrorTask, "errorTask"),
        (NodeKind::ErrorCatcher, "catcher"),
        (NodeKind::Missing, "missing"),
    ] {
        let ids: Vec<&str> = graph
            .nodes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| n.id.as_str())
            .collect();
        if !ids.is_empty() {
            out.push_str(&format!("    class {} {class}\n", ids.join(",")));
        }
    }
    if !error_links.is_empty() {
        out.push_str(&format!(
            "    linkStyle {} stroke:#c0392b,color:#c0392b\n",
            error_links.join(",")
        ));
    }
    if let Some(highlight) = &graph.highlight {
        render_highlight(highlight, &mut out);
    }
    out
}

/// The `--highlight` styles (after the kinds', so they win), the classes of the marked nodes
/// and a legend subgraph.
fn render_highlight(highlight: &Highlight, out: &mut String) {
    out.push_str(&format!(
        "    subgraph legend[\"{}\"]\n",
        escape(&highlight.title())
    ));
    for entry in highlight.legend() {
        out.push_str(&format!(
            "        {}[\"{}\"]\n",
            entry.id,
            escape(&entry.text)
        ));
    }
    out.push_str("    end\n");
    for mark in Mark::ALL {
        let (fill, stroke) = mark.colors();
        out.push_str(&format!(
            "    classDef {} fill:{fill},stroke:{stroke},stroke-width:3px,color:#1a1a1a\n",
            mark.class()
        ));
    }
    for entry in highlight.legend() {
        let class = entry.mark.map_or("missing", Mark::class);
        out.push_str(&format!("    class {} {class}\n", entry.id));
    }
    for mark in highlight.used() {
        let ids: Vec<&str> = highlight
            .marks
            .iter()
            .filter(|(_, m)| **m == mark)
            .map(|(id, _)| id.as_str())
            .collect();
        out.push_str(&format!("    class {} {}\n", ids.join(","), mark.class()));
    }
}

/// The inside of a quoted Mermaid label: lines joined with `<br/>`, every character that
/// Mermaid or its HTML labels would read as syntax written as an entity code (`#34;`).
pub fn label(lines: &[String]) -> String {
    lines
        .iter()
        .map(|line| escape(line))
        .collect::<Vec<_>>()
        .join("<br/>")
}

/// Escapes one line of label text. Mermaid reads `#name;` as an entity code: with every `;`
/// coded as `#59;`, text that looks like a code (`#quot;`) cannot form one, so `#` itself stays
/// readable. `:` is coded so that a label never looks like a `style`/`classDef` statement to
/// Mermaid's pre-parser, and `%` so that it never holds a `%%` comment or directive.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#34;"),
            '&' => out.push_str("#38;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '|' => out.push_str("#124;"),
            '`' => out.push_str("#96;"),
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '%' => out.push_str("#37;"),
            // Mermaid draws `\n` as a line break even when the backslash is an entity code;
            // a zero-width space after the backslash keeps `\n` literal and invisible.
            '\\' => out.push_str("\\#8203;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Node};

    #[test]
    fn escapes_syntax_characters() {
        assert_eq!(
            escape(r#"$`Task_1_x`$ = "a|b" <c> & #35; d:e; %% \n"#),
            "$#96;Task_1_x#96;$ = #34;a#124;b#34; #60;c#62; #38; #35#59; d#58;e#59; #37;#37; \\#8203;n"
        );
        assert_eq!(label(&["a".into(), "[b]".into()]), "a<br/>[b]");
    }

    #[test]
    fn renders_shapes_edges_and_classes() {
        let graph = FlowGraph {
            nodes: vec![
                Node {
                    id: "trigger_1".into(),
                    kind: NodeKind::Trigger,
                    title: "API Trigger".into(),
                    details: vec!["API".into()],
                },
                Node {
                    id: "task_1".into(),
                    kind: NodeKind::ErrorTask,
                    title: "Say \"hi\"".into(),
                    details: vec![],
                },
                Node {
                    id: "catcher_C".into(),
                    kind: NodeKind::ErrorCatcher,
                    title: "C".into(),
                    details: vec![],
                },
            ],
            edges: vec![
                Edge {
                    from: "trigger_1".into(),
                    to: "task_1".into(),
                    kind: EdgeKind::Start,
                    label: None,
                    condition: Some("$a$ > 1".into()),
                },
                Edge {
                    from: "task_1".into(),
                    to: "catcher_C".into(),
                    kind: EdgeKind::OnError,
                    label: None,
                    condition: None,
                },
            ],
            ..FlowGraph::default()
        };
        let text = render(&graph);
        let expected_lines = [
            "flowchart TD",
            "    trigger_1([\"API Trigger<br/>API\"])",
            "    task_1[\"Say #34;hi#34;\"]",
            "    catcher_C{{\"C\"}}",
            "    trigger_1 -->|\"$a$ #62; 1\"| task_1",
            "    task_1 -.->|\"on error\"| catcher_C",
            "    class trigger_1 trigger",
            "    class task_1 errorTask",
            "    class catcher_C catcher",
            "    linkStyle 1 stroke:#c0392b,color:#c0392b",
        ];
        for line in expected_lines {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
    }
}
