//! The web UI: thin Yew components over the core modules, plus the few
//! browser calls they need (hash, storage, fetch). Only built for wasm32.

pub mod app;
pub mod embed;
pub mod home;
pub mod labs;
pub mod pwa;
pub mod question_head;
// Answering is the full app's; the first-load app shows a question
// read-only (ui::upgrade).
#[cfg(feature = "full")]
pub mod question_page;
pub mod review;
pub mod rich_text;
#[cfg(feature = "full")]
pub mod slot_view;
pub mod store;
#[cfg(not(feature = "full"))]
pub mod upgrade;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::bank::Loaded;
use crate::i18n::Lang;

/// Mounts the app on `<div id="app">` (or the body if it is missing). The
/// app removes `index.html`'s `#boot` once it has a page ([`drop_boot`]).
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        // On the home page, whose static copy is already on screen, the
        // first render runs in a task of its own, after the one that
        // instantiated the wasm, so neither holds the main thread long on a
        // slow phone. Elsewhere the page is waiting: render at once.
        if on_home_page() {
            next_task().await;
        }
        let doc = web_sys::window().and_then(|w| w.document());
        let handle = match doc.and_then(|d| d.get_element_by_id("app")) {
            Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
            None => yew::Renderer::<app::App>::new().render(),
        };
        // The first-load app unmounts itself when it hands over (ui::upgrade).
        #[cfg(not(feature = "full"))]
        upgrade::keep(handle);
        #[cfg(feature = "full")]
        drop(handle);
    });
}

/// `index.html` shows its static copy of the home page (it marks `<html>`
/// with `data-boot` until [`drop_boot`]).
pub fn on_home_page() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.has_attribute("data-boot"))
}

/// Resolves in a new task (a zero-delay timer): start-up work split at
/// these points lets the browser paint and handle input in between.
pub async fn next_task() {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        let set = web_sys::window().map(|w| w.set_timeout_with_callback(&resolve));
        if !matches!(set, Some(Ok(_))) {
            // No timer (no window): go on at once rather than never.
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = JsFuture::from(timer).await;
}

/// Removes `index.html`'s `#boot` (the home page's static copy, or the
/// loading message) and the `data-boot` mark that hides `#app` under it.
/// Called by the app once it has a page to show in their place; again
/// later, it does nothing.
pub fn drop_boot() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(boot) = doc.get_element_by_id("boot") {
        boot.remove();
    }
    if let Some(root) = doc.document_element() {
        let _ = root.remove_attribute("data-boot");
    }
}

/// Window property that carries a picked bank file from the first-load app
/// to the full app (see [`upgrade`]): `[name, text]`.
const PENDING_FILE: &str = "__ailPendingBankFile";

/// Leaves a picked bank file for the full app.
pub fn pass_file(name: &str, text: &str) {
    if let Some(w) = web_sys::window() {
        let pair = js_sys::Array::of2(&name.into(), &text.into());
        let _ = js_sys::Reflect::set(&w, &PENDING_FILE.into(), &pair);
    }
}

/// Takes the file the first-load app left, if any.
pub fn take_file() -> Option<(String, String)> {
    let pair: js_sys::Array = take_handed_over(PENDING_FILE)?.dyn_into().ok()?;
    Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
}

/// Takes (reads and deletes) what the first-load app left on `window[key]`
/// for the full app (see [`upgrade`]), if anything.
fn take_handed_over(key: &str) -> Option<wasm_bindgen::JsValue> {
    let w = web_sys::window()?;
    let v = js_sys::Reflect::get(&w, &key.into()).ok()?;
    let _ = js_sys::Reflect::delete_property(&w, &key.into());
    (!v.is_undefined()).then_some(v)
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

/// The current `location.hash` ("" when unavailable).
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Navigates by setting the hash (adds a history entry, fires `hashchange`).
pub fn go(hash: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Replaces the current hash without a history entry or a `hashchange`.
pub fn replace_hash(hash: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// The hash [`replace_hash_soon`] will write, the hash the page had when
/// the first of the pending calls came, and the timer.
struct PendingHash {
    hash: String,
    base: String,
    timer: i32,
    _fire: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

thread_local! {
    static SOON: std::cell::RefCell<Option<PendingHash>> = const { std::cell::RefCell::new(None) };
}

/// [`replace_hash`], once the calls pause for 300 ms (a lab's inputs call
/// it on every keystroke). Each URL change makes Chromium fetch and parse
/// the page's SVG icon again: about 10 ms of a lab edit's frame at 4x CPU,
/// more than the lab's own work. If the page's hash changed meanwhile (the
/// learner followed a link), the pending hash is dropped.
pub fn replace_hash_soon(hash: &str) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let fire = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
        // Only the hash is taken: the closure running now stays where it
        // is until the next call replaces it.
        let pending = SOON.with(|s| {
            s.borrow_mut()
                .as_mut()
                .map(|p| (std::mem::take(&mut p.hash), p.base.clone()))
        });
        if let Some((hash, base)) = pending.filter(|(h, _)| !h.is_empty()) {
            if current_hash() == base {
                replace_hash(&hash);
            }
        }
    });
    let Ok(id) =
        w.set_timeout_with_callback_and_timeout_and_arguments_0(fire.as_ref().unchecked_ref(), 300)
    else {
        return replace_hash(hash);
    };
    // Until the timer fires, the page keeps the hash the first call saw.
    let base = SOON
        .with(|s| {
            s.borrow()
                .as_ref()
                .filter(|p| !p.hash.is_empty())
                .map(|p| p.base.clone())
        })
        .unwrap_or_else(current_hash);
    let pending = PendingHash {
        hash: hash.to_string(),
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
    // The fetch the first-load app started for this app (`ui::upgrade`), if any.
    let request = take_handed_over(&format!("__ailPrefetched:{url}"))
        .and_then(|p| p.dyn_into().ok())
        .unwrap_or_else(|| window.fetch_with_str(url));
    let resp = JsFuture::from(request)
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

/// A bank from a picked or dropped file: the same limits and rules as a
/// fetched one. Errors are messages naming the file and the place.
pub fn bank_from_file(name: &str, text: &str, lang: Lang) -> Result<BankRef, String> {
    crate::bank::source::check_size(text.len())
        .map_err(|e| format!("{name}: {}", e.message(lang)))?;
    crate::bank::load(text)
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
