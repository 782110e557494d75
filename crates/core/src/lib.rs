//! AI Interview Lab's core: plain Rust that depends on no web crate (no
//! `yew`, `web-sys`, `js-sys`, `wasm-bindgen`, `gloo`; `.ci/check-core`
//! fails if one appears in `cargo tree -p ail-core`), tested natively.
//!
//! - [`bank`]: the question format, parsing with located errors,
//!   validation, and the index that lists of questions need.
//! - [`markup`]: Markdown and LaTeX to node trees (never HTML strings).
//! - [`numeric`]: float formats, deterministic RNG.
//! - [`grade`]: grading each question kind.
//! - [`generate`]: question variants drawn from a seed by the labs' code.
//! - [`practice`]: practice order and per-question state transitions.
//! - [`progress`]: the review log, merging, FSRS scheduling and stats.
//! - [`route`]: page addresses, old hash routes, queries.
//! - [`lang`]: the two languages (imports nothing); [`i18n`]: UI strings.
//! - [`page`]: what a static page carries for the module that takes it over.
//! - [`settle`]: when a lab's large tables follow a burst of edits.
//! - [`assets`]: which built file names carry a content hash.
//!
//! [`load`] reads a bank with every rule. The modules form layers; none
//! imports one above it (`tests/layers.rs` checks that the `use crate::`
//! graph has no cycle): `lang`; `markup`; `bank`; `numeric`; `grade`;
//! `i18n`; `generate`; then `route`, `practice`, `progress`, `page`.

pub mod assets;
pub mod bank;
pub mod generate;
pub mod grade;
pub mod i18n;
pub mod interview;
pub mod lang;
pub mod markup;
pub mod numeric;
pub mod page;
pub mod practice;
pub mod progress;
pub mod route;
pub mod settle;

/// Loads a bank from its JSON text with every rule: the format's
/// ([`bank::validate`]) and the generators' ([`generate::check`]), which
/// sit a layer above the format. What the app, the build and `check-bank`
/// call.
pub fn load(src: &str) -> Result<bank::Loaded, bank::FatalError> {
    bank::load_with(src, generate::check::check)
}
