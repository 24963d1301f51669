//! The `policylens` binary: parse the command line, run, exit with the documented code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = policylens::cli::Cli::parse();
    let exit = policylens::commands::run(cli);
    std::process::ExitCode::from(exit as u8)
}
