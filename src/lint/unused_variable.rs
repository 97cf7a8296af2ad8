//! L005: a declared variable is never used.

use super::FastSet;

use memchr::memmem;
use serde_json::Value;

use super::variables::is_system;
use super::{Lint, LintContext};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::InputOutputType;
use crate::model::references::bare_key;

pub(super) static LINT: Lint = Lint {
    rule: Rule {
        code: "L005",
        name: "unused-variable",
        severity: Severity::Warning,
        summary: "a declared variable or config variable is never used",
        explanation: "\
## What it does
Reports declarations in `integrationParameters` and `integrationConfigParameters` whose key is
never mentioned: not in a `$…$` reference, a script or Jsonnet call, a trigger's variable list,
nor as a bare name anywhere in a task's parameters (sub-integration maps, loop element
mappings, Data Transformer output fields).

Not reported: variables a task or trigger produces (`producer` set: the console declares every
task output), variables of the integration's interface (`inputOutputType` `IN`, `OUT`,
`IN_OUT`: callers use them), and system variables.

## Why is this bad?
An unused declaration is usually left over after a task was deleted or a variable renamed in
one place only. It clutters the variable list and hides the real name.

## How to fix
Delete the declaration, or use it where it was meant to be used.
",
    },
    check,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let used: FastSet<&str> = ctx.mentions.iter().map(|m| bare_key(m.key)).collect();
    let mut candidates: Vec<(String, &str)> = Vec::new();
    for (i, p) in ctx.model.integration_parameters.iter().enumerate() {
        let Some(key) = p.key.as_deref() else {
            continue;
        };
        let produced = p.producer.as_deref().is_some_and(|p| !p.is_empty());
        let interface = matches!(
            p.input_output_type,
            Some(InputOutputType::In | InputOutputType::Out | InputOutputType::InOut)
        );
        if !produced && !interface && !is_system(key) && !used.contains(bare_key(key)) {
            candidates.push((format!("/integrationParameters/{i}/key"), key));
        }
    }
    for (i, c) in ctx.model.integration_config_parameters.iter().enumerate() {
        let Some(key) = c.parameter.as_ref().and_then(|p| p.key.as_deref()) else {
            continue;
        };
        if !used.contains(bare_key(key)) {
            candidates.push((
                format!("/integrationConfigParameters/{i}/parameter/key"),
                key,
            ));
        }
    }
    if candidates.is_empty() {
        return;
    }
    let mut texts = Vec::new();
    for list in ["taskConfigs", "taskConfigsInternal"] {
        for task in ctx.doc.value()[list].as_array().into_iter().flatten() {
            strings(&task["parameters"], &mut texts);
        }
    }
    for (pointer, key) in candidates {
        let word = memmem::Finder::new(bare_key(key));
        if texts.iter().any(|t| mentions_word(t, &word)) {
            continue;
        }
        let kind = if pointer.starts_with("/integrationConfig") {
            "config variable"
        } else {
            "variable"
        };
        out.push(ctx.at(
            &LINT.rule,
            pointer,
            format!("{kind} {key} is declared but never used"),
        ));
    }
}

fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// True when `word` occurs in `text` not preceded or followed by a name character.
fn mentions_word(text: &str, word: &memmem::Finder<'_>) -> bool {
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let bytes = text.as_bytes();
    word.find_iter(bytes).any(|at| {
        let before = bytes[..at].last().copied();
        let after = bytes.get(at + word.needle().len()).copied();
        !before.is_some_and(is_name) && !after.is_some_and(is_name)
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_declarations_nobody_mentions() {
        let text = r#"{
          "taskConfigs": [{"parameters": {
            "a": {"value": {"stringValue": "$used$"}},
            "map": {"value": {"jsonValue": "{\"entries\": [{\"key\": {\"literalValue\": {\"stringValue\": \"mapped\"}}}]}"}}}}],
          "integrationParameters": [{"key": "used"}, {"key": "unused"}, {"key": "mapped"},
            {"key": "usedX"}, {"key": "`Task_1_out`", "producer": "1_1"},
            {"key": "input", "inputOutputType": "IN"}, {"key": "`ErrorInfo`"}],
          "integrationConfigParameters": [{"parameter": {"key": "`CONFIG_unused`"}}]
        }"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/integrationParameters/1/key",
                "/integrationParameters/3/key",
                "/integrationConfigParameters/0/parameter/key"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "variable unused is declared but never used"
        );
    }

    #[test]
    fn word_match_is_exact() {
        assert!(mentions_word("a mapped b", &memmem::Finder::new("mapped")));
        assert!(!mentions_word(
            "a mappedX b",
            &memmem::Finder::new("mapped")
        ));
        assert!(!mentions_word(
            "order_mapped",
            &memmem::Finder::new("mapped")
        ));
        assert!(mentions_word(
            "{\"`Task_1_x`\": 1}",
            &memmem::Finder::new("Task_1_x")
        ));
    }
}
