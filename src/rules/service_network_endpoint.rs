//! Service-network endpoints: VPC endpoints of type ServiceNetwork, reaching every
//! resource (and service) of a VPC Lattice service network from one VPC or from
//! on-premises. No hourly charge: "VPC association and Service Network Endpoints at no
//! additional cost" (a third-party transcription of the Lattice pricing page). The
//! block's GB are the resource data reached through it, billed on the Region's resource
//! ladder as for resource endpoints (traffic to Lattice services is billed on the
//! service). Like every VPC endpoint it carries 10 Gbps per AZ, scaling to 100
//! (PrivateLink quotas).

use super::*;

const CHARGES: &[Charge] = &[resource_endpoint::RESOURCE_DATA];

pub(super) const RULE: Rule = Rule {
    table: "service_network_endpoint",
    charges: |_| CHARGES,
    capacity: Some(Capacity {
        limit: LimitId::Named("service_network_endpoint_az"),
        units: Units::PerAz,
        load: Load::Gbps,
    }),
    fast_keys: &[
        ("count", Field::Count),
        ("gb_per_month", Field::Gb),
        ("peak_gbps", Field::PeakGbps),
    ],
    // "VPC endpoints of type service network per service network" (200, L-89DEA27F) is
    // per service network, a scope the counter does not have for these blocks yet.
    quotas: &[],
};
