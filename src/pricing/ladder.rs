//! Tier ladders: the one place vpceplan does tier arithmetic, for the engine's line
//! items (slices) and the compiled program (closed-form costs). Plain data and arithmetic:
//! it knows nothing of the book's files, so the rule table ([`crate::rules`]) can name
//! [`TierSlice`] without depending on the book.

use crate::error::Error;
use rust_decimal::Decimal;

/// The slice of one tier that a quantity falls into.
#[derive(Debug, Clone, PartialEq)]
pub struct TierSlice {
    /// Index of the row in [`super::PriceBook::rows`].
    pub row: usize,
    /// 1-based tier number on its ladder.
    pub tier: usize,
    /// Quantity billed in this tier.
    pub qty: Decimal,
    /// Price per unit in this tier.
    pub rate: Decimal,
    /// `qty × rate`, exact.
    pub amount: Decimal,
}

/// One tier of a [`Ladder`].
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    /// First unit of the tier.
    pub from: Decimal,
    /// End of the tier; `None` for an open-ended top tier.
    pub to: Option<Decimal>,
    /// USD per unit in the tier.
    pub rate: Decimal,
    /// Cost of `[0, from)`: every tier below, full. `None` when that leaves exact decimals.
    pub base: Option<Decimal>,
}

/// The tiers of one Region × component × variant, lowest first: the one place vpceplan
/// does tier arithmetic. The engine takes [`Ladder::slices`] (a charge's share of each
/// tier, for line items); the compiled program, break-even and the charts take
/// [`Ladder::cost`] (the cost of a total, in closed form from the precomputed bases).
/// Both give the same exact decimals: the slices of all the charges on a ladder partition
/// `[0, total)`, and each tier's base is the sum of the full tiers below it, added in the
/// same order as the slices.
#[derive(Debug, Clone, PartialEq)]
pub struct Ladder {
    pub tiers: Vec<Tier>,
    /// Each tier's row in [`super::PriceBook::rows`] (empty for a ladder built by hand).
    pub rows: Vec<usize>,
}

/// Why a ladder could not price a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LadderError {
    /// The arithmetic left the range of exact decimals.
    Overflow,
    /// The quantity runs past a closed top tier; the end it reached.
    PastTop(Decimal),
}

impl Ladder {
    /// A ladder from `(from, to, rate)` tiers, lowest first (contiguous, as the book checks).
    pub fn new(tiers: impl IntoIterator<Item = (Decimal, Option<Decimal>, Decimal)>) -> Ladder {
        let mut out = Vec::new();
        let mut base = Some(Decimal::ZERO);
        for (from, to, rate) in tiers {
            out.push(Tier {
                from,
                to,
                rate,
                base,
            });
            base = match (base, to) {
                (Some(b), Some(to)) => to
                    .checked_sub(from)
                    .and_then(|w| w.checked_mul(rate))
                    .and_then(|c| b.checked_add(c)),
                _ => None,
            };
        }
        Ladder {
            tiers: out,
            rows: Vec::new(),
        }
    }

    /// The end of a closed top tier: quantities past it cannot be priced.
    pub fn top(&self) -> Option<Decimal> {
        self.tiers.last().and_then(|t| t.to)
    }

    /// Quantities where the price per unit changes: each tier start above the first, and
    /// a closed top.
    pub fn bounds(&self) -> impl Iterator<Item = Decimal> + '_ {
        self.tiers.iter().skip(1).map(|t| t.from).chain(self.top())
    }

    /// Index of the tier that holds quantity `q` (`None` below the first tier), searched
    /// from the bottom (most quantities sit in the first tiers).
    #[inline]
    pub fn tier_of(&self, q: Decimal) -> Option<usize> {
        let first = self.tiers.first()?;
        // Book ladders start at 0: a quantity ≥ 0 is never below them.
        let surely_above = first.from.is_zero() && (q.is_zero() || q.is_sign_positive());
        if !surely_above && q < first.from {
            return None;
        }
        let last = self.tiers.len() - 1;
        (0..last)
            .find(|&k| self.tiers[k].to.is_some_and(|to| q < to))
            .or(Some(last))
    }

    /// The exact cost of `total` units from zero: the full tiers below `total`'s tier,
    /// plus its part of that tier. A quantity past a closed top costs the whole ladder
    /// (the engine refuses such a quantity; see [`Ladder::slices`]). `None` when the
    /// arithmetic leaves exact decimals.
    pub fn cost(&self, total: Decimal) -> Option<Decimal> {
        match self.top() {
            Some(top) if total > top => self.cost_within(top),
            _ => self.cost_within(total),
        }
    }

    /// [`Ladder::cost`] of a total known not to pass a closed top (a priced point).
    #[inline]
    pub fn cost_within(&self, total: Decimal) -> Option<Decimal> {
        if total.is_zero() {
            return Some(Decimal::ZERO);
        }
        let Some(k) = self.tier_of(total) else {
            return Some(Decimal::ZERO);
        };
        let t = &self.tiers[k];
        (total - t.from).checked_mul(t.rate)?.checked_add(t.base?)
    }

    /// Price `qty` units that follow `already` units billed earlier in the month (tiers
    /// apply to the Region's monthly total, not to each block): the slice of each tier
    /// the quantity falls into, lowest first.
    pub fn slices(
        &self,
        already: Decimal,
        qty: Decimal,
    ) -> std::result::Result<Vec<TierSlice>, LadderError> {
        let end = already.checked_add(qty).ok_or(LadderError::Overflow)?;
        let mut out = Vec::new();
        for (t, tier) in self.tiers.iter().enumerate() {
            let lo = tier.from.max(already);
            let hi = match tier.to {
                Some(to) => to.min(end),
                None => end,
            };
            if hi > lo {
                let q = hi - lo;
                let amount = q.checked_mul(tier.rate).ok_or(LadderError::Overflow)?;
                out.push(TierSlice {
                    row: self.rows.get(t).copied().unwrap_or(usize::MAX),
                    tier: t + 1,
                    qty: q,
                    rate: tier.rate,
                    amount,
                });
            }
        }
        if let Some(top) = self.top()
            && end > top
        {
            return Err(LadderError::PastTop(end));
        }
        Ok(out)
    }
}

/// The error of a ladder that could not price a quantity.
pub fn ladder_error(e: LadderError, region: &str, component: &str, ladder: &Ladder) -> Error {
    match e {
        LadderError::Overflow => Error::Overflow {
            context: format!("{component} in {region}"),
        },
        LadderError::PastTop(end) => Error::PastLastTier {
            region: region.to_string(),
            component: component.to_string(),
            quantity: end.normalize().to_string(),
            top: ladder.top().unwrap_or(end).normalize().to_string(),
        },
    }
}
