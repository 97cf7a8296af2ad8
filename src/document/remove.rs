//! Deleting object members as edits on the original text.
//!
//! A removed member takes exactly one adjacent comma and the whitespace around it with it, so
//! the lines that stay are the original lines: in a pretty layout the member's lines vanish;
//! in a minified one its bytes do.

use serde_json::Value;

use super::{Document, Edit, Span, SpanNode};

/// The edits that delete some members of one object, and the value the document should hold
/// afterwards (for [`Document::apply_expecting`]).
#[derive(Debug, Clone)]
pub struct Removal {
    /// Deletions on the document's text.
    pub edits: Vec<Edit>,
    /// The document's value without the removed members, key order kept.
    pub expected: Value,
    /// The keys removed, in source order.
    pub removed: Vec<String>,
}

/// Plans the deletion of the members of the object at `pointer` whose key satisfies `remove`.
/// Returns `None` when there is no object at `pointer`; a removal without edits when no key
/// matched.
pub fn remove_members(
    doc: &Document,
    pointer: &str,
    remove: impl Fn(&str) -> bool,
) -> Option<Removal> {
    let (value, node) = doc.node(pointer)?;
    let (Value::Object(map), SpanNode::Object(span, entries)) = (value, node) else {
        return None;
    };
    let doomed: Vec<bool> = map.keys().map(|k| remove(k)).collect();
    let members: Vec<Span> = entries
        .iter()
        .map(|(key, value)| Span::new(key.start, value.span().end))
        .collect();

    let mut edits = Vec::new();
    let mut i = 0;
    while i < members.len() {
        if !doomed[i] {
            i += 1;
            continue;
        }
        // A run of consecutive removed members i..=j goes as one deletion.
        let mut j = i;
        while j + 1 < members.len() && doomed[j + 1] {
            j += 1;
        }
        let deletion = if j + 1 < members.len() {
            // Up to the next kept key: takes the run's trailing comma and the whitespace
            // before that key, so the kept key lands where the first removed key stood.
            Span::new(members[i].start, members[j + 1].start)
        } else if i > 0 {
            // Last members: take the comma after the previous kept value instead.
            Span::new(members[i - 1].end, members[j].end)
        } else {
            // Every member: keep whatever whitespace stood before the closing brace.
            Span::new(span.start + 1, members[j].end)
        };
        edits.push(Edit::new(deletion, ""));
        i = j + 1;
    }

    let mut expected = doc.value().clone();
    let target = expected.pointer_mut(pointer)?.as_object_mut()?;
    let removed: Vec<String> = map.keys().filter(|k| remove(k)).cloned().collect();
    for key in &removed {
        target.shift_remove(key);
    }
    Some(Removal {
        edits,
        expected,
        removed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(text: &str, keys: &[&str]) -> String {
        let doc = Document::parse(text).unwrap();
        let removal = remove_members(&doc, "", |k| keys.contains(&k)).unwrap();
        doc.apply_expecting(removal.edits, &removal.expected)
            .unwrap()
            .into_text()
    }

    #[test]
    fn removes_first_middle_last_and_only_members_minified() {
        let text = r#"{"a":1,"b":2,"c":3}"#;
        assert_eq!(strip(text, &["a"]), r#"{"b":2,"c":3}"#);
        assert_eq!(strip(text, &["b"]), r#"{"a":1,"c":3}"#);
        assert_eq!(strip(text, &["c"]), r#"{"a":1,"b":2}"#);
        assert_eq!(strip(text, &["a", "c"]), r#"{"b":2}"#);
        assert_eq!(strip(text, &["a", "b", "c"]), "{}");
        assert_eq!(strip(text, &["x"]), text);
    }

    #[test]
    fn removes_whole_lines_in_pretty_layouts() {
        let console = "{\n  \"name\": \"n\",\n  \"t\": [{\n    \"x\": 1\n  }],\n  \"u\": \"v\"\n}";
        assert_eq!(
            strip(console, &["name"]),
            "{\n  \"t\": [{\n    \"x\": 1\n  }],\n  \"u\": \"v\"\n}"
        );
        assert_eq!(
            strip(console, &["t"]),
            "{\n  \"name\": \"n\",\n  \"u\": \"v\"\n}"
        );
        assert_eq!(strip(console, &["t", "u"]), "{\n  \"name\": \"n\"\n}");
        assert_eq!(strip(console, &["name", "t", "u"]), "{\n}");
        let tab = "{\n\t\"a\": 1,\n\t\"b\": {\n\t\t\"c\": 2\n\t}\n}\n";
        assert_eq!(strip(tab, &["a"]), "{\n\t\"b\": {\n\t\t\"c\": 2\n\t}\n}\n");
        let crlf = "{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}\r\n";
        assert_eq!(strip(crlf, &["a"]), "{\r\n  \"b\": 2\r\n}\r\n");
    }

    #[test]
    fn keeps_odd_spacing_around_commas_consistent() {
        assert_eq!(strip(r#"{ "a" : 1 , "b" : 2 }"#, &["a"]), r#"{ "b" : 2 }"#);
        assert_eq!(strip(r#"{ "a" : 1 , "b" : 2 }"#, &["b"]), r#"{ "a" : 1 }"#);
        assert_eq!(strip(r#"{ "a" : 1 }"#, &["a"]), "{ }");
    }

    #[test]
    fn works_on_nested_objects_and_rejects_non_objects() {
        let doc = Document::parse(r#"{"o": {"k": 1, "l": 2}, "arr": []}"#).unwrap();
        let removal = remove_members(&doc, "/o", |k| k == "k").unwrap();
        assert_eq!(removal.removed, ["k"]);
        let edited = doc
            .apply_expecting(removal.edits, &removal.expected)
            .unwrap();
        assert_eq!(edited.text(), r#"{"o": {"l": 2}, "arr": []}"#);
        assert!(remove_members(&doc, "/arr", |_| true).is_none());
        assert!(remove_members(&doc, "/missing", |_| true).is_none());
    }
}
