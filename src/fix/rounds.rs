//! Fixing one file: rounds of check, pick the fixes that do not overlap, apply.

use std::collections::{BTreeMap, BTreeSet};

use crate::check::{CheckOptions, check_indexed};
use crate::diagnostic::Diagnostic;
use crate::document::{Edit, Span};
use crate::error::Result;
use crate::rename::FileState;

/// The most rounds one file gets. Each round applies every fix that does not overlap an
/// earlier one; a fix can only wait for a neighbour (the last element of an array and the one
/// before it, say), so files settle in two or three rounds.
pub const MAX_ROUNDS: usize = 8;

/// What fixing one file did.
pub struct FileFixes {
    /// The file after the fixes, with its reference index.
    pub state: FileState,
    /// Its text before the first fix, when a fix changed it.
    pub original: Option<String>,
    /// How many findings of each code were fixed.
    pub fixed: BTreeMap<&'static str, usize>,
    /// False when fixes were still left after [`MAX_ROUNDS`] rounds.
    pub converged: bool,
}

/// Applies the fixes of the findings `options` reports in `state` (an integration), round
/// after round until a round finds none (or [`MAX_ROUNDS`] have run): the safe ones, and the
/// unsafe ones too when `unsafe_fixes`. Every round's edits are re-parsed and compared with
/// the value they mean; an edit that does not hold is an error, and nothing of the file is
/// kept then. The result still has to pass the validation gate ([`super::fix_batch`]).
pub fn fix_file(
    mut state: FileState,
    options: &CheckOptions,
    unsafe_fixes: bool,
) -> Result<FileFixes> {
    let mut original = None;
    let mut fixed: BTreeMap<&'static str, usize> = BTreeMap::new();
    for _ in 0..MAX_ROUNDS {
        let mut diagnostics = check_indexed(&state.file, &state.index, options.strict);
        options.apply(&mut diagnostics);
        let (edits, codes) = select(&diagnostics, unsafe_fixes);
        if edits.is_empty() {
            return Ok(FileFixes {
                state,
                original,
                fixed,
                converged: true,
            });
        }
        let file = state.file.edited(edits)?;
        let next = FileState::of_kind(file, state.kind, state.owner);
        if original.is_none() {
            original = Some(state.file.into_text());
        }
        state = next;
        for code in codes {
            *fixed.entry(code).or_default() += 1;
        }
    }
    // Whether anything is left is only known by looking once more.
    let mut diagnostics = check_indexed(&state.file, &state.index, options.strict);
    options.apply(&mut diagnostics);
    let converged = select(&diagnostics, unsafe_fixes).0.is_empty();
    Ok(FileFixes {
        state,
        original,
        fixed,
        converged,
    })
}

/// The fixes of `diagnostics` to apply in one round: every one `--fix` applies (safe ones, and
/// unsafe ones when `unsafe_fixes`), in order of where they start, except a fix with an edit
/// that touches what an earlier fix's edit touches (ruff's rule: it waits for the next round,
/// on the text the others leave). Returns their edits and the code of each fix taken.
pub fn select(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> (Vec<Edit>, Vec<&'static str>) {
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| Some((d.fix.as_ref().filter(|f| f.applies(unsafe_fixes))?, d.code)))
        .filter(|(f, _)| !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|(f, _)| f.edits.iter().map(|e| e.span).min());
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut edits = Vec::new();
    let mut codes = Vec::new();
    for (fix, code) in fixes {
        let mut own: BTreeSet<(usize, usize)> = BTreeSet::new();
        let clear = fix.edits.iter().all(|e| {
            let free = !touches_any(&taken, e.span) && !touches_any(&own, e.span);
            own.insert((e.span.start, e.span.end));
            free
        });
        if clear {
            taken.extend(own);
            edits.extend(fix.edits.iter().cloned());
            codes.push(code);
        }
    }
    (edits, codes)
}

/// True when `span` touches one of the disjoint spans `taken` (see [`touch`]).
fn touches_any(taken: &BTreeSet<(usize, usize)>, span: Span) -> bool {
    for &(start, end) in taken.range(..=(span.end, usize::MAX)).rev() {
        let other = Span::new(start, end);
        if touch(other, span) {
            return true;
        }
        // Spans before a non-empty one that ends before `span` all end before it too.
        if !other.is_empty() && other.end <= span.start {
            return false;
        }
    }
    false
}

/// True when two edits cannot both be applied: they replace a common byte, one inserts
/// inside the bytes the other replaces, or both insert at the same place (whose text would
/// come first is not defined).
fn touch(a: Span, b: Span) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (false, false) => a.start < b.end && b.start < a.end,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (true, true) => a.start == b.start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::diagnostic::{Check, Severity};

    static RULE: Check = Check {
        code: "X001",
        name: "x",
        severity: Severity::Warning,
        summary: "",
        explanation: "",
    };

    fn finding(fix: Fix) -> Diagnostic {
        Diagnostic::new(&RULE, String::new(), None, String::new()).with_fix(Some(fix))
    }

    fn deletion(start: usize, end: usize) -> Edit {
        Edit::new(Span::new(start, end), "")
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let diagnostics = vec![
            finding(Fix::safe(vec![deletion(10, 20)])),
            finding(Fix::safe(vec![deletion(0, 10), deletion(40, 45)])),
            finding(Fix::safe(vec![deletion(19, 25)])),
            finding(Fix::safe(vec![deletion(30, 31), deletion(44, 50)])),
            finding(Fix::unsafe_edits(vec![deletion(60, 70)])),
            finding(Fix::safe(vec![Edit::new(Span::new(20, 20), "x")])),
            finding(Fix::safe(vec![Edit::new(Span::new(15, 15), "y")])),
        ];
        let (edits, codes) = select(&diagnostics, false);
        let spans: Vec<(usize, usize)> = edits.iter().map(|e| (e.span.start, e.span.end)).collect();
        // The first two are taken; 19..25 overlaps 10..20, 44..50 overlaps 40..45, the
        // unsafe one is not wanted, an insertion at 20 is at the edge of 10..20 (fine) and
        // one at 15 is inside it.
        assert_eq!(spans, [(0, 10), (40, 45), (10, 20), (20, 20)]);
        assert_eq!(codes.len(), 3);
        let (edits, _) = select(&diagnostics, true);
        assert!(edits.iter().any(|e| e.span == Span::new(60, 70)));
    }

    #[test]
    fn edges_touch_only_when_they_share_bytes() {
        let s = Span::new;
        assert!(touch(s(0, 5), s(4, 6)) && !touch(s(0, 5), s(5, 6)));
        assert!(touch(s(3, 3), s(0, 5)) && !touch(s(5, 5), s(0, 5)) && !touch(s(0, 0), s(0, 5)));
        assert!(touch(s(2, 2), s(2, 2)) && !touch(s(2, 2), s(3, 3)));
    }
}
