//! Flow records joined to the mapped ENIs and split into bytes per AWS service and per
//! source, then into GB per month.
//!
//! Which bytes count, per kind of ENI:
//!
//! * NAT gateway: the outside leg only (one address public): each byte the NAT gateway
//!   processes crosses its ENI twice, once from the client (both addresses private) and
//!   once to or from the destination; the outside leg names the destination. The source is
//!   the spoke VPC the NAT gateway serves.
//! * Interface endpoint, Resolver endpoint: every record (both directions are processed);
//!   the service is the endpoint's (from the ENI map) or `route53-resolver`; the client
//!   is the record's source for inbound records (`flow-direction` when logged, else the
//!   side with the higher port), and the source is on-premises when the client is in an
//!   `--onprem` CIDR, the spoke when it is in the ENI's VPC CIDR (or no CIDR is given),
//!   another VPC otherwise.
//! * GWLB endpoint, TGW attachment: every record; the service is the public end's (if any,
//!   else `private`), the source as for endpoints.
//!
//! The service of a public address is `pkt-dst-aws-service` / `pkt-src-aws-service`
//! (version 5 fields) where logged, else the longest matching prefix of `ip-ranges.json`,
//! else `internet`. Records with `action = REJECT` or `log-status` `NODATA`/`SKIPDATA` are
//! left out and counted.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::IpAddr;

use rust_decimal::Decimal;

use super::enis::{EniKind, EniMap};
use super::error::{FlowError, Result};
use super::ipranges::IpRanges;
use super::net::{Cidr, is_private};
use crate::bill::summary::RowPos;

/// One flow record's fields, as text (`""` when not logged).
#[derive(Clone, Copy, Debug, Default)]
pub struct Record<'a> {
    pub interface_id: &'a str,
    pub srcaddr: &'a str,
    pub dstaddr: &'a str,
    pub bytes: &'a str,
    pub srcport: &'a str,
    pub dstport: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub action: &'a str,
    pub log_status: &'a str,
    pub pkt_srcaddr: &'a str,
    pub pkt_dstaddr: &'a str,
    pub pkt_src_service: &'a str,
    pub pkt_dst_service: &'a str,
    pub flow_direction: &'a str,
}

/// Where traffic comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The spoke VPC the ENI is in.
    Spoke,
    /// On-premises (an `--onprem` CIDR).
    OnPrem,
    /// Another VPC (outside the ENI's VPC CIDR).
    OtherVpc,
}

impl Source {
    pub fn id(self) -> &'static str {
        match self {
            Source::Spoke => "spoke",
            Source::OnPrem => "onprem",
            Source::OtherVpc => "other-vpc",
        }
    }
}

/// Counts of records left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Records of ENIs the map does not list.
    pub unmapped: u64,
    pub rejected: u64,
    /// `NODATA` / `SKIPDATA` records, or no byte count.
    pub no_data: u64,
    /// NAT gateway records between two private addresses (counted on the outside leg).
    pub inside_leg: u64,
}

/// Bytes of one ENI × service × source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    pub bytes: u64,
    pub records: u64,
}

/// The service name a workload uses for an `ip-ranges.json` / flow-log service name.
pub fn workload_service(aws: &str) -> String {
    match aws {
        "S3" => "s3".to_string(),
        "DYNAMODB" => "dynamodb".to_string(),
        "API_GATEWAY" => "execute-api".to_string(),
        "ROUTE53_RESOLVER" => "route53-resolver".to_string(),
        "KINESIS_VIDEO_STREAMS" => "kinesisvideo".to_string(),
        other => other.to_ascii_lowercase().replace('_', "-"),
    }
}

/// Flow records aggregated per ENI, service and source.
pub struct Traffic<'a> {
    enis: &'a EniMap,
    ranges: Option<&'a IpRanges>,
    onprem: &'a [Cidr],
    services: Vec<String>,
    service_ids: HashMap<String, u32>,
    flows: HashMap<(u32, u32, Source), Flow>,
    pub skipped: Skipped,
    pub records: u64,
    /// Earliest `start` and latest `end` seen (Unix seconds).
    pub window: Option<(u64, u64)>,
}

impl<'a> Traffic<'a> {
    pub fn new(enis: &'a EniMap, ranges: Option<&'a IpRanges>, onprem: &'a [Cidr]) -> Self {
        Traffic {
            enis,
            ranges,
            onprem,
            services: Vec::new(),
            service_ids: HashMap::new(),
            flows: HashMap::new(),
            skipped: Skipped::default(),
            records: 0,
            window: None,
        }
    }

    fn service_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.service_ids.get(name) {
            return i;
        }
        let i = self.services.len() as u32;
        self.services.push(name.to_string());
        self.service_ids.insert(name.to_string(), i);
        i
    }

    fn classify_client(&self, eni: usize, client: IpAddr) -> Source {
        if self.onprem.iter().any(|c| c.contains(client)) {
            return Source::OnPrem;
        }
        let cidrs = &self.enis.enis[eni].vpc_cidrs;
        if cidrs.is_empty() || cidrs.iter().any(|c| c.contains(client)) {
            Source::Spoke
        } else {
            Source::OtherVpc
        }
    }

    /// The service of a public address: the logged service, else ip-ranges, else internet.
    fn public_service(&self, ip: IpAddr, logged: &str) -> String {
        if !logged.is_empty() {
            return workload_service(logged);
        }
        match self.ranges.and_then(|r| r.lookup(ip)) {
            Some(o) => workload_service(&o.service),
            None => "internet".to_string(),
        }
    }

    /// Adds one record.
    pub fn add(&mut self, r: &Record<'_>, file: &str, pos: RowPos) -> Result<()> {
        self.records += 1;
        let Some(eni) = self.enis.get(r.interface_id) else {
            self.skipped.unmapped += 1;
            return Ok(());
        };
        if r.action.eq_ignore_ascii_case("REJECT") {
            self.skipped.rejected += 1;
            return Ok(());
        }
        if r.bytes.is_empty()
            || r.log_status.eq_ignore_ascii_case("NODATA")
            || r.log_status.eq_ignore_ascii_case("SKIPDATA")
        {
            self.skipped.no_data += 1;
            return Ok(());
        }
        let bad = |field: &str, value: &str, what: &str| {
            FlowError::new(
                file,
                format!("{pos}, field {field}"),
                format!("\"{value}\" is not {what}"),
            )
        };
        let bytes: u64 = r
            .bytes
            .parse()
            .map_err(|_| bad("bytes", r.bytes, "a byte count"))?;
        let ip = |field: &str, v: &str| -> Result<IpAddr> {
            v.parse().map_err(|_| bad(field, v, "an IP address"))
        };
        let src = ip("srcaddr", r.srcaddr)?;
        let dst = ip("dstaddr", r.dstaddr)?;
        let psrc = if r.pkt_srcaddr.is_empty() {
            src
        } else {
            ip("pkt-srcaddr", r.pkt_srcaddr)?
        };
        let pdst = if r.pkt_dstaddr.is_empty() {
            dst
        } else {
            ip("pkt-dstaddr", r.pkt_dstaddr)?
        };
        for (field, v) in [("start", r.start), ("end", r.end)] {
            if v.is_empty() {
                continue;
            }
            let t: u64 = v.parse().map_err(|_| bad(field, v, "a Unix time"))?;
            let w = self.window.get_or_insert((t, t));
            w.0 = w.0.min(t);
            w.1 = w.1.max(t);
        }
        let kind = self.enis.enis[eni].kind;
        let (service, source) = match kind {
            EniKind::NatGateway => {
                if is_private(src) && is_private(dst) {
                    self.skipped.inside_leg += 1;
                    return Ok(());
                }
                let s = if !is_private(pdst) {
                    self.public_service(pdst, r.pkt_dst_service)
                } else {
                    self.public_service(psrc, r.pkt_src_service)
                };
                (s, Source::Spoke)
            }
            EniKind::InterfaceEndpoint | EniKind::ResolverEndpoint => {
                let client = match r.flow_direction {
                    "ingress" => psrc,
                    "egress" => pdst,
                    _ => {
                        let sp: u32 = r.srcport.parse().unwrap_or(0);
                        let dp: u32 = r.dstport.parse().unwrap_or(0);
                        if dp > sp { pdst } else { psrc }
                    }
                };
                let service = if kind == EniKind::ResolverEndpoint {
                    "route53-resolver".to_string()
                } else {
                    self.enis.enis[eni].service.clone()
                };
                (service, self.classify_client(eni, client))
            }
            EniKind::GwlbEndpoint | EniKind::TgwAttachment => {
                let s = if !is_private(pdst) {
                    self.public_service(pdst, r.pkt_dst_service)
                } else if !is_private(psrc) {
                    self.public_service(psrc, r.pkt_src_service)
                } else {
                    "private".to_string()
                };
                (s, self.classify_client(eni, psrc))
            }
        };
        let sid = self.service_id(&service);
        let f = self.flows.entry((eni as u32, sid, source)).or_default();
        f.bytes += bytes;
        f.records += 1;
        Ok(())
    }

    /// The result, sorted.
    pub fn finish(self, hours_per_month: u32) -> TrafficSummary {
        let mut rows: Vec<TrafficRow> = self
            .flows
            .into_iter()
            .map(|((eni, sid, source), f)| {
                let e = &self.enis.enis[eni as usize];
                TrafficRow {
                    interface_id: e.interface_id.clone(),
                    service: self.services[sid as usize].clone(),
                    source,
                    account: e.account.clone(),
                    region: e.region.clone(),
                    kind: e.kind,
                    resource: e.resource.clone(),
                    az: e.az.clone(),
                    vpc: if e.vpc.is_empty() {
                        e.account.clone()
                    } else {
                        e.vpc.clone()
                    },
                    bytes: f.bytes,
                    records: f.records,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            (&a.service, a.source, &a.account, &a.region, &a.resource).cmp(&(
                &b.service,
                b.source,
                &b.account,
                &b.region,
                &b.resource,
            ))
        });
        TrafficSummary {
            rows,
            skipped: self.skipped,
            records: self.records,
            window: self.window,
            hours_per_month,
        }
    }
}

/// Bytes of one resource × service × source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrafficRow {
    pub interface_id: String,
    pub service: String,
    pub source: Source,
    pub account: String,
    pub region: String,
    pub kind: EniKind,
    pub resource: String,
    pub az: String,
    /// The VPC (or, without one in the map, the account) the ENI serves.
    pub vpc: String,
    pub bytes: u64,
    pub records: u64,
}

/// Flow logs summarised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrafficSummary {
    pub rows: Vec<TrafficRow>,
    pub skipped: Skipped,
    pub records: u64,
    pub window: Option<(u64, u64)>,
    pub hours_per_month: u32,
}

const BYTES_PER_GB: u64 = 1 << 30;

impl TrafficSummary {
    /// The factor from the logs' window to a month of `hours_per_month` hours (1 when the
    /// window is not known).
    pub fn month_factor(&self) -> Decimal {
        match self.window {
            Some((s, e)) if e > s => {
                Decimal::from(u64::from(self.hours_per_month) * 3600) / Decimal::from(e - s)
            }
            _ => Decimal::ONE,
        }
    }

    /// GB (2^30 bytes) of a byte count, exact to 28 digits.
    pub fn gb(bytes: u64) -> Decimal {
        Decimal::from(bytes) / Decimal::from(BYTES_PER_GB)
    }

    /// GB per month per service and source, and the spokes (distinct VPCs) that sent it.
    pub fn per_service(&self) -> BTreeMap<String, BTreeMap<Source, (Decimal, BTreeSet<String>)>> {
        let factor = self.month_factor();
        let mut out: BTreeMap<String, BTreeMap<Source, (u64, BTreeSet<String>)>> = BTreeMap::new();
        for r in &self.rows {
            let e = out
                .entry(r.service.clone())
                .or_default()
                .entry(r.source)
                .or_default();
            e.0 += r.bytes;
            e.1.insert(r.vpc.clone());
        }
        out.into_iter()
            .map(|(s, m)| {
                (
                    s,
                    m.into_iter()
                        .map(|(src, (b, v))| (src, (Self::gb(b) * factor, v)))
                        .collect(),
                )
            })
            .collect()
    }

    /// Distinct spoke VPCs (or accounts) with spoke traffic.
    pub fn spokes(&self) -> BTreeSet<String> {
        self.rows
            .iter()
            .filter(|r| r.source == Source::Spoke)
            .map(|r| r.vpc.clone())
            .collect()
    }
}
