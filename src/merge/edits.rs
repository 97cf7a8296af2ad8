//! A merge plan as edits on BASE's text.
//!
//! Two passes, each applied and verified on its own: first the removals of top-level members
//! (the lossless member deletion of [`crate::document::remove_members`]), then everything
//! else: array elements replaced in place, elements appended after BASE's last one with BASE's
//! own separator, arrays written anew, field values replaced, and new members added at the end
//! of the object. Values from INCOMING are printed in BASE's [`Layout`].

use super::layout::Layout;
use super::plan::{Change, Piece, Plan};
use crate::document::{Document, Edit, Removal, Span, SpanNode, push_token, remove_members};

/// The first pass: the members the plan removes and the `*Internal` copies it drops.
pub fn removals(doc: &Document, plan: &Plan) -> Option<Removal> {
    let doomed = |key: &str| {
        plan.dropped_internal.iter().any(|k| k == key)
            || plan
                .changes
                .iter()
                .any(|(k, c)| k == key && *c == Change::Remove)
    };
    remove_members(doc, "", doomed).filter(|r| !r.edits.is_empty())
}

fn pointer(key: &str) -> String {
    let mut p = String::new();
    push_token(&mut p, key);
    p
}

/// The second pass on `doc` (BASE after the removals): every other change of `plan`.
pub fn edits(doc: &Document, incoming: &Document, plan: &Plan, layout: &Layout) -> Vec<Edit> {
    let depth = layout.element_depth();
    let print_incoming = |p: &str, depth: usize| {
        let (_, node) = incoming.node(p).expect("the plan names INCOMING's values");
        layout.print(incoming, node, depth)
    };
    let mut edits = Vec::new();
    let mut additions = Vec::new();
    for (key, change) in &plan.changes {
        let at = pointer(key);
        match change {
            Change::Patch { replaced, appended } => {
                let Some((_, SpanNode::Array(_, items))) = doc.node(&at) else {
                    continue;
                };
                for (i, j) in replaced {
                    edits.push(Edit::new(
                        items[*i].span(),
                        print_incoming(&format!("{at}/{j}"), depth),
                    ));
                }
                let printed: Vec<String> = appended
                    .iter()
                    .map(|j| print_incoming(&format!("{at}/{j}"), depth))
                    .collect();
                edits.extend(append_elements(doc, layout, items, &printed));
            }
            Change::Rewrite(pieces) => {
                let Some((_, node)) = doc.node(&at) else {
                    continue;
                };
                let base_items = match node {
                    SpanNode::Array(_, items) => items.as_slice(),
                    _ => &[],
                };
                let printed: Vec<String> = pieces
                    .iter()
                    .map(|piece| match piece {
                        Piece::Base(i) => doc.slice(base_items[*i].span()).to_string(),
                        Piece::Incoming(j) => print_incoming(&format!("{at}/{j}"), depth),
                    })
                    .collect();
                edits.push(Edit::new(node.span(), layout.array(&printed)));
            }
            Change::Replace => {
                if let Some(location) = doc.locate(&at) {
                    edits.push(Edit::new(location.value, print_incoming(&at, 1)));
                }
            }
            Change::Add => {
                let value = print_incoming(&at, 1);
                additions.push(format!(
                    "{}{}{value}",
                    layout.escape.quote(key),
                    layout.colon
                ));
            }
            Change::Remove => {}
        }
    }
    if !additions.is_empty() {
        edits.push(add_members(doc, layout, &additions));
    }
    edits
}

/// The edit that appends `printed` (elements printed at [`Layout::element_depth`]) after the
/// last of `items`, the elements of an array of `doc` that is a member of the root object,
/// each after the separator the array already uses between its first two elements (the
/// layout's, when it has one element). `None` when there is nothing to append or no element
/// to append after.
pub(crate) fn append_elements(
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
pub(crate) fn add_members(doc: &Document, layout: &Layout, members: &[String]) -> Edit {
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
