//! AI Interview Lab: a bilingual practice bank for AI/GPU engineering
//! interviews, with answers computed and graded in Rust.
//!
//! Core modules (no web imports, tested natively):
//! - [`bank`]: the question format, parsing with located errors, validation,
//!   and the index that lists of questions need.
//! - [`markup`]: Markdown and LaTeX to node trees (never HTML strings).
//! - [`grade`]: grading each question kind.
//! - [`generate`]: question variants drawn from a seed by the lab code.
//! - [`numeric`]: float formats, deterministic RNG.
//! - [`page`]: what a static page carries for the module that takes it over.
//! - [`practice`]: practice order and per-question state transitions.
//! - [`progress`]: the review log, merging, FSRS scheduling and stats.
//! - [`route`], [`i18n`]: page addresses and hash routes; UI strings.
//! - [`assets`]: which built file names carry a content hash (build tools).
//! - [`settle`]: when a lab's large tables follow a burst of edits.
//! - [`site`] (native): the static pages, sitemap and `robots.txt` the build writes.
//!
//! The UI ([`ui`]) turns these into Yew components: in the browser (wasm32)
//! the two modules of the app, natively the static pages the build writes.

pub mod assets;
pub mod bank;
pub mod generate;
pub mod grade;
pub mod i18n;
// The labs' numeric core is its own crate (src/kernels), for its Cargo profile.
pub use ail_kernels::labs;
pub mod markup;
pub mod numeric;
pub mod page;
pub mod practice;
pub mod progress;
pub mod route;
pub mod settle;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;

pub mod ui;
