//! Validation of connector files against `schemas/connectors.schema.json` (C001, C002).
//!
//! The schema is hand-written (the custom connector API is not in the integrations discovery
//! document); its shared types follow the discovery document's `GoogleCloudConnectorsV1*`
//! types, which a test checks. Validators are compiled once per process, per root type and
//! strictness.

use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::{Value, json};

use crate::document::{Document, push_token};
use crate::schema::{closed, message, object_name};

/// The committed schema text.
pub const SCHEMA_TEXT: &str = include_str!("../../schemas/connectors.schema.json");

/// The committed schema, parsed.
pub static SCHEMA: LazyLock<Value> =
    LazyLock::new(|| serde_json::from_str(SCHEMA_TEXT).expect("the bundled schema is JSON"));

/// The root types of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// `#/$defs/CustomConnectorVersion`.
    CustomConnectorVersion,
    /// `#/$defs/Connection`.
    Connection,
}

impl Root {
    fn def(self) -> &'static str {
        match self {
            Root::CustomConnectorVersion => "CustomConnectorVersion",
            Root::Connection => "Connection",
        }
    }

    /// A name for messages about the whole file.
    pub fn describe(self) -> &'static str {
        match self {
            Root::CustomConnectorVersion => "the custom connector version",
            Root::Connection => "the connection",
        }
    }
}

fn compile(root: Root, strict: bool) -> jsonschema::Validator {
    let mut schema = if strict {
        closed(&SCHEMA)
    } else {
        SCHEMA.clone()
    };
    schema["$ref"] = json!(format!("#/$defs/{}", root.def()));
    jsonschema::draft202012::options()
        .build(&schema)
        .expect("the bundled schema compiles")
}

static VALIDATORS: LazyLock<[jsonschema::Validator; 4]> = LazyLock::new(|| {
    [
        compile(Root::CustomConnectorVersion, false),
        compile(Root::CustomConnectorVersion, true),
        compile(Root::Connection, false),
        compile(Root::Connection, true),
    ]
});

/// One schema finding: the pointer of the value (or, for an unknown key, of the member), and
/// the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaFinding {
    /// A value of the wrong type or outside an enum.
    Violation {
        /// Where.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// A key the schema does not define (strict only).
    UnknownField {
        /// The member.
        pointer: String,
        /// What is wrong.
        message: String,
    },
}

/// Validates `doc` as a `root`; unknown keys are reported only when `strict`.
pub fn validate(doc: &Document, root: Root, strict: bool) -> Vec<SchemaFinding> {
    let index = match (root, strict) {
        (Root::CustomConnectorVersion, false) => 0,
        (Root::CustomConnectorVersion, true) => 1,
        (Root::Connection, false) => 2,
        (Root::Connection, true) => 3,
    };
    let validator = &VALIDATORS[index];
    let value = doc.value();
    let mut out = Vec::new();
    for error in validator.iter_errors(value) {
        let pointer = error.instance_path().to_string();
        if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
            let object = if pointer.is_empty() {
                root.describe().to_string()
            } else {
                object_name(&pointer)
            };
            for key in unexpected {
                let mut member = pointer.clone();
                push_token(&mut member, key);
                out.push(SchemaFinding::UnknownField {
                    pointer: member,
                    message: format!("unknown field {key:?} in {object}"),
                });
            }
            continue;
        }
        let message = message(error.kind(), error.instance(), &pointer);
        out.push(SchemaFinding::Violation { pointer, message });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_schema_is_valid_and_has_both_roots() {
        assert!(jsonschema::meta::is_valid(&SCHEMA));
        for def in ["CustomConnectorVersion", "Connection", "AuthConfig"] {
            assert!(SCHEMA["$defs"].get(def).is_some(), "{def}");
        }
    }

    #[test]
    fn reports_types_enums_and_unknown_keys() {
        let doc = Document::parse(
            r#"{"connectorDetails": {"name": "pubsub", "version": "1"},
                "logConfig": {"level": "LOUD"}, "nodeConfig": {"minNodeCount": 1}, "extra": 1}"#,
        )
        .unwrap();
        let lenient = validate(&doc, Root::Connection, false);
        let pointers: Vec<&str> = lenient
            .iter()
            .map(|f| match f {
                SchemaFinding::Violation { pointer, .. } => pointer.as_str(),
                SchemaFinding::UnknownField { .. } => panic!("lenient reported {f:?}"),
            })
            .collect();
        assert_eq!(pointers, ["/connectorDetails/version", "/logConfig/level"]);
        let strict = validate(&doc, Root::Connection, true);
        assert!(strict.contains(&SchemaFinding::UnknownField {
            pointer: "/extra".into(),
            message: "unknown field \"extra\" in the connection".into()
        }));
    }
}
