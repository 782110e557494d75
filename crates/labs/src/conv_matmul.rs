//! Convolution as a matrix product (im2col), mean pooling as a convolution,
//! and why max pooling is not a matrix product.
//!
//! im2col unrolls every k×k×C_in input patch into a column: the patch matrix
//! is (C_in·k·k) × (H_out·W_out); the filters become a C_out × (C_in·k·k)
//! matrix; one GEMM gives all outputs. `H_out = ⌊(H + 2·pad − k) / stride⌋ + 1`.

use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};
use crate::numeric::rng::SplitMix64;

/// Shape and seed of one experiment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub c: usize,
    pub h: usize,
    pub w: usize,
    pub k: usize,
    pub stride: usize,
    pub pad: usize,
    pub cout: usize,
    pub seed: u64,
}

/// Results.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// (rows, cols) of the im2col patch matrix.
    pub im2col: (usize, usize),
    /// (C_out, H_out, W_out).
    pub out: (usize, usize, usize),
    /// max |im2col·GEMM − direct convolution| (0: integer data is exact).
    pub conv_diff: f64,
    /// max |mean pooling as a convolution with weights 1/k² − direct average| (rounding only).
    pub pool_diff: f64,
    /// A counterexample to linearity of max pooling: (max(x + y), max x + max y) on the first window.
    pub max_counterexample: (f64, f64),
}

/// The shapes of one experiment, known without computing anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dims {
    /// (rows, cols) of the im2col patch matrix: (C_in·k·k, H_out·W_out).
    pub im2col: (usize, usize),
    /// (C_out, H_out, W_out).
    pub out: (usize, usize, usize),
}

/// The shapes of `s` after [`check`]: what the lab shows at once while
/// the GEMM and its checks ([`run`]) can wait for a drag to pause.
pub fn dims(s: &Shape) -> Result<Dims, InputError> {
    let (ho, wo) = check(s)?;
    Ok(Dims {
        im2col: (s.c * s.k * s.k, ho * wo),
        out: (s.cout, ho, wo),
    })
}

/// Checks limits: C_in, C_out ≤ 8; H, W ≤ 32; 1 ≤ k ≤ H + 2·pad and W + 2·pad; stride ≥ 1; pad ≤ 8.
/// Errors name the offending field.
pub fn check(s: &Shape) -> Result<(usize, usize), InputError> {
    let bad = |f: &str, p: Problem| Err(InputError::new(f, p));
    if !(1..=8).contains(&s.c) {
        return bad("c", Problem::ChannelsIn);
    }
    if !(1..=8).contains(&s.cout) {
        return bad("cout", Problem::ChannelsOut);
    }
    if !(1..=32).contains(&s.h) || !(1..=32).contains(&s.w) {
        return bad("h", Problem::InputSize);
    }
    if s.stride == 0 {
        return bad("stride", Problem::Stride);
    }
    if s.pad > 8 {
        return bad("pad", Problem::Padding);
    }
    if s.k == 0 || s.k > s.h + 2 * s.pad || s.k > s.w + 2 * s.pad {
        return bad("k", Problem::KernelSize);
    }
    Ok((
        (s.h + 2 * s.pad - s.k) / s.stride + 1,
        (s.w + 2 * s.pad - s.k) / s.stride + 1,
    ))
}

/// `x` (channels × h × w) inside a border of `pad` zeros on every side.
fn padded(x: &[f64], s: &Shape) -> Vec<f64> {
    let (hp, wp) = (s.h + 2 * s.pad, s.w + 2 * s.pad);
    let mut xp = vec![0.0; s.c * hp * wp];
    for ch in 0..s.c {
        for i in 0..s.h {
            let to = (ch * hp + i + s.pad) * wp + s.pad;
            xp[to..to + s.w].copy_from_slice(&x[(ch * s.h + i) * s.w..][..s.w]);
        }
    }
    xp
}

/// Runs the experiment on seeded integer data in −5..=5.
pub fn run(s: &Shape) -> Result<Outcome, InputError> {
    run_with_outputs(s).map(|(o, _)| o)
}

/// The seeded input (C_in × H × W) and weights (C_out × C_in × k × k).
fn data(s: &Shape) -> (Vec<f64>, Vec<f64>) {
    let mut r = SplitMix64::new(s.seed);
    let mut rand = |len: usize| {
        (0..len)
            .map(|_| r.below(11) as f64 - 5.0)
            .collect::<Vec<f64>>()
    };
    let x = rand(s.c * s.h * s.w);
    (x, rand(s.cout * s.c * s.k * s.k))
}

/// [`run`], and the GEMM's outputs (C_out × H_out × W_out) for the tests.
fn run_with_outputs(s: &Shape) -> Result<(Outcome, Vec<f64>), InputError> {
    let Dims {
        im2col: (rows, cols),
        out: (_, ho, wo),
    } = dims(s)?;
    let (x, wt) = data(s);
    // x with its zero padding written out, so that every tap reads inside
    // xp (no padding test per tap).
    let (hp, wp) = (s.h + 2 * s.pad, s.w + 2 * s.pad);
    let xp = padded(&x, s);
    // Output row oi of tap (ch, ki, kj) meets W_out inputs: a run of row
    // oi·stride + ki of padded channel ch from column kj, every stride-th,
    // starting here. (The inner loops below are the lab's whole cost: the
    // full app's Cargo profile, release-full, compiles them for speed.)
    let start =
        |ch: usize, ki: usize, kj: usize, oi: usize| (ch * hp + oi * s.stride + ki) * wp + kj;
    let stride = s.stride;
    // Patch matrix, row = (ch, ki, kj), column = (oi, oj).
    let mut patches = vec![0.0; rows * cols];
    for ch in 0..s.c {
        for ki in 0..s.k {
            for kj in 0..s.k {
                let row = (ch * s.k + ki) * s.k + kj;
                for oi in 0..ho {
                    let (to, from) = (row * cols + oi * wo, start(ch, ki, kj, oi));
                    for oj in 0..wo {
                        patches[to + oj] = xp[from + oj * stride];
                    }
                }
            }
        }
    }
    let mut conv_diff = 0.0f64;
    let mut outputs = Vec::with_capacity(s.cout * cols);
    let mut gemm = vec![0.0; cols];
    let mut direct = vec![0.0; cols];
    for o in 0..s.cout {
        // Row o of the weights times the patch matrix, a patch row at a
        // time (contiguous reads; each sum still runs over rw in order).
        gemm.fill(0.0);
        for rw in 0..rows {
            let wv = wt[o * rows + rw];
            for (g, p) in gemm.iter_mut().zip(&patches[rw * cols..(rw + 1) * cols]) {
                *g += wv * p;
            }
        }
        // The convolution itself, read from the padded input (not from
        // the patch matrix): each weight scales the input it meets at
        // every output position, taps in (ch, ki, kj) order.
        direct.fill(0.0);
        for ch in 0..s.c {
            for ki in 0..s.k {
                for kj in 0..s.k {
                    let wv = wt[((o * s.c + ch) * s.k + ki) * s.k + kj];
                    for oi in 0..ho {
                        let (to, from) = (oi * wo, start(ch, ki, kj, oi));
                        for oj in 0..wo {
                            direct[to + oj] += wv * xp[from + oj * stride];
                        }
                    }
                }
            }
        }
        for (g, d) in gemm.iter().zip(&direct) {
            conv_diff = conv_diff.max((g - d).abs());
        }
        outputs.extend_from_slice(&gemm);
    }
    // Mean pooling of channel 0 (same k, stride, pad) as the GEMM row of weights 1/k².
    let inv = 1.0 / (s.k * s.k) as f64;
    let mut pool_diff = 0.0f64;
    for col in 0..cols {
        let as_conv: f64 = (0..s.k * s.k)
            .map(|rw| inv * patches[rw * cols + col])
            .sum();
        let direct = (0..s.k * s.k)
            .map(|rw| patches[rw * cols + col])
            .sum::<f64>()
            / (s.k * s.k) as f64;
        pool_diff = pool_diff.max((as_conv - direct).abs());
    }
    // Max pooling: on the first window, x and a shifted copy y of it where the maxima sit apart.
    let win: Vec<f64> = (0..s.k * s.k).map(|rw| patches[rw * cols]).collect();
    let y: Vec<f64> = win.iter().map(|v| -v).collect();
    let max = |v: &[f64]| v.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let sum: Vec<f64> = win.iter().zip(&y).map(|(a, b)| a + b).collect();
    let mut counter = (max(&sum), max(&win) + max(&y));
    if counter.0 == counter.1 {
        // A constant window (e.g. all zero padding): use the textbook pair [1, 0] and [0, 1].
        counter = (1.0, 2.0);
    }
    let outcome = Outcome {
        im2col: (rows, cols),
        out: (s.cout, ho, wo),
        conv_diff,
        pool_diff,
        max_counterexample: counter,
    };
    Ok((outcome, outputs))
}

impl LabInputs for Shape {
    const DEFAULTS: Defaults = &[
        ("c", "2"),
        ("h", "5"),
        ("w", "5"),
        ("k", "3"),
        ("stride", "1"),
        ("pad", "1"),
        ("cout", "2"),
        ("seed", "1"),
    ];

    /// Sizes above 2^20 are read as 2^20 (far past what [`check`] allows).
    fn read(f: &mut Fields) -> Option<Self> {
        let [c, h, w, k, stride, pad, cout, seed] =
            ["c", "h", "w", "k", "stride", "pad", "cout", "seed"].map(|k| f.whole(k));
        let u = |v: Option<u64>| v.map(|v| v.min(1 << 20) as usize);
        Some(Shape {
            c: u(c)?,
            h: u(h)?,
            w: u(w)?,
            k: u(k)?,
            stride: u(stride)?,
            pad: u(pad)?,
            cout: u(cout)?,
            seed: seed?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    const DEFAULT: Shape = Shape {
        c: 2,
        h: 5,
        w: 5,
        k: 3,
        stride: 1,
        pad: 1,
        cout: 2,
        seed: 1,
    };

    /// The bank's example: 3×32×32 input, eight 3×3 filters, "same" padding.
    const BANK_EXAMPLE: Shape = Shape {
        c: 3,
        h: 32,
        w: 32,
        k: 3,
        stride: 1,
        pad: 1,
        cout: 8,
        seed: 1,
    };

    #[test]
    fn bank_example_shape_3x32x32_with_3x3_filters_gives_27_by_1024() {
        let o = run(&BANK_EXAMPLE).unwrap();
        assert_eq!(o.im2col, (27, 1024));
        assert_eq!(o.out, (8, 32, 32));
        assert_eq!(o.conv_diff, 0.0);
    }

    /// A small shape (some invalid: `check` rejects those) with data `seed`.
    fn random_shape(r: &mut SplitMix64, seed: u64) -> Shape {
        Shape {
            c: 1 + r.below(3) as usize,
            h: 1 + r.below(9) as usize,
            w: 1 + r.below(9) as usize,
            k: 1 + r.below(4) as usize,
            stride: 1 + r.below(3) as usize,
            pad: r.below(3) as usize,
            cout: 1 + r.below(3) as usize,
            seed,
        }
    }

    #[test]
    fn dims_give_the_shapes_without_running_and_agree_with_run() {
        // 5×7 input, 3×3 kernel, stride 2, pad 1: H_out = ⌊(5 + 2 − 3)/2⌋ + 1 = 3,
        // W_out = ⌊(7 + 2 − 3)/2⌋ + 1 = 4.
        let s = Shape {
            c: 2,
            h: 5,
            w: 7,
            k: 3,
            stride: 2,
            pad: 1,
            cout: 4,
            seed: 9,
        };
        let d = dims(&s).unwrap();
        assert_eq!(d.im2col, (18, 12));
        assert_eq!(d.out, (4, 3, 4));
        let mut r = SplitMix64::new(5);
        let mut valid = 0;
        for seed in 0..300 {
            let s = random_shape(&mut r, seed);
            match (dims(&s), run(&s)) {
                (Ok(d), Ok(o)) => {
                    valid += 1;
                    assert_eq!((d.im2col, d.out), (o.im2col, o.out), "{s:?}");
                }
                (Err(a), Err(b)) => assert_eq!(a.field, b.field, "{s:?}"),
                (d, o) => panic!("{s:?}: dims {d:?} but run {o:?}"),
            }
        }
        assert!(valid > 100, "only {valid} valid shapes");
    }

    #[test]
    fn im2col_equals_direct_convolution_on_random_shapes() {
        let mut r = SplitMix64::new(3);
        for seed in 0..300 {
            let s = random_shape(&mut r, seed);
            if check(&s).is_err() {
                continue;
            }
            let o = run(&s).unwrap();
            assert_eq!(o.conv_diff, 0.0, "{s:?}");
            assert!(o.pool_diff <= 1e-14, "{s:?}: {}", o.pool_diff);
            assert_ne!(o.max_counterexample.0, o.max_counterexample.1);
        }
    }

    /// The textbook definition, with the padding as a bounds test instead
    /// of the padded copy and the index arithmetic `run` shares.
    fn naive_conv(s: &Shape, ho: usize, wo: usize) -> Vec<f64> {
        let (x, wt) = data(s);
        let mut out = Vec::new();
        for o in 0..s.cout {
            for oi in 0..ho {
                for oj in 0..wo {
                    let mut sum = 0.0;
                    for ch in 0..s.c {
                        for ki in 0..s.k {
                            for kj in 0..s.k {
                                let i = (oi * s.stride + ki) as i64 - s.pad as i64;
                                let j = (oj * s.stride + kj) as i64 - s.pad as i64;
                                if i < 0 || j < 0 || i >= s.h as i64 || j >= s.w as i64 {
                                    continue;
                                }
                                let xv = x[(ch * s.h + i as usize) * s.w + j as usize];
                                sum += wt[((o * s.c + ch) * s.k + ki) * s.k + kj] * xv;
                            }
                        }
                    }
                    out.push(sum);
                }
            }
        }
        out
    }

    #[test]
    fn gemm_outputs_equal_the_textbook_convolution() {
        let mut r = SplitMix64::new(5);
        let mut checked = 0;
        for seed in 0..300 {
            let s = random_shape(&mut r, seed);
            let Ok((ho, wo)) = check(&s) else { continue };
            let (o, outputs) = run_with_outputs(&s).unwrap();
            assert_eq!(o.out, (s.cout, ho, wo));
            assert_eq!(outputs, naive_conv(&s, ho, wo), "{s:?}");
            checked += 1;
        }
        assert!(checked > 150, "only {checked} valid shapes");
    }

    #[test]
    fn padding_puts_each_channel_inside_a_border_of_zeros() {
        let s = Shape {
            c: 2,
            h: 2,
            w: 3,
            pad: 1,
            ..DEFAULT
        };
        let x: Vec<f64> = (1..=12).map(f64::from).collect();
        #[rustfmt::skip]
        let want = [
            0., 0., 0., 0., 0.,
            0., 1., 2., 3., 0.,
            0., 4., 5., 6., 0.,
            0., 0., 0., 0., 0.,
            0., 0., 0., 0., 0.,
            0., 7., 8., 9., 0.,
            0., 10., 11., 12., 0.,
            0., 0., 0., 0., 0.,
        ];
        assert_eq!(padded(&x, &s), want);
        assert_eq!(padded(&x, &Shape { pad: 0, ..s }), x);
    }

    #[test]
    fn stride_two_output_shape() {
        let o = run(&Shape {
            h: 7,
            w: 7,
            stride: 2,
            pad: 0,
            ..DEFAULT
        })
        .unwrap();
        assert_eq!(o.out, (2, 3, 3));
        assert_eq!(o.im2col, (18, 9));
    }

    #[test]
    fn oversized_kernel_and_zero_stride_are_errors() {
        assert_eq!(
            run(&Shape {
                k: 8,
                pad: 1,
                ..DEFAULT
            })
            .unwrap_err()
            .field,
            "k"
        );
        assert_eq!(
            run(&Shape {
                stride: 0,
                ..DEFAULT
            })
            .unwrap_err()
            .field,
            "stride"
        );
        assert_eq!(run(&Shape { c: 9, ..DEFAULT }).unwrap_err().field, "c");
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        assert_eq!(Shape::parse(&Query::parse("")), Ok(DEFAULT));
        assert_eq!(
            Shape::parse(&Query::parse("c=3&h=32&w=32&cout=8&k=99999999")),
            Ok(Shape {
                k: 1 << 20,
                ..BANK_EXAMPLE
            })
        );
        let e = Shape::parse(&Query::parse("h=-1&seed=1.5")).unwrap_err();
        assert_eq!(
            crate::inputs::problems(&e),
            [("h", Problem::NotWhole), ("seed", Problem::NotWhole)]
        );
    }
}
