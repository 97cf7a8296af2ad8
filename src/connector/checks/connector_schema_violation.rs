//! C001: a value of a connector file has the wrong type or an unknown enum value.

use super::{ConnectorCheck, ConnectorContext};
use crate::connector::schema::{Root, SchemaFinding, validate};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C001",
        name: "connector-schema-violation",
        severity: Severity::Error,
        summary: "a value of a custom connector spec or connection has the wrong type or enum value",
        explanation: "\
## What it does
Validates a custom connector version spec or an integrationcli connection file against
`schemas/connectors.schema.json`: JSON types (`\"minNodeCount\": \"2\"`), enum values
(`\"authType\": \"PASSWORD\"`, `\"level\": \"WARN\"`), and int64 strings.

integrationcli reads `connectorDetails.version` as an integer: `\"version\": \"1\"` stops it
with `cannot unmarshal string into Go struct field`.

## Why is this bad?
The API refuses such a body with HTTP 400; integrationcli fails before sending it.

## How to fix
Use the type or one of the values the message lists.
",
    },
    check,
);

/// The schema root for the file's kind.
pub(super) fn root(ctx: &ConnectorContext<'_>) -> Root {
    if ctx.is_spec() {
        Root::CustomConnectorVersion
    } else {
        Root::Connection
    }
}

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    for finding in validate(ctx.doc, root(ctx), false) {
        if let SchemaFinding::Violation { pointer, message } = finding {
            out.push(ctx.at(&CHECK.check, pointer, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_types_and_enums() {
        let text = r#"{"connectorDetails": {"name": "pubsub", "provider": "gcp", "version": "1"},
            "authConfig": {"authType": "PASSWORD"}, "nodeConfig": {"minNodeCount": "2"}}"#;
        assert_eq!(
            pointers(&CHECK, text),
            [
                "/connectorDetails/version",
                "/authConfig/authType",
                "/nodeConfig/minNodeCount"
            ]
        );
        let spec = r#"{"specLocation": "gs://b/o", "enableBackendDestinationConfig": "yes"}"#;
        let found = findings(&CHECK, spec);
        assert_eq!(found[0].0, "/enableBackendDestinationConfig");
        assert!(found[0].1.contains("must be boolean"), "{}", found[0].1);
    }

    #[test]
    fn well_typed_files_pass() {
        let text = r#"{"connectorDetails": {"name": "pubsub", "provider": "gcp", "version": 1},
            "configVariables": [{"key": "n", "intValue": "5"}, {"key": "b", "boolValue": true}],
            "logConfig": {"enabled": true, "level": "ERROR"}}"#;
        assert!(pointers(&CHECK, text).is_empty());
    }
}
