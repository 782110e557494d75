//! The question-bank format: plain serde types, every field documented.
//!
//! This is the contract with bank authors. `static/bank.schema.json` is
//! generated from these types (see `tests/schema.rs`), so the doc comments
//! here are what authors see in their editor. Parsing lives in
//! [`crate::bank::parse`], semantic checks in [`crate::bank::validate`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// A bilingual piece of Markdown (with `$...$` / `$$...$$` LaTeX math).
/// Both languages are required; an empty string counts as missing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Text {
    /// Simplified Chinese.
    #[serde(default)]
    pub zh: String,
    /// English.
    #[serde(default)]
    pub en: String,
}

impl Text {
    /// Whether both languages are empty.
    pub fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty()
    }

    /// The text in `lang`, falling back to the other language when that one is empty.
    pub fn get(&self, lang: crate::lang::Lang) -> &str {
        let (first, second) = match lang {
            crate::lang::Lang::Zh => (&self.zh, &self.en),
            crate::lang::Lang::En => (&self.en, &self.zh),
        };
        if first.trim().is_empty() {
            second
        } else {
            first
        }
    }
}

/// A whole bank: metadata, topics and questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Bank {
    /// Optional URL of this format's JSON Schema, for editors
    /// (`https://<the app>/static/bank.schema.json`). Ignored by the app.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version; this app reads version 1.
    pub version: u32,
    /// Stable kebab-case id of the bank (progress is kept per bank).
    pub id: String,
    /// Title shown on the home page.
    pub title: Text,
    /// Who wrote the bank.
    pub author: String,
    /// One-paragraph description shown on the home page.
    #[serde(default)]
    pub description: Text,
    /// Optional length limits for every question's `answer` (the
    /// 30-second answer). A longer answer is a warning, not an error: the
    /// question still loads, and `check-bank` prints the warning. Absent
    /// means no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_limit: Option<AnswerLimit>,
    /// Topics, in display order. Every question names one of these ids.
    pub topics: Vec<Topic>,
    /// The questions, in the order of the source.
    pub questions: Vec<Question>,
}

/// How long a question's `answer` may be before validation warns. Texts are
/// counted as written, Markdown and LaTeX included. Either limit may be left
/// out, and then that language is not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerLimit {
    /// Most words in `answer.en`, counting whitespace-separated tokens
    /// (80 is about 30 seconds of speech). At least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
    pub en_words: Option<u32>,
    /// Most characters in `answer.zh`, not counting whitespace. At least 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
    pub zh_chars: Option<u32>,
}

/// A topic that groups questions on the home page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Kebab-case id, referenced by `Question::topic`.
    pub id: String,
    /// Display name.
    pub name: Text,
}

/// How hard a question is for a candidate at the level of the interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    /// Recall of a definition.
    Easy,
    /// Explanation with reasoning or a short derivation.
    Medium,
    /// Derivation, design or computation under pressure.
    Hard,
}

/// One interview question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable kebab-case id, used in URLs (`#/q/<id>`). Never rename a published id.
    pub id: String,
    /// Id of one of the bank's topics.
    pub topic: String,
    /// Free kebab-case tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Difficulty.
    pub difficulty: Difficulty,
    /// The question as the interviewer asks it.
    pub prompt: Text,
    /// How the question is answered and graded.
    pub kind: Kind,
    /// What a strong candidate says in about 30 seconds.
    pub answer: Text,
    /// The deep dive: formulas, a worked example, pitfalls, corrections.
    pub explanation: Text,
    /// Questions an interviewer is likely to ask next, with short answers.
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    /// Auto-graded sub-questions that practise the same idea.
    #[serde(default)]
    pub parts: Vec<Part>,
}

/// A likely follow-up question with a short answer (shown after reveal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// The follow-up question.
    pub prompt: Text,
    /// Its short answer.
    pub answer: Text,
}

/// An auto-graded sub-question of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Kebab-case id, unique within its question.
    pub id: String,
    /// The sub-question.
    pub prompt: Text,
    /// How it is answered and graded.
    pub kind: Kind,
    /// Why the answer is right (shown after grading).
    pub explanation: Text,
}

/// The answer format of a question or part, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Kind {
    /// Free answer: the learner reveals the model answer and grades themself
    /// against the key points.
    Open {
        /// What a complete answer must mention.
        key_points: Vec<Text>,
    },
    /// Exactly one option is right.
    Single {
        /// The options, each with why it is right or wrong.
        options: Vec<Choice>,
        /// 0-based index of the right option.
        correct: usize,
    },
    /// One or more options are right; the learner must pick exactly those.
    Multi {
        /// The options, each with why it is right or wrong.
        options: Vec<Choice>,
        /// 0-based indices of the right options, ascending.
        correct: Vec<usize>,
    },
    /// A number, or a short vector of numbers, within a tolerance.
    Numeric {
        /// The expected value(s): one number, or the components of a vector.
        answer: Vec<f64>,
        /// How far a learner's value may be from the answer.
        tolerance: Tolerance,
        /// Unit shown next to the input, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        /// The answer is a value of this float format: the learner may type
        /// its bit pattern in hex (`0x4f13ab68`), and feedback shows the
        /// distance in ULPs and the representable neighbours.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<FloatFormat>,
    },
    /// A permutation of 0-based indices, typed as `3 1 0 2` or `3,1,0,2`.
    Ordering {
        /// Items to put in order; omit when the indices themselves are the subject.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        items: Option<Vec<Text>>,
        /// The right order, as 0-based indices (a permutation of `0..n`).
        answer: Vec<usize>,
    },
    /// A fresh variant for every seed, drawn and graded by a built-in
    /// generator (`#/q/<id>?seed=<u64>`). The generator writes the numbers
    /// into the prompt and decides the answer kind; this item's own prompt
    /// and explanation are shown before and after what it writes.
    Generated {
        /// The generator's name, such as `float-sum` (docs/authoring.md lists them all).
        generator: String,
        /// Parameter ranges and choices; any left out take the generator's defaults.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        params: BTreeMap<String, Param>,
    },
}

/// A generator parameter: a number, an inclusive range, or one or more choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(untagged)]
pub enum Param {
    /// A fixed value (the same as the range `[v, v]`).
    Number(f64),
    /// An inclusive range `[min, max]`, one value drawn per variant.
    Range([f64; 2]),
    /// One choice, such as `"f16"`.
    Word(String),
    /// Several choices, one drawn per variant.
    Words(Vec<String>),
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The option's text.
    pub text: Text,
    /// Why this option is right or wrong.
    pub explanation: Text,
}

/// Tolerance of a numeric answer, tagged by `type`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Tolerance {
    /// `|given - answer| <= value`.
    Absolute {
        /// Non-negative bound.
        value: f64,
    },
    /// `|given - answer| <= value * |answer|`.
    Relative {
        /// Non-negative bound (0.01 means 1 %).
        value: f64,
    },
    /// Both values rounded to `format`, then at most `ulps` representable steps apart.
    Ulps {
        /// The float format whose spacing counts.
        format: FloatFormat,
        /// Non-negative number of units in the last place.
        ulps: u32,
    },
}

/// The float formats (f64, f32, f16, bf16): one type for the bank, grading,
/// the generators and the labs, defined with the labs' numerics.
pub use ail_labs::numeric::float_format::FloatFormat;

impl Question {
    /// Every piece of text in the question, for one pass over all of them.
    pub fn texts_mut(&mut self, f: &mut dyn FnMut(&mut Text)) {
        fn kind(k: &mut Kind, f: &mut dyn FnMut(&mut Text)) {
            match k {
                Kind::Open { key_points } => key_points.iter_mut().for_each(&mut *f),
                Kind::Single { options, .. } | Kind::Multi { options, .. } => {
                    for o in options {
                        f(&mut o.text);
                        f(&mut o.explanation);
                    }
                }
                Kind::Ordering {
                    items: Some(items), ..
                } => items.iter_mut().for_each(&mut *f),
                Kind::Ordering { items: None, .. }
                | Kind::Numeric { .. }
                | Kind::Generated { .. } => {}
            }
        }
        f(&mut self.prompt);
        kind(&mut self.kind, f);
        f(&mut self.answer);
        f(&mut self.explanation);
        for fu in &mut self.follow_ups {
            f(&mut fu.prompt);
            f(&mut fu.answer);
        }
        for p in &mut self.parts {
            f(&mut p.prompt);
            kind(&mut p.kind, f);
            f(&mut p.explanation);
        }
    }

    /// The question with every text empty: its shape and answer keys only.
    /// A static page carries this for the module that makes it
    /// interactive, which shows the page's own text instead.
    pub fn without_texts(&self) -> Question {
        let mut q = self.clone();
        q.texts_mut(&mut |t| *t = Text::default());
        q
    }
}

impl Kind {
    /// The `type` tag as written in JSON.
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Open { .. } => "open",
            Kind::Single { .. } => "single",
            Kind::Multi { .. } => "multi",
            Kind::Numeric { .. } => "numeric",
            Kind::Ordering { .. } => "ordering",
            Kind::Generated { .. } => "generated",
        }
    }
}
