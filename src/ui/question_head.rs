//! The top of a question page, shared by the full app's question page and
//! the first-load app's read-only question (`ui::upgrade`), so nothing
//! moves when the full app takes the page over.

use yew::prelude::*;

use crate::i18n::{difficulty, strings, Lang};

/// The top of a question: home link, topic and difficulty, and the heading
/// (its place in the practice order).
pub fn question_head(
    bank: &crate::bank::Bank,
    q: &crate::bank::Question,
    heading: String,
    lang: Lang,
) -> Html {
    let s = strings(lang);
    let topic_name = bank
        .topic(&q.topic)
        .map(|t| t.name.get(lang).to_string())
        .unwrap_or_default();
    html! {
        <>
            <nav class="crumbs" aria-label={s.home}>
                <a href="#/">{ s.home }</a>
                <span class="meta">{ topic_name }{ " · " }{ difficulty(lang, q.difficulty) }</span>
            </nav>
            <h1 id="q-title" tabindex="-1">{ heading }</h1>
        </>
    }
}
