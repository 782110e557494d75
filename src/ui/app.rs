//! The root component: loads the bank, follows the hash route, owns the
//! UI language, and lays out header, main content and footer.

use std::rc::Rc;

use gloo_events::EventListener;
use yew::prelude::*;

use super::home::Home;
#[cfg(feature = "full")]
use super::labs::{LabIndex, LabPage};
#[cfg(feature = "full")]
use super::question_page::QuestionPage;
#[cfg(feature = "full")]
use super::review::{ReviewPage, StatsPage};
#[cfg(feature = "full")]
use super::store::StoreHandle;
use super::{current_hash, fetch_text, initial_lang, remember_lang, set_document_lang, BankRef};
use crate::bank::Loaded;
use crate::i18n::{strings, Lang};
use crate::route::{EmbedParams, Route, Theme};

/// A label baked in at compile time (`AIL_BUILD_LABEL=v2 trunk build …`);
/// the update e2e test builds a second version with it. Unset normally.
const BUILD_LABEL: Option<&str> = option_env!("AIL_BUILD_LABEL");

/// Where the built-in bank is served from (copied from `static/` by Trunk).
pub const BANK_URL: &str = "static/bank.json";

/// The built-in bank: the whole of `bank.json`, parsed and validated here.
#[cfg(feature = "full")]
async fn load_builtin() -> LoadState {
    match fetch_text(BANK_URL).await {
        Err(e) => LoadState::Failed(e),
        Ok(text) => parsed(BANK_URL, &text),
    }
}

/// A bank's text from `url`, parsed and validated (`bank::load`).
#[cfg(feature = "full")]
fn parsed(url: &str, text: &str) -> LoadState {
    match crate::bank::load(text) {
        Err(e) => LoadState::Failed(format!("{url}: {e}")),
        Ok(loaded) => LoadState::Ready(BankRef(Rc::new(loaded))),
    }
}

/// The built-in bank's index (checked at build time; see bank::first_load).
#[cfg(not(feature = "full"))]
async fn load_builtin() -> LoadState {
    use crate::bank::first_load::INDEX_URL;
    let state = match fetch_text(INDEX_URL).await {
        Err(e) => LoadState::Failed(e),
        Ok(text) => match crate::decode::parse(&text).and_then(|v| crate::decode::bank(&v)) {
            Err(e) => LoadState::Failed(format!("{INDEX_URL}: {e}")),
            Ok(bank) => LoadState::Ready(BankRef(Rc::new(Loaded {
                bank,
                problems: Vec::new(),
                warnings: Vec::new(),
            }))),
        },
    };
    // Under the home page's static copy, decoding and the page's render
    // run each in a task of its own (see ui::start).
    if super::on_home_page() {
        super::next_task().await;
    }
    state
}

#[derive(Clone, PartialEq)]
enum LoadState {
    Loading,
    Failed(String),
    Ready(BankRef),
}

/// The page's query string (`?lang=…&theme=…&host=…`, set by `embed.js`).
pub(super) fn embed_params() -> EmbedParams {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    EmbedParams::parse(&search)
}

#[function_component(App)]
pub fn app() -> Html {
    let params = use_memo((), |_| embed_params());
    let lang = {
        let forced = params.lang;
        use_state(move || forced.unwrap_or_else(initial_lang))
    };
    let route = use_state(|| Route::parse(&current_hash()));
    let update = use_state(|| None::<web_sys::ServiceWorker>);
    let store = use_store();
    // A bank the learner picked or dropped on the home page (kept for this visit).
    let file_bank = use_state(|| None::<BankRef>);
    let file_error = use_state(|| None::<String>);
    let storage_ok = use_memo((), |_| super::embed::storage_works());

    // After every render of an embed, report the height (see ui/embed.rs).
    {
        let host = params.host.clone();
        let embedded = matches!(*route, Route::Embed(_));
        use_effect(move || {
            if let (true, Some(host)) = (embedded, host) {
                super::embed::post_height(&host);
            }
        });
    }
    // Embed mode: theme and chrome classes on <html>, height reports to the host.
    {
        let params = params.clone();
        let embedded = matches!(*route, Route::Embed(_));
        use_effect_with(embedded, move |embedded| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.class_list().toggle_with_force("embed", *embedded);
                match params.theme {
                    Some(Theme::Dark) => {
                        let _ = root.set_attribute("data-theme", "dark");
                    }
                    Some(Theme::Light) => {
                        let _ = root.set_attribute("data-theme", "light");
                    }
                    None => {}
                }
            }
            if *embedded {
                if let Some(host) = params.host.clone() {
                    super::embed::report_height(host);
                }
            }
        });
    }
    // A file picked in the first-load app, handed over by ui::upgrade.
    #[cfg(feature = "full")]
    {
        let (file_bank, file_error, lang) = (file_bank.clone(), file_error.clone(), *lang);
        use_effect_with((), move |_| {
            if let Some((name, text)) = super::take_file() {
                match super::bank_from_file(&name, &text, lang) {
                    Ok(b) => file_bank.set(Some(b)),
                    Err(e) => file_error.set(Some(e)),
                }
            }
        });
    }
    let load = use_state(|| LoadState::Loading);
    let attempt = use_state(|| 0u32);

    // Offline support and updates (see ui/pwa.rs), once this page's own
    // files are in: the worker's first precache fetches every file of the
    // build, which would otherwise share a slow link with them. The
    // first-load app registers on the home page; on any other route it
    // hands over to the full app, which registers once its bank is in.
    {
        let update = update.clone();
        let registered = use_mut_ref(|| false);
        let settled = !matches!(*load, LoadState::Loading)
            && (cfg!(feature = "full") || matches!(*route, Route::Home));
        use_effect_with(settled, move |settled| {
            if *settled && !registered.replace(true) {
                super::pwa::register(Callback::from(move |w| update.set(Some(w))));
            }
        });
    }
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
        let (load, params, lang) = (load.clone(), params.clone(), lang.clone());
        use_effect_with(*attempt, move |_| {
            load.set(LoadState::Loading);
            let (custom_url, lang) = (params.bank.clone(), *lang);
            #[cfg(not(feature = "full"))]
            let _ = lang;
            wasm_bindgen_futures::spawn_local(async move {
                let next = match custom_url {
                    // The first-load app hands someone's bank to the full app.
                    #[cfg(not(feature = "full"))]
                    Some(_) => return,
                    // ?bank=<url>: someone's bank, with the limits of bank::source.
                    #[cfg(feature = "full")]
                    Some(url) => match super::fetch_bank(&url).await {
                        Err(e) => LoadState::Failed(e.message(lang)),
                        Ok(text) => parsed(&url, &text),
                    },
                    None => load_builtin().await,
                };
                load.set(next);
            });
        });
    }

    // index.html's #boot (on the home route, a static copy of the home
    // page) stays until this app has its own page to put in its place: at
    // once elsewhere or with someone's bank (`?bank=`, no static copy), on
    // the home route once the built-in bank is loaded or failed.
    {
        let ready = !matches!(*route, Route::Home)
            || params.bank.is_some()
            || !matches!(*load, LoadState::Loading);
        use_effect_with(ready, |ready| {
            if *ready {
                super::drop_boot();
            }
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

    let embedded = matches!(*route, Route::Embed(_));
    let body = match &*load {
        // The first-load app hands someone's bank to the full app.
        #[cfg(not(feature = "full"))]
        _ if params.bank.is_some() => html! { <super::upgrade::Upgrade lang={*lang} /> },
        LoadState::Loading => html! { <p class="status" role="status">{ s.loading }</p> },
        LoadState::Failed(msg) => html! {
            <section class="load-error" role="alert">
                <h1>{ s.load_failed }</h1>
                <p><code data-testid="load-error">{ msg.clone() }</code></p>
                <button class="button" onclick={retry}>{ s.retry }</button>
                if params.bank.is_some() {
                    { " " }<a class="button" href={builtin_url()} data-testid="use-builtin">{ match *lang { Lang::Zh => "改用内置题库", Lang::En => "Use the built-in bank" } }</a>
                }
            </section>
        },
        LoadState::Ready(loaded) => {
            let bank = (*file_bank).clone().unwrap_or_else(|| loaded.clone());
            let on_file = {
                let (file_bank, file_error, lang) = (file_bank.clone(), file_error.clone(), *lang);
                Callback::from(move |(name, text): (String, String)| {
                    // The first-load app has no bank parser: the file goes
                    // to the full app (see ui::upgrade).
                    #[cfg(not(feature = "full"))]
                    {
                        let _ = (&file_bank, lang);
                        super::pass_file(&name, &text);
                        let file_error = file_error.clone();
                        super::upgrade::upgrade(Callback::from(move |e: String| {
                            file_error.set(Some(format!("{name}: {e}")))
                        }));
                    }
                    #[cfg(feature = "full")]
                    match super::bank_from_file(&name, &text, lang) {
                        Ok(b) => {
                            file_error.set(None);
                            file_bank.set(Some(b));
                        }
                        Err(e) => file_error.set(Some(e)),
                    }
                })
            };
            let on_builtin = {
                let file_bank = file_bank.clone();
                Callback::from(move |_| file_bank.set(None))
            };
            let source = BankSource {
                from_file: file_bank.is_some(),
                from_url: params.bank.clone(),
                on_file,
                on_builtin,
                file_error: (*file_error).clone(),
            };
            html! {
                <>
                    { problems(&bank, *lang) }
                    { page_with(&route, &bank, *lang, false, Some(source)) }
                </>
            }
        }
    };

    let update_banner = update.as_ref().map(|worker| {
        let worker = worker.clone();
        let onclick = Callback::from(move |_: MouseEvent| super::pwa::apply_update(&worker));
        html! {
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{ match *lang { Lang::Zh => "新版本已下载。", Lang::En => "A new version is ready." } }</span>
                <button class="button primary" data-testid="update-reload" {onclick}>
                    { match *lang { Lang::Zh => "重新加载以更新", Lang::En => "Reload to update" } }
                </button>
            </div>
        }
    });
    if embedded {
        let Route::Embed(inner) = &*route else {
            return Html::default();
        };
        let full = format!("{}{}", super::embed::base_url(), inner.to_hash());
        let body = match &*load {
            LoadState::Ready(bank) => page(inner, bank, *lang, true),
            _ => body,
        };
        return with_store(
            html! {
                <main id="main" class="embed-main" tabindex="-1">
                    { for update_banner }
                    { body }
                    <footer class="embed-foot">
                        <a href={full} target="_blank" rel="noopener noreferrer" data-testid="embed-open-full">
                            { match *lang { Lang::Zh => "在 AI 面试实验室中打开 ↗", Lang::En => "Open in AI Interview Lab ↗" } }
                        </a>
                        if !*storage_ok {
                            <p class="storage-notice" role="status" data-testid="storage-notice">
                                { match *lang {
                                    Lang::Zh => "这个嵌入页无法使用浏览器存储：进度不会保存在这里。",
                                    Lang::En => "Browser storage is not available in this embed: progress is not saved here.",
                                } }
                            </p>
                        }
                    </footer>
                </main>
            },
            &store,
        );
    }

    let notices = store_notices(&store, *lang);
    with_store(
        html! {
            <>
                { for update_banner }
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
                    <nav class="top-nav" aria-label={s.nav_label}>
                        <a class="nav-link" href="#/review" data-testid="review-link">{ s.nav_review }</a>
                        <a class="nav-link" href="#/labs" data-testid="labs-link">{ s.nav_labs }</a>
                        <a class="nav-link" href="#/stats" data-testid="stats-link">{ s.nav_progress }</a>
                    </nav>
                    <button class="lang" data-testid="lang-toggle" onclick={toggle}
                        lang={lang.other().tag()} aria-label={s.switch_language_label}>
                        { s.switch_language }
                    </button>
                </header>
                <main id="main" tabindex="-1">{ notices }{ body }</main>
                // The footer waits for the bank: shown during loading it would be
                // pushed down by the page (a layout shift, CLS).
                if matches!(*load, LoadState::Ready(_)) {
                    <footer class="foot">
                        <p>{ s.source_note }</p>
                        { for BUILD_LABEL.map(|l| html! { <p class="build" data-testid="build-label">{ l }</p> }) }
                    </footer>
                }
            </>
        },
        &store,
    )
}

/// The progress store, kept in sync with other tabs. Only the full app's
/// pages (questions, review, stats) read or write progress, so the
/// first-load app has none: its storage notices (unreadable, memory only)
/// come with those pages.
#[cfg(feature = "full")]
#[hook]
fn use_store() -> StoreHandle {
    let store = use_reducer(super::store::Store::load);
    super::review::use_storage_sync(store.clone());
    store
}
#[cfg(not(feature = "full"))]
#[derive(Clone, Copy)]
struct StoreHandle;
#[cfg(not(feature = "full"))]
#[hook]
fn use_store() -> StoreHandle {
    StoreHandle
}

/// Gives the pages the progress store.
fn with_store(page: Html, store: &StoreHandle) -> Html {
    #[cfg(feature = "full")]
    return html! { <ContextProvider<StoreHandle> context={store.clone()}>{ page }</ContextProvider<StoreHandle>> };
    #[cfg(not(feature = "full"))]
    {
        let StoreHandle = store;
        page
    }
}

fn store_notices(store: &StoreHandle, lang: Lang) -> Html {
    #[cfg(feature = "full")]
    return super::review::store_notices(store, lang);
    #[cfg(not(feature = "full"))]
    {
        let (StoreHandle, _) = (store, lang);
        Html::default()
    }
}

/// Where the bank on screen came from, and how to change it (home page).
#[derive(Clone, PartialEq)]
pub struct BankSource {
    pub from_file: bool,
    pub from_url: Option<String>,
    pub on_file: Callback<(String, String)>,
    pub on_builtin: Callback<()>,
    pub file_error: Option<String>,
}

/// This page's URL without `?bank=…` (the built-in bank), keeping the route.
fn builtin_url() -> String {
    let loc = web_sys::window().map(|w| w.location());
    let path = loc
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    format!("{path}{}", current_hash())
}

fn page(route: &Route, bank: &BankRef, lang: Lang, embed: bool) -> Html {
    page_with(route, bank, lang, embed, None)
}

// `embed` reaches only the full app's pages.
#[cfg_attr(not(feature = "full"), allow(unused_variables))]
fn page_with(
    route: &Route,
    bank: &BankRef,
    lang: Lang,
    embed: bool,
    source: Option<BankSource>,
) -> Html {
    match route {
        Route::Home => html! { <Home bank={bank.clone()} {lang} {source} /> },
        #[cfg(feature = "full")]
        Route::Question { id, order, variant } => html! {
            <QuestionPage key={format!("{id}#{variant:?}")} bank={bank.clone()} {lang} id={id.clone()} order={order.clone()} variant={*variant} {embed} />
        },
        #[cfg(feature = "full")]
        Route::Labs => html! { <LabIndex {lang} /> },
        #[cfg(feature = "full")]
        Route::Review => html! { <ReviewPage bank={bank.clone()} {lang} /> },
        #[cfg(feature = "full")]
        Route::Stats => html! { <StatsPage bank={bank.clone()} {lang} /> },
        #[cfg(feature = "full")]
        Route::Lab { slug, query } => html! {
            <LabPage key={format!("{slug}?{query}")} bank={bank.clone()} {lang} slug={slug.clone()} query={query.clone()} {embed} />
        },
        // The first-load app shows a question's prompt while the full app
        // loads; everything else is the full app's.
        #[cfg(not(feature = "full"))]
        Route::Question {
            id,
            order,
            variant: None,
        } if !order.review => html! {
            <super::upgrade::QuestionLoader key={id.clone()} bank={bank.clone()} {lang} id={id.clone()} order={order.clone()} />
        },
        #[cfg(not(feature = "full"))]
        Route::Question { .. } | Route::Labs | Route::Review | Route::Stats | Route::Lab { .. } => {
            html! { <super::upgrade::Upgrade {lang} /> }
        }
        Route::Embed(inner) => page(inner, bank, lang, true),
        Route::NotFound(raw) => html! {
            <section class="load-error" role="alert">
                <h1>{ strings(lang).no_page }<code>{ format!("#{raw}") }</code></h1>
                <p><a href="#/">{ strings(lang).home }</a></p>
            </section>
        },
    }
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
