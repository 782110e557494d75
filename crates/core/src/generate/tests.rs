//! Generator tests: determinism, validity over 10,000 seeds, no degenerate
//! instances, and each key against an independent computation.

use std::collections::{BTreeMap, HashSet};

use super::*;
use crate::bank::validate::validate_question;
use crate::bank::{Difficulty, FloatFormat, Part, Tolerance};
use crate::grade::{grade, Response, Verdict};

const SEEDS: u64 = 10_000;

fn draw(name: &str, seed: u64) -> Instance {
    instantiate(name, &BTreeMap::new(), seed).unwrap_or_else(|e| panic!("{name} seed {seed}: {e}"))
}

fn input<'a>(inst: &'a Instance, key: &str) -> &'a str {
    inst.inputs
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no input {key} in {:?}", inst.inputs))
}

fn f(inst: &Instance, key: &str) -> f64 {
    input(inst, key).parse().expect("a number")
}

fn list(inst: &Instance, key: &str) -> Vec<f64> {
    input(inst, key)
        .split([',', ';'])
        .map(|t| t.parse().expect("a number"))
        .collect()
}

fn numeric_key(inst: &Instance) -> (Vec<f64>, Tolerance, Option<FloatFormat>) {
    match &inst.kind {
        Kind::Numeric {
            answer,
            tolerance,
            format,
            ..
        } => (answer.clone(), *tolerance, *format),
        k => panic!("expected numeric, got {}", k.type_name()),
    }
}

fn question_of(inst: &Instance) -> Question {
    Question {
        id: "g".into(),
        topic: "t".into(),
        tags: vec![],
        difficulty: Difficulty::Easy,
        prompt: inst.prompt.clone(),
        kind: inst.kind.clone(),
        answer: text("答".into(), "answer".into()),
        explanation: inst.explanation.clone(),
        follow_ups: vec![],
        parts: vec![],
    }
}

/// The response a learner who knows the key would give.
fn perfect(kind: &Kind) -> Response {
    match kind {
        Kind::Single { correct, .. } => Response::Choice(*correct),
        Kind::Multi { correct, .. } => Response::Choices(correct.clone()),
        Kind::Numeric { answer, .. } => Response::Typed(
            answer
                .iter()
                .map(|v| format!("{v:e}"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Kind::Ordering { answer, .. } => Response::Typed(
            answer
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(","),
        ),
        k => panic!("not concrete: {}", k.type_name()),
    }
}

/// Every generator, every one of 10,000 seeds: a valid, gradable, well-formed
/// instance whose own key grades correct, with a lab route that exists.
#[test]
fn every_generator_is_valid_over_10000_seeds() {
    let topics: HashSet<&str> = ["t"].into_iter().collect();
    for g in GENERATORS {
        for seed in 0..SEEDS {
            let inst = draw(g.name, seed);
            let q = question_of(&inst);
            let mut problems = Vec::new();
            validate_question(&q, &topics, &mut problems);
            assert!(problems.is_empty(), "{} seed {seed}: {problems:?}", g.name);
            let graded = grade(&inst.kind, &perfect(&inst.kind))
                .unwrap_or_else(|e| panic!("{} seed {seed}: {e:?}", g.name));
            assert_eq!(graded.verdict, Verdict::Correct, "{} seed {seed}", g.name);
            if let Some(route) = &inst.lab {
                let slug = route.split('?').next().unwrap_or_default();
                assert!(ail_labs::lab(slug).is_some(), "{} links to {slug}", g.name);
            }
            assert!(!inst.inputs.is_empty(), "{}", g.name);
        }
    }
}

#[test]
fn there_are_at_least_12_generators_with_unique_kebab_names() {
    assert!(GENERATORS.len() >= 12);
    let names: HashSet<&str> = GENERATORS.iter().map(|g| g.name).collect();
    assert_eq!(names.len(), GENERATORS.len());
    assert!(GENERATORS
        .iter()
        .all(|g| crate::bank::validate::is_kebab(g.name)));
}

#[test]
fn the_same_seed_gives_the_same_variant_and_seeds_differ() {
    for g in GENERATORS {
        let mut prompts = HashSet::new();
        for seed in 0..200 {
            let a = draw(g.name, seed);
            assert_eq!(a, draw(g.name, seed), "{}", g.name);
            prompts.insert(format!("{}{:?}", a.prompt.en, a.kind));
        }
        // 200 seeds give many distinct variants, not a handful.
        assert!(
            prompts.len() >= 50,
            "{}: only {} variants",
            g.name,
            prompts.len()
        );
    }
}

#[test]
fn fnv1a_matches_published_test_vectors() {
    // From the FNV reference test suite (draft-eastlake-fnv).
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

fn generated_question(id: &str) -> Question {
    let mut q = question_of(&draw("iou", 0));
    q.id = id.into();
    q.kind = Kind::Generated {
        generator: "float-sum".into(),
        params: BTreeMap::new(),
    };
    q.parts = vec![Part {
        id: "more".into(),
        prompt: text("再来".into(), "Another".into()),
        kind: Kind::Generated {
            generator: "perp-foot".into(),
            params: BTreeMap::new(),
        },
        explanation: text("解".into(), "Why".into()),
    }];
    q
}

#[test]
fn a_variant_depends_on_the_seed_and_ids_only() {
    let q = generated_question("q1");
    let a = instantiate_question(&q, 42).unwrap();
    // A copy placed anywhere else (another bank order) gives the same variant.
    let b = instantiate_question(&q.clone(), 42).unwrap();
    assert_eq!(a, b);
    // The question and its part draw from different streams.
    assert_ne!(slot_seed(42, "q1", ""), slot_seed(42, "q1", "more"));
    // Another question id with the same seed gets another variant.
    let other = instantiate_question(&generated_question("q2"), 42).unwrap();
    assert_ne!(a.question.prompt, other.question.prompt);
    // The item's own prompt comes first, the generated one after it.
    let part = &a.question.parts[0];
    assert!(
        part.prompt.en.starts_with("Another\n\n$a = ("),
        "{}",
        part.prompt.en
    );
    assert!(part.explanation.en.ends_with("\n\nWhy"));
    assert!(matches!(a.question.kind, Kind::Numeric { .. }));
    assert!(a.labs[0].as_deref().unwrap().starts_with("float?"));
    assert!(a.labs[1].as_deref().unwrap().starts_with("perp-foot?"));
}

#[test]
fn bad_parameters_are_listed_by_name() {
    let mut p = BTreeMap::new();
    p.insert("digits".to_string(), Param::Range([9.0, 3.0]));
    p.insert("format".to_string(), Param::Word("f8".into()));
    p.insert("colour".to_string(), Param::Word("red".into()));
    let Err(GenError::BadParams(errors)) = instantiate("float-stored-value", &p, 1) else {
        panic!("expected parameter errors");
    };
    let by: BTreeMap<&str, &str> = errors
        .iter()
        .map(|e| (e.param.as_str(), e.message.as_str()))
        .collect();
    assert!(by["colour"].contains("has no parameter `colour`"), "{by:?}");
    assert!(by["format"].contains("unknown choice `f8`"), "{by:?}");
    assert!(by["digits"].contains("[9, 3] is empty"), "{by:?}");
    let mut p = BTreeMap::new();
    p.insert("digits".to_string(), Param::Range([1.0, 3.0]));
    let Err(GenError::BadParams(e)) = instantiate("float-stored-value", &p, 1) else {
        panic!("expected a bound error");
    };
    assert!(e[0].message.contains("outside the allowed [2, 7]"), "{e:?}");
    assert!(matches!(
        instantiate("no-such", &BTreeMap::new(), 1),
        Err(GenError::UnknownGenerator { .. })
    ));
}

#[test]
fn impossible_ranges_are_reported_not_looped_on() {
    // f16 with 7 significant digits never fits below 65504.
    let mut p = BTreeMap::new();
    p.insert("format".to_string(), Param::Word("f16".into()));
    p.insert("digits".to_string(), Param::Number(7.0));
    assert_eq!(
        instantiate("float-stored-value", &p, 3),
        Err(GenError::NoInstance {
            generator: "float-stored-value".into()
        })
    );
}

// ---------------------------------------------------------------- independent float reference

/// `x` rounded to a binary format with `p` significant bits, smallest normal
/// exponent `emin` and largest exponent `emax`, round to nearest, ties to
/// even, by integer arithmetic on the f64's bits (no `half`, no `as f32`).
fn round_rne(x: f64, p: i32, emin: i32, emax: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let bits = x.abs().to_bits();
    let field = (bits >> 52) as i32;
    let (mant, e) = if field == 0 {
        (bits & ((1 << 52) - 1), -1074)
    } else {
        ((bits & ((1 << 52) - 1)) | (1 << 52), field - 1075)
    };
    // |x| = mant · 2^e; leading bit at 2^top.
    let top = e + 63 - mant.leading_zeros() as i32;
    let quantum = top.max(emin) - (p - 1);
    let rounded = if quantum <= e {
        mant as f64 * 2f64.powi(e - quantum)
    } else {
        let shift = (quantum - e) as u32;
        if shift > 60 {
            0.0
        } else {
            let keep = mant >> shift;
            let rem = mant & ((1u64 << shift) - 1);
            let half = 1u64 << (shift - 1);
            let up = rem > half || (rem == half && keep & 1 == 1);
            (keep + up as u64) as f64
        }
    };
    let value = rounded * 2f64.powi(quantum);
    let max = (2.0 - 2f64.powi(1 - p)) * 2f64.powi(emax);
    x.signum() * if value > max { f64::INFINITY } else { value }
}

fn layout(fmt: &str) -> (i32, i32, i32) {
    match fmt {
        "f32" => (24, -126, 127),
        "f16" => (11, -14, 15),
        "bf16" => (8, -126, 127),
        other => panic!("{other}"),
    }
}

#[test]
fn the_reference_rounding_agrees_with_known_cases() {
    // 9.9e9 = 1.0010011100001...₂ × 2^33: f32 keeps 24 bits, grid 2^10.
    assert_eq!(round_rne(9.9e9, 24, -126, 127), 9_900_000_256.0);
    // bf16: grid 2^26 there; 9.9e9 / 2^26 = 147.52 → 148.
    assert_eq!(round_rne(9.9e9, 8, -126, 127), 148.0 * 2f64.powi(26));
    // f16: 65519.99 rounds down to 65504, 65520 (half a ULP above) to inf.
    assert_eq!(round_rne(65519.99, 11, -14, 15), 65504.0);
    assert_eq!(round_rne(65520.0, 11, -14, 15), f64::INFINITY);
    // f16 subnormals: 2^-25 is a tie between 0 and 2^-24 → 0 (even).
    assert_eq!(round_rne(2f64.powi(-25), 11, -14, 15), 0.0);
    assert_eq!(round_rne(3.0 * 2f64.powi(-25), 11, -14, 15), 2f64.powi(-23));
}

#[test]
fn float_keys_agree_with_bit_level_rounding() {
    for seed in 0..SEEDS {
        let inst = draw("float-stored-value", seed);
        let (p, emin, emax) = layout(input(&inst, "format"));
        let x = f(&inst, "x");
        assert_eq!(x.fract(), 0.0, "x is an integer");
        let (key, tol, _) = numeric_key(&inst);
        assert_eq!(key[0], round_rne(x, p, emin, emax), "stored, seed {seed}");
        assert_ne!(key[0], x, "x must not be representable (seed {seed})");
        assert_eq!(key[0].fract(), 0.0, "integer key (seed {seed})");
        assert_eq!(tol, Tolerance::Absolute { value: 0.0 });

        let inst = draw("float-sum", seed);
        let (p, emin, emax) = layout(input(&inst, "format"));
        let (a, b) = (f(&inst, "a"), f(&inst, "b"));
        assert_eq!(round_rne(a, p, emin, emax), a, "a representable");
        assert_eq!(round_rne(b, p, emin, emax), b, "b representable");
        let exact = a + b;
        assert_eq!(exact - a, b, "a + b is exact in f64 (seed {seed})");
        let (key, _, _) = numeric_key(&inst);
        assert_eq!(key[0], round_rne(exact, p, emin, emax), "sum, seed {seed}");
        assert!(key[0].is_finite(), "no unintended overflow (seed {seed})");
        // Not a tie: twice the exact sum is not an odd multiple of the ULP.
        let ulp = 2f64.powi(a.log2().floor() as i32 - p + 1);
        assert_ne!(
            (exact / (ulp / 2.0)).rem_euclid(2.0),
            1.0,
            "tie, seed {seed}"
        );

        let inst = draw("ulp", seed);
        let (p, emin, emax) = layout(input(&inst, "format"));
        let x = f(&inst, "x");
        let stored = round_rne(x, p, emin, emax);
        let exp = ((stored.to_bits() >> 52) & 0x7ff) as i32 - 1023;
        assert!(exp >= emin && exp <= emax, "normal (seed {seed})");
        let (key, _, _) = numeric_key(&inst);
        assert_eq!(key[0], 2f64.powi(exp - p + 1), "ulp, seed {seed}");

        let inst = draw("f16-underflow", seed);
        let g = f(&inst, "g");
        assert!(
            g < 2f64.powi(-14),
            "below the smallest normal (seed {seed})"
        );
        let (key, _, format) = numeric_key(&inst);
        assert_eq!(key[0], round_rne(g, 11, -14, 15), "underflow, seed {seed}");
        assert_eq!(format, Some(FloatFormat::F16));
        let steps = g / 2f64.powi(-24);
        assert!(
            (steps - steps.floor() - 0.5).abs() > 1e-6,
            "not a tie (seed {seed})"
        );
    }
}

#[test]
fn f16_overflow_is_decided_by_the_65520_threshold_with_both_outcomes_drawn() {
    let (mut inf, mut finite) = (0, 0);
    for seed in 0..SEEDS {
        let inst = draw("f16-overflow", seed);
        let a = f(&inst, "a");
        assert_eq!(round_rne(a, 11, -14, 15), a);
        let square = round_rne(a * a, 11, -14, 15);
        let Kind::Single { correct, options } = &inst.kind else {
            panic!("single")
        };
        assert_eq!(options.len(), 4);
        if square.is_infinite() {
            assert_eq!(*correct, 0, "seed {seed}");
            inf += 1;
        } else {
            assert_eq!(*correct, 2, "seed {seed}");
            assert_eq!(
                options[2].text.en,
                ail_labs::exact::exact_decimal(square).unwrap()
            );
            finite += 1;
        }
        // Never within 5 % of the threshold.
        assert!((a * a / 65520.0 - 1.0).abs() >= 0.05, "seed {seed}");
    }
    assert!(inf > 1000 && finite > 1000, "inf {inf}, finite {finite}");
}

#[test]
fn hex_answers_of_float_variants_are_accepted() {
    use ail_labs::float_lab::Stored;
    for seed in 0..500 {
        let inst = draw("float-stored-value", seed);
        let (key, _, format) = numeric_key(&inst);
        let hex = Stored::of(format.unwrap(), key[0]).hex();
        let g = grade(&inst.kind, &Response::Typed(hex.clone())).unwrap();
        assert_eq!(g.verdict, Verdict::Correct, "{hex}");
        // The neighbour's bit pattern is one ULP off and wrong.
        let off = u64::from_str_radix(&hex[2..], 16).unwrap() - 1;
        let g = grade(&inst.kind, &Response::Typed(format!("0x{off:x}"))).unwrap();
        assert_eq!(g.verdict, Verdict::Incorrect);
        assert_eq!(g.numeric[0].ulps, Some(1));
    }
}

// ---------------------------------------------------------------- geometry

fn ints(inst: &Instance, key: &str) -> Vec<f64> {
    list(inst, key)
}

#[test]
fn perp_foot_residual_is_orthogonal_to_the_line() {
    for seed in 0..SEEDS {
        let inst = draw("perp-foot", seed);
        let (a, b, c) = (ints(&inst, "a"), ints(&inst, "b"), ints(&inst, "c"));
        let (d, _, _) = numeric_key(&inst);
        let u: Vec<f64> = b.iter().zip(&a).map(|(x, y)| x - y).collect();
        let r: Vec<f64> = c.iter().zip(&d).map(|(x, y)| x - y).collect();
        let da: Vec<f64> = d.iter().zip(&a).map(|(x, y)| x - y).collect();
        let dot: f64 = r.iter().zip(&u).map(|(x, y)| x * y).sum();
        let uu: f64 = u.iter().map(|x| x * x).sum();
        assert!(uu >= 4.0, "a and b apart (seed {seed})");
        assert!(
            dot.abs() < 1e-9 * uu.max(1.0) * 100.0,
            "orthogonal (seed {seed}): {dot}"
        );
        // d - a is parallel to u: all 2×2 minors vanish.
        for i in 0..u.len() {
            for j in i + 1..u.len() {
                assert!(
                    (da[i] * u[j] - da[j] * u[i]).abs() < 1e-9 * 100.0,
                    "seed {seed}"
                );
            }
        }
        let dist: f64 = r.iter().map(|x| x * x).sum::<f64>().sqrt();
        assert!(dist >= 0.5, "c off the line (seed {seed})");
    }
}

/// A random orthogonal matrix: Gram-Schmidt on a seeded random matrix.
fn orthogonal(n: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = SplitMix64::new(seed);
    let mut cols: Vec<Vec<f64>> = Vec::new();
    while cols.len() < n {
        let mut v: Vec<f64> = (0..n)
            .map(|_| rng.below(2001) as f64 / 1000.0 - 1.0)
            .collect();
        for c in &cols {
            let d: f64 = v.iter().zip(c).map(|(x, y)| x * y).sum();
            v.iter_mut().zip(c).for_each(|(x, y)| *x -= d * y);
        }
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 1e-3 {
            cols.push(v.iter().map(|x| x / norm).collect());
        }
    }
    (0..n)
        .map(|i| (0..n).map(|j| cols[j][i]).collect())
        .collect()
}

#[test]
fn eigen_perm_keys_sort_l_and_keep_the_reconstruction() {
    use ail_labs::eigen_perm::{max_abs_diff, recompose};
    for seed in 0..SEEDS {
        let inst = draw("eigen-perm", seed);
        let values = ints(&inst, "values");
        let Kind::Ordering { answer: perm, .. } = &inst.kind else {
            panic!("ordering")
        };
        let permuted: Vec<f64> = perm.iter().map(|&k| values[k]).collect();
        let ascending = input(&inst, "order") == "ascending";
        assert!(
            permuted
                .windows(2)
                .all(|w| if ascending { w[0] < w[1] } else { w[0] > w[1] }),
            "strictly sorted, no ties (seed {seed})"
        );
        if seed % 20 == 0 {
            let n = values.len();
            let q = orthogonal(n, seed);
            let s = recompose(&q, &values);
            let q2: Vec<Vec<f64>> = q
                .iter()
                .map(|row| perm.iter().map(|&k| row[k]).collect())
                .collect();
            assert!(
                max_abs_diff(&recompose(&q2, &permuted), &s) < 1e-9,
                "seed {seed}"
            );
        }
    }
}

/// IoU by counting unit cells: independent of the interval formula.
fn iou_by_cells(p: &[f64], q: &[f64]) -> f64 {
    let inside = |b: &[f64], x: f64, y: f64| x >= b[0] && x < b[2] && y >= b[1] && y < b[3];
    let (x0, x1) = (p[0].min(q[0]) as i64, p[2].max(q[2]) as i64);
    let (y0, y1) = (p[1].min(q[1]) as i64, p[3].max(q[3]) as i64);
    let (mut inter, mut union) = (0u32, 0u32);
    for x in x0..x1 {
        for y in y0..y1 {
            let (a, b) = (inside(p, x as f64, y as f64), inside(q, x as f64, y as f64));
            inter += (a && b) as u32;
            union += (a || b) as u32;
        }
    }
    inter as f64 / union as f64
}

#[test]
fn iou_keys_agree_with_cell_counting() {
    for seed in 0..SEEDS {
        let inst = draw("iou", seed);
        let (p, q) = (ints(&inst, "p"), ints(&inst, "q"));
        let (key, _, _) = numeric_key(&inst);
        let cells = iou_by_cells(&p, &q);
        assert!(
            (key[0] - cells).abs() < 1e-12,
            "seed {seed}: {} vs {cells}",
            key[0]
        );
        assert!((0.05..=0.95).contains(&key[0]), "seed {seed}");
    }
}

/// Greedy NMS written out directly: repeatedly take the best remaining box
/// and drop everything that overlaps it by more than `t`.
fn nms_reference(boxes: &[Vec<f64>], t: f64) -> Vec<usize> {
    let iou = |a: &[f64], b: &[f64]| iou_by_cells(a, b);
    let mut remaining: Vec<usize> = (0..boxes.len()).collect();
    let mut kept = Vec::new();
    while let Some(&best) = remaining
        .iter()
        .max_by(|&&a, &&b| boxes[a][4].total_cmp(&boxes[b][4]))
    {
        kept.push(best);
        remaining.retain(|&j| j != best && iou(&boxes[best], &boxes[j]) <= t);
    }
    kept.sort_unstable();
    kept
}

#[test]
fn nms_keys_agree_with_a_direct_reference_and_the_parallel_form() {
    use ail_labs::nms::parallel;
    for seed in 0..SEEDS {
        let inst = draw("nms-survivors", seed);
        let t = f(&inst, "threshold");
        let boxes: Vec<Vec<f64>> = input(&inst, "boxes")
            .split(';')
            .map(|b| b.split(',').map(|v| v.parse().unwrap()).collect())
            .collect();
        let Kind::Multi { correct, options } = &inst.kind else {
            panic!("multi")
        };
        assert_eq!(options.len(), boxes.len());
        let scores: HashSet<u64> = boxes.iter().map(|b| b[4].to_bits()).collect();
        assert_eq!(scores.len(), boxes.len(), "distinct scores (seed {seed})");
        assert!(
            correct.len() >= 2 && correct.len() < boxes.len(),
            "seed {seed}"
        );
        if seed % 10 == 0 {
            assert_eq!(correct, &nms_reference(&boxes, t), "seed {seed}");
        }
        let scored: Vec<ail_labs::nms::ScoredBox> = boxes
            .iter()
            .map(|b| ail_labs::nms::ScoredBox {
                x1: b[0],
                y1: b[1],
                x2: b[2],
                y2: b[3],
                score: b[4],
            })
            .collect();
        assert_eq!(&parallel(&scored, t).kept, correct, "seed {seed}");
        for i in 0..scored.len() {
            for j in i + 1..scored.len() {
                let v = ail_labs::nms::iou(&scored[i], &scored[j]);
                assert!((v - t).abs() >= geometry::NMS_MARGIN, "seed {seed}");
            }
        }
    }
}

// ---------------------------------------------------------------- training

fn sigmoid_ref(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

#[test]
fn loss_gradients_agree_with_finite_differences() {
    let mut kinds = HashSet::new();
    for seed in 0..SEEDS {
        let inst = draw("ce-mse-gradient", seed);
        let (w, x, b, y) = (f(&inst, "w"), f(&inst, "x"), f(&inst, "b"), f(&inst, "y"));
        let mse = input(&inst, "loss") == "mse";
        kinds.insert(mse);
        let loss = |w: f64| {
            let s = sigmoid_ref(w * x + b);
            if mse {
                (y - s).powi(2)
            } else {
                -y * s.ln() - (1.0 - y) * (1.0 - s).ln()
            }
        };
        let h = 1e-6;
        let fd = (loss(w + h) - loss(w - h)) / (2.0 * h);
        let (key, _, _) = numeric_key(&inst);
        assert!(key[0].abs() >= 1e-3, "seed {seed}");
        assert!(
            (key[0] - fd).abs() <= 1e-5 * key[0].abs().max(1e-2),
            "seed {seed}: {} vs {fd}",
            key[0]
        );
    }
    assert_eq!(kinds.len(), 2);
}

#[test]
fn adam_keys_agree_with_the_unrolled_update() {
    for seed in 0..SEEDS {
        let inst = draw("adam-step", seed);
        let (w0, lr) = (f(&inst, "w0"), f(&inst, "lr"));
        let grads = list(&inst, "grads");
        // m̂_t and v̂_t as bias-corrected weighted averages of the gradients so far.
        let mut w = w0;
        for t in 1..=grads.len() {
            let weights = |beta: f64| -> Vec<f64> {
                (1..=t)
                    .map(|i| (1.0 - beta) * beta.powi((t - i) as i32))
                    .collect()
            };
            let (a, b) = (weights(0.9), weights(0.999));
            let m_hat: f64 =
                a.iter().zip(&grads).map(|(k, g)| k * g).sum::<f64>() / a.iter().sum::<f64>();
            let v_hat: f64 =
                b.iter().zip(&grads).map(|(k, g)| k * g * g).sum::<f64>() / b.iter().sum::<f64>();
            w -= lr * m_hat / (v_hat.sqrt() + 1e-8);
        }
        let (key, tol, _) = numeric_key(&inst);
        assert!((key[0] - w).abs() < 1e-12, "seed {seed}: {} vs {w}", key[0]);
        assert_eq!(tol, Tolerance::Absolute { value: lr * 1e-3 });
        // The first step moves by lr·sign(g1), almost exactly.
        if grads.len() == 1 {
            assert!((w0 - key[0] - lr * grads[0].signum()).abs() < lr * 1e-6);
        }
    }
}

#[test]
fn conv_shapes_agree_with_counting_window_positions() {
    for seed in 0..SEEDS {
        let inst = draw("conv-output-shape", seed);
        let n = |k: &str| -> i64 { input(&inst, k).parse().unwrap() };
        let (c, h, w, k, s, p) = (n("c"), n("h"), n("w"), n("k"), n("stride"), n("pad"));
        let count = |size: i64| (0..).take_while(|i| i * s + k <= size + 2 * p).count() as f64;
        let (ho, wo) = (count(h), count(w));
        assert!(ho >= 1.0 && wo >= 1.0, "seed {seed}");
        let (key, _, _) = numeric_key(&inst);
        let expected = if input(&inst, "ask") == "im2col" {
            vec![(c * k * k) as f64, ho * wo]
        } else {
            vec![ho, wo]
        };
        assert_eq!(key, expected, "seed {seed}");
    }
}

#[test]
fn dist_matmul_keys_match_the_block_accounting() {
    for seed in 0..2000 {
        let inst = draw("dist-matmul-memory", seed);
        let n: u64 = input(&inst, "n").parse().unwrap();
        let block = (n / 2) * (n / 2);
        let buffer = if input(&inst, "budget") == "1" {
            block
        } else {
            block / 2
        };
        let (key, _, _) = numeric_key(&inst);
        assert_eq!(
            key,
            vec![(3 * block + buffer) as f64, (2 * block) as f64],
            "seed {seed}"
        );
        let budget = if input(&inst, "budget") == "1" {
            n * n
        } else {
            n * n * 7 / 8
        };
        assert!(key[0] <= budget as f64, "seed {seed}");
    }
}

#[test]
fn bn_keys_agree_with_the_definition() {
    for seed in 0..SEEDS {
        let inst = draw("bn-output", seed);
        let batch = list(&inst, "batch");
        let (gamma, beta, eps) = (f(&inst, "gamma"), f(&inst, "beta"), f(&inst, "eps"));
        let i: usize = input(&inst, "i").parse().unwrap();
        let n = batch.len() as f64;
        let mean = batch.iter().sum::<f64>() / n;
        let var = batch.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        assert!(var > 0.0, "seed {seed}");
        let y = gamma * (batch[i] - mean) / (var + eps).sqrt() + beta;
        let (key, _, _) = numeric_key(&inst);
        assert!((key[0] - y).abs() < 1e-12, "seed {seed}");
    }
}
