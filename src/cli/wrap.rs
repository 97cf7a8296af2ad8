//! `integ wrap` and `integ unwrap`: between an integration file and the API's upload request
//! and download response bodies.

use std::path::PathBuf;

use super::input::read_one;
use super::{ExitStatus, Output};
use crate::error::{Error, Result};
use crate::upload::{strip_output_only, upload_request};

/// Arguments of `integ wrap`.
#[derive(Debug, clap::Args)]
pub struct WrapArgs {
    /// The integration file; when it is itself an envelope, the integration inside is wrapped.
    /// `-` reads stdin.
    file: PathBuf,
    /// First remove the fields the server sets (name, createTime, updateTime,
    /// lastModifierEmail, lockHolder, snapshotNumber, state, status, origin, the *Internal
    /// copies), leaving every other line as it was.
    #[arg(long)]
    strip_output_only: bool,
}

/// Arguments of `integ unwrap`.
#[derive(Debug, clap::Args)]
pub struct UnwrapArgs {
    /// A download response (`{"content": …}` or `{"files": […]}`) or an upload request;
    /// `-` reads stdin.
    file: PathBuf,
}

pub(super) fn run_wrap(args: WrapArgs, out: &mut Output) -> Result<ExitStatus> {
    let file = read_one(&args.file)?;
    let doc = file.document();
    if !args.strip_output_only {
        out.print(&upload_request(doc.text()));
        return Ok(ExitStatus::Success);
    }
    let (stripped, removed) = strip_output_only(doc).map_err(|source| Error::Edit {
        path: args.file.clone(),
        source,
    })?;
    out.print(&upload_request(stripped.text()));
    if removed.is_empty() {
        out.note("No output-only fields to remove.");
    } else {
        out.note(&format!(
            "Removed output-only fields: {}",
            removed.join(", ")
        ));
    }
    Ok(ExitStatus::Success)
}

pub(super) fn run_unwrap(args: UnwrapArgs, out: &mut Output) -> Result<ExitStatus> {
    let file = read_one(&args.file)?;
    if file.envelope().is_none() {
        return Err(Error::Usage(format!(
            "{}: not an upload request or download response: expected an object with a \
\"content\" string or a \"files\" list (this looks like a plain file already)",
            args.file.display()
        )));
    }
    out.print(file.document().text());
    Ok(ExitStatus::Success)
}
