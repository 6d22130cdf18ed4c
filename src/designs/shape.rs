//! A design as a *shape*: its blocks, each with a [`Form`] that computes the block's
//! numbers (count, AZs, GB, peak, queries...) from the workload's numbers ([`Inputs`]).
//!
//! Designs are written once, as forms: [`super::compile`] evaluates them at the
//! workload's own numbers to give the explicit resources the engine prices and the
//! reports list, and a sweep evaluates the same forms at every point, with no parsing and
//! no allocation ([`DesignProgram`]). A workload figure that changes a block's count
//! (spokes, AZs) is an input like any other: a new value is a new point, not a new shape.
//!
//! What does change a design's shape — besides the axes a sweep treats as structural
//! (Region, design, service list, limits, failover settings) — is whether some numbers
//! are zero: remote clients add an entry-VPC endpoint and make a NAT design invalid,
//! on-premises clients add a Resolver endpoint, a single spoke needs no split between
//! spokes and the entry VPC. [`Inputs::sig`] captures exactly those facts; a shape is
//! compiled once per signature met.
//!
//! The arithmetic of each form is written once, here, in the order the designs have
//! always computed it, so the numbers are the same exact decimals (and bit-identical
//! floats) whichever path evaluates them; `tests/designs_properties.rs` checks compiled
//! evaluations against the engine on random workloads, designs and failover setups.

use crate::engine::avg_gbps;
use crate::program::{Fallback, Outcome, Program, Scratch};
use crate::rules::Nums;
use crate::scenario::{Resource, Scenario, Workload};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// One service's numbers in a workload.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceNums {
    /// GB per month each spoke sends and receives through the service.
    pub gb: Decimal,
    /// Peak Gbps of one spoke's traffic.
    pub peak: f64,
    onprem: Decimal,
    other_vpc: Decimal,
    other_region: Decimal,
    /// `onprem + other_vpc + other_region`, kept with them.
    remote: Decimal,
    /// Peak Gbps of the traffic from outside the spokes.
    pub remote_peak: f64,
    /// Requests per month each spoke sends to the service.
    pub requests: Decimal,
}

impl ServiceNums {
    /// GB per month from outside the spokes: on-premises, other VPCs, other Regions.
    pub fn remote_gb(&self) -> Decimal {
        self.remote
    }

    /// Set the GB per month from on-premises, other VPCs and other Regions.
    pub fn set_remote(&mut self, onprem: Decimal, other_vpc: Decimal, other_region: Decimal) {
        self.onprem = onprem;
        self.other_vpc = other_vpc;
        self.other_region = other_region;
        self.remote = onprem + other_vpc + other_region;
    }

    /// `(onprem, other_vpc, other_region)`.
    pub fn remote_parts(&self) -> (Decimal, Decimal, Decimal) {
        (self.onprem, self.other_vpc, self.other_region)
    }
}

/// The numbers of a workload scenario its designs depend on: the inputs of a shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Inputs {
    pub spokes: u64,
    /// AZs of each spoke VPC.
    pub spoke_azs: u64,
    /// AZs of the hub VPC.
    pub hub_azs: u64,
    /// AZs of each VPC in a failover setup's secondary Region.
    pub secondary_azs: u64,
    /// Per service, in the order of `services`.
    pub services: Vec<ServiceNums>,
    pub dns_queries: Decimal,
    pub dns_peak_qps: f64,
    pub resolver_ips: u64,
    pub hours: u32,
    /// The share of the on-premises GB sent from AWS to on-premises (the transport's
    /// transfer out).
    pub onprem_out_share: Decimal,
    /// Share of the GB flowing back from the services (responses).
    pub response_share: Decimal,
    /// Peak simultaneous connections each spoke opens to one destination through NAT.
    pub connections: f64,
    /// GB a month each spoke sends to the SES API.
    pub ses_api_gb: Decimal,
    /// Figures every design of a point shares, computed from the numbers above by
    /// [`Inputs::refresh`].
    derived: Derived,
}

/// Per-spoke figures times the spokes, computed once per point for all its designs:
/// exactly the products the forms take (`gb × spokes`, `peak × spokes`) when a Region
/// carries all the traffic (a share of 1, whose multiplication is skipped).
#[derive(Debug, Clone, PartialEq, Default)]
struct Derived {
    /// Per service: `(gb × spokes, peak × spokes)`.
    per_service: Vec<(Decimal, f64)>,
    /// Every spoke's traffic to every service: `(GB, peak)`.
    all_spokes: (Decimal, f64),
}

/// Services a signature can tell apart (3 bits each after 2 bits of the workload).
pub const SIG_SERVICES: usize = 42;

impl Inputs {
    /// The numbers of a scenario's (possibly scaled) workload.
    pub fn of(s: &Scenario, w: &Workload) -> Inputs {
        let mut x = Inputs {
            spokes: w.spokes,
            spoke_azs: w.azs.len() as u64,
            hub_azs: w.hub_azs.as_ref().unwrap_or(&w.azs).len() as u64,
            secondary_azs: s
                .failover
                .as_ref()
                .map_or(0, |f| f.secondary_azs.len() as u64),
            services: w
                .services
                .iter()
                .map(|t| ServiceNums {
                    gb: t.gb_per_month_per_spoke,
                    peak: t.peak_gbps_per_spoke,
                    onprem: t.onprem_gb_per_month,
                    other_vpc: t.other_vpc_gb_per_month,
                    other_region: t.other_region_gb_per_month,
                    remote: t.remote_gb(),
                    remote_peak: t.remote_peak_gbps,
                    requests: t.requests_per_month_per_spoke,
                })
                .collect(),
            dns_queries: w.dns_queries_per_month,
            dns_peak_qps: w.dns_peak_qps,
            resolver_ips: w.resolver_ips,
            hours: s.hours_per_month,
            onprem_out_share: w.transport.as_ref().map_or(Decimal::ONE, |t| t.out_share),
            response_share: w.response_share,
            connections: w.connections_per_destination,
            ses_api_gb: w.ses_api_gb_per_month_per_spoke,
            derived: Derived::default(),
        };
        x.refresh();
        x
    }

    /// Recompute the figures derived from the numbers; to be called after setting them.
    pub fn refresh(&mut self) {
        let n = self.spokes;
        let nd = Decimal::from(n);
        let d = &mut self.derived;
        d.per_service.clear();
        d.per_service
            .extend(self.services.iter().map(|s| (s.gb * nd, s.peak * n as f64)));
        let gb: Decimal = d.per_service.iter().map(|p| p.0).sum();
        let peak: f64 = d.per_service.iter().map(|p| p.1).sum();
        d.all_spokes = (gb, peak);
    }

    /// The facts that change a design's shape: one spoke or more, DNS queries or none,
    /// and for each service whether it has on-premises, other-VPC and other-Region
    /// clients. `None` for more than [`SIG_SERVICES`] services.
    pub fn sig(&self) -> Option<u128> {
        if self.services.len() > SIG_SERVICES {
            return None;
        }
        let mut s = u128::from(self.spokes == 1) | (u128::from(!self.dns_queries.is_zero()) << 1);
        for (i, t) in self.services.iter().enumerate() {
            let bits = u128::from(!t.onprem.is_zero())
                | (u128::from(!t.other_vpc.is_zero()) << 1)
                | (u128::from(!t.other_region.is_zero()) << 2);
            s |= bits << (2 + 3 * i);
        }
        Some(s)
    }

    /// GB per month of the workload: every spoke's traffic plus remote traffic (the
    /// denominator of a design's USD per GB).
    pub fn total_gb(&self) -> Decimal {
        self.services
            .iter()
            .zip(&self.derived.per_service)
            .map(|(s, p)| p.0 + s.remote_gb())
            .sum()
    }

    /// Traffic of every spoke to every service together, for a Region's `share` of the
    /// workload: `(GB/month, peak Gbps)`.
    fn all_spokes(&self, share: Share) -> (Decimal, f64) {
        if share.is_one() {
            // `(gb × n) × 1` is `gb × n`, and `peak × n × 1.0` is `peak × n`.
            return self.derived.all_spokes;
        }
        let n = self.spokes;
        let nd = Decimal::from(n);
        let gb: Decimal = self.services.iter().map(|s| share.of(s.gb * nd)).sum();
        let peak: f64 = self
            .services
            .iter()
            .map(|s| s.peak * n as f64 * share.f)
            .sum();
        (gb, peak)
    }

    /// `(gb × spokes, peak × spokes)` of service `svc` (after [`Inputs::refresh`]).
    fn per_service(&self, svc: usize) -> (Decimal, f64) {
        self.derived.per_service[svc]
    }
}

pub(crate) fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A Region's share of the workload (1, ½ or 0), with its float form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub d: Decimal,
    pub f: f64,
}

impl Share {
    pub fn new(d: Decimal) -> Share {
        Share { d, f: f(d) }
    }

    /// Whether the share is a 1 of scale 0 (multiplying by it changes nothing).
    #[inline]
    fn is_one(self) -> bool {
        self.d == Decimal::ONE && self.d.scale() == 0
    }

    /// `x × share`, the same decimal as `x * share.d`, mantissa and scale: a product
    /// with zero is `Decimal::ZERO`, and multiplying by a 1 of scale 0 leaves `x` as it is,
    /// so that multiplication is skipped.
    #[inline]
    fn of(self, x: Decimal) -> Decimal {
        if x.is_zero() {
            Decimal::ZERO
        } else if self.is_one() {
            x
        } else {
            x * self.d
        }
    }
}

/// Which AZ list of a Region part a block's units live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AzList {
    /// The spoke VPCs' AZs.
    Spokes,
    /// The hub VPC's AZs.
    Hub,
}

/// A block's AZs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Azs {
    /// A Regional resource.
    None,
    /// An AZ list of Region part `side` (0: the primary or only Region, 1: the secondary).
    List(AzList, usize),
    /// The first `resolver_ips` AZs of a list (one Resolver IP per AZ).
    ResolverIps(AzList, usize),
    /// One label per connection of `n` Direct Connect or VPN connections (each its own
    /// failure domain; see [`crate::scenario::connection_labels`]).
    Connections(u64),
}

impl Azs {
    /// How many AZs.
    pub fn count(self, x: &Inputs) -> u64 {
        let list = |l: AzList, side: usize| match (l, side) {
            (AzList::Spokes, 0) => x.spoke_azs,
            (AzList::Hub, 0) => x.hub_azs,
            _ => x.secondary_azs,
        };
        match self {
            Azs::None => 0,
            Azs::List(l, side) => list(l, side),
            Azs::ResolverIps(l, side) => list(l, side).min(x.resolver_ips),
            Azs::Connections(n) => n.min(crate::scenario::keys::MAX_AZS),
        }
    }
}

/// How a centralized design's hub is split to stay within AWS service quotas (see
/// [`crate::scenario::SplitPolicy`]); the limits are the quota values, or `u64::MAX` where
/// the design does not split.
///
/// The topology, as AWS architects build hubs past these quotas:
/// - the hub's endpoints are divided into `groups` hub VPCs of at most
///   `interface_endpoints_per_vpc` each, in the order of the services;
/// - every transit gateway takes one attachment from each group's hub VPC and up to
///   `spokes_per_tgw` = `attachments per transit gateway` − `groups` spokes, filled in
///   order: `T = ⌈spokes / spokes_per_tgw⌉` transit gateways;
/// - a VPC attaches to at most `tgws_per_vpc` transit gateways (a hard limit), so each
///   group's hub VPC is replicated `R = ⌈T / tgws_per_vpc⌉` times, each replica serving
///   `tgws_per_vpc` consecutive gateways, with all the group's endpoints;
/// - DNS follows the replicas: the spokes of one replica resolve to its endpoints, so each
///   replica has its own Route 53 Profiles (at most `vpcs_per_profile` VPCs each: its
///   spokes and its `groups` hub VPCs) or its own copies of the shared private hosted
///   zones (at most `vpcs_per_zone` VPCs each: its spokes and the zone's hub VPC).
///
/// With no split every figure is the unsplit design's: one transit gateway, one hub VPC,
/// one Profile, one zone per service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HubSplit {
    /// Spokes one transit gateway takes (`u64::MAX`: no limit).
    pub spokes_per_tgw: u64,
    /// Transit gateways one hub VPC attaches to.
    pub tgws_per_vpc: u64,
    /// Hub VPCs the endpoints are divided into (1: one hub VPC).
    pub groups: u64,
    /// VPCs one Route 53 Profile takes.
    pub vpcs_per_profile: u64,
    /// VPCs one private hosted zone takes.
    pub vpcs_per_zone: u64,
}

impl HubSplit {
    /// No split at all.
    pub const NONE: HubSplit = HubSplit {
        spokes_per_tgw: u64::MAX,
        tgws_per_vpc: u64::MAX,
        groups: 1,
        vpcs_per_profile: u64::MAX,
        vpcs_per_zone: u64::MAX,
    };

    /// Transit gateways for `n` spokes.
    pub fn tgws(&self, n: u64) -> u64 {
        n.div_ceil(self.spokes_per_tgw.max(1)).max(1)
    }

    /// Replicas of each hub VPC for `n` spokes.
    pub fn replicas(&self, n: u64) -> u64 {
        self.tgws(n).div_ceil(self.tgws_per_vpc.max(1))
    }

    /// Hub VPCs in all for `n` spokes.
    pub fn hub_vpcs(&self, n: u64) -> u64 {
        self.groups.saturating_mul(self.replicas(n))
    }

    /// `Σ` over the replicas of `⌈(spokes of the replica + extra) / cap⌉`: the Profiles
    /// (or one service's zone copies) the replicas need.
    fn per_replica(&self, n: u64, extra: u64, cap: u64) -> u64 {
        let cap = cap.max(1);
        let per = self.tgws_per_vpc.saturating_mul(self.spokes_per_tgw).max(1);
        let (full, rem) = (n / per, n % per);
        let of = |spokes: u64| spokes.saturating_add(extra).div_ceil(cap);
        full.saturating_mul(of(per))
            .saturating_add(if rem > 0 { of(rem) } else { 0 })
    }

    /// Route 53 Profiles for `n` spokes.
    pub fn profiles(&self, n: u64) -> u64 {
        self.per_replica(n, self.groups, self.vpcs_per_profile)
    }

    /// Copies of each shared private hosted zone for `n` spokes.
    pub fn zone_copies(&self, n: u64) -> u64 {
        self.per_replica(n, 1, self.vpcs_per_zone)
    }

    /// The spoke count from which the hub has more of something than it has for one
    /// spoke (a transit gateway, a Profile when `profiles`, else a zone copy): the
    /// design's counts are linear in the spokes below it.
    pub fn first_split(&self, profiles: bool) -> Option<u64> {
        let tgw = (self.spokes_per_tgw != u64::MAX).then(|| self.spokes_per_tgw.saturating_add(1));
        let dns = if profiles {
            // ⌈(n + groups) / vpcs_per_profile⌉ > 1 from n = vpcs_per_profile − groups + 1.
            (self.vpcs_per_profile != u64::MAX).then(|| {
                self.vpcs_per_profile
                    .saturating_sub(self.groups)
                    .saturating_add(1)
            })
        } else {
            // ⌈(n + 1) / vpcs_per_zone⌉ > 1 from n = vpcs_per_zone.
            (self.vpcs_per_zone != u64::MAX).then_some(self.vpcs_per_zone)
        };
        [tgw, dns].into_iter().flatten().min()
    }
}

/// A block's count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Fixed(u64),
    /// One per spoke.
    Spokes,
    /// One per spoke but the entry VPC.
    SpokesButEntry,
    /// One per spoke per AZ (NAT gateways).
    SpokesTimesAzs(Azs),
    /// One per replica of a hub VPC (a hub endpoint).
    HubReplicas(HubSplit),
    /// One per transit gateway (a hub VPC group's attachments).
    Tgws(HubSplit),
    /// The Route 53 Profiles of the hub.
    Profiles(HubSplit),
    /// The shared private hosted zones: `zones` per copy (one per hub endpoint).
    Zones(HubSplit, u64),
}

impl Count {
    pub fn of(self, x: &Inputs) -> u64 {
        match self {
            Count::Fixed(k) => k,
            Count::Spokes => x.spokes,
            Count::SpokesButEntry => x.spokes - 1,
            Count::SpokesTimesAzs(a) => x.spokes.saturating_mul(a.count(x)),
            Count::HubReplicas(h) => h.replicas(x.spokes),
            Count::Tgws(h) => h.tgws(x.spokes),
            Count::Profiles(h) => h.profiles(x.spokes),
            Count::Zones(h, zones) => zones.saturating_mul(h.zone_copies(x.spokes)),
        }
    }
}

/// A block's VPC associations (Route 53 Profiles, private hosted zones), in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assoc {
    /// As compiled (none for most blocks).
    Fixed,
    /// Every spoke and every hub VPC (a hub's Profiles).
    HubAndSpokes(HubSplit),
    /// `zones` zones, each copy associated with its replica's spokes and its hub VPC:
    /// `zones × (spokes + replicas)`.
    Zones(HubSplit, u64),
}

/// A block's traffic (GB and peak, or queries), for a Region's `share` of the workload.
/// `on`: the block carries its traffic (an endpoint set reaching this Region's own
/// service); an endpoint set that does not is provisioned idle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Traffic {
    None,
    /// Every spoke's traffic to every service (NAT gateways, spokes' TGW attachments).
    AllSpokes {
        share: Share,
    },
    /// The spokes' TGW attachments: every spoke's traffic; `split`: only the requests
    /// (the share the spokes send), the hub's attachment sending the responses.
    TgwSpokes {
        share: Share,
        split: bool,
    },
    /// The hub's TGW attachment: the load of all of it; no data of its own (charged on
    /// the spokes' side), or with `split` the responses it sends.
    HubAttachment {
        share: Share,
        split: bool,
    },
    /// SES API traffic of every spoke (through NAT gateways).
    SesApi {
        share: Share,
    },
    /// Gateway endpoints of a service in every spoke; `only`: they also take the remote
    /// clients (gateway-only).
    Gateway {
        svc: usize,
        share: Share,
        only: bool,
    },
    /// The entry VPC's interface endpoint for remote clients beside a gateway endpoint.
    Remote {
        svc: usize,
        share: Share,
        on: bool,
    },
    /// Interface endpoints of every spoke (with the remote clients, if any).
    Spokes {
        svc: usize,
        share: Share,
        on: bool,
    },
    /// Interface endpoints of every spoke, without the remote clients (who come in
    /// through an entry VPC of the shared account: hub-and-spoke accounts).
    SpokesOnly {
        svc: usize,
        share: Share,
        on: bool,
    },
    /// Interface endpoints of every spoke but the entry VPC.
    SpokesButEntry {
        svc: usize,
        share: Share,
        on: bool,
    },
    /// The entry VPC's interface endpoint, with the remote clients.
    Entry {
        svc: usize,
        share: Share,
        on: bool,
    },
    /// A hub endpoint carrying every spoke and the remote clients.
    Hub {
        svc: usize,
        share: Share,
        on: bool,
    },
    /// The Resolver inbound endpoint's queries.
    Dns {
        share: Share,
    },
    /// A VPC Lattice service for one service: every spoke's traffic and requests to it.
    Lattice {
        svc: usize,
        share: Share,
    },
    /// The on-premises transport: the on-premises GB sent from AWS to on-premises (the
    /// out share of every service's on-premises GB), at the remote peak of the services
    /// with on-premises clients.
    OnpremOut {
        share: Share,
    },
}

impl Traffic {
    /// `(GB per month, peak Gbps)` of a block; `memo`: the last `all_spokes` computed for
    /// these inputs.
    fn gb_peak(self, x: &Inputs, memo: &mut Option<(Share, (Decimal, f64))>) -> (Decimal, f64) {
        let n = x.spokes;
        let nd = Decimal::from(n);
        // A service's per-spoke and remote traffic for this Region's share.
        let per = |svc: usize, share: Share| {
            let s = &x.services[svc];
            (
                share.of(s.gb),
                s.peak * share.f,
                share.of(s.remote_gb()),
                s.remote_peak * share.f,
            )
        };
        let mut all = |share: Share| match *memo {
            Some((m, v)) if m == share => v,
            _ => {
                let v = x.all_spokes(share);
                *memo = Some((share, v));
                v
            }
        };
        let z = |on: bool, d: Decimal, p: f64| if on { (d, p) } else { (Decimal::ZERO, 0.0) };
        // `g × n` and `p × n` for a service's share: the point's products when the share
        // is 1 (then `g` is `gb` and `p` is `peak × 1.0`, the same numbers).
        let times_spokes = |svc: usize, share: Share, g: Decimal, p: f64| {
            if share.is_one() {
                x.per_service(svc)
            } else {
                (g * nd, p * n as f64)
            }
        };
        match self {
            Traffic::None | Traffic::Dns { .. } => (Decimal::ZERO, 0.0),
            Traffic::Lattice { svc, share } => {
                let (g, p, _, _) = per(svc, share);
                times_spokes(svc, share, g, p)
            }
            Traffic::OnpremOut { share } => {
                let mut gb = Decimal::ZERO;
                let mut peak = 0.0;
                for s in &x.services {
                    if !s.onprem.is_zero() {
                        gb += share.of(s.onprem) * x.onprem_out_share;
                        peak += s.remote_peak * share.f;
                    }
                }
                (gb, peak)
            }
            Traffic::AllSpokes { share } => all(share),
            Traffic::TgwSpokes { share, split } => {
                let (gb, peak) = all(share);
                if split {
                    (gb - gb * x.response_share, peak)
                } else {
                    (gb, peak)
                }
            }
            Traffic::HubAttachment { share, split } => {
                let (gb, peak) = all(share);
                let own = if split {
                    gb * x.response_share
                } else {
                    Decimal::ZERO
                };
                (own, peak.max(avg_gbps(gb, x.hours)))
            }
            Traffic::SesApi { share } => (share.of(x.ses_api_gb * nd), 0.0),
            Traffic::SpokesOnly { svc, share, on } => {
                let (g, p, _, _) = per(svc, share);
                let (gn, pn) = times_spokes(svc, share, g, p);
                z(on, gn, pn)
            }
            Traffic::Gateway { svc, share, only } => {
                let (g, p, e, ep) = per(svc, share);
                let (gn, pn) = times_spokes(svc, share, g, p);
                (
                    gn + if only { e } else { Decimal::ZERO },
                    pn + if only { ep } else { 0.0 },
                )
            }
            Traffic::Remote { svc, share, on } => {
                let (_, _, e, ep) = per(svc, share);
                z(on, e, ep)
            }
            Traffic::Spokes { svc, share, on } => {
                let (g, p, e, ep) = per(svc, share);
                let (gn, pn) = times_spokes(svc, share, g, p);
                z(on, gn + e, pn + ep)
            }
            Traffic::SpokesButEntry { svc, share, on } => {
                let (g, p, _, _) = per(svc, share);
                z(on, g * Decimal::from(n - 1), p * (n - 1) as f64)
            }
            Traffic::Entry { svc, share, on } => {
                let (g, p, e, ep) = per(svc, share);
                z(on, g + e, p + ep)
            }
            Traffic::Hub { svc, share, on } => {
                let s = &x.services[svc];
                let (gn, pn) = x.per_service(svc);
                z(
                    on,
                    share.of(gn + s.remote_gb()),
                    (pn + s.remote_peak) * share.f,
                )
            }
        }
    }
}

/// How a block's numbers follow from the inputs. `Fixed` is small and `Design` large;
/// forms are `Copy`, one per block, read at every point of a sweep: boxing the large
/// variant would add an indirection there for no saving worth having.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Form {
    /// The numbers as written: an explicit block of the scenario, or a global resource of
    /// a failover setup.
    Fixed,
    /// A design's block.
    Design {
        count: Count,
        azs: Azs,
        traffic: Traffic,
        /// Spread over one account per spoke (hub-and-spoke accounts): the block's copies
        /// are the spoke count.
        per_spoke: bool,
        /// NAT gateways: the spokes' connections per destination, for a Region's share.
        connections: Option<Share>,
        /// NAT gateways of the NAT design: they also carry the SES API traffic.
        ses: bool,
        /// VPC associations (Route 53 Profiles, private hosted zones).
        associations: Assoc,
    },
}

impl Form {
    /// A design block's form.
    pub fn design(count: Count, azs: Azs, traffic: Traffic) -> Form {
        Form::Design {
            count,
            azs,
            traffic,
            associations: Assoc::Fixed,
            per_spoke: false,
            connections: None,
            ses: false,
        }
    }

    /// The block's numbers at inputs `x`; `fixed`: its numbers as compiled (what a form
    /// does not compute stays as compiled).
    pub fn nums(&self, fixed: &Nums, x: &Inputs) -> Nums {
        self.nums_memo(fixed, x, &mut None)
    }

    fn nums_memo(
        &self,
        fixed: &Nums,
        x: &Inputs,
        memo: &mut Option<(Share, (Decimal, f64))>,
    ) -> Nums {
        let mut n = *fixed;
        if let Form::Design {
            count,
            azs,
            traffic,
            associations,
            per_spoke,
            connections,
            ses,
        } = *self
        {
            n.count = count.of(x);
            n.azs = azs.count(x);
            let (gb, peak) = traffic.gb_peak(x, memo);
            n.gb = gb;
            n.peak_gbps = peak;
            if let Some(share) = connections {
                n.conns = x.connections * x.spokes as f64 * share.f;
                if ses && !x.ses_api_gb.is_zero() {
                    n.gb += share.of(x.ses_api_gb * Decimal::from(x.spokes));
                }
            }
            if per_spoke {
                n.copies = x.spokes;
            }
            if let Traffic::Dns { share } = traffic {
                n.queries = share.of(x.dns_queries);
                n.peak_qps = x.dns_peak_qps * share.f;
                n.ips = x.resolver_ips;
            }
            if let Traffic::Lattice { svc, share } = traffic {
                n.queries = share.of(x.services[svc].requests * Decimal::from(x.spokes));
            }
            match associations {
                Assoc::Fixed => {}
                Assoc::HubAndSpokes(h) => n.assoc = x.spokes.saturating_add(h.hub_vpcs(x.spokes)),
                Assoc::Zones(h, zones) => {
                    n.assoc = zones.saturating_mul(x.spokes.saturating_add(h.replicas(x.spokes)))
                }
            }
        }
        n
    }
}

/// One block of a design: what it is (its kind, label, Region and AZ labels, as a
/// scenario block) and how its numbers follow from the inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub template: Resource,
    pub form: Form,
}

impl Block {
    /// The explicit resource at inputs `x` (the workload the block was built for).
    pub fn resource(&self, x: &Inputs) -> Resource {
        let n = self.form.nums(&Nums::of(&self.template), x);
        let mut r = self.template.clone();
        n.write_to(&mut r);
        r
    }
}

/// A design shape compiled against a price book: its program, and the forms that give
/// the program's block numbers at each point.
#[derive(Debug, Clone)]
pub struct DesignProgram {
    pub program: Program,
    forms: Vec<Form>,
}

impl DesignProgram {
    /// Compile the blocks of one shape (with the scenario's hours and limits profile).
    pub fn compile(
        blocks: &[Block],
        resources: &[Resource],
        s: &Scenario,
        book: &crate::pricing::PriceBook,
    ) -> DesignProgram {
        DesignProgram {
            program: Program::compile(resources, s.hours_per_month, &s.limits, &s.accounts, book),
            forms: blocks.iter().map(|b| b.form).collect(),
        }
    }

    /// Put the block numbers at inputs `x` into `scratch.nums` (then a caller may patch
    /// explicit blocks' numbers before [`DesignProgram::eval`]).
    pub fn load(&self, scratch: &mut Scratch, x: &Inputs) {
        scratch.unload();
        scratch.nums.clear();
        let mut memo = None;
        scratch.nums.extend(
            self.forms
                .iter()
                .zip(self.program.base())
                .map(|(form, fixed)| form.nums_memo(fixed, x, &mut memo)),
        );
    }

    /// Evaluate the point loaded in `scratch`, USD per GB over the workload's GB
    /// (`traffic_gb`: [`Inputs::total_gb`]).
    pub fn eval(
        &self,
        scratch: &mut Scratch,
        x: &Inputs,
        traffic_gb: Decimal,
    ) -> Result<Outcome, Fallback> {
        self.program.eval_nums(scratch, x.hours, Some(traffic_gb))
    }
}
