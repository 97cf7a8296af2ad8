//! Checks of custom connector version specs and connection files (C001–C012).
//!
//! Each check lives in its own file and is one [`ConnectorCheck`] in the registry of every
//! check (`crate::check::registry`), which also runs them; a check looks at the file kinds it
//! knows and ignores the others.

pub(crate) mod connector_schema_violation;
pub(crate) mod connector_unknown_field;
pub(crate) mod incomplete_auth_config;
pub(crate) mod invalid_connector_details;
pub(crate) mod invalid_connector_version_name;
pub(crate) mod invalid_destination;
pub(crate) mod invalid_node_count;
pub(crate) mod invalid_service_account;
pub(crate) mod invalid_spec_location;
pub(crate) mod missing_config_key;
pub(crate) mod missing_spec_location;
pub(crate) mod placeholder_value;

use serde_json::Value;

use crate::diagnostic::{Context, Diagnostic, Registered};
use crate::kind::FileKind;

/// A check of connector files: its code and documentation, and the function that checks one
/// file.
pub type ConnectorCheck = Registered<fn(&ConnectorContext<'_>, &mut Vec<Diagnostic>)>;

/// What a connector check sees: the document and these facts.
pub type ConnectorContext<'a> = Context<'a, ConnectorFacts>;

/// What a connector check knows besides the document.
pub struct ConnectorFacts {
    /// [`FileKind::CustomConnectorSpec`] or [`FileKind::Connection`].
    pub kind: FileKind,
    /// Report unknown keys (C002).
    pub strict: bool,
}

impl<'a> Context<'a, ConnectorFacts> {
    /// True for a custom connector version spec.
    pub fn is_spec(&self) -> bool {
        self.kind == FileKind::CustomConnectorSpec
    }

    /// True for a connection file.
    pub fn is_connection(&self) -> bool {
        self.kind == FileKind::Connection
    }

    /// The lists of keyed entries of the file, as `(pointer, entries)`: `configVariables`,
    /// `destinationConfigs`, `backendVariableTemplates`, and the `additionalVariables` of
    /// `authConfig` and `sslConfig`.
    pub fn keyed_lists(&self) -> Vec<(&'static str, &'a Vec<Value>)> {
        const LISTS: &[&str] = &[
            "/configVariables",
            "/destinationConfigs",
            "/backendVariableTemplates",
            "/authConfig/additionalVariables",
            "/sslConfig/additionalVariables",
        ];
        LISTS
            .iter()
            .filter_map(|p| self.get(p).and_then(Value::as_array).map(|a| (*p, a)))
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one check on a text, for the unit tests of each check.

    use super::*;
    use crate::document::Document;

    /// The findings of `check` on `text` read as its detected kind (strict), as
    /// `(pointer, message)`.
    pub fn findings(check: &ConnectorCheck, text: &str) -> Vec<(String, String)> {
        let doc = Document::parse(text).expect("test input is JSON");
        let kind = crate::kind::detect(doc.value());
        assert!(
            matches!(kind, FileKind::Connection | FileKind::CustomConnectorSpec),
            "test input is read as {kind:?}"
        );
        let facts = ConnectorFacts { kind, strict: true };
        let ctx = Context::new(&doc, facts);
        let mut out = Vec::new();
        (check.run)(&ctx, &mut out);
        crate::diagnostic::testing::pointer_messages(&check.check, out)
    }

    /// The pointers of the findings.
    pub fn pointers(check: &ConnectorCheck, text: &str) -> Vec<String> {
        findings(check, text).into_iter().map(|(p, _)| p).collect()
    }
}
