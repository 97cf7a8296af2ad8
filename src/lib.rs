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

pub mod check;
pub mod cli;
pub mod connector;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod error;
pub mod fix;
pub mod format;
pub mod graph;
pub mod kind;
pub mod lint;
pub mod merge;
pub mod model;
pub mod project;
pub mod references;
pub mod rename;
pub mod render;
pub mod request;
pub mod rules;
pub mod schema;
pub mod source;
pub mod upload;
pub mod walk;
pub mod write;

pub use error::{Error, Result};
