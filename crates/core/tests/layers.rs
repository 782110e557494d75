//! The core's modules form layers: the graph of `crate::<module>` references
//! between its top-level modules (test modules and comments left out) has no
//! cycle. `cargo test -p ail-core --test layers -- --nocapture` prints the
//! graph and an order from the bottom layer up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The code of a source file without its test module (by convention the
/// last item, after `#[cfg(test)]`) and without `//` comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| match l.find("//") {
            // `//` inside a string (a URL) keeps the line.
            Some(i) if l[..i].matches('"').count() % 2 == 0 => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `crate::<name>` references in `code`.
fn references(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

fn walk(dir: &Path, top: Option<&str>, graph: &mut Graph) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            walk(&path, Some(top.unwrap_or(&name)), graph);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let module = match top {
                Some(t) => t.to_string(),
                None if name == "lib" => continue,
                None => name.clone(),
            };
            if name == "tests" {
                continue; // a module's test file (generate/tests.rs)
            }
            let refs = references(&code(&std::fs::read_to_string(&path).unwrap()));
            let entry = graph.entry(module.clone()).or_default();
            entry.extend(refs.into_iter().filter(|r| *r != module));
        }
    }
}

/// A cycle in `graph`, if there is one, as the modules along it.
fn cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c = path[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut done, &mut Vec::new()))
}

/// The modules from the bottom layer up (each after what it uses).
fn order(graph: &Graph) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    while out.len() < graph.len() {
        let next = graph
            .iter()
            .find(|(n, uses)| {
                !out.contains(n)
                    && uses
                        .iter()
                        .all(|u| out.contains(u) || !graph.contains_key(u))
            })
            .map(|(n, _)| n.clone())
            .expect("acyclic");
        out.push(next);
    }
    out
}

#[test]
fn the_core_modules_import_each_other_without_a_cycle() {
    let mut graph = Graph::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        None,
        &mut graph,
    );
    for (m, uses) in &graph {
        println!(
            "{m} -> {}",
            uses.iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    // Every module of lib.rs was seen, and the edges are real ones.
    assert!(graph.len() >= 12, "{graph:?}");
    assert!(graph["generate"].contains("bank"), "{graph:?}");
    assert_eq!(cycle(&graph), None, "a cycle among the core's modules");
    println!("layers, bottom up: {}", order(&graph).join(", "));
}

#[test]
fn a_cycle_is_found_and_comments_and_tests_do_not_count() {
    let graph: Graph = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let src = "use crate::bank::X; // see crate::ui\nlet u = \"https://x\"; crate::grade::g();\n#[cfg(test)]\nmod tests { use crate::route; }";
    assert_eq!(
        references(&code(src)),
        ["bank", "grade"].into_iter().map(String::from).collect()
    );
}
