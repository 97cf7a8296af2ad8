//! C008: an entry of a keyed list without `key`, or with a key already used.

use std::collections::HashMap;

use serde_json::Value;

use super::{ConnectorCheck, ConnectorContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C008",
        name: "missing-config-key",
        severity: Severity::Error,
        summary: "a config variable, destination or variable template without `key`, or with a repeated one",
        explanation: "\
## What it does
Checks every entry of `configVariables`, `destinationConfigs`, `backendVariableTemplates`
and the `additionalVariables` of `authConfig` and `sslConfig`: each needs a non-empty `key`,
unique within its list.

## Why is this bad?
The key is what the connector reads (`project_id`, `base_url`); an entry without one is
refused by the API, and of two entries with one key only one takes effect.

## How to fix
Name the entry, or delete the duplicate.
",
    },
    check,
);

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    for (list, entries) in ctx.keyed_lists() {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let name = list.rsplit('/').next().unwrap_or(list);
            match entry.get("key").and_then(Value::as_str) {
                Some(key) if !key.is_empty() => {
                    if let Some(&earlier) = first.get(key) {
                        out.push(ctx.at(
                            &CHECK.check,
                            format!("{list}/{i}/key"),
                            format!("key {key:?} is already used by {name}[{earlier}]"),
                        ));
                    } else {
                        first.insert(key, i);
                    }
                }
                Some(_) => out.push(ctx.at(
                    &CHECK.check,
                    format!("{list}/{i}/key"),
                    format!("{name}[{i}] has an empty key"),
                )),
                None if entry.is_object() => out.push(ctx.at(
                    &CHECK.check,
                    format!("{list}/{i}"),
                    format!("{name}[{i}] has no key"),
                )),
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn flags_missing_empty_and_repeated_keys() {
        let text = r#"{"connectorDetails": {},
            "configVariables": [{"key": "a"}, {"stringValue": "x"}, {"key": "a"}],
            "authConfig": {"additionalVariables": [{"key": ""}]},
            "destinationConfigs": [{"key": "base_url"}, {"key": "auth_server_address"}]}"#;
        assert_eq!(
            pointers(&CHECK, text),
            [
                "/configVariables/1",
                "/configVariables/2/key",
                "/authConfig/additionalVariables/0/key"
            ]
        );
        assert_eq!(
            findings(&CHECK, text)[1].1,
            "key \"a\" is already used by configVariables[0]"
        );
    }
}
