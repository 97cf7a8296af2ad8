//! C002: a key a custom connector spec or connection does not define (`--strict` only).

use super::connector_schema_violation::root;
use super::{ConnectorCheck, ConnectorContext};
use crate::connector::schema::{SchemaFinding, validate};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C002",
        name: "connector-unknown-field",
        severity: Severity::Warning,
        summary: "a key a custom connector spec or connection does not define (reported with --strict only)",
        explanation: "\
## What it does
With `--strict` (or `strict = true` in `integ.toml`), reports keys that
`schemas/connectors.schema.json` does not define for that object, such as `specLocaton` or
`destination` for `destinationConfigs`.

## Why is this bad?
integrationcli drops keys it does not know without a word, and the API refuses them; either
way the setting does not apply.

## How to fix
Correct the key's spelling or delete it.
",
    },
    check,
);

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.strict {
        return;
    }
    for finding in validate(ctx.doc, root(ctx), true) {
        if let SchemaFinding::UnknownField { pointer, message } = finding {
            out.push(ctx.at_key(&CHECK.check, pointer, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    #[test]
    fn flags_unknown_keys_at_any_depth() {
        let text = r#"{"specLocaton": "gs://b/o", "specLocation": "gs://b/o",
            "destinationConfigs": [{"key": "k", "destination": []}]}"#;
        let mut found = findings(&CHECK, text);
        found.sort();
        assert_eq!(
            found,
            [
                (
                    "/destinationConfigs/0/destination".to_string(),
                    "unknown field \"destination\" in destinationConfigs[0]".to_string()
                ),
                (
                    "/specLocaton".to_string(),
                    "unknown field \"specLocaton\" in the custom connector version".to_string()
                )
            ]
        );
    }
}
