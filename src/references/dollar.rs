//! The `$…$` reference grammar: `$key$`, `` $`key`$ ``, `$key.sub.path$`, `` $`key`.sub$ ``.
//!
//! The scanner is strict on purpose: after a `$` it expects a whole key (a bare name of
//! `[A-Za-z0-9_-]` or a backtick-quoted name), then optional `.segment`s, then the closing `$`.
//! Anything else (`$schema"`, `$1 Billion`, `$ref`) is not a reference, and scanning resumes at
//! the next character. Only the key part is a name; a sub-path is JSON navigation inside it.

use crate::document::Span;

/// One `$…$` occurrence in a decoded string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DollarRef {
    /// The key as written, backticks included.
    pub name: String,
    /// Where the key sits in the scanned text (backticks included, dollars excluded).
    pub span: Span,
    /// True when a `.sub.path` follows the key.
    pub sub_path: bool,
}

/// True for a byte allowed in a bare variable name.
pub fn is_bare_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// True when `name` is spelled like a variable key: a bare `[A-Za-z0-9_-]+` name, or a
/// backtick-quoted name without backticks, dollars, quotes, backslashes, dots or whitespace
/// inside.
pub fn is_variable_name(name: &str) -> bool {
    if let Some(inner) = name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
        return !inner.is_empty()
            && inner.chars().all(|c| {
                !c.is_whitespace()
                    && !c.is_control()
                    && !matches!(c, '`' | '$' | '"' | '\'' | '\\' | '.')
            });
    }
    !name.is_empty() && name.bytes().all(is_bare_name_byte)
}

/// Length of a key starting at `at`: a bare name or a backtick-quoted one.
fn key_len(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(at) == Some(&b'`') {
        let close = text[at + 1..].find(['`', '$', '\n', '"'])? + at + 1;
        return (bytes[close] == b'`' && close > at + 1).then_some(close + 1 - at);
    }
    let len = bytes[at..]
        .iter()
        .take_while(|b| is_bare_name_byte(**b))
        .count();
    (len > 0).then_some(len)
}

/// Every `$…$` reference in `text`, in order.
pub fn scan(text: &str) -> Vec<DollarRef> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(offset) = text[i..].find('$') {
        let start = i + offset;
        i = start + 1;
        let Some(len) = key_len(text, start + 1) else {
            continue;
        };
        let key = Span::new(start + 1, start + 1 + len);
        let mut end = key.end;
        let mut sub_path = false;
        while bytes.get(end) == Some(&b'.') {
            match key_len(text, end + 1) {
                Some(seg) => {
                    end += 1 + seg;
                    sub_path = true;
                }
                None => break,
            }
        }
        if bytes.get(end) != Some(&b'$') {
            continue;
        }
        let name = text[key.range()].to_string();
        if is_variable_name(&name) {
            found.push(DollarRef {
                name,
                span: key,
                sub_path,
            });
            i = end + 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, bool)> {
        scan(text)
            .into_iter()
            .map(|r| (r.name, r.sub_path))
            .collect()
    }

    #[test]
    fn finds_every_form() {
        let text = "$a$ $`Task_1_x`$ $b.c.d$ $`T`.e$ exists($f-g$)";
        let refs = scan(text);
        let got: Vec<_> = refs.iter().map(|r| &text[r.span.range()]).collect();
        assert_eq!(got, ["a", "`Task_1_x`", "b", "`T`", "f-g"]);
        assert_eq!(
            names(text).iter().map(|n| n.1).collect::<Vec<_>>(),
            [false, false, true, true, false]
        );
    }

    #[test]
    fn ignores_look_alikes() {
        assert!(scan("\"$schema\": \"x\"").is_empty());
        assert!(scan("$1 Billion and $ref").is_empty());
        assert!(scan("price: $ 5 $").is_empty());
        assert!(scan("$`unclosed$").is_empty());
        assert!(scan("$$").is_empty());
        assert_eq!(names("$$x$"), [("x".to_string(), false)]);
        // The sub-path outside the dollars is plain text after a whole reference.
        assert_eq!(
            names("$`Task_2_loopMetadata`$.current_iteration_count = 0"),
            [("`Task_2_loopMetadata`".to_string(), false)]
        );
    }

    #[test]
    fn adjacent_references() {
        assert_eq!(
            names("$a$$b$ and $c$"),
            [
                ("a".to_string(), false),
                ("b".to_string(), false),
                ("c".to_string(), false)
            ]
        );
    }

    #[test]
    fn validates_names() {
        for ok in [
            "order",
            "order-items",
            "a_1",
            "`Task_1_responseBody`",
            "`CONFIG_x`",
        ] {
            assert!(is_variable_name(ok), "{ok}");
        }
        for bad in [
            "", "a b", "a.b", "a$", "`a", "``", "`a`b`", "a`", "é", "`a.b`", "\"a\"",
        ] {
            assert!(!is_variable_name(bad), "{bad}");
        }
    }
}
