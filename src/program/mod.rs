//! The compiled program: a list of blocks prepared once per *shape* into charges on
//! resolved tier ladders and capacity checks against resolved limits, then evaluated per
//! *value* — each block's numbers ([`Nums`]) and the hours of the month — with no
//! parsing, no explain strings, no maps and no allocation.
//!
//! ```text
//!   blocks (kind, Region, numbers) ──compile──▶ Program ──eval(numbers, hours)──▶ Figures
//!          rules::of(kind): charges, capacity      │
//!          PriceBook: ladders, limits              └─ ladder_totals ──▶ break-even bends
//! ```
//!
//! Who reads it: the sweep binds axis values to block numbers
//! ([`crate::sweep::fast`]); a design compiled for a workload shape computes its blocks'
//! numbers from the workload's numbers per point ([`crate::designs::shape`](mod@crate::designs::shape)). The charges
//! and capacity checks come from the rule table ([`crate::rules`]) exactly as the engine
//! takes them for line items, and quantities are computed by the same
//! [`crate::rules::Qty::of`], so both give the same exact decimals.
//!
//! Service quotas are counted by the same compiled [`Counter`] the engine runs
//! ([`crate::quotas`]): a point over an adjustable quota is valid with its standing in
//! [`Figures::quotas`], one over a hard limit is [`Outcome::Impossible`] with the engine's
//! reason.
//!
//! Why the totals agree with the engine's: the engine prices each charge on the ladder's
//! running total in block order, so the slices of all charges on one ladder partition
//! `[0, total)`; their sum is the ladder's cost of `total` ([`Ladder::cost`]), which is
//! what the program computes. Errors come in the engine's order (first failing charge,
//! then a missing capacity limit) with the engine's own messages. Arithmetic that would
//! overflow is handed back ([`Fallback`]) and the caller asks the engine.

use crate::engine::Status;
use crate::error::Error;
use crate::pricing::{Ladder, LadderError, PriceBook, ladder_error};
use crate::quotas::{Counter, Standing};
use crate::rules::{self, Capacity, Nums, Qty, Tally};
use crate::scenario::{Accounts, Billing, Resource};
use rust_decimal::Decimal;

/// Figures of one point, exact.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub monthly: Decimal,
    pub hourly: Decimal,
    pub usd_per_gb: Option<Decimal>,
    pub min_headroom_pct: Option<f64>,
    pub status: Status,
    pub az_loss_status: Status,
    /// How the blocks stand against AWS service quotas (never `Impossible`: that point
    /// is an [`Outcome::Impossible`]).
    pub quotas: Standing,
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
            quotas: e.quotas.standing,
        }
    }
}

/// What evaluating a point gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Valid(Figures),
    /// Not priced, with the reason (one line).
    Invalid(String),
    /// Priced, but over a hard AWS service quota: it cannot be built (the reason, one
    /// line).
    Impossible(String),
}

impl Outcome {
    /// The outcome of a full engine evaluation (see [`Figures::of`]).
    pub fn of(e: &crate::engine::Evaluation, traffic_gb: Option<Decimal>) -> Outcome {
        match e.quotas.reason() {
            Some(r) => Outcome::Impossible(r),
            None => Outcome::Valid(Figures::of(e, traffic_gb)),
        }
    }

    /// The reason a point is not valid, if it is not.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Outcome::Valid(_) => None,
            Outcome::Invalid(r) | Outcome::Impossible(r) => Some(r),
        }
    }
}

/// The program could not evaluate the point exactly (arithmetic overflow): the caller
/// evaluates it with the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fallback;

/// One charge: a block's quantity on a ladder.
#[derive(Debug, Clone)]
struct Charge {
    block: usize,
    qty: Qty,
    /// Index into `ladders`, or into `missing` when the book has no price.
    ladder: Result<usize, usize>,
    /// The ladder is an account's own (separate billing): the quantity is divided among
    /// the block's copies (identical accounts), each on its own ladder.
    divide: bool,
}

/// A price-book ladder the program charges on.
#[derive(Debug, Clone)]
struct Priced {
    ladder: Ladder,
    /// Amounts are multiplied by the hours in the month (associations billed per hour).
    hourly_factor: bool,
    /// Who pays: empty for the organization (consolidated billing), else an account.
    payer: String,
    region: String,
    component: &'static str,
    variant: String,
    /// A block of the payer whose copies are the payer's (separate billing): the ladder
    /// stands for that many identical accounts' ladders.
    copies_block: Option<usize>,
}

/// One ladder of an evaluated point: its key, total quantity and monthly cost (`None`
/// when the cost leaves exact decimals).
#[derive(Debug, Clone, PartialEq)]
pub struct LadderCost {
    /// Who pays: empty for the organization (consolidated billing), else an account.
    pub payer: String,
    pub region: String,
    pub component: &'static str,
    pub variant: String,
    /// One account's total (the payer's, or one of its identical copies').
    pub total: Decimal,
    /// The identical accounts the payer stands for.
    pub copies: u64,
    pub monthly: Option<Decimal>,
}

/// One capacity check, with its limit resolved.
#[derive(Debug, Clone)]
struct Cap {
    block: usize,
    capacity: Capacity,
    limit: crate::pricing::Limit,
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
    #[inline]
    fn add(&mut self, (h, status, az_loss_status): (f64, Status, Status)) {
        self.min_headroom = Some(self.min_headroom.map_or(h, |m| m.min(h)));
        self.status = self.status.max(status);
        self.az_loss_status = self.az_loss_status.max(az_loss_status);
    }
}

/// The figures of a check a point's summary folds: headroom %, status, AZ-loss status.
#[inline(always)]
fn folded(c: rules::Check) -> (f64, Status, Status) {
    (c.headroom_pct, c.status, c.az_loss_status)
}

/// The constant part of a program, given which blocks (and whether the hours) vary.
#[derive(Debug, Clone)]
struct Folded {
    var_charges: Vec<usize>,
    /// Per ladder, the units of the charges no point changes.
    base_totals: Vec<Decimal>,
    /// Per ladder, its cost when no point changes it (`None`: computed per point).
    const_costs: Vec<Option<Decimal>>,
    /// The ladders a point changes.
    var_ladders: Vec<usize>,
    /// The constant costs added up (in ladder order), when that sum is exact.
    const_sum: Option<Decimal>,
    const_gb: Decimal,
    var_processed: Vec<usize>,
    var_caps: Vec<usize>,
    const_cap: CapAcc,
}

/// Per-thread scratch space, reused from point to point.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Each block's numbers at the point.
    pub nums: Vec<Nums>,
    /// The program whose compiled numbers `nums` holds (see [`Scratch::load`]).
    loaded: Option<u64>,
    totals: Vec<Decimal>,
    /// Quota tallies.
    quota_acc: Vec<u64>,
}

impl Scratch {
    /// Make `nums` hold the program's compiled numbers, unless it holds them already
    /// with the same fields patched since (a sweep patches the same fields at every point
    /// of a program, so the copy is made once per run of points, not per point).
    pub fn load(&mut self, p: &Program) {
        if self.loaded != Some(p.id) {
            self.nums.clear();
            self.nums.extend_from_slice(&p.base);
            self.loaded = Some(p.id);
        }
    }

    /// Forget what `nums` holds (before setting numbers a program did not compile).
    pub fn unload(&mut self) {
        self.loaded = None;
    }
}

/// Ids of compiled programs, so scratch space knows whose numbers it holds.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Blocks compiled for evaluation.
#[derive(Debug, Clone)]
pub struct Program {
    /// Unique per compilation.
    id: u64,
    hours: u32,
    /// Each block's numbers as compiled.
    base: Vec<Nums>,
    charges: Vec<Charge>,
    ladders: Vec<Priced>,
    missing: Vec<String>,
    /// Blocks whose GB count as processed traffic (endpoints, NAT gateways).
    processed: Vec<usize>,
    caps: Vec<Cap>,
    cap_error: Option<String>,
    folded: Option<Folded>,
    /// The blocks' service-quota tallies.
    counter: Counter,
}

/// (payer, Region, component, variant).
type LadderKey<'a> = (&'a str, &'a str, &'a str, &'a str);

/// `a + b`, skipping the arithmetic when `a` is zero (`rust_decimal` returns the other
/// term as it is then, mantissa and scale).
#[inline(always)]
fn add(a: Decimal, b: Decimal) -> Result<Decimal, Fallback> {
    if a.is_zero() {
        Ok(b)
    } else {
        a.checked_add(b).ok_or(Fallback)
    }
}

/// `a + b` when the sum is exact: `rust_decimal` rounds a sum only by lowering its scale,
/// so a sum that keeps the larger scale of its terms lost nothing. (A sum of non-negative
/// terms that is exact in one order is exact in every order, and the same decimal.)
#[inline(always)]
fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let s = a.checked_add(b)?;
    (s.scale() == a.scale().max(b.scale())).then_some(s)
}

fn first_line(e: &Error) -> String {
    e.to_string().lines().next().unwrap_or_default().to_string()
}

impl Program {
    /// Compile a scenario's blocks against a price book.
    pub fn of(s: &crate::scenario::Scenario, book: &PriceBook) -> Program {
        Program::compile(
            &s.resources,
            s.hours_per_month,
            &s.limits,
            &s.accounts,
            book,
        )
    }

    /// Compile blocks (kind, Region, account, numbers) against a price book, a limits
    /// profile and the accounts that own them.
    pub fn compile(
        blocks: &[Resource],
        hours: u32,
        limits: &str,
        accounts: &Accounts,
        book: &PriceBook,
    ) -> Program {
        let mut p = Program {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            hours,
            base: Vec::with_capacity(blocks.len()),
            charges: Vec::new(),
            ladders: Vec::new(),
            missing: Vec::new(),
            processed: Vec::new(),
            caps: Vec::new(),
            cap_error: None,
            folded: None,
            counter: Counter::compile(blocks, &book.quotas),
        };
        let separate = accounts.billing == Billing::Separate;
        // Ladders met so far: (payer, Region, component, variant) and their reference.
        let mut keys: Vec<(LadderKey<'_>, Result<usize, usize>)> = Vec::new();
        for (i, r) in blocks.iter().enumerate() {
            let rule = rules::of(&r.kind);
            let payer = if separate { r.account.as_str() } else { "" };
            for c in (rule.charges)(&r.kind) {
                let component = c.component.id();
                let variant = c.variant.of_block(r);
                let region = c.variant.region(r);
                let key = (payer, region, component, variant);
                let ladder = match keys.iter().find(|(k, _)| *k == key) {
                    Some((_, found)) => *found,
                    None => {
                        let found = match book.tier_ladder(region, component, variant) {
                            Some(l) => {
                                p.ladders.push(Priced {
                                    ladder: l.clone(),
                                    hourly_factor: c.component.info().hourly,
                                    payer: payer.to_string(),
                                    region: region.to_string(),
                                    component,
                                    variant: variant.to_string(),
                                    copies_block: separate.then_some(i),
                                });
                                Ok(p.ladders.len() - 1)
                            }
                            None => {
                                p.missing
                                    .push(first_line(&book.missing(region, component, variant)));
                                Err(p.missing.len() - 1)
                            }
                        };
                        keys.push((key, found));
                        found
                    }
                };
                if c.tally == Tally::ProcessedGb {
                    p.processed.push(i);
                }
                p.charges.push(Charge {
                    block: i,
                    qty: c.qty,
                    ladder,
                    divide: separate,
                });
            }
            for cap in rules::capacities(&r.kind) {
                // The connections check applies only to blocks that give a count (whether
                // they do is a fact of the shape, fixed for every point).
                if cap.load == rules::Load::Connections && Nums::of(r).conns <= 0.0 {
                    continue;
                }
                match book.limits.get(limits, cap.limit_id(&r.kind)) {
                    Ok(l) => p.caps.push(Cap {
                        block: i,
                        capacity: cap,
                        limit: l.clone(),
                    }),
                    Err(e) => {
                        if p.cap_error.is_none() {
                            p.cap_error = Some(first_line(&e));
                        }
                    }
                }
            }
            let mut n = Nums::of(r);
            n.copies = accounts.get(&r.account).map_or(1, |a| a.copies.max(1));
            p.base.push(n);
        }
        p
    }

    /// The hours the program was compiled with.
    pub fn hours(&self) -> u32 {
        self.hours
    }

    /// Each block's numbers as compiled.
    pub fn base(&self) -> &[Nums] {
        &self.base
    }

    /// The ladder's cost of `total` units (× hours for per-hour ladders, × the payer's
    /// copies when it stands for several identical accounts).
    #[inline]
    fn ladder_cost(
        l: &Priced,
        total: Decimal,
        h: Decimal,
        nums: &[Nums],
    ) -> Result<Decimal, Fallback> {
        // A priced point's totals never pass a closed top (checked before, or none).
        let mut cost = l.ladder.cost_within(total).ok_or(Fallback)?;
        let copies = Self::copies(l, nums);
        if copies > 1 {
            cost = cost.checked_mul(Decimal::from(copies)).ok_or(Fallback)?;
        }
        if l.hourly_factor {
            cost.checked_mul(h).ok_or(Fallback)
        } else {
            Ok(cost)
        }
    }

    /// The identical accounts a ladder's payer stands for.
    #[inline(always)]
    fn copies(l: &Priced, nums: &[Nums]) -> u64 {
        l.copies_block
            .and_then(|b| nums.get(b))
            .map_or(1, |n| n.copies.max(1))
    }

    /// A charge's quantity on its ladder: one account's share when the ladder is an
    /// account's own and the block stands for several.
    #[inline(always)]
    fn charge_qty(c: &Charge, n: &Nums, h: Decimal) -> Option<Decimal> {
        let q = c.qty.of(n, h)?;
        if c.divide && n.copies > 1 {
            q.checked_div(Decimal::from(n.copies))
        } else {
            Some(q)
        }
    }

    #[inline(always)]
    fn cap_of(c: &Cap, n: &Nums, hours: u32) -> Option<(f64, Status, Status)> {
        c.capacity.check(n, hours, &c.limit).map(folded)
    }

    /// [`Program::cap_of`] remembering the last GB converted to an average rate: blocks
    /// of a design often carry the same GB (the services' even shares).
    #[inline(always)]
    fn cap_memo(
        c: &Cap,
        n: &Nums,
        hours: u32,
        memo: &mut Option<([u8; 16], f64)>,
    ) -> Option<(f64, Status, Status)> {
        if c.capacity.load != rules::Load::Gbps {
            return Self::cap_of(c, n, hours);
        }
        let key = n.gb.serialize();
        let avg = match *memo {
            Some((k, v)) if k == key => v,
            _ => {
                let v = crate::engine::avg_gbps(n.gb, hours);
                *memo = Some((key, v));
                v
            }
        };
        c.capacity
            .check_loaded(n, (n.peak_gbps, avg), &c.limit)
            .map(folded)
    }

    /// Fold everything a point cannot change into constants, given which blocks vary and
    /// whether the hours do: the charges, ladders and capacity checks of blocks no point
    /// changes (and that do not depend on the hours when the hours vary). Only for
    /// programs with every price present, no closed top tier and every limit present,
    /// where no error can depend on the order of the charges.
    pub fn fold(&mut self, varying: &[bool], hours_vary: bool) {
        self.folded = None;
        if !self.missing.is_empty()
            || self.cap_error.is_some()
            || self.ladders.iter().any(|l| l.ladder.top().is_some())
        {
            return;
        }
        let var_block = |i: usize| varying.get(i).copied().unwrap_or(true);
        let h = Decimal::from(self.hours);
        let mut var_ladder = vec![false; self.ladders.len()];
        let mut base_totals = vec![Decimal::ZERO; self.ladders.len()];
        let mut var_charges = Vec::new();
        for (i, c) in self.charges.iter().enumerate() {
            let Ok(l) = c.ladder else { return };
            let variable = var_block(c.block)
                || (hours_vary && (c.qty.uses_hours() || self.ladders[l].hourly_factor));
            if variable {
                var_ladder[l] = true;
                var_charges.push(i);
            } else {
                let Some(q) = Self::charge_qty(c, &self.base[c.block], h) else {
                    return;
                };
                let Some(t) = base_totals[l].checked_add(q) else {
                    return;
                };
                base_totals[l] = t;
            }
        }
        for (l, ladder) in self.ladders.iter().enumerate() {
            if hours_vary && ladder.hourly_factor {
                var_ladder[l] = true;
            }
        }
        let mut const_costs = Vec::with_capacity(self.ladders.len());
        let mut var_ladders = Vec::new();
        let mut const_sum = Some(Decimal::ZERO);
        for (l, ladder) in self.ladders.iter().enumerate() {
            if var_ladder[l] {
                const_costs.push(None);
                var_ladders.push(l);
            } else {
                let Ok(c) = Self::ladder_cost(ladder, base_totals[l], h, &self.base) else {
                    return;
                };
                const_costs.push(Some(c));
                const_sum = const_sum.and_then(|m| exact_add(m, c));
            }
        }
        let mut const_gb = Decimal::ZERO;
        let mut var_processed = Vec::new();
        for &i in &self.processed {
            if var_block(i) {
                var_processed.push(i);
            } else {
                let Some(g) = const_gb.checked_add(self.base[i].gb) else {
                    return;
                };
                const_gb = g;
            }
        }
        let mut const_cap = CapAcc::default();
        let mut var_caps = Vec::new();
        for (k, cap) in self.caps.iter().enumerate() {
            if var_block(cap.block) || hours_vary {
                var_caps.push(k);
            } else if let Some(x) = Self::cap_of(cap, &self.base[cap.block], self.hours) {
                const_cap.add(x);
            }
        }
        self.folded = Some(Folded {
            var_charges,
            base_totals,
            const_costs,
            var_ladders,
            const_sum,
            const_gb,
            var_processed,
            var_caps,
            const_cap,
        });
    }

    /// Evaluate the point whose block numbers are in `scratch.nums`. USD per GB is over
    /// `traffic_gb` when given (a design: the workload's GB), else over the processed GB.
    pub fn eval_nums(
        &self,
        scratch: &mut Scratch,
        hours: u32,
        traffic_gb: Option<Decimal>,
    ) -> Result<Outcome, Fallback> {
        let h = Decimal::from(hours);
        let nums = &scratch.nums;
        let totals = &mut scratch.totals;
        let (monthly, gb, cap) = match &self.folded {
            Some(f) => {
                totals.clear();
                totals.extend_from_slice(&f.base_totals);
                for &i in &f.var_charges {
                    let c = &self.charges[i];
                    let q = Self::charge_qty(c, &nums[c.block], h).ok_or(Fallback)?;
                    if let Ok(l) = c.ladder {
                        totals[l] = add(totals[l], q)?;
                    }
                }
                // The costs are added in ladder order, as the engine adds them. When every
                // addition is exact, any order gives that same decimal, so the constant
                // costs' sum (precomputed) and the varying ones are added as they come.
                let mut exact = f.const_sum;
                for &l in &f.var_ladders {
                    let c = Self::ladder_cost(&self.ladders[l], totals[l], h, nums)?;
                    exact = exact.and_then(|m| exact_add(m, c));
                }
                let monthly = match exact {
                    Some(m) => m,
                    None => {
                        let mut monthly = Decimal::ZERO;
                        for (l, fixed) in f.const_costs.iter().enumerate() {
                            let c = match fixed {
                                Some(c) => *c,
                                None => Self::ladder_cost(&self.ladders[l], totals[l], h, nums)?,
                            };
                            monthly = monthly.checked_add(c).ok_or(Fallback)?;
                        }
                        monthly
                    }
                };
                let mut gb = f.const_gb;
                if traffic_gb.is_none() {
                    for &i in &f.var_processed {
                        gb = gb.checked_add(nums[i].gb).ok_or(Fallback)?;
                    }
                }
                let mut cap = f.const_cap;
                for &k in &f.var_caps {
                    let c = &self.caps[k];
                    if let Some(x) = Self::cap_of(c, &nums[c.block], hours) {
                        cap.add(x);
                    }
                }
                (monthly, gb, cap)
            }
            None => {
                totals.clear();
                totals.resize(self.ladders.len(), Decimal::ZERO);
                for c in &self.charges {
                    let q = Self::charge_qty(c, &nums[c.block], h).ok_or(Fallback)?;
                    if q.is_zero() {
                        continue;
                    }
                    let l = match c.ladder {
                        Ok(l) => l,
                        Err(m) => return Ok(Outcome::Invalid(self.missing[m].clone())),
                    };
                    let end = add(totals[l], q)?;
                    let p = &self.ladders[l];
                    if let Some(top) = p.ladder.top()
                        && end > top
                    {
                        let e = ladder_error(
                            LadderError::PastTop(end),
                            &p.region,
                            p.component,
                            &p.ladder,
                        );
                        return Ok(Outcome::Invalid(first_line(&e)));
                    }
                    totals[l] = end;
                }
                if let Some(e) = &self.cap_error {
                    return Ok(Outcome::Invalid(e.clone()));
                }
                let mut monthly = Decimal::ZERO;
                for (l, total) in self.ladders.iter().zip(totals.iter()) {
                    let c = Self::ladder_cost(l, *total, h, nums)?;
                    monthly = monthly.checked_add(c).ok_or(Fallback)?;
                }
                let mut gb = Decimal::ZERO;
                if traffic_gb.is_none() {
                    for &i in &self.processed {
                        gb = gb.checked_add(nums[i].gb).ok_or(Fallback)?;
                    }
                }
                let mut cap = CapAcc::default();
                let mut memo = None;
                for c in &self.caps {
                    if let Some(x) = Self::cap_memo(c, &nums[c.block], hours, &mut memo) {
                        cap.add(x);
                    }
                }
                (monthly, gb, cap)
            }
        };
        let quotas = self.counter.standing(&scratch.nums, &mut scratch.quota_acc);
        if quotas == Standing::Impossible {
            let r = self.counter.reason(&scratch.nums).unwrap_or_default();
            return Ok(Outcome::Impossible(r));
        }
        let hourly = monthly / h;
        let gb = traffic_gb.unwrap_or(gb);
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
            quotas,
        }))
    }

    /// After a valid evaluation: each ladder's (Region, component, variant), its total
    /// quantity at that point and its monthly cost — what the engine's line items on that
    /// ladder add up to.
    pub fn ladder_costs(&self, scratch: &Scratch, hours: u32) -> Vec<LadderCost> {
        let h = Decimal::from(hours);
        self.ladders
            .iter()
            .zip(&scratch.totals)
            .map(|(l, total)| LadderCost {
                payer: l.payer.clone(),
                region: l.region.clone(),
                component: l.component,
                variant: l.variant.clone(),
                total: *total,
                copies: Self::copies(l, &scratch.nums),
                monthly: Self::ladder_cost(l, *total, h, &scratch.nums).ok(),
            })
            .collect()
    }

    /// After a valid evaluation: for each ladder, its total quantity at that point and
    /// the quantities where its price changes (tier starts and a closed top). Break-even
    /// uses these to find where a cost function bends.
    pub fn ladder_totals(&self, scratch: &Scratch) -> (Vec<Decimal>, Vec<Vec<Decimal>>) {
        let bounds = self
            .ladders
            .iter()
            .map(|l| l.ladder.bounds().collect())
            .collect();
        (scratch.totals.clone(), bounds)
    }
}
