//! Semantic checks on a parsed bank.
//!
//! Parsing guarantees shapes; these rules guarantee meaning: ids unique and
//! URL-safe, both languages present, answers non-empty, indices in range,
//! tolerances sane, every formula parseable. Each problem names the
//! question, the field path and what is wrong.
//!
//! [`warnings`] is advice for the author that never keeps a question out:
//! today, answers longer than the bank's optional `answer_limit`.

use std::collections::HashSet;

use super::model::{AnswerLimit, Bank, Kind, Question, Text, Tolerance};
use super::Problem;
use crate::markup::markdown;

/// Checks the whole bank; returns every problem found (empty when valid).
pub fn validate(bank: &Bank) -> Vec<Problem> {
    let mut out = Vec::new();
    let bank_problem = |field: &str, message: String| Problem::new("(bank)", field, message);
    if !is_kebab(&bank.id) {
        out.push(bank_problem(
            "id",
            format!("`{}` is not kebab-case (a-z, 0-9, single hyphens)", bank.id),
        ));
    }
    check_text(&bank.title, "title", "(bank)", &mut out);
    if let Some(limit) = &bank.answer_limit {
        for (field, value) in [("en_words", limit.en_words), ("zh_chars", limit.zh_chars)] {
            if value == Some(0) {
                out.push(bank_problem(
                    &format!("answer_limit.{field}"),
                    "a limit must be at least 1 (leave it out for no limit)".into(),
                ));
            }
        }
    }
    let mut topic_ids = HashSet::new();
    for (i, t) in bank.topics.iter().enumerate() {
        if !is_kebab(&t.id) {
            out.push(bank_problem(
                &format!("topics[{i}].id"),
                format!("`{}` is not kebab-case", t.id),
            ));
        }
        if !topic_ids.insert(t.id.as_str()) {
            out.push(bank_problem(
                &format!("topics[{i}].id"),
                format!("duplicate topic id `{}`", t.id),
            ));
        }
        check_text(&t.name, &format!("topics[{i}].name"), "(bank)", &mut out);
    }
    let mut seen = HashSet::new();
    for q in &bank.questions {
        if !seen.insert(q.id.as_str()) {
            out.push(Problem::new(
                &q.id,
                "id",
                format!("duplicate question id `{}`", q.id),
            ));
        }
        validate_question(q, &topic_ids, &mut out);
    }
    out
}

/// Checks one question against the bank's topic ids.
pub fn validate_question(q: &Question, topics: &HashSet<&str>, out: &mut Vec<Problem>) {
    let id = q.id.as_str();
    if !is_kebab(id) {
        out.push(Problem::new(
            id,
            "id",
            format!("`{id}` is not kebab-case (a-z, 0-9, single hyphens)"),
        ));
    }
    if !topics.contains(q.topic.as_str()) {
        out.push(Problem::new(
            id,
            "topic",
            format!("unknown topic `{}`", q.topic),
        ));
    }
    for (i, tag) in q.tags.iter().enumerate() {
        if !is_kebab(tag) {
            out.push(Problem::new(
                id,
                &format!("tags[{i}]"),
                format!("tag `{tag}` is not kebab-case"),
            ));
        }
    }
    check_text(&q.prompt, "prompt", id, out);
    check_text(&q.answer, "answer", id, out);
    check_text(&q.explanation, "explanation", id, out);
    check_kind(&q.kind, "kind", id, out);
    for (i, f) in q.follow_ups.iter().enumerate() {
        check_text(&f.prompt, &format!("follow_ups[{i}].prompt"), id, out);
        check_text(&f.answer, &format!("follow_ups[{i}].answer"), id, out);
    }
    let mut part_ids = HashSet::new();
    for (i, p) in q.parts.iter().enumerate() {
        let at = format!("parts[{i}]");
        if !is_kebab(&p.id) {
            out.push(Problem::new(
                id,
                &format!("{at}.id"),
                format!("`{}` is not kebab-case", p.id),
            ));
        }
        if !part_ids.insert(p.id.as_str()) {
            out.push(Problem::new(
                id,
                &format!("{at}.id"),
                format!("duplicate part id `{}`", p.id),
            ));
        }
        check_text(&p.prompt, &format!("{at}.prompt"), id, out);
        check_text(&p.explanation, &format!("{at}.explanation"), id, out);
        check_kind(&p.kind, &format!("{at}.kind"), id, out);
    }
}

/// Advice that does not keep a question out: every question whose `answer`
/// is over the bank's `answer_limit` (none when the bank sets no limit).
pub fn warnings(bank: &Bank) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(limit) = &bank.answer_limit {
        for q in &bank.questions {
            check_answer_length(q, limit, &mut out);
        }
    }
    out
}

/// Words in English text: whitespace-separated tokens, so a formula or a
/// code span without spaces counts as one word.
pub fn english_words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Characters in Chinese text, not counting whitespace (Markdown and LaTeX
/// count as written).
pub fn chinese_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// A limit of 0 is a bank problem (see [`validate`]), so it is not also
/// reported against every question.
fn check_answer_length(q: &Question, limit: &AnswerLimit, out: &mut Vec<Problem>) {
    if let Some(max) = limit.en_words.filter(|&m| m > 0) {
        let n = english_words(&q.answer.en);
        if n > max as usize {
            out.push(Problem::new(
                &q.id,
                "answer.en",
                format!("the answer is {n} words; the bank's answer_limit.en_words is {max}"),
            ));
        }
    }
    if let Some(max) = limit.zh_chars.filter(|&m| m > 0) {
        let n = chinese_chars(&q.answer.zh);
        if n > max as usize {
            out.push(Problem::new(
                &q.id,
                "answer.zh",
                format!(
                    "the answer is {n} characters (whitespace not counted); the bank's answer_limit.zh_chars is {max}"
                ),
            ));
        }
    }
}

pub(crate) fn check_kind(kind: &Kind, at: &str, id: &str, out: &mut Vec<Problem>) {
    match kind {
        Kind::Open { key_points } => {
            if key_points.is_empty() {
                out.push(Problem::new(
                    id,
                    &format!("{at}.key_points"),
                    "an open question needs at least one key point".into(),
                ));
            }
            for (i, k) in key_points.iter().enumerate() {
                check_text(k, &format!("{at}.key_points[{i}]"), id, out);
            }
        }
        Kind::Single { options, correct } => {
            check_options(options, at, id, out);
            if *correct >= options.len() {
                out.push(Problem::new(
                    id,
                    &format!("{at}.correct"),
                    format!(
                        "index {correct} is out of range: there are {} options",
                        options.len()
                    ),
                ));
            }
        }
        Kind::Multi { options, correct } => {
            check_options(options, at, id, out);
            if correct.is_empty() {
                out.push(Problem::new(
                    id,
                    &format!("{at}.correct"),
                    "at least one option must be correct".into(),
                ));
            }
            for (i, c) in correct.iter().enumerate() {
                if *c >= options.len() {
                    out.push(Problem::new(
                        id,
                        &format!("{at}.correct[{i}]"),
                        format!(
                            "index {c} is out of range: there are {} options",
                            options.len()
                        ),
                    ));
                }
            }
            if correct.windows(2).any(|w| w[0] >= w[1]) {
                out.push(Problem::new(
                    id,
                    &format!("{at}.correct"),
                    "indices must be ascending and distinct".into(),
                ));
            }
        }
        Kind::Numeric {
            answer, tolerance, ..
        } => {
            if answer.is_empty() {
                out.push(Problem::new(
                    id,
                    &format!("{at}.answer"),
                    "a numeric answer needs at least one value".into(),
                ));
            }
            if answer.iter().any(|v| !v.is_finite()) {
                out.push(Problem::new(
                    id,
                    &format!("{at}.answer"),
                    "values must be finite numbers".into(),
                ));
            }
            let bad = match tolerance {
                Tolerance::Absolute { value } | Tolerance::Relative { value } => {
                    !(value.is_finite() && *value >= 0.0)
                }
                Tolerance::Ulps { .. } => false,
            };
            if bad {
                out.push(Problem::new(
                    id,
                    &format!("{at}.tolerance.value"),
                    "tolerance must be a finite number >= 0".into(),
                ));
            }
        }
        // Its generator and parameters are checked a layer above the format
        // (`generate::check`), which draws a variant.
        Kind::Generated { .. } => {}
        Kind::Ordering { items, answer } => {
            if answer.is_empty() {
                out.push(Problem::new(
                    id,
                    &format!("{at}.answer"),
                    "an ordering needs at least one index".into(),
                ));
            }
            if !is_permutation(answer) {
                out.push(Problem::new(
                    id,
                    &format!("{at}.answer"),
                    format!("{answer:?} is not a permutation of 0..{}", answer.len()),
                ));
            }
            if let Some(items) = items {
                if items.len() != answer.len() {
                    out.push(Problem::new(
                        id,
                        &format!("{at}.items"),
                        format!(
                            "{} items but the answer orders {}",
                            items.len(),
                            answer.len()
                        ),
                    ));
                }
                for (i, t) in items.iter().enumerate() {
                    check_text(t, &format!("{at}.items[{i}]"), id, out);
                }
            }
        }
    }
}

fn check_options(options: &[super::model::Choice], at: &str, id: &str, out: &mut Vec<Problem>) {
    if options.len() < 2 {
        out.push(Problem::new(
            id,
            &format!("{at}.options"),
            format!("a choice needs at least 2 options, found {}", options.len()),
        ));
    }
    for (i, o) in options.iter().enumerate() {
        check_text(&o.text, &format!("{at}.options[{i}].text"), id, out);
        check_text(
            &o.explanation,
            &format!("{at}.options[{i}].explanation"),
            id,
            out,
        );
    }
}

/// Longest text a field may hold, in characters. The longest in the
/// built-in bank is about 5,600; a browser laying out megabytes of text in
/// one paragraph stalls for seconds, so longer texts are refused.
pub const MAX_TEXT_CHARS: usize = 50_000;

/// Both languages present and non-blank, not over [`MAX_TEXT_CHARS`];
/// every formula parses.
pub(crate) fn check_text(t: &Text, at: &str, id: &str, out: &mut Vec<Problem>) {
    for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
        if s.trim().is_empty() {
            out.push(Problem::new(
                id,
                &format!("{at}.{lang}"),
                format!("missing {lang} text"),
            ));
            continue;
        }
        let n = s.chars().count();
        if n > MAX_TEXT_CHARS {
            out.push(Problem::new(
                id,
                &format!("{at}.{lang}"),
                format!("text is {n} characters long; the limit is {MAX_TEXT_CHARS}"),
            ));
            continue;
        }
        for (src, result) in markdown::formulas(s) {
            if let Err(e) = result {
                out.push(Problem::new(
                    id,
                    &format!("{at}.{lang}"),
                    format!("LaTeX `{}` does not parse: {e}", clip(&src, 80)),
                ));
            }
        }
    }
}

pub use ail_labs::validate::{is_kebab, is_permutation};

/// At most `max` characters of `s`, with `…` when cut (error messages
/// quote sources, which may be huge).
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_counts_whitespace_separated_tokens() {
        // A formula without spaces is one word; runs of whitespace and a
        // line break separate like one space.
        assert_eq!(english_words("BN uses  $\\mu_B$\nand\tvariance."), 5);
        assert_eq!(english_words("  "), 0);
    }

    #[test]
    fn chinese_chars_counts_every_character_but_whitespace() {
        // 2 Han + 5 of `$p-y$` + 1 full-width comma + 1 Han; 3 spaces skipped.
        assert_eq!(chinese_chars("梯度 $p-y$ ，大 "), 9);
        assert_eq!(chinese_chars("\u{3000}"), 0);
    }
}
