//! Whole-name variable references inside a (normalised) value, counted or moved to a new name.
//!
//! Sites (FORMAT.md §8): `$key$`, `` $`key`$ ``, `$key.path$`, `` $`key`.path$ `` in any string;
//! `getParameter("key")`, `setParameter("key", …)` and `extVar("key")` in scripts and templates;
//! and strings that *are* the bare name in trigger `inputVariables`/`outputVariables`, in the
//! literal sides of ParameterMap entries, and in the sub-integration element parameters. A name
//! that merely contains another (`$orderId$` for `order`) is never a reference to it.

use regex::Regex;
use serde_json::Value;

use crate::document::push_token;

/// Task parameters whose string value is the bare name of a variable.
const BARE_NAME_PARAMETERS: &[&str] = &[
    "iterationElementMapping",
    "subworkflowInput",
    "scatterElementParam",
];

/// A variable name, ready to find its references (the search pattern is compiled once).
pub struct VariableName {
    name: String,
    /// The name without backticks: a string without it holds no reference.
    needle: String,
    calls: Regex,
}

impl VariableName {
    /// Prepares the search for references to `name` (a declared key, backticks included).
    pub fn new(name: &str) -> VariableName {
        VariableName {
            name: name.to_string(),
            needle: name.trim_matches('`').to_string(),
            calls: call_pattern(name),
        }
    }

    /// How many whole-name references `value` holds.
    pub fn count(&self, value: &Value) -> usize {
        let mut path = Vec::new();
        walk_ref(value, &mut path, &mut |s, path| {
            if !s.contains(&self.needle) {
                return 0;
            }
            if is_bare_name_site(path) && s == self.name {
                return 1;
            }
            replace_dollar_references(s, &self.name, &self.name).1 + self.calls.find_iter(s).count()
        })
    }

    /// The JSON Pointers of the strings in `value` that refer to the name.
    pub fn sites(&self, value: &Value) -> Vec<String> {
        let mut sites = Vec::new();
        let mut path = Vec::new();
        walk_ref(value, &mut path, &mut |s, path| {
            if s.contains(&self.needle)
                && ((is_bare_name_site(path) && s == self.name)
                    || replace_dollar_references(s, &self.name, &self.name).1 > 0
                    || self.calls.is_match(s))
            {
                let mut pointer = String::new();
                for token in path {
                    push_token(&mut pointer, token);
                }
                sites.push(pointer);
            }
            0
        });
        sites
    }

    /// Replaces every whole-name reference in `value` by `to`; returns how many.
    pub fn rename(&self, value: &mut Value, to: &str) -> usize {
        let mut path = Vec::new();
        walk(value, &mut path, &mut |s, path| {
            if !s.contains(&self.needle) {
                return 0;
            }
            if is_bare_name_site(path) && *s == self.name {
                *s = to.to_string();
                return 1;
            }
            let (replaced, mut count) = replace_dollar_references(s, &self.name, to);
            let replaced = replaced.unwrap_or_else(|| s.clone());
            let mut calls = 0;
            let result = self.calls.replace_all(&replaced, |caps: &regex::Captures| {
                calls += 1;
                format!("{}{}{}", &caps[1], to, &caps[3])
            });
            count += calls;
            if count > 0 {
                *s = result.into_owned();
            }
            count
        })
    }
}

/// Replaces every whole-name reference to variable `from` by `to` in `value`; returns how many.
pub fn rename_variable(value: &mut Value, from: &str, to: &str) -> usize {
    VariableName::new(from).rename(value, to)
}

/// How many whole-name references to `name` `value` holds.
#[cfg(test)]
pub fn count_variable(value: &Value, name: &str) -> usize {
    VariableName::new(name).count(value)
}

/// `getParameter("name")`, `setParameter('name', …)`, `extVar("name")`: prefix, name, quote.
fn call_pattern(name: &str) -> Regex {
    Regex::new(&format!(
        r#"((?:getParameter|setParameter|extVar)\s*\(\s*["'])({})(["'])"#,
        regex::escape(name)
    ))
    .expect("an escaped name makes a valid pattern")
}

/// [`walk`] without changing anything.
fn walk_ref(
    value: &Value,
    path: &mut Vec<String>,
    f: &mut impl FnMut(&str, &[String]) -> usize,
) -> usize {
    match value {
        Value::String(s) => f(s, path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                path.push(i.to_string());
                let n = walk_ref(item, path, f);
                path.pop();
                n
            })
            .sum(),
        Value::Object(map) => map
            .iter()
            .map(|(key, child)| {
                path.push(key.clone());
                let n = walk_ref(child, path, f);
                path.pop();
                n
            })
            .sum(),
        _ => 0,
    }
}

/// Calls `f` on every string (object keys excluded) with the path of keys leading to it; sums
/// what `f` returns.
fn walk(
    value: &mut Value,
    path: &mut Vec<String>,
    f: &mut impl FnMut(&mut String, &[String]) -> usize,
) -> usize {
    match value {
        Value::String(s) => f(s, path),
        Value::Array(items) => items
            .iter_mut()
            .enumerate()
            .map(|(i, item)| {
                path.push(i.to_string());
                let n = walk(item, path, f);
                path.pop();
                n
            })
            .sum(),
        Value::Object(map) => map
            .iter_mut()
            .map(|(key, child)| {
                path.push(key.clone());
                let n = walk(child, path, f);
                path.pop();
                n
            })
            .sum(),
        _ => 0,
    }
}

/// True when a string at `path` holds a bare variable name.
fn is_bare_name_site(path: &[String]) -> bool {
    let ends_with = |tail: &[&str]| {
        path.len() >= tail.len()
            && path[path.len() - tail.len()..]
                .iter()
                .zip(tail)
                .all(|(a, b)| a == b || (*b == "#" && is_index(a)))
    };
    if ends_with(&["inputVariables", "names", "#"]) || ends_with(&["outputVariables", "names", "#"])
    {
        return true;
    }
    if (ends_with(&["key", "literalValue", "stringValue"])
        || ends_with(&["value", "literalValue", "stringValue"]))
        && path.iter().any(|p| p == "entries")
    {
        return true;
    }
    path.len() >= 4
        && path[path.len() - 4] == "parameters"
        && BARE_NAME_PARAMETERS.contains(&path[path.len() - 3].as_str())
        && ends_with(&["value", "stringValue"])
}

fn is_index(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// Replaces `$from…$` references in `s`. Returns the new text (when anything changed) and the
/// number of references replaced.
fn replace_dollar_references(s: &str, from: &str, to: &str) -> (Option<String>, usize) {
    if !s.contains('$') {
        return (None, 0);
    }
    let mut out = String::new();
    let mut count = 0;
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = s[i..].find('$') {
        let start = i + offset;
        match parse_reference(s, start) {
            Some(reference) => {
                let replacement = if reference.name == from {
                    Some(to.to_string())
                } else if reference.backticked
                    && &reference.name[1..reference.name.len() - 1] == from
                {
                    Some(if to.starts_with('`') {
                        to.to_string()
                    } else {
                        format!("`{to}`")
                    })
                } else {
                    None
                };
                if let Some(replacement) = replacement {
                    out.push_str(&s[copied..start + 1]);
                    out.push_str(&replacement);
                    copied = start + 1 + reference.name.len();
                    count += 1;
                }
                i = reference.end;
            }
            None => i = start + 1,
        }
    }
    if count == 0 {
        return (None, 0);
    }
    out.push_str(&s[copied..]);
    (Some(out), count)
}

struct Reference<'a> {
    name: &'a str,
    backticked: bool,
    /// Byte after the closing `$`.
    end: usize,
}

/// Parses a `$name$`, `$name.path$`, `` $`name`$ `` or `` $`name`.path$ `` reference at `start`.
fn parse_reference(s: &str, start: usize) -> Option<Reference<'_>> {
    let bytes = s.as_bytes();
    let name_start = start + 1;
    let (name_end, backticked) = if bytes.get(name_start) == Some(&b'`') {
        let close = s[name_start + 1..].find(['`', '$'])? + name_start + 1;
        if bytes[close] != b'`' || close == name_start + 1 {
            return None;
        }
        (close + 1, true)
    } else {
        let len = s[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
            .count();
        if len == 0 {
            return None;
        }
        (name_start + len, false)
    };
    let mut end = name_end;
    if bytes.get(end) == Some(&b'.') {
        end += s[end..]
            .bytes()
            .take_while(|b| !matches!(b, b'$' | b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\''))
            .count();
    }
    if bytes.get(end) != Some(&b'$') {
        return None;
    }
    Some(Reference {
        name: &s[name_start..name_end],
        backticked,
        end: end + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn renamed(mut v: Value, from: &str, to: &str) -> (Value, usize) {
        let n = rename_variable(&mut v, from, to);
        (v, n)
    }

    #[test]
    fn dollar_forms_whole_names_only() {
        let v = json!({"a": "$order$ $order.id$ $`order`$ $`order`.x.y$ $orderId$ $order_x$ $x$$order$",
            "b": "cost $5 and $order"});
        let (v, n) = renamed(v, "order", "purchase");
        assert_eq!(n, 5);
        assert_eq!(
            v["a"],
            "$purchase$ $purchase.id$ $`purchase`$ $`purchase`.x.y$ $orderId$ $order_x$ $x$$purchase$"
        );
        assert_eq!(v["b"], "cost $5 and $order");
    }

    #[test]
    fn backticked_keys() {
        let v = json!([
            "$`Task_1_out`$",
            "$`Task_1_out`.a$",
            "$`Task_1_outX`$",
            "$Task_1_out$"
        ]);
        let (v, n) = renamed(v, "`Task_1_out`", "`Task_7_out`");
        assert_eq!(n, 2);
        assert_eq!(
            v,
            json!([
                "$`Task_7_out`$",
                "$`Task_7_out`.a$",
                "$`Task_1_outX`$",
                "$Task_1_out$"
            ])
        );
    }

    #[test]
    fn calls_and_bare_name_sites() {
        let v = json!({
            "script": "var a = event.getParameter(\"order\"); event.setParameter('order', 1); event.getParameter(\"orders\"); f.extVar(\"order\")",
            "inputVariables": {"names": ["order", "orders"]},
            "map": {"entries": [{"key": {"literalValue": {"stringValue": "order"}},
                                 "value": {"literalValue": {"stringValue": "order"}}}]},
            "parameters": {"subworkflowInput": {"value": {"stringValue": "order"}},
                           "other": {"value": {"stringValue": "order"}}}
        });
        let (v, n) = renamed(v, "order", "purchase");
        assert_eq!(n, 7);
        assert_eq!(
            v["script"],
            "var a = event.getParameter(\"purchase\"); event.setParameter('purchase', 1); event.getParameter(\"orders\"); f.extVar(\"purchase\")"
        );
        assert_eq!(v["inputVariables"]["names"], json!(["purchase", "orders"]));
        assert_eq!(
            v["parameters"]["other"]["value"]["stringValue"], "order",
            "a plain string parameter is not a name site"
        );
        assert_eq!(count_variable(&v, "purchase"), 7);
        assert_eq!(
            VariableName::new("purchase").sites(&v),
            [
                "/script",
                "/inputVariables/names/0",
                "/map/entries/0/key/literalValue/stringValue",
                "/map/entries/0/value/literalValue/stringValue",
                "/parameters/subworkflowInput/value/stringValue"
            ]
        );
        assert_eq!(count_variable(&v, "order"), 0);
    }
}
