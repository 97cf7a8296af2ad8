//! `integ check`: validate files against the API schema and the lints.

mod calls;
mod collect;
mod fix;
mod stream;
mod totals;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::input::WalkArgs;
use super::input::read_one;
use super::projects;
use super::{ExitStatus, Output};
use crate::check::config::{Config, IgnoreEntry};
use crate::check::policy::FailPolicy;
use crate::check::{
    CheckContext, CheckOptions, FileReport, INVALID_JSON, check_bytes_in, validate_selectors,
};
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::fix::keep_applicable;
use crate::kind::{self, FileKind};
use crate::model::IntegrationVersion;
use crate::render::{self, FileResult};
use crate::source::SourceFile;
use crate::walk::Input;

/// Output formats of `integ check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Findings with source snippets and a summary line.
    Human,
    /// One JSON document: diagnostics and a summary.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions annotations (`::error file=…::…`).
    Github,
    /// JUnit XML, one test case per file.
    Junit,
}

/// Arguments of `integ check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders (recursing into *.json); `-` reads stdin.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(super) walk: WalkArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also report keys the API schema does not define (S002, C002), as errors.
    #[arg(long)]
    strict: bool,
    /// Report only these rules: codes, prefixes (`L`, `S`) or names, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// Do not report these rules (added to `integ.toml`'s `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// Exit 0 even when findings fail the run (usage and I/O errors still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// The least severity that fails the run (exit 1).
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Also fail the run when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Apply the fixes of the findings (marked [*]), write the files, then report what is
    /// left. Safe fixes only, unless --unsafe-fixes.
    #[arg(long)]
    fix: bool,
    /// Also apply (and mark as fixable) the unsafe fixes: removals of declarations or entries
    /// that may still be wanted.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Write nothing; print the diff --fix would make and exit 1 if it would change anything.
    #[arg(long)]
    diff: bool,
    /// Use this configuration file instead of the nearest `integ.toml` above each file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The path to report findings of standard input (`-`) under, and to find its `integ.toml`
    /// and per-file ignores by (editors and hooks that pipe a buffer).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// List every file skipped as JSON of no kind integ checks (files named on the command line
    /// are always reported).
    #[arg(short, long)]
    verbose: bool,
    /// Check execute requests and test configurations against this integration: the trigger
    /// exists, inputs are declared inputs, values have the declared types (R004–R006).
    #[arg(long, value_name = "FILE")]
    integration: Option<PathBuf>,
}

/// `--fail-on`: the least severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Errors only (the default).
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
}

impl CheckArgs {
    /// When findings fail the run; `None` under `--exit-zero`.
    fn fail_policy(&self) -> Option<FailPolicy> {
        let fail_on = match self.fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        };
        (!self.exit_zero).then_some(FailPolicy {
            fail_on,
            max_warnings: self.max_warnings,
        })
    }
}

/// The configuration of each input, loaded once per `integ.toml`.
struct Configs {
    by_input: Vec<Arc<Config>>,
    loaded: Vec<Arc<Config>>,
}

fn load_configs(args: &CheckArgs, inputs: &[Input]) -> Result<Configs> {
    if let Some(path) = &args.config {
        let config = Arc::new(Config::load(path)?);
        return Ok(Configs {
            by_input: vec![config.clone(); inputs.len()],
            loaded: vec![config],
        });
    }
    let default = Arc::new(Config::default());
    let mut by_path: HashMap<PathBuf, Arc<Config>> = HashMap::new();
    let mut by_dir: HashMap<PathBuf, Arc<Config>> = HashMap::new();
    let mut by_input = Vec::with_capacity(inputs.len());
    for input in inputs {
        let dir = match input {
            Input::Stdin => match args.stdin_filename.as_deref().and_then(Path::parent) {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            },
            Input::File(path) => match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            },
        };
        if let Some(config) = by_dir.get(&dir) {
            by_input.push(config.clone());
            continue;
        }
        let config = match Config::find(&dir) {
            Some(path) => match by_path.get(&path) {
                Some(config) => config.clone(),
                None => {
                    let config = Arc::new(Config::load(&path)?);
                    by_path.insert(path, config.clone());
                    config
                }
            },
            None => default.clone(),
        };
        by_dir.insert(dir, config.clone());
        by_input.push(config);
    }
    let mut loaded: Vec<Arc<Config>> = by_path.into_values().collect();
    loaded.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Configs { by_input, loaded })
}

/// What checking one input produced.
struct Outcome {
    report: FileReport,
    /// The human or GitHub output of the findings, rendered while the text was at hand (the
    /// text itself is then dropped, so memory does not grow with the batch); `None` when it
    /// must be rendered again because findings were added later.
    rendered: Option<String>,
    /// Ignore entries that suppressed a finding of this file.
    used: Vec<IgnoreEntry>,
    /// Per-file ignore entries whose pattern matched this file.
    matched: Vec<IgnoreEntry>,
    /// Fixes left out of the findings because only `--unsafe-fixes` applies them.
    hidden_fixes: usize,
}

/// Checks one input and, for the human and GitHub formats, renders its findings while the text
/// is at hand. The text is then dropped: no format needs it later (findings added afterwards
/// read the file again), and keeping it would make memory grow with the batch.
fn check_input(
    input: &Input,
    config: &Config,
    args: &CheckArgs,
    integration: Option<&IntegrationVersion>,
    color: bool,
) -> Result<Outcome> {
    let (path, bytes) = input.read()?;
    let path = match (input, &args.stdin_filename) {
        (Input::Stdin, Some(name)) => name.clone(),
        _ => path,
    };
    let ctx = CheckContext {
        strict: args.strict || config.strict,
        integration,
    };
    let mut report = check_bytes_in(&path, bytes, &ctx);
    let used = config.used_entries(&path, &report.diagnostics);
    let matched = match (input, &args.stdin_filename) {
        (Input::Stdin, None) => Vec::new(),
        _ => config
            .per_file_entries(&path)
            .into_iter()
            .cloned()
            .collect(),
    };
    options(config, args, &path).apply(&mut report.diagnostics);
    let hidden_fixes = keep_applicable(&mut report.diagnostics, args.unsafe_fixes);
    let rendered = matches!(args.format, Format::Human | Format::Github)
        .then(|| render_now(&report, args.format, color));
    report.text = String::new();
    Ok(Outcome {
        report,
        rendered,
        used,
        matched,
        hidden_fixes,
    })
}

/// True when `report` is of an integration that could be read (not skipped, not E001).
fn is_checked_integration(report: &FileReport) -> bool {
    report.kind == FileKind::Integration
        && report.skipped.is_none()
        && !report
            .diagnostics
            .iter()
            .any(|d| d.code == INVALID_JSON.code)
}

/// The options for `path`: its configuration, then `--strict`, `--select` and `--ignore`.
fn options(config: &Config, args: &CheckArgs, path: &Path) -> CheckOptions {
    let mut options = config.options_for(path);
    options.strict |= args.strict;
    if !args.select.is_empty() {
        options.select = args.select.clone();
    }
    options.ignore.extend(args.ignore.iter().cloned());
    options
}

pub(super) fn run(args: CheckArgs, out: &mut Output) -> Result<ExitStatus> {
    validate_selectors(args.select.iter().chain(&args.ignore)).map_err(Error::Usage)?;
    let integration_file = args.integration.as_deref().map(read_one).transpose()?;
    let integration = match (&args.integration, &integration_file) {
        (Some(path), Some(file)) => Some(integration_of(path, file)?),
        _ => None,
    };
    // The schema compiles on a worker while the paths are searched and read.
    let strict = args.strict;
    rayon::spawn(move || crate::schema::prepare(strict));
    let mut inputs = args.walk.collect(&args.paths, out)?;
    let mut configs = load_configs(&args, &inputs)?;
    if args.fix || args.diff {
        if let Some(status) = fix::run(&args, &inputs, &configs, out)? {
            return Ok(status);
        }
        // Then report what is left in the files (standard input was printed fixed).
        (inputs, configs) = fix::without_stdin(inputs, configs);
        if inputs.is_empty() {
            return Ok(ExitStatus::Success);
        }
    }
    let layout = projects::layout(&inputs);
    match args.format {
        Format::Human | Format::Github if layout.projects.is_empty() => {
            stream::run(&args, inputs, configs, integration.as_ref(), out)
        }
        _ => collect::run(&args, inputs, configs, layout, integration.as_ref(), out),
    }
}

/// The human or GitHub output for one file's findings, rendered while its text is at hand.
fn render_now(report: &FileReport, format: Format, color: bool) -> String {
    if report.skipped.is_some() || report.diagnostics.is_empty() {
        return String::new();
    }
    match format {
        Format::Github => render::github(&[FileResult {
            path: report.path.clone(),
            text: report.text.clone(),
            diagnostics: report.diagnostics.clone(),
        }]),
        _ => render::human_file(&report.path, &report.text, &report.diagnostics, color),
    }
}

/// The typed view of the `--integration` file, read from `path`: it must be an integration
/// (or an envelope around one).
fn integration_of<'a>(path: &Path, file: &'a SourceFile) -> Result<IntegrationVersion<'a>> {
    let doc = file.document();
    if kind::detect(doc.value()) != FileKind::Integration {
        return Err(Error::Usage(format!(
            "{}: --integration must be an integration file; this is {}",
            path.display(),
            a_kind(kind::detect(doc.value()))
        )));
    }
    IntegrationVersion::from_document(doc).map_err(|e| {
        Error::Usage(format!(
            "{}: cannot read the integration: {e} (`integ check {}` shows where)",
            path.display(),
            path.display()
        ))
    })
}

fn a_kind(kind: FileKind) -> String {
    let name = kind.describe();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}
