//! Assessing compiled designs (priced, sized, failed over) and comparing them side by
//! side with their break-evens. Pure: the engine is the only thing called.

use super::breakeven::{self, BreakEven, NatVsEndpoint, Param};
use super::failover::ProviderLoss;
use super::{Plan, RegionLoss, compile, names};
use crate::engine::{self, Evaluation, Status, evaluate, worst_status};
use crate::pricing::PriceBook;
use crate::quotas::{QuotaReport, Standing};
use crate::scenario::{DesignChoice, Scenario};
use rust_decimal::Decimal;

/// How a design fares when a Region is lost, as assessed.
#[derive(Debug, Clone, PartialEq)]
pub enum RegionLossOutcome {
    /// No failover setup.
    SingleRegion,
    /// The survivor has nothing provisioned: the service is down until it is built.
    NotProvisioned { lost: String },
    /// Capacity of the survivor carrying all traffic; `az_loss`: one AZ of the survivor
    /// lost as well.
    Checked {
        lost: String,
        status: Status,
        az_loss: Status,
    },
    /// The failed-over state could not be sized (a missing limit).
    Error(String),
}

impl RegionLossOutcome {
    /// The status pinned by `region_loss_status`: worst state with a Region lost.
    pub fn status(&self) -> Option<Status> {
        match self {
            RegionLossOutcome::SingleRegion | RegionLossOutcome::Error(_) => None,
            RegionLossOutcome::NotProvisioned { .. } => Some(Status::Down),
            RegionLossOutcome::Checked { status, .. } => Some(*status),
        }
    }

    /// Whether the design keeps serving with a Region lost, in words.
    pub fn label(&self) -> String {
        match self {
            RegionLossOutcome::SingleRegion => "no (one Region)".into(),
            RegionLossOutcome::NotProvisioned { .. } => "no (standby not provisioned)".into(),
            RegionLossOutcome::Checked {
                status, az_loss, ..
            } => {
                let base = match status {
                    Status::Ok => "yes".to_string(),
                    Status::Burst => "yes (burst)".to_string(),
                    Status::Over => "no (over capacity)".to_string(),
                    Status::Down => "no (down)".to_string(),
                };
                format!("{base}; +AZ loss: {az_loss}")
            }
            RegionLossOutcome::Error(_) => "error".into(),
        }
    }
}

/// Whether the design keeps serving with one AZ lost, in words.
pub fn az_loss_label(s: Status) -> &'static str {
    match s {
        Status::Ok => "yes",
        Status::Burst => "yes (burst)",
        Status::Over => "no (over capacity)",
        Status::Down => "no (down)",
    }
}

/// Units a block would need for its load, per the limits profile, in the units AWS
/// sells: endpoints (one ENI in each AZ they are in) or AZs for interface endpoints, NAT
/// gateways (each scales from 5 to 100 Gbps by itself) or NAT IP addresses (55,000
/// connections per destination each), Resolver IPs, attachment AZs.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitsNeeded {
    /// `block label`.
    pub resource: String,
    /// Limit id (`interface_endpoint_eni`, `nat_gateway`...).
    pub limit: String,
    /// Units the block has (ENIs, NAT gateways, attachment-AZs, Resolver IPs).
    pub have: u64,
    /// AZs the block is in.
    pub azs: u64,
    /// The most units it has in one AZ (endpoints of an interface endpoint block).
    pub per_az: u64,
    /// The block's load (Gbps, connections, or qps for Resolver IPs).
    pub load: f64,
    pub unit: String,
    pub sustained: f64,
    pub burst: f64,
    /// Units needed to carry the load at the sustained limit.
    pub at_sustained: u64,
    /// Units needed to carry the load within the burst limit.
    pub at_burst: u64,
}

/// Whether a unit of `limit` grows from its sustained figure to its burst figure by itself
/// (a NAT gateway "scales from 5 Gbps to 100 Gbps" automatically: NAT gateway docs), so
/// that only the burst figure calls for more units.
pub fn scales_by_itself(limit: &str) -> bool {
    limit == "nat_gateway"
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl UnitsNeeded {
    /// Units needed at the sustained limit, or within the burst one.
    pub fn needed(&self, burst: bool) -> u64 {
        if burst || scales_by_itself(&self.limit) {
            self.at_burst
        } else {
            self.at_sustained
        }
    }

    /// The block needs more units than it has to carry its load at the sustained limit
    /// (within the burst limit for units that scale by themselves).
    pub fn short(&self) -> bool {
        self.needed(false) > self.have
    }

    /// What the block has, in the units AWS sells.
    pub fn have_words(&self) -> String {
        match self.limit.as_str() {
            "interface_endpoint_eni" => format!(
                "{} × {} (one ENI each)",
                plural(self.per_az, "endpoint", "endpoints"),
                plural(self.azs, "AZ", "AZs")
            ),
            "gwlb_endpoint" => plural(self.have, "GWLB endpoint", "GWLB endpoints"),
            "nat_gateway" => plural(self.have, "NAT gateway", "NAT gateways"),
            "nat_gateway_connections" => plural(self.have, "NAT IP address", "NAT IP addresses"),
            "tgw_attachment_az" => plural(self.have, "attachment-AZ", "attachment-AZs"),
            "resolver_ip" => plural(self.have, "Resolver IP", "Resolver IPs"),
            _ => self.have.to_string(),
        }
    }

    /// What it would take to carry the load at the sustained limit (`burst`: within the
    /// burst limit), in units that can really be added.
    pub fn need_words(&self, burst: bool) -> String {
        let n = self.needed(burst);
        let per = if burst || scales_by_itself(&self.limit) {
            self.burst
        } else {
            self.sustained
        };
        let each = format!("{} {} each", fmt_limit(per), self.unit);
        match self.limit.as_str() {
            // One ENI per AZ an endpoint is in: more endpoints for the service in the same
            // AZs (only one of them can own the private DNS name), or more AZs.
            "interface_endpoint_eni" => {
                let azs = self.azs.max(1);
                let endpoints = n.div_ceil(azs);
                format!(
                    "{} in its {} ({} ENIs at {each}), or {}; only one endpoint per service owns the private DNS name",
                    plural(endpoints, "endpoint", "endpoints"),
                    plural(azs, "AZ", "AZs"),
                    endpoints * azs,
                    plural(n, "AZ with one endpoint", "AZs with one endpoint")
                )
            }
            "gwlb_endpoint" => format!(
                "{} (one AZ each, {each})",
                plural(n, "GWLB endpoint", "GWLB endpoints")
            ),
            "nat_gateway" => format!(
                "{} ({each}; a NAT gateway scales from {} to {} {} by itself; one per AZ per route table)",
                plural(n, "NAT gateway", "NAT gateways"),
                fmt_limit(self.sustained),
                fmt_limit(self.burst),
                self.unit
            ),
            "nat_gateway_connections" => format!(
                "{} ({each} to one destination; secondary IPs on the NAT gateways, up to 8 per zonal gateway, or more NAT gateways)",
                plural(n, "NAT IP address", "NAT IP addresses")
            ),
            "tgw_attachment_az" => format!(
                "{} ({each}: attachment subnets in more AZs, with the traffic spread over them)",
                plural(n, "attachment-AZ", "attachment-AZs")
            ),
            "resolver_ip" => format!(
                "{} ({each}; 2 to 6 per endpoint: {})",
                plural(n, "Resolver IP", "Resolver IPs"),
                plural(n.div_ceil(6).max(1), "endpoint", "endpoints")
            ),
            _ => format!("{n} ({each})"),
        }
    }
}

/// A limit figure without needless decimals (`10`, `0.5`).
fn fmt_limit(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Units each block needs for its load, per the limits profile of the evaluation.
pub fn units_needed(e: &Evaluation) -> Vec<UnitsNeeded> {
    let mut out: Vec<UnitsNeeded> = Vec::new();
    for c in &e.capacity {
        if let Some(u) = out
            .iter_mut()
            .find(|u| u.resource == c.resource && u.limit == c.limit)
        {
            u.have += c.units;
            u.azs += 1;
            u.per_az = u.per_az.max(c.units);
            continue;
        }
        out.push(UnitsNeeded {
            resource: c.resource.clone(),
            limit: c.limit.clone(),
            have: c.units,
            azs: 1,
            per_az: c.units,
            load: c.load,
            unit: c.unit.clone(),
            sustained: c.sustained,
            burst: c.burst,
            at_sustained: 0,
            at_burst: 0,
        });
    }
    for u in &mut out {
        // `load` was per unit; the block's load is per unit × units.
        u.load *= u.have as f64;
        let need = |limit: f64| -> u64 {
            // A millionth of tolerance keeps an exactly-at-limit load at its unit count.
            let n = (u.load / limit * (1.0 - 1e-9)).ceil();
            if n.is_finite() && n > 0.0 {
                n as u64
            } else {
                0
            }
        };
        u.at_sustained = need(u.sustained);
        u.at_burst = need(u.burst);
    }
    out
}

/// A month with the provider's Region lost, as assessed.
#[derive(Debug, Clone, PartialEq)]
pub enum FailoverMonth {
    /// Not a state of this design.
    None,
    /// Priced and sized: the costliest of the Regions that may be lost.
    Priced {
        lost: String,
        eval: Box<Evaluation>,
        /// Inter-Region GB of the month (cross-Region endpoints' transfer).
        transfer_gb: Decimal,
    },
    /// The consumers cannot reach the surviving service.
    NoPath { lost: String, reason: String },
    /// The month could not be priced (a missing price or limit).
    Error { lost: String, message: String },
}

impl FailoverMonth {
    /// The status pinned by `failover_status`.
    pub fn status(&self) -> Option<Status> {
        match self {
            FailoverMonth::None | FailoverMonth::Error { .. } => None,
            FailoverMonth::NoPath { .. } => Some(Status::Down),
            FailoverMonth::Priced { eval, .. } => Some(eval.status),
        }
    }
}

/// One design: compiled, and priced unless invalid.
#[derive(Debug, Clone)]
pub struct Assessed {
    pub plan: Plan,
    /// `None` for an invalid design (not priced); `Err` when pricing failed.
    pub eval: Option<Result<Evaluation, String>>,
    pub region_loss: RegionLossOutcome,
    /// A failover setup's month with the provider's Region lost.
    pub failover_month: FailoverMonth,
    /// The design counted against AWS service quotas: for a priced design, and for one
    /// over a hard limit (then invalid, with the reason in `plan.invalid`).
    pub quotas: Option<QuotaReport>,
}

impl Assessed {
    /// The evaluation when the design is valid and priced.
    pub fn ok(&self) -> Option<&Evaluation> {
        match &self.eval {
            Some(Ok(e)) => Some(e),
            _ => None,
        }
    }

    /// How the design stands against the quotas (`None`: not counted, an invalid
    /// design or a pricing error).
    pub fn quota_standing(&self) -> Option<Standing> {
        self.quotas.as_ref().map(|q| q.standing)
    }

    /// USD per GB of the workload's traffic.
    pub fn usd_per_gb(&self) -> Option<Decimal> {
        let e = self.ok()?;
        if self.plan.traffic_gb.is_zero() {
            None
        } else {
            e.monthly.checked_div(self.plan.traffic_gb)
        }
    }
}

/// Price and size one compiled design, including its failed-over state, and count it
/// against the quotas: past a hard limit it is invalid, with the reason.
pub fn assess(mut plan: Plan, book: &PriceBook) -> Assessed {
    let mut quotas = None;
    let eval = if plan.invalid.is_some() {
        None
    } else {
        match evaluate(&plan.scenario, book) {
            Ok(e) => {
                quotas = Some(e.quotas.clone());
                match e.quotas.reason() {
                    Some(r) => {
                        plan.invalid = Some(r);
                        None
                    }
                    None => Some(Ok(e)),
                }
            }
            Err(e) => Some(Err(e.to_string())),
        }
    };
    let region_loss = match &plan.region_loss {
        RegionLoss::SingleRegion => RegionLossOutcome::SingleRegion,
        RegionLoss::NotProvisioned { lost } => {
            RegionLossOutcome::NotProvisioned { lost: lost.clone() }
        }
        RegionLoss::Check { cases } => {
            let mut worst: Option<(String, Status, Status)> = None;
            let mut err = None;
            for (lost, sc) in cases {
                match engine::capacity(sc, book) {
                    Ok(rows) => {
                        let (n, a) = worst_status(&rows);
                        let replace = worst.as_ref().is_none_or(|w| (n, a) > (w.1, w.2));
                        if replace {
                            worst = Some((lost.clone(), n, a));
                        }
                    }
                    Err(e) => err = Some(e.to_string()),
                }
            }
            match (err, worst) {
                (Some(e), _) => RegionLossOutcome::Error(e),
                (None, Some((lost, status, az_loss))) => RegionLossOutcome::Checked {
                    lost,
                    status,
                    az_loss,
                },
                (None, None) => RegionLossOutcome::SingleRegion,
            }
        }
    };
    let failover_month = if plan.invalid.is_some() {
        FailoverMonth::None
    } else {
        failover_month(&plan.provider_loss, book)
    };
    Assessed {
        plan,
        eval,
        region_loss,
        failover_month,
        quotas,
    }
}

/// Price and size the month with the provider's Region lost: the costliest case (the
/// first of equal ones).
pub fn failover_month(p: &ProviderLoss, book: &PriceBook) -> FailoverMonth {
    match p {
        ProviderLoss::None => FailoverMonth::None,
        ProviderLoss::NoPath { lost, reason } => FailoverMonth::NoPath {
            lost: lost.clone(),
            reason: reason.clone(),
        },
        ProviderLoss::Check { cases } => {
            let mut best: Option<FailoverMonth> = None;
            for (lost, sc) in cases {
                let e = match evaluate(sc, book) {
                    Ok(e) => e,
                    Err(e) => {
                        return FailoverMonth::Error {
                            lost: lost.clone(),
                            message: e.to_string(),
                        };
                    }
                };
                let transfer_gb = e
                    .lines
                    .iter()
                    .filter(|l| l.component == crate::rules::Component::InterRegionGb.id())
                    .map(|l| l.quantity)
                    .sum();
                let costlier = match &best {
                    Some(FailoverMonth::Priced { eval, .. }) => e.monthly > eval.monthly,
                    _ => true,
                };
                if costlier {
                    best = Some(FailoverMonth::Priced {
                        lost: lost.clone(),
                        eval: Box::new(e),
                        transfer_gb,
                    });
                }
            }
            best.unwrap_or(FailoverMonth::None)
        }
    }
}

/// The break-even of one pair of designs.
#[derive(Debug, Clone)]
pub struct Pair {
    pub a: String,
    pub b: String,
    /// Over the traffic multiplier (multiply by `Comparison::traffic_gb` for GB/month).
    pub traffic: Result<BreakEven, String>,
    /// Over the spoke count (from 1 up).
    pub spokes: Result<BreakEven, String>,
}

/// Everything `vpceplan compare` shows for one workload scenario.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub scenario: String,
    pub file: String,
    pub region: String,
    pub hours_per_month: u32,
    pub spokes: u64,
    pub azs: usize,
    pub services: usize,
    /// The workload's GB per month as written.
    pub traffic_gb: Decimal,
    pub designs: Vec<Assessed>,
    pub pairs: Vec<Pair>,
    /// Interface endpoint vs NAT per endpoint-AZ in the scenario's Region.
    pub nat_vs_endpoint: Result<NatVsEndpoint, String>,
}

/// Assess every design of a scenario and solve the break-even of each valid pair.
pub fn comparison(s: &Scenario, book: &PriceBook) -> Comparison {
    let choices = names(s);
    let designs: Vec<Assessed> = choices
        .iter()
        .map(|d| assess(compile(s, d, super::Scale::ONE, &book.quotas), book))
        .collect();
    let priced: Vec<(usize, &Option<DesignChoice>)> = choices
        .iter()
        .enumerate()
        .filter(|(i, _)| designs[*i].ok().is_some())
        .collect();
    let fns = |param: Param| -> Vec<Result<breakeven::CostFn, String>> {
        priced
            .iter()
            .map(|(_, d)| breakeven::cost_fn(s, d, param, book).map_err(|e| e.to_string()))
            .collect()
    };
    let has_workload = s.workload.is_some();
    let traffic_fns = fns(Param::Traffic);
    let spoke_fns = if has_workload {
        fns(Param::Spokes)
    } else {
        Vec::new()
    };
    let mut pairs = Vec::new();
    for i in 0..priced.len() {
        for j in i + 1..priced.len() {
            let solve =
                |v: &[Result<breakeven::CostFn, String>], lo: Decimal| match (v.get(i), v.get(j)) {
                    (Some(Ok(a)), Some(Ok(b))) => Ok(breakeven::solve(a, b, lo, None)),
                    (Some(Err(e)), _) | (_, Some(Err(e))) => Err(e.clone()),
                    _ => Err("no workload to scale".to_string()),
                };
            pairs.push(Pair {
                a: designs[priced[i].0].plan.design.clone(),
                b: designs[priced[j].0].plan.design.clone(),
                traffic: solve(&traffic_fns, Decimal::ZERO),
                spokes: solve(&spoke_fns, Decimal::ONE),
            });
        }
    }
    let w = s.workload.as_ref();
    let region = s
        .failover
        .as_ref()
        .map(|f| f.regions[0].clone())
        .unwrap_or_else(|| s.region.clone());
    Comparison {
        scenario: s.name.clone(),
        file: s.file.clone(),
        nat_vs_endpoint: if w.is_some_and(|w| w.pattern == crate::scenario::Pattern::PrivateApi) {
            Err("a private API is not reached through NAT or interface endpoints".to_string())
        } else {
            breakeven::nat_vs_endpoint(book, &region, s.hours_per_month, Decimal::ZERO)
                .map_err(|e| e.to_string())
        },
        region,
        hours_per_month: s.hours_per_month,
        spokes: w.map(|w| w.spokes).unwrap_or(0),
        azs: w.map(|w| w.azs.len()).unwrap_or(0),
        services: w.map(|w| w.services.len()).unwrap_or(0),
        traffic_gb: w.map(|w| w.total_gb()).unwrap_or(Decimal::ZERO),
        designs,
        pairs,
    }
}
