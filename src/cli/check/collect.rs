//! `integ check` over the whole batch before printing: for the formats that are one document
//! (JSON, SARIF, JUnit), and for inputs in integrationcli projects, whose related files are
//! checked after the integrations and may add findings to any file.

use std::sync::Arc;

use rayon::prelude::*;

use super::calls::{RunCalls, add_findings};
use super::render_now;
use super::totals::Totals;
use super::{
    CheckArgs, Configs, Format, Outcome, check_input, is_checked_integration, load_configs,
};
use crate::check::INVALID_JSON;
use crate::check::config::Config;
use crate::cli::projects;
use crate::cli::{ExitStatus, Output};
use crate::error::Result;
use crate::model::IntegrationVersion;
use crate::project::Layout;
use crate::render::{self, FileResult};
use crate::walk::Input;

/// Checks every input (and the related files of their projects), then prints.
pub(super) fn run(
    args: &CheckArgs,
    mut inputs: Vec<Input>,
    mut configs: Configs,
    layout: Layout,
    integration: Option<&IntegrationVersion>,
    out: &mut Output,
) -> Result<ExitStatus> {
    let (format, color) = (args.format, out.color);
    let progress = out.progress(inputs.len(), "Checking");
    let check = |inputs: &[Input], configs: &[Arc<Config>]| -> Vec<Result<Outcome>> {
        inputs
            .par_iter()
            .zip(configs.par_iter())
            .map(|(input, config)| {
                let outcome = check_input(input, config, args, integration, color);
                progress.inc(1);
                outcome
            })
            .collect()
    };
    let mut outcomes = check(&inputs, &configs.by_input);
    let checked: Vec<bool> = outcomes
        .iter()
        .map(|o| o.as_ref().is_ok_and(|o| is_checked_integration(&o.report)))
        .collect();
    let scope = projects::scope(layout, &inputs, &checked);
    if !scope.extra.is_empty() {
        let extra_configs = load_configs(args, &scope.extra)?;
        outcomes.extend(check(&scope.extra, &extra_configs.by_input));
        inputs.extend(scope.extra.iter().cloned());
        configs.by_input.extend(extra_configs.by_input);
        for config in extra_configs.loaded {
            if !configs.loaded.iter().any(|c| c.path == config.path) {
                configs.loaded.push(config);
            }
        }
    }
    for (index, found) in projects::findings(&scope, &inputs) {
        let (Ok(outcome), config) = (&mut outcomes[index], &configs.by_input[index]) else {
            continue;
        };
        let report = &mut outcome.report;
        if report
            .diagnostics
            .iter()
            .any(|d| d.code == INVALID_JSON.code)
        {
            continue;
        }
        report.skipped = None;
        add_findings(outcome, config, args, found);
    }
    let mut calls = RunCalls::default();
    for (index, outcome) in outcomes.iter_mut().enumerate() {
        if let Ok(outcome) = outcome {
            calls.keep(index, outcome);
        }
    }
    for (index, found) in calls.findings() {
        if let Ok(outcome) = &mut outcomes[index] {
            add_findings(outcome, &configs.by_input[index], args, found);
        }
    }
    progress.finish_and_clear();

    let mut totals = Totals::new(&args.paths, args.verbose);
    let mut results = Vec::new();
    let mut rendered = Vec::new();
    for (outcome, config) in outcomes.into_iter().zip(&configs.by_input) {
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(e) => {
                totals.fail(&e, out);
                continue;
            }
        };
        let Some((report, text)) = totals.add(outcome, config) else {
            continue;
        };
        if let Format::Human | Format::Github = format {
            let text = text.unwrap_or_else(|| render_now(&report, format, color));
            rendered.push((report.path.clone(), text));
        }
        results.push(FileResult {
            path: report.path,
            text: String::new(),
            diagnostics: report.diagnostics,
        });
    }
    results.sort_by(|a, b| a.path.cmp(&b.path));
    rendered.sort_by(|a, b| a.0.cmp(&b.0));
    match format {
        Format::Human | Format::Github => {
            for (_, text) in &rendered {
                out.print(text);
            }
        }
        Format::Json => out.print(&render::json(&results)),
        Format::Sarif => out.print(&render::sarif(&results)),
        Format::Junit => out.print(&render::junit(&results)),
    }
    Ok(totals.finish(
        format,
        args.fail_policy(),
        &configs.loaded,
        &args.paths,
        out,
    ))
}
