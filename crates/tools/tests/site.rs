//! The static site the build writes (`ail_tools::site`): every
//! built-in question and lab has a page in each language, with the right
//! title, description, canonical and alternate links; every text of a bank
//! stays text; the sitemap lists every indexed page.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../../core/tests/common/mod.rs"]
mod common;
use ail_core::bank::BankIndex;
use ail_core::i18n::Lang;
use ail_core::load;
use ail_core::markup::plain::summary;
use ail_core::route::Route;
use ail_labs::Lab;
use ail_tools::site::{self, Assets, PageKind, SitePage, SiteUrl};
use common::shipped;

fn assets() -> Assets {
    Assets {
        styles: "body{}".into(),
        practice_js: "ail-practice-0123456789abcdef.js".into(),
        practice_wasm: "ail-practice-0123456789abcdef_bg.wasm".into(),
        app_js: "ail-app-0123456789abcdef.js".into(),
        app_wasm: "ail-app-0123456789abcdef_bg.wasm".into(),
    }
}

/// The value of `<tag attr="…">` (the first one whose text contains `marker`).
fn attr<'a>(html: &'a str, marker: &str, attr: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let tag_end = at + html[at..].find('>').unwrap();
    let tag = &html[html[..at].rfind('<').unwrap()..tag_end];
    let key = format!("{attr}=\"");
    let start = tag.find(&key).unwrap_or_else(|| panic!("{tag}: no {attr}")) + key.len();
    &tag[start..start + tag[start..].find('"').unwrap()]
}

fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    &html[start..start + html[start..].find(close).unwrap()]
}

#[test]
fn every_question_and_lab_has_a_page_in_each_language() {
    let bank = shipped();
    let pages = site::pages(&bank).unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let prefix = lang.pick("zh/", "");
        let files: Vec<String> = pages
            .iter()
            .filter(|p| p.lang == lang)
            .map(SitePage::file)
            .collect();
        for q in &bank.questions {
            assert!(
                files.contains(&format!("{prefix}q/{}/index.html", q.id)),
                "{}",
                q.id
            );
        }
        for slug in Lab::ALL.map(Lab::slug) {
            assert!(
                files.contains(&format!("{prefix}lab/{slug}/index.html")),
                "{slug}"
            );
        }
        for dir in ["", "labs/", "review/", "stats/", "interview/"] {
            assert!(files.contains(&format!("{prefix}{dir}index.html")), "{dir}");
        }
        assert_eq!(files.len(), bank.questions.len() + Lab::ALL.len() + 5);
    }
}

#[test]
fn each_page_has_its_title_description_canonical_and_other_language() {
    let bank = shipped();
    let index = BankIndex::of(&bank);
    let pages = site::pages(&bank).unwrap();
    let site = SiteUrl::parse("https://example.org/lab").unwrap();
    let q = bank.question("fp32-rounding").unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let page = pages
            .iter()
            .find(|p| {
                p.lang == lang
                    && matches!(&p.route, Route::Question { id, .. } if id == "fp32-rounding")
            })
            .unwrap();
        assert_eq!(page.kind, PageKind::Question);
        let html = site::document(page, &index, &assets(), Some(&site));
        let title = between(&html, "<title>", "</title>");
        assert_eq!(
            title,
            format!(
                "{} · {}",
                summary(q.prompt.get(lang), 60),
                lang.pick("AI 面试实验室", "AI Interview Lab")
            )
        );
        assert!(title.contains("9.9e9 + 1e-9"), "{title}");
        let description = attr(&html, "name=\"description\"", "content");
        assert_eq!(description, summary(q.answer.get(lang), 155));
        assert!(!description.is_empty() && description.chars().count() <= 156);
        let url = |l: Lang| {
            format!(
                "https://example.org/lab/{}q/fp32-rounding/",
                l.pick("zh/", "")
            )
        };
        assert_eq!(attr(&html, "rel=\"canonical\"", "href"), url(lang));
        assert_eq!(attr(&html, "hreflang=\"en\"", "href"), url(Lang::En));
        assert_eq!(attr(&html, "hreflang=\"zh-CN\"", "href"), url(Lang::Zh));
        assert_eq!(attr(&html, "hreflang=\"x-default\"", "href"), url(Lang::En));
        assert_eq!(attr(&html, "og:url", "content"), url(lang));
        assert_eq!(attr(&html, "og:title", "content"), title);
        assert_eq!(attr(&html, "twitter:description", "content"), description);
        assert_eq!(attr(&html, "<html", "lang"), lang.tag());
        // Two directories deep: relative addresses climb back to the root.
        assert_eq!(
            attr(&html, "<base", "href"),
            lang.pick("../../../", "../../")
        );
        // The language link leads to the same question in the other language.
        let other = attr(&html, "data-testid=\"lang-toggle\"", "href");
        assert_eq!(
            other,
            format!("{}q/fp32-rounding/", lang.other().pick("zh/", ""))
        );
        // The prompt and, for readers without script, the answer, with MathML.
        assert!(html.contains("data-testid=\"question-prompt\""));
        let answer = between(&html, "class=\"static-only static-answer\"", "</details>");
        assert!(
            answer.contains("data-t=\"answer\"") && answer.contains("<math"),
            "{answer}"
        );
        for p in &q.parts {
            assert!(
                html.contains(&format!("data-t=\"p.{}.prompt\"", p.id)),
                "{}",
                p.id
            );
        }
    }
    // Without a site address there is no absolute URL to give: no
    // canonical, alternate or preview URL (the language link remains).
    let en = pages
        .iter()
        .find(|p| p.lang == Lang::En && p.kind == PageKind::Lab)
        .unwrap();
    let html = site::document(en, &index, &assets(), None);
    assert!(
        !html.contains("rel=\"canonical\"")
            && !html.contains("hreflang=\"en\"")
            && !html.contains("og:url")
    );
    assert!(html.contains("og:title") && html.contains("name=\"description\""));
    assert_eq!(
        attr(&html, "data-testid=\"lang-toggle\"", "href"),
        "zh/lab/float/"
    );
    // Review and stats show each learner's own progress: not indexed.
    let review = pages.iter().find(|p| p.kind == PageKind::Review).unwrap();
    assert!(site::document(review, &index, &assets(), None)
        .contains("<meta name=\"robots\" content=\"noindex\">"));
}

/// The elements a page may have: the document's, the components', Markdown's and MathML's.
const ALLOWED: &[&str] = &[
    "html",
    "head",
    "meta",
    "base",
    "script",
    "style",
    "title",
    "link",
    "body",
    "div",
    "a",
    "header",
    "nav",
    "button",
    "main",
    "footer",
    "p",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "span",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "details",
    "summary",
    "article",
    "form",
    "label",
    "input",
    "select",
    "option",
    "fieldset",
    "legend",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "svg",
    "g",
    "line",
    "circle",
    "ellipse",
    "path",
    "polyline",
    "polygon",
    "rect",
    "text",
    "math",
    "mi",
    "mo",
    "mn",
    "mtext",
    "mrow",
    "mspace",
    "mfrac",
    "msqrt",
    "mroot",
    "msub",
    "msup",
    "msubsup",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
];

#[test]
fn a_hostile_bank_stays_text_in_every_page() {
    let src = r#"{"version":1,"id":"evil","title":{"zh":"</title><script>alert(1)</script>","en":"\"><img src=x onerror=alert(1)>"},"author":"<b>me</b>",
      "topics":[{"id":"t","name":{"zh":"<i>主题</i>","en":"<i>Topic</i>"}}],
      "questions":[{"id":"q1","topic":"t","difficulty":"easy",
        "prompt":{"zh":"<script>alert(1)</script> 问","en":"</script><script>alert(1)</script> [x](javascript:alert(1)) $\\text{<svg onload=alert(1)>}$"},
        "kind":{"type":"open","key_points":[{"zh":"<iframe>","en":"<iframe src=x>"}]},
        "answer":{"zh":"\"' onmouseover=alert(1)","en":"\"' onmouseover=alert(1) <style>*{}</style>"},
        "explanation":{"zh":"<a href=javascript:alert(1)>x</a>","en":"<a href=javascript:alert(1)>x</a>"}}]}"#;
    let loaded = load(src).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let bank = loaded.bank;
    let index = BankIndex::of(&bank);
    for page in site::pages(&bank).unwrap() {
        let html = site::document(
            &page,
            &index,
            &assets(),
            Some(&SiteUrl::parse("https://a.example/").unwrap()),
        );
        // Every element is one the components write; the bank's tags are text.
        for tag in html.split('<').skip(1) {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(
                name.is_empty() || ALLOWED.contains(&name.as_str()),
                "{}: <{name}",
                page.file()
            );
        }
        assert!(!html.contains("href=\"javascript"), "{}", page.file());
        // The one style sheet is the site's own.
        assert_eq!(html.matches("<style").count(), 1, "{}", page.file());
        assert!(html.contains("<style>body{}</style>"), "{}", page.file());
        // The only scripts are the page's own two and its data block.
        assert_eq!(html.matches("<script").count(), 3, "{}", page.file());
        // No attribute was broken out of: every quote in the head is ours.
        let head = between(&html, "<head>", "</head>");
        assert!(!head.contains("\"' onmouseover"), "{}", page.file());
    }
}

#[test]
fn the_sitemap_lists_every_indexed_page_with_its_other_language() {
    let bank = shipped();
    let pages = site::pages(&bank).unwrap();
    let site_url = SiteUrl::parse("https://example.org/").unwrap();
    let xml = site::sitemap(&pages, &site_url);
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    let indexed: Vec<&SitePage> = pages.iter().filter(|p| p.index).collect();
    assert_eq!(locs.len(), indexed.len());
    assert_eq!(
        indexed.len(),
        2 * (bank.questions.len() + Lab::ALL.len() + 3)
    );
    for p in &indexed {
        assert!(
            locs.contains(&site_url.at(&p.path()).as_str()),
            "{}",
            p.path()
        );
    }
    assert!(locs.contains(&"https://example.org/q/fp32-rounding/"));
    assert!(locs.contains(&"https://example.org/zh/lab/nms/"));
    assert!(locs.contains(&"https://example.org/interview/"));
    assert!(!xml.contains("review/") && !xml.contains("stats/"));
    assert_eq!(xml.matches("hreflang=\"zh-CN\"").count(), locs.len());
    assert_eq!(site::robots(Some(&site_url)), "# Written by postbuild. Every page may be crawled.\nUser-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n");
    assert!(!site::robots(None).contains("Sitemap"));
    // A site address is http(s) without a query, and gets its final slash.
    assert_eq!(
        SiteUrl::parse("https://a.b/x").unwrap().at("y"),
        "https://a.b/x/y"
    );
    for bad in [
        "ftp://a.b/",
        "a.b",
        "https://a.b/?x=1",
        "https://",
        "https://a b/",
    ] {
        assert!(SiteUrl::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn no_formula_on_any_page_draws_a_hyphen_for_a_minus() {
    // Chromium draws `<mo>-</mo>` as a short dash: a formula's minus is
    // U+2212 (ail_core::markup::latex). Every page, both languages.
    let bank = shipped();
    let index = BankIndex::of(&bank);
    let (mut formulas, mut minus) = (0, 0);
    for page in site::pages(&bank).unwrap() {
        let html = site::document(&page, &index, &assets(), None);
        assert!(!html.contains("<mo>-</mo>"), "{}: <mo>-</mo>", page.file());
        formulas += html.matches("<math").count();
        minus += html.matches("<mo>\u{2212}</mo>").count();
        // Brackets keep their size unless `\left…\right` asked otherwise.
        assert!(
            !html.contains("<mo>(</mo>"),
            "{}: a stretchy (",
            page.file()
        );
    }
    // The check looked at real formulas with real minus signs.
    assert!(formulas > 500, "{formulas} formulas");
    assert!(minus > 100, "{minus} minus signs");
    println!("{formulas} formulas, {minus} minus signs");
}
