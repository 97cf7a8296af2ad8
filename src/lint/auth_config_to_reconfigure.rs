//! L012: tasks whose authentication profile must be re-configured after upload.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use super::{Lint, LintContext};
use crate::diagnostic::{Check, Diagnostic, Severity};
use crate::document::push_token;

pub(crate) static LINT: Lint = Lint {
    check: Check {
        code: "L012",
        name: "auth-config-to-reconfigure",
        severity: Severity::Info,
        summary: "a task uses an authentication profile, which a download does not carry",
        explanation: "\
## What it does
Lists every task that uses an authentication profile: an `authConfig` parameter whose
`AuthConfigTaskParam` payload has an `authConfigId`, or a non-empty `authConfigName`.

## Why is this bad?
It is not wrong, but it will not work by itself: a downloaded integration refers to its
authentication profiles by id, and the profiles (with their secrets) are not part of the file.
After uploading to another project or region, each of these tasks must be pointed at a profile
that exists there.

## How to fix
After upload, open each listed task and select (or create) its authentication profile. Select
`--ignore L012` once that is part of your deployment.
",
    },
    run: check,
    fix: None,
    opt_in: false,
};

fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (i, task) in ctx.model.task_configs.iter().enumerate() {
        let mut found = None;
        for (name, parameter) in &task.parameters {
            let Some(value) = &parameter.value else {
                continue;
            };
            let pointer = |field: &str| {
                let mut pointer = format!("/taskConfigs/{i}/parameters");
                push_token(&mut pointer, name);
                pointer + field
            };
            if let Some(json) = value.json_value
                && let Some(range) = auth_config_id(json)
            {
                let profile = json[range.clone()].to_string();
                found = Some((pointer("/value/jsonValue"), range, profile));
                break;
            }
            if *name == "authConfigName"
                && let Some(profile) = value.string_value.filter(|s| !s.is_empty())
            {
                found = Some((
                    pointer("/value/stringValue"),
                    0..profile.len(),
                    profile.to_string(),
                ));
            }
        }
        if let Some((pointer, range, profile)) = found {
            out.push(ctx.in_string(
                &LINT.check,
                pointer,
                range,
                format!(
                    "{} uses authentication profile {profile:?}; re-configure it after upload, \
                     downloads do not carry authentication profiles",
                    task.describe()
                ),
            ));
        }
    }
}

/// The byte range of the `authConfigId` value in a payload text (either quote style).
fn auth_config_id(payload: &str) -> Option<Range<usize>> {
    static NEEDLE: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new("authConfigId"));
    let at = NEEDLE.find(payload.as_bytes())? + NEEDLE.needle().len();
    let rest = &payload[at..];
    let colon = rest.find(':')?;
    let after = &rest[colon + 1..];
    let quote_at = after.find(['"', '\''])?;
    if !after[..quote_at].trim().is_empty() {
        return None;
    }
    let quote = after[quote_at..].chars().next()?;
    let start = at + colon + 1 + quote_at + 1;
    let len = payload[start..].find(quote)?;
    (len > 0).then_some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings, pointers};
    use super::*;

    #[test]
    fn lists_tasks_with_profiles() {
        let text = r#"{"taskConfigs": [
          {"taskId": "1", "displayName": "Call API", "parameters": {
            "authConfig": {"key": "authConfig", "value": {"jsonValue": "{\n  \"@type\": \"type.googleapis.com/enterprise.crm.eventbus.authconfig.AuthConfigTaskParam\",\n  \"authConfigId\": \"6a6aed7a-1\"\n}"}}}},
          {"taskId": "2", "parameters": {
            "authConfigName": {"key": "authConfigName", "value": {"stringValue": "ai-client"}}}},
          {"taskId": "3", "parameters": {
            "authConfig": {"value": {"jsonValue": "{\"@type\": \"type.googleapis.com/x.AuthConfigTaskParam\"}"}},
            "authConfigName": {"value": {"stringValue": ""}}}}]}"#;
        assert_eq!(
            pointers(&LINT, text),
            [
                "/taskConfigs/0/parameters/authConfig/value/jsonValue",
                "/taskConfigs/1/parameters/authConfigName/value/stringValue"
            ]
        );
        assert_eq!(
            findings(&LINT, text)[0].1,
            "task 1 (\"Call API\") uses authentication profile \"6a6aed7a-1\"; re-configure it \
             after upload, downloads do not carry authentication profiles"
        );
    }

    #[test]
    fn finds_the_id_in_either_quote_style() {
        let single = "{'authConfigId': 'abc'}";
        assert_eq!(&single[auth_config_id(single).unwrap()], "abc");
        assert_eq!(auth_config_id("{\"authConfigId\": 5}"), None);
        assert_eq!(auth_config_id("{\"x\": 1}"), None);
    }
}
