//! Numerics shared by grading and the labs: rounding to the bank's float
//! formats, and the labs' deterministic random number generator
//! (re-exported from `ail_labs`). No web imports.

pub mod float_format;
pub use ail_labs::numeric::rng;
