//! `check-bank`: validates a question-bank JSON file with the same code the
//! app uses, prints every problem and every warning, and exits 0 (valid,
//! even with warnings) or 1 (problems). Authors can run it in their own CI.
//!
//! `check-bank --variant BANK.json QUESTION SEED` prints, as JSON, the
//! question with its generated parts drawn for SEED: the same variant the
//! app shows at `#/q/QUESTION?seed=SEED` (the e2e tests compare the two).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: check-bank BANK.json [BANK.json ...]");
        return ExitCode::from(2);
    }
    if args[0] == "--variant" {
        return variant(&args[1..]);
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
        match ail_core::load(&src) {
            Err(e) => {
                println!("{path}: {e}");
                ok = false;
            }
            Ok(loaded) => {
                for p in &loaded.problems {
                    println!("{path}: {p}");
                }
                for w in &loaded.warnings {
                    println!("{path}: warning: {w}");
                }
                // Warnings are advice: they do not fail the check.
                ok &= loaded.problems.is_empty();
                println!(
                    "{path}: {} questions valid, {} problems, {} warnings",
                    loaded.bank.questions.len(),
                    loaded.problems.len(),
                    loaded.warnings.len()
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

fn variant(args: &[String]) -> ExitCode {
    let [path, id, seed] = args else {
        eprintln!("usage: check-bank --variant BANK.json QUESTION SEED");
        return ExitCode::from(2);
    };
    let Ok(seed) = seed.parse::<u64>() else {
        eprintln!("SEED must be a whole number from 0 to 2^64 - 1, got `{seed}`");
        return ExitCode::from(2);
    };
    let loaded = match std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read: {e}"))
        .and_then(|src| ail_core::load(&src).map_err(|e| e.to_string()))
    {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(q) = loaded.bank.question(id) else {
        eprintln!("{path}: no question `{id}`");
        return ExitCode::FAILURE;
    };
    match ail_core::generate::instantiate_question(q, seed) {
        Ok(v) => match serde_json::to_string_pretty(&v.question) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cannot print the variant: {e}");
                ExitCode::FAILURE
            }
        },
        Err((at, e)) => {
            eprintln!("{path}: question `{id}`, field `{at}`: {e}");
            ExitCode::FAILURE
        }
    }
}
