//! Regional NAT gateways: one gateway that spans a VPC's AZs and expands into the AZs
//! where the VPC has workloads (VPC user guide, "Regional NAT gateways"). Billed per hour
//! for each AZ it is active in, plus per GB processed, at the zonal NAT gateway's rates —
//! the usage types are `RegionalNatGateway-Hours` / `-Bytes` (third-party copies of the
//! AWS Price List; AWS's own wording of the per-AZ hour was not found, so the book marks
//! these rows unverified). Each AZ's part carries 5 Gbps, scaling to 100 (NAT gateway
//! docs, per AZ for the Regional gateway).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "regional_nat_gateway";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "regional_nat_gateway_hour",
    unit: "NAT-AZ-hour",
    label: "Regional NAT gateway hours",
    short: "rnat-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const GB: ComponentInfo = ComponentInfo {
    id: "regional_nat_gateway_gb",
    unit: "GB",
    label: "Regional NAT gateway data",
    short: "rnat-gb",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::RegionalNatGatewayHour,
        variant: Variant::None,
        qty: Qty::AzHours,
        spread: Spread::Azs(Units::PerAz),
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} × 1 active AZ × {} h × ${}",
                plural(
                    e.block.count,
                    "Regional NAT gateway",
                    "Regional NAT gateways"
                ),
                e.hours(),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::RegionalNatGatewayGb,
        variant: Variant::None,
        qty: Qty::Gb,
        spread: Spread::Azs(Units::PerAz),
        tally: Tally::ProcessedGb,
        explain: |e| {
            format!(
                "{} GB × ${}{} — block total spread evenly over its active AZs",
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
        limit: LimitId::Named("regional_nat_gateway_az"),
        units: Units::PerAz,
        load: Load::Gbps,
    }),
    fast_keys: &[
        ("count", Field::Count),
        ("gb_per_month", Field::Gb),
        ("peak_gbps", Field::PeakGbps),
    ],
    // The default of "Regional NAT gateways per VPC" was not found, and whether a Regional
    // gateway counts against the zonal NAT gateways per AZ is not documented: no quota.
    quotas: &[],
};
