//! Savings: from today's resources (the baseline `vpceplan import cur` writes) and the
//! traffic VPC flow logs show (`vpceplan import flow-logs`'s `traffic.csv`) to every
//! design the workload allows, with the saving of each against the baseline.
//!
//! The join, step by step (README, "vpceplan plan"):
//!
//! 1. **Blocks and resources.** A baseline block is labelled `ACCOUNT RESOURCE`
//!    (`111111111111 nat-0a1`); a `traffic.csv` row names its account and resource. They
//!    join on (account, resource); the block's table must be the row's resource kind.
//! 2. **How much, and what.** The bill says how many GB a NAT gateway or endpoint
//!    processed; the flow logs say what it was. A block's billed GB are split over its
//!    rows in proportion to the rows' bytes (exactly: the parts add up to the billed GB;
//!    the flow logs' own GB per month are shown beside them, never used as the volume).
//! 3. **What moves.** Traffic to a named AWS service moves: through a NAT gateway (source
//!    `spoke`), or through an interface endpoint (source `spoke`, `onprem`, `other-vpc`).
//!    `internet` and `private` traffic, `amazon` (an AWS address the IP ranges give to no
//!    one service) and services no endpoint serves ([`stays_at_nat`]) stay on the NAT
//!    gateway. A NAT gateway that carried only moving
//!    traffic moves whole (its hours too); one that keeps other traffic stays, with the GB
//!    that stay. An interface endpoint with traffic moves whole. Everything else (TGW
//!    attachments, Resolver endpoints, zones, checks, transfer, idle resources) stays.
//! 4. **Unattributed traffic is not planned on zero.** A NAT gateway or endpoint with GB
//!    in the bill and no `traffic.csv` row is an error naming the baseline's file, line
//!    and block; with `allow_unattributed` it stays as it is in every design (saving
//!    nothing, said in the output).
//! 5. **The workload, per Region.** The moving traffic per service and source;
//!    `spokes`: the distinct VPCs (ENI map `vpc` column) of the resources that carried
//!    spoke traffic, else the distinct accounts, unless given; `azs`: the most AZs any of
//!    those spokes used, unless given; peaks: the average rate of the month × the peak
//!    factor (bills and flow logs give volumes, not peaks). What stays is a fixed part of
//!    every design, priced with it (tiers apply to the Region's total).
//! 6. **Designs.** Each design of [`DESIGNS`] is compiled, priced and sized as `compare`
//!    does ([`crate::designs::compare::comparison`]), break-evens included. `nat` is left
//!    out in a Region whose NAT gateways stay for other traffic (the baseline already is
//!    "through the NAT gateways that are there anyway"; the per endpoint-AZ break-even
//!    against a shared NAT gateway answers that question).
//! 7. **Saving** = the Region's baseline cost − the design's cost (both exact; rounded to
//!    the cent only when printed), per month and × 12 per year.
//!
//! Pure: parsed inputs in, results out; the CLI reads and writes the files.

pub mod input;

use crate::designs::compare::{Assessed, Comparison, comparison};
use crate::engine::{Evaluation, avg_gbps, evaluate};
use crate::error::{Error, Result};
use crate::money::{fmt_qty, split_weighted};
use crate::pricing::PriceBook;
use crate::scenario::{
    CentralDns, Compare, DesignChoice, DesignKind, Direction, Kind, Layout, Resource, Scenario,
    ServiceTraffic, SesApiPath, Workload,
};
use input::{Source, TrafficRow};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// The designs a plan compiles, in display order.
pub const DESIGNS: &[&str] = &[
    "nat",
    "distributed",
    "centralized-profile",
    "centralized-phz",
    "gateway-where-possible",
    "gateway-only",
];

/// Why traffic a NAT gateway carried to `service` (a `traffic.csv` name) stays on it in
/// every design, or `None` when an endpoint can carry it. Names from `ip-ranges.json` and
/// `pkt-dst-aws-service` that no VPC endpoint serves stay: `internet`, `private`, `amazon`
/// (no one service: split it by hand), `ec2` (instance addresses, not the EC2 API),
/// CloudFront, Global Accelerator, public Route 53, WorkSpaces, Chime, IVS, MediaPackage,
/// Connect, Cloud9, and `execute-api` (the endpoint reaches private APIs only).
pub fn stays_at_nat(service: &str) -> Option<String> {
    Some(match service {
        "internet" | "private" => format!("`{service}` traffic is not an AWS service an endpoint serves"),
        "amazon" => "`amazon`: AWS addresses ip-ranges.json gives to no one service; split it by service in traffic.csv to plan it".to_string(),
        "ec2" => "`ec2`: EC2 instance addresses (others' public services), not the EC2 API; no endpoint carries it".to_string(),
        "execute-api" => "`execute-api`: the API Gateway endpoint reaches private APIs only; public APIs stay on NAT".to_string(),
        "ec2-instance-connect" | "cloudfront" | "cloudfront-origin-facing" | "globalaccelerator"
        | "route53" | "route53-healthchecks" | "route53-healthchecks-publishing"
        | "route53-resolver" | "workspaces-gateways" | "chime-meetings"
        | "chime-voiceconnector" | "ivs-realtime" | "media-package-v2" | "amazon-connect"
        | "cloud9" => format!("`{service}`: no VPC endpoint carries this traffic"),
        _ => return None,
    })
}

/// Options of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Spokes of every Region's workload (default: counted, see the module header).
    pub spokes: Option<u64>,
    /// AZs of each spoke (default: counted).
    pub azs: Option<u64>,
    /// Peak Gbps = average Gbps of the month × this factor.
    pub peak_factor: f64,
    /// Keep NAT gateways and endpoints whose traffic no flow-log row explains as they are
    /// (else an error).
    pub allow_unattributed: bool,
    /// Designs to compile (names of [`DESIGNS`]); empty: all.
    pub designs: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            spokes: None,
            azs: None,
            peak_factor: 1.0,
            allow_unattributed: false,
            designs: Vec::new(),
        }
    }
}

/// What became of a share of a baseline block's traffic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Moves into the workload the designs serve.
    Moves,
    /// Stays where it is in every design, with the reason.
    Stays(String),
    /// The bill has GB for the block but no flow-log row explains them.
    Unattributed,
}

impl Outcome {
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Moves => "moves",
            Outcome::Stays(_) => "stays",
            Outcome::Unattributed => "unattributed",
        }
    }
}

/// One row of the join: a share of a baseline block's billed GB.
#[derive(Debug, Clone, PartialEq)]
pub struct AttrRow {
    pub region: String,
    pub account: String,
    pub resource: String,
    /// The baseline block (`nat_gateway[1]`).
    pub block: String,
    /// Line of the block's `name` in the baseline file.
    pub block_line: Option<usize>,
    /// Service (`s3`...; empty when unattributed).
    pub service: String,
    /// `spoke`, `onprem`, `other-vpc` (empty when unattributed).
    pub source: String,
    /// Line in `traffic.csv` (None when unattributed).
    pub traffic_line: Option<usize>,
    pub flow_bytes: u64,
    /// The flow logs' own GB per month for the row.
    pub flow_gb_per_month: Decimal,
    /// The block's GB in the bill.
    pub billed_gb: Decimal,
    /// The share of `billed_gb` this row carries.
    pub gb: Decimal,
    pub outcome: Outcome,
}

/// One service's moving traffic in a Region, and where it ran in the baseline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Moving {
    pub spoke_gb: Decimal,
    pub onprem_gb: Decimal,
    pub other_vpc_gb: Decimal,
    /// `NAT gateway`, `interface endpoint`.
    pub from: BTreeSet<&'static str>,
}

impl Moving {
    pub fn total(&self) -> Decimal {
        self.spoke_gb + self.onprem_gb + self.other_vpc_gb
    }
}

/// One design against the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Saving {
    pub design: String,
    /// The design's monthly cost (what stays + the design), when valid and priced.
    pub monthly: Option<Decimal>,
    /// Baseline − design, per month.
    pub saving: Option<Decimal>,
    /// Which traffic moves where, in words.
    pub moves: String,
}

/// The plan of one Region.
#[derive(Debug, Clone)]
pub struct RegionPlan {
    pub region: String,
    /// The baseline's blocks in this Region, priced and sized.
    pub baseline: std::result::Result<Evaluation, String>,
    /// Moving traffic per service.
    pub moving: BTreeMap<String, Moving>,
    pub spokes: u64,
    pub azs: u64,
    /// How spokes and AZs were found, in words.
    pub shape_from: String,
    /// The scenario the designs compile: what stays + the workload.
    pub scenario: Option<Scenario>,
    /// Designs compared (`None`: nothing moves in this Region).
    pub comparison: Option<Comparison>,
    pub savings: Vec<Saving>,
    pub notes: Vec<String>,
}

impl RegionPlan {
    /// The valid design with the largest saving (first in display order on a tie).
    pub fn best(&self) -> Option<&Saving> {
        let mut best: Option<&Saving> = None;
        for s in &self.savings {
            if let Some(v) = s.saving
                && best.and_then(|b| b.saving).is_none_or(|b| v > b)
            {
                best = Some(s);
            }
        }
        best
    }

    /// The assessed design of a saving.
    pub fn assessed(&self, design: &str) -> Option<&Assessed> {
        self.comparison
            .as_ref()?
            .designs
            .iter()
            .find(|a| a.plan.design == design)
    }
}

/// A whole plan.
#[derive(Debug, Clone)]
pub struct BaselinePlan {
    pub baseline_name: String,
    pub baseline_file: String,
    pub traffic_file: String,
    pub hours_per_month: u32,
    pub peak_factor: f64,
    pub regions: Vec<RegionPlan>,
    pub attribution: Vec<AttrRow>,
    pub notes: Vec<String>,
}

impl BaselinePlan {
    /// The whole baseline's cost (sum of the Regions').
    pub fn baseline_monthly(&self) -> Option<Decimal> {
        let mut t = Decimal::ZERO;
        for r in &self.regions {
            t += r.baseline.as_ref().ok()?.monthly;
        }
        Some(t)
    }

    /// Saving of the best design of every Region together.
    pub fn best_saving(&self) -> Decimal {
        self.regions
            .iter()
            .filter_map(|r| r.best().and_then(|b| b.saving))
            .filter(|s| *s > Decimal::ZERO)
            .sum()
    }

    /// GB per month of the baseline's traffic no flow-log row explains.
    pub fn unattributed_gb(&self) -> Decimal {
        self.attribution
            .iter()
            .filter(|a| a.outcome == Outcome::Unattributed)
            .map(|a| a.gb)
            .sum()
    }
}

/// `ACCOUNT RESOURCE` of a baseline label (`111111111111 nat-0a1`, `... #2`).
pub fn split_label(label: &str) -> Option<(&str, &str)> {
    let (account, rest) = label.split_once(' ')?;
    let resource = rest.split(" #").next().unwrap_or(rest).trim();
    if account.is_empty() || resource.is_empty() || resource.contains(' ') {
        return None;
    }
    Some((account, resource))
}

/// Lines of the `name = "..."` keys in the baseline's text, by name (first wins): one pass,
/// so a baseline of many thousand blocks is indexed in linear time.
fn name_lines(src: &str) -> std::collections::HashMap<String, usize> {
    let mut out = std::collections::HashMap::new();
    for (i, l) in src.lines().enumerate() {
        let t = l.trim_start();
        let Some(rest) = t.strip_prefix("name") else {
            continue;
        };
        let Some(v) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        // The value alone (a comment may follow); parsed as TOML so escapes read back.
        if let Ok(toml::Value::String(name)) =
            toml::from_str::<toml::Table>(&format!("v = {}", v.trim()))
                .map(|mut t| t.remove("v").unwrap_or(toml::Value::Boolean(false)))
        {
            out.entry(name).or_insert(i + 1);
        }
    }
    out
}

fn resource_kind_of(kind: &Kind) -> Option<&'static str> {
    match kind {
        Kind::NatGateway { .. } => Some("nat_gateway"),
        Kind::InterfaceEndpoint { .. } => Some("interface_endpoint"),
        _ => None,
    }
}

fn from_label(kind: &str) -> &'static str {
    if kind == "nat_gateway" {
        "NAT gateway"
    } else {
        "interface endpoint"
    }
}

/// The VPC of each (account, resource), from the flow-log import's ENI map (`vpc` column).
pub type VpcMap = BTreeMap<(String, String), String>;

/// Plan a baseline. `baseline_src` is the baseline's text (for line numbers),
/// `traffic` the rows of `traffic_file`, `vpcs` the VPC of each resource when known.
pub fn plan(
    baseline: &Scenario,
    baseline_src: &str,
    traffic: &[TrafficRow],
    traffic_file: &str,
    vpcs: Option<&VpcMap>,
    opts: &Options,
    book: &PriceBook,
) -> Result<BaselinePlan> {
    let designs = design_choices(opts)?;
    if !(opts.peak_factor.is_finite() && opts.peak_factor > 0.0) {
        return Err(Error::Msg(format!(
            "peak factor {} must be a positive number\n  hint: use e.g. --peak-factor 3 (peak Gbps = 3 × the month's average rate)",
            opts.peak_factor
        )));
    }
    let mut by_resource: BTreeMap<(&str, &str), Vec<&TrafficRow>> = BTreeMap::new();
    for r in traffic {
        by_resource
            .entry((r.account.as_str(), r.resource.as_str()))
            .or_default()
            .push(r);
    }
    let mut used: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut notes: Vec<String> = Vec::new();
    let mut attribution: Vec<AttrRow> = Vec::new();
    // Per Region: blocks that stay, moving traffic, spoke keys and AZs seen per spoke.
    #[derive(Default)]
    struct Acc {
        staying: Vec<Resource>,
        moving: BTreeMap<String, Moving>,
        spoke_azs: BTreeMap<String, BTreeSet<String>>,
        vpc_known: bool,
    }
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    let mut unattributed: Vec<String> = Vec::new();
    let lines = name_lines(baseline_src);
    let vpc_of = |account: &str, resource: &str| -> Option<String> {
        vpcs?
            .get(&(account.to_string(), resource.to_string()))
            .filter(|v| !v.is_empty())
            .cloned()
    };
    for r in &baseline.resources {
        let a = acc.entry(r.region.clone()).or_default();
        let kind = resource_kind_of(&r.kind);
        let key = split_label(&r.label);
        let line = lines.get(&r.label).copied();
        let (Some(kind), Some((account, resource))) = (kind, key) else {
            a.staying.push(r.clone());
            continue;
        };
        let rows: Vec<&TrafficRow> = by_resource
            .get(&(account, resource))
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|t| t.resource_kind == kind)
                    .collect()
            })
            .unwrap_or_default();
        let base = |service: &str, source: &str, t: Option<&TrafficRow>, gb, outcome| AttrRow {
            region: r.region.clone(),
            account: account.to_string(),
            resource: resource.to_string(),
            block: r.block.clone(),
            block_line: line,
            service: service.to_string(),
            source: source.to_string(),
            traffic_line: t.map(|t| t.line),
            flow_bytes: t.map_or(0, |t| t.bytes),
            flow_gb_per_month: t.map_or(Decimal::ZERO, |t| t.gb_per_month),
            billed_gb: r.gb_per_month,
            gb,
            outcome,
        };
        let weights: Vec<u64> = rows.iter().map(|t| t.bytes).collect();
        if rows.is_empty() || weights.iter().all(|w| *w == 0) || r.gb_per_month.is_zero() {
            if r.gb_per_month.is_zero() {
                notes.push(format!(
                    "{} ({}): idle, no GB in the bill and none in the flow logs; it stays in every design (delete it to save its hours)",
                    r.label, r.block
                ));
            } else {
                unattributed.push(format!(
                    "{}:{}: `{}.gb_per_month`: {} ({}) has {} GB a month in the bill and no row of {} names account {account} resource {resource}",
                    baseline.file,
                    line.map(|l| l.to_string()).unwrap_or_else(|| "?".into()),
                    r.block,
                    r.label,
                    crate::rules::of(&r.kind).table,
                    fmt_qty(r.gb_per_month),
                    traffic_file,
                ));
                attribution.push(base("", "", None, r.gb_per_month, Outcome::Unattributed));
            }
            a.staying.push(r.clone());
            continue;
        }
        used.insert((account, resource));
        let parts = split_weighted(r.gb_per_month, &weights);
        let mut stays_gb = Decimal::ZERO;
        for (t, gb) in rows.iter().zip(parts) {
            let stays = if kind != "nat_gateway" {
                None
            } else if t.source != Source::Spoke {
                Some(format!("{} traffic at a NAT gateway", t.source.id()))
            } else {
                stays_at_nat(&t.service)
            };
            let outcome = if let Some(why) = stays {
                stays_gb += gb;
                Outcome::Stays(why)
            } else {
                let m = a.moving.entry(t.service.clone()).or_default();
                match t.source {
                    Source::Spoke => m.spoke_gb += gb,
                    Source::OnPrem => m.onprem_gb += gb,
                    Source::OtherVpc => m.other_vpc_gb += gb,
                }
                m.from.insert(from_label(kind));
                if t.source == Source::Spoke {
                    let vpc = vpc_of(account, resource);
                    a.vpc_known |= vpc.is_some();
                    let spoke = vpc.unwrap_or_else(|| format!("account {account}"));
                    let azs = a.spoke_azs.entry(spoke).or_default();
                    if !t.az.is_empty() {
                        azs.insert(t.az.clone());
                    }
                }
                Outcome::Moves
            };
            if t.region != r.region {
                notes.push(format!(
                    "{} line {}: Region {} differs from the baseline block {}'s {}; the block's Region is used",
                    traffic_file, t.line, t.region, r.block, r.region
                ));
            }
            attribution.push(base(&t.service, t.source.id(), Some(t), gb, outcome));
        }
        if kind == "nat_gateway" && !stays_gb.is_zero() {
            let mut kept = r.clone();
            kept.gb_per_month = stays_gb;
            a.staying.push(kept);
        }
    }
    if !unattributed.is_empty() && !opts.allow_unattributed {
        return Err(Error::Msg(format!(
            "{} baseline block(s) carry traffic no flow-log row explains; planning would count it as nothing:\n{}\n  hint: add the resources' ENIs to the --enis map of `vpceplan import flow-logs` (flow logs on those ENIs), or pass --allow-unattributed to keep them as they are in every design",
            unattributed.len(),
            unattributed.join("\n")
        )));
    }
    for u in &unattributed {
        notes.push(format!("unattributed, kept as it is in every design: {u}"));
    }
    let unmatched: Vec<&TrafficRow> = traffic
        .iter()
        .filter(|t| !used.contains(&(t.account.as_str(), t.resource.as_str())))
        .collect();
    if !unmatched.is_empty() {
        let shown: Vec<String> = unmatched
            .iter()
            .take(5)
            .map(|t| {
                format!(
                    "line {} ({} {} {})",
                    t.line, t.account, t.resource_kind, t.resource
                )
            })
            .collect();
        notes.push(format!(
            "{} row(s) of {} match no NAT gateway or endpoint block of the baseline and are left out: {}{}",
            unmatched.len(),
            traffic_file,
            shown.join(", "),
            if unmatched.len() > 5 { ", ..." } else { "" }
        ));
    }
    let mut regions = Vec::new();
    for (region, a) in acc {
        let mut rnotes = Vec::new();
        let mut base = baseline.clone();
        base.name = format!("{}/{region}/baseline", baseline.name);
        base.resources = baseline
            .resources
            .iter()
            .filter(|r| r.region == region)
            .cloned()
            .collect();
        base.expect = Default::default();
        let base_eval = evaluate(&base, book).map_err(|e| e.to_string());
        let moving: BTreeMap<String, Moving> = a
            .moving
            .into_iter()
            .filter(|(_, m)| !m.total().is_zero())
            .collect();
        if moving.is_empty() {
            regions.push(RegionPlan {
                region,
                baseline: base_eval,
                moving,
                spokes: 0,
                azs: 0,
                shape_from: String::new(),
                scenario: None,
                comparison: None,
                savings: Vec::new(),
                notes: vec![
                    "no AWS-service traffic to move in this Region: nothing to plan".into(),
                ],
            });
            continue;
        }
        let counted_spokes = a.spoke_azs.len().max(1) as u64;
        let counted_azs = a
            .spoke_azs
            .values()
            .map(|s| s.len())
            .max()
            .unwrap_or(0)
            .max(1) as u64;
        let spokes = opts.spokes.unwrap_or(counted_spokes);
        let azs = opts.azs.unwrap_or(counted_azs);
        let shape_from = format!(
            "{} spoke(s) {}, {} AZ(s) {}",
            spokes,
            if opts.spokes.is_some() {
                "as given".to_string()
            } else if a.spoke_azs.is_empty() {
                "(only remote clients: the entry VPC)".to_string()
            } else if a.vpc_known {
                "counted as the VPCs of the ENI map".to_string()
            } else {
                "counted as accounts (no ENI map with a vpc column)".to_string()
            },
            azs,
            if opts.azs.is_some() {
                "as given"
            } else {
                "counted as the most AZs of a spoke in the flow logs"
            }
        );
        let hours = baseline.hours_per_month;
        let peak = |gb: Decimal| avg_gbps(gb, hours) * opts.peak_factor;
        let n = Decimal::from(spokes);
        let services: Vec<ServiceTraffic> = moving
            .iter()
            .map(|(svc, m)| {
                let per_spoke = m.spoke_gb / n;
                ServiceTraffic {
                    service: svc.clone(),
                    gb_per_month_per_spoke: per_spoke,
                    peak_gbps_per_spoke: peak(per_spoke),
                    onprem_gb_per_month: m.onprem_gb,
                    other_vpc_gb_per_month: m.other_vpc_gb,
                    other_region_gb_per_month: Decimal::ZERO,
                    remote_peak_gbps: peak(m.onprem_gb + m.other_vpc_gb),
                    public_endpoint: true,
                    requests_per_month_per_spoke: Decimal::ZERO,
                }
            })
            .collect();
        let has_tgw = a
            .staying
            .iter()
            .any(|r| matches!(r.kind, Kind::TgwAttachment { .. }));
        if has_tgw {
            rnotes.push("the baseline has TGW attachments here: centralized designs add only TGW data processing (existing attachments)".into());
        }
        let has_inbound = a.staying.iter().any(|r| {
            matches!(
                r.kind,
                Kind::ResolverEndpoint {
                    direction: Direction::Inbound,
                    ..
                }
            )
        });
        if has_inbound {
            rnotes.push("the baseline's Resolver inbound endpoint stays: designs add none".into());
        }
        let workload = Workload {
            spokes,
            azs: (1..=azs).map(|i| format!("az{i}")).collect(),
            hub_azs: None,
            services,
            dns_queries_per_month: Decimal::ZERO,
            dns_peak_qps: 0.0,
            resolver_inbound: if has_inbound { Some(false) } else { None },
            resolver_ips: 2,
            existing_tgw_attachments: has_tgw,
            // The baseline's AWS-service traffic; its on-premises links are in the
            // baseline's blocks that stay, not a design's.
            pattern: crate::scenario::Pattern::Services,
            transport: None,
            // The baseline's accounts as they are (one layout); no cross-Region sets,
            // connection counts or SES API traffic are known from a bill.
            layout: Layout::Single,
            response_share: Decimal::new(5, 1),
            connections_per_destination: 0.0,
            ses_api_gb_per_month_per_spoke: Decimal::ZERO,
            ses_api_path: SesApiPath::Nat,
        };
        // NAT gateways that stay: those keeping other traffic, and idle or unattributed ones.
        let kept_nat: u64 = a
            .staying
            .iter()
            .filter(|r| matches!(r.kind, Kind::NatGateway { .. }))
            .map(|r| r.count)
            .sum();
        let mut choices = designs.clone();
        if kept_nat > 0 && choices.iter().any(|d| d.kind == DesignKind::Nat) {
            choices.retain(|d| d.kind != DesignKind::Nat);
            rnotes.push(format!(
                "nat: not compiled: {kept_nat} NAT gateway(s) stay here (other traffic, idle or unattributed); the baseline already sends the service traffic through them"
            ));
        }
        let mut scenario = baseline.clone();
        scenario.name = format!("{}/{region}", baseline.name);
        scenario.region = region.clone();
        scenario.resources = a.staying;
        scenario.expect = Default::default();
        scenario.expect_designs = Default::default();
        scenario.failover = None;
        scenario.workload = Some(workload);
        scenario.compare = Compare {
            designs: choices,
            centralized_dns: CentralDns::Route53Profile,
            split_on_quota: Default::default(),
        };
        let cmp = comparison(&scenario, book);
        let base_monthly = base_eval.as_ref().ok().map(|e| e.monthly);
        let savings = cmp
            .designs
            .iter()
            .map(|d| {
                let monthly = d.ok().map(|e| e.monthly);
                Saving {
                    design: d.plan.design.clone(),
                    monthly,
                    saving: match (base_monthly, monthly) {
                        (Some(b), Some(m)) => Some(b - m),
                        _ => None,
                    },
                    moves: d
                        .plan
                        .kind
                        .map(|k| moves_words(k, &moving))
                        .unwrap_or_default(),
                }
            })
            .collect();
        regions.push(RegionPlan {
            region,
            baseline: base_eval,
            moving,
            spokes,
            azs,
            shape_from,
            scenario: Some(scenario),
            comparison: Some(cmp),
            savings,
            notes: rnotes,
        });
    }
    Ok(BaselinePlan {
        baseline_name: baseline.name.clone(),
        baseline_file: baseline.file.clone(),
        traffic_file: traffic_file.to_string(),
        hours_per_month: baseline.hours_per_month,
        peak_factor: opts.peak_factor,
        regions,
        attribution,
        notes,
    })
}

fn design_choices(opts: &Options) -> Result<Vec<DesignChoice>> {
    let names: Vec<String> = if opts.designs.is_empty() {
        DESIGNS.iter().map(|s| s.to_string()).collect()
    } else {
        opts.designs.clone()
    };
    let mut out: Vec<DesignChoice> = Vec::new();
    for n in names {
        let kind = DesignKind::parse(&n, CentralDns::Route53Profile).ok_or_else(|| {
            Error::Msg(format!(
                "unknown design `{n}`\n  hint: use one or more of {}",
                DesignKind::NAMES.join(", ")
            ))
        })?;
        if out.iter().any(|d| d.name == n) {
            continue;
        }
        out.push(DesignChoice { name: n, kind });
    }
    Ok(out)
}

/// Where a design sends a service's traffic.
fn destination(kind: DesignKind, service: &str, remote: bool) -> &'static str {
    let gateway = crate::scenario::GATEWAY_SERVICES.contains(&service);
    match kind {
        DesignKind::Nat => "NAT gateway",
        DesignKind::Distributed => "interface endpoint",
        DesignKind::Centralized(_) => "hub interface endpoint over TGW",
        DesignKind::GatewayWherePossible if gateway && !remote => "gateway endpoint",
        DesignKind::GatewayOnly if gateway => "gateway endpoint",
        _ => "interface endpoint",
    }
}

/// Which traffic moves where under a design, in words:
/// `s3 8000 GB: NAT gateway → gateway endpoint; ...`.
pub fn moves_words(kind: DesignKind, moving: &BTreeMap<String, Moving>) -> String {
    let mut parts = Vec::new();
    for (svc, m) in moving {
        let from = m.from.iter().copied().collect::<Vec<_>>().join(" + ");
        let mut add = |gb: Decimal, remote: bool, what: &str| {
            if gb.is_zero() {
                return;
            }
            let to = destination(kind, svc, remote);
            let gb = fmt_qty(gb.round_dp_with_strategy(6, crate::money::ROUNDING));
            if from == to {
                parts.push(format!("{svc}{what} {gb} GB: stays on {to}"));
            } else {
                parts.push(format!("{svc}{what} {gb} GB: {from} → {to}"));
            }
        };
        add(m.spoke_gb, false, "");
        add(m.onprem_gb + m.other_vpc_gb, true, " (remote)");
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests;
