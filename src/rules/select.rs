//! JSONPath selections (jsonpath-rust) as JSON Pointers, and new values as JSON text.

use jsonpath_rust::parser::model::{JpQuery, Segment, Selector};
use jsonpath_rust::parser::parse_json_path;
use jsonpath_rust::query::js_path_process;
use serde_json::Value;

use crate::document::{EscapeStyle, push_token};

/// Longest JSONPath accepted, in bytes.
pub const MAX_PATH_LEN: usize = 1000;

/// Deepest nesting of brackets and parentheses accepted in a JSONPath (the parser recurses).
pub const MAX_PATH_NESTING: usize = 32;

/// A compiled JSONPath (RFC 9535).
#[derive(Debug, Clone)]
pub struct JsonPathQuery {
    /// The path as written.
    pub text: String,
    query: JpQuery,
}

impl JsonPathQuery {
    /// Compiles `path`, refusing paths longer than [`MAX_PATH_LEN`] or nested deeper than
    /// [`MAX_PATH_NESTING`].
    pub fn parse(path: &str) -> Result<JsonPathQuery, String> {
        if path.len() > MAX_PATH_LEN {
            return Err(format!("the path is longer than {MAX_PATH_LEN} bytes"));
        }
        if nesting(path) > MAX_PATH_NESTING {
            return Err(format!(
                "brackets and parentheses nest deeper than {MAX_PATH_NESTING} levels"
            ));
        }
        parse_json_path(path)
            .map(|query| JsonPathQuery {
                text: path.to_string(),
                query,
            })
            .map_err(|e| e.to_string())
    }

    /// The JSON Pointers of the values `value` has at this path, in document order of the
    /// query's results.
    pub fn pointers(&self, value: &Value) -> Result<Vec<String>, String> {
        let found = js_path_process(&self.query, value).map_err(|e| e.to_string())?;
        found
            .into_iter()
            .map(|r| {
                normalized_to_pointer(&r.path).ok_or_else(|| format!("unexpected path {}", r.path))
            })
            .collect()
    }
}

/// The deepest nesting of `[` and `(` in `path`, outside quoted names.
fn nesting(path: &str) -> usize {
    let (mut depth, mut deepest, mut quote, mut escaped) = (0usize, 0, None, false);
    for c in path.chars() {
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[' | '(') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, ']' | ')') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// `$['a'][0]['b/c']` → `/a/0/b~1c`.
fn normalized_to_pointer(path: &str) -> Option<String> {
    let query = parse_json_path(path).ok()?;
    let mut pointer = String::new();
    for segment in query.segments {
        match segment {
            Segment::Selector(Selector::Name(name)) => push_token(&mut pointer, &name),
            Segment::Selector(Selector::Index(i)) if i >= 0 => pointer.push_str(&format!("/{i}")),
            _ => return None,
        }
    }
    Some(pointer)
}

/// `value` as compact JSON text (`, ` and `: ` separators), strings escaped in `style`.
pub fn render_value(value: &Value, style: EscapeStyle) -> String {
    let mut out = String::new();
    render_into(value, style, &mut out);
    out
}

fn render_into(value: &Value, style: EscapeStyle, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(&style.quote(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render_into(item, style, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&style.quote(k));
                out.push_str(": ");
                render_into(v, style, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selects_as_pointers() {
        let value = json!({"taskConfigs": [
            {"task": "EmailTask", "p": {"a/b": 1}},
            {"task": "JavaScriptTask", "p": {"a/b": 2}},
            {"task": "EmailTask", "p": {"it's": 3}}
        ]});
        let q = JsonPathQuery::parse("$.taskConfigs[?@.task == 'EmailTask'].p.*").unwrap();
        assert_eq!(
            q.pointers(&value).unwrap(),
            ["/taskConfigs/0/p/a~1b", "/taskConfigs/2/p/it's"]
        );
        assert!(JsonPathQuery::parse("$[").is_err());
        let deep = format!("$[?{}@.a{}]", "(".repeat(40), ")".repeat(40));
        assert!(
            JsonPathQuery::parse(&deep)
                .unwrap_err()
                .contains("nest deeper than 32")
        );
        let shallow = format!("$[?{}@.a == '(([[' {}]", "(".repeat(30), ")".repeat(30));
        assert_eq!(nesting(&shallow), 31);
        assert!(JsonPathQuery::parse(&format!("$.{}", "a".repeat(MAX_PATH_LEN))).is_err());
        let none = JsonPathQuery::parse("$.nothing").unwrap();
        assert!(none.pointers(&value).unwrap().is_empty());
    }

    #[test]
    fn renders_compact_json() {
        let v = json!({"a": [1, 2.5, true, null], "b": "x=y"});
        assert_eq!(
            render_value(&v, EscapeStyle::Gson),
            r#"{"a": [1, 2.5, true, null], "b": "x\u003dy"}"#
        );
        assert_eq!(
            render_value(&v, EscapeStyle::Minimal),
            r#"{"a": [1, 2.5, true, null], "b": "x=y"}"#
        );
    }
}
