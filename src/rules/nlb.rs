//! Network Load Balancers (a provider's endpoint service): per NLB-hour plus per
//! NLCU-hour (AWS ELB pricing page; the hourly figure is third-party, to verify).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "nlb";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "nlb_hour",
    unit: "NLB-hour",
    label: "NLB hours",
    short: "nlb-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const NLCU_HOUR: ComponentInfo = ComponentInfo {
    id: "nlb_nlcu_hour",
    unit: "NLCU-hour",
    label: "NLB NLCU-hours",
    short: "nlcu",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::NlbHour,
        variant: Variant::None,
        qty: Qty::UnitHours,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} × {} h × ${}",
                plural(e.block.count, "NLB", "NLBs"),
                e.hours(),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::NlbNlcuHour,
        variant: Variant::None,
        qty: Qty::NlcuHours,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} NLCU-hours ({} NLCU × {} h) × ${}",
                fmt_qty(e.qty),
                fmt_qty(e.qty / e.hours),
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
    fast_keys: &[("count", Field::Count), ("nlcu_per_hour", Field::Nlcu)],
    quotas: &[QuotaUse {
        quota: Quota::NlbsPerRegion,
        counted: Counted::Units,
    }],
};
