//! Which variables an execute request may set: the integration's inputs.
//!
//! A variable is an input when its declaration says so (`inputOutputType` `IN` or `IN_OUT`) or
//! when the trigger lists it in `inputVariables.names`. Its `dataType` types the value.

use std::collections::{BTreeSet, HashMap};

use crate::model::{DataType, InputOutputType, IntegrationParameter, IntegrationVersion};

/// The inputs of an integration, for one trigger or for all of them.
#[derive(Debug, Clone)]
pub struct InputCatalog<'a> {
    declared: HashMap<&'a str, &'a IntegrationParameter<'a>>,
    listed: BTreeSet<&'a str>,
}

/// What the catalogue says about one key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InputLookup<'a> {
    /// An input, with its declared type (`None` when the declaration has no `dataType`).
    Input(Option<&'a DataType>),
    /// Declared, but neither `IN`/`IN_OUT` nor listed by the trigger.
    NotAnInput(Option<&'a InputOutputType>),
    /// Listed in the trigger's `inputVariables` but not declared, so its type is unknown.
    ListedUndeclared,
    /// Not declared at all.
    Undeclared,
}

impl<'a> InputCatalog<'a> {
    /// The inputs of `model` started by the trigger with id `trigger_id`, or by any trigger
    /// when `trigger_id` is `None` (a test configuration names no trigger).
    pub fn new(model: &'a IntegrationVersion, trigger_id: Option<&str>) -> InputCatalog<'a> {
        let declared = model
            .integration_parameters
            .iter()
            .filter_map(|p| p.key.map(|k| (k, p)))
            .collect();
        let listed = model
            .trigger_configs
            .iter()
            .filter(|t| trigger_id.is_none() || t.trigger_id == trigger_id)
            .filter_map(|t| t.input_variables.as_ref())
            .flat_map(|v| v.names.iter().copied())
            .collect();
        InputCatalog { declared, listed }
    }

    /// What `key` is.
    pub fn lookup(&self, key: &str) -> InputLookup<'a> {
        match self.declared.get(key) {
            Some(p) if self.listed.contains(key) || is_input(p) => {
                InputLookup::Input(p.data_type.as_ref())
            }
            Some(p) => InputLookup::NotAnInput(p.input_output_type.as_ref()),
            None if self.listed.contains(key) => InputLookup::ListedUndeclared,
            None => InputLookup::Undeclared,
        }
    }

    /// The keys a request may set, sorted (for messages).
    pub fn input_keys(&self) -> Vec<&'a str> {
        let mut keys: Vec<&str> = self
            .declared
            .iter()
            .filter(|(k, p)| self.listed.contains(*k) || is_input(p))
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        keys
    }

    /// Why `key` cannot be set, in words, or `None` when it can.
    pub fn refusal(&self, key: &str) -> Option<String> {
        let known = || {
            let keys = self.input_keys();
            if keys.is_empty() {
                "the integration declares no input".to_string()
            } else {
                format!("inputs: {}", keys.join(", "))
            }
        };
        match self.lookup(key) {
            InputLookup::Input(_) => None,
            InputLookup::NotAnInput(io) => Some(format!(
                "variable {key:?} is declared but is not an input (inputOutputType {}); declare it \
                 IN or IN_OUT, or list it in the trigger's inputVariables",
                io.map_or("unset", |t| t.as_str())
            )),
            InputLookup::ListedUndeclared => Some(format!(
                "variable {key:?} is listed in the trigger's inputVariables but not declared in \
                 integrationParameters, so its type is unknown"
            )),
            InputLookup::Undeclared => {
                Some(format!("variable {key:?} is not declared ({})", known()))
            }
        }
    }
}

fn is_input(p: &IntegrationParameter) -> bool {
    matches!(
        p.input_output_type,
        Some(InputOutputType::In | InputOutputType::InOut)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn model() -> IntegrationVersion<'static> {
        // The model borrows its document, which lives for the whole test.
        let doc: &'static Document = Box::leak(Box::new(
            Document::parse(
                r#"{"triggerConfigs": [
                 {"triggerId": "api_trigger/a", "inputVariables": {"names": ["listed", "ghost"]}},
                 {"triggerId": "api_trigger/b"}],
               "integrationParameters": [
                 {"key": "in", "dataType": "INT_VALUE", "inputOutputType": "IN"},
                 {"key": "both", "dataType": "STRING_VALUE", "inputOutputType": "IN_OUT"},
                 {"key": "out", "dataType": "STRING_VALUE", "inputOutputType": "OUT"},
                 {"key": "listed", "dataType": "BOOLEAN_VALUE"},
                 {"key": "local", "dataType": "STRING_VALUE"}]}"#,
            )
            .unwrap(),
        ));
        IntegrationVersion::from_document(doc).unwrap()
    }

    #[test]
    fn inputs_are_in_out_or_listed_by_the_trigger() {
        let model = model();
        let a = InputCatalog::new(&model, Some("api_trigger/a"));
        assert_eq!(
            a.lookup("in"),
            InputLookup::Input(Some(&DataType::IntValue))
        );
        assert!(matches!(a.lookup("both"), InputLookup::Input(_)));
        assert_eq!(
            a.lookup("listed"),
            InputLookup::Input(Some(&DataType::BooleanValue))
        );
        assert_eq!(
            a.lookup("out"),
            InputLookup::NotAnInput(Some(&InputOutputType::Out))
        );
        assert_eq!(a.lookup("ghost"), InputLookup::ListedUndeclared);
        assert_eq!(a.lookup("nope"), InputLookup::Undeclared);
        assert_eq!(a.input_keys(), ["both", "in", "listed"]);
        // Trigger b does not list `listed`.
        let b = InputCatalog::new(&model, Some("api_trigger/b"));
        assert!(matches!(b.lookup("listed"), InputLookup::NotAnInput(None)));
        assert!(
            b.refusal("listed")
                .unwrap()
                .contains("inputOutputType unset")
        );
        assert!(
            b.refusal("nope")
                .unwrap()
                .contains("not declared (inputs: both, in)")
        );
        // No trigger: every trigger's list counts.
        let any = InputCatalog::new(&model, None);
        assert!(matches!(any.lookup("listed"), InputLookup::Input(_)));
    }
}
