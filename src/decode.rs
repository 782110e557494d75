//! Hand-written decoders for the first-load app's data, over `serde_json::Value`.
//!
//! The first-load app (see `ui::upgrade`) reads the built-in bank's index,
//! its question files and their compiled text (`markup::compiled`). With
//! serde those readers were about 110 KB of wasm (the derived visitors,
//! `Kind`'s internally tagged buffering, serde_json's generic parts),
//! a third of the first-load app. (`Value` itself is there anyway: the
//! progress store reads its document with it.) These functions read the same JSON, as
//! serde writes it from the same types, into the same types; the tests
//! check that on every file of the shipped bank. The full app keeps serde,
//! whose located errors serve bank authors.
//!
//! Errors name the place: `questions[3].kind.tolerance.value: expected a number`.

use std::collections::BTreeMap;

use serde_json::Value as J;

use crate::bank::model::FollowUp;
use crate::bank::{
    Bank, Choice, Difficulty, FloatFormat, Kind, Param, Part, Question, Text, Tolerance, Topic,
};
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

/// A whole number in `0..=max` (exact: JSON numbers are f64 here).
fn whole(v: &J, max: u64) -> R<u64> {
    let n = num(v)?;
    if n.fract() == 0.0 && n >= 0.0 && n <= max as f64 {
        Ok(n as u64)
    } else {
        Err(Error::new(format!(
            "expected a whole number from 0 to {max}, found {n}"
        )))
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

fn float_format(v: &J) -> R<FloatFormat> {
    match string(v)?.as_str() {
        "f32" => Ok(FloatFormat::F32),
        "f16" => Ok(FloatFormat::F16),
        "bf16" => Ok(FloatFormat::Bf16),
        other => Err(Error::new(format!("unknown float format `{other}`"))),
    }
}

fn choice(v: &J) -> R<Choice> {
    let m = obj(v)?;
    Ok(Choice {
        text: get(m, "text", text)?,
        explanation: get(m, "explanation", text)?,
    })
}

fn tolerance(v: &J) -> R<Tolerance> {
    let m = obj(v)?;
    match get(m, "type", string)?.as_str() {
        "absolute" => Ok(Tolerance::Absolute {
            value: get(m, "value", num)?,
        }),
        "relative" => Ok(Tolerance::Relative {
            value: get(m, "value", num)?,
        }),
        "ulps" => Ok(Tolerance::Ulps {
            format: get(m, "format", float_format)?,
            ulps: get(m, "ulps", |v| whole(v, u32::MAX as u64))? as u32,
        }),
        other => at(
            "type",
            Err(Error::new(format!("unknown tolerance `{other}`"))),
        ),
    }
}

/// `Param` is untagged: a number, `[min, max]`, a word or a list of words.
fn param(v: &J) -> R<Param> {
    match v {
        J::Number(_) => num(v).map(Param::Number),
        J::String(s) => Ok(Param::Word(s.clone())),
        J::Array(a) if a.iter().all(|x| matches!(x, J::String(_))) && !a.is_empty() => {
            list(v, string).map(Param::Words)
        }
        J::Array(_) => {
            let [lo, hi] = tuple::<2>(v)?;
            Ok(Param::Range([num(lo)?, num(hi)?]))
        }
        _ => expected("a number, [min, max], a word or a list of words", v),
    }
}

fn kind(v: &J) -> R<Kind> {
    let m = obj(v)?;
    Ok(match get(m, "type", string)?.as_str() {
        "open" => Kind::Open {
            key_points: get(m, "key_points", |v| list(v, text))?,
        },
        "single" => Kind::Single {
            options: get(m, "options", |v| list(v, choice))?,
            correct: get(m, "correct", index)?,
        },
        "multi" => Kind::Multi {
            options: get(m, "options", |v| list(v, choice))?,
            correct: get(m, "correct", |v| list(v, index))?,
        },
        "numeric" => Kind::Numeric {
            answer: get(m, "answer", |v| list(v, num))?,
            tolerance: get(m, "tolerance", tolerance)?,
            unit: opt(m, "unit", string)?,
            format: opt(m, "format", float_format)?,
        },
        "ordering" => Kind::Ordering {
            items: opt(m, "items", |v| list(v, text))?,
            answer: get(m, "answer", |v| list(v, index))?,
        },
        "generated" => Kind::Generated {
            generator: get(m, "generator", string)?,
            params: or_default(m, "params", |v| {
                obj(v)?
                    .iter()
                    .map(|(k, x)| at(k, param(x)).map(|p| (k.clone(), p)))
                    .collect::<R<BTreeMap<_, _>>>()
            })?,
        },
        other => {
            return at(
                "type",
                Err(Error::new(format!("unknown question kind `{other}`"))),
            )
        }
    })
}

fn follow_up(v: &J) -> R<FollowUp> {
    let m = obj(v)?;
    Ok(FollowUp {
        prompt: get(m, "prompt", text)?,
        answer: get(m, "answer", text)?,
    })
}

fn part(v: &J) -> R<Part> {
    let m = obj(v)?;
    Ok(Part {
        id: get(m, "id", string)?,
        prompt: get(m, "prompt", text)?,
        kind: get(m, "kind", kind)?,
        explanation: get(m, "explanation", text)?,
    })
}

pub fn question(v: &J) -> R<Question> {
    let m = obj(v)?;
    Ok(Question {
        id: get(m, "id", string)?,
        topic: get(m, "topic", string)?,
        tags: or_default(m, "tags", |v| list(v, string))?,
        difficulty: get(m, "difficulty", difficulty)?,
        prompt: get(m, "prompt", text)?,
        kind: get(m, "kind", kind)?,
        answer: get(m, "answer", text)?,
        explanation: get(m, "explanation", text)?,
        follow_ups: or_default(m, "follow_ups", |v| list(v, follow_up))?,
        parts: or_default(m, "parts", |v| list(v, part))?,
    })
}

pub fn bank(v: &J) -> R<Bank> {
    let m = obj(v)?;
    Ok(Bank {
        schema: opt(m, "$schema", string)?,
        version: get(m, "version", |v| whole(v, u32::MAX as u64))? as u32,
        id: get(m, "id", string)?,
        title: get(m, "title", text)?,
        author: get(m, "author", string)?,
        description: or_default(m, "description", text)?,
        topics: get(m, "topics", |v| list(v, topic))?,
        questions: get(m, "questions", |v| list(v, question))?,
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
    fn every_shipped_question_and_the_index_decode_to_what_serde_reads() {
        let bank = shipped();
        // The whole bank as serde writes it (Markdown text), and as the
        // first-load files (stubs; compiled text).
        let whole = serde_json::to_string(&bank).unwrap();
        assert_eq!(super::bank(&parse(&whole).unwrap()).unwrap(), bank);
        let (index, files) = crate::bank::first_load::split(&bank);
        let stubs: Bank = serde_json::from_str(&index).unwrap();
        assert_eq!(super::bank(&parse(&index).unwrap()).unwrap(), stubs);
        let mut texts = 0;
        for ((id, json), real) in files.iter().zip(&bank.questions) {
            let by_serde: Question = serde_json::from_str(json).unwrap();
            let mut q = question(&parse(json).unwrap()).unwrap();
            assert_eq!(q, by_serde, "{id}");
            // Each compiled text decodes to the blocks the parser makes of
            // the original Markdown.
            let mut originals = Vec::new();
            real.clone().texts_mut(&mut |t| originals.push(t.clone()));
            let mut n = 0;
            q.texts_mut(&mut |t| {
                for (s, md) in [(&t.zh, &originals[n].zh), (&t.en, &originals[n].en)] {
                    let json = s.strip_prefix(crate::markup::compiled::PREFIX).unwrap();
                    let decoded = blocks(&parse(json).unwrap()).unwrap();
                    assert_eq!(decoded, crate::markup::markdown::parse(md), "{id}");
                    texts += 1;
                }
                n += 1;
            });
        }
        assert!(texts > 1000, "{texts}");
    }

    #[test]
    fn every_kind_and_tolerance_round_trips() {
        let kinds = [
            r#"{"type":"single","options":[{"text":{"zh":"a","en":"a"},"explanation":{"zh":"b","en":"b"}}],"correct":0}"#,
            r#"{"type":"multi","options":[],"correct":[0,2]}"#,
            r#"{"type":"numeric","answer":[9900000256,1e-9,-0.5],"tolerance":{"type":"ulps","format":"bf16","ulps":2},"unit":"ms","format":"f16"}"#,
            r#"{"type":"numeric","answer":[1],"tolerance":{"type":"relative","value":0.001}}"#,
            r#"{"type":"ordering","items":[{"zh":"x","en":"x"}],"answer":[3,1,0,2]}"#,
            r#"{"type":"ordering","answer":[0]}"#,
            r#"{"type":"generated","generator":"float-sum","params":{"a":1.5,"b":[0,10],"c":"f16","d":["f16","bf16"]}}"#,
            r#"{"type":"open","key_points":[]}"#,
        ];
        for k in kinds {
            let by_serde: Kind = serde_json::from_str(k).unwrap();
            assert_eq!(kind(&parse(k).unwrap()).unwrap(), by_serde, "{k}");
            let again = serde_json::to_string(&by_serde).unwrap();
            assert_eq!(kind(&parse(&again).unwrap()).unwrap(), by_serde);
        }
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = |s: &str| question(&parse(s).unwrap()).unwrap_err().to_string();
        let base = r#"{"id":"q","topic":"t","difficulty":"easy","prompt":{"zh":"a","en":"a"},"answer":{"zh":"a","en":"a"},"explanation":{"zh":"a","en":"a"},"kind":KIND}"#;
        assert_eq!(
            e(&base.replace(
                "KIND",
                r#"{"type":"numeric","answer":[1],"tolerance":{"type":"absolute","value":"x"}}"#
            )),
            "kind.tolerance.value: expected a number, found a string"
        );
        assert_eq!(
            e(&base.replace(
                "KIND",
                r#"{"type":"single","options":[{"text":{"zh":"a","en":"a"}}],"correct":0}"#
            )),
            "kind.options[0]: missing field `explanation`"
        );
        assert_eq!(
            e(&base.replace("KIND", r#"{"type":"essay"}"#)),
            "kind.type: unknown question kind `essay`"
        );
        assert_eq!(
            e(&base.replace("KIND", r#"{"type":"single","options":[],"correct":-1}"#)),
            "kind.correct: expected a whole number from 0 to 4294967295, found -1"
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
