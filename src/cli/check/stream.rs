//! `integ check` printing as it goes: the human and GitHub output of inputs outside
//! integrationcli projects, file by file in path order, while later files are still being
//! checked. Memory then holds the files in flight, not the findings of the whole batch. A file
//! that calls another integration is printed at the end instead, once the integration it
//! calls has been read too (see `calls`).

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::calls::{RunCalls, add_findings};
use super::totals::Totals;
use super::{CheckArgs, Configs, Outcome, check_input, render_now};
use crate::check::config::Config;
use crate::cli::{ExitStatus, Output};
use crate::error::Result;
use crate::model::IntegrationVersion;
use crate::walk::Input;

/// Checks the inputs on every thread of the pool and prints each file's findings as soon as
/// every file before it (in path order) has been printed.
pub(super) fn run(
    args: &CheckArgs,
    inputs: Vec<Input>,
    configs: Configs,
    integration: Option<&IntegrationVersion>,
    out: &mut Output,
) -> Result<ExitStatus> {
    let color = out.color;
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by(|&a, &b| inputs[a].shown_path().cmp(inputs[b].shown_path()));
    let progress = out.progress(inputs.len(), "Checking");
    // Files are claimed in print order, so the ones waiting to be printed are only those
    // finished while an earlier, slower file was still being checked. The thread that
    // finishes a file prints what is due itself: no thread is woken per file.
    let next = AtomicUsize::new(0);
    let printer = Mutex::new(Printer {
        out,
        totals: Totals::new(&args.paths, args.verbose),
        waiting: BTreeMap::new(),
        due: 0,
        calls: RunCalls::default(),
        held: Vec::new(),
    });
    rayon::broadcast(|_| {
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let Some(&i) = order.get(n) else { break };
            let outcome = check_input(&inputs[i], &configs.by_input[i], args, integration, color);
            let mut guard = printer.lock().unwrap_or_else(|e| e.into_inner());
            let printer = &mut *guard;
            printer.waiting.insert(n, outcome);
            while let Some(outcome) = printer.waiting.remove(&printer.due) {
                let due = printer.due;
                let config = &configs.by_input[order[due]];
                printer.due += 1;
                progress.inc(1);
                progress.suspend(|| printer.print(due, outcome, config));
            }
        }
    });
    progress.finish_and_clear();
    let mut printer = printer.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut found = printer.calls.findings();
    for (due, mut outcome) in std::mem::take(&mut printer.held) {
        let config = &configs.by_input[order[due]];
        if let Some(found) = found.remove(&due) {
            add_findings(&mut outcome, config, args, found);
        }
        if outcome.rendered.is_none() {
            outcome.rendered = Some(render_now(&outcome.report, args.format, color));
            outcome.report.text = String::new();
        }
        printer.show(Ok(outcome), config);
    }
    let Printer { out, totals, .. } = printer;
    Ok(totals.finish(
        args.format,
        args.fail_policy(),
        &configs.loaded,
        &args.paths,
        out,
    ))
}

/// What the printing thread of the moment needs: the output, the totals so far, the
/// outcomes that finished before their turn, and the files held back for the checks across
/// files.
struct Printer<'o> {
    out: &'o mut Output,
    totals: Totals,
    waiting: BTreeMap<usize, Result<Outcome>>,
    due: usize,
    calls: RunCalls,
    held: Vec<(usize, Outcome)>,
}

impl Printer<'_> {
    /// Prints the outcome of the `due`-th file, or holds it back when it calls another
    /// integration.
    fn print(&mut self, due: usize, outcome: Result<Outcome>, config: &Config) {
        match outcome {
            Ok(mut outcome) => {
                if self.calls.keep(due, &mut outcome) {
                    self.held.push((due, outcome));
                } else {
                    self.show(Ok(outcome), config);
                }
            }
            failed => self.show(failed, config),
        }
    }

    fn show(&mut self, outcome: Result<Outcome>, config: &Config) {
        match outcome {
            Err(e) => self.totals.fail(&e, self.out),
            Ok(outcome) => {
                if let Some((_, Some(text))) = self.totals.add(outcome, config) {
                    if !text.is_empty() {
                        self.out.print(&text);
                    }
                }
            }
        }
    }
}
