//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the vpceplan binary in `dir` with `args`.
pub fn vpceplan(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpceplan"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the vpceplan binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A fresh temporary folder.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Write a file under `dir` and return its path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, text).expect("write");
    p
}

/// Every file under `dir`, relative path → bytes, sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, d: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(d)
            .expect("read dir")
            .filter_map(|e| e.ok())
            .collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .expect("prefix")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out
}

/// A CSV file as rows of fields (header included).
pub fn read_csv(p: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The CSV reports of a run, assembled the way the workbook lays them out: the summary,
/// then every scenario's line items, capacity, per-AZ and quota rows (the last three with
/// the scenario's name in front).
pub fn csv_sheets(out: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let summary = read_csv(&out.join("summary.csv"));
    let names: Vec<String> = summary[1..]
        .iter()
        .filter(|r| r[11] != "error" && r[11] != "invalid")
        .map(|r| vpceplan::text::untext_cell(&r[0]).to_string())
        .collect();
    let mut sheets = vec![("summary".to_string(), summary)];
    for (sheet, file, prefix) in [
        ("line items", "line_items.csv", false),
        ("capacity", "capacity.csv", true),
        ("per AZ", "per_az.csv", true),
        ("quotas", "quotas.csv", true),
        ("accounts", "accounts.csv", true),
    ] {
        let mut rows: Vec<Vec<String>> = Vec::new();
        for n in &names {
            let t = read_csv(&out.join(n).join(file));
            let shown = vpceplan::text::text_cell(n);
            if rows.is_empty() {
                let mut h = t[0].clone();
                if prefix {
                    h.insert(0, "scenario".into());
                }
                rows.push(h);
            }
            for r in &t[1..] {
                let mut r = r.clone();
                if prefix {
                    r.insert(0, shown.clone());
                }
                rows.push(r);
            }
            // Failed-over states of failover designs follow their design's capacity rows.
            if file == "capacity.csv" {
                let mut states: Vec<String> = std::fs::read_dir(out.join(n))
                    .map(|d| {
                        d.filter_map(|e| e.ok())
                            .map(|e| e.file_name().to_string_lossy().to_string())
                            .filter(|f| f.starts_with("region-loss-"))
                            .collect()
                    })
                    .unwrap_or_default();
                states.sort();
                for st in states {
                    let t = read_csv(&out.join(n).join(&st).join(file));
                    let label = vpceplan::text::text_cell(&format!("{n}/{st}"));
                    for r in &t[1..] {
                        let mut r = r.clone();
                        r.insert(0, label.clone());
                        rows.push(r);
                    }
                }
            }
        }
        sheets.push((sheet.to_string(), rows));
    }
    sheets
}
