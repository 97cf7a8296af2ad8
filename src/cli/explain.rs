//! `integ explain CODE` and `integ checks`: the documentation of the checks.

use super::{ExitStatus, Output};
use crate::check::{checks, find_check};
use crate::error::{Error, Result};

/// Arguments of `integ explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A check's code (`L001`) or name (`dangling-task-reference`).
    code: String,
}

/// Arguments of `integ checks`.
#[derive(Debug, clap::Args)]
pub struct ChecksArgs {
    /// Print JSON (code, name, severity, summary) instead of a table.
    #[arg(long)]
    json: bool,
}

pub(super) fn explain(args: ExplainArgs, out: &mut Output) -> Result<ExitStatus> {
    let entry = find_check(&args.code).ok_or_else(|| {
        Error::Usage(format!(
            "unknown check {:?}; `integ checks` lists them",
            args.code
        ))
    })?;
    let check = &entry.check;
    let mut notes = vec![format!("default severity: {}", check.severity)];
    if let Some(fix) = entry.fix {
        notes.push(format!("fix: {}", fix.as_str()));
    }
    if entry.opt_in {
        notes.push("opt-in".to_string());
    }
    out.println(&format!(
        "# {} {} ({})",
        check.code,
        check.name,
        notes.join(", ")
    ));
    out.println("");
    out.println(&format!("{}.", capitalize(check.summary)));
    out.println("");
    out.print(check.explanation);
    Ok(ExitStatus::Success)
}

pub(super) fn list(args: ChecksArgs, out: &mut Output) -> Result<ExitStatus> {
    if args.json {
        let rows: Vec<serde_json::Value> = checks()
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
    let width = checks().map(|r| r.name.len()).max().unwrap_or(0);
    for check in checks() {
        out.println(&format!(
            "{}  {:width$}  {:7}  {}",
            check.code,
            check.name,
            check.severity.as_str(),
            check.summary
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
