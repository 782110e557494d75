//! Convolution as a matrix product (im2col), mean pooling as a convolution,
//! and why max pooling is not a matrix product.
//!
//! im2col unrolls every k×k×C_in input patch into a column: the patch matrix
//! is (C_in·k·k) × (H_out·W_out); the filters become a C_out × (C_in·k·k)
//! matrix; one GEMM gives all outputs. `H_out = ⌊(H + 2·pad − k) / stride⌋ + 1`.

use super::InputError;
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

/// Checks limits: C_in, C_out ≤ 8; H, W ≤ 32; 1 ≤ k ≤ H + 2·pad and W + 2·pad; stride ≥ 1; pad ≤ 8.
/// Errors name the offending field.
pub fn check(s: &Shape) -> Result<(usize, usize), InputError> {
    let bad = |f: &str, zh: &str, en: &str| Err(InputError::new(f, zh, en));
    if !(1..=8).contains(&s.c) {
        return bad("c", "C_in 需在 1 到 8 之间。", "C_in must be from 1 to 8.");
    }
    if !(1..=8).contains(&s.cout) {
        return bad(
            "cout",
            "C_out 需在 1 到 8 之间。",
            "C_out must be from 1 to 8.",
        );
    }
    if !(1..=32).contains(&s.h) || !(1..=32).contains(&s.w) {
        return bad(
            "h",
            "H 和 W 需在 1 到 32 之间。",
            "H and W must be from 1 to 32.",
        );
    }
    if s.stride == 0 {
        return bad("stride", "步长至少为 1。", "The stride must be at least 1.");
    }
    if s.pad > 8 {
        return bad("pad", "padding 最多 8。", "Padding is at most 8.");
    }
    if s.k == 0 || s.k > s.h + 2 * s.pad || s.k > s.w + 2 * s.pad {
        return bad(
            "k",
            "卷积核必须至少 1，且不大于补零后的输入。",
            "The kernel must be at least 1 and no larger than the padded input.",
        );
    }
    Ok((
        (s.h + 2 * s.pad - s.k) / s.stride + 1,
        (s.w + 2 * s.pad - s.k) / s.stride + 1,
    ))
}

/// Runs the experiment on seeded integer data in −5..=5.
pub fn run(s: &Shape) -> Result<Outcome, InputError> {
    let (ho, wo) = check(s)?;
    let mut r = SplitMix64::new(s.seed);
    let mut rand = |len: usize| {
        (0..len)
            .map(|_| r.below(11) as f64 - 5.0)
            .collect::<Vec<f64>>()
    };
    let x = rand(s.c * s.h * s.w);
    let wt = rand(s.cout * s.c * s.k * s.k);
    let at = |ch: usize, i: isize, j: isize| -> f64 {
        if i < 0 || j < 0 || i >= s.h as isize || j >= s.w as isize {
            0.0
        } else {
            x[(ch * s.h + i as usize) * s.w + j as usize]
        }
    };
    let rows = s.c * s.k * s.k;
    let cols = ho * wo;
    // Patch matrix, row = (ch, ki, kj), column = (oi, oj).
    let mut patches = vec![0.0; rows * cols];
    for ch in 0..s.c {
        for ki in 0..s.k {
            for kj in 0..s.k {
                let row = (ch * s.k + ki) * s.k + kj;
                for oi in 0..ho {
                    for oj in 0..wo {
                        let i = (oi * s.stride + ki) as isize - s.pad as isize;
                        let j = (oj * s.stride + kj) as isize - s.pad as isize;
                        patches[row * cols + oi * wo + oj] = at(ch, i, j);
                    }
                }
            }
        }
    }
    let mut conv_diff = 0.0f64;
    for o in 0..s.cout {
        for col in 0..cols {
            let gemm: f64 = (0..rows)
                .map(|rw| wt[o * rows + rw] * patches[rw * cols + col])
                .sum();
            let (oi, oj) = (col / wo, col % wo);
            let mut direct = 0.0;
            for ch in 0..s.c {
                for ki in 0..s.k {
                    for kj in 0..s.k {
                        let i = (oi * s.stride + ki) as isize - s.pad as isize;
                        let j = (oj * s.stride + kj) as isize - s.pad as isize;
                        direct += wt[((o * s.c + ch) * s.k + ki) * s.k + kj] * at(ch, i, j);
                    }
                }
            }
            conv_diff = conv_diff.max((gemm - direct).abs());
        }
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
    Ok(Outcome {
        im2col: (rows, cols),
        out: (s.cout, ho, wo),
        conv_diff,
        pool_diff,
        max_counterexample: counter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn bank_example_shape_3x32x32_with_3x3_filters_gives_27_by_1024() {
        let s = Shape {
            c: 3,
            h: 32,
            w: 32,
            k: 3,
            stride: 1,
            pad: 1,
            cout: 8,
            seed: 1,
        };
        let o = run(&s).unwrap();
        assert_eq!(o.im2col, (27, 1024));
        assert_eq!(o.out, (8, 32, 32));
        assert_eq!(o.conv_diff, 0.0);
    }

    #[test]
    fn im2col_equals_direct_convolution_on_random_shapes() {
        let mut r = SplitMix64::new(3);
        for seed in 0..300 {
            let s = Shape {
                c: 1 + r.below(3) as usize,
                h: 1 + r.below(9) as usize,
                w: 1 + r.below(9) as usize,
                k: 1 + r.below(4) as usize,
                stride: 1 + r.below(3) as usize,
                pad: r.below(3) as usize,
                cout: 1 + r.below(3) as usize,
                seed,
            };
            if check(&s).is_err() {
                continue;
            }
            let o = run(&s).unwrap();
            assert_eq!(o.conv_diff, 0.0, "{s:?}");
            assert!(o.pool_diff <= 1e-14, "{s:?}: {}", o.pool_diff);
            assert_ne!(o.max_counterexample.0, o.max_counterexample.1);
        }
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

    /// Benchmark, not a test: `cargo test --release --lib bench_ -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_conv_matmul() {
        for s in [
            DEFAULT,
            Shape {
                c: 8,
                h: 32,
                w: 32,
                k: 3,
                stride: 1,
                pad: 1,
                cout: 8,
                seed: 1,
            },
        ] {
            let reps = if s.h > 5 { 5 } else { 10_000 };
            let t = std::time::Instant::now();
            let mut acc = 0.0;
            for _ in 0..reps {
                acc += run(&s).map_or(0.0, |o| o.conv_diff);
            }
            println!(
                "bench conv-matmul {}x{}x{} k{} cout{}: {:.1} us (checksum {acc})",
                s.c,
                s.h,
                s.w,
                s.k,
                s.cout,
                t.elapsed().as_secs_f64() / reps as f64 * 1e6
            );
        }
    }
}
