//! Accounts: who pays each charge, and each account's share of a design's bill.
//!
//! Every block has an owner account ([`crate::scenario::Resource::account`]); its charges
//! are booked to that account. Who owns what follows AWS's billing rules:
//!
//! | charge | paid by | source |
//! |---|---|---|
//! | interface, GWLB and gateway endpoints: hours and GB | the endpoint's owner (in a shared VPC, the VPC owner) | AWS PrivateLink pricing; VPC user guide, "Billing and metering for owner and participants" |
//! | NAT gateways: hours and GB | the NAT gateway's owner (the VPC owner) | same VPC user guide page |
//! | Transit Gateway attachment-hours | the attached VPC's owner ("The VPC account owner is billed hourly for each hour that their Amazon VPCs are attached") | AWS Transit Gateway pricing page |
//! | Transit Gateway data processing | the sender: "data processing charges are allocated to the account that owns the source attachment" (the default) | TGW docs, "Flexible cost allocation" |
//! | Resolver endpoints and queries, NLBs | their owner | Route 53 and ELB pricing pages |
//! | Route 53 Profile hours and associations | the Profile owner ("The Profile owner is responsible for the bill for the VPC associations by the customer") | Route 53 developer guide, "Sharing Route 53 Profiles" |
//! | hosted zones, health checks, ARC clusters (global) | their owner | Route 53 and ARC pricing pages |
//! | inter-Region transfer of a cross-Region endpoint (both directions) | the endpoint's owner (the consumer); AWS says "cross-region data transfer rates will apply" but names no payer, and third-party write-ups agree the consumer pays | AWS PrivateLink pricing page; FACTS.md C4 |
//!
//! In the seed's Global Payments pattern the provider owns the NLBs, the ARC cluster, the
//! health checks and the failover zone, and the consumer its endpoints and its zones
//! ([`crate::designs::failover`]).
//!
//! **Volume tiers.** Under consolidated billing (`billing = "consolidated"`, the default:
//! an AWS Organization) "AWS treats all accounts in an organization as a single account"
//! and "Member accounts don't reach tier thresholds individually": one ladder per Region ×
//! component × variant carries every account's usage. Under `billing = "separate"` each
//! account has its own ladders (AWS Billing User Guide, "Understanding consolidated
//! bills": $6,720 consolidated against $7,660 billed separately in its S3 example).
//!
//! **An account's share.** The engine's line items lay each ladder's tiers over the
//! blocks in block order (as AWS's unblended cost lines lay the organization's tiers over
//! its usage in one order): an account's *unblended* cost is the sum of its line items.
//! Its *monthly* cost, the figure reports give, is the *blended* one — AWS's documented
//! rule for a consolidated bill's tiered usage: "AWS calculates blended costs by
//! multiplying the blended rate for each service with an account's usage", the blended
//! rate being the ladder's cost divided by its usage ("taking the total cost ... and
//! dividing by the amount", same guide, "Blended rates and costs"). So each account pays
//! `cost × its usage ÷ all usage` of each ladder it uses, whatever the block order. The
//! parts are exact decimals: each but the last is truncated to 20 places and the last
//! account (in declaration order) using the ladder takes the remainder, so the accounts
//! add up to the design's total to the last digit. Under separate billing each account
//! pays its own ladders, and both figures are the same.
//!
//! **Per-spoke accounts.** A hub-and-spoke layout puts each spoke VPC in its own account:
//! one account id (`spoke`) standing for `copies` identical accounts, each holding an
//! equal share of the id's blocks. Under separate billing each has its own ladders, so the
//! id's cost on a ladder is `copies × cost(its usage ÷ copies)` — a coefficient of one
//! account's cost, which keeps a design's cost linear in the spoke count.

use rust_decimal::Decimal;

/// One account's figures in an evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountCost {
    /// Its id.
    pub id: String,
    /// The identical accounts the id stands for (one per spoke for `spoke`).
    pub copies: u64,
    /// The month's cost of all of them: the blended cost (see the module docs).
    pub monthly: Decimal,
    /// `monthly` / hours in the month.
    pub hourly: Decimal,
    /// The sum of the account's line items (tiers laid over the blocks in block order).
    pub unblended: Decimal,
}

impl AccountCost {
    /// The cost of each of its identical accounts (`monthly / copies`).
    pub fn each(&self) -> Decimal {
        if self.copies <= 1 {
            self.monthly
        } else {
            self.monthly / Decimal::from(self.copies)
        }
    }
}

/// Split `total` in proportion to `usage` (one weight per account, in account order):
/// every part but the last non-zero one is `total × usage ÷ Σ usage` truncated to 20
/// places; the last takes the remainder, so the parts add up to exactly `total`. `None`
/// when the arithmetic leaves exact decimals.
pub fn blended(total: Decimal, usage: &[Decimal]) -> Option<Vec<Decimal>> {
    let mut sum = Decimal::ZERO;
    for u in usage {
        sum = sum.checked_add(*u)?;
    }
    let mut out = vec![Decimal::ZERO; usage.len()];
    if sum.is_zero() {
        // No usage (a ladder charged nothing): nothing to split.
        return Some(out);
    }
    let last = usage.iter().rposition(|u| !u.is_zero())?;
    let mut given = Decimal::ZERO;
    for (i, u) in usage.iter().enumerate() {
        if u.is_zero() {
            continue;
        }
        if i == last {
            out[i] = total.checked_sub(given)?;
        } else {
            let part = match total.checked_mul(*u) {
                Some(p) => p.checked_div(sum)?,
                None => total.checked_div(sum)?.checked_mul(*u)?,
            }
            .trunc_with_scale(20);
            given = given.checked_add(part)?;
            out[i] = part;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_billing_guides_s3_example_blends_to_its_figures() {
        // AWS Billing User Guide, "Blended rates and costs": $6,720 for 95,000 GB → a
        // blended rate of $0.070737/GB; member 1's 14,000 GB → $990.318 (the guide rounds
        // the rate to six places; exactly 6,720 × 14,000 / 95,000 = 990.315789...).
        let parts = blended(dec!(6720), &[dec!(14000), dec!(20000), dec!(61000)]).unwrap();
        assert_eq!(parts[0], dec!(990.31578947368421052631));
        assert_eq!(parts.iter().sum::<Decimal>(), dec!(6720));
        // 20,000 / 95,000 × 6,720 = 1,414.7368421052631578947368...
        assert_eq!(parts[1], dec!(1414.73684210526315789473));
        // The last takes the remainder: 6,720 − 990.31578… − 1,414.73684… = 4,314.94736842105263157896
        assert_eq!(parts[2], dec!(4314.94736842105263157896));
    }

    #[test]
    fn zero_usage_gets_nothing_and_the_last_user_the_remainder() {
        let parts = blended(dec!(10), &[dec!(1), dec!(0), dec!(2), dec!(0)]).unwrap();
        assert_eq!(parts[1], dec!(0));
        assert_eq!(parts[3], dec!(0));
        assert_eq!(parts[0], dec!(3.33333333333333333333));
        assert_eq!(parts[2], dec!(6.66666666666666666667));
        assert_eq!(blended(dec!(0), &[dec!(0)]).unwrap(), vec![dec!(0)]);
    }
}
