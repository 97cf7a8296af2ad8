//! Fixes: what `integ check --fix` changes to resolve a finding.
//!
//! A lint may attach a [`Fix`] to a finding: byte-range [`Edit`]s on the integration document,
//! the same kind of edit a rename makes, so the file's layout, commas and escapes stay as they
//! were everywhere else. A fix is [`Applicability::Safe`] when it keeps what the integration
//! does (it removes a value the API ignores or refuses, or makes two copies of a name agree),
//! and [`Applicability::Unsafe`] when it removes something a reader may still want (a
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
use crate::document::Edit;

/// Whether a fix keeps what the integration does (ruff's terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Applied by `--fix`: the integration does the same afterwards.
    Safe,
    /// Applied only with `--unsafe-fixes`: it removes something that may still be wanted.
    Unsafe,
}

impl Applicability {
    /// `"safe"` or `"unsafe"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Edits on the integration document that resolve one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// The edits, in any order; together they must touch no byte twice.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A safe fix made of `edits`.
    pub fn safe(edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            edits,
        }
    }

    /// An unsafe fix made of `edits`.
    pub fn unsafe_edits(edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            edits,
        }
    }

    /// True when `--fix` applies it: a safe fix always, an unsafe one with `--unsafe-fixes`.
    pub fn applies(&self, unsafe_fixes: bool) -> bool {
        unsafe_fixes || self.applicability == Applicability::Safe
    }
}

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
