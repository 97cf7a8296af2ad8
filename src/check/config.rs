//! `integ.toml`: which findings `integ check` reports, per project and per file.
//!
//! JSON has no comments, so suppressions live beside the files instead:
//!
//! ```toml
//! [check]
//! strict = false                 # also report unknown keys (S002)
//! select = ["E", "S", "L"]       # codes, code prefixes or names; default: all
//! ignore = ["L012"]
//!
//! [check.severity]               # override a check's default severity
//! L005 = "error"
//!
//! [check.per-file-ignores]       # glob (relative to this file's folder) = codes
//! "legacy/**/*.json" = ["L006", "unused-variable"]
//! ```
//!
//! A file's configuration is the `integ.toml` nearest above it. Entries of `ignore` and
//! `per-file-ignores` that suppress nothing are reported by `integ check`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{CheckOptions, validate_selectors};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LineIndex;
use crate::error::{Error, Result};

/// The file name looked for.
pub const CONFIG_FILE: &str = "integ.toml";

#[derive(Debug, Default, Deserialize)]
struct RawFile {
    #[serde(default)]
    check: RawCheck,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCheck {
    strict: Option<bool>,
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<Spanned<String>>>,
}

/// One ignore entry, remembered so an unused one can be reported with its position.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IgnoreEntry {
    /// The `integ.toml` it comes from.
    pub file: PathBuf,
    /// The glob, for per-file entries.
    pub pattern: Option<String>,
    /// The code, prefix or name ignored.
    pub selector: String,
    /// 1-based line and column of the entry in `integ.toml`.
    pub line: usize,
    /// Column.
    pub column: usize,
}

/// A loaded `integ.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file (empty for the default configuration).
    pub path: PathBuf,
    /// Its folder: per-file patterns are relative to it.
    pub dir: PathBuf,
    /// `strict`.
    pub strict: bool,
    /// `select`; empty means all.
    pub select: Vec<String>,
    /// `ignore`.
    pub ignore: Vec<IgnoreEntry>,
    /// `per-file-ignores`, flattened to one entry per code.
    pub per_file_ignores: Vec<IgnoreEntry>,
    /// `[check.severity]`, by code.
    pub severity: BTreeMap<String, Severity>,
}

impl Config {
    /// Reads and validates the configuration file `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::parse(path, &text)
    }

    /// Parses `text` as the content of `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let lines = LineIndex::new(text);
        let at = |span: Range<usize>| lines.line_col(text, span.start);
        let fail = |span: Option<Range<usize>>, message: String| {
            let (line, column) = span.map_or((1, 1), &at);
            Error::Usage(format!("{}:{line}:{column}: {message}", path.display()))
        };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| fail(e.span(), e.message().to_string()))?;
        let raw = raw.check;
        let entry = |pattern: Option<&str>, s: &Spanned<String>| -> Result<IgnoreEntry> {
            validate_selectors([s.get_ref()]).map_err(|m| fail(Some(s.span()), m))?;
            let (line, column) = at(s.span());
            Ok(IgnoreEntry {
                file: path.to_path_buf(),
                pattern: pattern.map(str::to_string),
                selector: s.get_ref().clone(),
                line,
                column,
            })
        };
        let mut select = Vec::new();
        for s in raw.select.iter().flatten() {
            validate_selectors([s.get_ref()]).map_err(|m| fail(Some(s.span()), m))?;
            select.push(s.get_ref().clone());
        }
        let ignore = raw
            .ignore
            .iter()
            .map(|s| entry(None, s))
            .collect::<Result<_>>()?;
        let mut per_file_ignores = Vec::new();
        for (pattern, codes) in &raw.per_file_ignores {
            for code in codes {
                per_file_ignores.push(entry(Some(pattern), code)?);
            }
        }
        let mut severity = BTreeMap::new();
        for (code, level) in &raw.severity {
            let rule = super::find_check(code).ok_or_else(|| {
                fail(
                    Some(level.span()),
                    format!("unknown check {code:?} in [check.severity]"),
                )
            })?;
            let level: Severity = level
                .get_ref()
                .parse()
                .map_err(|m| fail(Some(level.span()), m))?;
            severity.insert(rule.check.code.to_string(), level);
        }
        Ok(Config {
            path: path.to_path_buf(),
            dir: path.parent().unwrap_or(Path::new("")).to_path_buf(),
            strict: raw.strict.unwrap_or(false),
            select,
            ignore,
            per_file_ignores,
            severity,
        })
    }

    /// The nearest `integ.toml` in `dir` or a folder above it.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        dir.ancestors()
            .map(|d| d.join(CONFIG_FILE))
            .find(|p| p.is_file())
    }

    /// The per-file entries whose pattern matches `file`.
    pub fn per_file_entries(&self, file: &Path) -> Vec<&IgnoreEntry> {
        if self.per_file_ignores.is_empty() {
            // Most runs have no per-file ignores: skip resolving the path (two syscalls a file).
            return Vec::new();
        }
        let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = std::fs::canonicalize(&self.dir).unwrap_or_else(|_| self.dir.clone());
        let relative = absolute.strip_prefix(&dir).unwrap_or(&absolute);
        let relative = relative.to_string_lossy().replace('\\', "/");
        let name = absolute
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.per_file_ignores
            .iter()
            .filter(|e| {
                let pattern = e.pattern.as_deref().unwrap_or_default();
                let subject = if pattern.contains('/') {
                    &relative
                } else {
                    &name
                };
                glob_match(pattern.trim_start_matches("./"), subject)
            })
            .collect()
    }

    /// The options for `file`: this configuration plus its per-file ignores.
    pub fn options_for(&self, file: &Path) -> CheckOptions {
        let mut ignore: Vec<String> = self.ignore.iter().map(|e| e.selector.clone()).collect();
        ignore.extend(
            self.per_file_entries(file)
                .into_iter()
                .map(|e| e.selector.clone()),
        );
        CheckOptions {
            strict: self.strict,
            select: self.select.clone(),
            ignore,
            severity: self.severity.clone(),
        }
    }

    /// The ignore entries (global and per-file) that suppress one of `diagnostics` of `file`
    /// (its unfiltered findings).
    pub fn used_entries(&self, file: &Path, diagnostics: &[Diagnostic]) -> Vec<IgnoreEntry> {
        let covers = |entry: &IgnoreEntry| {
            diagnostics.iter().any(|d| {
                super::find_check(d.code).is_some_and(|r| super::selects(&entry.selector, &r.check))
            })
        };
        self.ignore
            .iter()
            .chain(self.per_file_entries(file))
            .filter(|e| covers(e))
            .cloned()
            .collect()
    }
}

/// Matches `text` against a glob with `*` (within a path segment), `**` (any number of
/// segments) and `?`.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
                (0..=t.len()).any(|i| (i == 0 || t[i - 1] == b'/') && go(rest, &t[i..]))
                    || go(&p[2..], t)
            }
            Some(b'*') => (0..=t.len())
                .take_while(|&i| i == 0 || t[i - 1] != b'/')
                .any(|i| go(&p[1..], &t[i..])),
            Some(b'?') => !t.is_empty() && t[0] != b'/' && go(&p[1..], &t[1..]),
            Some(&c) => t.first() == Some(&c) && go(&p[1..], &t[1..]),
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_setting() {
        let text = r#"
[check]
strict = true
select = ["L", "S001"]
ignore = ["L012"]

[check.severity]
L005 = "error"
unreachable-task = "warning"

[check.per-file-ignores]
"legacy/**/*.json" = ["L006", "unused-variable"]
"#;
        let config = Config::parse(Path::new("/p/integ.toml"), text).unwrap();
        assert!(config.strict);
        assert_eq!(config.select, ["L", "S001"]);
        assert_eq!(config.ignore[0].selector, "L012");
        assert_eq!((config.ignore[0].line, config.ignore[0].column), (5, 11));
        assert_eq!(config.severity["L005"], Severity::Error);
        assert_eq!(config.severity["L006"], Severity::Warning);
        assert_eq!(config.per_file_ignores.len(), 2);
        assert_eq!(config.dir, Path::new("/p"));
        let options = config.options_for(Path::new("/p/legacy/a/b.json"));
        assert_eq!(options.ignore, ["L012", "L006", "unused-variable"]);
        assert!(!options.enabled("L006") && !options.enabled("L005") && options.enabled("L001"));
        let other = config.options_for(Path::new("/p/src/b.json"));
        assert!(other.enabled("L006") && !other.enabled("E001"));
    }

    #[test]
    fn errors_name_the_position() {
        let bad_code = "[check]\nignore = [\"L999\"]\n";
        let e = Config::parse(Path::new("integ.toml"), bad_code).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("integ.toml:2:11: unknown check code or name \"L999\""),
            "{e}"
        );
        let bad_key = "[check]\nstrictt = true\n";
        let e = Config::parse(Path::new("integ.toml"), bad_key).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("integ.toml:2:1: unknown field `strictt`"),
            "{e}"
        );
        let bad_severity = "[check.severity]\nL001 = \"fatal\"\n";
        let e = Config::parse(Path::new("integ.toml"), bad_severity).unwrap_err();
        assert!(e.to_string().contains("unknown severity \"fatal\""), "{e}");
        let other_tables = "[rename]\nx = 1\n";
        assert!(Config::parse(Path::new("integ.toml"), other_tables).is_ok());
    }

    #[test]
    fn globs() {
        assert!(glob_match("*.json", "a.json"));
        assert!(!glob_match("*.json", "dir/a.json"));
        assert!(glob_match("legacy/**/*.json", "legacy/a.json"));
        assert!(glob_match("legacy/**/*.json", "legacy/x/y/a.json"));
        assert!(!glob_match("legacy/**/*.json", "src/legacy/a.json"));
        assert!(glob_match("**/flow?.json", "a/b/flow1.json"));
        assert!(!glob_match("flow?.json", "flow10.json"));
    }
}
