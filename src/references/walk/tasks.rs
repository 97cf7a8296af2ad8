//! Tasks: ids, edges, conditions, and parameters by task type (code, maps, element mappings).

use super::{Code, Node, PayloadContext, Walker, child, item, list};
use crate::document::push_token;
use crate::references::{Form, Namespace, Slot, dollar, submaps};

impl<'a> Walker<'a> {
    pub(super) fn task(&mut self, t: Node<'a>, ptr: &str, base: &str, internal: bool) {
        let (id_field, type_field) = if internal {
            ("taskNumber", "taskName")
        } else {
            ("taskId", "task")
        };
        if let Some(id) = t.get(id_field) {
            let site = [base, "[].", id_field].concat();
            let ptr = child(ptr, id_field);
            self.whole(id, ptr, Namespace::TaskId, Form::Declaration, site);
        }
        for (j, edge) in list(t, "nextTasks") {
            let edge_ptr = item(&[ptr, "/nextTasks"].concat(), j);
            for field in ["taskId", "taskConfigId", "taskNumber"] {
                if let Some(id) = edge.get(field) {
                    let site = [base, "[].nextTasks[].", field].concat();
                    let ptr = child(&edge_ptr, field);
                    self.whole(id, ptr, Namespace::TaskId, Form::IdLink, site);
                }
            }
            if let Some(c) = edge.get("condition").filter(|c| self.may_hold_dollar(*c)) {
                let site = [base, "[].nextTasks[].condition"].concat();
                self.text_leaf(c, &child(&edge_ptr, "condition"), &site, "condition");
            }
        }
        for path in [
            &["failurePolicy", "condition"][..],
            &["synchronousCallFailurePolicy", "condition"],
            &[
                "conditionalFailurePolicies",
                "defaultFailurePolicy",
                "condition",
            ],
            &["precondition"],
        ] {
            if let Some(c) = t.at(path).filter(|c| self.may_hold_dollar(*c)) {
                let site = format!("{base}[].{}", path.join("."));
                let ptr = format!("{ptr}/{}", path.join("/"));
                self.text_leaf(c, &ptr, &site, "condition");
            }
        }
        if let Some(policies) = t.at(&["conditionalFailurePolicies", "failurePolicies"]) {
            for (j, policy) in policies.items().enumerate() {
                if let Some(c) = policy.get("condition") {
                    let ptr =
                        format!("{ptr}/conditionalFailurePolicies/failurePolicies/{j}/condition");
                    let site =
                        format!("{base}[].conditionalFailurePolicies.failurePolicies[].condition");
                    self.text_leaf(c, &ptr, &site, "condition");
                }
            }
        }
        let task_type = t.get(type_field).and_then(Node::str).unwrap_or("");
        let parameters = t.get("parameters");
        let self_call = submaps::is_call_task(task_type)
            && parameters
                .and_then(|p| p.at(&["triggerId", "value", "stringValue"]))
                .and_then(Node::str)
                .is_some_and(|id| self.trigger_ids.contains(id));
        let site = [base, "[].parameters.*.value"].concat();
        for (key, param) in parameters.into_iter().flat_map(Node::entries) {
            let Some(value) = param.get("value") else {
                continue;
            };
            // Most parameters hold neither code, nor a map, nor a `$`: nothing to read.
            let named_by_shape = submaps::is_call_task(task_type)
                || matches!(
                    (task_type, key),
                    ("JavaScriptTask", "script")
                        | ("JsonnetMapperTask", "template" | "diagramMetadata")
                );
            if !named_by_shape && !self.may_hold_dollar(value) {
                continue;
            }
            let mut value_ptr = [ptr, "/parameters"].concat();
            push_token(&mut value_ptr, key);
            value_ptr.push_str("/value");
            self.parameter(task_type, self_call, key, value, &value_ptr, &site);
        }
    }

    fn parameter(
        &mut self,
        task_type: &str,
        self_call: bool,
        key: &str,
        value: Node<'a>,
        ptr: &str,
        site: &str,
    ) {
        let string = value.get("stringValue");
        let string_ptr = || child(ptr, "stringValue");
        match (task_type, key) {
            ("JavaScriptTask", "script") => {
                if let Some(s) = string {
                    self.code(s, &string_ptr(), "JavaScriptTask script", Code::JavaScript);
                }
                return;
            }
            ("JsonnetMapperTask", "template") => {
                if let Some(s) = string {
                    self.code(
                        s,
                        &string_ptr(),
                        "JsonnetMapperTask template",
                        Code::Jsonnet,
                    );
                }
                return;
            }
            ("JsonnetMapperTask", "diagramMetadata") => {
                if let Some(json) = value.get("jsonValue") {
                    let site = [site, ".jsonValue (diagramMetadata)"].concat();
                    self.payload_leaf(
                        json,
                        &child(ptr, "jsonValue"),
                        &site,
                        PayloadContext::Diagram,
                    );
                }
                return;
            }
            _ => {}
        }
        if submaps::is_call_task(task_type) {
            if key == "triggerId" {
                if let Some(s) =
                    string.filter(|s| s.str().is_some_and(|id| self.trigger_ids.contains(id)))
                {
                    let site = [task_type, " triggerId"].concat();
                    self.whole(s, string_ptr(), Namespace::TriggerId, Form::IdLink, site);
                }
                return;
            }
            if key == "workflowName" {
                return;
            }
            if submaps::ELEMENT_MAPPINGS.contains(&key) {
                if let Some(s) = string.filter(|s| s.str().is_some_and(dollar::is_variable_name)) {
                    let site = [task_type, " ", key].concat();
                    let namespace = if self_call {
                        Namespace::Variable
                    } else {
                        Namespace::CalledVariable
                    };
                    if let Some(r) = self.whole(s, string_ptr(), namespace, Form::BareName, site) {
                        r.slot = Slot::ElementMapping;
                    }
                }
                return;
            }
            if let Some(direction) = submaps::direction(key) {
                if let Some(json) = value.get("jsonValue") {
                    let site = [task_type, " ", key].concat();
                    let context = PayloadContext::SubMap {
                        direction,
                        self_call,
                    };
                    self.payload_leaf(json, &child(ptr, "jsonValue"), &site, context);
                }
                return;
            }
        }
        self.value_type(value, ptr, site);
    }
}
