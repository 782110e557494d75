//! `serve`: a small static file server for the release bundle, so the
//! quick start needs nothing but this crate.
//!
//! `cargo run --release -p ail-tools --bin serve -- [DIR] [ADDR]` serves DIR (default
//! `dist`) on ADDR (default `127.0.0.1:8080`). It picks a precompressed
//! `.br` or `.gz` sibling when the browser accepts it, sends correct MIME
//! types (wasm must be `application/wasm` for streaming compilation), and
//! never serves anything outside DIR. Hashed assets are cached for a year;
//! `index.html` and unhashed files are revalidated on every load: each
//! response carries an `ETag` (a hash of the bytes sent), and a request
//! whose `If-None-Match` names it gets `304 Not Modified` without the body.
//! With `SERVE_LOG=1` it prints one line per request to stderr (method,
//! path, status, body bytes sent). Headers
//! from DIR/`_headers` (Netlify format: a path or `/*`, then indented
//! `Name: value` lines), which `postbuild` writes, are added to responses.
//! Loopback only by default; it is a development and test server.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = server::run() {
        eprintln!("serve: {e}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod server {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::path::{Component, Path, PathBuf};
    use std::sync::Arc;
    use std::time::Duration;

    pub fn run() -> Result<(), String> {
        let mut args = std::env::args().skip(1);
        let dir = PathBuf::from(args.next().unwrap_or_else(|| "dist".into()));
        let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".into());
        if !dir.join("index.html").is_file() {
            return Err(format!(
                "{} has no index.html: build first (trunk build --release --offline)",
                dir.display()
            ));
        }
        let listener =
            TcpListener::bind(&addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        println!("serving {} at http://{addr}/", dir.display());
        let dir = Arc::new(dir);
        for stream in listener.incoming().flatten() {
            let dir = Arc::clone(&dir);
            std::thread::spawn(move || {
                let _ = handle(stream, &dir);
            });
        }
        Ok(())
    }

    fn handle(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut request_line = String::new();
        reader.read_line(&mut request_line)?;
        let mut accept_encoding = String::new();
        let mut if_none_match = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("accept-encoding") {
                    accept_encoding = v.trim().to_ascii_lowercase();
                } else if k.eq_ignore_ascii_case("if-none-match") {
                    if_none_match = v.trim().to_string();
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        if method != "GET" && method != "HEAD" {
            return respond(
                &mut stream,
                "405 Method Not Allowed",
                "text/plain",
                &[],
                b"method not allowed\n",
                method == "HEAD",
            );
        }
        let path = target.split(['?', '#']).next().unwrap_or("/");
        // A directory asked for without its final slash: redirect, as static
        // hosts do, so that the page's relative addresses resolve.
        if let Some(to) = slash_redirect(dir, path, target) {
            return respond(
                &mut stream,
                "301 Moved Permanently",
                "text/plain",
                &[("Location", to)],
                b"moved\n",
                method == "HEAD",
            );
        }
        // An address the site does not have gets its 404 page, as static
        // hosts serve `404.html`.
        let (file, status) = match resolve(dir, path) {
            Some(f) => (f, "200 OK"),
            None => match resolve(dir, "/404.html") {
                Some(f) => (f, "404 Not Found"),
                None => {
                    return respond(
                        &mut stream,
                        "404 Not Found",
                        "text/plain",
                        &[],
                        b"not found\n",
                        method == "HEAD",
                    )
                }
            },
        };
        let mime = mime_type(&file);
        let extra = std::fs::read_to_string(dir.join("_headers"))
            .map(|rules| headers_for(&rules, path))
            .unwrap_or_default();
        let mut headers: Vec<(&str, String)> = Vec::new();
        if !extra
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("cache-control"))
        {
            headers.push(("Cache-Control", cache_policy(&file).into()));
        }
        for (k, v) in &extra {
            if !k.eq_ignore_ascii_case("x-content-type-options") {
                headers.push((k.as_str(), v.clone()));
            }
        }
        let mut body_path = file.clone();
        if is_compressible(mime) {
            headers.push(("Vary", "Accept-Encoding".into()));
            for (token, ext) in [("br", "br"), ("gzip", "gz")] {
                let candidate = PathBuf::from(format!("{}.{ext}", file.display()));
                if accepts(&accept_encoding, token) && candidate.is_file() {
                    headers.push(("Content-Encoding", token.into()));
                    body_path = candidate;
                    break;
                }
            }
        }
        let body = std::fs::read(&body_path)?;
        let tag = etag(&body);
        let unchanged = none_match_hits(&if_none_match, &tag);
        headers.push(("ETag", tag));
        let status = if unchanged && status == "200 OK" {
            "304 Not Modified"
        } else {
            status
        };
        if std::env::var_os("SERVE_LOG").is_some() {
            let sent = if unchanged || method == "HEAD" {
                0
            } else {
                body.len()
            };
            eprintln!("{method} {path} {} {sent}", &status[..3]);
        }
        // A 304 has no body; its Content-Length is the 200's (RFC 9110 8.6).
        respond(
            &mut stream,
            status,
            mime,
            &headers,
            &body,
            unchanged || method == "HEAD",
        )
    }

    /// A strong validator for one representation: the length and a 64-bit
    /// FNV-1a hash of the bytes sent (the `.br`, `.gz` and plain bodies of
    /// a file each get their own).
    fn etag(body: &[u8]) -> String {
        let hash = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        format!("\"{:x}-{hash:016x}\"", body.len())
    }

    /// Whether an `If-None-Match` value (a list of tags, or `*`) names
    /// `tag`. Weak comparison, as RFC 9110 13.1.2 asks for this header.
    fn none_match_hits(header: &str, tag: &str) -> bool {
        header.split(',').map(str::trim).any(|t| {
            t == "*" || t.strip_prefix("W/").unwrap_or(t) == tag.strip_prefix("W/").unwrap_or(tag)
        })
    }

    /// The headers `_headers` gives `path`: those of `/*`, then those of an
    /// exact path match. Comment lines start with `#`.
    fn headers_for(rules: &str, path: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut applies = false;
        for line in rules.lines() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with([' ', '\t']) {
                let pattern = line.trim();
                applies = pattern == "/*" || pattern == path;
                continue;
            }
            if let (true, Some((k, v))) = (applies, line.trim().split_once(':')) {
                out.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        out
    }

    fn accepts(header: &str, token: &str) -> bool {
        header.split(',').any(|p| {
            let mut it = p.split(';');
            let name = it.next().unwrap_or("").trim();
            let q_zero = it.any(|q| q.trim().replace(' ', "") == "q=0");
            name == token && !q_zero
        })
    }

    /// Where to redirect `path` when it names a directory without its final
    /// slash (`/q/x` → `/q/x/`, keeping the query); `None` otherwise.
    fn slash_redirect(dir: &Path, path: &str, target: &str) -> Option<String> {
        if path.ends_with('/') {
            return None;
        }
        let decoded = percent_decode(path)?;
        let rel = Path::new(decoded.trim_start_matches('/'));
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) || !dir.join(rel).is_dir() {
            return None;
        }
        let rest = &target[path.len()..];
        Some(format!("{path}/{rest}"))
    }

    /// Maps a URL path to a file inside `dir`; `None` if it escapes or is missing.
    fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
        let decoded = percent_decode(url_path)?;
        let rel = Path::new(decoded.trim_start_matches('/'));
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return None;
        }
        let mut full = dir.join(rel);
        if decoded.ends_with('/') {
            full = full.join("index.html");
        }
        full.is_file().then_some(full)
    }

    /// `percent-encoding`'s decoder; `None` for bytes that are not UTF-8 or
    /// a NUL, which no file name here has.
    fn percent_decode(s: &str) -> Option<String> {
        let s = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
        (!s.contains('\0')).then(|| s.into_owned())
    }

    fn mime_type(p: &Path) -> &'static str {
        match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
            "html" => "text/html; charset=utf-8",
            "js" | "mjs" => "text/javascript; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "wasm" => "application/wasm",
            "json" => "application/json; charset=utf-8",
            "webmanifest" => "application/manifest+json",
            "svg" => "image/svg+xml",
            "png" => "image/png",
            "ico" => "image/x-icon",
            "woff2" => "font/woff2",
            "txt" | "md" => "text/plain; charset=utf-8",
            "xml" => "application/xml; charset=utf-8",
            _ => "application/octet-stream",
        }
    }

    fn is_compressible(mime: &str) -> bool {
        !mime.starts_with("image/png") && mime != "application/octet-stream"
    }

    /// Trunk names built assets `name-<16 hex>.ext`: those never change.
    fn cache_policy(p: &Path) -> &'static str {
        let name = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
        if ail_core::assets::is_content_hashed(name) {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    }

    fn respond(
        stream: &mut TcpStream,
        status: &str,
        mime: &str,
        headers: &[(&str, String)],
        body: &[u8],
        head_only: bool,
    ) -> std::io::Result<()> {
        let mut out = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            body.len()
        );
        for (k, v) in headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        stream.write_all(out.as_bytes())?;
        if !head_only {
            stream.write_all(body)?;
        }
        stream.flush()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn etags_differ_with_the_bytes_and_match_if_none_match() {
            let a = etag(b"hello");
            assert_eq!(a, etag(b"hello"));
            assert_ne!(a, etag(b"hellp"));
            assert_ne!(a, etag(b"hello "));
            assert!(a.starts_with("\"5-") && a.ends_with('"'), "{a}");
            assert!(none_match_hits(&a, &a));
            assert!(none_match_hits(&format!("\"x\", W/{a}"), &a));
            assert!(none_match_hits("*", &a));
            assert!(!none_match_hits("", &a));
            assert!(!none_match_hits(&etag(b"other"), &a));
        }

        #[test]
        fn resolve_refuses_paths_that_leave_the_directory() {
            let dir = std::env::temp_dir().join(format!("ail-serve-{}", std::process::id()));
            std::fs::create_dir_all(dir.join("static")).unwrap();
            std::fs::write(dir.join("index.html"), "x").unwrap();
            std::fs::write(dir.join("static/a.json"), "{}").unwrap();
            assert_eq!(resolve(&dir, "/"), Some(dir.join("index.html")));
            assert_eq!(
                resolve(&dir, "/static/a.json"),
                Some(dir.join("static/a.json"))
            );
            assert_eq!(resolve(&dir, "/../etc/passwd"), None);
            assert_eq!(resolve(&dir, "/static/%2e%2e/%2e%2e/etc/passwd"), None);
            assert_eq!(resolve(&dir, "/missing"), None);
            // `%zz` is not an escape: it is kept as typed, and no file has that name.
            assert_eq!(resolve(&dir, "/%zz"), None);
            // Not `%` with a sign (which an older decoder read as byte 0x01).
            assert_eq!(resolve(&dir, "/static/a.json%+1"), None);
            assert_eq!(
                resolve(&dir, "/static%2Fa.json"),
                Some(dir.join("static/a.json"))
            );
            assert_eq!(resolve(&dir, "/a%00"), None);
            // A directory is served by its index.html only at its address with
            // the final slash; without it, the request is redirected.
            std::fs::create_dir_all(dir.join("q/x")).unwrap();
            std::fs::write(dir.join("q/x/index.html"), "q").unwrap();
            assert_eq!(resolve(&dir, "/q/x/"), Some(dir.join("q/x/index.html")));
            assert_eq!(resolve(&dir, "/q/x"), None);
            assert_eq!(
                slash_redirect(&dir, "/q/x", "/q/x?s=1"),
                Some("/q/x/?s=1".to_string())
            );
            assert_eq!(slash_redirect(&dir, "/q/x/", "/q/x/"), None);
            assert_eq!(
                slash_redirect(&dir, "/static/a.json", "/static/a.json"),
                None
            );
            assert_eq!(slash_redirect(&dir, "/q/../../x", "/q/../../x"), None);
            std::fs::remove_dir_all(&dir).unwrap();
        }

        #[test]
        fn headers_file_rules_apply_by_path() {
            let rules = "# c\n/*\n  Content-Security-Policy: default-src 'self'\n/sw.js\n  Cache-Control: no-cache\n";
            assert_eq!(
                headers_for(rules, "/index.html"),
                [(
                    "Content-Security-Policy".to_string(),
                    "default-src 'self'".to_string()
                )]
            );
            let sw = headers_for(rules, "/sw.js");
            assert_eq!(sw.len(), 2);
            assert_eq!(sw[1], ("Cache-Control".into(), "no-cache".into()));
        }

        #[test]
        fn accept_encoding_honours_q_zero() {
            assert!(accepts("gzip, deflate, br", "br"));
            assert!(!accepts("gzip, br;q=0", "br"));
            assert!(!accepts("", "gzip"));
        }

        #[test]
        fn only_hashed_names_are_cached_forever() {
            assert_eq!(
                cache_policy(Path::new("ai-interview-lab-0123456789abcdef_bg.wasm")),
                "public, max-age=31536000, immutable"
            );
            assert_eq!(cache_policy(Path::new("bank.json")), "no-cache");
            assert_eq!(
                cache_policy(Path::new("style-0123456789abcdef.css")),
                "public, max-age=31536000, immutable"
            );
            assert_eq!(cache_policy(Path::new("index.html")), "no-cache");
        }
    }
}
