//! The access rules, one test per task type.

use super::*;
use crate::document::Document;

/// `(reads, writes, writes_any, understood)` of each task of `text`, names as written.
type Summary = (Vec<String>, Vec<String>, bool, bool);

fn accesses(text: &str) -> (Vec<Summary>, Vec<Vec<String>>) {
    let doc = Document::parse(text).expect("test input is JSON");
    let model = IntegrationVersion::from_document(&doc).expect("test input is a model");
    let index = ReferenceIndex::build(&doc);
    let found = Accesses::new(&model, &index);
    let names = |refs: &[&Reference]| refs.iter().map(|r| r.name.clone()).collect();
    let tasks = found
        .tasks
        .iter()
        .map(|t| {
            (
                names(&t.reads),
                names(&t.writes),
                t.writes_any,
                t.understood,
            )
        })
        .collect();
    let triggers = found
        .triggers
        .iter()
        .map(|t| t.iter().map(|n| n.to_string()).collect())
        .collect();
    (tasks, triggers)
}

fn one(task: &str) -> Summary {
    let text = format!(r#"{{"taskConfigs": [{task}]}}"#);
    accesses(&text).0.remove(0)
}

fn strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[test]
fn data_mapping_writes_its_output_fields_and_reads_the_rest() {
    let config = r#"{\"mappedFields\": [{\"inputField\": {\"transformExpression\": {\"initialValue\": {\"referenceValue\": \"$order$\"}, \"transformationFunctions\": [{\"parameters\": [{\"initialValue\": {\"referenceValue\": \"$`Task_2_responseBody`.id$\"}}]}]}}, \"outputField\": {\"referenceKey\": \"$total$\", \"defaultValue\": {\"stringValue\": \"$fallback$\"}}}, {\"inputField\": {\"transformExpression\": {\"initialValue\": {\"literalValue\": {\"stringValue\": \"Hi $name$\"}}}}, \"outputField\": {\"referenceKey\": \"$`Task_3_connectorInputPayload`.x$\"}}]}"#;
    let task = format!(
        r#"{{"task": "FieldMappingTask", "taskId": "1", "parameters": {{"FieldMappingConfigTaskParameterKey": {{"key": "FieldMappingConfigTaskParameterKey", "value": {{"jsonValue": "{config}"}}}}}}}}"#
    );
    assert_eq!(
        one(&task),
        (
            strings(&["order", "`Task_2_responseBody`", "fallback", "name"]),
            strings(&["total", "`Task_3_connectorInputPayload`"]),
            false,
            true
        )
    );
}

#[test]
fn rest_call_writes_its_response_bindings() {
    let task = r#"{"task": "GenericRestV2Task", "taskId": "2",
        "parameters": {
          "url": {"key": "url", "value": {"stringValue": "https://x/$order.id$"}},
          "requestBody": {"key": "requestBody", "value": {"stringValue": "$payload$"}},
          "responseBody": {"key": "responseBody", "value": {"stringArray": {"stringValues": ["$`Task_2_responseBody`$"]}}},
          "responseStatus": {"key": "responseStatus", "value": {"stringArray": {"stringValues": ["$`Task_2_responseStatus`$"]}}}},
        "nextTasks": [{"taskId": "3", "condition": "$`Task_2_responseStatus`$ = \"200\""}]}"#;
    assert_eq!(
        one(task),
        (
            strings(&["order", "payload", "`Task_2_responseStatus`"]),
            strings(&["`Task_2_responseBody`", "`Task_2_responseStatus`"]),
            false,
            true
        )
    );
}

#[test]
fn connector_reads_its_input_binding_and_writes_its_output() {
    let task = r#"{"task": "GenericConnectorTask", "taskId": "3", "parameters": {
        "connectorInputPayload": {"key": "connectorInputPayload", "value": {"stringValue": "$`Task_3_connectorInputPayload`$"}},
        "connectorOutputPayload": {"key": "connectorOutputPayload", "value": {"stringValue": "$`Task_3_connectorOutputPayload`$"}},
        "listEntitiesNextPageToken": {"key": "listEntitiesNextPageToken", "value": {"stringValue": "$`Task_3_listEntitiesNextPageToken`$"}}}}"#;
    let (reads, writes, any, understood) = one(task);
    assert_eq!(reads, strings(&["`Task_3_connectorInputPayload`"]));
    assert_eq!(
        writes,
        strings(&[
            "`Task_3_connectorOutputPayload`",
            "`Task_3_listEntitiesNextPageToken`"
        ])
    );
    assert!(!any && understood);
}

#[test]
fn javascript_gets_and_sets() {
    let task = r#"{"task": "JavaScriptTask", "taskId": "4", "parameters": {"script": {"key": "script",
        "value": {"stringValue": "function executeScript(event) { var o = event.getParameter(\"order\"); event.setParameter('total', o.x); }"}}}}"#;
    assert_eq!(
        one(task),
        (strings(&["order"]), strings(&["total"]), false, true)
    );
    let computed = r#"{"task": "JavaScriptTask", "taskId": "4", "parameters": {"script": {"key": "script",
        "value": {"stringValue": "['a', 'b'].forEach(function(n) { event.setParameter(n, 1); });"}}}}"#;
    assert!(one(computed).2, "a computed name may be any variable");
}

#[test]
fn data_transformer_reads_ext_vars_and_writes_output_fields() {
    let task = r#"{"task": "JsonnetMapperTask", "taskId": "5", "parameters": {"template": {"key": "template",
        "value": {"stringValue": "local f = import \"functions\";\nlocal o = f.extVar(\"order\");\n{ total: o.x, \"status\": 1 }"}}}}"#;
    assert_eq!(
        one(task),
        (
            strings(&["order"]),
            strings(&["total", "status"]),
            false,
            true
        )
    );
    let merged = r#"{"task": "JsonnetMapperTask", "taskId": "5", "parameters": {"template": {"key": "template",
        "value": {"stringValue": "std.mergePatch({a: 1}, std.extVar(\"x\"))"}}}}"#;
    assert!(
        one(merged).2,
        "a result that is not an object literal may set anything"
    );
}

#[test]
fn email_reads_recipients_and_bodies() {
    let task = r#"{"task": "EmailTask", "taskId": "6", "parameters": {
        "To": {"key": "To", "value": {"stringArray": {"stringValues": ["$recipients$"]}}},
        "TextBody": {"key": "TextBody", "value": {"stringValue": "Order $order.id$ shipped"}},
        "GmrEmailResponseOutput": {"key": "GmrEmailResponseOutput", "value": {"stringArray": {"stringValues": ["$`Task_6_GmrEmailResponseOutput`$"]}}}}}"#;
    assert_eq!(
        one(task),
        (
            strings(&["recipients", "order"]),
            strings(&["`Task_6_GmrEmailResponseOutput`"]),
            false,
            true
        )
    );
}

#[test]
fn call_tasks_read_request_maps_and_write_response_maps() {
    let map = |pairs: &[(&str, &str)]| {
        let entries: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!(r#"{{\"key\": {{\"literalValue\": {{\"stringValue\": \"{k}\"}}}}, \"value\": {{\"literalValue\": {{\"stringValue\": \"{v}\"}}}}}}"#))
            .collect();
        format!(r#"{{\"entries\": [{}]}}"#, entries.join(", "))
    };
    let text = format!(
        r#"{{"triggerConfigs": [{{"triggerId": "api_trigger/sub", "triggerType": "API"}}],
           "taskConfigs": [{{"task": "SubWorkflowForEachLoopV2Task", "taskId": "7", "parameters": {{
             "triggerId": {{"key": "triggerId", "value": {{"stringValue": "api_trigger/sub"}}}},
             "listToIterate": {{"key": "listToIterate", "value": {{"stringValue": "$items$"}}}},
             "iterationElementMapping": {{"key": "iterationElementMapping", "value": {{"stringValue": "item"}}}},
             "requestParameterMapping": {{"key": "requestParameterMapping", "value": {{"jsonValue": "{}"}}}},
             "aggregatorParameterMapping": {{"key": "aggregatorParameterMapping", "value": {{"jsonValue": "{}"}}}},
             "loopMetadata": {{"key": "loopMetadata", "value": {{"stringArray": {{"stringValues": ["$`Task_7_loopMetadata`$"]}}}}}}}}}}]}}"#,
        map(&[("token", "subToken")]),
        map(&[("subResult", "results")])
    );
    let (tasks, _) = accesses(&text);
    assert_eq!(
        tasks[0],
        (
            strings(&["items", "token"]),
            strings(&["results", "`Task_7_loopMetadata`"]),
            false,
            true
        )
    );
}

#[test]
fn other_tasks_and_templates() {
    let cloud_function = r#"{"task": "CloudFunctionTask", "taskId": "8", "parameters": {}}"#;
    assert_eq!(one(cloud_function), (vec![], vec![], true, true));
    let template = r#"{"task": "Vertex AI - Predict", "taskTemplate": "Vertex AI - Predict", "taskId": "9", "parameters": {
        "endpoint": {"key": "endpoint", "value": {"stringValue": "$model$"}},
        "response": {"key": "response", "value": {"stringArray": {"stringValues": ["$`Task_9_response`$"]}}}}}"#;
    assert_eq!(
        one(template),
        (
            strings(&["model"]),
            strings(&["`Task_9_response`"]),
            false,
            false
        )
    );
    let unknown = r#"{"task": "SomeNewTask", "taskId": "10", "parameters": {
        "result": {"key": "result", "value": {"stringArray": {"stringValues": ["$out$"]}}}}}"#;
    assert_eq!(one(unknown), (strings(&["out"]), vec![], false, false));
}

#[test]
fn triggers_write_their_inputs() {
    let text = r#"{
      "triggerConfigs": [
        {"triggerNumber": "1", "triggerType": "API", "inputVariables": {"names": ["order"]}},
        {"triggerNumber": "2", "triggerType": "CLOUD_PUBSUB_EXTERNAL"}],
      "integrationParameters": [
        {"key": "order"}, {"key": "limit", "inputOutputType": "IN"},
        {"key": "result", "inputOutputType": "OUT"},
        {"key": "CloudPubSubMessage", "producer": "2_2"}]
    }"#;
    let (_, triggers) = accesses(text);
    assert_eq!(
        triggers,
        [
            strings(&["limit", "order"]),
            strings(&["CloudPubSubMessage"])
        ]
    );
}

#[test]
fn may_set_is_conservative() {
    let unknown = TaskAccess {
        understood: false,
        ..TaskAccess::default()
    };
    assert!(!unknown.may_set("x"));
    let any = TaskAccess {
        writes_any: true,
        understood: true,
        ..TaskAccess::default()
    };
    assert!(any.may_set("x"));
}

#[test]
fn pointers_split_into_list_index_and_rest() {
    assert_eq!(
        split_pointer("/taskConfigs/12/parameters/a~1b/value"),
        Some(("taskConfigs", 12, "parameters/a~1b/value"))
    );
    assert_eq!(
        split_pointer("/triggerConfigs/0"),
        Some(("triggerConfigs", 0, ""))
    );
    assert_eq!(
        split_pointer("/taskConfigs/0/"),
        Some(("taskConfigs", 0, ""))
    );
    for odd in [
        "",
        "/",
        "taskConfigs/1",
        "/taskConfigs",
        "/taskConfigs/",
        "/taskConfigs/x/a",
        "/taskConfigs/1x/a",
        "/taskConfigs/1234567890/a",
    ] {
        assert_eq!(split_pointer(odd), None, "{odd}");
    }
    assert_eq!(
        task_parameter("/taskConfigs/3/parameters/a~1b/value"),
        Some((3, "a/b".into()))
    );
    assert_eq!(task_of("/integrationParameters/3"), None);
}
