//! JSON Schemas (draft 2020-12) of scenario and sweep files, generated from the key
//! tables the parsers read ([`crate::scenario::keys`], [`crate::sweep::keys`]), so an
//! editor that validates and completes TOML from a schema (Taplo / Even Better TOML,
//! JetBrains) knows every key, its type, default, allowed values and range, and its
//! documentation.
//!
//! The schemas use only keywords that mean the same in draft 7 (no `prefixItems`,
//! `unevaluatedProperties`, `dependentRequired`), since some editors' validators stop at
//! draft 7; `$defs` are reached by JSON-pointer `$ref`s, which draft 7 resolves too.
//!
//! The parser remains the authority: where a rule spans several keys (`to_region` only for
//! inter-region transfer, provider-only failover keys, AZ IDs of the block's Region) the
//! schema accepts what the parser may still reject, with a clear message.

use crate::scenario::keys::{MAX_AZS, Shape, TABLES, TableDef, Ty};
use crate::sweep::keys as sweep_keys;
use serde_json::{Map, Value, json};

/// Which schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// Scenario files (scenarios/*.toml).
    Scenario,
    /// Sweep files (sweeps/*.toml): a scenario plus [sweep] and [breakeven].
    Sweep,
}

impl Which {
    /// The file name the repository ships the schema under (in `schemas/`).
    pub fn file_name(self) -> &'static str {
        match self {
            Which::Scenario => "scenario.schema.json",
            Which::Sweep => "sweep.schema.json",
        }
    }

    /// Both schemas.
    pub const ALL: [Which; 2] = [Which::Scenario, Which::Sweep];
}

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
/// A Region code: `us-east-1`, `ap-southeast-2`, `us-gov-west-1`.
const REGION_PATTERN: &str = "^[a-z]{2}(-[a-z]+)+-[0-9]+$";
/// An AZ ID: `use1-az1` (the parser folds case).
const AZ_ID_PATTERN: &str = "^[A-Za-z0-9]+-[Aa][Zz][0-9]+$";
/// A decimal ≥ 0 written as a string: `"1234.567"`, `"1e6"`.
const UNSIGNED_PATTERN: &str = r"^\s*\+?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\s*$";
/// A share from 0 to 1 written as a string: `"0.25"`, `"1"`.
const SHARE_PATTERN: &str = r"^\s*\+?(0*(\.[0-9]+)?|0*1(\.0+)?|0+\.[0-9]+)\s*$";
/// Any decimal written as a string.
const SIGNED_PATTERN: &str = r"^\s*[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\s*$";

/// A decimal literal of the key table as a JSON number (integers stay integers).
fn number(s: &str) -> Value {
    match s.parse::<u64>() {
        Ok(n) => json!(n),
        Err(_) => s.parse::<f64>().map_or(Value::Null, |f| json!(f)),
    }
}

/// The schema of one value type.
fn ty_schema(ty: Ty) -> Value {
    match ty {
        Ty::Text => json!({"type": "string", "pattern": r"\S"}),
        Ty::Region => json!({"type": "string", "pattern": REGION_PATTERN}),
        Ty::Quantity { max, min_nonzero } => {
            let mut n = json!({"type": "number", "minimum": 0, "maximum": number(max)});
            if let Some(min) = min_nonzero {
                n["anyOf"] = json!([{"enum": [0]}, {"minimum": number(min)}]);
            }
            json!({"anyOf": [n, {"type": "string", "pattern": UNSIGNED_PATTERN}]})
        }
        Ty::Rate => json!({"anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": UNSIGNED_PATTERN}
        ]}),
        Ty::Share => json!({"anyOf": [
            {"type": "number", "minimum": 0, "maximum": 1},
            {"type": "string", "pattern": SHARE_PATTERN}
        ]}),
        Ty::Number => json!({"anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": SIGNED_PATTERN}
        ]}),
        Ty::Whole { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
        Ty::Flag => json!({"type": "boolean"}),
        Ty::Choice(c) => json!({"type": "string", "enum": c}),
        Ty::Names => json!({
            "type": "array", "minItems": 1, "uniqueItems": true,
            "items": {"type": "string", "pattern": r"\S"}
        }),
        Ty::Choices(c) => json!({
            "type": "array", "minItems": 1, "uniqueItems": true,
            "items": {"type": "string", "enum": c}
        }),
        Ty::Azs => json!({"anyOf": [
            {"type": "integer", "minimum": 1, "maximum": MAX_AZS},
            {"type": "array", "minItems": 1, "uniqueItems": true,
             "items": {"type": "string", "pattern": AZ_ID_PATTERN}}
        ]}),
        Ty::RegionPair => json!({
            "type": "array", "minItems": 2, "maxItems": 2, "uniqueItems": true,
            "items": {"type": "string", "pattern": REGION_PATTERN}
        }),
        Ty::TextPair => json!({
            "type": "array", "minItems": 2, "maxItems": 2, "uniqueItems": true,
            "items": {"type": "string"}
        }),
        Ty::List => json!({"type": "array", "minItems": 1}),
    }
}

/// The schema of one key: its type, with its documentation and default.
fn key_schema(k: &crate::scenario::keys::Key) -> Value {
    let mut s = ty_schema(k.ty);
    s["description"] = json!(k.doc);
    if let Some(d) = k.default
        && let Ok(v) = serde_json::from_str::<Value>(d)
    {
        s["default"] = v;
    }
    s
}

/// `$defs` name of a table.
fn def_name(t: &TableDef) -> String {
    t.path.replace('.', "_")
}

fn reference(t: &TableDef) -> Value {
    json!({"$ref": format!("#/$defs/{}", def_name(t))})
}

/// Properties and required keys of a table: its keys, then its nested tables.
fn members(t: &TableDef) -> (Map<String, Value>, Vec<&'static str>) {
    let mut props = Map::new();
    for k in t.keys {
        props.insert(k.name.to_string(), key_schema(k));
    }
    for c in t.children() {
        let v = match c.shape {
            Shape::Blocks => json!({
                "type": "array", "description": c.doc, "items": reference(c)
            }),
            Shape::Map => json!({
                "type": "object", "description": c.doc, "additionalProperties": reference(c)
            }),
            Shape::Table | Shape::Root => reference(c),
        };
        props.insert(c.name().to_string(), v);
    }
    let required = t
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    (props, required)
}

fn object(doc: &str, props: Map<String, Value>, required: &[&str]) -> Value {
    let mut o = json!({
        "type": "object",
        "description": doc,
        "properties": props,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        o["required"] = json!(required);
    }
    o
}

/// Every table but the top level, as `$defs`.
fn table_defs() -> Map<String, Value> {
    let mut defs = Map::new();
    for t in TABLES.iter().filter(|t| t.shape != Shape::Root) {
        let (props, required) = members(t);
        defs.insert(def_name(t), object(t.doc, props, &required));
    }
    defs
}

fn root() -> &'static TableDef {
    // The key table's first entry is the top level (pinned by a test).
    &TABLES[0]
}

/// The schema of scenario files.
pub fn scenario_schema() -> Value {
    let (props, required) = members(root());
    let mut s = object(root().doc, props, &required);
    s["$schema"] = json!(DRAFT);
    s["title"] = json!("vpceplan scenario");
    s["$defs"] = Value::Object(table_defs());
    s
}

/// The schema of sweep files: a scenario (or none, with `scenarios`) plus `[sweep]` and
/// `[breakeven]`.
pub fn sweep_schema() -> Value {
    let (mut props, _) = members(root());
    let mut defs = table_defs();
    let mut sweep_props = Map::new();
    for k in sweep_keys::SWEEP_KEYS {
        sweep_props.insert(k.name.to_string(), key_schema(k));
    }
    defs.insert(
        "sweep".into(),
        json!({
            "type": "object",
            "description": "Axes, in the order the CSV nests them: `designs`, `scenarios`, or any scenario key (`region`, `spokes`, `\"nat_gateway[0].gb_per_month\"`...) with a list of values, a range or a log range.",
            "minProperties": 1,
            "properties": sweep_props,
            "additionalProperties": {"$ref": "#/$defs/axis"},
        }),
    );
    defs.insert(
        "axis".into(),
        json!({
            "description": "An axis: a list of values, one value, or a table with `values`, a `from`/`to`/`step` range or a `log_from`/`log_to`/`points` log range (and optionally `key`/`keys`).",
            "anyOf": [
                {"type": "array", "minItems": 1},
                {"type": ["string", "number", "boolean"]},
                {"$ref": "#/$defs/axis_table"},
            ],
        }),
    );
    let mut axis_props = Map::new();
    for k in sweep_keys::AXIS_KEYS {
        axis_props.insert(k.name.to_string(), key_schema(k));
    }
    let mut forms = Vec::new();
    for form in [
        sweep_keys::VALUES,
        sweep_keys::RANGE,
        &sweep_keys::LOG_RANGE[..3],
    ] {
        forms.push(json!({"required": form}));
    }
    let mut axis_table = object("An axis written as a table.", axis_props, &[]);
    axis_table["anyOf"] = Value::Array(forms);
    defs.insert("axis_table".into(), axis_table);
    let mut be_props = Map::new();
    for k in sweep_keys::BREAKEVEN_KEYS {
        be_props.insert(k.name.to_string(), key_schema(k));
    }
    let be_required: Vec<&str> = sweep_keys::BREAKEVEN_KEYS
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    defs.insert(
        "breakeven".into(),
        object(
            "Where two designs (or scenarios) cost the same along one axis.",
            be_props,
            &be_required,
        ),
    );
    props.insert("sweep".into(), json!({"$ref": "#/$defs/sweep"}));
    props.insert("breakeven".into(), json!({"$ref": "#/$defs/breakeven"}));
    let mut s = object(
        "A vpceplan sweep: a scenario (or `scenarios` files) evaluated over the cartesian product of the [sweep] axes.",
        props,
        &["sweep"],
    );
    // With `scenarios`, the scenario comes from those files and this one holds only the
    // sweep; otherwise it is a scenario and needs what a scenario needs.
    let scenario_required: Vec<&str> = root()
        .keys
        .iter()
        .filter(|k| k.required)
        .map(|k| k.name)
        .collect();
    s["if"] = json!({
        "required": ["sweep"],
        "properties": {"sweep": {"required": [sweep_keys::SCENARIOS.name]}}
    });
    s["then"] = json!({"propertyNames": {"enum": ["sweep", "breakeven"]}});
    s["else"] = json!({"required": scenario_required});
    s["$schema"] = json!(DRAFT);
    s["title"] = json!("vpceplan sweep");
    s["$defs"] = Value::Object(defs);
    s
}

/// The schema as JSON text: two-space indents, keys sorted, a final newline.
pub fn render(which: Which) -> String {
    let v = match which {
        Which::Scenario => scenario_schema(),
        Which::Sweep => sweep_schema(),
    };
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_table_is_the_top_level() {
        assert_eq!(root().shape, Shape::Root);
        assert_eq!(root().path, "");
    }

    #[test]
    fn every_default_is_json_and_every_table_a_def() {
        for t in TABLES {
            for k in t.keys {
                if let Some(d) = k.default {
                    assert!(
                        serde_json::from_str::<Value>(d).is_ok(),
                        "{}.{}: {d}",
                        t.path,
                        k.name
                    );
                }
            }
        }
        let s = scenario_schema();
        for t in TABLES.iter().filter(|t| t.shape != Shape::Root) {
            assert!(s["$defs"][def_name(t)].is_object(), "{}", t.path);
        }
        assert_eq!(
            s["$defs"]["resolver_endpoint"]["properties"]["ips"],
            json!({"type": "integer", "minimum": 2, "maximum": 6, "default": 2,
                   "description": "IP addresses (ENIs) of the endpoint: 2 to 6."})
        );
        assert_eq!(
            s["properties"]["interface_endpoint"]["items"],
            json!({"$ref": "#/$defs/interface_endpoint"})
        );
        assert_eq!(s["required"], json!(["region"]));
    }
}
