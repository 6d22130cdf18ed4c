//! The axis → scenario step, in one place.
//!
//! An axis names scenario keys; a point gives each axis one value. This module:
//! - parses key paths and resolves them against a scenario document
//!   ([`KeyPath::parse`], [`resolve`]);
//! - writes a point's values into a copy of the document and turns it into a validated
//!   [`Scenario`] through the ordinary scenario parser ([`materialize`]), so a swept
//!   scenario is checked exactly like a scenario file;
//! - knows which keys the fast path may patch into an already-validated scenario without
//!   re-parsing ([`fast_field`], [`patch_scenario`]).
//!
//! Key paths:
//! - a top-level key: `region`, `hours_per_month`, `limits`;
//! - a `[workload]` key by bare name (`spokes`, `gb_per_month_per_spoke`) when the
//!   scenario has a `[workload]` table;
//! - any key by dotted path, blocks by index or all blocks: `interface_endpoint[0].gb_per_month`,
//!   `nat_gateway[*].count`, `workload.azs`.
//!
//! The `designs` axis picks a design of a workload scenario: [`materialize`] compiles the
//! workload into that design's explicit resources with [`crate::designs::compile`], the
//! same compilation `vpceplan compare` prices. A design that cannot serve the workload
//! makes the point invalid, with the reason.

use crate::designs::{self, Scale};
use crate::error::{Error, InputError, Result};
use crate::pricing::PriceBook;
use crate::scenario::{DesignChoice, DesignKind, Scenario, parse_scenario};
use rust_decimal::Decimal;
use toml::{Table, Value};

/// Top-level scenario keys an axis may address by bare name.
pub const TOP_AXIS_KEYS: &[&str] = &["region", "hours_per_month", "limits"];

/// Index of a block in an array of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Idx {
    At(usize),
    All,
}

/// One step of a key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// `name`
    Key(String),
    /// `name[i]` or `name[*]`
    Elem(String, Idx),
}

/// A parsed key path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPath {
    pub segs: Vec<Seg>,
}

impl std::fmt::Display for KeyPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, s) in self.segs.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match s {
                Seg::Key(k) => f.write_str(k)?,
                Seg::Elem(k, Idx::At(n)) => write!(f, "{k}[{n}]")?,
                Seg::Elem(k, Idx::All) => write!(f, "{k}[*]")?,
            }
        }
        Ok(())
    }
}

const PATH_HINT: &str = "write a top-level key (`region`), a [workload] key (`spokes`) or a block key by path (`interface_endpoint[0].gb_per_month`, `nat_gateway[*].count`)";

impl KeyPath {
    /// Parse `a.b[0].c` / `a[*].b`.
    pub fn parse(s: &str) -> std::result::Result<KeyPath, String> {
        let mut segs = Vec::new();
        for part in s.split('.') {
            let part = part.trim();
            let (name, idx) = match part.find('[') {
                Some(open) => {
                    let Some(inner) = part[open + 1..].strip_suffix(']') else {
                        return Err(format!("`{s}`: `{part}` lacks its closing `]`"));
                    };
                    let idx = match inner.trim() {
                        "*" => Idx::All,
                        n => Idx::At(n.parse::<usize>().map_err(|_| {
                            format!("`{s}`: `[{inner}]` is not a block index (0, 1, ... or *)")
                        })?),
                    };
                    (&part[..open], Some(idx))
                }
                None => (part, None),
            };
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            {
                return Err(format!("`{s}` is not a key path"));
            }
            segs.push(match idx {
                Some(i) => Seg::Elem(name.to_string(), i),
                None => Seg::Key(name.to_string()),
            });
        }
        Ok(KeyPath { segs })
    }
}

/// Resolve a path against a scenario document: bare names become top-level or
/// `[workload]` keys; the containers the path walks through must exist.
pub fn resolve(path: &KeyPath, doc: &Table) -> std::result::Result<KeyPath, String> {
    let full = match path.segs.as_slice() {
        [Seg::Key(k)] if TOP_AXIS_KEYS.contains(&k.as_str()) => path.clone(),
        [Seg::Key(k)] if k == "name" || k == "description" => {
            return Err(format!("`{k}` cannot be swept"));
        }
        [Seg::Key(k)] => {
            if matches!(doc.get("workload"), Some(Value::Table(_))) {
                KeyPath {
                    segs: vec![Seg::Key("workload".into()), Seg::Key(k.clone())],
                }
            } else if crate::rules::by_table(k).is_some() {
                return Err(format!(
                    "`{k}` is a block table; sweep one of its keys, e.g. `{k}[0].count` or `{k}[*].count`"
                ));
            } else {
                return Err(format!(
                    "`{k}` is not a top-level scenario key ({}) and the scenario has no [workload] table",
                    TOP_AXIS_KEYS.join(", ")
                ));
            }
        }
        [Seg::Elem(..)] => {
            return Err(format!(
                "`{path}` names a whole block; sweep one of its keys"
            ));
        }
        _ => path.clone(),
    };
    // Walk the containers.
    let mut tables: Vec<&Table> = vec![doc];
    let n = full.segs.len();
    for (i, seg) in full.segs.iter().enumerate() {
        let last = i + 1 == n;
        if last {
            if let Seg::Elem(..) = seg {
                return Err(format!("`{full}` ends in a block; name one of its keys"));
            }
            break;
        }
        let mut next = Vec::new();
        for t in &tables {
            match seg {
                Seg::Key(k) => match t.get(k) {
                    Some(Value::Table(inner)) => next.push(inner),
                    Some(Value::Array(_)) => {
                        return Err(format!(
                            "`{k}` in `{full}` is a list of blocks; write `{k}[0]` or `{k}[*]`"
                        ));
                    }
                    Some(_) => return Err(format!("`{k}` in `{full}` is not a table")),
                    None => return Err(format!("the scenario has no `{k}` (in `{full}`)")),
                },
                Seg::Elem(k, idx) => {
                    let Some(Value::Array(items)) = t.get(k) else {
                        return Err(format!("the scenario has no [[{k}]] blocks (in `{full}`)"));
                    };
                    let tabs: Vec<&Table> = items
                        .iter()
                        .filter_map(|x| match x {
                            Value::Table(t) => Some(t),
                            _ => None,
                        })
                        .collect();
                    match idx {
                        Idx::At(j) => match tabs.get(*j) {
                            Some(t) => next.push(*t),
                            None => {
                                return Err(format!(
                                    "`{full}`: the scenario has {} [[{k}]] block(s), numbered from 0",
                                    tabs.len()
                                ));
                            }
                        },
                        Idx::All => {
                            if tabs.is_empty() {
                                return Err(format!("the scenario has no [[{k}]] blocks"));
                            }
                            next.extend(tabs);
                        }
                    }
                }
            }
        }
        tables = next;
    }
    Ok(full)
}

/// Hint for a path that does not resolve.
pub fn path_hint() -> &'static str {
    PATH_HINT
}

/// Set the key at a resolved path to `v`, creating the leaf key.
pub fn set(doc: &mut Table, segs: &[Seg], v: &Value) -> std::result::Result<(), String> {
    match segs {
        [] => Ok(()),
        [Seg::Key(k)] => {
            doc.insert(k.clone(), v.clone());
            Ok(())
        }
        [Seg::Elem(k, _)] => Err(format!("`{k}` is a block, not a key")),
        [Seg::Key(k), rest @ ..] => match doc.get_mut(k) {
            Some(Value::Table(t)) => set(t, rest, v),
            _ => Err(format!("no table `{k}`")),
        },
        [Seg::Elem(k, idx), rest @ ..] => match doc.get_mut(k) {
            Some(Value::Array(items)) => match idx {
                Idx::At(i) => match items.get_mut(*i) {
                    Some(Value::Table(t)) => set(t, rest, v),
                    _ => Err(format!("no block `{k}[{i}]`")),
                },
                Idx::All => {
                    for it in items.iter_mut() {
                        if let Value::Table(t) = it {
                            set(t, rest, v)?;
                        }
                    }
                    Ok(())
                }
            },
            _ => Err(format!("no blocks `{k}`")),
        },
    }
}

pub use crate::rules::Field;

/// Which resources of a validated scenario a fast key patches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The scenario's `hours_per_month`.
    Hours,
    /// Blocks `table[i]` (or every `table[...]`).
    Blocks { table: String, idx: Idx },
}

impl Target {
    /// Indexes of the resources this target patches.
    pub fn resources(&self, s: &Scenario) -> Vec<usize> {
        match self {
            Target::Hours => Vec::new(),
            Target::Blocks { table, idx } => {
                let want = match idx {
                    Idx::At(i) => Some(format!("{table}[{i}]")),
                    Idx::All => None,
                };
                let prefix = format!("{table}[");
                s.resources
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| match &want {
                        Some(w) => &r.block == w,
                        None => r.block.starts_with(&prefix),
                    })
                    .map(|(i, _)| i)
                    .collect()
            }
        }
    }
}

/// The fast key a resolved path names, if it is one.
pub fn fast_field(path: &KeyPath) -> Option<(Target, Field)> {
    match path.segs.as_slice() {
        [Seg::Key(k)] if k == "hours_per_month" => Some((Target::Hours, Field::Hours)),
        [Seg::Elem(table, idx), Seg::Key(key)] => {
            let rule = crate::rules::by_table(table)?;
            let (_, f) = rule.fast_keys.iter().find(|(k, _)| k == key)?;
            Some((
                Target::Blocks {
                    table: table.clone(),
                    idx: idx.clone(),
                },
                *f,
            ))
        }
        _ => None,
    }
}

/// A float key's value as the scenario parser reads it from the exact decimal the sweep
/// writes (a whole number as an integer, else the decimal's text).
pub fn float_of(d: Decimal) -> f64 {
    match super::axis::doc_value(d) {
        Value::Integer(i) => i as f64,
        Value::String(s) => s.parse::<f64>().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

/// Patch a fast key of a validated scenario, as the parser would have set it.
/// `d` has passed [`Field::check`].
pub fn patch_scenario(s: &mut Scenario, target: &Target, field: Field, d: Decimal) {
    let d = d.normalize();
    let whole = u64::try_from(d).unwrap_or(0);
    if let Field::Hours = field {
        s.hours_per_month = u32::try_from(d).unwrap_or(0);
        return;
    }
    for i in target.resources(s) {
        field.set_resource(&mut s.resources[i], d, float_of(d), whole);
    }
}

/// One base scenario of a sweep: its document (without `[sweep]`) and where it came from.
#[derive(Debug, Clone)]
pub struct BaseDoc {
    /// The file, as shown in messages.
    pub file: String,
    pub doc: Table,
}

/// Whether a base scenario compiles into designs (it has a `[workload]` or a
/// `[failover]` table).
pub fn has_designs(base: &BaseDoc) -> bool {
    base.doc.contains_key("workload") || base.doc.contains_key("failover")
}

/// `designs` applies to workload (and failover) scenarios only.
pub fn check_designs_supported(base: &BaseDoc) -> std::result::Result<(), String> {
    if has_designs(base) {
        Ok(())
    } else {
        Err(format!(
            "`designs` applies to a scenario with a [workload] (or [failover]) table, and {} has none (it lists explicit resources)",
            base.file
        ))
    }
}

/// The design name of a provider failover setup (which has no design of its own).
pub const PROVIDER: &str = "provider";

/// The designs a scenario compiles when the sweep names none: its `[compare]` designs
/// (`provider` for a provider failover setup). Empty for explicit scenarios.
pub fn implicit_designs(s: &Scenario) -> Vec<String> {
    crate::designs::names(s)
        .into_iter()
        .map(|d| d.map_or_else(|| PROVIDER.to_string(), |c| c.name))
        .collect()
}

/// Whether `name` is a design the scenario language knows.
pub fn check_design_name(name: &str) -> std::result::Result<(), String> {
    if name == PROVIDER || DesignKind::NAMES.contains(&name) {
        Ok(())
    } else {
        Err(format!("unknown design `{name}`"))
    }
}

/// A point's scenario, ready for the engine.
#[derive(Debug, Clone)]
pub struct Built {
    /// Explicit resources (a design's, for a workload).
    pub scenario: Scenario,
    /// The name of the scenario as written (not the compiled `<name>/<design>`).
    pub name: String,
    /// For a design: the workload's GB per month, the denominator of USD per GB (as in
    /// `compare.csv`). `None` for explicit scenarios: the engine's processed GB.
    pub traffic_gb: Option<Decimal>,
}

/// The design `design` names for a workload (or failover) scenario (`None`: the
/// provider setup).
pub fn design_choice(s: &Scenario, design: &str) -> Result<Option<DesignChoice>> {
    if design == PROVIDER {
        return Ok(None);
    }
    let kind = DesignKind::parse(design, s.compare.centralized_dns).ok_or_else(|| {
        Error::Msg(format!(
            "unknown design `{design}` (use one of: {})",
            DesignKind::NAMES.join(", ")
        ))
    })?;
    Ok(Some(DesignChoice {
        name: design.to_string(),
        kind,
    }))
}

/// Compile one design of a workload (or failover) scenario into explicit resources.
/// A design that cannot serve the workload is an error carrying the reason.
fn compile_design(s: Scenario, design: &str, book: &PriceBook) -> Result<Built> {
    let choice = design_choice(&s, design)?;
    let plan = designs::compile(&s, &choice, Scale::ONE, &book.quotas);
    if let Some(reason) = plan.invalid {
        return Err(Error::Msg(format!("invalid design: {reason}")));
    }
    Ok(Built {
        name: s.name,
        traffic_gb: Some(plan.traffic_gb),
        scenario: plan.scenario,
    })
}

/// Build the scenario of one point: the base document with each `(path, value)` set,
/// validated by the scenario parser, then compiled into `design` when one is given
/// (without a design, a workload scenario is only parsed: that checks the values).
pub fn materialize(
    base: &BaseDoc,
    sets: &[(&[KeyPath], &Value)],
    design: Option<&str>,
    book: &PriceBook,
) -> Result<Built> {
    let mut doc = base.doc.clone();
    for (paths, v) in sets {
        for p in paths.iter() {
            set(&mut doc, &p.segs, v).map_err(Error::Msg)?;
        }
    }
    let text = toml::to_string(&doc).map_err(|e| {
        Error::Msg(format!(
            "{}: cannot write the swept scenario: {e}",
            base.file
        ))
    })?;
    let s = parse_scenario(&base.file, &text, book)?;
    match design {
        Some(d) => compile_design(s, d, book),
        None => Ok(Built {
            name: s.name.clone(),
            scenario: s,
            traffic_gb: None,
        }),
    }
}

/// A point's error as one line for the CSV: the message without the hint, and without a
/// line number (it would point into the swept copy, not the user's file).
pub fn reason(e: &Error) -> String {
    let s = match e {
        Error::Input(ie) => {
            let InputError { key, message, .. } = ie.as_ref();
            if key.is_empty() {
                message.clone()
            } else {
                format!("`{key}`: {message}")
            }
        }
        other => other.to_string(),
    };
    s.lines().next().unwrap_or_default().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Table {
        toml::from_str(s).unwrap()
    }

    const SCEN: &str = r#"
region = "us-east-1"
[[interface_endpoint]]
service = "s3"
azs = 2
[[interface_endpoint]]
service = "sts"
azs = 2
[[nat_gateway]]
count = 2
"#;

    #[test]
    fn paths_parse_and_print() {
        for s in [
            "region",
            "interface_endpoint[0].gb_per_month",
            "nat_gateway[*].count",
            "workload.spokes",
        ] {
            assert_eq!(KeyPath::parse(s).unwrap().to_string(), s);
        }
        assert!(KeyPath::parse("a[x].b").is_err());
        assert!(KeyPath::parse("a[0.b").is_err());
        assert!(KeyPath::parse("a..b").is_err());
    }

    #[test]
    fn resolution() {
        let d = doc(SCEN);
        let r = |s: &str| resolve(&KeyPath::parse(s).unwrap(), &d);
        assert_eq!(r("region").unwrap().to_string(), "region");
        assert!(r("interface_endpoint[1].gb_per_month").is_ok());
        let e = r("interface_endpoint[2].gb_per_month").unwrap_err();
        assert!(e.contains("2 [[interface_endpoint]] block(s)"), "{e}");
        let e = r("spokes").unwrap_err();
        assert!(e.contains("no [workload]"), "{e}");
        let e = r("interface_endpoint.azs").unwrap_err();
        assert!(e.contains("interface_endpoint[0]"), "{e}");
        let e = r("nat_gateway").unwrap_err();
        assert!(e.contains("nat_gateway[0].count"), "{e}");
        let w = doc("region = \"us-east-1\"\n[workload]\nspokes = 2\n");
        assert_eq!(
            resolve(&KeyPath::parse("spokes").unwrap(), &w)
                .unwrap()
                .to_string(),
            "workload.spokes"
        );
    }

    #[test]
    fn set_all_blocks() {
        let mut d = doc(SCEN);
        let p = KeyPath::parse("interface_endpoint[*].gb_per_month").unwrap();
        set(&mut d, &p.segs, &Value::Integer(7)).unwrap();
        let blocks = d["interface_endpoint"].as_array().unwrap();
        assert!(
            blocks
                .iter()
                .all(|b| b["gb_per_month"].as_integer() == Some(7))
        );
    }

    #[test]
    fn fast_fields_are_classified() {
        let f = |s: &str| fast_field(&KeyPath::parse(s).unwrap()).map(|x| x.1);
        assert_eq!(f("interface_endpoint[0].gb_per_month"), Some(Field::Gb));
        assert_eq!(f("hours_per_month"), Some(Field::Hours));
        assert_eq!(f("nat_gateway[0].count"), None);
        assert_eq!(f("interface_endpoint[0].azs"), None);
        assert_eq!(f("region"), None);
    }

    /// The fast checks accept exactly what the parser accepts.
    #[test]
    fn field_checks_agree_with_the_parser() {
        use rust_decimal_macros::dec;
        let book = PriceBook::builtin().unwrap();
        let base = BaseDoc {
            file: "t.toml".into(),
            doc: doc(r#"
region = "us-east-1"
[[interface_endpoint]]
service = "s3"
azs = 2
[[resolver_endpoint]]
direction = "inbound"
[[health_check]]
[[route53_profile]]
[[nlb]]
"#),
        };
        let keys = [
            "interface_endpoint[0].count",
            "interface_endpoint[0].gb_per_month",
            "interface_endpoint[0].peak_gbps",
            "resolver_endpoint[0].queries_per_month",
            "resolver_endpoint[0].peak_qps",
            "health_check[0].optional_features",
            "route53_profile[0].vpc_associations",
            "nlb[0].nlcu_per_hour",
            "hours_per_month",
        ];
        for k in keys {
            let p = KeyPath::parse(k).unwrap();
            let (_, field) = fast_field(&p).unwrap();
            for d in [
                dec!(-1),
                dec!(0),
                dec!(0.5),
                dec!(1),
                dec!(2.000),
                dec!(744),
                dec!(745),
                dec!(1e9),
            ] {
                let v = super::super::axis::doc_value(d);
                let parsed = materialize(&base, &[(std::slice::from_ref(&p), &v)], None, &book);
                assert_eq!(
                    parsed.is_ok(),
                    field.check(d).is_none(),
                    "{k} = {d}: parser says {:?}",
                    parsed.err().map(|e| e.to_string())
                );
                if let Ok(s) = parsed {
                    let s = s.scenario;
                    // patching the base gives what the parser gives
                    let mut b = materialize(&base, &[], None, &book).unwrap().scenario;
                    let (target, field) = fast_field(&p).unwrap();
                    patch_scenario(&mut b, &target, field, d);
                    assert_eq!(b, s, "{k} = {d}");
                }
            }
        }
    }
}
