//! VPC Lattice services: billed per service-hour, per GB processed (each request and its
//! response) and per request, the first 300,000 requests of each service in each hour
//! free (VPC Lattice pricing page: $0.025 per service-hour, $0.025 per GB, $0.10 per
//! million requests in us-east-1). Requests are counted per hour; a month's requests are
//! taken as spread evenly over the month's hours and the block's services, so the free
//! requests are 300,000 × services × hours (fewer are free when the load is uneven).
//! No bandwidth or request-rate limit of a service was found: no capacity check.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "lattice_service";

/// Requests each service gets free in each hour (VPC Lattice pricing page).
pub const FREE_REQUESTS_PER_SERVICE_HOUR: u64 = 300_000;

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "lattice_service_hour",
    unit: "service-hour",
    label: "Lattice service hours",
    short: "vl-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const GB: ComponentInfo = ComponentInfo {
    id: "lattice_service_gb",
    unit: "GB",
    label: "Lattice service data",
    short: "vl-gb",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

pub(super) const REQUESTS: ComponentInfo = ComponentInfo {
    id: "lattice_requests",
    unit: "million requests",
    label: "Lattice requests",
    short: "vl-req",
    table: TABLE,
    billed: Billed::MillionQueries,
    hourly: false,
};

const CHARGES: &[Charge] = &[
    Charge {
        component: Component::LatticeServiceHour,
        variant: Variant::None,
        qty: Qty::UnitHours,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            format!(
                "{} × {} h × ${}",
                plural(e.block.count, "service", "services"),
                e.hours(),
                e.rate()
            )
        },
    },
    Charge {
        component: Component::LatticeServiceGb,
        variant: Variant::None,
        qty: Qty::Gb,
        spread: Spread::Regional,
        tally: Tally::ProcessedGb,
        explain: |e| format!("{} GB × ${}", fmt_qty(e.qty), e.rate()),
    },
    Charge {
        component: Component::LatticeRequests,
        variant: Variant::None,
        qty: Qty::BillableMillionRequests,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| {
            let n = Nums::of(e.block);
            format!(
                "{}M requests past the free {} per service-hour ({} × {} h) × ${} per million",
                fmt_qty(e.qty),
                FREE_REQUESTS_PER_SERVICE_HOUR,
                plural(n.count, "service", "services"),
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
    fast_keys: &[
        ("count", Field::Count),
        ("gb_per_month", Field::Gb),
        ("requests_per_month", Field::Requests),
    ],
    quotas: &[QuotaUse {
        quota: Quota::LatticeServicesPerRegion,
        counted: Counted::Units,
    }],
};
