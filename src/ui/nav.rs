//! How a page writes and follows links ([`crate::route`]): the built-in
//! bank's pages have real addresses relative to the site root (the page's
//! `<base href>`), a bank from elsewhere lives on the root page with hash
//! routes. Every root component provides a [`Nav`] as a Yew context.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::route::Route;

/// How links are written on this page.
#[derive(Debug, Clone, PartialEq)]
pub struct Nav {
    /// The page's language (page addresses carry it: `zh/…`).
    pub lang: Lang,
    /// Hash routes on the root page (a bank from elsewhere) instead of pages.
    pub hash: bool,
    /// Query pairs an embed's own links keep (`host=…&theme=…`), else empty.
    pub carry: String,
    /// Whether a link to another query of this same page is followed in
    /// the page (the app) or by loading it (the practice module).
    pub in_page: bool,
}

impl Nav {
    /// Page addresses in `lang`, nothing carried, links load their page:
    /// what a static page has.
    pub fn pages(lang: Lang) -> Nav {
        Nav {
            lang,
            hash: false,
            carry: String::new(),
            in_page: false,
        }
    }

    /// The address of `route`: relative to the site root, or a hash.
    pub fn href(&self, route: &Route) -> String {
        if self.hash {
            return route.to_hash();
        }
        let url = route.page_url(self.lang);
        if matches!(route, Route::Embed(_)) && !self.carry.is_empty() {
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}{}", self.carry)
        } else {
            url
        }
    }

    /// The address of `route` in the other language (the language link).
    pub fn other_language(&self, route: &Route) -> String {
        Nav {
            lang: self.lang.other(),
            ..self.clone()
        }
        .href(route)
    }
}

/// The page's [`Nav`] (page addresses in English when no root gave one:
/// components rendered on their own, in tests).
#[hook]
pub fn use_nav() -> Nav {
    use_context::<Nav>().unwrap_or_else(|| Nav::pages(Lang::En))
}

pub use browser::*;

/// Reading and changing the browser's location (never called while the
/// build renders a page).
mod browser {
    use super::Nav;
    use crate::i18n::Lang;
    use crate::route::{EmbedParams, Route};

    /// The address of the site root: the document's base URL (a page's
    /// `<base href>`, or the root page's own directory).
    pub fn site_root() -> String {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        // Without a <base>, the base URL is the page's own URL.
        let end = base.find(['?', '#']).unwrap_or(base.len());
        match base[..end].rfind('/') {
            Some(i) => base[..=i].to_string(),
            None => base,
        }
    }

    /// The page's address relative to the site root, split into path and
    /// query (without `?`); the hash is left out.
    pub fn page_address() -> (String, String) {
        let Some(loc) = web_sys::window().map(|w| w.location()) else {
            return (String::new(), String::new());
        };
        let href = loc.href().unwrap_or_default();
        let root = site_root();
        let rel = href.strip_prefix(&root).unwrap_or("");
        let rel = rel.split('#').next().unwrap_or("");
        let (path, query) = rel.split_once('?').unwrap_or((rel, ""));
        (path.to_string(), query.to_string())
    }

    /// The page's query string with `?` (`location.search`).
    pub fn search() -> String {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }

    /// Where the browser is: the language and route of this page, or of
    /// its hash in hash mode.
    pub fn current(hash_mode: bool) -> (Lang, Route) {
        let (path, query) = page_address();
        let (lang, route) = Route::from_page(&path, &query);
        if hash_mode {
            (lang, Route::parse(&super::super::current_hash()))
        } else {
            (lang, route)
        }
    }

    /// The query pairs an embed's links keep: its host and theme.
    pub fn embed_carry(params: &EmbedParams) -> String {
        let mut out = Vec::new();
        if let Some(host) = &params.host {
            out.push(format!("host={}", crate::route::encode_component(host)));
        }
        match params.theme {
            Some(crate::route::Theme::Dark) => out.push("theme=dark".into()),
            Some(crate::route::Theme::Light) => out.push("theme=light".into()),
            None => {}
        }
        out.join("&")
    }

    impl Nav {
        /// Follows a link to `route`: a new history entry. In hash mode
        /// the hash changes (`hashchange`); in the app a link to the same
        /// page with another query is pushed and announced with `popstate`
        /// handling ([`NAVIGATED`]); anything else loads its page.
        pub fn go(&self, route: &Route) {
            let Some(w) = web_sys::window() else {
                return;
            };
            let href = self.href(route);
            if self.hash {
                let _ = w.location().set_hash(&href);
                return;
            }
            let here = current(false).1.page_dir();
            if self.in_page && route.page_dir().is_some() && route.page_dir() == here {
                if let Ok(h) = w.history() {
                    let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
                }
                if let Ok(e) = web_sys::Event::new(NAVIGATED) {
                    let _ = w.dispatch_event(&e);
                }
                return;
            }
            let _ = w.location().assign(&href);
        }

        /// Writes `route` as this page's address without a history entry
        /// or a page load (a lab's inputs, a drawn seed).
        pub fn replace(&self, route: &Route) {
            replace_url(&self.href(route));
        }
    }

    /// The event [`Nav::go`] sends on the window after pushing an address
    /// of the same page; the app's root reads the route again on it, as on
    /// `popstate`.
    pub const NAVIGATED: &str = "ail-navigated";

    /// Replaces the page's address (relative to the site root, or a hash)
    /// without a history entry.
    pub fn replace_url(url: &str) {
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Order;

    #[test]
    fn links_are_page_addresses_or_hashes_and_embeds_keep_their_host() {
        let q = Route::Question {
            id: "batch-norm".into(),
            order: Order::default(),
            variant: Some(3),
        };
        let nav = Nav::pages(Lang::Zh);
        assert_eq!(nav.href(&q), "zh/q/batch-norm/?seed=3");
        assert_eq!(nav.other_language(&q), "q/batch-norm/?seed=3");
        assert_eq!(nav.href(&Route::Home), "zh/");
        let hash = Nav {
            hash: true,
            ..Nav::pages(Lang::En)
        };
        assert_eq!(hash.href(&q), "#/q/batch-norm?seed=3");
        assert_eq!(hash.other_language(&q), "#/q/batch-norm?seed=3");
        let embed = Nav {
            carry: "host=https%3A%2F%2Fa.b&theme=dark".into(),
            ..Nav::pages(Lang::En)
        };
        assert_eq!(
            embed.href(&Route::Embed(Box::new(q.clone()))),
            "q/batch-norm/?seed=3&embed=1&host=https%3A%2F%2Fa.b&theme=dark"
        );
        // A link out of the embed (the full page) carries nothing.
        assert_eq!(embed.href(&q), "q/batch-norm/?seed=3");
    }
}
