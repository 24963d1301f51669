//! The `policylens` binary: parse the command line, run, exit with the documented code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    // glibc raises its mmap threshold to the largest block freed so far (the bytes of a
    // large file, once decoded), and keeps every later block below it in per-thread
    // arenas: a large text analyzed in windows would hold each window's memory long after
    // it is done. A fixed threshold keeps large blocks mapped and given back when freed.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter, before any thread is started.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
    let cli = policylens::cli::Cli::parse();
    let exit = policylens::commands::run(cli);
    std::process::ExitCode::from(exit as u8)
}
