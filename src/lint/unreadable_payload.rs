//! L018: a `jsonValue` string that does not hold JSON.

use serde_json::Value;

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::{SpanNode, push_token};
use crate::references::parse_payload;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L018",
        name: "unreadable-payload",
        severity: Severity::Warning,
        summary: "a `jsonValue` string that is not JSON (strict or single-quoted)",
        explanation: "\
## What it does
Reads every `jsonValue` string of the file as the JSON it is meant to hold: strict JSON, or
the single-quoted dialect some exports use (`{'a': 'b'}`). Reports the ones that are neither.

## Why is this bad?
A `jsonValue` is the JSON form of a variable's value or a task's configuration (a data
mapping, a parameter map, a connector payload). Text that is not JSON is either a template
placeholder left in (`{{MAPPING_CONFIG}}`) or a broken edit; the task then has no
configuration, and no reference inside the text can be read or renamed.

## Example
```json
\"jsonValue\": \"{\\\"entries\\\": [\"
```

## How to fix
Restore the JSON: re-export the task from the console, or fill in the template.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut path = Vec::new();
    walk(ctx, ctx.doc.value(), ctx.doc.root(), &mut path, out);
}

/// A step of the path to the value being visited: a member name or an array index. The JSON
/// Pointer is written out only for a finding.
enum Step<'v> {
    Key(&'v str),
    Index(usize),
}

fn walk<'v>(
    ctx: &LintContext<'_>,
    value: &'v Value,
    span: &SpanNode,
    path: &mut Vec<Step<'v>>,
    out: &mut Vec<Diagnostic>,
) {
    match (value, span) {
        (Value::Object(map), SpanNode::Object(_, entries)) => {
            for ((key, child), (_, child_span)) in map.iter().zip(entries) {
                path.push(Step::Key(key));
                if let (Value::String(text), "jsonValue") = (child, key.as_str())
                    && !text.trim().is_empty()
                    && !read_by_index(ctx, child_span)
                    && !holds_json(text)
                {
                    let message = "this jsonValue does not hold JSON".to_string();
                    out.push(ctx.at(&LINT.check, pointer(path), message));
                }
                if is_container(child) {
                    walk(ctx, child, child_span, path, out);
                }
                path.pop();
            }
        }
        (Value::Array(items), SpanNode::Array(_, spans)) => {
            let children = items.iter().zip(spans).enumerate();
            for (i, (child, child_span)) in children.filter(|(_, (c, _))| is_container(c)) {
                path.push(Step::Index(i));
                walk(ctx, child, child_span, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// True when the reference index read the string at `span` as a payload already: it holds
/// JSON (strict or single-quoted), with no need to read it again.
fn read_by_index(ctx: &LintContext<'_>, span: &SpanNode) -> bool {
    let payloads = &ctx.references.payloads;
    matches!(span, SpanNode::Scalar(token) if payloads.binary_search(token).is_ok())
}

/// True for the values a `jsonValue` can sit in, at any depth.
fn is_container(value: &Value) -> bool {
    matches!(value, Value::Object(_) | Value::Array(_))
}

fn pointer(path: &[Step<'_>]) -> String {
    let mut pointer = String::new();
    for step in path {
        match step {
            Step::Key(key) => push_token(&mut pointer, key),
            Step::Index(i) => push_token(&mut pointer, &i.to_string()),
        }
    }
    pointer
}

/// True when `text` is JSON, strict or single-quoted. Strict JSON, nearly every payload, is
/// only validated (serde_json without building anything); the payload reader, which builds
/// the tree the reference index needs, reads only the rest.
fn holds_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() || parse_payload(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::testing::pointers;
    use super::*;

    #[test]
    fn flags_payloads_that_are_not_json() {
        let text = r#"{"taskConfigs": [{"parameters": {
            "a": {"value": {"jsonValue": "{\"entries\": ["}},
            "b": {"value": {"jsonValue": "{'single': 'quoted'}"}},
            "c": {"value": {"jsonValue": "{{MAPPING_CONFIG}}"}},
            "d": {"value": {"jsonValue": ""}}}}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/taskConfigs/0/parameters/a/value/jsonValue",
                "/taskConfigs/0/parameters/c/value/jsonValue"
            ]
        );
    }

    #[test]
    fn payloads_the_index_read_are_json_and_the_others_are_read_here() {
        // With a `$`, the reference index reads a payload; L018 reads the others itself.
        let text = r#"{"taskConfigs": [{"parameters": {
            "a": {"value": {"jsonValue": "{'k': '$v$'}"}},
            "b": {"value": {"jsonValue": "{\"k\": \"$v$\""}},
            "c": {"value": {"jsonValue": "[\"$v$\"]"}}}}]}"#;
        let (doc, _) = super::super::testing::diagnostics(&LINT, text);
        let index = crate::references::ReferenceIndex::build(&doc);
        let token =
            |name: &str| doc.locate(&format!("/taskConfigs/0/parameters/{name}/value/jsonValue"));
        let read: Vec<_> = ["a", "b", "c"]
            .into_iter()
            .filter(|name| index.payloads.contains(&token(name).unwrap().value))
            .collect();
        assert_eq!(read, ["a", "c"]);
        assert_eq!(
            pointers(&LINT, text),
            ["/taskConfigs/0/parameters/b/value/jsonValue"]
        );
    }
}
