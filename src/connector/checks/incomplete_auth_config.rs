//! C011: an `authConfig` whose `authType` lacks its credentials, or credentials of another type.

use serde_json::{Map, Value};

use super::{ConnectorCheck, ConnectorContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C011",
        name: "incomplete-auth-config",
        severity: Severity::Error,
        summary: "`authConfig.authType` without the credentials it needs, or credentials for another type",
        explanation: "\
## What it does
Checks that the credentials block of `authConfig.authType` is there and complete:
`USER_PASSWORD` → `userPassword` with `username` and a `password` secret (or integrationcli's
`passwordDetails`); `OAUTH2_JWT_BEARER` → `oauth2JwtBearer` with `clientKey` (or
`clientKeyDetails`); `OAUTH2_CLIENT_CREDENTIALS` → `oauth2ClientCredentials` with `clientId`
and `clientSecret` (or `clientSecretDetails`); `SSH_PUBLIC_KEY` → `sshPublicKey` with
`username` and `sshClientCert` (or `sshClientCertDetails`); `OAUTH2_AUTH_CODE_FLOW` →
`oauth2AuthCodeFlow`. A credentials block of another type than `authType` is a warning: it
is ignored.

## Why is this bad?
The API refuses a connection whose authentication is incomplete; integrationcli creates no
secret for it. Credentials under the wrong type are silently dropped.

## How to fix
Fill the block the message names, or set `authType` to match the block.
",
    },
    check,
);

/// Each auth type, its credentials block, and the fields the block needs (alternatives
/// separated by `|`).
const BLOCKS: &[(&str, &str, &[&str])] = &[
    (
        "USER_PASSWORD",
        "userPassword",
        &["username", "password|passwordDetails"],
    ),
    (
        "OAUTH2_JWT_BEARER",
        "oauth2JwtBearer",
        &["clientKey|clientKeyDetails"],
    ),
    (
        "OAUTH2_CLIENT_CREDENTIALS",
        "oauth2ClientCredentials",
        &["clientId", "clientSecret|clientSecretDetails"],
    ),
    (
        "SSH_PUBLIC_KEY",
        "sshPublicKey",
        &["username", "sshClientCert|sshClientCertDetails"],
    ),
    ("OAUTH2_AUTH_CODE_FLOW", "oauth2AuthCodeFlow", &[]),
];

fn present(block: &Map<String, Value>, field: &str) -> bool {
    field.split('|').any(|f| match block.get(f) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Null) | None => false,
        Some(_) => true,
    })
}

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(Value::Object(auth)) = ctx.get("/authConfig") else {
        return;
    };
    let auth_type = auth.get("authType").and_then(Value::as_str).unwrap_or("");
    for (kind, block_key, needs) in BLOCKS {
        let block = auth.get(*block_key);
        if *kind == auth_type {
            let Some(Value::Object(block)) = block else {
                out.push(ctx.at(
                    &CHECK.check,
                    "/authConfig/authType",
                    format!("authType {kind} needs authConfig.{block_key}"),
                ));
                continue;
            };
            for field in *needs {
                if !present(block, field) {
                    out.push(ctx.at_key(
                        &CHECK.check,
                        format!("/authConfig/{block_key}"),
                        format!(
                            "authConfig.{block_key} has no {}",
                            field.replace('|', " (or ")
                                + if field.contains('|') { ")" } else { "" }
                        ),
                    ));
                }
            }
        } else if block.is_some() {
            let set = if auth_type.is_empty() {
                "not set".to_string()
            } else {
                auth_type.to_string()
            };
            out.push(
                ctx.at_key(
                    &CHECK.check,
                    format!("/authConfig/{block_key}"),
                    format!("authConfig.{block_key} is ignored: authType is {set}, not {kind}"),
                )
                .with_severity(Severity::Warning),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    fn auth(config: &str) -> Vec<(String, String)> {
        findings(
            &CHECK,
            &format!(r#"{{"connectorDetails": {{}}, "authConfig": {config}}}"#),
        )
    }

    #[test]
    fn wants_the_block_of_the_auth_type() {
        assert!(
            auth(
                r#"{"authType": "USER_PASSWORD", "userPassword": {"username": "u",
            "passwordDetails": {"secretName": "s"}}}"#
            )
            .is_empty()
        );
        assert!(auth(r#"{}"#).is_empty());
        assert_eq!(
            auth(r#"{"authType": "USER_PASSWORD"}"#),
            [(
                "/authConfig/authType".to_string(),
                "authType USER_PASSWORD needs authConfig.userPassword".to_string()
            )]
        );
        assert_eq!(
            auth(r#"{"authType": "USER_PASSWORD", "userPassword": {"username": "u"}}"#)[0].1,
            "authConfig.userPassword has no password (or passwordDetails)"
        );
        let found =
            auth(r#"{"userPassword": {"username": "u", "password": {"secretVersion": "v"}}}"#);
        assert_eq!(
            found[0].1,
            "authConfig.userPassword is ignored: authType is not set, not USER_PASSWORD"
        );
        assert_eq!(
            auth(r#"{"authType": "OAUTH2_CLIENT_CREDENTIALS", "oauth2ClientCredentials": {"clientId": "c"}}"#)
                .len(),
            1
        );
    }
}
