//! C = A·B for N×N matrices on four machines that each hold N² (or 7/8 N²)
//! numbers: a 2×2 block Cannon scheme, simulated for real with memory
//! accounting at every step.
//!
//! Machine (i, j) owns C_ij and starts with A_ik and B_kj, k = (i + j) mod 2
//! (the skew is built into the placement). Step 1: C_ij = A_ik·B_kj. Then A
//! is swapped with the row neighbour (i, 1−j) and B with the column
//! neighbour (1−i, j), each now holding the block with index 1−k; step 2
//! adds the second product. Resident data is 3 blocks = 3/4 N²; the swap
//! needs a receive buffer: a whole block (peak N²) or, to fit 7/8 N², half
//! a block, the swap then done in two halves. Memory is counted in numbers
//! (words); the local GEMM accumulates in place.

use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};
use crate::numeric::rng::SplitMix64;

/// Largest N accepted.
pub const MAX_N: usize = 64;

/// One row of the step table: what happened and each machine's words in use.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub action: Action,
    /// Words in use on machines (0,0), (0,1), (1,0), (1,1).
    pub memory: [usize; 4],
}

/// What a step of the schedule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Machine (i,j) holds blocks A_ik and B_kj.
    Place,
    /// C_ij = A_ik · B_kj.
    Multiply,
    /// A chunk of A goes to the row neighbour.
    SwapA,
    /// A chunk of B goes to the column neighbour.
    SwapB,
    /// C_ij += A_i,1−k · B_1−k,j.
    Accumulate,
}

/// The simulation's results.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub n: usize,
    pub budget: usize,
    pub steps: Vec<Step>,
    /// Largest words in use on any machine at any step.
    pub peak: usize,
    /// Words each machine sends (the same for all four).
    /// (One A block and one B block: N²/2.)
    pub sent: usize,
    /// max |C − A·B| against a direct product (0 for the integer matrices used here).
    pub max_error: f64,
}

struct Machine {
    a: Vec<f64>,
    b: Vec<f64>,
    c: Vec<f64>,
    buf: Vec<f64>,
}

impl Machine {
    fn words(&self) -> usize {
        self.a.len() + self.b.len() + self.c.len() + self.buf.len()
    }
}

fn block(m: &[f64], n: usize, bi: usize, bj: usize) -> Vec<f64> {
    let h = n / 2;
    (0..h)
        .flat_map(|r| (0..h).map(move |c| m[(bi * h + r) * n + bj * h + c]))
        .collect()
}

/// c += a·b for h×h row-major blocks (rows as slices: no index checks in
/// the inner loop).
fn gemm_acc(c: &mut [f64], a: &[f64], b: &[f64], h: usize) {
    for (c_row, a_row) in c.chunks_exact_mut(h).zip(a.chunks_exact(h)) {
        for (&x, b_row) in a_row.iter().zip(b.chunks_exact(h)) {
            for (cv, &bv) in c_row.iter_mut().zip(b_row) {
                *cv += x * bv;
            }
        }
    }
}

/// Runs the scheme for `n` (even, 2..=64) with `budget_eighths` = 8 (N²) or
/// 7 (7/8 N²), on integer matrices with entries in −9..=9 drawn from `seed`
/// (so every product and sum is exact in f64). Errors on field `n` or `mem`.
pub fn simulate(n: usize, budget_eighths: usize, seed: u64) -> Result<Run, InputError> {
    if !(2..=MAX_N).contains(&n) || n % 2 == 1 {
        return Err(InputError::new("n", Problem::EvenN { max: MAX_N }));
    }
    if budget_eighths != 8 && budget_eighths != 7 {
        return Err(InputError::new("mem", Problem::Memory));
    }
    let h = n / 2;
    let beta = h * h;
    let mut rng = SplitMix64::new(seed);
    let mut rand = || {
        (0..n * n)
            .map(|_| rng.below(19) as f64 - 9.0)
            .collect::<Vec<f64>>()
    };
    let (a, b) = (rand(), rand());
    let ids = [(0, 0), (0, 1), (1, 0), (1, 1)];
    let mut m: Vec<Machine> = ids
        .iter()
        .map(|&(i, j)| {
            let k = (i + j) % 2;
            Machine {
                a: block(&a, n, i, k),
                b: block(&b, n, k, j),
                c: Vec::new(),
                buf: Vec::new(),
            }
        })
        .collect();
    let mut steps = Vec::new();
    let snap = |m: &[Machine]| [m[0].words(), m[1].words(), m[2].words(), m[3].words()];
    steps.push(Step {
        action: Action::Place,
        memory: snap(&m),
    });
    for mm in m.iter_mut() {
        mm.c = vec![0.0; beta];
        let (a, b) = (mm.a.clone(), mm.b.clone());
        gemm_acc(&mut mm.c, &a, &b, h);
    }
    steps.push(Step {
        action: Action::Multiply,
        memory: snap(&m),
    });
    let row_partner = [1, 0, 3, 2];
    let col_partner = [2, 3, 0, 1];
    // Room left for a receive buffer next to the 3 resident blocks.
    let budget = n * n * budget_eighths / 8;
    let chunk = (budget - 3 * beta).min(beta);
    if chunk == 0 {
        return Err(InputError::new("n", Problem::NoRoomToReceive));
    }
    let chunks: Vec<(usize, usize)> = (0..beta)
        .step_by(chunk)
        .map(|lo| (lo, (lo + chunk).min(beta)))
        .collect();
    let mut sent = 0;
    for (which, partner, action) in [
        (0, row_partner, Action::SwapA),
        (1, col_partner, Action::SwapB),
    ] {
        for &(lo, hi) in &chunks {
            // Everyone receives the partner's chunk into a buffer (sends happen simultaneously).
            let incoming: Vec<Vec<f64>> = (0..4)
                .map(|x| {
                    if which == 0 {
                        m[partner[x]].a[lo..hi].to_vec()
                    } else {
                        m[partner[x]].b[lo..hi].to_vec()
                    }
                })
                .collect();
            for (x, data) in incoming.into_iter().enumerate() {
                m[x].buf = data;
            }
            sent += hi - lo;
            steps.push(Step {
                action,
                memory: snap(&m),
            });
            // The own chunk has been sent, so its space takes the received data.
            for mm in m.iter_mut() {
                let data = std::mem::take(&mut mm.buf);
                if which == 0 {
                    mm.a[lo..hi].copy_from_slice(&data);
                } else {
                    mm.b[lo..hi].copy_from_slice(&data);
                }
            }
        }
    }
    for mm in m.iter_mut() {
        let (a, b) = (mm.a.clone(), mm.b.clone());
        gemm_acc(&mut mm.c, &a, &b, h);
    }
    steps.push(Step {
        action: Action::Accumulate,
        memory: snap(&m),
    });
    // The direct product on one machine, to check the four blocks against.
    let mut direct = vec![0.0; n * n];
    gemm_acc(&mut direct, &a, &b, n);
    let mut max_error = 0.0f64;
    for (x, &(bi, bj)) in ids.iter().enumerate() {
        for r in 0..h {
            let row = &direct[(bi * h + r) * n + bj * h..][..h];
            for (d, c) in row.iter().zip(&m[x].c[r * h..(r + 1) * h]) {
                max_error = max_error.max((d - c).abs());
            }
        }
    }
    let peak = steps.iter().flat_map(|s| s.memory).max().unwrap_or(0);
    Ok(Run {
        n,
        budget,
        steps,
        peak,
        sent,
        max_error,
    })
}

/// The lab's inputs: the size, the memory per machine and the seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inputs {
    pub n: usize,
    /// Memory per machine in eighths of N² (8 or 7).
    pub budget_eighths: usize,
    pub seed: u64,
}

impl LabInputs for Inputs {
    const DEFAULTS: Defaults = &[("n", "8"), ("mem", "0.875"), ("seed", "1")];

    fn read(f: &mut Fields) -> Option<Self> {
        let n = f.get("n", |k, s| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| InputError::new(k, Problem::NNotWhole))
        });
        let budget_eighths = f.get("mem", |k, s| match s.trim() {
            "1" => Ok(8),
            "0.875" | "7/8" => Ok(7),
            _ => Err(InputError::new(k, Problem::Memory)),
        });
        let seed = f.get("seed", |k, s| {
            s.trim()
                .parse::<u64>()
                .map_err(|_| InputError::new(k, Problem::SeedNotWhole))
        });
        Some(Inputs {
            n: n?,
            budget_eighths: budget_eighths?,
            seed: seed?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    #[test]
    fn peak_never_exceeds_the_budget_and_c_is_exact_for_every_even_n() {
        for n in (2..=MAX_N).step_by(2) {
            for eighths in [8, 7] {
                if n == 2 && eighths == 7 {
                    // 7/8 of 4 words is 3: A, B and C fill it; no buffer fits.
                    assert_eq!(simulate(n, eighths, 1).unwrap_err().field, "n");
                    continue;
                }
                let r = simulate(n, eighths, n as u64).unwrap();
                for s in &r.steps {
                    assert!(
                        s.memory.iter().all(|&w| w <= r.budget),
                        "n={n} {eighths}/8 step {:?}: {:?} > {}",
                        s.action,
                        s.memory,
                        r.budget
                    );
                }
                assert_eq!(r.max_error, 0.0, "n={n}");
                assert_eq!(
                    r.sent,
                    n * n / 2,
                    "each machine sends one A block and one B block"
                );
            }
        }
    }

    #[test]
    fn peaks_are_exactly_n2_and_seven_eighths_n2_when_the_block_halves_evenly() {
        let r = simulate(8, 8, 1).unwrap();
        assert_eq!((r.peak, r.budget), (64, 64));
        let r = simulate(8, 7, 1).unwrap();
        assert_eq!((r.peak, r.budget), (56, 56));
        // N = 6: blocks of 9 words, budget floor(31.5) = 31, chunks of 4: peak 27 + 4 = 31.
        let r = simulate(6, 7, 1).unwrap();
        assert_eq!((r.peak, r.budget), (31, 31));
        assert_eq!(r.steps.first().unwrap().memory, [18; 4], "2 blocks of 9");
    }

    #[test]
    fn gemm_acc_adds_the_product_of_row_major_blocks() {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50], added to what c holds.
        let mut c = vec![1.0, 0.0, 0.0, -1.0];
        gemm_acc(&mut c, &[1.0, 2.0, 3.0, 4.0], &[5.0, 6.0, 7.0, 8.0], 2);
        assert_eq!(c, [20.0, 22.0, 43.0, 49.0]);
        // 3×3 against the dot-product definition.
        let a: Vec<f64> = (0..9).map(|i| (i * i % 7) as f64 - 3.0).collect();
        let b: Vec<f64> = (0..9).map(|i| (i * 5 % 11) as f64 - 4.0).collect();
        let mut c = vec![0.0; 9];
        gemm_acc(&mut c, &a, &b, 3);
        for r in 0..3 {
            for col in 0..3 {
                let dot: f64 = (0..3).map(|k| a[r * 3 + k] * b[k * 3 + col]).sum();
                assert_eq!(c[r * 3 + col], dot, "({r}, {col})");
            }
        }
    }

    #[test]
    fn odd_or_out_of_range_n_and_other_budgets_are_errors() {
        assert_eq!(simulate(7, 8, 1).unwrap_err().field, "n");
        assert_eq!(simulate(66, 8, 1).unwrap_err().field, "n");
        assert_eq!(simulate(8, 6, 1).unwrap_err().field, "mem");
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        let parse = |q: &str| Inputs::parse(&Query::parse(q));
        assert_eq!(
            parse(""),
            Ok(Inputs {
                n: 8,
                budget_eighths: 7,
                seed: 1
            })
        );
        assert_eq!(
            parse("n=16&mem=1&seed=9"),
            Ok(Inputs {
                n: 16,
                budget_eighths: 8,
                seed: 9
            })
        );
        assert_eq!(parse("mem=7/8").map(|i| i.budget_eighths), Ok(7));
        let e = parse("n=8.5&mem=0.5&seed=-2").unwrap_err();
        assert_eq!(
            crate::inputs::problems(&e),
            [
                ("n", Problem::NNotWhole),
                ("mem", Problem::Memory),
                ("seed", Problem::SeedNotWhole),
            ]
        );
    }
}
