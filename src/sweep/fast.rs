//! The fast path: a validated scenario compiled once into a parametric evaluator.
//!
//! Per point only the few numbers the axes touch change (a block's GB, count, peak...). The
//! evaluator keeps each resource's numbers in a small `Copy` state, prices against tier
//! ladders resolved once (with the cost up to each tier's start precomputed), and computes
//! the same figures as [`crate::engine::evaluate`] — exact `Decimal` money, the same f64
//! capacity formulas — without line items, explain strings, maps or heap allocation.
//!
//! Why the totals agree: the engine prices each charge on the ladder's running total in
//! file order, so the slices of all charges on one ladder partition `[0, total)`; their sum
//! is the ladder's cost of `total`, which is what this evaluator computes. Errors are
//! raised in the engine's order (first failing charge, then a missing capacity limit) with
//! the engine's own messages. Arithmetic that would overflow is handed back to the caller,
//! which then evaluates the point with the engine itself.
//!
//! The property tests in `tests/sweep.rs` compare both on random scenarios and axes: the
//! exact figures of every point (money to the last decimal, capacity to the last bit) and
//! the CSV rows.

use super::apply::{Field, Target, float_of};
use crate::engine::{Status, avg_gbps};
use crate::error::Error;
use crate::pricing::PriceBook;
use crate::scenario::{Kind, Scenario, Transfer};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// A price-book ladder: (Region, component, variant).
type LadderKey = (String, String, String);

/// The numbers of one resource that a point may change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResState {
    pub count: u64,
    pub gb: Decimal,
    pub peak: f64,
    pub queries: Decimal,
    pub peak_qps: f64,
    pub nlcu: Decimal,
    pub assoc: u64,
    pub features: u64,
}

/// How a charge's quantity follows from its resource's numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Qty {
    /// Always zero (existing TGW attachments: no new attachment-hours).
    Nothing,
    /// count × AZs × hours (interface endpoint-AZ-hours).
    AzHours(u64),
    /// count × hours.
    UnitHours,
    /// GB per month.
    Gb,
    /// GB per month × billed sides.
    GbSides(u32),
    /// count × IPs (saturating) × hours.
    IpHours(u64),
    /// queries / 1,000,000.
    MillionQueries,
    /// count.
    Count,
    /// count × optional features.
    Features,
    /// VPC associations (billed per hour through the ladder's factor).
    Associations,
    /// count × NLCU per hour × hours.
    Nlcu,
}

#[derive(Debug, Clone)]
struct Tier {
    from: Decimal,
    rate: Decimal,
    /// Cost of `[0, from)` on this ladder.
    base: Decimal,
}

#[derive(Debug, Clone)]
struct Ladder {
    tiers: Vec<Tier>,
    /// End of a closed top tier.
    top: Option<Decimal>,
    /// Amounts are multiplied by the hours in the month (associations billed per hour).
    hourly_factor: bool,
    region: String,
    component: String,
}

#[derive(Debug, Clone)]
struct Charge {
    res: usize,
    qty: Qty,
    /// Index into `ladders`, or into `missing` when the book has no price.
    ladder: Result<usize, usize>,
}

#[derive(Debug, Clone, Copy)]
enum Units {
    /// `count` units in each AZ.
    PerAz,
    /// `count` units round-robin over the AZs.
    Spread,
    /// `count × ips` IPs round-robin over the AZs.
    Ips(u64),
}

#[derive(Debug, Clone)]
struct Cap {
    res: usize,
    units: Units,
    nazs: u64,
    sustained: f64,
    burst: f64,
    resolver: bool,
}

/// Capacity results folded over checks, the engine's way (lowest headroom, worst status).
#[derive(Debug, Clone, Copy)]
struct CapAcc {
    min_headroom: Option<f64>,
    status: Status,
    az_loss_status: Status,
}

impl Default for CapAcc {
    fn default() -> CapAcc {
        CapAcc {
            min_headroom: None,
            status: Status::Ok,
            az_loss_status: Status::Ok,
        }
    }
}

impl CapAcc {
    fn add(&mut self, (h, s, a): (f64, Status, Status)) {
        self.min_headroom = Some(self.min_headroom.map_or(h, |m| m.min(h)));
        self.status = self.status.max(s);
        self.az_loss_status = self.az_loss_status.max(a);
    }
}

/// The constant part of a compiled scenario, given the keys its points patch.
#[derive(Debug, Clone)]
struct Folded {
    var_charges: Vec<usize>,
    var_ladders: Vec<usize>,
    /// Per ladder, the units of the charges no point changes.
    base_totals: Vec<Decimal>,
    /// Cost of the ladders no point changes.
    const_monthly: Decimal,
    const_gb: Decimal,
    var_processed: Vec<usize>,
    var_caps: Vec<usize>,
    const_cap: CapAcc,
}

/// Figures of one point, exact.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub monthly: Decimal,
    pub hourly: Decimal,
    pub usd_per_gb: Option<Decimal>,
    pub min_headroom_pct: Option<f64>,
    pub status: Status,
    pub az_loss_status: Status,
}

impl Figures {
    /// The figures of a full engine evaluation; USD per GB over `traffic_gb` when given
    /// (a design: the workload's GB, as `compare` reports it), else the engine's.
    pub fn of(e: &crate::engine::Evaluation, traffic_gb: Option<Decimal>) -> Figures {
        Figures {
            monthly: e.monthly,
            hourly: e.hourly,
            usd_per_gb: match traffic_gb {
                Some(t) if t.is_zero() => None,
                Some(t) => e.monthly.checked_div(t),
                None => e.usd_per_gb,
            },
            min_headroom_pct: e.min_headroom_pct,
            status: e.status,
            az_loss_status: e.az_loss_status,
        }
    }
}

/// What evaluating a point gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Valid(Figures),
    /// Not priced, with the reason (one line).
    Invalid(String),
}

/// The fast path could not evaluate the point exactly (arithmetic overflow): the caller
/// evaluates it with the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fallback;

/// One fast key's binding: which resources it patches, and how.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Index of the point's value this key takes.
    pub slot: usize,
    pub field: Field,
    pub hours: bool,
    pub resources: Vec<usize>,
}

impl Binding {
    pub fn new(slot: usize, target: &Target, field: Field, s: &Scenario) -> Binding {
        Binding {
            slot,
            field,
            hours: matches!(target, Target::Hours),
            resources: target.resources(s),
        }
    }
}

/// A value of a fast axis, in every form a key may need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub dec: Decimal,
    pub float: f64,
    pub whole: u64,
}

impl Num {
    pub fn new(d: Decimal) -> Num {
        let dec = d.normalize();
        Num {
            dec,
            float: float_of(dec),
            whole: u64::try_from(dec).unwrap_or(0),
        }
    }
}

/// Per-thread scratch space, reused from point to point.
#[derive(Debug, Default)]
pub struct Scratch {
    res: Vec<ResState>,
    totals: Vec<Decimal>,
}

/// A scenario compiled for fast evaluation.
#[derive(Debug, Clone)]
pub struct FastEval {
    hours: u32,
    res: Vec<ResState>,
    charges: Vec<Charge>,
    ladders: Vec<Ladder>,
    missing: Vec<String>,
    /// Resources whose GB count as processed traffic (endpoints, NAT gateways).
    processed: Vec<usize>,
    caps: Vec<Cap>,
    cap_error: Option<String>,
    folded: Option<Folded>,
    /// The denominator of USD per GB when it is not the processed GB (a design: the
    /// workload's GB).
    traffic_gb: Option<Decimal>,
}

fn first_line(e: &Error) -> String {
    e.to_string().lines().next().unwrap_or_default().to_string()
}

impl FastEval {
    /// Compile a validated scenario against a price book.
    pub fn compile(s: &Scenario, book: &PriceBook) -> FastEval {
        let mut ev = FastEval {
            hours: s.hours_per_month,
            res: Vec::with_capacity(s.resources.len()),
            charges: Vec::new(),
            ladders: Vec::new(),
            missing: Vec::new(),
            processed: Vec::new(),
            caps: Vec::new(),
            cap_error: None,
            folded: None,
            traffic_gb: None,
        };
        // Ladders met so far, with their reference (a ladder or a missing price).
        let mut keys: Vec<(LadderKey, Result<usize, usize>)> = Vec::new();
        for (i, r) in s.resources.iter().enumerate() {
            let mut st = ResState {
                count: r.count,
                gb: r.gb_per_month,
                peak: r.peak_gbps,
                queries: Decimal::ZERO,
                peak_qps: 0.0,
                nlcu: Decimal::ZERO,
                assoc: 0,
                features: 0,
            };
            let nazs = r.azs.len() as u64;
            let mut charge = |component: &str, variant: &str, qty: Qty| {
                let key = (r.region.clone(), component.to_string(), variant.to_string());
                let ladder = match keys.iter().find(|(k, _)| *k == key) {
                    Some((_, found)) => *found,
                    None => {
                        let found = match book.ladder(&r.region, component, variant) {
                            Some(rows) => {
                                let mut tiers = Vec::with_capacity(rows.len());
                                let mut base = Decimal::ZERO;
                                for row in &rows {
                                    tiers.push(Tier {
                                        from: row.tier_from,
                                        rate: row.usd,
                                        base,
                                    });
                                    if let Some(to) = row.tier_to {
                                        base += (to - row.tier_from) * row.usd;
                                    }
                                }
                                ev.ladders.push(Ladder {
                                    tiers,
                                    top: rows.last().and_then(|r| r.tier_to),
                                    hourly_factor: component == "route53_profile_association_hour",
                                    region: r.region.clone(),
                                    component: component.to_string(),
                                });
                                Ok(ev.ladders.len() - 1)
                            }
                            None => {
                                ev.missing.push(first_line(&Error::MissingPrice {
                                    region: r.region.clone(),
                                    component: component.to_string(),
                                    variant: variant.to_string(),
                                    book: book.origin.clone(),
                                }));
                                Err(ev.missing.len() - 1)
                            }
                        };
                        keys.push((key, found));
                        found
                    }
                };
                ev.charges.push(Charge {
                    res: i,
                    qty,
                    ladder,
                });
            };
            let mut cap: Option<(&str, Units)> = None;
            match &r.kind {
                Kind::InterfaceEndpoint { .. } => {
                    charge("interface_endpoint_hour", "", Qty::AzHours(nazs));
                    charge("interface_endpoint_gb", "", Qty::Gb);
                    ev.processed.push(i);
                    cap = Some(("interface_endpoint_eni", Units::PerAz));
                }
                Kind::GatewayEndpoint { .. } => {
                    charge("gateway_endpoint_hour", "", Qty::UnitHours);
                    charge("gateway_endpoint_gb", "", Qty::Gb);
                    ev.processed.push(i);
                }
                Kind::GwlbEndpoint => {
                    charge("gwlb_endpoint_hour", "", Qty::UnitHours);
                    charge("gwlb_endpoint_gb", "", Qty::Gb);
                    ev.processed.push(i);
                    cap = Some(("gwlb_endpoint", Units::Spread));
                }
                Kind::NatGateway => {
                    charge("nat_gateway_hour", "", Qty::UnitHours);
                    charge("nat_gateway_gb", "", Qty::Gb);
                    ev.processed.push(i);
                    cap = Some(("nat_gateway", Units::Spread));
                }
                Kind::TgwAttachment { existing } => {
                    // Attachments that exist already cost no new attachment-hours.
                    let q = if *existing {
                        Qty::Nothing
                    } else {
                        Qty::UnitHours
                    };
                    charge("tgw_attachment_hour", "", q);
                    charge("tgw_gb", "", Qty::Gb);
                    cap = Some(("tgw_attachment_az", Units::PerAz));
                }
                Kind::ResolverEndpoint {
                    ips,
                    queries_per_month,
                    peak_qps,
                    ..
                } => {
                    st.queries = *queries_per_month;
                    st.peak_qps = *peak_qps;
                    charge("resolver_endpoint_ip_hour", "", Qty::IpHours(*ips));
                    charge("resolver_queries", "", Qty::MillionQueries);
                    cap = Some(("resolver_ip", Units::Ips(*ips)));
                }
                Kind::HostedZone => charge("hosted_zone_month", "", Qty::Count),
                Kind::HealthCheck {
                    check,
                    optional_features,
                } => {
                    st.features = *optional_features;
                    charge("health_check_month", check.variant(), Qty::Count);
                    charge("health_check_feature_month", check.variant(), Qty::Features);
                }
                Kind::DataTransfer(Transfer::CrossAz { sides }) => {
                    charge("cross_az_gb", "", Qty::GbSides(*sides))
                }
                Kind::DataTransfer(Transfer::InterRegion { to_region }) => {
                    charge("inter_region_gb", to_region, Qty::Gb)
                }
                Kind::ArcCluster => charge("arc_cluster_hour", "", Qty::UnitHours),
                Kind::Route53Profile { vpc_associations } => {
                    st.assoc = *vpc_associations;
                    charge("route53_profile_hour", "", Qty::UnitHours);
                    charge("route53_profile_association_hour", "", Qty::Associations);
                }
                Kind::Nlb { nlcu_per_hour } => {
                    st.nlcu = *nlcu_per_hour;
                    charge("nlb_hour", "", Qty::UnitHours);
                    charge("nlb_nlcu_hour", "", Qty::Nlcu);
                }
            }
            if let Some((limit_id, units)) = cap {
                match book.limits.get(&s.limits, limit_id) {
                    Ok(l) => ev.caps.push(Cap {
                        res: i,
                        units,
                        nazs,
                        sustained: l.sustained,
                        burst: l.burst,
                        resolver: matches!(units, Units::Ips(_)),
                    }),
                    Err(e) => {
                        if ev.cap_error.is_none() {
                            ev.cap_error = Some(first_line(&e));
                        }
                    }
                }
            }
            ev.res.push(st);
        }
        ev
    }

    /// Divide USD per GB by this GB figure instead of the processed GB.
    pub fn set_traffic_gb(&mut self, gb: Option<Decimal>) {
        self.traffic_gb = gb;
    }

    /// Evaluate one point: binding `b` takes `values[b.slot]`.
    pub fn eval(
        &self,
        scratch: &mut Scratch,
        bindings: &[Binding],
        values: &[Num],
    ) -> Result<Outcome, Fallback> {
        scratch.res.clear();
        scratch.res.extend_from_slice(&self.res);
        let mut hours = self.hours;
        for b in bindings {
            let v = &values[b.slot];
            if b.hours {
                hours = u32::try_from(v.whole).map_err(|_| Fallback)?;
                continue;
            }
            for &i in &b.resources {
                let st = &mut scratch.res[i];
                match b.field {
                    Field::Count => st.count = v.whole,
                    Field::Gb => st.gb = v.dec,
                    Field::PeakGbps => st.peak = v.float,
                    Field::Queries => st.queries = v.dec,
                    Field::PeakQps => st.peak_qps = v.float,
                    Field::Nlcu => st.nlcu = v.dec,
                    Field::VpcAssociations => st.assoc = v.whole,
                    Field::OptionalFeatures => st.features = v.whole,
                    Field::Hours => {}
                }
            }
        }
        self.eval_state(scratch, hours)
    }

    fn qty(c: &Charge, st: &ResState, h: Decimal) -> Result<Decimal, Fallback> {
        let mul = |a: Decimal, b: Decimal| a.checked_mul(b).ok_or(Fallback);
        Ok(match c.qty {
            Qty::Nothing => Decimal::ZERO,
            Qty::AzHours(nazs) => mul(mul(Decimal::from(st.count), Decimal::from(nazs))?, h)?,
            Qty::UnitHours => mul(Decimal::from(st.count), h)?,
            Qty::Gb => st.gb,
            Qty::GbSides(sides) => mul(st.gb, Decimal::from(sides))?,
            Qty::IpHours(ips) => mul(Decimal::from(st.count.saturating_mul(ips)), h)?,
            Qty::MillionQueries => st.queries / Decimal::from(1_000_000u32),
            Qty::Count => Decimal::from(st.count),
            Qty::Features => mul(Decimal::from(st.count), Decimal::from(st.features))?,
            Qty::Associations => Decimal::from(st.assoc),
            Qty::Nlcu => mul(mul(Decimal::from(st.count), st.nlcu)?, h)?,
        })
    }

    /// The ladder's cost of `total` units (× hours for per-hour ladders).
    fn ladder_cost(l: &Ladder, total: Decimal, h: Decimal) -> Result<Decimal, Fallback> {
        if total.is_zero() {
            return Ok(Decimal::ZERO);
        }
        let Some(k) = l.tiers.iter().rposition(|t| t.from <= total) else {
            return Ok(Decimal::ZERO);
        };
        let t = &l.tiers[k];
        let mut cost = (total - t.from)
            .checked_mul(t.rate)
            .and_then(|x| x.checked_add(t.base))
            .ok_or(Fallback)?;
        if l.hourly_factor {
            cost = cost.checked_mul(h).ok_or(Fallback)?;
        }
        Ok(cost)
    }

    /// One capacity check: `(headroom %, status, status with an AZ lost)`, or `None` when
    /// the block has no units.
    fn cap_eval(cap: &Cap, st: &ResState, hours: u32) -> Option<(f64, Status, Status)> {
        if cap.nazs == 0 {
            return None;
        }
        let (total, worst) = match cap.units {
            Units::PerAz => (st.count.wrapping_mul(cap.nazs), st.count),
            Units::Spread => (st.count, st.count.div_ceil(cap.nazs)),
            Units::Ips(ips) => {
                let u = st.count.saturating_mul(ips);
                (u, u.div_ceil(cap.nazs))
            }
        };
        if total == 0 {
            return None;
        }
        let (peak, avg) = if cap.resolver {
            let q = st.queries.to_f64().unwrap_or(f64::INFINITY);
            (st.peak_qps, q / (f64::from(hours) * 3600.0))
        } else {
            (st.peak, avg_gbps(st.gb, hours))
        };
        let load_total = peak.max(avg);
        let per_unit = load_total / total as f64;
        let survivors = total - worst;
        let az_status = if survivors == 0 {
            Status::Down
        } else {
            Status::of(load_total / survivors as f64, cap.sustained, cap.burst)
        };
        let headroom_pct = (cap.sustained - per_unit) / cap.sustained * 100.0;
        Some((
            headroom_pct,
            Status::of(per_unit, cap.sustained, cap.burst),
            az_status,
        ))
    }

    /// Fold everything a point cannot change into constants, given the keys the points
    /// patch: charges, ladders and capacity checks of resources no binding touches (and
    /// that do not depend on the hours when the hours are swept). Only for combinations
    /// with every price present, no closed top tier and every limit present, where no
    /// error can depend on the order of the charges.
    pub fn fold(&mut self, bindings: &[Binding]) {
        self.folded = None;
        if !self.missing.is_empty()
            || self.cap_error.is_some()
            || self.ladders.iter().any(|l| l.top.is_some())
        {
            return;
        }
        let hours_bound = bindings.iter().any(|b| b.hours);
        let mut var_res = vec![false; self.res.len()];
        for b in bindings {
            for &i in &b.resources {
                var_res[i] = true;
            }
        }
        let uses_hours = |q: Qty| {
            matches!(
                q,
                Qty::AzHours(_) | Qty::UnitHours | Qty::IpHours(_) | Qty::Nlcu
            )
        };
        let h = Decimal::from(self.hours);
        let mut var_ladder = vec![false; self.ladders.len()];
        let mut base_totals = vec![Decimal::ZERO; self.ladders.len()];
        let mut var_charges = Vec::new();
        for (i, c) in self.charges.iter().enumerate() {
            let Ok(l) = c.ladder else { return };
            let variable = var_res[c.res]
                || (hours_bound && (uses_hours(c.qty) || self.ladders[l].hourly_factor));
            if variable {
                var_ladder[l] = true;
                var_charges.push(i);
            } else {
                let Ok(q) = Self::qty(c, &self.res[c.res], h) else {
                    return;
                };
                let Some(t) = base_totals[l].checked_add(q) else {
                    return;
                };
                base_totals[l] = t;
            }
        }
        for (l, ladder) in self.ladders.iter().enumerate() {
            if hours_bound && ladder.hourly_factor {
                var_ladder[l] = true;
            }
        }
        let mut const_monthly = Decimal::ZERO;
        let mut var_ladders = Vec::new();
        for (l, ladder) in self.ladders.iter().enumerate() {
            if var_ladder[l] {
                var_ladders.push(l);
            } else {
                let Ok(c) = Self::ladder_cost(ladder, base_totals[l], h) else {
                    return;
                };
                let Some(m) = const_monthly.checked_add(c) else {
                    return;
                };
                const_monthly = m;
            }
        }
        let mut const_gb = Decimal::ZERO;
        let mut var_processed = Vec::new();
        for &i in &self.processed {
            if var_res[i] {
                var_processed.push(i);
            } else {
                let Some(g) = const_gb.checked_add(self.res[i].gb) else {
                    return;
                };
                const_gb = g;
            }
        }
        let mut const_cap = CapAcc::default();
        let mut var_caps = Vec::new();
        for (k, cap) in self.caps.iter().enumerate() {
            if var_res[cap.res] || hours_bound {
                var_caps.push(k);
            } else if let Some(x) = Self::cap_eval(cap, &self.res[cap.res], self.hours) {
                const_cap.add(x);
            }
        }
        self.folded = Some(Folded {
            var_charges,
            var_ladders,
            base_totals,
            const_monthly,
            const_gb,
            var_processed,
            var_caps,
            const_cap,
        });
    }

    fn eval_state(&self, scratch: &mut Scratch, hours: u32) -> Result<Outcome, Fallback> {
        let h = Decimal::from(hours);
        let (monthly, gb, cap) = match &self.folded {
            Some(f) => {
                scratch.totals.clear();
                scratch.totals.extend_from_slice(&f.base_totals);
                for &i in &f.var_charges {
                    let c = &self.charges[i];
                    let q = Self::qty(c, &scratch.res[c.res], h)?;
                    if let Ok(l) = c.ladder {
                        scratch.totals[l] = scratch.totals[l].checked_add(q).ok_or(Fallback)?;
                    }
                }
                let mut monthly = f.const_monthly;
                for &l in &f.var_ladders {
                    let c = Self::ladder_cost(&self.ladders[l], scratch.totals[l], h)?;
                    monthly = monthly.checked_add(c).ok_or(Fallback)?;
                }
                let mut gb = f.const_gb;
                for &i in &f.var_processed {
                    gb = gb.checked_add(scratch.res[i].gb).ok_or(Fallback)?;
                }
                let mut cap = f.const_cap;
                for &k in &f.var_caps {
                    let c = &self.caps[k];
                    if let Some(x) = Self::cap_eval(c, &scratch.res[c.res], hours) {
                        cap.add(x);
                    }
                }
                (monthly, gb, cap)
            }
            None => {
                scratch.totals.clear();
                scratch.totals.resize(self.ladders.len(), Decimal::ZERO);
                for c in &self.charges {
                    let q = Self::qty(c, &scratch.res[c.res], h)?;
                    if q.is_zero() {
                        continue;
                    }
                    let l = match c.ladder {
                        Ok(l) => l,
                        Err(m) => return Ok(Outcome::Invalid(self.missing[m].clone())),
                    };
                    let end = scratch.totals[l].checked_add(q).ok_or(Fallback)?;
                    let ladder = &self.ladders[l];
                    if let Some(top) = ladder.top
                        && end > top
                    {
                        return Ok(Outcome::Invalid(first_line(&Error::PastLastTier {
                            region: ladder.region.clone(),
                            component: ladder.component.clone(),
                            quantity: end.normalize().to_string(),
                            top: top.normalize().to_string(),
                        })));
                    }
                    scratch.totals[l] = end;
                }
                if let Some(e) = &self.cap_error {
                    return Ok(Outcome::Invalid(e.clone()));
                }
                let mut monthly = Decimal::ZERO;
                for (l, total) in self.ladders.iter().zip(&scratch.totals) {
                    let c = Self::ladder_cost(l, *total, h)?;
                    monthly = monthly.checked_add(c).ok_or(Fallback)?;
                }
                let mut gb = Decimal::ZERO;
                for &i in &self.processed {
                    gb = gb.checked_add(scratch.res[i].gb).ok_or(Fallback)?;
                }
                let mut cap = CapAcc::default();
                for c in &self.caps {
                    if let Some(x) = Self::cap_eval(c, &scratch.res[c.res], hours) {
                        cap.add(x);
                    }
                }
                (monthly, gb, cap)
            }
        };
        let hourly = monthly / h;
        let gb = self.traffic_gb.unwrap_or(gb);
        let usd_per_gb = if gb.is_zero() {
            None
        } else {
            monthly.checked_div(gb)
        };
        Ok(Outcome::Valid(Figures {
            monthly,
            hourly,
            usd_per_gb,
            min_headroom_pct: cap.min_headroom,
            status: cap.status,
            az_loss_status: cap.az_loss_status,
        }))
    }

    /// Evaluate a point and return, for each ladder, its total quantity and the quantities
    /// where its price changes (tier starts and a closed top). Break-even uses these to
    /// find where the cost function bends. `None` when the point is not valid.
    pub fn ladder_totals(
        &self,
        scratch: &mut Scratch,
        bindings: &[Binding],
        values: &[Num],
    ) -> Option<(Vec<Decimal>, Vec<Vec<Decimal>>)> {
        match self.eval(scratch, bindings, values) {
            Ok(Outcome::Valid(_)) => {}
            _ => return None,
        }
        let bounds = self
            .ladders
            .iter()
            .map(|l| {
                let mut b: Vec<Decimal> = l.tiers.iter().skip(1).map(|t| t.from).collect();
                if let Some(t) = l.top {
                    b.push(t);
                }
                b
            })
            .collect();
        Some((scratch.totals.clone(), bounds))
    }
}
