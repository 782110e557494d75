//! Numerics the labs share with grading: single-rounding f16/bf16
//! conversions and a deterministic random number generator.

pub mod float_format;
pub mod rng;
