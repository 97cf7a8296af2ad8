//! Variable names inside code: JavaScript `event.getParameter("k")` / `event.setParameter('k', …)`,
//! Jsonnet `f.extVar("k")` / `std.extVar('k')`, and the top-level fields of the object a
//! Data Transformer template evaluates to (each field name is a variable the task writes).
//!
//! Only the string argument of those calls and the output fields are names; a JavaScript local
//! or a Jsonnet `local` that happens to be spelled like a variable is code and stays as is.

use std::sync::LazyLock;

use regex::Regex;

use super::Form;
use crate::document::Span;

/// A name found in code, with its span in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeName {
    /// The name as written (backticks included).
    pub name: String,
    /// Where it sits in the scanned text (quotes excluded).
    pub span: Span,
    /// True for a Jsonnet output field written as a bare identifier: a new name that is not a
    /// Jsonnet identifier has to be quoted there.
    pub bare_identifier: bool,
    /// What the code does with it: get/set, extVar, or an output field.
    pub form: Form,
}

static JAVASCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\bevent\s*\.\s*([gs])etParameter\s*\(\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)')"#)
        .expect("valid regex")
});

static JSONNET_EXTVAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\b(?:f|std)\s*\.\s*(e)xtVar\s*\(\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)')"#)
        .expect("valid regex")
});

/// The quoted argument of each call `re` matches: group 1 names the call (`g`, `s`, `e`),
/// group 2 or 3 holds the argument.
fn string_arguments(re: &Regex, text: &str) -> Vec<CodeName> {
    re.captures_iter(text)
        .filter_map(|c| {
            let form = match c.get(1)?.as_str() {
                "g" => Form::GetParameter,
                "s" => Form::SetParameter,
                _ => Form::ExtVar,
            };
            let m = c.get(2).or_else(|| c.get(3))?;
            Some(CodeName {
                name: m.as_str().to_string(),
                span: Span::new(m.start(), m.end()),
                bare_identifier: false,
                form,
            })
        })
        .collect()
}

/// Variable names read or written by a JavaScript task's script.
pub fn javascript_names(script: &str) -> Vec<CodeName> {
    string_arguments(&JAVASCRIPT, script)
}

static DYNAMIC_CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\bevent\s*\.\s*[gs]etParameter\s*\(\s*([^\s"'])"#).expect("valid regex")
});

static DYNAMIC_SET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\bevent\s*\.\s*setParameter\s*\(\s*([^\s"'])"#).expect("valid regex")
});

/// True when a script writes a variable by a computed name (`event.setParameter(name, …)`):
/// it may then write any variable.
pub fn javascript_sets_computed_names(script: &str) -> bool {
    DYNAMIC_SET
        .captures_iter(script)
        .any(|c| c.get(1).is_some_and(|m| m.as_str() != "\\"))
}

/// When a script reads or writes a variable by a computed name (`event.getParameter(name)`),
/// the string literals of the script that are spelled like variable names: any of them may
/// be one of those names, so none of them can be read as a reference or as plain text.
/// Empty when every call names its variable with a literal.
pub fn javascript_possible_names(script: &str) -> Vec<CodeName> {
    let dynamic = DYNAMIC_CALL
        .captures_iter(script)
        .any(|c| c.get(1).is_some_and(|m| m.as_str() != "\\"));
    if !dynamic {
        return Vec::new();
    }
    let arguments: Vec<Span> = javascript_names(script).iter().map(|n| n.span).collect();
    javascript_strings(script)
        .into_iter()
        .filter(|span| !arguments.contains(span))
        .map(|span| CodeName {
            name: script[span.range()].to_string(),
            span,
            bare_identifier: false,
            form: Form::BareName,
        })
        .collect()
}

/// The contents of JavaScript string literals without escapes (`"…"`, `'…'`, and template
/// literals without `${`), comments skipped.
fn javascript_strings(src: &str) -> Vec<Span> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(src, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = src[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
            }
            quote @ (b'"' | b'\'' | b'`') => {
                let mut j = i + 1;
                let mut plain = true;
                while j < bytes.len() && bytes[j] != quote && (quote == b'`' || bytes[j] != b'\n') {
                    if bytes[j] == b'\\' || (quote == b'`' && bytes[j] == b'$') {
                        plain = false;
                        j += 1;
                    }
                    j += 1;
                }
                if plain && j < bytes.len() && bytes[j] == quote {
                    out.push(Span::new(i + 1, j));
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Variable names read by `extVar` in a Jsonnet template.
pub fn jsonnet_ext_vars(template: &str) -> Vec<CodeName> {
    string_arguments(&JSONNET_EXTVAR, template)
}

/// True when `name` can be written as an unquoted Jsonnet field name.
pub fn is_jsonnet_identifier(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "assert",
        "else",
        "error",
        "false",
        "for",
        "function",
        "if",
        "import",
        "importstr",
        "importbin",
        "in",
        "local",
        "null",
        "tailstrict",
        "then",
        "self",
        "super",
        "true",
    ];
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A quoted string; the span is its content (quotes excluded); `plain` when it has no escapes.
    Str {
        span: Span,
        plain: bool,
    },
    Ident(Span),
    Punct(u8),
    Other,
}

/// Splits Jsonnet source into tokens, dropping whitespace and comments.
fn tokens(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'#' => i = line_end(src, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(src, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = src[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |e| i + 2 + e + 2);
            }
            b'|' if src[i..].starts_with("|||") => {
                let body = i + 3;
                i = src[body..]
                    .find("|||")
                    .map_or(bytes.len(), |e| body + e + 3);
                out.push(Token::Other);
            }
            b'@' if matches!(bytes.get(i + 1), Some(b'"' | b'\'')) => {
                let quote = bytes[i + 1];
                let mut j = i + 2;
                while j < bytes.len() {
                    if bytes[j] == quote {
                        if bytes.get(j + 1) == Some(&quote) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j += 1;
                }
                out.push(Token::Other);
                i = j + 1;
            }
            b'"' | b'\'' => {
                let mut j = i + 1;
                let mut plain = true;
                while j < bytes.len() && bytes[j] != b {
                    if bytes[j] == b'\\' {
                        plain = false;
                        j += 1;
                    }
                    j += 1;
                }
                let end = j.min(bytes.len());
                out.push(Token::Str {
                    span: Span::new(i + 1, end),
                    plain,
                });
                i = end + 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let len = bytes[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count();
                out.push(Token::Ident(Span::new(i, i + len)));
                i += len;
            }
            b'{' | b'}' | b'[' | b']' | b'(' | b')' | b',' | b':' | b';' | b'+' => {
                out.push(Token::Punct(b));
                i += 1;
            }
            _ => {
                out.push(Token::Other);
                i += src[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}

fn line_end(src: &str, from: usize) -> usize {
    src[from..].find('\n').map_or(src.len(), |e| from + e)
}

/// The field names of the object a Jsonnet template evaluates to: the expression after the
/// last top-level `local …;` when it is an object literal. Each is a variable the task writes.
/// Computed (`[e]: v`) and method fields are not names and are skipped.
pub fn jsonnet_output_fields(template: &str) -> Vec<CodeName> {
    output_fields(template).0
}

/// True when [`jsonnet_output_fields`] names every variable the template writes: its result
/// is an object literal none of whose fields has a computed name. Otherwise the template may
/// write variables no name in it spells.
pub fn jsonnet_outputs_known(template: &str) -> bool {
    output_fields(template).1
}

/// The output fields and whether they are all of them.
fn output_fields(template: &str) -> (Vec<CodeName>, bool) {
    let toks = tokens(template);
    let mut depth = 0i32;
    let mut body_start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Token::Punct(b'{' | b'[' | b'(') => depth += 1,
            Token::Punct(b'}' | b']' | b')') => depth -= 1,
            Token::Punct(b';') if depth == 0 => body_start = i + 1,
            _ => {}
        }
    }
    let body = &toks[body_start..];
    if body.first() != Some(&Token::Punct(b'{')) || body.last() != Some(&Token::Punct(b'}')) {
        return (Vec::new(), false);
    }
    let mut found = Vec::new();
    let mut complete = true;
    let mut depth = 0i32;
    for (i, t) in body.iter().enumerate() {
        match t {
            Token::Punct(b'{' | b'[' | b'(') => depth += 1,
            Token::Punct(b'}' | b']' | b')') => depth -= 1,
            _ => {}
        }
        let starts_field = matches!(body.get(i.wrapping_sub(1)), Some(Token::Punct(b'{' | b',')));
        if *t == Token::Punct(b'[') && depth == 2 && i > 0 && starts_field {
            complete = false;
        }
        if depth != 1 || i == 0 || !starts_field {
            continue;
        }
        let mut next = i + 1;
        if body.get(next) == Some(&Token::Punct(b'+')) {
            next += 1;
        }
        if body.get(next) != Some(&Token::Punct(b':')) {
            continue;
        }
        match *t {
            Token::Ident(span) => {
                let name = &template[span.range()];
                if name != "local" && name != "assert" {
                    found.push(CodeName {
                        name: name.to_string(),
                        span,
                        bare_identifier: true,
                        form: Form::JsonnetField,
                    });
                }
            }
            Token::Str { span, plain: true } => found.push(CodeName {
                name: template[span.range()].to_string(),
                span,
                bare_identifier: false,
                form: Form::JsonnetField,
            }),
            _ => {}
        }
    }
    (found, complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_names_make_every_literal_a_possible_name() {
        let script = r#"var names = ["sample1", 'sample2']; // "in a comment"
names.forEach(function(n) { var v = event.getParameter(n); });
event.setParameter("logEntry", `a ${x}`);"#;
        let found = javascript_possible_names(script);
        assert_eq!(names(&found), ["sample1", "sample2"]);
        assert!(
            javascript_possible_names(r#"var a = "x"; event.getParameter("y");"#).is_empty(),
            "literal arguments only: nothing is uncertain"
        );
    }

    fn names(found: &[CodeName]) -> Vec<&str> {
        found.iter().map(|n| n.name.as_str()).collect()
    }

    #[test]
    fn javascript_calls_only() {
        let script = r#"function executeScript(event) {
  var order = event.getParameter("order");
  event.setParameter('`Task_1_x`', order);
  event . getParameter ( "spaced" );
  other.getParameter("notEvent"); event.getParameter(order);
}"#;
        let found = javascript_names(script);
        assert_eq!(names(&found), ["order", "`Task_1_x`", "spaced"]);
        assert_eq!(&script[found[0].span.range()], "order");
    }

    #[test]
    fn jsonnet_ext_vars_and_outputs() {
        let template = r#"local f = import "functions"; // f.extVar("inComment")
local line_items = f.extVar("orders_request").line_items;
local rs = std.extVar('`Task_1_responseStatus`');
local obj = { notOutput: 1 };
{
// Add mapping here
  "total": f.sum(line_items),
  retryCounter+: { nested: 2 },
  hidden:: 3,
  [computed]: 4,
  method(x): x,
  'single': [1, {deep: 1}],
}"#;
        assert_eq!(
            names(&jsonnet_ext_vars(template)),
            ["inComment", "orders_request", "`Task_1_responseStatus`"]
        );
        let outputs = jsonnet_output_fields(template);
        assert_eq!(
            names(&outputs),
            ["total", "retryCounter", "hidden", "single"]
        );
        assert!(outputs[1].bare_identifier && !outputs[0].bare_identifier);
        assert_eq!(&template[outputs[3].span.range()], "single");
        assert!(
            !jsonnet_outputs_known(template),
            "[computed] may be any name"
        );
        assert!(jsonnet_outputs_known("local a = 1; { b: a, 'c': [a] }"));
        assert!(!jsonnet_outputs_known("std.mergePatch({a: 1}, {b: 2})"));
    }

    #[test]
    fn computed_set_parameter() {
        assert!(javascript_sets_computed_names(
            "names.forEach(function(n) { event.setParameter(n, 1); });"
        ));
        assert!(!javascript_sets_computed_names(
            "event.setParameter(\"x\", 1); event.getParameter(name);"
        ));
    }

    #[test]
    fn output_fields_need_an_object_result() {
        assert!(jsonnet_output_fields("local x = 1; x + 1").is_empty());
        assert!(jsonnet_output_fields("std.mergePatch({a: 1}, {b: 2})").is_empty());
        assert_eq!(
            names(&jsonnet_output_fields(
                "{ a: '}', b: |||\n text }\n|||, c: 1 }"
            )),
            ["a", "b", "c"]
        );
    }

    #[test]
    fn identifiers() {
        assert!(is_jsonnet_identifier("order_total"));
        assert!(!is_jsonnet_identifier("order-total"));
        assert!(!is_jsonnet_identifier("`Task_1_x`"));
        assert!(!is_jsonnet_identifier("local"));
        assert!(!is_jsonnet_identifier("1a"));
    }
}
