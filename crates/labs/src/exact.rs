//! Exact decimal arithmetic for binary floats: every finite binary float is
//! a finite decimal (`m · 2^e = m · 5^-e / 10^-e`), and the float lab shows
//! it digit for digit. Only what the lab needs: non-negative values,
//! addition, subtraction, doubling, comparison and printing.

use std::cmp::Ordering;

/// A non-negative decimal `digits × 10^-scale`, digits little-endian base 10.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dec {
    digits: Vec<u8>,
    scale: usize,
}

impl Dec {
    /// Zero.
    pub fn zero() -> Dec {
        Dec {
            digits: vec![0],
            scale: 0,
        }
    }

    /// The exact value of `|x|` for finite `x` (`None` for inf/NaN). Exact:
    /// no rounding; f64 subnormals give up to 1074 fraction digits.
    pub fn from_f64_abs(x: f64) -> Option<Dec> {
        Dec::expand(x, (60, 25))
    }

    /// |x| exactly, multiplying by 2^e or 5^-e `steps.0` or `steps.1`
    /// factors per pass over the digits (see [`Dec::mul_pow`]).
    fn expand(x: f64, (step2, step5): (u32, u32)) -> Option<Dec> {
        if !x.is_finite() {
            return None;
        }
        let bits = x.abs().to_bits();
        let exp = (bits >> 52) as i32;
        let frac = bits & ((1u64 << 52) - 1);
        let (m, e) = if exp == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), exp - 1075)
        };
        let mut d = Dec {
            digits: m.to_string().bytes().rev().map(|b| b - b'0').collect(),
            scale: 0,
        };
        if e >= 0 {
            d.mul_pow(2, step2, e as u32);
        } else {
            d.mul_pow(5, step5, (-e) as u32);
            d.scale = (-e) as usize;
        }
        d.trim();
        Some(d)
    }

    /// Multiplies by `base^n`, `base^step` at a time (one pass over the
    /// digits per step instead of per factor: the f64 lab's largest inputs
    /// need 1,074 factors of 5). `base^step` must stay under 2^61 so that
    /// `9·k + carry` fits in a u64.
    fn mul_pow(&mut self, base: u64, step: u32, mut n: u32) {
        while n > 0 {
            let s = n.min(step);
            self.mul_small(base.pow(s));
            n -= s;
        }
    }

    /// Multiplies by `k` (at most 2^61: the carry stays below `k`).
    fn mul_small(&mut self, k: u64) {
        let mut carry = 0u64;
        for d in self.digits.iter_mut() {
            let v = *d as u64 * k + carry;
            *d = (v % 10) as u8;
            carry = v / 10;
        }
        while carry > 0 {
            self.digits.push((carry % 10) as u8);
            carry /= 10;
        }
    }

    /// `2 · self`.
    pub fn double(&self) -> Dec {
        let mut d = self.clone();
        d.mul_small(2);
        d.trim();
        d
    }

    fn with_scale(&self, scale: usize) -> Vec<u8> {
        let mut v = vec![0u8; scale - self.scale];
        v.extend_from_slice(&self.digits);
        v
    }

    fn trim(&mut self) {
        let zeros = self
            .digits
            .iter()
            .take(self.scale)
            .take_while(|&&d| d == 0)
            .count();
        self.digits
            .drain(..zeros.min(self.digits.len().saturating_sub(1)));
        self.scale -= zeros.min(self.scale);
        if self.digits.iter().all(|&d| d == 0) {
            self.digits = vec![0];
            self.scale = 0;
        }
        while self.digits.len() > 1 && *self.digits.last().unwrap_or(&1) == 0 {
            self.digits.pop();
        }
    }

    /// `self + other`.
    pub fn add(&self, other: &Dec) -> Dec {
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.with_scale(scale), other.with_scale(scale));
        let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
        let mut carry = 0u8;
        for i in 0..a.len().max(b.len()) {
            let v = a.get(i).copied().unwrap_or(0) + b.get(i).copied().unwrap_or(0) + carry;
            out.push(v % 10);
            carry = v / 10;
        }
        if carry > 0 {
            out.push(carry);
        }
        let mut d = Dec { digits: out, scale };
        d.trim();
        d
    }

    /// `self - other`, requiring `self >= other` (else returns zero).
    pub fn sub(&self, other: &Dec) -> Dec {
        if self.cmp_value(other) == Ordering::Less {
            return Dec::zero();
        }
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.with_scale(scale), other.with_scale(scale));
        let mut out = Vec::with_capacity(a.len());
        let mut borrow = 0i8;
        for (i, &ai) in a.iter().enumerate() {
            let mut v = ai as i8 - b.get(i).copied().unwrap_or(0) as i8 - borrow;
            borrow = 0;
            if v < 0 {
                v += 10;
                borrow = 1;
            }
            out.push(v as u8);
        }
        let mut d = Dec { digits: out, scale };
        d.trim();
        d
    }

    /// Numeric comparison.
    pub fn cmp_value(&self, other: &Dec) -> Ordering {
        let scale = self.scale.max(other.scale);
        let (mut a, mut b) = (self.with_scale(scale), other.with_scale(scale));
        while a.len() > 1 && a.last() == Some(&0) {
            a.pop();
        }
        while b.len() > 1 && b.last() == Some(&0) {
            b.pop();
        }
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.digits.iter().all(|&d| d == 0)
    }
}

impl std::fmt::Display for Dec {
    /// Plain decimal, all digits, no exponent, no grouping (`9900000256`, `0.1000…625`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s: String = self
            .digits
            .iter()
            .rev()
            .map(|d| (b'0' + d) as char)
            .collect();
        if self.scale == 0 {
            return f.write_str(&s);
        }
        let s = if s.len() <= self.scale {
            "0".repeat(self.scale - s.len() + 1) + &s
        } else {
            s
        };
        let (int, frac) = s.split_at(s.len() - self.scale);
        write!(f, "{int}.{frac}")
    }
}

/// The exact decimal of a finite `x` with its sign (`-0` prints as `-0`).
pub fn exact_decimal(x: f64) -> Option<String> {
    let d = Dec::from_f64_abs(x)?;
    Some(if x.is_sign_negative() {
        format!("-{d}")
    } else {
        d.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batched_powers_expand_exactly_as_single_factors_do() {
        let mut rng = crate::numeric::rng::SplitMix64::new(7);
        let mut cases = vec![
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::from_bits(1),
            f64::from_bits((1 << 52) - 1),
            1e300,
            9.9e9,
            0.1,
            1.0,
            2f64.powi(60),
            2f64.powi(61),
            5e-324,
        ];
        cases.extend(
            (0..300)
                .map(|_| f64::from_bits(rng.next_u64() & !(1 << 63)))
                .filter(|x| x.is_finite()),
        );
        for x in cases {
            // One factor of 2 or 5 per pass is schoolbook arithmetic: the
            // reference for the batched passes.
            assert_eq!(Dec::from_f64_abs(x), Dec::expand(x, (1, 1)), "{x:e}");
        }
    }

    #[test]
    fn f32_of_9_9e9_is_exactly_9900000256() {
        assert_eq!(
            exact_decimal(9.9e9f32 as f64).as_deref(),
            Some("9900000256")
        );
    }

    #[test]
    fn f64_of_0_1_is_its_full_binary_expansion() {
        assert_eq!(
            exact_decimal(0.1).as_deref(),
            Some("0.1000000000000000055511151231257827021181583404541015625")
        );
    }

    #[test]
    fn smallest_subnormals_print_all_digits() {
        let s = exact_decimal(f64::from_bits(1)).unwrap();
        assert!(s.starts_with("0.000") && s.ends_with("5"), "{s}");
        assert_eq!(s.len(), 2 + 1074);
        assert_eq!(s.parse::<f64>().unwrap().to_bits(), 1);
        assert_eq!(exact_decimal(-0.0).as_deref(), Some("-0"));
        assert_eq!(exact_decimal(f64::INFINITY), None);
    }

    #[test]
    fn every_f16_value_prints_exactly_and_parses_back_to_the_same_bits() {
        for bits in 0..=u16::MAX {
            let h = half::f16::from_bits(bits);
            if !h.is_finite() {
                continue;
            }
            let x = h.to_f64();
            let s = exact_decimal(x).unwrap();
            let back: f64 = s.parse().unwrap();
            assert_eq!(
                half::f16::from_f64(back).to_bits(),
                bits,
                "{bits:#06x} printed as {s}"
            );
            // And the f16 → f32 → f16 round trip is lossless.
            assert_eq!(half::f16::from_f32(h.to_f32()).to_bits(), bits);
        }
    }

    #[test]
    fn add_sub_double_compare_agree_with_exact_binary_values() {
        let a = Dec::from_f64_abs(0.75).unwrap();
        let b = Dec::from_f64_abs(0.125).unwrap();
        assert_eq!(a.add(&b).to_string(), "0.875");
        assert_eq!(a.sub(&b).to_string(), "0.625");
        assert_eq!(b.double().to_string(), "0.25");
        assert_eq!(a.cmp_value(&b), Ordering::Greater);
        assert_eq!(
            Dec::from_f64_abs(1024.0)
                .unwrap()
                .sub(&Dec::from_f64_abs(24.0).unwrap())
                .to_string(),
            "1000"
        );
    }
}
