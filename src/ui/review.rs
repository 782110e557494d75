//! `review/` (today's queue) and `stats/` (figures, reset, export and
//! import). The figures come from `crate::progress`; this is layout. Both
//! need the learner's progress: their static pages show the heading and a
//! loading line until the app takes them over.

use yew::prelude::*;

use super::nav::use_nav;
use super::store::{self, todays_queue, Action, StoreHandle};
use super::IndexRef;
use crate::bank::BankIndex;
use crate::i18n::{day_chart_label, import_preview, review_summary, strings, Lang};
use crate::progress::{self, BankProgress, TopicStats};
use crate::route::{Order, Route};

#[derive(Properties, PartialEq)]
pub struct PageProps {
    pub index: IndexRef,
    pub lang: Lang,
}

/// Question `id` in review mode (`?r=1`: "next" walks today's queue).
fn review_route(id: &str) -> Route {
    Route::Question {
        id: id.to_string(),
        order: Order {
            review: true,
            ..Order::default()
        },
        variant: None,
    }
}

/// A page's heading and a loading line: what the static page shows before
/// the app has read the learner's progress.
fn waiting(title: &str, lang: Lang) -> Html {
    html! {
        <section>
            <h1 id="q-title" tabindex="-1">{ title.to_string() }</h1>
            <p class="status" role="status">{ strings(lang).loading_progress }</p>
        </section>
    }
}

#[function_component(ReviewPage)]
pub fn review_page(p: &PageProps) -> Html {
    let store = use_context::<StoreHandle>();
    let nav = use_nav();
    let lang = p.lang;
    let s = strings(lang);
    let bank = &p.index.0;
    let Some(store) = store else {
        return waiting(s.review_title, lang);
    };
    let queue = todays_queue(bank, &store);
    let empty = BankProgress::default();
    let bp = store.progress.banks.get(&bank.id).unwrap_or(&empty);
    let cards = progress::cards(&bp.reviews);
    let due = queue
        .iter()
        .filter(|id| cards.contains_key(id.as_str()))
        .count();
    let limit = store.progress.settings.daily_limit;
    let on_limit = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            if let Ok(n) = v.trim().parse::<u32>() {
                store.dispatch(Action::SetLimit(n));
            }
        })
    };
    html! {
        <section class="review">
            <h1 id="q-title" tabindex="-1">{ s.review_title }</h1>
            <p data-testid="review-summary">{ review_summary(lang, queue.len(), due) }</p>
            <div class="field">
                <label for="daily-limit">{ s.daily_limit }</label>
                <input id="daily-limit" type="number" inputmode="numeric" min="1" max="500" value={limit.to_string()}
                    onchange={on_limit} data-testid="daily-limit" />
            </div>
            if let Some(first) = queue.first() {
                <p><a class="button primary" href={nav.href(&review_route(first))} data-testid="start-review">{ s.start_review }</a></p>
                <ol class="queue">{ for queue.iter().filter_map(|id| bank.question(id)).map(|q| html! {
                    <li><a href={nav.href(&review_route(&q.id))} data-qid={q.id.clone()}>{ q.summary.get(lang).to_string() }</a>
                        { if cards.contains_key(q.id.as_str()) { s.queue_due } else { s.queue_new } }</li>
                }) }</ol>
            } else {
                <p data-testid="review-done">{ s.review_done }</p>
            }
        </section>
    }
}

/// Reviews per day as an SVG bar chart (last 30 days).
fn chart(counts: &[usize], lang: Lang) -> Html {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let (w, h) = (300.0, 100.0);
    let bw = w / counts.len().max(1) as f64;
    let label = day_chart_label(lang, counts.len(), max);
    html! {
        <svg class="day-chart" viewBox={format!("0 0 {w} {}", h + 14.0)} role="img" aria-label={label} data-testid="day-chart">
            { for counts.iter().enumerate().map(|(i, &c)| {
                let bh = h * c as f64 / max as f64;
                html! { <rect x={format!("{:.2}", i as f64 * bw + 1.0)} y={format!("{:.2}", h - bh)} width={format!("{:.2}", bw - 2.0)} height={format!("{bh:.2}")} data-count={c.to_string()} /> }
            }) }
            <line x1="0" y1={h.to_string()} x2={w.to_string()} y2={h.to_string()} />
            <text x="0" y={(h + 12.0).to_string()} font-size="9">{ strings(lang).chart_start }</text>
            <text x={w.to_string()} y={(h + 12.0).to_string()} font-size="9" text-anchor="end">{ strings(lang).chart_end }</text>
        </svg>
    }
}

/// An import read from a file, waiting for the learner to confirm it: the
/// document and what merging it would add.
type PendingImport = Option<(progress::Progress, progress::MergeReport)>;

#[function_component(StatsPage)]
pub fn stats_page(p: &PageProps) -> Html {
    let store = use_context::<StoreHandle>();
    let confirm = use_state(|| None::<String>);
    let pending = use_state(|| PendingImport::None);
    let import_error = use_state(|| None::<String>);
    let lang = p.lang;
    let s = strings(lang);
    let bank = &p.index.0;
    let Some(store) = store else {
        return waiting(s.stats_title, lang);
    };
    let empty = BankProgress::default();
    let bp = store.progress.banks.get(&bank.id).unwrap_or(&empty);
    let (now, off) = (store::now_ms(), store::offset_min());
    let topics = topic_questions(bank);
    let per_topic = progress::topic_stats(&topics, bp, now);
    let retention = progress::retention(&bank.ids(), bp, now);
    let streak = progress::streak(bp, now, off);
    let days = progress::reviews_per_day(bp, now, off, 30);
    html! {
        <section class="stats">
            <h1 id="q-title" tabindex="-1">{ s.stats_title }</h1>
            { figures(bp.reviews.len(), streak, retention, lang) }
            { chart(&days, lang) }
            { topic_table(bank, &topics, &per_topic, &confirm, &store, lang) }
            { export_import(&store, &pending, &import_error, lang) }
        </section>
    }
}

/// Each topic's id and its questions' ids, in the bank's order.
fn topic_questions(bank: &BankIndex) -> Vec<(String, Vec<String>)> {
    bank.topics
        .iter()
        .map(|tp| {
            (
                tp.id.clone(),
                bank.questions
                    .iter()
                    .filter(|q| q.topic == tp.id)
                    .map(|q| q.id.clone())
                    .collect(),
            )
        })
        .collect()
}

/// The headline figures: reviews, streak, estimated retention.
fn figures(total: usize, streak: usize, retention: Option<f64>, lang: Lang) -> Html {
    let s = strings(lang);
    html! {
        <dl class="results">
            <dt>{ s.total_reviews }</dt><dd data-testid="total-reviews">{ total }</dd>
            <dt>{ s.streak_days }</dt><dd data-testid="streak">{ streak }</dd>
            <dt>{ s.retention }</dt>
            <dd data-testid="retention">{ retention.map(|r| format!("{:.0}%", r * 100.0)).unwrap_or_else(|| "—".into()) }</dd>
        </dl>
    }
}

/// Per topic: accuracy, due and new questions, and a reset that asks
/// first (`confirm`: the topic asking).
fn topic_table(
    bank: &BankIndex,
    topics: &[(String, Vec<String>)],
    per_topic: &[TopicStats],
    confirm: &UseStateHandle<Option<String>>,
    store: &StoreHandle,
    lang: Lang,
) -> Html {
    let s = strings(lang);
    html! {
        <div class="table-wrap">
            <table class="topic-stats">
                <thead><tr>
                    <th scope="col">{ s.col_topic }</th>
                    <th scope="col">{ s.col_accuracy }</th>
                    <th scope="col">{ s.col_due }</th>
                    <th scope="col">{ s.col_new }</th>
                    <th scope="col"><span class="visually-hidden">{ s.reset }</span></th>
                </tr></thead>
                <tbody>{ for per_topic.iter().zip(topics).map(|(stats, (_, ids))| topic_row(bank, stats, ids, confirm, store, lang)) }</tbody>
            </table>
        </div>
    }
}

/// One topic's row of [`topic_table`].
fn topic_row(
    bank: &BankIndex,
    stats: &TopicStats,
    ids: &[String],
    confirm: &UseStateHandle<Option<String>>,
    store: &StoreHandle,
    lang: Lang,
) -> Html {
    let s = strings(lang);
    let name = bank
        .topic(&stats.topic)
        .map(|tp| tp.name.get(lang).to_string())
        .unwrap_or_default();
    let asking = confirm.as_deref() == Some(stats.topic.as_str());
    let on_reset = {
        let (confirm, topic) = (confirm.clone(), stats.topic.clone());
        Callback::from(move |_: MouseEvent| confirm.set(Some(topic.clone())))
    };
    let on_confirm = {
        let (confirm, store, ids, bank_id) = (
            confirm.clone(),
            store.clone(),
            ids.to_vec(),
            bank.id.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::ResetTopic {
                bank: bank_id.clone(),
                questions: ids.clone(),
            });
            confirm.set(None);
        })
    };
    let on_keep = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| confirm.set(None))
    };
    html! {
        <tr data-topic={stats.topic.clone()}>
            <th scope="row">{ name }</th>
            <td data-testid="accuracy">{ if stats.graded == 0 { "—".to_string() } else { format!("{}/{}", stats.correct, stats.graded) } }</td>
            <td data-testid="due">{ stats.due }</td>
            <td>{ stats.new }</td>
            <td>
                if asking {
                    <button class="button danger" data-testid="confirm-reset" onclick={on_confirm}>{ s.confirm_reset }</button>
                    <button class="button" onclick={on_keep}>{ s.cancel }</button>
                } else {
                    <button class="button" data-testid="reset-topic" onclick={on_reset}>{ s.reset }</button>
                }
            </td>
        </tr>
    }
}

/// Export, import (a preview to merge or cancel; an error that says why
/// not) and undo of the last import.
fn export_import(
    store: &StoreHandle,
    pending: &UseStateHandle<PendingImport>,
    import_error: &UseStateHandle<Option<String>>,
    lang: Lang,
) -> Html {
    let s = strings(lang);
    let export = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store::download(
                "ai-interview-lab-progress.json",
                &progress::write(&store.progress),
            )
        })
    };
    let apply = {
        let (pending, store) = (pending.clone(), store.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((p, _)) = (*pending).clone() {
                store.dispatch(Action::Import(p));
            }
            pending.set(None);
        })
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    let undo = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::UndoImport))
    };
    html! {
        <>
            <h2>{ s.export_import }</h2>
            <p>{ s.export_help }</p>
            <p class="actions">
                <button class="button" data-testid="export" onclick={export}>{ s.export }</button>
                <label class="button file-button">
                    { s.import_file }
                    <input type="file" accept="application/json,.json" data-testid="import-file" onchange={read_import(store, pending, import_error)} />
                </label>
                if store.before_import.is_some() {
                    <button class="button" data-testid="undo-import" onclick={undo}>{ s.undo_import }</button>
                }
            </p>
            { for (**import_error).clone().map(|e| html! { <p class="answer-error" role="alert" data-testid="import-error">{ s.cannot_import }{ e }</p> }) }
            { for (**pending).clone().map(|(_, r)| html! {
                <div class="import-preview" role="status" data-testid="import-preview">
                    <p>{ import_preview(lang, &r) }</p>
                    <button class="button primary" data-testid="apply-import" onclick={apply.clone()}>{ s.merge }</button>
                    <button class="button" onclick={cancel.clone()}>{ s.cancel }</button>
                </div>
            }) }
        </>
    }
}

/// Reads a picked progress file: its merge preview into `pending`, or why
/// it cannot be imported into `import_error`.
fn read_import(
    store: &StoreHandle,
    pending: &UseStateHandle<PendingImport>,
    import_error: &UseStateHandle<Option<String>>,
) -> Callback<Event> {
    let (pending, import_error, store) = (pending.clone(), import_error.clone(), store.clone());
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let (pending, import_error, current) = (
            pending.clone(),
            import_error.clone(),
            store.progress.clone(),
        );
        wasm_bindgen_futures::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            match text.map(|t| progress::parse_import(&t)) {
                Some(Ok(p)) => {
                    let report = progress::merge(&current, &p).1;
                    import_error.set(None);
                    pending.set(Some((p, report)));
                }
                Some(Err(why)) => import_error.set(Some(why)),
                None => import_error.set(Some("the file could not be read as text".into())),
            }
        });
        input.set_value("");
    })
}
