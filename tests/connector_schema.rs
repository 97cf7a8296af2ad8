//! `schemas/connectors.schema.json` is hand-written; its types shared with the API follow the
//! `GoogleCloudConnectorsV1*` types of the integrations discovery document: every field the
//! API defines is there, with the same JSON type and the same enum values.

use std::path::PathBuf;

use integ::connector::schema::SCHEMA;
use serde_json::Value;

fn discovery() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/integrations.v1.discovery.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Our `$defs` name and the discovery type it follows.
const PAIRS: &[(&str, &str)] = &[
    ("Connection", "GoogleCloudConnectorsV1Connection"),
    ("AuthConfig", "GoogleCloudConnectorsV1AuthConfig"),
    (
        "UserPassword",
        "GoogleCloudConnectorsV1AuthConfigUserPassword",
    ),
    (
        "Oauth2JwtBearer",
        "GoogleCloudConnectorsV1AuthConfigOauth2JwtBearer",
    ),
    (
        "JwtClaims",
        "GoogleCloudConnectorsV1AuthConfigOauth2JwtBearerJwtClaims",
    ),
    (
        "Oauth2ClientCredentials",
        "GoogleCloudConnectorsV1AuthConfigOauth2ClientCredentials",
    ),
    (
        "SshPublicKey",
        "GoogleCloudConnectorsV1AuthConfigSshPublicKey",
    ),
    (
        "Oauth2AuthCodeFlow",
        "GoogleCloudConnectorsV1AuthConfigOauth2AuthCodeFlow",
    ),
    ("ConfigVariable", "GoogleCloudConnectorsV1ConfigVariable"),
    ("Secret", "GoogleCloudConnectorsV1Secret"),
    ("EncryptionKey", "GoogleCloudConnectorsV1EncryptionKey"),
    (
        "DestinationConfig",
        "GoogleCloudConnectorsV1DestinationConfig",
    ),
    ("Destination", "GoogleCloudConnectorsV1Destination"),
    ("NodeConfig", "GoogleCloudConnectorsV1NodeConfig"),
    ("LogConfig", "GoogleCloudConnectorsV1LogConfig"),
    ("SslConfig", "GoogleCloudConnectorsV1SslConfig"),
    ("LockConfig", "GoogleCloudConnectorsV1LockConfig"),
];

/// The JSON type a discovery property has on the wire.
fn wire_type(prop: &Value) -> &str {
    if prop.get("$ref").is_some() {
        return "object";
    }
    match prop["type"].as_str().unwrap_or("any") {
        "integer" => "integer",
        other => other,
    }
}

fn our_type(prop: &Value) -> &str {
    if prop.get("$ref").is_some() {
        return "object";
    }
    prop["type"].as_str().unwrap_or("any")
}

#[test]
#[cfg_attr(
    integ_no_reference,
    ignore = "../shared/reference is missing beside the repository"
)]
fn shared_types_follow_the_discovery_document() {
    let discovery = discovery();
    let mut problems = Vec::new();
    for (ours, theirs) in PAIRS {
        let our_props = &SCHEMA["$defs"][ours]["properties"];
        let their_props = discovery["schemas"][theirs]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{theirs} is not in the discovery document"));
        for (name, prop) in their_props {
            let Some(mine) = our_props.get(name) else {
                problems.push(format!("{ours}.{name} is missing"));
                continue;
            };
            let (want, have) = (wire_type(prop), our_type(mine));
            // Maps and any-typed objects are objects on both sides.
            if want != have && !(want == "object" && have == "object") {
                problems.push(format!("{ours}.{name}: {have}, the API says {want}"));
            }
            // Output-only enums are kept as plain strings (the API may add values); others match.
            if let Some(values) = prop.get("enum")
                && mine.get("readOnly") != Some(&Value::Bool(true))
                && mine.get("enum") != Some(values)
            {
                problems.push(format!("{ours}.{name}: enum differs from {values}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn custom_connector_version_and_connection_are_the_roots() {
    let defs = SCHEMA["$defs"].as_object().unwrap();
    for root in ["CustomConnectorVersion", "Connection"] {
        assert!(defs.contains_key(root), "{root}");
    }
    // Every $ref resolves.
    let text = SCHEMA.to_string();
    for piece in text.split("\"$ref\":\"#/$defs/").skip(1) {
        let name = &piece[..piece.find('"').unwrap()];
        assert!(defs.contains_key(name), "$ref to missing {name}");
    }
    assert!(jsonschema::meta::is_valid(&SCHEMA));
}
