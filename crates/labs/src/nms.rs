//! Non-maximum suppression, greedy and in the report's parallel form.
//!
//! Rule (torchvision's): sort by score, descending; a box is suppressed when
//! its IoU with a *kept*, higher-ranked box is strictly greater than the
//! threshold. Ties in score keep input order (stable sort), so the result is
//! deterministic. Area is `(x2 - x1) * (y2 - y1)` (no `+1`); a zero-area box
//! has IoU 0 with everything, so it is never suppressed and never
//! suppresses; identical boxes have IoU 1.
//!
//! The parallel form: one "thread" per pair `i < j` (in sorted order) fills
//! `M[i][j] = IoU > t` with no dependencies, then one sequential scan walks
//! the rows, using only the rows of boxes that are still kept.

use super::{InputError, Problem};
use crate::inputs::{Defaults, Fields, LabInputs};
use crate::numeric::rng::SplitMix64;
use crate::parse_scalar;

/// Most boxes a lab accepts.
pub const MAX_BOXES: usize = 200;

/// An axis-aligned box with a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredBox {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    pub score: f64,
}

/// Intersection over union in [0, 1]; 0 when either box has zero area.
pub fn iou(a: &ScoredBox, b: &ScoredBox) -> f64 {
    let w = (a.x2.min(b.x2) - a.x1.max(b.x1)).max(0.0);
    let h = (a.y2.min(b.y2) - a.y1.max(b.y1)).max(0.0);
    let inter = w * h;
    let union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
    if union <= 0.0 || inter <= 0.0 {
        0.0
    } else {
        inter / union
    }
}

/// Parses `x1,y1,x2,y2,score;...`. Errors (field `boxes`): wrong count of
/// numbers, non-finite values, `x2 < x1` or `y2 < y1`, more than [`MAX_BOXES`].
pub fn parse_boxes(s: &str) -> Result<Vec<ScoredBox>, InputError> {
    let mut out = Vec::new();
    for (i, part) in s.split(';').filter(|p| !p.trim().is_empty()).enumerate() {
        let v = super::parse_vector("boxes", part)?;
        if v.len() != 5 {
            return Err(InputError::new(
                "boxes",
                Problem::BoxArity {
                    index: i + 1,
                    len: v.len(),
                },
            ));
        }
        if v[2] < v[0] || v[3] < v[1] {
            return Err(InputError::new(
                "boxes",
                Problem::BoxInverted { index: i + 1 },
            ));
        }
        out.push(ScoredBox {
            x1: v[0],
            y1: v[1],
            x2: v[2],
            y2: v[3],
            score: v[4],
        });
    }
    if out.len() > MAX_BOXES {
        return Err(InputError::new(
            "boxes",
            Problem::TooManyBoxes { max: MAX_BOXES },
        ));
    }
    Ok(out)
}

/// `n` random boxes in a 100×100 field, sizes 5..40, scores in [0, 1) on a
/// 1/1000 grid (so ties happen), fully determined by `seed` (SplitMix64).
pub fn random_boxes(seed: u64, n: usize) -> Vec<ScoredBox> {
    let mut r = SplitMix64::new(seed);
    (0..n)
        .map(|_| {
            let (x, y) = (r.below(80) as f64, r.below(80) as f64);
            let (w, h) = (5.0 + r.below(36) as f64, 5.0 + r.below(36) as f64);
            ScoredBox {
                x1: x,
                y1: y,
                x2: x + w,
                y2: y + h,
                score: r.below(1000) as f64 / 1000.0,
            }
        })
        .collect()
}

/// Input indices sorted by score descending, ties by input index.
pub fn rank(boxes: &[ScoredBox]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[b].score.total_cmp(&boxes[a].score));
    order
}

/// Greedy NMS. Returns the kept input indices (ascending) and the number
/// of IoU evaluations.
pub fn greedy(boxes: &[ScoredBox], threshold: f64) -> (Vec<usize>, usize) {
    let order = rank(boxes);
    let mut suppressed = vec![false; boxes.len()];
    let (mut kept, mut evals) = (Vec::new(), 0);
    for (pos, &i) in order.iter().enumerate() {
        if suppressed[i] {
            continue;
        }
        kept.push(i);
        for &j in &order[pos + 1..] {
            if !suppressed[j] {
                evals += 1;
                if iou(&boxes[i], &boxes[j]) > threshold {
                    suppressed[j] = true;
                }
            }
        }
    }
    kept.sort_unstable();
    (kept, evals)
}

/// The parallel form's intermediate results.
#[derive(Debug, Clone, PartialEq)]
pub struct Parallel {
    /// Input indices in rank order (row/column `r` of the matrix is box `order[r]`).
    pub order: Vec<usize>,
    /// `matrix[r][c]` for `r < c`: rank-`r` box suppresses rank-`c` box (`false` on and below the diagonal).
    pub matrix: Vec<Vec<bool>>,
    /// Kept input indices, ascending.
    pub kept: Vec<usize>,
    /// IoU evaluations: `n (n - 1) / 2`, all independent.
    pub evals: usize,
}

/// The report's parallel NMS: full upper-triangle suppression matrix, then a sequential scan.
pub fn parallel(boxes: &[ScoredBox], threshold: f64) -> Parallel {
    Pairs::new(boxes).parallel(threshold)
}

/// Every pair's IoU in rank order, computed once per box set, so that a
/// new threshold only compares (the lab recomputes on every keystroke of
/// the threshold; 200 boxes are 19,900 pairs).
#[derive(Debug, Clone, PartialEq)]
pub struct Pairs {
    /// Input indices in rank order.
    pub order: Vec<usize>,
    /// IoU of ranks `r < c`, row after row: row `r` holds columns `r + 1 ..`.
    iou: Vec<f64>,
}

impl Pairs {
    pub fn new(boxes: &[ScoredBox]) -> Pairs {
        let order = rank(boxes);
        let n = order.len();
        let mut iou_rc = Vec::with_capacity(n * n.saturating_sub(1) / 2);
        for (r, &i) in order.iter().enumerate() {
            iou_rc.extend(order[r + 1..].iter().map(|&j| iou(&boxes[i], &boxes[j])));
        }
        Pairs { order, iou: iou_rc }
    }

    /// The IoUs of rank `r` with ranks `r + 1 ..`.
    fn row(&self, r: usize) -> &[f64] {
        let n = self.order.len();
        // Rows 0..r hold (n - 1) + (n - 2) + ... + (n - r) entries.
        let start = r * n - r * (r + 1) / 2;
        &self.iou[start..start + (n - 1 - r)]
    }

    /// Greedy NMS on the stored IoUs: the same kept set and the same count
    /// of IoU evaluations as [`greedy`], which computes them as it goes.
    pub fn greedy(&self, threshold: f64) -> (Vec<usize>, usize) {
        let n = self.order.len();
        let mut suppressed = vec![false; n];
        let (mut kept, mut evals) = (Vec::new(), 0);
        for r in 0..n {
            if suppressed[r] {
                continue;
            }
            kept.push(self.order[r]);
            for (s, &v) in suppressed[r + 1..].iter_mut().zip(self.row(r)) {
                if !*s {
                    evals += 1;
                    *s = v > threshold;
                }
            }
        }
        kept.sort_unstable();
        (kept, evals)
    }

    /// The parallel form on the stored IoUs.
    pub fn parallel(&self, threshold: f64) -> Parallel {
        let n = self.order.len();
        let matrix: Vec<Vec<bool>> = (0..n)
            .map(|r| {
                let mut row = vec![false; r + 1];
                row.extend(self.row(r).iter().map(|&v| v > threshold));
                row
            })
            .collect();
        let mut removed = vec![false; n];
        let mut kept = Vec::new();
        for r in 0..n {
            if removed[r] {
                continue;
            }
            kept.push(self.order[r]);
            for (c, &s) in matrix[r].iter().enumerate() {
                removed[c] |= s;
            }
        }
        kept.sort_unstable();
        Parallel {
            order: self.order.clone(),
            matrix,
            kept,
            evals: n * n.saturating_sub(1) / 2,
        }
    }
}

/// Validates an IoU threshold in [0, 1] (field `iou`).
pub fn check_threshold(t: f64) -> Result<f64, InputError> {
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err(InputError::new("iou", Problem::IouRange))
    }
}

/// The lab's boxes: typed (`boxes`), or `n` random ones from `seed` when
/// the query has a seed.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxInputs(pub Vec<ScoredBox>);

impl LabInputs for BoxInputs {
    const DEFAULTS: Defaults = &[
        (
            "boxes",
            "10,10,50,50,0.9;14,12,54,52,0.8;60,20,90,60,0.75;12,14,48,56,0.7;62,24,92,58,0.6",
        ),
        ("seed", "1"),
        ("n", "20"),
    ];

    fn read(f: &mut Fields) -> Option<Self> {
        if f.query().get("seed").is_none() {
            return f.get("boxes", |_, s| parse_boxes(s)).map(BoxInputs);
        }
        let seed = f.get("seed", |k, s| {
            s.trim()
                .parse::<u64>()
                .map_err(|_| InputError::new(k, Problem::SeedNotWhole))
        });
        let n = f.get("n", |k, s| {
            s.trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n <= MAX_BOXES)
                .ok_or_else(|| InputError::new(k, Problem::BoxCount { max: MAX_BOXES }))
        });
        Some(BoxInputs(random_boxes(seed?, n?)))
    }
}

/// The IoU threshold, in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold(pub f64);

impl LabInputs for Threshold {
    const DEFAULTS: Defaults = &[("iou", "0.5")];

    fn read(f: &mut Fields) -> Option<Self> {
        let t = f.get("iou", |k, s| parse_scalar(k, s).and_then(check_threshold));
        t.map(Threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Query;

    fn b(x1: f64, y1: f64, x2: f64, y2: f64, score: f64) -> ScoredBox {
        ScoredBox {
            x1,
            y1,
            x2,
            y2,
            score,
        }
    }

    #[test]
    fn iou_exact_cases() {
        // Two 2x2 boxes overlapping in a 1x2 strip: inter 2, union 6.
        assert_eq!(
            iou(&b(0.0, 0.0, 2.0, 2.0, 1.0), &b(1.0, 0.0, 3.0, 2.0, 1.0)),
            2.0 / 6.0
        );
        assert_eq!(
            iou(&b(0.0, 0.0, 2.0, 2.0, 1.0), &b(0.0, 0.0, 2.0, 2.0, 0.5)),
            1.0
        );
        assert_eq!(
            iou(&b(0.0, 0.0, 1.0, 1.0, 1.0), &b(5.0, 5.0, 6.0, 6.0, 1.0)),
            0.0
        );
        assert_eq!(
            iou(&b(1.0, 1.0, 1.0, 3.0, 1.0), &b(0.0, 0.0, 2.0, 2.0, 1.0)),
            0.0,
            "zero area"
        );
    }

    #[test]
    fn iou_exactly_at_the_threshold_does_not_suppress() {
        // A 4x1 box and the 2x1 box at its left end: inter 2, union 4, IoU exactly 0.5.
        let a = b(0.0, 0.0, 4.0, 1.0, 0.9);
        let c = b(0.0, 0.0, 2.0, 1.0, 0.8);
        assert_eq!(iou(&a, &c), 0.5);
        assert_eq!(
            greedy(&[a, c], 0.5).0,
            vec![0, 1],
            "IoU == t keeps both (strict >)"
        );
        assert_eq!(greedy(&[a, c], 0.49).0, vec![0]);
        assert_eq!(parallel(&[a, c], 0.5).kept, vec![0, 1]);
    }

    #[test]
    fn score_ties_keep_input_order() {
        let boxes = [b(0.0, 0.0, 2.0, 2.0, 0.5), b(0.0, 0.0, 2.0, 2.0, 0.5)];
        assert_eq!(rank(&boxes), vec![0, 1]);
        assert_eq!(greedy(&boxes, 0.5).0, vec![0]);
    }

    #[test]
    fn zero_area_boxes_are_never_suppressed() {
        let boxes = [b(0.0, 0.0, 2.0, 2.0, 0.9), b(1.0, 1.0, 1.0, 1.0, 0.8)];
        assert_eq!(greedy(&boxes, 0.0).0, vec![0, 1]);
    }

    #[test]
    fn only_kept_rows_may_suppress() {
        // A suppresses B (IoU 0.8); B overlaps C (IoU 0.6) but B is not kept, so C survives.
        let a = b(0.0, 0.0, 10.0, 10.0, 0.9);
        let bb = b(2.0, 0.0, 12.0, 10.0, 0.8);
        let c = b(5.0, 0.0, 15.0, 10.0, 0.7);
        assert!(iou(&a, &bb) > 0.5 && iou(&bb, &c) > 0.5 && iou(&a, &c) <= 0.5);
        assert_eq!(greedy(&[a, bb, c], 0.5).0, vec![0, 2]);
        assert_eq!(parallel(&[a, bb, c], 0.5).kept, vec![0, 2]);
    }

    #[test]
    fn greedy_equals_parallel_on_5000_seeded_random_sets() {
        let mut r = SplitMix64::new(99);
        for seed in 0..5000u64 {
            let n = (seed % 61) as usize;
            let boxes = random_boxes(seed, n);
            let t = r.below(101) as f64 / 100.0;
            let (g, g_evals) = greedy(&boxes, t);
            let p = parallel(&boxes, t);
            assert_eq!(g, p.kept, "seed {seed}, n {n}, t {t}");
            // The stored-IoU greedy makes the same decisions and counts the
            // same evaluations as the greedy that computes IoUs as it goes.
            assert_eq!(Pairs::new(&boxes).greedy(t), (g, g_evals), "seed {seed}");
            assert_eq!(p.evals, n * n.saturating_sub(1) / 2);
        }
    }

    #[test]
    fn stored_matrix_is_the_pairwise_iou_test_in_rank_order() {
        for seed in 0..300u64 {
            let n = (seed % 31) as usize;
            let boxes = random_boxes(seed, n);
            let t = (seed % 10) as f64 / 10.0;
            let p = parallel(&boxes, t);
            for r in 0..n {
                for c in 0..n {
                    let want = c > r && iou(&boxes[p.order[r]], &boxes[p.order[c]]) > t;
                    assert_eq!(p.matrix[r][c], want, "seed {seed}, ({r}, {c})");
                }
            }
        }
    }

    #[test]
    fn parse_rejects_bad_boxes_on_field_boxes() {
        assert_eq!(parse_boxes("0,0,2,2,0.9;1,1,3,3,0.8").unwrap().len(), 2);
        assert_eq!(
            parse_boxes("0,0,2,2").unwrap_err().problem,
            Problem::BoxArity { index: 1, len: 4 }
        );
        assert_eq!(
            parse_boxes("0,0,1,1,1;3,0,2,2,1").unwrap_err().problem,
            Problem::BoxInverted { index: 2 }
        );
        assert_eq!(
            parse_boxes("0,0,2,inf,1").unwrap_err().problem,
            Problem::NotFinite { text: "inf".into() }
        );
        assert_eq!(check_threshold(1.5).unwrap_err().field, "iou");
    }

    #[test]
    fn inputs_parse_defaults_and_the_query_and_name_bad_fields() {
        let typed = BoxInputs::parse(&Query::parse("")).unwrap();
        assert_eq!((typed.0.len(), typed.0[1].x1), (5, 14.0));
        let seeded = BoxInputs::parse(&Query::parse("seed=3&n=7&boxes=junk")).unwrap();
        assert_eq!(seeded.0, random_boxes(3, 7));
        assert_eq!(
            Threshold::parse(&Query::parse("iou=0.25")),
            Ok(Threshold(0.25))
        );
        let e = BoxInputs::parse(&Query::parse("seed=-1&n=201")).unwrap_err();
        assert_eq!(
            crate::inputs::problems(&e),
            [
                ("seed", Problem::SeedNotWhole),
                ("n", Problem::BoxCount { max: 200 }),
            ]
        );
        assert_eq!(
            BoxInputs::parse(&Query::parse("boxes=1,2,3")).unwrap_err()[0].field,
            "boxes"
        );
        for bad in ["x", "1.5", "-0.1"] {
            let e = Threshold::parse(&Query::parse(&format!("iou={bad}"))).unwrap_err();
            assert_eq!((e.len(), e[0].field.as_str()), (1, "iou"));
        }
    }
}
