//! C009: a destination without a host or service attachment, or with a port out of range.

use serde_json::Value;

use super::{ConnectorCheck, ConnectorContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C009",
        name: "invalid-destination",
        severity: Severity::Error,
        summary: "a destination needs exactly one of `host` and `serviceAttachment`, and a port in 1–65535",
        explanation: "\
## What it does
Checks each `destinationConfigs[].destinations[]` entry: it names either a `host` or a
Private Service Connect `serviceAttachment` (not both, not neither), and its `port`, when
set, is between 1 and 65535.

## Why is this bad?
A destination without a target leaves the connector nowhere to connect; the API refuses
the connection or the custom connector version.

## How to fix
```json
{\"key\": \"base_url\", \"destinations\": [{\"host\": \"https://api.example.com\"}]}
```
",
    },
    check,
);

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(configs) = ctx.get("/destinationConfigs").and_then(Value::as_array) else {
        return;
    };
    for (i, config) in configs.iter().enumerate() {
        let Some(destinations) = config.get("destinations").and_then(Value::as_array) else {
            continue;
        };
        for (j, destination) in destinations.iter().enumerate() {
            let Value::Object(d) = destination else {
                continue;
            };
            let here = format!("/destinationConfigs/{i}/destinations/{j}");
            let set = |k: &str| {
                d.get(k)
                    .and_then(Value::as_str)
                    .is_some_and(|s| !s.is_empty())
            };
            match (set("host"), set("serviceAttachment")) {
                (false, false) => out.push(ctx.at(
                    &CHECK.check,
                    here.clone(),
                    format!("destinationConfigs[{i}].destinations[{j}] has no host and no serviceAttachment"),
                )),
                (true, true) => out.push(ctx.at(
                    &CHECK.check,
                    here.clone(),
                    format!("destinationConfigs[{i}].destinations[{j}] sets both host and serviceAttachment"),
                )),
                _ => {}
            }
            if let Some(port) = d.get("port").and_then(Value::as_i64)
                && !(1..=65535).contains(&port)
            {
                out.push(ctx.at(
                    &CHECK.check,
                    format!("{here}/port"),
                    format!("port {port} is not between 1 and 65535"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::pointers;
    use super::*;

    #[test]
    fn wants_one_target_and_a_valid_port() {
        let text = r#"{"specLocation": "gs://b/o", "destinationConfigs": [
            {"key": "a", "destinations": [{"host": "https://x"}, {"port": 443}]},
            {"key": "b", "destinations": [{"host": "h", "serviceAttachment": "s", "port": 70000}]},
            {"key": "c"}]}"#;
        assert_eq!(
            pointers(&CHECK, text),
            [
                "/destinationConfigs/0/destinations/1",
                "/destinationConfigs/1/destinations/0",
                "/destinationConfigs/1/destinations/0/port"
            ]
        );
    }
}
