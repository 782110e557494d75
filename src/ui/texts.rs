//! Where a question page's texts come from.
//!
//! A question page shows Markdown texts (prompt, answer, options, …), each
//! under a key (`prompt`, `kp.0`, `p.<part>.o.1`, see [`key`]). The build
//! and the app render them from the Markdown ([`Rendered`], which needs the
//! parser). The practice module has no parser: it takes over a static page
//! whose texts the build already rendered, and shows copies of those nodes
//! ([`Adopted`]). Each text is one element marked `data-t="<key>"`,
//! so both give the same DOM.

use std::rc::Rc;

use yew::prelude::*;

use super::rich_text::Markdown;
use crate::bank::Text;
use crate::i18n::Lang;

/// A source of a page's texts.
pub trait Texts {
    /// `text` as blocks (`<div class="md" data-t="key">`).
    fn block(&self, key: &str, text: &Text, lang: Lang) -> Html;
    /// `text` inline (`<span class="md-inline" data-t="key">`): option
    /// labels, key points, follow-up prompts.
    fn inline(&self, key: &str, text: &Text, lang: Lang) -> Html;
}

/// A shared [`Texts`]; equal only to itself, so props compare in O(1).
#[derive(Clone)]
pub struct TextsRef(pub Rc<dyn Texts>);

impl PartialEq for TextsRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl TextsRef {
    pub fn block(&self, key: &str, text: &Text, lang: Lang) -> Html {
        self.0.block(key, text, lang)
    }
    pub fn inline(&self, key: &str, text: &Text, lang: Lang) -> Html {
        self.0.inline(key, text, lang)
    }
}

/// Keys of a page's texts. The main slot's options are `q.o.<i>`; a
/// part's texts start with `p.<part id>`.
pub mod key {
    pub const PROMPT: &str = "prompt";
    pub const ANSWER: &str = "answer";
    pub const EXPLANATION: &str = "explanation";
    /// Key point `i` of an open question.
    pub fn key_point(i: usize) -> String {
        format!("kp.{i}")
    }
    /// Follow-up `i`'s prompt (`p`) or answer (`a`).
    pub fn follow_up(i: usize, which: char) -> String {
        format!("fu.{i}.{which}")
    }
    /// The prefix of a slot's own texts: `q` for the question's, else the part's.
    pub fn slot(part: Option<&str>) -> String {
        match part {
            None => "q".to_string(),
            Some(id) => format!("p.{id}"),
        }
    }
    /// A part's prompt and explanation.
    pub fn part_prompt(slot: &str) -> String {
        format!("{slot}.prompt")
    }
    pub fn part_explanation(slot: &str) -> String {
        format!("{slot}.why")
    }
    /// Option `i` of a choice slot, and why it is right or wrong.
    pub fn option(slot: &str, i: usize) -> String {
        format!("{slot}.o.{i}")
    }
    pub fn option_why(slot: &str, i: usize) -> String {
        format!("{slot}.o.{i}.why")
    }
    /// Item `i` of an ordering slot.
    pub fn item(slot: &str, i: usize) -> String {
        format!("{slot}.i.{i}")
    }
}

/// Texts rendered from their Markdown.
pub struct Rendered;

impl Texts for Rendered {
    fn block(&self, key: &str, text: &Text, lang: Lang) -> Html {
        html! { <Markdown source={AttrValue::from(text.get(lang).to_string())} mark={AttrValue::from(key.to_string())} /> }
    }
    fn inline(&self, key: &str, text: &Text, lang: Lang) -> Html {
        html! { <Markdown source={AttrValue::from(text.get(lang).to_string())} mark={AttrValue::from(key.to_string())} inline=true /> }
    }
}

impl Rendered {
    pub fn shared() -> TextsRef {
        TextsRef(Rc::new(Rendered))
    }
}

pub use adopted::Adopted;

mod adopted {
    use std::collections::BTreeMap;

    use wasm_bindgen::JsCast;
    use yew::prelude::*;

    use super::Texts;
    use crate::bank::Text;
    use crate::i18n::Lang;

    /// The static page's own text nodes: a copy of every element marked
    /// `data-t` under `root`, taken before the page is replaced. Copies,
    /// so the static page stays whole until the swap.
    pub struct Adopted {
        nodes: BTreeMap<String, web_sys::Node>,
    }

    impl Adopted {
        pub fn collect(root: &web_sys::Element) -> Adopted {
            let mut nodes = BTreeMap::new();
            if let Ok(list) = root.query_selector_all("[data-t]") {
                for i in 0..list.length() {
                    let Some(el) = list
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                    else {
                        continue;
                    };
                    if let (Some(k), Ok(copy)) =
                        (el.get_attribute("data-t"), el.clone_node_with_deep(true))
                    {
                        nodes.entry(k).or_insert(copy);
                    }
                }
            }
            Adopted { nodes }
        }

        /// No texts (a page without a static `#app`).
        pub fn empty() -> Adopted {
            Adopted {
                nodes: BTreeMap::new(),
            }
        }

        fn node(&self, key: &str) -> Html {
            match self.nodes.get(key) {
                Some(n) => Html::VRef(n.clone()),
                // The build writes every text of the page: a missing key
                // would be a build fault, shown as nothing rather than a
                // wrong text.
                None => Html::default(),
            }
        }
    }

    impl Texts for Adopted {
        fn block(&self, key: &str, _: &Text, _: Lang) -> Html {
            self.node(key)
        }
        fn inline(&self, key: &str, _: &Text, _: Lang) -> Html {
            self.node(key)
        }
    }
}
