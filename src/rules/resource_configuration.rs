//! Resource configurations (VPC Lattice / PrivateLink resources): one shared resource
//! (a domain name, IP or ARN behind a resource gateway), shared with other accounts
//! through AWS RAM. Reached through a resource endpoint, a configuration has no charge of
//! its own (the endpoint's hours and GB are billed); associated with a service network,
//! it is billed per resource per hour for each association — `$0.10` in us-east-1 as a
//! third party transcribes the Lattice pricing page, usage type
//! `VpcLattice-Service-Network-Resource-Hours` (AWS VPC billing-codes page) — so the book
//! marks the price unverified. EventBridge and Step Functions reach a configuration
//! through a resource association with their own service network (EventBridge user guide,
//! "Connecting to private APIs"): one association.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "resource_configuration";

pub(super) const SN_HOUR: ComponentInfo = ComponentInfo {
    id: "service_network_resource_hour",
    unit: "resource-hour",
    label: "Service-network resource hours",
    short: "snres-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

const CHARGES: &[Charge] = &[Charge {
    component: Component::ServiceNetworkResourceHour,
    variant: Variant::None,
    qty: Qty::AssocHours,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        let n = Nums::of(e.block);
        format!(
            "{} × {} × {} h × ${}",
            plural(n.count, "resource configuration", "resource configurations"),
            plural(
                n.assoc,
                "service-network association",
                "service-network associations"
            ),
            e.hours(),
            e.rate()
        )
    },
}];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |_| CHARGES,
    capacity: None,
    fast_keys: &[
        ("count", Field::Count),
        (
            "service_network_associations",
            Field::ServiceNetworkAssociations,
        ),
    ],
    quotas: &[QuotaUse {
        quota: Quota::ResourceConfigurationsPerRegion,
        counted: Counted::Units,
    }],
};
