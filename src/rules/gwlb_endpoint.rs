//! Gateway Load Balancer endpoints: each lives in one AZ, billed per endpoint-hour plus
//! per GB (AWS ELB pricing page); 10 Gbps per AZ, scaling to 100 (GWLB endpoint docs).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "gwlb_endpoint";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "gwlb_endpoint_hour",
    unit: "endpoint-hour",
    label: "GWLB endpoint hours",
    short: "gwlb-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const GB: ComponentInfo = ComponentInfo {
    id: "gwlb_endpoint_gb",
    unit: "GB",
    label: "GWLB endpoint data",
    short: "gwlb-gb",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::GwlbEndpointHour,
        variant: Variant::None,
        qty: Qty::UnitHours,
        spread: Spread::Azs(Units::RoundRobin),
        tally: Tally::EndpointHours,
        explain: |e| {
            format!(
                "{} × {} h × ${}",
                plural(fmt_qty(e.qty / e.hours), "GWLB endpoint", "GWLB endpoints"),
                e.hours(),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::GwlbEndpointGb,
        variant: Variant::None,
        qty: Qty::Gb,
        spread: Spread::Azs(Units::RoundRobin),
        tally: Tally::ProcessedGb,
        explain: |e| {
            format!(
                "{} GB × ${}{} — block total spread over its GWLB endpoints",
                fmt_qty(e.qty),
                e.rate(),
                e.tier_note()
            )
        },
    },
];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |_| CHARGES,
    capacity: Some(Capacity {
        limit: "gwlb_endpoint",
        units: Units::RoundRobin,
        load: Load::Gbps,
    }),
    // `count` is checked against the AZs by the parser: it goes through it.
    fast_keys: &[("gb_per_month", Field::Gb), ("peak_gbps", Field::PeakGbps)],
    quotas: &[QuotaUse {
        quota: Quota::InterfaceEndpointsPerVpc,
        counted: Counted::PerVpc,
    }],
};
