//! The root component: loads the bank, follows the hash route, owns the
//! UI language, and lays out header, main content and footer.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use super::home::Home;
use super::labs::{LabIndex, LabPage};
use super::question_page::QuestionPage;
use super::{current_hash, fetch_text, initial_lang, remember_lang, set_document_lang, BankRef};
use crate::bank::{self, Loaded};
use crate::i18n::{strings, Lang};
use crate::route::Route;

/// Where the built-in bank is served from (copied from `static/` by Trunk).
pub const BANK_URL: &str = "static/bank.json";

#[derive(Clone, PartialEq)]
enum LoadState {
    Loading,
    Failed(String),
    Ready(BankRef),
}

#[function_component(App)]
pub fn app() -> Html {
    let lang = use_state(initial_lang);
    let route = use_state(|| Route::parse(&current_hash()));
    let load = use_state(|| LoadState::Loading);
    let attempt = use_state(|| 0u32);

    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    route.set(Route::parse(&current_hash()))
                })
            });
            move || drop(listener)
        });
    }
    {
        let lang = *lang;
        use_effect_with(lang, move |l| set_document_lang(*l, strings(*l).app_title));
    }
    {
        let load = load.clone();
        use_effect_with(*attempt, move |_| {
            load.set(LoadState::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let next = match fetch_text(BANK_URL).await {
                    Err(e) => LoadState::Failed(e),
                    Ok(text) => match bank::load(&text) {
                        Err(e) => LoadState::Failed(format!("{BANK_URL}: {e}")),
                        Ok(loaded) => LoadState::Ready(BankRef(Rc::new(loaded))),
                    },
                };
                load.set(next);
            });
        });
    }

    let s = strings(*lang);
    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| {
            let next = lang.other();
            remember_lang(next);
            lang.set(next);
        })
    };
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };

    let body = match &*load {
        LoadState::Loading => html! { <p class="status" role="status">{ s.loading }</p> },
        LoadState::Failed(msg) => html! {
            <section class="load-error" role="alert">
                <h1>{ s.load_failed }</h1>
                <p><code>{ msg.clone() }</code></p>
                <button class="button" onclick={retry}>{ s.retry }</button>
            </section>
        },
        LoadState::Ready(bank) => html! {
            <>
                <Problems loaded={bank.clone()} lang={*lang} />
                { page(&route, bank, *lang) }
            </>
        },
    };

    html! {
        <>
            <a class="skip" href="#main" onclick={Callback::from(|e: MouseEvent| {
                // Keep the hash route: move focus instead of navigating.
                e.prevent_default();
                if let Some(m) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
                    use wasm_bindgen::JsCast;
                    if let Ok(h) = m.dyn_into::<web_sys::HtmlElement>() { let _ = h.focus(); }
                }
            })}>{ s.skip_to_content }</a>
            <header class="top">
                <a class="brand" href="#/">{ s.app_title }</a>
                <a class="nav-link" href="#/labs" data-testid="labs-link">{ match *lang { Lang::Zh => "实验", Lang::En => "Labs" } }</a>
                <button class="lang" data-testid="lang-toggle" onclick={toggle}
                    lang={lang.other().tag()} aria-label={match *lang { Lang::Zh => "Switch to English", Lang::En => "切换到中文" }}>
                    { s.switch_language }
                </button>
            </header>
            <main id="main" tabindex="-1">{ body }</main>
            <footer class="foot"><p>{ s.source_note }</p></footer>
        </>
    }
}

fn page(route: &Route, bank: &BankRef, lang: Lang) -> Html {
    match route {
        Route::Home => html! { <Home bank={bank.clone()} {lang} /> },
        Route::Question { id, order, variant } => html! {
            <QuestionPage key={format!("{id}#{variant:?}")} bank={bank.clone()} {lang} id={id.clone()} order={order.clone()} variant={*variant} />
        },
        Route::Labs => html! { <LabIndex {lang} /> },
        Route::Lab { slug, query } => html! {
            <LabPage key={format!("{slug}?{query}")} bank={bank.clone()} {lang} slug={slug.clone()} query={query.clone()} />
        },
        Route::NotFound(raw) => html! {
            <section class="load-error" role="alert">
                <h1>{ strings(lang).not_found }<code>{ raw.clone() }</code></h1>
                <p><a href="#/">{ strings(lang).home }</a></p>
            </section>
        },
    }
}

#[derive(Properties, PartialEq)]
struct ProblemsProps {
    loaded: BankRef,
    lang: Lang,
}

/// Lists what the bank loader left out (nothing when the bank is clean).
#[function_component(Problems)]
fn problems(props: &ProblemsProps) -> Html {
    let loaded: &Loaded = &props.loaded.0;
    if loaded.problems.is_empty() {
        return Html::default();
    }
    html! {
        <section class="problems" role="alert" data-testid="bank-problems">
            <h2>{ strings(props.lang).problems_title }</h2>
            <ul>{ for loaded.problems.iter().map(|p| html! { <li><code>{ p.to_string() }</code></li> }) }</ul>
        </section>
    }
}
