//! A lab's URL query (`x=9.9e9&op=add`): parse, read, update, print.
//!
//! Lab state lives in the URL so any view can be shared and embedded. Keys
//! keep their first-seen order so a printed query is stable.

/// Ordered key/value pairs of a query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses `a=1&b=x%2Cy` (a leading `?` is allowed). Bad escapes are kept as typed;
    /// a key given twice keeps its last value.
    pub fn parse(s: &str) -> Query {
        let mut q = Query::default();
        for part in s
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            q.set(&decode(k), &decode(v));
        }
        q
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets `key` (replacing, or appending at the end).
    pub fn set(&mut self, key: &str, value: &str) {
        match self.pairs.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value.to_string(),
            None => self.pairs.push((key.to_string(), value.to_string())),
        }
    }

    /// A copy with `key` set.
    pub fn with(&self, key: &str, value: &str) -> Query {
        let mut q = self.clone();
        q.set(key, value);
        q
    }

    /// Prints `a=1&b=x,y`: commas, semicolons, dots and signs stay readable;
    /// `&`, `=`, `#`, `%`, spaces and non-ASCII are escaped.
    pub fn to_query_string(&self) -> String {
        self.pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Bytes a lab's values keep as they are: besides letters and digits,
/// the punctuation of numbers, vectors and matrices.
const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b',')
    .remove(b';')
    .remove(b':')
    .remove(b'+')
    .remove(b'*')
    .remove(b'(')
    .remove(b')')
    .remove(b'!');

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, KEEP).to_string()
}

/// `percent-encoding`'s decoder (two hex digits after `%`, nothing else).
fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        let q = Query::parse("?x=9.9e9&y=1e-9&op=add");
        assert_eq!(q.get("x"), Some("9.9e9"));
        assert_eq!(q.get("op"), Some("add"));
        assert_eq!(q.to_query_string(), "x=9.9e9&y=1e-9&op=add");
        assert_eq!(Query::parse(&q.to_query_string()), q);
    }

    #[test]
    fn vectors_and_matrices_stay_readable_in_the_url() {
        let q = Query::default().with("s", "2,1;1,2").with("a", "-1.5,2");
        assert_eq!(q.to_query_string(), "s=2,1;1,2&a=-1.5,2");
    }

    #[test]
    fn reserved_and_non_ascii_characters_are_escaped_and_decoded() {
        let q = Query::default().with("t", "a&b=c #中");
        let s = q.to_query_string();
        assert_eq!(s, "t=a%26b%3Dc%20%23%E4%B8%AD");
        assert_eq!(Query::parse(&s).get("t"), Some("a&b=c #中"));
    }

    #[test]
    fn bad_escapes_are_kept_and_later_keys_win() {
        let q = Query::parse("a=%zz&a=2&b=%E4");
        assert_eq!(q.get("a"), Some("2"));
        assert_eq!(q.get("b"), Some("\u{FFFD}"));
        assert_eq!(Query::parse("x=%").get("x"), Some("%"));
        // A sign is not a hex digit: `%+1` is not byte 0x01.
        assert_eq!(Query::parse("x=%+1&y=%-1&z=%1").get("x"), Some("%+1"));
        assert_eq!(Query::parse("x=%+1&y=%-1&z=%1").get("y"), Some("%-1"));
        assert_eq!(Query::parse("x=%+1&y=%-1&z=%1").get("z"), Some("%1"));
    }
}
