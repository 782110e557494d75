//! Every static numeric and ordering key in `static/bank.json` is recomputed
//! here, with the labs' core functions where one exists and from the
//! formula otherwise, and graded by the app's own grader. A wrong key fails
//! with the question and part id; a new key without a recomputation fails
//! the coverage test.

mod common;
use common::shipped;
use std::collections::BTreeMap;

use ail_core::bank::{Bank, FloatFormat, Kind};
use ail_core::grade::{grade, Response, Verdict};
use ail_labs::dist_matmul::simulate;
use ail_labs::dropout_bn::batch_norm;
use ail_labs::float_lab::Op;
use ail_labs::losses::{gradients, Point};
use ail_labs::mlp::{backward, sgd_step, Net};
use ail_labs::nms::{iou, ScoredBox};
use ail_labs::optimizers::{adam_update, ADAM_EPS};
use ail_labs::perp_foot::perpendicular_foot;

fn bx(x1: f64, y1: f64, x2: f64, y2: f64) -> ScoredBox {
    ScoredBox {
        x1,
        y1,
        x2,
        y2,
        score: 1.0,
    }
}

fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::MIN, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().map(|v| v / s).collect()
}

/// The worked MLP of `mlp-gradient-update`, with target 0.
fn mlp_net() -> Net {
    Net {
        x: vec![1.0, 2.0],
        y: 0.0,
        w1: vec![vec![0.1, -0.2], vec![0.4, 0.3]],
        b1: vec![0.0, 0.1],
        w2: vec![0.5, -0.4],
        b2: 0.2,
    }
}

/// `(question id, part id)` → the key recomputed. Numeric keys are graded
/// with the part's own tolerance; orderings must match exactly.
fn recomputed() -> BTreeMap<(&'static str, &'static str), Vec<f64>> {
    let mut k: BTreeMap<(&str, &str), Vec<f64>> = BTreeMap::new();
    // Linear scaling (0.1 · 4096/256), then cosine decay to 0 over 90 epochs.
    let peak = 0.1 * 4096.0 / 256.0;
    let cos = 0.5 * peak * (1.0 + (std::f64::consts::PI * 30.0 / 90.0).cos());
    k.insert(("training-hyperparameters", "cosine-lr-value"), vec![cos]);
    // Kaiming normal, fan_in, ReLU gain √2: std = √2 / √(C_in·k²).
    k.insert(
        ("training-hyperparameters", "he-init-std"),
        vec![(2.0f64 / (128.0 * 9.0)).sqrt()],
    );
    let bn = batch_norm(&[1.0, 2.0, 3.0, 6.0], 2.0, 0.5, 0.5, 0.1).unwrap();
    k.insert(("batch-norm", "bn-output"), vec![bn.train_out[3]]);
    let (rm, rv) = bn.running.unwrap();
    k.insert(("batch-norm", "running-stats"), vec![rm, rv]);
    k.insert(
        ("pruning-quantization-distillation", "int8-symmetric-code"),
        vec![(2.2f64 / (3.81 / 127.0)).round()],
    );
    k.insert(
        ("parallel-nms", "iou-value"),
        vec![iou(&bx(2.0, 3.0, 12.0, 9.0), &bx(5.0, 1.0, 15.0, 8.0))],
    );
    k.insert(
        ("classical-ml", "pca-explained-variance"),
        vec![(5.0 + 3.0) / (5.0 + 3.0 + 1.5 + 0.5)],
    );
    // 1×1 256→64, 3×3 64→64, 1×1 64→256, no biases.
    k.insert(
        ("resnet", "bottleneck-params"),
        vec![(256 * 64 + 9 * 64 * 64 + 64 * 256) as f64],
    );
    k.insert(
        ("overfitting-remedies", "label-smoothing-target"),
        vec![(1.0 - 0.1) + 0.1 / 5.0],
    );
    // E[(y - wᵀx̃)²] with x̃ = m ⊙ x / (1 - p): squared mean error plus
    // the dropout variance Σ w_i² x_i² p / (1 - p), computed over all 4 masks.
    let (p, x, w, y) = (0.2, [1.0, 2.0], [2.0, -1.0], 1.0);
    let mut expected = 0.0;
    for mask in 0..4u32 {
        let keep = [mask & 1 == 1, mask & 2 == 2];
        let prob: f64 = keep.iter().map(|&k| if k { 1.0 - p } else { p }).product();
        let pred: f64 = (0..2)
            .map(|i| {
                if keep[i] {
                    w[i] * x[i] / (1.0 - p)
                } else {
                    0.0
                }
            })
            .sum();
        expected += prob * (y - pred) * (y - pred);
    }
    k.insert(("why-dropout-works", "dropout-penalty"), vec![expected]);
    k.insert(
        ("dropout-implementation", "inverted-train-value"),
        vec![3.0 / (1.0 - 0.2)],
    );
    k.insert(
        ("dropout-implementation", "vanilla-inference-value"),
        vec![3.0 * (1.0 - 0.2)],
    );
    k.insert(
        ("why-bagging-works", "ensemble-variance"),
        vec![0.3 * 4.0 + (1.0 - 0.3) * 4.0 / 50.0],
    );
    k.insert(
        ("why-bagging-works", "bootstrap-unique-fraction"),
        vec![1.0 - (1.0f64 - 1.0 / 1000.0).powi(1000)],
    );
    let alpha = 0.5 * ((1.0f64 - 0.2) / 0.2).ln();
    k.insert(("bagging-vs-boosting", "adaboost-alpha"), vec![alpha]);
    // Misclassified weight 0.2·e^α against correct 0.8·e^-α.
    let wrong = 0.2 * alpha.exp();
    let right = 0.8 * (-alpha).exp();
    k.insert(
        ("bagging-vs-boosting", "reweighted-error"),
        vec![wrong / (wrong + right)],
    );
    k.insert(
        ("bias-variance-tradeoff", "expected-mse"),
        vec![0.3 * 0.3 + 0.05 + 0.1],
    );
    // ∂L/∂z at z = -6, y = 1: the loss lab's ∂L/∂w with x = 1, b = 0.
    let g = gradients(&Point {
        w: -6.0,
        x: 1.0,
        b: 0.0,
        y: 1.0,
    })
    .unwrap();
    k.insert(
        ("ce-vs-mse-classification", "mse-grad-saturated"),
        vec![g.grad_mse],
    );
    let g = gradients(&Point {
        w: -1.5,
        x: 2.0,
        b: 0.5,
        y: 1.0,
    })
    .unwrap();
    k.insert(("sigmoid-mse-ce-gradients", "mse-grad-w"), vec![g.grad_mse]);
    k.insert(("sigmoid-mse-ce-gradients", "ce-grad-w"), vec![g.grad_ce]);
    k.insert(
        ("mle-and-cross-entropy", "bernoulli-mle"),
        vec![18.0 / 50.0],
    );
    k.insert(
        ("mle-and-cross-entropy", "ce-nats"),
        vec![-softmax(&[2.0, 1.0, 0.1])[0].ln()],
    );
    let step = |g: f64| adam_update(0.0, g, (0.0, 0.0), 1, 0.01, (0.9, 0.999), ADAM_EPS).w;
    k.insert(
        ("sgd-momentum-adam", "adam-first-step"),
        vec![step(-0.5), step(3e-8)],
    );
    // f = 3w², g = 6w, heavy ball from w0 = 1.
    let (mut wm, mut v) = (1.0f64, 0.0f64);
    for _ in 0..2 {
        v = 0.9 * v + 6.0 * wm;
        wm -= 0.05 * v;
    }
    k.insert(("sgd-momentum-adam", "momentum-two-steps"), vec![wm]);
    k.insert(
        ("adam-drawbacks", "adam-state-memory-7b"),
        vec![7e9 * 2.0 * 4.0 / 1e9],
    );
    // Token 1 is the first row: q = (1, 0).
    let scores: Vec<f64> = [[2.0, 0.0], [0.0, 2.0]]
        .iter()
        .map(|kr| (1.0 * kr[0] + 0.0 * kr[1]) / 2f64.sqrt())
        .collect();
    let a = softmax(&scores);
    k.insert(
        ("transformer-self-attention", "tiny-attention"),
        vec![a[0] * 1.0 + a[1] * 0.0, a[0] * 0.0 + a[1] * 10.0],
    );
    // K and V, 32 layers, 4096 wide, 2048 tokens, 2 bytes, in MiB.
    k.insert(
        ("transformer-parallelism", "kv-cache-size"),
        vec![(2 * 32 * 4096 * 2048 * 2) as f64 / (1 << 20) as f64],
    );
    // Four gates, each W_ih (256×128), W_hh (256×256), b_ih and b_hh (256).
    k.insert(
        ("rnn-vs-transformer", "lstm-params"),
        vec![(4 * (256 * 128 + 256 * 256 + 256 + 256)) as f64],
    );
    let conv = ail_labs::conv_matmul::check(&ail_labs::conv_matmul::Shape {
        c: 3,
        h: 32,
        w: 32,
        k: 3,
        stride: 1,
        pad: 1,
        cout: 8,
        seed: 0,
    })
    .unwrap();
    k.insert(
        ("cnn-layers-as-matmul", "im2col-shape"),
        vec![(3 * 3 * 3) as f64, (conv.0 * conv.1) as f64],
    );
    let stored = FloatFormat::F32.round(9.9e9);
    k.insert(("fp32-rounding", "stored-value"), vec![stored]);
    let s = ail_labs::float_lab::Stored::of(FloatFormat::F32, stored);
    k.insert(("fp32-rounding", "ulp-at-value"), vec![s.ulp().unwrap()]);
    k.insert(
        ("fp32-rounding", "bf16-value"),
        vec![FloatFormat::Bf16.round(9.9e9)],
    );
    let smallest = (1..30)
        .rev()
        .find(|&e| FloatFormat::F16.apply(Op::Add, 1.0, 2f64.powi(-e)) != 1.0)
        .unwrap();
    k.insert(
        ("mixed-precision-fp32-steps", "smallest-update"),
        vec![smallest as f64],
    );
    let foot = perpendicular_foot(&[1.0, 1.0], &[7.0, 4.0], &[2.0, 6.0]).unwrap();
    k.insert(("perpendicular-foot", "foot-2d"), foot.d);
    let foot = perpendicular_foot(&[1.0, 1.0], &[7.0, 4.0], &[-1.0, 2.0]).unwrap();
    k.insert(("perpendicular-foot", "signed-t"), vec![foot.t]);
    let run = simulate(16, 7, 1).unwrap();
    let n2 = (16 * 16) as f64;
    k.insert(
        ("distributed-matmul-memory", "peak-memory"),
        vec![run.peak as f64 / n2],
    );
    k.insert(
        ("distributed-matmul-memory", "words-sent"),
        vec![run.sent as f64 / n2],
    );
    let net = mlp_net();
    k.insert(
        ("mlp-gradient-update", "hidden-weight-gradient"),
        vec![backward(&net).w1[1][1]],
    );
    k.insert(
        ("mlp-gradient-update", "output-weight-update"),
        vec![sgd_step(&net, 0.1).w2[1]],
    );
    k.insert(
        ("batch-size-gd-variants", "minibatch-noise-std"),
        vec![0.8 / 64f64.sqrt()],
    );
    // L' = diag(l_3, l_1, l_0, l_2): column j of Q' is column perm[j] of Q.
    k.insert(
        ("eigen-permutation", "order-3102"),
        vec![3.0, 1.0, 0.0, 2.0],
    );
    k.insert(
        ("eigen-permutation", "order-2031"),
        vec![2.0, 0.0, 3.0, 1.0],
    );
    k
}

fn static_keys(bank: &Bank) -> Vec<(String, String, Kind)> {
    let mut out = Vec::new();
    for q in &bank.questions {
        let slots = std::iter::once(("(question)".to_string(), &q.kind))
            .chain(q.parts.iter().map(|p| (p.id.clone(), &p.kind)));
        for (part, kind) in slots {
            // Orderings of worded items are judgement, not arithmetic; index
            // permutations (the eigen questions) are computed.
            if matches!(
                kind,
                Kind::Numeric { .. } | Kind::Ordering { items: None, .. }
            ) {
                out.push((q.id.clone(), part, kind.clone()));
            }
        }
    }
    out
}

#[test]
fn every_static_numeric_key_is_recomputed() {
    let bank = shipped();
    let table = recomputed();
    let keys = static_keys(&bank);
    assert!(keys.len() >= 40, "only {} keys", keys.len());
    let missing: Vec<String> = keys
        .iter()
        .filter(|(q, p, _)| !table.contains_key(&(q.as_str(), p.as_str())))
        .map(|(q, p, _)| format!("{q}/{p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "keys without a recomputation (add them to recomputed()): {missing:?}"
    );
    let stale: Vec<String> = table
        .keys()
        .filter(|(q, p)| !keys.iter().any(|(kq, kp, _)| kq == q && kp == p))
        .map(|(q, p)| format!("{q}/{p}"))
        .collect();
    assert!(
        stale.is_empty(),
        "recomputations for keys not in the bank: {stale:?}"
    );
}

#[test]
fn every_static_numeric_key_matches_its_recomputation() {
    let bank = shipped();
    let table = recomputed();
    let mut wrong = Vec::new();
    for (q, p, kind) in static_keys(&bank) {
        let Some(value) = table.get(&(q.as_str(), p.as_str())) else {
            continue; // reported by the coverage test
        };
        let verdict = match &kind {
            Kind::Ordering { answer, .. } => {
                let computed: Vec<usize> = value.iter().map(|v| *v as usize).collect();
                (&computed == answer).then_some(Verdict::Correct)
            }
            _ => {
                // The computed value, typed in full, graded against the key.
                let typed = value
                    .iter()
                    .map(|v| format!("{v:e}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                grade(&kind, &Response::Typed(typed))
                    .ok()
                    .map(|g| g.verdict)
            }
        };
        if verdict != Some(Verdict::Correct) {
            let key = match &kind {
                Kind::Numeric { answer, .. } => format!("{answer:?}"),
                Kind::Ordering { answer, .. } => format!("{answer:?}"),
                _ => String::new(),
            };
            wrong.push(format!(
                "question `{q}`, part `{p}`: key {key}, computed {value:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "wrong answer keys:\n{}", wrong.join("\n"));
}

#[test]
fn a_wrong_key_is_caught_and_named() {
    // The check itself can fail: corrupt one key and it must be reported.
    let mut bank = shipped();
    let q = bank
        .questions
        .iter_mut()
        .find(|q| q.id == "fp32-rounding")
        .unwrap();
    let part = q.parts.iter_mut().find(|p| p.id == "stored-value").unwrap();
    if let Kind::Numeric { answer, .. } = &mut part.kind {
        answer[0] = 9.9e9; // the report's implicit answer: not what f32 stores
    }
    let table = recomputed();
    let (_, _, kind) = static_keys(&bank)
        .into_iter()
        .find(|(q, p, _)| q == "fp32-rounding" && p == "stored-value")
        .unwrap();
    let value = &table[&("fp32-rounding", "stored-value")];
    let g = grade(&kind, &Response::Typed(format!("{:e}", value[0]))).unwrap();
    assert_eq!(g.verdict, Verdict::Incorrect);
}
