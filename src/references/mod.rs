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

pub mod access;
mod dollar;
mod names;
mod payload;
mod script;
pub mod submaps;
mod text;
mod walk;

use std::collections::{BTreeMap, BTreeSet};

pub use dollar::{DollarRef, Scan, Unreadable, is_variable_name, scan as scan_dollars};
pub use names::{
    SYSTEM_VARIABLES, backtick_alias, is_system_variable, strip_backticks, task_variable_parts,
    task_variable_renamed, with_backticks_of,
};
pub use payload::{PayloadNode, parse as parse_payload};
pub use script::{
    is_jsonnet_identifier, javascript_names, javascript_possible_names,
    javascript_sets_computed_names, jsonnet_ext_vars, jsonnet_output_fields, jsonnet_outputs_known,
};

use serde_json::Value;

use crate::document::{Document, EscapeStyle, Span};
use crate::kind::FileKind;

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
    /// A variable of another integration: the called integration's side of a call task's
    /// parameter maps and its element mapping, when the call targets a trigger of another
    /// file. A rename of this file's variables never touches these; the sub-integration
    /// contract lint reads them.
    CalledVariable,
}

/// How a name occurs, broadly: what a rename summary counts.
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

/// The exact form of an occurrence: the [`ReferenceKind`] and, for variables, what the site
/// does with the name (lints word their messages by it; flow analysis reads and writes by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// A declaration: variable `key` and its `displayName`/`name` copies, `taskId`,
    /// `triggerNumber`, `triggerId`.
    Declaration,
    /// A name in a trigger's `inputVariables`/`outputVariables` list.
    TriggerVariable,
    /// `$key$`, `` $`key`$ ``, `$key.sub.path$`.
    Dollar,
    /// JavaScript `event.getParameter("key")`.
    GetParameter,
    /// JavaScript `event.setParameter("key", …)`.
    SetParameter,
    /// Jsonnet `f.extVar("key")` / `std.extVar("key")`.
    ExtVar,
    /// A top-level field of the object a Jsonnet template evaluates to.
    JsonnetField,
    /// A string that is the bare name: sub-integration map sides, loop element mappings,
    /// Data Transformer diagram names, names in integrationcli's related files.
    BareName,
    /// An id link: edges, start tasks, `producer`, `producedBy`, a call's `triggerId`.
    IdLink,
}

impl Form {
    /// The broad kind.
    pub fn kind(self) -> ReferenceKind {
        match self {
            Form::Declaration | Form::TriggerVariable => ReferenceKind::Declaration,
            Form::Dollar => ReferenceKind::Dollar,
            Form::GetParameter
            | Form::SetParameter
            | Form::ExtVar
            | Form::JsonnetField
            | Form::BareName => ReferenceKind::BareName,
            Form::IdLink => ReferenceKind::IdLink,
        }
    }

    /// True for the forms that use a name rather than define it (everything but
    /// [`Form::Declaration`]: a trigger's variable list uses the declared variables).
    pub fn is_use(self) -> bool {
        self != Form::Declaration
    }
}

/// Which way a sub-integration parameter map carries values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CallDirection {
    /// `requestParamsMap`, `requestParameterMapping`: caller's variable → called
    /// integration's input.
    Request,
    /// `responseParamsMap`, `overrideParameterMapping`: called integration's output → caller's
    /// variable.
    Response,
    /// `aggregatorParameterMapping`, `responseAggregatorMap`: each run's output collected into
    /// the caller's variable.
    Aggregate,
}

/// Which integration a side of a sub-integration parameter map names a variable of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CallSide {
    /// The integration the call task is in.
    Caller,
    /// The integration (or trigger of this file) it calls.
    Callee,
}

/// What a site does with a name, where the shape around it says so: flow analysis (which
/// variables a task reads and writes) and the sub-integration contract read it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// Nothing beyond the site and form.
    #[default]
    Plain,
    /// Inside `mappedFields[field].inputField` of a Data Mapping: a value the mapping reads.
    MappingInput {
        /// Index in `mappedFields`.
        field: usize,
    },
    /// `mappedFields[field].outputField.referenceKey` of a Data Mapping: the variable the
    /// mapping writes.
    MappingOutput {
        /// Index in `mappedFields`.
        field: usize,
    },
    /// One side of entry `entry` of a call task's parameter map.
    CallMap {
        /// Which way the map carries values.
        direction: CallDirection,
        /// Whose variable this side names.
        side: CallSide,
        /// Index in the map's `entries`.
        entry: usize,
    },
    /// A loop's element mapping (`iterationElementMapping`, `subworkflowInput`,
    /// `scatterElementParam`): the called integration's variable that receives each element.
    ElementMapping,
}

/// One occurrence of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// What the name identifies.
    pub namespace: Namespace,
    /// How it occurs.
    pub form: Form,
    /// The name exactly as written (backticks included).
    pub name: String,
    /// The bytes that spell the name: of the document text for [`ReferenceIndex::build`], of
    /// the string at [`Reference::pointer`] for [`ReferenceIndex::of_value`]. Replacing them
    /// with another valid name renames this occurrence (see [`Reference::replacement`]).
    pub span: Span,
    /// The bytes of the whole reference (`$…$` with its sub-path; for other forms the name).
    pub extent: Span,
    /// Where it was found, e.g. `taskConfigs[].nextTasks[].condition`; payload sites end with
    /// `→ <member>` naming the payload member that holds the name.
    pub site: String,
    /// JSON Pointer of the document token holding the name.
    pub pointer: String,
    /// For `$…$` references: the sub-path after the key as written (`.id`, `[0]`), or empty.
    pub sub_path: String,
    /// The name sits inside JSON held in a string (a `jsonValue` payload).
    pub in_payload: bool,
    /// The name is an unquoted Jsonnet field name, so a new name that is not a Jsonnet
    /// identifier must be written quoted.
    pub jsonnet_identifier: bool,
    /// The quote character of each string layer around the name, outermost (the document's
    /// string token) first; a replacement is escaped for each of them. Borrowed for the
    /// common layerings, so most references allocate nothing for it.
    pub quotes: std::borrow::Cow<'static, str>,
    /// What the site does with the name, when its shape says so.
    pub slot: Slot,
}

impl Reference {
    /// The broad kind of this occurrence.
    pub fn kind(&self) -> ReferenceKind {
        self.form.kind()
    }

    /// The reference as it reads in its innermost text: `$order.id$` for a `$…$` reference,
    /// the name otherwise.
    pub fn written(&self) -> String {
        match self.form {
            Form::Dollar => format!("${}{}$", self.name, self.sub_path),
            _ => self.name.clone(),
        }
    }

    /// The text that replaces [`Reference::span`] of a document to rename this occurrence to
    /// `new_name`: quoted when it becomes a Jsonnet field name that is not an identifier, then
    /// escaped for every string layer around it (the document's own token in `style`).
    pub fn replacement(&self, new_name: &str, style: EscapeStyle) -> String {
        self.escaped(new_name, |text| style.escape(text))
    }

    /// The text that replaces [`Reference::span`] of the decoded string at
    /// [`Reference::pointer`] (an index built by [`ReferenceIndex::of_value`]): escaped for
    /// the payload layers inside that string only.
    pub fn replacement_in_value(&self, new_name: &str) -> String {
        self.escaped(new_name, str::to_string)
    }

    fn escaped(&self, new_name: &str, outermost: impl Fn(&str) -> String) -> String {
        let mut text = if self.jsonnet_identifier && !is_jsonnet_identifier(new_name) {
            format!("\"{new_name}\"")
        } else {
            new_name.to_string()
        };
        let mut layers = self.quotes.chars().rev().peekable();
        while let Some(quote) = layers.next() {
            text = if layers.peek().is_none() {
                outermost(&text)
            } else {
                text::escape_in_payload(&text, quote)
            };
        }
        text
    }
}

/// Why a place may or may not refer to a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Uncertainty {
    /// Text starts like a `$…$` reference (`$order.`, `` $`key` ``) but does not close as one.
    Unclosed,
    /// A string literal of a script that reads or writes variables by computed names
    /// (`event.getParameter(name)`): it may be one of those names.
    ComputedName,
}

/// A place the grammar cannot read exactly: text that starts like a `$…$` reference but does
/// not close as one, or a string of a script that may be a variable's name. `check` reports
/// it, and `rename` refuses to rename its name rather than skip it silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableReference {
    /// Why it cannot be read.
    pub reason: Uncertainty,
    /// The key it starts with, backticks included.
    pub name: String,
    /// The bytes of the key (as [`Reference::span`]).
    pub span: Span,
    /// From the `$` to where reading stopped (as [`Reference::extent`]).
    pub extent: Span,
    /// The text that could not be read, `$order.total` for instance.
    pub text: String,
    /// JSON Pointer of the document token holding it.
    pub pointer: String,
    /// Where it was found (as [`Reference::site`]).
    pub site: String,
}

/// Every reference of one document.
#[derive(Debug, Clone, Default)]
pub struct ReferenceIndex {
    /// All occurrences, sorted by position.
    pub references: Vec<Reference>,
    /// Look-alikes of `$…$` references the grammar cannot read exactly, sorted by position.
    pub unreadable: Vec<UnreadableReference>,
    /// The document string tokens whose text the walk read as a payload (JSON, strict or
    /// single-quoted), sorted: a `jsonValue` the index needed to read. Empty for an index of
    /// a bare value.
    pub payloads: Vec<Span>,
}

impl ReferenceIndex {
    /// Indexes `doc` (an integration document); spans are byte ranges of its text.
    pub fn build(doc: &Document) -> ReferenceIndex {
        ReferenceIndex::sorted(walk::walk(doc))
    }

    /// Indexes an integration held only as a value, with the same sites as [`build`]; spans
    /// are byte ranges of the decoded string at each reference's pointer, so that
    /// [`Reference::replacement_in_value`] renames inside the value (what `diff` does).
    ///
    /// [`build`]: ReferenceIndex::build
    pub fn of_value(value: &Value) -> ReferenceIndex {
        ReferenceIndex::sorted(walk::walk_value(value))
    }

    /// Indexes `doc` as a file of kind `kind`: an integration, or one of integrationcli's
    /// related files (overrides, config variables, test cases, test configs), whose sites are
    /// the names they share with their integration.
    pub fn build_for(doc: &Document, kind: FileKind) -> ReferenceIndex {
        if kind == FileKind::Integration {
            return ReferenceIndex::build(doc);
        }
        ReferenceIndex::sorted(walk::walk_related(doc, kind))
    }

    fn sorted(found: walk::Found) -> ReferenceIndex {
        let walk::Found {
            references,
            mut unreadable,
            mut payloads,
        } = found;
        // Document spans are unique positions; value spans are positions in one string.
        // References are large: their indices are sorted (stably, so in the order the
        // references themselves would be), then each reference is moved once.
        let mut order: Vec<usize> = (0..references.len()).collect();
        order.sort_by(|&i, &j| {
            let (a, b) = (&references[i], &references[j]);
            (a.span, a.namespace)
                .cmp(&(b.span, b.namespace))
                .then_with(|| a.pointer.cmp(&b.pointer))
        });
        let mut slots: Vec<Option<Reference>> = references.into_iter().map(Some).collect();
        let mut references: Vec<Reference> = order
            .into_iter()
            .map(|i| slots[i].take().expect("every index once"))
            .collect();
        references.dedup_by(|a, b| {
            a.span == b.span && a.namespace == b.namespace && a.pointer == b.pointer
        });
        unreadable.sort_by(|a, b| (a.span, &a.pointer).cmp(&(b.span, &b.pointer)));
        unreadable.dedup();
        payloads.sort();
        ReferenceIndex {
            references,
            unreadable,
            payloads,
        }
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

    /// The occurrences that use variable `name` (every form but its declarations).
    pub fn uses<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Reference> + 'a {
        self.occurrences(Namespace::Variable, name)
            .filter(|r| r.form.is_use())
    }

    /// Variable references spelled like `name` with its backticks toggled (`$Task_1_x$` for
    /// `` `Task_1_x` ``): whether they name the same variable cannot be told.
    pub fn aliases<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Reference> + 'a {
        let alias = backtick_alias(name);
        self.references.iter().filter(move |r| {
            r.namespace == Namespace::Variable && r.form.is_use() && r.name == alias
        })
    }

    /// The look-alikes that start with variable key `name`.
    pub fn unreadable_of<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a UnreadableReference> + 'a {
        self.unreadable.iter().filter(move |u| u.name == name)
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
            .filter(|r| r.namespace == namespace && r.form == Form::Declaration)
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Number of occurrences per (namespace, kind).
    pub fn counts(&self) -> BTreeMap<(Namespace, ReferenceKind), usize> {
        let mut counts = BTreeMap::new();
        for r in &self.references {
            *counts.entry((r.namespace, r.kind())).or_default() += 1;
        }
        counts
    }
}
