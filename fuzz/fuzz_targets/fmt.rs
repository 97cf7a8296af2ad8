//! Every fmt style on arbitrary JSON: never panics, keeps the value (key order included), and
//! is idempotent.
#![no_main]

use integ::document::{Document, first_difference};
use integ::format::{Style, reprint};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(doc) = Document::parse(text) else { return };
    for style in [Style::Console, Style::Tab, Style::Expanded, Style::Minified] {
        let once = reprint(&doc, style);
        let again = Document::parse(once.as_str()).expect("reprint is JSON");
        assert_eq!(first_difference(again.value(), doc.value()), None);
        assert_eq!(reprint(&again, style), once);
    }
});
