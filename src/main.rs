//! The `policylens` binary: parse the command line, run, exit with the documented code.

use clap::Parser;

/// mimalloc, not glibc's allocator. The pipeline allocates and frees many small,
/// short-lived values (tokens, spans, rule candidates) on every core, and mimalloc's
/// per-thread free lists take about 10% less CPU over a folder. It is built without its
/// transparent-huge-page advice (the `no_thp` feature) and, see [`PURGE_DELAY`], gives
/// freed memory back at once: with either left at mimalloc's default the resident memory
/// of a large file grew by a fifth to a half. With both, memory stays where glibc's was.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of mimalloc 3's `mi_option_e` (libmimalloc-sys names only some
/// options): how many milliseconds freed memory is kept before it goes back to the OS
/// (1000 by default in the mimalloc that libmimalloc-sys 0.1.49 builds). A test checks
/// that the number names that option.
const PURGE_DELAY: std::os::raw::c_int = 15;

fn main() -> std::process::ExitCode {
    // (a user who sets MIMALLOC_PURGE_DELAY keeps it)
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mi_option_set only stores an option's value; it is read at each purge.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
    }
    let cli = policylens::cli::Cli::parse();
    let exit = policylens::commands::run(cli);
    std::process::ExitCode::from(exit as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number is the purge delay's: it has that option's default, and its
    /// neighbours (the deprecated eager-commit delay, the NUMA node count) have theirs.
    #[test]
    fn the_purge_delay_option_number_is_mimallocs() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            // the environment has set the option; its default cannot be seen
            return;
        }
        // SAFETY: reading and storing option values.
        unsafe {
            assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY), 1000);
            assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY - 1), 1);
            assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY + 1), 0);
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
            assert_eq!(libmimalloc_sys::mi_option_get(PURGE_DELAY), 0);
        }
    }
}
