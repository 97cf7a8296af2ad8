//! `integ request execute` and `integ check` on execute requests, custom connector specs and
//! connection files, through the binary.

mod common;

use std::path::PathBuf;

use common::{corpus_other_files, integ, name};
use serde_json::{Value, json};

fn lint_fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lint")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The integration the request fixtures are for: trigger api_trigger/orders_API_1; inputs
/// order (JSON), quantity (INT), tags (STRING_ARRAY, IN_OUT), express (BOOLEAN, listed by
/// the trigger); receipt is an output.
fn flow() -> String {
    lint_fixture("request-integration.json")
}

const TRIGGER: &str = "api_trigger/orders_API_1";

fn execute(inputs: &[&str]) -> assert_cmd::assert::Assert {
    let mut cmd = integ();
    cmd.args(["request", "execute", &flow(), "--trigger", TRIGGER]);
    for input in inputs {
        cmd.args(["--input", input]);
    }
    cmd.assert()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn execute_prints_a_typed_body_pretty_with_a_final_newline() {
    let assert = integ()
        .args(["request", "execute", &flow(), "--trigger", TRIGGER])
        .args(["--input", "quantity=3", "--input", r#"order={"id": 7}"#])
        .args(["--input", "express=true", "--input", "tags=gift,fragile"])
        .args(["--request-id", "run-42", "--do-not-propagate-error"])
        .assert()
        .success();
    let text = stdout(&assert);
    assert_eq!(
        text,
        r#"{
  "triggerId": "api_trigger/orders_API_1",
  "inputParameters": {
    "quantity": {
      "intValue": "3"
    },
    "order": {
      "jsonValue": "{\"id\": 7}"
    },
    "express": {
      "booleanValue": true
    },
    "tags": {
      "stringArray": {
        "stringValues": [
          "gift",
          "fragile"
        ]
      }
    }
  },
  "requestId": "run-42",
  "doNotPropagateError": true
}
"#
    );
    // The body it prints is a clean execute request for the same integration.
    let dir = tempfile::tempdir().unwrap();
    let body = dir.path().join("body.json");
    std::fs::write(&body, &text).unwrap();
    integ()
        .args(["check", "--integration", &flow()])
        .arg(&body)
        .assert()
        .success();
}

#[test]
fn execute_without_inputs_or_options_has_only_trigger_and_empty_inputs() {
    let assert = execute(&[]).success();
    let body: Value = serde_json::from_str(&stdout(&assert)).unwrap();
    assert_eq!(body, json!({"triggerId": TRIGGER, "inputParameters": {}}));
}

#[test]
fn array_inputs_take_json_arrays_too() {
    let assert = execute(&[r#"tags=["a,b", "c"]"#]).success();
    let body: Value = serde_json::from_str(&stdout(&assert)).unwrap();
    assert_eq!(
        body["inputParameters"]["tags"],
        json!({"stringArray": {"stringValues": ["a,b", "c"]}})
    );
    let assert = execute(&["tags="]).success();
    let body: Value = serde_json::from_str(&stdout(&assert)).unwrap();
    assert_eq!(
        body["inputParameters"]["tags"],
        json!({"stringArray": {"stringValues": []}})
    );
}

#[test]
fn wrong_values_exit_2_naming_variable_type_and_value() {
    let cases = [
        (
            "quantity=3.5",
            "input \"quantity\" is INT_VALUE: \"3.5\" is not a 64-bit integer",
        ),
        (
            "quantity=99999999999999999999",
            "input \"quantity\" is INT_VALUE: \"99999999999999999999\" is not a 64-bit integer",
        ),
        (
            "express=yes",
            "input \"express\" is BOOLEAN_VALUE: \"yes\" is not a boolean",
        ),
        (
            "order={'id': 1}",
            "input \"order\" is JSON_VALUE: \"{'id': 1}\" is not JSON",
        ),
        (
            "tags=[1]",
            "input \"tags\" is STRING_ARRAY: \"[1]\" item 0 (1) is not a string",
        ),
    ];
    for (input, message) in cases {
        let assert = execute(&[input]).code(2);
        let err = stderr(&assert);
        assert!(err.contains(message), "{input}: {err}");
        assert!(err.contains("request-integration.json"), "{err}");
        assert!(stdout(&assert).is_empty());
    }
}

#[test]
fn unknown_triggers_and_non_inputs_exit_2() {
    let assert = integ()
        .args([
            "request",
            "execute",
            &flow(),
            "--trigger",
            "api_trigger/nope",
        ])
        .assert()
        .code(2);
    assert!(
        stderr(&assert)
            .contains("trigger \"api_trigger/nope\" is not in the integration (triggers: api_trigger/orders_API_1)"),
        "{}",
        stderr(&assert)
    );
    let err = stderr(&execute(&["receipt={}"]).code(2));
    assert!(
        err.contains("variable \"receipt\" is declared but is not an input"),
        "{err}"
    );
    let err = stderr(&execute(&["quantty=1"]).code(2));
    assert!(
        err.contains(
            "variable \"quantty\" is not declared (inputs: express, order, quantity, tags)"
        ),
        "{err}"
    );
    let err = stderr(&execute(&["quantity=1", "quantity=2"]).code(2));
    assert!(
        err.contains("input \"quantity\" is given more than once"),
        "{err}"
    );
    let err = stderr(&execute(&["quantity"]).code(2));
    assert!(err.contains("is not KEY=VALUE"), "{err}");
}

#[test]
fn execute_reads_envelopes_and_stdin_and_refuses_other_json() {
    let text = std::fs::read_to_string(flow()).unwrap();
    let envelope = json!({"content": text}).to_string();
    let assert = integ()
        .args([
            "request",
            "execute",
            "-",
            "--trigger",
            TRIGGER,
            "--input",
            "quantity=1",
        ])
        .write_stdin(envelope)
        .assert()
        .success();
    assert!(stdout(&assert).contains("\"intValue\": \"1\""));
    let assert = integ()
        .args([
            "request",
            "execute",
            &lint_fixture("R001-clean.json"),
            "--trigger",
            TRIGGER,
        ])
        .assert()
        .code(2);
    assert!(
        stderr(&assert).contains("not an integration"),
        "{}",
        stderr(&assert)
    );
}

/// `integ check --format json` on `paths` with `extra` arguments: exit code and document.
fn check_json(extra: &[&str], paths: &[String]) -> (i32, Value) {
    let output = integ()
        .args(["check", "--format", "json"])
        .args(extra)
        .args(paths)
        .output()
        .unwrap();
    let doc = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&output.stderr));
    });
    (output.status.code().unwrap(), doc)
}

fn codes(doc: &Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn check_validates_requests_for_shape_alone_and_against_an_integration() {
    let flagged = [
        lint_fixture("R004-flagged.json"),
        lint_fixture("R005-flagged.json"),
        lint_fixture("R006-flagged.json"),
    ];
    // Shape only: these requests are well formed.
    let (code, doc) = check_json(&[], &flagged);
    assert_eq!((code, codes(&doc)), (0, Vec::<String>::new()));
    assert_eq!(
        doc["summary"]["files"], 3,
        "requests are checked, not skipped"
    );
    let (code, doc) = check_json(&["--integration", &flow()], &flagged);
    assert_eq!(code, 1);
    assert_eq!(codes(&doc), ["R004", "R005", "R005", "R006", "R006"]);
    let first = &doc["diagnostics"][0];
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(2), Some(16))
    );
    // Malformed shapes are found without an integration.
    let (code, doc) = check_json(&[], &[lint_fixture("R002-flagged.json")]);
    assert_eq!((code, codes(&doc)), (1, vec!["R002".to_string(); 3]));
}

#[test]
fn check_refuses_an_integration_option_that_is_not_an_integration() {
    let assert = integ()
        .args(["check", "--integration", &lint_fixture("C003-clean.json")])
        .arg(lint_fixture("R001-clean.json"))
        .assert()
        .code(2);
    assert!(
        stderr(&assert).contains(
            "--integration must be an integration file; this is a custom connector version spec"
        ),
        "{}",
        stderr(&assert)
    );
    integ()
        .args([
            "check",
            "--integration",
            "no-such-file.json",
            &lint_fixture("R001-clean.json"),
        ])
        .assert()
        .code(2);
}

#[test]
fn check_recognises_kinds_by_shape_not_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
    };
    // Names that say nothing of the kind.
    write(
        "a.json",
        r#"{"name": "projects/p/locations/global/customConnectors/c/customConnectorVersions/1", "serviceAccount": "sa@p.iam.gserviceaccount.com"}"#,
    );
    write(
        "b.json",
        r#"{"connectorDetails": {"name": "pubsub", "provider": "gcp", "version": 1}}"#,
    );
    write(
        "c.json",
        r#"{"triggerId": "api_trigger/x", "inputParameters": {"n": {"intValue": "x"}}}"#,
    );
    write("d.json", r#"{"name": "my-package", "version": "1.0.0"}"#);
    let (code, doc) = check_json(&[], &[dir.path().to_string_lossy().into_owned()]);
    assert_eq!(code, 1);
    assert_eq!(doc["summary"]["files"], 3, "d.json is skipped");
    let found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            (
                path.rsplit('/').next().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The spec without specLocation is an error; the request's int is malformed.
    assert_eq!(
        found,
        [
            ("a.json".to_string(), "C003".to_string()),
            ("c.json".to_string(), "R002".to_string())
        ]
    );
}

#[test]
fn connector_checks_are_listed_explained_and_selectable() {
    let assert = integ().arg("checks").assert().success();
    let list = stdout(&assert);
    for code in ["R001", "R006", "C001", "C012"] {
        assert!(list.contains(code), "{code} missing from integ checks");
    }
    let assert = integ()
        .args(["explain", "missing-spec-location"])
        .assert()
        .success();
    assert!(stdout(&assert).starts_with("# C003 missing-spec-location (default severity: error)"));
    // --select C keeps only connector findings; --ignore drops them.
    let (_, doc) = check_json(&["--select", "C012"], &[lint_fixture("C012-flagged.json")]);
    assert_eq!(codes(&doc), ["C012", "C012"]);
    let (code, doc) = check_json(&["--ignore", "C"], &[lint_fixture("C007-flagged.json")]);
    assert_eq!((code, codes(&doc).len()), (0, 0));
}

#[test]
fn unknown_connector_fields_need_strict() {
    let path = lint_fixture("C002-flagged.json");
    let (_, lenient) = check_json(&[], std::slice::from_ref(&path));
    assert!(codes(&lenient).is_empty());
    let (_, strict) = check_json(&["--strict"], &[path]);
    assert_eq!(codes(&strict), ["C002", "C002"]);
}

#[test]
#[cfg_attr(
    integ_no_corpus,
    ignore = "../shared/corpus is missing beside the repository"
)]
fn corpus_requests_specs_and_connections_are_checked() {
    let files = corpus_other_files();
    if files.is_empty() {
        return;
    }
    let pick = |part: &str| -> Vec<String> {
        files
            .iter()
            .filter(|p| name(p).contains(part))
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    };
    // integrationcli's execute requests and test configuration: well formed.
    let requests: Vec<String> = pick("__test__exec")
        .into_iter()
        .chain(pick("test-configs"))
        .collect();
    assert_eq!(requests.len(), 3);
    let (code, doc) = check_json(&[], &requests);
    assert_eq!((code, doc["summary"]["files"].as_u64()), (0, Some(3)));
    // The two custom connector specs: template placeholders only (infos).
    let specs: Vec<String> = pick("custom-connector-version")
        .into_iter()
        .chain(pick("custom-connection"))
        .collect();
    assert_eq!(specs.len(), 2);
    let (code, doc) = check_json(&[], &specs);
    assert_eq!(code, 0);
    assert_eq!(doc["summary"]["files"], 2);
    assert_eq!(codes(&doc), ["C012", "C012", "C012", "C012"]);
    // Connections (and connectors/ folders holding them): the only errors are the two
    // `"version": "1"` strings integrationcli cannot read as an integer.
    let mut connections: Vec<String> = pick("connection")
        .into_iter()
        .chain(pick("connectors__"))
        .chain(pick("-connector.json"))
        .collect();
    connections.sort();
    connections.dedup();
    let (code, doc) = check_json(&["--select", "C"], &connections);
    assert_eq!(code, 1);
    assert_eq!(
        doc["summary"]["files"].as_u64(),
        Some(connections.len() as u64)
    );
    let errors: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| format!("{} {}", d["code"], d["message"]))
        .collect();
    assert_eq!(
        errors, [r#""C001" "connectorDetails.version must be integer, found a string \"1\"""#; 2],
        "{connections:?}"
    );
}
