//! Terraform plan import: the emitted scenario TOML, parsed back and checked key by key.

use std::path::PathBuf;

use serde_json::Value;
use vpceplan::import::{ImportError, TerraformImport, Usage, import_terraform_plan};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/terraform")
        .join(name);
    std::fs::read_to_string(path).expect("fixture exists")
}

fn usage() -> Usage {
    Usage::from_toml_str(&fixture("usage.toml"), "usage.toml").expect("usage fixture parses")
}

fn import_main() -> TerraformImport {
    import_terraform_plan(&fixture("plan.json"), "plan.json", &usage()).expect("plan imports")
}

fn parse(text: &str) -> toml::Table {
    toml::from_str(text).unwrap_or_else(|e| panic!("emitted TOML does not parse: {e}\n{text}"))
}

fn blocks<'t>(t: &'t toml::Table, key: &str) -> Vec<&'t toml::Table> {
    t.get(key)
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_table).collect())
        .unwrap_or_default()
}

fn int(t: &toml::Table, key: &str) -> i64 {
    t.get(key)
        .and_then(toml::Value::as_integer)
        .unwrap_or_else(|| panic!("{key} is not an integer in {t:?}"))
}

fn string<'t>(t: &'t toml::Table, key: &str) -> &'t str {
    t.get(key)
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("{key} is not a string in {t:?}"))
}

fn by_service<'t>(t: &'t toml::Table, kind: &str, service: &str) -> &'t toml::Table {
    let found: Vec<_> = blocks(t, kind)
        .into_iter()
        .filter(|b| b.get("service").and_then(toml::Value::as_str) == Some(service))
        .collect();
    assert_eq!(found.len(), 1, "{kind} {service}");
    found[0]
}

/// The line of the block that follows `# {comment}` and sets `key`.
fn line_of<'a>(text: &'a str, comment: &str, key: &str) -> &'a str {
    let start = text
        .find(&format!("# {comment}\n"))
        .unwrap_or_else(|| panic!("no block commented {comment}"));
    text[start..]
        .lines()
        .skip(2)
        .take_while(|l| !l.is_empty())
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no {key} in block {comment}"))
}

#[test]
fn scenario_has_the_fixed_top_level_keys() {
    let r = import_main();
    let t = parse(&r.scenario_toml);
    assert_eq!(r.region, "us-east-1");
    assert_eq!(string(&t, "name"), "console-private-access");
    assert_eq!(string(&t, "region"), "us-east-1");
    assert_eq!(int(&t, "hours_per_month"), 730);
    let mut keys: Vec<&str> = t.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            "gateway_endpoint",
            "gwlb_endpoint",
            "health_check",
            "hosted_zone",
            "hours_per_month",
            "interface_endpoint",
            "name",
            "nat_gateway",
            "nlb",
            "region",
            "resolver_endpoint",
            "tgw_attachment",
        ]
    );
}

#[test]
fn interface_endpoints_service_azs_count_and_traffic() {
    let r = import_main();
    let t = parse(&r.scenario_toml);
    let console = by_service(&t, "interface_endpoint", "console");
    assert_eq!(int(console, "azs"), 2);
    assert_eq!(int(console, "count"), 1);
    assert_eq!(int(console, "gb_per_month"), 100);
    assert_eq!(int(console, "peak_gbps"), 1);

    // Per-address usage without the for_each key applies to both instances.
    for service in ["ecr.api", "ecr.dkr"] {
        let ecr = by_service(&t, "interface_endpoint", service);
        assert_eq!(int(ecr, "azs"), 3);
        assert_eq!(int(ecr, "gb_per_month"), 2500);
        assert_eq!(
            ecr.get("peak_gbps").and_then(toml::Value::as_float),
            Some(2.5)
        );
    }
    let line = line_of(
        &r.scenario_toml,
        "aws_vpc_endpoint.ecr[\"dkr\"]",
        "gb_per_month",
    );
    assert_eq!(line, "gb_per_month = 2500");

    // Identical endpoints in two modules fold into one block with count = 2.
    let ssm = by_service(&t, "interface_endpoint", "ssm");
    assert_eq!(int(ssm, "count"), 2);
    // Traffic figures are block totals: 2 x the per-resource default.
    assert_eq!(int(ssm, "gb_per_month"), 200);
    assert_eq!(int(ssm, "peak_gbps"), 2);
    let line = line_of(
        &r.scenario_toml,
        "module.spoke_a.aws_vpc_endpoint.ssm, module.spoke_b.aws_vpc_endpoint.ssm",
        "gb_per_month",
    );
    assert!(
        line.starts_with("gb_per_month = 200  # assumption: gb_per_month from [default]")
            && line.ends_with("; 2 x 100 per resource"),
        "{line}"
    );
    assert!(
        r.scenario_toml.contains(
            "# module.spoke_a.aws_vpc_endpoint.ssm, module.spoke_b.aws_vpc_endpoint.ssm\n"
        )
    );

    // Subnets unknown in the plan: 2 AZs, flagged.
    let logs = by_service(&t, "interface_endpoint", "logs");
    assert_eq!(int(logs, "azs"), 2);
    let line = line_of(&r.scenario_toml, "aws_vpc_endpoint.logs", "azs");
    assert!(
        line.starts_with("azs = 2  # assumption: AZ count not known"),
        "{line}"
    );
    assert!(r.assumptions.iter().any(|a| a.field == "azs"
        && a.addresses == ["aws_vpc_endpoint.logs"]
        && a.text.contains("2 assumed")));
    assert_eq!(blocks(&t, "interface_endpoint").len(), 6);
}

#[test]
fn other_blocks_map_their_resources() {
    let r = import_main();
    let t = parse(&r.scenario_toml);

    let s3 = by_service(&t, "gateway_endpoint", "s3");
    assert_eq!(int(s3, "gb_per_month"), 5000);
    assert_eq!(s3.len(), 2, "gateway_endpoint keys: service, gb_per_month");
    assert_eq!(
        line_of(&r.scenario_toml, "aws_vpc_endpoint.s3", "gb_per_month"),
        "gb_per_month = 5000"
    );

    let gwlb = blocks(&t, "gwlb_endpoint");
    assert_eq!(gwlb.len(), 1);
    assert_eq!(int(gwlb[0], "count"), 1);

    // Two NAT gateways fold; the one planned for deletion is left out.
    let nat = blocks(&t, "nat_gateway");
    assert_eq!(nat.len(), 1);
    assert_eq!(int(nat[0], "count"), 2);
    assert_eq!(int(nat[0], "gb_per_month"), 200);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("1 resource(s) planned for deletion"))
    );

    let tgw = blocks(&t, "tgw_attachment");
    assert_eq!((tgw.len(), int(tgw[0], "count")), (1, 1));

    let resolvers = blocks(&t, "resolver_endpoint");
    assert_eq!(resolvers.len(), 2);
    let inbound = resolvers
        .iter()
        .find(|b| string(b, "direction") == "inbound")
        .unwrap();
    assert_eq!(int(inbound, "ips"), 2);
    assert_eq!(int(inbound, "queries_per_month"), 50_000_000);
    assert_eq!(int(inbound, "peak_qps"), 200);
    let outbound = resolvers
        .iter()
        .find(|b| string(b, "direction") == "outbound")
        .unwrap();
    assert_eq!(int(outbound, "ips"), 3);
    assert_eq!(int(outbound, "queries_per_month"), 0);
    let line = line_of(
        &r.scenario_toml,
        "aws_route53_resolver_endpoint.outbound",
        "queries_per_month",
    );
    assert!(
        line.contains("# assumption: queries_per_month not given"),
        "{line}"
    );

    let zones = blocks(&t, "hosted_zone");
    assert_eq!(zones.iter().map(|z| int(z, "count")).sum::<i64>(), 2);
    assert!(
        r.scenario_toml.contains(
            "# private hosted zone (vpc block present): aws_route53_zone.console_private\n"
        )
    );
    assert!(
        r.scenario_toml
            .contains("# public hosted zone (no vpc block): aws_route53_zone.public\n")
    );

    let checks = blocks(&t, "health_check");
    let types: Vec<&str> = checks.iter().map(|c| string(c, "type")).collect();
    assert_eq!(types, vec!["non-aws", "aws"]);
    // HTTPS is an optional feature of the first check.
    assert_eq!(int(checks[0], "optional_features"), 1);
    assert!(checks[1].get("optional_features").is_none());
    assert!(
        line_of(&r.scenario_toml, "aws_route53_health_check.api", "type")
            .contains("# assumption: endpoint not recognisably an AWS resource")
    );

    let nlb = blocks(&t, "nlb");
    assert_eq!(nlb.len(), 1);
    assert_eq!((int(nlb[0], "count"), int(nlb[0], "azs")), (1, 3));
    assert_eq!(int(nlb[0], "nlcu_per_hour"), 0);
}

#[test]
fn every_default_figure_is_marked_as_an_assumption() {
    let r = import_main();
    for line in r.scenario_toml.lines() {
        if line.starts_with("gb_per_month = 100") || line.starts_with("peak_gbps = 1 ") {
            assert!(
                line.contains("# assumption: ")
                    && line.contains("[default] of usage file usage.toml"),
                "{line}"
            );
        }
        if line.starts_with("peak_gbps = 1") && !line.contains('#') {
            panic!("unmarked default: {line}");
        }
    }
    // Figures stated for the resource itself carry no assumption mark.
    assert!(
        !r.assumptions
            .iter()
            .any(|a| a.addresses.iter().any(|x| x == "aws_vpc_endpoint.s3"))
    );
    assert!(r.assumptions.iter().any(|a| a.field == "gb_per_month"
        && a.addresses == ["aws_nat_gateway.az_a", "aws_nat_gateway.az_b"]));
}

#[test]
fn unknown_resource_types_are_listed_not_dropped() {
    let r = import_main();
    let mut listed: Vec<(&str, &str)> = r
        .unsupported
        .iter()
        .map(|u| (u.address.as_str(), u.resource_type.as_str()))
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        vec![
            ("aws_lb.web", "aws_lb"),
            ("aws_s3_bucket.logs", "aws_s3_bucket")
        ]
    );
    let header: String = r
        .scenario_toml
        .lines()
        .take_while(|l| l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        header.contains(
            "#   aws_s3_bucket.logs: resource type aws_s3_bucket has no vpceplan component"
        )
    );
    assert!(header.contains("#   aws_lb.web: load_balancer_type \"application\""));
    assert!(header.contains("aws_subnet x1"));
    // Data sources are not resources of the design.
    assert!(!r.scenario_toml.contains("aws_caller_identity"));
    assert_eq!(r.imported.len(), 19);
}

#[test]
fn output_is_deterministic_whatever_the_resource_order() {
    let a = import_main();
    let mut plan: Value = serde_json::from_str(&fixture("plan.json")).unwrap();
    if let Some(changes) = plan["resource_changes"].as_array_mut() {
        changes.reverse();
    }
    let b = import_terraform_plan(&plan.to_string(), "plan.json", &usage()).unwrap();
    assert_eq!(a.scenario_toml, b.scenario_toml);
    assert_eq!(a, b);
}

#[test]
fn planned_values_fallback_reads_child_modules_and_variable_region() {
    let r = import_terraform_plan(
        &fixture("plan-planned-values.json"),
        "pv.json",
        &Usage::default(),
    )
    .unwrap();
    let t = parse(&r.scenario_toml);
    assert_eq!(string(&t, "region"), "eu-west-1");
    assert!(t.get("name").is_none());
    assert!(t.get("hours_per_month").is_none());
    assert_eq!(int(by_service(&t, "interface_endpoint", "sts"), "azs"), 3);
    let kms = by_service(&t, "interface_endpoint", "kms");
    assert_eq!(int(kms, "azs"), 2);
    assert_eq!(int(kms, "gb_per_month"), 0);
    let nat = blocks(&t, "nat_gateway");
    assert_eq!(int(nat[0], "count"), 2);
    assert!(
        line_of(
            &r.scenario_toml,
            "module.network.aws_nat_gateway.this[0], module.network.aws_nat_gateway.this[1]",
            "gb_per_month"
        )
        .ends_with(
            "# assumption: gb_per_month not given; 0 until set in a usage file; 2 x 0 per resource"
        )
    );
    assert_eq!(r.unsupported.len(), 1);
    assert_eq!(r.unsupported[0].resource_type, "aws_cloudwatch_log_group");
}

fn plan_with(resources: Value, provider_region: Option<&str>) -> String {
    let mut plan = serde_json::json!({ "resource_changes": resources });
    if let Some(r) = provider_region {
        plan["configuration"] = serde_json::json!({
            "provider_config": { "aws": { "name": "aws",
                "expressions": { "region": { "constant_value": r } } } }
        });
    }
    plan.to_string()
}

fn endpoint(address: &str, service_name: &str) -> Value {
    serde_json::json!({
        "address": address, "mode": "managed", "type": "aws_vpc_endpoint",
        "change": { "actions": ["create"], "after": {
            "service_name": service_name, "vpc_endpoint_type": "Interface",
            "subnet_ids": ["a", "b"] } }
    })
}

#[test]
fn region_from_service_names_or_an_explicit_argument() {
    let one = plan_with(
        serde_json::json!([endpoint(
            "aws_vpc_endpoint.a",
            "com.amazonaws.ap-south-1.sqs"
        )]),
        None,
    );
    let r = import_terraform_plan(&one, "one.json", &Usage::default()).unwrap();
    assert_eq!(r.region, "ap-south-1");
    assert!(r.scenario_toml.contains(
        "region = \"ap-south-1\"  # assumption: Region inferred from the endpoint service names\n"
    ));
    assert_eq!(
        by_service(&parse(&r.scenario_toml), "interface_endpoint", "sqs").len(),
        5
    );

    let two = plan_with(
        serde_json::json!([
            endpoint("aws_vpc_endpoint.a", "com.amazonaws.us-east-1.sqs"),
            endpoint("aws_vpc_endpoint.b", "com.amazonaws.eu-west-1.sqs"),
        ]),
        None,
    );
    let err = import_terraform_plan(&two, "two.json", &Usage::default()).unwrap_err();
    assert!(
        matches!(err, ImportError::ConflictingRegions { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("eu-west-1, us-east-1"), "{err}");

    let explicit = Usage {
        region: Some("eu-west-1".to_string()),
        ..Usage::default()
    };
    let r = import_terraform_plan(&two, "two.json", &explicit).unwrap();
    assert_eq!(string(&parse(&r.scenario_toml), "region"), "eu-west-1");
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("us-east-1, not eu-west-1")),
        "{:?}",
        r.notes
    );

    let none = plan_with(
        serde_json::json!([{ "address": "aws_nat_gateway.x", "type": "aws_nat_gateway",
            "change": { "actions": ["create"], "after": {} } }]),
        None,
    );
    let err = import_terraform_plan(&none, "none.json", &Usage::default()).unwrap_err();
    assert!(matches!(err, ImportError::NoRegion { .. }), "{err}");
    assert!(err.to_string().contains("--region"), "{err}");

    // The provider's constant region wins over service names.
    let r = import_terraform_plan(
        &plan_with(
            serde_json::json!([endpoint(
                "aws_vpc_endpoint.a",
                "com.amazonaws.us-west-2.sqs"
            )]),
            Some("us-west-2"),
        ),
        "p.json",
        &Usage::default(),
    )
    .unwrap();
    assert!(r.scenario_toml.contains("region = \"us-west-2\"\n"));
}

#[test]
fn usage_file_errors_and_typos() {
    let err = Usage::from_toml_str("[default]\ngb_per_mnth = 1\n", "u.toml").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("u.toml, table [default], key \"gb_per_mnth\": unknown key"),
        "{msg}"
    );
    assert!(msg.contains("gb_per_month, peak_gbps"), "{msg}");

    let err =
        Usage::from_toml_str("[\"aws_nat_gateway.a\"]\ngb_per_month = -5\n", "u.toml").unwrap_err();
    assert!(err.to_string().contains("negative"), "{err}");

    let err = Usage::from_toml_str("gb_per_month = 5\n", "u.toml").unwrap_err();
    assert!(err.to_string().contains("expected a table"), "{err}");

    let err = Usage::from_toml_str("[default\n", "u.toml").unwrap_err();
    assert!(matches!(err, ImportError::UsageToml { .. }), "{err}");

    let u = Usage::from_toml_str(
        "[scenario]\nname = 'q\"uote'\n[\"aws_vpc_endpoint.nothere\"]\ngb_per_month = 1.25\n",
        "u.toml",
    )
    .unwrap();
    let r = import_terraform_plan(&fixture("plan.json"), "plan.json", &u).unwrap();
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("usage entry [\"aws_vpc_endpoint.nothere\"] matches no resource"))
    );
    // Odd characters survive the round trip.
    assert_eq!(string(&parse(&r.scenario_toml), "name"), "q\"uote");
}

#[test]
fn bad_plans_are_errors_that_say_where() {
    let err = import_terraform_plan(
        "{\n  \"resource_changes\": [\n",
        "cut.json",
        &Usage::default(),
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Json { line: 3, .. }), "{err:?}");

    let err = import_terraform_plan(
        "{\"format_version\":\"1.2\"}",
        "empty.json",
        &Usage::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("terraform show -json"), "{err}");

    let bad = plan_with(
        serde_json::json!([{ "address": "aws_lb.n", "type": "aws_lb",
            "change": { "actions": ["create"], "after": {
                "load_balancer_type": "network", "subnets": "subnet-a" } } }]),
        Some("us-east-1"),
    );
    let err = import_terraform_plan(&bad, "bad.json", &Usage::default()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("bad.json, at resource_changes[0].change.after.subnets: expected a list"),
        "{err}"
    );

    for garbage in [
        "",
        "null",
        "[]",
        "{\"resource_changes\": 5}",
        "{\"planned_values\": 1}",
    ] {
        assert!(
            import_terraform_plan(garbage, "g.json", &Usage::default()).is_err(),
            "{garbage}"
        );
    }
}

#[test]
fn emitted_scenario_loads_and_prices_with_the_project_engine() {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    use vpceplan::pricing::PriceBook;

    let r = import_main();
    let book = PriceBook::builtin().unwrap();
    let scenario = vpceplan::scenario::parse_scenario("imported.toml", &r.scenario_toml, &book)
        .unwrap_or_else(|e| panic!("{e}\n{}", r.scenario_toml));
    assert_eq!(scenario.name, "console-private-access");
    assert_eq!(scenario.hours_per_month, 730);
    let e = vpceplan::engine::evaluate(&scenario, &book).unwrap();
    // By hand, 730 h, us-east-1 list prices:
    //   interface endpoint-AZ-hours (2+3+3+2+2+2x2 = 16) x 730 x 0.01      = 116.80
    //   interface data 5,500 GB x 0.01                                     =  55.00
    //   GWLB endpoint 730 x 0.01 + 100 GB x 0.0035                         =   7.65
    //   NAT 2 x 730 x 0.045 + 200 GB x 0.045                               =  74.70
    //   TGW attachment 730 x 0.05 + 100 GB x 0.02                          =  38.50
    //   Resolver 5 IPs x 730 x 0.125 + 50 M queries x 0.40 per million     = 476.25
    //   hosted zones 2 x 0.50                                              =   1.00
    //   health checks: non-AWS 0.75 + 1 feature x 2.00; AWS within free 50 =   2.75
    //   NLB 730 x 0.0225 (0 NLCU)                                          =  16.425
    assert_eq!(e.monthly, Decimal::from_str("789.075").unwrap());

    let pv = import_terraform_plan(
        &fixture("plan-planned-values.json"),
        "pv.json",
        &Usage::default(),
    )
    .unwrap();
    let s = vpceplan::scenario::parse_scenario("pv.toml", &pv.scenario_toml, &book)
        .unwrap_or_else(|e| panic!("{e}\n{}", pv.scenario_toml));
    assert_eq!(s.region, "eu-west-1");
}

/// Found by fuzzing: a gateway endpoint with neither type nor service in the plan was
/// imported as a gateway endpoint for service "unknown", a scenario that cannot validate.
#[test]
fn gateway_endpoint_without_service_is_listed_not_imported_as_unknown() {
    let plan = r#"{"resource_changes":[
        {"address":"aws_vpc_endpoint.x","type":"aws_vpc_endpoint","change":{"actions":["create"],"after":{"vpc_id":"vpc-1"}}},
        {"address":"aws_vpc_endpoint.sqs","type":"aws_vpc_endpoint","change":{"actions":["create"],"after":{"vpc_endpoint_type":"Gateway","service_name":"com.amazonaws.us-east-1.sqs"}}}
    ]}"#;
    let usage = Usage::default();
    let mut usage = usage;
    usage.region = Some("us-east-1".to_string());
    let t = import_terraform_plan(plan, "plan.json", &usage).expect("imports");
    assert!(
        !t.scenario_toml.contains("unknown\""),
        "{}",
        t.scenario_toml
    );
    let why: Vec<String> = t.unsupported.iter().map(|u| format!("{u:?}")).collect();
    assert_eq!(why.len(), 2, "{why:?}");
    assert!(
        why[0].contains("service_name is not known")
            || why[1].contains("service_name is not known"),
        "{why:?}"
    );
    assert!(
        why.iter().any(|w| w.contains("only s3 and dynamodb")),
        "{why:?}"
    );
}
