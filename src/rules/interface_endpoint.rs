//! Interface endpoints (PrivateLink): one ENI per AZ per endpoint, billed per
//! endpoint-AZ-hour (a partial hour is a full hour), plus per GB processed, tiered on the
//! total of all interface endpoints in the Region and account each month (seed: S3
//! strategy and Console posts; AWS PrivateLink pricing page). Each ENI carries 10 Gbps
//! sustained, bursting to 40 (seed profile) or scaling to 100 (current AWS docs).
//!
//! An endpoint to an endpoint service in another Region (cross-Region PrivateLink,
//! `service_region`) costs the same hours and GB — "There is no premium for accessing a
//! service in another region ... In addition, AWS cross-region data transfer rates will
//! apply" (AWS PrivateLink pricing page) — plus inter-Region transfer of its bytes: the
//! requests at the rate out of the endpoint's Region to the service's, the responses at the
//! rate out of the service's Region (the AWS data-transfer usage type
//! `{Source}-{Dest}-AWS-Out-Bytes` is billed "out from the source Region"). Both are booked
//! to the endpoint's account: AWS names no payer; third-party write-ups agree the consumer
//! pays (FACTS.md C4).

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

const HOURS: Charge = Charge {
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
};

const DATA: Charge = Charge {
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
};

const CHARGES: &[Charge] = &[HOURS, DATA];

/// The share of a cross-Region endpoint's GB a transfer charge carries, in words.
fn direction(e: &Explain<'_>, responses: bool) -> String {
    let r = Nums::of(e.block).resp;
    let share = if responses { r } else { Decimal::ONE - r };
    let pct = (share * Decimal::ONE_HUNDRED).normalize();
    let service = Variant::ToService.of(&e.block.kind);
    let (from, to, what) = if responses {
        (service, e.block.region.as_str(), "responses")
    } else {
        (e.block.region.as_str(), service, "requests")
    };
    format!(
        "{} GB of {what} ({pct} % of the endpoint's GB) {from} → {to} × ${}",
        fmt_qty(e.qty),
        e.rate()
    )
}

const CROSS_REGION_CHARGES: &[Charge] = &[
    HOURS,
    DATA,
    Charge {
        component: Component::InterRegionGb,
        variant: Variant::ToService,
        qty: Qty::GbRequests,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| direction(e, false),
    },
    Charge {
        component: Component::InterRegionGb,
        variant: Variant::FromService,
        qty: Qty::GbResponses,
        spread: Spread::Regional,
        tally: Tally::None,
        explain: |e| direction(e, true),
    },
];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |k| match k {
        Kind::InterfaceEndpoint {
            service_region: Some(_),
            ..
        } => CROSS_REGION_CHARGES,
        _ => CHARGES,
    },
    capacity: Some(Capacity {
        limit: LimitId::Named("interface_endpoint_eni"),
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
