//! Semantic lints: checks the schema cannot express (graph, references, naming).
//!
//! Each lint lives in its own file with its documentation and tests, and is one [`Lint`] in
//! the registry of every check (`crate::check::registry`), which also runs them. A lint reads a [`LintContext`] (the document, and as [`LintFacts`] its typed
//! model and its [`ReferenceIndex`], the one reading of its references that rename and diff
//! use too) and pushes [`Diagnostic`]s, each with the [`Fix`](crate::diagnostic::Fix)
//! `integ check --fix` may apply when it has one; it never prints and never fails.

pub(crate) mod ambiguous_reference;
pub(crate) mod auth_config_to_reconfigure;
pub(crate) mod call_contract;
pub mod calls;
pub(crate) mod dangling_error_catcher;
pub(crate) mod dangling_producer;
pub(crate) mod dangling_task_reference;
pub(crate) mod duplicate_task_id;
pub(crate) mod duplicate_trigger;
pub(crate) mod duplicate_variable;
pub(crate) mod empty_enum;
pub(crate) mod error_catcher_start_task_in_flow;
pub(crate) mod flow;
pub(crate) mod graph;
pub(crate) mod masked_value_leak;
pub(crate) mod output_never_set;
pub(crate) mod output_only_field;
pub(crate) mod parameter_key_mismatch;
pub(crate) mod read_before_set;
pub(crate) mod task_output_before_run;
pub(crate) mod trigger_id_mismatch;
pub(crate) mod undeclared_config_variable;
pub(crate) mod undeclared_variable;
pub(crate) mod unreachable_task;
pub(crate) mod unreadable_payload;
pub(crate) mod unused_variable;
pub(crate) mod variable_without_key;
pub(crate) mod variables;

/// A hash map for lints: small and short-lived, keyed by the names of one file, where a fast
/// seeded hash (foldhash) beats SipHash, whose flood resistance a local file does not need.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set for lints (see [`FastMap`]).
pub(crate) type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

use std::cell::OnceCell;

use calls::CallClaim;
use flow::Flow;
use graph::TaskGraph;
use variables::Declared;

use crate::diagnostic::{Context, Diagnostic, Registered};
use crate::model::IntegrationVersion;
use crate::references::ReferenceIndex;

/// A lint: its code and documentation, the function that checks an integration, and its fix.
pub type Lint = Registered<fn(&LintContext<'_>, &mut Vec<Diagnostic>)>;

/// What a lint sees of one file: the integration document and these facts of it.
pub type LintContext<'a> = Context<'a, LintFacts<'a>>;

/// What a lint knows of an integration besides its document.
pub struct LintFacts<'a> {
    /// Its typed view.
    pub model: &'a IntegrationVersion<'a>,
    /// Every reference in it.
    pub references: &'a ReferenceIndex,
    /// The flow facts, read once for the lints that need them.
    flow: OnceCell<Flow<'a>>,
    /// The declared names, read once.
    declared: OnceCell<Declared<'a>>,
    /// The calls to this file's own triggers and to other integrations, read once.
    claims: OnceCell<(Vec<CallClaim>, Vec<CallClaim>)>,
}

impl<'a> LintFacts<'a> {
    /// The facts of the integration `model`, whose references are `references`.
    pub fn new(model: &'a IntegrationVersion, references: &'a ReferenceIndex) -> LintFacts<'a> {
        LintFacts {
            model,
            references,
            flow: OnceCell::new(),
            declared: OnceCell::new(),
            claims: OnceCell::new(),
        }
    }
}

impl<'a> Context<'a, LintFacts<'a>> {
    /// The names the file declares (read on first use).
    pub(crate) fn declared(&self) -> &Declared<'a> {
        self.declared.get_or_init(|| Declared::new(self.model))
    }

    /// The task graph (built on first use, with the flow facts).
    fn graph(&self) -> &TaskGraph<'a> {
        &self.flow().graph
    }

    /// The file's calls: to its own triggers, and to other integrations (read on first use).
    pub(crate) fn claims(&self) -> &(Vec<CallClaim>, Vec<CallClaim>) {
        self.claims.get_or_init(|| calls::claims(self))
    }

    /// The file's calls to other integrations, taken out of the context.
    pub(crate) fn into_calls(self) -> Vec<CallClaim> {
        self.claims();
        self.into_facts()
            .claims
            .take()
            .map(|(_, calls)| calls)
            .unwrap_or_default()
    }

    /// The reads, writes and task order of the file (built on first use).
    pub(crate) fn flow(&self) -> &Flow<'a> {
        self.flow
            .get_or_init(|| Flow::new(self.doc, self.model, self.references))
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one lint on a JSON text, for the unit tests of each lint.

    use super::*;
    use crate::document::Document;

    /// The findings of `lint` on `text`.
    pub fn diagnostics(lint: &Lint, text: &str) -> (Document, Vec<Diagnostic>) {
        let doc = Document::parse(text).expect("test input is JSON");
        let model = IntegrationVersion::from_document(&doc).expect("test input reads as a model");
        let references = ReferenceIndex::build(&doc);
        let ctx = Context::new(&doc, LintFacts::new(&model, &references));
        let mut out = Vec::new();
        (lint.run)(&ctx, &mut out);
        (doc, out)
    }

    /// The findings of `lint` on `text`, as `(pointer, message)`.
    pub fn findings(lint: &Lint, text: &str) -> Vec<(String, String)> {
        let (_, out) = diagnostics(lint, text);
        crate::diagnostic::testing::pointer_messages(&lint.check, out)
    }

    /// The pointers of the findings of `lint` on `text`.
    pub fn pointers(lint: &Lint, text: &str) -> Vec<String> {
        findings(lint, text).into_iter().map(|(p, _)| p).collect()
    }
}
