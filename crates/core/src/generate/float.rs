//! Float-format generators: stored value, sum, ULP, f16 overflow and underflow.
//!
//! Keys come from the float lab's formats ([`FloatFormat`]): `half` for f16/bf16,
//! hardware f32, correctly rounded operations. Decimal inputs are kept
//! clear of rounding ties (at least 1e-6 of a ULP away), so the key does
//! not depend on how the decimal reached binary.

use super::{int_in, num, sci_tex, text, Generator, Instance, ParamKind, ParamSpec, Params};
use crate::bank::{Choice, FloatFormat, Kind, Tolerance};
use crate::numeric::rng::SplitMix64;
use ail_labs::exact::exact_decimal;
use ail_labs::float_lab::{Op, Stored};

const FORMATS: &[&str] = &["f32", "f16", "bf16"];

const fn format_param(help: &'static str) -> ParamSpec {
    ParamSpec {
        name: "format",
        kind: ParamKind::Choice {
            options: FORMATS,
            default: FORMATS,
        },
        help,
    }
}

fn parse_format(s: &str) -> FloatFormat {
    match s {
        "f16" => FloatFormat::F16,
        "bf16" => FloatFormat::Bf16,
        _ => FloatFormat::F32,
    }
}

/// Significant bits (with the hidden bit) of a format.
pub(crate) fn precision(f: FloatFormat) -> i32 {
    f.layout().2 as i32 + 1
}

fn name(f: FloatFormat) -> &'static str {
    crate::i18n::format_name(f)
}

/// Exact decimal of a finite value (they all have one).
fn exact(x: f64) -> String {
    exact_decimal(x).unwrap_or_else(|| num(x))
}

/// The two adjacent values of `fmt` around a non-representable `x` (one
/// of them is ±inf past the largest finite value).
fn bracket(fmt: FloatFormat, x: f64) -> Option<(f64, f64)> {
    let r = fmt.round(x);
    let (below, above) = Stored::of(fmt, r).neighbours();
    if r < x {
        Some((r, above?))
    } else {
        Some((below?, r))
    }
}

/// Where `x` sits between its two neighbours in `fmt`, as a fraction of
/// the gap in [0, 1): 0 when `x` is representable. `None` outside the
/// finite range.
pub(crate) fn position_in_gap(fmt: FloatFormat, x: f64) -> Option<f64> {
    if fmt.round(x) == x {
        return x.is_finite().then_some(0.0);
    }
    let (lo, hi) = bracket(fmt, x)?;
    (lo.is_finite() && hi.is_finite()).then(|| (x - lo) / (hi - lo))
}

/// Not representable and clear of a rounding tie.
fn rounds_clearly(fmt: FloatFormat, x: f64) -> bool {
    matches!(position_in_gap(fmt, x), Some(p) if p > 1e-6 && (p - 0.5).abs() > 1e-6 && p < 1.0 - 1e-6)
}

fn numeric_key(value: f64, format: Option<FloatFormat>) -> Kind {
    Kind::Numeric {
        answer: vec![value],
        tolerance: Tolerance::Absolute { value: 0.0 },
        unit: None,
        format,
    }
}

/// `2^e` written for a formula.
fn pow2(e: i32) -> String {
    format!("2^{{{e}}}")
}

fn lab(x: f64, y: f64, fmt: FloatFormat) -> Option<String> {
    Some(format!(
        "float?x={}&y={}&op=add&fmt={}",
        num(x),
        num(y),
        name(fmt)
    ))
}

/// Binary exponent of a finite non-zero value: `x` in `[2^e, 2^(e+1))`.
fn binade(x: f64) -> i32 {
    x.abs().log2().floor() as i32
}

// ---------------------------------------------------------------- stored value

pub const STORED_VALUE: Generator = Generator {
    name: "float-stored-value",
    about:
        "the exact value a float format stores for a large integer (round to nearest, ties to even)",
    params: &[
        format_param("the formats to draw from"),
        ParamSpec {
            name: "digits",
            kind: ParamKind::Int {
                min: 2,
                max: 7,
                default: (3, 5),
            },
            help: "significant decimal digits of x",
        },
    ],
    draw: draw_stored_value,
};

/// Decimal magnitudes (x in `[10^lo, 10^hi+1)`) where the format's grid is
/// at least 2, so every stored value is an integer, and x stays finite.
fn integer_magnitudes(f: FloatFormat) -> (i64, i64) {
    match f {
        FloatFormat::F32 => (8, 14),
        FloatFormat::F16 => (3, 4),
        FloatFormat::Bf16 => (3, 14),
        FloatFormat::F64 => (16, 300),
    }
}

fn draw_stored_value(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let f = parse_format(p.draw_choice("format", rng));
    let fmt = f;
    let d = p.draw_int("digits", rng);
    let (lo, hi) = integer_magnitudes(f);
    let e10 = int_in(rng, lo.max(d - 1), hi);
    if e10 < d - 1 {
        return None;
    }
    let mantissa = int_in(rng, 10i64.pow(d as u32 - 1), 10i64.pow(d as u32) - 1);
    let x = mantissa as f64 * 10f64.powi((e10 - d + 1) as i32);
    let ulp = 2f64.powi(binade(x) - precision(f) + 1);
    if ulp < 2.0 || !rounds_clearly(fmt, x) {
        return None;
    }
    let stored = Stored::of(fmt, x);
    let q = x / ulp;
    let shown = match sci_tex(mantissa, e10 - d + 1) {
        s if s == exact(x) => s,
        s => format!("{s} = {}", exact(x)),
    };
    let n = stored.value / ulp;
    let (eq, es) = (exact(q), exact(stored.value));
    let (e, pm1) = (binade(x), precision(f) - 1);
    Some(Instance {
        prompt: text(
            format!(
                "**{fmt}** 以就近舍入（平局取偶）存储 $x = {shown}$。实际存下的精确值是多少？写出整数，或写出 {fmt} 位模式的十六进制（`0x…`）。",
                fmt = name(f)
            ),
            format!(
                "**{fmt}** stores $x = {shown}$ with round to nearest, ties to even. What exact value is stored? Give the integer, or the {fmt} bit pattern in hex (`0x…`).",
                fmt = name(f)
            ),
        ),
        kind: numeric_key(stored.value, Some(f)),
        explanation: text(
            format!(
                "$x$ 落在 $[{p1}, {p2})$，{fmt} 有 {p} 位有效位，所以这里的间距（ULP）是 ${u} = {ulp}$。$x / {ulp} = {eq}$，最近的整数是 {n}，所以存下 ${n} \\times {ulp} = {es}$，位模式 `{hex}`。",
                p1 = pow2(e), p2 = pow2(e + 1), fmt = name(f), p = precision(f),
                u = pow2(e - pm1), ulp = exact(ulp), n = exact(n), hex = stored.hex()
            ),
            format!(
                "$x$ lies in $[{p1}, {p2})$ and {fmt} keeps {p} significant bits, so the spacing (ULP) there is ${u} = {ulp}$. $x / {ulp} = {eq}$, whose nearest integer is {n}, so the stored value is ${n} \\times {ulp} = {es}$, bit pattern `{hex}`.",
                p1 = pow2(e), p2 = pow2(e + 1), fmt = name(f), p = precision(f),
                u = pow2(e - pm1), ulp = exact(ulp), n = exact(n), hex = stored.hex()
            ),
        ),
        inputs: vec![("format", name(f).into()), ("x", num(x))],
        lab: lab(x, 0.0, f),
    })
}

// ---------------------------------------------------------------- sum

pub const SUM: Generator = Generator {
    name: "float-sum",
    about:
        "fl(a + b) for a large a and a b of the order of a's ULP (absorbed, rounded up, or carried)",
    params: &[
        format_param("the formats to draw from"),
        ParamSpec {
            name: "eighths",
            kind: ParamKind::Int {
                min: 1,
                max: 40,
                default: (1, 23),
            },
            help: "b in eighths of a's ULP",
        },
    ],
    draw: draw_sum,
};

fn draw_sum(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let f = parse_format(p.draw_choice("format", rng));
    let fmt = f;
    // Sums stay below 10^11, where the operands are still easy to read.
    let (lo, hi) = integer_magnitudes(f);
    let e10 = int_in(rng, lo, hi.min(10));
    let mantissa = int_in(rng, 100, 999);
    let a = fmt.round(mantissa as f64 * 10f64.powi(e10 as i32 - 2));
    if !a.is_finite() {
        return None;
    }
    let ulp = Stored::of(fmt, a).ulp()?;
    let r = p.draw_int("eighths", rng);
    // r ≡ 4 (mod 8) puts a + b exactly halfway: a tie, left out.
    if r % 8 == 4 {
        return None;
    }
    let b = r as f64 * ulp / 8.0;
    if fmt.round(b) != b {
        return None;
    }
    let sum = fmt.apply(Op::Add, a, b);
    if !sum.is_finite() {
        return None;
    }
    let exact_sum = a + b; // exact in f64: a has at most 24 significant bits, b a few, same scale
    let (lo_v, hi_v) = bracket(fmt, exact_sum)?;
    let outcome_en = if sum == a {
        "b is absorbed: a + b = a"
    } else {
        "b is not absorbed"
    };
    let outcome_zh = if sum == a {
        "b 被吞掉了：a + b = a"
    } else {
        "b 没有被吞掉"
    };
    Some(Instance {
        prompt: text(
            format!(
                "在 **{fmt}** 中，$a = {a}$ 和 $b = {b}$ 都能精确表示。就近舍入（平局取偶）时 $\\mathrm{{fl}}(a + b)$ 是多少？写出精确值或十六进制位模式。",
                fmt = name(f), a = exact(a), b = exact(b)
            ),
            format!(
                "In **{fmt}**, $a = {a}$ and $b = {b}$ are both exactly representable. With round to nearest, ties to even, what is $\\mathrm{{fl}}(a + b)$? Give the exact value or the hex bit pattern.",
                fmt = name(f), a = exact(a), b = exact(b)
            ),
        ),
        kind: numeric_key(sum, Some(f)),
        explanation: if sum == exact_sum {
            text(
                format!(
                    "$a$ 处的 ULP 是 {ulp}，$b = {r}/8$ 个 ULP，是 ULP 的整数倍。精确和 {s} 本身就能用 {fmt} 表示，不需要舍入。",
                    ulp = exact(ulp), s = exact(exact_sum), fmt = name(f)
                ),
                format!(
                    "The ULP at $a$ is {ulp}, so $b$ is {r}/8 of a ULP, a whole number of ULPs. The exact sum {s} is itself a {fmt} value: no rounding happens.",
                    ulp = exact(ulp), s = exact(exact_sum), fmt = name(f)
                ),
            )
        } else {
            text(
                format!(
                    "$a$ 处的 ULP 是 {ulp}，$b = {r}/8$ 个 ULP。精确和 {s} 落在相邻的两个 {fmt} 数 {lo} 和 {hi} 之间，离 {res} 更近，所以结果是 {res}（{o}）。",
                    ulp = exact(ulp), s = exact(exact_sum), fmt = name(f),
                    lo = exact(lo_v), hi = exact(hi_v), res = exact(sum), o = outcome_zh
                ),
                format!(
                    "The ULP at $a$ is {ulp}, so $b$ is {r}/8 of a ULP. The exact sum {s} lies between the adjacent {fmt} values {lo} and {hi} and is nearer {res}, so the result is {res} ({o}).",
                    ulp = exact(ulp), s = exact(exact_sum), fmt = name(f),
                    lo = exact(lo_v), hi = exact(hi_v), res = exact(sum), o = outcome_en
                ),
            )
        },
        inputs: vec![("format", name(f).into()), ("a", num(a)), ("b", num(b))],
        lab: lab(a, b, f),
    })
}

// ---------------------------------------------------------------- ULP

pub const ULP: Generator = Generator {
    name: "ulp",
    about: "the spacing between fmt(x) and the next larger value of the format",
    params: &[
        format_param("the formats to draw from"),
        ParamSpec {
            name: "decimal_exponent",
            kind: ParamKind::Int {
                min: -40,
                max: 38,
                default: (-6, 12),
            },
            help: "x = m·10^k with k in this range (draws outside the format's normal range are skipped)",
        },
    ],
    draw: draw_ulp,
};

fn draw_ulp(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let f = parse_format(p.draw_choice("format", rng));
    let fmt = f;
    let k = p.draw_int("decimal_exponent", rng);
    let m = int_in(rng, 11, 99);
    // Parse the decimal so x is the f64 nearest to m·10^(k-1), as a reader would type it.
    let x: f64 = format!("{m}e{}", k - 1).parse().ok()?;
    let stored = Stored::of(fmt, x);
    if stored.class != ail_labs::float_lab::Class::Normal {
        return None;
    }
    // The stored value must stay in x's binade, or "the ULP at x" is ambiguous.
    let e = binade(x);
    if binade(stored.value) != e {
        return None;
    }
    let (_, above) = stored.neighbours();
    let ulp = above? - stored.value;
    if !ulp.is_finite() || ulp != 2f64.powi(e - precision(f) + 1) {
        return None;
    }
    let xs = sci_tex(m, k - 1);
    let pm1 = precision(f) - 1;
    Some(Instance {
        prompt: text(
            format!(
                "$x = {xs}$。在 **{fmt}** 中，$\\mathrm{{fl}}(x)$ 与下一个更大的 {fmt} 数之间的间距（ULP）是多少？可以写成小数、分数或 `2^-10` 这样的幂。",
                fmt = name(f)
            ),
            format!(
                "$x = {xs}$. In **{fmt}**, what is the gap (ULP) between $\\mathrm{{fl}}(x)$ and the next larger {fmt} value? A decimal, a fraction or a power such as `2^-10` is fine.",
                fmt = name(f)
            ),
        ),
        kind: numeric_key(ulp, None),
        explanation: text(
            format!(
                "$x$ 落在 $[{a}, {b})$（{fmt} 存成 {s}，仍在这一段里）。{fmt} 有 {p} 位有效位（{pm1} 位尾数），所以间距是 ${a} \\cdot 2^{{-{pm1}}} = {u} = {ue}$。",
                a = pow2(e), b = pow2(e + 1), fmt = name(f), s = exact(stored.value), p = precision(f),
                u = pow2(e - pm1), ue = exact(ulp)
            ),
            format!(
                "$x$ lies in $[{a}, {b})$ (stored by {fmt} as {s}, still in that binade). {fmt} keeps {p} significant bits ({pm1} fraction bits), so the spacing is ${a} \\cdot 2^{{-{pm1}}} = {u} = {ue}$.",
                a = pow2(e), b = pow2(e + 1), fmt = name(f), s = exact(stored.value), p = precision(f),
                u = pow2(e - pm1), ue = exact(ulp)
            ),
        ),
        inputs: vec![("format", name(f).into()), ("x", num(x))],
        lab: lab(x, 0.0, f),
    })
}

// ---------------------------------------------------------------- f16 overflow

pub const OVERFLOW: Generator = Generator {
    name: "f16-overflow",
    about: "whether squaring an fp16 activation overflows to inf, and what it gives otherwise",
    params: &[ParamSpec {
        name: "magnitude",
        kind: ParamKind::Int {
            min: 20,
            max: 2000,
            default: (60, 600),
        },
        help: "the activation's integer part is drawn from this range",
    }],
    draw: draw_overflow,
};

/// fp16's largest finite value.
const F16_MAX: f64 = 65504.0;
/// The smallest value that rounds to inf in fp16: 65504 + half a ULP (32·0.5 = 16).
const F16_OVERFLOW_AT: f64 = 65520.0;

fn draw_overflow(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let fmt = FloatFormat::F16;
    let whole = p.draw_int("magnitude", rng);
    let tenths = int_in(rng, 0, 9);
    let a = fmt.round(whole as f64 + tenths as f64 / 10.0);
    let exact_sq = a * a; // exact: a has 11 significant bits
                          // Keep well away from the overflow threshold (within 5 % the answer
                          // turns on the rounding rule near 65504, a different question).
    if (exact_sq / F16_OVERFLOW_AT - 1.0).abs() < 0.05 {
        return None;
    }
    let result = fmt.apply(Op::Mul, a, a);
    let overflow = result.is_infinite();
    let option = |zh: String, en: String, why_zh: String, why_en: String| Choice {
        text: text(zh, en),
        explanation: text(why_zh, why_en),
    };
    let third = if overflow {
        option(
            format!("{}（精确平方）", exact(exact_sq)),
            format!("{} (the exact square)", exact(exact_sq)),
            format!("精确平方超过 fp16 的最大值 {F16_MAX}，存不下。"),
            format!(
                "The exact square exceeds fp16's largest value {F16_MAX}; it cannot be stored."
            ),
        )
    } else {
        option(
            exact(result),
            exact(result),
            format!(
                "精确平方 {} 舍入到 fp16 的网格上就是 {}。",
                exact(exact_sq),
                exact(result)
            ),
            format!(
                "The exact square {} rounded to the fp16 grid is {}.",
                exact(exact_sq),
                exact(result)
            ),
        )
    };
    let options = vec![
        option(
            "+inf（上溢）".into(),
            "+inf (overflow)".into(),
            format!("大于等于 {F16_OVERFLOW_AT} 的结果才会舍入成 +inf。"),
            format!("Only results of {F16_OVERFLOW_AT} or more round to +inf."),
        ),
        option(
            format!("{F16_MAX}（饱和到最大值）"),
            format!("{F16_MAX} (saturates at the maximum)"),
            "IEEE 舍入不会饱和：溢出就是 inf。有些 int8/fp8 转换会饱和，fp16 的乘法不会。".into(),
            "IEEE rounding does not saturate: overflow gives inf. Some int8/fp8 casts saturate; fp16 multiplication does not.".into(),
        ),
        third,
        option(
            "NaN".into(),
            "NaN".into(),
            "有限数相乘不会得到 NaN；NaN 来自 inf − inf、0 × inf 或 0/0，常见于溢出之后的下一步。".into(),
            "A product of finite numbers is never NaN; NaN comes from inf − inf, 0 × inf or 0/0, often one step after an overflow.".into(),
        ),
    ];
    let a_s = exact(a);
    Some(Instance {
        prompt: text(
            format!("一个 fp16 张量里有激活值 $a = {a_s}$（已是 fp16 值）。在 fp16 中计算 $a \\times a$（例如求方差或 L2 范数时），结果是什么？"),
            format!("An fp16 tensor holds the activation $a = {a_s}$ (already an fp16 value). Computed in fp16, what is $a \\times a$ (as in a variance or an L2 norm)?"),
        ),
        kind: Kind::Single {
            options,
            correct: if overflow { 0 } else { 2 },
        },
        explanation: text(
            format!(
                "$a^2 = {sq}$。fp16 最大的有限值是 65504，≥ 65520 的结果舍入为 inf。{v}。这就是为什么方差、softmax 的分母和范数要在 fp32 里累加。",
                sq = exact(exact_sq),
                v = if overflow { "所以结果是 +inf".to_string() } else { format!("所以结果是有限的 {}", exact(result)) }
            ),
            format!(
                "$a^2 = {sq}$. fp16's largest finite value is 65504, and results of 65520 or more round to inf. {v}. This is why variances, softmax denominators and norms are accumulated in fp32.",
                sq = exact(exact_sq),
                v = if overflow { "So the result is +inf".to_string() } else { format!("So the result is the finite {}", exact(result)) }
            ),
        ),
        inputs: vec![("a", num(a))],
        lab: Some(format!("float?x={a_s}&y={a_s}&op=mul&fmt=f16")),
    })
}

// ---------------------------------------------------------------- f16 underflow

pub const UNDERFLOW: Generator = Generator {
    name: "f16-underflow",
    about: "what fp16 stores for a gradient below its smallest normal: a subnormal or zero",
    params: &[ParamSpec {
        name: "decimal_exponent",
        kind: ParamKind::Int {
            min: -12,
            max: -5,
            default: (-9, -5),
        },
        help: "g = m·10^k with k in this range (normal values are skipped)",
    }],
    draw: draw_underflow,
};

fn draw_underflow(p: &Params, rng: &mut SplitMix64) -> Option<Instance> {
    let fmt = FloatFormat::F16;
    let k = p.draw_int("decimal_exponent", rng);
    let m = int_in(rng, 100, 999);
    let g: f64 = format!("{m}e{}", k - 2).parse().ok()?;
    let min_normal = 2f64.powi(-14);
    let step = 2f64.powi(-24);
    if g >= min_normal || !rounds_clearly(fmt, g) {
        return None;
    }
    let stored = fmt.round(g);
    let n = stored / step;
    let q = g / step;
    let gs = sci_tex(m, k - 2);
    let scaled = fmt.round(g * 1024.0);
    let verdict_en = if stored == 0.0 {
        "flushes to zero: the update is lost".to_string()
    } else {
        format!("is stored as the subnormal {} · 2^-24", exact(n))
    };
    let verdict_zh = if stored == 0.0 {
        "下溢为 0：这次更新丢了".to_string()
    } else {
        format!("存成次正规数 {} · 2^-24", exact(n))
    };
    Some(Instance {
        prompt: text(
            format!("一个梯度 $g = {gs}$ 被转换成 fp16（就近舍入，平局取偶）。存下的值是多少？可以写小数、`k*2^-24` 或十六进制位模式；下溢为零就写 0。"),
            format!("A gradient $g = {gs}$ is cast to fp16 (round to nearest, ties to even). What value is stored? Write a decimal, `k*2^-24` or the hex bit pattern; write 0 if it flushes to zero."),
        ),
        kind: numeric_key(stored, Some(FloatFormat::F16)),
        explanation: text(
            format!(
                "fp16 最小的正规数是 $2^{{-14}} \\approx 6.1 \\times 10^{{-5}}$，更小的值落在间距为 $2^{{-24}} \\approx 5.96 \\times 10^{{-8}}$ 的次正规网格上。$g / 2^{{-24}} = {q}$，最近的整数是 {n}，所以 g {v}。乘上损失缩放 1024 后，$1024g$ 在 fp16 中存为 {sc}，这就是损失缩放要防止的下溢。",
                q = num(q), n = exact(n), v = verdict_zh, sc = exact(scaled)
            ),
            format!(
                "fp16's smallest normal value is $2^{{-14}} \\approx 6.1 \\times 10^{{-5}}$; smaller values fall on the subnormal grid of spacing $2^{{-24}} \\approx 5.96 \\times 10^{{-8}}$. $g / 2^{{-24}} = {q}$, whose nearest integer is {n}, so g {v}. With a loss scale of 1024, $1024g$ is stored in fp16 as {sc}: the underflow loss scaling prevents.",
                q = num(q), n = exact(n), v = verdict_en, sc = exact(scaled)
            ),
        ),
        inputs: vec![("g", num(g))],
        lab: Some(format!("float?x={m}e{}&y=0&op=add&fmt=f16", k - 2)),
    })
}
