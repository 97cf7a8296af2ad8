//! Fixes: what `integ check --fix` changes to resolve a finding.
//!
//! A lint may attach a [`Fix`](crate::diagnostic::Fix) to a finding: byte-range [`Edit`](crate::document::Edit)s on the integration document,
//! the same kind of edit a rename makes, so the file's layout, commas and escapes stay as they
//! were everywhere else. A fix is [`Safe`](crate::diagnostic::Applicability::Safe) when it keeps what the integration
//! does (it removes a value the API ignores or refuses, or makes two copies of a name agree),
//! and [`Unsafe`](crate::diagnostic::Applicability::Unsafe) when it removes something a reader may still want (a
//! declaration nothing uses); `--unsafe-fixes` opts into those, as in ruff.
//!
//! [`fix_file`] applies the fixes of one file round after round: each round checks the file,
//! takes every applicable fix whose edits touch no byte an earlier one in the round touches,
//! and applies them (re-parsed and compared with the value they mean, as every edit is). A
//! fix left out because it overlapped another is found again, on the new text, in the next
//! round. [`fix_batch`] does this for a batch and passes every changed file through the
//! validation gate of `integ rename` before anything may be written.

mod batch;
mod rounds;

pub use batch::{FixInput, FixOutcome, fix_batch};
pub use rounds::{FileFixes, MAX_ROUNDS, fix_file, select};

use crate::diagnostic::Diagnostic;

/// Drops from `diagnostics` the fixes `--fix` would not apply (unsafe ones unless
/// `unsafe_fixes`), so that what is shown as fixable is what `--fix` fixes. Returns how many
/// were dropped: the fixes `--unsafe-fixes` would add.
pub fn keep_applicable(diagnostics: &mut [Diagnostic], unsafe_fixes: bool) -> usize {
    let mut hidden = 0;
    for d in diagnostics {
        if d.fix.as_ref().is_some_and(|f| !f.applies(unsafe_fixes)) {
            d.fix = None;
            hidden += 1;
        }
    }
    hidden
}
