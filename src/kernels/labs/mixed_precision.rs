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

use super::float_lab::{Fmt, Op};
use super::InputError;

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
            format!("步数最多 {MAX_STEPS}。"),
            format!("At most {MAX_STEPS} steps."),
        ));
    }
    if !(p.scale > 0.0 && p.scale.log2().fract() == 0.0) {
        return Err(InputError::new(
            "scale",
            "缩放因子应是 2 的正整数次幂，例如 1024。",
            "The scale should be a power of two, such as 1024.",
        ));
    }
    let h = Fmt::F16;
    let (w16, lr16, g16) = (h.round(p.w), h.round(p.lr), h.round(p.g));
    if !w16.is_finite() {
        return Err(InputError::new(
            "w",
            "w 超出了 fp16 的范围（最大 65504）。",
            "w is outside fp16's range (largest 65504).",
        ));
    }
    let u16 = h.apply(Op::Mul, lr16, g16);
    if !u16.is_finite() {
        return Err(InputError::new(
            "lr",
            "lr·g 超出了 fp16 的范围。",
            "lr·g is outside fp16's range.",
        ));
    }
    let f = Fmt::F32;
    let u32 = f.apply(Op::Mul, f.round(p.lr), f.round(p.g));
    let (mut a, mut b, mut c) = (w16, f.round(p.w), f.round(p.w));
    let mut stall_step = None;
    for step in 1..=p.steps {
        let next = h.apply(Op::Sub, a, u16);
        if next == a && stall_step.is_none() && u16 != 0.0 {
            stall_step = Some(step);
        }
        a = next;
        b = f.apply(Op::Sub, b, u16);
        c = f.apply(Op::Sub, c, u32);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Benchmark, not a test: `.ci/bench` (`cargo test --profile release-full -p ail-kernels --lib bench_ -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn bench_mixed_precision() {
        for steps in [1000, MAX_STEPS] {
            let reps = if steps > 1000 { 20 } else { 2000 };
            let t = std::time::Instant::now();
            let mut acc = 0.0;
            for _ in 0..reps {
                acc += run(&Params { steps, ..BASE }).map_or(0.0, |o| o.w_master);
            }
            println!(
                "bench mixed-precision steps={steps}: {:.1} us (checksum {acc:.3})",
                t.elapsed().as_secs_f64() / reps as f64 * 1e6
            );
        }
    }
}
