//! Answer parsing on arbitrary text: never panics; a parsed number is
//! finite; a parsed permutation is one.
#![no_main]

use ail_core::bank::FloatFormat;
use ail_core::grade::{parse_numbers_as, parse_permutation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for format in [None, Some(FloatFormat::F32), Some(FloatFormat::F16), Some(FloatFormat::Bf16)] {
        if let Ok(v) = parse_numbers_as(s, format) {
            assert!(!v.is_empty() && v.iter().all(|x| x.is_finite()), "{s:?} -> {v:?}");
        }
    }
    for n in [1, 4, 8] {
        if let Ok(p) = parse_permutation(s, n) {
            let mut q = p.clone();
            q.sort_unstable();
            assert_eq!(q, (0..n).collect::<Vec<_>>(), "{s:?}");
        }
    }
});
