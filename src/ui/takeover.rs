//! How a module takes over its static page.
//!
//! The static page's `#app` stays on screen while the module renders the
//! same page into a hidden sibling ([`mount`]); the module's root calls
//! [`swap`] from its first effect, which removes the static `#app` and
//! shows the new one in the same task, before the next paint. The two
//! were rendered by the same components with the same props, so nothing
//! moves (layout shift 0) and no other content flashes.

use yew::prelude::*;

const STATIC_ID: &str = "app";
const NEXT_ID: &str = "app-next";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The static page's `#app` (what the module takes over), if there is one.
pub fn static_root() -> Option<web_sys::Element> {
    document()?.get_element_by_id(STATIC_ID)
}

/// Renders `C` into a hidden element after the static `#app` (or into the
/// body when the page has none); `C` calls [`swap`] once it has rendered.
/// (The loader starts a module only once the static page is painted.)
#[cfg(target_arch = "wasm32")]
pub fn mount<C>(props: C::Properties)
where
    C: BaseComponent,
{
    let Some(doc) = document() else {
        return;
    };
    let next = doc.create_element("div").ok();
    let placed = match (&next, static_root()) {
        (Some(next), Some(old)) => {
            next.set_id(NEXT_ID);
            let _ = next.set_attribute("hidden", "");
            old.after_with_node_1(next).is_ok()
        }
        _ => false,
    };
    // The first render in a task of its own, not in the one that
    // instantiated the module: two shorter tasks leave the main thread free
    // in between (input is handled; Lighthouse's blocking time falls).
    let next = next.filter(|_| placed);
    gloo_timers::callback::Timeout::new(0, move || match next {
        Some(next) => {
            yew::Renderer::<C>::with_root_and_props(next, props).render();
        }
        None => {
            // No static page to replace: render into the body.
            yew::Renderer::<C>::with_props(props).render();
        }
    })
    .forget();
}

/// Replaces the static `#app` with the module's, keeping the focused
/// element's place when it has an id. Once done, later calls do nothing.
pub fn swap() {
    let Some(doc) = document() else {
        return;
    };
    let Some(next) = doc.get_element_by_id(NEXT_ID) else {
        return;
    };
    let focused = doc
        .active_element()
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    if let Some(old) = static_root() {
        old.remove();
    }
    next.set_id(STATIC_ID);
    let _ = next.remove_attribute("hidden");
    if let Some(el) = focused.and_then(|id| doc.get_element_by_id(&id)) {
        use wasm_bindgen::JsCast;
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
    // Marks the page as the module's (the load benchmark and the tests wait
    // for it), and shows what the page's first script hid until now
    // (`wait`: another bank; `variant`: another variant; `order`: the
    // heading of a question walked in another order).
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-ready", "");
        let _ = root.class_list().remove_3("wait", "variant", "order");
    }
}

/// Calls [`swap`] after the component's first render.
#[hook]
pub fn use_swap() {
    use_effect_with((), |_| swap());
}
