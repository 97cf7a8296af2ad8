//! `integ check` printing as it goes: the human and GitHub output of inputs outside
//! integrationcli projects, file by file in path order, while later files are still being
//! checked. Memory then holds the files in flight, not the findings of the whole batch.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::totals::Totals;
use super::{CheckArgs, Configs, Outcome, check_input};
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
                let config = &configs.by_input[order[printer.due]];
                printer.due += 1;
                progress.inc(1);
                progress.suspend(|| printer.print(outcome, config));
            }
        }
    });
    progress.finish_and_clear();
    let Printer { out, totals, .. } = printer.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(totals.finish(
        args.format,
        args.fail_policy(),
        &configs.loaded,
        &args.paths,
        out,
    ))
}

/// What the printing thread of the moment needs: the output, the totals so far, and the
/// outcomes that finished before their turn.
struct Printer<'o> {
    out: &'o mut Output,
    totals: Totals,
    waiting: BTreeMap<usize, Result<Outcome>>,
    due: usize,
}

impl Printer<'_> {
    fn print(&mut self, outcome: Result<Outcome>, config: &crate::check::config::Config) {
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
