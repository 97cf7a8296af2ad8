//! Building an `ExecuteIntegrationsRequest` body from an integration and `KEY=VALUE` inputs.

use serde_json::{Map, Value};

use super::input_text::parse_input;
use super::inputs::{InputCatalog, InputLookup};
use crate::model::IntegrationVersion;

/// What `integ request execute` was asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecuteOptions {
    /// The trigger to start (`api_trigger/<name>`); it must exist in the integration.
    pub trigger_id: String,
    /// Inputs as given on the command line, in order: key and untyped text.
    pub inputs: Vec<(String, String)>,
    /// Optional `requestId` (de-duplication key).
    pub request_id: Option<String>,
    /// Sets `doNotPropagateError: true`.
    pub do_not_propagate_error: bool,
}

/// Why a request cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The trigger is not in the integration.
    #[error("trigger {trigger:?} is not in the integration ({})", known_triggers(.known))]
    UnknownTrigger {
        /// The id asked for.
        trigger: String,
        /// The trigger ids of the integration.
        known: Vec<String>,
    },
    /// The same input was given twice.
    #[error("input {0:?} is given more than once")]
    DuplicateInput(String),
    /// The key is not an input of the integration (the message names it and says why).
    #[error("{reason}")]
    NotAnInput {
        /// The key.
        key: String,
        /// Why it cannot be set.
        reason: String,
    },
    /// The declaration has no usable type.
    #[error("input {key:?}: {reason}")]
    Untyped {
        /// The key.
        key: String,
        /// What is missing.
        reason: String,
    },
    /// The text is not a value of the declared type.
    #[error("input {key:?} is {data_type}: {value:?} {reason}")]
    BadValue {
        /// The key.
        key: String,
        /// The declared type.
        data_type: String,
        /// The text given.
        value: String,
        /// Why it is not such a value.
        reason: String,
    },
}

fn known_triggers(known: &[String]) -> String {
    if known.is_empty() {
        "it has no trigger with a triggerId".to_string()
    } else {
        format!("triggers: {}", known.join(", "))
    }
}

/// Builds the request body for `model`: `{"triggerId", "inputParameters", "requestId"?,
/// "doNotPropagateError"?}`, inputs in the order given.
pub fn execute_request(
    model: &IntegrationVersion,
    options: &ExecuteOptions,
) -> Result<Value, RequestError> {
    let trigger_exists = model
        .trigger_configs
        .iter()
        .any(|t| t.trigger_id == Some(options.trigger_id.as_str()));
    if !trigger_exists {
        return Err(RequestError::UnknownTrigger {
            trigger: options.trigger_id.clone(),
            known: model
                .trigger_configs
                .iter()
                .filter_map(|t| t.trigger_id.map(str::to_string))
                .collect(),
        });
    }
    let catalog = InputCatalog::new(model, Some(&options.trigger_id));
    let mut inputs = Map::new();
    for (key, text) in &options.inputs {
        if inputs.contains_key(key) {
            return Err(RequestError::DuplicateInput(key.clone()));
        }
        let data_type = match catalog.lookup(key) {
            InputLookup::Input(Some(data_type)) => data_type,
            InputLookup::Input(None) => {
                return Err(RequestError::Untyped {
                    key: key.clone(),
                    reason: "its declaration has no dataType".to_string(),
                });
            }
            _ => {
                return Err(RequestError::NotAnInput {
                    key: key.clone(),
                    reason: catalog.refusal(key).unwrap_or_default(),
                });
            }
        };
        let value = parse_input(data_type, text).map_err(|reason| RequestError::BadValue {
            key: key.clone(),
            data_type: data_type.to_string(),
            value: text.clone(),
            reason,
        })?;
        inputs.insert(key.clone(), value);
    }
    let mut body = Map::new();
    body.insert(
        "triggerId".into(),
        Value::String(options.trigger_id.clone()),
    );
    body.insert("inputParameters".into(), Value::Object(inputs));
    if let Some(id) = &options.request_id {
        body.insert("requestId".into(), Value::String(id.clone()));
    }
    if options.do_not_propagate_error {
        body.insert("doNotPropagateError".into(), Value::Bool(true));
    }
    Ok(Value::Object(body))
}

/// The body as printed: pretty JSON with two-space indentation and a final newline.
pub fn to_text(body: &Value) -> String {
    serde_json::to_string_pretty(body).expect("a Value always serialises") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use serde_json::json;

    fn model() -> IntegrationVersion<'static> {
        // The model borrows its document, which lives for the whole test.
        let doc: &'static Document = Box::leak(Box::new(
            Document::parse(
                r#"{"triggerConfigs": [{"triggerId": "api_trigger/t"}],
               "integrationParameters": [
                 {"key": "n", "dataType": "INT_VALUE", "inputOutputType": "IN"},
                 {"key": "tags", "dataType": "STRING_ARRAY", "inputOutputType": "IN"},
                 {"key": "raw", "inputOutputType": "IN"},
                 {"key": "internal", "dataType": "STRING_VALUE"}]}"#,
            )
            .unwrap(),
        ));
        IntegrationVersion::from_document(doc).unwrap()
    }

    fn options(inputs: &[(&str, &str)]) -> ExecuteOptions {
        ExecuteOptions {
            trigger_id: "api_trigger/t".into(),
            inputs: inputs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..ExecuteOptions::default()
        }
    }

    #[test]
    fn builds_the_body_in_order() {
        let mut opts = options(&[("tags", "a,b"), ("n", "3")]);
        opts.request_id = Some("r-1".into());
        opts.do_not_propagate_error = true;
        let body = execute_request(&model(), &opts).unwrap();
        assert_eq!(
            body,
            json!({"triggerId": "api_trigger/t",
                   "inputParameters": {"tags": {"stringArray": {"stringValues": ["a", "b"]}},
                                       "n": {"intValue": "3"}},
                   "requestId": "r-1", "doNotPropagateError": true})
        );
        let text = to_text(&body);
        assert!(text.starts_with(
            "{\n  \"triggerId\": \"api_trigger/t\",\n  \"inputParameters\": {\n    \"tags\""
        ));
        assert!(text.ends_with("}\n"));
        let keys: Vec<&String> = body["inputParameters"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(keys, ["tags", "n"]);
    }

    #[test]
    fn refuses_what_the_integration_does_not_allow() {
        let model = model();
        let mut opts = options(&[]);
        opts.trigger_id = "api_trigger/x".into();
        let err = execute_request(&model, &opts).unwrap_err();
        assert_eq!(
            err.to_string(),
            "trigger \"api_trigger/x\" is not in the integration (triggers: api_trigger/t)"
        );
        let err = execute_request(&model, &options(&[("n", "x")])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "input \"n\" is INT_VALUE: \"x\" is not a 64-bit integer"
        );
        let err = execute_request(&model, &options(&[("n", "1"), ("n", "2")])).unwrap_err();
        assert_eq!(err, RequestError::DuplicateInput("n".into()));
        let err = execute_request(&model, &options(&[("internal", "1")])).unwrap_err();
        assert!(err.to_string().contains("is not an input"), "{err}");
        let err = execute_request(&model, &options(&[("nope", "1")])).unwrap_err();
        assert!(err.to_string().contains("is not declared"), "{err}");
        let err = execute_request(&model, &options(&[("raw", "1")])).unwrap_err();
        assert!(err.to_string().contains("no dataType"), "{err}");
    }
}
