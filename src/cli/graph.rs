//! `integ graph`: print the flow of an integration as Mermaid or Graphviz DOT.

use std::path::PathBuf;

use super::input::read_one;
use super::{ExitStatus, Output};
use crate::error::{Error, Result};
use crate::graph::highlight::highlight;
use crate::graph::{FlowGraph, dot, mermaid};

/// The picture language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Mermaid flowchart: GitHub renders it inside a ```mermaid fence.
    Mermaid,
    /// Graphviz DOT: `dot -Tsvg` or `dot -Tpng` draws it.
    Dot,
}

/// Arguments of `integ graph`.
#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    /// The integration file (a download response or upload request works too); `-` reads stdin.
    file: PathBuf,
    /// The picture language.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    format: GraphFormat,
    /// Mark the triggers and tasks that write this variable and those that read it, with a
    /// legend (backticks optional: `Task_1_responseBody` works).
    #[arg(long, value_name = "VAR")]
    highlight: Option<String>,
}

pub(super) fn run(args: GraphArgs, out: &mut Output) -> Result<ExitStatus> {
    let file = read_one(&args.file)?;
    let mut graph = FlowGraph::from_value(file.document().value()).ok_or_else(|| {
        Error::Usage(format!(
            "{}: not an integration: no triggerConfigs, taskConfigs or errorCatcherConfigs",
            args.file.display()
        ))
    })?;
    if let Some(variable) = &args.highlight {
        highlight(&mut graph, file.document(), variable)
            .map_err(|e| Error::Usage(format!("{}: {e}", args.file.display())))?;
    }
    let text = match args.format {
        GraphFormat::Mermaid => mermaid::render(&graph),
        GraphFormat::Dot => dot::render(&graph),
    };
    out.print(&text);
    Ok(ExitStatus::Success)
}
