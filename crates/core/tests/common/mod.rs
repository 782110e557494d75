//! What the native tests share: the shipped bank, loaded once per test
//! binary with every rule, and small banks built from inline questions.
//! Core tests include it with `mod common;`, the tools' with `#[path]`.
#![allow(dead_code)] // each test binary uses a part of it

use ail_core::bank::{Bank, Loaded};

/// `static/bank.json` (both test crates sit two levels below the root).
pub const SHIPPED_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/bank.json");

/// The shipped bank's text.
pub fn shipped_text() -> String {
    std::fs::read_to_string(SHIPPED_PATH).expect("static/bank.json")
}

/// The shipped bank, loaded by `ail_core::load`; panics listing every
/// problem or warning (its `answer_limit` keeps answers to 30 seconds).
pub fn shipped_loaded() -> Loaded {
    let loaded = ail_core::load(&shipped_text()).unwrap_or_else(|e| panic!("bank.json: {e}"));
    let listed = |ps: &[ail_core::bank::Problem]| {
        ps.iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        loaded.problems.is_empty(),
        "bank.json has problems:\n{}",
        listed(&loaded.problems)
    );
    assert!(
        loaded.warnings.is_empty(),
        "bank.json has warnings:\n{}",
        listed(&loaded.warnings)
    );
    loaded
}

/// The shipped bank's questions and topics.
pub fn shipped() -> Bank {
    shipped_loaded().bank
}

/// A valid open question; [`question`] overrides its fields.
pub const BASE: &str = r#"{"id":"q1","topic":"t","difficulty":"easy",
 "prompt":{"zh":"问","en":"Ask"},
 "kind":{"type":"open","key_points":[{"zh":"点","en":"point"}]},
 "answer":{"zh":"答","en":"Answer"},
 "explanation":{"zh":"解释","en":"Why"}}"#;

/// [`BASE`] with top-level fields replaced by those in `patch` (a JSON object).
pub fn question(patch: &str) -> String {
    let mut q: serde_json::Value = serde_json::from_str(BASE).unwrap();
    let p: serde_json::Value = serde_json::from_str(patch).unwrap();
    for (k, v) in p.as_object().unwrap() {
        q[k] = v.clone();
    }
    q.to_string()
}

/// A bank (id `test-bank`, one topic `t`) of these questions' JSON.
pub fn bank(questions: &[String]) -> String {
    format!(
        r#"{{"version":1,"id":"test-bank","title":{{"zh":"测","en":"Test"}},"author":"us",
        "topics":[{{"id":"t","name":{{"zh":"主题","en":"Topic"}}}}],"questions":[{}]}}"#,
        questions.join(",")
    )
}
