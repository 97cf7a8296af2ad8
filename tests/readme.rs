//! Every `console` example in README.md and rules/README.md runs as a test (trycmd).

#[test]
fn readme_examples() {
    let cases = trycmd::TestCases::new();
    cases.case("README.md");
    if std::path::Path::new("rules/README.md").exists() {
        cases.case("rules/README.md");
    }
}
