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

pub mod assets;
pub mod bank;
pub mod generate;
pub mod grade;
pub mod i18n;
pub mod lang;
pub mod markup;
pub mod numeric;
pub mod page;
pub mod practice;
pub mod progress;
pub mod route;
pub mod settle;
