//! Home page: what the app is, how to start, the learner's day (due
//! questions and streak, once there is progress), the bank on screen, and
//! every topic with its questions.

use yew::prelude::*;

use super::nav::use_nav;
use super::store::StoreHandle;
use super::IndexRef;
use crate::i18n::{difficulty, question_count, streak_end, strings, Lang};
use crate::practice::ordered_ids;
use crate::route::{Order, Route};

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub index: IndexRef,
    pub lang: Lang,
    /// The shuffle seed of "Practise all": fresh for each visit in the
    /// browser, fixed in the static page.
    pub seed: u64,
    /// For a bank from elsewhere, the box that says where it came from
    /// (the app's); `None`: the built-in bank's box.
    #[prop_or_default]
    pub bank_box: Option<Html>,
}

#[function_component(Home)]
pub fn home(p: &HomeProps) -> Html {
    let s = strings(p.lang);
    let nav = use_nav();
    let index = &p.index.0;
    let lang = p.lang;
    let first = |order: Order| -> Option<Route> {
        let id = ordered_ids(index, &order).into_iter().next()?;
        Some(Route::Question {
            id,
            order,
            variant: None,
        })
    };
    let shuffled = Order {
        seed: Some(p.seed),
        topic: None,
        review: false,
    };
    html! {
        <>
            <section class="intro">
                <h1>{ index.title.get(lang).to_string() }</h1>
                <p class="tagline">{ s.tagline }</p>
                <p class="start">
                    { for first(shuffled).map(|r| html! { <a class="button primary" href={nav.href(&r)} data-testid="start">{ s.start_all }</a> }) }
                    { for first(Order::default()).map(|r| html! { <a class="button" href={nav.href(&r)}>{ s.in_order }</a> }) }
                    <a class="button" href={nav.href(&Route::Interview)} data-testid="home-interview">{ s.home_interview }</a>
                </p>
            </section>
            <TodayBox index={p.index.clone()} {lang} />
            { p.bank_box.clone().unwrap_or_else(|| builtin_box(index, lang)) }
            <section aria-labelledby="topics-h">
                <h2 id="topics-h">{ s.topics }</h2>
                <ul class="topics">
                { for index.topics.iter().map(|t| {
                    let n = index.count_in_topic(&t.id);
                    let order = Order { seed: None, topic: Some(t.id.clone()), review: false };
                    html! {
                        <li class="topic" data-testid="topic" data-topic={t.id.clone()}>
                            <div class="topic-head">
                                <h3>{ t.name.get(lang).to_string() }</h3>
                                <span class="count">{ question_count(lang, n) }</span>
                                { for first(order.clone()).map(|r| html! {
                                    <a class="button small" href={nav.href(&r)} aria-label={format!("{} {}", s.practise_topic, t.name.get(lang))}>{ s.practise_topic }</a>
                                }) }
                            </div>
                            <ul class="question-list">
                            { for index.questions.iter().filter(|q| q.topic == t.id).map(|q| {
                                let r = Route::Question { id: q.id.clone(), order: order.clone(), variant: None };
                                html! {
                                    <li><a href={nav.href(&r)} data-qid={q.id.clone()}>
                                        <span class="q-summary">{ q.summary.get(lang).to_string() }</span>
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

/// The built-in bank: its title, author and size, and where to open another.
fn builtin_box(index: &crate::bank::BankIndex, lang: Lang) -> Html {
    let s = strings(lang);
    html! {
        <section class="bank-box" aria-labelledby="bank-h">
            <h2 id="bank-h">{ s.bank_heading }</h2>
            <p data-testid="bank-meta">
                <strong data-testid="bank-title">{ index.title.get(lang).to_string() }</strong>
                { s.bank_by }<span data-testid="bank-author">{ index.author.clone() }</span>
                { s.bank_count_sep }<span data-testid="bank-count">{ question_count(lang, index.questions.len()) }</span>
            </p>
            <p class="actions">
                <a class="button" href="./?bank=" data-testid="own-bank">{ s.bank_use_own }</a>
            </p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TodayProps {
    index: IndexRef,
    lang: Lang,
}

/// The learner's day: questions due, new ones left, the streak and a link
/// to review; before any progress (and in the static page), a line saying
/// what will show here. The box keeps one height either way (CSS), so the
/// page does not move when the module fills it in.
#[function_component(TodayBox)]
fn today_box(p: &TodayProps) -> Html {
    let nav = use_nav();
    let store = use_context::<StoreHandle>();
    let lang = p.lang;
    let s = strings(lang);
    let index = &p.index.0;
    let today = store.as_ref().and_then(|store| {
        let bp = store.progress.banks.get(&index.id)?;
        let t = crate::progress::today(
            &index.ids(),
            bp,
            store.progress.settings.daily_limit,
            super::store::now_ms(),
            super::store::offset_min(),
        );
        (t.reviews > 0).then_some(t)
    });
    let review = html! {
        <a class="button" href={nav.href(&Route::Review)} data-testid="home-review">{ s.review_link }</a>
    };
    html! {
        <section class="today-box" aria-label={s.today_label} data-testid="today-box">
            { match today {
                Some(t) => html! {
                    <p>
                        { s.today_due }<strong data-testid="due-count">{ t.due }</strong>
                        { s.today_new }<strong data-testid="new-count">{ t.new }</strong>
                        { s.today_streak }<strong data-testid="streak">{ t.streak }</strong>
                        { streak_end(lang, t.streak) }
                    </p>
                },
                None => html! {
                    <p class="muted">{ s.today_empty }</p>
                },
            } }
            { review }
        </section>
    }
}
