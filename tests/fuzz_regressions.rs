//! Every input the fuzz targets (`fuzz/`) found, replayed as a normal test.

use std::path::Path;

use integ::document::{Document, parse_layout};
use integ::rename::{RenameSet, RenameStep, run};
use integ::source::SourceFile;

/// `parse`: an integer too large for f64 (374 digits) was accepted by the layout-only parse
/// (so by `integ fmt`) and refused by the full parse. Both now refuse it, at the same place.
#[test]
fn huge_integers_are_out_of_range_in_both_parses() {
    let crasher = "4".repeat(373) + "0";
    for text in [
        crasher,
        format!("[1, {}]", "9".repeat(310)),
        "-".to_string() + &"1".repeat(400),
    ] {
        let full = Document::parse(text.as_str()).unwrap_err();
        let layout = parse_layout(&text).unwrap_err();
        assert_eq!(full, layout, "{text}");
        assert!(full.message.contains("out of range"), "{}", full.message);
    }
    for text in [
        "1".repeat(299),
        format!("1{}", "0".repeat(305)),
        "1".repeat(40) + ".5",
    ] {
        assert!(Document::parse(text.as_str()).is_ok(), "{text}");
        assert!(parse_layout(&text).is_ok(), "{text}");
    }
}

/// `parse`: two byte-order marks. The first is allowed; the second U+FEFF is not JSON
/// whitespace, so the text is refused at its position (the fuzz target's serde_json oracle
/// stripped every BOM and disagreed; integ was right).
#[test]
fn a_second_byte_order_mark_is_not_json() {
    let refused = Document::parse("\u{feff}\u{feff}0").unwrap_err();
    assert_eq!(refused.offset, 3);
    assert!(
        refused.message.contains("expected a JSON value"),
        "{}",
        refused.message
    );
    assert_eq!(parse_layout("\u{feff}\u{feff}0").unwrap_err(), refused);
    let once = Document::parse("\u{feff}0").unwrap();
    assert_eq!(once.value(), &serde_json::json!(0));
}

fn rename_task(text: String, old: &str, new: &str) -> integ::Result<String> {
    let file = SourceFile::from_text(Path::new("flow.json"), text)?;
    let set = RenameSet {
        task_ids: vec![(old.into(), new.into())],
        ..RenameSet::default()
    };
    let outcome = run(vec![file], &[&RenameStep { set }], false)?;
    Ok(outcome.files[0].result().to_string())
}

/// `rename`: task id `a_b` can be renamed away, but not back, because `_` is not allowed in a
/// new task id. The refusal is a clear error, never a panic, and the first rename is exact.
#[test]
fn an_underscore_task_id_renames_away_but_not_back() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/rename-underscore-task-id.json");
    let text = std::fs::read_to_string(path).unwrap();
    let renamed = rename_task(text.clone(), "a_b", "987654").unwrap();
    assert_eq!(renamed.matches("\"987654\"").count(), 2);
    assert_eq!(renamed.replace("\"987654\"", "\"a_b\""), text);
    let refused = rename_task(renamed, "987654", "a_b")
        .unwrap_err()
        .to_string();
    assert!(refused.contains("invalid task id `a_b`"), "{refused}");
}
