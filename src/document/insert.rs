//! Adding to a document: elements appended to an array and members to the root object, printed
//! in the file's [`Layout`] (the inverse of [`super::remove`]).

use super::{Document, Edit, Layout, Span, SpanNode};

/// The edit that appends `printed` (elements printed at [`Layout::element_depth`]) after the
/// last of `items`, the elements of an array of `doc` that is a member of the root object,
/// each after the separator the array already uses between its first two elements (the
/// layout's, when it has one element). `None` when there is nothing to append or no element
/// to append after.
pub fn append_elements(
    doc: &Document,
    layout: &Layout,
    items: &[SpanNode],
    printed: &[String],
) -> Option<Edit> {
    let last = items.last().filter(|_| !printed.is_empty())?;
    let separator = match items {
        [first, second, ..] => doc
            .slice(Span::new(first.span().end, second.span().start))
            .to_string(),
        _ => layout.element_separator(layout.element_depth()),
    };
    let mut text = String::new();
    for element in printed {
        text.push_str(&separator);
        text.push_str(element);
    }
    Some(Edit::new(Span::new(last.span().end, last.span().end), text))
}

/// The edit that appends `members` (`"key": value` texts) to the root object.
pub fn add_members(doc: &Document, layout: &Layout, members: &[String]) -> Edit {
    let root = doc.root();
    let mut text = String::new();
    match root {
        SpanNode::Object(_, entries) if !entries.is_empty() => {
            let end = entries.last().expect("not empty").1.span().end;
            for member in members {
                text.push(',');
                text.push_str(&layout.line(1));
                text.push_str(member);
            }
            Edit::new(Span::new(end, end), text)
        }
        _ => {
            text.push('{');
            for (i, member) in members.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                text.push_str(&layout.line(1));
                text.push_str(member);
            }
            text.push_str(&layout.line(0));
            text.push('}');
            Edit::new(root.span(), text)
        }
    }
}
