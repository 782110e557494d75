//! Content markup: Markdown ([`markdown`]) and LaTeX math ([`latex`]) parsed
//! into trees that the UI renders node by node; [`plain`] reads a text as
//! one line of plain text (question lists).

pub mod latex;
pub mod markdown;
pub mod plain;

/// `&`, `<`, `>` and `"` as entities, for text and attribute values of HTML
/// written as a string: the embed snippet a blog author copies, and the
/// head of each static page that the build writes (never for the DOM).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_html_replaces_the_four_characters_and_keeps_the_rest() {
        assert_eq!(
            super::escape_html(r#"a&b <c> "d" 面'"#),
            "a&amp;b &lt;c&gt; &quot;d&quot; 面'"
        );
        assert_eq!(super::escape_html("&amp;"), "&amp;amp;");
    }
}
