//! One question: prompt, answer input, reveal, model answer, deep dive,
//! follow-ups, auto-graded parts, and previous/next within the order.
//!
//! The same component renders the build's static page (`prerender`: with
//! the texts a learner sees only after answering, in `<details>` for
//! readers without script), the practice module's page (texts adopted from
//! that static page) and the app's (texts rendered from Markdown).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::embed::EmbedCode;
use super::nav::{use_nav, Nav};
use super::question_head::question_head;
use super::slot_view::SlotView;
use super::store::{Action as StoreAction, StoreHandle};
use super::texts::{key, TextsRef};
use super::IndexRef;
use crate::bank::{Kind, Question};
use crate::i18n::{position, strings, Lang};
use crate::practice::{key_command, ordered_ids, Action, KeyCommand, QuestionState};
use crate::progress::{Outcome, Review};
use crate::route::{Order, Route};

/// The variant on screen of a question with generated slots.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// The seed it was drawn from (`?seed=`).
    pub seed: u64,
    /// Per slot (0 the question, 1.. its parts): the lab route that shows
    /// this variant's computation, if any.
    pub labs: Vec<Option<String>>,
}

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub index: IndexRef,
    /// The question, its generated slots drawn; `None`: the bank has no `id`.
    pub question: Option<Rc<Question>>,
    pub id: AttrValue,
    pub texts: TextsRef,
    pub lang: Lang,
    pub order: Order,
    /// Set for a question with generated slots.
    #[prop_or_default]
    pub drawn: Option<Drawn>,
    /// Rendered inside an embed: links stay embed links, no focus moves (it
    /// would scroll the host page), no embed-code box.
    #[prop_or_default]
    pub embed: bool,
    /// The build's static page: the texts shown after answering are written
    /// too, in `<details>` that only readers without script see.
    #[prop_or_default]
    pub prerender: bool,
    /// What a learner had done on the static page before this took it over
    /// (typed answers, an opened answer).
    #[prop_or_default]
    pub initial: Option<QuestionState>,
}

/// Yew glue: the transition itself is [`QuestionState::apply`].
#[derive(PartialEq)]
struct Reduced(QuestionState);

impl Reducible for Reduced {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Reduced(self.0.apply(action)))
    }
}

/// A question's route in `order`, in an embed when `embed`.
fn question_route(id: &str, order: &Order, variant: Option<u64>, embed: bool) -> Route {
    Route::Question {
        id: id.to_string(),
        order: order.clone(),
        variant,
    }
    .embedded_if(embed)
}

#[function_component(QuestionPage)]
pub fn question_page(p: &QuestionProps) -> Html {
    let lang = p.lang;
    let s = strings(lang);
    let nav = use_nav();
    let store = use_context::<StoreHandle>();
    let recorder = Recorder {
        store: store.clone(),
        bank: p.index.0.id.clone(),
        question: p.question.clone(),
        seed: p.drawn.as_ref().map(|d| d.seed),
    };
    let state = use_question_state(p.question.clone(), p.initial.clone());
    let place = place_in_order(p, store.as_ref());
    let (prev, next) = (place.previous, place.next);
    use_focus_heading(p.id.clone(), p.embed);
    use_keys(&state, &recorder, &nav, prev.clone(), next.clone());

    let Some(q) = p.question.clone() else {
        return html! {
            <section class="load-error" role="alert">
                <h1 id="q-title" tabindex="-1">{ s.not_found }<code>{ p.id.to_string() }</code></h1>
                <p><a href={nav.href(&Route::Home)}>{ s.home }</a></p>
            </section>
        };
    };
    let st = &state.0;
    let on_action = {
        let d = state.dispatcher();
        let (recorder, snapshot) = (recorder.clone(), st.clone());
        Callback::from(move |a: Action| {
            recorder.note(&a, &snapshot);
            d.dispatch(a)
        })
    };
    let heading = place.heading;
    let texts = &p.texts;
    let main_slot = key::slot(None);

    html! {
        <article class="question" data-qid={q.id.clone()}>
            { question_head(&p.index.0, &q, heading, lang, &nav) }
            { for p.drawn.as_ref().map(|d| variant_bar(&q.id, &p.order, d.seed, lang, p.embed, &nav)) }
            <div class="prompt" data-testid="question-prompt">{ texts.block(key::PROMPT, &q.prompt, lang) }</div>

            if !st.is_open() {
                <SlotView slot={0} dom_id="main" kind={q.kind.clone()} state={st.slots[0].clone()} {lang}
                    texts={texts.clone()} prefix={main_slot.clone()} on_action={on_action.clone()} />
                if matches!(&st.slots[0].result, Some(Ok(g)) if g.verdict == crate::grade::Verdict::Correct) {
                    { confidence(&recorder, lang) }
                }
            }

            if !st.revealed {
                <button class="button primary reveal needs-js" data-testid="reveal"
                    onclick={{ let d = state.dispatcher(); Callback::from(move |_| d.dispatch(Action::Reveal)) }}>{ s.reveal }</button>
                if p.prerender {
                    <details class="static-only static-answer">
                        <summary>{ s.reveal }</summary>
                        { answer_section(&q, texts, lang, None) }
                    </details>
                }
            } else {
                { answer_section(&q, texts, lang, Some(Rating { rating: st.rating, on_action: on_action.clone() })) }
            }

            if !q.parts.is_empty() {
                { parts(&q, p, st, &on_action, &nav) }
            }
            if p.prerender && !matches!(q.kind, Kind::Open { .. }) {
                { super::slot_view::static_explanation(&q.kind, None, texts, &main_slot, lang) }
            }

            { lab_links(&q.id, lang, &nav) }

            { pager(prev.as_ref(), next.as_ref(), &nav, lang) }
            <p class="hint needs-js">{ s.keyboard_hint }</p>
            if !p.embed {
                <EmbedCode target={format!("q/{}", q.id)} {lang} />
            }
        </article>
    }
}

/// The question's state: what the learner did on the static page
/// (`initial`), else a fresh one.
#[hook]
fn use_question_state(
    question: Option<Rc<Question>>,
    initial: Option<QuestionState>,
) -> UseReducerHandle<Reduced> {
    use_reducer(move || {
        Reduced(match (initial, &question) {
            (Some(s), _) => s,
            (None, Some(q)) => QuestionState::new(q),
            (None, None) => QuestionState::empty(),
        })
    })
}

/// Where a question stands in its order: the heading ("Question 3 of
/// 33", empty outside the order) and the routes before and after it.
struct Place {
    heading: String,
    previous: Option<Route>,
    next: Option<Route>,
}

/// The page's [`Place`] in its order, or in today's queue in review mode.
fn place_in_order(p: &QuestionProps, store: Option<&StoreHandle>) -> Place {
    let ids = match (store, p.order.review) {
        (Some(store), true) => super::store::todays_queue(&p.index.0, store),
        _ => ordered_ids(&p.index.0, &p.order),
    };
    let pos = crate::practice::position(&ids, &p.id);
    let route_of = |id: &String| question_route(id, &p.order, None, p.embed);
    let previous = pos.as_ref().and_then(|x| x.previous.as_ref()).map(route_of);
    // In review mode a rated question leaves the queue: go on with the first left.
    let next = match (&pos, p.order.review) {
        (Some(x), _) => x.next.as_ref().map(route_of),
        (None, true) => ids.iter().find(|x| **x != *p.id).map(route_of),
        (None, false) => None,
    };
    let heading = match &pos {
        Some(x) => position(p.lang, x.index, x.total),
        None => String::new(),
    };
    Place {
        heading,
        previous,
        next,
    }
}

/// Moves focus to the question heading when a question opens (screen
/// readers announce it; keyboard users start from the top); not in an
/// embed, where it would scroll the host page.
#[hook]
fn use_focus_heading(id: AttrValue, embed: bool) {
    use_effect_with(id, move |_| {
        if embed {
            return;
        }
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("q-title"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The auto-graded parts ("Check yourself"), each with its answer slot
/// and, for a drawn variant, a link to its numbers in a lab.
fn parts(
    q: &Question,
    p: &QuestionProps,
    st: &QuestionState,
    on_action: &Callback<Action>,
    nav: &Nav,
) -> Html {
    let (lang, texts) = (p.lang, &p.texts);
    let s = strings(lang);
    html! {
        <section class="parts" aria-labelledby="h-parts">
            <h2 id="h-parts">{ s.check_yourself }</h2>
            { for q.parts.iter().enumerate().map(|(i, part)| {
                let slot = key::slot(Some(&part.id));
                html! {
                    <section class="part" data-testid="part" data-part={part.id.clone()}>
                        <div class="part-prompt">{ texts.block(&key::part_prompt(&slot), &part.prompt, lang) }</div>
                        <SlotView slot={i + 1} dom_id={format!("part-{}", part.id)} kind={part.kind.clone()}
                            state={st.slots[i + 1].clone()} {lang} explanation={Some(part.explanation.clone())}
                            texts={texts.clone()} prefix={slot.clone()} on_action={on_action.clone()} />
                        if p.prerender {
                            { super::slot_view::static_explanation(&part.kind, Some(&part.explanation), texts, &slot, lang) }
                        }
                        { for p.drawn.as_ref().and_then(|d| d.labs.get(i + 1).cloned().flatten()).map(|route| html! {
                            <p class="variant-lab"><a href={lab_href(nav, &route)} data-testid="variant-lab">
                                { s.variant_in_lab }
                            </a></p>
                        }) }
                    </section>
                }
            }) }
        </section>
    }
}

/// Previous and next in the order; after the last, home.
fn pager(prev: Option<&Route>, next: Option<&Route>, nav: &Nav, lang: Lang) -> Html {
    let s = strings(lang);
    html! {
        <nav class="pager" aria-label={s.next}>
            { match prev {
                Some(r) => html! { <a class="button" href={nav.href(r)} rel="prev" data-testid="previous">{ "← " }{ s.previous }</a> },
                None => html! { <span class="button disabled" aria-hidden="true">{ "← " }{ s.previous }</span> },
            } }
            { match next {
                Some(r) => html! { <a class="button primary" href={nav.href(r)} rel="next" data-testid="next">{ s.next }{ " →" }</a> },
                None => html! { <a class="button" href={nav.href(&Route::Home)} data-testid="next">{ s.home }</a> },
            } }
        </nav>
    }
}

/// A lab route (`slug?query`) as a link on this page.
fn lab_href(nav: &Nav, route: &str) -> String {
    let (slug, query) = route.split_once('?').unwrap_or((route, ""));
    nav.href(&Route::Lab {
        slug: slug.to_string(),
        query: query.to_string(),
    })
}

/// The self-grade buttons of a revealed open question.
struct Rating {
    rating: Option<u8>,
    on_action: Callback<Action>,
}

/// The model answer, key points, deep dive and follow-ups; with the
/// self-grade buttons once revealed (`rating`), without them on the static
/// page.
fn answer_section(q: &Question, texts: &TextsRef, lang: Lang, rating: Option<Rating>) -> Html {
    let s = strings(lang);
    html! {
        <section class="answer" aria-labelledby="h-answer">
            <h2 id="h-answer">{ s.quick_answer }</h2>
            { texts.block(key::ANSWER, &q.answer, lang) }
            if let Kind::Open { key_points } = &q.kind {
                <h2>{ s.key_points }</h2>
                <ul class="key-points">{ for key_points.iter().enumerate().map(|(i, k)| html! {
                    <li>{ texts.inline(&key::key_point(i), k, lang) }</li>
                }) }</ul>
                { for rating.map(|r| rating_buttons(r, lang)) }
            }
            <h2>{ s.deep_dive }</h2>
            { texts.block(key::EXPLANATION, &q.explanation, lang) }
            if !q.follow_ups.is_empty() {
                <h2>{ s.follow_ups }</h2>
                { for q.follow_ups.iter().enumerate().map(|(i, f)| html! {
                    <details class="follow-up">
                        <summary><span>{ texts.inline(&key::follow_up(i, 'p'), &f.prompt, lang) }</span></summary>
                        { texts.block(&key::follow_up(i, 'a'), &f.answer, lang) }
                    </details>
                }) }
            }
        </section>
    }
}

/// Keyboard practice: Space/Enter reveal, 1-4 rate or pick, arrows walk.
#[hook]
fn use_keys(
    state: &UseReducerHandle<Reduced>,
    recorder: &Recorder,
    nav: &Nav,
    prev: Option<Route>,
    next: Option<Route>,
) {
    let dispatcher = state.dispatcher();
    let snapshot = state.0.clone();
    let (recorder, nav) = (recorder.clone(), nav.clone());
    use_effect_with((snapshot, prev, next), move |(snapshot, prev, next)| {
        let (snapshot, prev, next) = (snapshot.clone(), prev.clone(), next.clone());
        let listener = super::on_shortcut(move |e, key| match key_command(key, &snapshot) {
            Some(KeyCommand::Do(a)) => {
                e.prevent_default();
                let submit_single = matches!(a, Action::Pick { .. })
                    && matches!(snapshot.kinds.first(), Some(Kind::Single { .. }));
                recorder.note(&a, &snapshot);
                let after = snapshot.apply(a.clone());
                dispatcher.dispatch(a);
                if submit_single {
                    recorder.note(&Action::Submit { slot: 0 }, &after);
                    dispatcher.dispatch(Action::Submit { slot: 0 });
                }
            }
            Some(KeyCommand::Next) => {
                if let Some(r) = &next {
                    nav.go(r);
                }
            }
            Some(KeyCommand::Previous) => {
                if let Some(r) = &prev {
                    nav.go(r);
                }
            }
            None => {}
        });
        move || drop(listener)
    });
}

/// Records reviews in the progress store as the learner answers.
#[derive(Clone)]
struct Recorder {
    store: Option<StoreHandle>,
    bank: String,
    question: Option<Rc<Question>>,
    seed: Option<u64>,
}

impl Recorder {
    /// Records what `action` does to `before`: a graded answer (question or
    /// part) or the self-grade of an open question.
    fn note(&self, action: &Action, before: &QuestionState) {
        let (Some(store), Some(q)) = (&self.store, &self.question) else {
            return;
        };
        let (slot, outcome, rating) = match action {
            Action::Submit { slot } => {
                let after = before.apply(action.clone());
                let Some(Some(Ok(g))) = after.slots.get(*slot).map(|s| s.result.clone()) else {
                    return;
                };
                let correct = g.verdict == crate::grade::Verdict::Correct;
                let outcome = if correct {
                    Outcome::Correct
                } else {
                    Outcome::Incorrect
                };
                (*slot, outcome, crate::progress::auto_rating(correct, false))
            }
            Action::Rate(r) if before.is_open() && (1..=4).contains(r) => {
                (0, Outcome::SelfGraded, *r)
            }
            _ => return,
        };
        let part = if slot == 0 {
            String::new()
        } else {
            q.parts
                .get(slot - 1)
                .map(|p| p.id.clone())
                .unwrap_or_default()
        };
        store.dispatch(StoreAction::Record {
            bank: self.bank.clone(),
            review: Review {
                t: super::store::now_ms(),
                q: q.id.clone(),
                part,
                seed: self.seed,
                outcome,
                rating,
                mode: crate::progress::Mode::Practice,
            },
        });
    }

    fn amend(&self, rating: u8) {
        if let (Some(store), Some(q)) = (&self.store, &self.question) {
            store.dispatch(StoreAction::Amend {
                bank: self.bank.clone(),
                q: q.id.clone(),
                part: String::new(),
                rating,
            });
        }
    }
}

/// After a right answer: "I knew it" keeps Good, "I guessed" makes it Hard.
fn confidence(recorder: &Recorder, lang: Lang) -> Html {
    let knew = {
        let r = recorder.clone();
        Callback::from(move |_: MouseEvent| r.amend(crate::progress::auto_rating(true, false)))
    };
    let guessed = {
        let r = recorder.clone();
        Callback::from(move |_: MouseEvent| r.amend(crate::progress::auto_rating(true, true)))
    };
    let s = strings(lang);
    html! {
        <div class="confidence" role="group" aria-label={s.confidence}>
            <button class="button" data-testid="knew-it" onclick={knew}>{ s.knew_it }</button>
            <button class="button" data-testid="guessed" onclick={guessed}>{ s.guessed }</button>
        </div>
    }
}

/// A seed as a learner reads it: its first 4 hex digits, and `…` when it
/// has more (the whole seed is in the URL, the title and `data-seed`).
pub fn short_seed(seed: u64) -> String {
    let hex = format!("{seed:x}");
    if hex.len() > 4 {
        format!("{}…", &hex[..4])
    } else {
        hex
    }
}

/// The variant's label and the button that draws a new one (a new history
/// entry, so Back returns to the previous variant).
fn variant_bar(id: &str, order: &Order, seed: u64, lang: Lang, embed: bool, nav: &Nav) -> Html {
    let (id, order, nav) = (id.to_string(), order.clone(), nav.clone());
    let onclick = Callback::from(move |_: MouseEvent| {
        nav.go(&question_route(
            &id,
            &order,
            Some(super::fresh_variant_seed()),
            embed,
        ));
    });
    let s = strings(lang);
    html! {
        <div class="variant-bar">
            <span>{ s.variant_label }
                <code data-testid="variant-seed" data-seed={seed.to_string()} title={seed.to_string()}>{ short_seed(seed) }</code></span>
            <button class="button needs-js" data-testid="new-variant" {onclick}>{ s.new_variant }</button>
        </div>
    }
}

/// Links to the labs that compute this question's numbers (none if no built lab does).
fn lab_links(id: &str, lang: Lang, nav: &Nav) -> Html {
    let labs: Vec<_> = ail_labs::Lab::for_question(id).collect();
    if labs.is_empty() {
        return Html::default();
    }
    html! {
        <section class="lab-links">
            <h2>{ strings(lang).compute_it }</h2>
            <ul>{ for labs.iter().map(|l| html! {
                <li><a class="button" href={nav.href(&Route::Lab { slug: l.slug().to_string(), query: String::new() })} data-lab-link={l.slug()}>{ super::labs::text::name(*l, lang) }</a></li>
            }) }</ul>
        </section>
    }
}

/// The four self-grades of an open question.
fn rating_buttons(r: Rating, lang: Lang) -> Html {
    let s = strings(lang);
    html! {
        <div class="rating" role="group" aria-label={s.how_did_you_do}>
            <p>{ s.how_did_you_do }</p>
            <div class="rating-buttons">
            { for (1u8..=4).map(|n| {
                let cb = r.on_action.clone();
                let onclick = Callback::from(move |_| cb.emit(Action::Rate(n)));
                html! {
                    <button class={classes!("button", (r.rating == Some(n)).then_some("selected"))}
                        aria-pressed={(r.rating == Some(n)).to_string()} data-rating={n.to_string()} {onclick}>
                        { s.ratings[n as usize - 1] }
                    </button>
                }
            }) }
            </div>
            { for r.rating.map(|n| html! { <p class="rated" role="status">{ s.rated }{ s.ratings[n as usize - 1] }</p> }) }
        </div>
    }
}
