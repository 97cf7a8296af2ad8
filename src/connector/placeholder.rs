//! Template placeholders left in a file: `REPLACE_PROJECT`, `<project-id>`, `__REGION__`,
//! `{{NAME}}`, `$NAME$`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"REPLACE_[A-Z0-9_]*|<[A-Za-z][A-Za-z0-9 _.-]*>|__[A-Z][A-Z0-9_]*__|\{\{[^{}]+\}\}|\$[A-Z][A-Z0-9_]*\$",
    )
    .expect("a valid regex")
});

/// The byte ranges of the placeholders in `text`.
pub fn placeholders(text: &str) -> Vec<Range<usize>> {
    PLACEHOLDER.find_iter(text).map(|m| m.range()).collect()
}

/// True when `text` holds a placeholder.
pub fn has_placeholder(text: &str) -> bool {
    PLACEHOLDER.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_common_template_placeholders() {
        let text = "projects/REPLACE_PROJECT/x/<apigee-sa-name>/__REGION__/{{ name }}/$PROJECT_ID$";
        let found: Vec<&str> = placeholders(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "REPLACE_PROJECT",
                "<apigee-sa-name>",
                "__REGION__",
                "{{ name }}",
                "$PROJECT_ID$"
            ]
        );
        for plain in [
            "https://example.com/spec.json",
            "a < b > c",
            "ERROR",
            "$5 and $6",
        ] {
            assert!(!has_placeholder(plain), "{plain}");
        }
    }
}
