//! A read-only scanner for variable references (FORMAT.md §8.3–8.5).
//!
//! [`scan_text`] finds the references in one piece of text:
//!
//! * `$key$`, `` $`key`$ ``, `$key.sub.path$`, `` $`key`.sub$ `` — the key is `[A-Za-z0-9_-]+`
//!   or anything between backticks (backticks are part of the key, as in declarations); the
//!   sub-path navigates into a JSON variable and is not part of the key;
//! * JavaScript `.getParameter("key")` / `.setParameter("key", …)` (either quote);
//! * Jsonnet `extVar("key")` (`f.extVar`, `std.extVar`).
//!
//! [`collect`] applies it to every place of an integration where references live: task
//! parameter values (every string under them, so `jsonValue` payloads are scanned as text,
//! single-quoted or not), edge and retry conditions, default values of variables, the
//! `*Internal` copies; it also reports the bare names of trigger `inputVariables` and
//! `outputVariables`. Descriptions, labels, `jsonSchema` texts, trigger ids and resource names are
//! not scanned, so `$schema` or a `$PLACEHOLDER$` in a name is never taken for a reference.
//!
//! Ranges are byte ranges of the decoded string (the `serde_json::Value` string); map them to
//! the file with [`crate::document::Document::string_literal`] and `raw_span`.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use serde_json::Value;

use crate::document::push_token;

/// How a variable is mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// `$key$` or `$key.path$`: a read (or, in output bindings, a write).
    Dollar,
    /// JavaScript `getParameter("key")`: a read.
    GetParameter,
    /// JavaScript `setParameter("key", …)`: a write.
    SetParameter,
    /// Jsonnet `extVar("key")`: a read.
    ExtVar,
    /// A bare key in trigger `inputVariables`/`outputVariables`.
    TriggerVariable,
}

/// One reference found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextMention<'a> {
    /// The key as written, backticks included (`` `Task_1_x` `` or `orders`).
    pub key: &'a str,
    /// The form.
    pub kind: MentionKind,
    /// Byte range of the key in the text.
    pub key_range: Range<usize>,
    /// Byte range of the whole reference (`$…$`, or the quoted argument).
    pub range: Range<usize>,
}

/// One reference found in an integration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<'a> {
    /// The key as written, backticks included.
    pub key: &'a str,
    /// The form.
    pub kind: MentionKind,
    /// JSON Pointer of the string that holds it.
    pub pointer: String,
    /// Byte range of the key in that (decoded) string.
    pub key_range: Range<usize>,
    /// Byte range of the whole reference in that (decoded) string.
    pub range: Range<usize>,
}

/// The key without surrounding backticks (`` `Task_1_x` `` → `Task_1_x`).
pub fn bare_key(key: &str) -> &str {
    key.strip_prefix('`')
        .and_then(|k| k.strip_suffix('`'))
        .unwrap_or(key)
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Finds every reference in `text`, in order.
pub fn scan_text(text: &str) -> Vec<TextMention<'_>> {
    static GET: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(".getParameter("));
    static SET: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(".setParameter("));
    static EXT_VAR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("extVar("));
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    if memchr::memchr(b'$', bytes).is_some() {
        scan_dollars(text, &mut found);
    }
    // Every call form has a `(`; most strings have none, so one byte search settles them.
    if memchr::memchr(b'(', bytes).is_some() {
        scan_calls(text, &GET, MentionKind::GetParameter, &mut found);
        scan_calls(text, &SET, MentionKind::SetParameter, &mut found);
        scan_calls(text, &EXT_VAR, MentionKind::ExtVar, &mut found);
    }
    if found.len() > 1 {
        found.sort_by_key(|m| m.range.start);
    }
    found
}

fn scan_dollars<'a>(text: &'a str, found: &mut Vec<TextMention<'a>>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(offset) = text[i..].find('$') {
        let start = i + offset;
        match parse_dollar(bytes, start) {
            Some((key_range, end)) => {
                found.push(TextMention {
                    key: &text[key_range.clone()],
                    kind: MentionKind::Dollar,
                    key_range,
                    range: start..end,
                });
                i = end;
            }
            None => i = start + 1,
        }
    }
}

/// Parses `$key(.seg)*$` at `start`; returns the key range and the end of the reference.
fn parse_dollar(bytes: &[u8], start: usize) -> Option<(Range<usize>, usize)> {
    let key_start = start + 1;
    let mut i = key_start;
    if bytes.get(i) == Some(&b'`') {
        i += 1;
        while i < bytes.len() && !matches!(bytes[i], b'`' | b'$' | b'\n' | b'"') {
            i += 1;
        }
        if bytes.get(i) != Some(&b'`') || i == key_start + 1 {
            return None;
        }
        i += 1;
    } else {
        while i < bytes.len() && is_key_byte(bytes[i]) {
            i += 1;
        }
        if i == key_start {
            return None;
        }
    }
    let key_end = i;
    while bytes.get(i) == Some(&b'.') {
        let segment = i + 1;
        i = segment;
        while i < bytes.len() && is_key_byte(bytes[i]) {
            i += 1;
        }
        if i == segment {
            return None;
        }
    }
    (bytes.get(i) == Some(&b'$')).then_some((key_start..key_end, i + 1))
}

fn scan_calls<'a>(
    text: &'a str,
    needle: &Finder<'_>,
    kind: MentionKind,
    found: &mut Vec<TextMention<'a>>,
) {
    let bytes = text.as_bytes();
    for at in needle.find_iter(bytes) {
        let mut i = at + needle.needle().len();
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let escaped = bytes.get(i) == Some(&b'\\');
        if escaped {
            i += 1;
        }
        let Some(&quote) = bytes.get(i).filter(|b| matches!(b, b'"' | b'\'')) else {
            continue;
        };
        let key_start = i + 1;
        let Some(len) = text[key_start..].find(quote as char) else {
            continue;
        };
        let mut key_end = key_start + len;
        if escaped && bytes.get(key_end - 1) == Some(&b'\\') {
            key_end -= 1;
        }
        if key_end == key_start || text[key_start..key_end].contains(['\n', '(', ')']) {
            continue;
        }
        found.push(TextMention {
            key: &text[key_start..key_end],
            kind,
            key_range: key_start..key_end,
            range: at..key_start + len + 1,
        });
    }
}

/// Finds every reference in the integration `root` (see the module docs for where).
pub fn collect(root: &Value) -> Vec<Mention<'_>> {
    let mut collector = Collector {
        pointer: String::new(),
        found: Vec::new(),
    };
    collector.root(root);
    collector.found
}

struct Collector<'a> {
    pointer: String,
    found: Vec<Mention<'a>>,
}

impl<'a> Collector<'a> {
    fn root(&mut self, root: &'a Value) {
        let Some(obj) = root.as_object() else { return };
        for key in ["taskConfigs", "taskConfigsInternal"] {
            self.each(obj.get(key), key, |c, task| c.task(task));
        }
        self.each(obj.get("triggerConfigs"), "triggerConfigs", |c, trigger| {
            c.trigger(trigger)
        });
        self.each(
            obj.get("integrationParameters"),
            "integrationParameters",
            |c, p| c.field(p, "defaultValue", Self::strings),
        );
        self.each(
            obj.get("integrationConfigParameters"),
            "integrationConfigParameters",
            |c, p| {
                c.field(p, "value", Self::strings);
                c.field(p, "parameter", |c, d| {
                    c.field(d, "defaultValue", Self::strings)
                });
            },
        );
        self.field(root, "integrationParametersInternal", |c, internal| {
            c.field(internal, "parameters", |c, list| {
                c.items(list, |c, p| c.field(p, "defaultValue", Self::strings))
            })
        });
    }

    fn task(&mut self, task: &'a Value) {
        self.field(task, "parameters", Self::strings);
        self.field(task, "nextTasks", |c, edges| {
            c.items(edges, |c, edge| c.field(edge, "condition", Self::strings))
        });
        for policy in ["failurePolicy", "synchronousCallFailurePolicy"] {
            self.field(task, policy, |c, p| c.field(p, "condition", Self::strings));
        }
        self.field(task, "conditionalFailurePolicies", |c, policies| {
            c.field(policies, "failurePolicies", |c, list| {
                c.items(list, |c, p| c.field(p, "condition", Self::strings))
            });
            c.field(policies, "defaultFailurePolicy", |c, p| {
                c.field(p, "condition", Self::strings)
            });
        });
    }

    fn trigger(&mut self, trigger: &'a Value) {
        for side in ["inputVariables", "outputVariables"] {
            self.field(trigger, side, |c, vars| {
                c.field(vars, "names", |c, names| {
                    c.items(names, |c, name| {
                        if let Some(key) = name.as_str().filter(|k| !k.is_empty()) {
                            c.found.push(Mention {
                                key,
                                kind: MentionKind::TriggerVariable,
                                pointer: c.pointer.clone(),
                                key_range: 0..key.len(),
                                range: 0..key.len(),
                            });
                        }
                    })
                })
            });
        }
    }

    /// Scans every string at or under `value`.
    fn strings(&mut self, value: &'a Value) {
        match value {
            Value::String(text) => {
                for m in scan_text(text) {
                    self.found.push(Mention {
                        key: m.key,
                        kind: m.kind,
                        pointer: self.pointer.clone(),
                        key_range: m.key_range,
                        range: m.range,
                    });
                }
            }
            Value::Array(_) => {
                self.items(value, Self::strings);
            }
            Value::Object(map) => {
                for (key, child) in map {
                    let len = self.pointer.len();
                    push_token(&mut self.pointer, key);
                    self.strings(child);
                    self.pointer.truncate(len);
                }
            }
            _ => {}
        }
    }

    fn field(&mut self, parent: &'a Value, key: &str, f: impl FnOnce(&mut Self, &'a Value)) {
        if let Some(child) = parent.get(key) {
            let len = self.pointer.len();
            push_token(&mut self.pointer, key);
            f(self, child);
            self.pointer.truncate(len);
        }
    }

    fn each(&mut self, list: Option<&'a Value>, key: &str, f: impl FnMut(&mut Self, &'a Value)) {
        if let Some(list) = list {
            let len = self.pointer.len();
            push_token(&mut self.pointer, key);
            self.items(list, f);
            self.pointer.truncate(len);
        }
    }

    /// Calls `f` on each element of the array `list`.
    fn items(&mut self, list: &'a Value, mut f: impl FnMut(&mut Self, &'a Value)) {
        let Some(items) = list.as_array() else {
            return;
        };
        for (index, item) in items.iter().enumerate() {
            let len = self.pointer.len();
            push_token(&mut self.pointer, &index.to_string());
            f(self, item);
            self.pointer.truncate(len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(&str, MentionKind)> {
        scan_text(text)
            .into_iter()
            .map(|m| (m.key, m.kind))
            .collect()
    }

    #[test]
    fn finds_every_dollar_form() {
        let text = "$a$ $`Task_1_b`$ $c.d.e$ $`f`.g$ x";
        assert_eq!(
            keys(text),
            vec![
                ("a", MentionKind::Dollar),
                ("`Task_1_b`", MentionKind::Dollar),
                ("c", MentionKind::Dollar),
                ("`f`", MentionKind::Dollar)
            ]
        );
        let m = &scan_text(text)[2];
        assert_eq!(&text[m.range.clone()], "$c.d.e$");
        assert_eq!(&text[m.key_range.clone()], "c");
    }

    #[test]
    fn ignores_look_alikes() {
        for text in [
            r##"{"$schema": "http://json-schema.org/draft-07/schema#", "$ref": "#/x"}"##,
            "$1 Billion and $2",
            "local x = $.field; ${template}",
            "$~x$ and $$ and $a b$",
            "price: $",
        ] {
            assert_eq!(keys(text), vec![], "{text}");
        }
    }

    #[test]
    fn path_outside_the_dollars_and_adjacent_references() {
        assert_eq!(
            keys("$`Task_2_loopMetadata`$.current_iteration_count = 0"),
            vec![("`Task_2_loopMetadata`", MentionKind::Dollar)]
        );
        assert_eq!(
            keys("$a$$b$"),
            vec![("a", MentionKind::Dollar), ("b", MentionKind::Dollar)]
        );
        assert_eq!(
            keys("$total$ >= $threshold$\n\n"),
            vec![
                ("total", MentionKind::Dollar),
                ("threshold", MentionKind::Dollar)
            ]
        );
    }

    #[test]
    fn finds_script_and_jsonnet_calls() {
        let js = r#"var r = JSON.parse(event.getParameter("`Task_1_responseBody`"));
event.setParameter('out', r); event.getParameter( "x" );"#;
        assert_eq!(
            keys(js),
            vec![
                ("`Task_1_responseBody`", MentionKind::GetParameter),
                ("out", MentionKind::SetParameter),
                ("x", MentionKind::GetParameter)
            ]
        );
        let jsonnet =
            r#"local a = std.parseJson(f.extVar("`Task_2_responseBody`")); std.extVar('b')"#;
        assert_eq!(
            keys(jsonnet),
            vec![
                ("`Task_2_responseBody`", MentionKind::ExtVar),
                ("b", MentionKind::ExtVar)
            ]
        );
        // Inside a JSON payload the quotes are escaped.
        assert_eq!(
            keys(r#"{"script": "event.getParameter(\"k\")"}"#),
            vec![("k", MentionKind::GetParameter)]
        );
    }

    #[test]
    fn collects_from_reference_sites_only() {
        let doc: Value = serde_json::from_str(
            r#"{
            "name": "projects/$PROJECT_ID$/x",
            "description": "$not_scanned$",
            "triggerConfigs": [{"triggerId": "api_trigger/$NAME$",
                "inputVariables": {"names": ["in1"]}}],
            "taskConfigs": [{"taskId": "1", "displayName": "$label$",
                "parameters": {"p": {"key": "p", "value": {"jsonValue": "{'a': '$x.y$'}"}}},
                "nextTasks": [{"taskId": "2", "condition": "$c$ = 1"}],
                "conditionalFailurePolicies": {"failurePolicies": [{"condition": "$`d`$ = 2"}]}}],
            "integrationParameters": [{"key": "k", "jsonSchema": "{\"$ref$\": 1}",
                "defaultValue": {"stringValue": "Hi $e$"}}]
        }"#,
        )
        .unwrap();
        let found: Vec<(&str, String)> = collect(&doc)
            .into_iter()
            .map(|m| (m.key, m.pointer))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "x",
                    "/taskConfigs/0/parameters/p/value/jsonValue".to_string()
                ),
                ("c", "/taskConfigs/0/nextTasks/0/condition".to_string()),
                (
                    "`d`",
                    "/taskConfigs/0/conditionalFailurePolicies/failurePolicies/0/condition"
                        .to_string()
                ),
                (
                    "in1",
                    "/triggerConfigs/0/inputVariables/names/0".to_string()
                ),
                (
                    "e",
                    "/integrationParameters/0/defaultValue/stringValue".to_string()
                ),
            ]
        );
        assert_eq!(bare_key("`Task_1_a`"), "Task_1_a");
        assert_eq!(bare_key("plain"), "plain");
    }
}
