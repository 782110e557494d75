//! Hand-written decoders for the first-load app's data, over `serde_json::Value`.
//!
//! The first-load app (see `ui::upgrade`) reads the built-in bank's index
//! (a stub of each question) and, for the question it opens, that
//! question's prompt as compiled text (`markup::compiled`), which it shows
//! while the full app loads. With serde those readers were about 110 KB of
//! wasm (the derived visitors, `Kind`'s internally tagged buffering,
//! serde_json's generic parts), a third of the first-load app. These
//! functions read the same JSON, as serde writes it from the same types,
//! into the same types; the tests check that on every file of the shipped
//! bank. The full app keeps serde, whose located errors serve bank authors.
//!
//! Errors name the place: `questions[3].prompt.zh: expected a string`.

use serde_json::Value as J;

use crate::bank::{Bank, Difficulty, Question, Text, Topic};
use crate::markup::latex::{LatexError, MathNode};
use crate::markup::markdown::{Align, Block, Inline};

/// What was wrong, and where (`kind.tolerance.value`, `[0]Paragraph[2]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: String,
    pub message: String,
}

impl Error {
    fn new(message: String) -> Self {
        Error {
            path: String::new(),
            message,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A decoding result.
pub type R<T> = Result<T, Error>;

/// Parses `text` as JSON (the error has the line and column).
pub fn parse(text: &str) -> R<J> {
    serde_json::from_str(text).map_err(|e| Error::new(e.to_string()))
}

fn what(v: &J) -> &'static str {
    match v {
        J::Number(_) => "a number",
        J::Bool(_) => "a boolean",
        J::String(_) => "a string",
        J::Null => "null",
        J::Array(_) => "an array",
        J::Object(_) => "an object",
    }
}

fn expected<T>(want: &str, v: &J) -> R<T> {
    Err(Error::new(format!("expected {want}, found {}", what(v))))
}

/// `r`, with `at` put in front of the path of its error.
fn at<T>(at: &str, r: R<T>) -> R<T> {
    r.map_err(|e| prefix(at, e))
}

// The helpers below are thin generic shells over code that is not generic
// in the closure: the first-load app instantiates them for many closures,
// and iterator adapters inlined into each instance cost about 30 KB of wasm.

#[inline(never)]
fn prefix(at: &str, mut e: Error) -> Error {
    e.path = if e.path.is_empty() || e.path.starts_with('[') {
        format!("{at}{}", e.path)
    } else {
        format!("{at}.{}", e.path)
    };
    e
}

type Obj = serde_json::Map<String, J>;

fn obj(v: &J) -> R<&Obj> {
    match v {
        J::Object(m) => Ok(m),
        _ => expected("an object", v),
    }
}

fn arr(v: &J) -> R<&Vec<J>> {
    match v {
        J::Array(a) => Ok(a),
        _ => expected("an array", v),
    }
}

fn string(v: &J) -> R<String> {
    match v {
        J::String(s) => Ok(s.clone()),
        _ => expected("a string", v),
    }
}

fn boolean(v: &J) -> R<bool> {
    match v {
        J::Bool(b) => Ok(*b),
        _ => expected("a boolean", v),
    }
}

fn num(v: &J) -> R<f64> {
    match v {
        J::Number(n) => n
            .as_f64()
            .ok_or_else(|| Error::new(format!("{n} is out of range"))),
        _ => expected("a number", v),
    }
}

/// A whole number in `0..=max`, written as one (`3`, not `3.0`, as serde
/// reads an integer field). The error shows the number as written, which
/// also keeps float formatting out of the first-load app.
fn whole(v: &J, max: u64) -> R<u64> {
    match v {
        J::Number(n) => n.as_u64().filter(|&x| x <= max).ok_or_else(|| {
            Error::new(format!(
                "expected a whole number from 0 to {max}, found {n}"
            ))
        }),
        _ => expected("a number", v),
    }
}

fn index(v: &J) -> R<usize> {
    whole(v, u32::MAX as u64).map(|n| n as usize)
}

/// Field `k` of `m`, decoded by `f`.
fn get<T>(m: &Obj, k: &str, f: impl Fn(&J) -> R<T>) -> R<T> {
    get_dyn(m, k, &f)
}

fn get_dyn<T>(m: &Obj, k: &str, f: &dyn Fn(&J) -> R<T>) -> R<T> {
    match m.get(k) {
        Some(v) => f(v).map_err(|e| prefix(k, e)),
        None => Err(Error::new(format!("missing field `{k}`"))),
    }
}

/// Field `k`, or `None` when it is absent or null.
fn opt<T>(m: &Obj, k: &str, f: impl Fn(&J) -> R<T>) -> R<Option<T>> {
    opt_dyn(m, k, &f)
}

fn opt_dyn<T>(m: &Obj, k: &str, f: &dyn Fn(&J) -> R<T>) -> R<Option<T>> {
    match m.get(k) {
        None | Some(J::Null) => Ok(None),
        Some(v) => f(v).map(Some).map_err(|e| prefix(k, e)),
    }
}

/// Field `k`, or the default when absent.
fn or_default<T: Default>(m: &Obj, k: &str, f: impl Fn(&J) -> R<T>) -> R<T> {
    opt_dyn(m, k, &f).map(Option::unwrap_or_default)
}

fn list<T>(v: &J, f: impl Fn(&J) -> R<T>) -> R<Vec<T>> {
    list_dyn(v, &f)
}

fn list_dyn<T>(v: &J, f: &dyn Fn(&J) -> R<T>) -> R<Vec<T>> {
    let items = arr(v)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, x) in items.iter().enumerate() {
        match f(x) {
            Ok(t) => out.push(t),
            Err(e) => return Err(prefix(&format!("[{i}]"), e)),
        }
    }
    Ok(out)
}

/// An externally tagged enum value as serde writes it: `"Unit"` or
/// `{"Variant": content}`.
fn variant(v: &J) -> R<(&str, Option<&J>)> {
    match v {
        J::String(s) => Ok((s, None)),
        J::Object(m) if m.len() == 1 => {
            let (k, x) = m.iter().next().expect("one entry");
            Ok((k, Some(x)))
        }
        _ => expected("a variant (a string or an object with one key)", v),
    }
}

fn content<'a>(name: &str, c: Option<&'a J>) -> R<&'a J> {
    c.ok_or_else(|| Error::new(format!("expected content for `{name}`")))
}

/// A fixed-length array.
fn tuple<const N: usize>(v: &J) -> R<&[J; N]> {
    let a = arr(v)?;
    a.as_slice()
        .try_into()
        .map_err(|_| Error::new(format!("expected an array of {N}, found {} items", a.len())))
}

// ---- the bank ----

pub fn text(v: &J) -> R<Text> {
    let m = obj(v)?;
    Ok(Text {
        zh: or_default(m, "zh", string)?,
        en: or_default(m, "en", string)?,
    })
}

fn topic(v: &J) -> R<Topic> {
    let m = obj(v)?;
    Ok(Topic {
        id: get(m, "id", string)?,
        name: get(m, "name", text)?,
    })
}

fn difficulty(v: &J) -> R<Difficulty> {
    match string(v)?.as_str() {
        "easy" => Ok(Difficulty::Easy),
        "medium" => Ok(Difficulty::Medium),
        "hard" => Ok(Difficulty::Hard),
        other => Err(Error::new(format!("unknown difficulty `{other}`"))),
    }
}

/// A question of the index: what the home page and a question's header
/// show (id, topic, tags, difficulty and, as plain text, the prompt's first
/// paragraph). The rest of a stub is empty (`Question::stub`) and is not
/// read.
fn stub(v: &J) -> R<Question> {
    let m = obj(v)?;
    Ok(Question::stub(
        get(m, "id", string)?,
        get(m, "topic", string)?,
        or_default(m, "tags", |v| list(v, string))?,
        get(m, "difficulty", difficulty)?,
        get(m, "prompt", text)?,
    ))
}

/// The prompt (compiled text) of question `id`'s file
/// (`bank::first_load::question_url`), which the first-load app shows while
/// the full app loads. The file's `id` must be `id`.
pub fn prompt(v: &J, id: &str) -> R<Text> {
    let m = obj(v)?;
    let found = get(m, "id", string)?;
    if found != id {
        return at(
            "id",
            Err(Error::new(format!("expected `{id}`, found `{found}`"))),
        );
    }
    get(m, "prompt", text)
}

/// The built-in bank's index (`bank::first_load::INDEX_URL`).
pub fn bank(v: &J) -> R<Bank> {
    let m = obj(v)?;
    Ok(Bank {
        schema: opt(m, "$schema", string)?,
        version: get(m, "version", |v| whole(v, u32::MAX as u64))? as u32,
        id: get(m, "id", string)?,
        title: get(m, "title", text)?,
        author: get(m, "author", string)?,
        description: or_default(m, "description", text)?,
        // The index leaves it out (`first_load::split`): only validation reads it.
        answer_limit: None,
        topics: get(m, "topics", |v| list(v, topic))?,
        questions: get(m, "questions", |v| list(v, stub))?,
    })
}

// ---- compiled text: Markdown blocks with math, as serde writes them ----

/// (Recursion is bounded: serde_json refuses JSON nested over 128 levels.)
pub fn blocks(v: &J) -> R<Vec<Block>> {
    list(v, block)
}

fn inlines(v: &J) -> R<Vec<Inline>> {
    list(v, inline)
}

fn align(v: &J) -> R<Align> {
    match string(v)?.as_str() {
        "None" => Ok(Align::None),
        "Left" => Ok(Align::Left),
        "Center" => Ok(Align::Center),
        "Right" => Ok(Align::Right),
        other => Err(Error::new(format!("unknown alignment `{other}`"))),
    }
}

fn block(v: &J) -> R<Block> {
    let (name, c) = variant(v)?;
    // (A closure, so that `?` inside an arm still gets the variant's name.)
    let r = (|| match name {
        "Rule" => Ok(Block::Rule),
        "Paragraph" => inlines(content(name, c)?).map(Block::Paragraph),
        "Heading" => {
            let [level, body] = tuple::<2>(content(name, c)?)?;
            Ok(Block::Heading(whole(level, 6)? as u8, inlines(body)?))
        }
        "Code" => {
            let m = obj(content(name, c)?)?;
            Ok(Block::Code {
                lang: get(m, "lang", string)?,
                text: get(m, "text", string)?,
            })
        }
        "List" => {
            let m = obj(content(name, c)?)?;
            Ok(Block::List {
                start: opt(m, "start", |v| whole(v, 1 << 53))?,
                items: get(m, "items", |v| list(v, blocks))?,
            })
        }
        "Quote" => blocks(content(name, c)?).map(Block::Quote),
        "Table" => {
            let m = obj(content(name, c)?)?;
            Ok(Block::Table {
                align: get(m, "align", |v| list(v, align))?,
                head: get(m, "head", |v| list(v, inlines))?,
                rows: get(m, "rows", |v| list(v, |row| list(row, inlines)))?,
            })
        }
        other => Err(Error::new(format!("unknown block `{other}`"))),
    })();
    at(name, r)
}

fn inline(v: &J) -> R<Inline> {
    let (name, c) = variant(v)?;
    let r = (|| match name {
        "Break" => Ok(Inline::Break),
        "Text" => string(content(name, c)?).map(Inline::Text),
        "Code" => string(content(name, c)?).map(Inline::Code),
        "Emph" => inlines(content(name, c)?).map(Inline::Emph),
        "Strong" => inlines(content(name, c)?).map(Inline::Strong),
        "Strike" => inlines(content(name, c)?).map(Inline::Strike),
        "Link" => {
            let m = obj(content(name, c)?)?;
            Ok(Inline::Link {
                href: opt(m, "href", string)?,
                children: get(m, "children", inlines)?,
            })
        }
        "Math" => {
            let m = obj(content(name, c)?)?;
            let tree = get(m, "tree", |t| match variant(t)? {
                ("Ok", Some(node)) => at("Ok", math(node)).map(Ok),
                ("Err", Some(e)) => {
                    let e = obj(e)?;
                    Ok(Err(LatexError {
                        offset: get(e, "offset", index)?,
                        message: get(e, "message", string)?,
                    }))
                }
                (other, _) => Err(Error::new(format!("unknown result `{other}`"))),
            })?;
            Ok(Inline::Math {
                display: get(m, "display", boolean)?,
                tree,
                source: get(m, "source", string)?,
            })
        }
        other => Err(Error::new(format!("unknown inline `{other}`"))),
    })();
    at(name, r)
}

/// A matrix fence: one of those the LaTeX parser writes.
fn fence(v: &J) -> R<String> {
    let s = string(v)?;
    if crate::markup::latex::FENCES.contains(&s.as_str()) {
        Ok(s)
    } else {
        Err(Error::new(format!("unknown matrix fence `{s}`")))
    }
}

fn math(v: &J) -> R<MathNode> {
    let (name, c) = variant(v)?;
    let node = |x: &J| math(x).map(Box::new);
    let pair = |x: &J| -> R<(Box<MathNode>, Box<MathNode>)> {
        let [a, b] = tuple::<2>(x)?;
        Ok((node(a)?, node(b)?))
    };
    let r = (|| -> R<MathNode> {
        let c = content(name, c)?;
        Ok(match name {
            "Row" => MathNode::Row(list(c, math)?),
            "Ident" => {
                let m = obj(c)?;
                MathNode::Ident {
                    text: get(m, "text", string)?,
                    upright: get(m, "upright", boolean)?,
                }
            }
            "Number" => MathNode::Number(string(c)?),
            "Text" => MathNode::Text(string(c)?),
            "Operator" => {
                let m = obj(c)?;
                MathNode::Operator {
                    text: get(m, "text", string)?,
                    large: get(m, "large", boolean)?,
                    fence: get(m, "fence", boolean)?,
                }
            }
            "Space" => MathNode::Space(num(c)? as f32),
            "Frac" => pair(c).map(|(a, b)| MathNode::Frac(a, b))?,
            "Root" => pair(c).map(|(a, b)| MathNode::Root(a, b))?,
            "Sub" => pair(c).map(|(a, b)| MathNode::Sub(a, b))?,
            "Sup" => pair(c).map(|(a, b)| MathNode::Sup(a, b))?,
            "Sqrt" => MathNode::Sqrt(node(c)?),
            "SubSup" => {
                let [a, b, e] = tuple::<3>(c)?;
                MathNode::SubSup(node(a)?, node(b)?, node(e)?)
            }
            "Accent" => {
                let [base, acc] = tuple::<2>(c)?;
                MathNode::Accent(node(base)?, string(acc)?)
            }
            "Table" => {
                let m = obj(c)?;
                MathNode::Table {
                    rows: get(m, "rows", |v| list(v, |row| list(row, math)))?,
                    open: get(m, "open", fence)?,
                    close: get(m, "close", fence)?,
                    left_aligned: get(m, "left_aligned", boolean)?,
                }
            }
            other => return Err(Error::new(format!("unknown math node `{other}`"))),
        })
    })();
    at(name, r)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn shipped() -> Bank {
        let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/bank.json"))
            .unwrap();
        crate::bank::load(&src).unwrap().bank
    }

    #[test]
    fn the_index_and_every_question_file_decode_to_what_serde_reads() {
        let bank = shipped();
        let (index, files) = crate::bank::first_load::split(&bank);
        let stubs: Bank = serde_json::from_str(&index).unwrap();
        assert_eq!(super::bank(&parse(&index).unwrap()).unwrap(), stubs);
        let mut texts = 0;
        for ((id, json), real) in files.iter().zip(&bank.questions) {
            let by_serde: Question = serde_json::from_str(json).unwrap();
            let v = parse(json).unwrap();
            assert_eq!(prompt(&v, id).unwrap(), by_serde.prompt, "{id}");
            // Every compiled text of the file (not only the prompt, which
            // is all the first-load app reads) decodes to the blocks the
            // parser makes of the original Markdown.
            let mut originals = Vec::new();
            real.clone().texts_mut(&mut |t| originals.push(t.clone()));
            let mut n = 0;
            by_serde.clone().texts_mut(&mut |t| {
                for (s, md) in [(&t.zh, &originals[n].zh), (&t.en, &originals[n].en)] {
                    let json = s.strip_prefix(crate::markup::compiled::PREFIX).unwrap();
                    let decoded = blocks(&parse(json).unwrap()).unwrap();
                    assert_eq!(decoded, crate::markup::markdown::parse(md), "{id}");
                    texts += 1;
                }
                n += 1;
            });
            assert_eq!(n, originals.len(), "{id}");
        }
        assert_eq!(files.len(), 33);
        assert!(texts > 1000, "{texts}");
    }

    #[test]
    fn errors_say_where_and_what() {
        let b = |s: &str| super::bank(&parse(s).unwrap()).unwrap_err().to_string();
        let bank = r#"{"version":1,"id":"b","title":{"zh":"t","en":"t"},"author":"a","topics":[],"questions":[Q]}"#;
        let q = r#"{"id":"q","topic":"t","difficulty":"easy","prompt":{"zh":"a","en":"a"}}"#;
        assert!(super::bank(&parse(&bank.replace('Q', q)).unwrap()).is_ok());
        assert_eq!(
            b(&bank.replace('Q', &q.replace(r#""easy""#, r#""trivial""#))),
            "questions[0].difficulty: unknown difficulty `trivial`"
        );
        assert_eq!(
            b(&bank.replace('Q', &q.replace(r#""zh":"a","#, r#""zh":7,"#))),
            "questions[0].prompt.zh: expected a string, found a number"
        );
        assert_eq!(
            b(&bank.replace('Q', &q.replace(r#""topic":"t","#, ""))),
            "questions[0]: missing field `topic`"
        );
        assert_eq!(
            b(&bank
                .replace("\"version\":1", "\"version\":1.0")
                .replace('Q', q)),
            "version: expected a whole number from 0 to 4294967295, found 1.0"
        );
        assert_eq!(
            b(&bank
                .replace("\"version\":1", "\"version\":-1")
                .replace('Q', q)),
            "version: expected a whole number from 0 to 4294967295, found -1"
        );
        let file = r#"{"id":"q","prompt":{"zh":"a","en":"b"}}"#;
        let p = |s: &str, id: &str| prompt(&parse(s).unwrap(), id).map_err(|e| e.to_string());
        assert_eq!(p(file, "q").unwrap().en, "b");
        assert_eq!(
            p(file, "other").unwrap_err(),
            "id: expected `other`, found `q`"
        );
        assert_eq!(
            p(r#"{"id":"q"}"#, "q").unwrap_err(),
            "missing field `prompt`"
        );
        assert!(
            parse("{\n \"id\": oops}")
                .unwrap_err()
                .to_string()
                .contains("line 2"),
            "the parser names the line"
        );
        let b = |s: &str| blocks(&parse(s).unwrap()).unwrap_err().to_string();
        assert_eq!(
            b(
                r#"[{"Paragraph":[{"Math":{"display":true,"tree":{"Ok":{"Table":{"rows":[],"open":"<script>","close":"","left_aligned":false}}},"source":"x"}}]}]"#
            ),
            "[0].Paragraph[0].Math.tree.Ok.Table.open: unknown matrix fence `<script>`"
        );
        assert_eq!(
            b(r#"[{"Marquee":[]}]"#),
            "[0].Marquee: unknown block `Marquee`"
        );
        // Nesting: serde_json stops at 128 levels, before any decoder recursion.
        let deep = format!("[{}{}]", r#"{"Quote":["#.repeat(300), "]}".repeat(300));
        assert!(parse(&deep)
            .unwrap_err()
            .to_string()
            .starts_with("recursion limit exceeded"));
    }
}
