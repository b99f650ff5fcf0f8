//! `patguard-scopes [--json] [FILE]`: reads a script, az commands, a Terraform file,
//! git or feed URLs (FILE, or standard input when FILE is absent or `-`) and prints the
//! least PAT scopes they need, the calls behind each scope, every line that could not be
//! mapped with its reason, and the limits of the answer.

mod text;

use patguard_core::calculator::calculate;
use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: patguard-scopes [--json] [FILE]
Reads FILE (or standard input) and prints the least Azure DevOps PAT scopes it needs.
  --json   print {\"scopes\",\"calls\",\"unmapped\",\"limits\",\"alternatives\"} as JSON";

fn main() -> ExitCode {
    let mut json = false;
    let mut file = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            a if a.starts_with('-') && a != "-" => {
                eprintln!("patguard-scopes: unknown option {a}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ if file.is_some() => {
                eprintln!("patguard-scopes: give one file at most\n{USAGE}");
                return ExitCode::from(2);
            }
            a => file = Some(a.to_string()),
        }
    }
    let input = match file.as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).map(|_| s)
        }
        Some(path) => std::fs::read_to_string(path),
    };
    let input = match input {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "patguard-scopes: cannot read {}: {e}",
                file.as_deref().unwrap_or("standard input")
            );
            return ExitCode::from(2);
        }
    };
    let answer = calculate(&input);
    let out = if json {
        serde_json::to_string_pretty(&answer).expect("the answer serialises") + "\n"
    } else {
        text::render(&answer)
    };
    if io::stdout().write_all(out.as_bytes()).is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
