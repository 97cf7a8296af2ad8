//! Reading the single file a command works on (`-` for standard input).

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::source::SourceFile;

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
