//! Why mixed-precision training keeps an fp32 master copy of the weights,
//! and why it scales the loss.
//!
//! Three runs of `w ← w − lr·g` for N steps: (a) all in fp16, (b) the update
//! `lr·g` computed in fp16 but applied to an fp32 master weight, (c) all in
//! fp32. In (a) an update smaller than half an fp16 ULP of `w` is rounded
//! away every step, so `w` stops moving ("stalls"). Loss scaling: a gradient
//! below fp16's smallest subnormal (2⁻²⁴ ≈ 6e-8) becomes 0; multiplying the
//! loss (hence every gradient) by `scale` before the fp16 cast and dividing
//! in fp32 afterwards keeps it.

use super::float_lab::{FloatFormat, Op};
use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};
use crate::parse_scalar;

/// Largest step count accepted.
pub const MAX_STEPS: u32 = 100_000;

/// Inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub w: f64,
    pub lr: f64,
    pub g: f64,
    pub steps: u32,
    pub gsmall: f64,
    pub scale: f64,
}

/// Results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// Final weight, fp16 only.
    pub w_fp16: f64,
    /// Final fp32 master weight with fp16 updates.
    pub w_master: f64,
    /// Final weight, fp32 only.
    pub w_fp32: f64,
    /// `w − N·lr·g` in f64.
    pub w_exact: f64,
    /// First step (1-based) at which the fp16-only weight did not change; `None` if it always moved.
    pub stall_step: Option<u32>,
    /// `fp16(gsmall)`.
    pub g_fp16: f64,
    /// `fp16(gsmall·scale) / scale`, the division done in fp32.
    pub g_scaled: f64,
}

/// Runs the three updates and the loss-scaling comparison.
///
/// Errors: `steps` above [`MAX_STEPS`] (field `steps`); `scale` not a
/// positive power of two (field `scale`: other scales add rounding of their
/// own); a weight or update that is not finite in fp16 (field `w`/`lr`).
pub fn run(p: &Params) -> Result<Outcome, InputError> {
    if p.steps > MAX_STEPS {
        return Err(InputError::new(
            "steps",
            Problem::TooManySteps {
                max: MAX_STEPS as usize,
            },
        ));
    }
    if !(p.scale > 0.0 && p.scale.log2().fract() == 0.0) {
        return Err(InputError::new("scale", Problem::ScalePowerOfTwo));
    }
    let h = FloatFormat::F16;
    let (w16, lr16, g16) = (h.round(p.w), h.round(p.lr), h.round(p.g));
    if !w16.is_finite() {
        return Err(InputError::new("w", Problem::WeightFp16Range));
    }
    let u16 = h.apply(Op::Mul, lr16, g16);
    if !u16.is_finite() {
        return Err(InputError::new("lr", Problem::StepFp16Range));
    }
    let f = FloatFormat::F32;
    let u32 = f.apply(Op::Mul, f.round(p.lr), f.round(p.g));
    let (a, stall) = descend(h, w16, u16, p.steps);
    let (b, _) = descend(f, f.round(p.w), u16, p.steps);
    let (c, _) = descend(f, f.round(p.w), u32, p.steps);
    // With no update at all, no step "stalls": the weight was never meant to move.
    let stall_step = stall.filter(|_| u16 != 0.0);
    Ok(Outcome {
        w_fp16: a,
        w_master: b,
        w_fp32: c,
        w_exact: p.w - p.steps as f64 * p.lr * p.g,
        stall_step,
        g_fp16: h.round(p.gsmall),
        g_scaled: f.apply(Op::Div, h.round(f.round(p.gsmall * p.scale)), p.scale),
    })
}

/// `steps` updates `x ← fmt(x − u)` from `x0` (a value of `fmt`, and `u`
/// too): the final `x`, and the first step (1-based) that left `x` where it
/// was, after which it never moves again.
///
/// The same result as doing every step (a test checks it against that loop),
/// without doing every step. Where the values between `lo` and `hi` all lie
/// on one grid of spacing `s` (one binade, or the subnormals around zero), a
/// step from any grid point `y` with `y − u` in `[lo, hi]` rounds to
/// `y − d` with the same `d` (the multiple of `s` nearest `u`), unless `u`
/// is exactly halfway between two multiples of `s`: there ties to even make
/// `d` depend on `y`, but only until `y` is even, which one step makes it.
/// So the run jumps straight to the last step that stays inside the grid,
/// and takes single steps only at a grid's edge, at the first step of a
/// tie, and past the float range: 100,000 steps take a few dozen jumps.
pub fn descend(fmt: FloatFormat, x0: f64, u: f64, steps: u32) -> (f64, Option<u32>) {
    let (_, _, frac) = fmt.layout();
    let p = frac as i32 + 1;
    let emin = 1 - fmt.bias();
    let max = (2.0 - 2f64.powi(1 - p)) * 2f64.powi(fmt.bias());
    let mut x = x0;
    let mut done = 0u32;
    while done < steps {
        let next = fmt.apply(Op::Sub, x, u);
        if next == x {
            // A fixed point: every later step is this one. (Taking `next`
            // turns a −0 into the +0 that the next step would give.)
            return (next, Some(done + 1));
        }
        if !(x.is_finite() && next.is_finite()) {
            (x, done) = (next, done + 1);
            continue;
        }
        // The grid x is on: [lo, hi] with spacing s.
        let (lo, hi, s) = if x.abs() < 2f64.powi(emin) {
            let b = 2f64.powi(emin);
            (-b, b, 2f64.powi(emin - p + 1))
        } else {
            // x is a normal f64: its binary exponent is in its bits.
            let e = ((x.abs().to_bits() >> 52) & 0x7ff) as i32 - 1023;
            let top = 2f64.powi(e + 1).min(max);
            let (lo, hi) = if x > 0.0 {
                (2f64.powi(e), top)
            } else {
                (-top, -2f64.powi(e))
            };
            (lo, hi, 2f64.powi(e - p + 1))
        };
        // At a tie the result is the even neighbour, so from an even grid
        // point (x / s even) every step takes the same even d.
        let tie = (u / s).abs().fract() == 0.5;
        let even = (x / s) % 2.0 == 0.0;
        let d = x - next;
        // Steps k = 0..n from y_k = x − k·d stay on the grid while y_k − u
        // is in [lo, hi]; `room` is the largest such k, computed in f64 and
        // rounded down with a margin, so it may be low but never high.
        let room = if d > 0.0 {
            (x - u - lo) / d
        } else {
            (hi - (x - u)) / -d
        };
        let n = if (tie && !even) || room.is_nan() || room < 1.0 {
            1
        } else {
            ((room - 1e-3).floor() as u64 + 1).min(u64::from(steps - done)) as u32
        };
        x -= f64::from(n) * d;
        done += n;
    }
    (x, None)
}

impl LabInputs for Params {
    const DEFAULTS: Defaults = &[
        ("w", "1"),
        ("lr", "0.001"),
        ("g", "0.1"),
        ("steps", "1000"),
        ("gsmall", "1e-8"),
        ("scale", "1024"),
    ];

    fn read(f: &mut Fields) -> Option<Self> {
        let [w, lr, g] = ["w", "lr", "g"].map(|k| f.scalar(k));
        let steps = f.get("steps", |k, s| match parse_scalar(k, s)? {
            s if s >= 0.0 && s.fract() == 0.0 && s <= u32::MAX as f64 => Ok(s as u32),
            _ => Err(InputError::new(k, Problem::StepsNotWhole)),
        });
        let [gsmall, scale] = ["gsmall", "scale"].map(|k| f.scalar(k));
        Some(Params {
            w: w?,
            lr: lr?,
            g: g?,
            steps: steps?,
            gsmall: gsmall?,
            scale: scale?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::rng::SplitMix64;
    use crate::query::Query;

    /// Every step, as `run` did before `descend`.
    fn plain(fmt: FloatFormat, x0: f64, u: f64, steps: u32) -> (f64, Option<u32>) {
        let (mut x, mut stall) = (x0, None);
        for step in 1..=steps {
            let next = fmt.apply(Op::Sub, x, u);
            if next == x && stall.is_none() {
                stall = Some(step);
            }
            x = next;
        }
        (x, stall)
    }

    #[test]
    fn descend_matches_the_plain_loop() {
        let mut rng = SplitMix64::new(7);
        let mut uniform =
            |lo: f64, hi: f64| lo + (hi - lo) * (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let (mut jumped, mut ties, mut stalls) = (0, 0, 0);
        for i in 0..6000 {
            let fmt = [FloatFormat::F16, FloatFormat::F32, FloatFormat::Bf16][i % 3];
            let (_, _, frac) = fmt.layout();
            let emin = 1 - fmt.bias();
            // Starting points from the subnormals to near the top of the range, either sign.
            let mag = 2f64.powf(uniform(f64::from(emin - 12), f64::from(fmt.bias()) + 0.9));
            let x0 = fmt.round(if uniform(0.0, 1.0) < 0.5 { -mag } else { mag });
            let e = x0.abs().log2().floor().max(f64::from(emin));
            let s = 2f64.powf(e - f64::from(frac));
            // Updates from far below the spacing at x0 to many spacings, some exactly
            // halfway between two multiples of it (ties), some negative.
            let u = match i % 4 {
                0 => fmt.round(s * (uniform(0.0, 40.0).floor() + 0.5)),
                1 => fmt.round(s * 2f64.powf(uniform(-3.0, 8.0))),
                2 => fmt.round(-s * 2f64.powf(uniform(-3.0, 8.0))),
                _ => fmt.round(mag * 2f64.powf(uniform(-30.0, 0.0))),
            };
            let steps = uniform(0.0, 3000.0) as u32;
            let got = descend(fmt, x0, u, steps);
            let want = plain(fmt, x0, u, steps);
            assert_eq!(
                (got.0.to_bits(), got.1),
                (want.0.to_bits(), want.1),
                "{fmt:?} x0={x0:e} u={u:e} steps={steps}: got {got:?}, want {want:?}"
            );
            jumped += usize::from(want.0 != x0 && want.1.is_none());
            ties += usize::from((u / s).abs().fract() == 0.5);
            stalls += usize::from(want.1.is_some());
        }
        // The cases cover what they are meant to.
        assert!(
            jumped > 1000 && ties > 500 && stalls > 500,
            "{jumped} {ties} {stalls}"
        );
    }

    #[test]
    fn descend_crosses_zero_binades_and_overflows_like_the_plain_loop() {
        for (fmt, x0, u, steps) in [
            (FloatFormat::F16, 1.0, 0.0009765625, 5000), // down through every binade below 1, past zero
            (FloatFormat::F16, 0.5, 0.0001, 100_000), // into the subnormals, then stalls below zero
            (FloatFormat::F16, -60000.0, 100.0, 100), // to −65504, then −inf
            (FloatFormat::F32, 1.0, 1e-4, 100_000),   // the lab's fp32 run
            (FloatFormat::F16, 6.103515625e-5, 5.96e-8, 3000), // from the smallest normal into the subnormals
        ] {
            let u = fmt.round(u);
            let (got, want) = (descend(fmt, x0, u, steps), plain(fmt, x0, u, steps));
            assert_eq!(
                (got.0.to_bits(), got.1),
                (want.0.to_bits(), want.1),
                "{fmt:?} {x0} {u} {steps}"
            );
        }
        assert_eq!(
            descend(FloatFormat::F16, -60000.0, 100.0, 100).0,
            f64::NEG_INFINITY
        );
    }

    const BASE: Params = Params {
        w: 1.0,
        lr: 0.001,
        g: 0.1,
        steps: 1000,
        gsmall: 1e-8,
        scale: 1024.0,
    };

    #[test]
    fn fp16_weight_stalls_at_step_1_when_the_update_is_below_half_an_ulp() {
        // lr·g = 1e-4 in fp16 ≈ 1.0002e-4 < 2^-11 ≈ 4.88e-4 (half the fp16 ULP at 1.0, 2^-10): 1 - u rounds back to 1.
        let o = run(&BASE).unwrap();
        assert_eq!(o.w_fp16, 1.0);
        assert_eq!(o.stall_step, Some(1));
        assert!(
            (o.w_master - 0.9).abs() < 1e-3,
            "master copy moves: {}",
            o.w_master
        );
        assert!((o.w_fp32 - 0.9).abs() < 1e-4, "{}", o.w_fp32);
        assert!((o.w_exact - 0.9).abs() < 1e-12);
    }

    #[test]
    fn fp16_weight_stalls_later_when_the_update_is_larger() {
        // u = fp16(0.01·0.1) ≈ 1e-3: at w ∈ [0.5, 1) the ULP is 2^-11 ≈ 4.9e-4, so the update is
        // more than half an ULP there and w moves; below 0.5 the spacing shrinks and it keeps moving.
        let o = run(&Params {
            lr: 0.01,
            steps: 100,
            ..BASE
        })
        .unwrap();
        assert_eq!(o.stall_step, None);
        // It moves, but each step rounds: 0.90234375, not 0.9 (checked independently with
        // Python's struct 'e' half-precision packing, which rounds to nearest even).
        assert_eq!(o.w_fp16, 0.90234375);
        // At w = 2048 the fp16 ULP is 2: an update of 1e-3 can never move it.
        let o = run(&Params {
            w: 2048.0,
            lr: 0.01,
            steps: 10,
            ..BASE
        })
        .unwrap();
        assert_eq!((o.w_fp16, o.stall_step), (2048.0, Some(1)));
    }

    #[test]
    fn loss_scaling_rescues_a_gradient_that_underflows_in_fp16() {
        let o = run(&BASE).unwrap();
        assert_eq!(
            o.g_fp16, 0.0,
            "1e-8 is below fp16's smallest subnormal 2^-24 ≈ 5.96e-8 (half of it rounds to 0)"
        );
        assert!((o.g_scaled - 1e-8).abs() / 1e-8 < 1e-2, "{}", o.g_scaled);
    }

    #[test]
    fn rejects_bad_scale_steps_and_out_of_range_weights() {
        assert_eq!(
            run(&Params {
                scale: 1000.0,
                ..BASE
            })
            .unwrap_err()
            .field,
            "scale"
        );
        assert_eq!(
            run(&Params {
                steps: MAX_STEPS + 1,
                ..BASE
            })
            .unwrap_err()
            .field,
            "steps"
        );
        assert_eq!(run(&Params { w: 1e6, ..BASE }).unwrap_err().field, "w");
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        assert_eq!(Params::parse(&Query::parse("")), Ok(BASE));
        assert_eq!(
            Params::parse(&Query::parse("steps=1e3&scale=8")),
            Ok(Params { scale: 8.0, ..BASE })
        );
        for (q, problem) in [
            ("steps=1.5", Problem::StepsNotWhole),
            ("steps=-1", Problem::StepsNotWhole),
            ("steps=x", Problem::NotFinite { text: "x".into() }),
        ] {
            let e = Params::parse(&Query::parse(q)).unwrap_err();
            assert_eq!((e.len(), e[0].field.as_str()), (1, "steps"));
            assert_eq!(e[0].problem, problem);
        }
        let e = Params::parse(&Query::parse("w=&g=nan")).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["w", "g"]);
    }
}
