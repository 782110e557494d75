//! The hand-over from the first-load app to the full app.
//!
//! The page first runs this crate built without the `full` feature: the
//! home page, and a question's prompt, read-only, from the built-in bank's
//! pre-parsed files (`bank::first_load`). Every other route (answering a
//! question, labs, variants, review, stats, someone's bank) calls
//! [`upgrade`]: it imports `ail-full.js` (Trunk's output for the `ail-full`
//! binary, built with `full`) and compiles its wasm while this app keeps
//! showing the page, then unmounts this app, puts a fresh `#app` element in
//! place (so no listener of this app sees the new one's events) and starts
//! the full app there. The route, the language and the progress live in
//! the URL and localStorage, so nothing is lost. A failure (offline before
//! the worker cached the files, a broken deploy) is reported with a retry;
//! this app stays.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::i18n::Lang;

#[wasm_bindgen(inline_js = "
export function import_full(base, prefetch) {
  if (prefetch) {
    const response = fetch(new URL(prefetch, base).href);
    response.catch(() => {}); // the full app reports a failure when it reads it
    window['__ailPrefetched:' + prefetch] = response; // ui::fetch_text takes it
  }
  return Promise.all([
    import(new URL('ail-full.js', base).href),
    WebAssembly.compileStreaming(fetch(new URL('ail-full_bg.wasm', base).href)),
  ]);
}
export function start_full(pair) {
  return pair[0].default({ module_or_path: pair[1] });
}
")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn import_full(base: &str, prefetch: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn start_full(pair: &JsValue) -> Result<js_sys::Promise, JsValue>;
}

thread_local! {
    /// This app, to unmount before the full one mounts.
    static HANDLE: RefCell<Option<AppHandle<super::app::App>>> = const { RefCell::new(None) };
    /// An upgrade is under way (one at a time).
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

/// Keeps the running app's handle (called once by `ui::start`).
pub fn keep(handle: AppHandle<super::app::App>) {
    HANDLE.with(|h| *h.borrow_mut() = Some(handle));
}

fn describe(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Loads the full app and hands the page to it; `on_error` gets the reason
/// when that fails (the first-load app then stays in place).
pub fn upgrade(on_error: Callback<String>) {
    if BUSY.with(|b| b.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let result: Result<(), String> = async {
            let base = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.base_uri().ok().flatten())
                .ok_or("no document")?;
            // The full app's first request, the built-in bank, starts now
            // beside its wasm instead of after it (`ui::fetch_text` takes it).
            let prefetch = if super::app::embed_params().bank.is_none() {
                super::app::BANK_URL
            } else {
                ""
            };
            let pair = JsFuture::from(import_full(&base, prefetch).map_err(|e| describe(&e))?)
                .await
                .map_err(|e| describe(&e))?;
            // Everything is here: unmount this app and give the full one a
            // fresh element.
            if let Some(h) = HANDLE.with(|h| h.borrow_mut().take()) {
                h.destroy();
            }
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let (Some(old), Ok(fresh)) =
                    (doc.get_element_by_id("app"), doc.create_element("div"))
                {
                    fresh.set_id("app");
                    let _ = old.replace_with_with_node_1(&fresh);
                }
            }
            JsFuture::from(start_full(&pair).map_err(|e| describe(&e))?)
                .await
                .map_err(|e| describe(&e))?;
            Ok(())
        }
        .await;
        if let Err(e) = result {
            BUSY.with(|b| b.set(false));
            on_error.emit(e);
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct UpgradeProps {
    pub lang: Lang,
    /// Under a question's prompt: what is loading is its answer area.
    #[prop_or_default]
    pub answers: bool,
}

/// Shown where a page of the full app goes: starts the upgrade, says so,
/// and offers a retry if it fails.
#[function_component(Upgrade)]
pub fn upgrade_view(p: &UpgradeProps) -> Html {
    let error = use_state(|| None::<String>);
    let attempt = use_state(|| 0u32);
    {
        let error = error.clone();
        use_effect_with(*attempt, move |_| {
            let e = error.clone();
            upgrade(Callback::from(move |msg| e.set(Some(msg))));
        });
    }
    let zh = p.lang == Lang::Zh;
    match &*error {
        None => html! {
            <p class="status" role="status" data-testid="upgrading">
                { match (zh, p.answers) {
                    (true, true) => "正在加载作答区…",
                    (false, true) => "Loading the answer area…",
                    (true, false) => "正在加载这一部分…",
                    (false, false) => "Loading this part of the app…",
                } }
            </p>
        },
        Some(msg) => {
            let retry = {
                let (error, attempt) = (error.clone(), attempt.clone());
                Callback::from(move |_| {
                    error.set(None);
                    attempt.set(*attempt + 1);
                })
            };
            html! {
                <section class="load-error" role="alert">
                    // Under a question's heading, a second-level heading.
                    <@{ if p.answers { "h2" } else { "h1" } }>{ match (zh, p.answers) {
                        (true, true) => "作答区没能加载",
                        (false, true) => "The answer area could not be loaded",
                        (true, false) => "这一部分没能加载",
                        (false, false) => "This part of the app could not be loaded",
                    } }</@>
                    <p><code data-testid="upgrade-error">{ msg.clone() }</code></p>
                    <p>{ if zh { "首页和各题的题干仍可查看。请检查网络后重试。" } else { "The home page and the questions' prompts can still be read. Check the connection and retry." } }</p>
                    <button class="button" onclick={retry}>{ if zh { "重试" } else { "Retry" } }</button>
                </section>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LoaderProps {
    pub bank: super::BankRef,
    pub lang: Lang,
    pub id: String,
    pub order: crate::route::Order,
}

/// A question in the first-load app: its header from the index's stub and
/// its prompt from its own file (`static/core/q/<id>.json`), read-only,
/// while the full app (answer slots, grading, variants) loads in parallel
/// and then takes the page over.
#[function_component(QuestionLoader)]
pub fn question_loader(p: &LoaderProps) -> Html {
    use crate::bank::first_load::question_url;
    use crate::i18n::strings;

    enum State {
        Fetching,
        Failed(String),
        Ready(crate::bank::Text),
    }
    let stub = p.bank.0.bank.question(&p.id).cloned();
    let state = use_state(|| State::Fetching);
    let attempt = use_state(|| 0u32);
    {
        let (state, id, known) = (state.clone(), p.id.clone(), stub.is_some());
        use_effect_with(*attempt, move |_| {
            if known {
                state.set(State::Fetching);
                wasm_bindgen_futures::spawn_local(async move {
                    let url = question_url(&id);
                    state.set(match super::fetch_text(&url).await {
                        Err(e) => State::Failed(e),
                        Ok(text) => match crate::decode::parse(&text)
                            .and_then(|v| crate::decode::prompt(&v, &id))
                        {
                            Err(e) => State::Failed(format!("{url}: {e}")),
                            Ok(prompt) => State::Ready(prompt),
                        },
                    });
                });
            }
        });
    }
    let zh = p.lang == Lang::Zh;
    let Some(mut q) = stub else {
        return html! {
            <section class="load-error" role="alert">
                <h1 id="q-title" tabindex="-1">{ strings(p.lang).not_found }<code>{ p.id.clone() }</code></h1>
                <p><a href="#/">{ strings(p.lang).home }</a></p>
            </section>
        };
    };
    let body = match &*state {
        State::Fetching => html! {
            <p class="status" role="status">{ if zh { "正在加载题目…" } else { "Loading the question…" } }</p>
        },
        State::Ready(prompt) => {
            q.prompt = prompt.clone();
            // Its place in the practice order, as the question page shows it.
            let ids = crate::practice::ordered_ids(&p.bank.0.bank, &p.order);
            let heading = crate::practice::position(&ids, &q.id)
                .map(|x| crate::i18n::position(p.lang, x.index, x.total))
                .unwrap_or_default();
            html! {
                <article class="question" data-qid={q.id.clone()} data-testid="question-preview">
                    { super::question_head::question_head(&p.bank.0.bank, &q, heading, p.lang) }
                    <div class="prompt"><super::rich_text::Markdown source={AttrValue::from(q.prompt.get(p.lang).to_string())} /></div>
                </article>
            }
        }
        State::Failed(msg) => {
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_| attempt.set(*attempt + 1))
            };
            html! {
                <section class="load-error" role="alert">
                    <h1 id="q-title" tabindex="-1">{ if zh { "题目没能加载" } else { "The question could not be loaded" } }</h1>
                    <p><code data-testid="load-error">{ msg.clone() }</code></p>
                    <button class="button" onclick={retry}>{ if zh { "重试" } else { "Retry" } }</button>
                </section>
            }
        }
    };
    // The full app is fetched from the start, beside the question file; it
    // stays in the same place in the tree, so a retry of the file does not
    // restart it.
    html! {
        <>
            { body }
            <Upgrade lang={p.lang} answers=true />
        </>
    }
}
