//! The top of a question page: home link, topic and difficulty, and the
//! heading (the question's place in the practice order).

use yew::prelude::*;

use super::nav::Nav;
use crate::bank::{BankIndex, Question};
use crate::i18n::{difficulty, strings, Lang};
use crate::route::Route;

/// The top of a question.
pub fn question_head(
    index: &BankIndex,
    q: &Question,
    heading: String,
    lang: Lang,
    nav: &Nav,
) -> Html {
    let s = strings(lang);
    let topic_name = index
        .topic(&q.topic)
        .map(|t| t.name.get(lang).to_string())
        .unwrap_or_default();
    html! {
        <>
            <nav class="crumbs" aria-label={s.home}>
                <a href={nav.href(&Route::Home)}>{ s.home }</a>
                <span class="meta">{ topic_name }{ " · " }{ difficulty(lang, q.difficulty) }</span>
            </nav>
            <h1 id="q-title" tabindex="-1">{ heading }</h1>
        </>
    }
}
