//! SGD, Momentum and Adam on 2-D loss surfaces, and the memory each keeps.
//!
//! Surfaces: the ill-conditioned quadratic `f = ½(x² + 25 y²)` (condition
//! number 25) and Rosenbrock `f = (1 − x)² + 100 (y − x²)²`. Updates
//! (PyTorch forms): SGD `w ← w − lr g`; Momentum `v ← μ v + g, w ← w − lr v`;
//! Adam `m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², w ← w − lr m̂ / (√v̂ + ε)`
//! with bias correction `m̂ = m / (1 − β1^t)`, `v̂ = v / (1 − β2^t)`, ε = 1e-8.

use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};
use crate::parse_vector;
use crate::query::Query;

/// Largest step count accepted.
pub const MAX_STEPS: usize = 10_000;
/// Most points kept per path for drawing.
pub const MAX_DRAWN: usize = 300;

/// A loss surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Quadratic,
    Rosenbrock,
}

impl Surface {
    /// Parses `quad` or `rosen` (field `f`).
    pub fn parse(s: &str) -> Result<Surface, InputError> {
        match s.trim() {
            "quad" => Ok(Surface::Quadratic),
            "rosen" => Ok(Surface::Rosenbrock),
            _ => Err(InputError::new("f", Problem::Surface)),
        }
    }

    /// Loss at `(x, y)`.
    pub fn loss(self, p: [f64; 2]) -> f64 {
        match self {
            Surface::Quadratic => 0.5 * (p[0] * p[0] + 25.0 * p[1] * p[1]),
            Surface::Rosenbrock => (1.0 - p[0]).powi(2) + 100.0 * (p[1] - p[0] * p[0]).powi(2),
        }
    }

    /// Gradient at `(x, y)`.
    pub fn grad(self, p: [f64; 2]) -> [f64; 2] {
        match self {
            Surface::Quadratic => [p[0], 25.0 * p[1]],
            Surface::Rosenbrock => [
                -2.0 * (1.0 - p[0]) - 400.0 * p[0] * (p[1] - p[0] * p[0]),
                200.0 * (p[1] - p[0] * p[0]),
            ],
        }
    }

    /// The minimum.
    pub fn minimum(self) -> [f64; 2] {
        match self {
            Surface::Quadratic => [0.0, 0.0],
            Surface::Rosenbrock => [1.0, 1.0],
        }
    }
}

/// Adam's ε (PyTorch's default).
pub const ADAM_EPS: f64 = 1e-8;

/// One coordinate after an Adam step, with the values the step used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamStep {
    pub w: f64,
    pub m: f64,
    pub v: f64,
    pub m_hat: f64,
    pub v_hat: f64,
}

/// Adam step `t` (1-based) for one coordinate, as PyTorch's `Adam` does it:
/// `m = β1 m + (1-β1) g`, `v = β2 v + (1-β2) g²`, bias corrections
/// `m̂ = m / (1 - β1^t)`, `v̂ = v / (1 - β2^t)`, then `w - lr m̂ / (√v̂ + ε)`.
pub fn adam_update(
    w: f64,
    g: f64,
    (m, v): (f64, f64),
    t: u32,
    lr: f64,
    (beta1, beta2): (f64, f64),
    eps: f64,
) -> AdamStep {
    let corrections = (1.0 - beta1.powi(t as i32), 1.0 - beta2.powi(t as i32));
    adam_corrected(w, g, (m, v), corrections, lr, (beta1, beta2), eps)
}

/// [`adam_update`] with the bias corrections `(1 − β1^t, 1 − β2^t)` given:
/// [`run`] keeps β^t as a running product instead of a `powi` per step
/// (a third of a long run's time).
fn adam_corrected(
    w: f64,
    g: f64,
    (m, v): (f64, f64),
    (c1, c2): (f64, f64),
    lr: f64,
    (beta1, beta2): (f64, f64),
    eps: f64,
) -> AdamStep {
    let m = beta1 * m + (1.0 - beta1) * g;
    let v = beta2 * v + (1.0 - beta2) * g * g;
    let m_hat = m / c1;
    let v_hat = v / c2;
    AdamStep {
        w: w - lr * m_hat / (v_hat.sqrt() + eps),
        m,
        v,
        m_hat,
        v_hat,
    }
}

/// An optimizer and its hyper-parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Optimizer {
    Sgd,
    Momentum { mu: f64 },
    Adam { beta1: f64, beta2: f64 },
}

/// A run's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// Up to [`MAX_DRAWN`] points including start and end.
    pub drawn: Vec<[f64; 2]>,
    /// The last finite point.
    pub end: [f64; 2],
    pub loss: f64,
    /// The step at which the iterate left the finite range (|w| > 1e12 or not finite).
    pub diverged_at: Option<usize>,
}

/// Runs `steps` updates from `start`. Errors: `lr <= 0` (field `lr`), steps over
/// [`MAX_STEPS`] (`steps`), `mu`/`b1`/`b2` outside [0, 1) (their fields).
pub fn run(
    surface: Surface,
    opt: Optimizer,
    lr: f64,
    steps: usize,
    start: [f64; 2],
) -> Result<Path, InputError> {
    if lr.is_nan() || lr <= 0.0 {
        return Err(InputError::new("lr", Problem::LrPositive));
    }
    if steps > MAX_STEPS {
        return Err(InputError::new(
            "steps",
            Problem::TooManySteps { max: MAX_STEPS },
        ));
    }
    let unit = |v: f64, f: &str| {
        if (0.0..1.0).contains(&v) {
            Ok(())
        } else {
            Err(InputError::new(f, Problem::Fraction))
        }
    };
    match opt {
        Optimizer::Momentum { mu } => unit(mu, "mu")?,
        Optimizer::Adam { beta1, beta2 } => {
            unit(beta1, "b1")?;
            unit(beta2, "b2")?;
        }
        Optimizer::Sgd => {}
    }
    let every = steps.div_ceil(MAX_DRAWN - 1).max(1);
    let (mut w, mut m, mut v) = (start, [0.0; 2], [0.0; 2]);
    let mut drawn = vec![w];
    // β1^t and β2^t (Adam's bias corrections).
    let mut powers = (1.0, 1.0);
    for t in 1..=steps {
        let g = surface.grad(w);
        let next = match opt {
            Optimizer::Sgd => [w[0] - lr * g[0], w[1] - lr * g[1]],
            Optimizer::Momentum { mu } => {
                m = [mu * m[0] + g[0], mu * m[1] + g[1]];
                [w[0] - lr * m[0], w[1] - lr * m[1]]
            }
            Optimizer::Adam { beta1, beta2 } => {
                powers = (powers.0 * beta1, powers.1 * beta2);
                let corrections = (1.0 - powers.0, 1.0 - powers.1);
                let mut out = w;
                for i in 0..2 {
                    let s = adam_corrected(
                        w[i],
                        g[i],
                        (m[i], v[i]),
                        corrections,
                        lr,
                        (beta1, beta2),
                        ADAM_EPS,
                    );
                    (out[i], m[i], v[i]) = (s.w, s.m, s.v);
                }
                out
            }
        };
        if !next.iter().all(|c| c.is_finite() && c.abs() <= 1e12) {
            drawn.push(w);
            return Ok(Path {
                drawn,
                end: w,
                loss: surface.loss(w),
                diverged_at: Some(t),
            });
        }
        w = next;
        if t % every == 0 || t == steps {
            drawn.push(w);
        }
    }
    Ok(Path {
        drawn,
        end: w,
        loss: surface.loss(w),
        diverged_at: None,
    })
}

/// Bytes per parameter: `(optimizer state, total in fp32 training, total in
/// fp16 mixed precision with fp32 master weights)`. fp32 training keeps
/// weights and gradients (8 B) plus the state; mixed precision keeps fp16
/// weights and gradients (4 B), an fp32 master copy (4 B) and the fp32 state.
pub fn bytes_per_param(opt: Optimizer) -> (u32, u32, u32) {
    let state = match opt {
        Optimizer::Sgd => 0,
        Optimizer::Momentum { .. } => 4,
        Optimizer::Adam { .. } => 8,
    };
    (state, 8 + state, 8 + state)
}

impl LabInputs for Surface {
    const DEFAULTS: Defaults = &[("f", "quad")];

    fn read(f: &mut Fields) -> Option<Self> {
        f.get("f", |_, s| Surface::parse(s))
    }
}

/// The paths' inputs. A bad surface (an error of [`Surface`]'s own) is
/// read as the quadratic, whose paths still show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inputs {
    pub surface: Surface,
    pub lr: f64,
    pub steps: usize,
    pub x0: [f64; 2],
    pub mu: f64,
    pub b1: f64,
    pub b2: f64,
}

/// Each surface's defaults, with those of the fields that do not depend on it.
const QUADRATIC_DEFAULTS: Defaults = &[
    ("lr", "0.03"),
    ("steps", "200"),
    ("x0", "-4,1"),
    ("mu", "0.9"),
    ("b1", "0.9"),
    ("b2", "0.999"),
];
const ROSENBROCK_DEFAULTS: Defaults = &[
    ("lr", "0.001"),
    ("steps", "2000"),
    ("x0", "-1.5,2"),
    ("mu", "0.9"),
    ("b1", "0.9"),
    ("b2", "0.999"),
];

impl LabInputs for Inputs {
    const DEFAULTS: Defaults = QUADRATIC_DEFAULTS;

    fn defaults(q: &Query) -> Defaults {
        match Surface::parse(q.get("f").unwrap_or("quad")) {
            Ok(Surface::Rosenbrock) => ROSENBROCK_DEFAULTS,
            _ => QUADRATIC_DEFAULTS,
        }
    }

    fn read(f: &mut Fields) -> Option<Self> {
        let surface =
            Surface::parse(f.query().get("f").unwrap_or("quad")).unwrap_or(Surface::Quadratic);
        let lr = f.scalar("lr");
        let steps = f.get("steps", |k, s| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| InputError::new(k, Problem::StepsNotWhole))
        });
        let x0 = f.get("x0", |k, s| match parse_vector(k, s)?[..] {
            [x, y] => Ok([x, y]),
            _ => Err(InputError::new(k, Problem::StartPoint)),
        });
        let [mu, b1, b2] = ["mu", "b1", "b2"].map(|k| f.scalar(k));
        Some(Inputs {
            surface,
            lr: lr?,
            steps: steps?,
            x0: x0?,
            mu: mu?,
            b1: b1?,
            b2: b2?,
        })
    }
}

/// The memory table's input: the model's number of parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamCount(pub f64);

impl LabInputs for ParamCount {
    const DEFAULTS: Defaults = &[("params", "7e9")];

    fn read(f: &mut Fields) -> Option<Self> {
        let n = f.scalar("params");
        n.map(ParamCount)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADAM: Optimizer = Optimizer::Adam {
        beta1: 0.9,
        beta2: 0.999,
    };

    #[test]
    fn first_adam_step_matches_the_bank_key() {
        // Gradient (-0.5, 3e-8) on a surface whose gradient is the identity at a point: use the quadratic
        // at (-0.5, 3e-8 / 25). Bias-corrected first step: -lr·g/(|g| + eps): (+0.0099999998, -0.0075).
        let p = run(Surface::Quadratic, ADAM, 0.01, 1, [-0.5, 3e-8 / 25.0]).unwrap();
        let dx = p.end[0] - -0.5;
        let dy = p.end[1] - 3e-8 / 25.0;
        assert!((dx - 0.0099999998).abs() < 1e-12, "{dx}");
        assert!((dy - -0.0075).abs() < 1e-12, "{dy}");
    }

    #[test]
    fn two_momentum_steps_on_3w2_reach_0_22() {
        // The bank: f = 3w² (g = 6w), w0 = 1, lr 0.05, μ 0.9: v1 = 6, w1 = 0.7; v2 = 9.6, w2 = 0.22.
        // With v' = v/6 that is the same walk as g = w with lr 0.3, which is the quadratic's x axis.
        let p = run(
            Surface::Quadratic,
            Optimizer::Momentum { mu: 0.9 },
            0.3,
            2,
            [1.0, 0.0],
        )
        .unwrap();
        assert!((p.end[0] - 0.22).abs() < 1e-12, "{:?}", p.end);
    }

    #[test]
    fn all_three_converge_on_the_quadratic_and_sgd_diverges_past_2_over_25() {
        for opt in [Optimizer::Sgd, Optimizer::Momentum { mu: 0.9 }, ADAM] {
            let p = run(Surface::Quadratic, opt, 0.03, 2000, [-4.0, 1.0]).unwrap();
            assert!(p.loss < 1e-6, "{opt:?}: {}", p.loss);
        }
        // SGD on the y direction multiplies by (1 − 25 lr) each step: |1 − 25·0.1| = 1.5 > 1.
        let p = run(Surface::Quadratic, Optimizer::Sgd, 0.1, 1000, [-4.0, 1.0]).unwrap();
        assert!(p.diverged_at.is_some());
        assert!(p.end.iter().all(|c| c.is_finite()));
    }

    #[test]
    fn running_powers_follow_the_powi_update_step_by_step() {
        let (lr, start) = (0.03, [-4.0, 1.0]);
        let mut w = start;
        let (mut m, mut v) = ([0.0; 2], [0.0; 2]);
        let Optimizer::Adam { beta1, beta2 } = ADAM else {
            unreachable!()
        };
        for t in 1..=2000 {
            let g = Surface::Quadratic.grad(w);
            for i in 0..2 {
                let s = adam_update(w[i], g[i], (m[i], v[i]), t, lr, (beta1, beta2), ADAM_EPS);
                (w[i], m[i], v[i]) = (s.w, s.m, s.v);
            }
        }
        let p = run(Surface::Quadratic, ADAM, lr, 2000, start).unwrap();
        for (a, b) in p.end.iter().zip(w) {
            assert!((a - b).abs() <= 1e-12, "{a} vs {b}");
        }
    }

    #[test]
    fn paths_are_downsampled_for_drawing() {
        let p = run(Surface::Rosenbrock, ADAM, 0.01, MAX_STEPS, [-1.5, 2.0]).unwrap();
        assert!(p.drawn.len() <= MAX_DRAWN + 1, "{}", p.drawn.len());
        assert!(p.loss < 1e-2, "Adam reaches the valley floor: {}", p.loss);
    }

    #[test]
    fn adam_keeps_8_bytes_of_state_16_in_mixed_precision() {
        assert_eq!(bytes_per_param(ADAM), (8, 16, 16));
        assert_eq!(
            bytes_per_param(Optimizer::Momentum { mu: 0.9 }),
            (4, 12, 12)
        );
        assert_eq!(bytes_per_param(Optimizer::Sgd), (0, 8, 8));
    }

    #[test]
    fn bad_hyper_parameters_name_their_field() {
        assert_eq!(
            run(Surface::Quadratic, Optimizer::Sgd, 0.0, 10, [0.0, 0.0])
                .unwrap_err()
                .field,
            "lr"
        );
        assert_eq!(
            run(
                Surface::Quadratic,
                Optimizer::Momentum { mu: 1.0 },
                0.1,
                10,
                [0.0, 0.0]
            )
            .unwrap_err()
            .field,
            "mu"
        );
        assert_eq!(
            run(Surface::Quadratic, ADAM, 0.1, MAX_STEPS + 1, [0.0, 0.0])
                .unwrap_err()
                .field,
            "steps"
        );
        assert_eq!(Surface::parse("bowl").unwrap_err().field, "f");
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        let quad = Inputs {
            surface: Surface::Quadratic,
            lr: 0.03,
            steps: 200,
            x0: [-4.0, 1.0],
            mu: 0.9,
            b1: 0.9,
            b2: 0.999,
        };
        assert_eq!(Inputs::parse(&Query::parse("")), Ok(quad));
        let q = Query::parse("f=rosen&mu=0.5");
        assert_eq!(<Surface as LabInputs>::parse(&q), Ok(Surface::Rosenbrock));
        assert_eq!(
            Inputs::parse(&q),
            Ok(Inputs {
                surface: Surface::Rosenbrock,
                lr: 0.001,
                steps: 2000,
                x0: [-1.5, 2.0],
                mu: 0.5,
                ..quad
            })
        );
        // A bad surface is the surface's error; the paths use the quadratic.
        let q = Query::parse("f=saddle&params=1e3");
        assert_eq!(<Surface as LabInputs>::parse(&q).unwrap_err()[0].field, "f");
        assert_eq!(Inputs::parse(&q), Ok(quad));
        assert_eq!(ParamCount::parse(&q), Ok(ParamCount(1e3)));
        let e = Inputs::parse(&Query::parse("steps=-1&x0=1,2,3&b2=b&params=x")).unwrap_err();
        assert_eq!(
            crate::inputs::problems(&e),
            [
                ("steps", Problem::StepsNotWhole),
                ("x0", Problem::StartPoint),
                ("b2", Problem::NotFinite { text: "b".into() }),
            ]
        );
        assert_eq!(
            ParamCount::parse(&Query::parse("params=x")).unwrap_err()[0].field,
            "params"
        );
    }
}
