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
        /// The Region of the endpoint service when it is not the endpoint's own
        /// (cross-Region PrivateLink): the bytes the endpoint carries also cross Regions.
        service_region: Option<String>,
        /// Of a cross-Region endpoint's GB, the share flowing back from the service
        /// (responses); the rest flows to it (requests).
        response_share: Decimal,
    },
    GatewayEndpoint {
        service: String,
    },
    GwlbEndpoint,
    NatGateway {
        /// Peak simultaneous connections of the whole block to its busiest destination
        /// (IP, port, protocol), spread evenly over the NAT gateways.
        connections: f64,
    },
    /// Transit Gateway VPC attachments. `existing`: the attachments are there already
    /// (only the data they send into the TGW is new cost; no attachment-hours).
    TgwAttachment {
        existing: bool,
    },
    ResolverEndpoint {
        direction: Direction,
        ips: u64,
        queries_per_month: Decimal,
        peak_qps: f64,
    },
    /// Route 53 hosted zones. `vpc_associations`: VPCs the block's (private) zones are
    /// associated with, in all (0: not stated).
    HostedZone {
        vpc_associations: u64,
    },
    HealthCheck {
        check: CheckType,
        optional_features: u64,
    },
    DataTransfer(Transfer),
    /// Route 53 ARC clusters. `routing_controls`: routing controls in the block's
    /// clusters, in all.
    ArcCluster {
        routing_controls: u64,
    },
    /// Route 53 Profiles. `vpc_associations`: VPC associations of the block's Profiles, in
    /// all (each is billed).
    Route53Profile {
        vpc_associations: u64,
    },
    Nlb {
        nlcu_per_hour: Decimal,
    },
    /// Regional NAT gateways: one gateway spanning the VPC's AZs, billed per hour for each
    /// AZ it is active in.
    RegionalNatGateway,
    /// VPC Lattice / PrivateLink resource gateways: the provider VPC's point of entry to
    /// its resources. `ipv4_per_eni`: IPv4 addresses per ENI (1 to 62), which set the
    /// concurrent connections it can make to the resources.
    ResourceGateway {
        ipv4_per_eni: u64,
    },
    /// Resource configurations (one shared resource each), associated with
    /// `service_network_associations` service networks.
    ResourceConfiguration {
        service_network_associations: u64,
    },
    /// Resource endpoints: VPC endpoints of type Resource, one resource configuration each.
    ResourceEndpoint,
    /// Service-network endpoints: VPC endpoints of type ServiceNetwork.
    ServiceNetworkEndpoint,
    /// VPC Lattice services, with the requests the whole block receives a month.
    LatticeService {
        requests_per_month: Decimal,
    },
    /// AWS Direct Connect connections: `port` is one of [`DX_PORTS`] (type and speed),
    /// `location` the Direct Connect location whose transfer-out rate applies.
    /// `existing` (here and for VPN): the connections are there already, so only the
    /// transfer out over them is new cost (no port- or connection-hours).
    DirectConnect {
        port: &'static str,
        location: String,
        existing: bool,
    },
    /// AWS Site-to-Site VPN connections.
    VpnConnection {
        existing: bool,
    },
}

/// Direct Connect ports vpceplan knows: `(port, limit id, Gbps)`. The port is the
/// price-book variant of `dx_port_hour` and the capacity limit of one connection.
/// Dedicated speeds: 1, 10, 100 and 400 Gbps (Direct Connect docs); hosted: 50 Mbps to
/// 25 Gbps (Direct Connect pricing page, as transcribed).
pub const DX_PORTS: &[(&str, &str, f64)] = &[
    ("dedicated-1G", "direct_connect_dedicated_1g", 1.0),
    ("dedicated-10G", "direct_connect_dedicated_10g", 10.0),
    ("dedicated-100G", "direct_connect_dedicated_100g", 100.0),
    ("dedicated-400G", "direct_connect_dedicated_400g", 400.0),
    ("hosted-50M", "direct_connect_hosted_50m", 0.05),
    ("hosted-100M", "direct_connect_hosted_100m", 0.1),
    ("hosted-200M", "direct_connect_hosted_200m", 0.2),
    ("hosted-300M", "direct_connect_hosted_300m", 0.3),
    ("hosted-400M", "direct_connect_hosted_400m", 0.4),
    ("hosted-500M", "direct_connect_hosted_500m", 0.5),
    ("hosted-1G", "direct_connect_hosted_1g", 1.0),
    ("hosted-2G", "direct_connect_hosted_2g", 2.0),
    ("hosted-5G", "direct_connect_hosted_5g", 5.0),
    ("hosted-10G", "direct_connect_hosted_10g", 10.0),
    ("hosted-25G", "direct_connect_hosted_25g", 25.0),
];

/// Direct Connect connection types, as scenario values.
pub const DX_TYPES: &[&str] = &["dedicated", "hosted"];

/// Port speeds, as scenario values (which type takes which: [`DX_PORTS`]).
pub const DX_SPEEDS: &[&str] = &[
    "50M", "100M", "200M", "300M", "400M", "500M", "1G", "2G", "5G", "10G", "25G", "100G", "400G",
];

/// The port of a connection type and speed (`dedicated`, `1G` → `dedicated-1G`), if
/// Direct Connect offers it.
pub fn dx_port(kind: &str, speed: &str) -> Option<&'static str> {
    DX_PORTS
        .iter()
        .map(|p| p.0)
        .find(|p| p.split_once('-') == Some((kind, speed)))
}

/// The speeds a connection type offers.
pub fn dx_speeds(kind: &str) -> Vec<&'static str> {
    DX_PORTS
        .iter()
        .filter_map(|p| {
            p.0.split_once('-')
                .filter(|(k, _)| *k == kind)
                .map(|(_, s)| s)
        })
        .collect()
}

/// One block of identical resources.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub kind: Kind,
    /// The account that owns (and pays for) the block: an id of the scenario's
    /// [`Accounts`]. See [`crate::accounts`] for who pays which charge.
    pub account: String,
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
    /// Where its units live (VPCs, transit gateways), for service quotas.
    pub place: super::place::Place,
}

/// Regression pins from `[expect]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expect {
    pub monthly_usd: Option<Decimal>,
    pub hourly_usd: Option<Decimal>,
    pub min_headroom_pct: Option<f64>,
    pub status: Option<String>,
    pub az_loss_status: Option<String>,
    /// Workload designs only: whether the design is valid for the workload.
    pub valid: Option<bool>,
    /// Failover scenarios only: worst status in the failed-over state (the surviving
    /// Region carries all traffic), or `down` when it cannot carry it at all.
    pub region_loss_status: Option<String>,
    /// Failover scenarios only: the monthly cost of a month with the provider's Region
    /// lost (consumers reaching the surviving service, with its cross-Region transfer).
    pub failover_monthly_usd: Option<Decimal>,
    /// Failover scenarios only: the worst capacity status of that month, or `down` when
    /// the consumers cannot reach the surviving service.
    pub failover_status: Option<String>,
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
            && self.valid.is_none()
            && self.region_loss_status.is_none()
            && self.failover_monthly_usd.is_none()
            && self.failover_status.is_none()
    }
}

/// How volume tiers aggregate across accounts (AWS Billing User Guide, "Understanding
/// consolidated bills": "AWS treats all accounts in an organization as a single account").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Billing {
    /// One payer (an AWS Organization): one tier ladder per Region × component × variant
    /// across all accounts; each account's share by the blended-rate rule.
    #[default]
    Consolidated,
    /// Every account pays its own bill: one ladder per account.
    Separate,
}

impl Billing {
    pub fn as_str(self) -> &'static str {
        match self {
            Billing::Consolidated => "consolidated",
            Billing::Separate => "separate",
        }
    }
}

/// One account of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its id, as blocks name it (`account = "network"`).
    pub id: String,
    /// How many identical accounts the id stands for: 1, or one per spoke VPC (the
    /// `spoke` accounts of a hub-and-spoke workload). A block of such an account is spread
    /// evenly over them: each holds `count / copies` of it.
    pub copies: u64,
    /// One account per spoke VPC: `copies` follows the workload's spoke count.
    pub per_spoke: bool,
}

/// How a workload's designs lay out accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Every resource in the scenario's default account.
    #[default]
    Single,
    /// Shared resources (a hub VPC, the entry VPC of remote clients, the Resolver inbound
    /// endpoint, Route 53 Profiles and shared zones) in the `network` account; each spoke
    /// VPC's resources in its own account (`spoke`, one per spoke).
    HubAndSpoke,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Single => "single",
            Layout::HubAndSpoke => "hub-and-spoke",
        }
    }
}

/// The accounts of a scenario and how they are billed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accounts {
    /// Every account, in declaration order (the order of reports).
    pub list: Vec<Account>,
    pub billing: Billing,
    /// The account of blocks that name none.
    pub default: String,
}

/// The account of a scenario that declares none.
pub const DEFAULT_ACCOUNT: &str = "main";
/// The shared account of a hub-and-spoke layout.
pub const NETWORK_ACCOUNT: &str = "network";
/// The per-spoke accounts of a hub-and-spoke layout.
pub const SPOKE_ACCOUNT: &str = "spoke";

impl Accounts {
    /// One account, `id`.
    pub fn single(id: &str) -> Accounts {
        Accounts {
            list: vec![Account {
                id: id.to_string(),
                copies: 1,
                per_spoke: false,
            }],
            billing: Billing::Consolidated,
            default: id.to_string(),
        }
    }

    /// The account `id`.
    pub fn get(&self, id: &str) -> Option<&Account> {
        self.list.iter().find(|a| a.id == id)
    }

    /// Position of account `id` in [`Accounts::list`].
    pub fn index(&self, id: &str) -> Option<usize> {
        self.list.iter().position(|a| a.id == id)
    }

    /// The account ids, comma-separated, for messages.
    pub fn ids(&self) -> String {
        self.list
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Add an account unless it is there.
    pub fn ensure(&mut self, id: &str, copies: u64, per_spoke: bool) {
        match self.list.iter_mut().find(|a| a.id == id) {
            Some(a) => {
                a.copies = copies;
                a.per_spoke = per_spoke;
            }
            None => self.list.push(Account {
                id: id.to_string(),
                copies,
                per_spoke,
            }),
        }
    }
}

impl Default for Accounts {
    fn default() -> Accounts {
        Accounts::single(DEFAULT_ACCOUNT)
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
    /// The accounts that own the resources, and how they are billed.
    pub accounts: Accounts,
    pub resources: Vec<Resource>,
    pub expect: Expect,
    /// `[workload]`: what the scenario must serve; designs compile it into resources
    /// (see [`crate::designs`]). `None` for a scenario of explicit resources only.
    pub workload: Option<Workload>,
    /// `[compare]`: the designs to compile the workload into.
    pub compare: Compare,
    /// `[failover]`: a two-Region setup the designs are compiled into.
    pub failover: Option<Failover>,
    /// `[expect.designs.<design>]` pins, keyed by design name.
    pub expect_designs: std::collections::BTreeMap<String, Expect>,
}

impl Scenario {
    /// A scenario of explicit resources only (no workload, no failover), with defaults
    /// for everything else. Handy for tests and for code that builds scenarios.
    pub fn explicit(name: &str, region: &str, resources: Vec<Resource>) -> Scenario {
        Scenario {
            name: name.to_string(),
            file: String::new(),
            description: String::new(),
            region: region.to_string(),
            hours_per_month: 730,
            limits: "seed".to_string(),
            accounts: Accounts::default(),
            resources,
            expect: Expect::default(),
            workload: None,
            compare: Compare::default(),
            failover: None,
            expect_designs: Default::default(),
        }
    }
}

/// Services that have gateway endpoints (free; in-VPC traffic only).
pub const GATEWAY_SERVICES: &[&str] = &["s3", "dynamodb"];

/// Traffic of one service in a workload.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceTraffic {
    /// Service name as in endpoint service names (`s3`, `ecr.dkr`, `email-smtp`...).
    pub service: String,
    /// GB per month each spoke VPC sends and receives through the service.
    pub gb_per_month_per_spoke: Decimal,
    /// Peak Gbps of one spoke's traffic to the service.
    pub peak_gbps_per_spoke: f64,
    /// GB per month from on-premises clients (over Direct Connect or VPN).
    pub onprem_gb_per_month: Decimal,
    /// GB per month from clients in VPCs that are not spokes of this workload.
    pub other_vpc_gb_per_month: Decimal,
    /// GB per month from clients in other Regions.
    pub other_region_gb_per_month: Decimal,
    /// Peak Gbps of all the traffic from outside the spokes (the three above).
    pub remote_peak_gbps: f64,
    /// Whether the service has a public endpoint a NAT gateway can reach. `false` for a
    /// provider's PrivateLink endpoint service, which only endpoints reach.
    pub public_endpoint: bool,
    /// Requests a month each spoke sends to the service (VPC Lattice services bill them).
    pub requests_per_month_per_spoke: Decimal,
}

impl ServiceTraffic {
    /// GB per month from outside the spokes (on-premises, other VPCs, other Regions).
    pub fn remote_gb(&self) -> Decimal {
        self.onprem_gb_per_month + self.other_vpc_gb_per_month + self.other_region_gb_per_month
    }

    /// Whether a gateway endpoint exists for the service.
    pub fn has_gateway(&self) -> bool {
        GATEWAY_SERVICES.contains(&self.service.as_str())
    }

    /// The kinds of remote clients this service has, in words (for reasons).
    pub fn remote_kinds(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if !self.onprem_gb_per_month.is_zero() {
            v.push("on-premises");
        }
        if !self.other_vpc_gb_per_month.is_zero() {
            v.push("other-VPC");
        }
        if !self.other_region_gb_per_month.is_zero() {
            v.push("other-Region");
        }
        v
    }
}

/// `[workload]`: what a set of VPCs needs, independent of how it is served.
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    /// VPCs that need the services.
    pub spokes: u64,
    /// AZs of each VPC: AZ IDs when given as a list, else labels `az1`..`azN`.
    pub azs: Vec<String>,
    /// AZs of the hub VPC of centralized designs (default: `azs`).
    pub hub_azs: Option<Vec<String>>,
    /// Per-service traffic, in the order of `services`.
    pub services: Vec<ServiceTraffic>,
    /// DNS queries per month resolved through the Route 53 Resolver inbound endpoint.
    pub dns_queries_per_month: Decimal,
    /// Peak queries per second through the Resolver inbound endpoint.
    pub dns_peak_qps: f64,
    /// Force (`true`) or suppress (`false`) the Resolver inbound endpoint; by default it
    /// is there when on-premises clients are (on-premises GB or DNS queries).
    pub resolver_inbound: Option<bool>,
    /// IP addresses of the Resolver inbound endpoint (2 to 6).
    pub resolver_ips: u64,
    /// Transit Gateway attachments exist already (centralized designs then add only
    /// TGW data processing, no attachment-hours).
    pub existing_tgw_attachments: bool,
    /// What the spokes reach: AWS services, or a provider's private API.
    pub pattern: Pattern,
    /// How on-premises clients reach the VPCs, priced in every design when given.
    pub transport: Option<OnpremTransport>,
    /// How the designs lay out accounts.
    pub layout: Layout,
    /// Share of the GB flowing from the services back to the clients (responses).
    pub response_share: Decimal,
    /// Peak simultaneous connections each spoke opens to one destination through NAT.
    pub connections_per_destination: f64,
    /// GB a month each spoke sends to the Amazon SES API (not SMTP).
    pub ses_api_gb_per_month_per_spoke: Decimal,
    /// How endpoint designs carry the SES API traffic.
    pub ses_api_path: SesApiPath,
}

/// What a workload's spokes reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pattern {
    /// AWS services (and providers' endpoint services) through NAT, interface or gateway
    /// endpoints.
    #[default]
    Services,
    /// A provider's private HTTPS API shared as a VPC Lattice resource configuration (the
    /// seed's EventBridge / Step Functions post), or as a VPC Lattice service.
    PrivateApi,
}

impl Pattern {
    /// The scenario value.
    pub fn name(self) -> &'static str {
        match self {
            Pattern::Services => "services",
            Pattern::PrivateApi => "private-api",
        }
    }
}

/// The link on-premises clients come over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// Direct Connect connections of one port type and speed, at one location.
    DirectConnect {
        port: &'static str,
        location: String,
    },
    /// Site-to-Site VPN connections.
    Vpn,
}

/// `onprem_transport` and its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnpremTransport {
    pub link: Transport,
    /// Connections (Direct Connect ports or VPN connections).
    pub connections: u64,
    /// The share (0 to 1) of the on-premises GB that flows from AWS to on-premises: billed
    /// as transfer out (transfer in is free).
    pub out_share: Decimal,
    /// The connections exist already: only the transfer out is charged to the designs.
    pub existing: bool,
}

/// How endpoint designs carry Amazon SES API traffic (SendEmail over HTTPS), which the
/// `email-smtp` interface endpoint does not (seed, SES post: "Amazon SES VPC endpoints
/// don't support API-based email sending"; an SES API endpoint is not confirmed, FACTS.md
/// C8, so vpceplan does not offer one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SesApiPath {
    /// A NAT gateway in each spoke AZ carries it (priced).
    #[default]
    Nat,
    /// No path: endpoint designs with SES API traffic are invalid.
    None,
}

impl Workload {
    /// Whether on-premises clients use the services (so they need a Resolver inbound
    /// endpoint unless `resolver_inbound = false`).
    pub fn has_onprem_clients(&self) -> bool {
        self.resolver_inbound.unwrap_or(false)
            || !self.dns_queries_per_month.is_zero()
            || self
                .services
                .iter()
                .any(|s| !s.onprem_gb_per_month.is_zero())
    }

    /// Whether the design needs a Resolver inbound endpoint.
    pub fn needs_resolver(&self) -> bool {
        match self.resolver_inbound {
            Some(b) => b,
            None => self.has_onprem_clients(),
        }
    }

    /// Total GB per month of the workload: every spoke's traffic plus remote traffic.
    pub fn total_gb(&self) -> Decimal {
        let n = Decimal::from(self.spokes);
        self.services
            .iter()
            .map(|s| s.gb_per_month_per_spoke * n + s.remote_gb())
            .sum()
    }
}

/// How a centralized design shares private DNS with the spokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum CentralDns {
    /// One Route 53 Profile associated with the hub and every spoke.
    #[default]
    Route53Profile,
    /// A self-managed private hosted zone per service, shared with the spokes.
    SharedPhz,
}

/// The designs a workload can be compiled into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DesignKind {
    /// Service traffic leaves through NAT gateways, one per AZ per spoke.
    Nat,
    /// Interface endpoints for each service in each spoke, in each AZ.
    Distributed,
    /// Endpoints once in a hub VPC reached over Transit Gateway.
    Centralized(CentralDns),
    /// Gateway endpoints for S3/DynamoDB in-VPC traffic, interface endpoints elsewhere.
    GatewayWherePossible,
    /// Gateway endpoints for all S3/DynamoDB traffic (valid only without remote clients).
    GatewayOnly,
    /// One Regional NAT gateway per spoke, active in each of its AZs.
    NatRegional,
    /// Private API: the provider's resource gateway and resource configurations; each
    /// spoke reaches each API through a resource endpoint.
    ResourceEndpoint,
    /// Private API: the resource configurations associated with a service network; each
    /// spoke reaches them through one service-network endpoint.
    ServiceNetwork,
    /// Private API as a VPC Lattice service per API; spokes reach it through a service
    /// network associated with their VPCs.
    LatticeService,
}

impl DesignKind {
    /// Every design name the scenario language accepts.
    pub const NAMES: &'static [&'static str] = &[
        "nat",
        "distributed",
        "centralized",
        "centralized-profile",
        "centralized-phz",
        "gateway-where-possible",
        "gateway-only",
        "nat-regional",
        "resource-endpoint",
        "service-network",
        "lattice-service",
    ];

    /// Parse a design name; `centralized` takes the DNS choice given.
    pub fn parse(name: &str, dns: CentralDns) -> Option<DesignKind> {
        Some(match name {
            "nat" => DesignKind::Nat,
            "distributed" => DesignKind::Distributed,
            "centralized" => DesignKind::Centralized(dns),
            "centralized-profile" => DesignKind::Centralized(CentralDns::Route53Profile),
            "centralized-phz" => DesignKind::Centralized(CentralDns::SharedPhz),
            "gateway-where-possible" => DesignKind::GatewayWherePossible,
            "gateway-only" => DesignKind::GatewayOnly,
            "nat-regional" => DesignKind::NatRegional,
            "resource-endpoint" => DesignKind::ResourceEndpoint,
            "service-network" => DesignKind::ServiceNetwork,
            "lattice-service" => DesignKind::LatticeService,
            _ => return None,
        })
    }

    /// The workload pattern the design serves.
    pub fn pattern(self) -> Pattern {
        match self {
            DesignKind::ResourceEndpoint
            | DesignKind::ServiceNetwork
            | DesignKind::LatticeService => Pattern::PrivateApi,
            _ => Pattern::Services,
        }
    }
}

/// One design to compile, under the name the user wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignChoice {
    pub name: String,
    pub kind: DesignKind,
}

/// When a centralized design splits its hub resources to stay within AWS service quotas
/// (`[compare] split_on_quota`): more transit gateways when the spokes pass the
/// attachments per transit gateway, more hub VPCs when its endpoints pass the endpoints
/// per VPC or its transit gateways the gateways a VPC attaches to, more Route 53
/// Profiles or copies of the shared private hosted zones when the VPCs pass what one
/// takes. What a split adds is priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum SplitPolicy {
    /// Split around every quota that has a split, adjustable or not: the design needs
    /// no quota request for those (a request may be refused, and takes time); a quota
    /// with no split still asks for an increase. The default.
    #[default]
    Any,
    /// Split only around hard limits; an adjustable quota passed asks for an increase.
    Hard,
    /// Never split: past a hard limit the design cannot be built.
    Never,
}

impl SplitPolicy {
    /// Every value, as written.
    pub const NAMES: &'static [&'static str] = &["any", "hard", "never"];

    /// As written.
    pub fn name(self) -> &'static str {
        match self {
            SplitPolicy::Any => "any",
            SplitPolicy::Hard => "hard",
            SplitPolicy::Never => "never",
        }
    }

    /// Whether a quota (hard when not `adjustable`) may be split around.
    pub fn splits(self, adjustable: bool) -> bool {
        match self {
            SplitPolicy::Any => true,
            SplitPolicy::Hard => !adjustable,
            SplitPolicy::Never => false,
        }
    }
}

/// `[compare]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Compare {
    /// Designs in the order given (default: nat, distributed, centralized,
    /// gateway-where-possible).
    pub designs: Vec<DesignChoice>,
    /// DNS of `centralized` (default Route 53 Profile).
    pub centralized_dns: CentralDns,
    /// When centralized designs split to stay within service quotas.
    pub split_on_quota: SplitPolicy,
}

/// Failover mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailoverMode {
    /// All traffic in the primary Region; the secondary takes over when it fails.
    ActivePassive,
    /// Traffic split evenly between the two Regions.
    ActiveActive,
}

/// Who the failover scenario prices for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The service consumer: endpoints (per design) in both Regions.
    Consumer,
    /// The service provider: NLB-backed endpoint services in both Regions.
    Provider,
}

/// `[failover]`: a two-Region setup.
#[derive(Debug, Clone, PartialEq)]
pub struct Failover {
    pub mode: FailoverMode,
    /// Primary, secondary.
    pub regions: [String; 2],
    /// AZs of each VPC in the secondary Region (default: as many as `workload.azs`,
    /// labelled `az1`..`azN`).
    pub secondary_azs: Vec<String>,
    /// Whether the passive Region's endpoints (or NAT gateways) are provisioned before a
    /// failover. Active-active always has both.
    pub standby_endpoints: bool,
    /// Route 53 ARC: one cluster, one routing control and one health check per Region cell.
    pub arc: bool,
    pub role: Role,
    /// Consumers keep, in each Region, endpoints to both Regions' services (seed, Global
    /// Payments post: "one for the primary service of the provider and one for the
    /// secondary service").
    pub cross_region_sets: bool,
    /// Provider only: NLBs per Region behind the endpoint service.
    pub nlbs_per_region: u64,
    /// Provider only: NLCU per hour of the active Region's NLB(s), each.
    pub nlcu_per_hour: Decimal,
}
