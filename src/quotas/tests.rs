//! Counting explicit scenarios against the built-in quotas, by hand.

use super::*;
use crate::pricing::PriceBook;
use crate::scenario::{Scenario, parse_scenario};

fn book() -> PriceBook {
    PriceBook::builtin().expect("built-in book")
}

fn sc(body: &str) -> Scenario {
    let src = format!("name = \"q\"\nregion = \"us-east-1\"\n{body}");
    parse_scenario("q.toml", &src, &book()).unwrap_or_else(|e| panic!("{e}"))
}

fn report(body: &str) -> QuotaReport {
    count(&sc(body).resources, &book().quotas)
}

fn of(r: &QuotaReport, q: Quota) -> &QuotaCount {
    r.counts
        .iter()
        .find(|c| c.quota == q)
        .unwrap_or_else(|| panic!("{} not counted: {r:?}", q.id()))
}

#[test]
fn nat_gateways_per_az_at_the_quota_and_one_past_it() {
    // 10 NAT gateways round-robin over 2 AZs: 5 in each, the default quota (adjustable).
    let r = report("[[nat_gateway]]\ncount = 10\nazs = 2\n");
    let c = of(&r, Quota::NatGatewaysPerAz);
    assert_eq!((c.need, c.value, c.standing), (5, 5, Standing::Ok));
    assert_eq!(r.standing, Standing::Ok);
    // 11: the first AZ gets 6 (11 / 2 = 5, remainder 1 to az1).
    let r = report("[[nat_gateway]]\ncount = 11\nazs = 2\n");
    let c = of(&r, Quota::NatGatewaysPerAz);
    assert_eq!((c.need, c.value), (6, 5));
    assert_eq!(c.standing, Standing::Increase);
    assert_eq!(c.scope, "AZ az1 (us-east-1)");
    assert_eq!(r.standing, Standing::Increase);
    assert_eq!(r.reason(), None);
    assert_eq!(
        c.words(),
        "NAT gateways per account per Availability Zone: need 6, default 5 (AZ az1 (us-east-1))"
    );
    // Two blocks in the same AZs add up, AZ by AZ label.
    let r = report("[[nat_gateway]]\ncount = 6\nazs = 2\n[[nat_gateway]]\ncount = 5\nazs = 2\n");
    // az1: 3 + 3 = 6 (5 round-robin gives az1 3); az2: 3 + 2 = 5.
    assert_eq!(of(&r, Quota::NatGatewaysPerAz).need, 6);
}

#[test]
fn endpoints_share_the_scenarios_vpcs() {
    // Explicit endpoint blocks are one endpoint per VPC in the scenario's VPCs 1..count,
    // shared: 50 blocks put 50 endpoints in the first VPC, the default quota.
    let block = |svc: usize| {
        format!("[[interface_endpoint]]\nservice = \"svc{svc}\"\nazs = 2\ncount = 3\n")
    };
    let fifty: String = (0..50).map(block).collect();
    let r = report(&fifty);
    let c = of(&r, Quota::InterfaceEndpointsPerVpc);
    assert_eq!((c.need, c.value, c.standing), (50, 50, Standing::Ok));
    // A GWLB endpoint is in the same combined quota: 51.
    let r = report(&format!("{fifty}[[gwlb_endpoint]]\n"));
    let c = of(&r, Quota::InterfaceEndpointsPerVpc);
    assert_eq!((c.need, c.standing), (51, Standing::Increase));
    assert_eq!(c.scope, "the scenario's first VPC (us-east-1)");
    // Endpoints in another Region are other VPCs.
    let r = report(&format!(
        "{fifty}[[gwlb_endpoint]]\nregion = \"us-west-2\"\n"
    ));
    assert_eq!(of(&r, Quota::InterfaceEndpointsPerVpc).need, 50);
}

#[test]
fn gateway_endpoints_per_region_and_the_hard_255_per_vpc() {
    // 20 gateway endpoints in the Region (1 per VPC in 20 VPCs): the default, 20.
    let r = report("[[gateway_endpoint]]\nservice = \"s3\"\ncount = 20\n");
    assert_eq!(of(&r, Quota::GatewayEndpointsPerRegion).need, 20);
    assert_eq!(of(&r, Quota::GatewayEndpointsPerVpc).need, 1);
    assert_eq!(r.standing, Standing::Ok);
    let r = report(
        "[[gateway_endpoint]]\nservice = \"s3\"\ncount = 20\n[[gateway_endpoint]]\nservice = \"dynamodb\"\n",
    );
    let c = of(&r, Quota::GatewayEndpointsPerRegion);
    assert_eq!((c.need, c.standing), (21, Standing::Increase));
    assert_eq!(of(&r, Quota::GatewayEndpointsPerVpc).need, 2);
}

#[test]
fn a_hard_limit_passed_is_impossible_with_the_reason() {
    // Private hosted zones: 2 zones associated with 600 VPCs in all, 300 each: the limit.
    let r = report("[[hosted_zone]]\ncount = 2\nvpc_associations = 600\n");
    let c = of(&r, Quota::VpcsPerHostedZone);
    assert_eq!((c.need, c.value, c.standing), (300, 300, Standing::Ok));
    // 601 over 2 zones: ⌈601 / 2⌉ = 301 for one of them; not adjustable.
    let r = report("[[hosted_zone]]\ncount = 2\nvpc_associations = 601\n");
    let c = of(&r, Quota::VpcsPerHostedZone);
    assert_eq!((c.need, c.standing), (301, Standing::Impossible));
    assert_eq!(r.standing, Standing::Impossible);
    assert_eq!(
        r.reason().as_deref(),
        Some(
            "over a hard AWS quota: VPCs associated with a private hosted zone needs 301, the limit is 300 (each of `hosted_zone`); it cannot be raised on request"
        )
    );
    // Hosted zones per account count every block (Route 53 is global: no block has a
    // Region of its own).
    let r = report("[[hosted_zone]]\ncount = 400\n[[hosted_zone]]\ncount = 101\n");
    let c = of(&r, Quota::HostedZonesPerAccount);
    assert_eq!((c.need, c.standing), (501, Standing::Increase));
    assert_eq!(c.scope, "the account");
}

#[test]
fn explicit_attachments_share_one_transit_gateway() {
    // 4,999 spokes + 1 hub on the Region's one transit gateway: 5,000, the quota.
    let two = "[[tgw_attachment]]\ncount = 4999\n[[tgw_attachment]]\nname = \"hub\"\ncount = 1\n";
    let r = report(two);
    let c = of(&r, Quota::TgwAttachmentsPerTgw);
    assert_eq!((c.need, c.standing), (5000, Standing::Ok));
    assert_eq!(of(&r, Quota::TgwsPerRegion).need, 1);
    // Each attaches VPCs of its own: one transit gateway per VPC.
    assert_eq!(of(&r, Quota::TgwsPerVpc).need, 1);
    let r = report(&two.replace("4999", "5000"));
    let c = of(&r, Quota::TgwAttachmentsPerTgw);
    // Adjustable per the current AWS page (verified = no: an older edition said no).
    assert_eq!((c.need, c.standing), (5001, Standing::Increase));
    assert_eq!(c.scope, "the first transit gateway (us-east-1)");
}

#[test]
fn resource_counts_are_per_unit() {
    // 3 Profiles sharing 2,500 associations: ⌈2500 / 3⌉ = 834 each; 6 Profiles in the
    // Region pass the 5 of the account.
    let r = report("[[route53_profile]]\ncount = 3\nvpc_associations = 2500\n");
    assert_eq!(of(&r, Quota::VpcsPerProfile).need, 834);
    assert_eq!(of(&r, Quota::ProfilesPerRegion).need, 3);
    assert_eq!(r.standing, Standing::Ok);
    let r = report("[[route53_profile]]\ncount = 6\nvpc_associations = 12\n");
    assert_eq!(
        of(&r, Quota::ProfilesPerRegion).standing,
        Standing::Increase
    );
    // Resolver endpoints: 5 in the Region pass 4; 6 IPs each is the quota.
    let r = report("[[resolver_endpoint]]\ndirection = \"inbound\"\ncount = 5\nips = 6\n");
    assert_eq!(of(&r, Quota::ResolverEndpointsPerRegion).need, 5);
    assert_eq!(of(&r, Quota::IpsPerResolverEndpoint).need, 6);
    assert_eq!(r.standing, Standing::Increase);
    // ARC: 3 clusters pass the 2 of the account (hard, per the ARC page's silence).
    let r = report("[[arc_cluster]]\ncount = 3\nrouting_controls = 6\n");
    assert_eq!(of(&r, Quota::RoutingControlsPerCluster).need, 2);
    assert_eq!(
        of(&r, Quota::ArcClustersPerAccount).standing,
        Standing::Impossible
    );
    // Data transfer uses no quota; a scenario of it alone reports nothing.
    let r = report("[[data_transfer]]\nkind = \"cross-az\"\ngb_per_month = 5\n");
    assert!(r.counts.is_empty());
    assert_eq!(r.standing, Standing::Ok);
}

#[test]
fn raised_values_come_from_the_account() {
    let b = book()
        .with_quota_overrides("acct.csv", "id,value\nnat_gateways_per_az,6\n")
        .unwrap();
    let s = sc("[[nat_gateway]]\ncount = 11\nazs = 2\n");
    let r = count(&s.resources, &b.quotas);
    let c = of(&r, Quota::NatGatewaysPerAz);
    assert_eq!((c.need, c.value, c.default), (6, 6, 5));
    assert_eq!(r.standing, Standing::Ok);
    let s = sc("[[nat_gateway]]\ncount = 13\nazs = 2\n");
    let c = count(&s.resources, &b.quotas);
    assert_eq!(
        of(&c, Quota::NatGatewaysPerAz).words(),
        "NAT gateways per account per Availability Zone: need 7, quota 6 (default 5) (AZ az1 (us-east-1))"
    );
}

#[test]
fn thousands_separators() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1,000");
    assert_eq!(thousands(100001), "100,001");
    assert_eq!(thousands(1234567), "1,234,567");
}
