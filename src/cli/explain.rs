//! `integ explain CODE` and `integ rules`: the documentation of the checks.

use super::{ExitStatus, Output};
use crate::check::{find_rule, rules};
use crate::error::{Error, Result};
use crate::lint::LINTS;

/// Arguments of `integ explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code (`L001`) or name (`dangling-task-reference`).
    code: String,
}

/// Arguments of `integ rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Print JSON (code, name, severity, summary) instead of a table.
    #[arg(long)]
    json: bool,
}

pub(super) fn explain(args: ExplainArgs, out: &mut Output) -> Result<ExitStatus> {
    let rule = find_rule(&args.code).ok_or_else(|| {
        Error::Usage(format!(
            "unknown rule {:?}; `integ rules` lists them",
            args.code
        ))
    })?;
    let mut notes = vec![format!("default severity: {}", rule.severity)];
    if let Some(lint) = LINTS.iter().find(|l| l.rule.code == rule.code) {
        if let Some(fix) = lint.fix {
            notes.push(format!("fix: {}", fix.as_str()));
        }
        if lint.opt_in {
            notes.push("opt-in".to_string());
        }
    }
    out.println(&format!(
        "# {} {} ({})",
        rule.code,
        rule.name,
        notes.join(", ")
    ));
    out.println("");
    out.println(&format!("{}.", capitalize(rule.summary)));
    out.println("");
    out.print(rule.explanation);
    Ok(ExitStatus::Success)
}

pub(super) fn list(args: RulesArgs, out: &mut Output) -> Result<ExitStatus> {
    if args.json {
        let rows: Vec<serde_json::Value> = rules()
            .map(|r| {
                serde_json::json!({
                    "code": r.code, "name": r.name,
                    "severity": r.severity.as_str(), "summary": r.summary,
                })
            })
            .collect();
        out.println(&serde_json::to_string_pretty(&rows).expect("a Value always serialises"));
        return Ok(ExitStatus::Success);
    }
    let width = rules().map(|r| r.name.len()).max().unwrap_or(0);
    for rule in rules() {
        out.println(&format!(
            "{}  {:width$}  {:7}  {}",
            rule.code,
            rule.name,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    Ok(ExitStatus::Success)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}
