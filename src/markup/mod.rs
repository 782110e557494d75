//! Content markup: Markdown ([`markdown`]) and LaTeX math ([`latex`]) parsed
//! into trees that the UI renders node by node, and [`compiled`] text: such
//! a tree parsed at build time, for the first-load app that ships no parser.

pub mod compiled;
pub mod latex;
pub mod markdown;
