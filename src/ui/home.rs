//! Home page: what the app is, how to start, and every topic with its
//! questions.

use yew::prelude::*;

use super::{fresh_seed, BankRef};
use crate::i18n::{difficulty, question_count, strings, Lang};
use crate::markup::markdown::{block_text, parse};
use crate::practice::ordered_ids;
use crate::route::{Order, Route};

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub bank: BankRef,
    pub lang: Lang,
}

/// First line of a Markdown prompt as plain text, cut at `max` characters.
pub fn summary(md: &str, max: usize) -> String {
    let text = parse(md).first().map(block_text).unwrap_or_default();
    if text.chars().count() <= max {
        text
    } else {
        text.chars().take(max).collect::<String>() + "…"
    }
}

#[function_component(Home)]
pub fn home(p: &HomeProps) -> Html {
    let s = strings(p.lang);
    let bank = &p.bank.0.bank;
    let lang = p.lang;
    let first = |order: Order| -> Option<String> {
        let id = ordered_ids(bank, &order).into_iter().next()?;
        Some(
            Route::Question {
                id,
                order,
                variant: None,
            }
            .to_hash(),
        )
    };
    // Drawn once per visit of the home page; the order is then fixed by the URL.
    let seed = use_state(fresh_seed);
    let shuffled = Order {
        seed: Some(*seed),
        topic: None,
        review: false,
    };
    html! {
        <>
            <section class="intro">
                <h1>{ bank.title.get(lang).to_string() }</h1>
                <p class="tagline">{ s.tagline }</p>
                <p class="start">
                    { for first(shuffled).map(|h| html! { <a class="button primary" href={h} data-testid="start">{ s.start_all }</a> }) }
                    { for first(Order::default()).map(|h| html! { <a class="button" href={h}>{ s.in_order }</a> }) }
                </p>
            </section>
            <section aria-labelledby="topics-h">
                <h2 id="topics-h">{ s.topics }</h2>
                <ul class="topics">
                { for bank.topics.iter().map(|t| {
                    let n = bank.count_in_topic(&t.id);
                    let order = Order { seed: None, topic: Some(t.id.clone()), review: false };
                    html! {
                        <li class="topic" data-testid="topic" data-topic={t.id.clone()}>
                            <div class="topic-head">
                                <h3>{ t.name.get(lang).to_string() }</h3>
                                <span class="count">{ question_count(lang, n) }</span>
                                { for first(order.clone()).map(|h| html! {
                                    <a class="button small" href={h} aria-label={format!("{} {}", s.practise_topic, t.name.get(lang))}>{ s.practise_topic }</a>
                                }) }
                            </div>
                            <ul class="question-list">
                            { for bank.questions.iter().filter(|q| q.topic == t.id).map(|q| {
                                let href = Route::Question { id: q.id.clone(), order: order.clone(), variant: None }.to_hash();
                                html! {
                                    <li><a href={href} data-qid={q.id.clone()}>
                                        <span class="q-summary">{ summary(q.prompt.get(lang), 90) }</span>
                                        <span class="q-meta">{ difficulty(lang, q.difficulty) }</span>
                                    </a></li>
                                }
                            }) }
                            </ul>
                        </li>
                    }
                }) }
                </ul>
            </section>
        </>
    }
}
