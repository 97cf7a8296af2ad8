//! The committed schema: generated from the API description, in sync, and without false
//! positives on real files.

mod common;

use std::path::PathBuf;

use integ::check::check_all;
use integ::model::IntegrationVersion;
use integ::schema::{self, generate as schema_gen};
use integ::source::SourceFile;
use serde_json::Value;

fn discovery_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/integrations.v1.discovery.json")
}

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas/integration-version.schema.json")
}

#[test]
fn committed_schema_is_generated_from_the_discovery_document() {
    let Ok(text) = std::fs::read_to_string(discovery_path()) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "discovery document missing under CI"
        );
        return;
    };
    let discovery: Value = serde_json::from_str(&text).unwrap();
    let generated = schema_gen::generate_text(&discovery).unwrap();
    // Reproducible: the same input gives the same bytes.
    assert_eq!(generated, schema_gen::generate_text(&discovery).unwrap());
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(committed_path(), &generated).unwrap();
    }
    let committed = std::fs::read_to_string(committed_path()).unwrap();
    assert!(
        committed == generated,
        "schemas/integration-version.schema.json is stale; run UPDATE_SCHEMAS=1 cargo test --test schema"
    );
    assert_eq!(
        schema::SCHEMA_TEXT,
        committed,
        "rebuild: the bundled copy is stale"
    );
}

#[test]
fn bundled_schema_is_a_valid_2020_12_schema() {
    assert!(jsonschema::meta::is_valid(&schema::SCHEMA));
    let defs = schema::SCHEMA["$defs"].as_object().unwrap();
    assert!(defs.len() > 80, "only {} types", defs.len());
    assert!(defs.contains_key("IntegrationVersion") && defs.contains_key("TaskConfig"));
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn lenient_schema_accepts_every_corpus_file() {
    for path in common::corpus_files() {
        let file = SourceFile::read(&path).unwrap();
        let schema_errors: Vec<String> = check_all(&file, false)
            .into_iter()
            .filter(|d| d.code.starts_with('S'))
            .map(|d| format!("{}:{} {} {}", d.line, d.column, d.pointer, d.message))
            .collect();
        assert!(
            schema_errors.is_empty(),
            "{}: {schema_errors:#?}",
            common::name(&path)
        );
    }
}

/// Walks the typed model's schemars schema and the committed schema side by side: every field
/// the model declares must exist, under the same name, in the API's type at the same place.
#[test]
fn typed_model_fields_exist_in_the_api_schema() {
    let model = serde_json::to_value(schemars::schema_for!(IntegrationVersion)).unwrap();
    let mut checked = 0;
    compare(&model, &model, &schema::SCHEMA, "", &mut checked, 0);
    assert!(checked > 150, "compared only {checked} fields");
}

fn resolve<'a>(node: &'a Value, root: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            &root["$defs"][name]
        }
        None => match node.get("anyOf").and_then(Value::as_array) {
            // Option<T> in schemars 1 is `anyOf: [T, null]`.
            Some(options) => options
                .iter()
                .find(|o| o.get("type") != Some(&Value::from("null")))
                .map_or(node, |o| resolve(o, root)),
            None => node,
        },
    }
}

fn compare(
    model_node: &Value,
    model_root: &Value,
    api_node: &Value,
    path: &str,
    checked: &mut usize,
    depth: usize,
) {
    if depth > 12 {
        return;
    }
    let model_node = resolve(model_node, model_root);
    let api_node = resolve(api_node, &schema::SCHEMA);
    if let Some(props) = model_node.get("properties").and_then(Value::as_object) {
        for (name, sub) in props {
            let api_sub = api_node
                .get("properties")
                .and_then(|p| p.get(name))
                .unwrap_or_else(|| panic!("model field {path}/{name} is not in the API schema"));
            *checked += 1;
            compare(
                sub,
                model_root,
                api_sub,
                &format!("{path}/{name}"),
                checked,
                depth + 1,
            );
        }
    }
    for key in ["items", "additionalProperties"] {
        if let (Some(m), Some(a)) = (model_node.get(key), api_node.get(key))
            && m.is_object()
            && a.is_object()
        {
            compare(
                m,
                model_root,
                a,
                &format!("{path}/{key}"),
                checked,
                depth + 1,
            );
        }
    }
}
