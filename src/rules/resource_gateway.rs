//! Resource gateways (VPC Lattice / PrivateLink resources): the point where traffic to
//! shared resources enters the provider's VPC, spanning AZs (VPC Lattice user guide,
//! "Resource gateways"). Resource access is billed to the resource endpoint or service
//! network that reaches the resource (`resource_endpoint`, `resource_configuration`,
//! `service_network_endpoint`); no charge of a resource gateway of its own was found —
//! AWS's VPC billing-codes page lists no usage type for one and the PrivateLink and
//! Lattice pricing pages name none — so the kind has no charge: add one here, with its
//! component and price rows, if a source turns up. No bandwidth or connection-rate limit
//! was found either (its IPv4 addresses per ENI, 1 to 62, set how many concurrent
//! connections it makes to the resources), so it has no capacity check. A design checks
//! that it shares an AZ with each consumer endpoint (the guide: "At least one
//! Availability Zone of the VPC endpoint and the resource gateway have to overlap").

use super::*;

pub(super) const RULE: Rule = Rule {
    table: "resource_gateway",
    charges: |_| &[],
    capacity: None,
    fast_keys: &[("count", Field::Count)],
    quotas: &[QuotaUse {
        quota: Quota::ResourceGatewaysPerVpc,
        counted: Counted::PerVpc,
    }],
};
