//! `integ check --fix` and `--diff`: the library fixes every input at once
//! ([`crate::fix::fix_batch`], gate included) and the result is delivered as a rename's is:
//! written all together or not at all, or shown as a unified diff.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::{CheckArgs, Configs, options};
use crate::check::config::Config;
use crate::cli::batch::{WriteArgs, deliver, read_companions};
use crate::cli::{ExitStatus, Output, projects};
use crate::error::Result;
use crate::fix::{FixInput, MAX_ROUNDS, fix_batch};
use crate::source::SourceFile;
use crate::walk::Input;

/// Fixes the inputs. With `--diff` prints the diff and returns the exit status (1 when
/// anything would change); with `--fix` writes the files and returns `None`, so that the
/// check that follows reports what is left. A read error, or a result the validation gate
/// refuses, writes nothing.
pub(super) fn run(
    args: &CheckArgs,
    inputs: &[Input],
    configs: &Configs,
    out: &mut Output,
) -> Result<Option<ExitStatus>> {
    let read: Vec<Result<(PathBuf, Vec<u8>)>> = inputs.par_iter().map(Input::read).collect();
    let mut batch = Vec::new();
    let mut stdin_text = None;
    let mut failed = false;
    for ((result, input), config) in read.into_iter().zip(inputs).zip(&configs.by_input) {
        let stdin = matches!(input, Input::Stdin);
        match result.map(|(path, bytes)| (path, String::from_utf8(bytes))) {
            Ok((path, Ok(text))) => {
                if stdin {
                    stdin_text = Some(text.clone());
                }
                let options = Some(options(config, args, &path));
                batch.push(FixInput {
                    path,
                    text,
                    options,
                });
            }
            // Not UTF-8: `integ check` reports it (E001); standard input cannot be printed.
            Ok((_, Err(_))) if stdin => {
                out.error("standard input is not UTF-8; --fix has nothing to print");
                failed = true;
            }
            Ok((_, Err(_))) => {}
            Err(e) => {
                out.error(&e.to_string());
                failed = true;
            }
        }
    }
    if failed {
        out.error("nothing was written because some inputs could not be read");
        return Ok(Some(ExitStatus::Error));
    }
    let layout = projects::layout(inputs);
    if !layout.is_empty() {
        // The project gate reads the overrides, config variables and tests of each
        // integration fixed.
        let given: Vec<SourceFile> = batch
            .iter()
            .filter_map(|i| SourceFile::from_text(&i.path, i.text.clone()).ok())
            .collect();
        let Some(companions) = read_companions(&given, &layout, out) else {
            return Ok(Some(ExitStatus::Error));
        };
        batch.extend(companions.into_iter().map(|file| FixInput {
            path: file.path.clone(),
            text: file.into_text(),
            options: None,
        }));
    }
    let outcome = fix_batch(batch, &layout, args.unsafe_fixes)?;
    for path in &outcome.unsettled {
        out.warning(&format!(
            "{}: fixes were still left after {MAX_ROUNDS} rounds; run `integ check --fix` again",
            path.display()
        ));
    }
    let delivery = WriteArgs {
        check: false,
        diff: args.diff,
        stdout: false,
        no_verify: false,
    };
    let status = deliver(&outcome.batch, &delivery, out)?;
    // Standard input that nothing changed (or that is no integration) is printed as it came.
    let stdin_fixed = outcome
        .batch
        .files
        .iter()
        .any(|f| f.path.as_os_str() == "-");
    if let Some(text) = stdin_text.filter(|_| !args.diff && !stdin_fixed) {
        out.print(&text);
    }
    Ok(args.diff.then_some(status))
}

/// The inputs and their configurations without standard input, which `--fix` printed fixed.
pub(super) fn without_stdin(inputs: Vec<Input>, configs: Configs) -> (Vec<Input>, Configs) {
    let (inputs, by_input): (Vec<Input>, Vec<Arc<Config>>) = inputs
        .into_iter()
        .zip(configs.by_input)
        .filter(|(input, _)| !matches!(input, Input::Stdin))
        .unzip();
    let configs = Configs {
        by_input,
        loaded: configs.loaded,
    };
    (inputs, configs)
}
