//! Route 53 Application Recovery Controller clusters: per cluster-hour, whatever the
//! number of routing controls (ARC developer guide; $2.50/hour from an AWS-authored
//! sample, to verify against the ARC pricing page). Global.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "arc_cluster";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "arc_cluster_hour",
    unit: "cluster-hour",
    label: "ARC cluster hours",
    short: "arc",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

const CHARGES: &[Charge] = &[Charge {
    component: Component::ArcClusterHour,
    variant: Variant::None,
    qty: Qty::UnitHours,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} × {} h × ${} (whatever the number of routing controls)",
            plural(e.block.count, "ARC cluster", "ARC clusters"),
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
        ("routing_controls", Field::RoutingControls),
    ],
    quotas: &[
        QuotaUse {
            quota: Quota::ArcClustersPerAccount,
            counted: Counted::Units,
        },
        QuotaUse {
            quota: Quota::RoutingControlsPerCluster,
            counted: Counted::ControlsPerUnit,
        },
    ],
};
