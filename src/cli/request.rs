//! `integ request execute`: print an execute request body for an integration.

use std::path::PathBuf;

use super::input::read_one;
use super::{ExitStatus, Output};
use crate::check::kind::{self, FileKind};
use crate::error::{Error, Result};
use crate::model::IntegrationVersion;
use crate::request::{ExecuteOptions, execute_request, to_text};

/// Arguments of `integ request`.
#[derive(Debug, clap::Args)]
pub struct RequestArgs {
    #[command(subcommand)]
    command: RequestCommand,
}

#[derive(Debug, clap::Subcommand)]
enum RequestCommand {
    /// Print the ExecuteIntegrationsRequest body that starts a trigger of FILE with typed inputs.
    #[command(after_help = "Examples:\n  \
integ request execute flow.json --trigger api_trigger/orders_API_1 --input order_id=42\n  \
integ request execute flow.json --trigger api_trigger/orders_API_1 --input 'order={\"id\": 1}'\n  \
integ request execute flow.json --trigger api_trigger/orders_API_1 --input tags=a,b > body.json\n\n\
Each input must be a declared input variable (IN or IN_OUT, or in the trigger's inputVariables);\n\
its text is typed by the variable's dataType. Arrays take a JSON array ('[\"a,b\", \"c\"]') or\n\
comma-separated items (a,b). Exit 2 names the trigger, input, type or value that is wrong.")]
    Execute(ExecuteArgs),
}

/// Arguments of `integ request execute`.
#[derive(Debug, clap::Args)]
struct ExecuteArgs {
    /// The integration file (an envelope works too); `-` reads stdin.
    file: PathBuf,
    /// The trigger to start: its triggerId, e.g. api_trigger/orders_API_1.
    #[arg(long, value_name = "ID")]
    trigger: String,
    /// An input value, typed by the variable's dataType (repeatable).
    #[arg(long = "input", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    inputs: Vec<(String, String)>,
    /// requestId: the API returns the earlier response for a repeated id.
    #[arg(long, value_name = "ID")]
    request_id: Option<String>,
    /// Set doNotPropagateError: errors come back in the response instead of as an HTTP error.
    #[arg(long)]
    do_not_propagate_error: bool,
}

fn parse_key_value(text: &str) -> std::result::Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}

pub(super) fn run(args: RequestArgs, out: &mut Output) -> Result<ExitStatus> {
    match args.command {
        RequestCommand::Execute(args) => execute(args, out),
    }
}

fn execute(args: ExecuteArgs, out: &mut Output) -> Result<ExitStatus> {
    let file = read_one(&args.file)?;
    let path = args.file.display();
    let doc = file.document();
    if kind::detect(doc.value()) != FileKind::Integration {
        return Err(Error::Usage(format!(
            "{path}: not an integration (no triggerConfigs, taskConfigs or integrationParameters)"
        )));
    }
    let model = IntegrationVersion::from_document(doc).map_err(|e| {
        Error::Usage(format!(
            "{path}: cannot read the integration: {e} (`integ check {path}` shows where)"
        ))
    })?;
    let options = ExecuteOptions {
        trigger_id: args.trigger,
        inputs: args.inputs,
        request_id: args.request_id,
        do_not_propagate_error: args.do_not_propagate_error,
    };
    let body =
        execute_request(&model, &options).map_err(|e| Error::Usage(format!("{path}: {e}")))?;
    out.print(&to_text(&body));
    Ok(ExitStatus::Success)
}
