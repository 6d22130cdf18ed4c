//! Usage types → price-book components: the one table shared by the Price List importer
//! ([`super::offer`]) and the cost-export importer ([`crate::bill`]).
//!
//! | usage type (after the billing prefix) | component |
//! |---|---|
//! | `VpcEndpoint-Hours` / `VpcEndpoint-Bytes` | `interface_endpoint_hour` / `interface_endpoint_gb` |
//! | `VpcEndpoint-GWLBE-Hours` / `-Bytes` | `gwlb_endpoint_hour` / `gwlb_endpoint_gb` |
//! | `NatGateway-Hours` / `-Bytes` | `nat_gateway_hour` / `nat_gateway_gb` |
//! | `TransitGateway-Hours` / `-Bytes`, operation `TransitGatewayVPC` | `tgw_attachment_hour` / `tgw_gb` |
//! | `DataTransfer-Regional-Bytes` | `cross_az_gb` |
//! | `XXX-YYY-AWS-Out-Bytes` (two prefixes) | `inter_region_gb`, variant = destination Region |
//! | `ResolverNetworkInterface` | `resolver_endpoint_ip_hour` |
//! | `XXX-DNS-Queries` (Region-prefixed: Resolver) | `resolver_queries` (per million queries) |
//! | `HostedZone` | `hosted_zone_month` |
//! | `Health-Check-AWS` / `-Non-AWS` | `health_check_month`, variant `aws` / `non-aws` |
//! | `Health-Check-Option-AWS` / `-Non-AWS` | `health_check_feature_month`, variant `aws` / `non-aws` |
//! | `LoadBalancerUsage` / `LCUUsage`, operation `LoadBalancing:Network` | `nlb_hour` / `nlb_nlcu_hour` |
//!
//! The Region is the row's own Region code when it has one, else the one the billing prefix
//! names (`pricing/regions.csv`); Region-scoped usage types without a prefix are us-east-1.
//! Route 53's hosted zones and health checks carry no Region: they are [`Scope::Global`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------
// Regions and billing prefixes
// ---------------------------------------------------------------------------------------

/// Billing prefix -> Region code, from the book's parse of the built-in
/// `pricing/regions.csv` ([`crate::pricing::builtin_regions`]); an error there is reported
/// by [`check_regions`], which every importer calls first.
fn prefix_table() -> &'static BTreeMap<String, String> {
    static PREFIX_TABLE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    PREFIX_TABLE.get_or_init(|| {
        crate::pricing::builtin_regions()
            .map(|regions| {
                regions
                    .values()
                    .filter(|r| !r.billing_prefix.is_empty())
                    .map(|r| (r.billing_prefix.clone(), r.region.clone()))
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The built-in Regions parse: the billing-prefix table is complete.
pub fn check_regions() -> crate::error::Result<()> {
    crate::pricing::builtin_regions().map(|_| ())
}

/// The Region a billing prefix stands for, per `pricing/regions.csv`.
pub fn region_for_prefix(prefix: &str) -> Option<&'static str> {
    prefix_table().get(prefix).map(String::as_str)
}

// ---------------------------------------------------------------------------------------
// Usage type recognition
// ---------------------------------------------------------------------------------------

/// The body of a usage type this tool prices (what is left after the billing prefix).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Base {
    VpcEndpointHours,
    VpcEndpointBytes,
    GwlbeHours,
    GwlbeBytes,
    NatHours,
    NatBytes,
    TgwHours,
    TgwBytes,
    RegionalBytes,
    ResolverEni,
    DnsQueries,
    HostedZone,
    HealthCheckAws,
    HealthCheckNonAws,
    HealthCheckOptionAws,
    HealthCheckOptionNonAws,
    LbHours,
    LcuHours,
    InterRegionOut,
}

/// Usage type bodies (after `PREFIX-`), longest first where one ends another.
const BASES: &[(&str, Base)] = &[
    ("VpcEndpoint-GWLBE-Hours", Base::GwlbeHours),
    ("VpcEndpoint-GWLBE-Bytes", Base::GwlbeBytes),
    ("VpcEndpoint-Hours", Base::VpcEndpointHours),
    ("VpcEndpoint-Bytes", Base::VpcEndpointBytes),
    ("NatGateway-Hours", Base::NatHours),
    ("NatGateway-Bytes", Base::NatBytes),
    ("TransitGateway-Hours", Base::TgwHours),
    ("TransitGateway-Bytes", Base::TgwBytes),
    ("DataTransfer-Regional-Bytes", Base::RegionalBytes),
    ("ResolverNetworkInterface", Base::ResolverEni),
    ("DNS-Queries", Base::DnsQueries),
    ("HostedZone", Base::HostedZone),
    ("Health-Check-Option-Non-AWS", Base::HealthCheckOptionNonAws),
    ("Health-Check-Option-AWS", Base::HealthCheckOptionAws),
    ("Health-Check-Non-AWS", Base::HealthCheckNonAws),
    ("Health-Check-AWS", Base::HealthCheckAws),
    ("LoadBalancerUsage", Base::LbHours),
    ("LCUUsage", Base::LcuHours),
];

const INTER_REGION_SUFFIX: &str = "-AWS-Out-Bytes";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recognized {
    pub base: Base,
    /// Billing prefix (source Region prefix for inter-Region rows).
    pub prefix: Option<String>,
    /// Destination Region prefix of inter-Region rows.
    pub dest_prefix: Option<String>,
}

fn is_prefix_segment(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 8
        && p.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Recognises a usage type vpceplan can price; `None` for any other.
pub fn recognize(usage_type: &str) -> Option<Recognized> {
    if let Some(rest) = usage_type.strip_suffix(INTER_REGION_SUFFIX) {
        let mut parts = rest.split('-');
        let (Some(from), Some(to), None) = (parts.next(), parts.next(), parts.next()) else {
            return None;
        };
        if is_prefix_segment(from) && is_prefix_segment(to) {
            return Some(Recognized {
                base: Base::InterRegionOut,
                prefix: Some(from.to_string()),
                dest_prefix: Some(to.to_string()),
            });
        }
        return None;
    }
    for &(body, base) in BASES {
        if usage_type == body {
            return Some(Recognized {
                base,
                prefix: None,
                dest_prefix: None,
            });
        }
        if let Some(prefix) = usage_type
            .strip_suffix(body)
            .and_then(|p| p.strip_suffix('-'))
            && is_prefix_segment(prefix)
        {
            return Some(Recognized {
                base,
                prefix: Some(prefix.to_string()),
                dest_prefix: None,
            });
        }
    }
    None
}

/// How a component's price is scaled from the offer's unit: the rule table's
/// [`crate::rules::Billed`].
pub use crate::rules::Billed as UnitKind;

/// A price-book component the AWS usage types name (the rule table's components that have
/// usage types; [`Component::rule`] maps each to its entry there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    InterfaceEndpointHour,
    InterfaceEndpointGb,
    GwlbEndpointHour,
    GwlbEndpointGb,
    NatGatewayHour,
    NatGatewayGb,
    TgwAttachmentHour,
    TgwGb,
    CrossAzGb,
    InterRegionGb,
    ResolverEndpointIpHour,
    ResolverQueries,
    HostedZoneMonth,
    HealthCheckMonth,
    HealthCheckFeatureMonth,
    NlbHour,
    NlbNlcuHour,
}

impl Component {
    /// Every component, in order.
    pub const ALL: [Component; 17] = [
        Component::InterfaceEndpointHour,
        Component::InterfaceEndpointGb,
        Component::GwlbEndpointHour,
        Component::GwlbEndpointGb,
        Component::NatGatewayHour,
        Component::NatGatewayGb,
        Component::TgwAttachmentHour,
        Component::TgwGb,
        Component::CrossAzGb,
        Component::InterRegionGb,
        Component::ResolverEndpointIpHour,
        Component::ResolverQueries,
        Component::HostedZoneMonth,
        Component::HealthCheckMonth,
        Component::HealthCheckFeatureMonth,
        Component::NlbHour,
        Component::NlbNlcuHour,
    ];

    /// The component of a price-book component id.
    pub fn from_id(id: &str) -> Option<Component> {
        Component::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The component in the rule table, which says everything else about it.
    pub fn rule(self) -> crate::rules::Component {
        use crate::rules::Component as R;
        match self {
            Component::InterfaceEndpointHour => R::InterfaceEndpointHour,
            Component::InterfaceEndpointGb => R::InterfaceEndpointGb,
            Component::GwlbEndpointHour => R::GwlbEndpointHour,
            Component::GwlbEndpointGb => R::GwlbEndpointGb,
            Component::NatGatewayHour => R::NatGatewayHour,
            Component::NatGatewayGb => R::NatGatewayGb,
            Component::TgwAttachmentHour => R::TgwAttachmentHour,
            Component::TgwGb => R::TgwGb,
            Component::CrossAzGb => R::CrossAzGb,
            Component::InterRegionGb => R::InterRegionGb,
            Component::ResolverEndpointIpHour => R::ResolverEndpointIpHour,
            Component::ResolverQueries => R::ResolverQueries,
            Component::HostedZoneMonth => R::HostedZoneMonth,
            Component::HealthCheckMonth => R::HealthCheckMonth,
            Component::HealthCheckFeatureMonth => R::HealthCheckFeatureMonth,
            Component::NlbHour => R::NlbHour,
            Component::NlbNlcuHour => R::NlbNlcuHour,
        }
    }

    /// The price-book component id (`nat_gateway_hour`...).
    pub fn id(self) -> &'static str {
        self.rule().id()
    }

    /// The unit string the price book uses for the component.
    pub fn book_unit(self) -> &'static str {
        self.rule().info().unit
    }

    /// How the component is counted.
    pub fn unit_kind(self) -> UnitKind {
        self.rule().info().billed
    }

    /// The scenario table of the kind that charges it.
    pub fn table(self) -> &'static str {
        self.rule().info().table
    }
}

/// Where a classified usage type is billed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Region(String),
    /// A global service (Route 53 hosted zones, health checks) without a Region.
    Global,
}

/// Why a recognised usage type was not classified into a component.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotPriced {
    /// The usage type is known but its operation is not the one vpceplan prices
    /// (`TransitGatewayPeering`, `LoadBalancing:Application`...).
    UnsupportedOperation,
    /// Global (authoritative) Route 53 DNS queries, not Resolver queries.
    PublicDnsQueries,
    /// The Region could not be told (unknown billing prefix, no Region code).
    UnknownRegion,
}

/// The attributes besides the usage type that classification looks at. Empty strings
/// mean "not given".
#[derive(Clone, Copy, Debug, Default)]
pub struct UsageAttrs<'a> {
    pub operation: &'a str,
    pub region_code: &'a str,
    pub from_region_code: &'a str,
    pub to_region_code: &'a str,
}

/// A classified usage type: where it is billed, its component and variant.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Classified {
    pub scope: Scope,
    pub component: Component,
    /// Destination Region (inter-Region transfer), check type (health checks), else empty.
    pub variant: String,
}

/// Classifies a recognised usage type. `resolve` turns a billing prefix into a Region code
/// (callers add prefixes learnt from their own input to [`region_for_prefix`]).
pub fn classify(
    rec: &Recognized,
    attrs: &UsageAttrs<'_>,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Result<Classified, NotPriced> {
    let region_code = attrs.region_code.trim();
    let regional = || -> Result<Scope, NotPriced> {
        if !region_code.is_empty() {
            return Ok(Scope::Region(region_code.to_string()));
        }
        match &rec.prefix {
            Some(prefix) => resolve(prefix)
                .map(Scope::Region)
                .ok_or(NotPriced::UnknownRegion),
            None => Ok(Scope::Region("us-east-1".to_string())),
        }
    };
    let global = || -> Result<Scope, NotPriced> {
        if !region_code.is_empty() || rec.prefix.is_some() {
            regional()
        } else {
            Ok(Scope::Global)
        }
    };
    let op = attrs.operation.trim();
    let make = |scope: Scope, component: Component, variant: &str| Classified {
        scope,
        component,
        variant: variant.to_string(),
    };
    Ok(match rec.base {
        Base::VpcEndpointHours => make(regional()?, Component::InterfaceEndpointHour, ""),
        Base::VpcEndpointBytes => make(regional()?, Component::InterfaceEndpointGb, ""),
        Base::GwlbeHours => make(regional()?, Component::GwlbEndpointHour, ""),
        Base::GwlbeBytes => make(regional()?, Component::GwlbEndpointGb, ""),
        Base::NatHours => make(regional()?, Component::NatGatewayHour, ""),
        Base::NatBytes => make(regional()?, Component::NatGatewayGb, ""),
        Base::TgwHours | Base::TgwBytes => {
            if op != "TransitGatewayVPC" {
                return Err(NotPriced::UnsupportedOperation);
            }
            let c = if rec.base == Base::TgwHours {
                Component::TgwAttachmentHour
            } else {
                Component::TgwGb
            };
            make(regional()?, c, "")
        }
        Base::RegionalBytes => make(regional()?, Component::CrossAzGb, ""),
        Base::ResolverEni => make(regional()?, Component::ResolverEndpointIpHour, ""),
        Base::DnsQueries => {
            if rec.prefix.is_none() && region_code.is_empty() {
                return Err(NotPriced::PublicDnsQueries);
            }
            make(regional()?, Component::ResolverQueries, "")
        }
        Base::HostedZone => make(global()?, Component::HostedZoneMonth, ""),
        Base::HealthCheckAws => make(global()?, Component::HealthCheckMonth, "aws"),
        Base::HealthCheckNonAws => make(global()?, Component::HealthCheckMonth, "non-aws"),
        Base::HealthCheckOptionAws => make(global()?, Component::HealthCheckFeatureMonth, "aws"),
        Base::HealthCheckOptionNonAws => {
            make(global()?, Component::HealthCheckFeatureMonth, "non-aws")
        }
        Base::LbHours | Base::LcuHours => {
            if op != "LoadBalancing:Network" {
                return Err(NotPriced::UnsupportedOperation);
            }
            let c = if rec.base == Base::LbHours {
                Component::NlbHour
            } else {
                Component::NlbNlcuHour
            };
            make(regional()?, c, "")
        }
        Base::InterRegionOut => {
            let from = if !attrs.from_region_code.trim().is_empty() {
                attrs.from_region_code.trim().to_string()
            } else {
                rec.prefix
                    .as_deref()
                    .and_then(resolve)
                    .ok_or(NotPriced::UnknownRegion)?
            };
            let to = if !attrs.to_region_code.trim().is_empty() {
                attrs.to_region_code.trim().to_string()
            } else {
                rec.dest_prefix
                    .as_deref()
                    .and_then(resolve)
                    .ok_or(NotPriced::UnknownRegion)?
            };
            make(Scope::Region(from), Component::InterRegionGb, &to)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_prefixes() {
        let r = recognize("USE1-VpcEndpoint-Bytes").unwrap();
        assert_eq!(r.base, Base::VpcEndpointBytes);
        assert_eq!(r.prefix.as_deref(), Some("USE1"));
        let r = recognize("EU-VpcEndpoint-GWLBE-Hours").unwrap();
        assert_eq!(r.base, Base::GwlbeHours);
        assert_eq!(r.prefix.as_deref(), Some("EU"));
        let r = recognize("NatGateway-Hours").unwrap();
        assert_eq!(r.prefix, None);
        let r = recognize("DNS-Queries").unwrap();
        assert_eq!((r.base, r.prefix), (Base::DnsQueries, None));
        let r = recognize("USE1-USW2-AWS-Out-Bytes").unwrap();
        assert_eq!(r.base, Base::InterRegionOut);
        assert_eq!(r.dest_prefix.as_deref(), Some("USW2"));
        // Local Zone style double prefixes are not Region prices.
        assert!(recognize("USE1-LAX1-NatGateway-Hours").is_none());
        assert!(recognize("USE1-VpcEndpoint-Resource-Hours").is_none());
        assert!(recognize("USE1-USW2-AWS-In-Bytes").is_none());
        assert!(recognize("").is_none());
    }

    #[test]
    fn prefix_table_comes_from_regions_csv() {
        assert_eq!(region_for_prefix("EU"), Some("eu-west-1"));
        assert_eq!(region_for_prefix("APS3"), Some("ap-south-1"));
        assert_eq!(region_for_prefix("EUW1"), None);
    }

    #[test]
    fn classifies_by_prefix_region_code_and_operation() {
        let resolve = |p: &str| region_for_prefix(p).map(str::to_string);
        let c = |ut: &str, op: &str, region: &str| {
            let rec = recognize(ut).unwrap();
            let attrs = UsageAttrs {
                operation: op,
                region_code: region,
                ..Default::default()
            };
            classify(&rec, &attrs, &resolve)
        };
        let nat = c("EU-NatGateway-Bytes", "", "").unwrap();
        assert_eq!(nat.scope, Scope::Region("eu-west-1".into()));
        assert_eq!(nat.component, Component::NatGatewayGb);
        assert_eq!(
            c("NatGateway-Hours", "", "").unwrap().scope,
            Scope::Region("us-east-1".into())
        );
        assert_eq!(
            c("USE1-TransitGateway-Bytes", "TransitGatewayPeering", ""),
            Err(NotPriced::UnsupportedOperation)
        );
        assert_eq!(
            c("USE1-TransitGateway-Bytes", "TransitGatewayVPC", "")
                .unwrap()
                .component,
            Component::TgwGb
        );
        assert_eq!(c("DNS-Queries", "", ""), Err(NotPriced::PublicDnsQueries));
        assert_eq!(c("HostedZone", "", "").unwrap().scope, Scope::Global);
        assert_eq!(
            c("XX9-NatGateway-Hours", "", ""),
            Err(NotPriced::UnknownRegion)
        );
        let ir = c("USE1-USW2-AWS-Out-Bytes", "", "").unwrap();
        assert_eq!(
            (ir.scope, ir.component, ir.variant.as_str()),
            (
                Scope::Region("us-east-1".into()),
                Component::InterRegionGb,
                "us-west-2"
            )
        );
    }
}
