//! Service worker registration and the "reload to update" handshake.
//!
//! `sw.js` is written at build time by `postbuild` with this build's file
//! list. A new deploy installs a new worker, which waits; the app then
//! offers "Reload to update". Accepting posts `skip-waiting` to the new
//! worker; when it takes control the page reloads, and from then on every
//! file comes from the new build's cache (the old cache is deleted).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    RegistrationOptions, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState, ServiceWorkerUpdateViaCache,
};
use yew::Callback;

/// The page's service worker container, when the browser has one (not in
/// insecure contexts or some private modes).
fn container() -> Option<ServiceWorkerContainer> {
    let nav = web_sys::window()?.navigator();
    let has = js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    has.then(|| nav.service_worker())
}

/// Registers `sw.js` (relative to the page, so any deploy path works) and
/// calls `on_update` with the new worker once a new build is installed and
/// waiting while an old one controls the page. Failures (no `sw.js` on the
/// dev server, storage refused in an iframe) leave the app as it is.
pub fn register(on_update: Callback<ServiceWorker>) {
    let Some(container) = container() else {
        return;
    };
    let opts = RegistrationOptions::new();
    opts.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let promise = container.register_with_options("sw.js", &opts);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = JsFuture::from(promise).await else {
            return;
        };
        // Some environments (blocked workers, test harnesses) resolve to nothing.
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if let (Some(waiting), Some(_)) = (reg.waiting(), container.controller()) {
            on_update.emit(waiting);
        }
        let reg2 = reg.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg2.installing() else {
                return;
            };
            let (worker, container, on_update) =
                (installing.clone(), container.clone(), on_update.clone());
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed
                    && container.controller().is_some()
                {
                    on_update.emit(worker.clone());
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget(); // lives as long as that worker
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget(); // lives as long as the page
    });
}

/// Asks the waiting worker to take over, then reloads once it controls the page.
pub fn apply_update(worker: &ServiceWorker) {
    let Some(container) = container() else {
        return;
    };
    let reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"skip-waiting".into());
    let _ = worker.post_message(&msg);
}
