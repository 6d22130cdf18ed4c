//! Route 53 Profiles: per Profile-hour (covering up to 100 Profile–VPC associations of the
//! account), then per association-hour above them (Route 53 pricing page). The book tiers
//! the association price by association count (the first 100 at zero); each is billed per
//! hour, so the tier amounts are multiplied by the hours in the month.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "route53_profile";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "route53_profile_hour",
    unit: "profile-hour",
    label: "Route 53 Profile hours",
    short: "prof-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const ASSOCIATION_HOUR: ComponentInfo = ComponentInfo {
    id: "route53_profile_association_hour",
    unit: "association-hour",
    label: "Route 53 Profile associations",
    short: "prof-a",
    table: TABLE,
    billed: Billed::Hour,
    hourly: true,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::Route53ProfileHour,
        variant: Variant::None,
        qty: Qty::UnitHours,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} × {} h × ${}",
                plural(e.block.count, "Profile", "Profiles"),
                e.hours(),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::Route53ProfileAssociationHour,
        variant: Variant::None,
        qty: Qty::Associations,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            let incl = if e.slice.rate.is_zero() {
                " (included in the Profile-hour)"
            } else {
                ""
            };
            format!(
                "{} × {} h × ${}{incl}",
                plural(fmt_qty(e.qty), "VPC association", "VPC associations"),
                e.hours(),
                e.rate()
            )
        },
    },
];

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
            quota: Quota::ProfilesPerRegion,
            counted: Counted::Units,
        },
        QuotaUse {
            quota: Quota::VpcsPerProfile,
            counted: Counted::AssocPerUnit,
        },
    ],
};
