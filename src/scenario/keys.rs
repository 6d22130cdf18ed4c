//! The keys of a scenario file, declared once: every table, every key with its type,
//! whether it is required, its default, its documentation, its allowed values and range.
//!
//! Three readers share this table, so they cannot drift apart:
//! - the parser checks every key of a file against it before validating values (an
//!   unknown or misplaced key is an error naming the file, line and key, with the keys the
//!   table takes and the nearest spelling), and reads the allowed values and ranges of
//!   choice and whole-number keys from it;
//! - `vpceplan schema` turns it into the JSON Schema editors use for completion
//!   (`schemas/scenario.schema.json`, see [`crate::schema`]);
//! - the tests check that every key the table declares is accepted by the parser with a
//!   value of its type and rejected with a value of another type or out of range.

use super::model::{DX_SPEEDS, DX_TYPES};
use crate::error::{Error, Result, line_of};
use toml::de::{DeTable, DeValue};

/// What a key's value is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ty {
    /// A non-empty string.
    Text,
    /// A Region of the price book, e.g. `"us-east-1"`.
    Region,
    /// An exact quantity ≥ 0: an integer, a decimal, or a quoted decimal string.
    /// `max` is the largest value taken; `min_nonzero`, when set, is the smallest value
    /// other than 0.
    Quantity {
        max: &'static str,
        min_nonzero: Option<&'static str>,
    },
    /// A measured figure ≥ 0 (Gbps, queries per second): a number or a numeric string.
    Rate,
    /// An exact share from 0 to 1: a number or a quoted decimal (`0.5`, `"0.25"`).
    Share,
    /// Any finite number (a percentage that may be negative).
    Number,
    /// A whole number from `min` to `max`.
    Whole { min: u64, max: u64 },
    /// `true` or `false`.
    Flag,
    /// One of a fixed set of strings.
    Choice(&'static [&'static str]),
    /// A non-empty list of distinct names.
    Names,
    /// A non-empty list of distinct values from a fixed set.
    Choices(&'static [&'static str]),
    /// Availability Zones: a count (1 to [`MAX_AZS`]) or a list of distinct AZ IDs.
    Azs,
    /// Two different Regions: `[primary, secondary]`.
    RegionPair,
    /// Two different strings.
    TextPair,
    /// A non-empty list of any values.
    List,
}

/// The most AZs a count may give.
pub const MAX_AZS: u64 = 32;

/// The largest whole number a count-like key takes: keeps unit arithmetic far from u64
/// overflow (10^12 × 32 AZs × 6 IPs still fits) while no real design comes near it.
pub const MAX_WHOLE: u64 = 1_000_000_000_000;

/// One key of a table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    pub name: &'static str,
    pub ty: Ty,
    /// Whether every table of its kind must give it.
    pub required: bool,
    /// The default, as a TOML/JSON literal (`730`, `"seed"`, `true`), when there is one.
    pub default: Option<&'static str>,
    /// What the key means (shown by editors on hover).
    pub doc: &'static str,
}

impl Key {
    /// The allowed values of a choice key (empty for other keys).
    pub fn choices(&self) -> &'static [&'static str] {
        match self.ty {
            Ty::Choice(c) | Ty::Choices(c) => c,
            _ => &[],
        }
    }

    /// `(min, max)` of a whole-number key.
    pub fn range(&self) -> Option<(u64, u64)> {
        match self.ty {
            Ty::Whole { min, max } => Some((min, max)),
            _ => None,
        }
    }
}

/// How a table appears in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The top level of the file.
    Root,
    /// `[[name]]`: repeated blocks.
    Blocks,
    /// `[name]`: one table.
    Table,
    /// `[name.<anything>]`: one table per name the user chooses.
    Map,
}

/// One table of a scenario file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableDef {
    /// Dotted path: `""` for the top level, `workload`, `workload.traffic`...
    pub path: &'static str,
    pub shape: Shape,
    pub doc: &'static str,
    pub keys: &'static [Key],
}

impl TableDef {
    /// The key named `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// The last segment of the path (`traffic` for `workload.traffic`).
    pub fn name(&self) -> &'static str {
        self.path.rsplit('.').next().unwrap_or(self.path)
    }

    /// The path of the parent table (`""` for a top-level table).
    pub fn parent(&self) -> &'static str {
        match self.path.rfind('.') {
            Some(i) => &self.path[..i],
            None => "",
        }
    }

    /// The tables nested directly in this one.
    pub fn children(&self) -> impl Iterator<Item = &'static TableDef> + '_ {
        TABLES
            .iter()
            .filter(move |t| !t.path.is_empty() && t.parent() == self.path)
    }

    /// How the table is written, for messages: `[[nat_gateway]]`, `[workload]`.
    pub fn shown(&self) -> String {
        match self.shape {
            Shape::Root => "the top level".into(),
            Shape::Blocks => format!("[[{}]]", self.path),
            Shape::Table => format!("[{}]", self.path),
            Shape::Map => format!("[{}.<name>]", self.path),
        }
    }
}

/// The table at `path`.
pub fn table(path: &str) -> Option<&'static TableDef> {
    TABLES.iter().find(|t| t.path == path)
}

/// The key `name` of the table at `path`: the parser's way to read a definition.
/// Panics only on a misspelt name in vpceplan's own code, which the tests exercise.
pub fn def(path: &str, name: &str) -> &'static Key {
    match table(path).and_then(|t| t.key(name)) {
        Some(k) => k,
        None => panic!("internal: no key `{name}` in table `{path}` of scenario::keys"),
    }
}

/// Service names a gateway endpoint exists for.
pub const GATEWAY_SERVICES: &[&str] = &["s3", "dynamodb"];
/// Capacity statuses a pin may expect.
pub const STATUSES: &[&str] = &["ok", "burst", "over", "down"];
/// Workload patterns.
pub const PATTERNS: &[&str] = &["services", "private-api"];
/// On-premises transports.
pub const TRANSPORTS: &[&str] = &["direct-connect", "vpn"];

const NAME: Key = Key {
    name: "name",
    ty: Ty::Text,
    required: false,
    default: None,
    doc: "A label for this block in the reports (default: the service, direction or table name).",
};
const REGION: Key = Key {
    name: "region",
    ty: Ty::Region,
    required: false,
    default: None,
    doc: "Region of this block, when not the scenario's.",
};
const ACCOUNT: Key = Key {
    name: "account",
    ty: Ty::Text,
    required: false,
    default: None,
    doc: "The account that owns and pays for this block: one of [accounts] names (default: the scenario's default account).",
};
const COUNT: Key = Key {
    name: "count",
    ty: Ty::Whole {
        min: 1,
        max: MAX_WHOLE,
    },
    required: false,
    default: Some("1"),
    doc: "How many identical resources this block stands for (e.g. one per spoke VPC).",
};
/// The largest decimal quantity a scenario takes (10^15: a million PB of traffic a month).
/// Together with [`MAX_WHOLE`] it keeps every exact product far below the ~7.9 × 10^28
/// ceiling of `rust_decimal`, so overflow cannot be reached from a scenario file.
pub const MAX_DECIMAL: &str = "1000000000000000";
/// The largest monthly GB figure a workload takes (a zettabyte).
pub const MAX_GB: &str = "1000000000000";
/// The smallest non-zero GB figure of a workload (a kilobyte).
pub const MIN_GB: &str = "0.000001";
const QUANTITY: Ty = Ty::Quantity {
    max: MAX_DECIMAL,
    min_nonzero: None,
};
const GB_FIGURE: Ty = Ty::Quantity {
    max: MAX_GB,
    min_nonzero: Some(MIN_GB),
};
const GB: Key = Key {
    name: "gb_per_month",
    ty: QUANTITY,
    required: false,
    default: Some("0"),
    doc: "GB processed a month by the whole block (1 GB = 2^30 bytes).",
};
const PEAK: Key = Key {
    name: "peak_gbps",
    ty: Ty::Rate,
    required: false,
    default: Some("0"),
    doc: "Peak throughput of the whole block in Gbps (the load is the larger of this and the monthly average).",
};
const AZS: Key = Key {
    name: "azs",
    ty: Ty::Azs,
    required: false,
    default: None,
    doc: "Availability Zones: a count, or a list of AZ IDs such as [\"use1-az1\", \"use1-az4\"].",
};
const AZS_REQUIRED: Key = Key {
    required: true,
    doc: "Availability Zones the endpoint spans: a count, or a list of AZ IDs such as [\"use1-az1\", \"use1-az4\"].",
    ..AZS
};
const SERVICE: Key = Key {
    name: "service",
    ty: Ty::Text,
    required: true,
    default: None,
    doc: "The AWS service, as in its endpoint name: s3, ecr.api, logs, sts, email-smtp...",
};

const fn flag(name: &'static str, default: &'static str, doc: &'static str) -> Key {
    Key {
        name,
        ty: Ty::Flag,
        required: false,
        default: Some(default),
        doc,
    }
}

const fn key(name: &'static str, ty: Ty, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: false,
        default: None,
        doc,
    }
}

const fn required(name: &'static str, ty: Ty, doc: &'static str) -> Key {
    Key {
        name,
        ty,
        required: true,
        default: None,
        doc,
    }
}

const fn with_default(k: Key, default: &'static str) -> Key {
    Key {
        default: Some(default),
        ..k
    }
}

const fn block(path: &'static str, doc: &'static str, keys: &'static [Key]) -> TableDef {
    TableDef {
        path,
        shape: Shape::Blocks,
        doc,
        keys,
    }
}

/// The largest monthly request figure a workload takes.
pub const MAX_REQUESTS: &str = "1000000000000000";

const TRAFFIC_KEYS: [Key; 7] = [
    with_default(
        key(
            "gb_per_month_per_spoke",
            GB_FIGURE,
            "GB a month each spoke VPC sends to the service(s).",
        ),
        "0",
    ),
    with_default(
        key(
            "peak_gbps_per_spoke",
            Ty::Rate,
            "Peak Gbps of each spoke VPC to the service(s).",
        ),
        "0",
    ),
    with_default(
        key(
            "onprem_gb_per_month",
            GB_FIGURE,
            "GB a month from on-premises (over Direct Connect or VPN) to the service(s).",
        ),
        "0",
    ),
    with_default(
        key(
            "other_vpc_gb_per_month",
            GB_FIGURE,
            "GB a month from other VPCs (not spokes) to the service(s).",
        ),
        "0",
    ),
    with_default(
        key(
            "other_region_gb_per_month",
            GB_FIGURE,
            "GB a month from other Regions to the service(s).",
        ),
        "0",
    ),
    with_default(
        key(
            "remote_peak_gbps",
            Ty::Rate,
            "Peak Gbps of the on-premises, other-VPC and other-Region traffic.",
        ),
        "0",
    ),
    with_default(
        key(
            "requests_per_month_per_spoke",
            Ty::Quantity {
                max: MAX_REQUESTS,
                min_nonzero: None,
            },
            "Requests a month each spoke VPC sends to the service(s) (VPC Lattice services bill them).",
        ),
        "0",
    ),
];

const EXPECT_KEYS: [Key; 9] = [
    key(
        "monthly_usd",
        QUANTITY,
        "Pinned monthly cost in USD, compared to the cent.",
    ),
    key(
        "hourly_usd",
        QUANTITY,
        "Pinned hourly cost in USD, compared to six places.",
    ),
    key(
        "min_headroom_pct",
        Ty::Number,
        "Pinned smallest headroom in percent, compared within ±0.005.",
    ),
    key(
        "status",
        Ty::Choice(STATUSES),
        "Pinned capacity status with every AZ up.",
    ),
    key(
        "az_loss_status",
        Ty::Choice(STATUSES),
        "Pinned capacity status with one AZ lost.",
    ),
    key(
        "valid",
        Ty::Flag,
        "Whether the design can serve the workload (designs only).",
    ),
    key(
        "region_loss_status",
        Ty::Choice(STATUSES),
        "Pinned capacity status of the surviving Region when one is lost (failover designs).",
    ),
    key(
        "failover_monthly_usd",
        QUANTITY,
        "Pinned monthly cost of a month with the provider's Region lost, compared to the cent (failover designs).",
    ),
    key(
        "failover_status",
        Ty::Choice(STATUSES),
        "Pinned capacity status of the month with the provider's Region lost; `down` when the consumers cannot reach the surviving service (failover designs).",
    ),
];

/// Every table of a scenario file.
pub static TABLES: &[TableDef] = &[
    TableDef {
        path: "",
        shape: Shape::Root,
        doc: "A vpceplan scenario: explicit resources, or a workload compiled into designs.",
        keys: &[
            key(
                "name",
                Ty::Text,
                "Scenario name, used for the report folder (default: the file name without .toml).",
            ),
            key("description", Ty::Text, "Free text."),
            required(
                "region",
                Ty::Region,
                "Region of the resources, e.g. \"us-east-1\".",
            ),
            Key {
                name: "hours_per_month",
                ty: Ty::Whole { min: 1, max: 744 },
                required: false,
                default: Some("730"),
                doc: "Hours billed in a month (730 is the AWS calculator convention; a partial hour bills as a full hour).",
            },
            with_default(
                key(
                    "limits",
                    Ty::Text,
                    "Capacity-limits profile: \"seed\", \"current\" or one of the price book's limits.csv.",
                ),
                "\"seed\"",
            ),
        ],
    },
    block(
        "interface_endpoint",
        "Interface VPC endpoints (AWS PrivateLink): billed per endpoint-AZ-hour and per GB processed (tiered).",
        &[
            NAME,
            ACCOUNT,
            REGION,
            SERVICE,
            AZS_REQUIRED,
            COUNT,
            GB,
            PEAK,
            key(
                "service_region",
                Ty::Region,
                "Region of the endpoint service when it is another Region's (cross-Region PrivateLink): the endpoint's bytes then also pay inter-Region transfer, booked to the endpoint's account.",
            ),
            with_default(
                key(
                    "response_share",
                    Ty::Share,
                    "Cross-Region endpoints: share of the GB flowing from the service back to the endpoint (responses); the rest flows to the service. Each direction pays the rate out of the Region it leaves.",
                ),
                "0.5",
            ),
        ],
    ),
    block(
        "gateway_endpoint",
        "Gateway VPC endpoints (S3, DynamoDB): free, shown as $0 line items.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            Key {
                ty: Ty::Choice(GATEWAY_SERVICES),
                doc: "s3 or dynamodb: gateway endpoints exist for these two only.",
                ..SERVICE
            },
            COUNT,
            GB,
        ],
    ),
    block(
        "gwlb_endpoint",
        "Gateway Load Balancer endpoints, one AZ each: billed per endpoint-hour and per GB.",
        &[NAME, ACCOUNT, REGION, COUNT, AZS, GB, PEAK],
    ),
    block(
        "nat_gateway",
        "NAT gateways, one AZ each: billed per NAT-hour and per GB processed.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            COUNT,
            AZS,
            GB,
            PEAK,
            with_default(
                key(
                    "connections_per_destination",
                    Ty::Rate,
                    "Peak simultaneous connections of the whole block to its busiest destination (IP, port, protocol), spread evenly over the NAT gateways; each takes 55,000 per destination per IP address.",
                ),
                "0",
            ),
        ],
    ),
    block(
        "tgw_attachment",
        "Transit Gateway VPC attachments: billed per attachment-hour and per GB sent into the TGW.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            COUNT,
            Key {
                default: Some("2"),
                doc: "AZs each attachment spans, for capacity: a count or a list of AZ IDs.",
                ..AZS
            },
            GB,
            PEAK,
            flag(
                "existing",
                "false",
                "The attachment exists already (sized, not charged to this design).",
            ),
        ],
    ),
    block(
        "resolver_endpoint",
        "Route 53 Resolver endpoints: billed per IP-hour and per million queries (tiered).",
        &[
            NAME,
            ACCOUNT,
            REGION,
            required(
                "direction",
                Ty::Choice(&["inbound", "outbound"]),
                "inbound (on-premises resolves AWS names) or outbound (AWS resolves on-premises names).",
            ),
            Key {
                name: "ips",
                ty: Ty::Whole { min: 2, max: 6 },
                required: false,
                default: Some("2"),
                doc: "IP addresses (ENIs) of the endpoint: 2 to 6.",
            },
            Key {
                doc: "AZs the IPs are spread over (default: one AZ per IP).",
                ..AZS
            },
            COUNT,
            with_default(
                key(
                    "queries_per_month",
                    QUANTITY,
                    "DNS queries a month through the whole block.",
                ),
                "0",
            ),
            with_default(
                key(
                    "peak_qps",
                    Ty::Rate,
                    "Peak queries per second of the whole block.",
                ),
                "0",
            ),
        ],
    ),
    block(
        "hosted_zone",
        "Route 53 hosted zones: billed per zone-month (tiered); global: priced under the book's `global` Region whatever the scenario's Region.",
        &[
            NAME,
            ACCOUNT,
            COUNT,
            with_default(
                key(
                    "vpc_associations",
                    Ty::Whole {
                        min: 0,
                        max: MAX_WHOLE,
                    },
                    "VPCs the block's private hosted zones are associated with, in all (counted against the VPCs-per-zone quota; 0: not counted).",
                ),
                "0",
            ),
        ],
    ),
    block(
        "health_check",
        "Route 53 health checks: billed per check-month (the first 50 AWS checks are free) and optional features; global, like hosted zones.",
        &[
            NAME,
            ACCOUNT,
            COUNT,
            with_default(
                key(
                    "type",
                    Ty::Choice(&["aws", "non-aws"]),
                    "aws (an AWS endpoint) or non-aws.",
                ),
                "\"aws\"",
            ),
            with_default(
                key(
                    "optional_features",
                    Ty::Whole {
                        min: 0,
                        max: MAX_WHOLE,
                    },
                    "Optional features per check (HTTPS, string matching, fast interval, latency...).",
                ),
                "0",
            ),
        ],
    ),
    block(
        "data_transfer",
        "Data transfer between AZs or Regions: billed per GB.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            required(
                "kind",
                Ty::Choice(&["cross-az", "inter-region"]),
                "cross-az (inside the Region, billed per direction) or inter-region.",
            ),
            GB,
            key(
                "to_region",
                Ty::Region,
                "Destination Region (inter-region transfer only; required there).",
            ),
            Key {
                name: "billed_sides",
                ty: Ty::Whole { min: 1, max: 2 },
                required: false,
                default: Some("2"),
                doc: "Cross-AZ transfer only: 2 when both ends are yours, 1 otherwise.",
            },
        ],
    ),
    block(
        "arc_cluster",
        "Route 53 Application Recovery Controller clusters: billed per cluster-hour; global, like hosted zones.",
        &[
            NAME,
            ACCOUNT,
            COUNT,
            with_default(
                key(
                    "routing_controls",
                    Ty::Whole {
                        min: 0,
                        max: MAX_WHOLE,
                    },
                    "Routing controls in the block's clusters, in all (counted against the routing-controls-per-cluster quota).",
                ),
                "0",
            ),
        ],
    ),
    block(
        "route53_profile",
        "Route 53 Profiles: billed per Profile-hour and per VPC association-hour beyond the first 100.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            COUNT,
            with_default(
                key(
                    "vpc_associations",
                    Ty::Whole {
                        min: 0,
                        max: MAX_WHOLE,
                    },
                    "VPC associations of the block's Profiles, in all (each is billed; spread evenly over the Profiles for the VPCs-per-Profile quota).",
                ),
                "0",
            ),
        ],
    ),
    block(
        "nlb",
        "Network Load Balancers: billed per NLB-hour and per NLCU-hour.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            COUNT,
            Key {
                default: Some("2"),
                ..AZS
            },
            with_default(
                key(
                    "nlcu_per_hour",
                    QUANTITY,
                    "NLCUs used per hour by the whole block.",
                ),
                "0",
            ),
        ],
    ),
    block(
        "regional_nat_gateway",
        "Regional NAT gateways, each spanning the AZs it is active in: billed per hour for each active AZ and per GB processed.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            COUNT,
            Key {
                doc: "AZs each gateway is active in: a count, or a list of AZ IDs.",
                ..AZS_REQUIRED
            },
            GB,
            PEAK,
        ],
    ),
    block(
        "resource_gateway",
        "Resource gateways (VPC Lattice resources): the provider VPC's entry to its shared resources; no charge of their own found.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            COUNT,
            Key {
                default: Some("2"),
                doc: "AZs the gateway spans: a count, or a list of AZ IDs.",
                ..AZS
            },
            Key {
                name: "ipv4_addresses_per_eni",
                ty: Ty::Whole { min: 1, max: 62 },
                required: false,
                default: Some("16"),
                doc: "IPv4 addresses per ENI (1 to 62): they set the concurrent connections to the resources.",
            },
        ],
    ),
    block(
        "resource_configuration",
        "Resource configurations (VPC Lattice resources): billed per resource-hour for each service-network association.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            COUNT,
            with_default(
                key(
                    "service_network_associations",
                    Ty::Whole {
                        min: 0,
                        max: MAX_WHOLE,
                    },
                    "Service networks each configuration is associated with (an EventBridge or Step Functions connection makes one).",
                ),
                "0",
            ),
        ],
    ),
    block(
        "resource_endpoint",
        "Resource endpoints (VPC endpoints of type Resource): billed per endpoint-hour and per GB of resource data (tiered).",
        &[NAME, ACCOUNT, REGION, AZS_REQUIRED, COUNT, GB, PEAK],
    ),
    block(
        "service_network_endpoint",
        "Service-network endpoints (VPC endpoints of type ServiceNetwork): no hourly charge; the resource data through them is billed per GB (tiered).",
        &[
            NAME,
            ACCOUNT,
            REGION,
            AZS_REQUIRED,
            COUNT,
            Key {
                doc: "GB of resource data a month through the whole block (traffic to Lattice services is billed on the service).",
                ..GB
            },
            PEAK,
        ],
    ),
    block(
        "lattice_service",
        "VPC Lattice services: billed per service-hour, per GB and per million requests past the free 300,000 per service-hour.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            COUNT,
            GB,
            with_default(
                key(
                    "requests_per_month",
                    QUANTITY,
                    "Requests a month to the whole block (taken as spread evenly over its services and the month's hours).",
                ),
                "0",
            ),
        ],
    ),
    block(
        "direct_connect",
        "AWS Direct Connect connections: billed per port-hour by type and speed, and per GB transferred out by location.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            Key {
                doc: "Connections, each its own failure domain.",
                ..COUNT
            },
            with_default(
                key(
                    "connection_type",
                    Ty::Choice(DX_TYPES),
                    "dedicated or hosted.",
                ),
                "\"dedicated\"",
            ),
            required(
                "port_speed",
                Ty::Choice(DX_SPEEDS),
                "Port speed; dedicated: 1G, 10G, 100G, 400G; hosted: 50M to 25G.",
            ),
            required(
                "location",
                Ty::Text,
                "The Direct Connect location, as the price book names its transfer-out rate (e.g. \"EqDC2\").",
            ),
            Key {
                doc: "GB a month transferred out of AWS over the whole block (transfer in is free).",
                ..GB
            },
            PEAK,
            flag(
                "existing",
                "false",
                "The connections exist already (sized; only the transfer out is charged).",
            ),
        ],
    ),
    block(
        "vpn_connection",
        "AWS Site-to-Site VPN connections: billed per connection-hour and per GB transferred out.",
        &[
            NAME,
            ACCOUNT,
            REGION,
            Key {
                doc: "Connections, each its own failure domain.",
                ..COUNT
            },
            Key {
                doc: "GB a month transferred out of AWS over the whole block (transfer in is free).",
                ..GB
            },
            PEAK,
            flag(
                "existing",
                "false",
                "The connections exist already (sized; only the transfer out is charged).",
            ),
        ],
    ),
    TableDef {
        path: "workload",
        shape: Shape::Table,
        doc: "What a set of spoke VPCs needs; vpceplan compiles it into every design that could serve it.",
        keys: &[
            Key {
                name: "spokes",
                ty: Ty::Whole {
                    min: 1,
                    max: 100_000,
                },
                required: false,
                default: Some("1"),
                doc: "Spoke VPCs.",
            },
            Key {
                doc: "AZs of each spoke VPC: a count or a list of AZ IDs.",
                ..AZS_REQUIRED
            },
            key(
                "hub_azs",
                Ty::Azs,
                "AZs of the hub VPC of centralized designs (default: the spokes' AZs).",
            ),
            required(
                "services",
                Ty::Names,
                "The AWS services the spokes reach, e.g. [\"s3\", \"ecr.api\"].",
            ),
            TRAFFIC_KEYS[0],
            TRAFFIC_KEYS[1],
            TRAFFIC_KEYS[2],
            TRAFFIC_KEYS[3],
            TRAFFIC_KEYS[4],
            TRAFFIC_KEYS[5],
            TRAFFIC_KEYS[6],
            with_default(
                key(
                    "dns_queries_per_month",
                    Ty::Quantity {
                        max: MAX_DECIMAL,
                        min_nonzero: None,
                    },
                    "DNS queries a month that cross a Resolver endpoint.",
                ),
                "0",
            ),
            with_default(
                key("dns_peak_qps", Ty::Rate, "Peak DNS queries per second."),
                "0",
            ),
            key(
                "resolver_inbound",
                Ty::Flag,
                "Whether on-premises resolves the private names through a Resolver inbound endpoint (default: when there is on-premises traffic).",
            ),
            Key {
                name: "resolver_ips",
                ty: Ty::Whole { min: 2, max: 6 },
                required: false,
                default: Some("2"),
                doc: "IPs of that Resolver inbound endpoint: 2 to 6.",
            },
            flag(
                "existing_tgw_attachments",
                "false",
                "The spokes' Transit Gateway attachments exist already (not charged to the designs).",
            ),
            with_default(
                key(
                    "pattern",
                    Ty::Choice(PATTERNS),
                    "What the spokes reach: \"services\" (AWS services and endpoint services) or \"private-api\" (a provider's private API shared as a VPC Lattice resource configuration or service).",
                ),
                "\"services\"",
            ),
            key(
                "onprem_transport",
                Ty::Choice(TRANSPORTS),
                "How on-premises clients reach the VPCs, priced in every design: \"direct-connect\" or \"vpn\" (default: not priced).",
            ),
            with_default(
                key(
                    "dx_connection_type",
                    Ty::Choice(DX_TYPES),
                    "Direct Connect only: \"dedicated\" or \"hosted\" connections.",
                ),
                "\"dedicated\"",
            ),
            key(
                "dx_port_speed",
                Ty::Choice(DX_SPEEDS),
                "Direct Connect only (required there): the port speed; dedicated: 1G, 10G, 100G, 400G; hosted: 50M to 25G.",
            ),
            key(
                "dx_location",
                Ty::Text,
                "Direct Connect only (required there): the Direct Connect location, as the price book names its transfer-out rate (e.g. \"EqDC2\").",
            ),
            Key {
                name: "onprem_connections",
                ty: Ty::Whole { min: 1, max: 1000 },
                required: false,
                default: Some("1"),
                doc: "Direct Connect or VPN connections carrying the on-premises traffic.",
            },
            flag(
                "onprem_existing",
                "false",
                "The on-premises connections exist already: the designs are charged only the transfer out over them.",
            ),
            with_default(
                key(
                    "onprem_out_share",
                    Ty::Quantity {
                        max: "1",
                        min_nonzero: None,
                    },
                    "The share (0 to 1) of the on-premises GB sent from AWS to on-premises, billed as transfer out (transfer in is free); 1 is the upper bound.",
                ),
                "1",
            ),
            with_default(
                key(
                    "accounts",
                    Ty::Choice(&["single", "hub-and-spoke"]),
                    "How the designs lay out accounts: single (everything in the scenario's default account) or hub-and-spoke (shared resources in the `network` account, each spoke VPC in its own account, `spoke`).",
                ),
                "\"single\"",
            ),
            with_default(
                key(
                    "response_share",
                    Ty::Share,
                    "Share of the GB flowing from the services back to the clients (responses): splits cross-Region transfer by direction, and, with hub-and-spoke accounts, Transit Gateway processing between the spokes (requests) and the hub (responses).",
                ),
                "0.5",
            ),
            with_default(
                key(
                    "connections_per_destination",
                    Ty::Rate,
                    "Peak simultaneous connections each spoke VPC opens to one destination (IP, port, protocol) through NAT: checked against a NAT gateway's 55,000 per destination.",
                ),
                "0",
            ),
            with_default(
                key(
                    "ses_api_gb_per_month_per_spoke",
                    GB_FIGURE,
                    "GB a month each spoke sends to the Amazon SES API (SendEmail over HTTPS), apart from SMTP: the email-smtp endpoint does not carry it.",
                ),
                "0",
            ),
            with_default(
                key(
                    "ses_api_path",
                    Ty::Choice(&["nat", "none"]),
                    "How endpoint designs carry the SES API traffic: nat (a NAT gateway per spoke AZ, priced) or none (the designs are invalid).",
                ),
                "\"nat\"",
            ),
        ],
    },
    TableDef {
        path: "accounts",
        shape: Shape::Table,
        doc: "The AWS accounts that own the resources, and whether they share volume tiers.",
        keys: &[
            key(
                "names",
                Ty::Names,
                "Account ids blocks may name with `account` (default: one account, `main`; with hub-and-spoke, `network` and `spoke` are added).",
            ),
            with_default(
                key(
                    "billing",
                    Ty::Choice(&["consolidated", "separate"]),
                    "consolidated (one AWS Organization: volume tiers on the usage of all accounts together) or separate (each account's own tiers).",
                ),
                "\"consolidated\"",
            ),
            key(
                "default",
                Ty::Text,
                "The account of blocks that name none (default: the first of `names`).",
            ),
        ],
    },
    TableDef {
        path: "workload.traffic",
        shape: Shape::Map,
        doc: "Traffic of one service (the table name is the service); figures here replace that service's even share of the [workload] figures.",
        keys: &[
            TRAFFIC_KEYS[0],
            TRAFFIC_KEYS[1],
            TRAFFIC_KEYS[2],
            TRAFFIC_KEYS[3],
            TRAFFIC_KEYS[4],
            TRAFFIC_KEYS[5],
            TRAFFIC_KEYS[6],
            flag(
                "public_endpoint",
                "true",
                "Whether the service has a public endpoint (a NAT design can reach it).",
            ),
        ],
    },
    TableDef {
        path: "compare",
        shape: Shape::Table,
        doc: "Which designs the workload compiles into.",
        keys: &[
            with_default(
                key(
                    "designs",
                    Ty::Choices(super::DesignKind::NAMES),
                    "Designs to compare.",
                ),
                "[\"nat\", \"distributed\", \"centralized\", \"gateway-where-possible\"]",
            ),
            with_default(
                key(
                    "centralized_dns",
                    Ty::Choice(&["route53-profile", "shared-phz"]),
                    "How a centralized design shares its private DNS names with the spokes.",
                ),
                "\"route53-profile\"",
            ),
            with_default(
                key(
                    "split_on_quota",
                    Ty::Choice(super::SplitPolicy::NAMES),
                    "When a centralized design splits its hub (more transit gateways, hub VPCs, Route 53 Profiles or zone copies, priced) to stay within AWS service quotas: any (every quota with a split), hard (hard limits only; adjustable ones ask for an increase) or never.",
                ),
                "\"any\"",
            ),
        ],
    },
    TableDef {
        path: "failover",
        shape: Shape::Table,
        doc: "A multi-Region failover setup.",
        keys: &[
            required(
                "mode",
                Ty::Choice(&["active-passive", "active-active"]),
                "active-passive (a standby Region) or active-active (both Regions carry traffic).",
            ),
            required(
                "regions",
                Ty::RegionPair,
                "The two Regions: [primary, secondary].",
            ),
            key(
                "secondary_azs",
                Ty::Azs,
                "AZs in the secondary Region (default: as many as the primary's).",
            ),
            flag(
                "standby_endpoints",
                "true",
                "Active-passive: the standby Region's endpoints are provisioned.",
            ),
            flag(
                "arc",
                "true",
                "Provider only: Route 53 ARC routing controls steer the failover (one cluster, a routing control and a health check per Region cell), on the provider's bill.",
            ),
            with_default(
                key(
                    "role",
                    Ty::Choice(&["consumer", "provider"]),
                    "consumer (endpoints) or provider (NLB-backed endpoint services).",
                ),
                "\"consumer\"",
            ),
            flag(
                "cross_region_sets",
                "false",
                "Consumers keep one endpoint set to each Region's service.",
            ),
            with_default(
                key(
                    "nlbs_per_region",
                    Ty::Whole {
                        min: 1,
                        max: MAX_WHOLE,
                    },
                    "Provider only: NLBs per Region.",
                ),
                "1",
            ),
            with_default(
                key(
                    "nlcu_per_hour",
                    Ty::Quantity {
                        max: MAX_GB,
                        min_nonzero: None,
                    },
                    "Provider only: NLCUs per hour.",
                ),
                "0",
            ),
        ],
    },
    TableDef {
        path: "expect",
        shape: Shape::Table,
        doc: "Regression pins, checked by `vpceplan check`.",
        keys: &EXPECT_KEYS,
    },
    TableDef {
        path: "expect.designs",
        shape: Shape::Map,
        doc: "Pins of one design of a workload (the table name is the design).",
        keys: &EXPECT_KEYS,
    },
];

pub use crate::text::nearest;

/// Names a table takes: its keys, then its nested tables.
fn names(t: &TableDef) -> Vec<&'static str> {
    t.keys
        .iter()
        .map(|k| k.name)
        .chain(t.children().map(|c| c.name()))
        .collect()
}

fn unknown(file: &str, src: &str, at: usize, path: &str, k: &str, t: &TableDef) -> Error {
    let known = names(t);
    let key = if path.is_empty() {
        k.to_string()
    } else {
        format!("{path}.{k}")
    };
    // A key of another block kind gets the message the block checks always gave.
    let elsewhere = t.shape == Shape::Blocks
        && TABLES
            .iter()
            .any(|o| o.shape == Shape::Blocks && o.key(k).is_some());
    let global = k == "region" && crate::rules::table_is_global(t.path);
    let message = if global {
        format!(
            "a {} block is global: AWS bills it without a Region, so it takes no `region`",
            t.path
        )
    } else if elsewhere {
        format!("`{k}` does not apply to a {} block", t.path)
    } else {
        format!("unknown key `{k}` in {}", t.shown())
    };
    let mut hint = match nearest(k, known.iter().copied()) {
        Some(n) if !elsewhere => format!("did you mean `{n}`? "),
        _ if global => format!(
            "remove `region`: Route 53 hosted zones, health checks and ARC clusters are priced once, under the price book's `{}` Region, whatever the scenario's Region; ",
            crate::pricing::GLOBAL
        ),
        _ => String::new(),
    };
    hint.push_str(&format!("{} takes: {}", t.shown(), known.join(", ")));
    Error::input(file, Some(line_of(src, at)), key, message, hint)
}

/// Check every key of a parsed scenario document against [`TABLES`]: an unknown key,
/// or a key of another kind of block, is an error naming the file, line and key, with the
/// keys the table takes (and the nearest spelling). Values are not checked here.
pub fn check_document(file: &str, src: &str, doc: &DeTable<'_>) -> Result<()> {
    let Some(root) = table("") else {
        return Ok(());
    };
    check_table(file, src, doc, root, "")
}

fn check_table(
    file: &str,
    src: &str,
    t: &DeTable<'_>,
    def: &TableDef,
    shown_path: &str,
) -> Result<()> {
    for (k, v) in t.iter() {
        let name = k.get_ref().as_ref();
        if def.key(name).is_some() {
            continue;
        }
        let Some(child) = def.children().find(|c| c.name() == name) else {
            return Err(unknown(file, src, k.span().start, shown_path, name, def));
        };
        let sub = |i: Option<usize>| {
            let base = if shown_path.is_empty() {
                name.to_string()
            } else {
                format!("{shown_path}.{name}")
            };
            match i {
                Some(i) => format!("{base}[{i}]"),
                None => base,
            }
        };
        match (child.shape, v.get_ref()) {
            (Shape::Blocks, DeValue::Array(items)) => {
                for (i, it) in items.iter().enumerate() {
                    if let DeValue::Table(bt) = it.get_ref() {
                        check_table(file, src, bt, child, &sub(Some(i)))?;
                    }
                }
            }
            (Shape::Table, DeValue::Table(tt)) => check_table(file, src, tt, child, &sub(None))?,
            (Shape::Map, DeValue::Table(m)) => {
                for (mk, mv) in m.iter() {
                    if let DeValue::Table(tt) = mv.get_ref() {
                        let p = format!("{}.{}", sub(None), mk.get_ref());
                        check_table(file, src, tt, child, &p)?;
                    }
                }
            }
            // A value of the wrong shape is left to the typed parse, which says so.
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_path_is_unique_and_has_its_parent() {
        for (i, t) in TABLES.iter().enumerate() {
            assert!(TABLES[..i].iter().all(|o| o.path != t.path), "{}", t.path);
            assert!(table(t.parent()).is_some(), "{}", t.path);
            let mut seen = Vec::new();
            for k in t.keys {
                assert!(!seen.contains(&k.name), "{}.{}", t.path, k.name);
                seen.push(k.name);
                assert!(!k.doc.is_empty(), "{}.{} has no doc", t.path, k.name);
            }
        }
    }
}
