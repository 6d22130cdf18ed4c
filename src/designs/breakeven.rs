//! Exact break-even between designs, from their piecewise-linear cost functions.
//!
//! Every charge of vpceplan is a price-book ladder applied to a quantity (endpoint-AZ-hours,
//! GB, attachments...). When a workload is scaled by one parameter x (its traffic, or its
//! spoke count), each ladder's monthly quantity is linear in x: `q(x) = q0 + s·x`. The
//! monthly cost is therefore
//!
//! ```text
//!   C(x) = Σ_ladders factor × tiered(q0 + s·x)
//! ```
//!
//! a sum of linear pieces whose breakpoints are where some ladder's quantity reaches a
//! tier boundary. [`CostFn`] holds exactly that: per ladder, q0 and s (read off two
//! evaluations of the design's compiled program — the same quantities the engine's line
//! items add up to, from the same rule table) and the ladder from the book. Between consecutive breakpoints C is one line `α + β·x` whose coefficients are
//! computed exactly with `Decimal` (no division); the break-even of two designs on a
//! segment is the root of the difference of their lines, one exact division `num / den`.
//! No sampling: the only evaluations are the ones that read q0 and s, plus one that
//! checks the function against a third.

use super::{Scale, compile};
use crate::engine::evaluate;
use crate::error::{Error, Result};
use crate::pricing::{Ladder, PriceBook};
use crate::program::{Outcome, Program, Scratch};
use crate::rules::Component;
use crate::scenario::{DesignChoice, Scenario};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How many identical accounts' ladders a term stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copies {
    /// A fixed number (1 for the organization's or one account's ladder).
    Fixed(u64),
    /// One per spoke, with the spoke count as the parameter: the cost is `x ×` one
    /// account's (whose quantity does not change with x).
    PerX,
}

/// One ladder's share of a cost function: `factor × copies × tiered(q0 + slope·x)`, the
/// quantity being one account's when the ladder stands for several identical accounts.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub region: String,
    pub component: String,
    pub variant: String,
    pub q0: Decimal,
    pub slope: Decimal,
    /// Multiplies every tier's amount (association-hours are tiered per association and
    /// billed per hour: factor = hours per month).
    pub factor: Decimal,
    /// The price book's ladder (its tier arithmetic is the book's, see [`Ladder`]).
    pub ladder: Ladder,
    pub copies: Copies,
}

/// Saturating arithmetic: the solver never panics, whatever the magnitudes (the parser
/// bounds scenario figures so real inputs stay far inside exact decimals).
fn sat(v: Option<Decimal>, pos: bool) -> Decimal {
    v.unwrap_or(if pos { Decimal::MAX } else { Decimal::MIN })
}
fn add(a: Decimal, b: Decimal) -> Decimal {
    sat(a.checked_add(b), b.is_sign_positive())
}
fn sub(a: Decimal, b: Decimal) -> Decimal {
    sat(a.checked_sub(b), b.is_sign_negative())
}
fn mul(a: Decimal, b: Decimal) -> Decimal {
    sat(
        a.checked_mul(b),
        a.is_sign_negative() == b.is_sign_negative(),
    )
}

impl Term {
    fn qty(&self, x: Decimal) -> Decimal {
        add(self.q0, mul(self.slope, x))
    }

    /// Exact cost at quantity q (saturating where it leaves exact decimals), for a fixed
    /// number of copies.
    fn cost_at_qty(&self, q: Decimal) -> Decimal {
        match self.ladder.cost(q) {
            Some(c) => match self.copies {
                Copies::Fixed(m) if m > 1 => mul(mul(c, Decimal::from(m)), self.factor),
                _ => mul(c, self.factor),
            },
            None => Decimal::MAX,
        }
    }

    /// Exact cost at x.
    fn value(&self, x: Decimal) -> Decimal {
        let c = self.cost_at_qty(self.qty(x));
        match self.copies {
            Copies::PerX => mul(c, x),
            Copies::Fixed(_) => c,
        }
    }

    /// The line `α + β·x` this term follows while its quantity lies in the tier that
    /// holds `q_probe`.
    fn line_at(&self, q_probe: Decimal) -> (Decimal, Decimal) {
        if self.copies == Copies::PerX {
            // One account's quantity does not move with x: x × its cost.
            return (Decimal::ZERO, self.cost_at_qty(self.q0));
        }
        // Below the first tier (a negative quantity) costs nothing; past a closed top
        // the engine refuses, and `CostFn::hi` keeps the solver below it.
        let Some(t) = self.ladder.tier_of(q_probe).map(|k| &self.ladder.tiers[k]) else {
            return (Decimal::ZERO, Decimal::ZERO);
        };
        if t.to.is_some_and(|to| q_probe >= to) {
            return (Decimal::ZERO, Decimal::ZERO);
        }
        let fixed = t.base.unwrap_or(Decimal::MAX);
        let m = match self.copies {
            Copies::Fixed(m) => Decimal::from(m.max(1)),
            Copies::PerX => Decimal::ONE,
        };
        let factor = mul(self.factor, m);
        let alpha = mul(add(fixed, mul(t.rate, sub(self.q0, t.from))), factor);
        let beta = mul(mul(t.rate, self.slope), factor);
        (alpha, beta)
    }

    /// x values where the quantity crosses a tier boundary.
    fn breakpoints(&self) -> Vec<Decimal> {
        if self.slope.is_zero() || self.copies == Copies::PerX {
            return Vec::new();
        }
        self.ladder
            .tiers
            .iter()
            .skip(1)
            .filter_map(|t| t.from.checked_sub(self.q0)?.checked_div(self.slope))
            .collect()
    }
}

/// A monthly cost as a function of one parameter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CostFn {
    pub terms: Vec<Term>,
    /// Added to the sum (e.g. minus the cost of volume billed before x starts).
    pub constant: Decimal,
    /// The spoke count from which the design splits its hub to stay within the service
    /// quotas (another transit gateway, Profile or zone copy): the function holds below
    /// it only.
    pub split_at: Option<Decimal>,
}

impl CostFn {
    /// Exact monthly cost at x.
    pub fn value(&self, x: Decimal) -> Decimal {
        self.terms
            .iter()
            .fold(self.constant, |acc, t| add(acc, t.value(x)))
    }

    /// The line `α + β·x` the function follows around `probe` (a point strictly inside a
    /// segment between breakpoints).
    pub fn line_at(&self, probe: Decimal) -> (Decimal, Decimal) {
        let mut a = self.constant;
        let mut b = Decimal::ZERO;
        for t in &self.terms {
            let (ta, tb) = t.line_at(t.qty(probe));
            a = add(a, ta);
            b = add(b, tb);
        }
        (a, b)
    }

    /// Breakpoints (tier boundaries) in x, sorted, without duplicates.
    pub fn breakpoints(&self) -> Vec<Decimal> {
        let mut v: Vec<Decimal> = self.terms.iter().flat_map(|t| t.breakpoints()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// The largest x the function holds for: where a ladder with a closed top tier runs
    /// out, or where the design splits ([`CostFn::split_at`]), if any.
    pub fn hi(&self) -> Option<Decimal> {
        self.terms
            .iter()
            .filter(|t| t.slope > Decimal::ZERO && t.copies != Copies::PerX)
            .filter_map(|t| {
                let top = t.ladder.top()?;
                top.checked_sub(t.q0)?.checked_div(t.slope)
            })
            .chain(self.split_at)
            .min()
    }
}

/// Which of two designs is cheaper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cheaper {
    A,
    B,
    Equal,
}

/// A point where the cheaper design changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossing {
    /// The parameter value, `num / den` rounded by `Decimal` division (28 digits).
    pub at: Decimal,
    /// Exact numerator and denominator of the root.
    pub num: Decimal,
    pub den: Decimal,
    /// The cheaper design just above the crossing.
    pub after: Cheaper,
}

/// The break-even of two cost functions over `[lo, hi)`.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakEven {
    /// The cheaper design at the low end of the range.
    pub at_lo: Cheaper,
    /// Where the cheaper one changes; empty: "never" in the range.
    pub crossings: Vec<Crossing>,
    /// Where the range ends because a design splits to stay within the service quotas
    /// (the cost functions hold below it only).
    pub split_at: Option<Decimal>,
}

fn sign(d: Decimal) -> Cheaper {
    // d = cost(A) − cost(B)
    if d.is_zero() {
        Cheaper::Equal
    } else if d.is_sign_negative() {
        Cheaper::A
    } else {
        Cheaper::B
    }
}

/// `α + β·x`, saturating where the product leaves Decimal's range (only the sign of
/// such a value is used).
fn line_value(alpha: Decimal, beta: Decimal, x: Decimal) -> Decimal {
    match beta.checked_mul(x).and_then(|p| alpha.checked_add(p)) {
        Some(v) => v,
        None if beta.is_sign_negative() != x.is_sign_negative() => Decimal::MIN,
        None => Decimal::MAX,
    }
}

/// Solve `a(x) = b(x)` exactly over `[lo, hi)` (`hi = None`: unbounded).
pub fn solve(a: &CostFn, b: &CostFn, lo: Decimal, hi: Option<Decimal>) -> BreakEven {
    let hi = [hi, a.hi(), b.hi()].into_iter().flatten().min();
    let mut pts: Vec<Decimal> = a
        .breakpoints()
        .into_iter()
        .chain(b.breakpoints())
        .filter(|x| *x > lo && hi.is_none_or(|h| *x < h))
        .collect();
    pts.sort();
    pts.dedup();
    let mut starts = vec![lo];
    starts.extend(pts);
    let diff = |x: Decimal| sub(a.value(x), b.value(x));
    // Midpoints and steps without overflow, whatever the magnitudes.
    let mid = |x: Decimal, y: Decimal| x / Decimal::TWO + y / Decimal::TWO;
    let step = |x: Decimal| x.checked_add(Decimal::ONE).unwrap_or(x);
    let at_lo = {
        let d0 = diff(lo);
        if d0.is_zero() {
            // Equal at lo: who is cheaper just above decides.
            let probe = starts
                .get(1)
                .map(|n| mid(lo, *n))
                .unwrap_or_else(|| step(lo));
            let (aa, ab) = a.line_at(probe);
            let (ba, bb) = b.line_at(probe);
            sign(line_value(sub(aa, ba), sub(ab, bb), probe))
        } else {
            sign(d0)
        }
    };
    let mut crossings: Vec<Crossing> = Vec::new();
    let mut current = at_lo;
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().or(hi);
        let probe = match end {
            Some(e) => mid(start, e),
            None => step(start),
        };
        let (aa, ab) = a.line_at(probe);
        let (ba, bb) = b.line_at(probe);
        let alpha = sub(aa, ba);
        let beta = sub(ab, bb);
        // Sign of the difference just above `start`.
        let d_start = line_value(alpha, beta, start);
        let above_start = if d_start.is_zero() {
            sign(beta)
        } else {
            sign(d_start)
        };
        if above_start != Cheaper::Equal && current != Cheaper::Equal && above_start != current {
            // The change happens exactly at `start` (a breakpoint where D touches zero).
            crossings.push(Crossing {
                at: start,
                num: start,
                den: Decimal::ONE,
                after: above_start,
            });
        }
        if above_start != Cheaper::Equal {
            current = above_start;
        }
        if beta.is_zero() {
            continue;
        }
        let Some(num) = Decimal::ZERO.checked_sub(alpha) else {
            continue;
        };
        let den = beta;
        let Some(root) = num.checked_div(den) else {
            continue;
        };
        let inside = root > start && end.is_none_or(|e| root < e);
        if inside {
            let after = if beta.is_sign_positive() {
                Cheaper::B
            } else {
                Cheaper::A
            };
            if after != current {
                crossings.push(Crossing {
                    at: root,
                    num,
                    den,
                    after,
                });
                current = after;
            }
        }
    }
    BreakEven {
        at_lo,
        crossings,
        split_at: [a.split_at, b.split_at].into_iter().flatten().min(),
    }
}

/// The parameter a break-even is taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// The workload's traffic, all of it scaled together; reported in GB per month.
    Traffic,
    /// The number of spoke VPCs (traffic per spoke fixed).
    Spokes,
}

/// A ladder of a priced design: (payer, Region, component, variant).
type Key = (String, String, String, String);

/// A design priced at one scale: each ladder's monthly quantity (one account's) and the
/// identical accounts it stands for, and the monthly cost.
struct Priced {
    quantities: BTreeMap<Key, (Decimal, u64)>,
    /// VPC Lattice requests, per block `(Region, block)`: `(all requests, free requests)`
    /// in millions. Billable requests are `max(0, all − free)`, a kink no ladder of the
    /// book holds, so each block gets a ladder of its own (see [`cost_fn`]).
    requests: BTreeMap<(String, String), (Decimal, Decimal)>,
    monthly: Decimal,
}

/// How far (USD a month) a cost function with per-block request terms may differ from
/// the engine through decimal rounding alone.
const MODEL_SLACK: Decimal = Decimal::from_parts(1, 0, 0, false, 18);

/// The component whose quantity is requests past a free allowance.
const REQUESTS: &str = "lattice_requests";

/// Each Lattice block's requests and free requests, in millions (the quantities of
/// [`crate::rules::Qty::BillableMillionRequests`] before the subtraction, computed as it
/// computes them).
fn lattice_requests(s: &Scenario) -> BTreeMap<(String, String), (Decimal, Decimal)> {
    let million = Decimal::from(1_000_000u32);
    s.resources
        .iter()
        .filter_map(|r| match &r.kind {
            crate::scenario::Kind::LatticeService { requests_per_month } => {
                let free = Decimal::from(crate::rules::FREE_REQUESTS_PER_SERVICE_HOUR)
                    .checked_mul(Decimal::from(r.count))?
                    .checked_mul(Decimal::from(s.hours_per_month))?
                    / million;
                Some((
                    (r.region.clone(), r.block.clone()),
                    (*requests_per_month / million, free),
                ))
            }
            _ => None,
        })
        .collect()
}

/// Price a compiled design with the compiled program: the quantity of each ladder that
/// bills something (what the engine's line items on it add up to) and the monthly cost.
/// Where the program cannot price it (a missing price, a closed tier, an overflow), the
/// engine does, for its own error.
fn priced(s: &Scenario, book: &PriceBook) -> Result<Priced> {
    let p = Program::of(s, book);
    let mut scratch = Scratch::default();
    scratch.nums.extend_from_slice(p.base());
    if let Ok(Outcome::Valid(f)) = p.eval_nums(&mut scratch, s.hours_per_month, None) {
        let quantities = p
            .ladder_costs(&scratch, s.hours_per_month)
            .into_iter()
            .filter(|l| !l.total.is_zero() && l.component != REQUESTS)
            .map(|l| {
                (
                    (l.payer, l.region, l.component.to_string(), l.variant),
                    (l.total, l.copies),
                )
            })
            .collect();
        return Ok(Priced {
            quantities,
            requests: lattice_requests(s),
            monthly: f.monthly,
        });
    }
    let e = evaluate(s, book)?;
    if s.accounts.billing == crate::scenario::Billing::Separate {
        return Err(Error::Msg(format!(
            "{}: the cost function of a design with separately billed accounts could not be read exactly; no break-even",
            s.name
        )));
    }
    let mut quantities: BTreeMap<Key, (Decimal, u64)> = BTreeMap::new();
    for l in e.lines.iter().filter(|l| l.component != REQUESTS) {
        quantities
            .entry((
                String::new(),
                l.region.clone(),
                l.component.clone(),
                l.variant.clone(),
            ))
            .or_insert((Decimal::ZERO, 1))
            .0 += l.quantity;
    }
    Ok(Priced {
        quantities,
        requests: lattice_requests(s),
        monthly: e.monthly,
    })
}

/// Ladders tiered in one unit and billed in another (the rule table says which).
fn factor(component: &str, hours: u32) -> Decimal {
    match Component::parse(component) {
        Some(c) if c.info().hourly => Decimal::from(hours),
        _ => Decimal::ONE,
    }
}

/// The cost function of one design of a scenario in one parameter. For `Traffic`, x is a
/// multiplier of the workload's traffic (1 = as written); for `Spokes`, the spoke count.
pub fn cost_fn(
    s: &Scenario,
    design: &Option<DesignChoice>,
    param: Param,
    book: &PriceBook,
) -> Result<CostFn> {
    let at = |x: u64| -> Scale {
        match param {
            Param::Traffic => Scale {
                traffic: Decimal::from(x),
                spokes: None,
            },
            Param::Spokes => Scale {
                traffic: Decimal::ONE,
                spokes: Some(x),
            },
        }
    };
    // Read the lines at x = 1 and 2 (traffic) and check at 3: at zero traffic a design
    // may drop a block (no remote clients, no remote endpoint), so the line is read where
    // the design has the structure it has for every positive volume, and extended to 0.
    let (x1, x2, x3) = match param {
        Param::Traffic => (1u64, 2u64, 3u64),
        Param::Spokes => {
            let n = s.workload.as_ref().map(|w| w.spokes).unwrap_or(1);
            (1, 2, n.max(3))
        }
    };
    // A centralized design's counts are linear in the spokes until its hub splits.
    let split_at = match (param, design) {
        (Param::Spokes, Some(d)) => super::split_at(s, d.kind, &book.quotas),
        _ => None,
    };
    let x3 = match split_at {
        Some(b) if x3 >= b => b.saturating_sub(1).max(3),
        _ => x3,
    };
    let eval = |x: u64| priced(&compile(s, design, at(x), &book.quotas).scenario, book);
    let e1 = eval(x1)?;
    let e2 = eval(x2)?;
    let (q1, q2) = (&e1.quantities, &e2.quantities);
    let dx = Decimal::from(x2 - x1);
    let mut keys: Vec<&Key> = q1.keys().chain(q2.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut terms = Vec::new();
    for k in keys {
        let (a, ma) = q1.get(k).copied().unwrap_or((Decimal::ZERO, 0));
        let (b, mb) = q2.get(k).copied().unwrap_or((Decimal::ZERO, 0));
        // Identical accounts whose number follows x (the per-spoke accounts over the
        // spoke count): x × one account's cost, whose quantity stays put.
        let per_x = ma != mb && ma == x1 && mb == x2 && a == b && param == Param::Spokes;
        let (q0, slope, copies) = if per_x {
            (a, Decimal::ZERO, Copies::PerX)
        } else {
            let slope = (b - a) / dx;
            (
                a - slope * Decimal::from(x1),
                slope,
                Copies::Fixed(ma.max(mb).max(1)),
            )
        };
        let ladder = ladder(book, &k.1, &k.2, &k.3)?;
        terms.push(Term {
            region: k.1.clone(),
            component: k.2.clone(),
            variant: k.3.clone(),
            q0,
            slope,
            factor: factor(&k.2, s.hours_per_month),
            ladder,
            copies,
        });
    }
    // Lattice requests: per block, all requests in millions (linear in x) on a ladder that
    // is free up to the block's free millions and then the book's tiers, shifted by them.
    // Exact for the book's one-rate ladder; the check below refuses anything else that
    // bends.
    let (r1, r2) = (&e1.requests, &e2.requests);
    let mut blocks: Vec<&(String, String)> = r1.keys().chain(r2.keys()).collect();
    blocks.sort();
    blocks.dedup();
    for k in blocks {
        let (a, free_a) = r1.get(k).copied().unwrap_or_default();
        let (b, free_b) = r2.get(k).copied().unwrap_or_default();
        let free = free_a.max(free_b);
        if a.is_zero() && b.is_zero() {
            continue;
        }
        let book_ladder = ladder(book, &k.0, REQUESTS, "")?;
        let mut tiers = vec![(Decimal::ZERO, Some(free), Decimal::ZERO)];
        tiers.extend(
            book_ladder
                .tiers
                .iter()
                .map(|t| (t.from + free, t.to.map(|to| to + free), t.rate)),
        );
        let slope = (b - a) / dx;
        terms.push(Term {
            region: k.0.clone(),
            component: REQUESTS.to_string(),
            variant: String::new(),
            q0: a - slope * Decimal::from(x1),
            slope,
            factor: Decimal::ONE,
            ladder: Ladder::new(tiers),
            copies: Copies::Fixed(1),
        });
    }
    let f = CostFn {
        terms,
        constant: Decimal::ZERO,
        split_at: split_at.map(Decimal::from),
    };
    // The function must reproduce the engine, at the points read and at a third one:
    // exactly, but for the last digits of 28-digit decimals where the function adds up per
    // block what the engine prices as one total (Lattice requests past each block's free
    // ones: the rounding of Σ (aᵢ × rate) and (Σ aᵢ) × rate may differ by 10⁻²⁵). A cost
    // that bends differs by far more than [`MODEL_SLACK`].
    let e3 = eval(x3)?;
    for (x, e) in [(x1, &e1), (x2, &e2), (x3, &e3)] {
        let got = f.value(Decimal::from(x));
        let exact = !f.terms.iter().any(|t| t.component == REQUESTS);
        let off = if exact {
            got != e.monthly
        } else {
            (got - e.monthly).abs() > MODEL_SLACK
        };
        if off {
            return Err(Error::Msg(format!(
                "{}: the cost of design `{}` is not linear in {} (engine {} vs model {} at {x}); no break-even",
                s.name,
                design
                    .as_ref()
                    .map(|d| d.name.as_str())
                    .unwrap_or("provider"),
                match param {
                    Param::Traffic => "traffic",
                    Param::Spokes => "spokes",
                },
                e.monthly.normalize(),
                got.normalize()
            )));
        }
    }
    Ok(f)
}

/// Interface endpoint versus NAT gateway, per endpoint-AZ, in one Region: the monthly GB
/// through one endpoint ENI above which the endpoint is cheaper.
#[derive(Debug, Clone, PartialEq)]
pub struct NatVsEndpoint {
    pub region: String,
    /// The endpoint's monthly cost as a function of x GB (x on top of `already`).
    pub endpoint: CostFn,
    /// NAT processing only (a NAT gateway that is there anyway for other traffic).
    pub nat_shared: CostFn,
    /// A NAT gateway dedicated to the traffic: NAT-hours plus processing.
    pub nat_dedicated: CostFn,
    /// Against a NAT gateway that is there anyway.
    pub vs_shared: BreakEven,
    /// Against a NAT gateway dedicated to the traffic.
    pub vs_dedicated: BreakEven,
}

/// The price ladder of `component` (`variant`) in `region`; an error naming the missing
/// price when the book has none.
fn ladder(book: &PriceBook, region: &str, component: &str, variant: &str) -> Result<Ladder> {
    book.tier_ladder(region, component, variant)
        .cloned()
        .ok_or_else(|| book.missing(region, component, variant))
}

fn ladder_term(
    book: &PriceBook,
    region: &str,
    component: &str,
    q0: Decimal,
    slope: Decimal,
) -> Result<Term> {
    Ok(Term {
        region: region.to_string(),
        component: component.to_string(),
        variant: String::new(),
        q0,
        slope,
        factor: Decimal::ONE,
        ladder: ladder(book, region, component, "")?,
        copies: Copies::Fixed(1),
    })
}

/// The per-endpoint-AZ break-even of an interface endpoint against NAT in `region`;
/// `already` is the Region's interface-endpoint GB billed before this endpoint's (the
/// tiers apply to the Region's monthly total).
pub fn nat_vs_endpoint(
    book: &PriceBook,
    region: &str,
    hours: u32,
    already: Decimal,
) -> Result<NatVsEndpoint> {
    let h = Decimal::from(hours);
    let ep_gb = ladder_term(
        book,
        region,
        Component::InterfaceEndpointGb.id(),
        already,
        Decimal::ONE,
    )?;
    let before = ep_gb.cost_at_qty(already);
    let endpoint = CostFn {
        terms: vec![
            ladder_term(
                book,
                region,
                Component::InterfaceEndpointHour.id(),
                h,
                Decimal::ZERO,
            )?,
            ep_gb,
        ],
        constant: -before,
        split_at: None,
    };
    let nat_gb = ladder_term(
        book,
        region,
        Component::NatGatewayGb.id(),
        Decimal::ZERO,
        Decimal::ONE,
    )?;
    let nat_shared = CostFn {
        terms: vec![nat_gb.clone()],
        constant: Decimal::ZERO,
        split_at: None,
    };
    let nat_dedicated = CostFn {
        terms: vec![
            ladder_term(
                book,
                region,
                Component::NatGatewayHour.id(),
                h,
                Decimal::ZERO,
            )?,
            nat_gb,
        ],
        constant: Decimal::ZERO,
        split_at: None,
    };
    let vs_shared = solve(&endpoint, &nat_shared, Decimal::ZERO, None);
    let vs_dedicated = solve(&endpoint, &nat_dedicated, Decimal::ZERO, None);
    Ok(NatVsEndpoint {
        region: region.to_string(),
        endpoint,
        nat_shared,
        nat_dedicated,
        vs_shared,
        vs_dedicated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn book() -> PriceBook {
        PriceBook::builtin().expect("built-in book")
    }

    #[test]
    fn endpoint_beats_a_shared_nat_above_208_57_gb_per_endpoint_az() {
        // us-east-1, 730 h: endpoint-AZ = 730 × 0.01 = 7.30/month + 0.01/GB;
        // NAT processing 0.045/GB. 7.30 + 0.01x = 0.045x → x = 7.30 / 0.035
        //   = 208.571428571428571428571428...
        let r = nat_vs_endpoint(&book(), "us-east-1", 730, dec!(0)).unwrap();
        assert_eq!(r.vs_shared.at_lo, Cheaper::B); // NAT cheaper at 0 GB
        assert_eq!(r.vs_shared.crossings.len(), 1);
        let c = &r.vs_shared.crossings[0];
        assert_eq!(c.num / c.den, dec!(7.30) / dec!(0.035));
        assert_eq!(c.at, dec!(208.57142857142857142857142857));
        assert_eq!(c.after, Cheaper::A);
        // Both at the root cost the same to the last digit Decimal keeps.
        let d = r.endpoint.value(c.at) - r.nat_shared.value(c.at);
        assert!(d.abs() < dec!(0.0000000000000000000001), "{d}");
    }

    #[test]
    fn dedicated_nat_never_beats_the_endpoint() {
        // Endpoint 7.30 + 0.01x against NAT 32.85 + 0.045x: the endpoint is cheaper at
        // every volume (higher hourly and higher per-GB on the NAT side).
        let r = nat_vs_endpoint(&book(), "us-east-1", 730, dec!(0)).unwrap();
        assert_eq!(r.vs_dedicated.at_lo, Cheaper::A);
        assert!(r.vs_dedicated.crossings.is_empty());
        assert_eq!(r.nat_dedicated.value(dec!(0)), dec!(32.85));
    }

    #[test]
    fn break_even_across_a_tier_boundary() {
        // The Region already bills 1,048,476 GB: 100 GB left in tier 1 (0.01), then 0.006.
        // Endpoint: 7.30 + 0.01·min(x,100) + 0.006·(x−100)⁺; NAT: 0.045x.
        // At x = 100: endpoint 8.30, NAT 4.50 → NAT still cheaper, so the root is above:
        //   8.30 + 0.006(x − 100) = 0.045x → 7.70 = 0.039x → x = 197.4358974358974358974358974...
        let r = nat_vs_endpoint(&book(), "us-east-1", 730, dec!(1048476)).unwrap();
        // Tier boundaries in x: 1,048,576 − 1,048,476 = 100 and 5,242,880 − 1,048,476.
        assert_eq!(r.endpoint.breakpoints(), vec![dec!(100), dec!(4194404)]);
        assert_eq!(r.endpoint.value(dec!(100)), dec!(8.30));
        let c = &r.vs_shared.crossings[0];
        assert_eq!(c.num / c.den, dec!(7.70) / dec!(0.039));
        assert_eq!(c.at, dec!(197.43589743589743589743589744));
        // Deep in tier 2 (1 PB already billed): 7.30 / 0.039 = 187.179487...
        let r = nat_vs_endpoint(&book(), "us-east-1", 730, dec!(1048576)).unwrap();
        assert_eq!(r.vs_shared.crossings[0].at, dec!(7.30) / dec!(0.039));
    }

    #[test]
    fn missing_prices_name_region_and_component() {
        let e = nat_vs_endpoint(&book(), "us-west-2", 730, dec!(0)).unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("us-west-2") && m.contains("interface_endpoint_gb"),
            "{m}"
        );
    }

    fn line(q0: Decimal, slope: Decimal, tiers: &[(i64, Option<i64>, Decimal)]) -> Term {
        Term {
            region: "r".into(),
            component: "c".into(),
            variant: String::new(),
            q0,
            slope,
            factor: Decimal::ONE,
            ladder: Ladder::new(
                tiers
                    .iter()
                    .map(|(f, t, r)| (Decimal::from(*f), t.map(Decimal::from), *r)),
            ),
            copies: Copies::Fixed(1),
        }
    }

    #[test]
    fn two_crossings_when_a_tier_bends_a_line_back() {
        // A: 10 + 1·x for x < 20, then 0.1 per unit: A(x) = 30 + 0.1(x − 20).
        // B: 2x. Cheaper: A at 0? A(0)=10, B(0)=0 → B. A = B at 10 + x = 2x → x = 10;
        // then A cheaper; B(20)=40 > A(20)=30, stays A.
        let a = CostFn {
            terms: vec![
                line(dec!(10), dec!(0), &[(0, None, dec!(1))]),
                line(
                    dec!(0),
                    dec!(1),
                    &[(0, Some(20), dec!(1)), (20, None, dec!(0.1))],
                ),
            ],
            constant: dec!(0),
            split_at: None,
        };
        let b = CostFn {
            terms: vec![line(dec!(0), dec!(2), &[(0, None, dec!(1))])],
            constant: dec!(0),
            split_at: None,
        };
        let r = solve(&a, &b, dec!(0), None);
        assert_eq!(r.at_lo, Cheaper::B);
        assert_eq!(r.crossings.len(), 1);
        assert_eq!(r.crossings[0].at, dec!(10));
        // C: 0.5x; against A: A(0)=10 > 0 → C cheaper; tier 1: 10 + x vs 0.5x never;
        // past 20: 30 + 0.1(x−20) = 0.5x → 28 = 0.4x → x = 70 → A cheaper above 70.
        let c = CostFn {
            terms: vec![line(dec!(0), dec!(0.5), &[(0, None, dec!(1))])],
            constant: dec!(0),
            split_at: None,
        };
        let r = solve(&a, &c, dec!(0), None);
        assert_eq!(r.at_lo, Cheaper::B);
        assert_eq!(r.crossings.len(), 1);
        assert_eq!(r.crossings[0].at, dec!(70));
        assert_eq!(r.crossings[0].after, Cheaper::A);
    }

    #[test]
    fn equal_functions_never_cross() {
        let a = CostFn {
            terms: vec![line(dec!(1), dec!(1), &[(0, None, dec!(1))])],
            constant: dec!(0),
            split_at: None,
        };
        let r = solve(&a, &a.clone(), dec!(0), None);
        assert_eq!(r.at_lo, Cheaper::Equal);
        assert!(r.crossings.is_empty());
        assert_eq!(
            crate::report::compare::traffic_words(&r, "a", "b", dec!(1)),
            "never (equal throughout)"
        );
    }

    #[test]
    fn absurd_magnitudes_do_not_panic() {
        // Slopes near Decimal's limits: breakpoints out of range are dropped, and
        // midpoints and signs saturate instead of overflowing.
        let a = CostFn {
            terms: vec![line(
                dec!(0),
                dec!(0.0000000000000000000000001),
                &[(0, Some(1048576), dec!(0.01)), (1048576, None, dec!(0.006))],
            )],
            constant: dec!(1),
            split_at: None,
        };
        let b = CostFn {
            terms: vec![line(dec!(0), Decimal::MAX, &[(0, None, dec!(1))])],
            constant: dec!(0),
            split_at: None,
        };
        let _ = solve(&a, &b, dec!(0), None);
        let _ = solve(&b, &a, Decimal::MAX - dec!(1), None);
    }
}
