//! Inverted dropout keeps the expected activation; batch norm uses batch
//! statistics in training and running statistics at inference.
//!
//! Dropout (PyTorch's `nn.Dropout(p)`): keep each element with probability
//! `1 − p` and divide kept values by `1 − p`, so `E[out] = x`; at inference
//! it is the identity. Batch norm, one channel: `ŷ = γ (x − μ_B) / √(σ²_B + ε) + β`
//! with the biased batch variance; the running statistics are updated as
//! `r ← (1 − m) r + m · stat` with the *unbiased* variance (PyTorch).

use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};
use crate::numeric::rng::SplitMix64;

/// Most elements or batch entries accepted.
pub const MAX_LEN: usize = 64;
/// Most Monte Carlo trials accepted.
pub const MAX_TRIALS: u32 = 100_000;

/// Monte Carlo of inverted dropout.
#[derive(Debug, Clone, PartialEq)]
pub struct DropoutMc {
    /// Mean output per element over all trials (→ x as trials grow).
    pub mean: Vec<f64>,
    /// The first trial's keep mask and output.
    pub sample_mask: Vec<bool>,
    pub sample_out: Vec<f64>,
}

/// The first trial of [`dropout_mc`] alone: its keep mask and output.
#[derive(Debug, Clone, PartialEq)]
pub struct DropoutSample {
    pub mask: Vec<bool>,
    pub out: Vec<f64>,
}

/// The inputs' errors, else the keep probability `1 − p`.
fn check(x: &[f64], p: f64, trials: u32) -> Result<f64, InputError> {
    if !(0.0..1.0).contains(&p) {
        return Err(InputError::new("p", Problem::DropProbability));
    }
    if x.len() > MAX_LEN {
        return Err(InputError::new(
            "x",
            Problem::TooManyValues { max: MAX_LEN },
        ));
    }
    if trials == 0 || trials > MAX_TRIALS {
        return Err(InputError::new(
            "trials",
            Problem::Trials {
                max: MAX_TRIALS as usize,
            },
        ));
    }
    Ok(1.0 - p)
}

/// A unit is kept when u < keep, u = n / 2^53 a uniform double in [0, 1)
/// from the top 53 bits; `limit` is keep·2^53 (exact, [`limit`]), so n < limit is the
/// same test without a division per draw. A function inlined into the loop,
/// not a closure: at opt-level "z" the closure was a call per draw and the
/// loop measured slower.
#[inline(always)]
fn draw(rng: &mut SplitMix64, limit: f64) -> bool {
    ((rng.next_u64() >> 11) as f64) < limit
}

/// keep·2^53, for [`draw`].
fn limit(keep: f64) -> f64 {
    keep * (1u64 << 53) as f64
}

/// One trial's mask and output, drawn from `rng`.
fn trial(x: &[f64], keep: f64, rng: &mut SplitMix64) -> DropoutSample {
    let mask: Vec<bool> = x.iter().map(|_| draw(rng, limit(keep))).collect();
    let out = x
        .iter()
        .zip(&mask)
        .map(|(xi, &k)| if k { xi / keep } else { 0.0 })
        .collect();
    DropoutSample { mask, out }
}

/// [`dropout_mc`]'s first trial and its errors, without the other trials:
/// the part of the lab that follows every edit of a drag.
pub fn dropout_sample(
    x: &[f64],
    p: f64,
    trials: u32,
    seed: u64,
) -> Result<DropoutSample, InputError> {
    let keep = check(x, p, trials)?;
    Ok(trial(x, keep, &mut SplitMix64::new(seed)))
}

/// Runs `trials` inverted-dropout masks from `seed`. Errors: `p` outside
/// [0, 1) (field `p`), too many elements (`x`) or trials (`trials`).
pub fn dropout_mc(x: &[f64], p: f64, trials: u32, seed: u64) -> Result<DropoutMc, InputError> {
    let keep = check(x, p, trials)?;
    let mut rng = SplitMix64::new(seed);
    // The first trial is the sample shown; every trial counts (trials >= 1).
    let first = trial(x, keep, &mut rng);
    let mut kept: Vec<u32> = first.mask.iter().map(|&k| u32::from(k)).collect();
    let limit = limit(keep);
    for _ in 1..trials {
        for k in kept.iter_mut() {
            *k += u32::from(draw(&mut rng, limit));
        }
    }
    Ok(DropoutMc {
        // Each kept draw outputs x / keep: the mean is (count · x / keep) / trials.
        mean: x
            .iter()
            .zip(&kept)
            .map(|(xi, &c)| c as f64 * (xi / keep) / trials as f64)
            .collect(),
        sample_mask: first.mask,
        sample_out: first.out,
    })
}

/// Batch norm of one channel.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchNorm {
    pub mean: f64,
    /// Biased batch variance (used to normalise in training).
    pub var: f64,
    pub train_out: Vec<f64>,
    /// Running mean and variance after one step from (0, 1); `None` for a batch of one
    /// (the unbiased variance is undefined; PyTorch raises an error in training).
    pub running: Option<(f64, f64)>,
    /// Outputs at inference with the running statistics.
    pub infer_out: Option<Vec<f64>>,
}

/// Computes both modes. Errors: empty or oversized batch (`batch`), `eps <= 0`
/// (`eps`), momentum outside [0, 1] (`momentum`).
pub fn batch_norm(
    batch: &[f64],
    gamma: f64,
    beta: f64,
    eps: f64,
    momentum: f64,
) -> Result<BatchNorm, InputError> {
    if batch.is_empty() || batch.len() > MAX_LEN {
        return Err(InputError::new("batch", Problem::BatchLen { max: MAX_LEN }));
    }
    if eps <= 0.0 {
        return Err(InputError::new("eps", Problem::EpsPositive));
    }
    if !(0.0..=1.0).contains(&momentum) {
        return Err(InputError::new("momentum", Problem::Momentum));
    }
    let n = batch.len() as f64;
    let mean = batch.iter().sum::<f64>() / n;
    let ss: f64 = batch.iter().map(|x| (x - mean) * (x - mean)).sum();
    let var = ss / n;
    let norm = |x: f64, m: f64, v: f64| gamma * (x - m) / (v + eps).sqrt() + beta;
    let train_out = batch.iter().map(|&x| norm(x, mean, var)).collect();
    let running = (batch.len() > 1).then(|| {
        (
            momentum * mean,
            (1.0 - momentum) + momentum * ss / (n - 1.0),
        )
    });
    let infer_out = running.map(|(rm, rv)| batch.iter().map(|&x| norm(x, rm, rv)).collect());
    Ok(BatchNorm {
        mean,
        var,
        train_out,
        running,
        infer_out,
    })
}

/// The dropout half's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct DropoutInputs {
    pub x: Vec<f64>,
    pub p: f64,
    /// Monte Carlo trials (values above `u32::MAX` read as `u32::MAX`).
    pub trials: u32,
    pub seed: u64,
}

impl LabInputs for DropoutInputs {
    const DEFAULTS: Defaults = &[
        ("x", "1,2,3,4"),
        ("p", "0.5"),
        ("trials", "10000"),
        ("seed", "1"),
    ];

    fn read(f: &mut Fields) -> Option<Self> {
        let (x, p, trials, seed) = (
            f.vector("x"),
            f.scalar("p"),
            f.whole("trials"),
            f.whole("seed"),
        );
        Some(DropoutInputs {
            x: x?,
            p: p?,
            trials: trials?.min(u32::MAX as u64) as u32,
            seed: seed?,
        })
    }
}

/// The batch norm half's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchNormInputs {
    pub batch: Vec<f64>,
    pub gamma: f64,
    pub beta: f64,
    pub eps: f64,
    pub momentum: f64,
}

impl LabInputs for BatchNormInputs {
    const DEFAULTS: Defaults = &[
        ("batch", "1,2,3,6"),
        ("gamma", "2"),
        ("beta", "0.5"),
        ("eps", "1e-5"),
        ("momentum", "0.1"),
    ];

    fn read(f: &mut Fields) -> Option<Self> {
        let batch = f.vector("batch");
        let [gamma, beta, eps, momentum] =
            ["gamma", "beta", "eps", "momentum"].map(|k| f.scalar(k));
        Some(BatchNormInputs {
            batch: batch?,
            gamma: gamma?,
            beta: beta?,
            eps: eps?,
            momentum: momentum?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    #[test]
    fn bank_batch_norm_example() {
        // [1, 2, 3, 6]: mean 3, biased var 14/4 = 3.5; with eps 0.5, √4 = 2, so 6 → 2·(3/2) + 0.5 = 3.5.
        let bn = batch_norm(&[1.0, 2.0, 3.0, 6.0], 2.0, 0.5, 0.5, 0.1).unwrap();
        assert_eq!((bn.mean, bn.var), (3.0, 3.5));
        assert_eq!(bn.train_out[3], 3.5);
        // Running: 0.1·3 = 0.3; 0.9·1 + 0.1·(14/3) = 1.3666…
        let (rm, rv) = bn.running.unwrap();
        assert!((rm - 0.3).abs() < 1e-15 && (rv - (0.9 + 1.4 / 3.0)).abs() < 1e-15);
    }

    #[test]
    fn batch_of_one_normalises_everything_to_beta_and_has_no_running_variance() {
        let bn = batch_norm(&[42.0], 2.0, 0.5, 1e-5, 0.1).unwrap();
        assert_eq!(bn.train_out, vec![0.5]);
        assert_eq!(bn.running, None);
    }

    #[test]
    fn inverted_dropout_keeps_the_expected_activation() {
        let x = [1.0, 2.0, 3.0, 4.0];
        let mc = dropout_mc(&x, 0.5, 100_000, 1).unwrap();
        // Each output is 0 or 2x with probability 1/2: std of the mean = x/√100000 ≈ 0.0032x; allow 5 sigma.
        for (m, xi) in mc.mean.iter().zip(x) {
            assert!(
                (m - xi).abs() < 5.0 * xi / (100_000f64).sqrt(),
                "{m} vs {xi}"
            );
        }
        for ((k, o), xi) in mc.sample_mask.iter().zip(&mc.sample_out).zip(x) {
            assert_eq!(*o, if *k { xi * 2.0 } else { 0.0 });
        }
        assert_eq!(
            dropout_mc(&x, 0.0, 10, 1).unwrap().mean,
            x.to_vec(),
            "p = 0 keeps everything unscaled"
        );
    }

    #[test]
    fn counting_kept_draws_gives_the_mean_of_the_draws_themselves() {
        let x = [0.5, -2.0, 3.0];
        for (p, trials, seed) in [(0.5, 7, 3), (0.1, 1000, 9), (0.9, 250, 42)] {
            let keep = 1.0 - p;
            let mut rng = SplitMix64::new(seed);
            let mut sum = [0.0; 3];
            for _ in 0..trials {
                for (s, xi) in sum.iter_mut().zip(x) {
                    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                    *s += if u < keep { xi / keep } else { 0.0 };
                }
            }
            let mc = dropout_mc(&x, p, trials, seed).unwrap();
            for (m, s) in mc.mean.iter().zip(sum) {
                let direct = s / trials as f64;
                assert!(
                    (m - direct).abs() <= 1e-12 * direct.abs().max(1.0),
                    "{m} vs {direct}"
                );
            }
        }
    }

    #[test]
    fn the_sample_alone_is_the_first_trial_of_the_monte_carlo() {
        let mut rng = SplitMix64::new(5);
        for _ in 0..200 {
            let n = 1 + rng.below(MAX_LEN as u64) as usize;
            let x: Vec<f64> = (0..n)
                .map(|_| rng.below(2001) as f64 / 100.0 - 10.0)
                .collect();
            let p = rng.below(100) as f64 / 100.0;
            let (trials, seed) = (1 + rng.below(50) as u32, rng.next_u64());
            let (s, mc) = (
                dropout_sample(&x, p, trials, seed).unwrap(),
                dropout_mc(&x, p, trials, seed).unwrap(),
            );
            assert_eq!(
                (&s.mask, &s.out),
                (&mc.sample_mask, &mc.sample_out),
                "x={x:?} p={p} seed={seed}"
            );
        }
        // The same errors, for the same fields.
        for (x, p, trials) in [
            (vec![1.0], 1.0, 10),
            (vec![1.0], 0.5, 0),
            (vec![1.0; MAX_LEN + 1], 0.5, 10),
        ] {
            let (a, b) = (
                dropout_sample(&x, p, trials, 1).unwrap_err(),
                dropout_mc(&x, p, trials, 1).unwrap_err(),
            );
            assert_eq!(a, b);
        }
    }

    #[test]
    fn bad_inputs_name_their_field() {
        assert_eq!(dropout_mc(&[1.0], 1.0, 10, 1).unwrap_err().field, "p");
        assert_eq!(dropout_mc(&[1.0], 0.5, 0, 1).unwrap_err().field, "trials");
        assert_eq!(
            batch_norm(&[], 1.0, 0.0, 1e-5, 0.1).unwrap_err().field,
            "batch"
        );
        assert_eq!(
            batch_norm(&[1.0], 1.0, 0.0, 0.0, 0.1).unwrap_err().field,
            "eps"
        );
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        let q = Query::parse("x=5&trials=99999999999&batch=7");
        assert_eq!(
            DropoutInputs::parse(&q),
            Ok(DropoutInputs {
                x: vec![5.0],
                p: 0.5,
                trials: u32::MAX,
                seed: 1
            })
        );
        assert_eq!(
            BatchNormInputs::parse(&q),
            Ok(BatchNormInputs {
                batch: vec![7.0],
                gamma: 2.0,
                beta: 0.5,
                eps: 1e-5,
                momentum: 0.1
            })
        );
        // Each half reads only its own fields.
        let q = Query::parse("p=x&seed=-1&eps=");
        let e = DropoutInputs::parse(&q).unwrap_err();
        assert_eq!(
            crate::inputs::problems(&e),
            [
                ("p", Problem::NotFinite { text: "x".into() }),
                ("seed", Problem::NotWhole)
            ]
        );
        let e = BatchNormInputs::parse(&q).unwrap_err();
        assert_eq!((e.len(), e[0].field.as_str()), (1, "eps"));
    }
}
