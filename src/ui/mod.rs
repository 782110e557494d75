//! The web UI: thin Yew components over the core modules, plus the few
//! browser calls they need (location, storage, fetch).
//!
//! Every page of the built-in bank is static HTML that the build renders
//! with these components ([`ssr`], natively). In the browser a page then
//! loads one of two modules, which renders the same page again and takes
//! its place ([`takeover`]): [`practice`] on question pages and the home
//! page (no Markdown parser: it shows the static page's own text nodes),
//! [`app`] everywhere else (labs, review, stats, variants, other banks).

pub mod app;
pub mod chrome;
pub mod embed;
pub mod home;
pub mod interview;
pub mod labs;
pub mod nav;
pub mod practice;
pub mod pwa;
pub mod question_head;
pub mod question_page;
pub mod review;
pub mod rich_text;
pub mod root;
pub mod slot_view;
#[cfg(not(target_arch = "wasm32"))]
pub mod ssr;
pub mod store;
pub mod takeover;
pub mod texts;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::bank::{BankIndex, Loaded};
use crate::i18n::Lang;
use crate::page::PageData;

/// A bank's index shared by components; equal only to itself, so props
/// compare in O(1).
#[derive(Clone)]
pub struct IndexRef(pub Rc<BankIndex>);

impl PartialEq for IndexRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The static page's data ([`PageData`], in `#ail-page`), or why there is
/// none to read.
pub fn page_data() -> Result<Rc<PageData>, String> {
    let json = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(crate::page::DATA_ID))
        .and_then(|e| e.text_content())
        .ok_or_else(|| "this page has no data for the app (#ail-page)".to_string())?;
    PageData::parse(&json).map(Rc::new)
}

/// A loaded bank shared by components; equal only to itself, so props
/// compare in O(1).
#[derive(Clone)]
pub struct BankRef(pub Rc<Loaded>);

impl PartialEq for BankRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

const LANG_KEY: &str = "ail.lang";

/// The stored UI language, else the browser's, else English.
pub fn initial_lang() -> Lang {
    if let Some(code) = storage_get(LANG_KEY) {
        return Lang::from_tag(&code);
    }
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|l| Lang::from_tag(&l))
        .unwrap_or(Lang::En)
}

/// Remembers the UI language; storage failures are ignored (the choice
/// then lasts for this visit only).
pub fn remember_lang(lang: Lang) {
    storage_set(LANG_KEY, lang.code());
}

fn local_storage() -> Option<web_sys::Storage> {
    // `local_storage()` itself throws in some sandboxed iframes.
    web_sys::window()?.local_storage().ok().flatten()
}

fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

fn storage_set(key: &str, value: &str) -> bool {
    local_storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Listens for the page's keyboard shortcuts: `f` gets the event and its
/// key, except when a modifier is held, the key was handled already, the
/// focus is in a field, or the key is Space or Enter on an element with
/// its own meaning for them (a button, a link, a summary, a player). Not
/// passive: `f` may prevent a handled key's default (scrolling on Space).
/// `None` without a document.
pub fn on_shortcut(
    mut f: impl FnMut(&web_sys::Event, &str) + 'static,
) -> Option<gloo_events::EventListener> {
    let doc = web_sys::window()?.document()?;
    Some(gloo_events::EventListener::new_with_options(
        &doc,
        "keydown",
        gloo_events::EventListenerOptions::enable_prevent_default(),
        move |e| {
            let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if k.ctrl_key() || k.meta_key() || k.alt_key() || k.default_prevented() {
                return;
            }
            let tag = k
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|el| el.tag_name().to_ascii_uppercase())
                .unwrap_or_default();
            if matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
                return;
            }
            let key = k.key();
            if matches!(key.as_str(), " " | "Enter")
                && matches!(tag.as_str(), "BUTTON" | "A" | "SUMMARY" | "AUDIO")
            {
                return;
            }
            f(e, &key);
        },
    ))
}

/// The current `location.hash` ("" when unavailable).
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The URL [`replace_soon`] will write, the page's URL when the first of
/// the pending calls came, and the timer.
struct Pending {
    url: String,
    base: String,
    timer: i32,
    _fire: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

thread_local! {
    static SOON: std::cell::RefCell<Option<Pending>> = const { std::cell::RefCell::new(None) };
}

/// The page's whole address (`location.href`).
fn current_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// [`nav::replace_url`], once the calls pause for 300 ms (a lab's inputs
/// call it on every keystroke). Each URL change makes Chromium fetch and
/// parse the page's SVG icon again: about 10 ms of a lab edit's frame at 4x
/// CPU, more than the lab's own work. If the page's address changed
/// meanwhile (the learner followed a link), the pending one is dropped.
pub fn replace_soon(url: &str) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let fire = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
        // Only the URL is taken: the closure running now stays where it
        // is until the next call replaces it.
        let pending = SOON.with(|s| {
            s.borrow_mut()
                .as_mut()
                .map(|p| (std::mem::take(&mut p.url), p.base.clone()))
        });
        if let Some((url, base)) = pending.filter(|(u, _)| !u.is_empty()) {
            if current_href() == base {
                nav::replace_url(&url);
            }
        }
    });
    let Ok(id) =
        w.set_timeout_with_callback_and_timeout_and_arguments_0(fire.as_ref().unchecked_ref(), 300)
    else {
        return nav::replace_url(url);
    };
    // Until the timer fires, the page keeps the address the first call saw.
    let base = SOON
        .with(|s| {
            s.borrow()
                .as_ref()
                .filter(|p| !p.url.is_empty())
                .map(|p| p.base.clone())
        })
        .unwrap_or_else(current_href);
    let pending = Pending {
        url: url.to_string(),
        base,
        timer: id,
        _fire: fire,
    };
    if let Some(old) = SOON.with(|s| s.borrow_mut().replace(pending)) {
        w.clear_timeout_with_handle(old.timer);
    }
}

/// Sets `<html lang>` and the document title.
pub fn set_document_lang(lang: Lang, title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        doc.set_title(title);
    }
}

/// Fetches `url` as text. Errors are messages for the learner.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("network error while fetching {url}"))?;
    let resp: web_sys::Response = resp
        .dyn_into()
        .map_err(|_| "fetch returned something that is not a Response".to_string())?;
    if !resp.ok() {
        return Err(format!(
            "{url}: HTTP {} {}",
            resp.status(),
            resp.status_text()
        ));
    }
    let text = resp.text().map_err(|_| format!("{url}: body unreadable"))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|_| format!("{url}: body unreadable"))?;
    text.as_string()
        .ok_or_else(|| format!("{url}: body is not text"))
}

/// Fetches a bank from `url` with the limits of [`crate::bank::source`]:
/// https or same-site only, 10 s timeout, JSON content type, 5 MB.
pub async fn fetch_bank(url: &str) -> Result<String, crate::bank::source::SourceError> {
    use crate::bank::source::{
        check_content_type, check_size, check_url, SourceError, FETCH_TIMEOUT_MS,
    };
    use std::cell::Cell;
    let url = check_url(url)?;
    let network = || SourceError::Network(url.clone());
    let window = web_sys::window().ok_or_else(network)?;
    let url = same_site_or_https(&url, &window)?;
    let network = || SourceError::Network(url.clone());
    let controller = web_sys::AbortController::new().map_err(|_| network())?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (flag, controller) = (timed_out.clone(), controller.clone());
        wasm_bindgen::closure::Closure::once(move || {
            flag.set(true);
            controller.abort();
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            FETCH_TIMEOUT_MS,
        )
        .ok();
    let result = async {
        let resp = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
            .await
            .map_err(|_| network())?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| network())?;
        if !resp.ok() {
            return Err(SourceError::Http {
                url: url.clone(),
                status: resp.status(),
            });
        }
        let headers = resp.headers();
        check_content_type(&url, headers.get("content-type").ok().flatten().as_deref())?;
        if let Some(n) = headers
            .get("content-length")
            .ok()
            .flatten()
            .and_then(|n| n.parse::<usize>().ok())
        {
            check_size(n)?;
        }
        let text = JsFuture::from(resp.text().map_err(|_| network())?)
            .await
            .map_err(|_| network())?
            .as_string()
            .ok_or_else(network)?;
        check_size(text.len())?;
        Ok(text)
    }
    .await;
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    drop(on_timeout);
    match result {
        Err(SourceError::Network(_)) if timed_out.get() => Err(SourceError::Timeout(url.clone())),
        other => other,
    }
}

/// `url` resolved the way the browser will fetch it (against the page's
/// address): allowed when it is https or on the page's own origin. A "path"
/// such as `/\evil.example/b.json` or one with a tab after the slash is
/// another host to the browser's URL parser: refused unless it is https,
/// like any other host.
fn same_site_or_https(
    url: &str,
    window: &web_sys::Window,
) -> Result<String, crate::bank::source::SourceError> {
    use crate::bank::source::SourceError;
    let page = window.location().href().unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(url, &page)
        .map_err(|_| SourceError::NotHttps(url.to_string()))?;
    let own = web_sys::Url::new(&page)
        .map(|p| p.origin())
        .unwrap_or_default();
    if resolved.protocol() == "https:" || resolved.origin() == own {
        Ok(resolved.href())
    } else {
        Err(SourceError::NotHttps(url.to_string()))
    }
}

/// A bank from a picked or dropped file: the same limits and rules as a
/// fetched one. Errors are messages naming the file and the place.
pub fn bank_from_file(name: &str, text: &str, lang: Lang) -> Result<BankRef, String> {
    crate::bank::source::check_size(text.len())
        .map_err(|e| format!("{name}: {}", e.message(lang)))?;
    ail_core::load(text)
        .map(|l| BankRef(Rc::new(l)))
        .map_err(|e| format!("{name}: {e}"))
}

/// A fresh shuffle seed for "practise all" (UI-only randomness: the order
/// itself is then fully determined by this seed, which goes in the URL).
pub fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 4_294_967_296.0) as u64
}

/// A fresh 64-bit variant seed (UI-only randomness: the variant itself is
/// then fully determined by this seed, which goes in the URL).
pub fn fresh_variant_seed() -> u64 {
    let half = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (half() << 32) | half()
}
