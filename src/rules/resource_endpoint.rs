//! Resource endpoints: VPC endpoints of type Resource, each reaching one resource
//! configuration. Billed per endpoint-hour — `$0.02` in us-east-1, usage type
//! `VpcEndpoint-Resource-Hours` (operation `VpcResourceConsumer`) as third parties copy
//! the AWS Price List; whether the hour is per AZ was not found, so it is charged per
//! endpoint and the book marks it unverified — plus per GB of resource data, tiered on
//! all resources accessed in the Region each month (AWS PrivateLink and Lattice pricing
//! pages: $0.01 / $0.006 / $0.004 per GB over 1 PB / 4 PB). Like every VPC endpoint it
//! carries 10 Gbps per AZ, scaling to 100 (PrivateLink quotas).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "resource_endpoint";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "resource_endpoint_hour",
    unit: "endpoint-hour",
    label: "Resource endpoint hours",
    short: "re-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

/// Resource data: one ladder for every resource accessed in the Region, through resource
/// endpoints or service networks.
pub(super) const RESOURCE_GB: ComponentInfo = ComponentInfo {
    id: "vpc_resource_gb",
    unit: "GB",
    label: "VPC resource data",
    short: "res-gb",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

/// The resource-data charge, shared with service-network endpoints.
pub(super) const RESOURCE_DATA: Charge = Charge {
    component: Component::VpcResourceGb,
    variant: Variant::None,
    qty: Qty::Gb,
    spread: Spread::Azs(Units::PerAz),
    tally: Tally::ProcessedGb,
    explain: |e| {
        format!(
            "{} GB of resource data × ${}{} — block total spread evenly over its AZs",
            fmt_qty(e.qty),
            e.rate(),
            e.tier_note()
        )
    },
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::ResourceEndpointHour,
        variant: Variant::None,
        qty: Qty::UnitHours,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} × {} h × ${} (per endpoint; per-AZ billing not verified)",
                plural(e.block.count, "resource endpoint", "resource endpoints"),
                e.hours(),
                e.rate()
            )
        },
    },
    RESOURCE_DATA,
];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |_| CHARGES,
    capacity: Some(Capacity {
        limit: LimitId::Named("resource_endpoint_az"),
        units: Units::PerAz,
        load: Load::Gbps,
    }),
    fast_keys: &[
        ("count", Field::Count),
        ("gb_per_month", Field::Gb),
        ("peak_gbps", Field::PeakGbps),
    ],
    // Whether resource endpoints count against the interface and GWLB endpoints per VPC
    // was not found: no quota.
    quotas: &[],
};
