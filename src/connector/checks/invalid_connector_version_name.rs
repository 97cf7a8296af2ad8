//! C005: a custom connector version `name` that is not a version resource name.

use std::sync::LazyLock;

use regex::Regex;

use super::{ConnectorCheck, ConnectorContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C005",
        name: "invalid-connector-version-name",
        severity: Severity::Error,
        summary: "a custom connector version `name` not of the form projects/*/locations/global/customConnectors/*/customConnectorVersions/*",
        explanation: "\
## What it does
Checks the `name` of a custom connector version spec:
`projects/{project}/locations/global/customConnectors/{connector}/customConnectorVersions/{version}`,
with no empty segment. Custom connectors exist only in location `global`.

## Why is this bad?
Tools derive the connector and version ids to create from the name; a regional location or
a missing segment points the request at a resource that cannot exist.

## How to fix
Use location `global` and fill every segment, or drop `name` (it is output only; the
version id can be given when creating the version).
",
    },
    check,
);

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^projects/([^/]+)/locations/([^/]+)/customConnectors/[^/]+/customConnectorVersions/[^/]+$")
        .expect("a valid regex")
});

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.is_spec() {
        return;
    }
    let Some(name) = ctx.get("/name").and_then(|v| v.as_str()) else {
        return;
    };
    let message = match NAME.captures(name) {
        Some(c) if &c[2] == "global" => return,
        Some(c) => format!(
            "custom connectors live in location global, not {:?}: {name:?}",
            &c[2]
        ),
        None => format!(
            "name {name:?} is not of the form projects/*/locations/global/customConnectors/*/customConnectorVersions/*"
        ),
    };
    out.push(ctx.at(&CHECK.check, "/name", message));
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    fn spec(name: &str) -> String {
        format!(r#"{{"name": "{name}", "specLocation": "gs://b/o"}}"#)
    }

    #[test]
    fn flags_malformed_and_regional_names() {
        let good = "projects/p/locations/global/customConnectors/c/customConnectorVersions/1";
        assert!(findings(&CHECK, &spec(good)).is_empty());
        let regional = good.replace("global", "us-central1");
        assert!(
            findings(&CHECK, &spec(&regional))[0]
                .1
                .contains("not \"us-central1\"")
        );
        for bad in [
            "projects/p/locations/global/customConnectors/c",
            "projects//locations/global/customConnectors/c/customConnectorVersions/1",
            "helloworld",
        ] {
            assert_eq!(findings(&CHECK, &spec(bad)).len(), 1, "{bad}");
        }
    }
}
