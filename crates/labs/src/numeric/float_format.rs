//! f64 to f16 and bf16 with a single rounding.
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
