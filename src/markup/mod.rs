//! Content markup: Markdown ([`markdown`]) and LaTeX math ([`latex`]) parsed
//! into trees that the UI renders node by node.

pub mod latex;
pub mod markdown;
