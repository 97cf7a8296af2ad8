//! Every check has a flagged and a clean fixture in tests/fixtures/lint/; the flagged one's
//! rendered findings are an insta snapshot (`<CODE>-flagged.snap` beside it; review changes
//! with `cargo insta review`, or accept them with `INSTA_UPDATE=always cargo test --test
//! lint_fixtures`). Execute request fixtures (R) are checked against
//! `request-integration.json`, as `integ check --integration` does.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use integ::check::{CheckContext, check_bytes_in, checks};
use integ::document::Document;
use integ::model::IntegrationVersion;
use integ::render::{FileResult, human_diagnostic};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint")
}

/// The document of the integration the request fixtures are for.
static INTEGRATION_DOC: LazyLock<Document> = LazyLock::new(|| {
    let text = std::fs::read_to_string(fixture_dir().join("request-integration.json")).unwrap();
    Document::parse(text).unwrap()
});

/// The integration the request fixtures are for.
static INTEGRATION: LazyLock<IntegrationVersion<'static>> =
    LazyLock::new(|| IntegrationVersion::from_document(&INTEGRATION_DOC).unwrap());

/// The findings of a fixture, checked in strict mode so S002 and C002 show.
fn check(name: &str) -> FileResult {
    let path = fixture_dir().join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let ctx = CheckContext {
        strict: true,
        integration: Some(&INTEGRATION),
    };
    let report = check_bytes_in(Path::new(name), bytes, &ctx);
    assert!(
        report.skipped.is_none(),
        "{name} is not read as a file integ checks"
    );
    FileResult {
        path: report.path,
        text: report.text,
        diagnostics: report.diagnostics,
    }
}

fn render(result: &FileResult) -> String {
    result
        .diagnostics
        .iter()
        .map(|d| human_diagnostic(result, d, false) + "\n")
        .collect()
}

#[test]
fn every_check_has_fixtures_that_flag_it_and_clean_ones_that_do_not() {
    // Project checks (P…) need a project folder: tests/project_cli.rs covers them with
    // tests/fixtures/integrationcli/{orders,broken}.
    for check_info in checks().filter(|c| !c.code.starts_with('P')) {
        let code = check_info.code;
        let flagged = check(&format!("{code}-flagged.json"));
        assert!(
            flagged.diagnostics.iter().any(|d| d.code == code),
            "{code}-flagged.json does not trigger {code}"
        );
        let clean = check(&format!("{code}-clean.json"));
        assert!(
            clean.diagnostics.is_empty(),
            "{code}-clean.json has findings:\n{}",
            render(&clean)
        );
        insta::with_settings!({
            snapshot_path => fixture_dir(),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{code}-flagged"), render(&flagged));
        });
    }
}

#[test]
fn findings_point_at_the_offending_text() {
    let result = check("L004-flagged.json");
    let lines: Vec<&str> = result.text.lines().collect();
    for d in &result.diagnostics {
        let line: Vec<char> = lines[d.line - 1].chars().collect();
        let text: String = line[d.column - 1..d.end_column - 1].iter().collect();
        // A `$…$` reference is covered whole; a name in code is covered exactly.
        let whole_reference = text.starts_with('$') && text.ends_with('$');
        assert!(
            whole_reference || d.message.contains(&format!("{text:?}")),
            "{} at {}:{} covers {text:?}",
            d.code,
            d.line,
            d.column
        );
    }
}
