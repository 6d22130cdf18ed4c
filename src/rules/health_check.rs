//! Route 53 health checks: per check per month by the type of endpoint watched (`aws` or
//! `non-aws`; the first 50 AWS checks of an account are free), plus each optional feature
//! per month (Route 53 pricing page).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "health_check";

pub(super) const MONTH: ComponentInfo = ComponentInfo {
    id: "health_check_month",
    unit: "check-month",
    label: "Health checks",
    short: "hc",
    table: TABLE,
    billed: Billed::Monthly,
    hourly: false,
};

pub(super) const FEATURE_MONTH: ComponentInfo = ComponentInfo {
    id: "health_check_feature_month",
    unit: "feature-month",
    label: "Health check features",
    short: "hc-opt",
    table: TABLE,
    billed: Billed::Monthly,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::HealthCheckMonth,
        variant: Variant::CheckType,
        qty: Qty::Count,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            let free = if e.slice.rate.is_zero() {
                " (within the free allowance)"
            } else {
                ""
            };
            format!(
                "{} ({}) × ${}/month{free}",
                plural(fmt_qty(e.qty), "health check", "health checks"),
                Variant::CheckType.of(&e.block.kind),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::HealthCheckFeatureMonth,
        variant: Variant::CheckType,
        qty: Qty::Features,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| format!("{} optional features × ${}/month", fmt_qty(e.qty), e.rate()),
    },
];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |_| CHARGES,
    capacity: None,
    fast_keys: &[
        ("count", Field::Count),
        ("optional_features", Field::OptionalFeatures),
    ],
    quotas: &[QuotaUse {
        quota: Quota::HealthChecksPerAccount,
        counted: Counted::Units,
    }],
};
