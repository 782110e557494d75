//! A one-hidden-layer MLP: forward pass, backpropagation, a central-
//! difference gradient check, and one SGD step.
//!
//! `z = W1 x + b1`, `h = σ(z)`, `ŷ = W2 h + b2` (linear output, one unit),
//! `L = ½ (ŷ − y)²`. Backprop: `δ2 = ŷ − y`, `∂L/∂W2 = δ2 hᵀ`, `∂L/∂b2 = δ2`,
//! `δ1 = (W2ᵀ δ2) ⊙ h ⊙ (1 − h)`, `∂L/∂W1 = δ1 xᵀ`, `∂L/∂b1 = δ1`.

use super::losses::sigmoid;
use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};

/// Parameters and data. `w1` is hidden × inputs, `w2` is 1 × hidden.
#[derive(Debug, Clone, PartialEq)]
pub struct Net {
    pub x: Vec<f64>,
    pub y: f64,
    pub w1: Vec<Vec<f64>>,
    pub b1: Vec<f64>,
    pub w2: Vec<f64>,
    pub b2: f64,
}

/// Gradients, in the same shapes as the parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Grads {
    pub w1: Vec<Vec<f64>>,
    pub b1: Vec<f64>,
    pub w2: Vec<f64>,
    pub b2: f64,
}

/// Checks shapes: 1..=8 inputs and hidden units, W1 rows match b1 and W2,
/// W1 columns match x. Errors name the field.
pub fn check(n: &Net) -> Result<(), InputError> {
    let (i, h) = (n.x.len(), n.w1.len());
    if !(1..=8).contains(&i) {
        return Err(InputError::new("x", Problem::MlpInput));
    }
    if !(1..=8).contains(&h) || n.w1.iter().any(|r| r.len() != i) {
        return Err(InputError::new("w1", Problem::MlpW1 { cols: i }));
    }
    if n.b1.len() != h {
        return Err(InputError::new("b1", Problem::MlpB1 { hidden: h }));
    }
    if n.w2.len() != h {
        return Err(InputError::new("w2", Problem::MlpW2 { hidden: h }));
    }
    Ok(())
}

/// `(hidden activations, output, loss)`.
pub fn forward(n: &Net) -> (Vec<f64>, f64, f64) {
    let h: Vec<f64> =
        n.w1.iter()
            .zip(&n.b1)
            .map(|(row, b)| sigmoid(row.iter().zip(&n.x).map(|(w, x)| w * x).sum::<f64>() + b))
            .collect();
    let yhat = n.w2.iter().zip(&h).map(|(w, a)| w * a).sum::<f64>() + n.b2;
    (h, yhat, 0.5 * (yhat - n.y) * (yhat - n.y))
}

/// Backpropagation.
pub fn backward(n: &Net) -> Grads {
    let (h, yhat, _) = forward(n);
    let d2 = yhat - n.y;
    let d1: Vec<f64> = h
        .iter()
        .zip(&n.w2)
        .map(|(a, w)| w * d2 * a * (1.0 - a))
        .collect();
    Grads {
        w1: d1
            .iter()
            .map(|d| n.x.iter().map(|x| d * x).collect())
            .collect(),
        b1: d1.clone(),
        w2: h.iter().map(|a| d2 * a).collect(),
        b2: d2,
    }
}

/// Largest relative difference `|analytic − numerical| / max(1e-4, |analytic| + |numerical|)`
/// over every parameter, numerical by central differences with `h = 1e-6`.
/// The floor of 1e-4 keeps tiny gradients (where the difference quotient's
/// rounding error of about 1e-10 dominates) from reading as large relative errors.
pub fn gradient_check(n: &Net) -> f64 {
    let g = backward(n);
    let eps = 1e-6;
    let mut worst = 0.0f64;
    let mut probe = |get: &dyn Fn(&mut Net) -> &mut f64, analytic: f64| {
        let (mut p, mut m) = (n.clone(), n.clone());
        *get(&mut p) += eps;
        *get(&mut m) -= eps;
        let num = (forward(&p).2 - forward(&m).2) / (2.0 * eps);
        worst = worst.max((analytic - num).abs() / (analytic.abs() + num.abs()).max(1e-4));
    };
    for r in 0..n.w1.len() {
        for c in 0..n.x.len() {
            probe(&|t: &mut Net| &mut t.w1[r][c], g.w1[r][c]);
        }
        probe(&|t: &mut Net| &mut t.b1[r], g.b1[r]);
        probe(&|t: &mut Net| &mut t.w2[r], g.w2[r]);
    }
    probe(&|t: &mut Net| &mut t.b2, g.b2);
    worst
}

/// One SGD step `θ ← θ − lr·∂L/∂θ`; returns the updated network.
pub fn sgd_step(n: &Net, lr: f64) -> Net {
    let g = backward(n);
    let mut out = n.clone();
    for (row, grow) in out.w1.iter_mut().zip(&g.w1) {
        row.iter_mut().zip(grow).for_each(|(w, d)| *w -= lr * d);
    }
    out.b1.iter_mut().zip(&g.b1).for_each(|(b, d)| *b -= lr * d);
    out.w2.iter_mut().zip(&g.w2).for_each(|(w, d)| *w -= lr * d);
    out.b2 -= lr * g.b2;
    out
}

/// The lab's inputs: the network and the learning rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub net: Net,
    pub lr: f64,
}

impl LabInputs for Inputs {
    const DEFAULTS: Defaults = &[
        ("x", "1,2"),
        ("y", "0"),
        ("w1", "0.1,-0.2;0.4,0.3"),
        ("b1", "0,0.1"),
        ("w2", "0.5,-0.4"),
        ("b2", "0.2"),
        ("lr", "0.1"),
    ];

    fn read(f: &mut Fields) -> Option<Self> {
        let (x, y, w1, b1) = (f.vector("x"), f.scalar("y"), f.matrix("w1"), f.vector("b1"));
        let (w2, b2, lr) = (f.vector("w2"), f.scalar("b2"), f.scalar("lr"));
        Some(Inputs {
            net: Net {
                x: x?,
                y: y?,
                w1: w1?,
                b1: b1?,
                w2: w2?,
                b2: b2?,
            },
            lr: lr?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::rng::SplitMix64;
    use crate::query::Query;

    fn bank_net() -> Net {
        Net {
            x: vec![1.0, 2.0],
            y: 0.0,
            w1: vec![vec![0.1, -0.2], vec![0.4, 0.3]],
            b1: vec![0.0, 0.1],
            w2: vec![0.5, -0.4],
            b2: 0.2,
        }
    }

    #[test]
    fn bank_parts_are_reproduced() {
        let n = bank_net();
        let g = backward(&n);
        assert!(
            (g.w1[1][1] - -0.016889475877).abs() < 1e-11,
            "{}",
            g.w1[1][1]
        );
        assert!((sgd_step(&n, 0.1).w2[1] - -0.40845353318).abs() < 1e-10);
    }

    #[test]
    fn backprop_passes_the_gradient_check_on_random_networks() {
        let mut r = SplitMix64::new(7);
        let mut u = move || r.below(2001) as f64 / 1000.0 - 1.0;
        for _ in 0..300 {
            let (i, h) = (
                1 + (u().abs() * 4.0) as usize,
                1 + (u().abs() * 4.0) as usize,
            );
            let n = Net {
                x: (0..i).map(|_| 2.0 * u()).collect(),
                y: u(),
                w1: (0..h).map(|_| (0..i).map(|_| u()).collect()).collect(),
                b1: (0..h).map(|_| u()).collect(),
                w2: (0..h).map(|_| u()).collect(),
                b2: u(),
            };
            check(&n).unwrap();
            let worst = gradient_check(&n);
            // Central differences with h = 1e-6 carry ~1e-10 absolute rounding error: 1e-5 relative is the honest bar.
            assert!(worst < 1e-5, "{worst} {n:?}");
        }
    }

    #[test]
    fn a_small_step_along_the_negative_gradient_lowers_the_loss() {
        let n = bank_net();
        assert!(forward(&sgd_step(&n, 0.1)).2 < forward(&n).2);
    }

    #[test]
    fn shape_mismatches_name_their_field() {
        let mut n = bank_net();
        n.b1 = vec![0.0];
        assert_eq!(check(&n).unwrap_err().field, "b1");
        let mut n = bank_net();
        n.w1[0].push(1.0);
        assert_eq!(check(&n).unwrap_err().field, "w1");
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        let i = Inputs::parse(&Query::parse("lr=0.5")).unwrap();
        assert_eq!((i.net, i.lr), (bank_net(), 0.5));
        let e = Inputs::parse(&Query::parse("w1=1,2;3&b2=x&x=")).unwrap_err();
        assert_eq!(
            crate::inputs::problems(&e),
            [
                ("x", Problem::NoNumbers),
                (
                    "w1",
                    Problem::RaggedRow {
                        row: 2,
                        len: 1,
                        first: 2
                    }
                ),
                ("b2", Problem::NotFinite { text: "x".into() }),
            ]
        );
    }
}
