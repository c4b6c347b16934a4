//! The `cabinet` binary: parse the command line, run, map the outcome to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cabinet::cli::Cli::parse();
    match cabinet::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !matches!(e, cabinet::Error::Invalid(_)) {
                eprintln!("error: {e}");
            }
            // An unknown diagnostic code is a usage error, like an unknown option.
            ExitCode::from(if matches!(e, cabinet::Error::UnknownCode(_)) {
                2
            } else {
                1
            })
        }
    }
}
