//! A file as integ reads it: a bare integration, or one wrapped in an API envelope.
//!
//! Download responses (`{"content": "…"}`, `{"files": [{"file": "INTEGRATION", "content": "…"}]}`)
//! and upload requests (`{"content": "…", "fileFormat": "JSON"}`) hold the integration file as a
//! string. [`SourceFile`] exposes that inner file as a [`Document`] of its own, and maps edits of
//! it back into the envelope's string token, so the envelope and its escaping survive.

use std::path::{Path, PathBuf};

use crate::document::{Document, Edit, LineIndex, Span, SpanNode, StringLiteral, line_cols};
use crate::error::{Error, Result};

/// The kind of wrapper around the integration text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeKind {
    /// `{"content": "…"}` (DownloadIntegrationVersionResponse) or the same with `fileFormat`
    /// (UploadIntegrationVersionRequest).
    Content,
    /// `{"files": [{"file": "INTEGRATION", "content": "…"}, …]}` (DownloadIntegrationVersionResponse).
    Files,
}

/// The integration text inside an envelope.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// Which envelope.
    pub kind: EnvelopeKind,
    /// JSON Pointer of the content string in the outer document.
    pub pointer: String,
    literal: StringLiteral,
    inner: Document,
}

/// One loaded file: its outer document and, for envelopes, the integration inside.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where the file came from (`-` for standard input).
    pub path: PathBuf,
    outer: Document,
    envelope: Option<Envelope>,
    lines: std::sync::OnceLock<LineIndex>,
}

impl SourceFile {
    /// Reads and parses `path`.
    pub fn read(path: &Path) -> Result<SourceFile> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        SourceFile::from_bytes(path, bytes)
    }

    /// Reads `path` and parses it fully when `wanted` says so of its text (or when it may be an
    /// envelope); otherwise only checks its syntax, with the same errors as a full parse, and
    /// returns `None`. For batches that only need the files a literal can match.
    pub fn read_if(path: &Path, wanted: impl Fn(&str) -> bool) -> Result<Option<SourceFile>> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = decode_utf8(path, bytes)?;
        if wanted(&text) {
            return SourceFile::from_text(path, text).map(Some);
        }
        match crate::document::parse_layout(&text) {
            // An envelope, or a file that is not an object (which callers report), is read.
            Ok(root) if may_be_envelope(&text, &root) || !matches!(root, SpanNode::Object(..)) => {
                SourceFile::from_text(path, text).map(Some)
            }
            Ok(_) => Ok(None),
            Err(e) => Err(syntax_error(path, &text, e.offset, e.message)),
        }
    }

    /// Parses `bytes` as the content of `path`.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile> {
        SourceFile::from_text(path, decode_utf8(path, bytes)?)
    }

    /// Parses `text` as the content of `path`, detecting envelopes.
    pub fn from_text(path: &Path, text: String) -> Result<SourceFile> {
        SourceFile::from_text_or_return(path, text).map_err(|(e, _)| e)
    }

    /// Like [`SourceFile::from_text`], but hands the text back with the error, so a caller
    /// that reports the error with a snippet needs no copy of every file it reads.
    pub fn from_text_or_return(
        path: &Path,
        text: String,
    ) -> std::result::Result<SourceFile, (Error, String)> {
        let outer = match crate::document::parse::parse_json(&text) {
            Ok((value, root)) => Document::from_parsed(text, value, root),
            Err(e) => {
                let error = syntax(path, &text, &LineIndex::new(&text), e.offset, e.message);
                return Err((error, text));
            }
        };
        let mut file = SourceFile {
            path: path.to_path_buf(),
            envelope: None,
            outer,
            lines: std::sync::OnceLock::new(),
        };
        if let Some((kind, pointer)) = envelope_pointer(file.outer.value()) {
            let span = file
                .outer
                .locate(&pointer)
                .expect("pointer from the value")
                .value;
            let literal = file.outer.string_literal(span).expect("a string token");
            match Document::parse(literal.text().to_string()) {
                Ok(inner) => {
                    file.envelope = Some(Envelope {
                        kind,
                        pointer,
                        literal,
                        inner,
                    });
                }
                Err(e) => {
                    let offset = literal.raw_span(Span::new(e.offset, e.offset)).start;
                    let message = format!("in the envelope's content: {}", e.message);
                    let error = syntax(path, file.outer.text(), file.lines(), offset, message);
                    return Err((error, file.outer.into_text()));
                }
            }
        }
        Ok(file)
    }

    /// The integration document: the file itself, or the text inside its envelope.
    pub fn document(&self) -> &Document {
        self.envelope.as_ref().map_or(&self.outer, |e| &e.inner)
    }

    /// The file's own document (the envelope, when there is one).
    pub fn outer(&self) -> &Document {
        &self.outer
    }

    /// Consumes the file and returns its whole text (the envelope's, when there is one).
    pub fn into_text(self) -> String {
        self.outer.into_text()
    }

    /// Consumes the file and returns the value of [`SourceFile::document`] (the integration
    /// inside the envelope, when there is one) without copying it.
    pub fn into_value(self) -> serde_json::Value {
        match self.envelope {
            Some(envelope) => envelope.inner.into_value(),
            None => self.outer.into_value(),
        }
    }

    /// The envelope, when the integration is wrapped in one.
    pub fn envelope(&self) -> Option<&Envelope> {
        self.envelope.as_ref()
    }

    /// The 1-based line and column in the file of byte `offset` of [`SourceFile::document`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines()
            .line_col(self.outer.text(), self.outer_offset(offset))
    }

    /// [`SourceFile::line_col`] of each of `offsets`, in one pass over the text instead of an
    /// index of every line (see [`line_cols`]).
    pub fn line_cols(&self, offsets: &[usize]) -> Vec<(usize, usize)> {
        let outer: Vec<usize> = offsets.iter().map(|&o| self.outer_offset(o)).collect();
        line_cols(self.outer.text(), &outer)
    }

    /// The offset in the file of byte `offset` of [`SourceFile::document`].
    fn outer_offset(&self, offset: usize) -> usize {
        match &self.envelope {
            Some(env) => env.literal.raw_span(Span::new(offset, offset)).start,
            None => offset,
        }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.outer.text()))
    }

    /// The full source line `line` (1-based) of the file, for snippets.
    pub fn line_text(&self, line: usize) -> &str {
        self.lines().line(self.outer.text(), line)
    }

    /// Applies edits of the integration document and returns the new text of the whole file.
    /// Both the integration and, for envelopes, the outer file are re-parsed and checked.
    pub fn apply(&self, edits: Vec<Edit>) -> Result<String> {
        let edit_error = |source| Error::Edit {
            path: self.path.clone(),
            source,
        };
        if edits.is_empty() {
            return Ok(self.outer.text().to_string());
        }
        match &self.envelope {
            None => Ok(self.outer.apply(edits).map_err(edit_error)?.into_text()),
            Some(env) => {
                env.inner.apply(edits.clone()).map_err(edit_error)?;
                let outer_edits = edits
                    .iter()
                    .map(|e| env.literal.edit(e.span, &e.replacement))
                    .collect();
                Ok(self
                    .outer
                    .apply(outer_edits)
                    .map_err(edit_error)?
                    .into_text())
            }
        }
    }

    /// Like [`SourceFile::apply`], but returns the edited file already parsed: the re-parse that
    /// checks the edit is the parse of the result, so nothing is parsed twice.
    pub fn edited(&self, edits: Vec<Edit>) -> Result<SourceFile> {
        if edits.is_empty() {
            return Ok(self.clone());
        }
        if self.envelope.is_some() {
            return SourceFile::from_text(&self.path, self.apply(edits)?);
        }
        let outer = self.outer.apply(edits).map_err(|source| Error::Edit {
            path: self.path.clone(),
            source,
        })?;
        if envelope_pointer(outer.value()).is_some() {
            // An edit that made the file look like an envelope: read it as one would be read.
            return SourceFile::from_text(&self.path, outer.into_text());
        }
        Ok(SourceFile {
            path: self.path.clone(),
            outer,
            envelope: None,
            lines: std::sync::OnceLock::new(),
        })
    }

    /// Replaces the whole integration text (used by `fmt` on envelopes) and returns the new file text.
    pub fn replace_document_text(&self, new_text: &str) -> Result<String> {
        match &self.envelope {
            None => Ok(new_text.to_string()),
            Some(env) => {
                let span = self
                    .outer
                    .locate(&env.pointer)
                    .expect("envelope pointer")
                    .value;
                let token = env.literal.style.quote(new_text);
                let edited = self
                    .outer
                    .apply(vec![Edit::new(span, token)])
                    .map_err(|source| Error::Edit {
                        path: self.path.clone(),
                        source,
                    })?;
                Ok(edited.into_text())
            }
        }
    }
}

/// Checks that `bytes` are UTF-8; the error names the file and the position of the first bad byte.
pub fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[offset];
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let (line, column) = LineIndex::new(&valid).line_col(&valid, offset.min(valid.len()));
        Error::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
            byte,
        }
    })
}

/// The error for a syntax error at byte `offset` of `text`, with its line and column.
pub fn syntax_error(path: &Path, text: &str, offset: usize, message: String) -> Error {
    syntax(path, text, &LineIndex::new(text), offset, message)
}

/// True when a JSON text's root object may be an API envelope (decided by its top-level keys),
/// so that callers reading only the layout know when to load the file fully.
pub fn may_be_envelope(text: &str, root: &crate::document::SpanNode) -> bool {
    let crate::document::SpanNode::Object(_, entries) = root else {
        return false;
    };
    let keys = || entries.iter().map(|(k, _)| &text[k.start + 1..k.end - 1]);
    keys().any(|k| k == "content" || k == "files")
        && !keys().any(|k| k == "taskConfigs" || k == "triggerConfigs")
}

fn syntax(path: &Path, text: &str, lines: &LineIndex, offset: usize, message: String) -> Error {
    let (line, column) = lines.line_col(text, offset);
    Error::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// Finds the content string of an envelope, if `value` is one.
fn envelope_pointer(value: &serde_json::Value) -> Option<(EnvelopeKind, String)> {
    let obj = value.as_object()?;
    if obj.contains_key("triggerConfigs") || obj.contains_key("taskConfigs") {
        return None;
    }
    let content_only = obj.keys().all(|k| k == "content" || k == "fileFormat");
    if content_only && obj.get("content")?.is_string() {
        return Some((EnvelopeKind::Content, "/content".to_string()));
    }
    let files = obj.get("files")?.as_array()?;
    let index = files
        .iter()
        .position(|f| f.get("file").and_then(|v| v.as_str()) == Some("INTEGRATION"))
        .or_else(|| {
            files
                .iter()
                .position(|f| f.get("content").is_some_and(|c| c.is_string()))
        })?;
    files[index].get("content")?.as_str()?;
    Some((EnvelopeKind::Files, format!("/files/{index}/content")))
}
