//! Reading the single file a command works on (`-` for standard input).

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::source::SourceFile;
use crate::walk::{Input, WalkOptions, collect_inputs};

use super::output::Output;

/// How the folders named on the command line are searched.
#[derive(Debug, Clone, clap::Args)]
pub struct WalkArgs {
    /// Search folders without honouring .gitignore, .ignore and .git/info/exclude (hidden
    /// folders, `target` and `node_modules` are still skipped).
    #[arg(long)]
    pub no_ignore: bool,
}

impl WalkArgs {
    /// The files `paths` name or hold; what the search stepped over is printed as warnings.
    pub(super) fn collect(&self, paths: &[PathBuf], out: &mut Output) -> Result<Vec<Input>> {
        let options = WalkOptions {
            ignore_files: !self.no_ignore,
        };
        let walk = collect_inputs(paths, options)?;
        for problem in &walk.problems {
            out.warning(problem);
        }
        Ok(walk.inputs)
    }
}

/// Reads and parses `path`, or standard input when it is `-`. A folder is a usage error:
/// these commands print one result for one file.
pub(super) fn read_one(path: &Path) -> Result<SourceFile> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("-", e))?;
        return SourceFile::from_bytes(path, bytes);
    }
    if path.is_dir() {
        return Err(Error::Usage(format!(
            "{}: is a folder; give one file (or - for standard input)",
            path.display()
        )));
    }
    if !path.exists() {
        return Err(Error::Missing {
            path: path.to_path_buf(),
        });
    }
    SourceFile::read(path)
}
