//! Designs: a workload (what VPCs need) compiled into the core's explicit
//! [`Resource`]s, one scenario per design, so that line items and capacity rows stay the
//! one source of truth.
//!
//! Each design is written once, as blocks whose numbers are forms of the workload's
//! numbers ([`shape`](mod@shape)): [`compile`] evaluates them at the workload's own numbers, and a
//! sweep compiles them once per shape and evaluates them at every point.
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
//! Pure: scenario in, scenarios out; no I/O, no price lookups (except [`breakeven`]'s
//! cost functions and [`compare`], which price what they compile).

pub mod breakeven;
pub mod compare;
pub mod failover;
pub mod shape;

use shape::{Assoc, AzList, Azs, Count, Share, Traffic};
pub use shape::{Block, DesignProgram, Form, HubSplit, Inputs};

use crate::pricing::{Quota, Quotas};
use crate::scenario::{
    CentralDns, DesignChoice, DesignKind, Direction, Expect, Kind, Layout, NETWORK_ACCOUNT,
    Pattern, Place, Resource, Role, SES_SMTP_UNSUPPORTED_AZ_IDS, SPOKE_ACCOUNT, Scenario,
    ServiceTraffic, SesApiPath, SplitPolicy, TgwPlace, Transport, VpcPlace, Workload,
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
    /// A failover setup's month with the provider's Region lost (priced and sized).
    pub provider_loss: failover::ProviderLoss,
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

/// Every design of a scenario, compiled as written (splitting its hub where the quotas
/// and `split_on_quota` say). Empty for explicit scenarios.
pub fn plans(s: &Scenario, q: &Quotas) -> Vec<Plan> {
    names(s)
        .into_iter()
        .map(|d| compile(s, &d, Scale::ONE, q))
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
            s.requests_per_month_per_spoke *= scale.traffic;
        }
    }
    w
}

/// Compile one design (`None`: the provider setup) of a scenario at a scale, against the
/// quotas of `q` (which say where a centralized hub splits).
pub fn compile(s: &Scenario, design: &Option<DesignChoice>, scale: Scale, q: &Quotas) -> Plan {
    shape(s, design, scale, q).plan
}

/// The spoke count from which design `kind` of scenario `s` splits its hub under the
/// quotas of `q` (its cost is linear in the spokes below it); `None`: it never does.
pub fn split_at(s: &Scenario, kind: DesignKind, q: &Quotas) -> Option<u64> {
    let DesignKind::Centralized(dns) = kind else {
        return None;
    };
    let services = s.workload.as_ref().map_or(0, |w| w.services.len());
    let sets = match &s.failover {
        Some(f) if f.cross_region_sets => f.regions.len(),
        _ => 1,
    };
    hub_split((services * sets) as u64, s.compare.split_on_quota, q)
        .first_split(dns == CentralDns::Route53Profile)
}

/// How a centralized hub of `endpoints` interface endpoints splits under `policy` and the
/// quotas of `q` (see [`HubSplit`]).
pub fn hub_split(endpoints: u64, policy: SplitPolicy, q: &Quotas) -> HubSplit {
    let limit = |quota: Quota| {
        let r = q.get(quota);
        if policy.splits(r.adjustable) {
            r.value
        } else {
            u64::MAX
        }
    };
    let per_vpc = limit(Quota::InterfaceEndpointsPerVpc);
    let groups = if per_vpc == u64::MAX {
        1
    } else {
        endpoints.div_ceil(per_vpc).max(1)
    };
    let attachments = limit(Quota::TgwAttachmentsPerTgw);
    HubSplit {
        // Each transit gateway also takes one attachment from each group's hub VPC.
        spokes_per_tgw: if attachments == u64::MAX {
            u64::MAX
        } else {
            attachments.saturating_sub(groups).max(1)
        },
        tgws_per_vpc: q.value(Quota::TgwsPerVpc),
        groups,
        vpcs_per_profile: limit(Quota::VpcsPerProfile),
        vpcs_per_zone: limit(Quota::VpcsPerHostedZone),
    }
}

/// A design compiled for one workload, with the shape it was compiled from: block `i` of
/// `blocks` gives resource `i` of `plan.scenario` at the workload's [`Inputs`].
#[derive(Debug, Clone)]
pub struct Shaped {
    pub plan: Plan,
    pub blocks: Vec<Block>,
    /// The workload's numbers the plan was evaluated at.
    pub inputs: Inputs,
}

/// Compile one design of a scenario at a scale, keeping its shape.
pub fn shape(s: &Scenario, design: &Option<DesignChoice>, scale: Scale, q: &Quotas) -> Shaped {
    let w = s.workload.as_ref().map(|w| scaled(w, scale));
    match &s.failover {
        Some(f) => {
            let w = w.unwrap_or_else(empty_workload);
            failover::compile(s, f, &w, design.as_ref(), q)
        }
        None => {
            // `names` yields designs only for scenarios with a workload.
            let w = w.unwrap_or_else(empty_workload);
            let d = design.clone().unwrap_or(DesignChoice {
                name: "distributed".into(),
                kind: DesignKind::Distributed,
            });
            let mut blocks = fixed_blocks(&s.resources);
            let (shared, spokes_account, per_spoke) = owners(s, &w);
            let sets = vec![None];
            let ctx = RegionCtx {
                region: &s.region,
                side: 0,
                azs: &w.azs,
                hub_azs: w.hub_azs.as_deref().unwrap_or(&w.azs),
                share: Decimal::ONE,
                split: hub_split(
                    (w.services.len() * sets.len()) as u64,
                    s.compare.split_on_quota,
                    q,
                ),
                sets,
                tag: String::new(),
                shared,
                spokes_account,
                per_spoke,
                response_share: w.response_share,
                carrier: None,
            };
            blocks.extend(region_blocks(&w, d.kind, &ctx));
            finish(
                s,
                &d.name,
                Some(d.kind),
                blocks,
                &w,
                RegionLoss::SingleRegion,
            )
        }
    }
}

/// The owners of a workload's design blocks: (shared account, spokes' account, whether
/// the spokes are one account each).
pub(crate) fn owners(s: &Scenario, w: &Workload) -> (String, String, bool) {
    match w.layout {
        Layout::HubAndSpoke => (NETWORK_ACCOUNT.to_string(), SPOKE_ACCOUNT.to_string(), true),
        Layout::Single => (
            s.accounts.default.clone(),
            s.accounts.default.clone(),
            false,
        ),
    }
}

/// The accounts of a compiled design: the scenario's, with the per-spoke accounts of a
/// hub-and-spoke layout standing for the workload's spokes.
pub(crate) fn compiled_accounts(s: &Scenario, w: &Workload) -> crate::scenario::Accounts {
    let mut a = s.accounts.clone();
    for acc in &mut a.list {
        if acc.per_spoke {
            acc.copies = w.spokes;
        }
    }
    a
}

/// Blocks whose numbers are as written (a workload scenario's explicit blocks).
pub(crate) fn fixed_blocks(rs: &[Resource]) -> Vec<Block> {
    rs.iter()
        .map(|r| Block {
            template: r.clone(),
            form: Form::Fixed,
        })
        .collect()
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
        pattern: Pattern::Services,
        transport: None,
        layout: Layout::Single,
        response_share: Decimal::new(5, 1),
        connections_per_destination: 0.0,
        ses_api_gb_per_month_per_spoke: Decimal::ZERO,
        ses_api_path: SesApiPath::Nat,
    }
}

/// Evaluate a design's blocks at the workload's numbers; name, renumber and validate it.
pub(crate) fn finish(
    s: &Scenario,
    design: &str,
    kind: Option<DesignKind>,
    mut blocks: Vec<Block>,
    w: &Workload,
    region_loss: RegionLoss,
) -> Shaped {
    let mut c = s.clone();
    c.name = format!("{}/{design}", s.name);
    c.workload = None;
    c.failover = None;
    c.accounts = compiled_accounts(s, w);
    let inputs = Inputs::of(s, w);
    let mut templates: Vec<Resource> = blocks.iter().map(|b| b.template.clone()).collect();
    templates = renumber(templates);
    for (b, t) in blocks.iter_mut().zip(templates) {
        b.template = t;
    }
    c.resources = blocks.iter().map(|b| b.resource(&inputs)).collect();
    c.expect = s.expect_designs.get(design).cloned().unwrap_or_default();
    c.expect_designs = Default::default();
    let region_loss = match region_loss {
        RegionLoss::Check { cases } => RegionLoss::Check {
            cases: cases
                .into_iter()
                .map(|(lost, mut survivor)| {
                    survivor.name = format!("{}/{design} ({lost} lost)", s.name);
                    survivor.accounts = compiled_accounts(s, w);
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
    Shaped {
        plan: Plan {
            design: design.to_string(),
            kind,
            flags: flags(kind, w.spokes),
            traffic_gb: w.total_gb(),
            scenario: c,
            invalid,
            region_loss,
            provider_loss: failover::ProviderLoss::None,
        },
        blocks,
        inputs,
    }
}

/// Give compiled blocks ids `table[i]`, numbered per table in order.
fn renumber(mut rs: Vec<Resource>) -> Vec<Resource> {
    let mut seen: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for r in &mut rs {
        let t = crate::rules::of(&r.kind).table;
        let i = seen.entry(t).or_insert(0);
        r.block = format!("{t}[{i}]");
        *i += 1;
    }
    rs
}

/// The qualitative flags of a design.
pub fn flags(kind: Option<DesignKind>, spokes: u64) -> Flags {
    match kind {
        Some(DesignKind::Nat | DesignKind::NatRegional) => Flags {
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
    if kind.pattern() != w.pattern {
        return Some(match w.pattern {
            Pattern::PrivateApi => "the workload is a private API (pattern = \"private-api\"): it is reached through its resource configuration (resource-endpoint, service-network) or a VPC Lattice service (lattice-service), not through NAT, interface or gateway endpoints (seed: EventBridge and Step Functions private API post)".to_string(),
            Pattern::Services => "resource-endpoint, service-network and lattice-service reach a provider's private API: set pattern = \"private-api\" in [workload]".to_string(),
        });
    }
    match kind {
        DesignKind::ResourceEndpoint | DesignKind::ServiceNetwork => gateway_overlap(w),
        DesignKind::Nat | DesignKind::NatRegional => {
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
        _ if !w.ses_api_gb_per_month_per_spoke.is_zero() && w.ses_api_path == SesApiPath::None => {
            Some("the workload sends SES API traffic (SendEmail over HTTPS), and this design has no path for it: the email-smtp endpoint carries SMTP only and no SES API endpoint is confirmed (seed, SES post: SES VPC endpoints \"don't support API-based email sending\"); set ses_api_path = \"nat\" to keep a NAT gateway for it".to_string())
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

/// The resource gateway (in the provider VPC, `hub_azs`) must share an AZ with each
/// consumer endpoint (the spokes' AZs): "At least one Availability Zone of the VPC
/// endpoint and the resource gateway have to overlap" (VPC Lattice user guide). Only AZ
/// IDs can be compared; `azN` labels are taken to overlap.
fn gateway_overlap(w: &Workload) -> Option<String> {
    let provider = w.hub_azs.as_ref()?;
    let ids = |a: &[String]| a.iter().all(|z| z.contains("-az"));
    if !ids(provider) || !ids(&w.azs) || provider.iter().any(|z| w.azs.contains(z)) {
        return None;
    }
    Some(format!(
        "the resource gateway's AZs ({}) share none with the consumer endpoints' ({}): at least one AZ of a VPC endpoint and the resource gateway must overlap (VPC Lattice user guide)",
        provider.join(", "),
        w.azs.join(", ")
    ))
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
        if let Kind::InterfaceEndpoint { service, .. } = &r.kind
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
    /// 0: the primary (or only) Region, 1: a failover setup's secondary.
    pub side: usize,
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
    /// How a centralized hub splits to stay within the quotas.
    pub split: HubSplit,
    /// The account of shared resources (a hub VPC, the entry VPC of remote clients, the
    /// Resolver inbound endpoint, DNS shared with the spokes).
    pub shared: String,
    /// The account of each spoke VPC's resources: with a hub-and-spoke layout, the
    /// per-spoke accounts (`spoke`, one per spoke); else the same as `shared`.
    pub spokes_account: String,
    /// A hub-and-spoke layout: the spokes' resources are spread over one account per spoke,
    /// and remote clients enter through a VPC of the shared account.
    pub per_spoke: bool,
    /// Share of the GB flowing back from the services (responses).
    pub response_share: Decimal,
    /// The Region whose service carries the traffic of cross-Region endpoint sets: `None`
    /// for this Region's own; the surviving provider Region in a failover month.
    pub carrier: Option<&'a str>,
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
            Some(r) => r == self.carrier.unwrap_or(self.region),
        }
    }

    /// The spoke VPCs' AZs.
    pub fn spokes(&self) -> Azs {
        Azs::List(AzList::Spokes, self.side)
    }

    /// The hub VPC's AZs.
    pub fn hub(&self) -> Azs {
        Azs::List(AzList::Hub, self.side)
    }

    /// A block of this Region part owned by the spokes' account(s): a scenario block
    /// (kind, label, Region, AZ labels, account) whose numbers the form gives.
    pub(crate) fn spoke_block(
        &self,
        kind: Kind,
        label: String,
        azs: Azs,
        ips: u64,
        form: Form,
    ) -> Block {
        let mut b = self.block(kind, label, azs, ips, form);
        b.template.account = self.spokes_account.clone();
        if self.per_spoke
            && let Form::Design { per_spoke, .. } = &mut b.form
        {
            *per_spoke = true;
        }
        b
    }

    /// A block of this Region part owned by the shared account: a scenario block (kind,
    /// label, Region, AZ labels) whose numbers the form gives.
    pub fn block(&self, kind: Kind, label: String, azs: Azs, ips: u64, form: Form) -> Block {
        let list = |l: AzList| match l {
            AzList::Spokes => self.azs,
            AzList::Hub => self.hub_azs,
        };
        let labels: Vec<String> = match azs {
            Azs::None => Vec::new(),
            Azs::List(l, _) => list(l).to_vec(),
            Azs::ResolverIps(l, _) => list(l).iter().take(ips as usize).cloned().collect(),
            Azs::Connections(n) => crate::scenario::connection_labels(n),
        };
        // Global resources (hosted zones) are booked under the book's `global` Region.
        let region = if crate::rules::is_global(&kind) {
            crate::pricing::GLOBAL.to_string()
        } else {
            self.region.to_string()
        };
        Block {
            template: Resource {
                kind,
                account: self.shared.clone(),
                block: String::new(),
                label,
                region,
                count: 0,
                azs: labels,
                gb_per_month: Decimal::ZERO,
                peak_gbps: 0.0,
                place: Place::vpc(VpcPlace::None),
            },
            form,
        }
    }
}

impl Block {
    /// The block with its units in `vpc`.
    fn in_vpc(self, vpc: VpcPlace) -> Block {
        self.at(Place::vpc(vpc))
    }

    /// The block with its units at `place`.
    fn at(mut self, place: Place) -> Block {
        self.template.place = place;
        self
    }
}

/// One Region's blocks of a design. The numbers the branches read (a single spoke,
/// remote clients, on-premises clients) are the ones [`Inputs::sig`] captures.
pub(crate) fn region_blocks(w: &Workload, kind: DesignKind, c: &RegionCtx<'_>) -> Vec<Block> {
    let n = w.spokes;
    let share = Share::new(c.share);
    let mut out = Vec::new();
    let iface = |s: &ServiceTraffic, set: &Option<String>| {
        let service_region = set.clone().filter(|r| r != c.region);
        Kind::InterfaceEndpoint {
            service: s.service.clone(),
            response_share: if service_region.is_some() {
                c.response_share
            } else {
                Decimal::ZERO
            },
            service_region,
        }
    };
    let design = Form::design;
    // The entry VPC's interface endpoint for a service's remote clients.
    let remote = |svc: usize, s: &ServiceTraffic, set: &Option<String>, on: bool| {
        c.block(
            iface(s, set),
            c.set_label(&s.service, set, " for remote clients (entry VPC)"),
            c.spokes(),
            0,
            design(
                Count::Fixed(1),
                c.spokes(),
                Traffic::Remote { svc, share, on },
            ),
        )
        .in_vpc(VpcPlace::Entry)
    };
    let nat = |conns: bool| Kind::NatGateway {
        connections: if conns {
            w.connections_per_destination * n as f64 * share.f
        } else {
            0.0
        },
    };
    let ses = !w.ses_api_gb_per_month_per_spoke.is_zero();
    match kind {
        DesignKind::Nat => {
            let what = if ses { ", SES API included" } else { "" };
            out.push(
                c.spoke_block(
                    nat(true),
                    c.label(&format!(
                        "NAT gateways ({n} spokes × {} AZs{what})",
                        c.azs.len()
                    )),
                    c.spokes(),
                    0,
                    Form::Design {
                        count: Count::SpokesTimesAzs(c.spokes()),
                        azs: c.spokes(),
                        traffic: Traffic::AllSpokes { share },
                        associations: Assoc::Fixed,
                        per_spoke: false,
                        connections: Some(share),
                        ses: true,
                    },
                )
                .in_vpc(VpcPlace::Spokes),
            );
        }
        DesignKind::NatRegional => {
            out.push(
                c.block(
                    Kind::RegionalNatGateway,
                    c.label(&format!(
                        "Regional NAT gateways ({n} spokes, each active in {} AZs)",
                        c.azs.len()
                    )),
                    c.spokes(),
                    0,
                    design(Count::Spokes, c.spokes(), Traffic::AllSpokes { share }),
                )
                .in_vpc(VpcPlace::Spokes),
            );
        }
        DesignKind::ResourceEndpoint | DesignKind::ServiceNetwork => {
            let network = kind == DesignKind::ServiceNetwork;
            out.push(
                c.block(
                    Kind::ResourceGateway { ipv4_per_eni: 16 },
                    c.label("resource gateway (provider VPC)"),
                    c.hub(),
                    0,
                    design(Count::Fixed(1), c.hub(), Traffic::None),
                )
                .in_vpc(VpcPlace::Hub { group: 0, per: 1 }),
            );
            for s in &w.services {
                let what = if network {
                    " resource configuration, in the service network"
                } else {
                    " resource configuration"
                };
                out.push(c.block(
                    Kind::ResourceConfiguration {
                        service_network_associations: u64::from(network),
                    },
                    c.label(&format!("{}{what}", s.service)),
                    Azs::None,
                    0,
                    design(Count::Fixed(1), Azs::None, Traffic::None),
                ));
            }
            if network {
                out.push(
                    c.block(
                        Kind::ServiceNetworkEndpoint,
                        c.label(&format!("service-network endpoints ({n} spokes)")),
                        c.spokes(),
                        0,
                        design(Count::Spokes, c.spokes(), Traffic::AllSpokes { share }),
                    )
                    .in_vpc(VpcPlace::Spokes),
                );
            } else {
                for (svc, s) in w.services.iter().enumerate() {
                    out.push(
                        c.block(
                            Kind::ResourceEndpoint,
                            c.label(&format!("{} resource endpoints ({n} spokes)", s.service)),
                            c.spokes(),
                            0,
                            design(
                                Count::Spokes,
                                c.spokes(),
                                Traffic::Spokes {
                                    svc,
                                    share,
                                    on: true,
                                },
                            ),
                        )
                        .in_vpc(VpcPlace::Spokes),
                    );
                }
            }
        }
        DesignKind::LatticeService => {
            for (svc, s) in w.services.iter().enumerate() {
                out.push(c.block(
                    Kind::LatticeService {
                        requests_per_month: Decimal::ZERO,
                    },
                    c.label(&format!(
                        "{} VPC Lattice service (service network associated with {n} spokes)",
                        s.service
                    )),
                    Azs::None,
                    0,
                    design(Count::Fixed(1), Azs::None, Traffic::Lattice { svc, share }),
                ));
            }
        }
        DesignKind::Distributed | DesignKind::GatewayWherePossible | DesignKind::GatewayOnly => {
            for (svc, s) in w.services.iter().enumerate() {
                let e = s.remote_gb() * c.share;
                let gateway = s.has_gateway() && kind != DesignKind::Distributed;
                if gateway {
                    let only = kind == DesignKind::GatewayOnly;
                    out.push(
                        c.spoke_block(
                            Kind::GatewayEndpoint {
                                service: s.service.clone(),
                            },
                            c.label(&format!("{} gateway ({n} spokes)", s.service)),
                            Azs::None,
                            0,
                            design(
                                Count::Spokes,
                                Azs::None,
                                Traffic::Gateway { svc, share, only },
                            ),
                        )
                        .in_vpc(VpcPlace::Spokes),
                    );
                    if !only && !e.is_zero() {
                        for set in &c.sets {
                            let on = c.carries(set);
                            out.push(remote(svc, s, set, on));
                        }
                    }
                    continue;
                }
                for set in &c.sets {
                    let on = c.carries(set);
                    if c.per_spoke {
                        // Every spoke its own endpoint, in its own account; remote clients
                        // through the shared account's entry VPC.
                        out.push(
                            c.spoke_block(
                                iface(s, set),
                                c.set_label(&s.service, set, &format!(" ({n} spokes)")),
                                c.spokes(),
                                0,
                                design(
                                    Count::Spokes,
                                    c.spokes(),
                                    Traffic::SpokesOnly { svc, share, on },
                                ),
                            )
                            .in_vpc(VpcPlace::Spokes),
                        );
                        if !s.remote_gb().is_zero() {
                            out.push(remote(svc, s, set, on));
                        }
                    } else if s.remote_gb().is_zero() || n == 1 {
                        let what = if n == 1 {
                            String::new()
                        } else {
                            format!(" ({n} spokes)")
                        };
                        out.push(
                            c.spoke_block(
                                iface(s, set),
                                c.set_label(&s.service, set, &what),
                                c.spokes(),
                                0,
                                design(
                                    Count::Spokes,
                                    c.spokes(),
                                    Traffic::Spokes { svc, share, on },
                                ),
                            )
                            .in_vpc(VpcPlace::Spokes),
                        );
                    } else {
                        // The entry VPC's endpoint also carries the remote clients.
                        out.push(
                            c.spoke_block(
                                iface(s, set),
                                c.set_label(&s.service, set, &format!(" (spokes 2–{n})")),
                                c.spokes(),
                                0,
                                design(
                                    Count::SpokesButEntry,
                                    c.spokes(),
                                    Traffic::SpokesButEntry { svc, share, on },
                                ),
                            )
                            .in_vpc(VpcPlace::SpokesButEntry),
                        );
                        out.push(
                            c.spoke_block(
                                iface(s, set),
                                c.set_label(&s.service, set, " (entry VPC, with remote clients)"),
                                c.spokes(),
                                0,
                                design(
                                    Count::Fixed(1),
                                    c.spokes(),
                                    Traffic::Entry { svc, share, on },
                                ),
                            )
                            .in_vpc(VpcPlace::Entry),
                        );
                    }
                }
            }
            ses_nat(w, c, &mut out);
            resolver(w, c, AzList::Spokes, VpcPlace::Entry, &mut out);
        }
        DesignKind::Centralized(dns) => {
            let h = c.split;
            let hubs = h.replicas(n);
            let tgws = h.tgws(n);
            // Hub endpoints in order, `groups` hub VPCs of at most `per` endpoints each.
            let endpoints = (w.services.len() * c.sets.len()) as u64;
            let per_group = endpoints.div_ceil(h.groups.max(1)).max(1);
            let mut e = 0u64;
            for (svc, s) in w.services.iter().enumerate() {
                for set in &c.sets {
                    let on = c.carries(set);
                    let group = e / per_group;
                    e += 1;
                    let mut what = String::from(" (hub");
                    if h.groups > 1 {
                        what.push_str(&format!(", endpoint group {}", group + 1));
                    }
                    if hubs > 1 {
                        what.push_str(&format!(", in each of {hubs} hub VPCs"));
                    }
                    what.push(')');
                    out.push(
                        c.block(
                            iface(s, set),
                            c.set_label(&s.service, set, &what),
                            c.hub(),
                            0,
                            design(
                                Count::HubReplicas(h),
                                c.hub(),
                                Traffic::Hub { svc, share, on },
                            ),
                        )
                        .in_vpc(VpcPlace::Hub {
                            group: group as u32,
                            per: 1,
                        }),
                    );
                }
            }
            // Every byte between a spoke and the hub crosses the TGW once and is charged
            // once, on the sending attachment: with one account, all of it is booked on the
            // spokes' attachments; with hub-and-spoke accounts, the spokes' requests on
            // theirs and the hub's responses on the hub's (its first group's attachment).
            let split = c.per_spoke;
            let existing = w.existing_tgw_attachments;
            let note = if existing { ", existing" } else { "" };
            let on_tgws = if tgws > 1 {
                format!(" on {tgws} transit gateways")
            } else {
                String::new()
            };
            out.push(
                c.spoke_block(
                    Kind::TgwAttachment { existing },
                    c.label(&format!("TGW attachments: {n} spokes{on_tgws}{note}")),
                    c.spokes(),
                    0,
                    design(
                        Count::Spokes,
                        c.spokes(),
                        Traffic::TgwSpokes { share, split },
                    ),
                )
                .at(Place {
                    vpc: VpcPlace::Spokes,
                    tgw: TgwPlace::Fill(h.spokes_per_tgw),
                }),
            );
            // Each group's hub VPC attaches to every transit gateway (its replicas take
            // `tgws_per_vpc` each); with one account their data is already charged on the
            // spokes' side, so only their load is set: the hub carries all of it, spread
            // over the groups.
            for group in 0..h.groups {
                let mut label = String::from("TGW attachment: hub");
                if h.groups > 1 {
                    label.push_str(&format!(" VPCs of endpoint group {}", group + 1));
                }
                if tgws > 1 {
                    label.push_str(&format!(", one on each of {tgws} transit gateways"));
                }
                label.push_str(note);
                out.push(
                    c.block(
                        Kind::TgwAttachment { existing },
                        c.label(&label),
                        c.hub(),
                        0,
                        design(
                            Count::Tgws(h),
                            c.hub(),
                            Traffic::HubAttachment {
                                share,
                                split: split && group == 0,
                            },
                        ),
                    )
                    .at(Place {
                        vpc: VpcPlace::Hub {
                            group: group as u32,
                            per: h.tgws_per_vpc,
                        },
                        tgw: TgwPlace::Each,
                    }),
                );
            }
            match dns {
                CentralDns::Route53Profile => {
                    let profiles = h.profiles(n);
                    let label = if profiles > 1 {
                        format!(
                            "Route 53 Profiles ({profiles}): {} hub VPCs + {n} spokes",
                            h.hub_vpcs(n)
                        )
                    } else if h.groups > 1 {
                        format!("Route 53 Profile: {} hub VPCs + {n} spokes", h.groups)
                    } else {
                        format!("Route 53 Profile: hub + {n} spokes")
                    };
                    out.push(c.block(
                        Kind::Route53Profile {
                            vpc_associations: 0,
                        },
                        c.label(&label),
                        Azs::None,
                        0,
                        Form::Design {
                            count: Count::Profiles(h),
                            azs: Azs::None,
                            traffic: Traffic::None,
                            associations: Assoc::HubAndSpokes(h),
                            per_spoke: false,
                            connections: None,
                            ses: false,
                        },
                    ));
                }
                CentralDns::SharedPhz => {
                    let copies = h.zone_copies(n);
                    let label = if copies > 1 {
                        format!(
                            "private hosted zones shared with the spokes, one per service, {copies} copies each (at most {} VPCs a zone)",
                            h.vpcs_per_zone
                        )
                    } else {
                        "private hosted zones shared with the spokes, one per service".to_string()
                    };
                    out.push(c.block(
                        Kind::HostedZone {
                            vpc_associations: 0,
                        },
                        c.label(&label),
                        Azs::None,
                        0,
                        Form::Design {
                            count: Count::Zones(h, endpoints),
                            azs: Azs::None,
                            traffic: Traffic::None,
                            associations: Assoc::Zones(h, endpoints),
                            per_spoke: false,
                            connections: None,
                            ses: false,
                        },
                    ));
                }
            }
            ses_nat(w, c, &mut out);
            resolver(
                w,
                c,
                AzList::Hub,
                VpcPlace::Hub { group: 0, per: 1 },
                &mut out,
            );
        }
    }
    transport(w, c, &mut out);
    out
}

/// The on-premises transport, when the workload names one: the same in every design (its
/// traffic enters the entry or hub VPC through a virtual private gateway, so no Transit
/// Gateway charge is added for it).
fn transport(w: &Workload, c: &RegionCtx<'_>, out: &mut Vec<Block>) {
    let Some(t) = &w.transport else {
        return;
    };
    let k = t.connections;
    let existing = t.existing;
    let note = if existing { ", existing" } else { "" };
    let (kind, label) = match &t.link {
        Transport::DirectConnect { port, location } => (
            Kind::DirectConnect {
                port,
                location: location.clone(),
                existing,
            },
            format!(
                "Direct Connect for on-premises clients ({}, at {location}{note})",
                crate::rules::plural(
                    k,
                    &format!("{port} connection"),
                    &format!("{port} connections")
                )
            ),
        ),
        Transport::Vpn => (
            Kind::VpnConnection { existing },
            format!(
                "Site-to-Site VPN for on-premises clients ({}{note})",
                crate::rules::plural(k, "connection", "connections")
            ),
        ),
    };
    let azs = Azs::Connections(k);
    out.push(c.block(
        kind,
        c.label(&label),
        azs,
        0,
        Form::design(
            Count::Fixed(k),
            azs,
            Traffic::OnpremOut {
                share: Share::new(c.share),
            },
        ),
    ));
}

/// The NAT gateways an endpoint design keeps for SES API traffic (SendEmail over HTTPS),
/// which the `email-smtp` endpoint does not carry: one per AZ in each spoke VPC. With
/// `ses_api_path = "none"` the design is invalid instead (see [`invalid_reason`]).
fn ses_nat(w: &Workload, c: &RegionCtx<'_>, out: &mut Vec<Block>) {
    if w.ses_api_gb_per_month_per_spoke.is_zero() || w.ses_api_path != SesApiPath::Nat {
        return;
    }
    let n = w.spokes;
    let share = Share::new(c.share);
    out.push(
        c.spoke_block(
            Kind::NatGateway {
                connections: w.connections_per_destination * n as f64 * share.f,
            },
            c.label(&format!(
                "NAT gateways for the SES API ({n} spokes × {} AZs)",
                c.azs.len()
            )),
            c.spokes(),
            0,
            Form::Design {
                count: Count::SpokesTimesAzs(c.spokes()),
                azs: c.spokes(),
                traffic: Traffic::SesApi { share },
                associations: Assoc::Fixed,
                per_spoke: false,
                connections: Some(share),
                ses: false,
            },
        )
        .in_vpc(VpcPlace::Spokes),
    );
}

/// The Resolver inbound endpoint for on-premises clients, in the entry (or hub) VPC.
fn resolver(w: &Workload, c: &RegionCtx<'_>, list: AzList, vpc: VpcPlace, out: &mut Vec<Block>) {
    if !w.needs_resolver() {
        return;
    }
    let ips = w.resolver_ips;
    let azs = Azs::ResolverIps(list, c.side);
    out.push(
        c.block(
            Kind::ResolverEndpoint {
                direction: Direction::Inbound,
                ips,
                queries_per_month: Decimal::ZERO,
                peak_qps: 0.0,
            },
            c.label("Resolver inbound for on-premises clients"),
            azs,
            ips,
            Form::design(
                Count::Fixed(1),
                azs,
                Traffic::Dns {
                    share: Share::new(c.share),
                },
            ),
        )
        .in_vpc(vpc),
    );
}

#[cfg(test)]
mod tests;
