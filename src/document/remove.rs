//! Deleting object members and array elements as edits on the original text.
//!
//! A removed member or element takes exactly one adjacent comma and the whitespace around it
//! with it, so the lines that stay are the original lines: in a pretty layout its lines vanish;
//! in a minified one its bytes do. An object emptied keeps the whitespace before its closing
//! brace (the console prints an empty object as `{` and `}` on two lines); an array emptied
//! becomes `[]`.

use serde_json::Value;

use super::{Document, Edit, Span, SpanNode, spans::unescape_token};

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
    let edits = remove_keys(doc, pointer, &remove)?;
    let (Value::Object(map), _) = doc.node(pointer)? else {
        return None;
    };
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

/// Plans the deletion of the members of the object at `pointer` whose key satisfies `remove`,
/// as [`remove_members`] does, without the value they leave: [`Document::apply`] derives it,
/// so a caller that only wants the edits does not pay for a copy of the document's value.
/// Returns `None` when there is no object at `pointer`.
pub fn remove_keys(
    doc: &Document,
    pointer: &str,
    remove: impl Fn(&str) -> bool,
) -> Option<Vec<Edit>> {
    let (value, node) = doc.node(pointer)?;
    let (Value::Object(map), SpanNode::Object(span, entries)) = (value, node) else {
        return None;
    };
    let doomed: Vec<bool> = map.keys().map(|k| remove(k)).collect();
    let members: Vec<Span> = entries
        .iter()
        .map(|(key, value)| Span::new(key.start, value.span().end))
        .collect();
    Some(deletions(*span, &members, &doomed, false))
}

/// Plans the deletion of the elements of the array at `pointer` whose index satisfies
/// `remove`. Returns `None` when there is no array at `pointer`. [`Document::apply`] derives
/// the value these edits mean, like that of any edit.
pub fn remove_elements(
    doc: &Document,
    pointer: &str,
    remove: impl Fn(usize) -> bool,
) -> Option<Vec<Edit>> {
    let (_, SpanNode::Array(span, items)) = doc.node(pointer)? else {
        return None;
    };
    let doomed: Vec<bool> = (0..items.len()).map(remove).collect();
    let elements: Vec<Span> = items.iter().map(SpanNode::span).collect();
    Some(deletions(*span, &elements, &doomed, true))
}

/// Plans the deletion of the one member or element at `pointer` from its object or array.
/// Returns `None` when nothing is there (or `pointer` is the root).
pub fn remove_value(doc: &Document, pointer: &str) -> Option<Vec<Edit>> {
    let (parent, last) = pointer.rsplit_once('/')?;
    match doc.node(parent)?.1 {
        SpanNode::Object(..) => {
            let key = unescape_token(last);
            let edits = remove_keys(doc, parent, |k| k == key)?;
            (!edits.is_empty()).then_some(edits)
        }
        SpanNode::Array(_, items) => {
            let index: usize = last.parse().ok().filter(|&i| i < items.len())?;
            remove_elements(doc, parent, |i| i == index)
        }
        SpanNode::Scalar(_) => None,
    }
}

/// The deletions of the `doomed` ones among `children` (each from its first byte to its
/// last: a member's key to its value) of the container spanning `container`. `collapse`
/// empties the container completely when every child goes.
fn deletions(container: Span, children: &[Span], doomed: &[bool], collapse: bool) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut i = 0;
    while i < children.len() {
        if !doomed[i] {
            i += 1;
            continue;
        }
        // A run of consecutive removed children i..=j goes as one deletion.
        let mut j = i;
        while j + 1 < children.len() && doomed[j + 1] {
            j += 1;
        }
        let deletion = if j + 1 < children.len() {
            // Up to the next kept child: takes the run's trailing comma and the whitespace
            // before that child, so the kept child lands where the first removed one stood.
            Span::new(children[i].start, children[j + 1].start)
        } else if i > 0 {
            // Last children: take the comma after the previous kept one instead.
            Span::new(children[i - 1].end, children[j].end)
        } else if collapse {
            // Every child, and the whitespace around them.
            Span::new(container.start + 1, container.end - 1)
        } else {
            // Every child: keep whatever whitespace stood before the closing bracket.
            Span::new(container.start + 1, children[j].end)
        };
        edits.push(Edit::new(deletion, ""));
        i = j + 1;
    }
    edits
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
        assert_eq!(
            remove_keys(&doc, "/o", |k| k == "k").unwrap(),
            removal.edits
        );
        assert_eq!(
            doc.apply(removal.edits.clone()).unwrap().text(),
            r#"{"o": {"l": 2}, "arr": []}"#,
            "apply derives what remove_members computes"
        );
        let edited = doc
            .apply_expecting(removal.edits, &removal.expected)
            .unwrap();
        assert_eq!(edited.text(), r#"{"o": {"l": 2}, "arr": []}"#);
        assert!(remove_members(&doc, "/arr", |_| true).is_none());
        assert!(remove_members(&doc, "/missing", |_| true).is_none());
    }

    /// Removes the elements at `indices` of the array at `pointer` through [`Document::apply`],
    /// which derives the expected value itself.
    fn drop_elements(text: &str, pointer: &str, indices: &[usize]) -> String {
        let doc = Document::parse(text).unwrap();
        let edits = remove_elements(&doc, pointer, |i| indices.contains(&i)).unwrap();
        doc.apply(edits).unwrap().into_text()
    }

    #[test]
    fn removes_elements_in_every_layout() {
        let console =
            "{\n  \"a\": [{\n    \"k\": 1\n  }, {\n    \"k\": 2\n  }, {\n    \"k\": 3\n  }]\n}";
        assert_eq!(
            drop_elements(console, "/a", &[0]),
            "{\n  \"a\": [{\n    \"k\": 2\n  }, {\n    \"k\": 3\n  }]\n}"
        );
        assert_eq!(
            drop_elements(console, "/a", &[1]),
            "{\n  \"a\": [{\n    \"k\": 1\n  }, {\n    \"k\": 3\n  }]\n}"
        );
        assert_eq!(
            drop_elements(console, "/a", &[2]),
            "{\n  \"a\": [{\n    \"k\": 1\n  }, {\n    \"k\": 2\n  }]\n}"
        );
        assert_eq!(
            drop_elements(console, "/a", &[1, 2]),
            "{\n  \"a\": [{\n    \"k\": 1\n  }]\n}"
        );
        assert_eq!(
            drop_elements(console, "/a", &[0, 1, 2]),
            "{\n  \"a\": []\n}"
        );
        let tab =
            "{\n\t\"a\": [\n\t\t{\n\t\t\t\"k\": 1\n\t\t},\n\t\t{\n\t\t\t\"k\": 2\n\t\t}\n\t]\n}\n";
        assert_eq!(
            drop_elements(tab, "/a", &[1]),
            "{\n\t\"a\": [\n\t\t{\n\t\t\t\"k\": 1\n\t\t}\n\t]\n}\n"
        );
        assert_eq!(
            drop_elements(tab, "/a", &[0]),
            "{\n\t\"a\": [\n\t\t{\n\t\t\t\"k\": 2\n\t\t}\n\t]\n}\n"
        );
        assert_eq!(drop_elements(tab, "/a", &[0, 1]), "{\n\t\"a\": []\n}\n");
        let crlf = "{\r\n  \"a\": [\r\n    1,\r\n    2\r\n  ]\r\n}\r\n";
        assert_eq!(
            drop_elements(crlf, "/a", &[1]),
            "{\r\n  \"a\": [\r\n    1\r\n  ]\r\n}\r\n"
        );
        assert_eq!(
            drop_elements(r#"{"a":[1,2,3]}"#, "/a", &[0, 2]),
            r#"{"a":[2]}"#
        );
        assert_eq!(drop_elements(r#"{"a":[1]}"#, "/a", &[]), r#"{"a":[1]}"#);
        // The only element, with no whitespace around it: the deletion is the element itself.
        assert_eq!(
            drop_elements(r#"{"a":[{"k":1}]}"#, "/a", &[0]),
            r#"{"a":[]}"#
        );
    }

    #[test]
    fn removes_one_value_by_pointer() {
        let doc = Document::parse(r#"{"a": [1, {"x/y": 2, "z": 3}], "b": 4}"#).unwrap();
        let apply = |pointer: &str| {
            let edits = remove_value(&doc, pointer).unwrap();
            doc.apply(edits).unwrap().into_text()
        };
        assert_eq!(apply("/a/1/x~1y"), r#"{"a": [1, {"z": 3}], "b": 4}"#);
        assert_eq!(apply("/a/0"), r#"{"a": [{"x/y": 2, "z": 3}], "b": 4}"#);
        assert_eq!(apply("/b"), r#"{"a": [1, {"x/y": 2, "z": 3}]}"#);
        assert!(remove_value(&doc, "").is_none());
        assert!(remove_value(&doc, "/c").is_none());
        assert!(remove_value(&doc, "/a/7").is_none());
        assert!(remove_value(&doc, "/b/0").is_none());
    }
}
