//! Embedding: the iframe side (height reports to the host page, the
//! storage notice) and the "copy embed code" box shown on every question
//! and lab. The host side is `static/embed.js`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{strings, Lang};

/// The message type the iframe posts and `embed.js` accepts.
pub const HEIGHT_MESSAGE: &str = "ail-height";

/// The document's height in CSS pixels, rounded up (forces layout, which
/// works even while the browser throttles an offscreen iframe's rendering).
fn document_height() -> Option<f64> {
    let root = web_sys::window()?.document()?.document_element()?;
    Some(root.get_bounding_client_rect().height().ceil())
}

thread_local! {
    static LAST_POSTED: std::cell::Cell<f64> = const { std::cell::Cell::new(-1.0) };
}

/// Posts the document's height to `host` (an exact origin, validated by
/// [`crate::route::valid_origin`]) if it changed since the last post.
/// Never to `*`: only the page that embedded us may read our height.
pub fn post_height(host: &str) {
    let (Some(height), Some(Ok(Some(parent)))) =
        (document_height(), web_sys::window().map(|w| w.parent()))
    else {
        return;
    };
    if LAST_POSTED.with(|l| l.replace(height)) == height {
        return;
    }
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
    let _ = parent.post_message(&msg, host);
}

/// Posts the height now and whenever the document's size changes. (A
/// ResizeObserver does not run while an offscreen cross-origin iframe is
/// throttled, so the app also calls [`post_height`] after each render.)
pub fn report_height(host: String) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let post = Closure::<dyn FnMut()>::new(move || post_height(&host));
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&root);
        std::mem::forget(observer); // observes for the page's lifetime
    }
    post.forget();
}

/// Whether `localStorage` can be written here (partitioned or blocked
/// storage in a third-party iframe throws).
pub fn storage_works() -> bool {
    let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) else {
        return false;
    };
    let ok = storage.set_item("ail.probe", "1").is_ok();
    let _ = storage.remove_item("ail.probe");
    ok
}

/// The snippet a blog author pastes to embed `target` (`q/<id>` or `lab/<slug>?…`).
pub fn snippet(base: &str, target: &str) -> String {
    format!(
        "<div data-ai-lab=\"{}\"></div>\n<script src=\"{}static/embed.js\" async></script>",
        crate::markup::escape_html(target),
        crate::markup::escape_html(base)
    )
}

#[derive(Properties, PartialEq)]
pub struct EmbedCodeProps {
    /// `q/<id>` or `lab/<slug>?<query>`.
    pub target: AttrValue,
    pub lang: Lang,
}

/// A collapsed box with the embed snippet and a copy button.
#[function_component(EmbedCode)]
pub fn embed_code(p: &EmbedCodeProps) -> Html {
    let status = use_state(|| None::<bool>);
    // The site's address, read once in the browser (the static page,
    // rendered by the build, has none and shows the snippet relative).
    let base = use_state(String::new);
    {
        let base = base.clone();
        use_effect_with((), move |_| base.set(super::nav::site_root()));
    }
    let code = snippet(&base, &p.target);
    let onclick = {
        let (status, code) = (status.clone(), code.clone());
        Callback::from(move |_: MouseEvent| {
            let (status, code) = (status.clone(), code.clone());
            let Some(window) = web_sys::window() else {
                return;
            };
            let promise = window.navigator().clipboard().write_text(&code);
            wasm_bindgen_futures::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                status.set(Some(ok));
            });
        })
    };
    let s = strings(p.lang);
    html! {
        <details class="embed-code">
            <summary>{ s.embed_code_summary }</summary>
            <p>{ s.embed_code_help }</p>
            <pre><code data-testid="embed-snippet">{ code }</code></pre>
            <button class="button" data-testid="copy-embed" {onclick}>{ s.embed_copy }</button>
            { match *status {
                Some(true) => html! { <span class="copied" role="status">{ s.embed_copied }</span> },
                Some(false) => html! { <span class="copied" role="status">{ s.embed_copy_failed }</span> },
                None => Html::default(),
            } }
        </details>
    }
}
