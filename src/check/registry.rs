//! The registry: every check (E, S, L, P, R, C) in code order, as one slice of one entry type.
//!
//! Each check is declared once, in its own file, as a [`Registered`]: its [`Check`] (code,
//! name, severity, documentation), how it runs, its fix and whether it is opt-in. How it runs
//! is a function of the [`Context`](crate::diagnostic::Context) of the kind of file it checks,
//! so each family names its instance (`Lint`, `ProjectCheck`, `RequestCheck`,
//! `ConnectorCheck`). [`REGISTRY`] lists them all as [`Entry`]s, `Registered<`[`Runner`]`>`:
//! the same entry, its function tagged with the runner that calls it. Everything that asks
//! about checks reads this slice: [`checks`] (`integ checks`), [`find_check`] (`integ
//! explain`, `select`, `ignore` and opt-in in [`CheckOptions`](super::CheckOptions), fix
//! applicability), and the four runners, each taking the entries of its kind of file: the lint
//! runner inside [`check_all`](super::check_all), the project runner
//! [`check_project`](super::project::check_project), and the request and connector runners
//! behind [`check_kind`](super::check_kind).
//!
//! Why a tagged copy rather than the families' own statics: a slice holds one type, and the
//! tag has to name every family's context, so it can only live above them all. It lives here,
//! in `check`, which already imported lint, project, request and connector before there was
//! one registry (for `checks()` and two of the runners); the families import nothing of
//! `check` (`tests/module_tree.rs` forbids the cycle), which is also why every runner lives in
//! `check` and not beside its checks. The copies are made at compile time from the families'
//! statics, so they cannot drift from them. E001, S001 and S002 are found by the engine itself
//! while it parses and validates a file, and are entered as [`Runner::Builtin`].

use super::INVALID_JSON;
use crate::connector::checks::{ConnectorCheck, ConnectorContext};
use crate::diagnostic::{Check, Diagnostic, Registered};
use crate::lint::{Lint, LintContext};
use crate::project::{ProjectCheck, ProjectRun};
use crate::request::checks::{RequestCheck, RequestContext};
use crate::schema::{SCHEMA_VIOLATION, UNKNOWN_FIELD};
use crate::{connector::checks as c, lint as l, project as p, request::checks as r};

/// How a registered check runs: which runner calls it, and with the context of which kind of
/// file.
#[derive(Debug, Clone, Copy)]
pub enum Runner {
    /// Found by the engine while it parses a file (E001) or validates it against the schema
    /// (S001, S002): nothing of its own to run.
    Builtin,
    /// A lint: run on every integration.
    Integration(fn(&LintContext<'_>, &mut Vec<Diagnostic>)),
    /// A project check: run on the related files of the kinds it names.
    Project(ProjectRun),
    /// A check of execute requests.
    Request(fn(&RequestContext<'_>, &mut Vec<Diagnostic>)),
    /// A check of custom connector specs and connection files.
    Connector(fn(&ConnectorContext<'_>, &mut Vec<Diagnostic>)),
}

/// A check in the registry.
pub type Entry = Registered<Runner>;

/// Every check, in code order: E001, S001, S002, the lints, the integrationcli project checks
/// (P), then the checks of execute requests (R) and of connector files (C).
pub static REGISTRY: &[Entry] = &[
    builtin(&INVALID_JSON),
    builtin(&SCHEMA_VIOLATION),
    builtin(&UNKNOWN_FIELD),
    lint(&l::dangling_task_reference::LINT),
    lint(&l::duplicate_task_id::LINT),
    lint(&l::duplicate_variable::LINT),
    lint(&l::undeclared_variable::LINT),
    lint(&l::unused_variable::LINT),
    lint(&l::unreachable_task::LINT),
    lint(&l::error_catcher_start_task_in_flow::LINT),
    lint(&l::empty_enum::LINT),
    lint(&l::duplicate_trigger::LINT),
    lint(&l::dangling_producer::LINT),
    lint(&l::undeclared_config_variable::LINT),
    lint(&l::auth_config_to_reconfigure::LINT),
    lint(&l::trigger_id_mismatch::LINT),
    lint(&l::dangling_error_catcher::LINT),
    lint(&l::parameter_key_mismatch::LINT),
    lint(&l::variable_without_key::LINT),
    lint(&l::ambiguous_reference::LINT),
    lint(&l::unreadable_payload::LINT),
    lint(&l::output_only_field::LINT),
    lint(&l::read_before_set::LINT),
    lint(&l::output_never_set::LINT),
    lint(&l::task_output_before_run::LINT),
    lint(&l::call_contract::LINT),
    lint(&l::masked_value_leak::LINT),
    project(&p::override_matches_nothing::CHECK),
    project(&p::undeclared_config_value::CHECK),
    project(&p::missing_config_value::CHECK),
    project(&p::orphan_config_file::CHECK),
    project(&p::dangling_test_reference::CHECK),
    request(&r::invalid_request_field::CHECK),
    request(&r::invalid_input_value::CHECK),
    request(&r::unknown_request_field::CHECK),
    request(&r::unknown_trigger::CHECK),
    request(&r::undeclared_input::CHECK),
    request(&r::input_type_mismatch::CHECK),
    connector(&c::connector_schema_violation::CHECK),
    connector(&c::connector_unknown_field::CHECK),
    connector(&c::missing_spec_location::CHECK),
    connector(&c::invalid_spec_location::CHECK),
    connector(&c::invalid_connector_version_name::CHECK),
    connector(&c::invalid_service_account::CHECK),
    connector(&c::invalid_connector_details::CHECK),
    connector(&c::missing_config_key::CHECK),
    connector(&c::invalid_destination::CHECK),
    connector(&c::invalid_node_count::CHECK),
    connector(&c::incomplete_auth_config::CHECK),
    connector(&c::placeholder_value::CHECK),
];

/// The entry of a check the engine finds itself, with no fix.
const fn builtin(check: &Check) -> Entry {
    Registered {
        check: *check,
        run: Runner::Builtin,
        fix: None,
        opt_in: false,
    }
}

/// The entry of a lint.
const fn lint(entry: &Lint) -> Entry {
    entry.with_run(Runner::Integration(entry.run))
}

/// The entry of a project check.
const fn project(entry: &ProjectCheck) -> Entry {
    entry.with_run(Runner::Project(entry.run))
}

/// The entry of a request check.
const fn request(entry: &RequestCheck) -> Entry {
    entry.with_run(Runner::Request(entry.run))
}

/// The entry of a connector check.
const fn connector(entry: &ConnectorCheck) -> Entry {
    entry.with_run(Runner::Connector(entry.run))
}

/// Every check, in code order.
pub fn checks() -> impl Iterator<Item = &'static Check> {
    REGISTRY.iter().map(|e| &e.check)
}

/// The check with code or name `code` (case-insensitive code).
pub fn find_check(code: &str) -> Option<&'static Entry> {
    REGISTRY
        .iter()
        .find(|e| e.check.code.eq_ignore_ascii_case(code) || e.check.name == code)
}

/// True when the selector `selector` (code, code prefix, name, or `ALL`) covers `check`.
pub fn selects(selector: &str, check: &Check) -> bool {
    selector == "ALL" || check.code.starts_with(selector) || check.name == selector
}

/// Checks that every selector names at least one check.
pub fn validate_selectors<'a>(
    selectors: impl IntoIterator<Item = &'a String>,
) -> Result<(), String> {
    for s in selectors {
        if !checks().any(|r| selects(s, r)) {
            return Err(format!(
                "unknown check code or name {s:?} (see `integ checks`)"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One registry, one test: every check of every family (E, S, L, P, R, C) has a unique
    /// code and kebab-case name, codes of a family are numbered 1, 2, … in registry order,
    /// and each is documented for `integ explain`.
    #[test]
    fn every_check_is_numbered_named_and_documented() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        let mut next: std::collections::HashMap<char, usize> = Default::default();
        for rule in checks() {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(names.insert(rule.name), "duplicate name {}", rule.name);
            let family = rule.code.chars().next().unwrap();
            let expected = next.entry(family).or_insert(1);
            assert_eq!(
                rule.code,
                format!("{family}{expected:03}"),
                "registry order"
            );
            *expected += 1;
            let kebab = rule
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-');
            assert!(kebab, "{} is not kebab-case", rule.name);
            assert!(!rule.summary.is_empty(), "{} has no summary", rule.code);
            assert!(
                rule.explanation.len() > 100,
                "{} is not explained",
                rule.code
            );
        }
        let families: String = {
            let mut f: Vec<char> = next.keys().copied().collect();
            f.sort();
            f.into_iter().collect()
        };
        assert_eq!(families, "CELPRS");
    }

    #[test]
    fn fixes_are_documented_project_checks_read_some_kind_and_l019_is_opt_in() {
        for entry in REGISTRY {
            if entry.fix.is_some() {
                assert!(
                    entry.check.explanation.contains("--fix"),
                    "{} has a fix its documentation does not mention",
                    entry.check.code
                );
            }
            if let Runner::Project(run) = entry.run {
                assert!(!run.kinds.is_empty(), "{} reads no kind", entry.check.code);
            }
        }
        let opt_in = |code| find_check(code).is_some_and(|e| e.opt_in);
        assert!(opt_in("L019") && !opt_in("L001") && !opt_in("X"));
    }
}
