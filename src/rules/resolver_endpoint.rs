//! Route 53 Resolver endpoints: per ENI (IP address) per hour — an endpoint takes 2 to 6
//! IPs, round-robin over its AZs — plus per million queries, tiered per account per
//! month (seed: Console post; Route 53 pricing page). About 10,000 queries per second
//! per IP (Route 53 Resolver docs).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "resolver_endpoint";
use crate::scenario::model::Direction;

pub(super) const IP_HOUR: ComponentInfo = ComponentInfo {
    id: "resolver_endpoint_ip_hour",
    unit: "ENI-hour",
    label: "Resolver endpoint IP hours",
    short: "rslv-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const QUERIES: ComponentInfo = ComponentInfo {
    id: "resolver_queries",
    unit: "million queries",
    label: "Resolver queries",
    short: "rslv-q",
    table: TABLE,
    billed: Billed::MillionQueries,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::ResolverEndpointIpHour,
        variant: Variant::None,
        qty: Qty::IpHours,
        spread: Spread::Azs(Units::Ips),
        tally: Tally::None,
        explain: |e| {
            let dir = match e.block.kind {
                Kind::ResolverEndpoint {
                    direction: Direction::Outbound,
                    ..
                } => "outbound",
                _ => "inbound",
            };
            format!(
                "{} ({dir}) × {} h × ${}",
                plural(fmt_qty(e.qty / e.hours), "IP", "IPs"),
                e.hours(),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::ResolverQueries,
        variant: Variant::None,
        qty: Qty::MillionQueries,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} million queries × ${}{}",
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
        limit: "resolver_ip",
        units: Units::Ips,
        load: Load::Qps,
    }),
    fast_keys: &[
        ("count", Field::Count),
        ("queries_per_month", Field::Queries),
        ("peak_qps", Field::PeakQps),
    ],
    quotas: &[
        QuotaUse {
            quota: Quota::ResolverEndpointsPerRegion,
            counted: Counted::Units,
        },
        QuotaUse {
            quota: Quota::IpsPerResolverEndpoint,
            counted: Counted::Ips,
        },
    ],
};
