//! Names of the built files in `dist/`, shared by the build's post-step
//! (`postbuild`, which writes the service worker) and the local server
//! (`serve`), so that both agree on which files never change.

/// Whether a file name (with or without its directories) carries Trunk's
/// content hash, `name-<hex digits>[_bg].ext`: such a file's bytes never
/// change under that name. Trunk writes the hash, a u64, in hex without
/// leading zeros, so 16 digits or fewer (15 one time in 16): 12 to 16 are
/// taken as a hash (fewer than 12 happens once in 65,536 builds, and such
/// a file is then only revalidated, never wrongly kept).
pub fn is_content_hashed(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    stem.trim_end_matches("_bg")
        .rsplit_once('-')
        .is_some_and(|(_, h)| {
            (12..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn trunk_hashed_names_and_only_those() {
        assert!(is_content_hashed(
            "ai-interview-lab-0123456789abcdef_bg.wasm"
        ));
        assert!(is_content_hashed("ai-interview-lab-0123456789abcdef.js"));
        assert!(is_content_hashed("style-0123456789abcdef.css"));
        // A hash with leading zeros is written shorter (seen: 15 digits).
        assert!(is_content_hashed("ail-practice-78dbbe4c330ce8a.js"));
        assert!(is_content_hashed("style-3e2119290b9e640.css"));
        // Longer than a u64, or too short to be one of Trunk's: not a hash.
        assert!(!is_content_hashed("sub/dir/app-0123456789abcdef0.js"));
        assert!(!is_content_hashed("name-beef.js"));
        assert!(!is_content_hashed("ail-full_bg.wasm"));
        assert!(!is_content_hashed("index.html"));
        assert!(!is_content_hashed("static/core/q/fp32-rounding.json"));
        assert!(!is_content_hashed(
            "snippets/ai-interview-lab-0123456789abcdef/inline0.js"
        ));
        assert!(!is_content_hashed("x-0123456789abcdeg.js"));
    }
}
