//! Transit Gateway VPC attachments: per attachment-hour, plus per GB sent into the TGW —
//! processing is charged once, on the sending attachment (AWS TGW pricing page;
//! aws-samples networking-costs-calculator issue #14). Attachments that exist already
//! (`existing = true`) cost no new attachment-hours, only the data they send. Up to
//! 100 Gbps per AZ (TGW quotas).

use super::*;

/// The scenario-file table of the kind.
const TABLE: &str = "tgw_attachment";

pub(super) const HOUR: ComponentInfo = ComponentInfo {
    id: "tgw_attachment_hour",
    unit: "attachment-hour",
    label: "TGW attachment hours",
    short: "tgw-h",
    table: TABLE,
    billed: Billed::Hour,
    hourly: false,
};

pub(super) const GB: ComponentInfo = ComponentInfo {
    id: "tgw_gb",
    unit: "GB",
    label: "TGW data",
    short: "tgw-gb",
    table: TABLE,
    billed: Billed::Gb,
    hourly: false,
};

const ATTACHMENT_HOURS: Charge = Charge {
    component: Component::TgwAttachmentHour,
    variant: Variant::None,
    qty: Qty::UnitHours,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} × {} h × ${}",
            plural(e.block.count, "attachment", "attachments"),
            e.hours(),
            e.rate()
        )
    },
};

const DATA: Charge = Charge {
    component: Component::TgwGb,
    variant: Variant::None,
    qty: Qty::Gb,
    spread: Spread::Regional,
    tally: Tally::None,
    explain: |e| {
        format!(
            "{} GB sent into the TGW × ${} (processing is charged once, on the sending attachment)",
            fmt_qty(e.qty),
            e.rate()
        )
    },
};

const NEW: &[Charge] = &[ATTACHMENT_HOURS, DATA];
const EXISTING: &[Charge] = &[DATA];

pub(super) const RULE: Rule = Rule {
    table: TABLE,
    charges: |k| match k {
        Kind::TgwAttachment { existing: true } => EXISTING,
        _ => NEW,
    },
    capacity: Some(Capacity {
        limit: "tgw_attachment_az",
        units: Units::PerAz,
        load: Load::Gbps,
    }),
    fast_keys: &[
        ("count", Field::Count),
        ("gb_per_month", Field::Gb),
        ("peak_gbps", Field::PeakGbps),
    ],
    quotas: &[
        QuotaUse {
            quota: Quota::TgwAttachmentsPerTgw,
            counted: Counted::PerTgw,
        },
        QuotaUse {
            quota: Quota::TgwsPerRegion,
            counted: Counted::Tgws,
        },
        QuotaUse {
            quota: Quota::TgwsPerVpc,
            counted: Counted::PerVpc,
        },
    ],
};
