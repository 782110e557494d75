//! AI Interview Lab's web app: the Yew components ([`ui`]) over the core.
//!
//! In the browser (wasm32) they are the two modules of the app
//! (`ail-practice`, `ail-app`); natively the build tools (crates/tools)
//! render every static page with them. The logic they show lives in
//! `ail_core` (bank, markup, grading, generators, practice, progress,
//! routes, UI strings; no web crates) and `ail_labs` (the labs' kernels).

// The core's modules at the paths the components use.
pub use ail_core::{
    assets, bank, generate, grade, i18n, interview, lang, markup, numeric, page, practice,
    progress, route, settle,
};

pub mod ui;
