//! One test per validation rule. Each feeds a small inline question to the
//! shared harness and asserts the exact problem: question id, field path
//! and message.

mod common;

use ail_core::bank::Problem;
use ail_core::load;
use common::{bank, question};

/// Loads a bank of these questions; returns (ids kept, problems).
fn check(questions: &[String]) -> (Vec<String>, Vec<Problem>) {
    let loaded = load(&bank(questions)).expect("envelope is valid");
    (
        loaded.bank.questions.iter().map(|q| q.id.clone()).collect(),
        loaded.problems,
    )
}

/// Asserts exactly one problem, with this field and a message containing `needle`.
fn one_problem(questions: &[String], id: &str, field: &str, needle: &str) {
    let (_, problems) = check(questions);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].question, id);
    assert_eq!(problems[0].field, field);
    assert!(
        problems[0].message.contains(needle),
        "message {:?} lacks {needle:?}",
        problems[0].message
    );
}

fn single(options: usize, correct: usize) -> String {
    let opts: Vec<String> = (0..options)
        .map(|i| {
            format!(
                r#"{{"text":{{"zh":"{i}","en":"{i}"}},"explanation":{{"zh":"因","en":"because"}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"kind":{{"type":"single","options":[{}],"correct":{correct}}}}}"#,
        opts.join(",")
    )
}

#[test]
fn accepts_a_minimal_valid_question() {
    let (ids, problems) = check(&[question("{}")]);
    assert_eq!(ids, ["q1"]);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn rejects_duplicate_question_ids_and_keeps_the_first() {
    let (ids, problems) = check(&[
        question("{}"),
        question(r#"{"prompt":{"zh":"二","en":"Two"}}"#),
    ]);
    assert_eq!(ids, ["q1"]);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].field.as_str(), problems[0].message.as_str()),
        ("id", "duplicate question id `q1`")
    );
}

#[test]
fn rejects_ids_that_are_not_kebab_case() {
    one_problem(
        &[question(r#"{"id":"Bad_Id"}"#)],
        "Bad_Id",
        "id",
        "not kebab-case",
    );
}

#[test]
fn rejects_a_missing_language() {
    one_problem(
        &[question(r#"{"prompt":{"zh":"问"}}"#)],
        "q1",
        "prompt.en",
        "missing en text",
    );
}

#[test]
fn rejects_a_blank_answer() {
    one_problem(
        &[question(r#"{"answer":{"zh":"  ","en":"Answer"}}"#)],
        "q1",
        "answer.zh",
        "missing zh text",
    );
}

#[test]
fn rejects_an_open_question_without_key_points() {
    one_problem(
        &[question(r#"{"kind":{"type":"open","key_points":[]}}"#)],
        "q1",
        "kind.key_points",
        "at least one key point",
    );
}

#[test]
fn rejects_a_choice_index_out_of_range() {
    one_problem(
        &[question(&single(3, 3))],
        "q1",
        "kind.correct",
        "index 3 is out of range: there are 3 options",
    );
}

#[test]
fn rejects_multi_choice_with_unsorted_or_out_of_range_indices() {
    let q = single(3, 0)
        .replace(r#""type":"single""#, r#""type":"multi""#)
        .replace(r#""correct":0"#, r#""correct":[2,0]"#);
    one_problem(
        &[question(&q)],
        "q1",
        "kind.correct",
        "ascending and distinct",
    );
    let q = single(3, 0)
        .replace(r#""type":"single""#, r#""type":"multi""#)
        .replace(r#""correct":0"#, r#""correct":[5]"#);
    one_problem(
        &[question(&q)],
        "q1",
        "kind.correct[0]",
        "index 5 is out of range",
    );
}

#[test]
fn rejects_an_unknown_kind_with_its_line() {
    let (ids, problems) = check(&[question(r#"{"kind":{"type":"essay"}}"#)]);
    assert!(ids.is_empty());
    assert_eq!(problems[0].field, "kind.type");
    assert!(
        problems[0].message.contains("unknown variant `essay`"),
        "{}",
        problems[0].message
    );
    assert!(problems[0].line.is_some());
}

#[test]
fn rejects_a_numeric_answer_without_tolerance() {
    let (_, problems) = check(&[question(r#"{"kind":{"type":"numeric","answer":[1.0]}}"#)]);
    assert_eq!(problems[0].field, "kind");
    assert!(
        problems[0].message.contains("missing field `tolerance`"),
        "{}",
        problems[0].message
    );
}

#[test]
fn rejects_a_negative_tolerance() {
    one_problem(
        &[question(
            r#"{"kind":{"type":"numeric","answer":[1.0],"tolerance":{"type":"absolute","value":-0.1}}}"#,
        )],
        "q1",
        "kind.tolerance.value",
        "finite number >= 0",
    );
}

#[test]
fn rejects_an_empty_numeric_answer() {
    one_problem(
        &[question(
            r#"{"kind":{"type":"numeric","answer":[],"tolerance":{"type":"relative","value":0.01}}}"#,
        )],
        "q1",
        "kind.answer",
        "at least one value",
    );
}

#[test]
fn rejects_an_ordering_that_is_not_a_permutation() {
    one_problem(
        &[question(r#"{"kind":{"type":"ordering","answer":[0,2,2]}}"#)],
        "q1",
        "kind.answer",
        "not a permutation",
    );
}

#[test]
fn rejects_latex_that_does_not_parse() {
    one_problem(
        &[question(
            r#"{"explanation":{"zh":"公式 $\\frac{a}{b$ 与 $\\href{x}{y}$","en":"ok $x^2$"}}"#,
        )],
        "q1",
        "explanation.zh",
        "LaTeX `\\href{x}{y}` does not parse: unknown or unsupported command `\\href`",
    );
}

#[test]
fn rejects_an_unknown_topic() {
    one_problem(
        &[question(r#"{"topic":"nope"}"#)],
        "q1",
        "topic",
        "unknown topic `nope`",
    );
}

#[test]
fn rejects_duplicate_part_ids() {
    let part = r#"{"id":"p","prompt":{"zh":"子","en":"sub"},"kind":{"type":"ordering","answer":[1,0]},"explanation":{"zh":"因","en":"why"}}"#;
    one_problem(
        &[question(&format!(r#"{{"parts":[{part},{part}]}}"#))],
        "q1",
        "parts[1].id",
        "duplicate part id `p`",
    );
}

#[test]
fn rejects_unknown_fields_so_typos_are_caught() {
    let (_, problems) = check(&[question(r#"{"explanaton":{"zh":"x","en":"x"}}"#)]);
    assert!(
        problems[0].message.contains("unknown field `explanaton`"),
        "{}",
        problems[0].message
    );
}

#[test]
fn one_bad_question_does_not_hide_the_good_ones() {
    let (ids, problems) = check(&[
        question(r#"{"id":"bad","topic":"nope"}"#),
        question(r#"{"id":"good"}"#),
    ]);
    assert_eq!(ids, ["good"]);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].to_string(),
        "question `bad`, field `topic`: unknown topic `nope`"
    );
}

#[test]
fn malformed_json_is_fatal_with_line_and_column() {
    let e = load("{\n \"version\": 1,\n \"id\": \"x\",,\n}").unwrap_err();
    assert_eq!(e.line, Some(3));
    assert!(e.to_string().starts_with("line 3, column"), "{e}");
}

#[test]
fn rejects_a_text_over_the_length_limit_with_its_size() {
    let long = "A".repeat(ail_core::bank::validate::MAX_TEXT_CHARS + 1);
    one_problem(
        &[question(&format!(
            r#"{{"prompt":{{"zh":"问","en":"{long}"}}}}"#
        ))],
        "q1",
        "prompt.en",
        "50001 characters long; the limit is 50000",
    );
}

#[test]
fn a_schema_reference_is_accepted_and_ignored() {
    let src = bank(&[question("{}")]).replacen(
        '{',
        r#"{"$schema":"https://example.com/static/bank.schema.json","#,
        1,
    );
    let loaded = load(&src).expect("loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(
        loaded.bank.schema.as_deref(),
        Some("https://example.com/static/bank.schema.json")
    );
}

/// Loads a bank of these questions whose envelope also has `"answer_limit": limit`.
fn load_with_answer_limit(limit: &str, questions: &[String]) -> ail_core::bank::Loaded {
    let src = bank(questions).replacen('{', &format!(r#"{{"answer_limit":{limit},"#), 1);
    load(&src).expect("envelope is valid")
}

#[test]
fn answer_limit_warns_about_a_long_answer_and_keeps_the_question() {
    // `$p - y$` is three tokens, so 6 words; the zh text is 2 + 5 + 1 = 8
    // characters once its two spaces are left out.
    let loaded = load_with_answer_limit(
        r#"{"en_words":4,"zh_chars":5}"#,
        &[question(
            r#"{"answer":{"zh":"梯度 $p-y$ 小","en":"The gradient is $p - y$"}}"#,
        )],
    );
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
    assert_eq!(loaded.bank.questions.len(), 1);
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "question `q1`, field `answer.en`: the answer is 6 words; the bank's answer_limit.en_words is 4",
            "question `q1`, field `answer.zh`: the answer is 8 characters (whitespace not counted); the bank's answer_limit.zh_chars is 5",
        ]
    );
}

#[test]
fn answer_limit_allows_an_answer_of_exactly_the_limit() {
    let loaded = load_with_answer_limit(
        r#"{"en_words":3,"zh_chars":4}"#,
        &[question(
            r#"{"answer":{"zh":"均值 方差","en":"mean and variance"}}"#,
        )],
    );
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
}

#[test]
fn answer_limit_checks_only_the_languages_it_names() {
    let long = question(r#"{"answer":{"zh":"很长很长很长的回答","en":"a rather long answer"}}"#);
    let loaded = load_with_answer_limit(r#"{"zh_chars":8}"#, std::slice::from_ref(&long));
    assert_eq!(loaded.warnings.len(), 1, "{:#?}", loaded.warnings);
    assert_eq!(loaded.warnings[0].field, "answer.zh");
    assert!(loaded.warnings[0].message.contains("is 9 characters"));
    // No `answer_limit` at all: no check (other banks are unaffected).
    let loaded = load(&bank(&[long])).expect("envelope is valid");
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
}

#[test]
fn answer_limit_of_zero_is_rejected_as_a_bank_problem() {
    let loaded = load_with_answer_limit(r#"{"en_words":0}"#, &[question("{}")]);
    assert_eq!(loaded.bank.questions.len(), 1);
    let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        ["bank, field `answer_limit.en_words`: a limit must be at least 1 (leave it out for no limit)"]
    );
    // Reported once for the bank, not again for every answer.
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
}

#[test]
fn answer_limit_rejects_unknown_fields_so_typos_are_caught() {
    let src = bank(&[question("{}")]).replacen('{', r#"{"answer_limit":{"en_word":80},"#, 1);
    let e = load(&src).unwrap_err();
    assert_eq!(e.path, "answer_limit.en_word");
    assert!(e.message.contains("unknown field `en_word`"), "{e}");
}

#[test]
fn generated_items_are_checked_by_the_generators_rules() {
    // The format's rules accept any generator name; the generators' layer
    // (ail_core::load) names an unknown one, at the question's kind.
    one_problem(
        &[question(
            r#"{"kind":{"type":"generated","generator":"no-such-thing"}}"#,
        )],
        "q1",
        "kind.generator",
        "no-such-thing",
    );
    // A parameter out of range, in a part: the field path goes to the
    // parameter, and the rest of the bank still loads.
    let part = r#"{"parts":[{"id":"p","prompt":{"zh":"问","en":"Ask"},
        "explanation":{"zh":"因","en":"Why"},
        "kind":{"type":"generated","generator":"float-stored-value","params":{"digits":[3,99]}}}]}"#;
    let (kept, problems) = check(&[question(part), question(r#"{"id":"q2"}"#)]);
    assert_eq!(kept, ["q2"]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].question, "q1");
    assert_eq!(problems[0].field, "parts[0].kind.params.digits");
    // Without the generators' layer the same bank is only format-checked.
    let loaded = ail_core::bank::load_with(&bank(&[question(part)]), |_| Vec::new()).unwrap();
    assert!(loaded.problems.is_empty(), "{:#?}", loaded.problems);
}
