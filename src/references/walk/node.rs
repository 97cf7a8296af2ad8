//! The document as the walk sees it: values with their span nodes, and the pointers to them.
//!
//! These are small and called at every step of the walk: they are marked `#[inline]` so that
//! they are inlined into the walk's other modules too.

use serde_json::Value;

use crate::document::{SpanNode, push_token};

/// A value of the document with its span node (`None` when indexing a bare value).
#[derive(Clone, Copy)]
pub(super) struct Node<'a> {
    pub(super) value: &'a Value,
    pub(super) span: Option<&'a SpanNode>,
}

impl<'a> Node<'a> {
    #[inline]
    pub(super) fn get(self, key: &str) -> Option<Node<'a>> {
        let map = self.value.as_object()?;
        // One pass finds the member and its position (objects here have few members, so a
        // scan beats hashing the key, and the position finds the member's span).
        let (index, (_, value)) = map.iter().enumerate().find(|(_, (k, _))| *k == key)?;
        let span = match self.span {
            Some(spans) => Some(spans.entry(index)?.1),
            None => None,
        };
        Some(Node { value, span })
    }

    #[inline]
    pub(super) fn at(self, path: &[&str]) -> Option<Node<'a>> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The members of an object (none for other values), each with its span node.
    #[inline]
    pub(super) fn entries(self) -> impl Iterator<Item = (&'a str, Node<'a>)> {
        let (map, spans) = match (self.value, self.span) {
            (Value::Object(map), Some(SpanNode::Object(_, entries))) => (Some(map), Some(entries)),
            (Value::Object(map), None) => (Some(map), None),
            _ => (None, None),
        };
        map.into_iter()
            .flatten()
            .enumerate()
            .map(move |(i, (k, value))| {
                let span = spans.map(|entries| &entries[i].1);
                (k.as_str(), Node { value, span })
            })
    }

    /// The elements of an array (none for other values), each with its span node.
    #[inline]
    pub(super) fn items(self) -> impl Iterator<Item = Node<'a>> {
        let (items, spans) = match (self.value, self.span) {
            (Value::Array(items), Some(SpanNode::Array(_, spans))) => (Some(items), Some(spans)),
            (Value::Array(items), None) => (Some(items), None),
            _ => (None, None),
        };
        items
            .into_iter()
            .flatten()
            .enumerate()
            .map(move |(i, value)| {
                let span = spans.map(|spans| &spans[i]);
                Node { value, span }
            })
    }

    #[inline]
    pub(super) fn str(self) -> Option<&'a str> {
        self.value.as_str()
    }
}

// Pointers and sites are joined with `push_str` and `concat`: a walk builds thousands of them,
// and `format!` costs several times as much.

#[inline]
pub(super) fn child(pointer: &str, token: &str) -> String {
    let mut p = String::with_capacity(pointer.len() + token.len() + 1);
    p.push_str(pointer);
    push_token(&mut p, token);
    p
}

/// The pointer to item `i` of the array at `pointer`.
#[inline]
pub(super) fn item(pointer: &str, i: usize) -> String {
    let mut p = String::with_capacity(pointer.len() + 4);
    p.push_str(pointer);
    p.push('/');
    p.push_str(&i.to_string());
    p
}

/// The elements of the array at member `key` of `node`, numbered.
#[inline]
pub(super) fn list<'a>(node: Node<'a>, key: &str) -> impl Iterator<Item = (usize, Node<'a>)> {
    node.get(key).into_iter().flat_map(Node::items).enumerate()
}
