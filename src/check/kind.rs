//! Which kind of file a JSON document is, decided by its shape (never by its file name).
//!
//! `integ check` validates integrations, execute requests (and integrationcli test
//! configurations, which hold the same `inputParameters`), custom connector version specs and
//! integrationcli connection files; any other JSON is skipped.

use serde_json::{Map, Value};

use crate::request::checks::REQUEST_FIELDS;

/// The kinds of file `integ check` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// An integration version (or an envelope around one).
    Integration,
    /// An `ExecuteIntegrationsRequest` body or a test configuration (`{"inputParameters": …}`).
    ExecuteRequest,
    /// A `CustomConnectorVersion` spec of the Integration Connectors API.
    CustomConnectorSpec,
    /// An integrationcli connection file (`{"connectorDetails": …}`).
    Connection,
    /// Any other JSON: not checked.
    Other,
}

impl FileKind {
    /// A name for messages (`"execute request"`).
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Integration => "integration",
            FileKind::ExecuteRequest => "execute request",
            FileKind::CustomConnectorSpec => "custom connector version spec",
            FileKind::Connection => "connection",
            FileKind::Other => "other JSON",
        }
    }
}

/// Keys only a custom connector version has (a connection has none of them).
const SPEC_KEYS: &[&str] = &[
    "specLocation",
    "enableBackendDestinationConfig",
    "backendVariableTemplates",
    "specServerUrls",
];

/// The kind of the document whose value is `value`.
///
/// * integration: a top-level `triggerConfigs`, `taskConfigs`, `integrationParameters`… (see
///   [`super::is_integration`]);
/// * connection: a top-level `connectorDetails`;
/// * custom connector version: a key only specs have (`specLocation`,
///   `enableBackendDestinationConfig`, `backendVariableTemplates`), or a `name` of the form
///   `projects/*/locations/*/customConnectors/*/customConnectorVersions/*`;
/// * execute request: `inputParameters`, or a `triggerId` with only request fields beside it.
pub fn detect(value: &Value) -> FileKind {
    let Some(root) = value.as_object() else {
        return FileKind::Other;
    };
    if super::is_integration(value) {
        return FileKind::Integration;
    }
    if root.contains_key("connectorDetails") {
        return FileKind::Connection;
    }
    if SPEC_KEYS.iter().any(|k| root.contains_key(*k)) || has_version_name(root) {
        return FileKind::CustomConnectorSpec;
    }
    let only_request_fields = root.keys().all(|k| REQUEST_FIELDS.contains(&k.as_str()));
    if root.contains_key("inputParameters")
        || (root.contains_key("triggerId") && only_request_fields)
    {
        return FileKind::ExecuteRequest;
    }
    FileKind::Other
}

/// What a document of [`FileKind::Other`] is, for the message that says it was not checked:
/// `"the top level is an array"`, or an object without the keys of any kind integ checks.
pub fn describe_other(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => {
            "an object without the keys of an integration, execute request, connector spec or \
             connection"
        }
        Value::Array(_) => "the top level is an array",
        Value::String(_) => "the top level is a string",
        Value::Number(_) => "the top level is a number",
        Value::Bool(_) => "the top level is a boolean",
        Value::Null => "the top level is null",
    }
}

fn has_version_name(root: &Map<String, Value>) -> bool {
    root.get("name")
        .and_then(Value::as_str)
        .is_some_and(|name| {
            name.contains("/customConnectors/") && name.contains("/customConnectorVersions/")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_each_kind_by_shape() {
        let cases = [
            (json!({"taskConfigs": []}), FileKind::Integration),
            (
                json!({"triggerId": "api_trigger/a", "inputParameters": {}}),
                FileKind::ExecuteRequest,
            ),
            (json!({"inputParameters": {}}), FileKind::ExecuteRequest),
            (
                json!({"triggerId": "api_trigger/a"}),
                FileKind::ExecuteRequest,
            ),
            (
                json!({"specLocation": "gs://b/o"}),
                FileKind::CustomConnectorSpec,
            ),
            (
                json!({"name": "projects/p/locations/global/customConnectors/c/customConnectorVersions/1"}),
                FileKind::CustomConnectorSpec,
            ),
            (
                json!({"enableBackendDestinationConfig": false}),
                FileKind::CustomConnectorSpec,
            ),
            (
                json!({"connectorDetails": {"name": "pubsub"}, "specLocation": "x"}),
                FileKind::Connection,
            ),
            // A test case has a triggerId but other fields too.
            (
                json!({"triggerId": "api_trigger/a", "testTaskConfigs": []}),
                FileKind::Other,
            ),
            (json!({"name": "my-package"}), FileKind::Other),
            (json!(["a"]), FileKind::Other),
        ];
        for (value, kind) in cases {
            assert_eq!(detect(&value), kind, "{value}");
        }
    }
}
