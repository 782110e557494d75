//! Hash routes: `#/`, `#/q/<id>?s=<seed>&t=<topic>`, `#/labs`, `#/lab/<slug>?<query>`.
//!
//! Hash routing lets deep links work from any static host with no rewrite
//! rules. Parsing is plain string work so it is tested natively; the UI
//! only reads `location.hash` and listens for `hashchange`.

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
    /// `#/lab/<slug>?<query>`: one lab; its state is the raw query string.
    Lab { slug: String, query: String },
    /// `#/embed/q/<id>` or `#/embed/lab/<slug>?…`: one question or lab with
    /// minimal chrome, for an iframe in someone's page. Always wraps a
    /// `Question` or a `Lab`.
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

impl Route {
    /// Parses a `location.hash` value (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let h = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if let Some(rest) = h.strip_prefix("/embed/") {
            return match Route::parse(&format!("#/{rest}")) {
                inner @ (Route::Question { .. } | Route::Lab { .. }) => {
                    Route::Embed(Box::new(inner))
                }
                _ => Route::NotFound(h.to_string()),
            };
        }
        match segments.as_slice() {
            [] => Route::Home,
            ["q", id] if !id.is_empty() => {
                let mut order = Order::default();
                let mut variant = None;
                for (k, v) in query_pairs(query) {
                    match k {
                        "s" => order.seed = v.parse().ok(),
                        "t" if !v.is_empty() => order.topic = Some(v.to_string()),
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
            ["lab", slug] if !slug.is_empty() => Route::Lab {
                slug: percent_decode(slug),
                query: query.to_string(),
            },
            _ => Route::NotFound(h.to_string()),
        }
    }

    /// This route inside an embed when `embed` is set (the same route otherwise).
    pub fn embedded_if(self, embed: bool) -> Route {
        if embed && !matches!(self, Route::Embed(_)) {
            Route::Embed(Box::new(self))
        } else {
            self
        }
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "#/".to_string(),
            Route::Question { id, order, variant } => {
                let mut s = format!("#/q/{id}");
                let mut sep = '?';
                if let Some(seed) = order.seed {
                    s.push_str(&format!("{sep}s={seed}"));
                    sep = '&';
                }
                if let Some(t) = &order.topic {
                    s.push_str(&format!("{sep}t={t}"));
                    sep = '&';
                }
                if order.review {
                    s.push_str(&format!("{sep}r=1"));
                    sep = '&';
                }
                if let Some(v) = variant {
                    s.push_str(&format!("{sep}seed={v}"));
                }
                s
            }
            Route::Labs => "#/labs".to_string(),
            Route::Review => "#/review".to_string(),
            Route::Stats => "#/stats".to_string(),
            Route::Lab { slug, query } if query.is_empty() => format!("#/lab/{slug}"),
            Route::Lab { slug, query } => format!("#/lab/{slug}?{query}"),
            Route::Embed(inner) => format!("#/embed{}", &inner.to_hash()[1..]),
            Route::NotFound(raw) => format!("#{raw}"),
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
    pub lang: Option<crate::i18n::Lang>,
    pub theme: Option<Theme>,
    pub host: Option<String>,
    /// `?bank=<url>`: load this bank instead of the built-in one.
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
                "lang" if v == "zh" || v == "en" => p.lang = Some(crate::i18n::Lang::from_tag(&v)),
                "theme" if v == "dark" => p.theme = Some(Theme::Dark),
                "theme" if v == "light" => p.theme = Some(Theme::Light),
                "host" => p.host = valid_origin(&v),
                "bank" if !v.trim().is_empty() => p.bank = Some(v.trim().to_string()),
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

fn query_pairs(q: &str) -> impl Iterator<Item = (&str, &str)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
}

/// Decodes `%XX` escapes; invalid escapes are kept as typed.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
        assert_eq!(
            Route::parse("#/q/a%2Db"),
            Route::Question {
                id: "a-b".into(),
                order: Order::default(),
                variant: None
            }
        );
        assert_eq!(
            Route::parse("#/q/a%zz"),
            Route::Question {
                id: "a%zz".into(),
                order: Order::default(),
                variant: None
            }
        );
        // A multi-byte character right after `%` must not split a char boundary.
        assert_eq!(
            Route::parse("#/q/%é"),
            Route::Question {
                id: "%é".into(),
                order: Order::default(),
                variant: None
            }
        );
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
        use crate::i18n::Lang;
        let p =
            EmbedParams::parse("?lang=zh&theme=dark&host=https%3A%2F%2FBlog.Example.com%3A8443");
        assert_eq!(p.lang, Some(Lang::Zh));
        assert_eq!(p.theme, Some(Theme::Dark));
        assert_eq!(p.host.as_deref(), Some("https://blog.example.com:8443"));
        let bad = EmbedParams::parse("lang=fr&theme=blue&host=*");
        assert_eq!(bad, EmbedParams::default());
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
}
