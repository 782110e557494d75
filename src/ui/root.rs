//! What both modules' roots do on every page: embed mode (classes on
//! `<html>`, height reports to the host page), and the service worker with
//! its offer to update.

use yew::prelude::*;

use crate::i18n::{strings, Lang};
use crate::route::{EmbedParams, Theme};

/// The page's query string, read once (`?lang=…&theme=…&host=…&bank=…`).
pub fn embed_params() -> EmbedParams {
    EmbedParams::parse(&super::nav::search())
}

/// In an embed: the `embed` and theme classes on `<html>` and the height
/// reports to the host page (after every render, and on resize).
#[hook]
pub fn use_embed_mode(embedded: bool, params: &EmbedParams) {
    {
        let host = params.host.clone();
        use_effect(move || {
            if let (true, Some(host)) = (embedded, host) {
                super::embed::post_height(&host);
            }
        });
    }
    let params = params.clone();
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

/// Registers the service worker once the page's own files are in
/// (`ready`), so its precache does not share a slow link with them; returns
/// the "Reload to update" banner once a new build waits.
#[hook]
pub fn use_update_offer(ready: bool, lang: Lang) -> Html {
    let update = use_state(|| None::<web_sys::ServiceWorker>);
    {
        let update = update.clone();
        let registered = use_mut_ref(|| false);
        use_effect_with(ready, move |ready| {
            if *ready && !registered.replace(true) {
                super::pwa::register(Callback::from(move |w| update.set(Some(w))));
            }
        });
    }
    let Some(worker) = (*update).clone() else {
        return Html::default();
    };
    let onclick = Callback::from(move |_: MouseEvent| super::pwa::apply_update(&worker));
    html! {
        <div class="update-banner" role="status" data-testid="update-banner">
            <span>{ strings(lang).update_ready }</span>
            <button class="button primary" data-testid="update-reload" {onclick}>
                { strings(lang).update_reload }
            </button>
        </div>
    }
}
