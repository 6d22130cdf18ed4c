//! The crate's layers point one way: no module imports a module of a higher layer, and
//! the modules of one layer do not import each other. The order is declared here and in
//! docs/ARCHITECTURE.md ("Layers"), and the two must agree.
//!
//! Every `crate::`, `super::` and `self::` path in the library's source (comments, string
//! literals and `#[cfg(test)]` modules left out: tests may use anything) is resolved to
//! the module it names, and that module's layer is compared with the importing file's.
//! A unit is a module path; a file belongs to the longest unit that is a prefix of its
//! module path (`scenario::model` before `scenario`).

use crate::common::root;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, lowest first: each line a layer name and its units.
const LAYERS: &[(&str, &[&str])] = &[
    ("error", &["error"]),
    ("base", &["money", "digest", "text", "output"]),
    ("drawing", &["charts"]),
    ("place", &["scenario::place"]),
    (
        "model",
        &[
            "scenario::model",
            "pricing::ladder",
            "pricing::limits",
            "pricing::quotas",
            "accounts",
        ],
    ),
    ("rules", &["rules"]),
    ("book", &["pricing"]),
    ("scenario", &["scenario"]),
    ("quotas", &["quotas"]),
    ("engine", &["engine"]),
    ("program", &["program"]),
    ("designs", &["designs"]),
    ("sweep", &["sweep"]),
    ("ops", &["ops"]),
    ("savings", &["savings"]),
    ("renderers", &["report", "schema"]),
    ("import", &["import"]),
    ("importers", &["fetch", "bill"]),
    ("flowlogs", &["flowlogs"]),
    ("cli", &["cli"]),
];

/// `(layer index, unit)` of a module path: the longest declared unit that prefixes it.
fn unit_of(path: &[String]) -> Option<(usize, &'static str)> {
    let mut best: Option<(usize, &'static str, usize)> = None;
    for (i, (_, units)) in LAYERS.iter().enumerate() {
        for u in units.iter() {
            let parts: Vec<&str> = u.split("::").collect();
            if parts.len() <= path.len()
                && parts.iter().zip(path).all(|(a, b)| *a == b)
                && best.is_none_or(|(_, _, n)| parts.len() > n)
            {
                best = Some((i, u, parts.len()));
            }
        }
    }
    best.map(|(i, u, _)| (i, u))
}

/// The library's source files with their module paths (`src/a/mod.rs` is `a`,
/// `src/a/b.rs` is `a::b`); `lib.rs` and `main.rs` are the roots and left out.
fn modules(dir: &Path, prefix: &[String], out: &mut Vec<(PathBuf, Vec<String>)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            let mut sub = prefix.to_vec();
            sub.push(p.file_name().unwrap().to_string_lossy().to_string());
            modules(&p, &sub, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            if prefix.is_empty() && (name == "lib" || name == "main") {
                continue;
            }
            let mut m = prefix.to_vec();
            if name != "mod" {
                m.push(name);
            }
            out.push((p, m));
        }
    }
}

/// Source text with comments, string and character literals blanked out.
fn code_only(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < c.len() {
        let at = |i: usize, k: usize| c.get(i + k).copied().unwrap_or('\0');
        if c[i] == '/' && at(i, 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && at(i, 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i, 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i, 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c[i] == 'r'
            && (at(i, 1) == '#' || at(i, 1) == '"')
            && !ident_char(c.get(i.wrapping_sub(1)))
        {
            // raw string r#"..."#
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
            out.push_str("\"\"");
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && (at(i, 1) == '\\' || (at(i, 2) == '\'' && at(i, 1) != '\'')) {
            // a character literal (not a lifetime)
            i += 1;
            if c[i] == '\\' {
                i += 1;
            }
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn ident_char(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The code of a file outside its `#[cfg(test)]` module (by convention, the last item).
fn without_tests(code: &str) -> &str {
    let mut from = 0;
    while let Some(k) = code[from..].find("#[cfg(test)]") {
        let at = from + k;
        let rest = code[at + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") || rest.starts_with("pub mod ") {
            return &code[..at];
        }
        from = at + 1;
    }
    code
}

/// Every path a use tree starting at `s` names (`a::{b, c::{d, e}}` gives `a::b`,
/// `a::c::d`, `a::c::e`), as segments; `s` starts after `crate::`, `super::` or `self::`.
fn paths(s: &str) -> Vec<Vec<String>> {
    fn tree(s: &[char], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        let mut cur = prefix;
        loop {
            while *i < s.len() && s[*i].is_whitespace() {
                *i += 1;
            }
            if *i < s.len() && s[*i] == '{' {
                *i += 1;
                loop {
                    tree(s, i, cur.clone(), out);
                    while *i < s.len() && s[*i].is_whitespace() {
                        *i += 1;
                    }
                    match s.get(*i) {
                        Some(',') => *i += 1,
                        Some('}') => {
                            *i += 1;
                            return;
                        }
                        _ => return,
                    }
                    while *i < s.len() && s[*i].is_whitespace() {
                        *i += 1;
                    }
                    if s.get(*i) == Some(&'}') {
                        *i += 1;
                        return;
                    }
                }
            }
            let start = *i;
            while *i < s.len() && (s[*i].is_alphanumeric() || s[*i] == '_' || s[*i] == '*') {
                *i += 1;
            }
            if *i == start {
                out.push(cur);
                return;
            }
            let seg: String = s[start..*i].iter().collect();
            if seg != "*" {
                cur.push(seg);
            }
            if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
                *i += 2;
            } else {
                out.push(cur);
                return;
            }
        }
    }
    let chars: Vec<char> = s.chars().take(4000).collect();
    let mut out = Vec::new();
    tree(&chars, &mut 0, Vec::new(), &mut out);
    out
}

/// Module paths a file's code names, resolved against the file's own module path.
fn imports(code: &str, module: &[String]) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    for anchor in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(k) = code[from..].find(anchor) {
            let at = from + k;
            from = at + anchor.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            // The module the anchor stands for: a file `a/b.rs` is module `a::b`, and its
            // `super` is `a`; `a/mod.rs` is module `a` too, and its `super` is the root.
            let mut base: Vec<String> = match anchor {
                "crate::" => Vec::new(),
                "self::" => module.to_vec(),
                _ => module[..module.len().saturating_sub(1)].to_vec(),
            };
            let mut rest = &code[from..];
            while anchor != "crate::" && rest.starts_with("super::") {
                base.pop();
                rest = &rest["super::".len()..];
            }
            for p in paths(rest) {
                let mut full = base.clone();
                full.extend(p);
                out.insert(full);
            }
        }
    }
    out
}

/// Every import in the library under `root` (its `src/`) that points up or sideways, as
/// "file (unit, layer) imports path (unit, layer)" lines; a file in no layer is one too.
fn problems(root: &Path) -> Vec<String> {
    let src = root.join("src");
    let mut files = Vec::new();
    modules(&src, &[], &mut files);
    let mut problems = Vec::new();
    for (path, module) in &files {
        let shown = path.strip_prefix(root).unwrap().display().to_string();
        if module.last().is_some_and(|m| m == "tests") {
            continue; // a `#[cfg(test)] mod tests;` file
        }
        let Some((layer, unit)) = unit_of(module) else {
            problems.push(format!(
                "{shown}: module {} is in no layer: add it to LAYERS (tests/it/layers.rs) and docs/ARCHITECTURE.md",
                module.join("::")
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        let code = code_only(&text);
        for target in imports(without_tests(&code), module) {
            let Some((t_layer, t_unit)) = unit_of(&target) else {
                continue; // the crate root, or a dependency's path
            };
            if t_unit == unit {
                continue;
            }
            if t_layer >= layer {
                problems.push(format!(
                    "{shown} ({unit}, layer {}) imports {} ({t_unit}, layer {})",
                    LAYERS[layer].0,
                    target.join("::"),
                    LAYERS[t_layer].0
                ));
            }
        }
    }
    problems
}

#[test]
fn no_module_imports_a_higher_layer() {
    let problems = problems(&root());
    assert!(
        problems.is_empty(),
        "imports that point up or sideways (docs/ARCHITECTURE.md, \"Layers\"):\n  {}",
        problems.join("\n  ")
    );
}

/// The check fails where it should: a small crate whose leaf imports the CLI, whose rule
/// file imports the book through a `super::super` path, whose two sibling units import
/// each other, and whose new module has no layer; its test module may import anything.
#[test]
fn the_check_finds_imports_that_point_up() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join("src").join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("lib.rs", "pub mod money;\n");
    write(
        "money.rs",
        "use crate::cli::Env; // up\n#[cfg(test)]\nmod tests { use crate::ops::Context; }\n",
    );
    write("digest.rs", "use crate::text::text_cell; // sideways\n");
    write("text.rs", "pub fn text_cell() {}\n");
    write(
        "rules/nat_gateway.rs",
        "use super::super::pricing::PriceBook;\n",
    );
    write(
        "rules/mod.rs",
        "use crate::pricing::ladder::Ladder; // down: fine\n",
    );
    write("gadget/mod.rs", "pub struct Gadget;\n");
    let mut got = problems(dir.path());
    got.sort();
    assert_eq!(
        got,
        vec![
            "src/digest.rs (digest, layer base) imports text::text_cell (text, layer base)",
            "src/gadget/mod.rs: module gadget is in no layer: add it to LAYERS (tests/it/layers.rs) and docs/ARCHITECTURE.md",
            "src/money.rs (money, layer base) imports cli::Env (cli, layer cli)",
            "src/rules/nat_gateway.rs (rules, layer rules) imports pricing::PriceBook (pricing, layer book)",
        ]
    );
}

/// Every top-level module of the library has a layer.
#[test]
fn every_module_has_a_layer() {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        let Some(name) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
            .and_then(|r| r.strip_suffix(';'))
        else {
            continue;
        };
        assert!(
            unit_of(&[name.to_string()]).is_some(),
            "src/lib.rs: module `{name}` is in no layer of tests/it/layers.rs"
        );
    }
}

/// docs/ARCHITECTURE.md lists the same layers, in the same order, as this test.
#[test]
fn the_architecture_doc_declares_the_same_layers() {
    let doc = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let start = doc
        .find("<!-- layers -->")
        .expect("docs/ARCHITECTURE.md has a `<!-- layers -->` block");
    let block = &doc[start..];
    let body = block
        .split("```")
        .nth(1)
        .expect("a fenced block after <!-- layers -->");
    let mut got: Vec<(String, Vec<String>)> = body
        .lines()
        .skip(1) // the fence's info string
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut words = l.split_whitespace();
            let name = words.next().unwrap().trim_end_matches(':').to_string();
            (name, words.map(str::to_string).collect())
        })
        .collect();
    // The doc lists the top layer first, as a picture reads.
    got.reverse();
    let want: Vec<(String, Vec<String>)> = LAYERS
        .iter()
        .map(|(n, u)| (n.to_string(), u.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(
        got, want,
        "docs/ARCHITECTURE.md's layers differ from tests/it/layers.rs"
    );
}

/// The checker itself: a path pointing up is found, comments and strings are not read.
#[test]
fn the_checker_resolves_paths_and_skips_comments() {
    let code = code_only(
        "use crate::{money::fmt_cents, scenario::{Kind, model::Resource}};\n\
         // use crate::cli::Env;\n\
         let s = \"crate::cli\"; let c = '\"'; let r = r#\"crate::ops\"#;\n\
         use super::super::engine::Status;\n\
         fn f<'a>(x: &'a str) { crate::report::Table::new(); }\n",
    );
    let got = imports(&code, &["designs".into(), "compare".into()]);
    let want: BTreeSet<Vec<String>> = [
        vec!["money", "fmt_cents"],
        vec!["scenario", "Kind"],
        vec!["scenario", "model", "Resource"],
        vec!["engine", "Status"],
        vec!["report", "Table", "new"],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(str::to_string).collect())
    .collect();
    assert_eq!(got, want);
    assert_eq!(
        unit_of(&["scenario".into(), "model".into(), "Kind".into()]),
        Some((4, "scenario::model"))
    );
    assert_eq!(
        unit_of(&["scenario".into(), "parse".into()]),
        Some((7, "scenario"))
    );
}
