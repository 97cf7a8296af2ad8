//! `integ graph --highlight VAR`: which triggers and tasks write a variable and which read it,
//! as the flow lints see them (the read and write rules of [`crate::references::access`], over
//! the one reference index).

use std::collections::BTreeMap;

use super::FlowGraph;
use crate::document::Document;
use crate::model::IntegrationVersion;
use crate::references::access::Accesses;
use crate::references::{Namespace, ReferenceIndex, strip_backticks};

/// What a node does with the highlighted variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// The trigger or task sets it.
    Writes,
    /// The task uses its value.
    Reads,
    /// The task uses it and sets it.
    ReadsAndWrites,
}

impl Mark {
    /// Every mark, in legend order.
    pub const ALL: [Mark; 3] = [Mark::Writes, Mark::Reads, Mark::ReadsAndWrites];

    /// The words of the label line and legend: `writes`, `reads`, `reads and writes`.
    pub fn words(self) -> &'static str {
        match self {
            Mark::Writes => "writes",
            Mark::Reads => "reads",
            Mark::ReadsAndWrites => "reads and writes",
        }
    }

    /// The style class name (Mermaid `classDef`), also the suffix of legend node ids.
    pub fn class(self) -> &'static str {
        match self {
            Mark::Writes => "writes",
            Mark::Reads => "reads",
            Mark::ReadsAndWrites => "readsWrites",
        }
    }

    /// Fill and border colour: orange for writes, purple for reads, magenta for both.
    pub fn colors(self) -> (&'static str, &'static str) {
        match self {
            Mark::Writes => ("#ffe0b2", "#e65100"),
            Mark::Reads => ("#e8dcf5", "#6a3d9a"),
            Mark::ReadsAndWrites => ("#fcdcec", "#ad1457"),
        }
    }
}

/// The highlighted variable and what each node does with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlight {
    /// The variable as the user named it.
    pub variable: String,
    /// By node id: the mark of each trigger and task that writes or reads it.
    pub marks: BTreeMap<String, Mark>,
}

impl Highlight {
    /// The mark of node `id`, if it touches the variable.
    pub fn mark(&self, id: &str) -> Option<Mark> {
        self.marks.get(id).copied()
    }

    /// The marks present, in legend order.
    pub fn used(&self) -> Vec<Mark> {
        Mark::ALL
            .into_iter()
            .filter(|m| self.marks.values().any(|v| v == m))
            .collect()
    }

    /// The label line a marked node gets: `writes order`.
    pub fn line(&self, mark: Mark) -> String {
        format!("{} {}", mark.words(), self.variable)
    }

    /// The legend's title: `highlight: order`.
    pub fn title(&self) -> String {
        format!("highlight: {}", self.variable)
    }

    /// The legend's boxes: one per mark present, or one saying that nothing touches the
    /// variable.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let used = self.used();
        if used.is_empty() {
            return vec![LegendEntry {
                id: "legend_none".to_string(),
                mark: None,
                text: format!("no trigger or task reads or writes {}", self.variable),
            }];
        }
        used.into_iter()
            .map(|mark| LegendEntry {
                id: format!("legend_{}", mark.class()),
                mark: Some(mark),
                text: self.line(mark),
            })
            .collect()
    }
}

/// One box of the legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    /// Its node id (`legend_writes`…), distinct from every flow node's.
    pub id: String,
    /// The mark it explains; `None` for the box saying nothing is marked.
    pub mark: Option<Mark>,
    /// Its text.
    pub text: String,
}

impl FlowGraph {
    /// Under `--highlight`, the mark of node `id` and the label line that says it (fitted
    /// like a detail line).
    pub fn mark_of(&self, id: &str) -> Option<(Mark, String)> {
        let highlight = self.highlight.as_ref()?;
        let mark = highlight.mark(id)?;
        let line = super::label::fit(&highlight.line(mark), super::DETAIL_WIDTH, 1);
        Some((mark, line.concat()))
    }
}

/// Marks on `graph`, the flow of `doc`, the triggers and tasks that write or read `variable`.
/// The name matches with or without backticks (`Task_1_responseBody` finds
/// `` `Task_1_responseBody` ``). An error names what is wrong: the file does not read as an
/// integration, or nothing declares or mentions the variable (a typo, most likely).
pub fn highlight(graph: &mut FlowGraph, doc: &Document, variable: &str) -> Result<(), String> {
    let model = IntegrationVersion::from_document(doc)
        .map_err(|e| format!("cannot read the file as an integration: {e}"))?;
    let index = ReferenceIndex::build(doc);
    let wanted = strip_backticks(variable);
    let is_it = |name: &str| strip_backticks(name) == wanted;
    let known = index
        .references
        .iter()
        .any(|r| r.namespace == Namespace::Variable && is_it(&r.name));
    if !known {
        return Err(format!(
            "no variable {variable} in this integration: nothing declares or mentions it"
        ));
    }
    let access = Accesses::new(&model, &index);
    let mut marks = BTreeMap::new();
    for (names, id) in access.triggers.iter().zip(&graph.trigger_nodes) {
        if names.iter().any(|n| is_it(n)) {
            marks.insert(id.clone(), Mark::Writes);
        }
    }
    for (task, id) in access.tasks.iter().zip(&graph.task_nodes) {
        let reads = task.reads.iter().any(|r| is_it(&r.name));
        let writes = task.writes.iter().any(|r| is_it(&r.name));
        let mark = match (reads, writes) {
            (true, true) => Mark::ReadsAndWrites,
            (false, true) => Mark::Writes,
            (true, false) => Mark::Reads,
            (false, false) => continue,
        };
        marks.insert(id.clone(), mark);
    }
    graph.highlight = Some(Highlight {
        variable: variable.to_string(),
        marks,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
      "triggerConfigs": [{"triggerNumber": "1", "triggerType": "API", "startTasks": [{"taskId": "1"}]}],
      "taskConfigs": [
        {"taskId": "1", "task": "JavaScriptTask", "nextTasks": [{"taskId": "2", "condition": "$total$ > 10"}],
         "parameters": {"script": {"key": "script", "value": {"stringValue":
           "var o = event.getParameter('order'); event.setParameter('total', o.n);"}}}},
        {"taskId": "2", "task": "GenericRestV2Task", "parameters": {
           "requestBody": {"key": "requestBody", "value": {"stringValue": "$order$"}},
           "responseBody": {"key": "responseBody", "value": {"stringArray": {"stringValues": ["$`Task_2_responseBody`$"]}}}}},
        {"taskId": "3", "task": "EmailTask"}],
      "integrationParameters": [{"key": "order", "inputOutputType": "IN"}, {"key": "total"},
        {"key": "`Task_2_responseBody`"}, {"key": "unused"}]
    }"#;

    fn marks(variable: &str) -> Result<Vec<(String, Mark)>, String> {
        let doc = Document::parse(TEXT).unwrap();
        let mut graph = FlowGraph::from_value(doc.value()).unwrap();
        highlight(&mut graph, &doc, variable)?;
        let found = graph.highlight.unwrap().marks.into_iter().collect();
        Ok(found)
    }

    #[test]
    fn marks_writers_and_readers() {
        let mark = |id: &str, m| (id.to_string(), m);
        assert_eq!(
            marks("order").unwrap(),
            [
                mark("task_1", Mark::Reads),
                mark("task_2", Mark::Reads),
                mark("trigger_1", Mark::Writes)
            ]
        );
        // The script sets `total`, and the condition of its edge reads it.
        assert_eq!(
            marks("total").unwrap(),
            [mark("task_1", Mark::ReadsAndWrites)]
        );
        // Without its backticks, a task output still names the variable.
        assert_eq!(
            marks("Task_2_responseBody").unwrap(),
            [mark("task_2", Mark::Writes)]
        );
    }

    #[test]
    fn an_unused_declaration_marks_nothing_and_an_unknown_name_is_an_error() {
        assert_eq!(marks("unused").unwrap(), []);
        let error = marks("ordr").unwrap_err();
        assert!(error.contains("no variable ordr"), "{error}");
    }
}
