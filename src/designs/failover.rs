//! Failover setups: a design (consumer) or an NLB-backed endpoint service (provider)
//! compiled into two Regions, with the global Route 53 resources of each party, and the
//! failed-over states: the Region loss in which the surviving Region carries all the
//! traffic, and the month in which the provider's Region is lost while the consumers stay.
//!
//! Who carries what follows the seed's Global Payments post ("Build a multi-Region AWS
//! PrivateLink backed service with seamless failover"):
//! - the **provider** deploys identical services (an NLB and targets) in both Regions,
//!   "creates a Route 53 ARC cluster with routing controls for the primary and secondary
//!   Regions", and "a private hosted zone with a failover record set ... associated with
//!   health checks that are associated with Route 53 ARC routing controls";
//! - the **consumer** creates endpoints "in two Availability Zones in each Region ... two
//!   sets of VPC endpoints: one for the primary service of the provider and one for the
//!   secondary service", and "a Route 53 private hosted zone in each of the two Regions".
//!
//! Each scenario prices one party: `role = "consumer"` its endpoints and hosted zones,
//! `role = "provider"` its NLBs, ARC cluster, health checks and failover zone. Route 53
//! and ARC are global: booked under the book's `global` Region.
//!
//! States:
//! - normal (priced): active-passive puts all traffic in the primary Region and
//!   provisions the secondary's resources only if `standby_endpoints`; active-active
//!   splits traffic evenly;
//! - Region loss (sized, not priced): the lost Region's resources are gone and the
//!   survivor's carry all the traffic; the engine also takes one AZ out of the survivor;
//! - provider failover (priced and sized: a month in failover): the provider's primary
//!   Region is lost (either Region for active-active), every resource stays provisioned and
//!   billed by the hour, and the traffic moves to the surviving provider Region: a consumer
//!   reaches it through its second endpoint set, which in the lost Region's VPCs is a
//!   cross-Region endpoint and so adds inter-Region transfer; a provider's surviving NLBs
//!   carry all the NLCUs.

use super::shape::{Count, Traffic};
use super::{
    Block, DesignChoice, Form, Inputs, RegionCtx, RegionLoss, Shaped, compiled_accounts, finish,
    fixed_blocks, hub_split, owners, region_blocks,
};
use crate::pricing::Quotas;
use crate::scenario::{
    CheckType, Failover, FailoverMode, Kind, Place, Resource, Role, Scenario, VpcPlace, Workload,
};
use rust_decimal::Decimal;

/// Traffic share of (primary, secondary) in the normal state.
pub fn shares(mode: FailoverMode) -> [Decimal; 2] {
    match mode {
        FailoverMode::ActivePassive => [Decimal::ONE, Decimal::ZERO],
        FailoverMode::ActiveActive => [Decimal::new(5, 1), Decimal::new(5, 1)],
    }
}

/// Whether (primary, secondary) have their resources provisioned in the normal state.
pub fn provisioned(f: &Failover) -> [bool; 2] {
    match f.mode {
        FailoverMode::ActivePassive => [true, f.standby_endpoints],
        FailoverMode::ActiveActive => [true, true],
    }
}

/// The month with the provider's Region lost, as compiled.
#[derive(Debug, Clone, PartialEq)]
pub enum ProviderLoss {
    /// Not a state of this setup (a design without endpoint sets to the provider's
    /// services, or no failover).
    None,
    /// For each provider Region that may be lost (the primary for active-passive, either
    /// for active-active): the month's scenario, to be priced and sized by the engine.
    Check { cases: Vec<(String, Scenario)> },
    /// The consumers in the lost Region cannot reach the surviving service.
    NoPath { lost: String, reason: String },
}

/// Compile a failover setup for one design (`None`: the provider's setup).
pub(crate) fn compile(
    s: &Scenario,
    f: &Failover,
    w: &Workload,
    design: Option<&DesignChoice>,
    q: &Quotas,
) -> Shaped {
    let azs = [w.azs.clone(), f.secondary_azs.clone()];
    let hub = [
        w.hub_azs.clone().unwrap_or_else(|| w.azs.clone()),
        f.secondary_azs.clone(),
    ];
    let sets: Vec<Option<String>> = if f.cross_region_sets {
        f.regions.iter().cloned().map(Some).collect()
    } else {
        vec![None]
    };
    let kind = match (f.role, design) {
        (Role::Provider, _) | (_, None) => None,
        (Role::Consumer, Some(d)) => Some(d.kind),
    };
    let (shared, spokes_account, per_spoke) = owners(s, w);
    let split = hub_split(
        (w.services.len() * sets.len()) as u64,
        s.compare.split_on_quota,
        q,
    );
    // One Region's part; `carrier`: the provider Region whose service carries the
    // traffic of endpoint sets (`None`: each Region's own).
    let region_part = |i: usize, share: Decimal, carrier: Option<&str>| -> Vec<Block> {
        let ctx = RegionCtx {
            region: &f.regions[i],
            side: i,
            azs: &azs[i],
            hub_azs: &hub[i],
            share,
            sets: sets.clone(),
            tag: f.regions[i].clone(),
            shared: shared.clone(),
            spokes_account: spokes_account.clone(),
            per_spoke,
            response_share: w.response_share,
            carrier,
            split,
        };
        match kind {
            Some(k) => region_blocks(w, k, &ctx),
            None => provider_blocks(f, &ctx),
        }
    };
    let share = shares(f.mode);
    let up = provisioned(f);
    let mut blocks = fixed_blocks(&s.resources);
    for i in 0..2 {
        if up[i] {
            blocks.extend(region_part(i, share[i], None));
        }
    }
    let global = global_resources(f, &shared);
    blocks.extend(fixed_blocks(&global));
    // Which Region may be lost.
    let lost: &[usize] = match f.mode {
        FailoverMode::ActivePassive => &[0],
        FailoverMode::ActiveActive => &[0, 1],
    };
    let inputs = Inputs::of(s, w);
    let resources =
        |bs: Vec<Block>| -> Vec<Resource> { bs.iter().map(|b| b.resource(&inputs)).collect() };
    // Region loss: the survivor's resources carry all the traffic.
    let mut cases = Vec::new();
    let mut not_provisioned = None;
    for &l in lost {
        let survivor = 1 - l;
        if !up[survivor] {
            not_provisioned = Some(f.regions[l].clone());
            break;
        }
        let mut sc = s.clone();
        sc.resources = resources(region_part(survivor, Decimal::ONE, None));
        cases.push((f.regions[l].clone(), sc));
    }
    let region_loss = match not_provisioned {
        Some(lost) => RegionLoss::NotProvisioned { lost },
        None => RegionLoss::Check { cases },
    };
    // The provider's Region lost for a month: consumers stay, the surviving service
    // carries their traffic; every resource stays billed by the hour.
    let month = |l: usize| -> Scenario {
        let survivor = 1 - l;
        let mut parts = fixed_blocks(&s.resources);
        for i in 0..2 {
            if !up[i] {
                continue;
            }
            match kind {
                // The consumer's traffic stays in its Regions, carried by the sets to the
                // surviving provider Region.
                Some(_) => parts.extend(region_part(i, share[i], Some(&f.regions[survivor]))),
                // The provider's surviving NLBs take all of it.
                None => {
                    let load = if i == survivor {
                        Decimal::ONE
                    } else {
                        Decimal::ZERO
                    };
                    parts.extend(region_part(i, load, None));
                }
            }
        }
        parts.extend(fixed_blocks(&global));
        let mut sc = s.clone();
        sc.resources = resources(parts);
        sc.accounts = compiled_accounts(s, w);
        sc
    };
    let provider_loss = match kind {
        None if f.role == Role::Provider => match lost.iter().find(|&&l| !up[1 - l]) {
            Some(&l) => ProviderLoss::NoPath {
                lost: f.regions[l].clone(),
                reason: format!(
                    "the standby NLBs in {} are not provisioned (standby_endpoints = false)",
                    f.regions[1 - l]
                ),
            },
            None => ProviderLoss::Check {
                cases: lost
                    .iter()
                    .map(|&l| (f.regions[l].clone(), month(l)))
                    .collect(),
            },
        },
        Some(k) if endpoint_design(k) && !w.services.is_empty() => {
            if f.cross_region_sets {
                ProviderLoss::Check {
                    cases: lost
                        .iter()
                        .map(|&l| (f.regions[l].clone(), month(l)))
                        .collect(),
                }
            } else {
                let l = lost[0];
                ProviderLoss::NoPath {
                    lost: f.regions[l].clone(),
                    reason: format!(
                        "the consumer VPCs in {} have no endpoint to the {} service (cross_region_sets = false): they are down until they fail over themselves",
                        f.regions[l],
                        f.regions[1 - l]
                    ),
                }
            }
        }
        _ => ProviderLoss::None,
    };
    let name = design
        .map(|d| d.name.clone())
        .unwrap_or_else(|| "provider".to_string());
    let mut shaped = finish(s, &name, kind, blocks, w, region_loss);
    shaped.plan.provider_loss = match provider_loss {
        ProviderLoss::Check { cases } => ProviderLoss::Check {
            cases: cases
                .into_iter()
                .map(|(lost, mut sc)| {
                    sc.name = format!("{}/{name} (provider {lost} lost)", s.name);
                    sc.resources = super::renumber(sc.resources);
                    sc.expect = Default::default();
                    sc.workload = None;
                    sc.failover = None;
                    sc.expect_designs = Default::default();
                    (lost, sc)
                })
                .collect(),
        },
        other => other,
    };
    shaped
}

/// Whether a design reaches the services through interface endpoints (whose sets may
/// reach the other Region's service), not through NAT gateways.
fn endpoint_design(k: crate::scenario::DesignKind) -> bool {
    !matches!(k, crate::scenario::DesignKind::Nat)
}

/// The provider's side in one Region: NLB(s) behind the endpoint service. The endpoint
/// service itself has no price-book component (PrivateLink bills the consumer's
/// endpoints); the NLB is what the provider pays for.
fn provider_blocks(f: &Failover, c: &RegionCtx<'_>) -> Vec<Block> {
    vec![c.block(
        Kind::Nlb {
            nlcu_per_hour: f.nlcu_per_hour * c.share,
        },
        c.label("NLB behind the endpoint service"),
        c.spokes(),
        0,
        Form::design(Count::Fixed(f.nlbs_per_region), c.spokes(), Traffic::None),
    )]
}

/// Each party's global Route 53 resources (booked under the book's `global` Region, to
/// the scenario's shared account). Consumer: one private hosted zone per Region with the
/// primary/secondary alias records. Provider: the ARC cluster with a routing control per
/// Region cell (with `arc`), a health check per Region (tied to the routing controls, or of
/// the failover records without ARC), and the private hosted zone with the failover record
/// set.
fn global_resources(f: &Failover, account: &str) -> Vec<Resource> {
    let res = |kind: Kind, label: &str, count: u64| Resource {
        kind,
        account: account.to_string(),
        block: String::new(),
        label: label.to_string(),
        region: crate::pricing::GLOBAL.to_string(),
        count,
        azs: Vec::new(),
        gb_per_month: Decimal::ZERO,
        peak_gbps: 0.0,
        place: Place::vpc(VpcPlace::None),
    };
    let mut out = Vec::new();
    match f.role {
        Role::Consumer => out.push(res(
            Kind::HostedZone {
                vpc_associations: 2,
            },
            "private hosted zones, one per Region (primary/secondary alias records)",
            2,
        )),
        Role::Provider => {
            if f.arc {
                out.push(res(
                    Kind::ArcCluster {
                        routing_controls: 2,
                    },
                    "Route 53 ARC cluster (2 routing controls, one per Region cell)",
                    1,
                ));
            }
            out.push(res(
                Kind::HealthCheck {
                    check: CheckType::Aws,
                    optional_features: 0,
                },
                if f.arc {
                    "health checks for the routing controls, one per Region cell"
                } else {
                    "health checks of the failover records, one per Region"
                },
                2,
            ));
            // Associated with the consumer's VPC in each of its two Regions ("Both hosted
            // zones are associated with the VPC used by the service consumer").
            out.push(res(
                Kind::HostedZone {
                    vpc_associations: 2,
                },
                "private hosted zone with the failover record set",
                1,
            ));
        }
    }
    out
}
