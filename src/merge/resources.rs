//! The vocabulary of a merge: the kinds of resource matched by identity, and what happens to
//! one top-level member. [`super::plan`] decides the changes; `super::clash` refuses the
//! ones that cannot be made.

use serde_json::Value;

/// A kind of resource: the top-level array holding it and the pointer of its identity inside
/// one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceKind {
    /// The top-level field (`taskConfigs`).
    pub field: &'static str,
    /// JSON Pointer of the identity inside an element (`/taskId`).
    pub identity: &'static str,
    /// The resource, for messages (`task`).
    pub noun: &'static str,
}

impl ResourceKind {
    /// The identity of `element`, when it has a non-empty one.
    pub fn id_of<'v>(&self, element: &'v Value) -> Option<&'v str> {
        element
            .pointer(self.identity)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// The identity's field name (`taskId`).
    pub fn id_name(&self) -> &'static str {
        self.identity.rsplit('/').next().unwrap_or(self.identity)
    }
}

/// The resource kinds a merge matches by identity.
pub const KINDS: [ResourceKind; 5] = [
    ResourceKind {
        field: "integrationParameters",
        identity: "/key",
        noun: "variable",
    },
    ResourceKind {
        field: "integrationConfigParameters",
        identity: "/parameter/key",
        noun: "config variable",
    },
    ResourceKind {
        field: "triggerConfigs",
        identity: "/triggerId",
        noun: "trigger",
    },
    ResourceKind {
        field: "errorCatcherConfigs",
        identity: "/errorCatcherId",
        noun: "error catcher",
    },
    ResourceKind {
        field: "taskConfigs",
        identity: "/taskId",
        noun: "task",
    },
];

/// One element of the merged array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// BASE's element `i`, kept as written.
    Base(usize),
    /// INCOMING's element `j`.
    Incoming(usize),
}

/// What happens to one top-level member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// BASE's array stays and changes in place: some elements replaced by INCOMING's, others
    /// appended.
    Patch {
        /// `(BASE index, INCOMING index)` pairs.
        replaced: Vec<(usize, usize)>,
        /// INCOMING indexes appended in order.
        appended: Vec<usize>,
    },
    /// The array is written anew from these pieces.
    Rewrite(Vec<Piece>),
    /// The member is added at the end of BASE's object, with INCOMING's value.
    Add,
    /// BASE's value is replaced by INCOMING's.
    Replace,
    /// The member is removed.
    Remove,
}

/// The elements of an array value (none for any other value).
pub(super) fn items(value: &Value) -> &[Value] {
    value.as_array().map_or(&[], Vec::as_slice)
}
