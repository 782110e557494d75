//! Rounding to binary float formats and distances in units in the last place.
//!
//! f32 rounding uses Rust's `as f32` (IEEE round-to-nearest, ties to even);
//! f16 and bf16 use the `half` crate's conversions from f64, which round
//! once, correctly, with ties to even (no double rounding through f32).

use crate::bank::FloatFormat;

/// `x` rounded to `format` and widened back to f64 (exactly representable).
///
/// Values beyond the format's largest finite number become ±inf, values
/// below its smallest subnormal become ±0; NaN stays NaN.
pub fn round_to(format: FloatFormat, x: f64) -> f64 {
    match format {
        FloatFormat::F32 => x as f32 as f64,
        FloatFormat::F16 => half::f16::from_f64(x).to_f64(),
        FloatFormat::Bf16 => half::bf16::from_f64(x).to_f64(),
    }
}

/// The bit pattern of `x` rounded to `format`, in the low bits of a u32.
pub fn bits(format: FloatFormat, x: f64) -> u32 {
    match format {
        FloatFormat::F32 => (x as f32).to_bits(),
        FloatFormat::F16 => half::f16::from_f64(x).to_bits() as u32,
        FloatFormat::Bf16 => half::bf16::from_f64(x).to_bits() as u32,
    }
}

/// Width of the format in bits.
pub fn width(format: FloatFormat) -> u32 {
    match format {
        FloatFormat::F32 => 32,
        FloatFormat::F16 | FloatFormat::Bf16 => 16,
    }
}

/// Maps a format's bit pattern to an integer that is monotonic in the value
/// (so +0 and -0 both map to 0 and adjacent floats differ by 1).
fn ordered(format: FloatFormat, x: f64) -> i64 {
    let b = bits(format, x) as i64;
    let sign = 1i64 << (width(format) - 1);
    if b & sign != 0 {
        -(b & (sign - 1))
    } else {
        b
    }
}

/// How many representable `format` values lie between `a` and `b` after
/// each is rounded to `format` (0 when they round to the same value).
///
/// Returns `None` if either is NaN. Infinities count as one step past the
/// largest finite value.
pub fn ulp_distance(format: FloatFormat, a: f64, b: f64) -> Option<u64> {
    if a.is_nan() || b.is_nan() {
        return None;
    }
    Some(ordered(format, a).abs_diff(ordered(format, b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use FloatFormat::*;

    #[test]
    fn f32_rounds_9_9e9_to_9900000256() {
        // 9.9e9 = 1.00011100001...b x 2^33; the f32 grid there is 2^10 = 1024,
        // and 9.9e9 / 1024 = 9667968.75 rounds up to 9667969.
        assert_eq!(round_to(F32, 9.9e9), 9_900_000_256.0);
        assert_eq!(bits(F32, 9.9e9), 0x5013_8581);
    }

    #[test]
    fn f16_overflows_9_9e9_to_infinity() {
        assert_eq!(round_to(F16, 9.9e9), f64::INFINITY);
        assert_eq!(round_to(F16, 65504.0), 65504.0);
    }

    #[test]
    fn f16_rounds_ties_to_even() {
        // 1 + 2^-11 is exactly halfway between 1 and 1 + 2^-10: ties to even (1.0).
        assert_eq!(round_to(F16, 1.0 + 2f64.powi(-11)), 1.0);
        // 1 + 3*2^-11 is halfway between 1+2^-10 (odd) and 1+2^-9 (even).
        assert_eq!(
            round_to(F16, 1.0 + 3.0 * 2f64.powi(-11)),
            1.0 + 2f64.powi(-9)
        );
    }

    #[test]
    fn bf16_keeps_eight_significant_bits() {
        // 9.9e9 / 2^26 = 147.52..., rounds to 148: 148 * 2^26.
        assert_eq!(round_to(Bf16, 9.9e9), 148.0 * 2f64.powi(26));
    }

    #[test]
    fn ulp_distance_counts_steps_across_zero() {
        assert_eq!(ulp_distance(F32, 1.0, 1.0 + f32::EPSILON as f64), Some(1));
        assert_eq!(ulp_distance(F32, 0.0, -0.0), Some(0));
        let tiny = f32::from_bits(1) as f64;
        assert_eq!(ulp_distance(F32, -tiny, tiny), Some(2));
        assert_eq!(ulp_distance(F16, 9.9e9, f64::INFINITY), Some(0));
        assert_eq!(ulp_distance(F32, f64::NAN, 1.0), None);
    }
}
