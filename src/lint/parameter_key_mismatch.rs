//! L015: a task parameter whose `key` differs from its name in the `parameters` map.

use super::{Lint, LintContext};
use crate::diagnostic::{Applicability, Fix};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::{Edit, push_token};

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L015",
        name: "parameter-key-mismatch",
        severity: Severity::Warning,
        summary: "a task parameter's `key` differs from its name in `parameters`",
        explanation: "\
## What it does
Checks that each entry of `taskConfigs[].parameters` (and of the internal copies) has a `key`
equal to its name in the map, as the console always writes them.

## Why is this bad?
The map key and the `key` field are two copies of the parameter name; when a hand edit or a
search-and-replace changes one and not the other, which one the service uses is not
documented, and the task may silently lose the parameter.

## Example
```json
\"parameters\": {\"url\": {\"key\": \"uri\", \"value\": {\"stringValue\": \"https://…\"}}}
```

## How to fix
Make the two names equal. `integ check --fix` sets `key` to the name in the map (a safe fix:
the parameter is then written the way the console always writes it).
",
    },
    run: check,
    fix: Some(Applicability::Safe),
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let public = model.task_configs.iter().enumerate().flat_map(|(i, t)| {
        t.parameters
            .iter()
            .map(move |(name, p)| ("taskConfigs", i, name, p.key))
    });
    let internal = model
        .task_configs_internal
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            t.parameters
                .iter()
                .map(move |(name, p)| ("taskConfigsInternal", i, name, p.key))
        });
    for (list, i, name, key) in public.chain(internal) {
        let Some(key) = key else { continue };
        if key != *name {
            // The pointer is written for a finding only: most parameters match.
            let mut pointer = format!("/{list}/{i}/parameters");
            push_token(&mut pointer, name);
            pointer.push_str("/key");
            let fix = ctx
                .doc
                .locate(&pointer)
                .map(|l| Fix::safe(vec![Edit::new(l.value, ctx.doc.quote(name))]));
            out.push(
                ctx.at(
                    &LINT.check,
                    pointer,
                    format!("parameter {name:?} has key {key:?}; the two must be equal"),
                )
                .with_fix(fix),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_mismatched_keys() {
        let text = r#"{"taskConfigs": [{"parameters": {"url": {"key": "uri"}, "a/b": {"key": "a"},
            "ok": {"key": "ok"}, "nokey": {"value": {}}}}],
          "taskConfigsInternal": [{"parameters": {"x": {"key": "y", "dataType": "STRING_VALUE"}}}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/taskConfigs/0/parameters/url/key",
                "/taskConfigs/0/parameters/a~1b/key",
                "/taskConfigsInternal/0/parameters/x/key"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "parameter \"url\" has key \"uri\"; the two must be equal"
        );
    }

    #[test]
    fn matching_keys_pass() {
        let text = r#"{"taskConfigs": [{"parameters": {"url": {"key": "url"}}}]}"#;
        assert!(pointers(&LINT, text).is_empty());
    }
}
