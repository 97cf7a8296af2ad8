//! The `integ` binary: parse the command line, run, map the outcome to an exit code.

mod allocator;

use std::process::ExitCode;

/// A check allocates and frees every string and node of thousands of documents; mimalloc's
/// thread-local free lists cost about a fifth of the instructions glibc's malloc does for that
/// (BENCHMARKS.md), at a peak memory within the bounds.
#[global_allocator]
static ALLOCATOR: allocator::Mimalloc = allocator::Mimalloc;

fn main() -> ExitCode {
    integ::cli::main(std::env::args_os())
}
