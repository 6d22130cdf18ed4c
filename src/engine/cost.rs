//! Line items: every charge of a scenario, per block, per AZ and per tier, as the rule
//! of each block's kind ([`crate::rules`]) says.
//!
//! Tiers apply to the Region's monthly total across all blocks, the way AWS bills:
//! blocks consume the tier ladder in file order, so block 2's GB are priced from where
//! block 1's ended. Splitting a block in two never changes the total.

use crate::error::{Error, Result};
use crate::money::split_weighted;
use crate::pricing::{PriceBook, TierSlice};
use crate::rules::{self, Charge, Explain, Nums, Spread, Tally};
use crate::scenario::{Resource, Scenario};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// One priced charge.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    /// Block id, e.g. `interface_endpoint[0]`.
    pub block: String,
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
}

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
    used: BTreeMap<(String, String, String), Decimal>,
    /// Priced ladders in the order their first charge (of any quantity) met them.
    order: Vec<(String, String, String)>,
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
        let variant = c.variant.of(&r.kind);
        let key = (r.region.clone(), component.to_string(), variant.to_string());
        if !self.order.contains(&key) && self.book.has(&r.region, component, variant) {
            self.order.push(key.clone());
        }
        if qty.is_zero() {
            return Ok(());
        }
        let ctx = format!("{} {} in {}", self.s.name, r.block, r.region);
        let already = self.used.get(&key).copied().unwrap_or(Decimal::ZERO);
        let slices = self
            .book
            .charge(&r.region, component, variant, already, qty)?;
        self.used.insert(key.clone(), add(already, qty, &ctx)?);
        self.out.keys_used.insert(key);
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
                    let line = self.line(r, component, variant, "", sl, sl.qty, amount, unit);
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
                        let line = self.line(r, component, variant, az, sl, qs[i], ams[i], unit);
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
        component: &str,
        variant: &str,
        az: &str,
        sl: &TierSlice,
        qty: Decimal,
        amount: Decimal,
        unit: &str,
    ) -> LineItem {
        LineItem {
            block: r.block.clone(),
            label: r.label.clone(),
            component: component.to_string(),
            variant: variant.to_string(),
            region: r.region.clone(),
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

/// Price every resource of a scenario.
pub(crate) fn price(s: &Scenario, book: &PriceBook) -> Result<Priced> {
    let mut p = Pricer {
        s,
        book,
        hours: Decimal::from(s.hours_per_month),
        used: BTreeMap::new(),
        order: Vec::new(),
        out: Priced {
            lines: Vec::new(),
            monthly: Decimal::ZERO,
            gb_processed: Decimal::ZERO,
            endpoint_hours: Decimal::ZERO,
            keys_used: BTreeSet::new(),
        },
    };
    for r in &s.resources {
        p.resource(r)?;
    }
    let overflow = || Error::Overflow {
        context: s.name.clone(),
    };
    for key in &p.order {
        let Some(ladder) = book.tier_ladder(&key.0, &key.1, &key.2) else {
            continue;
        };
        let total = p.used.get(key).copied().unwrap_or(Decimal::ZERO);
        let mut cost = ladder.cost(total).ok_or_else(overflow)?;
        if crate::rules::Component::parse(&key.1).is_some_and(|c| c.info().hourly) {
            cost = mul(cost, p.hours, &s.name)?;
        }
        p.out.monthly = add(p.out.monthly, cost, &s.name)?;
    }
    Ok(p.out)
}
