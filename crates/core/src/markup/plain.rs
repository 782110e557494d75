//! Texts as one line of plain text, for places that show a prompt's first
//! paragraph as text: the question lists of the home page, of review and
//! of a lab ([`crate::bank::BankIndex`]), and a page's description.

use super::latex::MathNode;

/// The first block of Markdown `md` as one line of plain text (formulas
/// read as by [`math_text`]), cut at `max` characters with an ellipsis.
pub fn summary(md: &str, max: usize) -> String {
    let text = super::markdown::parse(md)
        .first()
        .map(super::markdown::block_text)
        .unwrap_or_default();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        text
    } else {
        text.chars().take(max).collect::<String>() + "…"
    }
}

/// The formula as one line of plain text, for places that show a prompt's
/// first paragraph as text (question lists, link labels): `QLQ^\top` reads
/// `QLQᵀ`, `\operatorname{diag}(l_0, l_1)` reads `diag(l₀, l₁)`,
/// `\frac{a+b}{2}` reads `(a + b)/2`. Scripts use Unicode super- and
/// subscript characters when every character has one, else `^`/`_`.
pub fn math_text(node: &MathNode) -> String {
    let mut out = String::new();
    text_into(node, &mut out);
    // One space between words, none inside brackets.
    let mut s = String::with_capacity(out.len());
    for c in out.trim().chars() {
        let after_space = s.ends_with(' ');
        if c == ' ' && (after_space || s.ends_with(['(', '[', '{'])) {
            continue;
        }
        // `log (x)` → `log(x)`, but `= (a` keeps its space.
        let word_before = s.trim_end().ends_with(|p: char| p.is_alphabetic());
        if after_space && (matches!(c, ')' | ']' | '}' | ',') || (c == '(' && word_before)) {
            s.pop();
        }
        s.push(c);
    }
    s
}

fn text_into(node: &MathNode, out: &mut String) {
    match node {
        MathNode::Row(items) => {
            for (i, n) in items.iter().enumerate() {
                // `\frac{7}{8}N^2` reads `(7/8)N²`, not `7/8N²`.
                let factor_follows = matches!(
                    items.get(i + 1),
                    Some(next) if !matches!(next, MathNode::Operator { .. } | MathNode::Space(_))
                );
                if matches!(n, MathNode::Frac(..)) && factor_follows {
                    out.push('(');
                    text_into(n, out);
                    out.push(')');
                } else {
                    text_into(n, out);
                }
            }
        }
        MathNode::Ident { text, upright } if *upright && text.chars().count() > 1 => {
            out.push(' ');
            out.push_str(text);
            out.push(' ');
        }
        MathNode::Ident { text, .. } | MathNode::Number(text) | MathNode::Text(text) => {
            out.push_str(text)
        }
        MathNode::Operator { text, large, .. } => {
            let unary = matches!(text.as_str(), "-" | "+" | "−" | "±")
                && (out.trim_end().is_empty()
                    || out.trim_end().ends_with(['(', '[', '{', '=', ',']));
            if *large {
                out.push_str(text);
            } else if text == "," || text == ";" {
                out.push_str(text);
                out.push(' ');
            } else if !unary && RELATIONS.contains(&text.as_str()) {
                out.push(' ');
                out.push_str(text);
                out.push(' ');
            } else {
                out.push_str(text);
            }
        }
        MathNode::Space(w) => {
            if *w > 0.0 {
                out.push(' ');
            }
        }
        MathNode::Frac(a, b) => {
            grouped(a, out);
            out.push('/');
            grouped(b, out);
        }
        MathNode::Sqrt(x) => {
            out.push('√');
            grouped(x, out);
        }
        MathNode::Root(x, index) => {
            script(index, SUPERSCRIPTS, '^', out);
            out.push('√');
            grouped(x, out);
        }
        MathNode::Sub(x, sub) => {
            text_into(x, out);
            script(sub, SUBSCRIPTS, '_', out);
            space_after_large(x, out);
        }
        MathNode::Sup(x, sup) => {
            text_into(x, out);
            script(sup, SUPERSCRIPTS, '^', out);
            space_after_large(x, out);
        }
        MathNode::SubSup(x, sub, sup) => {
            text_into(x, out);
            script(sub, SUBSCRIPTS, '_', out);
            script(sup, SUPERSCRIPTS, '^', out);
            space_after_large(x, out);
        }
        MathNode::Accent(x, accent) => {
            // On one character as a combining mark (`ŷ`), else after it.
            let t = math_text(x);
            out.push_str(&t);
            match ACCENT_MARKS.iter().find(|(a, _)| a == accent) {
                Some((_, mark)) if t.chars().count() == 1 => out.push(*mark),
                _ => out.push_str(accent),
            }
        }
        // A label under or over: after the base, in parentheses (`x(n)`),
        // braces and arrows drawn as they are.
        MathNode::Enclose(x, _) => text_into(x, out),
        MathNode::Binom(n, k) => {
            out.push_str("C(");
            text_into(n, out);
            out.push_str(", ");
            text_into(k, out);
            out.push(')');
        }
        MathNode::UnderOver(x, under, over) => {
            text_into(x, out);
            script(under, SUBSCRIPTS, '_', out);
            script(over, SUPERSCRIPTS, '^', out);
            space_after_large(x, out);
        }
        MathNode::Under(x, y) | MathNode::Over(x, y) => {
            text_into(x, out);
            let t = math_text(y);
            if !matches!(t.as_str(), "⏟" | "⏞" | "‾") {
                out.push('(');
                out.push_str(&t);
                out.push(')');
            }
        }
        MathNode::Table {
            rows, open, close, ..
        } => {
            out.push_str(open);
            for (i, row) in rows.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                for (j, cell) in row.iter().enumerate() {
                    if j > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&math_text(cell));
                }
            }
            out.push_str(close);
        }
    }
}

/// Operators written with a space on each side in [`math_text`].
const RELATIONS: &[&str] = &[
    "=", "+", "-", "−", "±", "∓", "×", "÷", "⋅", "<", ">", "≤", "≥", "≠", "≈", "≡", "∼", "∝", "→",
    "←", "⇒", "⇐", "⇔", "⟺", "⟹", "↦", "∈", "∉", "⊂", "⊆", "∪", "∩", "∣",
];

/// The accent characters the LaTeX parser writes (`\hat` `\bar` `\tilde`
/// `\vec` `\dot` `\overline`) as combining marks.
const ACCENT_MARKS: &[(&str, char)] = &[
    ("^", '\u{302}'),
    ("ˉ", '\u{304}'),
    ("~", '\u{303}'),
    ("\u{20D7}", '\u{20D7}'),
    ("˙", '\u{307}'),
    ("‾", '\u{305}'),
];

#[rustfmt::skip]
const SUPERSCRIPTS: &[(char, char)] = &[
    ('0', '⁰'), ('1', '¹'), ('2', '²'), ('3', '³'), ('4', '⁴'), ('5', '⁵'), ('6', '⁶'),
    ('7', '⁷'), ('8', '⁸'), ('9', '⁹'), ('+', '⁺'), ('-', '⁻'), ('−', '⁻'), ('=', '⁼'),
    ('(', '⁽'), (')', '⁾'), ('⊤', 'ᵀ'), ('T', 'ᵀ'), ('′', '′'), ('∗', '*'), ('*', '*'),
    ('a', 'ᵃ'), ('b', 'ᵇ'), ('c', 'ᶜ'), ('d', 'ᵈ'), ('e', 'ᵉ'), ('f', 'ᶠ'), ('g', 'ᵍ'),
    ('h', 'ʰ'), ('i', 'ⁱ'), ('j', 'ʲ'), ('k', 'ᵏ'), ('l', 'ˡ'), ('m', 'ᵐ'), ('n', 'ⁿ'),
    ('o', 'ᵒ'), ('p', 'ᵖ'), ('r', 'ʳ'), ('s', 'ˢ'), ('t', 'ᵗ'), ('u', 'ᵘ'), ('v', 'ᵛ'),
    ('w', 'ʷ'), ('x', 'ˣ'), ('y', 'ʸ'), ('z', 'ᶻ'),
];

#[rustfmt::skip]
const SUBSCRIPTS: &[(char, char)] = &[
    ('0', '₀'), ('1', '₁'), ('2', '₂'), ('3', '₃'), ('4', '₄'), ('5', '₅'), ('6', '₆'),
    ('7', '₇'), ('8', '₈'), ('9', '₉'), ('+', '₊'), ('-', '₋'), ('−', '₋'), ('=', '₌'),
    ('(', '₍'), (')', '₎'), ('a', 'ₐ'), ('e', 'ₑ'), ('h', 'ₕ'), ('i', 'ᵢ'), ('j', 'ⱼ'),
    ('k', 'ₖ'), ('l', 'ₗ'), ('m', 'ₘ'), ('n', 'ₙ'), ('o', 'ₒ'), ('p', 'ₚ'), ('r', 'ᵣ'),
    ('s', 'ₛ'), ('t', 'ₜ'), ('u', 'ᵤ'), ('v', 'ᵥ'), ('x', 'ₓ'),
];

/// A script as Unicode script characters if each character has one,
/// else `mark` and the text (in brackets when longer than a character).
fn script(node: &MathNode, table: &[(char, char)], mark: char, out: &mut String) {
    let t: String = math_text(node).chars().filter(|c| *c != ' ').collect();
    let mapped: Option<String> = t
        .chars()
        .map(|c| table.iter().find(|(k, _)| *k == c).map(|m| m.1))
        .collect();
    match mapped {
        Some(m) if !m.is_empty() => out.push_str(&m),
        _ => {
            out.push(mark);
            if t.chars().count() > 1 {
                out.push('(');
                out.push_str(&t);
                out.push(')');
            } else {
                out.push_str(&t);
            }
        }
    }
}

/// `∑ᵢ xᵢ`, not `∑ᵢxᵢ`.
fn space_after_large(base: &MathNode, out: &mut String) {
    if matches!(base, MathNode::Operator { large: true, .. }) {
        out.push(' ');
    }
}

/// A fraction's part or a root's radicand, bracketed unless it is one
/// word: letters, digits and scripts (`dₖ`, `QKᵀ`, `0.5`).
fn grouped(node: &MathNode, out: &mut String) {
    let t = math_text(node);
    let simple = t
        .chars()
        .all(|c| c.is_alphanumeric() || c == '.' || c == '√');
    if simple {
        out.push_str(&t);
    } else {
        out.push('(');
        out.push_str(&t);
        out.push(')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::latex::parse;

    #[test]
    fn formulas_read_as_one_line_of_plain_text() {
        let text = |src: &str| math_text(&parse(src).unwrap());
        for (src, want) in [
            (r"S = QLQ^\top", "S = QLQᵀ"),
            (
                r"L = \operatorname{diag}(l_0, l_1, l_2, l_3)",
                "L = diag(l₀, l₁, l₂, l₃)",
            ),
            (r"s = \sigma(wx + b)", "s = σ(wx + b)"),
            (r"y \in \{0, 1\}", "y ∈ {0, 1}"),
            // A minus after `=` or at the start is unary; `\log` is a word.
            (
                r"L = -y\log s - (1-y)\log(1-s)",
                "L = −y log s − (1 − y) log(1 − s)",
            ),
            (r"\frac{a+b}{2}", "(a + b)/2"),
            (r"\frac{7}{8}N^2 + \frac{1}{2}", "(7/8)N² + 1/2"),
            (
                r"\text{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
                "softmax(QKᵀ/√dₖ)V",
            ),
            (r"\sum_{i=1}^{n} x_i", "∑ᵢ₌₁ⁿ xᵢ"),
            (r"10^{-9} \cdot 2^{k+1}", "10⁻⁹ ⋅ 2ᵏ⁺¹"),
            (r"Q'^\top", "Q′ᵀ"),
            (r"\hat{y}", "y\u{302}"),
            (
                r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}",
                "(1, 0; 0, 1)",
            ),
            // No Unicode script for every character: `^` and brackets.
            (r"e^{-x^2}", "e^(−x²)"),
            (r"\mathbb{R}^{d \times k}", "ℝ^(d×k)"),
            (r"W_{q}", "W_q"),
        ] {
            assert_eq!(text(src), want, "{src}");
        }
    }
}
