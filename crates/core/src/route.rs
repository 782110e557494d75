//! Routes, and the two ways a URL names one.
//!
//! The built-in bank's pages are real static files (`postbuild` writes
//! them): `q/<id>/`, `lab/<slug>/`, `labs/`, `review/`, `stats/` and the
//! home page, with the Chinese pages under `zh/`, each relative to the site
//! root. [`Route::page_url`] writes such an address and [`Route::from_page`]
//! reads one. A bank loaded from elsewhere (`?bank=`, a file) has no pages:
//! the app then shows it on the root page with hash routes (`#/q/<id>`),
//! [`Route::to_hash`] and [`Route::parse`], which also keep the links of
//! earlier versions working. Parsing is plain string work, tested natively;
//! the UI only reads `location` and listens for navigation.

use crate::lang::Lang;

/// Where the app is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/`: topics and how to start.
    Home,
    /// `#/q/<id>`: one question, within a practice order; `variant` is the
    /// seed of its generated parts (`?seed=<u64>`).
    Question {
        id: String,
        order: Order,
        variant: Option<u64>,
    },
    /// `#/labs`: every lab.
    Labs,
    /// `#/review`: today's queue (due first, then new).
    Review,
    /// `#/stats`: progress, scheduling figures, export and import.
    Stats,
    /// `#/interview`: a mock interview (never in an embed).
    Interview,
    /// `#/lab/<slug>?<query>`: one lab; its state is the raw query string.
    Lab { slug: String, query: String },
    /// `#/embed/q/<id>` or `#/embed/lab/<slug>?…` (on a page: `?embed=1`):
    /// one question or lab with minimal chrome, for an iframe in someone's
    /// page. Always wraps a `Question` or a `Lab`.
    Embed(Box<Route>),
    /// Anything else; keeps the text for the message.
    NotFound(String),
}

/// Which questions "next" and "previous" walk through, and in what order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Order {
    /// Shuffle seed; `None` keeps the bank's order.
    pub seed: Option<u64>,
    /// Only this topic; `None` means all topics.
    pub topic: Option<String>,
    /// Walk today's review queue instead (`r=1`).
    pub review: bool,
}

/// Query keys that belong to the page rather than to its route: how an
/// embed is shown ([`EmbedParams`]) and which bank is on screen. A lab's
/// query never includes them.
pub const PAGE_KEYS: &[&str] = &["embed", "host", "theme", "lang", "bank"];

impl Route {
    /// The page this route shows: an embed's question or lab, else itself.
    pub fn shown(&self) -> &Route {
        match self {
            Route::Embed(inner) => inner,
            other => other,
        }
    }

    /// Parses a `location.hash` value (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let h = hash.strip_prefix('#').unwrap_or(hash);
        if let Some(rest) = h.strip_prefix("/embed/") {
            return match Route::parse(&format!("#/{rest}")) {
                inner @ (Route::Question { .. } | Route::Lab { .. }) => {
                    Route::Embed(Box::new(inner))
                }
                _ => Route::NotFound(h.to_string()),
            };
        }
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        Route::from_parts(path, query).unwrap_or_else(|| Route::NotFound(h.to_string()))
    }

    /// Reads a page address relative to the site root: `path` without a
    /// leading `/` (`zh/q/batch-norm/`, `lab/nms/index.html`, ``) and
    /// `query` without `?`. The language is the page's (`zh/` or not);
    /// `embed=1` in the query wraps a question or lab in [`Route::Embed`].
    pub fn from_page(path: &str, query: &str) -> (Lang, Route) {
        let path = path.trim_start_matches('/');
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let (lang, rest) = match path.strip_prefix("zh/").or((path == "zh").then_some("")) {
            Some(rest) => (Lang::Zh, rest),
            None => (Lang::En, path),
        };
        let own: String = query_pairs(query)
            .filter(|(k, _)| !PAGE_KEYS.contains(k))
            .map(|(k, v)| {
                if v.is_empty() {
                    k.to_string()
                } else {
                    format!("{k}={v}")
                }
            })
            .collect::<Vec<_>>()
            .join("&");
        let route =
            Route::from_parts(rest, &own).unwrap_or_else(|| Route::NotFound(format!("/{path}")));
        let embed = query_pairs(query).any(|(k, v)| k == "embed" && v == "1");
        let route = match route {
            inner @ (Route::Question { .. } | Route::Lab { .. }) if embed => {
                Route::Embed(Box::new(inner))
            }
            other => other,
        };
        (lang, route)
    }

    /// The route a path names, `None` if it names none; the shared part of
    /// [`Route::parse`] and [`Route::from_page`].
    fn from_parts(path: &str, query: &str) -> Option<Route> {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        Some(match segments.as_slice() {
            [] => Route::Home,
            ["q", id] => {
                let mut order = Order::default();
                let mut variant = None;
                for (k, v) in query_pairs(query) {
                    match k {
                        "s" => order.seed = v.parse().ok(),
                        "t" if !v.is_empty() => order.topic = Some(percent_decode(v)),
                        "r" => order.review = v == "1",
                        "seed" => variant = v.parse().ok(),
                        _ => {}
                    }
                }
                Route::Question {
                    id: percent_decode(id),
                    order,
                    variant,
                }
            }
            ["labs"] => Route::Labs,
            ["review"] => Route::Review,
            ["stats"] => Route::Stats,
            ["interview"] => Route::Interview,
            ["lab", slug] => Route::Lab {
                slug: percent_decode(slug),
                query: query.to_string(),
            },
            _ => return None,
        })
    }

    /// This route inside an embed when `embed` is set (the same route otherwise).
    pub fn embedded_if(self, embed: bool) -> Route {
        if embed && !matches!(self, Route::Embed(_)) {
            Route::Embed(Box::new(self))
        } else {
            self
        }
    }

    /// The query string of this route (without `?`): a question's order and
    /// variant, a lab's own query; empty for the others.
    fn query(&self) -> String {
        match self {
            Route::Question { order, variant, .. } => {
                let mut q = Vec::new();
                if let Some(seed) = order.seed {
                    q.push(format!("s={seed}"));
                }
                if let Some(t) = &order.topic {
                    q.push(format!("t={}", encode_component(t)));
                }
                if order.review {
                    q.push("r=1".to_string());
                }
                if let Some(v) = variant {
                    q.push(format!("seed={v}"));
                }
                q.join("&")
            }
            Route::Lab { query, .. } => query.clone(),
            Route::Embed(inner) => inner.query(),
            _ => String::new(),
        }
    }

    /// The directory of this route's page, relative to the site root, in
    /// English (`q/<id>/`, `lab/<slug>/`, `labs/`, …; `` for home).
    /// `None` for a route that has no page (not found).
    pub fn page_dir(&self) -> Option<String> {
        Some(match self {
            Route::Home => String::new(),
            Route::Question { id, .. } => format!("q/{}/", encode_component(id)),
            Route::Labs => "labs/".to_string(),
            Route::Review => "review/".to_string(),
            Route::Stats => "stats/".to_string(),
            Route::Interview => "interview/".to_string(),
            Route::Lab { slug, .. } => format!("lab/{}/", encode_component(slug)),
            Route::Embed(inner) => return inner.page_dir(),
            Route::NotFound(_) => return None,
        })
    }

    /// This route's page address relative to the site root, in `lang`, with
    /// its query (`zh/q/batch-norm/?s=7`); an embed adds `embed=1`. A route
    /// without a page (not found) gives the home page.
    pub fn page_url(&self, lang: Lang) -> String {
        let prefix = lang.pick("zh/", "");
        let dir = self.page_dir().unwrap_or_default();
        let mut query = self.query();
        if matches!(self, Route::Embed(_)) {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str("embed=1");
        }
        if query.is_empty() {
            format!("{prefix}{dir}")
        } else {
            format!("{prefix}{dir}?{query}")
        }
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        let query = self.query();
        let path = match self {
            Route::Home => return "#/".to_string(),
            Route::Embed(inner) => return format!("#/embed{}", &inner.to_hash()[1..]),
            Route::NotFound(raw) => return format!("#{raw}"),
            Route::Question { id, .. } => format!("#/q/{id}"),
            Route::Labs => "#/labs".to_string(),
            Route::Review => "#/review".to_string(),
            Route::Stats => "#/stats".to_string(),
            Route::Interview => "#/interview".to_string(),
            Route::Lab { slug, .. } => format!("#/lab/{slug}"),
        };
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    }
}

/// Light or dark, as an embed asks for it (`?theme=`); none follows the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// What an embedding page passes in the iframe's query string (before the
/// `#`): `lang`, `theme`, and `host`, the embedding page's origin, the only
/// target the iframe posts its height to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedParams {
    pub lang: Option<crate::lang::Lang>,
    pub theme: Option<Theme>,
    pub host: Option<String>,
    /// `?bank=<url>`: load this bank instead of the built-in one; `?bank=`
    /// with no URL: the page to open one.
    pub bank: Option<String>,
}

impl EmbedParams {
    /// Parses `location.search` (with or without `?`). Unknown or malformed
    /// values are dropped, never errors.
    pub fn parse(search: &str) -> EmbedParams {
        let mut p = EmbedParams::default();
        for (k, v) in query_pairs(search.strip_prefix('?').unwrap_or(search)) {
            let v = percent_decode(v);
            match k {
                "lang" if v == "zh" || v == "en" => p.lang = Some(crate::lang::Lang::from_tag(&v)),
                "theme" if v == "dark" => p.theme = Some(Theme::Dark),
                "theme" if v == "light" => p.theme = Some(Theme::Light),
                "host" => p.host = valid_origin(&v),
                // Empty: the page to open a bank on (a file or a URL).
                "bank" => p.bank = Some(v.trim().to_string()),
                _ => {}
            }
        }
        p
    }
}

/// `scheme://host[:port]` for http(s), lower-cased, with nothing after it;
/// `None` for anything else (so a `*` or a path can never become a target).
pub fn valid_origin(s: &str) -> Option<String> {
    let lower = s.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let ok = !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    ok.then_some(lower)
}

/// The `key=value` pairs of a query string (without `?`), as written:
/// values are not decoded (a key without `=` has the value ``).
pub fn query_pairs(q: &str) -> impl Iterator<Item = (&str, &str)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
}

/// Decodes `%XX` escapes (`percent-encoding`'s decoder: two hex digits,
/// nothing else); an invalid escape is kept as typed, and bytes that are
/// not UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// `s` with everything but unreserved characters (RFC 3986) escaped, for
/// one path segment or query value.
pub fn encode_component(s: &str) -> String {
    const RESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, RESERVED).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_root_hashes_are_home() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
    }

    #[test]
    fn question_route_reads_id_seed_and_topic() {
        assert_eq!(
            Route::parse("#/q/batch-norm?s=42&t=training"),
            Route::Question {
                id: "batch-norm".into(),
                order: Order {
                    seed: Some(42),
                    topic: Some("training".into()),
                    review: false
                },
                variant: None
            }
        );
        assert_eq!(
            Route::parse("#/q/resnet"),
            Route::Question {
                id: "resnet".into(),
                order: Order::default(),
                variant: None
            }
        );
    }

    #[test]
    fn bad_seed_is_ignored_not_fatal() {
        assert_eq!(
            Route::parse("#/q/x?s=abc"),
            Route::Question {
                id: "x".into(),
                order: Order::default(),
                variant: None
            }
        );
    }

    #[test]
    fn question_route_round_trips_through_its_hash() {
        let r = Route::Question {
            id: "fp32-rounding".into(),
            order: Order {
                seed: Some(7),
                topic: Some("numerics".into()),
                review: false,
            },
            variant: None,
        };
        assert_eq!(Route::parse(&r.to_hash()), r);
        assert_eq!(Route::parse(&Route::Home.to_hash()), Route::Home);
    }

    #[test]
    fn lab_routes_keep_their_raw_query() {
        let r = Route::parse("#/lab/float?x=9.9e9&y=1e-9&op=add&fmt=f32");
        assert_eq!(
            r,
            Route::Lab {
                slug: "float".into(),
                query: "x=9.9e9&y=1e-9&op=add&fmt=f32".into()
            }
        );
        assert_eq!(Route::parse(&r.to_hash()), r);
        assert_eq!(
            Route::parse("#/lab/nms"),
            Route::Lab {
                slug: "nms".into(),
                query: String::new()
            }
        );
        assert_eq!(Route::parse("#/labs"), Route::Labs);
    }

    #[test]
    fn unknown_paths_are_not_found() {
        assert_eq!(Route::parse("#/nope/x"), Route::NotFound("/nope/x".into()));
    }

    #[test]
    fn percent_escapes_in_ids_are_decoded() {
        let id = |hash: &str| match Route::parse(hash) {
            Route::Question { id, .. } => id,
            r => panic!("{hash}: {r:?}"),
        };
        assert_eq!(id("#/q/a%2Db"), "a-b");
        assert_eq!(id("#/q/a%zz"), "a%zz");
        // A multi-byte character right after `%` must not split a char boundary.
        assert_eq!(id("#/q/%é"), "%é");
    }

    #[test]
    fn percent_decode_takes_two_hex_digits_and_nothing_else() {
        // A sign is not a hex digit: `%+1` and `%-1` stay as typed (a
        // decoder built on `from_str_radix` took `%+1` for byte 0x01).
        assert_eq!(percent_decode("%+1"), "%+1");
        assert_eq!(percent_decode("%-1"), "%-1");
        assert_eq!(percent_decode("%1"), "%1");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("a%2fb%2F"), "a/b/");
        // Multi-byte UTF-8, escaped and not.
        assert_eq!(percent_decode("%E9%9D%A2%E7%BB%8F"), "面经");
        assert_eq!(percent_decode("面%20经"), "面 经");
        // Bytes that are not UTF-8 become U+FFFD rather than an error.
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(
            encode_component("a b/面-x_y.z~"),
            "a%20b%2F%E9%9D%A2-x_y.z~"
        );
        assert_eq!(
            percent_decode(&encode_component("a b/面?&=#")),
            "a b/面?&=#"
        );
    }

    #[test]
    fn pages_have_real_addresses_in_each_language() {
        let q = Route::Question {
            id: "fp32-rounding".into(),
            order: Order {
                seed: Some(7),
                topic: Some("numerics".into()),
                review: true,
            },
            variant: Some(42),
        };
        assert_eq!(
            q.page_url(Lang::En),
            "q/fp32-rounding/?s=7&t=numerics&r=1&seed=42"
        );
        assert_eq!(
            q.page_url(Lang::Zh),
            "zh/q/fp32-rounding/?s=7&t=numerics&r=1&seed=42"
        );
        assert_eq!(Route::Home.page_url(Lang::En), "");
        assert_eq!(Route::Home.page_url(Lang::Zh), "zh/");
        assert_eq!(Route::Labs.page_url(Lang::Zh), "zh/labs/");
        assert_eq!(Route::Review.page_url(Lang::En), "review/");
        assert_eq!(Route::Stats.page_url(Lang::En), "stats/");
        assert_eq!(Route::Interview.page_url(Lang::Zh), "zh/interview/");
        assert_eq!(Route::parse("#/interview"), Route::Interview);
        // A mock interview is never embedded: `embed=1` is ignored and the
        // embed hash names no page.
        assert_eq!(
            Route::from_page("interview/", "embed=1"),
            (Lang::En, Route::Interview)
        );
        assert_eq!(
            Route::parse("#/embed/interview"),
            Route::NotFound("/embed/interview".into())
        );
        let lab = Route::Lab {
            slug: "float".into(),
            query: "x=9.9e9&y=1e-9".into(),
        };
        assert_eq!(lab.page_url(Lang::En), "lab/float/?x=9.9e9&y=1e-9");
        assert_eq!(
            Route::Embed(Box::new(lab.clone())).page_url(Lang::Zh),
            "zh/lab/float/?x=9.9e9&y=1e-9&embed=1"
        );
        assert_eq!(Route::NotFound("/x".into()).page_dir(), None);
        // Every address reads back as the same route and language.
        for r in [
            q.clone(),
            lab.clone(),
            Route::Home,
            Route::Labs,
            Route::Review,
            Route::Stats,
            Route::Interview,
        ] {
            for lang in [Lang::En, Lang::Zh] {
                let url = r.page_url(lang);
                let (path, query) = url.split_once('?').unwrap_or((&url, ""));
                assert_eq!(Route::from_page(path, query), (lang, r.clone()), "{url}");
            }
        }
    }

    #[test]
    fn page_addresses_ignore_page_keys_and_read_embeds() {
        let (lang, r) = Route::from_page(
            "/zh/q/batch-norm/index.html",
            "seed=3&embed=1&host=https%3A%2F%2Fa.b&theme=dark",
        );
        assert_eq!(lang, Lang::Zh);
        assert_eq!(
            r,
            Route::Embed(Box::new(Route::Question {
                id: "batch-norm".into(),
                order: Order::default(),
                variant: Some(3)
            }))
        );
        // A lab's query keeps its own keys, never the page's.
        let (_, r) = Route::from_page("lab/nms/", "boxes=3&host=https%3A%2F%2Fa.b&iou=0.5&lang=zh");
        assert_eq!(
            r,
            Route::Lab {
                slug: "nms".into(),
                query: "boxes=3&iou=0.5".into()
            }
        );
        assert_eq!(Route::from_page("zh", ""), (Lang::Zh, Route::Home));
        assert_eq!(Route::from_page("", "bank=x"), (Lang::En, Route::Home));
        assert_eq!(
            Route::from_page("q/a/b/", ""),
            (Lang::En, Route::NotFound("/q/a/b/".into()))
        );
        // A topic with characters that need escaping round-trips.
        let t = Route::Question {
            id: "x".into(),
            order: Order {
                seed: None,
                topic: Some("a&b c".into()),
                review: false,
            },
            variant: None,
        };
        assert_eq!(t.page_url(Lang::En), "q/x/?t=a%26b%20c");
        assert_eq!(Route::from_page("q/x/", "t=a%26b%20c").1, t);
    }

    #[test]
    fn variant_seed_is_separate_from_the_shuffle_seed_and_round_trips() {
        let r = Route::parse("#/q/fp32-rounding?s=7&seed=42");
        assert_eq!(
            r,
            Route::Question {
                id: "fp32-rounding".into(),
                order: Order {
                    seed: Some(7),
                    topic: None,
                    review: false
                },
                variant: Some(42),
            }
        );
        assert_eq!(r.to_hash(), "#/q/fp32-rounding?s=7&seed=42");
        let big = Route::parse("#/q/x?seed=18446744073709551615");
        assert_eq!(Route::parse(&big.to_hash()), big);
        // A seed that is not a u64 is ignored (a fresh one is drawn), never an error.
        assert!(matches!(
            Route::parse("#/q/x?seed=-1"),
            Route::Question { variant: None, .. }
        ));
    }

    #[test]
    fn embed_routes_wrap_a_question_or_a_lab_and_round_trip() {
        let q = Route::parse("#/embed/q/fp32-rounding?seed=7");
        assert_eq!(
            q,
            Route::Embed(Box::new(Route::Question {
                id: "fp32-rounding".into(),
                order: Order::default(),
                variant: Some(7)
            }))
        );
        assert_eq!(q.to_hash(), "#/embed/q/fp32-rounding?seed=7");
        let l = Route::parse("#/embed/lab/perp-foot?a=1,1&b=7,4&c=2,6");
        assert_eq!(
            l,
            Route::Embed(Box::new(Route::Lab {
                slug: "perp-foot".into(),
                query: "a=1,1&b=7,4&c=2,6".into()
            }))
        );
        assert_eq!(l.to_hash(), "#/embed/lab/perp-foot?a=1,1&b=7,4&c=2,6");
        assert!(matches!(Route::parse("#/embed/labs"), Route::NotFound(_)));
        assert!(matches!(Route::parse("#/embed/x/y"), Route::NotFound(_)));
    }

    #[test]
    fn embed_params_keep_only_valid_values() {
        use crate::lang::Lang;
        let p =
            EmbedParams::parse("?lang=zh&theme=dark&host=https%3A%2F%2FBlog.Example.com%3A8443");
        assert_eq!(p.lang, Some(Lang::Zh));
        assert_eq!(p.theme, Some(Theme::Dark));
        assert_eq!(p.host.as_deref(), Some("https://blog.example.com:8443"));
        let bad = EmbedParams::parse("lang=fr&theme=blue&host=*");
        assert_eq!(bad, EmbedParams::default());
        // `?bank=` with no URL is the page to open a bank on; a URL is trimmed.
        assert_eq!(EmbedParams::parse("?bank=").bank.as_deref(), Some(""));
        assert_eq!(
            EmbedParams::parse("?bank=%20https%3A%2F%2Fa.b%2Fx.json%20")
                .bank
                .as_deref(),
            Some("https://a.b/x.json")
        );
        assert_eq!(EmbedParams::parse("?lang=zh").bank, None);
        for origin in [
            "*",
            "javascript:alert(1)",
            "https://a.com/path",
            "https://",
            "ftp://a.com",
            "https://a.com?x",
        ] {
            assert_eq!(valid_origin(origin), None, "{origin}");
        }
        assert_eq!(
            valid_origin("http://127.0.0.1:8098").as_deref(),
            Some("http://127.0.0.1:8098")
        );
    }

    #[test]
    fn an_embed_shows_its_question_or_lab() {
        let q = Route::parse("#/q/fp32-rounding");
        assert_eq!(Route::parse("#/embed/q/fp32-rounding").shown(), &q);
        assert_eq!(q.shown(), &q);
        assert_eq!(Route::Labs.shown(), &Route::Labs);
    }
}
