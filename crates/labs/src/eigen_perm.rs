//! Symmetric eigendecomposition `S = Q L Qᵀ` and what a permutation of `L`
//! does to `Q`.
//!
//! The solver is cyclic Jacobi: small, robust for the sizes here (n ≤ 8),
//! and accurate to a few ULPs of `max|S|` in the reconstruction. We do not
//! pull in nalgebra for one 8×8 solver (wasm size budget).
//!
//! Permutation convention (the report's): `perm = [3, 1, 0, 2]` means
//! `L' = diag(l3, l1, l0, l2)`, i.e. new position `k` takes old index
//! `perm[k]`; then `Q'` must take old column `perm[k]` as its column `k`.

// Matrix code reads best with explicit indices (a[p][r], a[k][p], ...).
#![allow(clippy::needless_range_loop)]

use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};

/// Largest matrix accepted.
pub const MAX_N: usize = 8;
/// Relative tolerance for the symmetry check.
pub const SYMMETRY_TOL: f64 = 1e-9;

/// A square matrix stored by rows.
pub type Matrix = Vec<Vec<f64>>;

/// Eigenvalues ascending, and eigenvectors as the matching columns of `q`.
#[derive(Debug, Clone, PartialEq)]
pub struct Eigen {
    pub values: Vec<f64>,
    /// `q[row][col]`; column `j` is the unit eigenvector of `values[j]`,
    /// signed so that its largest-magnitude entry is positive.
    pub q: Matrix,
}

/// Checks that `s` is square, at most [`MAX_N`], finite and symmetric
/// (`|s_ij - s_ji| <= SYMMETRY_TOL * max(1, max|s|)`). Errors name field `s`.
pub fn check_symmetric(s: &Matrix) -> Result<(), InputError> {
    let n = s.len();
    if n == 0 || s.iter().any(|r| r.len() != n) {
        let cols = s.first().map_or(0, |r| r.len());
        return Err(InputError::new("s", Problem::NotSquare { rows: n, cols }));
    }
    if n > MAX_N {
        return Err(InputError::new("s", Problem::MatrixTooLarge { max: MAX_N }));
    }
    let scale = s.iter().flatten().fold(1.0f64, |m, v| m.max(v.abs()));
    for i in 0..n {
        for j in i + 1..n {
            if (s[i][j] - s[j][i]).abs() > SYMMETRY_TOL * scale {
                return Err(InputError::new(
                    "s",
                    Problem::NotSymmetric {
                        row: i + 1,
                        col: j + 1,
                        value: s[i][j],
                        mirror: s[j][i],
                    },
                ));
            }
        }
    }
    Ok(())
}

/// Eigendecomposition of a symmetric matrix by cyclic Jacobi rotations.
///
/// Input: a matrix accepted by [`check_symmetric`] (the strictly upper
/// triangle is used after symmetrising). Sweeps until the off-diagonal mass
/// is below `1e-30` of the total or 64 sweeps (n ≤ 8 converges in < 10).
/// Repeated eigenvalues are fine: `Q` is then one of many valid choices.
pub fn eigen_symmetric(s: &Matrix) -> Result<Eigen, InputError> {
    check_symmetric(s)?;
    let n = s.len();
    let mut a: Matrix = (0..n)
        .map(|i| (0..n).map(|j| 0.5 * (s[i][j] + s[j][i])).collect())
        .collect();
    let mut v: Matrix = (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    let total: f64 = a.iter().flatten().map(|x| x * x).sum();
    for _sweep in 0..64 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off <= 1e-30 * total || off == 0.0 {
            break;
        }
        for p in 0..n {
            for r in p + 1..n {
                if a[p][r] == 0.0 {
                    continue;
                }
                // Rotation angle that zeroes a[p][r] (Golub & Van Loan, symmetric Schur).
                let theta = (a[r][r] - a[p][p]) / (2.0 * a[p][r]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let sn = t * c;
                for k in 0..n {
                    let (akp, akr) = (a[k][p], a[k][r]);
                    a[k][p] = c * akp - sn * akr;
                    a[k][r] = sn * akp + c * akr;
                }
                for k in 0..n {
                    let (apk, ark) = (a[p][k], a[r][k]);
                    a[p][k] = c * apk - sn * ark;
                    a[r][k] = sn * apk + c * ark;
                }
                for row in v.iter_mut() {
                    let (vp, vr) = (row[p], row[r]);
                    row[p] = c * vp - sn * vr;
                    row[r] = sn * vp + c * vr;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| a[i][i].total_cmp(&a[j][j]));
    let values = order.iter().map(|&i| a[i][i]).collect();
    let mut q: Matrix = (0..n)
        .map(|r| order.iter().map(|&c| v[r][c]).collect())
        .collect();
    for j in 0..n {
        let big = (0..n)
            .max_by(|&x, &y| q[x][j].abs().total_cmp(&q[y][j].abs()))
            .unwrap_or(0);
        if q[big][j] < 0.0 {
            q.iter_mut().for_each(|row| row[j] = -row[j]);
        }
    }
    Ok(Eigen { values, q })
}

/// Parses `perm` (`3,1,0,2` or `3 1 0 2`) as a permutation of `0..n`. Errors name field `perm`.
pub fn parse_perm(s: &str, n: usize) -> Result<Vec<usize>, InputError> {
    let parts: Vec<&str> = s
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let v: Vec<usize> = parts
        .iter()
        .map(|p| {
            p.parse::<usize>().map_err(|_| {
                InputError::new(
                    "perm",
                    Problem::NotAnIndex {
                        text: p.to_string(),
                    },
                )
            })
        })
        .collect::<Result<_, _>>()?;
    if v.len() != n || !crate::validate::is_permutation(&v) {
        return Err(InputError::new(
            "perm",
            Problem::PermutationEachOnce {
                last: n.saturating_sub(1),
            },
        ));
    }
    Ok(v)
}

/// `Q L Qᵀ` for a diagonal given as a vector.
pub fn recompose(q: &Matrix, l: &[f64]) -> Matrix {
    let n = l.len();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| (0..n).map(|k| q[i][k] * l[k] * q[j][k]).sum())
                .collect()
        })
        .collect()
}

/// `max |x_ij - y_ij|`.
pub fn max_abs_diff(x: &Matrix, y: &Matrix) -> f64 {
    x.iter()
        .flatten()
        .zip(y.iter().flatten())
        .fold(0.0, |m, (a, b)| m.max((a - b).abs()))
}

/// The lab's results for `S` and `perm`.
#[derive(Debug, Clone, PartialEq)]
pub struct PermResult {
    pub eigen: Eigen,
    /// `L'`: `l[perm[k]]`.
    pub permuted_values: Vec<f64>,
    /// `Q'`: column `k` is old column `perm[k]`.
    pub permuted_q: Matrix,
    /// `max|Q' L' Q'ᵀ - S|` (tiny: the permutation is consistent).
    pub residual: f64,
    /// The error if `Q` is left as it is with `L'` (large unless `L'` = `L`).
    pub residual_unpermuted_q: f64,
    /// The error if the rows of `Q` are permuted instead of the columns.
    pub residual_rows_permuted: f64,
}

/// Decomposes `s`, applies `perm` to `L` and to `Q`'s columns, and measures
/// reconstruction errors. Errors come from [`eigen_symmetric`] and the perm length.
pub fn permute(s: &Matrix, perm: &[usize]) -> Result<PermResult, InputError> {
    let eigen = eigen_symmetric(s)?;
    let n = s.len();
    if perm.len() != n || !crate::validate::is_permutation(perm) {
        return Err(InputError::new(
            "perm",
            Problem::Permutation { last: n - 1 },
        ));
    }
    let permuted_values: Vec<f64> = perm.iter().map(|&k| eigen.values[k]).collect();
    let permuted_q: Matrix = eigen
        .q
        .iter()
        .map(|row| perm.iter().map(|&k| row[k]).collect())
        .collect();
    let rows_permuted: Matrix = perm.iter().map(|&k| eigen.q[k].clone()).collect();
    Ok(PermResult {
        residual: max_abs_diff(&recompose(&permuted_q, &permuted_values), s),
        residual_unpermuted_q: max_abs_diff(&recompose(&eigen.q, &permuted_values), s),
        residual_rows_permuted: max_abs_diff(&recompose(&rows_permuted, &permuted_values), s),
        permuted_values,
        permuted_q,
        eigen,
    })
}

/// The lab's inputs: a symmetric matrix and a new order of its eigenvalues.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub s: Matrix,
    pub perm: Vec<usize>,
}

impl LabInputs for Inputs {
    const DEFAULTS: Defaults = &[
        ("s", "4,1,0.5,0;1,3,0.2,0.1;0.5,0.2,2,0.3;0,0.1,0.3,1"),
        ("perm", "3,1,0,2"),
    ];

    /// Matrix problems first: a perm of the wrong length is only
    /// meaningful for a valid S, so at most one error.
    fn read(f: &mut Fields) -> Option<Self> {
        let s = f.matrix("s")?;
        if let Err(e) = check_symmetric(&s) {
            f.reject(e);
            return None;
        }
        let perm = f.get("perm", |_, t| parse_perm(t, s.len()))?;
        Some(Inputs { s, perm })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::rng::SplitMix64;
    use crate::query::Query;

    /// Reconstruction tolerance relative to `max(1, max|S|)`.
    const RECON_EPS: f64 = 1e-10;
    /// Orthogonality tolerance for `QᵀQ = I`.
    const ORTHO_EPS: f64 = 1e-12;

    fn random_symmetric(rng: &mut SplitMix64, n: usize) -> Matrix {
        let mut s = vec![vec![0.0; n]; n];
        for i in 0..n {
            for j in i..n {
                let v = (rng.below(2001) as f64 - 1000.0) / 100.0;
                s[i][j] = v;
                s[j][i] = v;
            }
        }
        s
    }

    #[test]
    fn two_by_two_has_eigenvalues_1_and_3() {
        let e = eigen_symmetric(&vec![vec![2.0, 1.0], vec![1.0, 2.0]]).unwrap();
        assert!(
            (e.values[0] - 1.0).abs() < 1e-15 && (e.values[1] - 3.0).abs() < 1e-15,
            "{:?}",
            e.values
        );
        let h = std::f64::consts::FRAC_1_SQRT_2;
        // Eigenvector of 3 is (1,1)/sqrt2, of 1 is (1,-1)/sqrt2 up to sign (largest entry positive).
        assert!((e.q[0][1] - h).abs() < 1e-15 && (e.q[1][1] - h).abs() < 1e-15);
    }

    #[test]
    fn decomposition_recomposes_and_q_is_orthogonal_on_random_matrices() {
        let mut rng = SplitMix64::new(2020);
        for trial in 0..500 {
            let n = 1 + trial % MAX_N;
            let s = random_symmetric(&mut rng, n);
            let e = eigen_symmetric(&s).unwrap();
            let scale = s.iter().flatten().fold(1.0f64, |m, v| m.max(v.abs()));
            assert!(
                max_abs_diff(&recompose(&e.q, &e.values), &s) <= RECON_EPS * scale,
                "trial {trial}"
            );
            for i in 0..n {
                for j in 0..n {
                    let d: f64 = (0..n).map(|k| e.q[k][i] * e.q[k][j]).sum();
                    assert!(
                        (d - if i == j { 1.0 } else { 0.0 }).abs() <= ORTHO_EPS,
                        "trial {trial} QtQ[{i}][{j}]={d}"
                    );
                }
            }
            assert!(e.values.windows(2).all(|w| w[0] <= w[1]));
            let trace: f64 = (0..n).map(|i| s[i][i]).sum();
            assert!((trace - e.values.iter().sum::<f64>()).abs() <= 1e-10 * scale * n as f64);
        }
    }

    #[test]
    fn repeated_eigenvalues_still_reconstruct() {
        let s = vec![
            vec![2.0, 0.0, 0.0],
            vec![0.0, 2.0, 0.0],
            vec![0.0, 0.0, 5.0],
        ];
        let r = permute(&s, &[2, 0, 1]).unwrap();
        assert_eq!(r.eigen.values, vec![2.0, 2.0, 5.0]);
        assert!(r.residual < 1e-14);
    }

    #[test]
    fn report_permutation_3102_permutes_columns_not_rows() {
        // Regression for the convention: new column k = old column perm[k].
        let s = vec![
            vec![4.0, 1.0, 0.5, 0.0],
            vec![1.0, 3.0, 0.2, 0.1],
            vec![0.5, 0.2, 2.0, 0.3],
            vec![0.0, 0.1, 0.3, 1.0],
        ];
        let r = permute(&s, &[3, 1, 0, 2]).unwrap();
        let l = &r.eigen.values;
        assert_eq!(r.permuted_values, vec![l[3], l[1], l[0], l[2]]);
        for row in 0..4 {
            assert_eq!(r.permuted_q[row][0], r.eigen.q[row][3]);
            assert_eq!(r.permuted_q[row][2], r.eigen.q[row][0]);
        }
        assert!(r.residual < 1e-13, "{}", r.residual);
        assert!(r.residual_unpermuted_q > 0.1, "{}", r.residual_unpermuted_q);
        assert!(
            r.residual_rows_permuted > 0.1,
            "{}",
            r.residual_rows_permuted
        );
        // The inverse permutation (2 1 3 0) is NOT the answer.
        let inv = permute(&s, &[2, 1, 3, 0]).unwrap();
        assert_ne!(inv.permuted_values, r.permuted_values);
    }

    #[test]
    fn rejects_non_square_non_symmetric_and_oversized_matrices_on_field_s() {
        assert_eq!(
            check_symmetric(&vec![vec![1.0, 2.0]]).unwrap_err().problem,
            Problem::NotSquare { rows: 1, cols: 2 }
        );
        let e = check_symmetric(&vec![vec![1.0, 2.0], vec![2.5, 1.0]]).unwrap_err();
        assert_eq!(e.field, "s");
        assert_eq!(
            e.problem,
            Problem::NotSymmetric {
                row: 1,
                col: 2,
                value: 2.0,
                mirror: 2.5
            }
        );
        assert_eq!(
            check_symmetric(&vec![vec![0.0; 9]; 9]).unwrap_err().problem,
            Problem::MatrixTooLarge { max: 8 }
        );
    }

    #[test]
    fn rejects_perms_that_are_not_permutations() {
        assert_eq!(parse_perm("3,1,0,2", 4), Ok(vec![3, 1, 0, 2]));
        assert_eq!(parse_perm("3 1 0 2", 4), Ok(vec![3, 1, 0, 2]));
        for bad in ["3,1,1,2", "3,1,0", "0,1,2,4", "a,b,c,d"] {
            assert_eq!(parse_perm(bad, 4).unwrap_err().field, "perm", "{bad}");
        }
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        let i = Inputs::parse(&Query::parse("perm=0,3,2,1")).unwrap();
        assert_eq!((i.s.len(), i.perm), (4, vec![0, 3, 2, 1]));
        let i = Inputs::parse(&Query::parse("s=2,1;1,2&perm=1,0")).unwrap();
        assert_eq!(i.s, vec![vec![2.0, 1.0], vec![1.0, 2.0]]);
        // One error, on the first problem: the matrix, then the order.
        for (q, field) in [
            ("s=1,2;3&perm=x", "s"),
            ("s=1,2;3,4&perm=x", "s"),
            ("s=2,1;1,2", "perm"),
        ] {
            let e = Inputs::parse(&Query::parse(q)).unwrap_err();
            assert_eq!((e.len(), e[0].field.as_str()), (1, field), "{q}");
        }
    }
}
