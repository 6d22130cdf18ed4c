//! The billing and capacity rules, one entry per resource kind: the one place that says
//! what a block of a kind costs and how much it can carry.
//!
//! Each kind has a file here (`nat_gateway.rs`, `interface_endpoint.rs`...) holding its
//! [`Rule`]: its price-book components (id, unit, legend, how the AWS Price List bills
//! them), its charges — for each, the component, the variant, the quantity as a function
//! of the block's numbers ([`Nums`]) and the month's hours ([`Qty`]), how the charge is
//! spread over the block's AZs, and the words that explain a line item — and its capacity
//! check (units per AZ, the load they carry, the limit in the limits profile).
//!
//! Everything that prices or sizes reads this table and nothing else:
//! - the engine's line items and capacity rows ([`crate::engine`]);
//! - the compiled program that sweeps, break-even and the charts evaluate
//!   ([`crate::program`]);
//! - the price book's component list and the importers' vocabulary (the Terraform
//!   importer's tables, the Price List importer's units);
//! - the sweep's keys that can be patched without re-parsing ([`Field`]).
//!
//! Tier arithmetic is not here: it is the price book's ([`crate::pricing::Ladder`]).
//!
//! Adding a resource kind (the checklist is in docs/ARCHITECTURE.md, "Adding a resource kind"):
//! 1. a variant of [`crate::scenario::Kind`] and its scenario keys
//!    ([`crate::scenario::keys`] and the parser);
//! 2. a file here with its components and its [`Rule`], one line per component in
//!    `components!` and the rule in [`ALL`] — [`of`] matches `Kind` exhaustively, so a
//!    kind without a rule does not compile, and a component without its info does not
//!    either;
//! 3. price rows for its components in `pricing/prices.csv` (the book refuses unknown
//!    components; the tests here name every component without a us-east-1 price, every
//!    table the parser does not read and every sweep key its table lacks);
//! 4. the service quotas its blocks use ([`Rule::quotas`]; a new quota is a
//!    [`crate::pricing::Quota`] and its row in `pricing/quotas.csv`).
//!
//! Each rule also says which AWS service quotas a block of its kind uses and how its units
//! count against each ([`QuotaUse`]): per VPC, per AZ, per account and Region, per
//! resource. The quota values are the price book's (`quotas.csv`); counting is
//! [`crate::quotas`]'s, for the engine and the compiled program alike.
//!
//! Room to grow: which account owns a line is a property of the kind too, so it belongs
//! here, next to its charges.

mod arc_cluster;
mod data_transfer;
mod direct_connect;
mod gateway_endpoint;
mod gwlb_endpoint;
mod health_check;
mod hosted_zone;
mod interface_endpoint;
mod lattice_service;
mod nat_gateway;
mod nlb;
mod regional_nat_gateway;
mod resolver_endpoint;
mod resource_configuration;
mod resource_endpoint;
mod resource_gateway;
mod route53_profile;
mod service_network_endpoint;
mod status;
mod tgw_attachment;
mod vpn_connection;

pub use lattice_service::FREE_REQUESTS_PER_SERVICE_HOUR;

pub use status::{BYTES_PER_GB, Status, avg_gbps};

use crate::money::fmt_qty;
use crate::pricing::ladder::TierSlice;
use crate::pricing::limits::Limit;
use crate::pricing::quotas::Quota;
use crate::scenario::model::{DX_PORTS, Kind, Resource, Transfer};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// How the AWS Price List bills a component (the unit its offers price in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Billed {
    /// Per hour.
    Hour,
    /// Per GB.
    Gb,
    /// Per query (the book prices per million).
    MillionQueries,
    /// Per month (zones, checks, features).
    Monthly,
}

/// What the book and the reports say about one price-book component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComponentInfo {
    /// Component id in `prices.csv`.
    pub id: &'static str,
    /// The unit the book prices it in.
    pub unit: &'static str,
    /// Legend name in charts.
    pub label: &'static str,
    /// Column label in the terminal grid of `pricing coverage`.
    pub short: &'static str,
    /// The scenario table of the kind that charges it.
    pub table: &'static str,
    pub billed: Billed,
    /// Tiers count units that are each billed per hour: every tier slice's amount is
    /// multiplied by the hours in the month (Route 53 Profile associations are tiered per
    /// association and billed per association-hour).
    pub hourly: bool,
}

/// Declares [`Component`] with its list and the info of each (an exhaustive match).
macro_rules! components {
    ($($v:ident => $info:expr),* $(,)?) => {
        /// Every price-book component, in the book's order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Component {
            $($v),*
        }

        impl Component {
            /// Every component, in the book's order.
            pub const ALL: &'static [Component] = &[$(Component::$v),*];

            /// What the book and the reports say about it.
            pub const fn info(self) -> &'static ComponentInfo {
                match self {
                    $(Component::$v => &$info),*
                }
            }
        }
    };
}

components! {
    InterfaceEndpointHour => interface_endpoint::HOUR,
    InterfaceEndpointGb => interface_endpoint::GB,
    GwlbEndpointHour => gwlb_endpoint::HOUR,
    GwlbEndpointGb => gwlb_endpoint::GB,
    GatewayEndpointHour => gateway_endpoint::HOUR,
    GatewayEndpointGb => gateway_endpoint::GB,
    NatGatewayHour => nat_gateway::HOUR,
    NatGatewayGb => nat_gateway::GB,
    TgwAttachmentHour => tgw_attachment::HOUR,
    TgwGb => tgw_attachment::GB,
    CrossAzGb => data_transfer::CROSS_AZ,
    InterRegionGb => data_transfer::INTER_REGION,
    ResolverEndpointIpHour => resolver_endpoint::IP_HOUR,
    ResolverQueries => resolver_endpoint::QUERIES,
    HostedZoneMonth => hosted_zone::MONTH,
    HealthCheckMonth => health_check::MONTH,
    HealthCheckFeatureMonth => health_check::FEATURE_MONTH,
    Route53ProfileHour => route53_profile::HOUR,
    Route53ProfileAssociationHour => route53_profile::ASSOCIATION_HOUR,
    ArcClusterHour => arc_cluster::HOUR,
    NlbHour => nlb::HOUR,
    NlbNlcuHour => nlb::NLCU_HOUR,
    RegionalNatGatewayHour => regional_nat_gateway::HOUR,
    RegionalNatGatewayGb => regional_nat_gateway::GB,
    ResourceEndpointHour => resource_endpoint::HOUR,
    VpcResourceGb => resource_endpoint::RESOURCE_GB,
    ServiceNetworkResourceHour => resource_configuration::SN_HOUR,
    LatticeServiceHour => lattice_service::HOUR,
    LatticeServiceGb => lattice_service::GB,
    LatticeRequests => lattice_service::REQUESTS,
    DxPortHour => direct_connect::PORT_HOUR,
    DxTransferOutGb => direct_connect::OUT_GB,
    VpnConnectionHour => vpn_connection::HOUR,
    VpnTransferOutGb => vpn_connection::OUT_GB,
}

/// Every component id, in the book's order.
pub const COMPONENT_IDS: [&str; Component::ALL.len()] = {
    let mut out = [""; Component::ALL.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = Component::ALL[i].id();
        i += 1;
    }
    out
};

impl Component {
    /// Component id in `prices.csv`.
    pub const fn id(self) -> &'static str {
        self.info().id
    }

    /// The component of an id.
    pub fn parse(id: &str) -> Option<Component> {
        Component::ALL.iter().copied().find(|c| c.id() == id)
    }

    /// Whether AWS bills the component without a Region (Route 53 hosted zones and health
    /// checks, Route 53 ARC clusters): the book prices it under
    /// [`crate::pricing::GLOBAL`], and its line items are booked there, whatever the
    /// scenario's Region. Route 53 Profiles and Resolver endpoints and queries are
    /// Regional. Sources: Route 53 quotas are per account and viewed in us-east-1, and the
    /// `HostedZone` / `Health-Check-*` usage types carry no Region prefix; ARC bills "by the
    /// hour for each cluster", and a cluster spans five Regions (FACTS.md C1).
    pub const fn is_global(self) -> bool {
        matches!(
            self,
            Component::HostedZoneMonth
                | Component::HealthCheckMonth
                | Component::HealthCheckFeatureMonth
                | Component::ArcClusterHour
        )
    }
}

/// Components the built-in book has no price for, on purpose: none was found, so a
/// scenario that needs one stops with "no price" naming it (never a silent zero).
pub const UNPRICED: &[(Component, &str)] = &[(
    Component::VpnTransferOutGb,
    "no AWS figure for Site-to-Site VPN transfer out was found (third parties say the standard data-transfer-out rates apply)",
)];

impl Component {
    /// A variant the built-in book prices the component under in us-east-1 (its tests'
    /// probe): empty for components without variants.
    pub fn sample_variant(self) -> &'static str {
        match self {
            Component::InterRegionGb => "us-west-2",
            Component::HealthCheckMonth | Component::HealthCheckFeatureMonth => "aws",
            Component::DxPortHour => "dedicated-1G",
            Component::DxTransferOutGb => "EqDC2",
            _ => "",
        }
    }
}

/// Every component id, in the book's order.
pub fn component_ids() -> impl Iterator<Item = &'static str> {
    Component::ALL.iter().map(|c| c.id())
}

/// The numbers of one block that its charges and capacity check read: the scenario
/// block's own, or a design's block at one point of a sweep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nums {
    /// Identical units (endpoints, NAT gateways, attachments, zones...).
    pub count: u64,
    /// AZs the units live in.
    pub azs: u64,
    /// GB per month through the whole block.
    pub gb: Decimal,
    /// Peak Gbps through the whole block.
    pub peak_gbps: f64,
    /// Resolver queries per month; VPC Lattice requests per month.
    pub queries: Decimal,
    /// Resolver peak queries per second.
    pub peak_qps: f64,
    /// NLCU per hour of each NLB.
    pub nlcu: Decimal,
    /// Route 53 Profile–VPC associations; a resource configuration's service-network
    /// associations.
    pub assoc: u64,
    /// Optional features of each health check.
    pub features: u64,
    /// IP addresses of each Resolver endpoint.
    pub ips: u64,
    /// Billed sides of a cross-AZ transfer.
    pub sides: u32,
    /// A cross-Region endpoint's share of GB flowing back from the service (responses).
    pub resp: Decimal,
    /// NAT gateways: peak simultaneous connections of the block to one destination.
    pub conns: f64,
    /// The identical accounts the block is spread over (1, or the spoke count for the
    /// per-spoke accounts of a hub-and-spoke layout); see [`crate::accounts`].
    pub copies: u64,
    /// Routing controls of ARC clusters, in all.
    pub controls: u64,
}

impl Nums {
    /// A block's numbers.
    pub fn of(r: &Resource) -> Nums {
        let mut n = Nums {
            count: r.count,
            azs: r.azs.len() as u64,
            gb: r.gb_per_month,
            peak_gbps: r.peak_gbps,
            queries: Decimal::ZERO,
            peak_qps: 0.0,
            nlcu: Decimal::ZERO,
            assoc: 0,
            features: 0,
            ips: 0,
            sides: 0,
            resp: Decimal::ZERO,
            conns: 0.0,
            copies: 1,
            controls: 0,
        };
        match &r.kind {
            Kind::ResolverEndpoint {
                ips,
                queries_per_month,
                peak_qps,
                ..
            } => {
                n.ips = *ips;
                n.queries = *queries_per_month;
                n.peak_qps = *peak_qps;
            }
            Kind::HealthCheck {
                optional_features, ..
            } => n.features = *optional_features,
            Kind::DataTransfer(Transfer::CrossAz { sides }) => n.sides = *sides,
            Kind::Route53Profile { vpc_associations } | Kind::HostedZone { vpc_associations } => {
                n.assoc = *vpc_associations
            }
            Kind::ArcCluster { routing_controls } => n.controls = *routing_controls,
            Kind::Nlb { nlcu_per_hour } => n.nlcu = *nlcu_per_hour,
            Kind::ResourceConfiguration {
                service_network_associations,
            } => n.assoc = *service_network_associations,
            Kind::LatticeService { requests_per_month } => n.queries = *requests_per_month,
            Kind::InterfaceEndpoint {
                response_share,
                service_region: Some(_),
                ..
            } => n.resp = *response_share,
            Kind::NatGateway { connections } => n.conns = *connections,
            Kind::InterfaceEndpoint { .. }
            | Kind::GatewayEndpoint { .. }
            | Kind::GwlbEndpoint
            | Kind::TgwAttachment { .. }
            | Kind::DataTransfer(Transfer::InterRegion { .. })
            | Kind::RegionalNatGateway
            | Kind::ResourceGateway { .. }
            | Kind::ResourceEndpoint
            | Kind::ServiceNetworkEndpoint
            | Kind::DirectConnect { .. }
            | Kind::VpnConnection { .. } => {}
        }
        n
    }
}

impl Nums {
    /// Write these numbers into a block (the inverse of [`Nums::of`]; the AZ labels are
    /// the block's own).
    pub fn write_to(&self, r: &mut Resource) {
        r.count = self.count;
        r.gb_per_month = self.gb;
        r.peak_gbps = self.peak_gbps;
        match &mut r.kind {
            Kind::ResolverEndpoint {
                ips,
                queries_per_month,
                peak_qps,
                ..
            } => {
                *ips = self.ips;
                *queries_per_month = self.queries;
                *peak_qps = self.peak_qps;
            }
            Kind::HealthCheck {
                optional_features, ..
            } => *optional_features = self.features,
            Kind::DataTransfer(Transfer::CrossAz { sides }) => *sides = self.sides,
            Kind::Route53Profile { vpc_associations } | Kind::HostedZone { vpc_associations } => {
                *vpc_associations = self.assoc
            }
            Kind::ArcCluster { routing_controls } => *routing_controls = self.controls,
            Kind::Nlb { nlcu_per_hour } => *nlcu_per_hour = self.nlcu,
            Kind::ResourceConfiguration {
                service_network_associations,
            } => *service_network_associations = self.assoc,
            Kind::LatticeService { requests_per_month } => *requests_per_month = self.queries,
            Kind::InterfaceEndpoint {
                response_share,
                service_region: Some(_),
                ..
            } => *response_share = self.resp,
            Kind::NatGateway { connections } => *connections = self.conns,
            Kind::InterfaceEndpoint { .. }
            | Kind::GatewayEndpoint { .. }
            | Kind::GwlbEndpoint
            | Kind::TgwAttachment { .. }
            | Kind::DataTransfer(Transfer::InterRegion { .. })
            | Kind::RegionalNatGateway
            | Kind::ResourceGateway { .. }
            | Kind::ResourceEndpoint
            | Kind::ServiceNetworkEndpoint
            | Kind::DirectConnect { .. }
            | Kind::VpnConnection { .. } => {}
        }
    }
}

/// A charge's monthly quantity as a function of its block's numbers and the hours `h`.
/// Every path that prices computes quantities here, with these operations in this order,
/// so their exact decimals agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qty {
    /// count × AZs × hours (interface endpoint-AZ-hours).
    AzHours,
    /// count × hours.
    UnitHours,
    /// GB per month.
    Gb,
    /// GB per month × billed sides.
    GbSides,
    /// count × IPs (saturating) × hours.
    IpHours,
    /// queries / 1,000,000.
    MillionQueries,
    /// count.
    Count,
    /// count × optional features.
    Features,
    /// VPC associations (billed per hour through the charge's hourly factor).
    Associations,
    /// count × NLCU per hour × hours.
    NlcuHours,
    /// count × associations × hours (service-network resource-hours).
    AssocHours,
    /// Requests past the free ones (each unit's [`FREE_REQUESTS_PER_SERVICE_HOUR`] in each
    /// hour), in millions: max(0, requests / 1,000,000 − free × count × hours / 1,000,000).
    BillableMillionRequests,
    /// A cross-Region endpoint's requests: GB − GB × response share.
    GbRequests,
    /// A cross-Region endpoint's responses: GB × response share.
    GbResponses,
}

impl Qty {
    /// The quantity; `None` when it leaves exact decimals.
    #[inline]
    pub fn of(self, n: &Nums, h: Decimal) -> Option<Decimal> {
        // Products of whole numbers (counts × AZs × whole hours) in integers: the same
        // decimal, mantissa and scale, as the products of `Decimal`s below.
        if let Some(hh) = whole(h) {
            let c = u128::from(n.count);
            let product = match self {
                Qty::AzHours => {
                    let ca = c * u128::from(n.azs);
                    Some(int(ca).and_then(|_| ca.checked_mul(hh)))
                }
                Qty::UnitHours => Some(c.checked_mul(hh)),
                Qty::IpHours => Some(u128::from(n.count.saturating_mul(n.ips)).checked_mul(hh)),
                Qty::AssocHours => {
                    Some(u128::from(n.count.saturating_mul(n.assoc)).checked_mul(hh))
                }
                _ => None,
            };
            if let Some(p) = product {
                return p.and_then(int);
            }
        }
        Some(match self {
            Qty::AzHours => Decimal::from(n.count)
                .checked_mul(Decimal::from(n.azs))?
                .checked_mul(h)?,
            Qty::UnitHours => Decimal::from(n.count).checked_mul(h)?,
            Qty::Gb => n.gb,
            Qty::GbSides => n.gb.checked_mul(Decimal::from(n.sides))?,
            Qty::IpHours => Decimal::from(n.count.saturating_mul(n.ips)).checked_mul(h)?,
            Qty::MillionQueries => n.queries / Decimal::from(1_000_000u32),
            Qty::Count => Decimal::from(n.count),
            Qty::Features => Decimal::from(n.count).checked_mul(Decimal::from(n.features))?,
            Qty::Associations => Decimal::from(n.assoc),
            Qty::NlcuHours => Decimal::from(n.count).checked_mul(n.nlcu)?.checked_mul(h)?,
            Qty::AssocHours => Decimal::from(n.count.saturating_mul(n.assoc)).checked_mul(h)?,
            Qty::BillableMillionRequests => {
                // In millions first, then past the free ones: the break-even's cost
                // functions take the same two steps (all requests in millions on a ladder
                // that is free up to the free millions), so their decimals agree.
                let million = Decimal::from(1_000_000u32);
                let free = Decimal::from(FREE_REQUESTS_PER_SERVICE_HOUR)
                    .checked_mul(Decimal::from(n.count))?
                    .checked_mul(h)?
                    / million;
                let all = n.queries / million;
                if all <= free {
                    Decimal::ZERO
                } else {
                    all.checked_sub(free)?
                }
            }
            Qty::GbResponses => n.gb.checked_mul(n.resp)?,
            Qty::GbRequests => n.gb.checked_sub(n.gb.checked_mul(n.resp)?)?,
        })
    }

    /// Whether the quantity depends on the hours in the month.
    pub fn uses_hours(self) -> bool {
        matches!(
            self,
            Qty::AzHours
                | Qty::UnitHours
                | Qty::IpHours
                | Qty::NlcuHours
                | Qty::AssocHours
                | Qty::BillableMillionRequests
        )
    }
}

/// A decimal's value as a whole number, when it is one of scale 0.
#[inline]
fn whole(d: Decimal) -> Option<u128> {
    if d.scale() == 0 && !d.is_sign_negative() {
        u128::try_from(d.mantissa()).ok()
    } else {
        None
    }
}

/// A whole number as a decimal of scale 0, when it fits exact decimals (96 bits).
#[inline]
fn int(v: u128) -> Option<Decimal> {
    (v < 1u128 << 96)
        .then(|| Decimal::from_parts(v as u32, (v >> 32) as u32, (v >> 64) as u32, false, 0))
}

/// How a block's units sit in its AZs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    /// `count` units in each AZ (an interface endpoint has one ENI per AZ).
    PerAz,
    /// `count` units round-robin over the AZs (each NAT gateway lives in one AZ).
    RoundRobin,
    /// `count × ips` units round-robin over the AZs (Resolver endpoint IPs).
    Ips,
}

impl Units {
    /// Units per AZ, in the order of the block's AZs.
    pub fn per_az(self, n: &Nums) -> Vec<u64> {
        match self {
            Units::PerAz => vec![n.count; n.azs as usize],
            Units::RoundRobin => round_robin(n.count, n.azs),
            Units::Ips => round_robin(n.count.saturating_mul(n.ips), n.azs),
        }
    }

    /// `(units in all, units in the fullest AZ)`: the sum and the largest of
    /// [`Units::per_az`], in closed form.
    #[inline]
    pub fn layout(self, n: &Nums) -> (u64, u64) {
        if n.azs == 0 {
            return (0, 0);
        }
        match self {
            Units::PerAz => (n.count.saturating_mul(n.azs), n.count),
            Units::RoundRobin => (n.count, n.count.div_ceil(n.azs)),
            Units::Ips => {
                let u = n.count.saturating_mul(n.ips);
                (u, u.div_ceil(n.azs))
            }
        }
    }
}

/// `units` round-robin over `azs` AZs: the first AZs get one more.
pub fn round_robin(units: u64, azs: u64) -> Vec<u64> {
    (0..azs)
        .map(|i| units / azs + u64::from(i < units % azs))
        .collect()
}

/// Where a charge's line items land.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// Over the block's AZs, in proportion to its units there.
    Azs(Units),
    /// One Regional line.
    Regional,
}

/// Which price-book variant a charge takes from its block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// None.
    None,
    /// The health check's type (`aws`, `non-aws`).
    CheckType,
    /// The destination Region of an inter-Region transfer.
    Destination,
    /// A Direct Connect connection's port (`dedicated-1G`...).
    DxPort,
    /// A Direct Connect connection's location.
    DxLocation,
    /// A cross-Region endpoint's requests: out of the endpoint's Region, to the service's.
    ToService,
    /// A cross-Region endpoint's responses: priced in the service's Region (the bytes
    /// leave it), to the endpoint's Region.
    FromService,
}

impl Variant {
    /// The variant for a block of `kind`.
    pub fn of(self, kind: &Kind) -> &str {
        match (self, kind) {
            (Variant::CheckType, Kind::HealthCheck { check, .. }) => check.variant(),
            (Variant::Destination, Kind::DataTransfer(Transfer::InterRegion { to_region })) => {
                to_region
            }
            (Variant::DxPort, Kind::DirectConnect { port, .. }) => port,
            (Variant::DxLocation, Kind::DirectConnect { location, .. }) => location,
            (
                Variant::ToService,
                Kind::InterfaceEndpoint {
                    service_region: Some(to),
                    ..
                },
            ) => to,
            _ => "",
        }
    }

    /// The variant of a charge of block `r` (the destination of a response is the
    /// block's own Region).
    pub fn of_block(self, r: &Resource) -> &str {
        match self {
            Variant::FromService => &r.region,
            v => v.of(&r.kind),
        }
    }

    /// The Region whose price ladder a charge of block `r` is on: the block's own, but for
    /// a cross-Region endpoint's responses, which leave the service's Region.
    pub fn region(self, r: &Resource) -> &str {
        match (self, &r.kind) {
            (
                Variant::FromService,
                Kind::InterfaceEndpoint {
                    service_region: Some(from),
                    ..
                },
            ) => from,
            _ => &r.region,
        }
    }
}

/// A figure a charge adds to, besides the cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    None,
    /// Interface/GWLB endpoint-AZ-hours (the quantity).
    EndpointHours,
    /// The block's GB counts as service traffic processed (endpoints, NAT gateways): the
    /// denominator of USD per GB.
    ProcessedGb,
}

/// What an explain function sees of one line item.
pub struct Explain<'a> {
    pub block: &'a Resource,
    /// Hours in the month.
    pub hours: Decimal,
    /// The tier slice the line item is part of.
    pub slice: &'a TierSlice,
    /// The line item's quantity (its AZ's share of the slice).
    pub qty: Decimal,
}

impl Explain<'_> {
    /// The rate, as printed.
    pub fn rate(&self) -> Decimal {
        self.slice.rate.normalize()
    }

    /// ` (tier N)` above the first tier.
    pub fn tier_note(&self) -> String {
        if self.slice.tier > 1 {
            format!(" (tier {})", self.slice.tier)
        } else {
            String::new()
        }
    }

    /// The hours, as printed.
    pub fn hours(&self) -> String {
        fmt_qty(self.hours)
    }
}

/// `1 thing` or `N things`.
pub fn plural(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let s = n.to_string();
    if s == "1" {
        format!("1 {one}")
    } else {
        format!("{s} {many}")
    }
}

/// One charge of a block.
#[derive(Clone, Copy)]
pub struct Charge {
    pub component: Component,
    pub variant: Variant,
    pub qty: Qty,
    pub spread: Spread,
    pub tally: Tally,
    /// How a line item of the charge was computed, in words.
    pub explain: fn(&Explain<'_>) -> String,
}

impl std::fmt::Debug for Charge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Charge")
            .field("component", &self.component)
            .field("qty", &self.qty)
            .finish()
    }
}

/// What a capacity check compares against its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    /// Gbps: the stated peak or the month's average rate of the GB, the larger.
    Gbps,
    /// Queries per second: the stated peak or the month's average of the queries.
    Qps,
    /// Simultaneous connections to one destination (IP, port, protocol): the stated peak.
    Connections,
}

/// Which limit of the limits profile a kind's blocks are checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitId {
    /// One limit id in `limits.csv` for every block of the kind.
    Named(&'static str),
    /// A Direct Connect connection: the limit of its port ([`DX_PORTS`]).
    DxPort,
}

/// A kind's capacity check: its units' load against a limit of the limits profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    /// Its limit in `limits.csv`.
    pub limit: LimitId,
    pub units: Units,
    pub load: Load,
}

/// Every limit id a rule may check against: what `limits.csv` may hold.
pub fn limit_ids() -> impl Iterator<Item = &'static str> {
    ALL.iter()
        .filter_map(|r| r.capacity)
        .chain(std::iter::once(nat_gateway::CONNECTIONS))
        .flat_map(|c| -> Vec<&'static str> {
            match c.limit {
                LimitId::Named(id) => vec![id],
                LimitId::DxPort => DX_PORTS.iter().map(|p| p.1).collect(),
            }
        })
}

/// One block's load against its limit, normally and with the fullest AZ lost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Check {
    /// Units in all.
    pub units: u64,
    /// Load per unit (the larger of peak and average, spread evenly).
    pub per_unit: f64,
    /// The month's average rate per unit.
    pub avg_unit: f64,
    /// sustained − per_unit.
    pub headroom: f64,
    /// headroom / sustained × 100.
    pub headroom_pct: f64,
    /// per_unit / sustained × 100.
    pub utilization_pct: f64,
    pub status: Status,
    /// Load per surviving unit with the fullest AZ lost; `None` when none survives.
    pub az_loss_load: Option<f64>,
    pub az_loss_status: Status,
}

impl Capacity {
    /// The limit id a block of `kind` is checked against.
    pub fn limit_id(&self, kind: &Kind) -> &'static str {
        match (self.limit, kind) {
            (LimitId::Named(id), _) => id,
            (LimitId::DxPort, Kind::DirectConnect { port, .. }) => DX_PORTS
                .iter()
                .find(|p| p.0 == *port)
                .map_or("direct_connect_port", |p| p.1),
            (LimitId::DxPort, _) => "direct_connect_port",
        }
    }

    /// `(peak, month's average)` of a block's load.
    #[inline]
    pub fn load(&self, n: &Nums, hours: u32) -> (f64, f64) {
        match self.load {
            Load::Gbps => (n.peak_gbps, avg_gbps(n.gb, hours)),
            Load::Qps => {
                let q = n.queries.to_f64().unwrap_or(f64::INFINITY);
                (n.peak_qps, q / (f64::from(hours) * 3600.0))
            }
            Load::Connections => (n.conns, 0.0),
        }
    }

    /// The check of a block; `None` when it has no units.
    ///
    /// The load is the larger of the stated peak and the month's average rate (so a block
    /// with traffic but no peak is not shown as idle), spread evenly over the units.
    /// Losing an AZ takes out the AZ holding the most units; the survivors carry it all.
    #[inline]
    pub fn check(&self, n: &Nums, hours: u32, limit: &Limit) -> Option<Check> {
        // Connections are checked only when the block gives a connection count.
        if self.load == Load::Connections && n.conns <= 0.0 {
            return None;
        }
        self.check_loaded(n, self.load(n, hours), limit)
    }

    /// [`Capacity::check`] with the block's `(peak, average)` load already computed.
    #[inline]
    pub fn check_loaded(&self, n: &Nums, (peak, avg): (f64, f64), limit: &Limit) -> Option<Check> {
        let (total, worst) = self.units.layout(n);
        if total == 0 {
            return None;
        }
        let load_total = peak.max(avg);
        let per_unit = load_total / total as f64;
        let survivors = total - worst;
        let az_loss_load = if survivors == 0 {
            None
        } else {
            Some(load_total / survivors as f64)
        };
        let az_loss_status = match az_loss_load {
            Some(l) => Status::of(l, limit.sustained, limit.burst),
            // No unit survives: the block is down, whatever it carried.
            None => Status::Down,
        };
        Some(Check {
            units: total,
            per_unit,
            avg_unit: avg / total as f64,
            headroom: limit.sustained - per_unit,
            headroom_pct: (limit.sustained - per_unit) / limit.sustained * 100.0,
            utilization_pct: per_unit / limit.sustained * 100.0,
            status: Status::of(per_unit, limit.sustained, limit.burst),
            az_loss_load,
            az_loss_status,
        })
    }
}

/// How a block's units count against one service quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Units per VPC, by the block's [`crate::scenario::VpcPlace`] (scope `vpc`).
    PerVpc,
    /// `count` round-robin over the block's AZs, per AZ (each NAT gateway lives in one
    /// AZ; scope `az`).
    PerAz,
    /// Its units (scope `account-region` or `account`).
    Units,
    /// The transit gateways its attachments span, by the block's
    /// [`crate::scenario::TgwPlace`] (scope `account-region`; the largest over the
    /// Region's blocks, as they share the gateways).
    Tgws,
    /// Its attachments on the fullest transit gateway (the first one filled), by the
    /// block's [`crate::scenario::TgwPlace`] (scope `resource:transit-gateway`).
    PerTgw,
    /// VPC associations per unit, spread evenly (rounded up).
    AssocPerUnit,
    /// IP addresses of each unit.
    Ips,
    /// Routing controls per unit, spread evenly (rounded up).
    ControlsPerUnit,
}

/// One service quota a kind's blocks use, and how their units count against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaUse {
    pub quota: Quota,
    pub counted: Counted,
}

/// Everything about one resource kind.
pub struct Rule {
    /// The scenario-file table (`[[nat_gateway]]`).
    pub table: &'static str,
    /// The block's charges, in billing order (a kind's options may drop some: existing
    /// TGW attachments cost no attachment-hours).
    pub charges: fn(&Kind) -> &'static [Charge],
    /// Its capacity check, if it has a limit.
    pub capacity: Option<Capacity>,
    /// Keys of its blocks a sweep may patch without re-parsing, and the number each sets.
    /// A key the parser checks against others (NAT gateway `count` against its AZs) is
    /// not one of them.
    pub fast_keys: &'static [(&'static str, Field)],
    /// The service quotas its blocks use (see [`crate::quotas`]).
    pub quotas: &'static [QuotaUse],
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("table", &self.table).finish()
    }
}

/// Every rule, in the scenario file's table order.
pub const ALL: &[&Rule] = &[
    &interface_endpoint::RULE,
    &gateway_endpoint::RULE,
    &gwlb_endpoint::RULE,
    &nat_gateway::RULE,
    &tgw_attachment::RULE,
    &resolver_endpoint::RULE,
    &hosted_zone::RULE,
    &health_check::RULE,
    &data_transfer::RULE,
    &arc_cluster::RULE,
    &route53_profile::RULE,
    &nlb::RULE,
    &regional_nat_gateway::RULE,
    &resource_gateway::RULE,
    &resource_configuration::RULE,
    &resource_endpoint::RULE,
    &service_network_endpoint::RULE,
    &lattice_service::RULE,
    &direct_connect::RULE,
    &vpn_connection::RULE,
];

/// The rule of a kind.
pub fn of(kind: &Kind) -> &'static Rule {
    match kind {
        Kind::InterfaceEndpoint { .. } => &interface_endpoint::RULE,
        Kind::GatewayEndpoint { .. } => &gateway_endpoint::RULE,
        Kind::GwlbEndpoint => &gwlb_endpoint::RULE,
        Kind::NatGateway { .. } => &nat_gateway::RULE,
        Kind::TgwAttachment { .. } => &tgw_attachment::RULE,
        Kind::ResolverEndpoint { .. } => &resolver_endpoint::RULE,
        Kind::HostedZone { .. } => &hosted_zone::RULE,
        Kind::HealthCheck { .. } => &health_check::RULE,
        Kind::DataTransfer(_) => &data_transfer::RULE,
        Kind::ArcCluster { .. } => &arc_cluster::RULE,
        Kind::Route53Profile { .. } => &route53_profile::RULE,
        Kind::Nlb { .. } => &nlb::RULE,
        Kind::RegionalNatGateway => &regional_nat_gateway::RULE,
        Kind::ResourceGateway { .. } => &resource_gateway::RULE,
        Kind::ResourceConfiguration { .. } => &resource_configuration::RULE,
        Kind::ResourceEndpoint => &resource_endpoint::RULE,
        Kind::ServiceNetworkEndpoint => &service_network_endpoint::RULE,
        Kind::LatticeService { .. } => &lattice_service::RULE,
        Kind::DirectConnect { .. } => &direct_connect::RULE,
        Kind::VpnConnection { .. } => &vpn_connection::RULE,
    }
}

/// Whether blocks of a kind are global resources (every charge of the kind is a global
/// component, see [`Component::is_global`]): their Region is
/// [`crate::pricing::GLOBAL`], and a scenario block of the kind cannot name a Region.
pub fn is_global(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::HostedZone { .. } | Kind::HealthCheck { .. } | Kind::ArcCluster { .. }
    )
}

/// Whether the blocks of a scenario table are global resources.
pub fn table_is_global(table: &str) -> bool {
    matches!(table, "hosted_zone" | "health_check" | "arc_cluster")
}

/// Every capacity check of a block of `kind`: its rule's, and for NAT gateways the
/// connections-per-destination check (AWS NAT gateway docs: "up to 55,000 simultaneous
/// connections to each unique destination", per NAT IP address), which applies when the
/// block gives a connection count.
pub fn capacities(kind: &Kind) -> impl Iterator<Item = Capacity> {
    let extra = match kind {
        Kind::NatGateway { .. } => Some(nat_gateway::CONNECTIONS),
        _ => None,
    };
    of(kind).capacity.into_iter().chain(extra)
}

/// The rule of a scenario table.
pub fn by_table(table: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.table == table)
}

/// The scenario-file tables of every kind.
pub fn tables() -> impl Iterator<Item = &'static str> {
    ALL.iter().map(|r| r.table)
}

/// A number a sweep may set in place, without re-parsing the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `count` (whole ≥ 1).
    Count,
    /// `gb_per_month` (decimal ≥ 0).
    Gb,
    /// `peak_gbps` (float ≥ 0).
    PeakGbps,
    /// `queries_per_month` of a Resolver endpoint (decimal ≥ 0).
    Queries,
    /// `peak_qps` of a Resolver endpoint (float ≥ 0).
    PeakQps,
    /// `nlcu_per_hour` of an NLB (decimal ≥ 0).
    Nlcu,
    /// `vpc_associations` of a Route 53 Profile (whole ≥ 0).
    VpcAssociations,
    /// `optional_features` of a health check (whole ≥ 0).
    OptionalFeatures,
    /// `service_network_associations` of a resource configuration (whole ≥ 0).
    ServiceNetworkAssociations,
    /// `requests_per_month` of a VPC Lattice service (decimal ≥ 0).
    Requests,
    /// `routing_controls` of an ARC cluster block (whole ≥ 0).
    RoutingControls,
    /// Top-level `hours_per_month` (whole, 1 to 744).
    Hours,
}

impl Field {
    /// Whether a value is one the scenario parser accepts for this key; `None` when it
    /// does, else what is wrong. The limits mirror `scenario::parse` (pinned by a test
    /// that runs the parser on the same values).
    pub fn check(self, d: Decimal) -> Option<String> {
        let whole = |min: i64, max: i64| -> Option<String> {
            if !d.fract().is_zero() {
                return Some(format!("must be a whole number (got {})", d.normalize()));
            }
            match i64::try_from(d) {
                Ok(n) if n >= min && n <= max => None,
                _ if max == i64::MAX => Some(format!("must be at least {min} (got {d})")),
                _ => Some(format!("must be {min} to {max} (got {d})")),
            }
        };
        match self {
            Field::Count => whole(1, i64::MAX),
            Field::VpcAssociations
            | Field::OptionalFeatures
            | Field::ServiceNetworkAssociations
            | Field::RoutingControls => whole(0, i64::MAX),
            Field::Hours => whole(1, 744),
            Field::Gb
            | Field::Queries
            | Field::Nlcu
            | Field::PeakGbps
            | Field::PeakQps
            | Field::Requests => {
                if d.is_sign_negative() && !d.is_zero() {
                    Some(format!("must not be negative (got {d})"))
                } else {
                    None
                }
            }
        }
    }

    /// Whether the cost is continuous (piecewise linear) in this key, so a break-even
    /// point can lie between two whole values.
    pub fn continuous(self) -> bool {
        matches!(
            self,
            Field::Gb | Field::Queries | Field::Nlcu | Field::Requests
        )
    }

    /// Whether the key takes whole numbers only.
    pub fn whole(self) -> bool {
        !matches!(
            self,
            Field::Gb
                | Field::Queries
                | Field::Nlcu
                | Field::PeakGbps
                | Field::PeakQps
                | Field::Requests
        )
    }

    /// Set this key of a block's numbers to `v` (exact `dec`, its `float` as the parser
    /// reads it, its `whole` part); hours are not a block's.
    pub fn set(self, n: &mut Nums, dec: Decimal, float: f64, whole: u64) {
        match self {
            Field::Count => n.count = whole,
            Field::Gb => n.gb = dec,
            Field::PeakGbps => n.peak_gbps = float,
            Field::Queries => n.queries = dec,
            Field::PeakQps => n.peak_qps = float,
            Field::Nlcu => n.nlcu = dec,
            Field::VpcAssociations => n.assoc = whole,
            Field::OptionalFeatures => n.features = whole,
            Field::ServiceNetworkAssociations => n.assoc = whole,
            Field::Requests => n.queries = dec,
            Field::RoutingControls => n.controls = whole,
            Field::Hours => {}
        }
    }

    /// Set this key of a validated block, as the parser would have set it.
    pub fn set_resource(self, r: &mut Resource, dec: Decimal, float: f64, whole: u64) {
        match (self, &mut r.kind) {
            (Field::Count, _) => r.count = whole,
            (Field::Gb, _) => r.gb_per_month = dec,
            (Field::PeakGbps, _) => r.peak_gbps = float,
            (
                Field::Queries,
                Kind::ResolverEndpoint {
                    queries_per_month, ..
                },
            ) => *queries_per_month = dec,
            (Field::PeakQps, Kind::ResolverEndpoint { peak_qps, .. }) => *peak_qps = float,
            (Field::Nlcu, Kind::Nlb { nlcu_per_hour }) => *nlcu_per_hour = dec,
            (
                Field::VpcAssociations,
                Kind::Route53Profile { vpc_associations } | Kind::HostedZone { vpc_associations },
            ) => *vpc_associations = whole,
            (Field::RoutingControls, Kind::ArcCluster { routing_controls }) => {
                *routing_controls = whole
            }
            (
                Field::OptionalFeatures,
                Kind::HealthCheck {
                    optional_features, ..
                },
            ) => *optional_features = whole,
            (
                Field::ServiceNetworkAssociations,
                Kind::ResourceConfiguration {
                    service_network_associations,
                },
            ) => *service_network_associations = whole,
            (Field::Requests, Kind::LatticeService { requests_per_month }) => {
                *requests_per_month = dec
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
