//! Markdown to a small document tree, via pulldown-cmark events.
//!
//! The tree is what the UI renders node by node; there is no HTML string
//! anywhere. Raw HTML in content becomes visible text, links keep an `href`
//! only for http, https and mailto, images are shown as their alt text
//! (we never load a third-party image: no tracking, and the CSP stays
//! `img-src 'self' data:`), and math is parsed by [`crate::markup::latex`].

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use serde::Serialize;

use super::latex::{self, LatexError, MathNode};

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// `<p>`.
    Paragraph(Vec<Inline>),
    /// `<h3>`..`<h6>`: level 1 and 2 are shifted down to 3, since the page
    /// owns `<h1>`/`<h2>`.
    Heading(u8, Vec<Inline>),
    /// `<pre><code>` with its language tag, if any.
    Code { lang: String, text: String },
    /// `<ul>` or `<ol start=..>`; each item is a list of blocks.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    /// `<blockquote>`.
    Quote(Vec<Block>),
    /// `<table>`: header cells, body rows, column alignment.
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// `<hr>`.
    Rule,
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// An inline element.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    /// Plain text (including raw HTML from the source, shown as typed).
    Text(String),
    /// `<code>`.
    Code(String),
    /// `<em>`.
    Emph(Vec<Inline>),
    /// `<strong>`.
    Strong(Vec<Inline>),
    /// `<del>`.
    Strike(Vec<Inline>),
    /// `<a>`; `href` is `None` when the link's scheme is not allowed, and
    /// the children are then shown as plain text.
    Link {
        href: Option<String>,
        children: Vec<Inline>,
    },
    /// Math: the parsed tree, or the error and the source to show instead.
    Math {
        display: bool,
        tree: Result<MathNode, LatexError>,
        source: String,
    },
    /// `<br>`.
    Break,
}

/// Deepest nesting of Markdown containers rendered as such.
pub const MAX_NESTING: usize = 32;

/// Parses Markdown with the extensions the bank uses (tables,
/// strikethrough, `$`/`$$` math).
pub fn parse(src: &str) -> Vec<Block> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH;
    let events: Vec<Event<'_>> = Parser::new_ext(src, opts).collect();
    // Nesting deeper than any real text (thousands of `>` or list markers)
    // would become a DOM, and a recursion, thousands of levels deep: such a
    // text is shown as one plain paragraph instead.
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for ev in &events {
        match ev {
            Event::Start(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_NESTING {
        let text: String = events
            .iter()
            .filter_map(|ev| match ev {
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    Some(t.to_string())
                }
                Event::InlineMath(t) | Event::DisplayMath(t) => Some(format!("${t}$")),
                Event::SoftBreak | Event::HardBreak => Some(" ".into()),
                _ => None,
            })
            .collect();
        return vec![Block::Paragraph(vec![Inline::Text(text)])];
    }
    let mut b = Builder {
        stack: vec![Frame::Root(Vec::new())],
    };
    for ev in events {
        b.event(ev);
    }
    // Close anything left open (pulldown-cmark balances its events, so this
    // only guards against a future change).
    while b.stack.len() > 1 {
        b.close();
    }
    match b.stack.pop() {
        Some(Frame::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

/// Every math formula in a Markdown text, with its parse result, in order.
pub fn formulas(src: &str) -> Vec<(String, Result<MathNode, LatexError>)> {
    formulas_with_style(src)
        .into_iter()
        .map(|(s, _, tree)| (s, tree))
        .collect()
}

/// [`formulas`] with whether each is a display formula (`$$…$$`).
pub fn formulas_with_style(src: &str) -> Vec<(String, bool, Result<MathNode, LatexError>)> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH;
    Parser::new_ext(src, opts)
        .filter_map(|ev| match ev {
            Event::InlineMath(s) => {
                let tree = latex::parse(&s);
                Some((s.into_string(), false, tree))
            }
            Event::DisplayMath(s) => {
                let tree = latex::parse_display(&s);
                Some((s.into_string(), true, tree))
            }
            _ => None,
        })
        .collect()
}

/// Whether `href` may become a link: http, https or mailto only.
///
/// Control characters and spaces are removed first, because browsers ignore
/// them inside a scheme (`java\tscript:` is `javascript:`).
pub fn is_safe_href(href: &str) -> bool {
    let cleaned: String = href
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

enum Frame {
    Root(Vec<Block>),
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Code {
        lang: String,
        text: String,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>, Vec<Inline>),
    Quote(Vec<Block>),
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        in_head: bool,
    },
    Row(Vec<Vec<Inline>>),
    Cell(Vec<Inline>),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Link(Option<String>, Vec<Inline>),
    Image(Vec<Inline>),
}

struct Builder {
    stack: Vec<Frame>,
}

impl Builder {
    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => self.open(tag),
            Event::End(TagEnd::TableHead) => {
                if let Some(Frame::Row(cells)) = self.stack.pop() {
                    if let Some(Frame::Table { head, in_head, .. }) = self.stack.last_mut() {
                        *head = cells;
                        *in_head = false;
                    }
                }
            }
            Event::End(_) => self.close(),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.inline(Inline::Code(t.into_string())),
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::InlineMath(s) => self.math(false, s.into_string()),
            Event::DisplayMath(s) => self.math(true, s.into_string()),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inline(Inline::Break),
            Event::Rule => self.block(Block::Rule),
            Event::FootnoteReference(t) => self.text(&format!("[{t}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn math(&mut self, display: bool, source: String) {
        let tree = if display {
            latex::parse_display(&source)
        } else {
            latex::parse(&source)
        };
        self.inline(Inline::Math {
            display,
            tree,
            source,
        });
    }

    fn open(&mut self, tag: Tag<'_>) {
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph(Vec::new()),
            Tag::Heading { level, .. } => {
                let n = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                Frame::Heading(n, Vec::new())
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => {
                        l.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                Frame::Code {
                    lang,
                    text: String::new(),
                }
            }
            Tag::List(start) => Frame::List {
                start,
                items: Vec::new(),
            },
            Tag::Item => Frame::Item(Vec::new(), Vec::new()),
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::Table(aligns) => Frame::Table {
                align: aligns
                    .into_iter()
                    .map(|a| match a {
                        Alignment::None => Align::None,
                        Alignment::Left => Align::Left,
                        Alignment::Center => Align::Center,
                        Alignment::Right => Align::Right,
                    })
                    .collect(),
                head: Vec::new(),
                rows: Vec::new(),
                in_head: false,
            },
            Tag::TableHead => {
                if let Some(Frame::Table { in_head, .. }) = self.stack.last_mut() {
                    *in_head = true;
                }
                Frame::Row(Vec::new())
            }
            Tag::TableRow => Frame::Row(Vec::new()),
            Tag::TableCell => Frame::Cell(Vec::new()),
            Tag::Emphasis => Frame::Emph(Vec::new()),
            Tag::Strong => Frame::Strong(Vec::new()),
            Tag::Strikethrough => Frame::Strike(Vec::new()),
            Tag::Link { dest_url, .. } => {
                let href = is_safe_href(&dest_url).then(|| dest_url.into_string());
                Frame::Link(href, Vec::new())
            }
            Tag::Image { .. } => Frame::Image(Vec::new()),
            // Everything else (HTML blocks, footnote and definition lists,
            // metadata) is kept as a transparent paragraph of its text.
            _ => Frame::Paragraph(Vec::new()),
        };
        self.stack.push(frame);
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Root(blocks) => self.stack.push(Frame::Root(blocks)),
            Frame::Paragraph(inl) => self.block(Block::Paragraph(inl)),
            Frame::Heading(n, inl) => self.block(Block::Heading(n, inl)),
            Frame::Code { lang, text } => self.block(Block::Code { lang, text }),
            Frame::List { start, items } => self.block(Block::List { start, items }),
            Frame::Item(mut blocks, inl) => {
                if !inl.is_empty() {
                    blocks.push(Block::Paragraph(inl));
                }
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Frame::Quote(blocks) => self.block(Block::Quote(blocks)),
            Frame::Table {
                align, head, rows, ..
            } => self.block(Block::Table { align, head, rows }),
            Frame::Row(cells) => {
                if let Some(Frame::Table { rows, .. }) = self.stack.last_mut() {
                    rows.push(cells);
                }
            }
            Frame::Cell(inl) => {
                if let Some(Frame::Row(cells)) = self.stack.last_mut() {
                    cells.push(inl);
                }
            }
            Frame::Emph(inl) => self.inline(Inline::Emph(inl)),
            Frame::Strong(inl) => self.inline(Inline::Strong(inl)),
            Frame::Strike(inl) => self.inline(Inline::Strike(inl)),
            Frame::Link(href, children) => self.inline(Inline::Link { href, children }),
            // An image is shown as its alt text, never loaded.
            Frame::Image(alt) => {
                for i in alt {
                    self.inline(i);
                }
            }
        }
    }

    fn block(&mut self, block: Block) {
        // Tight list items carry inline text directly; flush it before a nested block.
        match self.stack.last_mut() {
            Some(Frame::Root(blocks)) | Some(Frame::Quote(blocks)) => blocks.push(block),
            Some(Frame::Item(blocks, inl)) => {
                if !inl.is_empty() {
                    blocks.push(Block::Paragraph(std::mem::take(inl)));
                }
                blocks.push(block);
            }
            // A block inside an inline context (not produced by pulldown-cmark
            // for valid input): keep its text rather than lose it.
            _ => {
                let text = block_text(&block);
                self.text(&text);
            }
        }
    }

    fn inline(&mut self, inline: Inline) {
        if let Some(Frame::Code { text, .. }) = self.stack.last_mut() {
            if let Inline::Text(t) = inline {
                text.push_str(&t);
            }
            return;
        }
        match self.stack.last_mut().and_then(inline_children) {
            Some(v) => v.push(inline),
            None => {
                self.stack.push(Frame::Paragraph(vec![inline]));
                self.close();
            }
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(Frame::Code { text, .. }) = self.stack.last_mut() {
            text.push_str(t);
            return;
        }
        // Merge adjacent text runs (raw HTML arrives in pieces).
        if let Some(Inline::Text(prev)) = self
            .stack
            .last_mut()
            .and_then(inline_children)
            .and_then(|v| v.last_mut())
        {
            prev.push_str(t);
            return;
        }
        self.inline(Inline::Text(t.to_string()));
    }
}

/// The inline children of a frame that holds inline content.
fn inline_children(frame: &mut Frame) -> Option<&mut Vec<Inline>> {
    match frame {
        Frame::Paragraph(v)
        | Frame::Heading(_, v)
        | Frame::Item(_, v)
        | Frame::Cell(v)
        | Frame::Emph(v)
        | Frame::Strong(v)
        | Frame::Strike(v)
        | Frame::Link(_, v)
        | Frame::Image(v) => Some(v),
        _ => None,
    }
}

/// The plain text of a block (used to keep content when structure is lost).
pub fn block_text(block: &Block) -> String {
    let mut s = String::new();
    fn inl(i: &[Inline], s: &mut String) {
        for x in i {
            match x {
                Inline::Text(t) | Inline::Code(t) => s.push_str(t),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inl(c, s),
                Inline::Link { children, .. } => inl(children, s),
                Inline::Math { tree: Ok(t), .. } => s.push_str(&super::plain::math_text(t)),
                Inline::Math { source, .. } => s.push_str(source),
                Inline::Break => s.push(' '),
            }
        }
    }
    match block {
        Block::Paragraph(i) | Block::Heading(_, i) => inl(i, &mut s),
        Block::Code { text, .. } => s.push_str(text),
        Block::List { items, .. } => items
            .iter()
            .flatten()
            .for_each(|b| s.push_str(&block_text(b))),
        Block::Quote(b) => b.iter().for_each(|b| s.push_str(&block_text(b))),
        Block::Table { head, rows, .. } => {
            head.iter().for_each(|c| inl(c, &mut s));
            rows.iter().flatten().for_each(|c| inl(c, &mut s));
        }
        Block::Rule => {}
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn absurd_nesting_becomes_one_plain_paragraph() {
        let deep = ">".repeat(20_000) + " deep";
        assert_eq!(parse(&deep), vec![Block::Paragraph(vec![text("deep")])]);
        // Ordinary nesting is kept.
        let nested = "> > - a\n>   - b";
        assert!(matches!(parse(nested)[0], Block::Quote(_)));
    }

    #[test]
    fn raw_html_block_is_kept_as_visible_text() {
        let doc = parse("<img src=x onerror=alert(1)>");
        assert_eq!(
            doc,
            vec![Block::Paragraph(vec![text("<img src=x onerror=alert(1)>")])]
        );
    }

    #[test]
    fn inline_html_is_kept_as_visible_text() {
        let doc = parse("a <b onclick=x>bold</b> c");
        assert_eq!(
            doc,
            vec![Block::Paragraph(vec![text("a <b onclick=x>bold</b> c")])]
        );
    }

    #[test]
    fn javascript_link_loses_its_href_but_keeps_its_text() {
        let doc = parse("[click](javascript:alert(1))");
        assert_eq!(
            doc,
            vec![Block::Paragraph(vec![Inline::Link {
                href: None,
                children: vec![text("click")]
            }])]
        );
    }

    #[test]
    fn https_and_mailto_links_keep_their_href() {
        let doc = parse("[a](https://example.com/x) [b](mailto:a@b.c)");
        let Block::Paragraph(inl) = &doc[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(
            inl[0],
            Inline::Link {
                href: Some("https://example.com/x".into()),
                children: vec![text("a")]
            }
        );
        assert_eq!(
            inl[2],
            Inline::Link {
                href: Some("mailto:a@b.c".into()),
                children: vec![text("b")]
            }
        );
    }

    #[test]
    fn scheme_check_ignores_case_and_hidden_whitespace() {
        assert!(!is_safe_href("JaVa\tScRiPt:alert(1)"));
        assert!(!is_safe_href("data:text/html,<script>alert(1)</script>"));
        assert!(!is_safe_href("/relative/path"));
        assert!(!is_safe_href("vbscript:x"));
        assert!(is_safe_href("HTTPS://example.com"));
    }

    #[test]
    fn image_is_shown_as_alt_text_only() {
        let doc = parse("![a cat](https://tracker.example/p.gif)");
        assert_eq!(doc, vec![Block::Paragraph(vec![text("a cat")])]);
    }

    #[test]
    fn inline_and_display_math_are_parsed() {
        let doc = parse("Let $x^2$ be\n\n$$\\frac{1}{2}$$");
        let Block::Paragraph(first) = &doc[0] else {
            panic!()
        };
        assert!(
            matches!(&first[1], Inline::Math { display: false, tree: Ok(_), source } if source == "x^2")
        );
        let Block::Paragraph(second) = &doc[1] else {
            panic!()
        };
        assert!(matches!(
            &second[0],
            Inline::Math {
                display: true,
                tree: Ok(_),
                ..
            }
        ));
    }

    #[test]
    fn bad_math_keeps_its_source_and_error() {
        // (Unbalanced braces make pulldown-cmark treat `$` as text, so use an
        // unknown command.)
        let doc = parse("$\\frac{a}{\\oops}$");
        let Block::Paragraph(p) = &doc[0] else {
            panic!()
        };
        let Inline::Math {
            tree: Err(e),
            source,
            ..
        } = &p[0]
        else {
            panic!("{p:?}")
        };
        assert_eq!(source, "\\frac{a}{\\oops}");
        assert_eq!(e.message, "unknown or unsupported command `\\oops`");
    }

    #[test]
    fn headings_are_shifted_below_page_headings() {
        let doc = parse("# Big\n\n### Small");
        assert_eq!(doc[0], Block::Heading(3, vec![text("Big")]));
        assert_eq!(doc[1], Block::Heading(3, vec![text("Small")]));
    }

    #[test]
    fn lists_tables_and_code_keep_their_structure() {
        let doc =
            parse("- a\n- **b**\n\n| x | y |\n|---|--:|\n| 1 | 2 |\n\n```python\nprint(1)\n```");
        assert_eq!(
            doc[0],
            Block::List {
                start: None,
                items: vec![
                    vec![Block::Paragraph(vec![text("a")])],
                    vec![Block::Paragraph(vec![Inline::Strong(vec![text("b")])])],
                ]
            }
        );
        assert_eq!(
            doc[1],
            Block::Table {
                align: vec![Align::None, Align::Right],
                head: vec![vec![text("x")], vec![text("y")]],
                rows: vec![vec![vec![text("1")], vec![text("2")]]],
            }
        );
        assert_eq!(
            doc[2],
            Block::Code {
                lang: "python".into(),
                text: "print(1)\n".into()
            }
        );
    }

    #[test]
    fn escaped_dollar_is_text_not_math() {
        let doc = parse("costs \\$5 and \\$6");
        assert_eq!(doc, vec![Block::Paragraph(vec![text("costs $5 and $6")])]);
    }

    #[test]
    fn formulas_lists_every_formula_with_its_result() {
        let f = formulas("$a$ and $$\\bad$$");
        assert_eq!(f.len(), 2);
        assert!(f[0].1.is_ok());
        assert!(f[1].1.is_err());
    }
}
