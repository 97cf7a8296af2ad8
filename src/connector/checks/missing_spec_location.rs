//! C003: a custom connector version spec without `specLocation`.

use super::{ConnectorCheck, ConnectorContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C003",
        name: "missing-spec-location",
        severity: Severity::Error,
        summary: "a custom connector version spec has no `specLocation`",
        explanation: "\
## What it does
Checks that a custom connector version spec says where its OpenAPI spec is:
`specLocation`, a public URL or a Cloud Storage object.

## Why is this bad?
Without the spec the connector has no entities or actions: creating the version fails, or
gives a connector that cannot do anything.

## Example
```json
{\"name\": \"projects/p/locations/global/customConnectors/c/customConnectorVersions/1\",
 \"serviceAccount\": \"sa@p.iam.gserviceaccount.com\"}
```

## How to fix
Add `\"specLocation\": \"https://…/openapi.json\"` or `\"gs://bucket/openapi.yaml\"`.
",
    },
    check,
);

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(root) = ctx.root().filter(|_| ctx.is_spec()) else {
        return;
    };
    match root.get("specLocation") {
        None => out.push(ctx.at(
            &CHECK.check,
            "",
            "the custom connector version has no specLocation (the URL or gs:// object of its OpenAPI spec)"
                .to_string(),
        )),
        Some(value) if value.as_str().is_some_and(|s| s.trim().is_empty()) => out.push(ctx.at(
            &CHECK.check,
            "/specLocation",
            "specLocation is empty".to_string(),
        )),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::pointers;
    use super::*;

    #[test]
    fn flags_missing_or_empty_locations() {
        let name = "projects/p/locations/global/customConnectors/c/customConnectorVersions/1";
        assert_eq!(pointers(&CHECK, &format!(r#"{{"name": "{name}"}}"#)), [""]);
        assert_eq!(
            pointers(
                &CHECK,
                r#"{"specLocation": " ", "serviceAccount": "a@b.c"}"#
            ),
            ["/specLocation"]
        );
        assert!(pointers(&CHECK, r#"{"specLocation": "gs://b/o"}"#).is_empty());
        // Connections have no spec.
        assert!(pointers(&CHECK, r#"{"connectorDetails": {}}"#).is_empty());
    }
}
