//! The static site the build writes (native only; `postbuild` does the
//! file work): one page per language for the home page, every question,
//! every lab, the lab list, review and stats, each a whole HTML document
//! whose `#app` the components rendered ([`ai_interview_lab::ui::ssr`]), with its own
//! title, description, canonical and alternate links and link-preview
//! tags; the 404 page; the sitemap and `robots.txt`.
//!
//! Pages live at `[zh/]<route>/index.html` ([`Route::page_dir`]), so any
//! static host serves them at real addresses without rewrite rules. Their
//! URLs are relative (`<base href="../../">`), so the site works under any
//! path; only the sitemap and the canonical, alternate and preview URLs
//! need the site's own address (absolute), from `AIL_SITE_URL` when the
//! build is given it; without it they are left out.

use std::rc::Rc;

use ai_interview_lab::ui::question_page::Drawn;
use ai_interview_lab::ui::ssr::{self, StaticPage};
use ail_core::bank::{Bank, BankIndex, Question};
use ail_core::generate::{has_generated, instantiate_question};
use ail_core::i18n::{strings, Lang};
use ail_core::markup::escape_html as esc;
use ail_core::markup::plain::summary;
use ail_core::page::{PageData, PAGE_SEED};
use ail_core::route::Route;

/// The first script of every page (see the file).
const HEAD_JS: &str = include_str!("bin/postbuild/head.js");
/// The loader, with `APP_JS`, `APP_WASM`, `PRACTICE_JS`, `PRACTICE_WASM`
/// to fill in (see the file).
const LOADER_JS: &str = include_str!("bin/postbuild/loader.js");

/// A script file as a page carries it: without the comment lines that open
/// the file (they explain it to its readers, not to every visitor).
fn script_body(src: &str) -> &str {
    let mut rest = src;
    while rest.starts_with("//") {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.trim_end()
}

/// The first script of every page.
pub fn head_script() -> &'static str {
    script_body(HEAD_JS)
}

/// The built files a page refers to, by their hashed names, and the style
/// sheet, which every page carries inline: the first paint then waits for
/// the page alone, not for a second request (4 KB of brotli per page).
#[derive(Debug, Clone, PartialEq)]
pub struct Assets {
    /// The style sheet's text.
    pub styles: String,
    pub practice_js: String,
    pub practice_wasm: String,
    pub app_js: String,
    pub app_wasm: String,
}

impl Assets {
    /// Finds the files in a build's file list (`dist/`, relative paths)
    /// and reads the style sheet from `dir`.
    pub fn find(dir: &std::path::Path, files: &[String]) -> Result<Assets, String> {
        let one = |prefix: &str, suffix: &str| -> Result<String, String> {
            let found: Vec<&String> = files
                .iter()
                .filter(|f| {
                    !f.contains('/')
                        && f.starts_with(prefix)
                        && f.ends_with(suffix)
                        && ail_core::assets::is_content_hashed(f)
                })
                .collect();
            match found.as_slice() {
                [f] => Ok(f.to_string()),
                [] => Err(format!("the build has no {prefix}<hash>{suffix}")),
                more => Err(format!(
                    "the build has {} files {prefix}<hash>{suffix}: {more:?}",
                    more.len()
                )),
            }
        };
        let css = one("style-", ".css")?;
        let styles = std::fs::read_to_string(dir.join(&css)).map_err(|e| format!("{css}: {e}"))?;
        // Inline, the sheet must not end its own element.
        if styles.to_ascii_lowercase().contains("</style") {
            return Err(format!(
                "{css} contains `</style`, which would end the inline sheet"
            ));
        }
        Ok(Assets {
            styles,
            practice_js: one("ail-practice-", ".js")?,
            practice_wasm: one("ail-practice-", "_bg.wasm")?,
            app_js: one("ail-app-", ".js")?,
            app_wasm: one("ail-app-", "_bg.wasm")?,
        })
    }

    /// The loader script for these files.
    pub fn loader(&self) -> String {
        script_body(LOADER_JS)
            .replace("APP_JS", &self.app_js)
            .replace("APP_WASM", &self.app_wasm)
            .replace("PRACTICE_JS", &self.practice_js)
            .replace("PRACTICE_WASM", &self.practice_wasm)
    }
}

/// The kind of a page (`data-page`): which module takes it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Question,
    Labs,
    Lab,
    Review,
    Stats,
    Interview,
    NotFound,
}

impl PageKind {
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Question => "question",
            PageKind::Labs => "labs",
            PageKind::Lab => "lab",
            PageKind::Review => "review",
            PageKind::Stats => "stats",
            PageKind::Interview => "interview",
            PageKind::NotFound => "404",
        }
    }

    /// The module the page loads unless its address asks for the other.
    fn practice(self) -> bool {
        matches!(
            self,
            PageKind::Home | PageKind::Question | PageKind::NotFound
        )
    }
}

/// One page of the site.
#[derive(Clone)]
pub struct SitePage {
    pub lang: Lang,
    pub route: Route,
    pub kind: PageKind,
    pub title: String,
    pub description: String,
    /// Whether search engines should index it (not review and stats,
    /// which show each learner's own progress).
    pub index: bool,
    /// The question it shows, drawn for [`PAGE_SEED`].
    question: Option<(Rc<Question>, Option<Drawn>)>,
}

impl SitePage {
    /// The file, relative to the site root: `zh/q/<id>/index.html`.
    pub fn file(&self) -> String {
        let dir = self.route.page_dir().unwrap_or_default();
        format!("{}{dir}index.html", self.lang.pick("zh/", ""))
    }

    /// The page's address relative to the site root: `zh/q/<id>/`.
    pub fn path(&self) -> String {
        self.route.page_url(self.lang)
    }

    /// How many directories deep the page is (`<base href>` climbs them).
    pub fn depth(&self) -> usize {
        self.path().matches('/').count()
    }
}

/// The site's own address, `https://host/path/` (with the final slash).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteUrl(String);

impl SiteUrl {
    /// Reads a deploy URL such as `AIL_SITE_URL`: http(s), no query or
    /// fragment; a final `/` is added.
    pub fn parse(s: &str) -> Result<SiteUrl, String> {
        let s = s.trim();
        let ok = (s.starts_with("https://") || s.starts_with("http://"))
            && !s.contains(['?', '#', ' ', '"', '<', '>'])
            && s.len() > "https://".len();
        if !ok {
            return Err(format!(
                "`{s}` is not a site address like https://example.org/lab/ (http or https, no query)"
            ));
        }
        Ok(SiteUrl(if s.ends_with('/') {
            s.to_string()
        } else {
            format!("{s}/")
        }))
    }

    /// The absolute address of `path` (relative to the site root).
    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// Every page of the built-in bank (which must be valid) and of every lab
/// (`ail_labs::Lab::ALL`), English first.
pub fn pages(bank: &Bank) -> Result<Vec<SitePage>, String> {
    let mut out = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        let s = strings(lang);
        let titled = |t: &str| format!("{t} · {}", s.app_title);
        out.push(SitePage {
            lang,
            route: Route::Home,
            kind: PageKind::Home,
            title: titled(bank.title.get(lang)),
            description: s.tagline.to_string(),
            index: true,
            question: None,
        });
        for q in &bank.questions {
            let drawn = instantiate_question(q, PAGE_SEED)
                .map_err(|(at, e)| format!("question `{}`, {at}: {e}", q.id))?;
            let generated = has_generated(q).then(|| Drawn {
                seed: PAGE_SEED,
                labs: drawn.labs.clone(),
            });
            out.push(SitePage {
                lang,
                route: Route::Question {
                    id: q.id.clone(),
                    order: Default::default(),
                    variant: None,
                },
                kind: PageKind::Question,
                title: titled(&summary(q.prompt.get(lang), 60)),
                description: summary(q.answer.get(lang), 155),
                index: true,
                question: Some((Rc::new(drawn.question), generated)),
            });
        }
        out.push(SitePage {
            lang,
            route: Route::Labs,
            kind: PageKind::Labs,
            title: titled(lang.pick("数值实验", "Numeric labs")),
            description: lang
                .pick(
                    "面试里的数值问题，在浏览器里用 Rust/WebAssembly 动手算：浮点舍入、垂足、特征分解、并行 NMS、混合精度等。",
                    "The interview's numeric questions as labs you can edit, computed in your browser by Rust/WebAssembly: float rounding, perpendicular foot, eigendecomposition, parallel NMS, mixed precision and more.",
                )
                .to_string(),
            index: true,
            question: None,
        });
        for lab in ail_labs::Lab::ALL {
            let (zh, en) = ai_interview_lab::ui::labs::text::about(lab);
            out.push(SitePage {
                lang,
                route: Route::Lab {
                    slug: lab.slug().to_string(),
                    query: String::new(),
                },
                kind: PageKind::Lab,
                title: titled(ai_interview_lab::ui::labs::text::name(lab, lang)),
                description: lang.pick(zh, en).to_string(),
                index: true,
                question: None,
            });
        }
        for (route, kind, zh, en) in [
            (Route::Review, PageKind::Review, "今日复习", "Review"),
            (Route::Stats, PageKind::Stats, "进度", "Progress"),
        ] {
            out.push(SitePage {
                lang,
                route,
                kind,
                title: titled(lang.pick(zh, en)),
                description: s.tagline.to_string(),
                index: false,
                question: None,
            });
        }
        let t = ai_interview_lab::i18n::interview_strings(lang);
        out.push(SitePage {
            lang,
            route: Route::Interview,
            kind: PageKind::Interview,
            title: titled(t.title),
            description: t.intro.to_string(),
            index: true,
            question: None,
        });
    }
    Ok(out)
}

/// The page's whole document (before the CSP is added: `postbuild` hashes
/// the scripts and puts the policy after `<meta charset>`).
pub fn document(
    page: &SitePage,
    index: &BankIndex,
    assets: &Assets,
    site: Option<&SiteUrl>,
) -> String {
    let body = ssr::render(&StaticPage {
        lang: page.lang,
        route: page.route.clone(),
        index: ssr::index_ref(index.clone()),
        question: page.question.clone(),
    });
    let data = PageData {
        // A question page lists no questions: its index has no summaries.
        index: match page.kind {
            PageKind::Question => index.without_summaries(),
            _ => index.clone(),
        },
        question: page.question.as_ref().map(|(q, _)| q.without_texts()),
        seed: page
            .question
            .as_ref()
            .and_then(|(_, d)| d.as_ref().map(|d| d.seed)),
        labs: page
            .question
            .as_ref()
            .and_then(|(_, d)| d.as_ref().map(|d| d.labs.clone()))
            .unwrap_or_default(),
    };
    let base = "../".repeat(page.depth());
    let (title, description) = (esc(&page.title), esc(&page.description));
    let mut head = String::new();
    if !base.is_empty() {
        head.push_str(&format!("\n<base href=\"{base}\">"));
    }
    head.push_str(&format!("\n<script>{}</script>", head_script()));
    head.push_str("\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    head.push_str(&format!("\n<title>{title}</title>"));
    head.push_str(&format!(
        "\n<meta name=\"description\" content=\"{description}\">"
    ));
    if !page.index {
        head.push_str("\n<meta name=\"robots\" content=\"noindex\">");
    }
    // Canonical and alternate links must be absolute (search engines and
    // Lighthouse refuse relative ones): written when the site's address is
    // known. The language link in the page's header works either way.
    if let Some(s) = site {
        let href = |lang: Lang| esc(&s.at(&page.route.page_url(lang)));
        head.push_str(&format!(
            "\n<link rel=\"canonical\" href=\"{}\">",
            href(page.lang)
        ));
        for (lang, tag) in [
            (Lang::En, "en"),
            (Lang::Zh, "zh-CN"),
            (Lang::En, "x-default"),
        ] {
            head.push_str(&format!(
                "\n<link rel=\"alternate\" hreflang=\"{tag}\" href=\"{}\">",
                href(lang)
            ));
        }
        head.push_str(&format!(
            "\n<meta property=\"og:url\" content=\"{}\">\n<meta property=\"og:image\" content=\"{}\">",
            href(page.lang),
            esc(&s.at("static/icon-512.png"))
        ));
    }
    let og_type = if page.kind == PageKind::Question {
        "article"
    } else {
        "website"
    };
    head.push_str(&format!(
        "\n<meta property=\"og:type\" content=\"{og_type}\">\n<meta property=\"og:site_name\" content=\"{}\">\n<meta property=\"og:title\" content=\"{title}\">\n<meta property=\"og:description\" content=\"{description}\">\n<meta property=\"og:locale\" content=\"{}\">",
        esc(strings(page.lang).app_title),
        page.lang.pick("zh_CN", "en_US"),
    ));
    head.push_str(&format!(
        "\n<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"{title}\">\n<meta name=\"twitter:description\" content=\"{description}\">"
    ));
    head.push_str(&common_head(assets));
    document_with(page.lang, page.kind, &head, &body, &data.to_script_json())
}

/// What every page's head ends with: theme, icons, manifest, styles and
/// the loader (which fetches the module once the page is painted: no
/// preload, see `loader.js`).
fn common_head(assets: &Assets) -> String {
    format!(
        "\n<meta name=\"color-scheme\" content=\"light dark\">\
         \n<meta name=\"theme-color\" content=\"#0f5fa8\">\
         \n<link rel=\"icon\" type=\"image/svg+xml\" href=\"static/icon.svg\">\
         \n<link rel=\"apple-touch-icon\" href=\"static/icon-192.png\">\
         \n<link rel=\"manifest\" href=\"static/manifest.webmanifest\">\
         \n<style>{}</style>\
         \n<script type=\"module\">{}</script>",
        assets.styles,
        assets.loader()
    )
}

fn document_with(lang: Lang, kind: PageKind, head: &str, body: &str, data: &str) -> String {
    let module = if kind.practice() { "practice" } else { "app" };
    format!(
        "<!doctype html>\n<html lang=\"{}\" data-page=\"{}\" data-module=\"{module}\">\n<head>\n<meta charset=\"utf-8\">{head}\n</head>\n<body>\n<div id=\"app\">{body}</div>\n<script type=\"application/json\" id=\"{}\">{data}</script>\n</body>\n</html>\n",
        lang.tag(),
        kind.name(),
        ail_core::page::DATA_ID,
    )
}

/// `404.html`: the page hosts send for an address they do not have. Its
/// first script finds the site root, so the page works at any depth; the
/// practice module then says what was not found.
pub fn not_found_document(index: &BankIndex, assets: &Assets) -> String {
    let lang = Lang::En;
    let body = ssr::render(&StaticPage {
        lang,
        route: Route::NotFound(String::new()),
        index: ssr::index_ref(index.clone()),
        question: None,
    });
    let data = PageData {
        index: index.clone(),
        question: None,
        seed: None,
        labs: vec![],
    };
    // No <link>s here: relative addresses would resolve against the unknown
    // address; the first script adds the icon once <base> is set.
    let head = format!(
        "\n<script>{}</script>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<meta name=\"robots\" content=\"noindex\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<style>{}</style>\n<script type=\"module\">{}</script>",
        head_script(),
        esc(&format!("{} · {}", strings(lang).no_page.trim_end(), strings(lang).app_title)),
        assets.styles,
        assets.loader()
    );
    document_with(
        lang,
        PageKind::NotFound,
        &head,
        &body,
        &data.to_script_json(),
    )
}

/// `sitemap.xml`: every indexed page, with its other language.
pub fn sitemap(pages: &[SitePage], site: &SiteUrl) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for p in pages.iter().filter(|p| p.index) {
        out.push_str(&format!(
            "  <url>\n    <loc>{}</loc>\n",
            esc(&site.at(&p.path()))
        ));
        for (lang, tag) in [(Lang::En, "en"), (Lang::Zh, "zh-CN")] {
            out.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{tag}\" href=\"{}\"/>\n",
                esc(&site.at(&p.route.page_url(lang)))
            ));
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled; the sitemap, when there is one.
pub fn robots(site: Option<&SiteUrl>) -> String {
    let mut out = String::from(
        "# Written by postbuild. Every page may be crawled.\nUser-agent: *\nAllow: /\n",
    );
    if let Some(s) = site {
        out.push_str(&format!("Sitemap: {}\n", s.at("sitemap.xml")));
    }
    out
}
