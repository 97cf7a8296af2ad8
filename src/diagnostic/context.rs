//! What a check sees of one file, and where its findings go: one [`Context`] for every kind of
//! file.
//!
//! Every check reads a document and places its findings in it; what else it reads depends on
//! the kind of file: an integration's typed model and references (the lints), a project's
//! related file and its integration (P), an execute request's integration (R), a connector
//! file's kind (C). So the context is one generic type, `Context<'a, Facts>`: the document,
//! the placement helpers every check uses ([`Context::at`], [`Context::at_key`],
//! [`Context::in_string`], [`Context::at_span`], [`Context::at_start`], [`Context::removal`]),
//! and the facts of its kind, which it dereferences to so that `ctx.model` or `ctx.owner`
//! read as fields of the context. Each kind names its context (`LintContext<'a>` is
//! `Context<'a, LintFacts<'a>>`) and adds what only it reads as inherent methods of that
//! instance (`ctx.flow()` for lints, `ctx.inputs()` for requests).
//!
//! A generic struct rather than a trait with default methods: the helpers need the document,
//! which a trait would have to ask each context for, and the four contexts would still each
//! be declared; the generic one is declared once and its facts stay plain structs.

use std::ops::{Deref, Range};

use serde_json::{Map, Value};

use super::{Applicability, Check, Diagnostic, Fix};
use crate::document::{Decoded, Document, Span, remove_value};

/// What a check sees of one file: its document, and the facts `F` of its kind.
pub struct Context<'a, F> {
    /// The document checked (an integration, a related file, a request, a connector file).
    pub doc: &'a Document,
    /// What the kind of file adds; reached through [`Deref`].
    facts: F,
}

impl<F> Deref for Context<'_, F> {
    type Target = F;

    fn deref(&self) -> &F {
        &self.facts
    }
}

impl<'a, F> Context<'a, F> {
    /// The context of `doc`, with the facts of its kind.
    pub fn new(doc: &'a Document, facts: F) -> Context<'a, F> {
        Context { doc, facts }
    }

    /// The facts, taken out of the context.
    pub fn into_facts(self) -> F {
        self.facts
    }

    /// The document's root object (`None` when the root is not an object).
    pub fn root(&self) -> Option<&'a Map<String, Value>> {
        self.doc.value().as_object()
    }

    /// The value at `pointer`.
    pub fn get(&self, pointer: &str) -> Option<&'a Value> {
        self.doc.value().pointer(pointer)
    }

    /// A finding of `check` on the value at `pointer` (the whole document when the pointer
    /// does not resolve).
    pub fn at(&self, check: &Check, pointer: impl Into<String>, message: String) -> Diagnostic {
        let pointer = pointer.into();
        let span = self.doc.locate(&pointer).map(|l| l.value);
        Diagnostic::new(check, pointer, span, message)
    }

    /// A finding of `check` on the key of the member at `pointer` (its value when it is an
    /// array element).
    pub fn at_key(&self, check: &Check, pointer: impl Into<String>, message: String) -> Diagnostic {
        let pointer = pointer.into();
        let span = self.doc.locate(&pointer).map(|l| l.key.unwrap_or(l.value));
        Diagnostic::new(check, pointer, span, message)
    }

    /// A finding of `check` on bytes `range` of the decoded string at `pointer` (e.g. a value
    /// inside a `jsonValue` payload); on the whole value when the range does not fit.
    pub fn in_string(
        &self,
        check: &Check,
        pointer: String,
        range: Range<usize>,
        message: String,
    ) -> Diagnostic {
        let doc = self.doc;
        let span = doc.node(&pointer).map(|(value, node)| {
            // The string's escapes are mapped; its decoded text is the parsed value's.
            let token = node.span();
            let text = value.as_str();
            text.and_then(|text| Decoded::with_text(doc.text(), token, text))
                .filter(|decoded| range.end <= decoded.text.len())
                .map_or(token, |decoded| {
                    decoded.raw_span(Span::new(range.start, range.end))
                })
        });
        Diagnostic::new(check, pointer, span, message)
    }

    /// A finding of `check` on bytes `span` of the document text (one reference inside a
    /// condition or a `jsonValue` payload, as the reference index locates it), reported at the
    /// string token at `pointer`.
    pub fn at_span(&self, check: &Check, pointer: &str, span: Span, message: String) -> Diagnostic {
        Diagnostic::new(check, pointer.to_string(), Some(span), message)
    }

    /// A finding of `check` on the first byte of the document's root value (the opening
    /// brace), for what is wrong with the file as a whole.
    pub fn at_start(&self, check: &Check, message: String) -> Diagnostic {
        let start = self.doc.root().span().start;
        Diagnostic::new(
            check,
            String::new(),
            Some(Span::new(start, start + 1)),
            message,
        )
    }

    /// A fix of the given `applicability` deleting the member or element at `pointer` (with
    /// one adjacent comma); `None` when nothing is there.
    pub fn removal(&self, pointer: &str, applicability: Applicability) -> Option<Fix> {
        let edits = remove_value(self.doc, pointer)?;
        Some(Fix {
            applicability,
            edits,
        })
    }
}
