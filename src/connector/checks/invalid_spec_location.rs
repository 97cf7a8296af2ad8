//! C004: a `specLocation` that is neither an http(s) URL nor a Cloud Storage object.

use super::{ConnectorCheck, ConnectorContext};
use crate::connector::placeholder::has_placeholder;
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C004",
        name: "invalid-spec-location",
        severity: Severity::Error,
        summary: "`specLocation` is not an https:// URL or a gs://bucket/object",
        explanation: "\
## What it does
Checks that `specLocation` is a URL with a host (`https://host/path`, `http://…`) or a Cloud
Storage object (`gs://bucket/object`). A value holding a template placeholder is left to
C012.

## Why is this bad?
The Integration Connectors API fetches the spec from there when the version is created; a
local path or a bucket without an object cannot be fetched.

## How to fix
Upload the spec and use its public URL or `gs://` object name.
",
    },
    check,
);

/// True when `location` is `http(s)://host…` or `gs://bucket/object`.
pub(super) fn is_fetchable(location: &str) -> bool {
    let (scheme, rest) = match location.split_once("://") {
        Some(parts) => parts,
        None => return false,
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let clean = |s: &str| !s.is_empty() && !s.chars().any(char::is_whitespace);
    match scheme {
        "https" | "http" => clean(host),
        "gs" => clean(host) && clean(path),
        _ => false,
    }
}

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    if !ctx.is_spec() {
        return;
    }
    let Some(location) = ctx.get("/specLocation").and_then(|v| v.as_str()) else {
        return;
    };
    if location.trim().is_empty() || has_placeholder(location) || is_fetchable(location) {
        return;
    }
    out.push(ctx.at(
        &CHECK.check,
        "/specLocation",
        format!("specLocation {location:?} is not an https:// URL or a gs://bucket/object"),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testing::pointers;
    use super::*;

    #[test]
    fn accepts_urls_and_objects_only() {
        for good in [
            "https://raw.githubusercontent.com/a/b/petstore.json",
            "http://example.com/spec",
            "gs://bucket/dir/spec.yaml",
        ] {
            assert!(is_fetchable(good), "{good}");
        }
        for bad in [
            "./spec.json",
            "gs://bucket",
            "gs://bucket/",
            "ftp://x/y",
            "https://",
            "spec",
        ] {
            assert!(!is_fetchable(bad), "{bad}");
        }
        assert_eq!(
            pointers(&CHECK, r#"{"specLocation": "openapi.json"}"#),
            ["/specLocation"]
        );
        assert!(pointers(&CHECK, r#"{"specLocation": "REPLACE_OPENAPI_URL"}"#).is_empty());
    }
}
