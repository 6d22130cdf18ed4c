//! Designs: a workload (what VPCs need) compiled into the core's explicit
//! [`Resource`]s, one scenario per design, so that line items and capacity rows stay the
//! one source of truth.
//!
//! - `nat`: service traffic leaves through NAT gateways, one per AZ per spoke.
//! - `distributed`: interface endpoints for each service in each spoke, in each AZ.
//! - `centralized`: endpoints once in a hub VPC; spokes and hub get TGW attachments; DNS
//!   shared through a Route 53 Profile or shared private hosted zones.
//! - `gateway-where-possible`: S3/DynamoDB in-VPC traffic through free gateway endpoints,
//!   interface endpoints only where a gateway endpoint cannot serve (remote clients).
//! - `gateway-only`: all S3/DynamoDB traffic through gateway endpoints; invalid when
//!   on-premises, other-VPC or other-Region clients use them.
//!
//! A design that cannot serve the workload is still compiled (so it can be shown) but
//! carries the reason it is invalid, and is never priced as if it worked.
//!
//! Pure: scenario in, scenarios out; no I/O, no price lookups.

pub mod breakeven;
pub mod compare;
pub mod failover;

use crate::engine::avg_gbps;
use crate::scenario::{
    CentralDns, DesignChoice, DesignKind, Direction, Expect, Kind, Resource, Role,
    SES_SMTP_UNSUPPORTED_AZ_IDS, Scenario, ServiceTraffic, Workload,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// How far a design's shared resources reach when something goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlastRadius {
    /// Each VPC has its own path: a failure or security event stays in that VPC.
    PerVpc,
    /// One hub serves every spoke: a hub failure or a compromised endpoint policy
    /// reaches all of them.
    Hub { spokes: u64 },
}

impl BlastRadius {
    /// Short code for CSV.
    pub fn code(self) -> &'static str {
        match self {
            BlastRadius::PerVpc => "per-vpc",
            BlastRadius::Hub { .. } => "hub",
        }
    }
}

impl std::fmt::Display for BlastRadius {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BlastRadius::PerVpc => f.write_str("per VPC"),
            BlastRadius::Hub { spokes } => write!(f, "WIDE: hub serves {spokes} spokes"),
        }
    }
}

/// How hard least-privilege endpoint policies are (seed, security objectives post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeastPrivilege {
    /// One endpoint policy per VPC: each can name just that VPC's principals.
    PerVpc,
    /// One policy per service must admit every spoke's principals and resources.
    Shared { spokes: u64 },
    /// No endpoint: traffic leaves through NAT, no endpoint policy to scope.
    NoEndpointPolicy,
}

impl LeastPrivilege {
    /// Short code for CSV.
    pub fn code(self) -> &'static str {
        match self {
            LeastPrivilege::PerVpc => "easy",
            LeastPrivilege::Shared { .. } => "hard",
            LeastPrivilege::NoEndpointPolicy => "none",
        }
    }
}

impl std::fmt::Display for LeastPrivilege {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LeastPrivilege::PerVpc => f.write_str("easy: policy per VPC"),
            LeastPrivilege::Shared { spokes } => {
                write!(f, "HARD: one policy for {spokes} spokes")
            }
            LeastPrivilege::NoEndpointPolicy => f.write_str("none: no endpoint policy"),
        }
    }
}

/// The qualitative columns of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    pub blast_radius: BlastRadius,
    pub least_privilege: LeastPrivilege,
}

/// How a design fares when a whole Region is lost.
#[derive(Debug, Clone, PartialEq)]
pub enum RegionLoss {
    /// No failover setup: one Region, nothing to fail over to.
    SingleRegion,
    /// The surviving Region has nothing provisioned to carry the traffic.
    NotProvisioned { lost: String },
    /// For each Region that may be lost (the primary for active-passive, either for
    /// active-active): the surviving Region's resources carrying all the traffic, to be
    /// sized by the engine.
    Check { cases: Vec<(String, Scenario)> },
}

/// One design compiled from a workload scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The design's name as the scenario wrote it (`nat`, `centralized-phz`, `provider`).
    pub design: String,
    /// `None` for a provider failover setup.
    pub kind: Option<DesignKind>,
    /// The compiled scenario, named `<scenario>/<design>`.
    pub scenario: Scenario,
    /// Why the design cannot serve the workload; `None` when it can.
    pub invalid: Option<String>,
    pub flags: Flags,
    /// GB per month of the workload (the denominator of USD per GB).
    pub traffic_gb: Decimal,
    pub region_loss: RegionLoss,
}

/// Scaling applied to a workload (break-even analysis): traffic multiplier and spokes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Multiplies every GB and peak figure of the workload (1 = as written).
    pub traffic: Decimal,
    /// Replaces the workload's spoke count when set.
    pub spokes: Option<u64>,
}

impl Scale {
    /// The workload as written.
    pub const ONE: Scale = Scale {
        traffic: Decimal::ONE,
        spokes: None,
    };
}

/// Whether a scenario is compiled into designs (it has a workload or a failover setup).
pub fn is_compiled(s: &Scenario) -> bool {
    s.workload.is_some() || s.failover.is_some()
}

/// Every design of a scenario, compiled as written. Empty for explicit scenarios.
pub fn plans(s: &Scenario) -> Vec<Plan> {
    names(s)
        .into_iter()
        .map(|d| compile(s, &d, Scale::ONE))
        .collect()
}

/// The designs a scenario compiles: `[compare]`'s, or `provider` for a provider setup.
pub fn names(s: &Scenario) -> Vec<Option<DesignChoice>> {
    if s.failover
        .as_ref()
        .is_some_and(|f| f.role == Role::Provider)
    {
        return vec![None];
    }
    if s.workload.is_none() {
        return Vec::new();
    }
    s.compare.designs.iter().cloned().map(Some).collect()
}

/// The pins of one design.
pub fn expect_of<'a>(s: &'a Scenario, design: &str) -> Option<&'a Expect> {
    s.expect_designs.get(design)
}

/// The workload with a scale applied.
pub fn scaled(w: &Workload, scale: Scale) -> Workload {
    let mut w = w.clone();
    if let Some(n) = scale.spokes {
        w.spokes = n;
    }
    if scale.traffic != Decimal::ONE {
        let f = scale.traffic.to_f64().unwrap_or(0.0);
        for s in &mut w.services {
            s.gb_per_month_per_spoke *= scale.traffic;
            s.onprem_gb_per_month *= scale.traffic;
            s.other_vpc_gb_per_month *= scale.traffic;
            s.other_region_gb_per_month *= scale.traffic;
            s.peak_gbps_per_spoke *= f;
            s.remote_peak_gbps *= f;
        }
    }
    w
}

/// Compile one design (`None`: the provider setup) of a scenario at a scale.
pub fn compile(s: &Scenario, design: &Option<DesignChoice>, scale: Scale) -> Plan {
    let w = s.workload.as_ref().map(|w| scaled(w, scale));
    match &s.failover {
        Some(f) => failover::compile(s, f, w.as_ref(), design.as_ref()),
        None => {
            // `names` yields designs only for scenarios with a workload.
            let w = w.unwrap_or_else(empty_workload);
            let d = design.clone().unwrap_or(DesignChoice {
                name: "distributed".into(),
                kind: DesignKind::Distributed,
            });
            let mut res = s.resources.clone();
            let ctx = RegionCtx {
                region: &s.region,
                azs: &w.azs,
                hub_azs: w.hub_azs.as_deref().unwrap_or(&w.azs),
                share: Decimal::ONE,
                sets: vec![None],
                tag: String::new(),
                hours: s.hours_per_month,
            };
            res.extend(region_resources(&w, d.kind, &ctx));
            finish(s, &d.name, Some(d.kind), res, &w, RegionLoss::SingleRegion)
        }
    }
}

fn empty_workload() -> Workload {
    Workload {
        spokes: 1,
        azs: vec!["az1".into(), "az2".into()],
        hub_azs: None,
        services: Vec::new(),
        dns_queries_per_month: Decimal::ZERO,
        dns_peak_qps: 0.0,
        resolver_inbound: Some(false),
        resolver_ips: 2,
        existing_tgw_attachments: false,
    }
}

/// Name, renumber and validate a compiled design.
pub(crate) fn finish(
    s: &Scenario,
    design: &str,
    kind: Option<DesignKind>,
    resources: Vec<Resource>,
    w: &Workload,
    region_loss: RegionLoss,
) -> Plan {
    let mut c = s.clone();
    c.name = format!("{}/{design}", s.name);
    c.resources = renumber(resources);
    c.expect = s.expect_designs.get(design).cloned().unwrap_or_default();
    c.workload = None;
    c.failover = None;
    c.expect_designs = Default::default();
    let region_loss = match region_loss {
        RegionLoss::Check { cases } => RegionLoss::Check {
            cases: cases
                .into_iter()
                .map(|(lost, mut survivor)| {
                    survivor.name = format!("{}/{design} ({lost} lost)", s.name);
                    survivor.resources = renumber(survivor.resources);
                    survivor.expect = Expect::default();
                    survivor.workload = None;
                    survivor.failover = None;
                    survivor.expect_designs = Default::default();
                    (lost, survivor)
                })
                .collect(),
        },
        other => other,
    };
    let invalid = kind
        .and_then(|k| invalid_reason(w, k))
        .or_else(|| ses_reason(&c.resources));
    Plan {
        design: design.to_string(),
        kind,
        flags: flags(kind, w.spokes),
        traffic_gb: w.total_gb(),
        scenario: c,
        invalid,
        region_loss,
    }
}

/// Give compiled blocks ids `table[i]`, numbered per table in order.
fn renumber(mut rs: Vec<Resource>) -> Vec<Resource> {
    let mut seen: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for r in &mut rs {
        let t = r.kind.table();
        let i = seen.entry(t).or_insert(0);
        r.block = format!("{t}[{i}]");
        *i += 1;
    }
    rs
}

/// The qualitative flags of a design.
pub fn flags(kind: Option<DesignKind>, spokes: u64) -> Flags {
    match kind {
        Some(DesignKind::Nat) => Flags {
            blast_radius: BlastRadius::PerVpc,
            least_privilege: LeastPrivilege::NoEndpointPolicy,
        },
        Some(DesignKind::Centralized(_)) => Flags {
            blast_radius: BlastRadius::Hub { spokes },
            least_privilege: LeastPrivilege::Shared { spokes },
        },
        _ => Flags {
            blast_radius: BlastRadius::PerVpc,
            least_privilege: LeastPrivilege::PerVpc,
        },
    }
}

/// Why a design cannot serve a workload, by the rules the seed states.
pub fn invalid_reason(w: &Workload, kind: DesignKind) -> Option<String> {
    match kind {
        DesignKind::Nat => {
            if let Some(s) = w.services.iter().find(|s| !s.public_endpoint) {
                return Some(format!(
                    "`{}` has no public endpoint: only PrivateLink endpoints reach it, not a NAT gateway",
                    s.service
                ));
            }
            if let Some(s) = w.services.iter().find(|s| !s.remote_gb().is_zero()) {
                return Some(format!(
                    "`{}` has {} clients: a NAT gateway serves only its own VPC; clients outside it need interface endpoints (seed: S3 strategy and Lambda posts)",
                    s.service,
                    s.remote_kinds().join(" and ")
                ));
            }
            if w.has_onprem_clients() {
                return Some(
                    "the workload has on-premises clients: they reach AWS services privately only through interface endpoints (seed: Lambda post)".into(),
                );
            }
            None
        }
        DesignKind::GatewayOnly => w
            .services
            .iter()
            .find(|s| s.has_gateway() && !s.remote_gb().is_zero())
            .map(gateway_reason),
        DesignKind::Centralized(CentralDns::SharedPhz) => {
            w.services.iter().find(|s| s.service == "aoss").map(|_| {
                "`aoss` behind a hub endpoint cannot be resolved from spokes through shared private hosted zones: its records point into a hidden AWS-managed zone (seed: OpenSearch Serverless post); use a Route 53 Profile".to_string()
            })
        }
        _ => None,
    }
}

fn gateway_reason(s: &ServiceTraffic) -> String {
    format!(
        "a gateway endpoint cannot serve the {} traffic of `{}`: gateway endpoints serve only their own VPC, not on-premises, other-Region or other-VPC clients (seed: S3 strategy post)",
        s.remote_kinds().join(" and "),
        s.service
    )
}

/// An SES SMTP interface endpoint in an AZ ID where SES does not offer one.
pub fn ses_reason(rs: &[Resource]) -> Option<String> {
    for r in rs {
        if let Kind::InterfaceEndpoint { service } = &r.kind
            && service == "email-smtp"
            && let Some(bad) = r
                .azs
                .iter()
                .find(|a| SES_SMTP_UNSUPPORTED_AZ_IDS.contains(&a.as_str()))
        {
            return Some(format!(
                "Amazon SES SMTP endpoints are not offered in AZ ID {bad} ({}); SES does not offer them in {}",
                r.label,
                SES_SMTP_UNSUPPORTED_AZ_IDS.join(", ")
            ));
        }
    }
    None
}

/// Where one Region's share of a design is compiled.
pub(crate) struct RegionCtx<'a> {
    pub region: &'a str,
    pub azs: &'a [String],
    pub hub_azs: &'a [String],
    /// Share of the workload's traffic this Region carries (1, ½ or 0).
    pub share: Decimal,
    /// Endpoint sets per interface service: `None` for a plain endpoint, `Some(r)` for
    /// the set reaching Region `r`'s service (cross-Region sets). Traffic goes to the
    /// plain set, or to the set reaching this Region's own service.
    pub sets: Vec<Option<String>>,
    /// Label suffix (the Region, in failover setups).
    pub tag: String,
    pub hours: u32,
}

impl RegionCtx<'_> {
    fn label(&self, s: &str) -> String {
        if self.tag.is_empty() {
            s.to_string()
        } else {
            format!("{s} ({})", self.tag)
        }
    }

    fn set_label(&self, service: &str, set: &Option<String>, what: &str) -> String {
        let base = match set {
            Some(r) => format!("{service} → {r} service{what}"),
            None => format!("{service}{what}"),
        };
        self.label(&base)
    }

    fn carries(&self, set: &Option<String>) -> bool {
        match set {
            None => true,
            Some(r) => r == self.region,
        }
    }

    fn res(&self, kind: Kind, label: String, count: u64, azs: &[String]) -> Resource {
        Resource {
            kind,
            block: String::new(),
            label,
            region: self.region.to_string(),
            count,
            azs: azs.to_vec(),
            gb_per_month: Decimal::ZERO,
            peak_gbps: 0.0,
        }
    }
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Traffic of every spoke to every service together, for the Region's `share` of the
/// workload: `(GB/month, peak Gbps)`.
fn all_spokes_traffic(w: &Workload, share: Decimal) -> (Decimal, f64) {
    let n = w.spokes;
    let nd = Decimal::from(n);
    let sf = f(share);
    let gb: Decimal = w
        .services
        .iter()
        .map(|s| s.gb_per_month_per_spoke * nd * share)
        .sum();
    let peak: f64 = w
        .services
        .iter()
        .map(|s| s.peak_gbps_per_spoke * n as f64 * sf)
        .sum();
    (gb, peak)
}

/// One Region's resources of a design.
pub(crate) fn region_resources(w: &Workload, kind: DesignKind, c: &RegionCtx<'_>) -> Vec<Resource> {
    let n = w.spokes;
    let nd = Decimal::from(n);
    let share = c.share;
    let sf = f(share);
    let mut out = Vec::new();
    let iface = |s: &ServiceTraffic| Kind::InterfaceEndpoint {
        service: s.service.clone(),
    };
    match kind {
        DesignKind::Nat => {
            let (gb, peak) = all_spokes_traffic(w, share);
            let mut r = c.res(
                Kind::NatGateway,
                c.label(&format!("NAT gateways ({n} spokes × {} AZs)", c.azs.len())),
                n.saturating_mul(c.azs.len() as u64),
                c.azs,
            );
            r.gb_per_month = gb;
            r.peak_gbps = peak;
            out.push(r);
        }
        DesignKind::Distributed | DesignKind::GatewayWherePossible | DesignKind::GatewayOnly => {
            for s in &w.services {
                let g = s.gb_per_month_per_spoke * share;
                let p = s.peak_gbps_per_spoke * sf;
                let e = s.remote_gb() * share;
                let ep = s.remote_peak_gbps * sf;
                let gateway = s.has_gateway() && kind != DesignKind::Distributed;
                if gateway {
                    let only = kind == DesignKind::GatewayOnly;
                    let mut r = c.res(
                        Kind::GatewayEndpoint {
                            service: s.service.clone(),
                        },
                        c.label(&format!("{} gateway ({n} spokes)", s.service)),
                        n,
                        &[],
                    );
                    r.gb_per_month = g * nd + if only { e } else { Decimal::ZERO };
                    r.peak_gbps = p * n as f64 + if only { ep } else { 0.0 };
                    out.push(r);
                    if !only && !e.is_zero() {
                        for set in &c.sets {
                            let mut r = c.res(
                                iface(s),
                                c.set_label(&s.service, set, " for remote clients (entry VPC)"),
                                1,
                                c.azs,
                            );
                            if c.carries(set) {
                                r.gb_per_month = e;
                                r.peak_gbps = ep;
                            }
                            out.push(r);
                        }
                    }
                    continue;
                }
                for set in &c.sets {
                    let on = c.carries(set);
                    let z = |d: Decimal| if on { d } else { Decimal::ZERO };
                    let zf = |x: f64| if on { x } else { 0.0 };
                    if s.remote_gb().is_zero() || n == 1 {
                        let what = if n == 1 {
                            String::new()
                        } else {
                            format!(" ({n} spokes)")
                        };
                        let mut r = c.res(iface(s), c.set_label(&s.service, set, &what), n, c.azs);
                        r.gb_per_month = z(g * nd + e);
                        r.peak_gbps = zf(p * n as f64 + ep);
                        out.push(r);
                    } else {
                        // The entry VPC's endpoint also carries the remote clients.
                        let mut r = c.res(
                            iface(s),
                            c.set_label(&s.service, set, &format!(" (spokes 2–{n})")),
                            n - 1,
                            c.azs,
                        );
                        r.gb_per_month = z(g * Decimal::from(n - 1));
                        r.peak_gbps = zf(p * (n - 1) as f64);
                        out.push(r);
                        let mut r = c.res(
                            iface(s),
                            c.set_label(&s.service, set, " (entry VPC, with remote clients)"),
                            1,
                            c.azs,
                        );
                        r.gb_per_month = z(g + e);
                        r.peak_gbps = zf(p + ep);
                        out.push(r);
                    }
                }
            }
            resolver(w, c, c.azs, &mut out);
        }
        DesignKind::Centralized(dns) => {
            for s in &w.services {
                for set in &c.sets {
                    let mut r = c.res(
                        iface(s),
                        c.set_label(&s.service, set, " (hub)"),
                        1,
                        c.hub_azs,
                    );
                    if c.carries(set) {
                        r.gb_per_month = (s.gb_per_month_per_spoke * nd + s.remote_gb()) * share;
                        r.peak_gbps = (s.peak_gbps_per_spoke * n as f64 + s.remote_peak_gbps) * sf;
                    }
                    out.push(r);
                }
            }
            // Every byte between a spoke and the hub crosses the TGW once and is charged
            // once, on the sending attachment; booked on the spokes' attachments.
            let (gb, peak) = all_spokes_traffic(w, share);
            let existing = w.existing_tgw_attachments;
            let note = if existing { ", existing" } else { "" };
            let mut r = c.res(
                Kind::TgwAttachment { existing },
                c.label(&format!("TGW attachments: {n} spokes{note}")),
                n,
                c.azs,
            );
            r.gb_per_month = gb;
            r.peak_gbps = peak;
            out.push(r);
            // The hub's attachment carries every spoke's traffic; its data is already
            // charged on the spokes' side, so only its load is set.
            let mut r = c.res(
                Kind::TgwAttachment { existing },
                c.label(&format!("TGW attachment: hub{note}")),
                1,
                c.hub_azs,
            );
            r.peak_gbps = peak.max(avg_gbps(gb, c.hours));
            out.push(r);
            match dns {
                CentralDns::Route53Profile => {
                    out.push(c.res(
                        Kind::Route53Profile {
                            vpc_associations: n.saturating_add(1),
                        },
                        c.label(&format!("Route 53 Profile: hub + {n} spokes")),
                        1,
                        &[],
                    ));
                }
                CentralDns::SharedPhz => {
                    out.push(c.res(
                        Kind::HostedZone,
                        c.label("private hosted zones shared with the spokes, one per service"),
                        (w.services.len() * c.sets.len()) as u64,
                        &[],
                    ));
                }
            }
            resolver(w, c, c.hub_azs, &mut out);
        }
    }
    out
}

/// The Resolver inbound endpoint for on-premises clients, in the entry (or hub) VPC.
fn resolver(w: &Workload, c: &RegionCtx<'_>, azs: &[String], out: &mut Vec<Resource>) {
    if !w.needs_resolver() {
        return;
    }
    let ips = w.resolver_ips;
    let azs: Vec<String> = azs.iter().take(ips as usize).cloned().collect();
    let mut r = c.res(
        Kind::ResolverEndpoint {
            direction: Direction::Inbound,
            ips,
            queries_per_month: w.dns_queries_per_month * c.share,
            peak_qps: w.dns_peak_qps * f(c.share),
        },
        c.label("Resolver inbound for on-premises clients"),
        1,
        &azs,
    );
    r.gb_per_month = Decimal::ZERO;
    out.push(r);
}

#[cfg(test)]
mod tests;
