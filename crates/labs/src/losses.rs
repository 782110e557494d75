//! Sigmoid with MSE vs cross-entropy: values and gradients with respect to
//! the weight, checked against central differences, and why MSE's gradient
//! vanishes when the sigmoid saturates.
//!
//! Model: `z = w x + b`, `s = σ(z) = 1 / (1 + e^{-z})`. Losses:
//! `MSE = (y - s)²`, `CE = -y ln s - (1 - y) ln(1 - s)`. Gradients:
//! `∂MSE/∂w = -2 (y - s) s (1 - s) x` and `∂CE/∂w = (s - y) x`.

use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};

/// `σ(z)` without overflow for any finite `z` (result in [0, 1]).
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// `ln(1 + e^z)` without overflow or cancellation.
fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

/// Inputs of the loss lab.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub w: f64,
    pub x: f64,
    pub b: f64,
    /// Target in [0, 1].
    pub y: f64,
}

/// Values and gradients at one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grads {
    pub z: f64,
    pub s: f64,
    pub mse: f64,
    pub ce: f64,
    pub grad_mse: f64,
    pub grad_ce: f64,
    pub num_grad_mse: f64,
    pub num_grad_ce: f64,
}

fn mse_at(p: &Point, w: f64) -> f64 {
    let s = sigmoid(w * p.x + p.b);
    (p.y - s) * (p.y - s)
}

/// CE computed from the logit: `softplus(z) - y z` (stable even when `s` rounds to 0 or 1).
fn ce_at(p: &Point, w: f64) -> f64 {
    let z = w * p.x + p.b;
    softplus(z) - p.y * z
}

/// Analytic and numerical gradients. The numerical ones use central
/// differences with `h = 1e-5 · max(1, |w|)`; their error is O(h²) plus
/// rounding of about `1e-11 / h` relative to the loss.
pub fn gradients(p: &Point) -> Result<Grads, InputError> {
    if !(0.0..=1.0).contains(&p.y) {
        return Err(InputError::new("y", Problem::TargetRange));
    }
    let z = p.w * p.x + p.b;
    if !z.is_finite() || z.abs() > 700.0 {
        return Err(InputError::new("w", Problem::LogitTooLarge));
    }
    let s = sigmoid(z);
    let h = 1e-5 * p.w.abs().max(1.0);
    Ok(Grads {
        z,
        s,
        mse: mse_at(p, p.w),
        ce: ce_at(p, p.w),
        grad_mse: -2.0 * (p.y - s) * s * (1.0 - s) * p.x,
        grad_ce: (s - p.y) * p.x,
        num_grad_mse: (mse_at(p, p.w + h) - mse_at(p, p.w - h)) / (2.0 * h),
        num_grad_ce: (ce_at(p, p.w + h) - ce_at(p, p.w - h)) / (2.0 * h),
    })
}

/// `(z, |∂MSE/∂z|, |∂CE/∂z|)` at `n` evenly spaced `z` in `[zmin, zmax]` for target `y`.
/// Errors on field `zmin` when the range is empty, reversed or wider than 200.
pub fn curve(y: f64, zmin: f64, zmax: f64, n: usize) -> Result<Vec<(f64, f64, f64)>, InputError> {
    if !(zmin < zmax && zmax - zmin <= 200.0) {
        return Err(InputError::new("zmin", Problem::PlotRange));
    }
    Ok((0..n)
        .map(|i| {
            let z = zmin + (zmax - zmin) * i as f64 / (n.max(2) - 1) as f64;
            let s = sigmoid(z);
            (z, (2.0 * (y - s) * s * (1.0 - s)).abs(), (s - y).abs())
        })
        .collect())
}

/// The lab's inputs: the point, and the range of `z` to plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inputs {
    pub point: Point,
    pub zmin: f64,
    pub zmax: f64,
}

impl LabInputs for Inputs {
    const DEFAULTS: Defaults = &[
        ("w", "-1.5"),
        ("x", "2"),
        ("b", "0.5"),
        ("y", "1"),
        ("zmin", "-8"),
        ("zmax", "8"),
    ];

    fn read(f: &mut Fields) -> Option<Self> {
        let [w, x, b, y, zmin, zmax] = ["w", "x", "b", "y", "zmin", "zmax"].map(|k| f.scalar(k));
        Some(Inputs {
            point: Point {
                w: w?,
                x: x?,
                b: b?,
                y: y?,
            },
            zmin: zmin?,
            zmax: zmax?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    const BANK: Point = Point {
        w: -1.5,
        x: 2.0,
        b: 0.5,
        y: 1.0,
    };

    #[test]
    fn bank_gradients_match_the_answer_key() {
        // z = -2.5, s = 0.0758582..., dMSE/dw = -2(1-s)s(1-s)·2 = -0.259143..., dCE/dw = (s-1)·2 = -1.848283...
        let g = gradients(&BANK).unwrap();
        assert!((g.grad_mse - -0.259143).abs() < 1e-6, "{}", g.grad_mse);
        assert!((g.grad_ce - -1.848284).abs() < 1e-6, "{}", g.grad_ce);
    }

    #[test]
    fn analytic_gradients_agree_with_central_differences() {
        let mut r = crate::numeric::rng::SplitMix64::new(5);
        for _ in 0..2000 {
            let u = |r: &mut crate::numeric::rng::SplitMix64| r.below(20001) as f64 / 1000.0 - 10.0;
            let p = Point {
                w: u(&mut r) / 2.0,
                x: u(&mut r) / 2.0,
                b: u(&mut r),
                y: r.below(2) as f64,
            };
            let g = gradients(&p).unwrap();
            for (a, n) in [(g.grad_mse, g.num_grad_mse), (g.grad_ce, g.num_grad_ce)] {
                assert!(
                    (a - n).abs() <= 1e-6 * (1.0 + a.abs()),
                    "{p:?}: analytic {a} numerical {n}"
                );
            }
        }
    }

    #[test]
    fn mse_gradient_vanishes_when_saturated_wrong_but_ce_does_not() {
        // y = 1, z = -10: the prediction is confidently wrong.
        let p = Point {
            w: -5.0,
            x: 2.0,
            b: 0.0,
            y: 1.0,
        };
        let g = gradients(&p).unwrap();
        assert!(g.mse > 0.99);
        assert!(g.grad_mse.abs() < 2e-4, "{}", g.grad_mse);
        assert!(g.grad_ce.abs() > 1.99);
    }

    #[test]
    fn sigmoid_is_stable_and_ce_is_finite_at_large_logits() {
        assert_eq!(sigmoid(800.0), 1.0);
        assert_eq!(sigmoid(-800.0), 0.0);
        let p = Point {
            w: 300.0,
            x: 2.0,
            b: 0.0,
            y: 0.0,
        };
        let g = gradients(&p).unwrap();
        assert!(
            (g.ce - 600.0).abs() < 1e-9,
            "CE from the logit stays finite: {}",
            g.ce
        );
    }

    #[test]
    fn bad_inputs_name_their_field() {
        assert_eq!(gradients(&Point { y: 1.5, ..BANK }).unwrap_err().field, "y");
        assert_eq!(
            gradients(&Point { w: 1e300, ..BANK }).unwrap_err().field,
            "w"
        );
        assert_eq!(curve(1.0, 3.0, 3.0, 10).unwrap_err().field, "zmin");
    }

    #[test]
    fn curve_peaks_of_mse_gradient_are_interior() {
        let c = curve(1.0, -8.0, 8.0, 161).unwrap();
        let (zmax_mse, _, _) =
            c.iter()
                .cloned()
                .fold((0.0, 0.0, 0.0), |m, p| if p.1 > m.1 { p } else { m });
        // For y = 1, |2(1-s)s(1-s)| peaks where s = 1/3, z = -ln 2.
        assert!((zmax_mse - -(2f64).ln()).abs() < 0.1, "{zmax_mse}");
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        let i = Inputs::parse(&Query::parse("w=3&zmax=4")).unwrap();
        assert_eq!(i.point, Point { w: 3.0, ..BANK });
        assert_eq!((i.zmin, i.zmax), (-8.0, 4.0));
        let e = Inputs::parse(&Query::parse("x=a&zmin=inf")).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["x", "zmin"]);
        assert_eq!(e[0].problem, Problem::NotFinite { text: "a".into() });
    }
}
