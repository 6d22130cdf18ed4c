//! Line items: every charge of a scenario, per block, per AZ and per tier, as the rule
//! of each block's kind ([`crate::rules`]) says.
//!
//! Tiers apply to the Region's monthly total across all blocks, the way AWS bills:
//! blocks consume the tier ladder in file order, so block 2's GB are priced from where
//! block 1's ended. Splitting a block in two never changes the total.

use crate::accounts::AccountCost;
use crate::error::{Error, Result};
use crate::money::split_weighted;
use crate::pricing::{PriceBook, TierSlice};
use crate::rules::{self, Charge, Explain, Nums, Spread, Tally};
use crate::scenario::{Billing, Resource, Scenario};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// One priced charge.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    /// Block id, e.g. `interface_endpoint[0]`.
    pub block: String,
    /// The account that pays it: the block's owner (see [`crate::accounts`]).
    pub account: String,
    /// Block label, e.g. `console`.
    pub label: String,
    /// Price-book component id.
    pub component: String,
    /// Price-book variant (destination Region, check type), often empty.
    pub variant: String,
    pub region: String,
    /// AZ label, empty for Regional charges.
    pub az: String,
    /// Tier number on the ladder (1 for untiered prices).
    pub tier: usize,
    pub quantity: Decimal,
    pub unit: String,
    /// USD per unit.
    pub rate: Decimal,
    /// Exact monthly USD.
    pub monthly: Decimal,
    /// Exact hourly USD (monthly / hours per month).
    pub hourly: Decimal,
    /// How the figure was computed, in words.
    pub explain: String,
}

pub(crate) struct Priced {
    pub lines: Vec<LineItem>,
    /// The monthly total: each ladder's cost of its month's total
    /// ([`crate::pricing::Ladder::cost`], × the hours for per-hour tiers), added in the
    /// order the ladders are first charged. The line items' slices partition each total,
    /// so this is their sum, computed without the digits that splitting a slice over AZs
    /// and adding the parts back can lose on huge figures, and the same decimal the
    /// compiled program computes.
    pub monthly: Decimal,
    pub gb_processed: Decimal,
    pub endpoint_hours: Decimal,
    pub keys_used: BTreeSet<(String, String, String)>,
    /// Each account's figures, in the scenario's account order.
    pub accounts: Vec<AccountCost>,
}

/// A ladder of a month's bill: the payer (empty under consolidated billing: the whole
/// organization; an account id under separate billing) and the price book's Region,
/// component and variant.
pub(crate) type LadderKey = (String, String, String, String);

pub(crate) fn add(a: Decimal, b: Decimal, ctx: &str) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| Error::Overflow {
        context: ctx.to_string(),
    })
}

fn mul(a: Decimal, b: Decimal, ctx: &str) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(|| Error::Overflow {
        context: ctx.to_string(),
    })
}

struct Pricer<'a> {
    s: &'a Scenario,
    book: &'a PriceBook,
    hours: Decimal,
    /// Each ladder's total so far, per account of the payer (a per-spoke payer's total is
    /// one account's).
    used: BTreeMap<LadderKey, Decimal>,
    /// Priced ladders in the order their first charge (of any quantity) met them, with
    /// the payer's copies.
    order: Vec<(LadderKey, u64)>,
    /// Each ladder's usage by account (index into the scenario's accounts).
    usage: BTreeMap<LadderKey, Vec<Decimal>>,
    /// Each account's line items added up (before the AZ split).
    unblended: Vec<Decimal>,
    out: Priced,
}

impl Pricer<'_> {
    /// Price one charge of block `r`: its quantity tiered on the Region's running total
    /// of the ladder, each tier slice spread over the block's AZs or booked Regionally.
    fn charge(&mut self, r: &Resource, nums: &Nums, c: &Charge, ctx: &str) -> Result<()> {
        let overflow = || Error::Overflow {
            context: ctx.to_string(),
        };
        let qty = c.qty.of(nums, self.hours).ok_or_else(overflow)?;
        match c.tally {
            Tally::EndpointHours => {
                self.out.endpoint_hours = add(self.out.endpoint_hours, qty, ctx)?;
            }
            Tally::ProcessedGb => {
                self.out.gb_processed = add(self.out.gb_processed, r.gb_per_month, ctx)?;
            }
            Tally::None => {}
        }
        let component = c.component.id();
        let variant = c.variant.of_block(r);
        let region = c.variant.region(r);
        let account = self.s.accounts.index(&r.account);
        let (payer, copies) = payer(self.s, &r.account);
        let key = (
            payer,
            region.to_string(),
            component.to_string(),
            variant.to_string(),
        );
        if !self.order.iter().any(|(k, _)| *k == key) && self.book.has(region, component, variant) {
            self.order.push((key.clone(), copies));
        }
        if qty.is_zero() {
            return Ok(());
        }
        let ctx = format!("{} {} in {region}", self.s.name, r.block);
        if let Some(a) = account {
            let n = self.s.accounts.list.len();
            let u = self
                .usage
                .entry(key.clone())
                .or_insert_with(|| vec![Decimal::ZERO; n]);
            u[a] = add(u[a], qty, &ctx)?;
        }
        // One account's share of the quantity on its own ladder (a per-spoke payer stands
        // for `copies` identical accounts).
        let each = per_copy(qty, copies).ok_or_else(overflow)?;
        let already = self.used.get(&key).copied().unwrap_or(Decimal::ZERO);
        let mut slices = self
            .book
            .charge(region, component, variant, already, each)?;
        self.used.insert(key.clone(), add(already, each, &ctx)?);
        self.out.keys_used.insert((key.1, key.2, key.3));
        if copies > 1 {
            let m = Decimal::from(copies);
            for sl in &mut slices {
                sl.qty = mul(sl.qty, m, &ctx)?;
                sl.amount = mul(sl.amount, m, &ctx)?;
            }
        }
        let factor = if c.component.info().hourly {
            self.hours
        } else {
            Decimal::ONE
        };
        let weights = match c.spread {
            Spread::Azs(units) => Some(units.per_az(nums)),
            Spread::Regional => None,
        };
        for sl in &slices {
            let unit = &self.book.rows[sl.row].unit;
            let amount = mul(sl.amount, factor, &ctx)?;
            if let Some(a) = account {
                self.unblended[a] = add(self.unblended[a], amount, &ctx)?;
            }
            let explain = |qty: Decimal| {
                (c.explain)(&Explain {
                    block: r,
                    hours: self.hours,
                    slice: sl,
                    qty,
                })
            };
            match &weights {
                None => {
                    let line = self.line(
                        r,
                        (region, component, variant),
                        "",
                        sl,
                        sl.qty,
                        amount,
                        unit,
                    );
                    self.out.lines.push(LineItem {
                        explain: explain(sl.qty),
                        ..line
                    });
                }
                Some(w) => {
                    let qs = split_weighted(sl.qty, w);
                    let ams = split_weighted(amount, w);
                    for (i, az) in r.azs.iter().enumerate() {
                        if w.get(i).copied().unwrap_or(0) == 0 {
                            continue;
                        }
                        let line =
                            self.line(r, (region, component, variant), az, sl, qs[i], ams[i], unit);
                        self.out.lines.push(LineItem {
                            explain: explain(qs[i]),
                            ..line
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// A line item without its explanation.
    #[allow(clippy::too_many_arguments)]
    fn line(
        &self,
        r: &Resource,
        (region, component, variant): (&str, &str, &str),
        az: &str,
        sl: &TierSlice,
        qty: Decimal,
        amount: Decimal,
        unit: &str,
    ) -> LineItem {
        LineItem {
            block: r.block.clone(),
            account: r.account.clone(),
            label: r.label.clone(),
            component: component.to_string(),
            variant: variant.to_string(),
            region: region.to_string(),
            az: az.to_string(),
            tier: sl.tier,
            quantity: qty,
            unit: unit.to_string(),
            rate: sl.rate,
            monthly: amount,
            hourly: amount / self.hours,
            explain: String::new(),
        }
    }

    /// Every charge of a block, in its rule's order.
    fn resource(&mut self, r: &Resource) -> Result<()> {
        let ctx = format!("{} {}", self.s.name, r.block);
        let nums = Nums::of(r);
        for c in (rules::of(&r.kind).charges)(&r.kind) {
            self.charge(r, &nums, c, &ctx)?;
        }
        Ok(())
    }
}

/// Who pays the ladder a block of `account` charges: the organization (`""`) under
/// consolidated billing, else the account itself with its copies.
pub(crate) fn payer(s: &Scenario, account: &str) -> (String, u64) {
    match s.accounts.billing {
        Billing::Consolidated => (String::new(), 1),
        Billing::Separate => (
            account.to_string(),
            s.accounts.get(account).map_or(1, |a| a.copies.max(1)),
        ),
    }
}

/// One account's share of a quantity spread over `copies` identical accounts (the
/// quantity itself for one).
#[inline]
pub(crate) fn per_copy(qty: Decimal, copies: u64) -> Option<Decimal> {
    if copies <= 1 {
        Some(qty)
    } else {
        qty.checked_div(Decimal::from(copies))
    }
}

/// A ladder's monthly cost for a payer of `copies` identical accounts: `copies ×` the cost
/// of one account's total (× the hours for per-hour tiers).
pub(crate) fn ladder_month(
    ladder: &crate::pricing::Ladder,
    each: Decimal,
    copies: u64,
    hourly: bool,
    hours: Decimal,
) -> Option<Decimal> {
    let mut cost = ladder.cost(each)?;
    if copies > 1 {
        cost = cost.checked_mul(Decimal::from(copies))?;
    }
    if hourly {
        cost = cost.checked_mul(hours)?;
    }
    Some(cost)
}

/// Price every resource of a scenario.
pub(crate) fn price(s: &Scenario, book: &PriceBook) -> Result<Priced> {
    let mut p = Pricer {
        s,
        book,
        hours: Decimal::from(s.hours_per_month),
        used: BTreeMap::new(),
        order: Vec::new(),
        usage: BTreeMap::new(),
        unblended: vec![Decimal::ZERO; s.accounts.list.len()],
        out: Priced {
            lines: Vec::new(),
            monthly: Decimal::ZERO,
            gb_processed: Decimal::ZERO,
            endpoint_hours: Decimal::ZERO,
            keys_used: BTreeSet::new(),
            accounts: Vec::new(),
        },
    };
    for r in &s.resources {
        p.resource(r)?;
    }
    let overflow = || Error::Overflow {
        context: s.name.clone(),
    };
    let n = s.accounts.list.len();
    let mut monthly_by_account = vec![Decimal::ZERO; n];
    for (key, copies) in &p.order {
        let Some(ladder) = book.tier_ladder(&key.1, &key.2, &key.3) else {
            continue;
        };
        let total = p.used.get(key).copied().unwrap_or(Decimal::ZERO);
        let hourly = rules::Component::parse(&key.2).is_some_and(|c| c.info().hourly);
        let cost = ladder_month(ladder, total, *copies, hourly, p.hours).ok_or_else(overflow)?;
        p.out.monthly = add(p.out.monthly, cost, &s.name)?;
        // Each account's share of the ladder's cost: all of it to the payer under
        // separate billing, blended under consolidated billing.
        let usage = p
            .usage
            .get(key)
            .cloned()
            .unwrap_or_else(|| vec![Decimal::ZERO; n]);
        let parts = crate::accounts::blended(cost, &usage).ok_or_else(overflow)?;
        for (m, part) in monthly_by_account.iter_mut().zip(parts) {
            *m = add(*m, part, &s.name)?;
        }
    }
    p.out.accounts = s
        .accounts
        .list
        .iter()
        .zip(monthly_by_account)
        .zip(&p.unblended)
        .map(|((a, monthly), unblended)| AccountCost {
            id: a.id.clone(),
            copies: a.copies.max(1),
            monthly,
            hourly: monthly / p.hours,
            unblended: *unblended,
        })
        .collect();
    Ok(p.out)
}
