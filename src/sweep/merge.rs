//! `vpceplan sweep merge`: the parts of a sharded sweep checked against their manifests,
//! then joined into `sweep.csv` and `breakeven.csv`.
//!
//! Nothing is written unless every shard 1..N is there exactly once, every manifest
//! agrees (same sweep, price book, vpceplan version and N) and every part has the rows,
//! bytes and SHA-256 its manifest records. Every problem is listed, each naming its
//! shard, with the commands that re-run the shards concerned.

use super::DEFAULT_MAX_POINTS;
use super::manifest::{self, Counted, Manifest, Part, Tally};
use super::shard::Shard;
use crate::error::{Error, Result};
use crate::money::grouped;
use crate::output::Staged;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the merged files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outputs {
    pub sweep: PathBuf,
    /// Written only when the shards have break-even parts.
    pub breakeven: PathBuf,
}

impl Outputs {
    /// `--out`: a folder gets `sweep.csv` and `breakeven.csv`; a path ending in `.csv`
    /// is the sweep CSV itself, with the break-even rows beside it in `STEM.breakeven.csv`.
    /// Without `--out`, the first folder of parts.
    pub fn from_arg(out: Option<&Path>, dirs: &[PathBuf]) -> Outputs {
        let default = dirs.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        let out = out.map(Path::to_path_buf).unwrap_or(default);
        let is_csv = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            && !out.is_dir();
        if is_csv {
            let stem = out
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_else(|| "sweep".into());
            let breakeven = out.with_file_name(format!("{stem}.breakeven.csv"));
            Outputs {
                sweep: out,
                breakeven,
            }
        } else {
            Outputs {
                sweep: out.join("sweep.csv"),
                breakeven: out.join("breakeven.csv"),
            }
        }
    }
}

/// What a merge wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub shards: u64,
    /// The sweep, as the manifests record it.
    pub sweep: manifest::SweepId,
    pub sweep_rows: u64,
    /// Break-even rows, when the sweep has them.
    pub breakeven_rows: Option<u64>,
    /// The files written.
    pub written: Vec<PathBuf>,
}

/// What a part file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Sweep,
    Breakeven,
    Manifest,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Sweep => "sweep part",
            Kind::Breakeven => "break-even part",
            Kind::Manifest => "manifest",
        }
    }
}

/// A file named like a part: `{sweep,breakeven}.part-I-of-N.csv` or
/// `sweep.part-I-of-N.manifest.json`. Returns (kind, I, N).
fn parse_name(name: &str) -> Option<(Kind, u64, u64)> {
    let (kind, rest) = if let Some(r) = name.strip_prefix("sweep.part-") {
        if let Some(r) = r.strip_suffix(".manifest.json") {
            (Kind::Manifest, r)
        } else {
            (Kind::Sweep, r.strip_suffix(".csv")?)
        }
    } else {
        (
            Kind::Breakeven,
            name.strip_prefix("breakeven.part-")?.strip_suffix(".csv")?,
        )
    };
    let (i, n) = rest.split_once("-of-")?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(i) || !digits(n) {
        return None;
    }
    Some((kind, i.parse().ok()?, n.parse().ok()?))
}

/// A hidden temporary file an interrupted shard left: `.sweep.part-I-of-N.csv.XXXX.tmp`.
fn parse_temp(name: &str) -> Option<(u64, u64)> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let cut = inner.find(".csv.").or_else(|| inner.find(".json."))?;
    let base = &inner[..cut
        + if inner[cut..].starts_with(".csv.") {
            4
        } else {
            5
        }];
    parse_name(base).map(|(_, i, n)| (i, n))
}

/// A file found in one of the folders.
#[derive(Debug, Clone)]
struct Found {
    path: PathBuf,
    kind: Kind,
}

/// One problem, for one shard (or for the whole set).
#[derive(Debug, Clone)]
struct Problem {
    shard: Option<u64>,
    text: String,
    /// Re-running the shard fixes it (otherwise the text says what to do).
    rerun: bool,
}

/// The value most shards agree on (a tie goes to the value of the lowest shard).
fn majority<T: Clone + Ord>(values: &[(u64, T)]) -> Option<T> {
    let mut count: BTreeMap<&T, (usize, u64)> = BTreeMap::new();
    for (i, v) in values {
        let e = count.entry(v).or_insert((0, *i));
        e.0 += 1;
        e.1 = e.1.min(*i);
    }
    count
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(v, _)| v.clone())
}

fn short(sha: &str) -> &str {
    &sha[..sha.len().min(12)]
}

fn rows(n: u64) -> String {
    format!("{} row{}", grouped(n), if n == 1 { "" } else { "s" })
}

fn shard_list(shards: &[u64]) -> String {
    shards
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Check the parts in `dirs` (read with the threads of `pool`) and, when all is well,
/// write the merged CSVs atomically. On any problem, nothing is written and the error
/// lists every problem and how to re-run the shards concerned.
pub fn merge(dirs: &[PathBuf], out: &Outputs, pool: &rayon::ThreadPool) -> Result<Merged> {
    let shown_dirs = dirs
        .iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    // 1. Every file named like a part, in every folder.
    let mut found: BTreeMap<(u64, u64), Vec<Found>> = BTreeMap::new();
    let mut temps: BTreeMap<(u64, u64), PathBuf> = BTreeMap::new();
    for d in dirs {
        let rd = std::fs::read_dir(d).map_err(|e| {
            Error::Msg(format!(
                "{}: cannot read the folder of parts: {e}\n  hint: give the folder the shards wrote into (their --out)",
                d.display()
            ))
        })?;
        let mut names: Vec<String> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        for name in names {
            let path = d.join(&name);
            if let Some((kind, i, n)) = parse_name(&name) {
                found.entry((n, i)).or_default().push(Found { path, kind });
            } else if let Some(k) = parse_temp(&name) {
                temps.entry(k).or_insert(path);
            }
        }
    }
    let counts: BTreeSet<u64> = found.keys().map(|(n, _)| *n).collect();
    let Some(&n) = counts.iter().next() else {
        let whole = dirs.iter().any(|d| d.join("sweep.csv").is_file());
        return Err(Error::Msg(format!(
            "{shown_dirs}: no shard parts here (sweep.part-*-of-*.csv){}\n  hint: run the shards with `vpceplan sweep FILE --shard I/N --out DIR`, then merge DIR",
            if whole {
                "; sweep.csv is a whole sweep, nothing to merge"
            } else {
                ""
            }
        )));
    };
    if counts.len() > 1 {
        let sets = counts
            .iter()
            .map(|c| {
                let files: usize = found
                    .iter()
                    .filter(|((m, _), _)| m == c)
                    .map(|(_, f)| f.len())
                    .sum();
                format!("of {c} shards ({files} files)")
            })
            .collect::<Vec<_>>()
            .join(", ");
        return Err(Error::Msg(format!(
            "{shown_dirs}: parts of {} different shardings: {sets}; nothing written\n  hint: a folder holds the parts of one sweep cut one way: move the others out (or merge each folder of its own)",
            counts.len()
        )));
    }
    let mut problems: Vec<Problem> = Vec::new();
    let mut problem = |shard: Option<u64>, rerun: bool, text: String| {
        problems.push(Problem { shard, text, rerun })
    };
    let of = |i: u64| Shard { index: i, count: n };
    let label = |i: u64| format!("shard {}/{}", i, n);

    // 2. Each shard: its files, once, and a manifest that reads and names it.
    let mut manifests: BTreeMap<u64, (PathBuf, Manifest)> = BTreeMap::new();
    let mut listed_files: BTreeMap<u64, Vec<Found>> = BTreeMap::new();
    for ((_, i), files) in &found {
        if *i == 0 || *i > n {
            for f in files {
                problem(
                    None,
                    false,
                    format!(
                        "{}: numbered {i} of {n}, and shards run from 1 to {n}: not a part of this sweep; remove it",
                        f.path.display()
                    ),
                );
            }
        }
    }
    for i in 1..=n {
        let files = found.get(&(n, i)).cloned().unwrap_or_default();
        let mut by_kind: BTreeMap<Kind, Vec<&Found>> = BTreeMap::new();
        for f in &files {
            by_kind.entry(f.kind).or_default().push(f);
        }
        let mut dup = false;
        for (kind, fs) in &by_kind {
            if fs.len() > 1 {
                dup = true;
                problem(
                    Some(i),
                    false,
                    format!(
                        "{}: its {} is there {} times ({}): keep one and remove the others",
                        label(i),
                        kind.what(),
                        fs.len(),
                        fs.iter()
                            .map(|f| f.path.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        if dup {
            continue;
        }
        let Some(mf) = by_kind.get(&Kind::Manifest).and_then(|v| v.first()) else {
            let expected = of(i).manifest_name();
            let text = match by_kind.get(&Kind::Sweep).and_then(|v| v.first()) {
                Some(p) => format!(
                    "{}: {} is there but not its manifest {expected}: the shard's run did not finish, or a vpceplan without manifests wrote it",
                    label(i),
                    p.path.display()
                ),
                None => format!(
                    "{}: missing (no {} nor {}){}",
                    label(i),
                    of(i).part_name("sweep"),
                    expected,
                    match temps.get(&(i, n)) {
                        Some(t) => format!("; {} says its run was interrupted", t.display()),
                        None => String::new(),
                    }
                ),
            };
            problem(Some(i), true, text);
            continue;
        };
        let m = match std::fs::read_to_string(&mf.path)
            .map_err(|e| e.to_string())
            .and_then(|t| Manifest::parse(&t))
        {
            Ok(m) => m,
            Err(e) => {
                problem(
                    Some(i),
                    true,
                    format!(
                        "{}: its manifest {} cannot be read: {e}",
                        label(i),
                        mf.path.display()
                    ),
                );
                continue;
            }
        };
        if m.shard() != of(i) {
            problem(
                Some(i),
                true,
                format!(
                    "{}: {} is named for shard {} but records shard {}: a renamed or copied file; remove it",
                    label(i),
                    mf.path.display(),
                    of(i),
                    m.shard()
                ),
            );
            continue;
        }
        listed_files.insert(i, files.clone());
        manifests.insert(i, (mf.path.clone(), m));
    }

    // 3. The manifests agree: the same sweep, price book and version (most shards'
    // values are taken as right; the others are foreign).
    let field = |f: &dyn Fn(&Manifest) -> String| -> Vec<(u64, String)> {
        manifests.iter().map(|(i, (_, m))| (*i, f(m))).collect()
    };
    let sweeps = field(&|m| m.sweep.sha256.clone());
    let books = field(&|m| m.price_book.sha256.clone());
    let versions = field(&|m| m.vpceplan_version.clone());
    let reference: Option<Manifest> = {
        let (s, b, v) = (majority(&sweeps), majority(&books), majority(&versions));
        manifests
            .values()
            .find(|(_, m)| {
                Some(&m.sweep.sha256) == s.as_ref()
                    && Some(&m.price_book.sha256) == b.as_ref()
                    && Some(&m.vpceplan_version) == v.as_ref()
            })
            .or_else(|| manifests.values().next())
            .map(|(_, m)| m.clone())
    };
    let mut good: Vec<u64> = Vec::new();
    if let Some(r) = &reference {
        let agree = |key: &dyn Fn(&Manifest) -> String| {
            manifests.values().filter(|(_, m)| key(m) == key(r)).count()
        };
        for (i, (_, m)) in &manifests {
            let mut ok = true;
            if m.sweep.sha256 != r.sweep.sha256 {
                let others = agree(&|m: &Manifest| m.sweep.sha256.clone());
                problem(
                    Some(*i),
                    true,
                    format!(
                        "{}: of another sweep: {} ({}; its files hash to {}…), where {} shard{} of {} ({}…){}",
                        label(*i),
                        m.sweep.name,
                        m.sweep.file,
                        short(&m.sweep.sha256),
                        others,
                        if others == 1 { " is" } else { "s are" },
                        r.sweep.file,
                        short(&r.sweep.sha256),
                        differing_files(&m.sweep.files, &r.sweep.files)
                    ),
                );
                ok = false;
            }
            if m.price_book.sha256 != r.price_book.sha256 {
                let others = agree(&|m: &Manifest| m.price_book.sha256.clone());
                problem(
                    Some(*i),
                    true,
                    format!(
                        "{}: priced with another price book: {} (sha256 {}…), where {} shard{} used {} ({}…){}",
                        label(*i),
                        m.price_book.origin,
                        short(&m.price_book.sha256),
                        others,
                        if others == 1 { "" } else { "s" },
                        r.price_book.origin,
                        short(&r.price_book.sha256),
                        differing_files(&m.price_book.files, &r.price_book.files)
                    ),
                );
                ok = false;
            }
            if m.vpceplan_version != r.vpceplan_version {
                let others = agree(&|m: &Manifest| m.vpceplan_version.clone());
                problem(
                    Some(*i),
                    true,
                    format!(
                        "{}: written by vpceplan {}, where {} shard{} by {}",
                        label(*i),
                        m.vpceplan_version,
                        others,
                        if others == 1 {
                            " was written"
                        } else {
                            "s were written"
                        },
                        r.vpceplan_version
                    ),
                );
                ok = false;
            }
            if ok {
                good.push(*i);
            }
        }
    }

    // 4. Each agreeing shard's parts: the names, ranges and rows its manifest records,
    // and the bytes on disk against its byte count and SHA-256.
    let mut checks: Vec<(u64, Kind, PathBuf, Part)> = Vec::new();
    if let Some(r) = &reference {
        let has_be = r.parts.breakeven.is_some();
        for &i in &good {
            let (mpath, m) = &manifests[&i];
            let dir = mpath.parent().unwrap_or(Path::new("."));
            let files = &listed_files[&i];
            let on_disk = |k: Kind| files.iter().find(|f| f.kind == k).map(|f| f.path.clone());
            let mut part = |kind: Kind, stem: &str, p: Option<&Part>, total: u64| {
                let expected = of(i).part_name(stem);
                let Some(p) = p else {
                    if let Some(f) = on_disk(kind) {
                        problem(
                            Some(i),
                            false,
                            format!(
                                "{}: {} is not in its manifest (left from another sweep?): remove it",
                                label(i),
                                f.display()
                            ),
                        );
                    }
                    return;
                };
                let range = of(i).range(total);
                let rows_ok = kind != Kind::Sweep || p.rows == p.end - p.start;
                if p.file != expected
                    || (p.start, p.end) != range
                    || p.total != total
                    || p.header && i != 1
                    || !rows_ok
                {
                    problem(
                        Some(i),
                        true,
                        format!(
                            "{}: its manifest {} records {} items {}..{} of {} in {}, where shard {} is {} items {}..{} of {} in {expected}: the manifest was changed",
                            label(i),
                            mpath.display(),
                            kind.what(),
                            p.start,
                            p.end,
                            p.total,
                            p.file,
                            of(i),
                            kind.what(),
                            range.0,
                            range.1,
                            total
                        ),
                    );
                    return;
                }
                match on_disk(kind) {
                    Some(f) if f.parent() == Some(dir) => checks.push((i, kind, f, p.clone())),
                    _ => problem(
                        Some(i),
                        true,
                        format!(
                            "{}: {} is missing (its manifest lists it)",
                            label(i),
                            dir.join(&expected).display()
                        ),
                    ),
                }
            };
            part(
                Kind::Sweep,
                "sweep",
                Some(&m.parts.sweep),
                r.parts.sweep.total,
            );
            if m.parts.breakeven.is_some() == has_be {
                part(
                    Kind::Breakeven,
                    "breakeven",
                    m.parts.breakeven.as_ref(),
                    r.parts.breakeven.as_ref().map(|p| p.total).unwrap_or(0),
                );
            } else {
                problem(
                    Some(i),
                    true,
                    format!(
                        "{}: {} a break-even part and the other shards {}",
                        label(i),
                        if has_be { "has no" } else { "has" },
                        if has_be { "do" } else { "do not" }
                    ),
                );
            }
        }
    }
    let verdicts: Vec<Option<Problem>> = pool.install(|| {
        checks
            .par_iter()
            .map(|(i, _, path, p)| verify(&label(*i), *i, path, p))
            .collect()
    });
    problems.extend(verdicts.into_iter().flatten());

    if !problems.is_empty() {
        let mut msg = refusal(&shown_dirs, n, &problems, reference.as_ref(), dirs);
        let stale: Vec<String> = [&out.sweep, &out.breakeven]
            .iter()
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !stale.is_empty() {
            msg.push_str(&format!(
                "\n  ({} {} from before, not from this merge)",
                stale.join(" and "),
                if stale.len() == 1 { "is" } else { "are" }
            ));
        }
        return Err(Error::Msg(msg));
    }
    let Some(r) = reference else {
        return Err(Error::Msg(format!(
            "{shown_dirs}: no readable manifest; nothing written"
        )));
    };

    // 5. Join the parts, hashing them again on the way (a part changed since it was
    // checked stops the merge), and put both files in place only when both are whole.
    for p in [&out.sweep, &out.breakeven] {
        if let Some(name) = p.file_name().and_then(|n| n.to_str())
            && parse_name(name).is_some()
        {
            return Err(Error::Msg(format!(
                "{}: --out names a part file; nothing written\n  hint: write the merged sweep elsewhere (a folder, or a FILE.csv not named like a part)",
                p.display()
            )));
        }
    }
    let by_kind = |kind: Kind| -> Vec<&(u64, Kind, PathBuf, Part)> {
        let mut v: Vec<_> = checks.iter().filter(|c| c.1 == kind).collect();
        v.sort_by_key(|c| c.0);
        v
    };
    let join = |dest: &Path, parts: &[&(u64, Kind, PathBuf, Part)]| -> Result<(Staged, u64)> {
        let mut staged = Staged::new(dest)?;
        let mut rows = 0;
        {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, staged.file());
            for (i, _, path, p) in parts {
                let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
                let mut t = Tally::new(&mut w);
                std::io::copy(&mut f, &mut t).map_err(|e| Error::io(dest, e))?;
                let c = t.finish();
                if c.sha256 != p.sha256 || c.bytes != p.bytes {
                    return Err(Error::Msg(format!(
                        "{}: {} changed while it was merged; nothing written\n  hint: merge when no shard is writing into {shown_dirs}",
                        label(*i),
                        path.display()
                    )));
                }
                rows += p.rows;
            }
            w.flush().map_err(|e| Error::io(dest, e))?;
        }
        Ok((staged, rows))
    };
    let (sweep_file, sweep_rows) = join(&out.sweep, &by_kind(Kind::Sweep))?;
    let be = if r.parts.breakeven.is_some() {
        Some(join(&out.breakeven, &by_kind(Kind::Breakeven))?)
    } else {
        None
    };
    let mut written = vec![sweep_file.path().to_path_buf()];
    sweep_file.commit()?;
    let mut breakeven_rows = None;
    if let Some((f, rows)) = be {
        written.push(f.path().to_path_buf());
        f.commit()?;
        breakeven_rows = Some(rows);
    }
    Ok(Merged {
        shards: n,
        sweep: r.sweep.clone(),
        sweep_rows,
        breakeven_rows,
        written,
    })
}

/// Which of a sweep's files differ from the reference's (matched by file name, then by
/// position): "; six-services-nat.toml differs".
fn differing_files(files: &[manifest::FileHash], reference: &[manifest::FileHash]) -> String {
    let name = |f: &manifest::FileHash| {
        Path::new(&f.file)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| f.file.clone())
    };
    let differ: Vec<String> = files
        .iter()
        .enumerate()
        .filter(|(k, f)| {
            let same_name = reference.iter().find(|r| name(r) == name(f));
            match same_name.or_else(|| reference.get(*k)) {
                Some(r) => r.sha256 != f.sha256,
                None => true,
            }
        })
        .map(|(_, f)| name(f))
        .collect();
    match differ.len() {
        0 => String::new(),
        1 => format!("; {} differs", differ[0]),
        _ => format!("; {} differ", differ.join(", ")),
    }
}

/// Check one part file against its manifest entry.
fn verify(label: &str, i: u64, path: &Path, p: &Part) -> Option<Problem> {
    let got: Counted = match manifest::count_file(path) {
        Ok(c) => c,
        Err(e) => {
            return Some(Problem {
                shard: Some(i),
                rerun: true,
                text: format!("{label}: cannot read {}: {e}", path.display()),
            });
        }
    };
    let data_rows = got.records.saturating_sub(u64::from(p.header));
    let text = if got.bytes != p.bytes || data_rows != p.rows {
        format!(
            "{label}: {} has {} in {} bytes, and its manifest says {} in {} bytes: {} since it was written",
            path.display(),
            rows(data_rows),
            grouped(got.bytes),
            rows(p.rows),
            grouped(p.bytes),
            if got.bytes < p.bytes {
                "truncated"
            } else {
                "changed"
            }
        )
    } else if got.sha256 != p.sha256 {
        format!(
            "{label}: {} has the {} bytes its manifest records, but not the same ones (sha256 {}…, manifest {}…): corrupted or edited",
            path.display(),
            grouped(got.bytes),
            short(&got.sha256),
            short(&p.sha256)
        )
    } else {
        return None;
    };
    Some(Problem {
        shard: Some(i),
        rerun: true,
        text,
    })
}

/// The refusal: every problem, then the commands that re-run the shards concerned.
fn refusal(
    shown_dirs: &str,
    n: u64,
    problems: &[Problem],
    reference: Option<&Manifest>,
    dirs: &[PathBuf],
) -> String {
    let mut s = format!(
        "cannot merge the {n} shard{} in {shown_dirs}: {} problem{}; nothing written",
        if n == 1 { "" } else { "s" },
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    let mut sorted: Vec<&Problem> = problems.iter().collect();
    sorted.sort_by_key(|p| p.shard.unwrap_or(0));
    const SHOWN: usize = 20;
    for p in sorted.iter().take(SHOWN) {
        s.push_str("\n  ");
        s.push_str(&p.text);
    }
    if sorted.len() > SHOWN {
        s.push_str(&format!("\n  ... and {} more", sorted.len() - SHOWN));
    }
    let rerun: Vec<u64> = sorted
        .iter()
        .filter(|p| p.rerun)
        .filter_map(|p| p.shard)
        .collect::<BTreeSet<u64>>()
        .into_iter()
        .collect();
    if rerun.is_empty() {
        return s;
    }
    let (file, pricing, points) = match reference {
        Some(r) => (
            r.sweep.file.clone(),
            if r.price_book.origin == "built-in" {
                String::new()
            } else {
                format!(" --pricing {}", r.price_book.origin)
            },
            r.sweep.points,
        ),
        None => ("SWEEP.toml".to_string(), String::new(), 0),
    };
    let yes = if points.div_ceil(n) > DEFAULT_MAX_POINTS {
        " --yes"
    } else {
        ""
    };
    let out = dirs
        .first()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| ".".into());
    let cmd = |i: &str| format!("vpceplan sweep {file}{pricing}{yes} --shard {i}/{n} --out {out}");
    let same = match reference {
        Some(r) => format!(
            " from the sweep files and price book the other shards used (sha256 {}… and {}…)",
            short(&r.sweep.sha256),
            short(&r.price_book.sha256)
        ),
        None => String::new(),
    };
    s.push_str(&format!(
        "\nre-run shard{} {}{same}, then merge again:",
        if rerun.len() == 1 { "" } else { "s" },
        shard_list(&rerun)
    ));
    if rerun.len() <= 8 {
        for i in &rerun {
            s.push_str(&format!("\n  {}", cmd(&i.to_string())));
        }
    } else {
        s.push_str(&format!("\n  {}   (for each I above)", cmd("I")));
    }
    s.push_str(&format!(
        "\n  in a job array, resubmit only those tasks (Slurm: sbatch --array={} ...)",
        rerun
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names() {
        assert_eq!(
            parse_name("sweep.part-0003-of-0008.csv"),
            Some((Kind::Sweep, 3, 8))
        );
        assert_eq!(
            parse_name("breakeven.part-00012-of-12000.csv"),
            Some((Kind::Breakeven, 12, 12000))
        );
        assert_eq!(
            parse_name("sweep.part-0003-of-0008.manifest.json"),
            Some((Kind::Manifest, 3, 8))
        );
        for other in [
            "sweep.csv",
            "breakeven.part-0003-of-0008.manifest.json",
            "sweep.part-x-of-8.csv",
            "sweep.part-3-of-.csv",
            "sweep.part-0003-of-0008.csv.bak",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
        assert_eq!(
            parse_temp(".sweep.part-0003-of-0008.csv.a1B2c3.tmp"),
            Some((3, 8))
        );
        assert_eq!(
            parse_temp(".sweep.part-0003-of-0008.manifest.json.a1B2c3.tmp"),
            Some((3, 8))
        );
        assert_eq!(parse_temp(".sweep.csv.a1B2c3.tmp"), None);
    }

    #[test]
    fn majority_prefers_most_then_lowest_shard() {
        let v = |xs: &[(u64, &str)]| {
            xs.iter()
                .map(|(i, s)| (*i, s.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            majority(&v(&[(1, "a"), (2, "b"), (3, "b")])),
            Some("b".into())
        );
        assert_eq!(majority(&v(&[(1, "a"), (2, "b")])), Some("a".into()));
        assert_eq!(majority(&v(&[(3, "b"), (2, "a")])), Some("a".into()));
        assert_eq!(majority::<String>(&[]), None);
    }

    #[test]
    fn outputs_from_out() {
        let dirs = vec![PathBuf::from("parts")];
        let o = Outputs::from_arg(None, &dirs);
        assert_eq!(o.sweep, Path::new("parts/sweep.csv"));
        assert_eq!(o.breakeven, Path::new("parts/breakeven.csv"));
        let o = Outputs::from_arg(Some(Path::new("x/all.csv")), &dirs);
        assert_eq!(o.sweep, Path::new("x/all.csv"));
        assert_eq!(o.breakeven, Path::new("x/all.breakeven.csv"));
        let o = Outputs::from_arg(Some(Path::new("merged")), &dirs);
        assert_eq!(o.sweep, Path::new("merged/sweep.csv"));
    }
}
