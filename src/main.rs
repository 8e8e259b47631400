//! The `zongjie` binary: run the CLI and turn its result into an exit code.

mod cli;
mod server;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A closed pipe (`zongjie lint … | head`) is not an error worth reporting.
            if err
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::from(cli::exit::CLEAN);
            }
            eprintln!("zongjie: {}", cli::error_message(&err));
            ExitCode::from(cli::exit::FAILURE)
        }
    }
}
