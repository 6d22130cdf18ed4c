//! Failover setups: a design (consumer) or an NLB-backed endpoint service (provider)
//! compiled into two Regions, with Route 53 ARC and private hosted zones, and the
//! failed-over state in which the surviving Region carries all the traffic.
//!
//! Normal state (priced): active-passive puts all traffic in the primary Region and
//! provisions the secondary's endpoints only if `standby_endpoints`; active-active splits
//! traffic evenly. Route 53 and ARC are global services: their resources are booked under
//! the scenario's `region`.
//!
//! Failed-over state (sized, not priced): the lost Region's resources are gone and the
//! survivor's carry all the traffic; the engine's capacity check then also takes one AZ
//! out of the survivor (one-AZ loss inside a Region).

use super::shape::{Count, Traffic};
use super::{
    Block, DesignChoice, Form, Inputs, RegionCtx, RegionLoss, Shaped, finish, fixed_blocks,
    region_blocks,
};
use crate::scenario::{
    CheckType, Failover, FailoverMode, Kind, Resource, Role, Scenario, Workload,
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

/// Compile a failover setup for one design (`None`: the provider's setup).
pub(crate) fn compile(
    s: &Scenario,
    f: &Failover,
    w: &Workload,
    design: Option<&DesignChoice>,
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
    let region_part = |i: usize, share: Decimal| -> Vec<Block> {
        let ctx = RegionCtx {
            region: &f.regions[i],
            side: i,
            azs: &azs[i],
            hub_azs: &hub[i],
            share,
            sets: sets.clone(),
            tag: f.regions[i].clone(),
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
            blocks.extend(region_part(i, share[i]));
        }
    }
    blocks.extend(fixed_blocks(&global_resources(s, f)));
    // Failed-over states: which Region may be lost, and who survives it.
    let lost: &[usize] = match f.mode {
        FailoverMode::ActivePassive => &[0],
        FailoverMode::ActiveActive => &[0, 1],
    };
    let inputs = Inputs::of(s, w);
    let mut cases = Vec::new();
    let mut not_provisioned = None;
    for &l in lost {
        let survivor = 1 - l;
        if !up[survivor] {
            not_provisioned = Some(f.regions[l].clone());
            break;
        }
        let mut sc = s.clone();
        sc.resources = region_part(survivor, Decimal::ONE)
            .iter()
            .map(|b| b.resource(&inputs))
            .collect();
        cases.push((f.regions[l].clone(), sc));
    }
    let region_loss = match not_provisioned {
        Some(lost) => RegionLoss::NotProvisioned { lost },
        None => RegionLoss::Check { cases },
    };
    let name = design
        .map(|d| d.name.clone())
        .unwrap_or_else(|| "provider".to_string());
    finish(s, &name, kind, blocks, w, region_loss)
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

/// Route 53 and ARC: one cluster, one routing control and one health check per Region
/// cell; private hosted zones (consumer: one per Region with the primary/secondary alias
/// records; provider: one with the failover record set).
fn global_resources(_s: &Scenario, f: &Failover) -> Vec<Resource> {
    let res = |kind: Kind, label: &str, count: u64| Resource {
        kind,
        block: String::new(),
        label: label.to_string(),
        region: crate::pricing::GLOBAL.to_string(),
        count,
        azs: Vec::new(),
        gb_per_month: Decimal::ZERO,
        peak_gbps: 0.0,
    };
    let mut out = Vec::new();
    if f.arc {
        out.push(res(
            Kind::ArcCluster,
            "Route 53 ARC cluster (2 routing controls, one per Region cell)",
            1,
        ));
    }
    if f.arc || f.role == Role::Provider {
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
    }
    match f.role {
        Role::Consumer => out.push(res(
            Kind::HostedZone,
            "private hosted zones, one per Region (primary/secondary alias records)",
            2,
        )),
        Role::Provider => out.push(res(
            Kind::HostedZone,
            "private hosted zone with the failover record set",
            1,
        )),
    }
    out
}
