//! L017: a place that may or may not refer to a declared variable.

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::references::Uncertainty;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L017",
        name: "ambiguous-reference",
        severity: Severity::Warning,
        summary: "text that may or may not refer to a declared variable, which integ cannot read exactly",
        explanation: "\
## What it does
Reports the places where a declared variable may be referred to, but not in a form the
reference grammar reads exactly:

* text that starts like a `$…$` reference to the variable and does not close as one:
  `$order.total is due` (the closing `$` is missing) or `$order.items[x]$` (an index must be
  digits);
* a string of a JavaScript task that reads or writes variables by computed names
  (`event.getParameter(name)`): the script's string `\"sample1\"` may be one of those names
  (reported at `info` severity).

## Why is this bad?
The runtime either substitutes such text or it does not, and integ cannot tell which. A rename
would have to guess, so `integ rename` refuses to rename the variable until the place is
written in a form it reads (`$order.total$`, `event.getParameter(\"sample1\")`) or changed
by hand; and `L005` does not call the variable unused.

## Example
```json
\"stringValue\": \"Your total is $order.total, thank you\"
```

## How to fix
Close the reference (`$order.total$`), or write a plain `$` some other way. For scripts, name
each variable with a literal in its `getParameter`/`setParameter` call.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let declared = ctx.declared();
    for u in &ctx.references.unreadable {
        let diagnostic = match u.reason {
            Uncertainty::Unclosed => {
                let name = match declared.alias_of(&u.name) {
                    _ if declared.contains(&u.name) => u.name.clone(),
                    Some(alias) => alias,
                    None => continue,
                };
                let message = format!(
                    "{} starts like a reference to variable {name} but does not read as one; \
                     close it with `$` or write it another way",
                    u.text
                );
                ctx.at_span(&LINT.check, &u.pointer, u.extent, message)
            }
            Uncertainty::ComputedName => {
                if !declared.contains(&u.name) {
                    continue;
                }
                let message = format!(
                    "{} may name variable {}: the script reads or writes variables by computed \
                     names, so integ cannot tell",
                    u.text, u.name
                );
                ctx.at_span(&LINT.check, &u.pointer, u.extent, message)
                    .with_severity(Severity::Info)
            }
        };
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{diagnostics, findings};
    use super::*;

    #[test]
    fn flags_unclosed_references_to_declared_variables_only() {
        let text = r#"{
          "taskConfigs": [{"parameters": {
            "a": {"value": {"stringValue": "total $order.total, costs $5.00, $other.x and $order.id$"}}}}],
          "integrationParameters": [{"key": "order"}]
        }"#;
        let (doc, out) = diagnostics(&LINT, text);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(doc.slice(out[0].span.unwrap()), "$order.total");
        assert_eq!(out[0].severity, Severity::Warning);
        assert!(
            out[0]
                .message
                .starts_with("$order.total starts like a reference")
        );
    }

    #[test]
    fn flags_script_strings_that_may_be_names() {
        let text = r#"{
          "taskConfigs": [{"task": "JavaScriptTask", "parameters": {
            "script": {"value": {"stringValue": "var n = ['sample1', 'other']; n.forEach(function(x) { event.getParameter(x); });"}}}}],
          "integrationParameters": [{"key": "sample1"}]
        }"#;
        let (doc, out) = diagnostics(&LINT, text);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(doc.slice(out[0].span.unwrap()), "sample1");
        assert_eq!(out[0].severity, Severity::Info);
        let literal = r#"{"taskConfigs": [{"task": "JavaScriptTask", "parameters": {
            "script": {"value": {"stringValue": "var n = 'sample1'; event.getParameter('sample1');"}}}}],
          "integrationParameters": [{"key": "sample1"}]}"#;
        assert!(findings(&LINT, literal).is_empty());
    }
}
