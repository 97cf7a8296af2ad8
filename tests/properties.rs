//! Property tests of the lossless core on generated JSON texts with random layout, number
//! spellings, escapes, BOM and line endings.

use integ::document::{Document, Edit, SpanNode, first_difference};
use integ::format::{Style, reprint};
use integ::source::SourceFile;
use proptest::prelude::*;
use serde_json::Value;

fn whitespace() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " ", "\n", "\n  ", "\n\t\t", "\r\n    ", "  "])
}

fn number() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,5})(\\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?"
}

fn string_token() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 _$`.-]{0,6}",
        Just("\\u003d".to_string()),
        Just("\\u0027".to_string()),
        Just("\\u003c".to_string()),
        Just("<&>".to_string()),
        Just("\\\"".to_string()),
        Just("\\\\".to_string()),
        Just("\\n".to_string()),
        Just("\\/".to_string()),
        Just("é😀".to_string()),
        Just("\\ud83d\\ude00".to_string()),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|p| format!("\"{}\"", p.concat()))
}

fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("true".to_string()),
        Just("false".to_string()),
        Just("null".to_string()),
        number(),
        string_token(),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            (prop::collection::vec((inner.clone(), whitespace(), whitespace()), 0..6)).prop_map(
                |items| {
                    let body: Vec<String> = items
                        .into_iter()
                        .map(|(v, a, b)| format!("{a}{v}{b}"))
                        .collect();
                    format!("[{}]", body.join(","))
                }
            ),
            (prop::collection::vec(
                ("[a-zA-Z_`~/]{1,8}", inner, whitespace(), whitespace()),
                0..6
            ))
            .prop_map(|entries| {
                let mut seen = std::collections::HashSet::new();
                let body: Vec<String> = entries
                    .into_iter()
                    .filter(|(k, ..)| seen.insert(k.clone()))
                    .map(|(k, v, a, b)| format!("{a}\"{k}\"{b}:{a}{v}{b}"))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

fn document_text() -> impl Strategy<Value = String> {
    (json_text(), any::<bool>(), any::<bool>(), whitespace()).prop_map(|(text, bom, crlf, tail)| {
        let text = if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        let tail = if crlf {
            tail.replace('\n', "\r\n")
        } else {
            tail.to_string()
        };
        format!("{}{text}{tail}", if bom { "\u{feff}" } else { "" })
    })
}

fn check_spans(doc: &Document, value: &Value, node: &SpanNode) {
    let standalone: Value = serde_json::from_str(doc.slice(node.span())).unwrap();
    assert_eq!(&standalone, value);
    match (value, node) {
        (Value::Array(items), SpanNode::Array(_, nodes)) => {
            for (v, n) in items.iter().zip(nodes) {
                check_spans(doc, v, n);
            }
        }
        (Value::Object(map), SpanNode::Object(_, entries)) => {
            for ((k, v), (key, n)) in map.iter().zip(entries) {
                let key_value: Value = serde_json::from_str(doc.slice(*key)).unwrap();
                assert_eq!(key_value.as_str(), Some(k.as_str()));
                check_spans(doc, v, n);
            }
        }
        (_, SpanNode::Scalar(_)) => {}
        _ => panic!("span tree does not mirror the value"),
    }
}

fn strings(node: &SpanNode, value: &Value, out: &mut Vec<integ::document::Span>) {
    match (value, node) {
        (Value::String(_), SpanNode::Scalar(s)) => out.push(*s),
        (Value::Array(items), SpanNode::Array(_, nodes)) => items
            .iter()
            .zip(nodes)
            .for_each(|(v, n)| strings(n, v, out)),
        (Value::Object(map), SpanNode::Object(_, entries)) => map
            .values()
            .zip(entries)
            .for_each(|(v, (_, n))| strings(n, v, out)),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(debug_assertions) { 64 } else { 512 }))]

    #[test]
    fn parse_matches_serde_and_no_op_write_is_identity(text in document_text()) {
        let file = SourceFile::from_text(std::path::Path::new("gen.json"), text.clone()).unwrap();
        prop_assert_eq!(file.apply(Vec::new()).unwrap(), text.clone());
        let expected: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        prop_assert_eq!(file.outer().value(), &expected);
        check_spans(file.outer(), file.outer().value(), file.outer().root());
    }

    #[test]
    fn every_style_keeps_the_value_and_is_idempotent(text in document_text()) {
        let doc = Document::parse(text.clone()).unwrap();
        for style in [Style::Console, Style::Tab, Style::Expanded, Style::Minified] {
            let once = reprint(&doc, style);
            let again = Document::parse(once.clone()).unwrap();
            prop_assert_eq!(first_difference(again.value(), doc.value()), None);
            prop_assert_eq!(reprint(&again, style), once.clone());
            prop_assert_eq!(once.starts_with('\u{feff}'), text.starts_with('\u{feff}'));
        }
    }

    #[test]
    fn replacing_any_string_changes_only_that_token(text in document_text(), pick in any::<prop::sample::Index>(), new in "[a-z<>&='\"\\\\\n]{0,8}") {
        let doc = Document::parse(text.clone()).unwrap();
        let mut spans = Vec::new();
        strings(doc.root(), doc.value(), &mut spans);
        if spans.is_empty() {
            return Ok(());
        }
        let span = spans[pick.index(spans.len())];
        let token = doc.quote(&new);
        let edited = doc.apply(vec![Edit::new(span, token.clone())]).unwrap();
        prop_assert_eq!(&edited.text()[..span.start], &text[..span.start]);
        prop_assert_eq!(&edited.text()[span.start + token.len()..], &text[span.end..]);
        let decoded: Value = serde_json::from_str(&token).unwrap();
        prop_assert_eq!(decoded.as_str(), Some(new.as_str()));
    }
}
