//! Route 53 hosted zones: per zone per month, tiered per account (the first 25 at one
//! price, the rest at another) (seed: Console post; Route 53 pricing page). Global: booked
//! once, not per Region.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "hosted_zone";

pub(super) const MONTH: ComponentInfo = ComponentInfo {
    id: "hosted_zone_month",
    unit: "zone-month",
    label: "Hosted zones",
    short: "zone",
    table: TABLE,
    billed: Billed::Monthly,
    hourly: false,
};

const CHARGES: &[Charge] = &[Charge {
    component: Component::HostedZoneMonth,
    variant: Variant::None,
    qty: Qty::Count,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} × ${}/month{}",
            plural(fmt_qty(e.qty), "hosted zone", "hosted zones"),
            e.rate(),
            e.tier_note()
        )
    },
}];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |_| CHARGES,
    capacity: None,
    fast_keys: &[
        ("count", Field::Count),
        ("vpc_associations", Field::VpcAssociations),
    ],
    quotas: &[
        QuotaUse {
            quota: Quota::HostedZonesPerAccount,
            counted: Counted::Units,
        },
        QuotaUse {
            quota: Quota::VpcsPerHostedZone,
            counted: Counted::AssocPerUnit,
        },
    ],
};
