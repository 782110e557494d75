//! The float formats ([`FloatFormat`]: layout, rounding, bits, ULP
//! distance, correctly rounded arithmetic) and f64 to f16 and bf16 with a
//! single rounding.
//!
//! f16 and bf16 go f64 → f32 with *round to odd*, then through the `half`
//! crate's f32 conversions (round to nearest, ties to even). Rounding to odd
//! first keeps the sticky information, and f32's 24 bits are more than
//! p + 2 for both targets (p = 11, 8), so the two steps round exactly once
//! (Boldo and Melquiond, 2008).
//!
//! We do not call `half`'s own `from_f64`: its portable path (the one wasm
//! uses) drops the low 32 bits of the f64 before rounding, so a value just
//! above a halfway point rounds down. For example g = 986.5003 · 2^-24
//! becomes 986 · 2^-24 in f16 instead of 987 · 2^-24 (tested in the app
//! crate's `numeric::float_format`).

use serde::{Deserialize, Serialize};

/// A binary floating-point format: the one type the bank (`format`,
/// ULP tolerances), grading, the generators and the labs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FloatFormat {
    /// IEEE 754 binary64.
    F64,
    /// IEEE 754 binary32.
    F32,
    /// IEEE 754 binary16.
    F16,
    /// bfloat16 (binary32's exponent, 8 significant bits).
    Bf16,
}

/// Arithmetic operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl FloatFormat {
    /// All formats, widest first.
    pub const ALL: [FloatFormat; 4] = [
        FloatFormat::F64,
        FloatFormat::F32,
        FloatFormat::F16,
        FloatFormat::Bf16,
    ];

    /// Query-string name.
    pub fn name(self) -> &'static str {
        match self {
            FloatFormat::F64 => "f64",
            FloatFormat::F32 => "f32",
            FloatFormat::F16 => "f16",
            FloatFormat::Bf16 => "bf16",
        }
    }

    /// (total bits, exponent bits, fraction bits).
    pub fn layout(self) -> (u32, u32, u32) {
        match self {
            FloatFormat::F64 => (64, 11, 52),
            FloatFormat::F32 => (32, 8, 23),
            FloatFormat::F16 => (16, 5, 10),
            FloatFormat::Bf16 => (16, 8, 7),
        }
    }

    /// Width in bits.
    pub fn width(self) -> u32 {
        self.layout().0
    }

    /// Exponent bias.
    pub fn bias(self) -> i32 {
        (1 << (self.layout().1 - 1)) - 1
    }

    /// `x` rounded to this format (round to nearest, ties to even; overflow
    /// to ±inf, underflow to subnormals or ±0), as an exact f64.
    pub fn round(self, x: f64) -> f64 {
        match self {
            FloatFormat::F64 => x,
            FloatFormat::F32 => x as f32 as f64,
            FloatFormat::F16 => f16_from_f64(x).to_f64(),
            FloatFormat::Bf16 => bf16_from_f64(x).to_f64(),
        }
    }

    /// Bit pattern of `x` rounded to this format.
    pub fn bits(self, x: f64) -> u64 {
        match self {
            FloatFormat::F64 => x.to_bits(),
            FloatFormat::F32 => (x as f32).to_bits() as u64,
            FloatFormat::F16 => f16_from_f64(x).to_bits() as u64,
            FloatFormat::Bf16 => bf16_from_f64(x).to_bits() as u64,
        }
    }

    /// The value of a bit pattern of this format (must fit its width).
    pub fn from_bits(self, b: u64) -> f64 {
        match self {
            FloatFormat::F64 => f64::from_bits(b),
            FloatFormat::F32 => f32::from_bits(b as u32) as f64,
            FloatFormat::F16 => half::f16::from_bits(b as u16).to_f64(),
            FloatFormat::Bf16 => half::bf16::from_bits(b as u16).to_f64(),
        }
    }

    /// `x op y` for operands already in this format, correctly rounded to it
    /// (see the module note on the wider intermediate format).
    pub fn apply(self, op: Op, x: f64, y: f64) -> f64 {
        fn go<
            T: std::ops::Add<Output = T>
                + std::ops::Sub<Output = T>
                + std::ops::Mul<Output = T>
                + std::ops::Div<Output = T>,
        >(
            op: Op,
            a: T,
            b: T,
        ) -> T {
            match op {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div => a / b,
            }
        }
        match self {
            FloatFormat::F64 => go(op, x, y),
            FloatFormat::F32 => go(op, x, y) as f32 as f64,
            FloatFormat::F16 => half::f16::from_f32(go(op, x as f32, y as f32)).to_f64(),
            FloatFormat::Bf16 => half::bf16::from_f32(go(op, x as f32, y as f32)).to_f64(),
        }
    }

    /// How many representable values of this format lie between `a` and
    /// `b` once each is rounded to it (0 when they round to the same
    /// value). `None` if either is NaN; an infinity counts as one step past
    /// the largest finite value.
    pub fn ulp_distance(self, a: f64, b: f64) -> Option<u64> {
        if a.is_nan() || b.is_nan() {
            return None;
        }
        // The bit pattern as an integer monotonic in the value: +0 and -0
        // both map to 0, adjacent values differ by 1.
        let ordered = |x: f64| {
            let b = self.bits(x) as i128;
            let sign = 1i128 << (self.width() - 1);
            if b & sign != 0 {
                -(b & (sign - 1))
            } else {
                b
            }
        };
        Some(ordered(a).abs_diff(ordered(b)) as u64)
    }
}

impl Op {
    /// The symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Div => "÷",
        }
    }
}

/// `x` rounded to f32 with round to odd: an inexact result gets an odd
/// last bit (the neighbour of the nearest value, towards `x`, if that one
/// is even). Infinities, NaN and exact values pass through.
pub fn f32_round_to_odd(x: f64) -> f32 {
    let r = x as f32;
    if !r.is_finite() || r as f64 == x || r.to_bits() & 1 == 1 {
        return r;
    }
    // r is even and inexact: step one ULP towards x (which is odd).
    let bits = r.to_bits();
    let away_from_zero = (r as f64).abs() < x.abs();
    let stepped = if r == 0.0 {
        // Below the smallest subnormal: the odd neighbour is ±2^-149.
        1 | (x.is_sign_negative() as u32) << 31
    } else if away_from_zero {
        bits + 1
    } else {
        bits - 1
    };
    f32::from_bits(stepped)
}

/// `x` rounded once to f16 (round to nearest, ties to even).
pub fn f16_from_f64(x: f64) -> half::f16 {
    half::f16::from_f32(f32_round_to_odd(x))
}

/// `x` rounded once to bf16 (round to nearest, ties to even).
pub fn bf16_from_f64(x: f64) -> half::bf16 {
    half::bf16::from_f32(f32_round_to_odd(x))
}
