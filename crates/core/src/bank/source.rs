//! Where a bank comes from, and the limits on it: `?bank=<https URL>`,
//! a file the learner picks or drops, or the built-in one. The checks are
//! plain functions so they are tested natively; the UI does the fetching.

use crate::lang::Lang;

/// Largest bank accepted, in bytes (5 MB).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Most questions a bank may have.
pub const MAX_QUESTIONS: usize = 2000;
/// How long a fetch may take before it is abandoned.
pub const FETCH_TIMEOUT_MS: i32 = 10_000;

/// Why a bank could not be fetched (parse errors are `FatalError`s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// Only `https://` URLs (or paths on this site) are fetched.
    NotHttps(String),
    /// The network failed, or the server does not allow cross-origin reads (CORS).
    Network(String),
    Timeout(String),
    Http {
        url: String,
        status: u16,
    },
    NotJson {
        url: String,
        content_type: String,
    },
    TooLarge {
        bytes: usize,
    },
}

impl SourceError {
    /// The message for the learner.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            SourceError::NotHttps(u) if zh => format!("只能从 https:// 地址（或本站的路径）加载题库：{u}"),
            SourceError::NotHttps(u) => format!("Banks load only from https:// URLs (or paths on this site): {u}"),
            SourceError::Network(u) if zh => format!("无法获取 {u}：网络错误，或者该服务器不允许跨域读取（需要 Access-Control-Allow-Origin 响应头）。"),
            SourceError::Network(u) => format!("Could not fetch {u}: a network error, or the server does not allow cross-origin reads (it must send Access-Control-Allow-Origin)."),
            SourceError::Timeout(u) if zh => format!("{u} 在 {} 秒内没有响应。", FETCH_TIMEOUT_MS / 1000),
            SourceError::Timeout(u) => format!("{u} did not answer within {} s.", FETCH_TIMEOUT_MS / 1000),
            SourceError::Http { url, status } if zh => format!("{url}：服务器返回 HTTP {status}。"),
            SourceError::Http { url, status } => format!("{url}: the server answered HTTP {status}."),
            SourceError::NotJson { url, content_type } if zh => format!("{url} 的内容类型是 “{content_type}”，不是 JSON（application/json）。"),
            SourceError::NotJson { url, content_type } => format!("{url} is “{content_type}”, not JSON (application/json)."),
            SourceError::TooLarge { bytes } if zh => format!("题库有 {bytes} 字节，上限是 5 MB（{MAX_BYTES} 字节）。"),
            SourceError::TooLarge { bytes } => format!("The bank is {bytes} bytes; the limit is 5 MB ({MAX_BYTES} bytes)."),
        }
    }
}

/// Accepts `https://…` and paths on this site (no scheme, not `//host`).
pub fn check_url(raw: &str) -> Result<String, SourceError> {
    let url = raw.trim();
    let lower = url.to_ascii_lowercase();
    let relative = !lower.contains(':') && !lower.starts_with("//") && !url.is_empty();
    if lower.starts_with("https://") && url.len() > "https://".len() || relative {
        Ok(url.to_string())
    } else {
        Err(SourceError::NotHttps(url.to_string()))
    }
}

/// A `Content-Type` that is JSON (`application/json`, `…+json`, `text/json`);
/// a missing header is accepted.
pub fn check_content_type(url: &str, content_type: Option<&str>) -> Result<(), SourceError> {
    let Some(ct) = content_type else {
        return Ok(());
    };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime == "application/json" || mime == "text/json" || mime.ends_with("+json") {
        Ok(())
    } else {
        Err(SourceError::NotJson {
            url: url.to_string(),
            content_type: ct.to_string(),
        })
    }
}

/// Refuses more than [`MAX_BYTES`] (from `Content-Length` before reading, or the text after).
pub fn check_size(bytes: usize) -> Result<(), SourceError> {
    if bytes > MAX_BYTES {
        Err(SourceError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_and_same_site_paths_are_fetched() {
        assert!(check_url("https://example.com/bank.json").is_ok());
        assert!(check_url("static/bank.json").is_ok());
        assert!(check_url("/banks/b.json").is_ok());
        for bad in [
            "http://example.com/b.json",
            "javascript:alert(1)",
            "data:application/json,{}",
            "//evil.example/b.json",
            "file:///etc/passwd",
            "https://",
            "",
        ] {
            assert!(
                matches!(check_url(bad), Err(SourceError::NotHttps(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn content_types_must_be_json() {
        assert!(check_content_type("u", Some("application/json; charset=utf-8")).is_ok());
        assert!(check_content_type("u", Some("application/vnd.api+json")).is_ok());
        assert!(check_content_type("u", None).is_ok());
        let e = check_content_type("u", Some("text/html")).unwrap_err();
        assert_eq!(
            e.message(Lang::En),
            "u is “text/html”, not JSON (application/json)."
        );
    }

    #[test]
    fn the_size_limit_is_5_mb() {
        assert!(check_size(MAX_BYTES).is_ok());
        assert_eq!(
            check_size(MAX_BYTES + 1),
            Err(SourceError::TooLarge {
                bytes: MAX_BYTES + 1
            })
        );
        let big = " ".repeat(MAX_BYTES + 1);
        let e = crate::load(&big).unwrap_err();
        assert!(e.message.contains("the limit is 5242880"), "{}", e.message);
    }

    #[test]
    fn more_than_2000_questions_is_refused_before_parsing_them() {
        let q = "{}";
        let qs = vec![q; MAX_QUESTIONS + 1].join(",");
        let src = format!("{{\"version\":1,\"id\":\"b\",\"title\":{{\"zh\":\"t\",\"en\":\"t\"}},\"author\":\"a\",\"topics\":[],\"questions\":[{qs}]}}");
        let e = crate::load(&src).unwrap_err();
        assert_eq!(e.path, "questions");
        assert!(
            e.message.contains("2001 questions; the limit is 2000"),
            "{}",
            e.message
        );
    }
}
