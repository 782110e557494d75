//! The labs' numeric core: one module per lab (inputs from the URL query,
//! numbers, typed errors), float formats ([`numeric`]) and the registry of
//! labs. Plain Rust with no web imports, tested natively. A crate of its own
//! so that the app module's Cargo profile can build it for speed while the
//! UI is built for size (the workspace's Cargo.toml, `release-full`).
//!
//! Shared here: the list of labs ([`Lab`]), URL queries ([`query`]),
//! reading a lab's inputs ([`inputs`]) and typed input errors
//! ([`InputError`], [`Problem`]), which the UI words. The labs' names are
//! still here, in [`LabInfo`], while `src/ui/question_page.rs` reads them
//! from [`labs_for_question`].

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
/// The names are UI text kept here for `ail_labs::labs_for_question`'s
/// callers that read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabInfo {
    pub slug: &'static str,
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

    /// The lab's slug and questions (its names are the UI's:
    /// `ui::labs::text::name`).
    pub const fn info(self) -> &'static LabInfo {
        match self {
            Lab::Float => &LabInfo {
                slug: "float",
                questions: &["fp32-rounding", "mixed-precision-fp32-steps"],
            },
            Lab::MixedPrecision => &LabInfo {
                slug: "mixed-precision",
                questions: &["mixed-precision-fp32-steps", "fp32-rounding"],
            },
            Lab::PerpFoot => &LabInfo {
                slug: "perp-foot",
                questions: &["perpendicular-foot"],
            },
            Lab::EigenPerm => &LabInfo {
                slug: "eigen-perm",
                questions: &["eigen-permutation"],
            },
            Lab::Nms => &LabInfo {
                slug: "nms",
                questions: &["parallel-nms"],
            },
            Lab::Losses => &LabInfo {
                slug: "losses",
                questions: &["sigmoid-mse-ce-gradients", "ce-vs-mse-classification"],
            },
            Lab::Optimizers => &LabInfo {
                slug: "optimizers",
                questions: &["sgd-momentum-adam", "adam-drawbacks"],
            },
            Lab::DistMatmul => &LabInfo {
                slug: "dist-matmul",
                questions: &["distributed-matmul-memory"],
            },
            Lab::ConvMatmul => &LabInfo {
                slug: "conv-matmul",
                questions: &["cnn-layers-as-matmul"],
            },
            Lab::Mlp => &LabInfo {
                slug: "mlp",
                questions: &["mlp-gradient-update"],
            },
            Lab::DropoutBn => &LabInfo {
                slug: "dropout-bn",
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

    /// Labs that compute the numeric core of question `id`.
    pub fn for_question(id: &str) -> impl Iterator<Item = Lab> + '_ {
        Lab::ALL
            .into_iter()
            .filter(move |l| l.info().questions.contains(&id))
    }
}

/// The lab with this slug.
pub fn lab(slug: &str) -> Option<&'static LabInfo> {
    Lab::from_slug(slug).map(Lab::info)
}

/// A bad lab input: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// The query key of the field (`x`, `a`, `perm`, ...).
    pub field: String,
    pub problem: Problem,
}

impl InputError {
    pub fn new(field: &str, problem: Problem) -> Self {
        InputError {
            field: field.to_string(),
            problem,
        }
    }
}

/// What is wrong with a field: its text, or its value for the lab. The UI
/// words each one; the numbers it quotes are here.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    // Any field.
    /// Not a finite number (`text` as typed, trimmed).
    NotFinite {
        text: String,
    },
    /// Not a whole number ≥ 0.
    NotWhole,
    /// A list with no numbers.
    NoNumbers,
    EmptyMatrix,
    /// Row `row` (from 1) has `len` entries, row 1 has `first`.
    RaggedRow {
        row: usize,
        len: usize,
        first: usize,
    },
    SeedNotWhole,
    StepsNotWhole,
    TooManySteps {
        max: usize,
    },
    // conv-matmul.
    ChannelsIn,
    ChannelsOut,
    InputSize,
    Stride,
    Padding,
    KernelSize,
    // dist-matmul.
    EvenN {
        max: usize,
    },
    NNotWhole,
    Memory,
    NoRoomToReceive,
    // dropout-bn.
    DropProbability,
    TooManyValues {
        max: usize,
    },
    Trials {
        max: usize,
    },
    BatchLen {
        max: usize,
    },
    EpsPositive,
    Momentum,
    // eigen-perm.
    NotSquare {
        rows: usize,
        cols: usize,
    },
    MatrixTooLarge {
        max: usize,
    },
    /// Entry (`row`, `col`), from 1, is `value`, its mirror `mirror`.
    NotSymmetric {
        row: usize,
        col: usize,
        value: f64,
        mirror: f64,
    },
    NotAnIndex {
        text: String,
    },
    /// Not a permutation of `0..=last`, each index once.
    PermutationEachOnce {
        last: usize,
    },
    Permutation {
        last: usize,
    },
    // float.
    Format,
    Operation,
    NotHex {
        text: String,
    },
    /// A bit pattern wider than the `bits` of `fmt`.
    HexTooWide {
        text: String,
        fmt: float_lab::FloatFormat,
        bits: u32,
    },
    // losses.
    TargetRange,
    LogitTooLarge,
    PlotRange,
    // mixed-precision.
    ScalePowerOfTwo,
    WeightFp16Range,
    StepFp16Range,
    // mlp.
    MlpInput,
    /// W1 needs rows of `cols` numbers.
    MlpW1 {
        cols: usize,
    },
    MlpB1 {
        hidden: usize,
    },
    MlpW2 {
        hidden: usize,
    },
    // nms.
    /// Box `index` (from 1) has `len` numbers, not 5.
    BoxArity {
        index: usize,
        len: usize,
    },
    BoxInverted {
        index: usize,
    },
    TooManyBoxes {
        max: usize,
    },
    IouRange,
    BoxCount {
        max: usize,
    },
    // optimizers.
    Surface,
    LrPositive,
    Fraction,
    StartPoint,
    // perp-foot.
    PointDims,
    /// Point `a` has `dims` coordinates, the field's point `len`.
    DimsDiffer {
        dims: usize,
        len: usize,
    },
    SamePoint,
}

/// Parses one finite number (decimal or scientific) for `field`.
pub fn parse_scalar(field: &str, s: &str) -> Result<f64, InputError> {
    let t = s.trim();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && !t.is_empty() && t.bytes().any(|b| b.is_ascii_digit()) => Ok(v),
        _ => Err(InputError::new(
            field,
            Problem::NotFinite {
                text: t.to_string(),
            },
        )),
    }
}

/// Parses a whole number ≥ 0 (counts, sizes, seeds) for `field`.
pub fn parse_whole(field: &str, s: &str) -> Result<u64, InputError> {
    s.trim()
        .parse::<u64>()
        .map_err(|_| InputError::new(field, Problem::NotWhole))
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
        return Err(InputError::new(field, Problem::NoNumbers));
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
        return Err(InputError::new(field, Problem::EmptyMatrix));
    }
    if let Some((i, r)) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() != rows[0].len())
    {
        return Err(InputError::new(
            field,
            Problem::RaggedRow {
                row: i + 1,
                len: r.len(),
                first: rows[0].len(),
            },
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(Lab::ALL.len(), 11);
    }

    #[test]
    fn questions_find_their_labs() {
        let slugs: Vec<&str> = Lab::for_question("fp32-rounding").map(Lab::slug).collect();
        assert_eq!(slugs, ["float", "mixed-precision"]);
        assert_eq!(Lab::for_question("resnet").count(), 0);
        let labs: Vec<Lab> = Lab::for_question("batch-norm").collect();
        assert_eq!(labs, [Lab::DropoutBn]);
    }

    #[test]
    fn scalar_parsing_rejects_nan_inf_and_words_with_the_field_named() {
        assert_eq!(parse_scalar("x", " 9.9e9 "), Ok(9.9e9));
        for bad in ["NaN", "inf", "-infinity", "abc", "", "1e999"] {
            let e = parse_scalar("x", bad).unwrap_err();
            assert_eq!(e.field, "x");
            assert_eq!(
                e.problem,
                Problem::NotFinite {
                    text: bad.trim().into()
                }
            );
        }
    }

    #[test]
    fn whole_numbers_refuse_signs_fractions_and_words_with_the_field_named() {
        assert_eq!(parse_whole("n", " 42 "), Ok(42));
        for bad in ["-1", "1.5", "x", ""] {
            let e = parse_whole("n", bad).unwrap_err();
            assert_eq!(e.field, "n");
            assert_eq!(e.problem, Problem::NotWhole, "{bad}");
        }
    }

    #[test]
    fn matrices_need_equal_rows() {
        assert_eq!(
            parse_matrix("s", "2,1;1,2"),
            Ok(vec![vec![2.0, 1.0], vec![1.0, 2.0]])
        );
        let e = parse_matrix("s", "1,2;3").unwrap_err();
        assert_eq!(
            e.problem,
            Problem::RaggedRow {
                row: 2,
                len: 1,
                first: 2
            }
        );
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
