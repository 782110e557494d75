//! Text parsed at build time.
//!
//! The first-load app (built without the `full` feature) has no Markdown or
//! LaTeX parser: `postbuild` parses the built-in bank's text natively and
//! ships each string as [`PREFIX`] followed by the JSON of its
//! [`Block`] tree. [`blocks`] turns any bank string into blocks: a compiled
//! one by decoding it, Markdown by parsing it (full build), or, in the
//! first-load app, plain paragraphs.
//!
//! A compiled tree is the same safe tree the parser makes: the renderer
//! still only emits known elements and checks every link's scheme. Banks
//! from elsewhere may not contain compiled text
//! ([`crate::bank::validate`] refuses the prefix).

use super::markdown::{Block, Inline};

/// Marks a compiled string. U+0001 is a control character no author types.
pub const PREFIX: char = '\u{1}';

/// `src` (Markdown) as a compiled string.
#[cfg(not(target_arch = "wasm32"))]
pub fn compile(src: &str) -> String {
    let blocks = super::markdown::parse(src);
    let json = serde_json::to_string(&blocks).expect("blocks always serialise");
    format!("{PREFIX}{json}")
}

/// The blocks of a bank string (see the module doc). A compiled string
/// that does not decode becomes one paragraph saying so, with the reason.
pub fn blocks(text: &str) -> Vec<Block> {
    if let Some(json) = text.strip_prefix(PREFIX) {
        let decoded = crate::decode::parse(json).and_then(|v| crate::decode::blocks(&v));
        return decoded.unwrap_or_else(|e| {
            vec![Block::Paragraph(vec![Inline::Text(format!(
                "(this text could not be read: {e})"
            ))])]
        });
    }
    parse(text)
}

/// The first block of a bank string as plain text (home page summaries,
/// the first-load index's stubs).
pub fn first_block_text(text: &str) -> String {
    blocks(text)
        .first()
        .map(super::markdown::block_text)
        .unwrap_or_default()
}

#[cfg(feature = "full")]
fn parse(text: &str) -> Vec<Block> {
    super::markdown::parse(text)
}

/// Without the parser: one paragraph per blank-line-separated chunk.
#[cfg(not(feature = "full"))]
fn parse(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::Paragraph(vec![Inline::Text(p.to_string())]))
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::markup::markdown;

    #[test]
    fn a_compiled_string_decodes_to_what_the_parser_makes() {
        let src = "A **bold** [link](https://example.com) and $x^2 + \\frac{1}{2}$,\n\n| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n$$\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}$$\n\n- one\n- `two`";
        let compiled = compile(src);
        assert!(compiled.starts_with(PREFIX));
        let decoded = blocks(&compiled);
        assert_eq!(decoded, markdown::parse(src));
        assert_eq!(decoded.len(), 4);
        // Markdown (not compiled) is parsed as before.
        assert_eq!(blocks(src), markdown::parse(src));
    }

    #[test]
    fn a_damaged_compiled_string_says_so_instead_of_failing() {
        let out = blocks("\u{1}[{\"Paragraph\":");
        assert_eq!(out.len(), 1);
        let text = markdown::block_text(&out[0]);
        assert!(
            text == "(this text could not be read: EOF while parsing a value at line 1 column 14)",
            "{text}"
        );
        // A fence outside the closed set is refused, not rendered.
        let evil = "\u{1}[{\"Paragraph\":[{\"Math\":{\"display\":true,\"tree\":{\"Ok\":{\"Table\":{\"rows\":[],\"open\":\"<script>\",\"close\":\"\",\"left_aligned\":false}}},\"source\":\"x\"}}]}]";
        let text = markdown::block_text(&blocks(evil)[0]);
        assert!(text.contains("unknown matrix fence `<script>`"), "{text}");
    }
}
