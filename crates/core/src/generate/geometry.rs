//! Geometry and detection generators: perpendicular foot, eigenvalue
//! reordering, IoU, NMS survivors. Coordinates are small integers, so the
//! exact answers are fractions the learner may type as such.

use super::{int_in, num, text, Generator, Instance, ParamKind, ParamSpec, Params};
use crate::bank::{Choice, Kind, Tolerance};
use crate::numeric::rng::SplitMix64;
use ail_labs::nms::{greedy, iou, rank, ScoredBox};
use ail_labs::perp_foot::perpendicular_foot;

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

/// `p/q` reduced, or `p` when it divides; `q > 0`.
pub(crate) fn frac(p: i64, q: i64) -> String {
    let g = gcd(p, q).max(1);
    let (p, q) = (p / g, q / g);
    let (p, q) = if q < 0 { (-p, -q) } else { (p, q) };
    if q == 1 {
        p.to_string()
    } else {
        format!("{p}/{q}")
    }
}

fn tuple(v: &[i64]) -> String {
    let parts: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    format!("({})", parts.join(", "))
}

fn csv(v: &[i64]) -> String {
    let parts: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    parts.join(",")
}

// ---------------------------------------------------------------- perpendicular foot

pub const PERP_FOOT: Generator = Generator {
    name: "perp-foot",
    about: "the foot of the perpendicular from c to the line through a and b (2D or 3D)",
    params: &[
        ParamSpec {
            name: "dims",
            kind: ParamKind::Int {
                min: 2,
                max: 3,
                default: (2, 3),
            },
            help: "dimension of the points",
        },
        ParamSpec {
            name: "coords",
            kind: ParamKind::Int {
                min: -50,
                max: 50,
                default: (-6, 9),
            },
            help: "range of the integer coordinates",
        },
    ],
    draw: draw_perp_foot,
};

fn draw_perp_foot(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let n = p.draw_int("dims", rng) as usize;
    let mut point = || -> Vec<i64> { (0..n).map(|_| p.draw_int("coords", rng)).collect() };
    let (a, b, c) = (point(), point(), point());
    let u: Vec<i64> = b.iter().zip(&a).map(|(x, y)| x - y).collect();
    let w: Vec<i64> = c.iter().zip(&a).map(|(x, y)| x - y).collect();
    let den: i64 = u.iter().map(|x| x * x).sum();
    let num_t: i64 = u.iter().zip(&w).map(|(x, y)| x * y).sum();
    // a == b (or a too-short line), and c on the line (distance 0), are degenerate.
    if den < 4 {
        return None;
    }
    let f = |v: &[i64]| v.iter().map(|&x| x as f64).collect::<Vec<f64>>();
    let foot = perpendicular_foot(&f(&a), &f(&b), &f(&c)).ok()?;
    if foot.distance < 0.5 {
        return None;
    }
    let d_frac: Vec<String> = (0..n)
        .map(|i| frac(a[i] * den + num_t * u[i], den))
        .collect();
    let letters = if n == 2 { "x y" } else { "x y z" };
    let (sa, sb, sc) = (tuple(&a), tuple(&b), tuple(&c));
    let seg_en = if foot.on_segment {
        "0 ≤ t ≤ 1, so d lies on the segment ab"
    } else {
        "t is outside [0, 1], so d lies on the line beyond the segment ab"
    };
    let seg_zh = if foot.on_segment {
        "0 ≤ t ≤ 1，d 在线段 ab 上"
    } else {
        "t 不在 [0, 1] 内，d 在直线上、线段 ab 之外"
    };
    let d_list = d_frac.join(", ");
    let dist = num((foot.distance * 1e4).round() / 1e4);
    Some(Instance {
        prompt: text(
            format!("$a = {sa}$，$b = {sb}$，$c = {sc}$。求从 $c$ 到直线 $ab$ 的垂足 $d$，按 `{letters}` 的顺序写出坐标（至少 3 位小数，或写成分数如 `19/5`；绝对误差 $10^{{-3}}$）。"),
            format!("$a = {sa}$, $b = {sb}$, $c = {sc}$. Find the foot $d$ of the perpendicular from $c$ to the line $ab$ and enter its coordinates as `{letters}` (at least 3 decimals, or fractions such as `19/5`; absolute tolerance $10^{{-3}}$)."),
        ),
        kind: Kind::Numeric {
            answer: foot.d.clone(),
            tolerance: Tolerance::Absolute { value: 1e-3 },
            unit: None,
            format: None,
        },
        explanation: text(
            format!(
                "$u = b - a = {u}$，$c - a = {w}$。$t = \\frac{{(c-a)\\cdot u}}{{u \\cdot u}} = \\frac{{{num_t}}}{{{den}}}$，$d = a + t u = ({d_list})$。{seg_zh}；$|c - d| \\approx {dist}$。检验：$(c - d) \\cdot u = 0$。",
                u = tuple(&u), w = tuple(&w)
            ),
            format!(
                "$u = b - a = {u}$ and $c - a = {w}$. $t = \\frac{{(c-a)\\cdot u}}{{u \\cdot u}} = \\frac{{{num_t}}}{{{den}}}$, so $d = a + t u = ({d_list})$. {seg_en}; $|c - d| \\approx {dist}$. Check: $(c - d) \\cdot u = 0$.",
                u = tuple(&u), w = tuple(&w)
            ),
        ),
        inputs: vec![("a", csv(&a)), ("b", csv(&b)), ("c", csv(&c))],
        lab: Some(format!(
            "perp-foot?a={}&b={}&c={}",
            csv(&a),
            csv(&b),
            csv(&c)
        )),
    })
}

// ---------------------------------------------------------------- eigenvalue reordering

pub const EIGEN_PERM: Generator = Generator {
    name: "eigen-perm",
    about: "the column permutation of Q that sorts the eigenvalues of S = Q L Qᵀ",
    params: &[
        ParamSpec {
            name: "n",
            kind: ParamKind::Int {
                min: 2,
                max: 8,
                default: (4, 5),
            },
            help: "matrix size",
        },
        ParamSpec {
            name: "order",
            kind: ParamKind::Choice {
                options: &["descending", "ascending"],
                default: &["descending", "ascending"],
            },
            help: "the order asked for",
        },
    ],
    draw: draw_eigen_perm,
};

fn draw_eigen_perm(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let n = p.draw_int("n", rng) as usize;
    let descending = p.draw_choice("order", rng) == "descending";
    // Distinct integer eigenvalues (no ties, so the sort is unique).
    let mut pool: Vec<i64> = (-9..=9).collect();
    rng.shuffle(&mut pool);
    let values: Vec<i64> = pool[..n].to_vec();
    let mut perm: Vec<usize> = (0..n).collect();
    perm.sort_by_key(|&i| if descending { -values[i] } else { values[i] });
    if perm.iter().enumerate().all(|(j, &i)| i == j) {
        return None; // already sorted: nothing to permute
    }
    let l = values
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let sorted = perm
        .iter()
        .map(|&i| values[i].to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let cols = perm
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let q_cols = perm
        .iter()
        .map(|i| format!("q_{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let s_query = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        values[i].to_string()
                    } else {
                        "0".into()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join(";");
    let (ord_zh, ord_en) = if descending {
        ("从大到小", "descending")
    } else {
        ("从小到大", "ascending")
    };
    Some(Instance {
        prompt: text(
            format!("对称矩阵 $S$ 的特征分解为 $S = Q L Q^\\top$，求解器返回 $L = \\operatorname{{diag}}({l})$，$Q$ 的第 $i$ 列 $q_i$ 对应 $l_i$。要把特征值按{ord_zh}排成 $L'$ 并保持 $S = Q' L' Q'^\\top$：对 $Q'$ 的第 0、1、… 列，依次写出它取自 $Q$ 的哪一列（例如 `3 1 0 2`）。"),
            format!("A symmetric $S$ is decomposed as $S = Q L Q^\\top$; the solver returns $L = \\operatorname{{diag}}({l})$, column $q_i$ of $Q$ belonging to $l_i$. To sort the eigenvalues in {ord_en} order as $L'$ and keep $S = Q' L' Q'^\\top$: for columns 0, 1, … of $Q'$ in turn, give the column of $Q$ it is taken from (e.g. `3 1 0 2`)."),
        ),
        kind: Kind::Ordering {
            items: None,
            answer: perm.clone(),
        },
        explanation: text(
            format!("{ord_zh}排序后 $L' = \\operatorname{{diag}}({sorted})$，所以 $Q'$ 的列依次是 ${q_cols}$，答案 `{cols}`。特征值和特征向量必须用同一个置换 $P$：$Q' = QP$，$L' = P^\\top L P$，$Q' L' Q'^\\top = Q P P^\\top L P P^\\top Q^\\top = S$。置换 $Q$ 的行，或只排 $L$ 不动 $Q$，都会破坏重构。"),
            format!("Sorted {ord_en}, $L' = \\operatorname{{diag}}({sorted})$, so the columns of $Q'$ are ${q_cols}$ in that order: `{cols}`. Eigenvalues and eigenvectors must move by the same permutation $P$: $Q' = QP$, $L' = P^\\top L P$, and $Q' L' Q'^\\top = Q P P^\\top L P P^\\top Q^\\top = S$. Permuting the rows of $Q$, or sorting $L$ alone, breaks the reconstruction."),
        ),
        inputs: vec![("values", values.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(",")), ("order", if descending { "descending" } else { "ascending" }.into())],
        lab: Some(format!(
            "eigen-perm?s={s_query}&perm={}",
            perm.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )),
    })
}

// ---------------------------------------------------------------- IoU

pub const IOU: Generator = Generator {
    name: "iou",
    about: "the IoU of two overlapping axis-aligned boxes",
    params: &[ParamSpec {
        name: "coords",
        kind: ParamKind::Int {
            min: 0,
            max: 1000,
            default: (0, 20),
        },
        help: "range of the integer corner coordinates",
    }],
    draw: draw_iou,
};

fn sbox(v: [i64; 4], score: f64) -> ScoredBox {
    ScoredBox {
        x1: v[0] as f64,
        y1: v[1] as f64,
        x2: v[2] as f64,
        y2: v[3] as f64,
        score,
    }
}

fn draw_box(p: &Params, name: &str, rng: &mut SplitMix64) -> Option<[i64; 4]> {
    let (x1, x2) = (p.draw_int(name, rng), p.draw_int(name, rng));
    let (y1, y2) = (p.draw_int(name, rng), p.draw_int(name, rng));
    let b = [x1.min(x2), y1.min(y2), x1.max(x2), y1.max(y2)];
    (b[2] - b[0] >= 2 && b[3] - b[1] >= 2).then_some(b)
}

fn draw_iou(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let a = draw_box(p, "coords", rng)?;
    let b = draw_box(p, "coords", rng)?;
    let v = iou(&sbox(a, 0.0), &sbox(b, 0.0));
    if !(0.05..=0.95).contains(&v) || a == b {
        return None;
    }
    let iw = a[2].min(b[2]) - a[0].max(b[0]);
    let ih = a[3].min(b[3]) - a[1].max(b[1]);
    let inter = iw * ih;
    let (area_a, area_b) = ((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]));
    let union = area_a + area_b - inter;
    let (sa, sb) = (tuple(&a), tuple(&b));
    let f = frac(inter, union);
    Some(Instance {
        prompt: text(
            format!("框 $P = {sa}$，$Q = {sb}$，格式 $(x_1, y_1, x_2, y_2)$，面积 $(x_2 - x_1)(y_2 - y_1)$（不加 1）。求 $\\operatorname{{IoU}}(P, Q)$（至少 3 位小数或分数，绝对误差 $10^{{-3}}$）。"),
            format!("Boxes $P = {sa}$ and $Q = {sb}$ in $(x_1, y_1, x_2, y_2)$ format, area $(x_2 - x_1)(y_2 - y_1)$ (no +1). Compute $\\operatorname{{IoU}}(P, Q)$ (at least 3 decimals or a fraction; absolute tolerance $10^{{-3}}$)."),
        ),
        kind: Kind::Numeric {
            answer: vec![v],
            tolerance: Tolerance::Absolute { value: 1e-3 },
            unit: None,
            format: None,
        },
        explanation: text(
            format!("交集宽 {iw}、高 {ih}，面积 {inter}；$|P| = {area_a}$，$|Q| = {area_b}$，并集 $= {area_a} + {area_b} - {inter} = {union}$。$\\operatorname{{IoU}} = {f} \\approx {r}$。", r = num((v * 1e4).round() / 1e4)),
            format!("The intersection is {iw} wide and {ih} high, area {inter}; $|P| = {area_a}$, $|Q| = {area_b}$, union $= {area_a} + {area_b} - {inter} = {union}$. $\\operatorname{{IoU}} = {f} \\approx {r}$.", r = num((v * 1e4).round() / 1e4)),
        ),
        inputs: vec![("p", csv(&a)), ("q", csv(&b))],
        lab: Some(format!(
            "nms?boxes={},0.9;{},0.8&iou=0.5",
            csv(&a),
            csv(&b)
        )),
    })
}

// ---------------------------------------------------------------- NMS survivors

pub const NMS_SURVIVORS: Generator = Generator {
    name: "nms-survivors",
    about: "which boxes greedy NMS keeps (torchvision's rule: suppress when IoU > threshold)",
    params: &[
        ParamSpec {
            name: "boxes",
            kind: ParamKind::Int {
                min: 3,
                max: 8,
                default: (4, 6),
            },
            help: "number of boxes",
        },
        ParamSpec {
            name: "threshold",
            kind: ParamKind::Choice {
                options: &["0.3", "0.4", "0.5", "0.6", "0.7"],
                default: &["0.3", "0.5", "0.7"],
            },
            help: "the IoU threshold",
        },
    ],
    draw: draw_nms,
};

/// How far every pairwise IoU must stay from the threshold, so a learner
/// rounding to two decimals still decides each pair right.
pub(crate) const NMS_MARGIN: f64 = 0.03;

fn draw_nms(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let n = p.draw_int("boxes", rng) as usize;
    let t: f64 = p.draw_choice("threshold", rng).parse().ok()?;
    // Two clusters, so suppression happens; distinct scores, so the order is unique.
    let centres = [
        (int_in(rng, 6, 14), int_in(rng, 6, 14)),
        (int_in(rng, 16, 24), int_in(rng, 6, 24)),
    ];
    let mut scores: Vec<i64> = (50..100).collect();
    rng.shuffle(&mut scores);
    let boxes: Vec<[i64; 4]> = (0..n)
        .map(|_| {
            let (cx, cy) = centres[rng.below(2) as usize];
            let (w, h) = (int_in(rng, 4, 10), int_in(rng, 4, 10));
            let (x1, y1) = (
                cx + int_in(rng, -2, 2) - w / 2,
                cy + int_in(rng, -2, 2) - h / 2,
            );
            [x1, y1, x1 + w, y1 + h]
        })
        .collect();
    let scored: Vec<ScoredBox> = boxes
        .iter()
        .zip(&scores)
        .map(|(b, &s)| sbox(*b, s as f64 / 100.0))
        .collect();
    for i in 0..n {
        for j in i + 1..n {
            if (iou(&scored[i], &scored[j]) - t).abs() < NMS_MARGIN {
                return None;
            }
        }
    }
    let (kept, _) = greedy(&scored, t);
    if kept.len() == n || kept.len() < 2 {
        return None;
    }
    // The walk, for the explanation.
    let order = rank(&scored);
    let mut kept_so_far: Vec<usize> = Vec::new();
    let mut steps_en = Vec::new();
    let mut steps_zh = Vec::new();
    for &i in &order {
        let by = kept_so_far
            .iter()
            .find(|&&k| iou(&scored[k], &scored[i]) > t)
            .copied();
        match by {
            Some(k) => {
                let v = num((iou(&scored[k], &scored[i]) * 100.0).round() / 100.0);
                steps_en.push(format!(
                    "box {i} (score {}): IoU with kept box {k} ≈ {v} > {t}, suppressed",
                    num(scored[i].score)
                ));
                steps_zh.push(format!(
                    "框 {i}（分数 {}）：与已保留的框 {k} 的 IoU ≈ {v} > {t}，被抑制",
                    num(scored[i].score)
                ));
            }
            None => {
                kept_so_far.push(i);
                steps_en.push(format!(
                    "box {i} (score {}): no kept box overlaps it by more than {t}, kept",
                    num(scored[i].score)
                ));
                steps_zh.push(format!(
                    "框 {i}（分数 {}）：没有已保留的框与它的 IoU 超过 {t}，保留",
                    num(scored[i].score)
                ));
            }
        }
    }
    let options: Vec<Choice> = boxes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let step = order.iter().position(|&o| o == i).unwrap_or(0);
            Choice {
                text: text(
                    format!("框 {i}：{}，分数 {}", tuple(b), num(scored[i].score)),
                    format!("Box {i}: {}, score {}", tuple(b), num(scored[i].score)),
                ),
                explanation: text(
                    format!("{}。", steps_zh[step]),
                    format!("{}.", steps_en[step]),
                ),
            }
        })
        .collect();
    let kept_s = kept
        .iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let box_query = boxes
        .iter()
        .zip(&scored)
        .map(|(b, s)| format!("{},{}", csv(b), num(s.score)))
        .collect::<Vec<_>>()
        .join(";");
    Some(Instance {
        prompt: text(
            format!("对下面 {n} 个框做贪心 NMS，阈值 {t}：与某个已保留的、分数更高的框 IoU **大于** {t} 的框被抑制（torchvision 的规则）。框的格式是 $(x_1, y_1, x_2, y_2)$。哪些框会被保留？"),
            format!("Run greedy NMS on these {n} boxes with threshold {t}: a box is suppressed when its IoU with a kept, higher-scoring box is **greater than** {t} (torchvision's rule). Boxes are $(x_1, y_1, x_2, y_2)$. Which boxes are kept?"),
        ),
        kind: Kind::Multi {
            options,
            correct: kept.clone(),
        },
        explanation: text(
            format!("按分数从高到低走一遍：{}。保留的是 {kept_s}。", steps_zh.join("；")),
            format!("Walk the boxes by score, highest first: {}. Kept: {kept_s}.", steps_en.join("; ")),
        ),
        inputs: vec![("boxes", box_query.clone()), ("threshold", num(t))],
        lab: Some(format!("nms?boxes={box_query}&iou={t}")),
    })
}
