//! The frame of every page: skip link, header (home, navigation, the other
//! language), main, footer; inside an embed, only main and a link out.
//! The build renders it into each static page, and both modules render it
//! again with the same props, so the frame does not move when a module
//! takes the page over.

use yew::prelude::*;

use super::nav::{use_nav, Nav};
use crate::i18n::{strings, Lang};
use crate::route::Route;

/// A label baked in at compile time (`AIL_BUILD_LABEL=v2 trunk build …`);
/// the update e2e test builds a second version with it. Unset normally.
pub const BUILD_LABEL: Option<&str> = option_env!("AIL_BUILD_LABEL");

#[derive(Properties, PartialEq)]
pub struct ChromeProps {
    pub lang: Lang,
    /// The route on screen: the language link leads to it in the other language.
    pub route: Route,
    /// In an embed: no header or footer, a link to the full page instead.
    #[prop_or_default]
    pub embed: bool,
    /// Switches the language in place (hash mode, where pages have no
    /// addresses of their own); without it the language is a link.
    #[prop_or_default]
    pub on_lang: Option<Callback<Lang>>,
    /// Above the page: the offer to update (browser only).
    #[prop_or_default]
    pub banner: Html,
    /// At the top of main: the progress store's notices (browser only).
    #[prop_or_default]
    pub notices: Html,
    /// Inside an embed whose storage is blocked: say progress is not kept.
    #[prop_or(true)]
    pub storage_ok: bool,
    pub children: Html,
}

/// Moves focus to `#main` instead of following the skip link (its `href`
/// still works without script).
fn focus_main(e: MouseEvent) {
    use wasm_bindgen::JsCast;
    e.prevent_default();
    if let Some(m) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = m.focus();
    }
}

#[function_component(Chrome)]
pub fn chrome(p: &ChromeProps) -> Html {
    let nav = use_nav();
    let s = strings(p.lang);
    if p.embed {
        let full = format!("{}{}", super::nav::site_root(), nav.href(p.route.shown()));
        return html! {
            <main id="main" class="embed-main" tabindex="-1">
                { p.banner.clone() }
                { p.notices.clone() }
                { p.children.clone() }
                <footer class="embed-foot">
                    <a href={full} target="_blank" rel="noopener noreferrer" data-testid="embed-open-full">
                        { s.embed_open_full }
                    </a>
                    if !p.storage_ok {
                        <p class="storage-notice" role="status" data-testid="storage-notice">
                            { s.embed_no_storage }
                        </p>
                    }
                </footer>
            </main>
        };
    }
    let other = p.lang.other();
    let switch = match &p.on_lang {
        Some(on_lang) => {
            let on_lang = on_lang.clone();
            html! {
                <button class="lang" data-testid="lang-toggle" onclick={Callback::from(move |_| on_lang.emit(other))}
                    lang={other.tag()} aria-label={s.switch_language_label}>{ s.switch_language }</button>
            }
        }
        None => html! {
            // The page's first script remembers the choice when it is clicked.
            <a class="lang" data-testid="lang-toggle" href={nav.other_language(&p.route)} hreflang={other.tag()}
                lang={other.tag()} aria-label={s.switch_language_label}>{ s.switch_language }</a>
        },
    };
    let skip = if nav.hash {
        "#main".to_string()
    } else {
        format!("{}#main", nav.href(&p.route))
    };
    html! {
        <>
            { p.banner.clone() }
            <a class="skip" href={skip} onclick={Callback::from(focus_main)}>{ s.skip_to_content }</a>
            <header class="top">
                <a class="brand" href={nav.href(&Route::Home)}>{ s.app_title }</a>
                <nav class="top-nav" aria-label={s.nav_label}>
                    <a class="nav-link" href={nav.href(&Route::Review)} data-testid="review-link">{ s.nav_review }</a>
                    <a class="nav-link" href={nav.href(&Route::Interview)} data-testid="interview-link">{ s.nav_interview }</a>
                    <a class="nav-link" href={nav.href(&Route::Labs)} data-testid="labs-link">{ s.nav_labs }</a>
                    <a class="nav-link" href={nav.href(&Route::Stats)} data-testid="stats-link">{ s.nav_progress }</a>
                </nav>
                { switch }
            </header>
            <main id="main" tabindex="-1">{ p.notices.clone() }{ p.children.clone() }</main>
            <footer class="foot">
                <p>{ s.source_note }</p>
                { for BUILD_LABEL.map(|l| html! { <p class="build" data-testid="build-label">{ l }</p> }) }
            </footer>
        </>
    }
}

/// "No page at …", with a link home.
pub fn not_found(raw: &str, lang: Lang, nav: &Nav) -> Html {
    html! {
        <section class="load-error" role="alert">
            <h1>{ strings(lang).no_page }<code>{ raw.to_string() }</code></h1>
            <p><a href={nav.href(&Route::Home)}>{ strings(lang).home }</a></p>
        </section>
    }
}
