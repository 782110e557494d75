//! The shipped bank (`static/bank.json`): it loads with no problems and no
//! warnings (its answers keep to its `answer_limit`), covers every question
//! of the report in order, every answer key is gradable by the app's own
//! grader, and the float keys are recomputed from the core float code rather
//! than trusted.

mod common;
use ail_core::bank::{Bank, FloatFormat, Kind, Question};
use ail_core::generate::instantiate_question;
use ail_core::grade::{grade, Response, Verdict};
use common::shipped;

fn question<'a>(bank: &'a Bank, id: &str) -> &'a Question {
    bank.question(id)
        .unwrap_or_else(|| panic!("no question {id}"))
}

fn numeric_key(q: &Question, part: &str) -> Vec<f64> {
    let p = q
        .parts
        .iter()
        .find(|p| p.id == part)
        .unwrap_or_else(|| panic!("{}: no part {part}", q.id));
    match &p.kind {
        Kind::Numeric { answer, .. } => answer.clone(),
        k => panic!("{}/{part} is {}, not numeric", q.id, k.type_name()),
    }
}

/// The 33 questions of the report, in the report's order (seed file, rounds 1-6).
const REPORT_ORDER: [&str; 33] = [
    "training-hyperparameters",
    "batch-norm",
    "describe-project",
    "pruning-quantization-distillation",
    "parallel-nms",
    "classical-ml",
    "resnet",
    "overfitting-remedies",
    "why-dropout-works",
    "dropout-implementation",
    "why-bagging-works",
    "bagging-vs-boosting",
    "bias-variance-tradeoff",
    "loss-functions",
    "python-tuple-vs-list",
    "python-argument-mutation",
    "ce-vs-mse-classification",
    "sigmoid-mse-ce-gradients",
    "mle-and-cross-entropy",
    "sgd-momentum-adam",
    "adam-drawbacks",
    "transformer-self-attention",
    "transformer-parallelism",
    "rnn-vs-transformer",
    "cnn-layers-as-matmul",
    "fp32-rounding",
    "mixed-precision-fp32-steps",
    "perpendicular-foot",
    "distributed-matmul-memory",
    "mlp-gradient-update",
    "batch-size-gd-variants",
    "eigen-permutation",
    "c-double-pointer-cpp-overload-override",
];

#[test]
fn shipped_bank_covers_every_report_question_in_order() {
    let bank = shipped();
    let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, REPORT_ORDER);
}

#[test]
fn every_topic_has_questions() {
    let bank = shipped();
    for t in &bank.topics {
        assert!(bank.count_in_topic(&t.id) > 0, "topic {} is empty", t.id);
    }
}

#[test]
fn nearly_every_open_question_has_an_auto_graded_part() {
    let bank = shipped();
    let open: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| matches!(q.kind, Kind::Open { .. }))
        .collect();
    let without: Vec<&str> = open
        .iter()
        .filter(|q| q.parts.is_empty())
        .map(|q| q.id.as_str())
        .collect();
    assert!(
        without.is_empty(),
        "open questions without an auto-graded part: {without:?}"
    );
}

#[test]
fn every_answer_key_is_graded_correct_by_the_app() {
    let bank = shipped();
    let mut checked = 0;
    // Generated items are drawn for a few seeds and graded like the rest.
    let variants: Vec<Question> = bank
        .questions
        .iter()
        .flat_map(|q| {
            (0..20).map(|seed| {
                instantiate_question(q, seed)
                    .unwrap_or_else(|(at, e)| panic!("{} {at}: {e}", q.id))
                    .question
            })
        })
        .collect();
    for q in &variants {
        let kinds = std::iter::once((String::from("(question)"), &q.kind))
            .chain(q.parts.iter().map(|p| (p.id.clone(), &p.kind)));
        for (part, kind) in kinds {
            let response = match kind {
                Kind::Open { .. } => continue,
                Kind::Generated { .. } => panic!("{}/{part} was not drawn", q.id),
                Kind::Single { correct, .. } => Response::Choice(*correct),
                Kind::Multi { correct, .. } => Response::Choices(correct.clone()),
                // Typed as a learner would: shortest round-trip decimals.
                Kind::Numeric { answer, .. } => Response::Typed(
                    answer
                        .iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                Kind::Ordering { answer, .. } => Response::Typed(
                    answer
                        .iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            };
            let g = grade(kind, &response)
                .unwrap_or_else(|e| panic!("{}/{part}: key does not parse: {e:?}", q.id));
            assert_eq!(g.verdict, Verdict::Correct, "{}/{part}", q.id);
            checked += 1;
        }
    }
    assert!(checked >= 60 * 20, "only {checked} auto-graded keys");
}

#[test]
fn fp32_keys_are_recomputed_from_the_float_code() {
    let bank = shipped();
    let q = question(&bank, "fp32-rounding");
    let stored = FloatFormat::F32.round(9.9e9);
    assert_eq!(numeric_key(q, "stored-value"), [stored]);
    // ULP at the stored value: the gap to the next f32 up.
    let next_up = f32::from_bits(FloatFormat::F32.bits(stored) as u32 + 1) as f64;
    assert_eq!(numeric_key(q, "ulp-at-value"), [next_up - stored]);
    assert_eq!(
        numeric_key(q, "bf16-value"),
        [FloatFormat::Bf16.round(9.9e9)]
    );
    // The fp16 choice: the key must be the option that says infinity.
    let p = q.parts.iter().find(|p| p.id == "fp16-conversion").unwrap();
    let Kind::Single { options, correct } = &p.kind else {
        panic!("fp16-conversion is not single choice")
    };
    assert!(FloatFormat::F16.round(9.9e9).is_infinite());
    assert!(
        options[*correct].text.en.contains("infty"),
        "key option: {}",
        options[*correct].text.en
    );
    // 9.9e9 + 1e-9 stays 9.9e9 even in f64.
    assert_eq!(9.9e9_f64 + 1e-9, 9.9e9_f64);
}

#[test]
fn fp16_smallest_update_key_is_recomputed() {
    let bank = shipped();
    let q = question(&bank, "mixed-precision-fp32-steps");
    let k = (1..30)
        .rev()
        .find(|&k| FloatFormat::F16.round(1.0 + 2f64.powi(-k)) != 1.0)
        .expect("some update changes 1.0");
    assert_eq!(numeric_key(q, "smallest-update"), [k as f64]);
}
