//! The reference sites of integrationcli's related files (FORMAT.md §9–10): overrides, config
//! variables, test cases and test configs. Task-shaped and trigger-shaped parts (a task
//! override, a test case's copy of a task or trigger) are walked like the integration's own.

use super::{Found, Node, Walker, child, list};
use crate::document::{Document, Span, SpanNode};
use crate::kind::FileKind;
use crate::references::{Form, Namespace};

/// Indexes the sites of a related file of kind `kind` (nothing for an integration file).
pub(in crate::references) fn walk_related(doc: &Document, kind: FileKind) -> Found {
    let root = Node {
        value: doc.value(),
        span: Some(doc.root()),
    };
    let mut walker = Walker::new(doc.text());
    match kind {
        // Files known by their shape: an integration is indexed whole, the others are not
        // project files.
        FileKind::Integration
        | FileKind::ExecuteRequest
        | FileKind::CustomConnectorSpec
        | FileKind::Connection
        | FileKind::Other => {}
        FileKind::Overrides => walker.overrides(root),
        FileKind::ConfigVariables => walker.keys(root, "", "config-variables key"),
        FileKind::TestCase => walker.test_case(root),
        FileKind::TestConfig => {
            walker.trigger_id(root, "");
            if let Some(inputs) = root.get("inputParameters") {
                walker.keys(inputs, "/inputParameters", "inputParameters key");
            }
        }
    }
    walker.out
}

impl<'a> Walker<'a> {
    fn overrides(&mut self, root: Node<'a>) {
        for (i, t) in list(root, "task_overrides") {
            self.task(t, &format!("/task_overrides/{i}"), "task_overrides", false);
        }
        for (i, c) in list(root, "connection_overrides") {
            if let Some(id) = c.get("taskId") {
                let ptr = format!("/connection_overrides/{i}/taskId");
                let site = "connection_overrides[].taskId";
                self.whole(id, &ptr, Namespace::TaskId, Form::IdLink, site);
            }
        }
        for (i, t) in list(root, "trigger_overrides") {
            if let Some(n) = t.get("triggerNumber") {
                let ptr = format!("/trigger_overrides/{i}/triggerNumber");
                let site = "trigger_overrides[].triggerNumber";
                self.whole(n, &ptr, Namespace::TriggerNumber, Form::IdLink, site);
            }
        }
        for (i, p) in list(root, "param_overrides") {
            if let Some(key) = p.get("key") {
                let ptr = format!("/param_overrides/{i}/key");
                let site = "param_overrides[].key";
                self.whole(key, &ptr, Namespace::Variable, Form::BareName, site);
            }
        }
    }

    fn test_case(&mut self, root: Node<'a>) {
        self.trigger_id(root, "");
        if let Some(t) = root.get("triggerConfig") {
            self.trigger(t, "/triggerConfig", "triggerConfig", false);
        }
        for (i, p) in list(root, "testInputParameters") {
            let ptr = format!("/testInputParameters/{i}");
            self.variable(p, &ptr, "testInputParameters[]", "displayName");
        }
        for (i, t) in list(root, "testTaskConfigs") {
            let ptr = format!("/testTaskConfigs/{i}");
            if let Some(n) = t.get("taskNumber") {
                let site = "testTaskConfigs[].taskNumber";
                let ptr = child(&ptr, "taskNumber");
                self.whole(n, &ptr, Namespace::TaskId, Form::IdLink, site);
            }
            if let Some(task) = t.get("taskConfig") {
                let ptr = child(&ptr, "taskConfig");
                self.task(task, &ptr, "testTaskConfigs[].taskConfig", false);
            }
            let parameters = t.at(&["mockConfig", "parameters"]);
            for (j, p) in parameters.into_iter().flat_map(Node::items).enumerate() {
                if let Some(key) = p.get("key") {
                    let ptr = format!("{ptr}/mockConfig/parameters/{j}/key");
                    let site = "testTaskConfigs[].mockConfig.parameters[].key";
                    self.whole(key, &ptr, Namespace::Variable, Form::BareName, site);
                }
            }
            for (j, a) in list(t, "assertions") {
                let ptr = format!("{ptr}/assertions/{j}");
                if let Some(key) = a.at(&["parameter", "key"]) {
                    let site = "testTaskConfigs[].assertions[].parameter.key";
                    let ptr = format!("{ptr}/parameter/key");
                    self.whole(key, &ptr, Namespace::Variable, Form::BareName, site);
                }
                if let Some(c) = a.get("condition") {
                    let site = "testTaskConfigs[].assertions[].condition";
                    self.text_leaf(c, &child(&ptr, "condition"), site, "condition");
                }
            }
        }
    }

    /// A top-level `triggerId` naming the trigger a test runs from.
    fn trigger_id(&mut self, root: Node<'a>, ptr: &str) {
        if let Some(id) = root.get("triggerId") {
            let ptr = child(ptr, "triggerId");
            self.whole(id, &ptr, Namespace::TriggerId, Form::IdLink, "triggerId");
        }
    }

    /// Every key of the object `node` as a variable name (the key token is renamed).
    fn keys(&mut self, node: Node<'a>, ptr: &str, site: &str) {
        let Some(SpanNode::Object(_, entries)) = node.span else {
            return;
        };
        let Some(map) = node.value.as_object() else {
            return;
        };
        for (key, (key_span, _)) in map.keys().zip(entries) {
            let Some(d) = super::Decoded::decode(self.text, *key_span) else {
                continue;
            };
            if d.text.is_empty() {
                continue;
            }
            let span = Span::new(0, d.text.len());
            let mut r = self.reference(&[&d], span, d.text.to_string(), &child(ptr, key), site);
            r.form = Form::Declaration;
            self.out.references.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(text: &str, kind: FileKind) -> Vec<(Namespace, String, String)> {
        let doc = Document::parse(text).unwrap();
        let mut refs = walk_related(&doc, kind).references;
        refs.sort_by_key(|r| r.span);
        for r in &refs {
            assert!(
                doc.text()[r.span.range()].contains(r.name.trim_matches('`')),
                "{r:?}"
            );
        }
        refs.into_iter()
            .map(|r| (r.namespace, r.name, r.pointer))
            .collect()
    }

    #[test]
    fn overrides_sites() {
        let text = r#"{"task_overrides": [{"taskId": "1", "task": "GenericRestV2Task",
            "parameters": {"url": {"key": "url", "value": {"stringValue": "$base$/x"}}}}],
          "connection_overrides": [{"taskId": "3", "task": "GenericConnectorTask"}],
          "trigger_overrides": [{"triggerNumber": "2"}],
          "param_overrides": [{"key": "_env", "defaultValue": {"stringValue": "dev"}}]}"#;
        let found = sites(text, FileKind::Overrides);
        let names: Vec<(Namespace, &str)> =
            found.iter().map(|(n, s, _)| (*n, s.as_str())).collect();
        assert_eq!(
            names,
            [
                (Namespace::TaskId, "1"),
                (Namespace::Variable, "base"),
                (Namespace::TaskId, "3"),
                (Namespace::TriggerNumber, "2"),
                (Namespace::Variable, "_env"),
            ]
        );
    }

    #[test]
    fn config_keys_and_test_sites() {
        let found = sites(
            r#"{"`CONFIG_a`": "x", "`CONFIG_b`": 1}"#,
            FileKind::ConfigVariables,
        );
        assert_eq!(
            found[0],
            (
                Namespace::Variable,
                "`CONFIG_a`".into(),
                "/`CONFIG_a`".into()
            )
        );
        assert_eq!(found.len(), 2);
        let test = r#"{"triggerId": "api_trigger/t", "testTaskConfigs": [{"taskNumber": "2",
            "mockConfig": {"parameters": [{"key": "`Task_2_body`", "value": {"stringValue": "$notref$"}}]},
            "assertions": [{"parameter": {"key": "out"}}, {"condition": "$out$ = 1"}],
            "taskConfig": {"taskId": "2", "nextTasks": [{"taskId": "3"}]}}],
            "triggerConfig": {"triggerNumber": "1", "startTasks": [{"taskId": "2"}]}}"#;
        let found = sites(test, FileKind::TestCase);
        let names: Vec<&str> = found.iter().map(|(_, s, _)| s.as_str()).collect();
        assert_eq!(
            names,
            [
                "api_trigger/t",
                "2",
                "`Task_2_body`",
                "out",
                "out",
                "2",
                "3",
                "1",
                "2"
            ]
        );
        let config = r#"{"triggerId": "api_trigger/t", "inputParameters": {"order": {"stringValue": "$x$"}}}"#;
        let found = sites(config, FileKind::TestConfig);
        assert_eq!(
            found[1],
            (
                Namespace::Variable,
                "order".into(),
                "/inputParameters/order".into()
            )
        );
        assert_eq!(found.len(), 2);
    }
}
