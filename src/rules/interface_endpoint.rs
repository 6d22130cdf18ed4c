//! Interface endpoints (PrivateLink): one ENI per AZ per endpoint, billed per
//! endpoint-AZ-hour (a partial hour is a full hour), plus per GB processed, tiered on the
//! total of all interface endpoints in the Region and account each month (seed: S3
//! strategy and Console posts; AWS PrivateLink pricing page). Each ENI carries 10 Gbps
//! sustained, bursting to 40 (seed profile) or scaling to 100 (current AWS docs).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "interface_endpoint";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "interface_endpoint_hour",
    unit: "endpoint-AZ-hour",
    label: "Interface endpoint hours",
    short: "ie-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const GB: ComponentInfo = ComponentInfo {
    id: "interface_endpoint_gb",
    unit: "GB",
    label: "Interface endpoint data",
    short: "ie-gb",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::InterfaceEndpointHour,
        variant: Variant::None,
        qty: Qty::AzHours,
        spread: Spread::Azs(Units::PerAz),
        tally: Tally::EndpointHours,
        explain: |e| {
            format!(
                "{} × 1 AZ × {} h × ${}",
                plural(e.block.count, "endpoint", "endpoints"),
                e.hours(),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::InterfaceEndpointGb,
        variant: Variant::None,
        qty: Qty::Gb,
        spread: Spread::Azs(Units::PerAz),
        tally: Tally::ProcessedGb,
        explain: |e| {
            format!(
                "{} GB × ${}{} — block total spread evenly over its AZs",
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
        limit: "interface_endpoint_eni",
        units: Units::PerAz,
        load: Load::Gbps,
    }),
    fast_keys: &[
        ("count", Field::Count),
        ("gb_per_month", Field::Gb),
        ("peak_gbps", Field::PeakGbps),
    ],
    quotas: &[QuotaUse {
        quota: Quota::InterfaceEndpointsPerVpc,
        counted: Counted::PerVpc,
    }],
};
