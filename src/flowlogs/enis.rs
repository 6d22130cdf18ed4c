//! The ENI map: which network interfaces belong to the NAT gateways, endpoints, Resolver
//! endpoints and attachments whose traffic is wanted.
//!
//! A CSV file with a header row; columns by name, in any order:
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `interface_id` | yes | the ENI (`eni-0123...`), as flow logs name it |
//! | `kind` | yes | `nat_gateway`, `interface_endpoint`, `gwlb_endpoint`, `resolver_endpoint` or `tgw_attachment` |
//! | `resource` | yes | the resource's id (`nat-0abc`, `vpce-0abc`, `rslvr-in-0abc`, `tgw-attach-0abc`) |
//! | `account` | yes | the account that owns it |
//! | `region` | yes | its Region |
//! | `az` | no | its AZ (ID or name) |
//! | `service` | interface endpoints | the endpoint's service (`s3`, `ecr.dkr`, `logs`...): flow logs on an endpoint's ENI do not name it |
//! | `vpc` | no | the VPC it is in: spokes are counted as distinct VPCs (else distinct accounts) |
//! | `vpc_cidr` | no | the VPC's CIDR(s), `;`-separated: clients inside are the spoke's, others another VPC's |
//!
//! Lines starting with `#` are comments. `aws ec2 describe-network-interfaces` gives the
//! ids: a NAT gateway's ENI has `InterfaceType = nat_gateway`, an endpoint's
//! `vpc_endpoint`, and the description names the resource.

use std::collections::HashMap;

use super::error::{FlowError, Result};
use super::net::Cidr;

/// What an ENI belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EniKind {
    NatGateway,
    InterfaceEndpoint,
    GwlbEndpoint,
    ResolverEndpoint,
    TgwAttachment,
}

impl EniKind {
    pub fn parse(s: &str) -> Option<EniKind> {
        Some(
            match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
                "nat_gateway" | "nat" => EniKind::NatGateway,
                "interface_endpoint" | "vpc_endpoint" => EniKind::InterfaceEndpoint,
                "gwlb_endpoint" => EniKind::GwlbEndpoint,
                "resolver_endpoint" => EniKind::ResolverEndpoint,
                "tgw_attachment" | "transit_gateway_attachment" => EniKind::TgwAttachment,
                _ => return None,
            },
        )
    }

    pub fn id(self) -> &'static str {
        match self {
            EniKind::NatGateway => "nat_gateway",
            EniKind::InterfaceEndpoint => "interface_endpoint",
            EniKind::GwlbEndpoint => "gwlb_endpoint",
            EniKind::ResolverEndpoint => "resolver_endpoint",
            EniKind::TgwAttachment => "tgw_attachment",
        }
    }
}

/// One mapped ENI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eni {
    pub interface_id: String,
    pub kind: EniKind,
    pub resource: String,
    pub account: String,
    pub region: String,
    pub az: String,
    pub service: String,
    pub vpc: String,
    pub vpc_cidrs: Vec<Cidr>,
}

/// The ENI map, indexed by interface id.
#[derive(Clone, Debug, Default)]
pub struct EniMap {
    pub enis: Vec<Eni>,
    index: HashMap<String, usize>,
}

impl EniMap {
    /// Reads the CSV text; `file` is for messages.
    pub fn from_csv(text: &str, file: &str) -> Result<EniMap> {
        let mut rdr = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| FlowError::new(file, "line 1", format!("malformed CSV: {e}")))?
            .clone();
        let names: Vec<String> = headers
            .iter()
            .map(|h| {
                h.trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
                    .replace('-', "_")
            })
            .collect();
        let col = |n: &str| names.iter().position(|h| h == n);
        let need = |n: &str| {
            col(n).ok_or_else(|| {
                FlowError::new(file, "line 1", format!("no `{n}` column"))
                    .hint("the header is interface_id,kind,resource,account,region[,az,service,vpc,vpc_cidr] (see docs/import.md, \"import flow-logs\")")
            })
        };
        let (ci, ck, cr, ca, cg) = (
            need("interface_id")?,
            need("kind")?,
            need("resource")?,
            need("account")?,
            need("region")?,
        );
        let (caz, cs, cv, cc) = (col("az"), col("service"), col("vpc"), col("vpc_cidr"));
        let mut map = EniMap::default();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                FlowError::new(file, format!("line {line}"), format!("malformed CSV: {e}"))
            })?;
            let line = rec.position().map_or(0, |p| p.line());
            let at = format!("line {line}");
            let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").to_string();
            let interface_id = get(Some(ci));
            if interface_id.is_empty() {
                return Err(FlowError::new(file, at, "empty `interface_id`"));
            }
            let kind_text = get(Some(ck));
            let kind = EniKind::parse(&kind_text).ok_or_else(|| {
                FlowError::new(file, at.clone(), format!("`kind`: unknown kind \"{kind_text}\""))
                    .hint("use nat_gateway, interface_endpoint, gwlb_endpoint, resolver_endpoint or tgw_attachment")
            })?;
            let mut vpc_cidrs = Vec::new();
            for c in get(cc).split(';').map(str::trim).filter(|c| !c.is_empty()) {
                vpc_cidrs.push(Cidr::parse(c).ok_or_else(|| {
                    FlowError::new(
                        file,
                        at.clone(),
                        format!("`vpc_cidr`: \"{c}\" is not a CIDR"),
                    )
                })?);
            }
            let eni = Eni {
                interface_id: interface_id.clone(),
                kind,
                resource: get(Some(cr)),
                account: get(Some(ca)),
                region: get(Some(cg)),
                az: get(caz),
                service: get(cs).to_ascii_lowercase(),
                vpc: get(cv),
                vpc_cidrs,
            };
            for (field, v) in [
                ("resource", &eni.resource),
                ("account", &eni.account),
                ("region", &eni.region),
            ] {
                if v.is_empty() {
                    return Err(FlowError::new(file, at.clone(), format!("empty `{field}`")));
                }
            }
            if kind == EniKind::InterfaceEndpoint && eni.service.is_empty() {
                return Err(FlowError::new(
                    file,
                    at.clone(),
                    format!("`service`: interface endpoint {} has no service", eni.resource),
                )
                .hint("flow logs on an endpoint's ENI do not name the service: give it (s3, ecr.dkr, logs...)"));
            }
            if map.index.contains_key(&interface_id) {
                return Err(FlowError::new(
                    file,
                    at,
                    format!("`interface_id` {interface_id} is listed twice"),
                ));
            }
            map.index.insert(interface_id, map.enis.len());
            map.enis.push(eni);
        }
        if map.enis.is_empty() {
            return Err(FlowError::new(file, "", "no ENI listed"));
        }
        Ok(map)
    }

    /// Index of an ENI.
    pub fn get(&self, interface_id: &str) -> Option<usize> {
        self.index.get(interface_id).copied()
    }
}
