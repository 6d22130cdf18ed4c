//! NAT gateways: each lives in one AZ, billed per NAT-hour plus per GB processed (AWS VPC
//! pricing page); 5 Gbps scaling to 100 per gateway (NAT gateway docs). Each gateway also
//! takes at most 55,000 simultaneous connections to one destination (IP, port, protocol)
//! per IP address (NAT gateway docs; up to 8 IPs per zonal gateway): checked when a block
//! gives its connection count ([`CONNECTIONS`]).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "nat_gateway";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "nat_gateway_hour",
    unit: "NAT-hour",
    label: "NAT gateway hours",
    short: "nat-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const GB: ComponentInfo = ComponentInfo {
    id: "nat_gateway_gb",
    unit: "GB",
    label: "NAT gateway data",
    short: "nat-gb",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::NatGatewayHour,
        variant: Variant::None,
        qty: Qty::UnitHours,
        spread: Spread::Azs(Units::RoundRobin),
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} × {} h × ${}",
                plural(fmt_qty(e.qty / e.hours), "NAT gateway", "NAT gateways"),
                e.hours(),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::NatGatewayGb,
        variant: Variant::None,
        qty: Qty::Gb,
        spread: Spread::Azs(Units::RoundRobin),
        tally: Tally::ProcessedGb,
        explain: |e| {
            format!(
                "{} GB × ${}{} — block total spread over its NAT gateways",
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
        limit: LimitId::Named("nat_gateway"),
        units: Units::RoundRobin,
        load: Load::Gbps,
    }),
    // `count` is checked against the AZs by the parser: it goes through it.
    fast_keys: &[("gb_per_month", Field::Gb), ("peak_gbps", Field::PeakGbps)],
    quotas: &[QuotaUse {
        quota: Quota::NatGatewaysPerAz,
        counted: Counted::PerAz,
    }],
};

/// The connections-per-destination check of NAT gateways (see [`super::capacities`]).
pub(super) const CONNECTIONS: Capacity = Capacity {
    limit: LimitId::Named("nat_gateway_connections"),
    units: Units::RoundRobin,
    load: Load::Connections,
};
