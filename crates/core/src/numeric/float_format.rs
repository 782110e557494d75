//! Rounding to the float formats, tested at the edges that matter to the
//! bank's answers. [`FloatFormat`] and the single-rounding f64 → f16/bf16
//! conversions live with the labs' numerics
//! (`ail_labs::numeric::float_format`), which explain how.

pub use ail_labs::numeric::float_format::{
    bf16_from_f64, f16_from_f64, f32_round_to_odd, FloatFormat,
};

#[cfg(test)]
mod tests {
    use super::*;
    use FloatFormat::*;

    #[test]
    fn f32_rounds_9_9e9_to_9900000256() {
        // 9.9e9 = 1.00011100001...b x 2^33; the f32 grid there is 2^10 = 1024,
        // and 9.9e9 / 1024 = 9667968.75 rounds up to 9667969.
        assert_eq!(F32.round(9.9e9), 9_900_000_256.0);
        assert_eq!(F32.bits(9.9e9), 0x5013_8581);
    }

    #[test]
    fn f16_overflows_9_9e9_to_infinity() {
        assert_eq!(F16.round(9.9e9), f64::INFINITY);
        assert_eq!(F16.round(65504.0), 65504.0);
    }

    #[test]
    fn f16_rounds_ties_to_even() {
        // 1 + 2^-11 is exactly halfway between 1 and 1 + 2^-10: ties to even (1.0).
        assert_eq!(F16.round(1.0 + 2f64.powi(-11)), 1.0);
        // 1 + 3*2^-11 is halfway between 1+2^-10 (odd) and 1+2^-9 (even).
        assert_eq!(F16.round(1.0 + 3.0 * 2f64.powi(-11)), 1.0 + 2f64.powi(-9));
    }

    #[test]
    fn bf16_keeps_eight_significant_bits() {
        // 9.9e9 / 2^26 = 147.52..., rounds to 148: 148 * 2^26.
        assert_eq!(Bf16.round(9.9e9), 148.0 * 2f64.powi(26));
    }

    /// Every pair of adjacent finite values of `from_bits`' format: the exact
    /// midpoint rounds to the even one, the f64 just above it to the upper,
    /// the f64 just below it to the lower. This is where a conversion that
    /// loses sticky bits fails.
    fn check_midpoints(width: u32, from_bits: fn(u32) -> f64, round: fn(f64) -> f64) {
        let top = 1u32 << (width - 1);
        for b in 0..top - 1 {
            let (lo, hi) = (from_bits(b), from_bits(b + 1));
            if !hi.is_finite() || lo.is_nan() {
                continue;
            }
            let mid = (lo + hi) / 2.0; // exact: both have few bits
            let even = if b % 2 == 0 { lo } else { hi };
            for sign in [1.0, -1.0] {
                assert_eq!(round(sign * mid), sign * even, "tie at {mid}");
                let above = f64::from_bits(mid.to_bits() + 1);
                let below = f64::from_bits(mid.to_bits() - 1);
                assert_eq!(round(sign * above), sign * hi, "just above {mid}");
                assert_eq!(round(sign * below), sign * lo, "just below {mid}");
            }
        }
    }

    #[test]
    fn f16_rounds_every_midpoint_neighbourhood_correctly() {
        check_midpoints(
            16,
            |b| half::f16::from_bits(b as u16).to_f64(),
            |x| F16.round(x),
        );
    }

    #[test]
    fn bf16_rounds_every_midpoint_neighbourhood_correctly() {
        check_midpoints(
            16,
            |b| half::bf16::from_bits(b as u16).to_f64(),
            |x| Bf16.round(x),
        );
    }

    #[test]
    fn sticky_bits_below_the_top_32_are_kept() {
        // 986.5003 · 2^-24: just above the midpoint of two f16 subnormals,
        // the excess only in the f64's low 32 bits. Correct: 987 · 2^-24.
        let g = 5.88e-5;
        let steps = g / 2f64.powi(-24);
        assert!(steps > 986.5 && steps < 986.501, "{steps}");
        assert_eq!(F16.round(g), 987.0 * 2f64.powi(-24));
        // half's own from_f64 gets this one wrong on its portable path.
    }

    #[test]
    fn round_to_odd_marks_inexact_results() {
        assert_eq!(f32_round_to_odd(1.0), 1.0);
        let x = 1.0 + 2f64.powi(-30); // between 1 and 1 + 2^-23, nearest 1 (even)
        assert_eq!(f32_round_to_odd(x).to_bits(), 1.0f32.to_bits() + 1);
        assert_eq!(f32_round_to_odd(-x).to_bits(), (-1.0f32).to_bits() + 1);
        assert_eq!(f32_round_to_odd(1e-50), f32::from_bits(1));
        assert_eq!(f32_round_to_odd(-1e-50), -f32::from_bits(1));
        assert!(f32_round_to_odd(1e300).is_infinite());
    }

    #[test]
    fn f64_is_a_format_too() {
        assert_eq!(F64.round(0.1), 0.1);
        assert_eq!(F64.bits(1.0), 0x3ff0_0000_0000_0000);
        assert_eq!(F64.width(), 64);
        assert_eq!(F64.ulp_distance(1.0, 1.0 + f64::EPSILON), Some(1));
        assert_eq!(
            F64.ulp_distance(-f64::MIN_POSITIVE, f64::MIN_POSITIVE),
            Some(2 << 52)
        );
    }

    #[test]
    fn ulp_distance_counts_steps_across_zero() {
        assert_eq!(F32.ulp_distance(1.0, 1.0 + f32::EPSILON as f64), Some(1));
        assert_eq!(F32.ulp_distance(0.0, -0.0), Some(0));
        let tiny = f32::from_bits(1) as f64;
        assert_eq!(F32.ulp_distance(-tiny, tiny), Some(2));
        assert_eq!(F16.ulp_distance(9.9e9, f64::INFINITY), Some(0));
        assert_eq!(F32.ulp_distance(f64::NAN, 1.0), None);
    }
}
