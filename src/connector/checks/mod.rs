//! Checks of custom connector version specs and connection files (C001–C012).
//!
//! Each check lives in its own file and is one [`ConnectorCheck`] in [`CONNECTOR_CHECKS`]; a
//! check looks at the file kinds it knows and ignores the others.

mod connector_schema_violation;
mod connector_unknown_field;
mod incomplete_auth_config;
mod invalid_connector_details;
mod invalid_connector_version_name;
mod invalid_destination;
mod invalid_node_count;
mod invalid_service_account;
mod invalid_spec_location;
mod missing_config_key;
mod missing_spec_location;
mod placeholder_value;

use serde_json::Value;

use crate::diagnostic::{Context, Diagnostic, Registered};
use crate::kind::FileKind;
use crate::source::SourceFile;

/// A check of connector files: its code and documentation, and the function that checks one
/// file.
pub type ConnectorCheck = Registered<fn(&ConnectorContext<'_>, &mut Vec<Diagnostic>)>;

/// Every connector check, in code order.
pub static CONNECTOR_CHECKS: &[&ConnectorCheck] = &[
    &connector_schema_violation::CHECK,
    &connector_unknown_field::CHECK,
    &missing_spec_location::CHECK,
    &invalid_spec_location::CHECK,
    &invalid_connector_version_name::CHECK,
    &invalid_service_account::CHECK,
    &invalid_connector_details::CHECK,
    &missing_config_key::CHECK,
    &invalid_destination::CHECK,
    &invalid_node_count::CHECK,
    &incomplete_auth_config::CHECK,
    &placeholder_value::CHECK,
];

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

/// Runs every connector check on `file` (of kind `kind`) and returns the findings, located in
/// the file and sorted.
pub fn check_connector(file: &SourceFile, kind: FileKind, strict: bool) -> Vec<Diagnostic> {
    let ctx = Context::new(file.document(), ConnectorFacts { kind, strict });
    let mut out = Vec::new();
    for check in CONNECTOR_CHECKS {
        (check.run)(&ctx, &mut out);
    }
    Diagnostic::finish(&mut out, file);
    out
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
