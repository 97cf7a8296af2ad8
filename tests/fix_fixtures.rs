//! Every fix has before/after fixtures in tests/fixtures/fix/: `<CODE>[-variant].json` is fixed
//! with only `<CODE>` selected (unsafe fixes included) and must become
//! `<CODE>[-variant].fixed.json` byte for byte (regenerate with
//! `UPDATE_SNAPSHOTS=1 cargo test --test fix_fixtures`, then read the diff). The result must
//! settle: fixing it again changes nothing, and no fixable finding of the code is left.

use std::path::{Path, PathBuf};

use integ::check::registry::REGISTRY;
use integ::check::{CheckOptions, check_all, find_check};
use integ::diagnostic::Applicability;
use integ::fix::{FixInput, fix_batch};
use integ::project::Layout;
use integ::source::SourceFile;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fix")
}

/// The "before" fixtures, sorted, with the code each is for.
fn fixtures() -> Vec<(PathBuf, String)> {
    let mut found: Vec<(PathBuf, String)> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".fixed.json")
        })
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let code = stem.split('-').next().unwrap().to_string();
            (p, code)
        })
        .collect();
    found.sort();
    found
}

fn only(code: &str) -> CheckOptions {
    CheckOptions {
        select: vec![code.to_string()],
        ..CheckOptions::default()
    }
}

/// The text of `file` after fixing `code` (`None` when nothing changed), and how many
/// findings were fixed.
fn fix(file: SourceFile, code: &str, unsafe_fixes: bool) -> (Option<String>, usize) {
    let input = FixInput {
        path: file.path.clone(),
        text: file.into_text(),
        options: Some(only(code)),
    };
    let outcome = fix_batch(vec![input], &Layout::default(), unsafe_fixes)
        .unwrap_or_else(|e| panic!("fixing {code}: {e}"));
    assert!(outcome.unsettled.is_empty(), "{code}: fixes did not settle");
    // Only changed files come back.
    let new = outcome
        .batch
        .files
        .first()
        .map(|f| f.new.clone().expect("changed"));
    (new, outcome.fixed)
}

#[test]
fn every_fix_turns_its_fixture_into_the_expected_text() {
    let mut stale = Vec::new();
    for (path, code) in fixtures() {
        let entry =
            find_check(&code).unwrap_or_else(|| panic!("{}: no check {code}", path.display()));
        let declared = entry.fix.expect("a fixture for a check without fixes");
        let file = SourceFile::read(&path).unwrap();
        let mut before = check_all(&file, false);
        only(&code).apply(&mut before);
        assert!(
            before.iter().any(|d| d.fix.is_some()),
            "{}: nothing of {code} to fix",
            path.display()
        );
        for d in &before {
            let applicability = d.fix.as_ref().map(|f| f.applicability);
            assert!(
                applicability.is_none_or(|a| a == declared || a == Applicability::Unsafe),
                "{code} offers a {applicability:?} fix but declares {declared:?}"
            );
        }
        let (after, fixed) = fix(file, &code, true);
        let after = after.unwrap_or_else(|| panic!("{}: nothing changed", path.display()));
        assert!(fixed > 0);

        let expected_path = path.with_extension("fixed.json");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&expected_path, &after).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != after {
            stale.push(format!(
                "--- {}\n+++ fixed\n{after}",
                expected_path.display()
            ));
        }

        // Settled: nothing of the code is fixable any more, and a second run changes nothing.
        let again = SourceFile::from_text(&path, after).unwrap();
        let mut left = check_all(&again, false);
        only(&code).apply(&mut left);
        assert!(
            left.iter().all(|d| d.fix.is_none()),
            "{}: fixable findings left: {left:?}",
            path.display()
        );
        assert_eq!(fix(again, &code, true), (None, 0), "{}", path.display());
    }
    assert!(
        stale.is_empty(),
        "fixed texts differ (UPDATE_SNAPSHOTS=1 to accept):\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_check_with_a_fix_has_a_fixture() {
    let codes: Vec<String> = fixtures().into_iter().map(|(_, code)| code).collect();
    for entry in REGISTRY.iter().filter(|e| e.fix.is_some()) {
        assert!(
            codes.iter().any(|c| c == entry.check.code),
            "{} has a fix but no fixture in tests/fixtures/fix",
            entry.check.code
        );
    }
}

#[test]
fn unsafe_fixes_wait_for_unsafe_fixes() {
    for (path, code) in fixtures() {
        let entry = find_check(&code).unwrap();
        let file = SourceFile::read(&path).unwrap();
        let mut before = check_all(&file, false);
        only(&code).apply(&mut before);
        let safe = before
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applies(false)))
            .count();
        let (after, fixed) = fix(file, &code, false);
        if entry.fix == Some(Applicability::Unsafe) {
            assert_eq!((after, fixed), (None, 0), "{}", path.display());
        } else {
            assert!(
                fixed >= safe && after.is_some(),
                "{}: {fixed} fixed of {safe} safe",
                path.display()
            );
        }
    }
}

#[test]
fn fixes_keep_every_byte_outside_their_edits() {
    // The CRLF, BOM and tab fixture keeps all three.
    let path = fixture_dir().join("L008-tab-crlf.json");
    let (after, _) = fix(SourceFile::read(Path::new(&path)).unwrap(), "L008", false);
    let after = after.unwrap();
    assert!(after.starts_with('\u{feff}') && after.ends_with("}\r\n"));
    assert!(!after.replace("\r\n", "").contains('\n'));
    assert!(after.contains("\r\n\t\"cloudLoggingDetails\": {\r\n\t}"));
}
