//! Parsing a bank from JSON text, one question at a time.
//!
//! The envelope (version, title, topics) must parse for anything to load.
//! Each question is then parsed on its own, so one malformed question is
//! reported with its id, the field path inside it, and its line and column
//! in the file, while the other questions still load.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::model::{AnswerLimit, Bank, Question, Text, Topic};
use super::Problem;

/// The bank format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// Why nothing could be loaded at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FatalError {
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// Field path inside the document (`topics[2].name`), when known.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for FatalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "line {l}, column {c}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "field `{}`: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope<'a> {
    #[serde(rename = "$schema", default)]
    schema: Option<String>,
    version: u32,
    id: String,
    title: Text,
    author: String,
    #[serde(default)]
    description: Text,
    #[serde(default)]
    answer_limit: Option<AnswerLimit>,
    topics: Vec<Topic>,
    #[serde(borrow)]
    questions: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
struct IdOnly {
    id: Option<String>,
}

/// Parses `src`; returns the bank with every question that parsed, and a
/// problem for each one that did not. Semantic validation is separate
/// ([`super::validate`]).
pub fn parse_bank(src: &str) -> Result<(Bank, Vec<Problem>), FatalError> {
    if src.len() > super::source::MAX_BYTES {
        return Err(FatalError {
            line: None,
            column: None,
            path: String::new(),
            message: format!(
                "the file is {} bytes; the limit is {} (5 MB)",
                src.len(),
                super::source::MAX_BYTES
            ),
        });
    }
    let mut de = serde_json::Deserializer::from_str(src);
    let env: Envelope = serde_path_to_error::deserialize(&mut de).map_err(fatal)?;
    if env.version != FORMAT_VERSION {
        return Err(FatalError {
            line: None,
            column: None,
            path: "version".into(),
            message: format!(
                "this app reads bank format version {FORMAT_VERSION}, the file says {}",
                env.version
            ),
        });
    }
    if env.questions.len() > super::source::MAX_QUESTIONS {
        return Err(FatalError {
            line: None,
            column: None,
            path: "questions".into(),
            message: format!(
                "the bank has {} questions; the limit is {}",
                env.questions.len(),
                super::source::MAX_QUESTIONS
            ),
        });
    }
    let mut questions = Vec::with_capacity(env.questions.len());
    let mut problems = Vec::new();
    for (index, raw) in env.questions.iter().enumerate() {
        let text = raw.get();
        let start = (text.as_ptr() as usize).saturating_sub(src.as_ptr() as usize);
        let mut qde = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, Question>(&mut qde) {
            Ok(q) => questions.push(q),
            Err(e) => {
                let field = e.path().to_string();
                let inner = e.into_inner();
                let id = serde_json::from_str::<IdOnly>(text)
                    .ok()
                    .and_then(|i| i.id)
                    .unwrap_or_else(|| format!("#{index}"));
                let at = start + byte_offset(text, inner.line(), inner.column());
                let (line, column) = line_column(src, at);
                problems.push(Problem {
                    question: id,
                    field: if field == "." { String::new() } else { field },
                    message: strip_position(&inner.to_string()),
                    line: Some(line),
                    column: Some(column),
                });
            }
        }
    }
    let bank = Bank {
        schema: env.schema,
        version: env.version,
        id: env.id,
        title: env.title,
        author: env.author,
        description: env.description,
        answer_limit: env.answer_limit,
        topics: env.topics,
        questions,
    };
    Ok((bank, problems))
}

/// Parses one question on its own (the app's copy of a built-in question,
/// `static/q/<id>.json`); the error names the field path, line and column.
pub fn parse_question(src: &str) -> Result<Question, FatalError> {
    let mut de = serde_json::Deserializer::from_str(src);
    serde_path_to_error::deserialize::<_, Question>(&mut de).map_err(fatal)
}

/// A located error for a document that did not parse.
fn fatal(e: serde_path_to_error::Error<serde_json::Error>) -> FatalError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    FatalError {
        line: (inner.line() > 0).then(|| inner.line()),
        column: (inner.column() > 0).then(|| inner.column()),
        path: if path == "." { String::new() } else { path },
        message: strip_position(&inner.to_string()),
    }
}

/// serde_json appends " at line L column C"; we report positions ourselves.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Byte offset of a 1-based (line, column) position in `text`, as serde_json
/// counts them (column counts bytes). Out-of-range positions clamp to the end.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset + column.saturating_sub(1)).min(text.len());
        }
        offset += l.len();
    }
    text.len()
}

/// 1-based line and column (in characters) of byte `at` in `src`.
pub fn line_column(src: &str, at: usize) -> (usize, usize) {
    let at = at.min(src.len());
    let before = src.get(..at).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"{"version":1,"id":"t","title":{"zh":"t","en":"t"},"author":"a","topics":[{"id":"x","name":{"zh":"x","en":"x"}}],"questions":["#;

    #[test]
    fn syntax_error_reports_line_and_column() {
        let src = "{\n  \"version\": 1,\n  \"id\": oops\n}";
        let e = parse_bank(src).unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(9)));
        assert_eq!(e.message, "expected value");
    }

    #[test]
    fn unsupported_version_is_fatal_with_a_message() {
        let src = HEAD.replace("\"version\":1", "\"version\":7") + "]}";
        let e = parse_bank(&src).unwrap_err();
        assert_eq!(e.path, "version");
        assert!(e.message.contains("version 1"), "{}", e.message);
    }

    #[test]
    fn malformed_question_is_listed_with_id_field_and_line_while_others_load() {
        let good = r#"{"id":"good","topic":"x","difficulty":"easy","prompt":{"zh":"p","en":"p"},"kind":{"type":"open","key_points":[{"zh":"k","en":"k"}]},"answer":{"zh":"a","en":"a"},"explanation":{"zh":"e","en":"e"}}"#;
        let bad = "{\"id\":\"bad\",\"topic\":\"x\",\"difficulty\":\"easy\",\n\"prompt\":{\"zh\":\"p\",\"en\":\"p\"},\n\"kind\":{\"type\":\"essay\"},\"answer\":{\"zh\":\"a\",\"en\":\"a\"},\"explanation\":{\"zh\":\"e\",\"en\":\"e\"}}";
        let src = format!("{HEAD}\n{good},\n{bad}]}}");
        let (bank, problems) = parse_bank(&src).unwrap();
        assert_eq!(bank.questions.len(), 1);
        assert_eq!(bank.questions[0].id, "good");
        assert_eq!(problems.len(), 1);
        let p = &problems[0];
        assert_eq!(p.question, "bad");
        assert_eq!(p.field, "kind.type");
        assert!(
            p.message.contains("unknown variant `essay`"),
            "{}",
            p.message
        );
        assert_eq!(p.line, Some(5));
    }

    #[test]
    fn question_without_an_id_is_named_by_its_index() {
        let src = format!("{HEAD}{{\"topic\":\"x\"}}]}}");
        let (_, problems) = parse_bank(&src).unwrap();
        assert_eq!(problems[0].question, "#0");
        assert!(
            problems[0].message.contains("missing field"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column("ab\n中文x", 9), (2, 3));
    }
}
