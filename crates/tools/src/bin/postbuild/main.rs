//! `postbuild`: Trunk's post-build hook (see `Trunk.toml`). It finishes the
//! bundle in `$TRUNK_STAGING_DIR` (or the directory given as argument):
//!
//! 1. writes the static site ([`ail_tools::site`]): a page per
//!    language for the home page, every question and lab of the built-in
//!    bank (which must be valid: any problem stops the build), the lab list,
//!    review and stats; `404.html`; `robots.txt`, and `sitemap.xml` when
//!    `AIL_SITE_URL` gives the site's address; and `static/q/<id>.json`,
//!    each question in the bank's format, which the app module draws other
//!    variants from. Trunk's own `index.html` only names the built files.
//! 2. hashes the pages' inline scripts (the same two on every page) and
//!    writes the Content-Security-Policy with those hashes into a `<meta>`
//!    tag of every page and into `_headers` (Netlify/Cloudflare format;
//!    `serve` reads it too). `frame-ancestors` is only in `_headers`:
//!    browsers ignore it in a `<meta>` tag.
//! 3. writes `sw.js`, the service worker (from `sw.js` beside this file):
//!    the list of every file to precache and a build id (a hash of all
//!    their bytes), so each build has its own cache and a new deploy is a
//!    new worker.
//! 4. writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level
//!    9) next to every text asset (HTML, JS, wasm, CSS, JSON, SVG, XML,
//!    manifest), which `serve` and most static hosts send when the browser
//!    accepts them.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let dir = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .unwrap_or_else(|| "dist".into());
    match tool::finish(std::path::Path::new(&dir)) {
        Ok(report) => println!("postbuild: {report}"),
        Err(e) => {
            eprintln!("postbuild: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod tool {
    use std::path::Path;

    use ail_core::bank::BankIndex;
    use ail_tools::site::{self, Assets, SiteUrl};
    use base64::Engine;
    use sha2::{Digest, Sha256};

    /// Everything but the script and style hashes and `frame-ancestors`.
    /// (`connect-src` allows https so `?bank=https://…` can fetch someone's
    /// bank, CORS permitting; `media-src blob:` plays back the mock
    /// interview's recordings, which exist only as in-page blobs.)
    const POLICY_BASE: &str = "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; manifest-src 'self'; connect-src 'self' https:; worker-src 'self'";

    /// `'sha256-…'` of the body of each `<tag>…</tag>` element of `html`
    /// that `keep` accepts by its opening tag, in order.
    fn element_hashes(html: &str, tag: &str, keep: impl Fn(&str) -> bool) -> Vec<String> {
        let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find(&open) {
            let after = &rest[start..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            let body_start = open_end + 1;
            let Some(end) = after[body_start..].find(&close) else {
                break;
            };
            if keep(&after[..open_end]) {
                let digest = Sha256::digest(&after.as_bytes()[body_start..body_start + end]);
                out.push(format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                ));
            }
            rest = &after[body_start + end + close.len()..];
        }
        out
    }

    /// `'sha256-…'` of each inline script (a `<script>` without `src` that
    /// runs: not a JSON data block), in order.
    pub fn inline_script_hashes(html: &str) -> Vec<String> {
        element_hashes(html, "script", |tag| {
            !tag.contains(" src=") && !tag.contains("application/json")
        })
    }

    /// `'sha256-…'` of each inline style sheet (`<style>`), in order.
    pub fn inline_style_hashes(html: &str) -> Vec<String> {
        element_hashes(html, "style", |_| true)
    }

    /// The policy for the `<meta>` tag (no `frame-ancestors`) and for
    /// `_headers`, allowing the inline scripts and style sheets with these
    /// hashes.
    pub fn policies(scripts: &[String], styles: &[String]) -> (String, String) {
        let script = format!("script-src 'self' 'wasm-unsafe-eval' {}", scripts.join(" "));
        let style = format!("style-src 'self' {}", styles.join(" "));
        let meta = format!("{POLICY_BASE}; {}; {}", style.trim_end(), script.trim_end());
        let header = format!("{meta}; frame-ancestors *");
        (meta, header)
    }

    const META_START: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

    /// Puts the policy right after `<meta charset="utf-8">` (before any
    /// script), replacing an earlier one, so running twice changes nothing.
    pub fn inject_meta(html: &str, policy: &str) -> Result<String, String> {
        let mut html = html.to_string();
        if let Some(start) = html.find(META_START) {
            let end = html[start..].find('>').ok_or("unterminated CSP meta tag")?;
            // Remove the tag with the line break and indent inserted before it.
            let from = if html[..start].ends_with("\n  ") {
                start - 3
            } else {
                start
            };
            html.replace_range(from..start + end + 1, "");
        }
        let anchor = "<meta charset=\"utf-8\">";
        let at = html
            .find(anchor)
            .ok_or("index.html has no <meta charset=\"utf-8\">")?
            + anchor.len();
        html.insert_str(at, &format!("\n  {META_START}{policy}\">"));
        Ok(html)
    }

    pub fn headers_file(policy: &str) -> String {
        format!(
            "# Written by postbuild (src/bin/postbuild/main.rs) after each build.\n\
             /*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n\
             /sw.js\n  Cache-Control: no-cache\n"
        )
    }

    /// Files the worker precaches: the build's files but the bank's
    /// source (for authors and `check-bank`; the pages and `static/q/` carry
    /// what the app needs) and the style sheets (every page has its styles
    /// inline). Sorted, `/`-separated, relative.
    pub fn precache_list(dir: &Path) -> Result<Vec<String>, String> {
        Ok(build_files(dir)?
            .into_iter()
            .filter(|f| f != "static/bank.json" && !f.ends_with(".css"))
            .collect())
    }

    /// Every file of the build but the worker itself, the headers file and
    /// precompressed copies. Sorted, `/`-separated, relative.
    pub fn build_files(dir: &Path) -> Result<Vec<String>, String> {
        fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
            let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for entry in entries {
                let path = entry.map_err(|e| e.to_string())?.path();
                if path.is_dir() {
                    walk(root, &path, out)?;
                    continue;
                }
                let rel = path
                    .strip_prefix(root)
                    .map_err(|e| e.to_string())?
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                let skip = rel == "sw.js"
                    || rel == "_headers"
                    || rel.ends_with(".br")
                    || rel.ends_with(".gz");
                if !skip {
                    out.push(rel);
                }
            }
            Ok(())
        }
        let mut out = Vec::new();
        walk(dir, dir, &mut out)?;
        out.sort();
        Ok(out)
    }

    /// 16 hex digits of SHA-256 over each file's path and bytes.
    pub fn build_id(dir: &Path, files: &[String]) -> Result<String, String> {
        let mut h = Sha256::new();
        for f in files {
            let bytes = std::fs::read(dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
            h.update(f.as_bytes());
            h.update([0]);
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        }
        Ok(h.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect())
    }

    /// Whether a file is worth precompressing (text and wasm; PNGs are already compressed).
    pub fn compressible(name: &str) -> bool {
        [
            ".html",
            ".js",
            ".wasm",
            ".css",
            ".json",
            ".svg",
            ".xml",
            ".txt",
            ".webmanifest",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
    }

    /// Writes `.br` and `.gz` next to each compressible file; returns how many.
    pub fn precompress(dir: &Path, files: &[String]) -> Result<usize, String> {
        use std::io::Write;
        let mut n = 0;
        for f in files.iter().filter(|f| compressible(f)) {
            let path = dir.join(f);
            let bytes = std::fs::read(&path).map_err(|e| format!("{f}: {e}"))?;
            let mut br = Vec::new();
            {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 11,
                    lgwin: 22,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)
                    .map_err(|e| format!("{f}: brotli: {e}"))?;
            }
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(&bytes)
                .map_err(|e| format!("{f}: gzip: {e}"))?;
            let gz = gz.finish().map_err(|e| format!("{f}: gzip: {e}"))?;
            std::fs::write(dir.join(format!("{f}.br")), br).map_err(|e| e.to_string())?;
            std::fs::write(dir.join(format!("{f}.gz")), gz).map_err(|e| e.to_string())?;
            n += 1;
        }
        Ok(n)
    }

    /// The service worker's source: `sw.js` beside this file with the
    /// build id, the files to precache and those with a content hash.
    pub fn service_worker(build: &str, files: &[String]) -> String {
        let list = |names: &mut dyn Iterator<Item = &String>| {
            let items: Vec<String> = names
                .map(|f| serde_json::to_string(f).unwrap_or_default())
                .collect();
            format!("[\n  {}\n]", items.join(",\n  "))
        };
        let hashed = list(
            &mut files
                .iter()
                .filter(|f| ail_core::assets::is_content_hashed(f)),
        );
        include_str!("sw.js")
            .replace("%BUILD%", build)
            .replace("%FILES%", &list(&mut files.iter()))
            .replace("%HASHED%", &hashed)
    }

    /// Gives the app module's files (which Trunk builds as a "worker" and
    /// leaves unhashed, see `index.html`) a content hash in their names,
    /// `ail-app-<16 hex>.js` and `…_bg.wasm`, like the files Trunk names:
    /// then they too are never revalidated. Nothing to do when they have
    /// one already.
    pub fn hash_app_module(dir: &Path) -> Result<(), String> {
        let (js, wasm) = (dir.join("ail-app.js"), dir.join("ail-app_bg.wasm"));
        if !js.exists() && !wasm.exists() {
            return Ok(());
        }
        let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
        let (js_bytes, wasm_bytes) = (read(&js)?, read(&wasm)?);
        let mut h = Sha256::new();
        h.update(&js_bytes);
        h.update(&wasm_bytes);
        let hash: String = h.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let name = format!("ail-app-{hash}");
        // The glue's default address of its wasm (the loader passes the
        // address itself, but the two should agree).
        let glue = String::from_utf8(js_bytes)
            .map_err(|e| format!("{}: {e}", js.display()))?
            .replace("'ail-app_bg.wasm'", &format!("'{name}_bg.wasm'"));
        std::fs::write(dir.join(format!("{name}.js")), glue).map_err(|e| e.to_string())?;
        std::fs::write(dir.join(format!("{name}_bg.wasm")), wasm_bytes)
            .map_err(|e| e.to_string())?;
        std::fs::remove_file(&js).map_err(|e| e.to_string())?;
        std::fs::remove_file(&wasm).map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Writes `text` to `dir/rel`, creating its directories.
    fn write(dir: &Path, rel: &str, text: &str) -> Result<(), String> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The built-in bank, which must load without problems.
    pub fn builtin_bank(dir: &Path) -> Result<ail_core::bank::Bank, String> {
        let path = dir.join("static/bank.json");
        let src = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let loaded = ail_core::load(&src).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(p) = loaded.problems.first() {
            return Err(format!(
                "{}: {p} ({} problem(s); run check-bank)",
                path.display(),
                loaded.problems.len()
            ));
        }
        Ok(loaded.bank)
    }

    /// Writes every page, `404.html`, `robots.txt`, the sitemap (with a
    /// site address) and each question's source; returns how many pages.
    pub fn write_site(dir: &Path, site: Option<&SiteUrl>) -> Result<usize, String> {
        let bank = builtin_bank(dir)?;
        let index = BankIndex::of(&bank);
        let assets = Assets::find(dir, &build_files(dir)?)?;
        let pages = site::pages(&bank)?;
        for page in &pages {
            write(
                dir,
                &page.file(),
                &site::document(page, &index, &assets, site),
            )?;
        }
        write(dir, "404.html", &site::not_found_document(&index, &assets))?;
        write(dir, "robots.txt", &site::robots(site))?;
        let sitemap = dir.join("sitemap.xml");
        match site {
            Some(s) => write(dir, "sitemap.xml", &site::sitemap(&pages, s))?,
            // An old build's sitemap would list addresses of another site.
            None if sitemap.exists() => {
                std::fs::remove_file(&sitemap).map_err(|e| format!("{}: {e}", sitemap.display()))?
            }
            None => {}
        }
        for q in &bank.questions {
            let json = serde_json::to_string(q).map_err(|e| format!("question {}: {e}", q.id))?;
            write(dir, &format!("static/q/{}.json", q.id), &json)?;
        }
        Ok(pages.len())
    }

    /// Every page of the build (`*.html` but the example post under
    /// `static/`), relative to `dir`.
    fn html_pages(files: &[String]) -> Vec<&String> {
        files
            .iter()
            .filter(|f| f.ends_with(".html") && !f.starts_with("static/"))
            .collect()
    }

    /// Runs every step on `dir`; returns a one-line report.
    pub fn finish(dir: &Path) -> Result<String, String> {
        let site = match std::env::var("AIL_SITE_URL") {
            Ok(s) if !s.trim().is_empty() => Some(SiteUrl::parse(&s)?),
            _ => None,
        };
        hash_app_module(dir)?;
        let pages = write_site(dir, site.as_ref())?;
        // Every page has the same two scripts; hash them once, from the
        // pages as written, and put the policy into each.
        let files = precache_list(dir)?;
        let (mut hashes, mut styles): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        for f in html_pages(&files) {
            let html = std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
            for (found, into) in [
                (inline_script_hashes(&html), &mut hashes),
                (inline_style_hashes(&html), &mut styles),
            ] {
                for h in found {
                    if !into.contains(&h) {
                        into.push(h);
                    }
                }
            }
        }
        let (meta, header) = policies(&hashes, &styles);
        for f in html_pages(&files) {
            let html = std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
            std::fs::write(
                dir.join(f),
                inject_meta(&html, &meta).map_err(|e| format!("{f}: {e}"))?,
            )
            .map_err(|e| e.to_string())?;
        }
        std::fs::write(dir.join("_headers"), headers_file(&header)).map_err(|e| e.to_string())?;
        let files = precache_list(dir)?;
        let build = build_id(dir, &files)?;
        std::fs::write(dir.join("sw.js"), service_worker(&build, &files))
            .map_err(|e| e.to_string())?;
        let mut all = build_files(dir)?;
        all.push("sw.js".into());
        let compressed = precompress(dir, &all)?;
        Ok(format!(
            "{pages} pages; {} inline script hash(es) in the CSP; sw.js precaches {} files, build {build}; {compressed} files precompressed (.br, .gz){}",
            hashes.len(),
            files.len(),
            if site.is_some() { "; sitemap.xml written" } else { "; no sitemap (AIL_SITE_URL unset)" }
        ))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        const PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\">\n<script type=\"module\">\nimport init from './a.js';\n</script><script src=\"x.js\"></script><script type=\"application/json\" id=\"d\">{\"a\":1}</script></head><body></body></html>";

        #[test]
        fn inline_scripts_are_hashed_and_external_ones_and_data_are_not() {
            let h = inline_script_hashes(PAGE);
            assert_eq!(h.len(), 1);
            // sha256 of "\nimport init from './a.js';\n", base64 (computed with
            // `printf "\nimport init from './a.js';\n" | openssl dgst -sha256 -binary | base64`).
            assert_eq!(
                h[0],
                "'sha256-b8dPs/81WrgdLiiXFdRIvTN+J/lNbYF2vbwDBORDYHw='"
            );
        }

        #[test]
        fn the_meta_policy_has_no_frame_ancestors_and_injection_is_idempotent() {
            let (meta, header) = policies(&["'sha256-abc'".into()], &["'sha256-css'".into()]);
            assert!(!meta.contains("frame-ancestors"));
            assert!(header.ends_with("; frame-ancestors *"));
            assert!(meta.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'"));
            assert!(meta.contains("style-src 'self' 'sha256-css';"), "{meta}");
            let once = inject_meta(PAGE, &meta).unwrap();
            let twice = inject_meta(&once, &meta).unwrap();
            assert_eq!(once, twice);
            let meta_at = once.find("Content-Security-Policy").unwrap();
            assert!(
                meta_at < once.find("<script").unwrap(),
                "the policy precedes every script"
            );
            // The script is unchanged, so its hash still holds.
            assert_eq!(inline_script_hashes(&once), inline_script_hashes(PAGE));
        }

        /// A valid one-question bank, with text that must stay text.
        const BANK: &str = r#"{"version":1,"id":"t","title":{"zh":"测 <b>","en":"T & <b>"},"author":"us",
            "topics":[{"id":"t","name":{"zh":"主题","en":"Topic"}}],
            "questions":[{"id":"q1","topic":"t","difficulty":"easy","prompt":{"zh":"问 <script>alert(1)</script>","en":"Ask *this* </script><script>alert(1)</script>"},
            "kind":{"type":"open","key_points":[{"zh":"点","en":"point"}]},
            "answer":{"zh":"答","en":"Answer \"quoted\""},"explanation":{"zh":"解释","en":"Why"}}]}"#;

        /// A build directory as Trunk leaves it, with the bank `bank`.
        fn staged(name: &str, bank: &str) -> std::path::PathBuf {
            let dir =
                std::env::temp_dir().join(format!("ail-postbuild-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("static")).unwrap();
            std::fs::write(
                dir.join("index.html"),
                "<!doctype html><html><head><meta charset=\"utf-8\"></head><body></body></html>",
            )
            .unwrap();
            std::fs::write(dir.join("static/bank.json"), bank).unwrap();
            std::fs::write(dir.join("style-0123456789abcdef.css"), "body{}").unwrap();
            std::fs::write(dir.join("ail-practice-0123456789abcdef.js"), "js").unwrap();
            std::fs::write(dir.join("ail-practice-0123456789abcdef_bg.wasm"), "wasm").unwrap();
            std::fs::write(
                dir.join("ail-app.js"),
                "x = new URL('ail-app_bg.wasm', import.meta.url);",
            )
            .unwrap();
            std::fs::write(dir.join("ail-app_bg.wasm"), "app wasm").unwrap();
            dir
        }

        #[test]
        fn an_invalid_bank_stops_the_build_naming_the_problem() {
            let dir = staged("invalid", &BANK.replace("\"easy\"", "\"hard-ish\""));
            let err = finish(&dir).unwrap_err();
            assert!(
                err.contains("static/bank.json") && err.contains("hard-ish"),
                "{err}"
            );
            std::fs::remove_dir_all(&dir).unwrap();
        }

        #[test]
        fn the_build_writes_every_page_a_policy_for_their_scripts_and_a_worker_for_every_file() {
            let dir = staged("site", BANK);
            let report = finish(&dir).unwrap();
            // Home, the question, the lab list, every built lab, review,
            // stats and the mock interview, in two languages.
            let labs = ail_labs::Lab::ALL.len();
            assert!(
                report.starts_with(&format!(
                    "{} pages; 2 inline script hash(es)",
                    2 * (6 + labs)
                )),
                "{report}"
            );
            // The app module's files got a content hash, and its glue names its wasm.
            assert!(!dir.join("ail-app.js").exists());
            let files = precache_list(&dir).unwrap();
            let app_js: Vec<&String> = files.iter().filter(|f| f.starts_with("ail-app-")).collect();
            assert_eq!(app_js.len(), 2, "{files:?}");
            assert!(app_js
                .iter()
                .all(|f| ail_core::assets::is_content_hashed(f)));
            let glue = std::fs::read_to_string(
                dir.join(app_js.iter().find(|f| f.ends_with(".js")).unwrap()),
            )
            .unwrap();
            assert!(
                glue.contains("_bg.wasm'") && !glue.contains("'ail-app_bg.wasm'"),
                "{glue}"
            );
            for page in [
                "index.html",
                "zh/index.html",
                "q/q1/index.html",
                "zh/q/q1/index.html",
                "lab/float/index.html",
                "labs/index.html",
                "review/index.html",
                "stats/index.html",
                "interview/index.html",
                "zh/interview/index.html",
                "404.html",
            ] {
                let html = std::fs::read_to_string(dir.join(page))
                    .unwrap_or_else(|e| panic!("{page}: {e}"));
                // Every script that runs and the style sheet are allowed by
                // the policy in its own page.
                let mut hashes = inline_script_hashes(&html);
                assert_eq!(hashes.len(), 2, "{page}");
                hashes.extend(inline_style_hashes(&html));
                assert_eq!(hashes.len(), 3, "{page}");
                assert!(html.contains("<style>body{}</style>"), "{page}");
                for h in &hashes {
                    assert!(html.find(h.as_str()) < html.find("<script"), "{page}: {h}");
                }
                // No text of the bank became markup.
                assert!(!html.contains("<script>alert"), "{page}");
                assert!(!html.contains("<b>"), "{page}");
            }
            let q = std::fs::read_to_string(dir.join("q/q1/index.html")).unwrap();
            assert!(
                q.contains(
                    "Ask <em>this</em> &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
                ),
                "{q}"
            );
            // The page's data is JSON that cannot end its script element.
            let start = q.find("id=\"ail-page\">").unwrap() + "id=\"ail-page\">".len();
            let json = &q[start..start + q[start..].find("</script>").unwrap()];
            assert!(!json.contains('<') && json.contains("\\u003cb>"), "{json}");
            // The question's source, in the bank's format, for other variants.
            let src: ail_core::bank::Question = serde_json::from_str(
                &std::fs::read_to_string(dir.join("static/q/q1.json")).unwrap(),
            )
            .unwrap();
            assert_eq!(src.answer.en, "Answer \"quoted\"");
            // Headers for hosts that read them, and no sitemap without a site address.
            let headers = std::fs::read_to_string(dir.join("_headers")).unwrap();
            assert!(headers.contains("frame-ancestors *"));
            assert!(
                headers.contains("\n/sw.js\n  Cache-Control: no-cache\n"),
                "{headers}"
            );
            assert!(!dir.join("sitemap.xml").exists());
            assert!(std::fs::read_to_string(dir.join("robots.txt"))
                .unwrap()
                .contains("Allow: /"));
            // The worker precaches every file but itself and the compressed copies.
            let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
            let build = build_id(&dir, &files).unwrap();
            assert_eq!(build.len(), 16);
            assert!(sw.contains(&format!("const BUILD = \"{build}\";")));
            for f in &files {
                assert!(sw.contains(&format!("  {f:?}")), "{f}");
            }
            assert!(files.contains(&"zh/q/q1/index.html".to_string()));
            // Not what no page uses: the bank's source, the style sheet.
            assert!(
                !files
                    .iter()
                    .any(|f| f == "static/bank.json" || f.ends_with(".css")),
                "{files:?}"
            );
            assert!(!sw.contains(".br\"") && !sw.contains("\"sw.js\""));
            // Running again on its own output changes no page.
            let before = std::fs::read_to_string(dir.join("q/q1/index.html")).unwrap();
            finish(&dir).unwrap();
            assert_eq!(
                std::fs::read_to_string(dir.join("q/q1/index.html")).unwrap(),
                before
            );
            // Another byte in any precached file is another build.
            let q1 = std::fs::read_to_string(dir.join("static/q/q1.json")).unwrap();
            std::fs::write(dir.join("static/q/q1.json"), format!("{q1} ")).unwrap();
            assert_ne!(build_id(&dir, &files).unwrap(), build);
            // Precompressed copies decompress to the original bytes.
            let html = std::fs::read(dir.join("index.html")).unwrap();
            let mut out = Vec::new();
            brotli::BrotliDecompress(
                &mut std::fs::read(dir.join("index.html.br")).unwrap().as_slice(),
                &mut out,
            )
            .unwrap();
            assert_eq!(out, html);
            let mut gz =
                flate2::read::GzDecoder::new(std::fs::File::open(dir.join("404.html.gz")).unwrap());
            let mut back = Vec::new();
            std::io::Read::read_to_end(&mut gz, &mut back).unwrap();
            assert_eq!(back, std::fs::read(dir.join("404.html")).unwrap());
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
}
