//! The parser and span index on arbitrary bytes: never panics; agrees with serde_json on what
//! is JSON and on its value (duplicate keys and depth > 512 excepted, which integ rejects);
//! the layout-only parse agrees with the full one; every span slices out its own value.
#![no_main]

use integ::document::{Document, SpanNode, parse_layout};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn check(doc: &Document, value: &Value, node: &SpanNode) {
    let standalone: Value = serde_json::from_str(doc.slice(node.span())).expect("span is JSON");
    assert_eq!(&standalone, value);
    match (value, node) {
        (Value::Array(items), SpanNode::Array(_, nodes)) => {
            assert_eq!(items.len(), nodes.len());
            items.iter().zip(nodes).for_each(|(v, n)| check(doc, v, n));
        }
        (Value::Object(map), SpanNode::Object(_, entries)) => {
            assert_eq!(map.len(), entries.len());
            map.values().zip(entries).for_each(|(v, (_, n))| check(doc, v, n));
        }
        (_, SpanNode::Scalar(_)) => {}
        _ => panic!("span tree does not mirror the value"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = Document::parse(text);
    let layout = parse_layout(text);
    match (&ours, &layout) {
        (Ok(doc), Ok(root)) => assert_eq!(doc.root(), root),
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("full and layout parses disagree"),
    }
    // One BOM is allowed; a second U+FEFF is not whitespace, so not JSON.
    let serde: Result<Value, _> = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text));
    match ours {
        Ok(doc) => {
            assert_eq!(doc.value(), serde.as_ref().expect("serde_json accepts what integ accepts"));
            check(&doc, doc.value(), doc.root());
        }
        Err(e) => {
            let ok_by_design = e.message.contains("duplicate key") || e.message.contains("nesting deeper");
            assert!(serde.is_err() || ok_by_design, "integ rejected JSON serde_json accepts: {}", e.message);
        }
    }
});
