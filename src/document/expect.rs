//! What a set of edits means for the value, so that [`Document::apply`] can check its result.

use serde_json::{Map, Value};

use super::parse::parse_json;
use super::spans::{Span, push_token};
use super::target::{Inserted, Step, Target, target};
use super::{Document, Edit, EditError};

/// One change to the value, at a path of the original document.
enum Change {
    /// The value at the path becomes this one.
    Set(Vec<Step>, Value),
    /// The member at the path gets this key.
    Rename(Vec<Step>, String),
    /// Children `first..end` of the container at the path go.
    Remove(Vec<Step>, usize, usize),
    /// Children arrive before child `gap` of the container at the path.
    Insert(Vec<Step>, usize, Inserted),
}

impl Change {
    /// The order changes are made in, last first: the positions along the path, then the
    /// kind. Making the change at the highest position first keeps every other path valid:
    /// a change only moves the siblings after it and renames nothing above it.
    fn order(&self) -> (Vec<usize>, u8) {
        let (path, rank) = match self {
            Change::Insert(path, gap, _) => return (positions(path, Some(*gap)), 0),
            Change::Remove(path, first, _) => return (positions(path, Some(*first)), 1),
            Change::Rename(path, _) => (path, 2),
            Change::Set(path, _) => (path, 3),
        };
        (positions(path, None), rank)
    }
}

fn positions(path: &[Step], then: Option<usize>) -> Vec<usize> {
    path.iter().map(Step::position).chain(then).collect()
}

/// The value `doc` should hold after `edits`, derived from what each edit touches.
pub(super) fn expected_value(doc: &Document, edits: &[Edit]) -> Result<Value, EditError> {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort();
    edits.dedup();
    let mut changes = Vec::new();
    // Edits inside one token are applied to that token together.
    let mut token_edits: Vec<(Vec<Step>, Span, bool, Vec<&Edit>)> = Vec::new();
    for edit in edits {
        let unaligned = || EditError::Unaligned { span: edit.span };
        match target(
            &doc.text,
            (&doc.value, &doc.root),
            edit.span,
            &edit.replacement,
        )
        .ok_or_else(unaligned)?
        {
            Target::Value(path) => {
                let (value, _) = parse_json(&edit.replacement).map_err(|_| unaligned())?;
                changes.push(Change::Set(path, value));
            }
            Target::Token { path, token, key } => {
                match token_edits
                    .iter_mut()
                    .find(|(_, t, k, _)| *t == token && *k == key)
                {
                    Some(group) => group.3.push(edit),
                    None => token_edits.push((path, token, key, vec![edit])),
                }
            }
            Target::Removal { path, first, end } => changes.push(Change::Remove(path, first, end)),
            Target::Insertion {
                path,
                gap,
                inserted,
            } => changes.push(Change::Insert(path, gap, inserted)),
        }
    }
    for (path, token, key, group) in token_edits {
        let local: Vec<Edit> = group
            .iter()
            .map(|e| {
                Edit::new(
                    Span::new(e.span.start - token.start, e.span.end - token.start),
                    e.replacement.clone(),
                )
            })
            .collect();
        let raw = super::apply_edits(&doc.text[token.range()], local)?;
        let Ok((Value::String(decoded), _)) = parse_json(&raw) else {
            return Err(EditError::Unaligned { span: token });
        };
        changes.push(if key {
            Change::Rename(path, decoded)
        } else {
            Change::Set(path, Value::String(decoded))
        });
    }
    changes.sort_by_cached_key(Change::order);
    let mut expected = doc.value.clone();
    for change in changes.into_iter().rev() {
        make(&mut expected, change).ok_or(EditError::Unaligned {
            span: doc.root.span(),
        })?;
    }
    Ok(expected)
}

/// Makes one change to `value`; `None` when its path no longer leads anywhere.
fn make(value: &mut Value, change: Change) -> Option<()> {
    match change {
        Change::Set(path, new) => *value_at(value, &path)? = new,
        Change::Rename(path, new_key) => {
            let (last, parent) = path.split_last()?;
            let Step::Key(old, _) = last else { return None };
            let map = value_at(value, parent)?.as_object_mut()?;
            let renamed: Map<String, Value> = std::mem::take(map)
                .into_iter()
                .map(|(k, v)| {
                    if k == *old {
                        (new_key.clone(), v)
                    } else {
                        (k, v)
                    }
                })
                .collect();
            *map = renamed;
        }
        Change::Remove(path, first, end) => match value_at(value, &path)? {
            Value::Array(items) if end <= items.len() => {
                items.drain(first..end);
            }
            Value::Object(map) if end <= map.len() => {
                let doomed: Vec<String> =
                    map.keys().skip(first).take(end - first).cloned().collect();
                for key in doomed {
                    map.shift_remove(&key);
                }
            }
            _ => return None,
        },
        Change::Insert(path, gap, inserted) => match (value_at(value, &path)?, inserted) {
            (Value::Array(items), Inserted::Elements(new)) if gap <= items.len() => {
                items.splice(gap..gap, new);
            }
            (Value::Object(map), Inserted::Members(new)) if gap <= map.len() => {
                for (offset, (key, member)) in new.into_iter().enumerate() {
                    map.shift_insert(gap + offset, key, member);
                }
            }
            _ => return None,
        },
    }
    Some(())
}

fn value_at<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut cur = value;
    for step in path {
        cur = match step {
            Step::Key(k, _) => cur.as_object_mut()?.get_mut(k)?,
            Step::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// The pointer of the first place where `a` and `b` differ, object key order included.
pub fn first_difference(a: &Value, b: &Value) -> Option<String> {
    let mut pointer = String::new();
    diff_at(a, b, &mut pointer).then_some(pointer)
}

fn diff_at(a: &Value, b: &Value, pointer: &mut String) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() || x.keys().zip(y.keys()).any(|(k, l)| k != l) {
                return true;
            }
            for (k, v) in x {
                let len = pointer.len();
                push_token(pointer, k);
                if diff_at(v, &y[k], pointer) {
                    return true;
                }
                pointer.truncate(len);
            }
            false
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return true;
            }
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                if diff_at(v, w, pointer) {
                    return true;
                }
                pointer.truncate(len);
            }
            false
        }
        _ => a != b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_values_for_token_key_and_whole_value_edits() {
        let doc = Document::parse(r#"{"a": "$x$ and $x$", "b": [1, 2], "k": 0}"#).unwrap();
        let a = doc.locate("/a").unwrap().value;
        let b = doc.locate("/b/1").unwrap().value;
        let k = doc.locate("/k").unwrap().key.unwrap();
        let edits = vec![
            Edit::new(Span::new(a.start + 2, a.start + 3), "yy"),
            Edit::new(Span::new(a.start + 10, a.start + 11), "yy"),
            Edit::new(b, "\"two\""),
            Edit::new(Span::new(k.start + 1, k.end - 1), "kk"),
        ];
        let edited = doc.apply(edits).unwrap();
        assert_eq!(
            edited.text(),
            r#"{"a": "$yy$ and $yy$", "b": [1, "two"], "kk": 0}"#
        );
        let keys: Vec<_> = edited
            .value()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, ["a", "b", "kk"]);
    }

    #[test]
    fn rejects_edits_across_tokens() {
        let doc = Document::parse(r#"{"a": "x", "b": "y"}"#).unwrap();
        let edit = Edit::new(Span::new(7, 14), "");
        assert!(matches!(
            doc.apply(vec![edit]),
            Err(EditError::Unaligned { .. })
        ));
    }

    #[test]
    fn key_order_counts_as_a_difference() {
        let a: Value = serde_json::from_str(r#"{"x": 1, "y": 2}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"y": 2, "x": 1}"#).unwrap();
        assert_eq!(first_difference(&a, &b), Some(String::new()));
        let c: Value = serde_json::from_str(r#"{"x": 1, "y": [3]}"#).unwrap();
        assert_eq!(first_difference(&a, &c).as_deref(), Some("/y"));
        assert_eq!(first_difference(&a, &a), None);
    }

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap()
    }

    #[test]
    fn derives_deletions_of_whole_children() {
        let text = r#"{"a": [1, 2, 3], "b": {"x": 1, "y": 2}, "c": "s"}"#;
        let doc = Document::parse(text).unwrap();
        // Element 2 with its comma, member x with its comma, and a later value edit.
        let edits = vec![
            Edit::new(Span::new(at(text, "2, 3"), at(text, "3]")), ""),
            Edit::new(Span::new(at(text, "\"x\""), at(text, "\"y\"")), ""),
            Edit::new(doc.locate("/c").unwrap().value, "\"t\""),
        ];
        let edited = doc.apply(edits).unwrap();
        assert_eq!(edited.text(), r#"{"a": [1, 3], "b": {"y": 2}, "c": "t"}"#);
        // A whole member at the root, then the last one.
        let b = doc.locate("/b").unwrap();
        let member = Edit::new(Span::new(b.key.unwrap().start, at(text, "\"c\"")), "");
        assert_eq!(
            doc.apply(vec![member]).unwrap().text(),
            r#"{"a": [1, 2, 3], "c": "s"}"#
        );
    }

    #[test]
    fn rejects_deletions_that_are_not_whole_children() {
        let text = r#"{"a": [1, 2, 3], "b": {"x": 1, "y": 2}}"#;
        let doc = Document::parse(text).unwrap();
        // Half a member, a key without its value, and a comma left dangling (which parses to
        // another text than the edits mean, or not at all).
        for span in [
            Span::new(at(text, "\"x\""), at(text, "1, \"y")),
            Span::new(at(text, "\"x\""), at(text, "\"x\"") + 3),
        ] {
            assert!(
                matches!(
                    doc.apply(vec![Edit::new(span, "")]),
                    Err(EditError::Unaligned { .. })
                ),
                "{span:?}"
            );
        }
        // Two whole elements without the comma after them: `[, 3]`.
        let leaves_a_comma = Edit::new(Span::new(at(text, "1, 2"), at(text, "1, 2") + 4), "");
        assert!(matches!(
            doc.apply(vec![leaves_a_comma]),
            Err(EditError::Reparse { .. })
        ));
    }

    #[test]
    fn derives_insertions_of_whole_children() {
        let text = "{\n  \"a\": [1, 2],\n  \"b\": {\"x\": 1}\n}";
        let doc = Document::parse(text).unwrap();
        let after_two = at(text, "2]") + 1;
        let after_x = at(text, "1}") + 1;
        let root_end = text.len() - 2;
        let edits = vec![
            Edit::new(Span::new(after_two, after_two), ", 7, 8"),
            Edit::new(Span::new(after_x, after_x), ", \"y\": [true]"),
            Edit::new(Span::new(root_end, root_end), ",\n  \"c\": null"),
            // Before element 0, together with a change of element 0 itself.
            Edit::new(Span::new(at(text, "[1") + 1, at(text, "[1") + 1), "0, "),
            Edit::new(doc.locate("/a/0").unwrap().value, "10"),
        ];
        let edited = doc.apply(edits).unwrap();
        assert_eq!(
            edited.text(),
            "{\n  \"a\": [0, 10, 2, 7, 8],\n  \"b\": {\"x\": 1, \"y\": [true]},\n  \"c\": null\n}"
        );
        let keys: Vec<&String> = edited.value().as_object().unwrap().keys().collect();
        assert_eq!(keys, ["a", "b", "c"]);
        // Text that is not whole elements is refused.
        let bad = Edit::new(Span::new(after_two, after_two), ", 7 8");
        assert!(matches!(
            doc.apply(vec![bad]),
            Err(EditError::Unaligned { .. })
        ));
        // An insertion that moves a member and deletes it at the old place.
        let b = doc.locate("/b").unwrap();
        let a = doc.locate("/a").unwrap();
        let moved = vec![
            Edit::new(Span::new(a.value.end, b.value.end), ""),
            Edit::new(
                Span::new(a.key.unwrap().start, a.key.unwrap().start),
                "\"b\": {\"x\": 1},\n  ",
            ),
        ];
        assert_eq!(
            doc.apply(moved).unwrap().text(),
            "{\n  \"b\": {\"x\": 1},\n  \"a\": [1, 2]\n}"
        );
    }
}
