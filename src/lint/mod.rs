//! Semantic lints: checks the schema cannot express (graph, references, naming).
//!
//! Each lint lives in its own file with its documentation and tests, and is one [`Lint`] in
//! [`LINTS`]. A lint reads a [`LintContext`] (the document, and as [`LintFacts`] its typed
//! model and its [`ReferenceIndex`], the one reading of its references that rename and diff
//! use too) and pushes [`Diagnostic`]s, each with the [`Fix`](crate::diagnostic::Fix)
//! `integ check --fix` may apply when it has one; it never prints and never fails.

mod ambiguous_reference;
mod auth_config_to_reconfigure;
mod call_contract;
pub mod calls;
mod dangling_error_catcher;
mod dangling_producer;
mod dangling_task_reference;
mod duplicate_task_id;
mod duplicate_trigger;
mod duplicate_variable;
mod empty_enum;
mod error_catcher_start_task_in_flow;
pub(crate) mod flow;
mod graph;
mod masked_value_leak;
mod output_never_set;
mod output_only_field;
mod parameter_key_mismatch;
mod read_before_set;
mod task_output_before_run;
mod trigger_id_mismatch;
mod undeclared_config_variable;
mod undeclared_variable;
mod unreachable_task;
mod unreadable_payload;
mod unused_variable;
mod variable_without_key;
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

/// Every lint, in code order.
pub static LINTS: &[&Lint] = &[
    &dangling_task_reference::LINT,
    &duplicate_task_id::LINT,
    &duplicate_variable::LINT,
    &undeclared_variable::LINT,
    &unused_variable::LINT,
    &unreachable_task::LINT,
    &error_catcher_start_task_in_flow::LINT,
    &empty_enum::LINT,
    &duplicate_trigger::LINT,
    &dangling_producer::LINT,
    &undeclared_config_variable::LINT,
    &auth_config_to_reconfigure::LINT,
    &trigger_id_mismatch::LINT,
    &dangling_error_catcher::LINT,
    &parameter_key_mismatch::LINT,
    &variable_without_key::LINT,
    &ambiguous_reference::LINT,
    &unreadable_payload::LINT,
    &output_only_field::LINT,
    &read_before_set::LINT,
    &output_never_set::LINT,
    &task_output_before_run::LINT,
    &call_contract::LINT,
    &masked_value_leak::LINT,
];

/// True when `code` is a lint reported only when selected by code or name
/// ([`Registered::opt_in`]).
pub fn is_opt_in(code: &str) -> bool {
    LINTS.iter().any(|l| l.opt_in && l.check.code == code)
}

/// What a lint sees of one file: the integration document and these facts of it.
pub type LintContext<'a> = Context<'a, LintFacts<'a>>;

/// What a lint knows of an integration besides its document.
pub struct LintFacts<'a> {
    /// Its typed view.
    pub model: &'a IntegrationVersion,
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

/// Runs every lint on `ctx`.
pub fn run(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for lint in LINTS {
        (lint.run)(ctx, out);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_are_documented_and_l019_is_opt_in() {
        // Codes, names and documentation of every check: `check::tests`.
        for lint in LINTS {
            if lint.fix.is_some() {
                assert!(
                    lint.check.explanation.contains("--fix"),
                    "{} has a fix its documentation does not mention",
                    lint.check.code
                );
            }
        }
        assert!(is_opt_in("L019") && !is_opt_in("L001") && !is_opt_in("X"));
    }
}
