//! One way to write bilingual text: every text a component in `src/ui`
//! shows comes from `ail_core::i18n` (`strings(lang).field`, or a function
//! there for text with values); the lab pages' text comes from
//! `src/ui/labs/text.rs` the same way (`lab_strings(lang).field`, or a
//! function there). This walks `src/ui` (except that one file, which holds
//! the labs' text) and names each line that writes text another way: a CJK character, a `match` over the language, `Lang::pick`, a
//! `Lang::Zh` test, or a local `t` closure. `#[cfg(test)]` modules are
//! skipped: tests may spell out the text they expect.

use std::path::{Path, PathBuf};

/// Where the rule holds, and the file left out of it.
const ROOT: &str = "src/ui";
const EXCEPT: &str = "src/ui/labs/text.rs";

/// CJK ideographs, CJK punctuation, full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Why `line` writes bilingual text outside `i18n`, if it does.
fn violation(line: &str) -> Option<&'static str> {
    if line.chars().any(is_cjk) {
        return Some("a CJK character");
    }
    let matches_lang = line.match_indices("match ").any(|(at, _)| {
        let scrutinee = line[at + "match ".len()..]
            .split_whitespace()
            .next()
            .unwrap_or("");
        scrutinee == "lang" || scrutinee.ends_with(".lang") || scrutinee.starts_with("(lang")
    });
    if matches_lang {
        return Some("`match` over the language");
    }
    if line.contains(".pick(") {
        return Some("`Lang::pick`");
    }
    if line.contains("Lang::Zh") {
        return Some("a `Lang::Zh` test");
    }
    if line.contains("let t = |") || line.contains("fn t(") {
        return Some("a local `t`");
    }
    None
}

/// Every `.rs` file under `dir`, except [`EXCEPT`].
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") && !path.ends_with(EXCEPT) {
            out.push(path);
        }
    }
}

/// `file:line: why` for each offending line of `source`, outside
/// `#[cfg(test)]` modules (from `mod … {` to the `}` at its indentation).
fn violations(file: &str, source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut lines = source.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            if let Some((_, next)) = lines.next() {
                let indent = &next[..next.len() - next.trim_start().len()];
                if next.trim_start().starts_with("mod ") && next.trim_end().ends_with('{') {
                    let end = format!("{indent}}}");
                    for (_, l) in lines.by_ref() {
                        if l.trim_end() == end {
                            break;
                        }
                    }
                    continue;
                }
                if let Some(why) = violation(next) {
                    found.push(format!("{file}:{}: {why}", i + 2));
                }
            }
            continue;
        }
        if let Some(why) = violation(line) {
            found.push(format!("{file}:{}: {why}", i + 1));
        }
    }
    found
}

#[test]
fn ui_text_comes_only_from_i18n() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join(ROOT), &mut files);
    assert!(
        files.len() > 10,
        "found only {} files in {ROOT}",
        files.len()
    );
    let found: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let source =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            violations(&name, &source)
        })
        .collect();
    assert!(
        found.is_empty(),
        "bilingual text outside ail_core::i18n and labs/text.rs (use strings(lang).field, lab_strings(lang).field or a function there):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checker_finds_each_way_and_skips_test_modules() {
    let source = r#"fn a() {
    let x = "题库";
    let y = match lang { _ => 1 };
    let z = match p.lang { _ => 1 };
    let w = lang.pick(1, 2);
    let v = lang == Lang::Zh;
    let t = |zh, en| 0;
    let ok = strings(lang).home;
}

#[cfg(test)]
mod tests {
    const ZH: &str = "题库";
}
"#;
    let found = violations("f.rs", source);
    assert_eq!(
        found,
        [
            "f.rs:2: a CJK character",
            "f.rs:3: `match` over the language",
            "f.rs:4: `match` over the language",
            "f.rs:5: `Lang::pick`",
            "f.rs:6: a `Lang::Zh` test",
            "f.rs:7: a local `t`",
        ]
    );
}
