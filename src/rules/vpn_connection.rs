//! AWS Site-to-Site VPN connections: billed per connection-hour ($0.05 in us-east-1, as
//! a third-party cost tool's Price List test records) plus data transferred out of AWS,
//! which third parties say is billed at the standard data-transfer-out rates; no AWS
//! wording or figure for it was found, so the book has no price for
//! `vpn_transfer_out_gb` and a scenario sending GB out over VPN stops with "no price"
//! until a row is added. A tunnel carries up to 1.25 Gbps (Site-to-Site VPN quotas); a
//! connection's two tunnels are taken as active/standby (one carries the traffic, as on a
//! virtual private gateway without ECMP), so a connection carries 1.25 Gbps. A block's
//! connections are its failure domains, as for Direct Connect. Connections that exist
//! already (`existing = true`) cost no new connection-hours, only the transfer out.

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "vpn_connection";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "vpn_connection_hour",
    unit: "connection-hour",
    label: "VPN connection hours",
    short: "vpn-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const OUT_GB: ComponentInfo = ComponentInfo {
    id: "vpn_transfer_out_gb",
    unit: "GB",
    label: "VPN transfer out",
    short: "vpn-out",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const HOURS: Charge = Charge {
    component: Component::VpnConnectionHour,
    variant: Variant::None,
    qty: Qty::UnitHours,
    spread: Spread::Azs(Units::RoundRobin),
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} × {} h × ${}",
            plural(
                fmt_qty(e.qty / e.hours),
                "VPN connection",
                "VPN connections"
            ),
            e.hours(),
            e.rate()
        )
    },
};

const TRANSFER_OUT: Charge = Charge {
    component: Component::VpnTransferOutGb,
    variant: Variant::None,
    qty: Qty::Gb,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} GB out of {} over VPN × ${}",
            fmt_qty(e.qty),
            e.block.region,
            e.rate()
        )
    },
};

const NEW: &[Charge] = &[HOURS, TRANSFER_OUT];
const EXISTING: &[Charge] = &[TRANSFER_OUT];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |k| match k {
        Kind::VpnConnection { existing: true } => EXISTING,
        _ => NEW,
    },
    capacity: Some(Capacity {
        limit: LimitId::Named("vpn_tunnel"),
        units: Units::RoundRobin,
        load: Load::Gbps,
    }),
    fast_keys: &[("gb_per_month", Field::Gb), ("peak_gbps", Field::PeakGbps)],
    quotas: &[QuotaUse {
        quota: Quota::VpnConnectionsPerRegion,
        counted: Counted::Units,
    }],
};
