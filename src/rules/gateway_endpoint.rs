//! Gateway endpoints (S3 and DynamoDB): free — no hourly and no data charge — and
//! reachable only from inside their own VPC (seed: S3 strategy post). The book still
//! carries their zero prices, so a line item shows the traffic they take; no throughput
//! limit of their own.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "gateway_endpoint";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "gateway_endpoint_hour",
    unit: "endpoint-hour",
    label: "Gateway endpoint hours",
    short: "gw-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const GB: ComponentInfo = ComponentInfo {
    id: "gateway_endpoint_gb",
    unit: "GB",
    label: "Gateway endpoint data",
    short: "gw-gb",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::GatewayEndpointHour,
        variant: Variant::None,
        qty: Qty::UnitHours,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} endpoint-hours × ${} (gateway endpoints are free)",
                fmt_qty(e.qty),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::GatewayEndpointGb,
        variant: Variant::None,
        qty: Qty::Gb,
        spread: Spread::Regional,
        tally: Tally::ProcessedGb,
        explain: |e| format!("{} GB × ${}", fmt_qty(e.qty), e.rate()),
    },
];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |_| CHARGES,
    capacity: None,
    fast_keys: &[("count", Field::Count), ("gb_per_month", Field::Gb)],
    quotas: &[
        QuotaUse {
            quota: Quota::GatewayEndpointsPerVpc,
            counted: Counted::PerVpc,
        },
        QuotaUse {
            quota: Quota::GatewayEndpointsPerRegion,
            counted: Counted::Units,
        },
    ],
};
