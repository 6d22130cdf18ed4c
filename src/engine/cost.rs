//! Line items: every charge of a scenario, per block, per AZ and per tier.
//!
//! Tiers apply to the Region's monthly total across all blocks, the way AWS bills:
//! blocks consume the tier ladder in file order, so block 2's GB are priced from where
//! block 1's ended. Splitting a block in two never changes the total.

use crate::error::{Error, Result};
use crate::money::{fmt_qty, split_weighted};
use crate::pricing::{PriceBook, TierSlice};
use crate::scenario::{Direction, Kind, Resource, Scenario, Transfer};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// One priced charge.
#[derive(Debug, Clone, PartialEq)]
pub struct LineItem {
    /// Block id, e.g. `interface_endpoint[0]`.
    pub block: String,
    /// Block label, e.g. `console`.
    pub label: String,
    /// Price-book component id.
    pub component: String,
    /// Price-book variant (destination Region, check type), often empty.
    pub variant: String,
    pub region: String,
    /// AZ label, empty for Regional charges.
    pub az: String,
    /// Tier number on the ladder (1 for untiered prices).
    pub tier: usize,
    pub quantity: Decimal,
    pub unit: String,
    /// USD per unit.
    pub rate: Decimal,
    /// Exact monthly USD.
    pub monthly: Decimal,
    /// Exact hourly USD (monthly / hours per month).
    pub hourly: Decimal,
    /// How the figure was computed, in words.
    pub explain: String,
}

pub(crate) struct Priced {
    pub lines: Vec<LineItem>,
    pub gb_processed: Decimal,
    pub endpoint_hours: Decimal,
    pub keys_used: BTreeSet<(String, String, String)>,
}

pub(crate) fn add(a: Decimal, b: Decimal, ctx: &str) -> Result<Decimal> {
    a.checked_add(b).ok_or_else(|| Error::Overflow {
        context: ctx.to_string(),
    })
}

fn mul(a: Decimal, b: Decimal, ctx: &str) -> Result<Decimal> {
    a.checked_mul(b).ok_or_else(|| Error::Overflow {
        context: ctx.to_string(),
    })
}

/// Units (ENIs, NAT gateways, IPs...) per AZ, round-robin over the AZ list.
pub(crate) fn units_per_az(units: u64, azs: usize) -> Vec<u64> {
    if azs == 0 {
        return Vec::new();
    }
    let n = azs as u64;
    (0..n)
        .map(|i| units / n + u64::from(i < units % n))
        .collect()
}

fn plural(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let s = n.to_string();
    if s == "1" {
        format!("1 {one}")
    } else {
        format!("{s} {many}")
    }
}

struct Pricer<'a> {
    s: &'a Scenario,
    book: &'a PriceBook,
    hours: Decimal,
    used: BTreeMap<(String, String, String), Decimal>,
    out: Priced,
}

/// Where a charge lands: spread over AZs by weight, or Regional.
enum Spread<'a> {
    Azs(&'a [String], Vec<u64>),
    Regional,
}

impl Pricer<'_> {
    /// Charge `qty` of a component (tiered on the Region's running total) and spread it.
    ///
    /// `per_qty_factor` multiplies each slice's amount after tiering: used where tiers are
    /// counted in one unit (associations) and billed in another (association-hours).
    #[allow(clippy::too_many_arguments)]
    fn charge(
        &mut self,
        r: &Resource,
        component: &str,
        variant: &str,
        qty: Decimal,
        factor: Decimal,
        spread: Spread<'_>,
        explain: &dyn Fn(&TierSlice, Decimal) -> String,
    ) -> Result<()> {
        if qty.is_zero() {
            return Ok(());
        }
        let ctx = format!("{} {} in {}", self.s.name, r.block, r.region);
        let key = (r.region.clone(), component.to_string(), variant.to_string());
        let already = self.used.get(&key).copied().unwrap_or(Decimal::ZERO);
        let slices = self
            .book
            .charge(&r.region, component, variant, already, qty)?;
        self.used.insert(key.clone(), add(already, qty, &ctx)?);
        self.out.keys_used.insert(key);
        for sl in &slices {
            let row = &self.book.rows[sl.row];
            let amount = mul(sl.amount, factor, &ctx)?;
            match &spread {
                Spread::Regional => {
                    self.push(
                        r,
                        component,
                        variant,
                        "",
                        sl,
                        sl.qty,
                        amount,
                        &row.unit,
                        explain(sl, sl.qty),
                    );
                }
                Spread::Azs(azs, w) => {
                    let qs = split_weighted(sl.qty, w);
                    let ams = split_weighted(amount, w);
                    for (i, az) in azs.iter().enumerate() {
                        if w.get(i).copied().unwrap_or(0) == 0 {
                            continue;
                        }
                        self.push(
                            r,
                            component,
                            variant,
                            az,
                            sl,
                            qs[i],
                            ams[i],
                            &row.unit,
                            explain(sl, qs[i]),
                        );
                    }
                }
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        r: &Resource,
        component: &str,
        variant: &str,
        az: &str,
        sl: &TierSlice,
        qty: Decimal,
        amount: Decimal,
        unit: &str,
        explain: String,
    ) {
        self.out.lines.push(LineItem {
            block: r.block.clone(),
            label: r.label.clone(),
            component: component.to_string(),
            variant: variant.to_string(),
            region: r.region.clone(),
            az: az.to_string(),
            tier: sl.tier,
            quantity: qty,
            unit: unit.to_string(),
            rate: sl.rate,
            monthly: amount,
            hourly: amount / self.hours,
            explain,
        });
    }

    /// `count` units of `r` billed by the hour, Regional: "N things × 730 h × $rate{note}".
    fn per_hour(
        &mut self,
        r: &Resource,
        component: &str,
        (one, many): (&str, &str),
        note: &str,
    ) -> Result<()> {
        let qty = mul(Decimal::from(r.count), self.hours, &r.block)?;
        let hs = fmt_qty(self.hours);
        let what = plural(r.count, one, many);
        self.charge(
            r,
            component,
            "",
            qty,
            Decimal::ONE,
            Spread::Regional,
            &|sl, _| format!("{what} × {hs} h × ${}{note}", sl.rate.normalize()),
        )
    }

    fn resource(&mut self, r: &Resource) -> Result<()> {
        let h = self.hours;
        let hs = fmt_qty(h);
        let ctx = format!("{} {}", self.s.name, r.block);
        let count = Decimal::from(r.count);
        let nazs = r.azs.len();
        let tier_note = |sl: &TierSlice| {
            if sl.tier > 1 {
                format!(" (tier {})", sl.tier)
            } else {
                String::new()
            }
        };
        match &r.kind {
            Kind::InterfaceEndpoint { .. } => {
                let w = vec![r.count; nazs];
                let qty = mul(mul(count, Decimal::from(nazs as u64), &ctx)?, h, &ctx)?;
                self.out.endpoint_hours = add(self.out.endpoint_hours, qty, &ctx)?;
                let per = plural(r.count, "endpoint", "endpoints");
                self.charge(
                    r,
                    "interface_endpoint_hour",
                    "",
                    qty,
                    Decimal::ONE,
                    Spread::Azs(&r.azs, w.clone()),
                    &|sl, _| format!("{per} × 1 AZ × {hs} h × ${}", sl.rate.normalize()),
                )?;
                self.out.gb_processed = add(self.out.gb_processed, r.gb_per_month, &ctx)?;
                self.charge(
                    r,
                    "interface_endpoint_gb",
                    "",
                    r.gb_per_month,
                    Decimal::ONE,
                    Spread::Azs(&r.azs, w),
                    &|sl, q| {
                        format!(
                            "{} GB × ${}{} — block total spread evenly over its AZs",
                            fmt_qty(q),
                            sl.rate.normalize(),
                            tier_note(sl)
                        )
                    },
                )?;
            }
            Kind::GatewayEndpoint { .. } => {
                let qty = mul(count, h, &ctx)?;
                self.charge(
                    r,
                    "gateway_endpoint_hour",
                    "",
                    qty,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| {
                        format!(
                            "{} endpoint-hours × ${} (gateway endpoints are free)",
                            fmt_qty(q),
                            sl.rate.normalize()
                        )
                    },
                )?;
                self.out.gb_processed = add(self.out.gb_processed, r.gb_per_month, &ctx)?;
                self.charge(
                    r,
                    "gateway_endpoint_gb",
                    "",
                    r.gb_per_month,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| format!("{} GB × ${}", fmt_qty(q), sl.rate.normalize()),
                )?;
            }
            Kind::GwlbEndpoint | Kind::NatGateway => {
                let (hc, gc, what) = match r.kind {
                    Kind::GwlbEndpoint => (
                        "gwlb_endpoint_hour",
                        "gwlb_endpoint_gb",
                        ("GWLB endpoint", "GWLB endpoints"),
                    ),
                    _ => (
                        "nat_gateway_hour",
                        "nat_gateway_gb",
                        ("NAT gateway", "NAT gateways"),
                    ),
                };
                let w = units_per_az(r.count, nazs);
                let qty = mul(count, h, &ctx)?;
                if matches!(r.kind, Kind::GwlbEndpoint) {
                    self.out.endpoint_hours = add(self.out.endpoint_hours, qty, &ctx)?;
                }
                self.charge(
                    r,
                    hc,
                    "",
                    qty,
                    Decimal::ONE,
                    Spread::Azs(&r.azs, w.clone()),
                    &|sl, q| {
                        let n = q / h;
                        format!(
                            "{} × {hs} h × ${}",
                            plural(fmt_qty(n), what.0, what.1),
                            sl.rate.normalize()
                        )
                    },
                )?;
                self.out.gb_processed = add(self.out.gb_processed, r.gb_per_month, &ctx)?;
                self.charge(
                    r,
                    gc,
                    "",
                    r.gb_per_month,
                    Decimal::ONE,
                    Spread::Azs(&r.azs, w),
                    &|sl, q| {
                        format!(
                            "{} GB × ${}{} — block total spread over its {}",
                            fmt_qty(q),
                            sl.rate.normalize(),
                            tier_note(sl),
                            what.1
                        )
                    },
                )?;
            }
            Kind::TgwAttachment { existing } => {
                // Attachments that exist already cost nothing new by the hour.
                if !*existing {
                    self.per_hour(r, "tgw_attachment_hour", ("attachment", "attachments"), "")?;
                }
                self.charge(r, "tgw_gb", "", r.gb_per_month, Decimal::ONE, Spread::Regional, &|sl, q| {
                    format!("{} GB sent into the TGW × ${} (processing is charged once, on the sending attachment)", fmt_qty(q), sl.rate.normalize())
                })?;
            }
            Kind::ResolverEndpoint {
                ips,
                queries_per_month,
                direction,
                ..
            } => {
                let units = r.count.saturating_mul(*ips);
                let w = units_per_az(units, nazs);
                let qty = mul(Decimal::from(units), h, &ctx)?;
                let dir = match direction {
                    Direction::Inbound => "inbound",
                    Direction::Outbound => "outbound",
                };
                self.charge(
                    r,
                    "resolver_endpoint_ip_hour",
                    "",
                    qty,
                    Decimal::ONE,
                    Spread::Azs(&r.azs, w),
                    &|sl, q| {
                        format!(
                            "{} ({dir}) × {hs} h × ${}",
                            plural(fmt_qty(q / h), "IP", "IPs"),
                            sl.rate.normalize()
                        )
                    },
                )?;
                let millions = *queries_per_month / Decimal::from(1_000_000u32);
                self.charge(
                    r,
                    "resolver_queries",
                    "",
                    millions,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| {
                        format!(
                            "{} million queries × ${}{}",
                            fmt_qty(q),
                            sl.rate.normalize(),
                            tier_note(sl)
                        )
                    },
                )?;
            }
            Kind::HostedZone => {
                self.charge(
                    r,
                    "hosted_zone_month",
                    "",
                    count,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| {
                        format!(
                            "{} × ${}/month{}",
                            plural(fmt_qty(q), "hosted zone", "hosted zones"),
                            sl.rate.normalize(),
                            tier_note(sl)
                        )
                    },
                )?;
            }
            Kind::HealthCheck {
                check,
                optional_features,
            } => {
                let v = check.variant();
                self.charge(
                    r,
                    "health_check_month",
                    v,
                    count,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| {
                        let free = if sl.rate.is_zero() {
                            " (within the free allowance)"
                        } else {
                            ""
                        };
                        format!(
                            "{} ({v}) × ${}/month{free}",
                            plural(fmt_qty(q), "health check", "health checks"),
                            sl.rate.normalize()
                        )
                    },
                )?;
                let f = mul(count, Decimal::from(*optional_features), &ctx)?;
                self.charge(
                    r,
                    "health_check_feature_month",
                    v,
                    f,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| {
                        format!(
                            "{} optional features × ${}/month",
                            fmt_qty(q),
                            sl.rate.normalize()
                        )
                    },
                )?;
            }
            Kind::DataTransfer(Transfer::CrossAz { sides }) => {
                let sides_d = Decimal::from(*sides);
                let qty = mul(r.gb_per_month, sides_d, &ctx)?;
                self.charge(
                    r,
                    "cross_az_gb",
                    "",
                    qty,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| {
                        format!(
                            "{} GB × {sides} side(s) × ${} per direction",
                            fmt_qty(q / sides_d),
                            sl.rate.normalize()
                        )
                    },
                )?;
            }
            Kind::DataTransfer(Transfer::InterRegion { to_region }) => {
                self.charge(
                    r,
                    "inter_region_gb",
                    to_region,
                    r.gb_per_month,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| {
                        format!(
                            "{} GB {} → {to_region} × ${}",
                            fmt_qty(q),
                            r.region,
                            sl.rate.normalize()
                        )
                    },
                )?;
            }
            Kind::ArcCluster => {
                self.per_hour(
                    r,
                    "arc_cluster_hour",
                    ("ARC cluster", "ARC clusters"),
                    " (whatever the number of routing controls)",
                )?;
            }
            Kind::Route53Profile { vpc_associations } => {
                self.per_hour(r, "route53_profile_hour", ("Profile", "Profiles"), "")?;
                // Tiers count associations; each is billed per hour.
                self.charge(
                    r,
                    "route53_profile_association_hour",
                    "",
                    Decimal::from(*vpc_associations),
                    h,
                    Spread::Regional,
                    &|sl, q| {
                        let incl = if sl.rate.is_zero() {
                            " (included in the Profile-hour)"
                        } else {
                            ""
                        };
                        format!(
                            "{} × {hs} h × ${}{incl}",
                            plural(fmt_qty(q), "VPC association", "VPC associations"),
                            sl.rate.normalize()
                        )
                    },
                )?;
            }
            Kind::Nlb { nlcu_per_hour } => {
                self.per_hour(r, "nlb_hour", ("NLB", "NLBs"), "")?;
                let nlcu = mul(mul(count, *nlcu_per_hour, &ctx)?, h, &ctx)?;
                self.charge(
                    r,
                    "nlb_nlcu_hour",
                    "",
                    nlcu,
                    Decimal::ONE,
                    Spread::Regional,
                    &|sl, q| {
                        format!(
                            "{} NLCU-hours ({} NLCU × {hs} h) × ${}",
                            fmt_qty(q),
                            fmt_qty(q / h),
                            sl.rate.normalize()
                        )
                    },
                )?;
            }
        }
        Ok(())
    }
}

/// Price every resource of a scenario.
pub(crate) fn price(s: &Scenario, book: &PriceBook) -> Result<Priced> {
    let mut p = Pricer {
        s,
        book,
        hours: Decimal::from(s.hours_per_month),
        used: BTreeMap::new(),
        out: Priced {
            lines: Vec::new(),
            gb_processed: Decimal::ZERO,
            endpoint_hours: Decimal::ZERO,
            keys_used: BTreeSet::new(),
        },
    };
    for r in &s.resources {
        p.resource(r)?;
    }
    Ok(p.out)
}
