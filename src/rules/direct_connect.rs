//! AWS Direct Connect connections: billed per port-hour by connection type and speed
//! (dedicated or hosted; a partial hour is a full hour, charged to the port's owner) and
//! per GB transferred out of AWS, at a rate by Region and Direct Connect location;
//! transfer in is free (Direct Connect FAQ and pricing page). Each connection carries
//! its port speed; a block's connections are its failure domains: the "AZ" column names
//! a connection and losing an AZ means losing one connection. Connections that exist
//! already (`existing = true`) cost no new port-hours, only the transfer out.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "direct_connect";

pub(super) const PORT_HOUR: ComponentInfo = ComponentInfo {
    id: "dx_port_hour",
    unit: "port-hour",
    label: "Direct Connect port hours",
    short: "dx-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const OUT_GB: ComponentInfo = ComponentInfo {
    id: "dx_transfer_out_gb",
    unit: "GB",
    label: "Direct Connect transfer out",
    short: "dx-out",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const PORT_HOURS: Charge = Charge {
    component: Component::DxPortHour,
    variant: Variant::DxPort,
    qty: Qty::UnitHours,
    spread: Spread::Azs(Units::RoundRobin),
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} × {} h × ${}",
            plural(
                fmt_qty(e.qty / e.hours),
                &format!("{} port", Variant::DxPort.of(&e.block.kind)),
                &format!("{} ports", Variant::DxPort.of(&e.block.kind))
            ),
            e.hours(),
            e.rate()
        )
    },
};

const TRANSFER_OUT: Charge = Charge {
    component: Component::DxTransferOutGb,
    variant: Variant::DxLocation,
    qty: Qty::Gb,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} GB out of {} to {} × ${}",
            fmt_qty(e.qty),
            e.block.region,
            Variant::DxLocation.of(&e.block.kind),
            e.rate()
        )
    },
};

const NEW: &[Charge] = &[PORT_HOURS, TRANSFER_OUT];
const EXISTING: &[Charge] = &[TRANSFER_OUT];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |k| match k {
        Kind::DirectConnect { existing: true, .. } => EXISTING,
        _ => NEW,
    },
    capacity: Some(Capacity {
        limit: LimitId::DxPort,
        units: Units::RoundRobin,
        load: Load::Gbps,
    }),
    // `count` sets the connections, each its own failure domain: it goes through the
    // parser.
    fast_keys: &[("gb_per_month", Field::Gb), ("peak_gbps", Field::PeakGbps)],
    quotas: &[QuotaUse {
        quota: Quota::DxConnectionsPerLocation,
        counted: Counted::Units,
    }],
};
