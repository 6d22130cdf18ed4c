//! VPC flow logs in: records (text in the default or a custom format, gzip, Parquet)
//! joined to the ENIs of the NAT gateways, endpoints, Resolver endpoints and attachments
//! given by an ENI map, split into bytes per AWS service (the version 5
//! `pkt-dst-aws-service` / `pkt-src-aws-service` fields where logged, else a
//! longest-prefix match over the AWS `ip-ranges.json`) and per source (spoke VPC,
//! on-premises, other VPC), and turned into GB per month for a workload's
//! `[workload.traffic.<service>]`.
//!
//! * [`enis`]: the ENI map (CSV).
//! * [`ipranges`]: `ip-ranges.json` and the longest-prefix match.
//! * [`read`]: the streaming readers.
//! * [`traffic`]: which bytes count, and the aggregation.
//! * [`render`]: `traffic.csv` and the TOML fragment.

pub mod enis;
mod error;
pub mod ipranges;
pub mod net;
pub mod read;
pub mod render;
pub mod traffic;

pub use enis::{Eni, EniKind, EniMap};
pub use error::{FlowError, Result};
pub use ipranges::IpRanges;
pub use read::read_flow_log;
pub use traffic::{Source, Traffic, TrafficRow, TrafficSummary};
