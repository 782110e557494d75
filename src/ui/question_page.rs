//! One question: prompt, answer input, reveal, model answer, deep dive,
//! follow-ups, auto-graded parts, and previous/next within the order.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::embed::EmbedCode;
use super::question_head::question_head;
use super::rich_text::Markdown;
use super::slot_view::SlotView;
use super::store::{Action as StoreAction, StoreHandle};
use super::{go, replace_hash, BankRef};
use crate::generate::{has_generated, instantiate_question};
use crate::i18n::{position, strings, Lang};
use crate::practice::{key_command, ordered_ids, Action, KeyCommand, QuestionState};
use crate::progress::{Outcome, Review};
use crate::route::{Order, Route};

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub bank: BankRef,
    pub lang: Lang,
    pub id: AttrValue,
    pub order: Order,
    /// The seed of generated parts from the URL; `None` draws a fresh one.
    pub variant: Option<u64>,
    /// Rendered inside an embed (`#/embed/q/…`): URLs stay embed URLs, no
    /// focus moves (it would scroll the host page), no embed-code box.
    #[prop_or_default]
    pub embed: bool,
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

fn md(text: &str) -> Html {
    html! { <Markdown source={AttrValue::from(text.to_string())} /> }
}

#[function_component(QuestionPage)]
pub fn question_page(p: &QuestionProps) -> Html {
    let bank = &p.bank.0.bank;
    let lang = p.lang;
    let s = strings(lang);
    let seed = {
        let v = p.variant;
        *use_state(move || v.unwrap_or_else(super::fresh_variant_seed))
    };
    let generated = bank.question(&p.id).is_some_and(has_generated);
    // The question with its generated parts drawn for this seed.
    let drawn = bank.question(&p.id).map(|q| instantiate_question(q, seed));
    let question = match &drawn {
        Some(Ok(v)) => Some(v.question.clone()),
        _ => None,
    };
    let slot_labs: Vec<Option<String>> = match &drawn {
        Some(Ok(v)) => v.labs.clone(),
        _ => vec![],
    };
    // A fresh seed goes into the URL (without a new history entry), so a
    // reload or a shared link shows the same variant.
    {
        let (id, order, need) = (
            p.id.to_string(),
            p.order.clone(),
            generated && p.variant.is_none(),
        );
        use_effect_with(seed, move |seed| {
            if need {
                replace_hash(
                    &Route::Question {
                        id,
                        order,
                        variant: Some(*seed),
                    }
                    .to_hash(),
                );
            }
        });
    }
    let store = use_context::<StoreHandle>();
    let recorder = Recorder {
        store: store.clone(),
        bank: bank.id.clone(),
        question: question.clone(),
        seed: generated.then_some(seed),
    };
    let state = {
        let q = question.clone();
        use_reducer(move || {
            Reduced(match &q {
                Some(q) => QuestionState::new(q),
                None => QuestionState {
                    id: String::new(),
                    kinds: vec![],
                    revealed: false,
                    rating: None,
                    slots: vec![],
                },
            })
        })
    };
    let ids = match (&store, p.order.review) {
        (Some(store), true) => super::review::todays_queue(bank, store),
        _ => ordered_ids(bank, &p.order),
    };
    let pos = crate::practice::position(&ids, &p.id);
    let hash_of = |id: &String| {
        Route::Question {
            id: id.clone(),
            order: p.order.clone(),
            variant: None,
        }
        .to_hash()
    };
    let prev_hash = pos.as_ref().and_then(|x| x.previous.as_ref()).map(hash_of);
    // In review mode a rated question leaves the queue: go on with the first left.
    let next_hash = match (&pos, p.order.review) {
        (Some(x), _) => x.next.as_ref().map(hash_of),
        (None, true) => ids.iter().find(|x| **x != *p.id).map(hash_of),
        (None, false) => None,
    };

    // Move focus to the question heading when a question opens (screen
    // readers announce it; keyboard users start from the top).
    let embed = p.embed;
    use_effect_with(p.id.clone(), move |_| {
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

    {
        let dispatcher = state.dispatcher();
        let snapshot = state.0.clone();
        let recorder = recorder.clone();
        let (prev_hash, next_hash) = (prev_hash.clone(), next_hash.clone());
        use_effect_with(
            (snapshot, prev_hash, next_hash),
            move |(snapshot, prev_hash, next_hash)| {
                let snapshot = snapshot.clone();
                let (prev_hash, next_hash) = (prev_hash.clone(), next_hash.clone());
                let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                    EventListener::new(&doc, "keydown", move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if e.ctrl_key() || e.meta_key() || e.alt_key() || e.default_prevented() {
                            return;
                        }
                        let target_tag = e
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                            .map(|el| el.tag_name().to_ascii_uppercase())
                            .unwrap_or_default();
                        if matches!(target_tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
                            return;
                        }
                        let key = e.key();
                        // Space/Enter on a button or link keep their native meaning.
                        if matches!(key.as_str(), " " | "Enter")
                            && matches!(target_tag.as_str(), "BUTTON" | "A" | "SUMMARY")
                        {
                            return;
                        }
                        match key_command(&key, &snapshot) {
                            Some(KeyCommand::Do(a)) => {
                                e.prevent_default();
                                let submit_single = matches!(a, Action::Pick { .. })
                                    && matches!(
                                        snapshot.kinds.first(),
                                        Some(crate::bank::Kind::Single { .. })
                                    );
                                recorder.note(&a, &snapshot);
                                let after = snapshot.apply(a.clone());
                                dispatcher.dispatch(a);
                                if submit_single {
                                    recorder.note(&Action::Submit { slot: 0 }, &after);
                                    dispatcher.dispatch(Action::Submit { slot: 0 });
                                }
                            }
                            Some(KeyCommand::Next) => {
                                if let Some(h) = &next_hash {
                                    go(h);
                                }
                            }
                            Some(KeyCommand::Previous) => {
                                if let Some(h) = &prev_hash {
                                    go(h);
                                }
                            }
                            None => {}
                        }
                    })
                });
                move || drop(listener)
            },
        );
    }

    if let Some(Err((at, e))) = &drawn {
        return html! {
            <section class="load-error" role="alert" data-testid="variant-error">
                <h1 id="q-title" tabindex="-1">{ match lang { Lang::Zh => "这道题的变体生成失败", Lang::En => "This question's variant could not be drawn" } }</h1>
                <p><code>{ format!("{}, {at}: {e}", p.id) }</code></p>
                <p><a href="#/">{ s.home }</a></p>
            </section>
        };
    }
    let Some(q) = question else {
        return html! {
            <section class="load-error" role="alert">
                <h1 id="q-title" tabindex="-1">{ s.not_found }<code>{ p.id.to_string() }</code></h1>
                <p><a href="#/">{ s.home }</a></p>
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
    let reveal = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::Reveal))
    };
    let heading = match &pos {
        Some(x) => position(lang, x.index, x.total),
        None => String::new(),
    };

    html! {
        <article class="question" data-qid={q.id.clone()}>
            { question_head(bank, &q, heading, lang) }
            if generated {
                { variant_bar(&p.id, &p.order, seed, lang, p.embed) }
            }
            <div class="prompt" data-testid="question-prompt">{ md(q.prompt.get(lang)) }</div>

            if !st.is_open() {
                <SlotView slot={0} dom_id="main" kind={q.kind.clone()} state={st.slots[0].clone()} {lang} on_action={on_action.clone()} />
                if matches!(&st.slots[0].result, Some(Ok(g)) if g.verdict == crate::grade::Verdict::Correct) {
                    { confidence(&recorder, lang) }
                }
            }

            if !st.revealed {
                <button class="button primary reveal" data-testid="reveal" onclick={reveal}>{ s.reveal }</button>
            } else {
                <section class="answer" aria-labelledby="h-answer">
                    <h2 id="h-answer">{ s.quick_answer }</h2>
                    { md(q.answer.get(lang)) }
                    if let crate::bank::Kind::Open { key_points } = &q.kind {
                        <h2>{ s.key_points }</h2>
                        <ul class="key-points">{ for key_points.iter().map(|k| html! {
                            <li><Markdown source={AttrValue::from(k.get(lang).to_string())} inline=true /></li>
                        }) }</ul>
                        <Rating rating={st.rating} {lang} on_action={on_action.clone()} />
                    }
                    <h2>{ s.deep_dive }</h2>
                    { md(q.explanation.get(lang)) }
                    if !q.follow_ups.is_empty() {
                        <h2>{ s.follow_ups }</h2>
                        { for q.follow_ups.iter().map(|f| html! {
                            <details class="follow-up">
                                <summary><span><Markdown source={AttrValue::from(f.prompt.get(lang).to_string())} inline=true /></span></summary>
                                { md(f.answer.get(lang)) }
                            </details>
                        }) }
                    }
                </section>
            }

            if !q.parts.is_empty() {
                <section class="parts" aria-labelledby="h-parts">
                    <h2 id="h-parts">{ s.check_yourself }</h2>
                    { for q.parts.iter().enumerate().map(|(i, part)| html! {
                        <section class="part" data-testid="part" data-part={part.id.clone()}>
                            <div class="part-prompt">{ md(part.prompt.get(lang)) }</div>
                            <SlotView slot={i + 1} dom_id={format!("part-{}", part.id)} kind={part.kind.clone()}
                                state={st.slots[i + 1].clone()} {lang} explanation={Some(part.explanation.clone())}
                                on_action={on_action.clone()} />
                            { for slot_labs.get(i + 1).cloned().flatten().map(|route| html! {
                                <p class="variant-lab"><a href={format!("#/lab/{route}")} data-testid="variant-lab">
                                    { match lang { Lang::Zh => "在实验室里打开这组数 →", Lang::En => "Open these numbers in the lab →" } }
                                </a></p>
                            }) }
                        </section>
                    }) }
                </section>
            }

            { lab_links(&q.id, lang) }

            <nav class="pager" aria-label={s.next}>
                { match prev_hash {
                    Some(h) => html! { <a class="button" href={h} rel="prev" data-testid="previous">{ "← " }{ s.previous }</a> },
                    None => html! { <span class="button disabled" aria-hidden="true">{ "← " }{ s.previous }</span> },
                } }
                { match next_hash {
                    Some(h) => html! { <a class="button primary" href={h} rel="next" data-testid="next">{ s.next }{ " →" }</a> },
                    None => html! { <a class="button" href="#/" data-testid="next">{ s.home }</a> },
                } }
            </nav>
            <p class="hint">{ s.keyboard_hint }</p>
            if !p.embed {
                <EmbedCode target={format!("q/{}", q.id)} {lang} />
            }
        </article>
    }
}

/// Records reviews in the progress store as the learner answers.
#[derive(Clone)]
struct Recorder {
    store: Option<StoreHandle>,
    bank: String,
    question: Option<crate::bank::Question>,
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
    html! {
        <div class="confidence" role="group" aria-label={match lang { Lang::Zh => "把握程度", Lang::En => "Confidence" }}>
            <button class="button" data-testid="knew-it" onclick={knew}>{ match lang { Lang::Zh => "我会", Lang::En => "I knew it" } }</button>
            <button class="button" data-testid="guessed" onclick={guessed}>{ match lang { Lang::Zh => "我是猜的", Lang::En => "I guessed" } }</button>
        </div>
    }
}

/// The variant's seed and the button that draws a new one (a new history
/// entry, so Back returns to the previous variant).
fn variant_bar(id: &str, order: &Order, seed: u64, lang: Lang, embed: bool) -> Html {
    let (id, order) = (id.to_string(), order.clone());
    let onclick = Callback::from(move |_: MouseEvent| {
        go(&Route::Question {
            id: id.clone(),
            order: order.clone(),
            variant: Some(super::fresh_variant_seed()),
        }
        .embedded_if(embed)
        .to_hash());
    });
    html! {
        <div class="variant-bar">
            <span>{ match lang { Lang::Zh => "变体种子 ", Lang::En => "Variant seed " } }<code data-testid="variant-seed">{ seed }</code></span>
            <button class="button" data-testid="new-variant" {onclick}>{ match lang { Lang::Zh => "换一题", Lang::En => "New variant" } }</button>
        </div>
    }
}

/// Links to the labs that compute this question's numbers (none if no built lab does).
fn lab_links(id: &str, lang: Lang) -> Html {
    let labs: Vec<_> = crate::labs::labs_for_question(id)
        .filter(|l| super::labs::BUILT.contains(&l.slug))
        .collect();
    if labs.is_empty() {
        return Html::default();
    }
    html! {
        <section class="lab-links">
            <h2>{ match lang { Lang::Zh => "动手算一算", Lang::En => "Compute it yourself" } }</h2>
            <ul>{ for labs.iter().map(|l| html! {
                <li><a class="button" href={format!("#/lab/{}", l.slug)} data-lab-link={l.slug}>{ match lang { Lang::Zh => l.zh, Lang::En => l.en } }</a></li>
            }) }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RatingProps {
    rating: Option<u8>,
    lang: Lang,
    on_action: Callback<Action>,
}

/// The four self-grades of an open question.
#[function_component(Rating)]
fn rating(p: &RatingProps) -> Html {
    let s = strings(p.lang);
    html! {
        <div class="rating" role="group" aria-label={s.how_did_you_do}>
            <p>{ s.how_did_you_do }</p>
            <div class="rating-buttons">
            { for (1u8..=4).map(|r| {
                let cb = p.on_action.clone();
                let onclick = Callback::from(move |_| cb.emit(Action::Rate(r)));
                html! {
                    <button class={classes!("button", (p.rating == Some(r)).then_some("selected"))}
                        aria-pressed={(p.rating == Some(r)).to_string()} data-rating={r.to_string()} {onclick}>
                        { s.ratings[r as usize - 1] }
                    </button>
                }
            }) }
            </div>
            { for p.rating.map(|r| html! { <p class="rated" role="status">{ s.rated }{ s.ratings[r as usize - 1] }</p> }) }
        </div>
    }
}
