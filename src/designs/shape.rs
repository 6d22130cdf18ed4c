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
                })
                .collect(),
            dns_queries: w.dns_queries_per_month,
            dns_peak_qps: w.dns_peak_qps,
            resolver_ips: w.resolver_ips,
            hours: s.hours_per_month,
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
        }
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
}

impl Count {
    pub fn of(self, x: &Inputs) -> u64 {
        match self {
            Count::Fixed(k) => k,
            Count::Spokes => x.spokes,
            Count::SpokesButEntry => x.spokes - 1,
            Count::SpokesTimesAzs(a) => x.spokes.saturating_mul(a.count(x)),
        }
    }
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

/// How a block's numbers follow from the inputs.
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
        /// Route 53 Profile–VPC associations: the hub and every spoke.
        associations: bool,
        /// Spread over one account per spoke (hub-and-spoke accounts): the block's copies
        /// are the spoke count.
        per_spoke: bool,
        /// NAT gateways: the spokes' connections per destination, for a Region's share.
        connections: Option<Share>,
        /// NAT gateways of the NAT design: they also carry the SES API traffic.
        ses: bool,
    },
}

impl Form {
    /// A design block's form.
    pub fn design(count: Count, azs: Azs, traffic: Traffic) -> Form {
        Form::Design {
            count,
            azs,
            traffic,
            associations: false,
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
            if associations {
                n.assoc = x.spokes.saturating_add(1);
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
