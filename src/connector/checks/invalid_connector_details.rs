//! C007: a connection whose `connectorDetails` cannot name a connector version.

use serde_json::Value;

use super::{ConnectorCheck, ConnectorContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C007",
        name: "invalid-connector-details",
        severity: Severity::Error,
        summary: "a connection's `connectorDetails` lacks a name, a provider or its version",
        explanation: "\
## What it does
integrationcli turns `connectorDetails` into the connection's connector version,
`projects/…/locations/global/providers/{provider}/connectors/{name}/versions/{version}`.
This check wants a `name`; a `version` (a number) for a provider's connector, or a
`versionId` for a custom connector (`\"provider\": \"customconnector\"`); never both. A
missing `provider` is a warning: current integrationcli releases refuse it (`gcp` for Google
Cloud connectors).

## Why is this bad?
integrationcli stops with `connectorDetails Version must be set` (or `Name and Provider must
be set`) before anything is created.

## How to fix
```json
\"connectorDetails\": {\"name\": \"pubsub\", \"provider\": \"gcp\", \"version\": 1}
\"connectorDetails\": {\"name\": \"my-connector\", \"provider\": \"customconnector\", \"versionId\": \"1\"}
```
",
    },
    check,
);

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.is_connection() {
        return;
    }
    let Some(Value::Object(details)) = ctx.get("/connectorDetails") else {
        return;
    };
    let here = "/connectorDetails";
    let text = |k: &str| {
        details
            .get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    if text("name").is_none() {
        out.push(ctx.at(
            &CHECK.check,
            here,
            "connectorDetails has no name".to_string(),
        ));
    }
    let provider = text("provider");
    if provider.is_none() {
        out.push(
            ctx.at(
                &CHECK.check,
                here,
                "connectorDetails has no provider; integrationcli needs it for the connector version (gcp for Google Cloud connectors, customconnector for custom ones)"
                    .to_string(),
            )
            .with_severity(Severity::Warning),
        );
    }
    let (version, version_id) = (details.get("version"), details.get("versionId"));
    match (version, version_id, provider) {
        (Some(_), Some(_), _) => out.push(ctx.at_key(
            &CHECK.check,
            "/connectorDetails/versionId",
            "connectorDetails sets both version and versionId; keep one".to_string(),
        )),
        (_, None, Some("customconnector")) => out.push(ctx.at(
            &CHECK.check,
            here,
            "a custom connector's connectorDetails needs versionId (the custom connector version id)"
                .to_string(),
        )),
        (None, None, _) => out.push(ctx.at(
            &CHECK.check,
            here,
            "connectorDetails has no version (the connector version number)".to_string(),
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    fn messages(details: &str) -> Vec<String> {
        findings(&CHECK, &format!(r#"{{"connectorDetails": {details}}}"#))
            .into_iter()
            .map(|(_, m)| m)
            .collect()
    }

    #[test]
    fn wants_name_provider_and_one_version() {
        assert!(messages(r#"{"name": "pubsub", "provider": "gcp", "version": 1}"#).is_empty());
        assert!(
            messages(r#"{"name": "c", "provider": "customconnector", "versionId": "1"}"#)
                .is_empty()
        );
        let m = messages(r#"{"provider": "gcp", "version": 1}"#);
        assert_eq!(m, ["connectorDetails has no name"]);
        let m = messages(r#"{"name": "pubsub", "version": 1}"#);
        assert_eq!(m.len(), 1);
        assert!(m[0].contains("no provider"));
        let m = messages(r#"{"name": "c", "provider": "customconnector", "version": 1}"#);
        assert!(m[0].contains("needs versionId"), "{m:?}");
        let m = messages(r#"{"name": "c", "provider": "gcp", "version": 1, "versionId": "1"}"#);
        assert!(m[0].contains("both version and versionId"), "{m:?}");
        let m = messages(r#"{"name": "c", "provider": "gcp"}"#);
        assert!(m[0].contains("no version"), "{m:?}");
    }
}
