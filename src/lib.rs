//! integ: lossless tooling for Google Cloud Application Integration files.
//!
//! The pipeline: a file's bytes become a [`source::SourceFile`] (a bare integration or an API
//! envelope around one); its text is parsed once into a [`document::Document`] that keeps the
//! original text, a `serde_json::Value` and the byte span of every key and value. Commands read
//! that document (through typed views in [`model`]) and express every change as
//! [`document::Edit`]s on the original text; [`document::Document::apply`] splices them in and
//! re-parses the result to prove it means what was intended; [`mod@write`] puts it on disk
//! atomically. Only the [`cli`] module prints.
//!
//! ```
//! use integ::document::{Document, Edit};
//! let doc = Document::parse("{\"key\":   \"a=b\"}").unwrap();
//! let span = doc.locate("/key").unwrap().value;
//! let edited = doc.apply(vec![Edit::new(span, doc.quote("c"))]).unwrap();
//! assert_eq!(edited.text(), "{\"key\":   \"c\"}");
//! ```

// The pipeline, in order: bytes → document → typed view → references → checks → edits → disk.
// a file's bytes: a bare integration or an API envelope
pub mod source;
// the text parsed once: value, spans, lossless edits
pub mod document;
// what kind of file a document is
pub mod kind;
// typed, read-only views of an integration
pub mod model;
// the one reference grammar and index
pub mod references;
// the JSON Schema of IntegrationVersion
pub mod schema;
// the semantic lints, flow analysis included
pub mod lint;
// schema + lints on any file kind: the validation gate
pub mod check;
// lint fixes as edits
pub mod fix;
// renames as edits
pub mod rename;
// rule files that batch renames and edits
pub mod rules;
// two versions compared as tasks, variables and triggers
pub mod diff;
// re-indentation without touching a value
pub mod format;
// atomic writes of the results
pub mod write;

// Shared by the stages: findings, errors, file discovery, output.
pub mod diagnostic;
pub mod error;
pub mod render;
pub mod walk;

// Around integrations: other file kinds, projects and the service.
pub mod connector;
pub mod graph;
pub mod merge;
pub mod project;
pub mod request;
pub mod upload;

// The command line: the only module that prints.
pub mod cli;

pub use error::{Error, Result};
