//! Every `console` example in README.md, rules/README.md and the pages of docs/ runs as a test
//! (trycmd, from the repository root).

#[test]
fn readme_examples() {
    let cases = trycmd::TestCases::new();
    cases.case("README.md");
    if std::path::Path::new("rules/README.md").exists() {
        cases.case("rules/README.md");
    }
    cases.case("docs/integrationcli.md");
    cases.case("docs/ci.md");
    cases.case("docs/requests.md");
}
