//! The lossless guarantees, checked on every file of the shared corpus.

mod common;

use common::{corpus_files, corpus_other_files, name};
use integ::document::{Document, EscapeStyle, first_difference};
use integ::format::{Style, reprint};
use integ::source::SourceFile;

/// Corpus files already in the console's export layout (protobuf-java: `[{`, `}, {`, 2 spaces).
const CONSOLE_LAYOUT: &[&str] = &[
    "GoogleCloudPlatform__apigee-samples__apihub-curation__enrich-with-specs__enrich-with-spec.json",
    "GoogleCloudPlatform__apigee-samples__apihub-plugins__azure-apim__azure_ip_template.json",
    "GoogleCloudPlatform__application-integration-samples__samples__apip_datattransformer_exampleintegration.json",
    "GoogleCloudPlatform__application-integration-samples__src__call-rest-api__call-rest-api.json",
    "GoogleCloudPlatform__application-integration-samples__src__case-conversion__case-conversion.json",
    "GoogleCloudPlatform__application-integration-samples__src__catch-task-error__catch-task-error.json",
    "GoogleCloudPlatform__application-integration-samples__src__concat-string-array__concat-string-array.json",
    "GoogleCloudPlatform__application-integration-samples__src__ecom-order-processing__ecom-order-processing.json",
    "GoogleCloudPlatform__application-integration-samples__src__filter-json-array__filter-json-array.json",
    "GoogleCloudPlatform__application-integration-samples__src__foreach-loop-send-email__foreach-loop-send-email-sub.json",
    "GoogleCloudPlatform__application-integration-samples__src__foreach-loop-send-email__foreach-loop-send-email.json",
    "GoogleCloudPlatform__application-integration-samples__src__resolve-json__resolve-json.json",
    "GoogleCloudPlatform__application-integration-samples__src__sftp-get-file__sftp-get-file-poll.json",
    "GoogleCloudPlatform__application-integration-samples__src__sftp-get-file__sftp-get-file.json",
    "GoogleCloudPlatform__application-integration-samples__src__status-based-retry__status-based-retry-main.json",
    "GoogleCloudPlatform__application-integration-samples__src__status-based-retry__status-based-retry-sub.json",
    "GoogleCloudPlatform__application-integration-samples__src__update-json-array__update-json-array.json",
    "GoogleCloudPlatform__application-integration-samples__src__upload-download-gcs-sftp__upload-download-gcs-sftp.json",
    "GoogleCloudPlatform__application-integration-samples__src__vertex-agents-bigquery__vertex-agents-bigquery.json",
    "IagoLeoni__mapping-builder-for-app-integration__integration_example.json",
    "nando-carvalho__app-integration-cicd__src__crud-ipnet-bigquery-v18.json",
    "srinandan__cloudlogging__src__cloudlogging.json",
    "srinandan__executeworkflows__src__executeworkflows.json",
    "srinandan__integration-samples__src__datamapper-string-case-conversion-integration.json",
    "srinandan__invoke-apigee__src__invoke-apigee.json",
];

/// Corpus files in Go's `json.MarshalIndent(…, "\t")` layout, as integrationcli writes them.
const TAB_LAYOUT: &[&str] = &[
    "GoogleCloudPlatform__apigee-samples__adk-cymbal-retail-agent__shipping-integration__src__shipping_workflow.json",
    "GoogleCloudPlatform__application-integration-management-toolkit__samples__sample.json",
    "GoogleCloudPlatform__application-integration-management-toolkit__samples__scaffold-sample__src__sample.json",
    "GoogleCloudPlatform__application-integration-management-toolkit__src__nandan2.json",
    "GoogleCloudPlatform__application-integration-management-toolkit__test__cloudfunctions.json",
    "GoogleCloudPlatform__application-integration-management-toolkit__test__connector.json",
    "GoogleCloudPlatform__application-integration-management-toolkit__test__internal.json",
    "GoogleCloudPlatform__application-integration-management-toolkit__test__pubsub.json",
    "GoogleCloudPlatform__application-integration-management-toolkit__test__pubsub_external.json",
    "GoogleCloudPlatform__application-integration-samples__src__adk-incident-management__src__ExecuteConnection.json",
    "GoogleCloudPlatform__application-integration-samples__src__adk-order-processing__src__sample_order_processing.json",
    "mtalreja16__google-cloud-application-integration__Samples__cymbal-van-rental__src__Integration__customer-reservation-process__customer-reservation-process.json",
    "mtalreja16__google-cloud-application-integration__Samples__cymbal-van-rental__src__Integration__manage-reservation-process__manage-reservation-process.json",
    "nando-carvalho__app-integration-cicd__src__crud-ipnet-bigquery.json",
    "open-portal-initiative__apigee-svelte-sample__integrations__ProductApprovalFlow.json",
    "srinandan__appintegration-secret-manager__src__secret-manager.json",
    "srinandan__sample__src__sample.json",
    "ssvaidyanathan__app-integration-cicd__src__app-integration-cicd.json",
    "ssvaidyanathan__appint-error-catcher__src__ErrorCatcher.json",
];

/// Corpus files in the expanded 2-space layout (one element per line, `{}` inline).
const EXPANDED_LAYOUT: &[&str] = &[
    "GoogleCloudPlatform__apigee-samples__llm-semantic-cache-v2__cleanup-semantic-cache-v1__src__cleanup-semantic-cache-v1.json",
    "GoogleCloudPlatform__application-integration-samples__src__vertex-ai-task__vertex-ai-task.json",
];

// The remaining 9 corpus files are in no single layout: editors re-indented parts of them
// (4-space top level under 2-space bodies, `},{` and `},\n  {` mixed with `}, {`, a bracket on
// its own line after a console-style array). No printer can reproduce them, and `fmt` is meant
// to normalise exactly such files.

fn load(path: &std::path::Path) -> (Vec<u8>, SourceFile) {
    let bytes = std::fs::read(path).unwrap();
    let file = SourceFile::from_bytes(path, bytes.clone()).unwrap_or_else(|e| panic!("{e}"));
    (bytes, file)
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn no_op_write_is_byte_identical_for_every_corpus_file() {
    let files: Vec<_> = corpus_files()
        .into_iter()
        .chain(corpus_other_files())
        .collect();
    for path in &files {
        let (bytes, file) = load(path);
        let written = file.apply(Vec::new()).unwrap();
        assert!(
            written.as_bytes() == bytes.as_slice(),
            "{} changed on a no-op write",
            name(path)
        );
    }
    if !files.is_empty() {
        assert_eq!(files.len(), 55 + 85);
    }
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn every_style_keeps_the_value_and_is_idempotent() {
    for path in corpus_files() {
        let (_, file) = load(&path);
        for style in [Style::Console, Style::Tab, Style::Expanded, Style::Minified] {
            let once = reprint(file.document(), style);
            let reparsed = Document::parse(once.as_str()).unwrap();
            assert_eq!(
                first_difference(reparsed.value(), file.document().value()),
                None,
                "{} {style:?} changed the value",
                name(&path)
            );
            assert_eq!(
                reprint(&reparsed, style),
                once,
                "{} {style:?} is not idempotent",
                name(&path)
            );
        }
    }
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn files_already_in_a_layout_are_reproduced_byte_for_byte() {
    let files = corpus_files();
    for (style, expected) in [
        (Style::Console, CONSOLE_LAYOUT),
        (Style::Tab, TAB_LAYOUT),
        (Style::Expanded, EXPANDED_LAYOUT),
    ] {
        let reproduced: Vec<String> = files
            .iter()
            .filter(|path| {
                let (_, file) = load(path);
                reprint(file.document(), style) == file.outer().text()
            })
            .map(|path| name(path))
            .collect();
        assert_eq!(reproduced, expected, "{style:?}");
    }
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn edits_inside_json_held_in_strings_keep_the_escape_style() {
    // A console export (Gson escapes) and an integrationcli file (Go escapes), edited inside a
    // jsonValue payload: only the edited bytes change, in the file's own escape style.
    let cases = [
        (
            "GoogleCloudPlatform__application-integration-samples__src__catch-task-error__catch-task-error.json",
            EscapeStyle::Gson,
        ),
        (
            "GoogleCloudPlatform__application-integration-samples__src__adk-order-processing__src__sample_order_processing.json",
            EscapeStyle::Go,
        ),
    ];
    for (file_name, style) in cases {
        let path = common::corpus_dir().join(file_name);
        let (bytes, file) = load(&path);
        let doc = file.document();
        assert_eq!(doc.escape_style(), style, "{file_name}");
        let (pointer, _) =
            first_json_value(doc.value(), String::new()).expect("a jsonValue payload");
        let span = doc.locate(&pointer).unwrap().value;
        let literal = doc.string_literal(span).unwrap();
        let at = literal.text().find("@type").expect("payload has @type");
        let inner = integ::document::Span::new(at, at + "@type".len());
        let edit = literal.edit(inner, "@t=<y>'&");
        let written = file.apply(vec![edit]).unwrap();
        let changed = Document::parse(written.as_str()).unwrap();
        let new_payload = changed
            .node(&pointer)
            .unwrap()
            .0
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(new_payload, literal.text().replacen("@type", "@t=<y>'&", 1));
        let expected_token = match doc.escape_style() {
            EscapeStyle::Gson => "@t\\u003d\\u003cy\\u003e\\u0027\\u0026",
            EscapeStyle::Go => "@t=\\u003cy\\u003e'\\u0026",
            EscapeStyle::Minimal => "@t=<y>'&",
        };
        assert!(
            written.contains(expected_token),
            "{file_name}: {expected_token} not written"
        );
        // Outside the edited bytes nothing changed.
        let raw = literal.raw_span(inner);
        assert_eq!(&written.as_bytes()[..raw.start], &bytes[..raw.start]);
        assert_eq!(
            &written.as_bytes()[raw.start + expected_token.len()..],
            &bytes[raw.end..]
        );
    }
}

fn first_json_value(value: &serde_json::Value, pointer: String) -> Option<(String, ())> {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(s)) = map.get("jsonValue") {
                if s.contains("@type") {
                    return Some((format!("{pointer}/jsonValue"), ()));
                }
            }
            map.iter().find_map(|(k, v)| {
                let mut p = pointer.clone();
                integ::document::push_token(&mut p, k);
                first_json_value(v, p)
            })
        }
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| first_json_value(v, format!("{pointer}/{i}"))),
        _ => None,
    }
}
