//! Every `console` example in README.md, rules/README.md and the pages of docs/ runs as a test
//! (trycmd, from the repository root). Blocks of other kinds (`sh`, `yaml`, `text`) are not run;
//! tests/ci_recipes.rs checks the CI recipes among them.

#[test]
fn readme_examples() {
    let cases = trycmd::TestCases::new();
    cases.case("README.md");
    if std::path::Path::new("rules/README.md").exists() {
        cases.case("rules/README.md");
    }
    let mut pages: Vec<_> = std::fs::read_dir("docs")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 7, "{pages:?}");
    for page in pages {
        cases.case(page);
    }
}
