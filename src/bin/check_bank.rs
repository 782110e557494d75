//! `check-bank`: validates a question-bank JSON file with the same code the
//! app uses, prints every problem, and exits 0 (valid) or 1 (problems).
//! Authors can run it in their own CI.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: check-bank BANK.json [BANK.json ...]");
        return ExitCode::from(2);
    }
    let mut ok = true;
    for path in &args {
        let src = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) => {
                println!("{path}: cannot read: {e}");
                ok = false;
                continue;
            }
        };
        match ai_interview_lab::bank::load(&src) {
            Err(e) => {
                println!("{path}: {e}");
                ok = false;
            }
            Ok(loaded) => {
                for p in &loaded.problems {
                    println!("{path}: {p}");
                }
                ok &= loaded.problems.is_empty();
                println!(
                    "{path}: {} questions valid, {} problems",
                    loaded.bank.questions.len(),
                    loaded.problems.len()
                );
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
