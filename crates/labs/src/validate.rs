//! Checks shared with the bank's validation.

/// Whether `v` holds each of `0..v.len()` exactly once.
pub fn is_permutation(v: &[usize]) -> bool {
    let mut seen = vec![false; v.len()];
    v.iter()
        .all(|&i| i < seen.len() && !std::mem::replace(&mut seen[i], true))
}

/// `a-z`, `0-9` and single inner hyphens, non-empty.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
