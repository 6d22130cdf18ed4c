//! The JSON Schemas of scenario and sweep files (`vpceplan schema`): the shipped files are
//! the generated ones; every bundled scenario and sweep validates; known-bad files do not;
//! and, key by key, the schema and the parser accept and reject the same values, since
//! both are read off one key table (`scenario::keys`).

use crate::common::*;
use serde_json::{Value, json};
use std::path::PathBuf;
use vpceplan::pricing::PriceBook;
use vpceplan::scenario::keys::{MAX_AZS, Shape, TABLES, Ty};
use vpceplan::scenario::parse_scenario;

fn validator(file: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("schemas").join(file))
        .unwrap_or_else(|e| panic!("schemas/{file}: {e}"));
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    assert!(
        jsonschema::meta::is_valid(&schema),
        "{file} is not a valid JSON Schema"
    );
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

/// A TOML document as the JSON an editor validates.
fn json_of(toml_text: &str) -> Value {
    let t: toml::Table = toml::from_str(toml_text).expect("TOML");
    serde_json::to_value(t).expect("TOML as JSON")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn toml_files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

#[test]
fn shipped_schemas_are_the_generated_ones() {
    for (which, file) in [
        ("scenario", "scenario.schema.json"),
        ("sweep", "sweep.schema.json"),
    ] {
        let o = vpceplan(&root(), &["schema", which]);
        assert!(o.status.success(), "{}", stderr(&o));
        let shipped = std::fs::read_to_string(root().join("schemas").join(file)).unwrap();
        assert!(
            stdout(&o) == shipped,
            "schemas/{file} is not what `vpceplan schema {which}` generates: regenerate it with\n  cargo run -- schema {which} --out schemas/{file}"
        );
    }
    // --out writes the same text.
    let dir = tmp();
    let p = dir.path().join("s.json");
    let o = vpceplan(&root(), &["schema", "sweep", "--out", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        std::fs::read_to_string(root().join("schemas/sweep.schema.json")).unwrap()
    );
}

#[test]
fn every_bundled_scenario_and_sweep_validates() {
    let scenario = validator("scenario.schema.json");
    let sweep = validator("sweep.schema.json");
    let mut n = 0;
    for dir in ["scenarios", "docs/examples", "tests/fixtures/injection"] {
        for f in toml_files(dir) {
            let doc = json_of(&std::fs::read_to_string(&f).unwrap());
            let e = errors(&scenario, &doc);
            assert!(e.is_empty(), "{}: {e:#?}", f.display());
            n += 1;
        }
    }
    assert!(n >= 20, "only {n} scenarios found");
    // sweeps/ holds sweep files and the scenario files some of them sweep.
    let files = toml_files("sweeps");
    let (sweeps, scenarios): (Vec<_>, Vec<_>) = files
        .iter()
        .map(|f| (f, json_of(&std::fs::read_to_string(f).unwrap())))
        .partition(|(_, d)| d.get("sweep").is_some());
    assert!(sweeps.len() >= 3 && !scenarios.is_empty(), "{files:?}");
    for (f, doc) in &scenarios {
        let e = errors(&scenario, doc);
        assert!(e.is_empty(), "{}: {e:#?}", f.display());
    }
    for (f, doc) in &sweeps {
        let e = errors(&sweep, doc);
        assert!(e.is_empty(), "{}: {e:#?}", f.display());
        // A sweep is no scenario: it has a [sweep] table (and may have no region).
        assert!(!scenario.is_valid(doc), "{}", f.display());
    }
}

/// Files the schema and the parser both reject.
const BAD_SCENARIOS: &[(&str, &str)] = &[
    ("no region", "name = \"x\"\n"),
    (
        "unknown top-level key",
        "region = \"us-east-1\"\nregoin = \"x\"\n",
    ),
    (
        "misspelt block key",
        "region = \"us-east-1\"\n[[nat_gateway]]\ngb_per_mnth = 5\n",
    ),
    (
        "key of another block",
        "region = \"us-east-1\"\n[[hosted_zone]]\ngb_per_month = 5\n",
    ),
    (
        "unknown block",
        "region = \"us-east-1\"\n[[vpn_gateway]]\ncount = 1\n",
    ),
    (
        "text for a number",
        "region = \"us-east-1\"\n[[nat_gateway]]\ngb_per_month = \"lots\"\n",
    ),
    (
        "negative traffic",
        "region = \"us-east-1\"\n[[nat_gateway]]\ngb_per_month = -1\n",
    ),
    (
        "too many hours",
        "region = \"us-east-1\"\nhours_per_month = 745\n",
    ),
    (
        "seven Resolver IPs",
        "region = \"us-east-1\"\n[[resolver_endpoint]]\ndirection = \"inbound\"\nips = 7\n",
    ),
    (
        "unknown direction",
        "region = \"us-east-1\"\n[[resolver_endpoint]]\ndirection = \"sideways\"\n",
    ),
    (
        "missing service",
        "region = \"us-east-1\"\n[[interface_endpoint]]\nazs = 2\n",
    ),
    (
        "gateway endpoint for a service without one",
        "region = \"us-east-1\"\n[[gateway_endpoint]]\nservice = \"sts\"\n",
    ),
    (
        "AZ name instead of AZ ID",
        "region = \"us-east-1\"\n[[nat_gateway]]\ncount = 2\nazs = [\"us-east-1a\"]\n",
    ),
    (
        "unknown design",
        "region = \"us-east-1\"\n[workload]\nazs = 2\nservices = [\"s3\"]\n[compare]\ndesigns = [\"hub\"]\n",
    ),
    (
        "misspelt traffic key",
        "region = \"us-east-1\"\n[workload]\nazs = 2\nservices = [\"s3\"]\n[workload.traffic.s3]\npublic_endpont = false\n",
    ),
    (
        "unknown pin status",
        "region = \"us-east-1\"\n[expect]\nstatus = \"fine\"\n",
    ),
    (
        "one failover Region",
        "region = \"us-east-1\"\n[workload]\nazs = 2\nservices = [\"s3\"]\n[failover]\nmode = \"active-passive\"\nregions = [\"us-east-1\"]\n",
    ),
];

#[test]
fn known_bad_scenarios_fail_the_schema_and_the_parser() {
    let v = validator("scenario.schema.json");
    let book = PriceBook::builtin().unwrap();
    for (what, text) in BAD_SCENARIOS {
        assert!(!v.is_valid(&json_of(text)), "the schema accepts {what}");
        assert!(
            parse_scenario("bad.toml", text, &book).is_err(),
            "the parser accepts {what}"
        );
    }
}

#[test]
fn known_bad_sweeps_fail_the_schema_and_the_loader() {
    let v = validator("sweep.schema.json");
    let book = PriceBook::builtin().unwrap();
    let base = "region = \"us-east-1\"\n[[nat_gateway]]\ncount = 2\ngb_per_month = 10\n";
    let bad = [
        ("no [sweep]", base.to_string()),
        ("an empty axis", format!("{base}[sweep]\nregion = []\n")),
        (
            "a range without a step",
            format!("{base}[sweep]\n\"nat_gateway[0].gb_per_month\" = {{ from = 1, to = 9 }}\n"),
        ),
        (
            "an unknown range key",
            format!(
                "{base}[sweep]\n\"nat_gateway[0].gb_per_month\" = {{ from = 1, to = 9, step = 1, stride = 2 }}\n"
            ),
        ),
        (
            "an unknown design",
            "region = \"us-east-1\"\n[workload]\nazs = 2\nservices = [\"s3\"]\n[sweep]\ndesigns = [\"hub\"]\n".to_string(),
        ),
        (
            "[breakeven] without an axis",
            format!("{base}[sweep]\nregion = [\"us-east-1\"]\n[breakeven]\ndesigns = [\"a\", \"b\"]\n"),
        ),
        (
            "scenario keys beside `scenarios`",
            "region = \"us-east-1\"\n[sweep]\nscenarios = [\"../scenarios/lambda-nat-gateway.toml\"]\n".to_string(),
        ),
        (
            "a bad scenario",
            "region = \"us-east-1\"\nhours_per_month = 745\n[sweep]\nregion = [\"us-east-1\"]\n".to_string(),
        ),
    ];
    let dir = root().join("sweeps");
    for (what, text) in &bad {
        assert!(!v.is_valid(&json_of(text)), "the schema accepts {what}");
        assert!(
            vpceplan::sweep::file::from_text("bad.toml", &dir, text, &book).is_err(),
            "the loader accepts {what}"
        );
    }
    // The forms the loader takes, the schema takes too.
    let good = [
        format!("{base}[sweep]\nregion = [\"us-east-1\", \"us-west-2\"]\n"),
        format!("{base}[sweep]\n\"nat_gateway[0].gb_per_month\" = {{ from = 0, to = 1, step = 0.1 }}\n"),
        format!(
            "{base}[sweep]\ngb = {{ key = \"nat_gateway[0].gb_per_month\", log_from = 1, log_to = 1000, points = 4, digits = 2 }}\n"
        ),
        format!("{base}[sweep]\nhours_per_month = {{ values = [720, 744] }}\n"),
        "[sweep]\nscenarios = [\"../scenarios/lambda-nat-gateway.toml\", \"../scenarios/lambda-interface-endpoint.toml\"]\n".to_string(),
    ];
    for text in &good {
        let e = errors(&v, &json_of(text));
        assert!(e.is_empty(), "{text}\n{e:#?}");
        vpceplan::sweep::file::from_text("good.toml", &dir, text, &book)
            .unwrap_or_else(|e| panic!("{text}\n{e}"));
    }
}

/// A document holding `table` with `extra` lines in it, complete enough to parse.
fn doc_with(path: &str, shape: Shape, key: &str, extra: &str) -> String {
    let workload = "[workload]\nazs = 2\nservices = [\"s3\"]\n";
    let (head, table, required) = match path {
        "" => (String::new(), String::new(), ""),
        "interface_endpoint" => (
            String::new(),
            "[[interface_endpoint]]".into(),
            "service = \"s3\"\nazs = 2\n",
        ),
        "gateway_endpoint" => (
            String::new(),
            "[[gateway_endpoint]]".into(),
            "service = \"s3\"\n",
        ),
        "resolver_endpoint" => (
            String::new(),
            "[[resolver_endpoint]]".into(),
            "direction = \"inbound\"\n",
        ),
        "data_transfer" if key == "to_region" => (
            String::new(),
            "[[data_transfer]]".into(),
            "kind = \"inter-region\"\n",
        ),
        "data_transfer" => (
            String::new(),
            "[[data_transfer]]".into(),
            "kind = \"cross-az\"\n",
        ),
        "nat_gateway" | "gwlb_endpoint" if key == "azs" => {
            (String::new(), format!("[[{path}]]"), "count = 32\n")
        }
        "regional_nat_gateway" | "resource_endpoint" | "service_network_endpoint" => {
            (String::new(), format!("[[{path}]]"), "azs = 2\n")
        }
        "direct_connect" => (
            String::new(),
            "[[direct_connect]]".into(),
            "port_speed = \"1G\"\nlocation = \"EqDC2\"\n",
        ),
        "workload"
            if matches!(
                key,
                "dx_connection_type"
                    | "dx_port_speed"
                    | "dx_location"
                    | "onprem_connections"
                    | "onprem_out_share"
                    | "onprem_existing"
            ) =>
        {
            (
                String::new(),
                "[workload]".into(),
                "azs = 2\nservices = [\"s3\"]\nonprem_transport = \"direct-connect\"\ndx_port_speed = \"1G\"\ndx_location = \"EqDC2\"\n",
            )
        }
        "workload" => (
            String::new(),
            "[workload]".into(),
            "azs = 2\nservices = [\"s3\"]\n",
        ),
        "workload.traffic" => (workload.into(), "[workload.traffic.s3]".into(), ""),
        "compare" => (workload.into(), "[compare]".into(), ""),
        "failover" if matches!(key, "nlbs_per_region" | "nlcu_per_hour" | "arc") => (
            String::new(),
            "[failover]".into(),
            "mode = \"active-passive\"\nregions = [\"us-east-1\", \"us-west-2\"]\nrole = \"provider\"\n",
        ),
        "failover" => (
            workload.into(),
            "[failover]".into(),
            "mode = \"active-passive\"\nregions = [\"us-east-1\", \"us-west-2\"]\n",
        ),
        "expect" => (String::new(), "[expect]".into(), ""),
        "accounts" => (String::new(), "[accounts]".into(), "names = [\"a\"]\n"),
        "expect.designs" => (workload.into(), "[expect.designs.nat]".into(), ""),
        other => {
            assert_eq!(shape, Shape::Blocks, "no base document for table `{other}`");
            (String::new(), format!("[[{other}]]"), "")
        }
    };
    // A key given as `extra` replaces the base's own line for it.
    let required: String = required
        .lines()
        .filter(|l| !l.starts_with(&format!("{key} =")))
        .map(|l| format!("{l}\n"))
        .collect();
    let top = if path.is_empty() && key == "region" {
        String::new()
    } else {
        "region = \"us-east-1\"\n".to_string()
    };
    if path.is_empty() {
        format!("{top}{extra}\n")
    } else {
        format!("{top}{head}{table}\n{required}{extra}\n")
    }
}

fn toml_lit(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(toml_lit).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

/// Values of a type the parser and the schema both accept, and values both reject.
fn samples(table: &str, key: &str, ty: Ty) -> (Vec<Value>, Vec<Value>) {
    match ty {
        Ty::Text if key == "limits" => (
            vec![json!("seed"), json!("current")],
            vec![json!(5), json!("")],
        ),
        // An account must be one the scenario declares: `main` is every scenario's default.
        Ty::Text if key == "account" => (vec![json!("main")], vec![json!(5), json!("")]),
        // `[accounts] default` must be one of `names` (the base document declares `a`).
        Ty::Text if table == "accounts" && key == "default" => {
            (vec![json!("a")], vec![json!(5), json!("")])
        }
        Ty::Text => (vec![json!("x-1")], vec![json!(5), json!(true), json!("")]),
        Ty::Region if key == "to_region" || key == "service_region" => {
            (vec![json!("us-west-2")], vec![json!("mars"), json!(1)])
        }
        Ty::Region => (vec![json!("us-east-1")], vec![json!("mars"), json!(1)]),
        Ty::Quantity { max: "1", .. } => (
            vec![json!(0), json!(1), json!("0.5"), json!(0.25)],
            vec![json!(-1), json!("lots"), json!(true), json!(1.5)],
        ),
        Ty::Quantity { max, min_nonzero } => {
            let mut good = vec![json!(0), json!(1000), json!("1234.5"), json!(2.5)];
            good.push(if max.len() > 15 {
                json!(1_000_000_000_000_000u64)
            } else {
                json!(1_000_000_000_000u64)
            });
            let mut bad = vec![json!(-1), json!("lots"), json!(true)];
            bad.push(if max.len() > 15 {
                json!(1_000_000_000_000_001u64)
            } else {
                json!(1_000_000_000_001u64)
            });
            if min_nonzero.is_some() {
                bad.push(json!(0.0000001));
            }
            (good, bad)
        }
        Ty::Rate => (
            vec![json!(0), json!(2.5), json!("3")],
            vec![json!(-0.5), json!("fast"), json!(false)],
        ),
        Ty::Share => (
            vec![json!(0), json!(0.25), json!(1), json!("0.5")],
            vec![
                json!(-0.5),
                json!(1.5),
                json!("2"),
                json!("half"),
                json!(true),
            ],
        ),
        Ty::Number => (
            vec![json!(-3.5), json!(72), json!("12.5")],
            vec![json!("high"), json!(true)],
        ),
        Ty::Whole { min, max } => {
            let mut bad = vec![json!(max + 1), json!("2"), json!(1.5)];
            if min > 0 {
                bad.push(json!(min - 1));
            } else {
                bad.push(json!(-1));
            }
            (vec![json!(min), json!(max)], bad)
        }
        Ty::Flag => (
            vec![json!(true), json!(false)],
            vec![json!("yes"), json!(1)],
        ),
        Ty::Choice(c) => (
            c.iter().map(|x| json!(x)).collect(),
            vec![json!("zzz"), json!(1)],
        ),
        Ty::Names => (
            vec![json!(["s3"])],
            vec![json!([]), json!("s3"), json!(["s3", "s3"])],
        ),
        Ty::Choices(c) => (
            c.iter().map(|x| json!([x])).collect(),
            vec![json!([]), json!(["zzz"]), json!([c[0], c[0]])],
        ),
        Ty::Azs => {
            let ids = if table == "failover" {
                json!(["usw2-az1", "usw2-az2"])
            } else {
                json!(["use1-az1", "use1-az2"])
            };
            (
                vec![json!(1), json!(2), ids],
                vec![
                    json!(0),
                    json!(MAX_AZS + 1),
                    json!(["us-east-1a"]),
                    json!([]),
                    json!(["use1-az1", "use1-az1"]),
                ],
            )
        }
        Ty::RegionPair => (
            vec![json!(["us-east-1", "us-west-2"])],
            vec![
                json!(["us-east-1"]),
                json!(["us-east-1", "us-east-1"]),
                json!("us-east-1"),
            ],
        ),
        Ty::TextPair | Ty::List => unreachable!("no scenario key is a {ty:?}"),
    }
}

/// Values the parser accepts only together with other keys (its cross-key rules), which
/// the per-key schema cannot know: left out of the agreement check, each with its reason.
fn cross_key_rule(table: &str, key: &str, v: &Value) -> bool {
    match (table, key) {
        // A Resolver endpoint has at least one IP per AZ (2 IPs by default).
        ("resolver_endpoint", "azs") => v.as_u64().is_some_and(|n| n > 2),
        // Inter-region transfer needs its `to_region`.
        ("data_transfer", "kind") => v == "inter-region",
        // Direct Connect needs its port speed and location.
        ("workload", "onprem_transport") => v == "direct-connect",
        // A dedicated Direct Connect port (the default type) is 1G, 10G, 100G or 400G.
        ("direct_connect", "port_speed") | ("workload", "dx_port_speed") => {
            !["1G", "10G", "100G", "400G"].contains(&v.as_str().unwrap_or(""))
        }
        // The response share applies to cross-Region endpoints (with `service_region`).
        ("interface_endpoint", "response_share") => true,
        _ => false,
    }
}

#[test]
fn the_schema_and_the_parser_agree_key_by_key() {
    let v = validator("scenario.schema.json");
    let book = PriceBook::builtin().unwrap();
    let mut checked = 0;
    for t in TABLES {
        for k in t.keys {
            let (good, bad) = samples(t.path, k.name, k.ty);
            for g in &good {
                if cross_key_rule(t.path, k.name, g) {
                    continue;
                }
                let text = doc_with(
                    t.path,
                    t.shape,
                    k.name,
                    &format!("{} = {}", k.name, toml_lit(g)),
                );
                let e = errors(&v, &json_of(&text));
                assert!(
                    e.is_empty(),
                    "schema rejects {}.{} = {g}:\n{text}\n{e:#?}",
                    t.path,
                    k.name
                );
                if let Err(e) = parse_scenario("k.toml", &text, &book) {
                    panic!("parser rejects {}.{} = {g}:\n{text}\n{e}", t.path, k.name);
                }
                checked += 1;
            }
            for b in &bad {
                let text = doc_with(
                    t.path,
                    t.shape,
                    k.name,
                    &format!("{} = {}", k.name, toml_lit(b)),
                );
                assert!(
                    !v.is_valid(&json_of(&text)),
                    "schema accepts {}.{} = {b}:\n{text}",
                    t.path,
                    k.name
                );
                match parse_scenario("k.toml", &text, &book) {
                    Ok(_) => panic!("parser accepts {}.{} = {b}:\n{text}", t.path, k.name),
                    Err(e) => assert!(
                        e.to_string().contains(k.name),
                        "the parser's error for {}.{} = {b} does not name the key: {e}",
                        t.path,
                        k.name
                    ),
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked}");
}

#[test]
fn every_table_key_is_a_key_the_parser_takes_and_no_other() {
    // A key the table does not declare is refused by the parser, naming it and the nearest
    // declared spelling.
    let book = PriceBook::builtin().unwrap();
    for t in TABLES {
        if let Some(k) = t.keys.iter().find(|k| k.name.len() > 4) {
            let typo = format!("{}x", k.name);
            let text = doc_with(t.path, t.shape, &typo, &format!("{typo} = 1"));
            let e = parse_scenario("k.toml", &text, &book)
                .expect_err(&text)
                .to_string();
            assert!(
                e.contains(&format!("unknown key `{typo}`"))
                    && e.contains(&format!("did you mean `{}`", k.name)),
                "{text}\n{e}"
            );
        }
    }
}
