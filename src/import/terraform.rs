//! Terraform plan import: `terraform show -json` output into a scenario TOML text.
//!
//! The plan gives the resources (from `resource_changes`, falling back to
//! `planned_values.root_module` and its child modules, or a state's `values.root_module`);
//! traffic is not in a plan, so it comes from a [`Usage`] description: defaults plus
//! per-resource-address figures, loadable from a small TOML usage file:
//!
//! ```toml
//! [scenario]                    # optional
//! name = "console-private-access"
//! region = "us-east-1"          # used when the plan does not tell the Region
//! hours_per_month = 730
//!
//! [default]                     # applies to every resource without its own figure
//! gb_per_month = 100
//! peak_gbps = 1
//! queries_per_month = 1000000
//! peak_qps = 50
//! nlcu_per_hour = 1
//!
//! ["aws_vpc_endpoint.s3"]       # one resource (an index such as [0] may be left out)
//! gb_per_month = 5000
//! ```
//!
//! Every figure the scenario gets from `[default]` or from the built-in zero, and every
//! count the plan does not tell (AZs of an endpoint whose subnets are unknown, say), is
//! marked in the emitted TOML with a trailing `# assumption: ...` comment. Resource types
//! vpceplan does not price are listed in comments at the top, never dropped silently.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde_json::Value;

use super::error::{ImportError, Result};

// ---------------------------------------------------------------------------------------
// Usage
// ---------------------------------------------------------------------------------------

/// Traffic figures for one resource (or the defaults). `None` = not given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsageFigures {
    pub gb_per_month: Option<Decimal>,
    pub peak_gbps: Option<Decimal>,
    pub queries_per_month: Option<Decimal>,
    pub peak_qps: Option<Decimal>,
    pub nlcu_per_hour: Option<Decimal>,
    pub requests_per_month: Option<Decimal>,
}

/// The figures a usage file can give, by key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Figure {
    GbPerMonth,
    PeakGbps,
    QueriesPerMonth,
    PeakQps,
    NlcuPerHour,
    RequestsPerMonth,
}

const FIGURES: [Figure; 6] = [
    Figure::GbPerMonth,
    Figure::PeakGbps,
    Figure::QueriesPerMonth,
    Figure::PeakQps,
    Figure::NlcuPerHour,
    Figure::RequestsPerMonth,
];

impl Figure {
    fn key(self) -> &'static str {
        match self {
            Figure::GbPerMonth => "gb_per_month",
            Figure::PeakGbps => "peak_gbps",
            Figure::QueriesPerMonth => "queries_per_month",
            Figure::PeakQps => "peak_qps",
            Figure::NlcuPerHour => "nlcu_per_hour",
            Figure::RequestsPerMonth => "requests_per_month",
        }
    }
}

impl UsageFigures {
    fn get(&self, f: Figure) -> Option<Decimal> {
        match f {
            Figure::GbPerMonth => self.gb_per_month,
            Figure::PeakGbps => self.peak_gbps,
            Figure::QueriesPerMonth => self.queries_per_month,
            Figure::PeakQps => self.peak_qps,
            Figure::NlcuPerHour => self.nlcu_per_hour,
            Figure::RequestsPerMonth => self.requests_per_month,
        }
    }

    fn slot(&mut self, f: Figure) -> &mut Option<Decimal> {
        match f {
            Figure::GbPerMonth => &mut self.gb_per_month,
            Figure::PeakGbps => &mut self.peak_gbps,
            Figure::QueriesPerMonth => &mut self.queries_per_month,
            Figure::PeakQps => &mut self.peak_qps,
            Figure::NlcuPerHour => &mut self.nlcu_per_hour,
            Figure::RequestsPerMonth => &mut self.requests_per_month,
        }
    }
}

/// Traffic and scenario settings that a plan does not carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Scenario name (`name` under `[scenario]`).
    pub name: Option<String>,
    /// Region to use; it overrides the plan's (`region` under `[scenario]`, or `--region`).
    pub region: Option<String>,
    /// Hours per month (`hours_per_month` under `[scenario]`).
    pub hours_per_month: Option<Decimal>,
    /// Figures for every resource without its own (`[default]`).
    pub defaults: UsageFigures,
    /// Figures per resource address (`["aws_vpc_endpoint.s3"]`).
    pub resources: BTreeMap<String, UsageFigures>,
    /// Where the usage came from, for the assumption comments (the usage file's name).
    pub source: Option<String>,
}

fn usage_decimal(
    source_name: &str,
    table: &str,
    key: &str,
    value: &toml::Value,
) -> Result<Decimal> {
    let bad = |message: String| ImportError::UsageField {
        source_name: source_name.to_string(),
        table: table.to_string(),
        key: key.to_string(),
        message,
    };
    let d = match value {
        toml::Value::Integer(i) => Decimal::from(*i),
        toml::Value::Float(f) if f.is_finite() => Decimal::from_str_exact(&f.to_string())
            .map_err(|e| bad(format!("{f} is not usable as an exact number: {e}")))?,
        toml::Value::String(s) => Decimal::from_str_exact(s.trim())
            .map_err(|e| bad(format!("\"{s}\" is not a number: {e}")))?,
        other => {
            return Err(bad(format!(
                "expected a number, found {}",
                other.type_str()
            )));
        }
    };
    if d.is_sign_negative() && !d.is_zero() {
        return Err(bad(format!("{d} is negative; give a figure of 0 or more")));
    }
    Ok(d.normalize())
}

fn usage_figures(source_name: &str, table: &str, t: &toml::Table) -> Result<UsageFigures> {
    let mut figures = UsageFigures::default();
    for (key, value) in t {
        let Some(f) = FIGURES.iter().copied().find(|f| f.key() == key) else {
            return Err(ImportError::UsageField {
                source_name: source_name.to_string(),
                table: table.to_string(),
                key: key.clone(),
                message: format!(
                    "unknown key; a usage table takes {}",
                    FIGURES.map(Figure::key).join(", ")
                ),
            });
        };
        *figures.slot(f) = Some(usage_decimal(source_name, table, key, value)?);
    }
    Ok(figures)
}

impl Usage {
    /// Reads a usage file (see the module documentation for the format).
    pub fn from_toml_str(text: &str, source_name: &str) -> Result<Usage> {
        let table: toml::Table = toml::from_str(text).map_err(|e| ImportError::UsageToml {
            source_name: source_name.to_string(),
            message: e.to_string().trim().replace('\n', " "),
        })?;
        let mut usage = Usage {
            source: Some(source_name.to_string()),
            ..Usage::default()
        };
        for (name, value) in &table {
            let toml::Value::Table(t) = value else {
                return Err(ImportError::UsageField {
                    source_name: source_name.to_string(),
                    table: "(top level)".to_string(),
                    key: name.clone(),
                    message: "expected a table: [scenario], [default] or [\"resource.address\"]"
                        .to_string(),
                });
            };
            match name.as_str() {
                "scenario" => {
                    for (key, v) in t {
                        let bad = |message: &str| ImportError::UsageField {
                            source_name: source_name.to_string(),
                            table: "scenario".to_string(),
                            key: key.clone(),
                            message: message.to_string(),
                        };
                        match key.as_str() {
                            "name" => {
                                usage.name =
                                    Some(v.as_str().ok_or_else(|| bad("expected a string"))?.into())
                            }
                            "region" => {
                                usage.region =
                                    Some(v.as_str().ok_or_else(|| bad("expected a string"))?.into())
                            }
                            "hours_per_month" => {
                                let h = usage_decimal(source_name, "scenario", key, v)?;
                                if !h.fract().is_zero()
                                    || h < Decimal::ONE
                                    || h > Decimal::from(744)
                                {
                                    return Err(bad(
                                        "expected a whole number of hours from 1 to 744 (730 is \
                                         the AWS calculator's convention)",
                                    ));
                                }
                                usage.hours_per_month = Some(h)
                            }
                            _ => {
                                return Err(bad(
                                    "unknown key; [scenario] takes name, region, hours_per_month",
                                ));
                            }
                        }
                    }
                }
                "default" => usage.defaults = usage_figures(source_name, name, t)?,
                address => {
                    usage
                        .resources
                        .insert(address.to_string(), usage_figures(source_name, name, t)?);
                }
            }
        }
        Ok(usage)
    }

    /// The usage entry for a resource address: exact, else without its instance key.
    fn entry_for(&self, address: &str) -> Option<(&str, &UsageFigures)> {
        if let Some((k, v)) = self.resources.get_key_value(address) {
            return Some((k.as_str(), v));
        }
        let base = strip_instance_key(address)?;
        self.resources
            .get_key_value(base)
            .map(|(k, v)| (k.as_str(), v))
    }

    /// A figure for a resource, with the assumption it rests on (if any).
    fn figure(&self, address: &str, f: Figure) -> (Decimal, Option<String>) {
        if let Some(v) = self.entry_for(address).and_then(|(_, e)| e.get(f)) {
            return (v, None);
        }
        if let Some(v) = self.defaults.get(f) {
            let from = match &self.source {
                Some(s) => format!("[default] of usage file {s}"),
                None => "usage defaults".to_string(),
            };
            return (v, Some(format!("{} from {from}", f.key())));
        }
        (
            Decimal::ZERO,
            Some(format!(
                "{} not given; 0 until set in a usage file",
                f.key()
            )),
        )
    }
}

/// `a.b[0]` -> `a.b`, `a.b["k"]` -> `a.b`; `None` if there is no trailing instance key.
fn strip_instance_key(address: &str) -> Option<&str> {
    if !address.ends_with(']') {
        return None;
    }
    let open = address.rfind('[')?;
    Some(&address[..open])
}

// ---------------------------------------------------------------------------------------
// Result types
// ---------------------------------------------------------------------------------------

/// A resource of the plan that the scenario does not cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsupportedResource {
    pub address: String,
    pub resource_type: String,
    pub reason: String,
}

/// One assumed figure of the emitted scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assumption {
    /// The resources of the block the figure belongs to (empty for scenario-level keys).
    pub addresses: Vec<String>,
    /// The scenario key (`gb_per_month`, `azs`, `region`...).
    pub field: String,
    pub text: String,
}

/// A resource of the plan that became (part of) a scenario block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedResource {
    pub address: String,
    /// The scenario table it went into (`interface_endpoint`, `nat_gateway`...).
    pub block: String,
}

/// The outcome of importing a Terraform plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerraformImport {
    /// The scenario, as TOML text.
    pub scenario_toml: String,
    /// The scenario's Region.
    pub region: String,
    pub imported: Vec<ImportedResource>,
    /// Resources left out, with why (also listed at the top of the TOML).
    pub unsupported: Vec<UnsupportedResource>,
    /// Every assumed figure (also marked in the TOML).
    pub assumptions: Vec<Assumption>,
    /// Other remarks (also in the TOML header).
    pub notes: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// Plan reading
// ---------------------------------------------------------------------------------------

struct PlanResource {
    address: String,
    rtype: String,
    values: Value,
    unknown: Value,
    path: String,
}

fn collect_module(module: &Value, path: &str, out: &mut Vec<PlanResource>) {
    if let Some(resources) = module.get("resources").and_then(Value::as_array) {
        for (i, r) in resources.iter().enumerate() {
            if r.get("mode").and_then(Value::as_str).unwrap_or("managed") != "managed" {
                continue;
            }
            let (Some(address), Some(rtype)) = (
                r.get("address").and_then(Value::as_str),
                r.get("type").and_then(Value::as_str),
            ) else {
                continue;
            };
            out.push(PlanResource {
                address: address.to_string(),
                rtype: rtype.to_string(),
                values: r.get("values").cloned().unwrap_or(Value::Null),
                unknown: Value::Null,
                path: format!("{path}.resources[{i}]"),
            });
        }
    }
    if let Some(children) = module.get("child_modules").and_then(Value::as_array) {
        for (i, child) in children.iter().enumerate() {
            collect_module(child, &format!("{path}.child_modules[{i}]"), out);
        }
    }
}

/// The plan's resources, and how many planned deletions were left out.
fn collect_resources(plan: &Value, source_name: &str) -> Result<(Vec<PlanResource>, usize)> {
    let mut out = Vec::new();
    let mut deleted = 0;
    if let Some(changes) = plan.get("resource_changes").and_then(Value::as_array)
        && !changes.is_empty()
    {
        for (i, rc) in changes.iter().enumerate() {
            if rc.get("mode").and_then(Value::as_str).unwrap_or("managed") != "managed" {
                continue;
            }
            let path = format!("resource_changes[{i}]");
            let (Some(address), Some(rtype)) = (
                rc.get("address").and_then(Value::as_str),
                rc.get("type").and_then(Value::as_str),
            ) else {
                return Err(ImportError::PlanField {
                    source_name: source_name.to_string(),
                    path,
                    message: "a resource change without \"address\" or \"type\"".to_string(),
                    hint: "use the output of `terraform show -json PLANFILE` unchanged".to_string(),
                });
            };
            let change = rc.get("change").unwrap_or(&Value::Null);
            let actions: Vec<&str> = change
                .get("actions")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let creates = actions.contains(&"create");
            let deletes = actions.contains(&"delete");
            if (deletes && !creates) || actions == ["read"] || actions == ["forget"] {
                if deletes {
                    deleted += 1;
                }
                continue;
            }
            out.push(PlanResource {
                address: address.to_string(),
                rtype: rtype.to_string(),
                values: change.get("after").cloned().unwrap_or(Value::Null),
                unknown: change.get("after_unknown").cloned().unwrap_or(Value::Null),
                path: format!("{path}.change.after"),
            });
        }
        return Ok((out, deleted));
    }
    for root in ["planned_values", "values"] {
        if let Some(module) = plan.get(root).and_then(|v| v.get("root_module")) {
            collect_module(module, &format!("{root}.root_module"), &mut out);
            return Ok((out, deleted));
        }
    }
    Err(ImportError::PlanField {
        source_name: source_name.to_string(),
        path: "(top level)".to_string(),
        message: "neither \"resource_changes\" nor \"planned_values.root_module\" is present"
            .to_string(),
        hint: "give the output of `terraform show -json PLANFILE` (not the binary plan file, \
               not `terraform plan` text)"
            .to_string(),
    })
}

/// The Region of the default aws provider, if the plan states it.
fn provider_region(plan: &Value) -> Option<String> {
    let region = plan
        .get("configuration")?
        .get("provider_config")?
        .get("aws")?
        .get("expressions")?
        .get("region")?;
    if let Some(r) = region.get("constant_value").and_then(Value::as_str) {
        return Some(r.to_string());
    }
    // `region = var.x`: the variable's value is in the plan.
    let references = region.get("references")?.as_array()?;
    references.iter().filter_map(Value::as_str).find_map(|r| {
        let name = r.strip_prefix("var.")?;
        plan.get("variables")?
            .get(name)?
            .get("value")?
            .as_str()
            .map(str::to_string)
    })
}

/// Regions of other (aliased) aws provider configurations, for a note.
fn other_provider_regions(plan: &Value) -> Vec<(String, String)> {
    let Some(configs) = plan
        .get("configuration")
        .and_then(|c| c.get("provider_config"))
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    configs
        .iter()
        .filter(|(k, v)| {
            k.as_str() != "aws" && v.get("name").and_then(Value::as_str) == Some("aws")
        })
        .filter_map(|(k, v)| {
            let r = v
                .get("expressions")?
                .get("region")?
                .get("constant_value")?
                .as_str()?;
            Some((k.clone(), r.to_string()))
        })
        .collect()
}

fn looks_like_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].chars().all(|c| c.is_ascii_lowercase())
        && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
}

/// `com.amazonaws.us-east-1.ecr.dkr` -> (`Some("us-east-1")`, `"ecr.dkr"`);
/// `com.amazonaws.vpce.us-east-1.vpce-svc-0abc` -> (`Some("us-east-1")`, `"vpce-svc-0abc"`).
fn split_service_name(name: &str) -> (Option<String>, String) {
    let parts: Vec<&str> = name.split('.').collect();
    match parts.iter().position(|p| looks_like_region(p)) {
        Some(i) if i + 1 < parts.len() => (Some(parts[i].to_string()), parts[i + 1..].join(".")),
        Some(i) => (Some(parts[i].to_string()), name.to_string()),
        None => (None, name.to_string()),
    }
}

/// Length of a list attribute: `Some(n)` if the plan knows it (values, or the shape of
/// `after_unknown`), `None` if not.
fn known_len(r: &PlanResource, key: &str) -> Option<usize> {
    match r.values.get(key) {
        Some(Value::Array(a)) if !a.is_empty() => return Some(a.len()),
        _ => {}
    }
    match r.unknown.get(key) {
        Some(Value::Array(a)) if !a.is_empty() => Some(a.len()),
        _ => None,
    }
}

fn str_attr<'v>(r: &'v PlanResource, key: &str) -> Option<&'v str> {
    r.values.get(key).and_then(Value::as_str)
}

// ---------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    InterfaceEndpoint,
    GatewayEndpoint,
    GwlbEndpoint,
    NatGateway,
    TgwAttachment,
    ResolverEndpoint,
    HostedZone,
    HealthCheck,
    Nlb,
    RegionalNatGateway,
    ResourceGateway,
    ResourceConfiguration,
    ResourceEndpoint,
    ServiceNetworkEndpoint,
    LatticeService,
    DirectConnect,
    VpnConnection,
}

impl Kind {
    /// The scenario kind a Terraform resource becomes (its options as the scenario's
    /// defaults), whose rule names the table.
    fn scenario_kind(self) -> crate::scenario::Kind {
        use crate::scenario::{CheckType, Direction, Kind as K};
        match self {
            Kind::InterfaceEndpoint => K::InterfaceEndpoint {
                service: String::new(),
                service_region: None,
                response_share: Decimal::ZERO,
            },
            Kind::GatewayEndpoint => K::GatewayEndpoint {
                service: String::new(),
            },
            Kind::GwlbEndpoint => K::GwlbEndpoint,
            Kind::NatGateway => K::NatGateway { connections: 0.0 },
            Kind::TgwAttachment => K::TgwAttachment { existing: false },
            Kind::ResolverEndpoint => K::ResolverEndpoint {
                direction: Direction::Inbound,
                ips: 2,
                queries_per_month: Decimal::ZERO,
                peak_qps: 0.0,
            },
            Kind::HostedZone => K::HostedZone {
                vpc_associations: 0,
            },
            Kind::HealthCheck => K::HealthCheck {
                check: CheckType::Aws,
                optional_features: 0,
            },
            Kind::Nlb => K::Nlb {
                nlcu_per_hour: Decimal::ZERO,
            },
            Kind::RegionalNatGateway => K::RegionalNatGateway,
            Kind::ResourceGateway => K::ResourceGateway { ipv4_per_eni: 16 },
            Kind::ResourceConfiguration => K::ResourceConfiguration {
                service_network_associations: 0,
            },
            Kind::ResourceEndpoint => K::ResourceEndpoint,
            Kind::ServiceNetworkEndpoint => K::ServiceNetworkEndpoint,
            Kind::LatticeService => K::LatticeService {
                requests_per_month: Decimal::ZERO,
            },
            Kind::DirectConnect => K::DirectConnect {
                port: "dedicated-1G",
                location: String::new(),
                existing: false,
            },
            Kind::VpnConnection => K::VpnConnection { existing: false },
        }
    }

    /// The scenario table, from the rule table ([`crate::rules`]).
    fn table(self) -> &'static str {
        crate::rules::of(&self.scenario_kind()).table
    }

    /// Whether identical resources fold into one block with `count`, and after which key
    /// `count` goes (`None` = first).
    fn count_after(self) -> Option<Option<&'static str>> {
        match self {
            Kind::InterfaceEndpoint
            | Kind::RegionalNatGateway
            | Kind::ResourceEndpoint
            | Kind::ServiceNetworkEndpoint => Some(Some("azs")),
            Kind::GwlbEndpoint
            | Kind::NatGateway
            | Kind::TgwAttachment
            | Kind::HostedZone
            | Kind::HealthCheck
            | Kind::Nlb
            | Kind::ResourceGateway
            | Kind::LatticeService
            | Kind::VpnConnection => Some(None),
            Kind::GatewayEndpoint | Kind::ResolverEndpoint | Kind::ResourceConfiguration => None,
            // Connections are failure domains: `count` after the port and location.
            Kind::DirectConnect => Some(Some("location")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FieldValue {
    Str(String),
    Num(Decimal),
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Field {
    key: &'static str,
    value: FieldValue,
    assumption: Option<String>,
    /// A per-resource figure that the scenario wants as a block total (multiplied by
    /// `count` when resources fold).
    total: bool,
}

/// One resource, as a scenario block (before grouping).
struct Item {
    kind: Kind,
    /// Shown in the block's comment and part of the grouping key (e.g. private/public zone).
    label: Option<String>,
    fields: Vec<Field>,
    address: String,
    notes: Vec<String>,
}

fn field(key: &'static str, value: FieldValue, assumption: Option<String>) -> Field {
    Field {
        key,
        value,
        assumption,
        total: false,
    }
}

fn num(n: usize) -> FieldValue {
    FieldValue::Num(Decimal::from(n as u64))
}

fn figure_field(usage: &Usage, address: &str, f: Figure) -> Field {
    let (value, assumption) = usage.figure(address, f);
    Field {
        key: f.key(),
        value: FieldValue::Num(value),
        assumption,
        // The scenario's traffic figures are block totals; NLCUs are per load balancer.
        total: f != Figure::NlcuPerHour,
    }
}

fn count_field(r: &PlanResource, key: &str, what: &str, default: usize) -> (usize, Option<String>) {
    match known_len(r, key) {
        Some(n) => (n, None),
        None => (
            default,
            Some(format!(
                "{what} not known in the plan ({key} missing or computed); {default} assumed"
            )),
        ),
    }
}

enum Mapped {
    Item(Box<Item>),
    Unsupported(String),
    Ignored,
}

/// Resource types that carry no charge of their own and are part of any VPC design; they
/// are listed together in one comment line rather than one by one.
const PLUMBING: &[&str] = &[
    "aws_vpc",
    "aws_subnet",
    "aws_route_table",
    "aws_route_table_association",
    "aws_route",
    "aws_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_internet_gateway",
    "aws_eip",
    "aws_vpc_endpoint_route_table_association",
    "aws_vpc_endpoint_subnet_association",
    "aws_vpc_endpoint_policy",
    "aws_route53_record",
    "aws_route53_zone_association",
    "aws_route53_resolver_rule",
    "aws_route53_resolver_rule_association",
    "aws_ec2_transit_gateway_route_table",
    "aws_ec2_transit_gateway_route",
    "aws_ec2_transit_gateway_route_table_association",
    "aws_ec2_transit_gateway_route_table_propagation",
    "aws_lb_listener",
    "aws_lb_target_group",
    "aws_lb_target_group_attachment",
    // VPC Lattice: no charge of their own (service networks, their VPC associations and
    // service associations; listeners and target groups of a service).
    "aws_vpclattice_service_network",
    "aws_vpclattice_service_network_vpc_association",
    "aws_vpclattice_service_network_service_association",
    "aws_vpclattice_listener",
    "aws_vpclattice_listener_rule",
    "aws_vpclattice_target_group",
    "aws_vpclattice_target_group_attachment",
    "aws_vpclattice_auth_policy",
    "aws_vpclattice_resource_policy",
    // Site-to-Site VPN and Direct Connect plumbing: gateways and routes carry no charge.
    "aws_customer_gateway",
    "aws_vpn_gateway",
    "aws_vpn_gateway_attachment",
    "aws_vpn_connection_route",
    "aws_dx_gateway",
    "aws_dx_gateway_association",
    "aws_dx_private_virtual_interface",
    "aws_dx_transit_virtual_interface",
];

/// Service-network associations of a resource configuration: the root module's
/// `aws_vpclattice_service_network_resource_association`s whose
/// `resource_configuration_identifier` refers to it (the plan's `configuration`), with an
/// assumption when the plan has associations it cannot tie to a configuration.
fn sn_associations(config: Option<&Value>, address: &str) -> (usize, Option<String>) {
    let base = strip_instance_key(address).unwrap_or(address);
    let resources = config
        .and_then(|c| c.get("root_module"))
        .and_then(|m| m.get("resources"))
        .and_then(Value::as_array);
    let Some(resources) = resources else {
        return (0, None);
    };
    let mut mine = 0;
    let mut untied = 0;
    for r in resources {
        if r.get("type").and_then(Value::as_str)
            != Some("aws_vpclattice_service_network_resource_association")
        {
            continue;
        }
        let refs: Vec<&str> = r
            .get("expressions")
            .and_then(|e| e.get("resource_configuration_identifier"))
            .and_then(|e| e.get("references"))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let count = r
            .get("count_expression")
            .and_then(|c| c.get("constant_value"))
            .and_then(Value::as_u64)
            .unwrap_or(1) as usize;
        if refs.contains(&base) {
            mine += count;
        } else if !refs
            .iter()
            .any(|x| x.starts_with("aws_vpclattice_resource_configuration."))
        {
            untied += count;
        }
    }
    let assumption = (untied > 0).then(|| {
        format!(
            "{untied} service-network resource association(s) in the plan refer to no resource configuration of the root module; count them here by hand if they associate this one"
        )
    });
    (mine, assumption)
}

fn map_resource(
    r: &PlanResource,
    usage: &Usage,
    source_name: &str,
    plan_config: Option<&Value>,
) -> Result<Mapped> {
    let a = r.address.as_str();
    let item = |kind, label, fields, notes| {
        Mapped::Item(Box::new(Item {
            kind,
            label,
            fields,
            address: a.to_string(),
            notes,
        }))
    };
    let bad_type = |key: &str, expected: &str| ImportError::PlanField {
        source_name: source_name.to_string(),
        path: format!("{}.{key}", r.path),
        message: format!("expected {expected}"),
        hint: "use the output of `terraform show -json PLANFILE` unchanged".to_string(),
    };
    for key in [
        "subnet_ids",
        "subnets",
        "subnet_mapping",
        "ip_address",
        "vpc",
    ] {
        if let Some(v) = r.values.get(key)
            && !(v.is_array() || v.is_null())
        {
            return Err(bad_type(key, "a list"));
        }
    }
    Ok(match r.rtype.as_str() {
        "aws_vpc_endpoint" => {
            let (ep_type, type_assumption) = match r.values.get("vpc_endpoint_type") {
                Some(Value::String(s)) => (s.clone(), None),
                Some(Value::Null) | None => (
                    "Gateway".to_string(),
                    Some("vpc_endpoint_type not in the plan; Terraform's default Gateway assumed"),
                ),
                Some(_) => return Err(bad_type("vpc_endpoint_type", "a string")),
            };
            let (service, service_assumption) = match str_attr(r, "service_name") {
                Some(name) => (split_service_name(name).1, None),
                None => (
                    "unknown".to_string(),
                    Some("service_name not known in the plan".to_string()),
                ),
            };
            let mut notes = Vec::new();
            if let Some(t) = type_assumption {
                notes.push(format!("{a}: {t}"));
            }
            match ep_type.as_str() {
                "Interface" => {
                    let (azs, azs_assumption) = count_field(r, "subnet_ids", "AZ count", 2);
                    item(
                        Kind::InterfaceEndpoint,
                        None,
                        vec![
                            field("service", FieldValue::Str(service), service_assumption),
                            field("azs", num(azs), azs_assumption),
                            figure_field(usage, a, Figure::GbPerMonth),
                            figure_field(usage, a, Figure::PeakGbps),
                        ],
                        notes,
                    )
                }
                "Gateway" if service_assumption.is_some() => Mapped::Unsupported(
                    "gateway endpoint whose service_name is not known in the plan (only s3 and dynamodb have gateway endpoints): write its block by hand"
                        .to_string(),
                ),
                "Gateway" if service != "s3" && service != "dynamodb" => Mapped::Unsupported(format!(
                    "gateway endpoint for service \"{service}\": only s3 and dynamodb have gateway endpoints"
                )),
                "Gateway" => item(
                    Kind::GatewayEndpoint,
                    None,
                    vec![
                        field("service", FieldValue::Str(service), service_assumption),
                        figure_field(usage, a, Figure::GbPerMonth),
                    ],
                    notes,
                ),
                "GatewayLoadBalancer" => item(
                    Kind::GwlbEndpoint,
                    None,
                    vec![
                        figure_field(usage, a, Figure::GbPerMonth),
                        figure_field(usage, a, Figure::PeakGbps),
                    ],
                    notes,
                ),
                "Resource" | "ServiceNetwork" => {
                    let (azs, azs_assumption) = count_field(r, "subnet_ids", "AZ count", 2);
                    let kind = if ep_type == "Resource" {
                        Kind::ResourceEndpoint
                    } else {
                        Kind::ServiceNetworkEndpoint
                    };
                    item(
                        kind,
                        None,
                        vec![
                            field("azs", num(azs), azs_assumption),
                            figure_field(usage, a, Figure::GbPerMonth),
                            figure_field(usage, a, Figure::PeakGbps),
                        ],
                        notes,
                    )
                }
                other => Mapped::Unsupported(format!(
                    "vpc_endpoint_type \"{other}\" is not priced by vpceplan"
                )),
            }
        }
        "aws_nat_gateway" if str_attr(r, "availability_mode") == Some("regional") => {
            // Manual mode lists the AZs it is active in; automatic mode expands into the
            // AZs the VPC uses, which a plan does not tell.
            let key = if known_len(r, "availability_zone_address").is_some() {
                "availability_zone_address"
            } else {
                "availability_zone_addresses"
            };
            let (azs, azs_assumption) = count_field(r, key, "active AZ count", 2);
            item(
                Kind::RegionalNatGateway,
                None,
                vec![
                    field("azs", num(azs), azs_assumption),
                    figure_field(usage, a, Figure::GbPerMonth),
                    figure_field(usage, a, Figure::PeakGbps),
                ],
                Vec::new(),
            )
        }
        "aws_nat_gateway" => item(
            Kind::NatGateway,
            None,
            vec![
                figure_field(usage, a, Figure::GbPerMonth),
                figure_field(usage, a, Figure::PeakGbps),
            ],
            Vec::new(),
        ),
        "aws_vpclattice_resource_gateway" => {
            let (azs, azs_assumption) = count_field(r, "subnet_ids", "AZ count", 2);
            let mut fields = vec![field("azs", num(azs), azs_assumption)];
            if let Some(n) = r
                .values
                .get("ipv4_addresses_per_eni")
                .and_then(Value::as_u64)
            {
                fields.push(field("ipv4_addresses_per_eni", num(n as usize), None));
            }
            item(Kind::ResourceGateway, None, fields, Vec::new())
        }
        "aws_vpclattice_resource_configuration" => {
            let n = sn_associations(plan_config, a);
            item(
                Kind::ResourceConfiguration,
                None,
                vec![field("service_network_associations", num(n.0), n.1)],
                Vec::new(),
            )
        }
        "aws_vpclattice_service" => item(
            Kind::LatticeService,
            None,
            vec![
                figure_field(usage, a, Figure::GbPerMonth),
                figure_field(usage, a, Figure::RequestsPerMonth),
            ],
            Vec::new(),
        ),
        "aws_dx_connection" | "aws_dx_hosted_connection" => {
            let hosted = r.rtype == "aws_dx_hosted_connection";
            let Some(bandwidth) = str_attr(r, "bandwidth") else {
                return Ok(Mapped::Unsupported(
                    "Direct Connect connection whose bandwidth is not known in the plan: write its block by hand"
                        .to_string(),
                ));
            };
            let speed = bandwidth.trim_end_matches("bps").to_ascii_uppercase();
            let kind = if hosted { "hosted" } else { "dedicated" };
            if crate::scenario::dx_port(kind, &speed).is_none() {
                return Ok(Mapped::Unsupported(format!(
                    "{kind} Direct Connect bandwidth \"{bandwidth}\" is not a port vpceplan prices"
                )));
            }
            let (location, location_assumption) = match str_attr(r, "location") {
                Some(l) => (l.to_string(), None),
                None => (
                    "unknown".to_string(),
                    Some("location not known in the plan; set it to the Direct Connect location the book prices (e.g. EqDC2)".to_string()),
                ),
            };
            item(
                Kind::DirectConnect,
                None,
                vec![
                    field("connection_type", FieldValue::Str(kind.to_string()), None),
                    field("port_speed", FieldValue::Str(speed), None),
                    field("location", FieldValue::Str(location), location_assumption),
                    figure_field(usage, a, Figure::GbPerMonth),
                    figure_field(usage, a, Figure::PeakGbps),
                ],
                Vec::new(),
            )
        }
        "aws_vpn_connection" => item(
            Kind::VpnConnection,
            None,
            vec![
                figure_field(usage, a, Figure::GbPerMonth),
                figure_field(usage, a, Figure::PeakGbps),
            ],
            Vec::new(),
        ),
        "aws_ec2_transit_gateway_vpc_attachment" => item(
            Kind::TgwAttachment,
            None,
            vec![
                figure_field(usage, a, Figure::GbPerMonth),
                figure_field(usage, a, Figure::PeakGbps),
            ],
            Vec::new(),
        ),
        "aws_route53_resolver_endpoint" => {
            let (direction, dir_assumption) = match str_attr(r, "direction") {
                Some(d) if d.eq_ignore_ascii_case("inbound") => ("inbound".to_string(), None),
                Some(d) if d.eq_ignore_ascii_case("outbound") => ("outbound".to_string(), None),
                Some(d) => {
                    return Ok(Mapped::Unsupported(format!(
                        "resolver endpoint direction \"{d}\" is not inbound or outbound"
                    )));
                }
                None => (
                    "inbound".to_string(),
                    Some("direction not known in the plan; inbound assumed".to_string()),
                ),
            };
            let (ips, ips_assumption) = count_field(r, "ip_address", "IP count", 2);
            let mut notes = Vec::new();
            if !(2..=6).contains(&ips) {
                notes.push(format!(
                    "{a} has {ips} IP address(es); a Resolver endpoint takes 2 to 6, so the \
                     scenario will not validate until that is fixed"
                ));
            }
            item(
                Kind::ResolverEndpoint,
                None,
                vec![
                    field("direction", FieldValue::Str(direction), dir_assumption),
                    field("ips", num(ips), ips_assumption),
                    figure_field(usage, a, Figure::QueriesPerMonth),
                    figure_field(usage, a, Figure::PeakQps),
                ],
                notes,
            )
        }
        "aws_route53_zone" => {
            let private = known_len(r, "vpc").is_some();
            let label = if private {
                "private hosted zone (vpc block present)"
            } else {
                "public hosted zone (no vpc block)"
            };
            item(
                Kind::HostedZone,
                Some(label.to_string()),
                Vec::new(),
                Vec::new(),
            )
        }
        "aws_route53_health_check" => {
            let (check_type, assumption, features) = health_check_type(r);
            let mut fields = vec![field("type", FieldValue::Str(check_type), assumption)];
            if features > 0 {
                fields.push(field("optional_features", num(features), None));
            }
            item(Kind::HealthCheck, None, fields, Vec::new())
        }
        "aws_lb" => {
            let lb_type = str_attr(r, "load_balancer_type").unwrap_or("application");
            if lb_type != "network" {
                return Ok(Mapped::Unsupported(format!(
                    "load_balancer_type \"{lb_type}\": only network load balancers are priced"
                )));
            }
            let key = if known_len(r, "subnets").is_some() {
                "subnets"
            } else if known_len(r, "subnet_mapping").is_some() {
                "subnet_mapping"
            } else {
                "subnets"
            };
            let (azs, azs_assumption) = count_field(r, key, "AZ count", 2);
            item(
                Kind::Nlb,
                None,
                vec![
                    field("azs", num(azs), azs_assumption),
                    figure_field(usage, a, Figure::NlcuPerHour),
                ],
                Vec::new(),
            )
        }
        "aws_vpclattice_service_network_resource_association" => Mapped::Ignored,
        t if PLUMBING.contains(&t) => Mapped::Ignored,
        t => Mapped::Unsupported(format!("resource type {t} has no vpceplan component")),
    })
}

/// `aws` or `non-aws`, the assumption if guessed, and the number of optional features
/// (HTTPS, string matching, latency measurement, fast interval).
fn health_check_type(r: &PlanResource) -> (String, Option<String>, usize) {
    let ty = str_attr(r, "type").unwrap_or("");
    let mut features = Vec::new();
    if ty.starts_with("HTTPS") {
        features.push("HTTPS");
    }
    if ty.ends_with("STR_MATCH") {
        features.push("string matching");
    }
    if r.values.get("measure_latency").and_then(Value::as_bool) == Some(true) {
        features.push("latency measurement");
    }
    if r.values.get("request_interval").and_then(Value::as_i64) == Some(10) {
        features.push("fast interval");
    }
    let features = features.len();
    if matches!(ty, "CALCULATED" | "CLOUDWATCH_METRIC" | "RECOVERY_CONTROL") {
        return ("aws".to_string(), None, features);
    }
    let fqdn = str_attr(r, "fqdn").unwrap_or("").trim_end_matches('.');
    let aws_suffixes = [
        ".amazonaws.com",
        ".cloudfront.net",
        ".awsglobalaccelerator.com",
    ];
    if aws_suffixes.iter().any(|s| fqdn.ends_with(s)) {
        return ("aws".to_string(), None, features);
    }
    (
        "non-aws".to_string(),
        Some("endpoint not recognisably an AWS resource; priced as non-aws".to_string()),
        features,
    )
}

// ---------------------------------------------------------------------------------------
// Emitting
// ---------------------------------------------------------------------------------------

fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn value_text(v: &FieldValue) -> String {
    match v {
        FieldValue::Str(s) => toml_string(s),
        FieldValue::Num(d) => d.normalize().to_string(),
    }
}

fn push_line(out: &mut String, key: &str, value: &str, assumption: Option<&str>) {
    let _ = match assumption {
        Some(a) => writeln!(out, "{key} = {value}  # assumption: {}", comment_text(a)),
        None => writeln!(out, "{key} = {value}"),
    };
}

/// `N x V per resource` for a folded total.
fn per_resource(f: &Field, n: usize) -> String {
    match &f.value {
        FieldValue::Num(total) => {
            let each = total
                .checked_div(Decimal::from(n as u64))
                .unwrap_or_default();
            format!("{n} x {} per resource", each.normalize())
        }
        FieldValue::Str(_) => String::new(),
    }
}

/// The block's value of a field: per-resource totals multiplied by the number of resources.
fn scale_to_block(f: &Field, n: usize, addresses: &[String], source_name: &str) -> Result<Field> {
    let mut out = f.clone();
    if !f.total || n <= 1 {
        return Ok(out);
    }
    if let FieldValue::Num(each) = f.value {
        let total =
            each.checked_mul(Decimal::from(n as u64))
                .ok_or_else(|| ImportError::UsageField {
                    source_name: source_name.to_string(),
                    table: addresses.first().cloned().unwrap_or_default(),
                    key: f.key.to_string(),
                    message: format!("{each} x {n} resources is too large to compute exactly"),
                })?;
        out.value = FieldValue::Num(total);
        if let Some(a) = &f.assumption {
            out.assumption = Some(format!("{a}; {n} x {} per resource", each.normalize()));
        }
    }
    Ok(out)
}

struct Group {
    kind: Kind,
    label: Option<String>,
    fields: Vec<Field>,
    addresses: Vec<String>,
}

/// Imports `terraform show -json` output into a scenario.
///
/// `source_name` names the plan in messages and in the scenario's header comment; `usage`
/// gives the traffic figures and, optionally, the Region, name and hours per month.
pub fn import_terraform_plan(
    json: &str,
    source_name: &str,
    usage: &Usage,
) -> Result<TerraformImport> {
    let plan: Value = serde_json::from_str(json).map_err(|e| {
        let text = e.to_string();
        ImportError::Json {
            source_name: source_name.to_string(),
            line: e.line(),
            column: e.column(),
            message: text
                .rsplit_once(" at line ")
                .map_or(text.as_str(), |(m, _)| m)
                .to_string(),
        }
    })?;
    if !plan.is_object() {
        return Err(ImportError::PlanField {
            source_name: source_name.to_string(),
            path: "(top level)".to_string(),
            message: "the plan is not a JSON object".to_string(),
            hint: "give the output of `terraform show -json PLANFILE`".to_string(),
        });
    }
    let (mut resources, deleted) = collect_resources(&plan, source_name)?;
    resources.sort_by(|a, b| a.address.cmp(&b.address));

    let mut notes = Vec::new();
    let mut assumptions = Vec::new();
    if deleted > 0 {
        notes.push(format!(
            "{deleted} resource(s) planned for deletion left out"
        ));
    }

    // Region.
    let service_regions: BTreeSet<String> = resources
        .iter()
        .filter(|r| r.rtype == "aws_vpc_endpoint")
        .filter_map(|r| str_attr(r, "service_name"))
        .filter_map(|s| split_service_name(s).0)
        .collect();
    let plan_region = provider_region(&plan);
    let (region, region_assumption) = if let Some(r) = &usage.region {
        if let Some(p) = plan_region.as_ref().filter(|p| *p != r) {
            notes.push(format!(
                "Region {r} given explicitly; the plan's aws provider says {p}"
            ));
        }
        (r.clone(), None)
    } else if let Some(r) = plan_region {
        (r, None)
    } else if service_regions.len() == 1 {
        let r = service_regions.iter().next().cloned().unwrap_or_default();
        (
            r,
            Some("Region inferred from the endpoint service names".to_string()),
        )
    } else if service_regions.len() > 1 {
        return Err(ImportError::ConflictingRegions {
            source_name: source_name.to_string(),
            regions: service_regions.into_iter().collect::<Vec<_>>().join(", "),
        });
    } else {
        return Err(ImportError::NoRegion {
            source_name: source_name.to_string(),
        });
    };
    for other in service_regions.iter().filter(|r| **r != region) {
        notes.push(format!(
            "some endpoint service names are in {other}, not {region} (cross-Region endpoints?)"
        ));
    }
    for (alias, r) in other_provider_regions(&plan) {
        if r != region {
            notes.push(format!(
                "provider {alias} is in {r}: resources using it are counted in {region}"
            ));
        }
    }
    if let Some(a) = &region_assumption {
        assumptions.push(Assumption {
            addresses: Vec::new(),
            field: "region".to_string(),
            text: a.clone(),
        });
    }

    // Map resources.
    let mut items = Vec::new();
    let mut unsupported = Vec::new();
    let mut plumbing: BTreeMap<String, usize> = BTreeMap::new();
    for r in &resources {
        match map_resource(r, usage, source_name, plan.get("configuration"))? {
            Mapped::Item(item) => items.push(*item),
            Mapped::Unsupported(reason) => unsupported.push(UnsupportedResource {
                address: r.address.clone(),
                resource_type: r.rtype.clone(),
                reason,
            }),
            Mapped::Ignored => *plumbing.entry(r.rtype.clone()).or_default() += 1,
        }
    }

    // Usage entries that match nothing are likely typos.
    let used: BTreeSet<&str> = resources
        .iter()
        .filter_map(|r| usage.entry_for(&r.address).map(|(k, _)| k))
        .collect();
    for key in usage.resources.keys() {
        if !used.contains(key.as_str()) {
            notes.push(format!(
                "usage entry [\"{key}\"] matches no resource of the plan"
            ));
        }
    }

    // Group identical resources.
    let mut groups: Vec<Group> = Vec::new();
    let mut imported = Vec::new();
    for item in items {
        notes.extend(item.notes.iter().cloned());
        imported.push(ImportedResource {
            address: item.address.clone(),
            block: item.kind.table().to_string(),
        });
        let foldable = item.kind.count_after().is_some();
        let existing = groups.iter_mut().find(|g| {
            foldable && g.kind == item.kind && g.label == item.label && g.fields == item.fields
        });
        match existing {
            Some(g) => g.addresses.push(item.address),
            None => groups.push(Group {
                kind: item.kind,
                label: item.label,
                fields: item.fields,
                addresses: vec![item.address],
            }),
        }
    }
    groups.sort_by(|a, b| (a.kind, &a.addresses).cmp(&(b.kind, &b.addresses)));

    // Emit.
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Scenario imported by vpceplan from Terraform plan {}.",
        comment_text(source_name)
    );
    out.push_str(
        "# Traffic is not in a plan: figures come from the usage file or default to 0, and every\n\
         # figure or count not known for the resource itself is marked \"# assumption: ...\".\n\
         # count = N folds N identical resources; gb_per_month, peak_gbps and queries_per_month\n\
         # are block totals (N x the per-resource figure; peaks taken as coinciding).\n",
    );
    if !unsupported.is_empty() {
        out.push_str("#\n# Not imported (vpceplan does not price these):\n");
        for u in &unsupported {
            let _ = writeln!(
                out,
                "#   {}: {}",
                comment_text(&u.address),
                comment_text(&u.reason)
            );
        }
    }
    if !plumbing.is_empty() {
        let list: Vec<String> = plumbing.iter().map(|(t, n)| format!("{t} x{n}")).collect();
        let _ = writeln!(
            out,
            "#\n# Left out, no charge of their own: {}",
            comment_text(&list.join(", "))
        );
    }
    if !notes.is_empty() {
        out.push_str("#\n# Notes:\n");
        for n in &notes {
            let _ = writeln!(out, "#   {}", comment_text(n));
        }
    }
    out.push('\n');
    if let Some(name) = &usage.name {
        push_line(&mut out, "name", &toml_string(name), None);
    }
    push_line(
        &mut out,
        "region",
        &toml_string(&region),
        region_assumption.as_deref(),
    );
    if let Some(h) = usage.hours_per_month {
        push_line(
            &mut out,
            "hours_per_month",
            &h.normalize().to_string(),
            None,
        );
    }

    for g in &groups {
        out.push('\n');
        let mut comment = g.addresses.join(", ");
        if let Some(label) = &g.label {
            comment = format!("{label}: {comment}");
        }
        let _ = writeln!(out, "# {}", comment_text(&comment));
        let _ = writeln!(out, "[[{}]]", g.kind.table());
        let n = g.addresses.len();
        let count = field("count", num(n), None);
        let scaled: Vec<Field> = g
            .fields
            .iter()
            .map(|f| scale_to_block(f, n, &g.addresses, source_name))
            .collect::<Result<_>>()?;
        let mut fields: Vec<&Field> = scaled.iter().collect();
        if let Some(after) = g.kind.count_after() {
            let pos = match after {
                None => 0,
                Some(key) => fields
                    .iter()
                    .position(|f| f.key == key)
                    .map_or(fields.len(), |p| p + 1),
            };
            fields.insert(pos, &count);
        }
        for f in fields {
            let value = value_text(&f.value);
            match (&f.assumption, f.total && n > 1) {
                (Some(a), _) => push_line(&mut out, f.key, &value, Some(a)),
                (None, true) => {
                    let _ = writeln!(out, "{} = {value}  # {}", f.key, per_resource(f, n));
                }
                (None, false) => push_line(&mut out, f.key, &value, None),
            }
            if let Some(text) = &f.assumption {
                assumptions.push(Assumption {
                    addresses: g.addresses.clone(),
                    field: f.key.to_string(),
                    text: text.clone(),
                });
            }
        }
    }

    Ok(TerraformImport {
        scenario_toml: out,
        region,
        imported,
        unsupported,
        assumptions,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names() {
        assert_eq!(
            split_service_name("com.amazonaws.us-east-1.ecr.dkr"),
            (Some("us-east-1".to_string()), "ecr.dkr".to_string())
        );
        assert_eq!(
            split_service_name("com.amazonaws.vpce.eu-west-1.vpce-svc-0abc"),
            (Some("eu-west-1".to_string()), "vpce-svc-0abc".to_string())
        );
        assert_eq!(
            split_service_name("com.amazonaws.us-gov-west-1.s3"),
            (Some("us-gov-west-1".to_string()), "s3".to_string())
        );
        assert_eq!(split_service_name("odd"), (None, "odd".to_string()));
    }

    #[test]
    fn instance_keys() {
        assert_eq!(strip_instance_key("aws_x.y[0]"), Some("aws_x.y"));
        assert_eq!(strip_instance_key("aws_x.y[\"a\"]"), Some("aws_x.y"));
        assert_eq!(strip_instance_key("aws_x.y"), None);
    }

    #[test]
    fn toml_strings_escape() {
        assert_eq!(toml_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
