//! `integ check` printing as it goes: the human and GitHub output of inputs outside
//! integrationcli projects, file by file in path order, while later files are still being
//! checked. Memory then holds the files in flight, not the findings of the whole batch.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::totals::Totals;
use super::{CheckArgs, Configs, Outcome, check_input, render_now};
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
    let (format, color) = (args.format, out.color);
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by(|&a, &b| shown_path(&inputs[a]).cmp(shown_path(&inputs[b])));
    let progress = out.progress(inputs.len(), "Checking");
    // Files are claimed in print order, so the ones waiting to be printed are only those
    // finished while an earlier, slower file was still being checked.
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, Result<Outcome>)>();
    let check = |n: usize| {
        let i = order[n];
        check_input(&inputs[i], &configs.by_input[i], args, integration).map(|mut outcome| {
            outcome.rendered = Some(render_now(&outcome.report, format, color));
            outcome.report.text = String::new();
            outcome
        })
    };
    let mut totals = Totals::default();
    let (next, check, total) = (&next, &check, order.len());
    std::thread::scope(|scope| {
        // The sender moves into this thread, so the channel closes when the last file is in.
        scope.spawn(move || {
            rayon::broadcast(|_| {
                let sender = sender.clone();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total || sender.send((n, check(n))).is_err() {
                        break;
                    }
                }
            });
        });
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (n, outcome) in receiver {
            waiting.insert(n, outcome);
            while let Some(outcome) = waiting.remove(&due) {
                let config = &configs.by_input[order[due]];
                due += 1;
                progress.inc(1);
                match outcome {
                    Err(e) => progress.suspend(|| totals.fail(&e, out)),
                    Ok(outcome) => {
                        if let Some((_, Some(text))) = totals.add(outcome, config) {
                            if !text.is_empty() {
                                progress.suspend(|| out.print(&text));
                            }
                        }
                    }
                }
            }
        }
    });
    progress.finish_and_clear();
    Ok(totals.finish(format, args.exit_zero, &configs.loaded, &args.paths, out))
}

/// The path a file's findings are shown under (`-` for stdin), which orders the output.
fn shown_path(input: &Input) -> &Path {
    match input {
        Input::Stdin => Path::new("-"),
        Input::File(path) => path,
    }
}
