//! `integ check`'s engine: schema validation and lints over one file, with positions.
//!
//! [`check_document`] is the validation gate other commands call on a parsed (possibly edited)
//! file; [`check_bytes`] is what `integ check` runs per path: it also turns text that is not
//! JSON into an E001 finding instead of an error, recognises the kind of each file
//! ([`kind::detect`]: integration, execute request, custom connector spec, connection) and
//! skips JSON of any other kind.

pub mod calls;
pub mod config;
pub mod policy;
pub mod project;
pub mod registry;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::connector::checks::ConnectorFacts;
use crate::diagnostic::{Check, Context, Diagnostic, Severity};
use crate::error::Error;
use crate::kind::{self, FileKind};
use crate::lint::{self, LintFacts};
use crate::model::IntegrationVersion;
use crate::references::ReferenceIndex;
use crate::request::checks::RequestFacts;
use crate::source::SourceFile;
use calls::RunFacts;
use registry::{REGISTRY, Runner};

pub use registry::{checks, find_check, selects, validate_selectors};

/// E001.
pub static INVALID_JSON: Check = Check {
    code: "E001",
    name: "invalid-json",
    severity: Severity::Error,
    summary: "the file is not valid JSON (or not UTF-8), with the position of the first error",
    explanation: "\
## What it does
Reports a file that cannot be parsed: a syntax error (a missing comma, a trailing comma, an
unescaped newline in a string, a comment), a duplicate key, text that is not UTF-8, or an
envelope (`{\"content\": \"…\"}`) whose content string is not valid JSON. The position is that of
the first error.

## Why is this bad?
Nothing else can be checked, and the API refuses the file.

## How to fix
Fix the text at the position shown. `integ fmt` can reprint a file once it parses.
",
};

/// Which findings to report and how seriously (from the command line and `integ.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// Validate with every object closed to unknown keys: enables S002 and C002, and makes
    /// them errors (as kubeconform's strict mode fails on them) unless `severity` says
    /// otherwise.
    pub strict: bool,
    /// Codes, code prefixes (`L`, `L00`) or names to report; empty means all (but the opt-in
    /// rules, which only a selector naming them turns on).
    pub select: Vec<String>,
    /// Codes, prefixes or names not to report.
    pub ignore: Vec<String>,
    /// Severity per code, replacing the default.
    pub severity: BTreeMap<String, Severity>,
}

/// The rules `strict` turns into errors: unknown keys, which strict mode exists to fail on.
pub const STRICT_ERRORS: &[&str] = &["S002", "C002"];

impl CheckOptions {
    /// True when findings of `code` are reported.
    pub fn enabled(&self, code: &str) -> bool {
        let Some(entry) = find_check(code) else {
            return true;
        };
        let rule = &entry.check;
        let selected = if entry.opt_in {
            self.select.iter().any(|s| s == rule.code || s == rule.name)
        } else {
            self.select.is_empty() || self.select.iter().any(|s| selects(s, rule))
        };
        selected && !self.ignore.iter().any(|s| selects(s, rule))
    }

    /// The severity of findings of `code` whose rule says `default`.
    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        match self.severity.get(code) {
            Some(&severity) => severity,
            None if self.strict && STRICT_ERRORS.contains(&code) => Severity::Error,
            None => default,
        }
    }

    /// Drops the findings that are not enabled and applies severity overrides.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain(|d| self.enabled(d.code));
        for d in diagnostics.iter_mut() {
            d.severity = self.severity_of(d.code, d.severity);
        }
    }
}

/// Runs the schema and every lint on `file`, with no filtering: S002 only when `strict`.
/// Findings are located in the file and sorted.
pub fn check_all(file: &SourceFile, strict: bool) -> Vec<Diagnostic> {
    check_indexed(file, &ReferenceIndex::build(file.document()), strict)
}

/// [`check_all`] with the file's reference index already built (the rename gate has it).
pub fn check_indexed(
    file: &SourceFile,
    references: &ReferenceIndex,
    strict: bool,
) -> Vec<Diagnostic> {
    check_integration(file, references, strict, false).0
}

/// [`check_indexed`], and with `facts` what the file shares with the other files of a run
/// (its interface and its calls to other integrations, located in `file`).
fn check_integration(
    file: &SourceFile,
    references: &ReferenceIndex,
    strict: bool,
    facts: bool,
) -> (Vec<Diagnostic>, Option<RunFacts>) {
    let doc = file.document();
    let mut out = Vec::new();
    let mut shared = None;
    crate::schema::validate(doc, strict, &mut out);
    match IntegrationVersion::from_document(doc) {
        Ok(model) => {
            let ctx = Context::new(doc, LintFacts::new(&model, references));
            for entry in REGISTRY {
                if let Runner::Integration(run) = entry.run {
                    run(&ctx, &mut out);
                }
            }
            if facts {
                let mut calls = ctx.into_calls();
                for e in calls.iter_mut().flat_map(|c| &mut c.expectations) {
                    e.finding.locate(file);
                }
                shared = Some(RunFacts::new(
                    lint::calls::Interface::outline(&model),
                    calls,
                ));
            }
        }
        Err(e)
            if !out
                .iter()
                .any(|d| d.code == crate::schema::SCHEMA_VIOLATION.code) =>
        {
            let message = format!("cannot read the file as an integration: {e}");
            let span = Some(doc.root().span());
            out.push(Diagnostic::new(
                &crate::schema::SCHEMA_VIOLATION,
                String::new(),
                span,
                message,
            ));
        }
        Err(_) => {}
    }
    Diagnostic::finish(&mut out, file);
    (out, shared)
}

/// The validation gate: schema and lints on `file` (an integration, or an envelope around
/// one), filtered and re-graded by `options`, sorted by position.
pub fn check_document(file: &SourceFile, options: &CheckOptions) -> Vec<Diagnostic> {
    let mut diagnostics = check_all(file, options.strict);
    options.apply(&mut diagnostics);
    diagnostics
}

/// What a check run knows besides each file.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckContext<'a> {
    /// Report unknown keys too (S002, C002).
    pub strict: bool,
    /// The integration execute requests are checked against (`--integration`).
    pub integration: Option<&'a IntegrationVersion<'a>>,
}

/// Checks `file` as a file of kind `kind`, with no filtering; findings located and sorted.
/// The request and connector runners: each runs the registry's entries of its kind.
/// [`FileKind::Other`] has no checks.
pub fn check_kind(file: &SourceFile, kind: FileKind, ctx: &CheckContext<'_>) -> Vec<Diagnostic> {
    let doc = file.document();
    let mut out = Vec::new();
    match kind {
        FileKind::Integration => return check_all(file, ctx.strict),
        FileKind::ExecuteRequest => {
            let integration = ctx.integration;
            let ctx = Context::new(doc, RequestFacts { integration });
            for entry in REGISTRY {
                if let Runner::Request(run) = entry.run {
                    run(&ctx, &mut out);
                }
            }
        }
        FileKind::CustomConnectorSpec | FileKind::Connection => {
            let strict = ctx.strict;
            let ctx = Context::new(doc, ConnectorFacts { kind, strict });
            for entry in REGISTRY {
                if let Runner::Connector(run) = entry.run {
                    run(&ctx, &mut out);
                }
            }
        }
        // The project kinds are known by place, not shape; the project rules check them.
        FileKind::Other
        | FileKind::Overrides
        | FileKind::ConfigVariables
        | FileKind::TestCase
        | FileKind::TestConfig => {}
    }
    Diagnostic::finish(&mut out, file);
    out
}

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// Its text (lossy for non-UTF-8 files), for snippets; empty when there is no finding.
    pub text: String,
    /// Findings, unfiltered, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// When the file is JSON of no kind integ checks, so nothing was checked: what it is
    /// instead (see [`kind::describe_other`]).
    pub skipped: Option<&'static str>,
    /// The kind the file was read as ([`FileKind::Other`] for text that is not JSON).
    pub kind: FileKind,
    /// For an integration, what it shares with the other files of the run ([`calls`]).
    pub facts: Option<RunFacts>,
}

/// Checks the bytes of `path` with no filtering. Text that is not JSON (or not UTF-8) gives an
/// E001 finding.
pub fn check_bytes(path: &Path, bytes: Vec<u8>, strict: bool) -> FileReport {
    check_bytes_in(
        path,
        bytes,
        &CheckContext {
            strict,
            integration: None,
        },
    )
}

/// [`check_bytes`] with a context: execute requests are checked against `ctx.integration`.
pub fn check_bytes_in(path: &Path, bytes: Vec<u8>, ctx: &CheckContext<'_>) -> FileReport {
    let invalid = |line, column, message: String| Diagnostic {
        line,
        column,
        end_line: line,
        end_column: column + 1,
        ..Diagnostic::new(&INVALID_JSON, String::new(), None, message)
    };
    let report = |text: String, diagnostic: Diagnostic| FileReport {
        path: path.to_path_buf(),
        text,
        diagnostics: vec![diagnostic],
        skipped: None,
        kind: FileKind::Other,
        facts: None,
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let (line, column, message) = match crate::source::decode_utf8(path, e.into_bytes()) {
                Err(Error::NotUtf8 {
                    line, column, byte, ..
                }) => (
                    line,
                    column,
                    format!("invalid UTF-8 (byte 0x{byte:02x}); JSON text must be UTF-8"),
                ),
                Err(other) => (1, 1, other.to_string()),
                Ok(_) => unreachable!("from_utf8 failed on the same bytes"),
            };
            return report(lossy, invalid(line, column, message));
        }
    };
    let file = match SourceFile::from_text_or_return(path, text) {
        Ok(file) => file,
        Err((
            Error::Syntax {
                line,
                column,
                message,
                ..
            },
            text,
        )) => {
            return report(
                text,
                invalid(line, column, format!("invalid JSON: {message}")),
            );
        }
        Err((other, text)) => return report(text, invalid(1, 1, other.to_string())),
    };
    let kind = kind::detect(file.document().value());
    let skipped = (kind == FileKind::Other).then(|| kind::describe_other(file.document().value()));
    let (diagnostics, facts) = match kind {
        FileKind::Integration => {
            let references = ReferenceIndex::build(file.document());
            check_integration(&file, &references, ctx.strict, true)
        }
        _ => (check_kind(&file, kind, ctx), None),
    };
    // The text is only needed for snippets of findings: it is moved out of the file (whose
    // parsed value is dropped), and clean files keep none.
    let text = if diagnostics.is_empty() {
        String::new()
    } else {
        file.into_text()
    };
    FileReport {
        path: path.to_path_buf(),
        text,
        diagnostics,
        skipped,
        kind,
        facts,
    }
}
