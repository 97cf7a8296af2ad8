//! C010: `nodeConfig` with a negative count or a minimum above the maximum.

use serde_json::Value;

use super::{ConnectorCheck, ConnectorContext};
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C010",
        name: "invalid-node-count",
        severity: Severity::Error,
        summary: "`nodeConfig.minNodeCount` is negative or above `maxNodeCount`",
        explanation: "\
## What it does
Checks a connection's `nodeConfig`: node counts are not negative and `minNodeCount` is not
above `maxNodeCount`.

## Why is this bad?
The API refuses the connection; the runtime cannot scale between such bounds.

## How to fix
```json
\"nodeConfig\": {\"minNodeCount\": 2, \"maxNodeCount\": 5}
```
",
    },
    check,
);

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(Value::Object(config)) = ctx.get("/nodeConfig") else {
        return;
    };
    let count = |k: &str| config.get(k).and_then(Value::as_i64);
    for key in ["minNodeCount", "maxNodeCount"] {
        if let Some(n) = count(key).filter(|n| *n < 0) {
            out.push(ctx.at(
                &CHECK.check,
                format!("/nodeConfig/{key}"),
                format!("{key} {n} is negative"),
            ));
        }
    }
    if let (Some(min), Some(max)) = (count("minNodeCount"), count("maxNodeCount"))
        && min > max
    {
        out.push(ctx.at(
            &CHECK.check,
            "/nodeConfig/minNodeCount",
            format!("minNodeCount {min} is above maxNodeCount {max}"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;

    #[test]
    fn flags_inverted_and_negative_bounds() {
        let text = |n: &str| format!(r#"{{"connectorDetails": {{}}, "nodeConfig": {n}}}"#);
        assert_eq!(
            findings(&CHECK, &text(r#"{"minNodeCount": 5, "maxNodeCount": 2}"#)),
            [(
                "/nodeConfig/minNodeCount".to_string(),
                "minNodeCount 5 is above maxNodeCount 2".to_string()
            )]
        );
        assert_eq!(findings(&CHECK, &text(r#"{"maxNodeCount": -1}"#)).len(), 1);
        assert!(findings(&CHECK, &text(r#"{"minNodeCount": 1, "maxNodeCount": 1}"#)).is_empty());
    }
}
