//! Sweep files: a scenario plus a `[sweep]` table of axes (and an optional `[breakeven]`),
//! parsed and checked once, before any point is evaluated.
//!
//! ```toml
//! name = "lambda"               # the scenario, as in any scenario file...
//! region = "us-east-1"
//! [[nat_gateway]]
//! count = 3
//!
//! [sweep]                       # ...plus axes, in the order the CSV nests them
//! region = ["us-east-1", "us-west-2"]
//! "nat_gateway[0].gb_per_month" = { log_from = 1, log_to = 10000000, points = 60 }
//! ```
//!
//! Instead of describing a scenario itself, a sweep file may sweep other scenario files:
//! `scenarios = ["a.toml", "b.toml"]` (paths relative to the sweep file). An axis whose key
//! differs between those files lists every key: `gb = { keys = ["nat_gateway[0].gb_per_month",
//! "interface_endpoint[0].gb_per_month"], from = 0, to = 1000, step = 10 }`; each scenario gets
//! the keys it has.
//!
//! Every axis value is checked here through the scenario parser, so a typo in a Region
//! name is an error naming the sweep file, the line and the axis, not a million invalid rows.

use super::apply::{self, BaseDoc, Field, KeyPath, Target};
use super::axis::{self, Values};
use super::inputs;
use crate::error::{Error, Result, line_of};
use crate::pricing::PriceBook;
use crate::scenario::{Scenario, parse_scenario};
use rust_decimal::Decimal;
use std::path::Path;
use toml::{Table, Value};

/// What an axis varies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AxisKind {
    /// The design a workload compiles into (column `design`).
    Designs,
    /// The scenario file (column `scenario`).
    Scenarios,
    /// Scenario keys.
    Keys,
}

/// One axis of a sweep.
#[derive(Debug, Clone)]
pub struct Axis {
    /// Column name: the key as written in `[sweep]`.
    pub name: String,
    /// Line of the axis in the sweep file.
    pub line: Option<usize>,
    pub kind: AxisKind,
    pub values: Values,
    /// Keys axes: for each base scenario, the resolved keys it sets.
    pub paths: Vec<Vec<KeyPath>>,
    /// Keys axes whose every key is a fast key: for each base, for each key, what it patches.
    pub fast: Option<Vec<Vec<(Target, Field)>>>,
    /// Keys axes whose every key is a `[workload]` number a compiled design takes as an
    /// input, every value one the parser accepts (see [`super::inputs`]).
    pub inputs: bool,
}

impl Axis {
    /// Whether break-even may cross between two values of this axis (the cost is
    /// piecewise linear in it and any value in between is valid).
    pub fn continuous(&self) -> bool {
        match &self.fast {
            Some(per_base) => per_base
                .iter()
                .all(|keys| keys.iter().all(|(_, f)| f.continuous())),
            None => false,
        }
    }
}

/// `[breakeven]`: where two designs (or scenarios) cost the same along one axis.
#[derive(Debug, Clone)]
pub struct BreakevenSpec {
    /// The axis to solve along.
    pub axis: usize,
    /// The designs or scenarios axis.
    pub design_axis: usize,
    /// The two values of the design axis compared.
    pub a: u64,
    pub b: u64,
}

/// A parsed, checked sweep.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The sweep file, as shown in messages.
    pub file: String,
    /// The sweep's name (the file stem).
    pub name: String,
    /// The scenarios swept: the sweep file's own, or those of `scenarios`.
    pub bases: Vec<BaseDoc>,
    /// Each base's scenario, as written (no axis applied).
    pub base_scenarios: Vec<Scenario>,
    pub axes: Vec<Axis>,
    pub breakeven: Option<BreakevenSpec>,
    /// Number of points: the product of the axes' lengths.
    pub total: u64,
}

impl Sweep {
    /// Index of the axis of a kind.
    pub fn axis_of(&self, kind: AxisKind) -> Option<usize> {
        self.axes.iter().position(|a| a.kind == kind)
    }
}

/// Read and check a sweep file.
pub fn load(path: &Path, book: &PriceBook) -> Result<Sweep> {
    let shown = path.display().to_string();
    let text = crate::error::read_text_file(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    from_text(&shown, dir, &text, book)
}

/// Lines of the keys of `[sweep]` and `[breakeven]`, in file order.
struct Lines {
    sweep: Option<usize>,
    sweep_keys: Vec<(String, usize)>,
    breakeven_keys: Vec<(String, usize)>,
    top_keys: Vec<(String, usize)>,
}

fn lines(text: &str) -> Lines {
    use toml::de::{DeTable, DeValue};
    let mut out = Lines {
        sweep: None,
        sweep_keys: Vec::new(),
        breakeven_keys: Vec::new(),
        top_keys: Vec::new(),
    };
    let Ok(doc) = DeTable::parse(text) else {
        return out;
    };
    let mut sweep: Vec<(String, usize)> = Vec::new();
    let mut be: Vec<(String, usize)> = Vec::new();
    for (k, v) in doc.get_ref().iter() {
        let name = k.get_ref().to_string();
        out.top_keys.push((name.clone(), k.span().start));
        if name == "sweep" || name == "breakeven" {
            if name == "sweep" {
                out.sweep = Some(line_of(text, k.span().start));
            }
            if let DeValue::Table(t) = v.get_ref() {
                for (ik, _) in t.iter() {
                    let e = (ik.get_ref().to_string(), ik.span().start);
                    if name == "sweep" {
                        sweep.push(e);
                    } else {
                        be.push(e);
                    }
                }
            }
        }
    }
    sweep.sort_by_key(|(_, s)| *s);
    be.sort_by_key(|(_, s)| *s);
    out.top_keys.sort_by_key(|(_, s)| *s);
    out.sweep_keys = sweep
        .into_iter()
        .map(|(k, s)| (k, line_of(text, s)))
        .collect();
    out.breakeven_keys = be.into_iter().map(|(k, s)| (k, line_of(text, s))).collect();
    out.top_keys = out
        .top_keys
        .into_iter()
        .map(|(k, s)| (k, line_of(text, s)))
        .collect();
    out
}

/// The text with the lines of `[sweep...]` and `[breakeven...]` tables blanked, so the
/// scenario parser sees the scenario alone with its line numbers unchanged.
fn blank_sections(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix('[') {
            let rest = rest.strip_prefix('[').unwrap_or(rest);
            if let Some(end) = rest.find(']') {
                let head = rest[..end].split('.').next().unwrap_or("").trim();
                let head = head.trim_matches(|c| c == '"' || c == '\'');
                let is_header = !rest[..end].contains(',');
                if is_header {
                    inside = head == "sweep" || head == "breakeven";
                }
            }
        }
        if inside {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

fn toml_err(file: &str, text: &str, e: &toml::de::Error) -> Error {
    let line = e.span().map(|s| line_of(text, s.start));
    let src = line.and_then(|l| text.lines().nth(l - 1)).unwrap_or("");
    let before_eq = src.split('=').next().unwrap_or("");
    let hint = if before_eq.contains('[') && !before_eq.trim_start().starts_with('[') {
        "quote a key path: `\"nat_gateway[0].gb_per_month\" = [1000, 2000]`"
    } else {
        "fix the TOML syntax"
    };
    Error::input(file, line, "", e.message().trim(), hint)
}

/// Parse and check a sweep from its text. `dir` is where relative scenario paths start.
///
/// The steps, each a function below: the `[sweep]` and `[breakeven]` tables taken out of
/// the file; the axes read in file order; the base scenarios (the file itself, or the
/// files of a `scenarios` axis); each axis resolved against them (its keys, whether it is
/// fast or a workload input, its values checked); the designs of a workload added as an
/// axis when none is given; the points counted; the break-even table read.
pub fn from_text(file: &str, dir: &Path, text: &str, book: &PriceBook) -> Result<Sweep> {
    let mut table: Table = toml::from_str(text).map_err(|e| toml_err(file, text, &e))?;
    let ln = lines(text);
    let (sweep_tbl, breakeven_tbl) = sweep_tables(file, &ln, &mut table)?;
    let raw = raw_axes(file, &ln, &sweep_tbl)?;
    let (bases, base_scenarios) = base_scenarios(file, dir, text, &ln, table, &raw, book)?;
    let mut axes: Vec<Axis> = Vec::new();
    for a in raw {
        axes.push(resolve_axis(file, a, &bases, book)?);
    }
    if let Some(designs) = implicit_designs_axis(file, &axes, &bases, &base_scenarios)? {
        axes.push(designs);
    }
    let total = count_points(file, &ln, &axes)?;
    let be_line = |k: &str| {
        ln.breakeven_keys
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, l)| *l)
    };
    let breakeven = match breakeven_tbl {
        Some(t) => Some(parse_breakeven(file, &t, &axes, &base_scenarios, &be_line)?),
        None => None,
    };

    let name = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "sweep".into());
    Ok(Sweep {
        file: file.to_string(),
        name,
        bases,
        base_scenarios,
        axes,
        breakeven,
        total,
    })
}

/// Take the `[sweep]` table (which must hold an axis) and the optional `[breakeven]`
/// table out of the file's table, leaving the scenario.
fn sweep_tables(file: &str, ln: &Lines, table: &mut Table) -> Result<(Table, Option<Table>)> {
    let sweep_tbl = match table.remove("sweep") {
        Some(Value::Table(t)) => t,
        Some(_) => {
            return Err(Error::input(
                file,
                ln.sweep,
                "sweep",
                "`sweep` must be a table",
                "write a [sweep] table of axes",
            ));
        }
        None => {
            return Err(Error::input(
                file,
                None,
                "sweep",
                "no [sweep] table: a sweep file is a scenario plus a [sweep] table of axes",
                "add e.g.\n  [sweep]\n  region = [\"us-east-1\", \"eu-west-1\"]",
            ));
        }
    };
    let breakeven_tbl = match table.remove("breakeven") {
        Some(Value::Table(t)) => Some(t),
        Some(_) => {
            return Err(Error::input(
                file,
                None,
                "breakeven",
                "`breakeven` must be a table",
                "write a [breakeven] table with `axis` and `designs`",
            ));
        }
        None => None,
    };
    if sweep_tbl.is_empty() {
        return Err(Error::input(
            file,
            ln.sweep,
            "sweep",
            "the [sweep] table has no axes",
            "add e.g. `region = [\"us-east-1\", \"eu-west-1\"]`",
        ));
    }
    Ok((sweep_tbl, breakeven_tbl))
}

/// An axis as written, before its keys are resolved against the base scenarios.
struct RawAxis {
    name: String,
    line: Option<usize>,
    kind: AxisKind,
    values: Values,
    keys: Vec<KeyPath>,
}

/// The axes of `[sweep]`, in file order.
fn raw_axes(file: &str, ln: &Lines, sweep_tbl: &Table) -> Result<Vec<RawAxis>> {
    let mut order: Vec<String> = ln.sweep_keys.iter().map(|(k, _)| k.clone()).collect();
    for k in sweep_tbl.keys() {
        if !order.contains(k) {
            order.push(k.clone());
        }
    }
    let mut raw: Vec<RawAxis> = Vec::new();
    for name in &order {
        let Some(v) = sweep_tbl.get(name) else {
            continue;
        };
        let line = ln
            .sweep_keys
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, l)| *l);
        raw.push(raw_axis(file, name, v, line)?);
    }
    Ok(raw)
}

/// One axis of `[sweep]`: what it varies (designs, scenario files or keys), the keys it
/// sets (`key`, `keys` or its own name) and its values.
fn raw_axis(file: &str, name: &str, v: &Value, line: Option<usize>) -> Result<RawAxis> {
    let key = format!("sweep.{name}");
    let err = |m: String, h: String| Error::input(file, line, &key, m, h);
    let (kind, keys, spec) = match name {
        "designs" | "scenarios" => {
            let kind = if name == "designs" {
                AxisKind::Designs
            } else {
                AxisKind::Scenarios
            };
            let ok = matches!(v, Value::Array(a) if !a.is_empty() && a.iter().all(|x| x.is_str()));
            if !ok {
                return Err(err(
                    format!("`{name}` must be a list of names"),
                    if name == "designs" {
                        "e.g. designs = [\"nat\", \"distributed\"]".into()
                    } else {
                        "e.g. scenarios = [\"a.toml\", \"b.toml\"]".into()
                    },
                ));
            }
            (kind, Vec::new(), v.clone())
        }
        _ => {
            let mut spec = v.clone();
            let mut keys: Vec<String> = vec![name.to_string()];
            if let Value::Table(t) = &mut spec {
                let k1 = t.remove("key");
                let k2 = t.remove("keys");
                match (k1, k2) {
                    (Some(_), Some(_)) => {
                        return Err(err(
                            "give `key` or `keys`, not both".into(),
                            "`keys = [...]` lists every key the axis sets".into(),
                        ));
                    }
                    (Some(Value::String(s)), None) => keys = vec![s],
                    (None, Some(Value::Array(a)))
                        if !a.is_empty() && a.iter().all(|x| x.is_str()) =>
                    {
                        keys = a
                            .iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect();
                    }
                    (None, None) => {}
                    _ => {
                        return Err(err(
                            "`key` must be a key path and `keys` a list of key paths".into(),
                            "e.g. keys = [\"nat_gateway[0].gb_per_month\", \"interface_endpoint[0].gb_per_month\"]".into(),
                        ));
                    }
                }
            }
            let mut parsed = Vec::new();
            for k in &keys {
                parsed.push(KeyPath::parse(k).map_err(|m| err(m, apply::path_hint().into()))?);
            }
            (AxisKind::Keys, parsed, spec)
        }
    };
    if let Value::Table(t) = &spec
        && !t
            .keys()
            .any(|k| super::keys::AXIS_KEYS.iter().any(|a| a.name == k))
        && let Some(inner) = t.keys().next()
    {
        return Err(err(
            format!("`{name}` is a table, not an axis (an unquoted dotted key?)"),
            format!("quote the key path: `\"{name}.{inner}\" = [...]`"),
        ));
    }
    let values = axis::parse_values(&spec).map_err(|(m, h)| err(m, h))?;
    Ok(RawAxis {
        name: name.to_string(),
        line,
        kind,
        values,
        keys,
    })
}

/// The base scenarios: the files of a `scenarios` axis (the sweep file then describes no
/// scenario itself), else the sweep file's own scenario with `[sweep]` and `[breakeven]`
/// blanked out, so its errors keep their lines.
fn base_scenarios(
    file: &str,
    dir: &Path,
    text: &str,
    ln: &Lines,
    table: Table,
    raw: &[RawAxis],
    book: &PriceBook,
) -> Result<(Vec<BaseDoc>, Vec<Scenario>)> {
    let mut bases: Vec<BaseDoc> = Vec::new();
    let mut base_scenarios: Vec<Scenario> = Vec::new();
    match raw.iter().find(|a| a.kind == AxisKind::Scenarios) {
        Some(a) => {
            if let Some((k, l)) = ln
                .top_keys
                .iter()
                .find(|(k, _)| table.contains_key(k.as_str()))
            {
                return Err(Error::input(
                    file,
                    Some(*l),
                    k,
                    "a sweep with `scenarios` takes its scenarios from those files, and this one describes a scenario too",
                    "move the scenario keys into the scenario files, or drop `scenarios`",
                ));
            }
            for j in 0..a.values.len() {
                let rel = a.values.get(j).shown;
                let p = dir.join(&rel);
                let shown = p.display().to_string();
                let t = std::fs::read_to_string(&p).map_err(|e| {
                    Error::input(
                        file,
                        a.line,
                        "sweep.scenarios",
                        format!("cannot read `{rel}` ({shown}): {e}"),
                        "paths are relative to the sweep file",
                    )
                })?;
                let s = parse_scenario(&shown, &t, book)?;
                let doc: Table = toml::from_str(&t).map_err(|e| toml_err(&shown, &t, &e))?;
                if base_scenarios.iter().any(|b| b.name == s.name) {
                    return Err(Error::input(
                        file,
                        a.line,
                        "sweep.scenarios",
                        format!("two scenarios are named `{}`", s.name),
                        "give each scenario its own `name`",
                    ));
                }
                bases.push(BaseDoc { file: shown, doc });
                base_scenarios.push(s);
            }
        }
        None => {
            let blanked = blank_sections(text);
            let same = toml::from_str::<Table>(&blanked).ok().as_ref() == Some(&table);
            if !same {
                return Err(Error::input(
                    file,
                    ln.sweep,
                    "sweep",
                    "cannot separate [sweep] and [breakeven] from the scenario",
                    "write them as tables of their own: a `[sweep]` header with `key = value` lines under it, after the scenario",
                ));
            }
            base_scenarios.push(parse_scenario(file, &blanked, book)?);
            bases.push(BaseDoc {
                file: file.to_string(),
                doc: table,
            });
        }
    }
    Ok((bases, base_scenarios))
}

/// An axis resolved against the base scenarios: the keys it sets in each, whether every
/// key is a fast key (patched without re-parsing) or a workload input, and every value
/// checked through the scenario parser.
fn resolve_axis(file: &str, a: RawAxis, bases: &[BaseDoc], book: &PriceBook) -> Result<Axis> {
    let key = format!("sweep.{}", a.name);
    let err = |m: String, h: &str| Error::input(file, a.line, &key, m, h);
    let mut paths: Vec<Vec<KeyPath>> = Vec::new();
    let mut fast: Option<Vec<Vec<(Target, Field)>>> = None;
    let mut is_inputs = false;
    match a.kind {
        AxisKind::Designs => {
            for b in bases {
                apply::check_designs_supported(b).map_err(|m| {
                    err(
                        m,
                        "to compare explicit scenarios, sweep them with `scenarios = [\"a.toml\", \"b.toml\"]`",
                    )
                })?;
            }
            for i in 0..a.values.len() {
                apply::check_design_name(&a.values.get(i).shown).map_err(|m| {
                    err(
                        m,
                        &format!(
                            "designs are {}",
                            crate::scenario::DesignKind::NAMES.join(", ")
                        ),
                    )
                })?;
            }
        }
        AxisKind::Scenarios => {}
        AxisKind::Keys => {
            let mut all_fast = true;
            let mut all_inputs = true;
            let mut fast_keys = Vec::new();
            for b in bases {
                let mut found = Vec::new();
                let mut first_err = None;
                for k in &a.keys {
                    match apply::resolve(k, &b.doc) {
                        Ok(p) => found.push(p),
                        Err(e) => {
                            first_err.get_or_insert(e);
                        }
                    }
                }
                if found.is_empty() {
                    let m = first_err.unwrap_or_default();
                    let m = if bases.len() > 1 {
                        format!("{m} (in {})", b.file)
                    } else {
                        m
                    };
                    return Err(err(m, apply::path_hint()));
                }
                let f: Vec<Option<(Target, Field)>> = found.iter().map(apply::fast_field).collect();
                if f.iter().any(Option::is_none) {
                    all_fast = false;
                }
                if !found.iter().all(|p| inputs::input_key_name(p).is_some()) {
                    all_inputs = false;
                }
                fast_keys.push(f.into_iter().flatten().collect::<Vec<_>>());
                paths.push(found);
            }
            if all_fast {
                fast = Some(fast_keys);
            }
            is_inputs = all_inputs && !all_fast;
        }
    }
    let is_inputs = is_inputs && inputs_take_every_value(&a.values, &paths);
    let ax = Axis {
        name: a.name,
        line: a.line,
        kind: a.kind,
        values: a.values,
        paths,
        fast,
        inputs: is_inputs,
    };
    check_values(file, &ax, bases, book)?;
    Ok(ax)
}

/// A workload scenario swept without `designs` sweeps the designs of its [compare], as
/// the fastest-varying axis (the designs of one point come out side by side).
fn implicit_designs_axis(
    file: &str,
    axes: &[Axis],
    bases: &[BaseDoc],
    base_scenarios: &[Scenario],
) -> Result<Option<Axis>> {
    let compiled = bases.iter().filter(|b| apply::has_designs(b)).count();
    if axes.iter().any(|a| a.kind == AxisKind::Designs) || compiled == 0 {
        return Ok(None);
    }
    if compiled < bases.len() {
        let line = axes
            .iter()
            .find(|a| a.kind == AxisKind::Scenarios)
            .and_then(|a| a.line);
        return Err(Error::input(
            file,
            line,
            "sweep.scenarios",
            "some of these scenarios describe a workload (compiled into designs) and some list explicit resources",
            "sweep workload scenarios and explicit scenarios separately",
        ));
    }
    let mut names: Vec<String> = Vec::new();
    for s in base_scenarios {
        for n in apply::implicit_designs(s) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    if names.is_empty() {
        return Ok(None);
    }
    Ok(Some(Axis {
        name: "designs".into(),
        line: None,
        kind: AxisKind::Designs,
        values: Values::List(
            names
                .iter()
                .map(|n| axis::Val {
                    value: Value::String(n.clone()),
                    num: None,
                    shown: n.clone(),
                })
                .collect(),
        ),
        paths: Vec::new(),
        fast: None,
        inputs: false,
    }))
}

/// The number of points: the product of the axes' lengths.
fn count_points(file: &str, ln: &Lines, axes: &[Axis]) -> Result<u64> {
    let mut total: u64 = 1;
    for a in axes {
        total = total.checked_mul(a.values.len()).ok_or_else(|| {
            Error::input(
                file,
                ln.sweep,
                "sweep",
                "the sweep has more points than can be counted (over 1.8e19)",
                "sweep fewer values",
            )
        })?;
    }
    Ok(total)
}

/// Whether every value of an axis of workload input keys is one the parser accepts for
/// each key, so the compiled designs may take them without parsing. An axis with a value
/// the parser would refuse (which only its own point would show) stays structural.
fn inputs_take_every_value(values: &Values, paths: &[Vec<KeyPath>]) -> bool {
    if !values.all_numeric() {
        return false;
    }
    let names: Vec<&str> = paths
        .iter()
        .flatten()
        .filter_map(inputs::input_key_name)
        .collect();
    let ok = |d: Decimal| names.iter().all(|k| inputs::check(k, d).is_none());
    match values {
        Values::Range { from, step, n } => {
            let last = values.num(n - 1).unwrap_or(*from);
            let mut vals = vec![*from, last];
            // The smallest non-zero value, for GB figures (nothing between 0 and 10^-6).
            if from.is_zero() && *n > 1 {
                vals.push(*from + *step);
            }
            let whole = names.iter().any(|k| inputs::whole(k));
            vals.into_iter().all(ok) && (!whole || step.fract().is_zero())
        }
        Values::List(v) => v.iter().all(|x| x.num.is_some_and(ok)),
    }
}

/// Lists longer than this are checked through the parser at their ends only (and every
/// value of a fast key is still checked by its rule).
const PARSE_CHECK_LIMIT: u64 = 10_000;

/// Check an axis's values: fast keys by their rule, every axis through the scenario
/// parser (all values of a list, the ends of a range).
fn check_values(file: &str, a: &Axis, bases: &[BaseDoc], book: &PriceBook) -> Result<()> {
    if a.kind != AxisKind::Keys {
        return Ok(());
    }
    let key = format!("sweep.{}", a.name);
    let n = a.values.len();
    let bad = |i: u64, base: &BaseDoc, m: String| {
        let v = a.values.get(i).shown;
        let m = if bases.len() > 1 {
            format!("value {v}: {m} (in {})", base.file)
        } else {
            format!("value {v}: {m}")
        };
        Error::input(file, a.line, &key, m, "change or remove that value")
    };
    if let Some(per_base) = &a.fast {
        for (bi, keys) in per_base.iter().enumerate() {
            for (_, field) in keys {
                let check = |i: u64| -> Result<()> {
                    let Some(d) = a.values.num(i) else {
                        return Err(bad(i, &bases[bi], "must be a number".into()));
                    };
                    match field.check(d) {
                        Some(m) => Err(bad(i, &bases[bi], m)),
                        None => Ok(()),
                    }
                };
                match &a.values {
                    Values::Range { step, .. } => {
                        check(0)?;
                        check(n - 1)?;
                        let whole = !matches!(
                            field,
                            Field::Gb
                                | Field::Queries
                                | Field::Nlcu
                                | Field::PeakGbps
                                | Field::PeakQps
                        );
                        if whole && n > 1 && !step.fract().is_zero() {
                            return Err(bad(
                                1,
                                &bases[bi],
                                "must be a whole number (the step is not)".into(),
                            ));
                        }
                    }
                    Values::List(_) => {
                        for i in 0..n {
                            check(i)?;
                        }
                    }
                }
            }
        }
    }
    let sample: Vec<u64> = match &a.values {
        Values::List(_) if n <= PARSE_CHECK_LIMIT => (0..n).collect(),
        _ if n > 1 => vec![0, n - 1],
        _ => vec![0],
    };
    for (bi, base) in bases.iter().enumerate() {
        for &i in &sample {
            let v = a.values.get(i);
            let sets = [(a.paths[bi].as_slice(), &v.value)];
            if let Err(e @ (Error::Input(_) | Error::Msg(_))) =
                apply::materialize(base, &sets, None, book).map(|_| ())
            {
                let mut err = bad(i, base, apply::reason(&e));
                if let (Error::Input(ie), Error::Input(out)) = (&e, &mut err)
                    && !ie.hint.is_empty()
                {
                    out.hint = format!("{}; or change or remove that value", ie.hint);
                }
                return Err(err);
            }
        }
    }
    Ok(())
}

fn parse_breakeven(
    file: &str,
    t: &Table,
    axes: &[Axis],
    scenarios: &[Scenario],
    be_line: &dyn Fn(&str) -> Option<usize>,
) -> Result<BreakevenSpec> {
    for k in t.keys() {
        if !super::keys::BREAKEVEN_KEYS.iter().any(|b| b.name == k) {
            return Err(Error::input(
                file,
                be_line(k),
                format!("breakeven.{k}"),
                format!("unknown key `{k}`"),
                "[breakeven] takes `axis` (the sweep axis to solve along) and `designs` (the two to compare)",
            ));
        }
    }
    let axis_name = match t.get("axis") {
        Some(Value::String(s)) => s.clone(),
        _ => {
            return Err(Error::input(
                file,
                be_line("axis"),
                "breakeven.axis",
                "[breakeven] needs `axis`: the name of the sweep axis to solve along",
                "e.g. axis = \"nat_gateway[0].gb_per_month\"",
            ));
        }
    };
    let line = be_line("axis");
    let Some(axis) = axes.iter().position(|a| a.name == axis_name) else {
        return Err(Error::input(
            file,
            line,
            "breakeven.axis",
            format!("`{axis_name}` is not an axis of [sweep]"),
            format!(
                "use one of: {}",
                axes.iter()
                    .filter(|a| a.kind == AxisKind::Keys)
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    if axes[axis].kind != AxisKind::Keys || !axes[axis].values.all_numeric() {
        return Err(Error::input(
            file,
            line,
            "breakeven.axis",
            format!("`{axis_name}` is not a numeric axis"),
            "break-even solves along a number: traffic, a count, hours...",
        ));
    }
    let design_axis = axes
        .iter()
        .position(|a| a.kind == AxisKind::Designs)
        .or_else(|| axes.iter().position(|a| a.kind == AxisKind::Scenarios));
    let Some(design_axis) = design_axis else {
        return Err(Error::input(
            file,
            line,
            "breakeven",
            "break-even compares two designs or two scenarios, and [sweep] has neither axis",
            "add `designs = [...]` (a workload) or `scenarios = [\"a.toml\", \"b.toml\"]` to [sweep]",
        ));
    };
    let da = &axes[design_axis];
    let names: Vec<String> = (0..da.values.len())
        .map(|i| match da.kind {
            AxisKind::Scenarios => scenarios[i as usize].name.clone(),
            _ => da.values.get(i).shown,
        })
        .collect();
    let find = |s: &str| -> Option<u64> {
        (0..da.values.len()).find(|&i| names[i as usize] == s || da.values.get(i).shown == s)
    };
    let (a, b) = match t.get("designs") {
        Some(Value::Array(v)) if v.len() == 2 && v.iter().all(|x| x.is_str()) => {
            let mut idx = Vec::new();
            for x in v {
                let s = x.as_str().unwrap_or_default();
                match find(s) {
                    Some(i) => idx.push(i),
                    None => {
                        return Err(Error::input(
                            file,
                            be_line("designs"),
                            "breakeven.designs",
                            format!("`{s}` is not one of the sweep's {}", da.name),
                            format!("use two of: {}", names.join(", ")),
                        ));
                    }
                }
            }
            if idx[0] == idx[1] {
                return Err(Error::input(
                    file,
                    be_line("designs"),
                    "breakeven.designs",
                    "compare two different designs",
                    format!("use two of: {}", names.join(", ")),
                ));
            }
            (idx[0], idx[1])
        }
        None if da.values.len() == 2 => (0, 1),
        _ => {
            return Err(Error::input(
                file,
                be_line("designs").or(line),
                "breakeven.designs",
                "[breakeven] needs `designs`: the two to compare",
                format!(
                    "e.g. designs = [\"{}\", \"{}\"]",
                    names[0],
                    names[names.len().min(2) - 1]
                ),
            ));
        }
    };
    Ok(BreakevenSpec {
        axis,
        design_axis,
        a,
        b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> PriceBook {
        PriceBook::builtin().unwrap()
    }

    fn load_str(s: &str) -> Result<Sweep> {
        from_text("t.toml", Path::new("."), s, &book())
    }

    const BASE: &str = r#"
name = "lambda-nat"
region = "us-east-1"

[[nat_gateway]]
count = 3
gb_per_month = 2000
"#;

    #[test]
    fn axes_keep_file_order_and_count_points() {
        let s = load_str(&format!(
            "{BASE}\n[sweep]\n\"nat_gateway[0].gb_per_month\" = {{ from = 0, to = 1, step = 0.1 }}\nregion = [\"us-east-1\", \"us-west-2\"]\nhours_per_month = [720, 730, 744]\n"
        ))
        .unwrap();
        let names: Vec<&str> = s.axes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            ["nat_gateway[0].gb_per_month", "region", "hours_per_month"]
        );
        assert_eq!(s.total, 11 * 2 * 3);
        assert!(s.axes[0].fast.is_some());
        assert!(s.axes[1].fast.is_none());
        assert!(s.axes[2].fast.is_some());
        assert_eq!(s.axes[0].line, Some(10));
    }

    #[test]
    fn bad_values_name_the_sweep_line_and_axis() {
        let e = load_str(&format!(
            "{BASE}\n[sweep]\nregion = [\"us-east-1\", \"mars-1\"]\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("t.toml:10: `sweep.region`: value mars-1"),
            "{e}"
        );
        let e = load_str(&format!("{BASE}\n[sweep]\nhours_per_month = [730, 800]\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("value 800") && e.contains("1 to 744"), "{e}");
        let e = load_str(&format!(
            "{BASE}\n[sweep]\n\"nat_gateway[0].gb_per_month\" = [-1]\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("negative"), "{e}");
    }

    #[test]
    fn scenario_errors_keep_their_lines() {
        let e = load_str("region = \"us-east-1\"\n[[nat_gateway]]\ncount = 0\n[sweep]\nregion = [\"us-east-1\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.toml:3: `nat_gateway[0].count`"), "{e}");
    }

    #[test]
    fn designs_need_a_workload() {
        let e = load_str(&format!(
            "{BASE}\n[sweep]\ndesigns = [\"nat\", \"distributed\"]\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("[workload]") && e.contains("scenarios"), "{e}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let e = load_str(&format!("{BASE}\n[sweep]\nspokes = [1, 2]\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no [workload]"), "{e}");
        let e = load_str(&format!(
            "{BASE}\n[sweep]\n\"nat_gateway[1].count\" = [1, 2]\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("1 [[nat_gateway]] block"), "{e}");
        assert!(
            load_str(BASE)
                .unwrap_err()
                .to_string()
                .contains("no [sweep]")
        );
    }

    #[test]
    fn unquoted_key_paths_get_a_hint() {
        let e = load_str(&format!("{BASE}\n[sweep]\nnat_gateway[0].count = [1, 2]\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("quote a key path"), "{e}");
        let e = load_str(&format!("{BASE}\n[sweep]\nnat_gateway.count = [1, 2]\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("unquoted dotted key"), "{e}");
    }

    #[test]
    fn blanking_keeps_lines() {
        let t = "a = 1\n[sweep]\nx = [1]\n[b]\nc = 2\n[sweep.y]\nz = 1\n";
        assert_eq!(blank_sections(t), "a = 1\n\n\n[b]\nc = 2\n\n\n");
        let t = "a = [\n [1, 2],\n]\n[sweep]\n";
        assert_eq!(blank_sections(t), "a = [\n [1, 2],\n]\n\n");
    }
}
