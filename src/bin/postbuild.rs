//! `postbuild`: Trunk's post-build hook (see `Trunk.toml`). It finishes the
//! bundle in `$TRUNK_STAGING_DIR` (or the directory given as argument):
//!
//! 1. hashes every inline `<script>` of `index.html` (Trunk's module loader)
//!    and writes the Content-Security-Policy, with those hashes, into a
//!    `<meta>` tag of `index.html` and into `_headers` (Netlify/Cloudflare
//!    format; `serve` reads it too). `frame-ancestors` is only in `_headers`:
//!    browsers ignore it in a `<meta>` tag.
//! 2. writes `sw.js`, the service worker: the list of every file to
//!    precache and a build id (a hash of all their bytes), so each build
//!    has its own cache and a new deploy is a new worker.
//! 3. writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level
//!    9) next to every text asset (HTML, JS, wasm, CSS, JSON, SVG,
//!    manifest), which `serve` and most static hosts send when the browser
//!    accepts them.
//! 4. writes the home page's static copy into `index.html` (see
//!    [`tool::home_shell`]): its header and intro, in both languages, from
//!    the app's own strings and the built-in bank's title, shown before the
//!    wasm arrives.

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

    use ai_interview_lab::bank::Text;
    use ai_interview_lab::i18n::{strings, Lang};
    use ai_interview_lab::markup::escape_html as escape;
    use base64::Engine;
    use sha2::{Digest, Sha256};

    /// Everything but the script hashes and `frame-ancestors`.
    /// (`connect-src` allows https so `?bank=https://…` can fetch someone's bank, CORS permitting.)
    const POLICY_BASE: &str = "default-src 'self'; style-src 'self'; img-src 'self' data:; manifest-src 'self'; connect-src 'self' https:; worker-src 'self'";

    /// `'sha256-…'` of each inline script (a `<script>` without `src`), in order.
    pub fn inline_script_hashes(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find("<script") {
            let after = &rest[start..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            let tag = &after[..open_end];
            let body_start = open_end + 1;
            let Some(close) = after[body_start..].find("</script>") else {
                break;
            };
            let body = &after[body_start..body_start + close];
            if !tag.contains(" src=") {
                let digest = Sha256::digest(body.as_bytes());
                out.push(format!(
                    "'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                ));
            }
            rest = &after[body_start + close + "</script>".len()..];
        }
        out
    }

    /// The policy for the `<meta>` tag (no `frame-ancestors`) and for `_headers`.
    pub fn policies(hashes: &[String]) -> (String, String) {
        let script = format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes.join(" "));
        let meta = format!("{POLICY_BASE}; {}", script.trim_end());
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
            "# Written by postbuild (src/bin/postbuild.rs) after each build.\n\
             /*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n\
             /sw.js\n  Cache-Control: no-cache\n\
             /ail-full.js\n  Cache-Control: no-cache\n\
             /ail-full_bg.wasm\n  Cache-Control: no-cache\n"
        )
    }

    /// Files the worker precaches: every file but the worker itself, the
    /// headers file and precompressed copies. Sorted, `/`-separated, relative.
    pub fn precache_list(dir: &Path) -> Result<Vec<String>, String> {
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

    /// The service worker's source.
    pub fn service_worker(build: &str, files: &[String]) -> String {
        let list = files
            .iter()
            .map(|f| format!("  {:?}", f))
            .collect::<Vec<_>>()
            .join(",\n");
        // Files whose names carry a content hash (the rule `serve` uses too).
        let hashed = files
            .iter()
            .filter(|f| ai_interview_lab::assets::is_content_hashed(f))
            .map(|f| format!("{f:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            r#"// AI Interview Lab service worker, written by postbuild (src/bin/postbuild.rs).
// One cache per build: a new deploy is a new worker with a new cache; it
// waits until the page asks it to take over ("reload to update"), then
// deletes the old build's cache. Requests are answered from this build's
// cache only, so old and new files never mix.
const BUILD = "{build}";
const PREFIX = "ail:" + self.registration.scope + ":";
const CACHE = PREFIX + BUILD;
const FILES = [
{list}
];

// What the page already fetched is not downloaded again: a file with a
// content hash in its name (HASHED) may come from the HTTP cache as it is;
// any other file is revalidated with the server, which answers 304
// without the body when the cached copy is current.
// index.html is stored under the URL the page was loaded from, "./", so
// that it too is revalidated rather than fetched again under another URL.
const HASHED = new Set([{hashed}]);
const key = (f) => (f === "index.html" ? "./" : f);
self.addEventListener("install", (event) => {{
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(FILES.map((f) => new Request(key(f), {{ cache: HASHED.has(f) ? "default" : "no-cache" }}))))
  );
}});

self.addEventListener("activate", (event) => {{
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
}});

self.addEventListener("message", (event) => {{
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
  if (event.data && event.data.type === "build" && event.ports[0]) event.ports[0].postMessage(BUILD);
}});

self.addEventListener("fetch", (event) => {{
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {{
    const cache = await caches.open(CACHE);
    // Every page of the app is index.html with a different hash route.
    const hit = request.mode === "navigate"
      ? await cache.match("./")
      : await cache.match(request, {{ ignoreSearch: true }});
    return hit || fetch(request);
  }})());
}});
"#
        )
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

    /// Writes the first-load app's copy of the built-in bank
    /// (`static/core/`, see `ai_interview_lab::bank::first_load`); returns
    /// the ids of its question files and the bank's title. The bank must
    /// load without problems.
    pub fn first_load_bank(dir: &Path) -> Result<(Vec<String>, Text), String> {
        let path = dir.join("static/bank.json");
        let src = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let loaded =
            ai_interview_lab::bank::load(&src).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(p) = loaded.problems.first() {
            return Err(format!(
                "{}: {p} ({} problem(s); run check-bank)",
                path.display(),
                loaded.problems.len()
            ));
        }
        let (index, files) = ai_interview_lab::bank::first_load::split(&loaded.bank);
        let core = dir.join("static/core");
        let q = core.join("q");
        std::fs::create_dir_all(&q).map_err(|e| format!("{}: {e}", q.display()))?;
        std::fs::write(core.join("index.json"), index).map_err(|e| e.to_string())?;
        for (id, json) in &files {
            std::fs::write(q.join(format!("{id}.json")), json).map_err(|e| e.to_string())?;
        }
        Ok((
            files.into_iter().map(|(id, _)| id).collect(),
            loaded.bank.title.clone(),
        ))
    }

    const IDS_START: &str = "/*ids*/";
    const IDS_END: &str = "/*/ids*/";

    /// Writes the question ids, as a JavaScript string `' a b c '`, between
    /// the `/*ids*/` and `/*/ids*/` markers of the inline script in
    /// `index.html` that preloads the question a URL opens, replacing what
    /// is there. Only ids the script's pattern can match (`[a-z0-9-]+`) are
    /// written, so nothing in the string needs escaping.
    pub fn inject_ids(html: &str, ids: &[String]) -> Result<String, String> {
        let mut list = String::from("' ");
        for id in ids {
            if !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                list.push_str(id);
                list.push(' ');
            }
        }
        list.push('\'');
        replace_between(html, IDS_START, IDS_END, &list)
    }

    /// The home page as the app first shows it (header, and the intro's
    /// heading and tagline; a loading line where its buttons will be),
    /// once per language, for `#boot` in
    /// `index.html`. The same elements and classes as `ui::app` and
    /// `ui::home`, so the same style sheet lays them out the same way; the
    /// inline script in `index.html` shows the copy in the language the app
    /// will pick, on the home route only, and the app removes it when its
    /// own home page is ready (`ui::drop_boot`). `shell.test.mjs` checks the
    /// two look the same.
    pub fn home_shell(title: &Text) -> String {
        [Lang::En, Lang::Zh]
            .iter()
            .map(|&lang| {
                let s = strings(lang);
                format!(
                    "<div class=\"boot-home\" lang=\"{tag}\">\
                     <header class=\"top\"><a class=\"brand\" href=\"#/\">{brand}</a>\
                     <nav class=\"top-nav\" aria-label=\"{nav}\">\
                     <a class=\"nav-link\" href=\"#/review\">{review}</a>\
                     <a class=\"nav-link\" href=\"#/labs\">{labs}</a>\
                     <a class=\"nav-link\" href=\"#/stats\">{progress}</a></nav>\
                     <button class=\"lang\" type=\"button\" lang=\"{other}\" aria-label=\"{switch_label}\">{switch}</button></header>\
                     <main><section class=\"intro\"><h1>{title}</h1><p class=\"tagline\">{tagline}</p>\
                     <p class=\"status\" role=\"status\">{loading}</p></section></main></div>",
                    tag = lang.tag(),
                    brand = escape(s.app_title),
                    nav = escape(s.nav_label),
                    review = escape(s.nav_review),
                    labs = escape(s.nav_labs),
                    progress = escape(s.nav_progress),
                    other = lang.other().tag(),
                    switch_label = escape(s.switch_language_label),
                    switch = escape(s.switch_language),
                    title = escape(title.get(lang)),
                    tagline = escape(s.tagline),
                    loading = escape(s.loading),
                )
            })
            .collect()
    }

    const SHELL_START: &str = "<!--home-shell-->";
    const SHELL_END: &str = "<!--/home-shell-->";

    /// Puts `shell` between the `<!--home-shell-->` and `<!--/home-shell-->`
    /// markers, replacing what is there, so running twice changes nothing.
    pub fn inject_shell(html: &str, shell: &str) -> Result<String, String> {
        replace_between(html, SHELL_START, SHELL_END, shell)
    }

    /// `html` with what lies between the markers `open` and `close`
    /// replaced by `with`; an error naming the marker that is missing.
    fn replace_between(html: &str, open: &str, close: &str, with: &str) -> Result<String, String> {
        let start = html
            .find(open)
            .ok_or(format!("index.html has no {open} marker"))?
            + open.len();
        let end = start
            + html[start..]
                .find(close)
                .ok_or(format!("index.html has no {close} marker after {open}"))?;
        let mut out = html.to_string();
        out.replace_range(start..end, with);
        Ok(out)
    }

    /// Runs every step on `dir`; returns a one-line report.
    pub fn finish(dir: &Path) -> Result<String, String> {
        let (ids, title) = first_load_bank(dir)?;
        let questions = ids.len();
        let index = dir.join("index.html");
        let html =
            std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
        let html = inject_shell(&html, &home_shell(&title))?;
        let html = inject_ids(&html, &ids)?;
        // Hash the scripts as they are, then add the meta tag (which is not a script).
        let hashes = inline_script_hashes(&html);
        let (meta, header) = policies(&hashes);
        std::fs::write(&index, inject_meta(&html, &meta)?).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("_headers"), headers_file(&header)).map_err(|e| e.to_string())?;
        let files = precache_list(dir)?;
        let build = build_id(dir, &files)?;
        std::fs::write(dir.join("sw.js"), service_worker(&build, &files))
            .map_err(|e| e.to_string())?;
        let mut all = files.clone();
        all.push("sw.js".into());
        let compressed = precompress(dir, &all)?;
        Ok(format!(
            "{questions} first-load question files; {} inline script hash(es) in the CSP; sw.js precaches {} files, build {build}; {compressed} files precompressed (.br, .gz)",
            hashes.len(),
            files.len()
        ))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        const PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\">\n<script type=\"module\">\nimport init from './a.js';\n</script><script src=\"x.js\"></script></head><body><div id=\"boot\"><!--home-shell--><!--/home-shell--></div></body></html>";

        #[test]
        fn inline_scripts_are_hashed_and_external_ones_are_not() {
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
            let (meta, header) = policies(&["'sha256-abc'".into()]);
            assert!(!meta.contains("frame-ancestors"));
            assert!(header.ends_with("; frame-ancestors *"));
            assert!(meta.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc'"));
            assert!(meta.contains("style-src 'self'"));
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

        #[test]
        fn the_home_shell_has_both_languages_escaped_and_is_injected_once() {
            let title = Text {
                zh: "面经 <2020>".into(),
                en: "Report \"A&B\" <2020>".into(),
            };
            let shell = home_shell(&title);
            // English first, then Chinese, each with the app's own strings.
            let en = shell.find("<div class=\"boot-home\" lang=\"en\">").unwrap();
            let zh = shell
                .find("<div class=\"boot-home\" lang=\"zh-CN\">")
                .unwrap();
            assert!(en < zh);
            let (en_part, zh_part) = shell.split_at(zh);
            for (part, lang) in [(en_part, Lang::En), (zh_part, Lang::Zh)] {
                let s = strings(lang);
                for text in [
                    s.app_title,
                    s.tagline,
                    s.nav_review,
                    s.nav_labs,
                    s.nav_progress,
                    s.switch_language,
                ] {
                    assert!(
                        part.contains(&format!(">{text}<")),
                        "{lang:?}: {text} in {part}"
                    );
                }
                assert!(part.contains(&format!("aria-label=\"{}\"", s.switch_language_label)));
                assert!(part.contains(&format!("lang=\"{}\"", lang.other().tag())));
            }
            assert!(
                en_part.contains("<h1>Report &quot;A&amp;B&quot; &lt;2020&gt;</h1>"),
                "{en_part}"
            );
            assert!(zh_part.contains("<h1>面经 &lt;2020&gt;</h1>"), "{zh_part}");
            assert_eq!(shell.matches('<').count(), shell.matches('>').count());

            let once = inject_shell(PAGE, &shell).unwrap();
            assert!(once.contains(&format!(
                "<div id=\"boot\"><!--home-shell-->{shell}<!--/home-shell--></div>"
            )));
            assert_eq!(inject_shell(&once, &shell).unwrap(), once, "idempotent");
            // No marker: a clear error, not a page without its copy.
            let err = inject_shell("<html></html>", &shell).unwrap_err();
            assert!(err.contains("<!--home-shell-->"), "{err}");
            let err = inject_shell("<!--home-shell--><p>", &shell).unwrap_err();
            assert!(err.contains("<!--/home-shell-->"), "{err}");
        }

        #[test]
        fn the_preload_script_gets_the_ids_it_may_preload() {
            let html = "<script>var known = /*ids*/' '/*/ids*/;</script>";
            let ids: Vec<String> = ["float-sum", "q2", "Bad Id", "a'b", "", "x</script>"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            let once = inject_ids(html, &ids).unwrap();
            // Ids the script's pattern cannot match are left out, so the
            // string never needs escaping.
            assert_eq!(
                once,
                "<script>var known = /*ids*/' float-sum q2 '/*/ids*/;</script>"
            );
            assert_eq!(inject_ids(&once, &ids).unwrap(), once, "idempotent");
            let err = inject_ids("<script></script>", &ids).unwrap_err();
            assert!(err.contains("/*ids*/"), "{err}");
            let err = inject_ids("/*ids*/' '", &ids).unwrap_err();
            assert!(err.contains("/*/ids*/"), "{err}");
        }

        /// A valid one-question bank.
        const BANK: &str = r#"{"version":1,"id":"t","title":{"zh":"测","en":"T"},"author":"us",
            "topics":[{"id":"t","name":{"zh":"主题","en":"Topic"}}],
            "questions":[{"id":"q1","topic":"t","difficulty":"easy","prompt":{"zh":"问","en":"Ask *this*"},
            "kind":{"type":"open","key_points":[{"zh":"点","en":"point"}]},
            "answer":{"zh":"答","en":"Answer"},"explanation":{"zh":"解释","en":"Why"}}]}"#;

        #[test]
        fn the_worker_lists_every_file_but_itself_and_compressed_copies() {
            let dir = std::env::temp_dir().join(format!("ail-postbuild-{}", std::process::id()));
            std::fs::create_dir_all(dir.join("static")).unwrap();
            // The page with the preload script's id list, as in index.html.
            let page = PAGE.replace(
                "</head>",
                "<script type=\"module\">var known = /*ids*/' '/*/ids*/;</script></head>",
            );
            std::fs::write(dir.join("index.html"), page).unwrap();
            // A bank that fails validation stops the build, naming the problem.
            std::fs::write(
                dir.join("static/bank.json"),
                BANK.replace("\"easy\"", "\"hard-ish\""),
            )
            .unwrap();
            let err = finish(&dir).unwrap_err();
            assert!(
                err.contains("static/bank.json") && err.contains("hard-ish"),
                "{err}"
            );
            std::fs::write(dir.join("static/bank.json"), BANK).unwrap();
            std::fs::write(dir.join("static/bank.json.br"), "x").unwrap();
            std::fs::write(dir.join("app-0123456789abcdef.js"), "js").unwrap();
            let report = finish(&dir).unwrap();
            assert!(report.contains("2 inline script hash"), "{report}");
            // The home page's static copy, with the bank's title in each language.
            let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
            // The preload script knows the bank's one id, and the policy
            // allows that script as written, not as it was before.
            assert!(
                page.contains("var known = /*ids*/' q1 '/*/ids*/;"),
                "{page}"
            );
            for hash in inline_script_hashes(&page) {
                assert!(page.contains(&hash), "{hash} in the CSP");
            }
            assert!(
                page.contains("<h1>T</h1>") && page.contains("<h1>测</h1>"),
                "{page}"
            );
            // The full app's unhashed files are revalidated, like sw.js.
            let headers = std::fs::read_to_string(dir.join("_headers")).unwrap();
            for f in ["/sw.js", "/ail-full.js", "/ail-full_bg.wasm"] {
                assert!(
                    headers.contains(&format!("\n{f}\n  Cache-Control: no-cache\n")),
                    "{f}: {headers}"
                );
            }
            assert!(
                report.starts_with("1 first-load question files"),
                "{report}"
            );
            let files = precache_list(&dir).unwrap();
            assert_eq!(
                files,
                [
                    "app-0123456789abcdef.js",
                    "index.html",
                    "static/bank.json",
                    "static/core/index.json",
                    "static/core/q/q1.json"
                ]
            );
            let q = std::fs::read_to_string(dir.join("static/core/q/q1.json")).unwrap();
            assert!(
                q.contains("\"id\":\"q1\"") && q.contains("\\u0001[{\\\"Paragraph"),
                "{q}"
            );
            let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
            let build = build_id(&dir, &files).unwrap();
            assert_eq!(build.len(), 16);
            assert!(sw.contains(&format!("const BUILD = \"{build}\";")));
            assert!(sw.contains("  \"static/bank.json\""));
            assert!(!sw.contains(".br\""));
            // Another byte anywhere is another build.
            std::fs::write(dir.join("static/bank.json"), format!("{BANK} ")).unwrap();
            assert_ne!(build_id(&dir, &files).unwrap(), build);
            // Running again on its own output changes neither the page nor the list.
            let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
            finish(&dir).unwrap();
            assert_eq!(
                std::fs::read_to_string(dir.join("index.html")).unwrap(),
                html
            );
            // Precompressed copies decompress to the original bytes.
            let js = std::fs::read(dir.join("app-0123456789abcdef.js")).unwrap();
            let mut out = Vec::new();
            brotli::BrotliDecompress(
                &mut std::fs::read(dir.join("app-0123456789abcdef.js.br"))
                    .unwrap()
                    .as_slice(),
                &mut out,
            )
            .unwrap();
            assert_eq!(out, js);
            let mut gz = flate2::read::GzDecoder::new(
                std::fs::File::open(dir.join("index.html.gz")).unwrap(),
            );
            let mut html_back = String::new();
            std::io::Read::read_to_string(&mut gz, &mut html_back).unwrap();
            assert_eq!(
                html_back,
                std::fs::read_to_string(dir.join("index.html")).unwrap()
            );
            assert!(dir.join("sw.js.br").is_file());
            let headers = std::fs::read_to_string(dir.join("_headers")).unwrap();
            assert!(headers.contains("frame-ancestors *"));
            std::fs::remove_dir_all(&dir).unwrap();
        }
    }
}
