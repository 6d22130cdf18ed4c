//! `[workload]`, `[workload.traffic.<service>]`, `[compare]`, `[failover]` and
//! `[expect.designs.<design>]`: raw TOML → validated model, with file:line:key errors.
//!
//! Every key is documented in docs/designs.md ("Scenario keys").

use super::keys;
use super::model::*;
use super::parse::{Ctx, RawExpect, expect};
use crate::error::{Error, Result};
use crate::money::split_even;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::{Spanned, Value};

type V = Option<Spanned<Value>>;

/// `[workload]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWorkload {
    pub spokes: V,
    pub azs: V,
    pub hub_azs: V,
    pub services: V,
    pub gb_per_month_per_spoke: V,
    pub peak_gbps_per_spoke: V,
    pub onprem_gb_per_month: V,
    pub other_vpc_gb_per_month: V,
    pub other_region_gb_per_month: V,
    pub remote_peak_gbps: V,
    pub dns_queries_per_month: V,
    pub dns_peak_qps: V,
    pub resolver_inbound: V,
    pub resolver_ips: V,
    pub existing_tgw_attachments: V,
    pub requests_per_month_per_spoke: V,
    pub pattern: V,
    pub onprem_transport: V,
    pub dx_connection_type: V,
    pub dx_port_speed: V,
    pub dx_location: V,
    pub onprem_connections: V,
    pub onprem_out_share: V,
    pub onprem_existing: V,
    pub accounts: V,
    pub response_share: V,
    pub connections_per_destination: V,
    pub ses_api_gb_per_month_per_spoke: V,
    pub ses_api_path: V,
    #[serde(default)]
    pub traffic: BTreeMap<String, Spanned<RawTraffic>>,
}

/// `[workload.traffic.<service>]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTraffic {
    pub gb_per_month_per_spoke: V,
    pub peak_gbps_per_spoke: V,
    pub onprem_gb_per_month: V,
    pub other_vpc_gb_per_month: V,
    pub other_region_gb_per_month: V,
    pub remote_peak_gbps: V,
    pub public_endpoint: V,
    pub requests_per_month_per_spoke: V,
}

/// `[compare]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCompare {
    pub designs: V,
    pub centralized_dns: V,
    pub split_on_quota: V,
}

/// `[failover]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFailover {
    pub mode: V,
    pub regions: V,
    pub secondary_azs: V,
    pub standby_endpoints: V,
    pub arc: V,
    pub role: V,
    pub cross_region_sets: V,
    pub nlbs_per_region: V,
    pub nlcu_per_hour: V,
}

/// The validated workload-related parts of a scenario.
pub(crate) struct Parts {
    pub workload: Option<Workload>,
    pub compare: Compare,
    pub failover: Option<Failover>,
}

impl Parts {
    /// Design names a `[expect.designs.<name>]` table may use.
    fn design_names(&self) -> Vec<String> {
        if self
            .failover
            .as_ref()
            .is_some_and(|f| f.role == Role::Provider)
        {
            return vec!["provider".to_string()];
        }
        self.compare
            .designs
            .iter()
            .map(|d| d.name.clone())
            .collect()
    }
}

/// The largest monthly GB figure a workload takes (a zettabyte): keeps every figure
/// derived from it (× spokes, × Regions, break-even segments) far inside exact decimals.
const MAX_GB: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 1e12
/// The smallest non-zero GB figure (a kilobyte).
const MIN_GB: Decimal = Decimal::from_parts(1, 0, 0, false, 6); // 1e-6

/// A GB-per-month figure within [`MIN_GB`, `MAX_GB`] (or zero).
fn gb_figure(ctx: &Ctx<'_>, v: &Spanned<Value>, key: &str) -> Result<Decimal> {
    let d = ctx.decimal(v, key)?;
    if d > MAX_GB {
        return Err(ctx.err(
            v,
            key,
            format!("{d} GB a month is more than vpceplan plans for"),
            "use at most 1000000000000 GB (a zettabyte) a month; check the units",
        ));
    }
    if !d.is_zero() && d < MIN_GB {
        return Err(ctx.err(
            v,
            key,
            format!("{d} GB a month is below a kilobyte"),
            "use 0, or at least 0.000001 GB",
        ));
    }
    Ok(d)
}

/// A monthly request figure: a decimal from 0 to [`keys::MAX_REQUESTS`] (the key table's
/// bound, which the schema and the sweep's checks read too).
fn requests_figure(ctx: &Ctx<'_>, v: &Spanned<Value>, key: &str) -> Result<Decimal> {
    let d = ctx.decimal(v, key)?;
    let max = crate::money::parse_exact(keys::MAX_REQUESTS).unwrap_or(Decimal::MAX);
    if d > max {
        return Err(ctx.err(
            v,
            key,
            format!("{d} requests a month is more than vpceplan plans for"),
            format!(
                "use at most {} requests a month; check the units",
                keys::MAX_REQUESTS
            ),
        ));
    }
    Ok(d)
}

/// The designs compiled when `[compare]` does not list any.
pub const DEFAULT_DESIGNS: &[&str] = &[
    "nat",
    "distributed",
    "centralized",
    "gateway-where-possible",
];

/// The designs a private-api workload compiles when `[compare]` does not list any.
pub const PRIVATE_API_DESIGNS: &[&str] =
    &["resource-endpoint", "service-network", "lattice-service"];

/// The default designs of a workload.
fn default_designs(w: Option<&Workload>) -> &'static [&'static str] {
    match w.map(|w| w.pattern) {
        Some(Pattern::PrivateApi) => PRIVATE_API_DESIGNS,
        _ => DEFAULT_DESIGNS,
    }
}

fn table_line(ctx: &Ctx<'_>, span: std::ops::Range<usize>) -> Option<usize> {
    ctx.line(span)
}

/// Validate `[workload]`, `[compare]` and `[failover]`.
pub(crate) fn build(
    ctx: &Ctx<'_>,
    region: &str,
    workload: Option<&Spanned<RawWorkload>>,
    compare: Option<&Spanned<RawCompare>>,
    failover: Option<&Spanned<RawFailover>>,
) -> Result<Parts> {
    let workload = match workload {
        Some(w) => Some(build_workload(ctx, region, w)?),
        None => None,
    };
    let failover_line = failover.and_then(|f| table_line(ctx, f.span()));
    let failover_raw = failover;
    let failover = match failover {
        Some(f) => Some(build_failover(ctx, f, workload.as_ref())?),
        None => None,
    };
    let provider = failover.as_ref().is_some_and(|f| f.role == Role::Provider);
    if workload.is_none()
        && !provider
        && let Some(c) = compare
    {
        return Err(Error::input(
            ctx.file,
            table_line(ctx, c.span()),
            "compare",
            "[compare] needs a [workload] to compile into designs",
            "add a [workload] table (spokes, azs, services, traffic), or remove [compare]",
        ));
    }
    if failover.as_ref().is_some_and(|f| f.role == Role::Consumer) && workload.is_none() {
        return Err(Error::input(
            ctx.file,
            failover_line,
            "failover",
            "a consumer failover setup needs a [workload] (what the consumers send)",
            "add a [workload] table, or set `role = \"provider\"` in [failover]",
        ));
    }
    if provider && let Some(c) = compare {
        return Err(Error::input(
            ctx.file,
            table_line(ctx, c.span()),
            "compare",
            "a provider failover scenario has no consumer designs to compare",
            "remove [compare]; the provider's setup is priced as the one design `provider`",
        ));
    }
    if let (Some(w), Some(f)) = (&workload, failover_raw) {
        let why = if w.pattern == Pattern::PrivateApi {
            Some("a private-api workload with [failover] is not modelled")
        } else if w.transport.is_some() {
            Some(
                "onprem_transport with [failover] is not modelled (the transfer-out rate depends on the Region each part leaves)",
            )
        } else {
            None
        };
        if let Some(why) = why {
            return Err(Error::input(
                ctx.file,
                table_line(ctx, f.span()),
                "failover",
                why,
                "remove [failover], or price each Region as its own scenario",
            ));
        }
    }
    let defaults = default_designs(workload.as_ref());
    let compare = match compare {
        Some(c) => build_compare(ctx, c, defaults)?,
        None => {
            let designs = if workload.is_some() && !provider {
                defaults
                    .iter()
                    .filter_map(|n| {
                        DesignKind::parse(n, CentralDns::default()).map(|kind| DesignChoice {
                            name: n.to_string(),
                            kind,
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            Compare {
                designs,
                centralized_dns: CentralDns::default(),
                split_on_quota: SplitPolicy::default(),
            }
        }
    };
    Ok(Parts {
        workload,
        compare,
        failover,
    })
}

fn build_workload(ctx: &Ctx<'_>, region: &str, sw: &Spanned<RawWorkload>) -> Result<Workload> {
    let w = sw.get_ref();
    let line = table_line(ctx, sw.span());
    let missing = |k: &str, example: &str| {
        Error::input(
            ctx.file,
            line,
            format!("workload.{k}"),
            format!("missing key `{k}` in [workload]"),
            format!("add e.g. `{k} = {example}`"),
        )
    };
    let spokes = match &w.spokes {
        Some(v) => ctx.whole_in(v, "workload.spokes", keys::def("workload", "spokes"))?,
        None => 1,
    };
    let azs = match &w.azs {
        Some(v) => ctx.azs(v, "workload.azs", region)?,
        None => return Err(missing("azs", "3")),
    };
    let hub_azs = match &w.hub_azs {
        Some(v) => Some(ctx.azs(v, "workload.hub_azs", region)?),
        None => None,
    };
    let names: Vec<(String, Option<std::ops::Range<usize>>)> = match &w.services {
        Some(v) => match v.get_ref() {
            Value::Array(items) if !items.is_empty() => {
                let mut out: Vec<(String, Option<std::ops::Range<usize>>)> = Vec::new();
                for it in items {
                    let Value::String(s) = it else {
                        return Err(ctx.err(
                            v,
                            "workload.services",
                            format!("service names are strings, got {it}"),
                            "write e.g. services = [\"s3\", \"ecr.api\"]",
                        ));
                    };
                    let s = s.trim().to_ascii_lowercase();
                    if s.is_empty() {
                        return Err(ctx.err(
                            v,
                            "workload.services",
                            "an empty service name",
                            "write e.g. services = [\"s3\", \"ecr.api\"]",
                        ));
                    }
                    if out.iter().any(|(n, _)| *n == s) {
                        return Err(ctx.err(
                            v,
                            "workload.services",
                            format!("service `{s}` is listed twice"),
                            "list each service once",
                        ));
                    }
                    out.push((s, Some(v.span())));
                }
                out
            }
            _ => {
                return Err(ctx.err(
                    v,
                    "workload.services",
                    "expected a non-empty list of service names",
                    "write e.g. services = [\"s3\", \"ecr.api\"]",
                ));
            }
        },
        None => return Err(missing("services", "[\"s3\"]")),
    };
    // Traffic tables must name listed services.
    let mut tables: Vec<Option<&Spanned<RawTraffic>>> = vec![None; names.len()];
    for (svc, t) in &w.traffic {
        let key = svc.trim().to_ascii_lowercase();
        match names.iter().position(|(n, _)| *n == key) {
            Some(i) => tables[i] = Some(t),
            None => {
                return Err(Error::input(
                    ctx.file,
                    ctx.line(t.span()),
                    format!("workload.traffic.{svc}"),
                    format!("a traffic table for `{svc}`, which is not in `services`"),
                    format!(
                        "add \"{key}\" to services, or fix the name (services: {})",
                        names
                            .iter()
                            .map(|(n, _)| n.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
    }
    let n = names.len();
    // Decimal keys.
    let dec_key_with = |k: &str,
                        top: &V,
                        get: &dyn Fn(&RawTraffic) -> &V,
                        figure: &dyn Fn(&Spanned<Value>, &str) -> Result<Decimal>|
     -> Result<Vec<Decimal>> {
        // A service's value is its traffic table's, else an even share of the
        // workload-level value over the services whose tables do not give the key.
        let mut per: Vec<Option<Decimal>> = Vec::with_capacity(n);
        for (i, t) in tables.iter().enumerate() {
            let v = match t {
                Some(t) => match get(t.get_ref()) {
                    Some(v) => Some(figure(v, &format!("workload.traffic.{}.{k}", names[i].0))?),
                    None => None,
                },
                None => None,
            };
            per.push(v);
        }
        let rest = per.iter().filter(|x| x.is_none()).count();
        let total = match top {
            Some(v) => {
                if rest == 0 {
                    return Err(ctx.err(
                        v,
                        &format!("workload.{k}"),
                        format!("every service gives its own `{k}`, so this one would be ignored"),
                        format!(
                            "remove `{k}` from [workload], or from one service's traffic table"
                        ),
                    ));
                }
                figure(v, &format!("workload.{k}"))?
            }
            None => Decimal::ZERO,
        };
        let mut parts = split_even(total, rest).into_iter();
        Ok(per
            .into_iter()
            .map(|x| x.unwrap_or_else(|| parts.next().unwrap_or(Decimal::ZERO)))
            .collect())
    };
    let gb = |v: &Spanned<Value>, key: &str| gb_figure(ctx, v, key);
    let dec_key = |k: &str, top: &V, get: &dyn Fn(&RawTraffic) -> &V| -> Result<Vec<Decimal>> {
        dec_key_with(k, top, get, &gb)
    };
    let f64_key = |k: &str, top: &V, get: &dyn Fn(&RawTraffic) -> &V| -> Result<Vec<f64>> {
        let mut per: Vec<Option<f64>> = Vec::with_capacity(n);
        for (i, t) in tables.iter().enumerate() {
            let v = match t {
                Some(t) => match get(t.get_ref()) {
                    Some(v) => Some(ctx.float(v, &format!("workload.traffic.{}.{k}", names[i].0))?),
                    None => None,
                },
                None => None,
            };
            per.push(v);
        }
        let rest = per.iter().filter(|x| x.is_none()).count();
        let total = match top {
            Some(v) => {
                if rest == 0 {
                    return Err(ctx.err(
                        v,
                        &format!("workload.{k}"),
                        format!("every service gives its own `{k}`, so this one would be ignored"),
                        format!(
                            "remove `{k}` from [workload], or from one service's traffic table"
                        ),
                    ));
                }
                ctx.float(v, &format!("workload.{k}"))?
            }
            None => 0.0,
        };
        let share = if rest == 0 { 0.0 } else { total / rest as f64 };
        Ok(per.into_iter().map(|x| x.unwrap_or(share)).collect())
    };
    let gb = dec_key("gb_per_month_per_spoke", &w.gb_per_month_per_spoke, &|t| {
        &t.gb_per_month_per_spoke
    })?;
    let peak = f64_key("peak_gbps_per_spoke", &w.peak_gbps_per_spoke, &|t| {
        &t.peak_gbps_per_spoke
    })?;
    let onprem = dec_key("onprem_gb_per_month", &w.onprem_gb_per_month, &|t| {
        &t.onprem_gb_per_month
    })?;
    let other_vpc = dec_key("other_vpc_gb_per_month", &w.other_vpc_gb_per_month, &|t| {
        &t.other_vpc_gb_per_month
    })?;
    let other_region = dec_key(
        "other_region_gb_per_month",
        &w.other_region_gb_per_month,
        &|t| &t.other_region_gb_per_month,
    )?;
    let remote_peak = f64_key("remote_peak_gbps", &w.remote_peak_gbps, &|t| {
        &t.remote_peak_gbps
    })?;
    let requests = dec_key_with(
        "requests_per_month_per_spoke",
        &w.requests_per_month_per_spoke,
        &|t| &t.requests_per_month_per_spoke,
        &|v, key| requests_figure(ctx, v, key),
    )?;
    let mut services = Vec::with_capacity(n);
    for (i, (name, _)) in names.iter().enumerate() {
        let public_endpoint = match tables[i].and_then(|t| t.get_ref().public_endpoint.as_ref()) {
            Some(v) => ctx.boolean(v, &format!("workload.traffic.{name}.public_endpoint"))?,
            None => true,
        };
        services.push(ServiceTraffic {
            service: name.clone(),
            gb_per_month_per_spoke: gb[i],
            peak_gbps_per_spoke: peak[i],
            onprem_gb_per_month: onprem[i],
            other_vpc_gb_per_month: other_vpc[i],
            other_region_gb_per_month: other_region[i],
            remote_peak_gbps: remote_peak[i],
            public_endpoint,
            requests_per_month_per_spoke: requests[i],
        });
    }
    let dns_queries_per_month = match &w.dns_queries_per_month {
        Some(v) => {
            let q = ctx.decimal(v, "workload.dns_queries_per_month")?;
            if q > MAX_GB * Decimal::from(1000) {
                return Err(ctx.err(
                    v,
                    "workload.dns_queries_per_month",
                    format!("{q} queries a month is more than vpceplan plans for"),
                    "use at most 1e15 queries a month",
                ));
            }
            q
        }
        None => Decimal::ZERO,
    };
    let dns_peak_qps = match &w.dns_peak_qps {
        Some(v) => ctx.float(v, "workload.dns_peak_qps")?,
        None => 0.0,
    };
    let resolver_inbound = match &w.resolver_inbound {
        Some(v) => Some(ctx.boolean(v, "workload.resolver_inbound")?),
        None => None,
    };
    let resolver_ips = match &w.resolver_ips {
        Some(v) => ctx.whole_in(
            v,
            "workload.resolver_ips",
            keys::def("workload", "resolver_ips"),
        )?,
        None => 2,
    };
    let existing_tgw_attachments = match &w.existing_tgw_attachments {
        Some(v) => ctx.boolean(v, "workload.existing_tgw_attachments")?,
        None => false,
    };
    let pattern = match &w.pattern {
        Some(v) => match ctx.choice(v, "workload.pattern", keys::def("workload", "pattern"))? {
            "private-api" => Pattern::PrivateApi,
            _ => Pattern::Services,
        },
        None => Pattern::Services,
    };
    if pattern == Pattern::PrivateApi {
        // The private-API designs serve the spokes only: clients elsewhere, and the
        // Resolver that on-premises clients need, are not modelled for them.
        let remote: [(&str, &V); 4] = [
            ("onprem_gb_per_month", &w.onprem_gb_per_month),
            ("other_vpc_gb_per_month", &w.other_vpc_gb_per_month),
            ("other_region_gb_per_month", &w.other_region_gb_per_month),
            ("dns_queries_per_month", &w.dns_queries_per_month),
        ];
        let nonzero =
            |v: &Spanned<Value>, k: &str| -> Result<bool> { Ok(!ctx.decimal(v, k)?.is_zero()) };
        for (k, v) in remote {
            if let Some(v) = v
                && nonzero(v, &format!("workload.{k}"))?
            {
                return Err(private_api_remote(ctx, v, &format!("workload.{k}")));
            }
        }
        for (svc, t) in &w.traffic {
            let t = t.get_ref();
            for (k, v) in [
                ("onprem_gb_per_month", &t.onprem_gb_per_month),
                ("other_vpc_gb_per_month", &t.other_vpc_gb_per_month),
                ("other_region_gb_per_month", &t.other_region_gb_per_month),
            ] {
                let key = format!("workload.traffic.{svc}.{k}");
                if let Some(v) = v
                    && nonzero(v, &key)?
                {
                    return Err(private_api_remote(ctx, v, &key));
                }
            }
        }
        if let Some(v) = &w.resolver_inbound
            && ctx.boolean(v, "workload.resolver_inbound")?
        {
            return Err(private_api_remote(ctx, v, "workload.resolver_inbound"));
        }
    }
    let transport = transport(ctx, w, line)?;
    let layout = match &w.accounts {
        Some(v) => match ctx.choice(v, "workload.accounts", keys::def("workload", "accounts"))? {
            "hub-and-spoke" => Layout::HubAndSpoke,
            _ => Layout::Single,
        },
        None => Layout::Single,
    };
    let response_share = match &w.response_share {
        Some(v) => ctx.share(v, "workload.response_share")?,
        None => Decimal::new(5, 1),
    };
    let connections_per_destination = match &w.connections_per_destination {
        Some(v) => ctx.float(v, "workload.connections_per_destination")?,
        None => 0.0,
    };
    let ses_api_gb_per_month_per_spoke = match &w.ses_api_gb_per_month_per_spoke {
        Some(v) => gb_figure(ctx, v, "workload.ses_api_gb_per_month_per_spoke")?,
        None => Decimal::ZERO,
    };
    let ses_api_path = match &w.ses_api_path {
        Some(v) => match ctx.choice(
            v,
            "workload.ses_api_path",
            keys::def("workload", "ses_api_path"),
        )? {
            "none" => SesApiPath::None,
            _ => SesApiPath::Nat,
        },
        None => SesApiPath::Nat,
    };
    Ok(Workload {
        spokes,
        azs,
        hub_azs,
        services,
        dns_queries_per_month,
        dns_peak_qps,
        resolver_inbound,
        resolver_ips,
        existing_tgw_attachments,
        pattern,
        transport,
        layout,
        response_share,
        connections_per_destination,
        ses_api_gb_per_month_per_spoke,
        ses_api_path,
    })
}

fn private_api_remote(ctx: &Ctx<'_>, v: &Spanned<Value>, key: &str) -> Error {
    ctx.err(
        v,
        key,
        "a private-api workload is priced for its spoke VPCs only: on-premises, other-VPC and other-Region clients are not modelled for it",
        "remove the key (or set it to 0), or model those clients in a workload of pattern \"services\"",
    )
}

/// `onprem_transport` and the keys that go with it.
fn transport(
    ctx: &Ctx<'_>,
    w: &RawWorkload,
    line: Option<usize>,
) -> Result<Option<OnpremTransport>> {
    let dx_keys: [(&str, &V); 3] = [
        ("dx_connection_type", &w.dx_connection_type),
        ("dx_port_speed", &w.dx_port_speed),
        ("dx_location", &w.dx_location),
    ];
    let link = match &w.onprem_transport {
        None => {
            let others = dx_keys.iter().copied().chain([
                ("onprem_connections", &w.onprem_connections),
                ("onprem_out_share", &w.onprem_out_share),
                ("onprem_existing", &w.onprem_existing),
            ]);
            for (k, v) in others {
                if let Some(v) = v {
                    return Err(ctx.err(
                        v,
                        &format!("workload.{k}"),
                        format!("`{k}` describes the on-premises transport, and `onprem_transport` is not set"),
                        "set `onprem_transport = \"direct-connect\"` or `\"vpn\"`, or remove the key",
                    ));
                }
            }
            return Ok(None);
        }
        Some(v) => ctx.choice(
            v,
            "workload.onprem_transport",
            keys::def("workload", "onprem_transport"),
        )?,
    };
    let link = if link == "direct-connect" {
        let kind = match &w.dx_connection_type {
            Some(v) => ctx.choice(
                v,
                "workload.dx_connection_type",
                keys::def("workload", "dx_connection_type"),
            )?,
            None => "dedicated",
        };
        let missing = |k: &str, example: &str| {
            Error::input(
                ctx.file,
                line,
                format!("workload.{k}"),
                format!(
                    "missing key `{k}` in [workload]: onprem_transport = \"direct-connect\" needs it"
                ),
                format!("add e.g. `{k} = {example}`"),
            )
        };
        let Some(sv) = &w.dx_port_speed else {
            return Err(missing("dx_port_speed", "\"1G\""));
        };
        let speed = ctx.choice(
            sv,
            "workload.dx_port_speed",
            keys::def("workload", "dx_port_speed"),
        )?;
        let Some(port) = dx_port(kind, speed) else {
            return Err(ctx.err(
                sv,
                "workload.dx_port_speed",
                format!("{kind} connections have no {speed} port"),
                format!("{kind} ports are {}", dx_speeds(kind).join(", ")),
            ));
        };
        let location = match &w.dx_location {
            Some(v) => ctx.string(v, "workload.dx_location")?,
            None => return Err(missing("dx_location", "\"EqDC2\"")),
        };
        Transport::DirectConnect { port, location }
    } else {
        for (k, v) in dx_keys {
            if let Some(v) = v {
                return Err(ctx.err(
                    v,
                    &format!("workload.{k}"),
                    format!("`{k}` applies to onprem_transport = \"direct-connect\" only"),
                    "remove it, or set onprem_transport = \"direct-connect\"",
                ));
            }
        }
        Transport::Vpn
    };
    let connections = match &w.onprem_connections {
        Some(v) => ctx.whole_in(
            v,
            "workload.onprem_connections",
            keys::def("workload", "onprem_connections"),
        )?,
        None => 1,
    };
    let out_share = match &w.onprem_out_share {
        Some(v) => {
            let d = ctx.decimal(v, "workload.onprem_out_share")?;
            if d > Decimal::ONE {
                return Err(ctx.err(
                    v,
                    "workload.onprem_out_share",
                    format!("{d} is more than all of it"),
                    "use a share from 0 to 1, e.g. 0.5 when half the on-premises GB flow out of AWS",
                ));
            }
            d
        }
        None => Decimal::ONE,
    };
    let existing = match &w.onprem_existing {
        Some(v) => ctx.boolean(v, "workload.onprem_existing")?,
        None => false,
    };
    Ok(Some(OnpremTransport {
        link,
        connections,
        out_share,
        existing,
    }))
}

fn build_compare(ctx: &Ctx<'_>, sc: &Spanned<RawCompare>, defaults: &[&str]) -> Result<Compare> {
    let c = sc.get_ref();
    let centralized_dns = match &c.centralized_dns {
        Some(v) => match ctx.choice(
            v,
            "compare.centralized_dns",
            keys::def("compare", "centralized_dns"),
        )? {
            "route53-profile" => CentralDns::Route53Profile,
            "shared-phz" => CentralDns::SharedPhz,
            other => {
                return Err(ctx.err(
                    v,
                    "compare.centralized_dns",
                    format!("unknown DNS sharing `{other}`"),
                    "use \"route53-profile\" or \"shared-phz\"",
                ));
            }
        },
        None => CentralDns::default(),
    };
    let designs = match &c.designs {
        Some(v) => {
            let Value::Array(items) = v.get_ref() else {
                return Err(ctx.err(
                    v,
                    "compare.designs",
                    "expected a list of design names",
                    format!(
                        "write e.g. designs = [\"nat\", \"distributed\"]; designs are {}",
                        DesignKind::NAMES.join(", ")
                    ),
                ));
            };
            if items.is_empty() {
                return Err(ctx.err(
                    v,
                    "compare.designs",
                    "the list of designs is empty",
                    format!("list one or more of {}", DesignKind::NAMES.join(", ")),
                ));
            }
            let mut out: Vec<DesignChoice> = Vec::new();
            for it in items {
                let name = match it {
                    Value::String(s) => s.trim().to_ascii_lowercase(),
                    other => {
                        return Err(ctx.err(
                            v,
                            "compare.designs",
                            format!("design names are strings, got {other}"),
                            format!("designs are {}", DesignKind::NAMES.join(", ")),
                        ));
                    }
                };
                let Some(kind) = DesignKind::parse(&name, centralized_dns) else {
                    return Err(ctx.err(
                        v,
                        "compare.designs",
                        format!("unknown design `{name}`"),
                        format!("designs are {}", DesignKind::NAMES.join(", ")),
                    ));
                };
                if out.iter().any(|d| d.name == name) {
                    return Err(ctx.err(
                        v,
                        "compare.designs",
                        format!("design `{name}` is listed twice"),
                        "list each design once",
                    ));
                }
                out.push(DesignChoice { name, kind });
            }
            out
        }
        None => defaults
            .iter()
            .filter_map(|n| {
                DesignKind::parse(n, centralized_dns).map(|kind| DesignChoice {
                    name: n.to_string(),
                    kind,
                })
            })
            .collect(),
    };
    let split_on_quota = match &c.split_on_quota {
        Some(v) => {
            let name = ctx.choice(
                v,
                "compare.split_on_quota",
                keys::def("compare", "split_on_quota"),
            )?;
            match name {
                "any" => SplitPolicy::Any,
                "hard" => SplitPolicy::Hard,
                "never" => SplitPolicy::Never,
                other => {
                    return Err(ctx.err(
                        v,
                        "compare.split_on_quota",
                        format!("unknown split policy `{other}`"),
                        format!("use one of {}", SplitPolicy::NAMES.join(", ")),
                    ));
                }
            }
        }
        None => SplitPolicy::default(),
    };
    Ok(Compare {
        designs,
        centralized_dns,
        split_on_quota,
    })
}

fn build_failover(
    ctx: &Ctx<'_>,
    sf: &Spanned<RawFailover>,
    workload: Option<&Workload>,
) -> Result<Failover> {
    let f = sf.get_ref();
    let line = table_line(ctx, sf.span());
    let missing = |k: &str, example: &str| {
        Error::input(
            ctx.file,
            line,
            format!("failover.{k}"),
            format!("missing key `{k}` in [failover]"),
            format!("add e.g. `{k} = {example}`"),
        )
    };
    let mode = match &f.mode {
        Some(v) => match ctx.choice(v, "failover.mode", keys::def("failover", "mode"))? {
            "active-passive" => FailoverMode::ActivePassive,
            "active-active" => FailoverMode::ActiveActive,
            other => {
                return Err(ctx.err(
                    v,
                    "failover.mode",
                    format!("unknown failover mode `{other}`"),
                    "use \"active-passive\" or \"active-active\"",
                ));
            }
        },
        None => return Err(missing("mode", "\"active-passive\"")),
    };
    let regions = match &f.regions {
        Some(v) => {
            let items = match v.get_ref() {
                Value::Array(items) if items.len() == 2 => items,
                _ => {
                    return Err(ctx.err(
                        v,
                        "failover.regions",
                        "expected two Regions: [primary, secondary]",
                        "write e.g. regions = [\"us-east-1\", \"us-west-2\"]",
                    ));
                }
            };
            let mut out: Vec<String> = Vec::new();
            for it in items {
                let Value::String(s) = it else {
                    return Err(ctx.err(
                        v,
                        "failover.regions",
                        format!("Regions are strings, got {it}"),
                        "write e.g. regions = [\"us-east-1\", \"us-west-2\"]",
                    ));
                };
                let r = s.trim().to_string();
                if !ctx.book.regions.contains_key(&r) {
                    return Err(ctx.err(
                        v,
                        "failover.regions",
                        format!("unknown Region `{r}`"),
                        format!("use one of: {}", ctx.book.region_list()),
                    ));
                }
                out.push(r);
            }
            if out[0] == out[1] {
                return Err(ctx.err(
                    v,
                    "failover.regions",
                    format!("both Regions are {}", out[0]),
                    "give two different Regions: [primary, secondary]",
                ));
            }
            [out[0].clone(), out[1].clone()]
        }
        None => return Err(missing("regions", "[\"us-east-1\", \"us-west-2\"]")),
    };
    let primary_azs: Vec<String> = workload
        .map(|w| w.azs.clone())
        .unwrap_or_else(|| vec!["az1".into(), "az2".into()]);
    let secondary_azs = match &f.secondary_azs {
        Some(v) => ctx.azs(v, "failover.secondary_azs", &regions[1])?,
        None => (1..=primary_azs.len()).map(|i| format!("az{i}")).collect(),
    };
    let flag = |v: &V, k: &str, default: bool| -> Result<bool> {
        match v {
            Some(v) => ctx.boolean(v, &format!("failover.{k}")),
            None => Ok(default),
        }
    };
    let standby_endpoints = flag(&f.standby_endpoints, "standby_endpoints", true)?;
    if mode == FailoverMode::ActiveActive
        && !standby_endpoints
        && let Some(v) = &f.standby_endpoints
    {
        return Err(ctx.err(
            v,
            "failover.standby_endpoints",
            "active-active has no standby: both Regions carry traffic",
            "remove `standby_endpoints`, or use mode = \"active-passive\"",
        ));
    }
    let role = match &f.role {
        Some(v) => match ctx.choice(v, "failover.role", keys::def("failover", "role"))? {
            "consumer" => Role::Consumer,
            "provider" => Role::Provider,
            other => {
                return Err(ctx.err(
                    v,
                    "failover.role",
                    format!("unknown role `{other}`"),
                    "use \"consumer\" (endpoints) or \"provider\" (NLB-backed endpoint services)",
                ));
            }
        },
        None => Role::Consumer,
    };
    let cross_region_sets = flag(&f.cross_region_sets, "cross_region_sets", false)?;
    let arc = role == Role::Provider && flag(&f.arc, "arc", true)?;
    let provider_only = |v: &V, k: &str| -> Result<()> {
        if role != Role::Provider
            && let Some(v) = v
        {
            return Err(ctx.err(
                v,
                &format!("failover.{k}"),
                format!("`{k}` applies to role = \"provider\" only"),
                "remove it, or set role = \"provider\"",
            ));
        }
        Ok(())
    };
    provider_only(&f.nlbs_per_region, "nlbs_per_region")?;
    provider_only(&f.nlcu_per_hour, "nlcu_per_hour")?;
    // Route 53 ARC steers the failover from the provider's side (seed, Global Payments post:
    // "The service provider creates a Route 53 ARC cluster with routing controls"), so a
    // consumer scenario prices no ARC: its cluster, routing controls and health checks are
    // the provider's bill.
    if role == Role::Consumer
        && let Some(v) = &f.arc
    {
        return Err(ctx.err(
            v,
            "failover.arc",
            "`arc` applies to role = \"provider\" only: the provider's ARC cluster, routing controls and health checks are the provider's bill (seed, Global Payments post)",
            "remove it from the consumer's scenario and price the provider's side with role = \"provider\" (or add an explicit [[arc_cluster]] block if the consumer runs a cluster of its own)",
        ));
    }
    if role == Role::Provider
        && let Some(v) = &f.cross_region_sets
    {
        return Err(ctx.err(
            v,
            "failover.cross_region_sets",
            "`cross_region_sets` describes consumer endpoints",
            "remove it, or set role = \"consumer\"",
        ));
    }
    let nlbs_per_region = match &f.nlbs_per_region {
        Some(v) => ctx.whole(v, "failover.nlbs_per_region", 1)?,
        None => 1,
    };
    let nlcu_per_hour = match &f.nlcu_per_hour {
        Some(v) => {
            let n = ctx.decimal(v, "failover.nlcu_per_hour")?;
            if n > MAX_GB {
                return Err(ctx.err(
                    v,
                    "failover.nlcu_per_hour",
                    format!("{n} NLCU per hour is more than vpceplan plans for"),
                    "check the units",
                ));
            }
            n
        }
        None => Decimal::ZERO,
    };
    Ok(Failover {
        mode,
        regions,
        secondary_azs,
        standby_endpoints,
        arc,
        role,
        cross_region_sets,
        nlbs_per_region,
        nlcu_per_hour,
    })
}

/// `[expect]` of a scenario: the top-level pins, and `[expect.designs.<name>]`.
pub(crate) fn expectations(
    ctx: &Ctx<'_>,
    se: &Spanned<RawExpect>,
    parts: &Parts,
) -> Result<(Expect, BTreeMap<String, Expect>)> {
    let top = expect(ctx, se, "expect")?;
    let compiled = parts.workload.is_some() || parts.failover.is_some();
    if compiled && !top.is_empty() {
        return Err(Error::input(
            ctx.file,
            ctx.line(se.span()),
            "expect",
            "a workload or failover scenario is priced per design: top-level pins are ambiguous",
            "pin each design in its own table, e.g. [expect.designs.nat] monthly_usd = \"...\"",
        ));
    }
    let mut designs = BTreeMap::new();
    if let Some(map) = &se.get_ref().designs {
        let names = parts.design_names();
        for (name, t) in map {
            let key = format!("expect.designs.{name}");
            if !compiled {
                return Err(Error::input(
                    ctx.file,
                    ctx.line(t.span()),
                    key,
                    "[expect.designs.*] pins designs, and this scenario has no [workload]",
                    "pin the scenario with [expect] monthly_usd = \"...\" instead",
                ));
            }
            if !names.contains(name) {
                return Err(Error::input(
                    ctx.file,
                    ctx.line(t.span()),
                    key,
                    format!("design `{name}` is not compiled by this scenario"),
                    format!("designs here are: {}", names.join(", ")),
                ));
            }
            if t.get_ref().designs.is_some() {
                return Err(Error::input(
                    ctx.file,
                    ctx.line(t.span()),
                    key,
                    "designs cannot nest",
                    "pin each design in one [expect.designs.<name>] table",
                ));
            }
            designs.insert(name.clone(), expect(ctx, t, &key)?);
        }
    }
    Ok((top, designs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb_bounds_are_the_key_tables() {
        assert_eq!(crate::money::parse_exact(keys::MAX_GB), Some(MAX_GB));
        assert_eq!(crate::money::parse_exact(keys::MIN_GB), Some(MIN_GB));
    }
}
