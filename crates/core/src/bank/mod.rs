//! The question bank: the format ([`model`]), parsing with located errors
//! ([`parse`]), semantic rules and warnings ([`validate`]), and [`load`],
//! which runs them and keeps every question that passed; [`index`] is what
//! lists of questions need of a bank.

pub mod index;
pub mod model;
pub mod parse;
pub mod source;
pub mod validate;

use std::collections::HashSet;
use std::fmt;

pub use index::{BankIndex, Stub};
pub use model::{
    AnswerLimit, Bank, Choice, Difficulty, FloatFormat, Kind, Param, Part, Question, Text,
    Tolerance, Topic,
};
pub use parse::FatalError;

/// One thing wrong with one question (or with the bank's own fields, where
/// `question` is `(bank)`). [`Loaded`] uses the same type for warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The question id, `#<index>` if it has none, or `(bank)`.
    pub question: String,
    /// Field path inside the question, such as `parts[0].kind.correct`.
    pub field: String,
    /// What is wrong.
    pub message: String,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl Problem {
    /// A problem without a file position.
    pub fn new(question: &str, field: &str, message: String) -> Self {
        Problem {
            question: question.to_string(),
            field: field.to_string(),
            message,
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.question == "(bank)" {
            write!(f, "bank")?;
        } else {
            write!(f, "question `{}`", self.question)?;
        }
        if !self.field.is_empty() {
            write!(f, ", field `{}`", self.field)?;
        }
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (line {l}, column {c})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A bank ready to use, and what was left out of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The bank with only the questions that parsed and validated.
    pub bank: Bank,
    /// Every problem found; questions named here are not in `bank`
    /// (except `(bank)` problems, which do not remove questions).
    pub problems: Vec<Problem>,
    /// Advice for the bank's author, such as an answer over the bank's
    /// `answer_limit`; every question named here is in `bank`.
    pub warnings: Vec<Problem>,
}

/// Parses and validates `src` with the format's rules and `more` (rules of
/// a layer above, given the parsed bank: [`crate::load`] passes the
/// generators'). Questions with problems are dropped (the first of two
/// duplicates is kept) and listed in `problems`; questions that loaded are
/// then checked for `warnings`. Only an unreadable envelope is fatal.
pub fn load_with(
    src: &str,
    more: impl FnOnce(&Bank) -> Vec<Problem>,
) -> Result<Loaded, FatalError> {
    let (mut bank, mut problems) = parse::parse_bank(src)?;
    let mut found = validate::validate(&bank);
    found.extend(more(&bank));
    let bad: HashSet<String> = found
        .iter()
        .filter(|p| {
            p.question != "(bank)" && !(p.field == "id" && p.message.starts_with("duplicate"))
        })
        .map(|p| p.question.clone())
        .collect();
    let mut seen = HashSet::new();
    bank.questions.retain(|q| {
        let first = seen.insert(q.id.clone());
        first && !bad.contains(&q.id)
    });
    problems.extend(found);
    let warnings = validate::warnings(&bank);
    Ok(Loaded {
        bank,
        problems,
        warnings,
    })
}

impl Bank {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Number of questions in `topic`.
    pub fn count_in_topic(&self, topic: &str) -> usize {
        self.questions.iter().filter(|q| q.topic == topic).count()
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }
}
