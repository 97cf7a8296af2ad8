//! Checks of execute requests and test configurations (R001–R006).
//!
//! Without an integration a request is checked for shape only (R001–R003); with one
//! (`integ check --integration FILE`) also its trigger, inputs and value types (R004–R006).
//! Each check lives in its own file and is one [`RequestCheck`] in the registry of every check
//! (`crate::check::registry`), which also runs them.

pub(crate) mod input_type_mismatch;
pub(crate) mod invalid_input_value;
pub(crate) mod invalid_request_field;
pub(crate) mod undeclared_input;
pub(crate) mod unknown_request_field;
pub(crate) mod unknown_trigger;

use serde_json::Value;

use crate::diagnostic::{Context, Diagnostic, Registered};
use crate::document::push_token;
use crate::model::IntegrationVersion;

/// A check of request files: its code and documentation, and the function that checks one file.
pub type RequestCheck = Registered<fn(&RequestContext<'_>, &mut Vec<Diagnostic>)>;

/// What a request check sees: the request document and these facts.
pub type RequestContext<'a> = Context<'a, RequestFacts<'a>>;

/// What a request check knows besides the request.
pub struct RequestFacts<'a> {
    /// The integration the request is for, when `--integration` was given.
    pub integration: Option<&'a IntegrationVersion<'a>>,
}

impl<'a> Context<'a, RequestFacts<'a>> {
    /// The `triggerId`, when it is a string.
    pub fn trigger_id(&self) -> Option<&'a str> {
        self.root()?.get("triggerId")?.as_str()
    }

    /// The inputs, when `inputParameters` is an object: key, value and JSON Pointer.
    pub fn inputs(&self) -> Vec<(&'a str, &'a Value, String)> {
        let Some(Value::Object(inputs)) = self.root().and_then(|r| r.get("inputParameters")) else {
            return Vec::new();
        };
        inputs
            .iter()
            .map(|(k, v)| {
                let mut pointer = "/inputParameters".to_string();
                push_token(&mut pointer, k);
                (k.as_str(), v, pointer)
            })
            .collect()
    }

    /// The integration's trigger `triggerId`, when the integration has it.
    pub fn known_trigger(&self) -> Option<&'a str> {
        let id = self.trigger_id()?;
        self.integration?
            .trigger_configs
            .iter()
            .any(|t| t.trigger_id == Some(id))
            .then_some(id)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one check on a request text, for the unit tests of each check.

    use super::*;
    use crate::document::Document;

    /// The findings of `check` on `text`, with the integration `integration` when given, as
    /// `(pointer, message)`.
    pub fn findings(
        check: &RequestCheck,
        text: &str,
        integration: Option<&str>,
    ) -> Vec<(String, String)> {
        let doc = Document::parse(text).expect("test input is JSON");
        let integration = integration.map(|t| Document::parse(t).unwrap());
        let model = integration
            .as_ref()
            .map(|d| IntegrationVersion::from_document(d).unwrap());
        let facts = RequestFacts {
            integration: model.as_ref(),
        };
        let ctx = Context::new(&doc, facts);
        let mut out = Vec::new();
        (check.run)(&ctx, &mut out);
        crate::diagnostic::testing::pointer_messages(&check.check, out)
    }

    /// A small integration: trigger `api_trigger/t`, inputs `n` (INT) and `s` (STRING),
    /// output `o`.
    pub const INTEGRATION: &str = r#"{"triggerConfigs": [{"triggerId": "api_trigger/t"}],
        "integrationParameters": [
          {"key": "n", "dataType": "INT_VALUE", "inputOutputType": "IN"},
          {"key": "s", "dataType": "STRING_VALUE", "inputOutputType": "IN_OUT"},
          {"key": "o", "dataType": "STRING_VALUE", "inputOutputType": "OUT"}]}"#;
}
