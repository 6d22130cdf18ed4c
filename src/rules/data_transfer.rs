//! Data transfer: between AZs of one Region per GB in each direction billed (both sides
//! when both ends are yours), or to another Region per GB by destination (AWS data
//! transfer pricing). Cross-AZ traffic through PrivateLink, a TGW or Client VPN is not
//! charged as transfer (April 2022): designs do not add it there.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "data_transfer";

pub(super) const CROSS_AZ: ComponentInfo = ComponentInfo {
    id: "cross_az_gb",
    unit: "GB per direction",
    label: "Cross-AZ data transfer",
    short: "x-az",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

pub(super) const INTER_REGION: ComponentInfo = ComponentInfo {
    id: "inter_region_gb",
    unit: "GB",
    label: "Inter-Region data transfer",
    short: "x-reg",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const CROSS_AZ_CHARGES: &[Charge] = &[Charge {
    component: Component::CrossAzGb,
    variant: Variant::None,
    qty: Qty::GbSides,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        let sides = Nums::of(e.block).sides;
        format!(
            "{} GB × {sides} side(s) × ${} per direction",
            fmt_qty(e.qty / Decimal::from(sides)),
            e.rate()
        )
    },
}];

const INTER_REGION_CHARGES: &[Charge] = &[Charge {
    component: Component::InterRegionGb,
    variant: Variant::Destination,
    qty: Qty::Gb,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} GB {} → {} × ${}",
            fmt_qty(e.qty),
            e.block.region,
            Variant::Destination.of(&e.block.kind),
            e.rate()
        )
    },
}];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |k| match k {
        Kind::DataTransfer(Transfer::InterRegion { .. }) => INTER_REGION_CHARGES,
        _ => CROSS_AZ_CHARGES,
    },
    capacity: None,
    fast_keys: &[("gb_per_month", Field::Gb)],
    quotas: &[],
};
