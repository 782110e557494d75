//! The app module's root (`ail-app`): the labs, review, stats, a
//! question's other variants (`q/<id>/?seed=`), and banks from elsewhere.
//!
//! On a built-in page it reads the route from the page's address and the
//! bank's index from the page's data, renders the page again and takes it
//! over ([`super::takeover`]). A bank from elsewhere (`?bank=<url>`, or a
//! file picked at `?bank=`) has no pages: the app shows it on the root page
//! with hash routes, as a single-page app.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use super::chrome::Chrome;
use super::home::Home;
use super::labs::{LabIndex, LabPage};
use super::nav::Nav;
use super::question_page::{Drawn, QuestionPage};
use super::review::{ReviewPage, StatsPage};
use super::root::{embed_params, use_embed_mode, use_update_offer};
use super::store::{store_notices, use_store, StoreHandle};
use super::texts::Rendered;
use super::{fetch_text, initial_lang, remember_lang, set_document_lang, BankRef, IndexRef};
use crate::bank::{BankIndex, Loaded, Question};
use crate::generate::instantiate_question;
use crate::i18n::{strings, Lang};
use crate::page::{PageData, PAGE_SEED};
use crate::route::{EmbedParams, Route};

/// Where a built-in question's source is served from (the bank's own
/// format; `postbuild` writes one file per question).
pub fn question_url(id: &str) -> String {
    format!("static/q/{}.json", crate::route::encode_component(id))
}

/// Starts the app module on its page.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    let params = embed_params();
    let page = super::page_data();
    super::takeover::mount::<App>(AppProps {
        params: Rc::new(params),
        page,
    });
}

#[derive(Properties)]
pub struct AppProps {
    params: Rc<EmbedParams>,
    /// The static page's data; `None` on a page without it, or unreadable
    /// (the reason).
    page: Result<Rc<PageData>, String>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.params, &other.params)
            && match (&self.page, &other.page) {
                (Ok(a), Ok(b)) => Rc::ptr_eq(a, b),
                (Err(a), Err(b)) => a == b,
                _ => false,
            }
    }
}

/// Something loaded from the network or a file.
#[derive(Clone, PartialEq)]
enum Load<T> {
    Loading,
    Failed(String),
    Ready(T),
}

#[function_component(App)]
pub fn app(p: &AppProps) -> Html {
    let params = &p.params;
    // `?bank=`: a bank from elsewhere, on the root page with hash routes.
    let hash_mode = params.bank.is_some() || p.page.is_err();
    let location = use_location(hash_mode);
    let lang = use_app_lang(location.0, params.lang, hash_mode);
    let route = location.1.clone();
    let embedded = matches!(route, Route::Embed(_));
    let store = use_store();
    use_embed_mode(embedded, params);
    let custom = use_custom_bank(params.bank.clone(), *lang);
    let source = use_variant_source(&route, hash_mode);
    let index = use_memo(bank_index(hash_mode, &custom.bank, &p.page), |i| i.clone());
    let nav = Nav {
        lang: *lang,
        hash: hash_mode,
        carry: if embedded {
            super::nav::embed_carry(params)
        } else {
            String::new()
        },
        in_page: true,
    };
    let body = app_body(&index, &custom, route.shown(), embedded, &source, &nav);
    // The page is the app's once what it shows is ready: a variant's
    // source, a bank; in hash mode at once (the static page is hidden).
    use_swap_when(
        hash_mode
            || match route.shown() {
                Route::Question { .. } => !matches!(*source, Load::Loading),
                _ => true,
            },
    );
    let banner = use_update_offer(!matches!(*index, Load::Loading), *lang);
    let on_lang = hash_mode.then(|| {
        let lang = lang.clone();
        Callback::from(move |next: Lang| {
            remember_lang(next);
            lang.set(next);
        })
    });
    html! {
        <ContextProvider<Nav> context={nav}>
            <ContextProvider<StoreHandle> context={store.clone()}>
                <Chrome lang={*lang} route={route.clone()} embed={embedded} {on_lang} {banner}
                    notices={store_notices(&store, *lang)} storage_ok={super::embed::storage_works()}>
                    { body }
                </Chrome>
            </ContextProvider<StoreHandle>>
        </ContextProvider<Nav>>
    }
}

/// The page's language and route, read again on Back and Forward, a new
/// hash, or a new seed (`Nav::go`).
#[hook]
fn use_location(hash_mode: bool) -> UseStateHandle<(Lang, Route)> {
    let read_location = move || super::nav::current(hash_mode);
    let location = use_state(read_location);
    {
        let location = location.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|w| {
                ["popstate", "hashchange", super::nav::NAVIGATED].map(|ev| {
                    let location = location.clone();
                    EventListener::new(&w, ev, move |_| location.set(read_location()))
                })
            });
            move || drop(listeners)
        });
    }
    location
}

/// The UI language: `?lang=` if given, else the page's; in hash mode the
/// learner's (switched in place), which also sets `<html lang>` and the title.
#[hook]
fn use_app_lang(page_lang: Lang, forced: Option<Lang>, hash_mode: bool) -> UseStateHandle<Lang> {
    let lang =
        use_state(move || forced.unwrap_or(if hash_mode { initial_lang() } else { page_lang }));
    use_effect_with(*lang, move |l| {
        if hash_mode {
            set_document_lang(*l, strings(*l).app_title)
        }
    });
    lang
}

/// A bank from elsewhere and what loading it needs.
struct CustomBank {
    /// From `?bank=<url>` or a picked file; `Failed("")` at `?bank=` with
    /// nothing, where a file is picked.
    bank: UseStateHandle<Load<BankRef>>,
    /// Why the picked file is not a bank.
    file_error: UseStateHandle<Option<String>>,
    /// Loads the URL again.
    retry: Callback<MouseEvent>,
    /// A picked or dropped file: (name, text).
    on_file: Callback<(String, String)>,
}

/// Loads `?bank=<url>` (again on each retry) or takes a picked file.
#[hook]
fn use_custom_bank(url: Option<String>, lang: Lang) -> CustomBank {
    let bank = use_state(|| Load::<BankRef>::Loading);
    let file_error = use_state(|| None::<String>);
    let attempt = use_state(|| 0u32);
    {
        let bank = bank.clone();
        use_effect_with(*attempt, move |_| {
            match url.filter(|u| !u.trim().is_empty()) {
                Some(url) => {
                    bank.set(Load::Loading);
                    wasm_bindgen_futures::spawn_local(async move {
                        bank.set(match super::fetch_bank(&url).await {
                            Err(e) => Load::Failed(e.message(lang)),
                            Ok(text) => match ail_core::load(&text) {
                                Err(e) => Load::Failed(format!("{url}: {e}")),
                                Ok(l) => Load::Ready(BankRef(Rc::new(l))),
                            },
                        });
                    });
                }
                // `?bank=` with nothing: the page to pick a file on.
                None => bank.set(Load::Failed(String::new())),
            }
        });
    }
    let retry = Callback::from(move |_| attempt.set(*attempt + 1));
    let on_file = {
        let (bank, file_error) = (bank.clone(), file_error.clone());
        Callback::from(move |(name, text): (String, String)| {
            match super::bank_from_file(&name, &text, lang) {
                Ok(b) => {
                    file_error.set(None);
                    bank.set(Load::Ready(b));
                }
                Err(e) => file_error.set(Some(e)),
            }
        })
    };
    CustomBank {
        bank,
        file_error,
        retry,
        on_file,
    }
}

/// A built-in question's other variant needs its source, in the bank's
/// format: fetched when `route` is such a question's page.
#[hook]
fn use_variant_source(route: &Route, hash_mode: bool) -> UseStateHandle<Load<Rc<Question>>> {
    let source = use_state(|| Load::<Rc<Question>>::Loading);
    let wanted = match (route, hash_mode) {
        (Route::Question { id, .. }, false) => Some(id.clone()),
        (Route::Embed(inner), false) => match &**inner {
            Route::Question { id, .. } => Some(id.clone()),
            _ => None,
        },
        _ => None,
    };
    {
        let source = source.clone();
        use_effect_with(wanted, move |wanted| {
            if let Some(id) = wanted.clone() {
                source.set(Load::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    let url = question_url(&id);
                    source.set(match fetch_text(&url).await {
                        Err(e) => Load::Failed(e),
                        Ok(text) => match crate::bank::parse::parse_question(&text) {
                            Err(e) => Load::Failed(format!("{url}: {e}")),
                            Ok(q) => Load::Ready(Rc::new(q)),
                        },
                    });
                });
            }
        });
    }
    source
}

/// The index of the bank on screen: a bank from elsewhere's once loaded,
/// else the one in the page's data.
fn bank_index(
    hash_mode: bool,
    custom: &Load<BankRef>,
    page: &Result<Rc<PageData>, String>,
) -> Load<IndexRef> {
    if hash_mode {
        match custom {
            Load::Ready(b) => Load::Ready(IndexRef(Rc::new(BankIndex::of(&b.0.bank)))),
            Load::Loading => Load::Loading,
            Load::Failed(e) => Load::Failed(e.clone()),
        }
    } else {
        match page {
            Ok(page) => Load::Ready(IndexRef(Rc::new(page.index.clone()))),
            Err(e) => Load::Failed(e.clone()),
        }
    }
}

/// Swaps the app's rendering in for the static page once `ready`.
#[hook]
fn use_swap_when(ready: bool) {
    use_effect_with(ready, |ready| {
        if *ready {
            super::takeover::swap();
        }
    });
}

/// What `main` shows: the page for `route`, the bank picker, a loading
/// line, or why the bank did not load.
fn app_body(
    index: &Load<IndexRef>,
    custom: &CustomBank,
    route: &Route,
    embedded: bool,
    source: &Load<Rc<Question>>,
    nav: &Nav,
) -> Html {
    let (lang, hash_mode) = (nav.lang, nav.hash);
    let s = strings(lang);
    match (index, hash_mode, &*custom.bank) {
        (_, true, Load::Failed(e)) if e.is_empty() => html! {
            <BankBox index={None::<IndexRef>} {lang} on_file={custom.on_file.clone()} file_error={(*custom.file_error).clone()} />
        },
        (Load::Loading, ..) => html! { <p class="status" role="status">{ s.loading }</p> },
        (Load::Failed(msg), ..) => html! {
            <section class="load-error" role="alert">
                <h1>{ s.load_failed }</h1>
                <p><code data-testid="load-error">{ msg.clone() }</code></p>
                <button class="button" onclick={custom.retry.clone()}>{ s.retry }</button>
                if hash_mode {
                    { " " }<a class="button" href={builtin_url()} data-testid="use-builtin">{ s.bank_use_builtin }</a>
                }
            </section>
        },
        (Load::Ready(index), ..) => {
            let custom_bank = match &*custom.bank {
                Load::Ready(b) if hash_mode => Some(b.clone()),
                _ => None,
            };
            let content = page_content(
                route,
                index,
                lang,
                embedded,
                custom_bank.as_ref(),
                source,
                nav,
                &custom.on_file,
                &custom.file_error,
            );
            html! {
                <>
                    { for custom_bank.as_ref().map(|b| problems(b, lang)) }
                    { content }
                </>
            }
        }
    }
}

/// The page for `route` once the index is there.
#[allow(clippy::too_many_arguments)]
fn page_content(
    route: &Route,
    index: &IndexRef,
    lang: Lang,
    embed: bool,
    custom: Option<&BankRef>,
    source: &Load<Rc<Question>>,
    nav: &Nav,
    on_file: &Callback<(String, String)>,
    file_error: &Option<String>,
) -> Html {
    match route {
        Route::Home => {
            let bank_box = custom.map(|_| {
                html! { <BankBox index={Some(index.clone())} {lang} on_file={on_file.clone()} file_error={file_error.clone()} /> }
            });
            html! { <Home index={index.clone()} {lang} seed={super::fresh_seed()} {bank_box} /> }
        }
        Route::Question { id, order, variant } => {
            let question = match custom {
                Some(b) => Load::Ready(b.0.bank.question(id).cloned().map(Rc::new)),
                None => match source {
                    Load::Ready(q) => Load::Ready(Some(q.clone())),
                    Load::Loading => Load::Loading,
                    Load::Failed(e) => Load::Failed(e.clone()),
                },
            };
            let question = match question {
                Load::Loading => {
                    return html! { <p class="status" role="status">{ strings(lang).loading }</p> }
                }
                Load::Failed(e) => {
                    return html! {
                        <section class="load-error" role="alert">
                            <h1 id="q-title" tabindex="-1">{ strings(lang).load_failed }</h1>
                            <p><code data-testid="load-error">{ e }</code></p>
                        </section>
                    }
                }
                Load::Ready(q) => q,
            };
            html! {
                <VariantPage key={format!("{id}#{variant:?}")} index={index.clone()} id={id.clone()} {question} order={order.clone()}
                    variant={*variant} {lang} {embed} nav={nav.clone()} />
            }
        }
        Route::Labs => html! { <LabIndex {lang} /> },
        Route::Review => html! { <ReviewPage index={index.clone()} {lang} /> },
        Route::Stats => html! { <StatsPage index={index.clone()} {lang} /> },
        Route::Interview if embed => super::chrome::not_found("", lang, nav),
        Route::Interview => html! {
            <super::interview::InterviewPage index={index.clone()} {lang} bank={custom.cloned()} />
        },
        Route::Lab { slug, query } => html! {
            <LabPage key={format!("{slug}?{query}")} index={index.clone()} {lang} slug={slug.clone()} query={query.clone()} {embed} />
        },
        Route::Embed(inner) => page_content(
            inner, index, lang, true, custom, source, nav, on_file, file_error,
        ),
        Route::NotFound(raw) => super::chrome::not_found(raw, lang, nav),
    }
}

#[derive(Properties, PartialEq)]
struct VariantProps {
    index: IndexRef,
    id: AttrValue,
    /// The question's source (generated slots not drawn); `None`: no such id.
    question: Option<Rc<Question>>,
    order: crate::route::Order,
    /// The seed in the URL; `None` draws a fresh one and writes it there.
    variant: Option<u64>,
    lang: Lang,
    embed: bool,
    nav: Nav,
}

/// A question with its generated slots drawn for a seed: the seed in the
/// URL, else (a bank from elsewhere, whose links have none) a fresh one,
/// written into the URL so that a reload or a shared link shows the same.
#[function_component(VariantPage)]
fn variant_page(p: &VariantProps) -> Html {
    let seed = {
        let (v, custom) = (p.variant, p.nav.hash);
        *use_state(move || {
            v.unwrap_or_else(|| {
                if custom {
                    super::fresh_variant_seed()
                } else {
                    PAGE_SEED
                }
            })
        })
    };
    let generated = p
        .question
        .as_deref()
        .is_some_and(crate::generate::has_generated);
    {
        let (nav, id, order, need, embed) = (
            p.nav.clone(),
            p.id.to_string(),
            p.order.clone(),
            generated && p.variant.is_none(),
            p.embed,
        );
        use_effect_with(seed, move |seed| {
            if need {
                nav.replace(
                    &Route::Question {
                        id,
                        order,
                        variant: Some(*seed),
                    }
                    .embedded_if(embed),
                );
            }
        });
    }
    let drawn = p.question.as_deref().map(|q| instantiate_question(q, seed));
    let (question, drawn) = match drawn {
        None => (None, None),
        Some(Err((at, e))) => {
            return html! {
                <section class="load-error" role="alert" data-testid="variant-error">
                    <h1 id="q-title" tabindex="-1">{ strings(p.lang).variant_failed }</h1>
                    <p><code>{ format!("{}, {at}: {e}", p.id) }</code></p>
                    <p><a href={p.nav.href(&Route::Home)}>{ strings(p.lang).home }</a></p>
                </section>
            };
        }
        Some(Ok(v)) => (
            Some(Rc::new(v.question)),
            generated.then_some(Drawn { seed, labs: v.labs }),
        ),
    };
    html! {
        <QuestionPage index={p.index.clone()} {question} id={p.id.clone()} texts={Rendered::shared()}
            lang={p.lang} order={p.order.clone()} {drawn} embed={p.embed} />
    }
}

/// This page's URL without `?bank=…` (the built-in bank's home).
fn builtin_url() -> String {
    super::nav::site_root()
}

/// Lists what the bank loader left out (nothing when the bank is clean).
fn problems(bank: &BankRef, lang: Lang) -> Html {
    let loaded: &Loaded = &bank.0;
    if loaded.problems.is_empty() {
        return Html::default();
    }
    html! {
        <section class="problems" role="alert" data-testid="bank-problems">
            <h2>{ strings(lang).problems_title }</h2>
            <ul>{ for loaded.problems.iter().map(|p| html! { <li><code>{ p.to_string() }</code></li> }) }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct BankBoxProps {
    /// The bank on screen; `None` before one is picked.
    pub index: Option<IndexRef>,
    pub lang: Lang,
    /// A picked or dropped file: (name, text).
    pub on_file: Callback<(String, String)>,
    pub file_error: Option<String>,
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

/// Someone else's bank: its title, author and size once loaded, and the
/// controls to open one (a file, dropped or picked, or a URL) or go back
/// to the built-in bank.
#[function_component(BankBox)]
pub fn bank_box(p: &BankBoxProps) -> Html {
    let dragging = use_state(|| false);
    let lang = p.lang;
    let s = strings(lang);
    let on_change = {
        let on_file = p.on_file.clone();
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
        let (on_file, dragging) = (p.on_file.clone(), dragging.clone());
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
    let from_url = embed_params().bank.filter(|u| !u.trim().is_empty());
    html! {
        <section class={classes!("bank-box", (*dragging).then_some("dragging"))} ondragover={over} ondragleave={leave} ondrop={drop}
            aria-labelledby="bank-h">
            <h2 id="bank-h">{ s.bank_heading }</h2>
            { match &p.index {
                Some(index) => { let index = &index.0; html! {
                    <p data-testid="bank-meta">
                        <strong data-testid="bank-title">{ index.title.get(lang).to_string() }</strong>
                        { s.bank_by }<span data-testid="bank-author">{ index.author.clone() }</span>
                        { s.bank_count_sep }<span data-testid="bank-count">{ crate::i18n::question_count(lang, index.questions.len()) }</span>
                        { if from_url.is_some() { s.bank_from_url } else { s.bank_from_file } }
                    </p>
                } }
                None => html! {
                    <p>{ s.bank_pick_intro }</p>
                },
            } }
            <p class="actions">
                <label class="button file-button">
                    { s.bank_open_file }
                    <input type="file" accept="application/json,.json" data-testid="bank-file" onchange={on_change} />
                </label>
                <a class="button" href={builtin_url()} data-testid="builtin-bank">{ s.bank_back_to_builtin }</a>
            </p>
            <p class="hint">
                { s.bank_drop_hint }
                <a href="static/bank.schema.json" data-testid="schema-link">{ s.bank_schema_link }</a>
                { s.bank_authoring_note }
            </p>
            { for p.file_error.clone().map(|e| html! { <p class="answer-error" role="alert" data-testid="bank-file-error">{ e }</p> }) }
        </section>
    }
}
