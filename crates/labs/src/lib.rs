//! The labs' numeric core: one module per lab (inputs from the URL query,
//! numbers, typed errors), float formats ([`numeric`]) and the registry of
//! labs. Plain Rust with no web imports, tested natively. A crate of its own
//! so that the app module's Cargo profile can build it for speed while the
//! UI is built for size (the workspace's Cargo.toml, `release-full`).
//!
//! Shared here: the registry of labs (slug, names, the questions each one
//! illustrates), URL queries ([`query`]) and input parsing with
//! field-specific errors.

pub mod numeric;
pub mod validate;

pub mod conv_matmul;
pub mod dist_matmul;
pub mod dropout_bn;
pub mod eigen_perm;
pub mod exact;
pub mod float_lab;
pub mod inputs;
pub mod losses;
pub mod mixed_precision;
pub mod mlp;
pub mod nms;
pub mod optimizers;
pub mod perp_foot;
pub mod query;

/// A lab: its URL slug, display names and the bank questions it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabInfo {
    pub slug: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Ids of built-in questions whose numeric core this lab computes.
    pub questions: &'static [&'static str],
}

/// The labs: the one list that the lab index, the lab pages and their
/// routes, and the links from questions come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lab {
    Float,
    MixedPrecision,
    PerpFoot,
    EigenPerm,
    Nms,
    Losses,
    Optimizers,
    DistMatmul,
    ConvMatmul,
    Mlp,
    DropoutBn,
}

impl Lab {
    /// Every lab, in display order.
    pub const ALL: [Lab; 11] = [
        Lab::Float,
        Lab::MixedPrecision,
        Lab::PerpFoot,
        Lab::EigenPerm,
        Lab::Nms,
        Lab::Losses,
        Lab::Optimizers,
        Lab::DistMatmul,
        Lab::ConvMatmul,
        Lab::Mlp,
        Lab::DropoutBn,
    ];

    /// The lab's slug, names and questions.
    pub const fn info(self) -> &'static LabInfo {
        match self {
            Lab::Float => &LabInfo {
                slug: "float",
                zh: "浮点数格式与舍入",
                en: "Float formats and rounding",
                questions: &["fp32-rounding", "mixed-precision-fp32-steps"],
            },
            Lab::MixedPrecision => &LabInfo {
                slug: "mixed-precision",
                zh: "混合精度训练",
                en: "Mixed-precision training",
                questions: &["mixed-precision-fp32-steps", "fp32-rounding"],
            },
            Lab::PerpFoot => &LabInfo {
                slug: "perp-foot",
                zh: "垂足",
                en: "Foot of the perpendicular",
                questions: &["perpendicular-foot"],
            },
            Lab::EigenPerm => &LabInfo {
                slug: "eigen-perm",
                zh: "特征分解与置换",
                en: "Eigendecomposition and permutation",
                questions: &["eigen-permutation"],
            },
            Lab::Nms => &LabInfo {
                slug: "nms",
                zh: "并行 NMS",
                en: "Parallel NMS",
                questions: &["parallel-nms"],
            },
            Lab::Losses => &LabInfo {
                slug: "losses",
                zh: "MSE 与交叉熵的梯度",
                en: "MSE vs cross-entropy gradients",
                questions: &["sigmoid-mse-ce-gradients", "ce-vs-mse-classification"],
            },
            Lab::Optimizers => &LabInfo {
                slug: "optimizers",
                zh: "SGD、Momentum 与 Adam",
                en: "SGD, Momentum and Adam",
                questions: &["sgd-momentum-adam", "adam-drawbacks"],
            },
            Lab::DistMatmul => &LabInfo {
                slug: "dist-matmul",
                zh: "四台机器的矩阵乘法",
                en: "Matrix multiply on four machines",
                questions: &["distributed-matmul-memory"],
            },
            Lab::ConvMatmul => &LabInfo {
                slug: "conv-matmul",
                zh: "卷积即矩阵乘法",
                en: "Convolution as a matrix product",
                questions: &["cnn-layers-as-matmul"],
            },
            Lab::Mlp => &LabInfo {
                slug: "mlp",
                zh: "MLP 反向传播",
                en: "MLP backpropagation",
                questions: &["mlp-gradient-update"],
            },
            Lab::DropoutBn => &LabInfo {
                slug: "dropout-bn",
                zh: "Dropout 与 BatchNorm",
                en: "Dropout and batch norm",
                questions: &["dropout-implementation", "why-dropout-works", "batch-norm"],
            },
        }
    }

    /// The lab's URL slug (`lab/<slug>/`).
    pub const fn slug(self) -> &'static str {
        self.info().slug
    }

    /// The lab with this slug.
    pub fn from_slug(slug: &str) -> Option<Lab> {
        Lab::ALL.into_iter().find(|l| l.slug() == slug)
    }
}

/// The slug, names and questions of every lab, in display order.
pub fn labs() -> impl Iterator<Item = &'static LabInfo> {
    Lab::ALL.into_iter().map(Lab::info)
}

/// The lab with this slug.
pub fn lab(slug: &str) -> Option<&'static LabInfo> {
    Lab::from_slug(slug).map(Lab::info)
}

/// Labs that compute the numeric core of question `id`.
pub fn labs_for_question(id: &str) -> impl Iterator<Item = &'static LabInfo> + '_ {
    labs().filter(move |l| l.questions.contains(&id))
}

/// A bad lab input: which field, and what is wrong, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The query key of the field (`x`, `a`, `perm`, ...).
    pub field: String,
    pub zh: String,
    pub en: String,
}

impl InputError {
    pub fn new(field: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        InputError {
            field: field.to_string(),
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// Parses one finite number (decimal or scientific) for `field`.
pub fn parse_scalar(field: &str, s: &str) -> Result<f64, InputError> {
    let t = s.trim();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && !t.is_empty() && t.bytes().any(|b| b.is_ascii_digit()) => Ok(v),
        _ => Err(InputError::new(
            field,
            format!("“{t}”不是有限的数。"),
            format!("“{t}” is not a finite number."),
        )),
    }
}

/// Parses a whole number ≥ 0 (counts, sizes, seeds) for `field`.
pub fn parse_whole(field: &str, s: &str) -> Result<u64, InputError> {
    s.trim()
        .parse::<u64>()
        .map_err(|_| InputError::new(field, "需要非负整数。", "Needs a whole number ≥ 0."))
}

/// Parses numbers separated by commas or spaces (`1,2` or `1 2 3`) for `field`.
pub fn parse_vector(field: &str, s: &str) -> Result<Vec<f64>, InputError> {
    let parts: Vec<&str> = s
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']'])
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return Err(InputError::new(
            field,
            "请输入数值，例如 1,2。",
            "Enter numbers, such as 1,2.",
        ));
    }
    parts.into_iter().map(|p| parse_scalar(field, p)).collect()
}

/// Parses a matrix: rows separated by `;`, entries by `,` or spaces; all rows the same length.
pub fn parse_matrix(field: &str, s: &str) -> Result<Vec<Vec<f64>>, InputError> {
    let rows: Vec<Vec<f64>> = s
        .split(';')
        .filter(|r| !r.trim().is_empty())
        .map(|r| parse_vector(field, r))
        .collect::<Result<_, _>>()?;
    if rows.is_empty() {
        return Err(InputError::new(field, "矩阵为空。", "The matrix is empty."));
    }
    if let Some((i, r)) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() != rows[0].len())
    {
        return Err(InputError::new(
            field,
            format!(
                "第 {} 行有 {} 个数，第 1 行有 {} 个。",
                i + 1,
                r.len(),
                rows[0].len()
            ),
            format!(
                "Row {} has {} entries but row 1 has {}.",
                i + 1,
                r.len(),
                rows[0].len()
            ),
        ));
    }
    Ok(rows)
}

/// Formats a float for a result field: the shortest decimal that reads back
/// as `x`, never `NaN`/`inf` text (those become `—`, which callers only show
/// next to an explanation). As in JavaScript, magnitudes below 1e-6 or from
/// 1e21 up are written with an exponent (`3.87e-102`), since Rust's `{}`
/// would spell out every zero: a hundred of them for a path that has
/// converged, wrapping over lines and shifting the page on every edit.
pub fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        "—".into()
    } else if x == 0.0 {
        "0".into()
    } else if (1e-6..1e21).contains(&x.abs()) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// Formats numbers separated by spaces.
pub fn fmt_list(xs: &[f64]) -> String {
    xs.iter().map(|&x| fmt_num(x)).collect::<Vec<_>>().join(" ")
}

/// Appends `v` rounded to a tenth, without a trailing `.0` (`-0.5`, `12`,
/// `3.4`): SVG coordinates in a drawing of 1000 units, where a tenth is far
/// below a pixel. Quicker than `{:.5}` on every frame of a drag. NaN and
/// values too large for the integer path are written as `{:.0}` gives them.
pub fn push_tenths(out: &mut String, v: f64) {
    use std::fmt::Write;
    let tenths = (v * 10.0).round();
    if tenths.abs() < 9e15 {
        let t = tenths as i64;
        if t < 0 && t > -10 {
            out.push('-');
        }
        let _ = write!(out, "{}", t / 10);
        if t % 10 != 0 {
            let _ = write!(out, ".{}", (t % 10).abs());
        }
    } else {
        let _ = write!(out, "{v:.0}");
    }
}

/// Writes the points of an SVG `polyline` (`x,y x,y …`, each to a tenth),
/// leaving out a point closer than `min_step` to the last one written, as
/// a segment shorter than a pixel draws nothing visible. The last point is
/// always written, so the line still ends where the data ends. A path that
/// converges piles up most of its steps at its end; dropping them saves the
/// browser parsing, laying out and painting them on every edit of a drag.
pub fn push_polyline(out: &mut String, pts: impl Iterator<Item = [f64; 2]>, min_step: f64) {
    let mut last: Option<[f64; 2]> = None;
    let mut pending: Option<[f64; 2]> = None;
    let write = |out: &mut String, p: [f64; 2]| {
        if !out.is_empty() {
            out.push(' ');
        }
        push_tenths(out, p[0]);
        out.push(',');
        push_tenths(out, p[1]);
    };
    for p in pts {
        match last {
            Some(l) if (p[0] - l[0]).hypot(p[1] - l[1]) < min_step => pending = Some(p),
            _ => {
                write(out, p);
                last = Some(p);
                pending = None;
            }
        }
    }
    if let Some(p) = pending {
        write(out, p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polylines_drop_steps_below_min_step_but_keep_the_end() {
        let line = |pts: &[[f64; 2]], min: f64| {
            let mut s = String::new();
            push_polyline(&mut s, pts.iter().copied(), min);
            s
        };
        assert_eq!(line(&[], 2.0), "");
        assert_eq!(line(&[[1.0, 2.0]], 2.0), "1,2");
        // 0.5 and 1.9 from the last written point are dropped; 2.0 is kept,
        // and so is the final point however close it is.
        assert_eq!(
            line(
                &[[0.0, 0.0], [0.5, 0.0], [0.0, 1.9], [2.0, 0.0], [2.1, 0.0]],
                2.0
            ),
            "0,0 2,0 2.1,0"
        );
        // The distance is measured from the last point written, so a slow
        // drift still shows up once it adds up to min_step.
        let drift: Vec<[f64; 2]> = (0..=10).map(|i| [i as f64 * 0.5, 0.0]).collect();
        assert_eq!(line(&drift, 2.0), "0,0 2,0 4,0 5,0");
        // With min_step 0 every point is written.
        assert_eq!(line(&drift[..3], 0.0), "0,0 0.5,0 1,0");
        // A converging spiral of 200 points: steps shrink below 1.5 units
        // once the radius is under 1.5 / 0.7 (about step 102), and from
        // there only a point every so often is written.
        let spiral: Vec<[f64; 2]> = (0..200)
            .map(|t| {
                let r = 400.0 * 0.95f64.powi(t);
                let a = t as f64 * 0.7;
                [500.0 + r * a.cos(), 500.0 + r * a.sin()]
            })
            .collect();
        let kept: Vec<[f64; 2]> = line(&spiral, 1.5)
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                [x.parse().unwrap(), y.parse().unwrap()]
            })
            .collect();
        assert!((100..120).contains(&kept.len()), "{} points", kept.len());
        // Written points are at least min_step apart (to the tenth they are
        // written with), except the final one.
        for w in kept[..kept.len() - 1].windows(2) {
            assert!((w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]) >= 1.5 - 0.15);
        }
        assert_eq!(kept[kept.len() - 1], [500.0, 500.0]);
    }

    #[test]
    fn tenths_for_svg_coordinates() {
        let f = |v: f64| {
            let mut s = String::new();
            push_tenths(&mut s, v);
            s
        };
        assert_eq!(f(0.0), "0");
        assert_eq!(f(-0.04), "0");
        assert_eq!(f(12.0), "12");
        assert_eq!(f(3.449), "3.4");
        assert_eq!(f(3.45), "3.5");
        assert_eq!(f(-0.5), "-0.5");
        assert_eq!(f(-12.36), "-12.4");
        assert_eq!(f(999.96), "1000");
        assert_eq!(f(-1e6), "-1000000");
        assert_eq!(f(2e17), "200000000000000000");
        // Whatever comes out parses back to within a twentieth.
        for &v in &[1.23456, -987.654, 0.05, -0.05, 499.95] {
            assert!(
                (f(v).parse::<f64>().unwrap() - v).abs() <= 0.05 + 1e-9,
                "{v}"
            );
        }
    }

    #[test]
    fn every_lab_slug_is_unique_and_kebab_case() {
        for (i, l) in Lab::ALL.into_iter().enumerate() {
            assert!(crate::validate::is_kebab(l.slug()), "{}", l.slug());
            assert!(
                Lab::ALL[i + 1..]
                    .iter()
                    .all(|m| *m != l && m.slug() != l.slug()),
                "duplicate {}",
                l.slug()
            );
            assert_eq!(Lab::from_slug(l.slug()), Some(l));
        }
        assert_eq!(Lab::from_slug("no-such-lab"), None);
        assert_eq!(labs().count(), 11);
    }

    #[test]
    fn questions_find_their_labs() {
        let slugs: Vec<&str> = labs_for_question("fp32-rounding").map(|l| l.slug).collect();
        assert_eq!(slugs, ["float", "mixed-precision"]);
        assert_eq!(labs_for_question("resnet").count(), 0);
    }

    #[test]
    fn scalar_parsing_rejects_nan_inf_and_words_with_the_field_named() {
        assert_eq!(parse_scalar("x", " 9.9e9 "), Ok(9.9e9));
        for bad in ["NaN", "inf", "-infinity", "abc", "", "1e999"] {
            let e = parse_scalar("x", bad).unwrap_err();
            assert_eq!(e.field, "x");
            assert!(e.en.contains("not a finite number"), "{bad}: {}", e.en);
        }
    }

    #[test]
    fn whole_numbers_refuse_signs_fractions_and_words_with_the_field_named() {
        assert_eq!(parse_whole("n", " 42 "), Ok(42));
        for bad in ["-1", "1.5", "x", ""] {
            let e = parse_whole("n", bad).unwrap_err();
            assert_eq!(e.field, "n");
            assert_eq!(e.en, "Needs a whole number ≥ 0.", "{bad}");
        }
    }

    #[test]
    fn matrices_need_equal_rows() {
        assert_eq!(
            parse_matrix("s", "2,1;1,2"),
            Ok(vec![vec![2.0, 1.0], vec![1.0, 2.0]])
        );
        let e = parse_matrix("s", "1,2;3").unwrap_err();
        assert_eq!(e.en, "Row 2 has 1 entries but row 1 has 2.");
    }

    #[test]
    fn numbers_format_without_nan_or_negative_zero() {
        assert_eq!(fmt_num(9900000256.0), "9900000256");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(fmt_num(f64::NAN), "—");
        // Tiny and huge magnitudes take an exponent, still round-tripping.
        assert_eq!(fmt_num(3.872591914849318e-102), "3.872591914849318e-102");
        assert_eq!(fmt_num(-1e-7), "-1e-7");
        assert_eq!(fmt_num(0.000001), "0.000001");
        assert_eq!(fmt_num(f32::MAX as f64), "3.4028234663852886e38");
        assert_eq!(fmt_num(1e21), "1e21");
        assert_eq!(fmt_num(999999999999999900000.0), "999999999999999900000");
        assert_eq!(fmt_num(5e-324), "5e-324");
        for x in [
            1e-7,
            2.5e-300,
            6.02e23,
            -1.7976931348623157e308,
            0.1,
            123.456,
        ] {
            assert_eq!(fmt_num(x).parse::<f64>(), Ok(x));
        }
        assert_eq!(fmt_list(&[3.8, 2.4]), "3.8 2.4");
    }
}
