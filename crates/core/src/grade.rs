//! Grading a learner's response against a question kind.
//!
//! Unparseable input is not a wrong answer: it is an [`AnswerError`] that
//! says what form is expected, and the UI shows it without grading.

use crate::bank::validate::is_permutation;
use crate::bank::{FloatFormat, Kind, Tolerance};

use ail_labs::float_lab::Stored;

/// What the learner gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// One option index (single choice).
    Choice(usize),
    /// Selected option indices, any order (multi choice).
    Choices(Vec<usize>),
    /// Typed text (numeric and ordering).
    Typed(String),
}

/// The outcome of grading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Correct,
    Incorrect,
}

impl Verdict {
    /// `correct` or `incorrect`, the text tests read from `data-testid="verdict"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Correct => "correct",
            Verdict::Incorrect => "incorrect",
        }
    }
}

/// One numeric component compared.
#[derive(Debug, Clone, PartialEq)]
pub struct NumericCheck {
    pub given: f64,
    pub expected: f64,
    /// `|given - expected|`.
    pub abs_error: f64,
    /// Distance in ULPs of the answer's float format (or the tolerance's),
    /// when there is one.
    pub ulps: Option<u64>,
    /// The learner's value as stored in that format.
    pub stored: Option<f64>,
    /// The representable values just below and above the expected one in
    /// that format (`None` past the largest finite value).
    pub neighbours: Option<(Option<f64>, Option<f64>)>,
    pub within: bool,
}

/// A grade with the details the feedback shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub verdict: Verdict,
    /// Per-component comparison for numeric answers (empty otherwise).
    pub numeric: Vec<NumericCheck>,
}

/// Why a response could not be graded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// Nothing was entered or selected.
    Empty,
    /// A token is not a number (decimal, scientific such as `1e-9`, `a/b`, `2^-10`).
    NotANumber(String),
    /// A hex bit pattern was typed where the answer has no float format.
    HexNotAccepted(String),
    /// A hex bit pattern that does not fit the format (`digits` hex digits at most).
    HexTooWide {
        token: String,
        format: FloatFormat,
        digits: u32,
    },
    /// The number is infinite or NaN, which no answer key holds.
    NotFinite(String),
    /// The answer has `expected` components but `got` were typed.
    WrongCount { expected: usize, got: usize },
    /// A token is not a whole non-negative index.
    NotAnIndex(String),
    /// The indices are not each of `0..n` exactly once.
    NotAPermutation { n: usize },
    /// The question is self-graded (open) and has nothing to grade.
    NotGradable,
    /// The response does not fit the question kind (a UI bug, never input).
    WrongResponseKind,
}

/// Grades `response` against `kind`.
pub fn grade(kind: &Kind, response: &Response) -> Result<Graded, AnswerError> {
    let plain = |ok: bool| Graded {
        verdict: if ok {
            Verdict::Correct
        } else {
            Verdict::Incorrect
        },
        numeric: Vec::new(),
    };
    match (kind, response) {
        (Kind::Open { .. } | Kind::Generated { .. }, _) => Err(AnswerError::NotGradable),
        (Kind::Single { correct, .. }, Response::Choice(i)) => Ok(plain(i == correct)),
        (Kind::Multi { correct, .. }, Response::Choices(picked)) => {
            if picked.is_empty() {
                return Err(AnswerError::Empty);
            }
            let mut p = picked.clone();
            p.sort_unstable();
            p.dedup();
            Ok(plain(&p == correct))
        }
        (
            Kind::Numeric {
                answer,
                tolerance,
                format,
                ..
            },
            Response::Typed(s),
        ) => {
            let given = parse_numbers_as(s, *format)?;
            if given.len() != answer.len() {
                return Err(AnswerError::WrongCount {
                    expected: answer.len(),
                    got: given.len(),
                });
            }
            let numeric: Vec<NumericCheck> = given
                .iter()
                .zip(answer)
                .map(|(&g, &e)| check_number_in(g, e, tolerance, *format))
                .collect();
            let ok = numeric.iter().all(|c| c.within);
            Ok(Graded {
                verdict: if ok {
                    Verdict::Correct
                } else {
                    Verdict::Incorrect
                },
                numeric,
            })
        }
        (Kind::Ordering { answer, .. }, Response::Typed(s)) => {
            let given = parse_permutation(s, answer.len())?;
            Ok(plain(&given == answer))
        }
        _ => Err(AnswerError::WrongResponseKind),
    }
}

/// Compares one number with the tolerance.
pub fn check_number(given: f64, expected: f64, tol: &Tolerance) -> NumericCheck {
    check_number_in(given, expected, tol, None)
}

/// Compares one number with the tolerance; `format` (or an ULP tolerance's
/// format) adds the ULP distance, the stored value and the neighbours.
pub fn check_number_in(
    given: f64,
    expected: f64,
    tol: &Tolerance,
    format: Option<FloatFormat>,
) -> NumericCheck {
    let abs_error = (given - expected).abs();
    let within = match *tol {
        Tolerance::Absolute { value } => abs_error <= value,
        Tolerance::Relative { value } => abs_error <= value * expected.abs(),
        Tolerance::Ulps { format, ulps } => format
            .ulp_distance(given, expected)
            .is_some_and(|d| d <= ulps as u64),
    };
    let shown = match *tol {
        Tolerance::Ulps { format, .. } => Some(format),
        _ => format,
    };
    let (ulps, stored, neighbours) = match shown {
        Some(f) => {
            let key = Stored::of(f, expected);
            (
                f.ulp_distance(given, expected),
                Some(f.round(given)),
                Some(key.neighbours()),
            )
        }
        None => (None, None, None),
    };
    NumericCheck {
        given,
        expected,
        abs_error,
        ulps,
        stored,
        neighbours,
        within,
    }
}

/// Parses numbers separated by commas, semicolons or spaces, optionally in
/// `( )` or `[ ]`: `3.5`, `-1e-9`, `(1, 2)`, `1/3`, `2^-10`, `3*2^-24`.
pub fn parse_numbers(s: &str) -> Result<Vec<f64>, AnswerError> {
    parse_numbers_as(s, None)
}

/// Like [`parse_numbers`]; with a float `format`, a token `0x…` is that
/// format's bit pattern (`0x4f13ab68` for f32, `0x3c00` for f16 or bf16).
pub fn parse_numbers_as(s: &str, format: Option<FloatFormat>) -> Result<Vec<f64>, AnswerError> {
    let trimmed = s.trim();
    let inner = trimmed
        .strip_prefix(['(', '['])
        .and_then(|t| t.strip_suffix([')', ']']))
        .unwrap_or(trimmed);
    let tokens: Vec<&str> = inner
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() {
        return Err(AnswerError::Empty);
    }
    tokens
        .into_iter()
        .map(|t| match hex_digits(t) {
            Some(hex) => parse_hex(t, hex, format),
            None => parse_number(t),
        })
        .collect()
}

/// The digits after a `0x` (or `-0x`, which is refused later as not a pattern).
fn hex_digits(t: &str) -> Option<&str> {
    t.strip_prefix("0x").or_else(|| t.strip_prefix("0X"))
}

fn parse_hex(token: &str, hex: &str, format: Option<FloatFormat>) -> Result<f64, AnswerError> {
    let Some(format) = format else {
        return Err(AnswerError::HexNotAccepted(token.to_string()));
    };
    let digits = format.width() / 4;
    let too_wide = || AnswerError::HexTooWide {
        token: token.to_string(),
        format,
        digits,
    };
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AnswerError::NotANumber(token.to_string()));
    }
    let significant = hex.trim_start_matches('0');
    if significant.len() > digits as usize {
        return Err(too_wide());
    }
    let bits = u64::from_str_radix(
        if significant.is_empty() {
            "0"
        } else {
            significant
        },
        16,
    )
    .map_err(|_| too_wide())?;
    let v = format.from_bits(bits);
    if !v.is_finite() {
        return Err(AnswerError::NotFinite(token.to_string()));
    }
    Ok(v)
}

/// One number: decimal, scientific, a power `2^-10`, or a product or
/// quotient of those (`3*2^-24`, `1/3`, `19/5`), evaluated left to right.
/// Rejects `inf`, `NaN` and anything else Rust's float parser would accept
/// that a person would not type.
pub fn parse_number(token: &str) -> Result<f64, AnswerError> {
    let bad = || AnswerError::NotANumber(token.to_string());
    let not_finite = || AnswerError::NotFinite(token.to_string());
    let mut value = None;
    let mut op = '*';
    let mut rest = token;
    loop {
        let end = rest.find(['*', '/']).unwrap_or(rest.len());
        let f = parse_factor(&rest[..end]).ok_or_else(bad)?;
        value = Some(match (value, op) {
            (None, _) => f,
            (Some(v), '*') => v * f,
            (Some(_), _) if f == 0.0 => return Err(not_finite()),
            (Some(v), _) => v / f,
        });
        if end == rest.len() {
            break;
        }
        op = rest.as_bytes()[end] as char;
        rest = &rest[end + 1..];
    }
    match value {
        Some(v) if v.is_finite() => Ok(v),
        Some(_) => Err(not_finite()),
        None => Err(bad()),
    }
}

/// `plain` or `plain^int` (the exponent a whole number from -1100 to 1100).
fn parse_factor(t: &str) -> Option<f64> {
    match t.split_once('^') {
        Some((base, exp)) => {
            let e: i32 = exp.trim().parse().ok().filter(|e: &i32| e.abs() <= 1100)?;
            // `-2^10` is -(2^10), as in mathematics.
            let (sign, base) = match base.strip_prefix('-') {
                Some(rest) => (-1.0, rest),
                None => (1.0, base),
            };
            let b = parse_plain(base)?;
            // Split the exponent so 2^-1074 does not go through 2^1074 = inf.
            Some(sign * b.powi(e / 2) * b.powi(e - e / 2))
        }
        None => parse_plain(t),
    }
}

fn parse_plain(t: &str) -> Option<f64> {
    let t = t.trim();
    let ok = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && t.bytes().any(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    t.parse::<f64>().ok()
}

/// Parses `3 1 0 2` or `3,1,0,2` and checks it is a permutation of `0..n`.
pub fn parse_permutation(s: &str, n: usize) -> Result<Vec<usize>, AnswerError> {
    let tokens: Vec<&str> = s
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']'])
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() {
        return Err(AnswerError::Empty);
    }
    let v: Vec<usize> = tokens
        .iter()
        .map(|t| {
            t.parse::<usize>()
                .map_err(|_| AnswerError::NotAnIndex(t.to_string()))
        })
        .collect::<Result<_, _>>()?;
    if v.len() != n {
        return Err(AnswerError::WrongCount {
            expected: n,
            got: v.len(),
        });
    }
    if !is_permutation(&v) {
        return Err(AnswerError::NotAPermutation { n });
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Choice, Text};

    fn options(n: usize) -> Vec<Choice> {
        (0..n)
            .map(|_| Choice {
                text: Text::default(),
                explanation: Text::default(),
            })
            .collect()
    }

    fn numeric(answer: Vec<f64>, tolerance: Tolerance) -> Kind {
        Kind::Numeric {
            answer,
            tolerance,
            unit: None,
            format: None,
        }
    }

    #[test]
    fn single_choice_is_correct_only_for_the_key() {
        let k = Kind::Single {
            options: options(3),
            correct: 1,
        };
        assert_eq!(
            grade(&k, &Response::Choice(1)).unwrap().verdict,
            Verdict::Correct
        );
        assert_eq!(
            grade(&k, &Response::Choice(2)).unwrap().verdict,
            Verdict::Incorrect
        );
    }

    #[test]
    fn multi_choice_needs_exactly_the_key_set_in_any_order() {
        let k = Kind::Multi {
            options: options(4),
            correct: vec![0, 2],
        };
        assert_eq!(
            grade(&k, &Response::Choices(vec![2, 0])).unwrap().verdict,
            Verdict::Correct
        );
        assert_eq!(
            grade(&k, &Response::Choices(vec![0])).unwrap().verdict,
            Verdict::Incorrect
        );
        assert_eq!(
            grade(&k, &Response::Choices(vec![0, 1, 2]))
                .unwrap()
                .verdict,
            Verdict::Incorrect
        );
        assert_eq!(
            grade(&k, &Response::Choices(vec![])),
            Err(AnswerError::Empty)
        );
    }

    #[test]
    fn numeric_absolute_tolerance_is_inclusive() {
        let k = numeric(vec![2.5], Tolerance::Absolute { value: 0.01 });
        assert_eq!(
            grade(&k, &Response::Typed("2.51".into())).unwrap().verdict,
            Verdict::Correct
        );
        assert_eq!(
            grade(&k, &Response::Typed("2.52".into())).unwrap().verdict,
            Verdict::Incorrect
        );
    }

    #[test]
    fn numeric_relative_tolerance_scales_with_the_answer() {
        let k = numeric(vec![1000.0], Tolerance::Relative { value: 1e-3 });
        assert_eq!(
            grade(&k, &Response::Typed("1000.9".into()))
                .unwrap()
                .verdict,
            Verdict::Correct
        );
        assert_eq!(
            grade(&k, &Response::Typed("1001.1".into()))
                .unwrap()
                .verdict,
            Verdict::Incorrect
        );
    }

    #[test]
    fn numeric_ulp_tolerance_counts_f32_steps() {
        let k = numeric(
            vec![9_900_000_256.0],
            Tolerance::Ulps {
                format: FloatFormat::F32,
                ulps: 0,
            },
        );
        // 9.9e9 rounds to the same f32, so it is 0 ULPs away.
        let g = grade(&k, &Response::Typed("9.9e9".into())).unwrap();
        assert_eq!(g.verdict, Verdict::Correct);
        assert_eq!(g.numeric[0].ulps, Some(0));
        // 9900001280 is the next f32 up (grid 1024 there).
        let g = grade(&k, &Response::Typed("9900001280".into())).unwrap();
        assert_eq!(g.verdict, Verdict::Incorrect);
        assert_eq!(g.numeric[0].ulps, Some(1));
    }

    #[test]
    fn numeric_vector_accepts_parentheses_and_commas() {
        let k = numeric(vec![1.6, 0.8], Tolerance::Absolute { value: 1e-9 });
        for s in ["(1.6, 0.8)", "1.6, 0.8", "1.6 0.8", "[8/5; 4/5]"] {
            assert_eq!(
                grade(&k, &Response::Typed(s.into())).unwrap().verdict,
                Verdict::Correct,
                "{s}"
            );
        }
        assert_eq!(
            grade(&k, &Response::Typed("1.6".into())),
            Err(AnswerError::WrongCount {
                expected: 2,
                got: 1
            })
        );
    }

    #[test]
    fn unparseable_numbers_are_errors_not_wrong_answers() {
        let k = numeric(vec![1.0], Tolerance::Absolute { value: 0.0 });
        assert_eq!(
            grade(&k, &Response::Typed("abc".into())),
            Err(AnswerError::NotANumber("abc".into()))
        );
        assert_eq!(
            grade(&k, &Response::Typed("inf".into())),
            Err(AnswerError::NotANumber("inf".into()))
        );
        assert_eq!(
            grade(&k, &Response::Typed("1/0".into())),
            Err(AnswerError::NotFinite("1/0".into()))
        );
        assert_eq!(
            grade(&k, &Response::Typed("1e999".into())),
            Err(AnswerError::NotFinite("1e999".into()))
        );
        assert_eq!(
            grade(&k, &Response::Typed("   ".into())),
            Err(AnswerError::Empty)
        );
    }

    #[test]
    fn ordering_accepts_spaces_or_commas() {
        let k = Kind::Ordering {
            items: None,
            answer: vec![3, 1, 0, 2],
        };
        assert_eq!(
            grade(&k, &Response::Typed("3 1 0 2".into()))
                .unwrap()
                .verdict,
            Verdict::Correct
        );
        assert_eq!(
            grade(&k, &Response::Typed("3,1,0,2".into()))
                .unwrap()
                .verdict,
            Verdict::Correct
        );
        assert_eq!(
            grade(&k, &Response::Typed("0 1 2 3".into()))
                .unwrap()
                .verdict,
            Verdict::Incorrect
        );
    }

    #[test]
    fn ordering_rejects_non_permutations_with_a_reason() {
        let k = Kind::Ordering {
            items: None,
            answer: vec![3, 1, 0, 2],
        };
        assert_eq!(
            grade(&k, &Response::Typed("3 1 1 2".into())),
            Err(AnswerError::NotAPermutation { n: 4 })
        );
        assert_eq!(
            grade(&k, &Response::Typed("3 1 0".into())),
            Err(AnswerError::WrongCount {
                expected: 4,
                got: 3
            })
        );
        assert_eq!(
            grade(&k, &Response::Typed("3 x 0 2".into())),
            Err(AnswerError::NotAnIndex("x".into()))
        );
    }

    #[test]
    fn open_questions_are_not_auto_graded() {
        let k = Kind::Open { key_points: vec![] };
        assert_eq!(
            grade(&k, &Response::Typed("x".into())),
            Err(AnswerError::NotGradable)
        );
    }

    fn f32_key(v: f64) -> Kind {
        Kind::Numeric {
            answer: vec![v],
            tolerance: Tolerance::Absolute { value: 0.0 },
            unit: None,
            format: Some(FloatFormat::F32),
        }
    }

    #[test]
    fn hex_bit_patterns_are_values_of_the_answer_format() {
        // 0x50138581: sign 0, exponent 0xa0 = 160 (2^33), fraction 0x138581.
        let k = f32_key(9_900_000_256.0);
        for typed in ["0x50138581", "0X50138581", "0x050138581"] {
            let g = grade(&k, &Response::Typed(typed.into())).unwrap();
            assert_eq!(g.verdict, Verdict::Correct, "{typed}");
        }
        // One bit up is the next f32: wrong, 1 ULP, neighbours of the key listed.
        let g = grade(&k, &Response::Typed("0x50138582".into())).unwrap();
        assert_eq!(g.verdict, Verdict::Incorrect);
        assert_eq!(g.numeric[0].given, 9_900_001_280.0);
        assert_eq!(g.numeric[0].ulps, Some(1));
        assert_eq!(
            g.numeric[0].neighbours,
            Some((Some(9_899_999_232.0), Some(9_900_001_280.0)))
        );
        // f16: 0x3c00 is 1.0.
        let k16 = Kind::Numeric {
            answer: vec![1.0],
            tolerance: Tolerance::Absolute { value: 0.0 },
            unit: None,
            format: Some(FloatFormat::F16),
        };
        assert_eq!(
            grade(&k16, &Response::Typed("0x3c00".into()))
                .unwrap()
                .verdict,
            Verdict::Correct
        );
        assert_eq!(
            grade(&k16, &Response::Typed("0x13c00".into())),
            Err(AnswerError::HexTooWide {
                token: "0x13c00".into(),
                format: FloatFormat::F16,
                digits: 4
            })
        );
        // inf and NaN patterns are not answers.
        assert_eq!(
            grade(&k16, &Response::Typed("0x7c00".into())),
            Err(AnswerError::NotFinite("0x7c00".into()))
        );
        assert_eq!(
            grade(&k16, &Response::Typed("0xzz".into())),
            Err(AnswerError::NotANumber("0xzz".into()))
        );
    }

    #[test]
    fn an_f64_answer_takes_16_hex_digits_and_counts_f64_ulps() {
        let f64 = Some(FloatFormat::F64);
        assert_eq!(parse_numbers_as("0x3FB999999999999A", f64), Ok(vec![0.1]));
        assert!(matches!(
            parse_numbers_as("0x13FB999999999999A", f64),
            Err(AnswerError::HexTooWide { digits: 16, .. })
        ));
        assert_eq!(
            FloatFormat::F64.ulp_distance(0.1, 0.1 + 2f64.powi(-56)),
            Some(1)
        );
    }

    #[test]
    fn hex_is_refused_where_the_answer_has_no_float_format() {
        let k = numeric(vec![64.0], Tolerance::Absolute { value: 0.0 });
        assert_eq!(
            grade(&k, &Response::Typed("0x40".into())),
            Err(AnswerError::HexNotAccepted("0x40".into()))
        );
    }

    #[test]
    fn powers_products_and_fractions_are_numbers() {
        assert_eq!(parse_number("2^-24"), Ok(2f64.powi(-24)));
        assert_eq!(parse_number("3*2^-24"), Ok(3.0 * 2f64.powi(-24)));
        assert_eq!(parse_number("-2^10"), Ok(-1024.0));
        assert_eq!(parse_number("19/5"), Ok(3.8));
        assert_eq!(parse_number("1/1024"), Ok(2f64.powi(-10)));
        // The smallest subnormal f64, without overflowing on the way.
        assert_eq!(parse_number("2^-1074"), Ok(f64::from_bits(1)));
        assert_eq!(
            parse_number("2^1024"),
            Err(AnswerError::NotFinite("2^1024".into()))
        );
        for bad in ["2^", "^3", "2^1.5", "2**3", "3*", "/2", "2^-99999"] {
            assert_eq!(
                parse_number(bad),
                Err(AnswerError::NotANumber(bad.into())),
                "{bad}"
            );
        }
        assert_eq!(
            parse_number("3/0"),
            Err(AnswerError::NotFinite("3/0".into()))
        );
    }
}
