//! The validated scenario model: explicit resources with exact quantities.
//!
//! Everything downstream (engine, capacity, designs, reports) reads these types; nothing
//! here knows about TOML.

use rust_decimal::Decimal;

/// Direction of a Route 53 Resolver endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Inbound,
    Outbound,
}

/// Endpoint type a Route 53 health check watches (priced differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckType {
    Aws,
    NonAws,
}

impl CheckType {
    /// The price-book variant.
    pub fn variant(self) -> &'static str {
        match self {
            CheckType::Aws => "aws",
            CheckType::NonAws => "non-aws",
        }
    }
}

/// Kind of data transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transfer {
    /// Between AZs of one Region; billed on `sides` sides (2 when both ends are yours).
    CrossAz { sides: u32 },
    /// To another Region.
    InterRegion { to_region: String },
}

/// What a resource block is, with the fields only that kind has.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    InterfaceEndpoint {
        service: String,
    },
    GatewayEndpoint {
        service: String,
    },
    GwlbEndpoint,
    NatGateway,
    TgwAttachment,
    ResolverEndpoint {
        direction: Direction,
        ips: u64,
        queries_per_month: Decimal,
        peak_qps: f64,
    },
    HostedZone,
    HealthCheck {
        check: CheckType,
        optional_features: u64,
    },
    DataTransfer(Transfer),
    ArcCluster,
    Route53Profile {
        vpc_associations: u64,
    },
    Nlb {
        nlcu_per_hour: Decimal,
    },
}

impl Kind {
    /// The scenario-file table name of this kind.
    pub fn table(&self) -> &'static str {
        match self {
            Kind::InterfaceEndpoint { .. } => "interface_endpoint",
            Kind::GatewayEndpoint { .. } => "gateway_endpoint",
            Kind::GwlbEndpoint => "gwlb_endpoint",
            Kind::NatGateway => "nat_gateway",
            Kind::TgwAttachment => "tgw_attachment",
            Kind::ResolverEndpoint { .. } => "resolver_endpoint",
            Kind::HostedZone => "hosted_zone",
            Kind::HealthCheck { .. } => "health_check",
            Kind::DataTransfer(_) => "data_transfer",
            Kind::ArcCluster => "arc_cluster",
            Kind::Route53Profile { .. } => "route53_profile",
            Kind::Nlb { .. } => "nlb",
        }
    }
}

/// One block of identical resources.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub kind: Kind,
    /// Stable id of the block, e.g. `interface_endpoint[0]`.
    pub block: String,
    /// Human label, e.g. `console` or the block's `name`.
    pub label: String,
    /// Region the block lives in (the scenario's unless the block says otherwise).
    pub region: String,
    /// Identical copies (endpoints, NAT gateways, attachments, zones, checks...).
    pub count: u64,
    /// AZ labels the block's units live in: AZ IDs when the user gave them, else
    /// `az1`, `az2`, ... Empty for Regional resources.
    pub azs: Vec<String>,
    /// Total GB per month through the whole block.
    pub gb_per_month: Decimal,
    /// Total peak Gbps through the whole block, spread evenly over its units.
    pub peak_gbps: f64,
}

/// Regression pins from `[expect]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expect {
    pub monthly_usd: Option<Decimal>,
    pub hourly_usd: Option<Decimal>,
    pub min_headroom_pct: Option<f64>,
    pub status: Option<String>,
    pub az_loss_status: Option<String>,
    /// Line of the `[expect]` table, for drift messages.
    pub line: Option<usize>,
}

impl Expect {
    /// Whether any pin is set.
    pub fn is_empty(&self) -> bool {
        self.monthly_usd.is_none()
            && self.hourly_usd.is_none()
            && self.min_headroom_pct.is_none()
            && self.status.is_none()
            && self.az_loss_status.is_none()
    }
}

/// A validated scenario: one design, explicit resources.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    /// The file it came from, as shown in messages.
    pub file: String,
    pub description: String,
    pub region: String,
    pub hours_per_month: u32,
    /// Limits profile name.
    pub limits: String,
    pub resources: Vec<Resource>,
    pub expect: Expect,
}
