//! Renders Markdown and math trees as DOM nodes, element by element.
//!
//! Every string from content ends up as a text node or an attribute value
//! (only `href`, and only after [`crate::markup::markdown::is_safe_href`]);
//! nothing is ever parsed as HTML.

use yew::prelude::*;
use yew::virtual_dom::VTag;

use crate::markup::latex::{tag_name, MathNode};
use crate::markup::markdown::{self, Align, Block, Inline};

#[derive(Properties, PartialEq)]
pub struct MarkdownProps {
    /// Markdown source with `$...$` / `$$...$$` math.
    pub source: AttrValue,
    /// The text's key on its page (`data-t`, see `ui::texts`).
    #[prop_or_default]
    pub mark: Option<AttrValue>,
    /// Inline content: one paragraph is unwrapped into a `<span>`.
    #[prop_or_default]
    pub inline: bool,
}

/// Markdown text as nodes, in one element: `div.md`, or `span.md-inline`
/// for inline text of one paragraph.
#[function_component(Markdown)]
pub fn markdown_view(props: &MarkdownProps) -> Html {
    let blocks = use_memo(props.source.clone(), |s| markdown::parse(s));
    let mark = props.mark.clone();
    if props.inline {
        if let [Block::Paragraph(inl)] = blocks.as_slice() {
            return html! { <span class="md-inline" data-t={mark}>{ inlines(inl) }</span> };
        }
    }
    html! { <div class="md" data-t={mark}>{ for blocks.iter().map(block) }</div> }
}

fn inlines(v: &[Inline]) -> Html {
    html! { <>{ for v.iter().map(inline) }</> }
}

/// One block.
pub fn block(b: &Block) -> Html {
    match b {
        Block::Paragraph(v) => html! { <p>{ inlines(v) }</p> },
        Block::Heading(level, v) => {
            let mut tag = VTag::new(match level {
                3 => "h3",
                4 => "h4",
                5 => "h5",
                _ => "h6",
            });
            tag.add_child(inlines(v));
            tag.into()
        }
        Block::Code { lang, text } => html! {
            <pre class="code" tabindex="0"><code data-lang={lang.clone()}>{ text.clone() }</code></pre>
        },
        Block::List { start: None, items } => html! {
            <ul>{ for items.iter().map(|it| html! { <li>{ for it.iter().map(block) }</li> }) }</ul>
        },
        Block::List {
            start: Some(n),
            items,
        } => html! {
            <ol start={n.to_string()}>{ for items.iter().map(|it| html! { <li>{ for it.iter().map(block) }</li> }) }</ol>
        },
        Block::Quote(v) => html! { <blockquote>{ for v.iter().map(block) }</blockquote> },
        Block::Table { align, head, rows } => {
            let class = |i: usize| match align.get(i) {
                Some(Align::Right) => "r",
                Some(Align::Center) => "c",
                _ => "",
            };
            html! {
                <div class="table-wrap" tabindex="0">
                    <table>
                        <thead><tr>{ for head.iter().enumerate().map(|(i, c)| html! { <th class={class(i)}>{ inlines(c) }</th> }) }</tr></thead>
                        <tbody>{ for rows.iter().map(|r| html! {
                            <tr>{ for r.iter().enumerate().map(|(i, c)| html! { <td class={class(i)}>{ inlines(c) }</td> }) }</tr>
                        }) }</tbody>
                    </table>
                </div>
            }
        }
        Block::Rule => html! { <hr /> },
    }
}

/// One inline element.
pub fn inline(i: &Inline) -> Html {
    match i {
        Inline::Text(t) => html! { { t.clone() } },
        Inline::Code(t) => html! { <code>{ t.clone() }</code> },
        Inline::Emph(v) => html! { <em>{ inlines(v) }</em> },
        Inline::Strong(v) => html! { <strong>{ inlines(v) }</strong> },
        Inline::Strike(v) => html! { <del>{ inlines(v) }</del> },
        // The parser already refused other schemes; checked again here so
        // that the rule is visible where links are made.
        Inline::Link {
            href: Some(href),
            children,
        } if markdown::is_safe_href(href) => html! {
            <a href={href.clone()} rel="noopener noreferrer" target="_blank">{ inlines(children) }</a>
        },
        Inline::Link { children, .. } => {
            html! { <span class="link-refused">{ inlines(children) }</span> }
        }
        Inline::Break => html! { <br /> },
        Inline::Math {
            display,
            tree: Ok(node),
            source,
        } => math(node, *display, source),
        Inline::Math {
            tree: Err(e),
            source,
            ..
        } => html! {
            <code class="math-error" title={e.to_string()}>{ source.clone() }</code>
        },
    }
}

/// A `<math>` element, wrapped in a span that scrolls sideways when the
/// formula is wider than a phone screen (a `<math>` cannot wrap).
/// `alttext` keeps the source for copy and assistive tech.
pub fn math(node: &MathNode, display: bool, source: &str) -> Html {
    let mut tag = VTag::new("math");
    if display {
        tag.add_attribute("display", "block");
    }
    tag.add_attribute("alttext", source.to_string());
    tag.add_child(math_node(node));
    let class = if display {
        "math-scroll block"
    } else {
        "math-scroll"
    };
    html! { <span class={class}>{ Html::from(tag) }</span> }
}

fn math_node(n: &MathNode) -> Html {
    let mut tag = VTag::new(tag_name(n));
    for (name, value) in crate::markup::latex::attributes(n) {
        tag.add_attribute(name, value);
    }
    match n {
        MathNode::Row(items) => items.iter().for_each(|c| tag.add_child(math_node(c))),
        MathNode::Ident { text: t, .. }
        | MathNode::Operator { text: t, .. }
        | MathNode::Number(t)
        | MathNode::Text(t) => tag.add_child(html! { { t.clone() } }),
        MathNode::Space(w) => tag.add_attribute("width", crate::markup::latex::em(*w)),
        MathNode::Frac(a, b)
        | MathNode::Root(a, b)
        | MathNode::Sub(a, b)
        | MathNode::Sup(a, b)
        | MathNode::Under(a, b)
        | MathNode::Over(a, b) => {
            tag.add_child(math_node(a));
            tag.add_child(math_node(b));
        }
        MathNode::Sqrt(a) => tag.add_child(math_node(a)),
        MathNode::SubSup(a, b, c) | MathNode::UnderOver(a, b, c) => {
            tag.add_child(math_node(a));
            tag.add_child(math_node(b));
            tag.add_child(math_node(c));
        }
        MathNode::Enclose(body, _) => tag.add_child(math_node(body)),
        MathNode::Binom(n, k) => {
            // (n over k): a fraction without its rule, in parentheses.
            tag.add_child(math_node(n));
            tag.add_child(math_node(k));
            let mut row = VTag::new("mrow");
            row.add_child(html! { <mo fence="true">{ "(" }</mo> });
            row.add_child(tag.into());
            row.add_child(html! { <mo fence="true">{ ")" }</mo> });
            return row.into();
        }
        MathNode::Accent(base, acc) => {
            tag.add_child(math_node(base));
            tag.add_child(html! { <mo>{ acc.clone() }</mo> });
        }
        MathNode::Table {
            rows, open, close, ..
        } => {
            for r in rows {
                let mut tr = VTag::new("mtr");
                for c in r {
                    let mut td = VTag::new("mtd");
                    td.add_child(math_node(c));
                    tr.add_child(td.into());
                }
                tag.add_child(tr.into());
            }
            let mut row = VTag::new("mrow");
            if !open.is_empty() {
                row.add_child(html! { <mo fence="true">{ open.clone() }</mo> });
            }
            row.add_child(tag.into());
            if !close.is_empty() {
                row.add_child(html! { <mo fence="true">{ close.clone() }</mo> });
            }
            return row.into();
        }
    }
    tag.into()
}
