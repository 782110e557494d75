//! The built-in bank as the first-load app fetches it.
//!
//! `postbuild` writes, from `static/bank.json`:
//! - `static/core/index.json`: the bank with every question cut to a
//!   stub (id, topic, tags, difficulty, the prompt's first paragraph as
//!   plain text): all the home page needs, a few KB;
//! - `static/core/q/<id>.json`: each whole question with its text
//!   compiled (see [`crate::markup::compiled`]), fetched when it is opened;
//!   the first-load app shows its prompt until the full app takes over.
//!
//! Both are read by [`crate::decode`] (small hand-written decoders; serde
//! writes them) into the same [`Bank`]/[`Question`] types, so the home page
//! and the question header do not know which app they run in.

use super::{Kind, Question, Text};

/// Where the index is served from, relative to the page.
pub const INDEX_URL: &str = "static/core/index.json";

/// Where question `id` is served from, relative to the page.
pub fn question_url(id: &str) -> String {
    format!("static/core/q/{id}.json")
}

/// Whether `q` is a stub from the index (a real question always has an
/// answer: validation requires one).
pub fn is_stub(q: &Question) -> bool {
    q.answer.zh.is_empty() && q.answer.en.is_empty()
}

impl Question {
    /// A question as the index has it: what the home page and a question's
    /// header show (id, topic, tags, difficulty, a plain-text prompt), with
    /// everything else empty. [`split`] writes these; `decode` reads them.
    pub fn stub(
        id: String,
        topic: String,
        tags: Vec<String>,
        difficulty: super::Difficulty,
        prompt: Text,
    ) -> Question {
        Question {
            id,
            topic,
            tags,
            difficulty,
            prompt,
            kind: Kind::Open {
                key_points: Vec::new(),
            },
            answer: Text::default(),
            explanation: Text::default(),
            follow_ups: Vec::new(),
            parts: Vec::new(),
        }
    }

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
}

/// The index and the per-question files (id, JSON) of `bank`, which must be
/// a loaded (valid) bank.
#[cfg(not(target_arch = "wasm32"))]
pub fn split(bank: &super::Bank) -> (String, Vec<(String, String)>) {
    use crate::markup::compiled::{self, first_block_text};
    let mut index = bank.clone();
    // An authoring limit that only validation reads; the app never needs it.
    index.answer_limit = None;
    for q in &mut index.questions {
        let prompt = Text {
            zh: first_block_text(&q.prompt.zh),
            en: first_block_text(&q.prompt.en),
        };
        *q = Question::stub(
            std::mem::take(&mut q.id),
            std::mem::take(&mut q.topic),
            std::mem::take(&mut q.tags),
            q.difficulty,
            prompt,
        );
    }
    let files = bank
        .questions
        .iter()
        .map(|q| {
            let mut q = q.clone();
            q.texts_mut(&mut |t| {
                t.zh = compiled::compile(&t.zh);
                t.en = compiled::compile(&t.en);
            });
            (
                q.id.clone(),
                serde_json::to_string(&q).expect("questions serialise"),
            )
        })
        .collect();
    (
        serde_json::to_string(&index).expect("banks serialise"),
        files,
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::markup::compiled::{blocks, PREFIX};
    use crate::markup::markdown;

    fn shipped() -> Bank {
        let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/bank.json"))
            .unwrap();
        let loaded = crate::bank::load(&src).unwrap();
        assert!(loaded.problems.is_empty());
        loaded.bank
    }

    #[test]
    fn the_index_keeps_every_question_as_a_stub_and_each_file_round_trips() {
        let bank = shipped();
        let (index, files) = split(&bank);
        let stubs: Bank = serde_json::from_str(&index).unwrap();
        assert_eq!(stubs.questions.len(), bank.questions.len());
        assert_eq!(files.len(), bank.questions.len());
        assert_eq!(stubs.topics, bank.topics);
        for ((stub, real), (id, json)) in stubs.questions.iter().zip(&bank.questions).zip(&files) {
            assert_eq!(
                (&stub.id, &stub.topic, stub.difficulty),
                (&real.id, &real.topic, real.difficulty)
            );
            assert!(is_stub(stub) && !is_stub(real) && stub.parts.is_empty());
            // The stub's prompt is the first paragraph, as plain text.
            let first = markdown::block_text(&markdown::parse(&real.prompt.en)[0]);
            assert_eq!(stub.prompt.en, first);
            assert!(!stub.prompt.en.is_empty());
            // The file is the whole question, every text compiled to the
            // blocks the parser makes of the original.
            assert_eq!(id, &real.id);
            let mut q: Question = serde_json::from_str(json).unwrap();
            let mut originals = Vec::new();
            real.clone().texts_mut(&mut |t| originals.push(t.clone()));
            let mut n = 0;
            q.texts_mut(&mut |t| {
                for (c, o) in [(&t.zh, &originals[n].zh), (&t.en, &originals[n].en)] {
                    assert!(c.starts_with(PREFIX));
                    assert_eq!(blocks(c), markdown::parse(o), "{id}");
                }
                n += 1;
            });
            assert_eq!(n, originals.len());
            assert!(n >= 4, "{id}: {n} texts");
            // What grades an answer is untouched.
            assert_eq!(q.parts.len(), real.parts.len());
            for (p, r) in q.parts.iter().zip(&real.parts) {
                assert_eq!(p.id, r.id);
                match (&p.kind, &r.kind) {
                    (Kind::Numeric { answer: a, .. }, Kind::Numeric { answer: b, .. }) => {
                        assert_eq!(a, b)
                    }
                    (Kind::Single { correct: a, .. }, Kind::Single { correct: b, .. }) => {
                        assert_eq!(a, b)
                    }
                    (
                        Kind::Generated { generator: a, .. },
                        Kind::Generated { generator: b, .. },
                    ) => assert_eq!(a, b),
                    (a, b) => assert_eq!(std::mem::discriminant(a), std::mem::discriminant(b)),
                }
            }
        }
    }
}
