//! The practice module's root (`ail-practice`): the built-in bank's
//! question pages and home page, made interactive.
//!
//! It has no Markdown parser and no generators: a question page's texts
//! are copies of the static page's own nodes ([`Adopted`]), its answer
//! keys and its default variant come with the page ([`PageData`]). Other
//! variants (`?seed=`) and banks from elsewhere are the app module's.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::chrome::{not_found, Chrome};
use super::home::Home;
use super::nav::Nav;
use super::question_page::{Drawn, QuestionPage};
use super::root::{use_embed_mode, use_update_offer};
use super::store::{store_notices, use_store, StoreHandle};
use super::takeover::use_swap;
use super::texts::TextsRef;
use super::IndexRef;
use crate::bank::{Kind, Question};
use crate::i18n::strings;
use crate::page::PageData;
use crate::practice::QuestionState;
use crate::route::{EmbedParams, Route};

/// Starts the practice module on its page.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use super::root::embed_params;
    use super::texts::Adopted;
    let page = super::page_data();
    let root = super::takeover::static_root();
    let texts = TextsRef(Rc::new(match &root {
        Some(r) => Adopted::collect(r),
        None => Adopted::empty(),
    }));
    let initial = match (&page, &root) {
        (Ok(page), Some(root)) => page.question.as_ref().map(|q| typed_on_page(q, root)),
        _ => None,
    };
    super::takeover::mount::<Practice>(PracticeProps {
        page,
        texts,
        initial,
        params: Rc::new(embed_params()),
    });
}

/// What the learner typed or picked on the static page before this module
/// took it over, so that nothing is lost in the swap.
pub fn typed_on_page(q: &Question, root: &web_sys::Element) -> QuestionState {
    let mut state = QuestionState::new(q);
    let slots = std::iter::once(("main".to_string(), &q.kind))
        .chain(q.parts.iter().map(|p| (format!("part-{}", p.id), &p.kind)));
    for ((dom_id, kind), slot) in slots.zip(state.slots.iter_mut()) {
        match kind {
            Kind::Numeric { .. } | Kind::Ordering { .. } => {
                if let Some(input) = root
                    .query_selector(&format!("#{dom_id}-input"))
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    slot.input = input.value();
                }
            }
            Kind::Single { .. } | Kind::Multi { .. } => {
                if let Ok(list) =
                    root.query_selector_all(&format!("input[name=\"{dom_id}-choice\"]"))
                {
                    for i in 0..list.length() {
                        let Some(input) = list
                            .item(i)
                            .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
                        else {
                            continue;
                        };
                        if input.checked() {
                            slot.selected.push(i as usize);
                        }
                    }
                }
            }
            Kind::Open { .. } | Kind::Generated { .. } => {}
        }
    }
    state
}

#[derive(Properties)]
pub struct PracticeProps {
    /// The page's data, or why it could not be read.
    page: Result<Rc<PageData>, String>,
    texts: TextsRef,
    initial: Option<QuestionState>,
    params: Rc<EmbedParams>,
}

impl PartialEq for PracticeProps {
    fn eq(&self, other: &Self) -> bool {
        // Given once, at start: never re-rendered with new props.
        std::ptr::eq(self, other)
    }
}

/// A hash route on the root page: earlier versions' links (the page's
/// first script sends those it knows to their page before this starts; a
/// hash set later, by a link or by hand, arrives here). `None` for no route
/// (`#`, `#/`, `#main`); else the route, `NotFound` for one that is no route.
fn hash_route() -> Option<Route> {
    let hash = super::current_hash();
    (hash.starts_with("#/") && hash.len() > 2).then(|| Route::parse(&hash))
}

#[function_component(Practice)]
pub fn practice(p: &PracticeProps) -> Html {
    use_swap();
    let location = use_memo((), |_| super::nav::current(false));
    let (page_lang, page_route) = (*location).clone();
    // On the home page, a hash route is followed to its page; one that is
    // no route is said so.
    let hash = use_hash_route(page_route == Route::Home);
    let route = match (&page_route, &*hash) {
        (Route::Home, Some(r)) => r.clone(),
        _ => page_route.clone(),
    };
    let lang = p.params.lang.unwrap_or(page_lang);
    let embedded = matches!(route, Route::Embed(_));
    let store = use_store();
    use_embed_mode(embedded, &p.params);
    let banner = use_update_offer(true, lang);
    let seed = use_state(super::fresh_seed);
    let index = use_memo((), {
        let page = p.page.clone();
        move |_| page.ok().map(|d| IndexRef(Rc::new(d.index.clone())))
    });
    let nav = Nav {
        lang,
        hash: false,
        carry: if embedded {
            super::nav::embed_carry(&p.params)
        } else {
            String::new()
        },
        in_page: false,
    };
    // A known route in the hash: its page.
    {
        let (target, nav) = (
            (route != page_route && !matches!(route, Route::NotFound(_))).then(|| route.clone()),
            nav.clone(),
        );
        use_effect_with(target, move |target| {
            if let (Some(r), Some(w)) = (target, web_sys::window()) {
                let _ = w.location().replace(&nav.href(r));
            }
        });
    }
    let body = practice_body(
        p,
        (*index).clone(),
        route.shown(),
        &page_route,
        *seed,
        embedded,
        &nav,
    );
    html! {
        <ContextProvider<Nav> context={nav}>
            <ContextProvider<StoreHandle> context={store.clone()}>
                <Chrome {lang} route={route.clone()} embed={embedded} {banner}
                    notices={store_notices(&store, lang)} storage_ok={super::embed::storage_works()}>
                    { body }
                </Chrome>
            </ContextProvider<StoreHandle>>
        </ContextProvider<Nav>>
    }
}

/// The hash route (see [`hash_route`]), followed on the home page
/// (`home`) as it changes.
#[hook]
fn use_hash_route(home: bool) -> UseStateHandle<Option<Route>> {
    let hash = use_state(hash_route);
    {
        let hash = hash.clone();
        use_effect_with((), move |_| {
            let listener = home.then(|| {
                web_sys::window().map(|w| {
                    gloo_events::EventListener::new(&w, "hashchange", move |_| {
                        hash.set(hash_route())
                    })
                })
            });
            move || drop(listener)
        });
    }
    hash
}

/// What `main` shows for `route` (the route inside an embed): the home
/// page, the page's question, "no such page", or why the page's data could
/// not be read.
fn practice_body(
    p: &PracticeProps,
    index: Option<IndexRef>,
    route: &Route,
    page_route: &Route,
    seed: u64,
    embedded: bool,
    nav: &Nav,
) -> Html {
    let lang = nav.lang;
    match (&p.page, index) {
        (Ok(page), Some(index)) => match route {
            Route::Home => html! { <Home {index} {lang} {seed} /> },
            Route::Question { id, order, .. } => {
                let question = page.question.clone().map(Rc::new);
                let drawn = page.seed.map(|seed| Drawn {
                    seed,
                    labs: page.labs.clone(),
                });
                html! {
                    <QuestionPage {index} {question} id={id.clone()} texts={p.texts.clone()} {lang}
                        order={order.clone()} {drawn} embed={embedded} initial={p.initial.clone()} />
                }
            }
            // A hash that is no route, or a 404 page for anything else.
            Route::NotFound(raw) if *page_route == Route::Home => {
                not_found(&format!("#{raw}"), lang, nav)
            }
            _ => not_found(&format!("/{}", super::nav::page_address().0), lang, nav),
        },
        _ => {
            let e = p.page.as_ref().err().cloned().unwrap_or_default();
            html! {
                <section class="load-error" role="alert">
                    <h1>{ strings(lang).load_failed }</h1>
                    <p><code data-testid="load-error">{ e }</code></p>
                </section>
            }
        }
    }
}
