//! Home page: what the app is, how to start, and every topic with its
//! questions.

use yew::prelude::*;

use super::{fresh_seed, BankRef};
use crate::i18n::{difficulty, question_count, strings, Lang};
use crate::markup::compiled::first_block_text;
use crate::practice::ordered_ids;
use crate::route::{Order, Route};

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub bank: BankRef,
    pub lang: Lang,
    /// Where the bank came from and how to change it (absent in tests and embeds).
    #[prop_or_default]
    pub source: Option<super::app::BankSource>,
}

/// Reads the first file of a picker or a drop and hands `(name, text)` on.
fn read_file(file: web_sys::File, on_file: Callback<(String, String)>) {
    let name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string());
        on_file.emit((name, text.unwrap_or_default()));
    });
}

/// The bank's title, author and size, and the controls to use another one.
fn bank_box(
    bank: &crate::bank::Bank,
    lang: Lang,
    source: &super::app::BankSource,
    dragging: UseStateHandle<bool>,
) -> Html {
    let zh = lang == Lang::Zh;
    let on_change = {
        let on_file = source.on_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|l| l.get(0)) {
                read_file(f, on_file.clone());
            }
            input.set_value("");
        })
    };
    let over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let drop = {
        let (on_file, dragging) = (source.on_file.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(f) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|l| l.get(0))
            {
                read_file(f, on_file.clone());
            }
        })
    };
    let builtin = {
        let cb = source.on_builtin.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class={classes!("bank-box", (*dragging).then_some("dragging"))} ondragover={over} ondragleave={leave} ondrop={drop}
            aria-labelledby="bank-h">
            <h2 id="bank-h">{ if zh { "题库" } else { "Question bank" } }</h2>
            <p data-testid="bank-meta">
                <strong data-testid="bank-title">{ bank.title.get(lang).to_string() }</strong>
                { if zh { "，作者 " } else { ", by " } }<span data-testid="bank-author">{ bank.author.clone() }</span>
                { if zh { "，" } else { ", " } }<span data-testid="bank-count">{ question_count(lang, bank.questions.len()) }</span>
                { if source.from_file { if zh { "（来自文件）" } else { " (from a file)" } } else if source.from_url.is_some() { if zh { "（来自网址）" } else { " (from a URL)" } } else { "" } }
            </p>
            <p class="actions">
                <label class="button file-button">
                    { if zh { "打开题库文件…" } else { "Open a bank file…" } }
                    <input type="file" accept="application/json,.json" data-testid="bank-file" onchange={on_change} />
                </label>
                if source.from_file {
                    <button class="button" data-testid="builtin-bank" onclick={builtin}>{ if zh { "回到内置题库" } else { "Back to the built-in bank" } }</button>
                }
            </p>
            <p class="hint">
                { if zh { "也可以把 JSON 文件拖到这里，或者用 ?bank=https://… 打开网上的题库。格式：" }
                  else { "You can also drop a JSON file here, or open a bank on the web with ?bank=https://…. The format: " } }
                <a href="static/bank.schema.json" data-testid="schema-link">{ if zh { "JSON Schema" } else { "its JSON Schema" } }</a>
                { if zh { "（作者指南在仓库的 docs/authoring.md）。" } else { " (the authoring guide is docs/authoring.md in the repository)." } }
            </p>
            { for source.file_error.clone().map(|e| html! { <p class="answer-error" role="alert" data-testid="bank-file-error">{ e }</p> }) }
        </section>
    }
}

/// First line of a Markdown prompt as plain text, cut at `max` characters.
pub fn summary(md: &str, max: usize) -> String {
    let text = first_block_text(md);
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
    let dragging = use_state(|| false);
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
            { for p.source.as_ref().map(|src| bank_box(bank, lang, src, dragging.clone())) }
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
