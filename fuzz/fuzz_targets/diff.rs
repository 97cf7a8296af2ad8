//! The semantic diff on arbitrary pairs of JSON texts: never panics, a text compared with itself
//! has no changes (with and without metadata), and every renderer accepts the changes. The
//! first byte says where the input splits into OLD and NEW.
#![no_main]

use integ::diff::{Options, compare, normalized_text, render};
use integ::document::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&cut, rest)) = data.split_first() else {
        return;
    };
    let at = rest.len() * cut as usize / 256;
    let (Ok(old), Ok(new)) = (
        std::str::from_utf8(&rest[..at]),
        std::str::from_utf8(&rest[at..]),
    ) else {
        return;
    };
    let (Ok(old), Ok(new)) = (Document::parse(old), Document::parse(new)) else {
        return;
    };
    for include_metadata in [false, true] {
        let options = Options {
            include_metadata,
            ..Options::default()
        };
        for doc in [&old, &new] {
            assert!(
                compare(doc, doc, &options).is_empty(),
                "diff(x, x) is empty"
            );
        }
        let changes = compare(&old, &new, &options);
        render::human(&changes, &|_, text| text.to_string());
        render::json(&changes);
        let a = normalized_text(old.value(), &options);
        let b = normalized_text(new.value(), &options);
        render::unified("old", "new", &a, &b);
    }
});
