//! The reference index: every place a document names a variable, a task or a trigger.
//!
//! [`ReferenceIndex::build`] walks a [`Document`] once and records each occurrence with its
//! kind and the exact bytes of the document that spell the name, also when the name sits inside
//! JSON held in a string (a `jsonValue` payload, at any depth) or inside code (JavaScript,
//! Jsonnet). A rename is then one edit per occurrence of exactly that name: a name that merely
//! contains another one is a different name and is never touched.
//!
//! The sites follow FORMAT.md §8–9; `walk/` holds the document walk (tasks, payloads), `dollar.rs` the `$…$`
//! grammar, `script.rs` JavaScript and Jsonnet, `payload.rs` the `jsonValue` reader and
//! `submaps.rs` the sub-integration parameter maps.

mod dollar;
mod payload;
mod script;
mod submaps;
mod text;
mod walk;

use std::collections::{BTreeMap, BTreeSet};

pub use dollar::{DollarRef, is_variable_name, scan as scan_dollars};
pub use payload::{PayloadNode, parse as parse_payload};
pub use script::{
    is_jsonnet_identifier, javascript_names, jsonnet_ext_vars, jsonnet_output_fields,
};
pub use text::Decoded;

use crate::document::{Document, EscapeStyle, Span};
use crate::project::FileKind;

/// What kind of thing a name identifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Namespace {
    /// A variable (integration, task-output, system or config variable), by its exact key.
    Variable,
    /// A task, by `taskId`.
    TaskId,
    /// A trigger, by `triggerNumber` (what `producer: "2_<n>"` points at).
    TriggerNumber,
    /// A trigger, by `triggerId` (what sub-integration calls point at).
    TriggerId,
}

/// How a name occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReferenceKind {
    /// The definition: a variable's `key` (and its copies), a task's `taskId`, a trigger's
    /// `triggerNumber`/`triggerId`, a trigger's input/output variable names.
    Declaration,
    /// A `$key$` / `` $`key`$ `` / `$key.path$` reference inside text.
    Dollar,
    /// A bare name: JavaScript `get/setParameter`, Jsonnet `extVar` and output fields,
    /// sub-integration parameter maps, loop element mappings, Data Transformer diagram names.
    BareName,
    /// An id link: edges, start tasks, `producer`, internal `taskNumber`/`producedBy`,
    /// sub-integration `triggerId`.
    IdLink,
}

impl ReferenceKind {
    /// A short lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            ReferenceKind::Declaration => "declaration",
            ReferenceKind::Dollar => "$…$ reference",
            ReferenceKind::BareName => "bare-name reference",
            ReferenceKind::IdLink => "id link",
        }
    }
}

/// One occurrence of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// What the name identifies.
    pub namespace: Namespace,
    /// How it occurs.
    pub kind: ReferenceKind,
    /// The name exactly as written (backticks included).
    pub name: String,
    /// The bytes of the document text that spell the name. Replacing them with another valid
    /// name renames this occurrence (see [`Reference::replacement`]).
    pub span: Span,
    /// Where it was found, e.g. `taskConfigs[].nextTasks[].condition`; payload sites end with
    /// `→ <member>` naming the payload member that holds the name.
    pub site: String,
    /// JSON Pointer of the document token holding the name.
    pub pointer: String,
    /// For `$…$` references: a `.sub.path` follows the key.
    pub sub_path: bool,
    /// The name sits inside JSON held in a string (a `jsonValue` payload).
    pub in_payload: bool,
    /// The name is an unquoted Jsonnet field name, so a new name that is not a Jsonnet
    /// identifier must be written quoted.
    pub jsonnet_identifier: bool,
    /// The quote character of each string layer around the name, outermost (the document's
    /// string token) first; a replacement is escaped for each of them.
    pub quotes: String,
}

impl Reference {
    /// The text that replaces [`Reference::span`] to rename this occurrence to `new_name`:
    /// quoted when it becomes a Jsonnet field name that is not an identifier, then escaped for
    /// every string layer around it (the document's own token in the file's `style`).
    pub fn replacement(&self, new_name: &str, style: EscapeStyle) -> String {
        let mut text = if self.jsonnet_identifier && !is_jsonnet_identifier(new_name) {
            format!("\"{new_name}\"")
        } else {
            new_name.to_string()
        };
        let mut layers = self.quotes.chars().rev().peekable();
        while let Some(quote) = layers.next() {
            text = if layers.peek().is_none() {
                style.escape(&text)
            } else {
                text::escape_in_payload(&text, quote)
            };
        }
        text
    }
}

/// Every reference of one document.
#[derive(Debug, Clone, Default)]
pub struct ReferenceIndex {
    /// All occurrences, in document order per site walk.
    pub references: Vec<Reference>,
}

impl ReferenceIndex {
    /// Indexes `doc` (an integration document).
    pub fn build(doc: &Document) -> ReferenceIndex {
        let mut references = walk::walk(doc);
        references.sort_by_key(|r| (r.span, r.namespace));
        references.dedup_by(|a, b| a.span == b.span && a.namespace == b.namespace);
        ReferenceIndex { references }
    }

    /// Indexes `doc` as a file of kind `kind`: an integration, or one of integrationcli's
    /// related files (overrides, config variables, test cases, test configs), whose sites are
    /// the names they share with their integration.
    pub fn build_for(doc: &Document, kind: FileKind) -> ReferenceIndex {
        if kind == FileKind::Integration {
            return ReferenceIndex::build(doc);
        }
        let mut references = walk::walk_related(doc, kind);
        references.sort_by_key(|r| (r.span, r.namespace));
        references.dedup_by(|a, b| a.span == b.span && a.namespace == b.namespace);
        ReferenceIndex { references }
    }

    /// The occurrences of `name` in `namespace`.
    pub fn occurrences<'a>(
        &'a self,
        namespace: Namespace,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Reference> + 'a {
        self.references
            .iter()
            .filter(move |r| r.namespace == namespace && r.name == name)
    }

    /// Every name that occurs in `namespace`.
    pub fn names(&self, namespace: Namespace) -> BTreeSet<&str> {
        self.references
            .iter()
            .filter(|r| r.namespace == namespace)
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Names declared in `namespace`: variable keys (integration, config and internal copies),
    /// task ids, trigger numbers and ids. Trigger input/output name lists are references to
    /// declarations, not declarations of their own, and are not included.
    pub fn declared(&self, namespace: Namespace) -> BTreeSet<&str> {
        self.references
            .iter()
            .filter(|r| {
                r.namespace == namespace
                    && r.kind == ReferenceKind::Declaration
                    && !r.site.contains("Variables.names")
            })
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Number of occurrences per (namespace, kind).
    pub fn counts(&self) -> BTreeMap<(Namespace, ReferenceKind), usize> {
        let mut counts = BTreeMap::new();
        for r in &self.references {
            *counts.entry((r.namespace, r.kind)).or_default() += 1;
        }
        counts
    }
}
