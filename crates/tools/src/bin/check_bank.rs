//! `check-bank`: validates a question-bank JSON file with the same code the
//! app uses, prints every problem and every warning, and exits 0 (valid,
//! even with warnings) or 1 (problems). Authors can run it in their own CI.
//!
//! `check-bank --variant BANK.json QUESTION SEED` prints, as JSON, the
//! question with its generated parts drawn for SEED: the same variant the
//! app shows at `#/q/QUESTION?seed=SEED` (the e2e tests compare the two).
//!
//! `check-bank --formulas BANK.json` prints every formula of the bank's
//! texts as a JSON array of `[LaTeX source, display]`; `check-bank --mathml`
//! reads such an array (or of sources alone, inline) on standard input and
//! prints, for each, `{"mathml": …, "page": …}` (our tree as MathML,
//! `latex::debug_markup`, and with the app's attributes, `page_markup`) or
//! `{"error": …}`. The KaTeX
//! oracle test (tests/e2e/katex.test.mjs) compares them with KaTeX.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: check-bank BANK.json [BANK.json ...]");
        return ExitCode::from(2);
    }
    match args[0].as_str() {
        "--variant" => return variant(&args[1..]),
        "--formulas" => return formulas(&args[1..]),
        "--mathml" => return mathml(),
        _ => {}
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

/// Every formula in the texts (`{"zh": …, "en": …}` objects) of a bank.
fn formulas(args: &[String]) -> ExitCode {
    let [path] = args else {
        eprintln!("usage: check-bank --formulas BANK.json");
        return ExitCode::from(2);
    };
    let json: serde_json::Value = match std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    fn walk(v: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
        match v {
            serde_json::Value::Object(m) => {
                let text = |k: &str| m.get(k).and_then(|t| t.as_str());
                if let (Some(zh), Some(en)) = (text("zh"), text("en")) {
                    for t in [zh, en] {
                        let found = ail_core::markup::markdown::formulas_with_style(t);
                        out.extend(
                            found
                                .into_iter()
                                .map(|(src, display, _)| serde_json::json!([src, display])),
                        );
                    }
                } else {
                    m.values().for_each(|x| walk(x, out));
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&json, &mut out);
    println!("{}", serde_json::Value::from(out));
    ExitCode::SUCCESS
}

/// Our MathML for each formula of a JSON array read from standard input.
fn mathml() -> ExitCode {
    use ail_core::markup::latex;
    let mut src = String::new();
    if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut src) {
        eprintln!("cannot read standard input: {e}");
        return ExitCode::FAILURE;
    }
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Formula {
        Inline(String),
        Styled(String, bool),
    }
    let list: Vec<Formula> = match serde_json::from_str(&src) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("standard input is not a JSON array of formulas: {e}");
            return ExitCode::from(2);
        }
    };
    let out: Vec<serde_json::Value> = list
        .iter()
        .map(|f| match f {
            Formula::Inline(f) | Formula::Styled(f, false) => latex::parse(f),
            Formula::Styled(f, true) => latex::parse_display(f),
        })
        .map(|parsed| match parsed {
            Ok(tree) => serde_json::json!({
                "mathml": latex::debug_markup(&tree),
                "page": latex::page_markup(&tree),
            }),
            Err(e) => serde_json::json!({ "error": e.to_string() }),
        })
        .collect();
    println!("{}", serde_json::Value::from(out));
    ExitCode::SUCCESS
}
