//! `static/bank.schema.json` must be exactly what the Rust types generate,
//! so authors' editors never see a stale schema. Regenerate with
//! `UPDATE_SCHEMA=1 cargo test -p ail-core --test schema`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use ail_core::bank::Bank;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../static/bank.schema.json");

fn generated() -> String {
    let mut schema = schemars::schema_for!(Bank);
    schema.insert("title".into(), "AI Interview Lab question bank".into());
    serde_json::to_string_pretty(&schema).expect("a schema always serializes") + "\n"
}

#[test]
fn shipped_schema_matches_the_rust_types() {
    let fresh = generated();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(PATH, &fresh).expect("write schema");
    }
    let shipped = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        shipped == fresh,
        "static/bank.schema.json is stale: run UPDATE_SCHEMA=1 cargo test -p ail-core --test schema"
    );
}

#[test]
fn schema_describes_every_question_kind_and_tolerance() {
    let v: serde_json::Value = serde_json::from_str(&generated()).unwrap();
    let text = v.to_string();
    for tag in [
        "\"open\"",
        "\"single\"",
        "\"multi\"",
        "\"numeric\"",
        "\"ordering\"",
        "\"absolute\"",
        "\"relative\"",
        "\"ulps\"",
    ] {
        assert!(text.contains(tag), "schema lacks {tag}");
    }
    assert_eq!(
        v["required"],
        serde_json::json!(["version", "id", "title", "author", "topics", "questions"])
    );
}

#[test]
fn shipped_bank_conforms_to_the_schema_shape() {
    // Light structural check without a validator crate: every top-level
    // property the bank uses is declared in the schema.
    let schema: serde_json::Value = serde_json::from_str(&generated()).unwrap();
    let bank: serde_json::Value = serde_json::from_str(&common::shipped_text()).unwrap();
    let props = schema["properties"].as_object().unwrap();
    for key in bank.as_object().unwrap().keys() {
        assert!(props.contains_key(key), "bank key {key} not in schema");
    }
}
