//! AI Interview Lab: a bilingual practice bank for AI/GPU engineering
//! interviews, with answers computed and graded in Rust.
//!
//! Core modules (no web imports, tested natively):
//! - [`bank`]: the question format, parsing with located errors, validation.
//! - [`decode`]: the first-load app's small JSON decoders for the built-in bank.
//! - [`markup`]: Markdown and LaTeX to node trees (never HTML strings).
//! - [`grade`]: grading each question kind.
//! - [`generate`]: question variants drawn from a seed by the lab code.
//! - [`numeric`]: float formats, deterministic RNG.
//! - [`practice`]: practice order and per-question state transitions.
//! - [`progress`]: the review log, merging, FSRS scheduling and stats.
//! - [`route`], [`i18n`]: hash routes and UI strings.
//! - [`assets`]: which built file names carry a content hash (build tools).
//! - [`settle`]: when a lab's large tables follow a burst of edits.
//!
//! The UI ([`ui`], wasm only) turns these into Yew components.

pub mod assets;
pub mod bank;
pub mod decode;
pub mod generate;
pub mod grade;
pub mod i18n;
// The labs' numeric core is its own crate (src/kernels), for its Cargo profile.
pub use ail_kernels::labs;
pub mod markup;
pub mod numeric;
pub mod practice;
pub mod progress;
pub mod route;
pub mod settle;

#[cfg(target_arch = "wasm32")]
pub mod ui;
