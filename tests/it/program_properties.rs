//! The compiled program against the engine, on generated inputs (proptest).
//!
//! - Every resource kind (with the options that change its charges: existing TGW
//!   attachments, both transfer kinds, both health-check types, blocks in other Regions):
//!   the program's figures equal the engine's exactly (money to the last decimal, capacity
//!   figures to the bit), and each ladder's total and cost equal the sums of the engine's
//!   line items on it.
//! - The kinds of issue 15 (Regional NAT, resource gateways, configurations and endpoints,
//!   service-network endpoints, Lattice services, Direct Connect, VPN) in the same scenarios,
//!   with locations and GB that have no price (the program's error is the engine's).
//! - Every design, with and without failover (both modes, standby or not, ARC, cross-Region
//!   endpoint sets, consumer and provider), over random workloads and random axes (spokes,
//!   AZs, traffic, remote clients, DNS, hours, an explicit block's count): every point of
//!   the sweep evaluated through the compiled design equals the engine on the explicit
//!   resources the parser and the designs module give for that point. `nat-regional` and
//!   the on-premises transport (Direct Connect or VPN) are among them, and private-API
//!   workloads (`resource-endpoint`, `service-network`, `lattice-service`) are swept over
//!   spokes, AZs, GB and requests.
//! - Service quotas: every outcome compared carries the quota standing (ok, increase
//!   needed) or is impossible with the reason; most cases run on a book with tiny quotas
//!   (hard ones too), so that small inputs pass them, and centralized designs split their
//!   hubs (transit gateways, hub VPCs, Profiles, zone copies), under every
//!   `split_on_quota`.

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;
use vpceplan::engine::evaluate;
use vpceplan::pricing::PriceBook;
use vpceplan::program::{Figures, Outcome, Program, Scratch};
use vpceplan::scenario::parse_scenario;
use vpceplan::sweep::{self, Plan};

fn book() -> PriceBook {
    PriceBook::builtin().expect("book")
}

/// The built-in book with tiny quotas (hard ones too), so that small generated inputs
/// pass them, and centralized designs split, at every turn.
fn tiny_book() -> PriceBook {
    let small = [
        ("tgw_attachments_per_tgw", 6),
        ("tgws_per_region", 2),
        ("tgws_per_vpc", 2),
        ("interface_endpoints_per_vpc", 2),
        ("gateway_endpoints_per_region", 3),
        ("gateway_endpoints_per_vpc", 1),
        ("nat_gateways_per_az", 3),
        ("resolver_endpoints_per_region", 1),
        ("ips_per_resolver_endpoint", 3),
        ("hosted_zones_per_account", 8),
        ("vpcs_per_hosted_zone", 5),
        ("profiles_per_region", 2),
        ("vpcs_per_profile", 4),
        ("health_checks_per_account", 60),
        ("arc_clusters_per_account", 1),
        ("routing_controls_per_cluster", 1),
        ("nlbs_per_region", 1),
        ("resource_gateways_per_vpc", 1),
        ("resource_configurations_per_region", 3),
        ("lattice_services_per_region", 2),
        ("vpn_connections_per_region", 2),
        ("dx_connections_per_location", 3),
    ];
    let mut text = String::new();
    for (i, line) in include_str!("../../pricing/quotas.csv").lines().enumerate() {
        let mut f: Vec<&str> = line.splitn(4, ',').collect();
        let v;
        if i > 0 {
            let (_, n) = small
                .iter()
                .find(|(id, _)| *id == f[0])
                .expect("every quota");
            v = n.to_string();
            f[2] = &v;
        }
        text += &f.join(",");
        text.push('\n');
    }
    book()
        .with_quotas("tiny-quotas.csv", &text)
        .expect("tiny quotas")
}

fn dec_str(mantissa: u64, scale: u32) -> String {
    Decimal::from_i128_with_scale(i128::from(mantissa), scale)
        .normalize()
        .to_string()
}

prop_compose! {
    fn amount()(m in prop_oneof![Just(0u64), 0u64..2_000, 0u64..20_000_000, 0u64..9_000_000_000], s in 0u32..4) -> String {
        dec_str(m, s)
    }
}

prop_compose! {
    fn azs()(n in 1u64..4, ids in any::<bool>()) -> String {
        if ids {
            let all = ["use1-az1", "use1-az4", "use1-az6"];
            format!("[{}]", all[..n as usize].iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", "))
        } else {
            n.to_string()
        }
    }
}

prop_compose! {
    /// Blocks of the kinds of issue 15 (Regional NAT, resource gateways, configurations and
    /// endpoints, service-network endpoints, Lattice services, Direct Connect, VPN), with the
    /// options that change their charges (existing connections, port types and speeds,
    /// locations with and without a rate, GB over VPN that has no price, other Regions).
    fn new_kinds()(
        rnat in proptest::option::weighted(0.7, (1u64..4, azs(), amount(), 0u32..300, prop::sample::select(vec!["us-east-1", "eu-west-1", "ap-northeast-1"]))),
        gateway in proptest::option::weighted(0.5, (1u64..3, azs(), 1u64..63)),
        configs in proptest::collection::vec((1u64..4, 0u64..4), 0..3),
        rend in proptest::collection::vec((1u64..5, azs(), amount(), 0u32..300), 0..3),
        snend in proptest::option::weighted(0.6, (1u64..5, azs(), amount(), 0u32..300)),
        lattice in proptest::option::weighted(0.7, (1u64..4, amount(), prop_oneof![Just("0".to_string()), amount(), (0u64..3_000_000_000).prop_map(|n| n.to_string())])),
        dx in proptest::collection::vec((
            1u64..4,
            prop::sample::select(vec![("dedicated", "1G"), ("dedicated", "10G"), ("dedicated", "100G"), ("hosted", "50M"), ("hosted", "500M"), ("hosted", "25G")]),
            prop::sample::select(vec![("us-east-1", "EqDC2"), ("eu-west-1", "EqDC2"), ("us-east-1", "Nowhere1")]),
            amount(), 0u32..300, any::<bool>(),
        ), 0..3),
        vpn in proptest::option::weighted(0.6, (1u64..4, prop_oneof![3 => Just("0".to_string()), 1 => amount()], 0u32..40, any::<bool>())),
    ) -> String {
        let mut s = String::new();
        if let Some((count, azs, gb, peak, region)) = &rnat {
            let azs = if *region != "us-east-1" && azs.starts_with('[') { "2".to_string() } else { azs.clone() };
            s += &format!("[[regional_nat_gateway]]\nregion = \"{region}\"\ncount = {count}\nazs = {azs}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        if let Some((count, azs, ips)) = &gateway {
            s += &format!("[[resource_gateway]]\ncount = {count}\nazs = {azs}\nipv4_addresses_per_eni = {ips}\n");
        }
        for (count, assoc) in &configs {
            s += &format!("[[resource_configuration]]\ncount = {count}\nservice_network_associations = {assoc}\n");
        }
        for (count, azs, gb, peak) in &rend {
            s += &format!("[[resource_endpoint]]\ncount = {count}\nazs = {azs}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        if let Some((count, azs, gb, peak)) = &snend {
            s += &format!("[[service_network_endpoint]]\ncount = {count}\nazs = {azs}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        if let Some((count, gb, requests)) = &lattice {
            s += &format!("[[lattice_service]]\ncount = {count}\ngb_per_month = \"{gb}\"\nrequests_per_month = \"{requests}\"\n");
        }
        for (count, (kind, speed), (region, location), gb, peak, existing) in &dx {
            s += &format!("[[direct_connect]]\nregion = \"{region}\"\ncount = {count}\nconnection_type = \"{kind}\"\nport_speed = \"{speed}\"\nlocation = \"{location}\"\ngb_per_month = \"{gb}\"\npeak_gbps = {}\nexisting = {existing}\n", f64::from(*peak) / 10.0);
        }
        if let Some((count, gb, peak, existing)) = &vpn {
            s += &format!("[[vpn_connection]]\ncount = {count}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\nexisting = {existing}\n", f64::from(*peak) / 10.0);
        }
        s
    }
}

prop_compose! {
    /// A scenario with blocks of every kind (each kind present with good odds).
    fn every_kind()(
        ifaces in proptest::collection::vec((1u64..4, azs(), amount(), 0u32..600, any::<bool>()), 0..3),
        gateway in proptest::option::weighted(0.8, (1u64..4, amount(), any::<bool>())),
        gwlb in proptest::option::weighted(0.8, (1u64..4, amount(), 0u32..300)),
        nat in proptest::option::weighted(0.8, (1u64..5, amount(), 0u32..300)),
        tgw in proptest::collection::vec((1u64..6, amount(), 0u32..400, any::<bool>()), 0..3),
        resolver in proptest::option::weighted(0.8, (2u64..7, amount(), 0u32..40000, any::<bool>())),
        zones in 0u64..40,
        zone_assoc in 0u64..60,
        checks in proptest::collection::vec((1u64..70, 0u64..3, any::<bool>()), 0..3),
        xaz in proptest::option::weighted(0.8, (1u32..3, amount())),
        inter in proptest::option::weighted(0.8, (amount(), prop::sample::select(vec!["us-west-2", "us-east-2", "eu-west-1"]))),
        arc in proptest::option::weighted(0.8, (1u64..3, 0u64..5)),
        profile in proptest::option::weighted(0.8, (1u64..3, 0u64..250)),
        nlb in proptest::option::weighted(0.8, (1u64..3, amount())),
        hours in prop::sample::select(vec![720u32, 730, 744]),
        limits in prop::sample::select(vec!["seed", "current"]),
        // Boxed: its value tree on the heap (inline, the whole tree overflows the test
        // thread's stack in debug builds).
        newer in new_kinds().boxed(),
        owners in (any::<bool>(), proptest::collection::vec(any::<bool>(), 24), proptest::collection::vec(proptest::option::weighted(0.4, (any::<bool>(), 0u32..11)), 3)),
    ) -> String {
        let (separate, owner, cross) = owners;
        let mut s = format!("name = \"every\"\nregion = \"us-east-1\"\nhours_per_month = {hours}\nlimits = \"{limits}\"\n");
        s += &format!("[accounts]\nnames = [\"a\", \"b\"]\nbilling = \"{}\"\n", if separate { "separate" } else { "consolidated" });
        for (i, (count, azs, gb, peak, west)) in ifaces.iter().enumerate() {
            let region = if *west { "region = \"us-west-2\"\n" } else { "" };
            let azs = if *west && azs.starts_with('[') { "2".to_string() } else { azs.clone() };
            // Some endpoints reach a service in another Region (cross-Region PrivateLink).
            let remote = match cross.get(i).copied().flatten() {
                Some((eu, resp)) => {
                    let to = match (*west, eu) {
                        (true, _) => "us-east-1",
                        (false, true) => "eu-west-1",
                        (false, false) => "us-west-2",
                    };
                    format!("service_region = \"{to}\"\nresponse_share = {}\n", f64::from(resp) / 10.0)
                }
                None => String::new(),
            };
            s += &format!("[[interface_endpoint]]\n{region}{remote}service = \"svc\"\ncount = {count}\nazs = {azs}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        if let Some((count, gb, ddb)) = &gateway {
            let svc = if *ddb { "dynamodb" } else { "s3" };
            s += &format!("[[gateway_endpoint]]\nservice = \"{svc}\"\ncount = {count}\ngb_per_month = \"{gb}\"\n");
        }
        if let Some((count, gb, peak)) = &gwlb {
            s += &format!("[[gwlb_endpoint]]\ncount = {count}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        if let Some((count, gb, peak)) = &nat {
            s += &format!("[[nat_gateway]]\ncount = {count}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\n", f64::from(*peak) / 10.0);
        }
        for (count, gb, peak, existing) in &tgw {
            s += &format!("[[tgw_attachment]]\ncount = {count}\ngb_per_month = \"{gb}\"\npeak_gbps = {}\nexisting = {existing}\n", f64::from(*peak) / 10.0);
        }
        if let Some((ips, q, qps, inbound)) = &resolver {
            let dir = if *inbound { "inbound" } else { "outbound" };
            s += &format!("[[resolver_endpoint]]\ndirection = \"{dir}\"\nips = {ips}\nqueries_per_month = \"{q}\"\npeak_qps = {qps}\n");
        }
        if zones > 0 {
            s += &format!("[[hosted_zone]]\ncount = {zones}\nvpc_associations = {zone_assoc}\n");
        }
        for (count, features, aws) in &checks {
            let t = if *aws { "aws" } else { "non-aws" };
            s += &format!("[[health_check]]\ncount = {count}\ntype = \"{t}\"\noptional_features = {features}\n");
        }
        if let Some((sides, gb)) = &xaz {
            s += &format!("[[data_transfer]]\nkind = \"cross-az\"\nbilled_sides = {sides}\ngb_per_month = \"{gb}\"\n");
        }
        if let Some((gb, to)) = &inter {
            s += &format!("[[data_transfer]]\nkind = \"inter-region\"\nto_region = \"{to}\"\ngb_per_month = \"{gb}\"\n");
        }
        if let Some((count, controls)) = arc {
            s += &format!("[[arc_cluster]]\ncount = {count}\nrouting_controls = {controls}\n");
        }
        if let Some((count, assoc)) = profile {
            s += &format!("[[route53_profile]]\ncount = {count}\nvpc_associations = {assoc}\n");
        }
        if let Some((count, nlcu)) = &nlb {
            s += &format!("[[nlb]]\ncount = {count}\nnlcu_per_hour = \"{nlcu}\"\n");
        }
        s += &newer;
        // Each block owned by account a or b.
        let mut out = String::new();
        let mut i = 0;
        for line in s.lines() {
            out += line;
            out.push('\n');
            if line.starts_with("[[") {
                out += if owner[i % owner.len()] { "account = \"b\"\n" } else { "account = \"a\"\n" };
                i += 1;
            }
        }
        out
    }
}

/// A tier slice of a charge: (payer, Region, component, variant, block, tier).
type SliceKey = (String, String, String, String, String, usize);

/// The first line of an error, as a sweep row shows it.
fn first_line(e: &vpceplan::error::Error) -> String {
    e.to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn every_kind_compiled_equals_the_engines_line_items(src in every_kind(), tiny in any::<bool>()) {
        let b = if tiny { tiny_book() } else { book() };
        let s = parse_scenario("every.toml", &src, &b).expect("the generator writes valid scenarios");
        let p = Program::of(&s, &b);
        let mut scratch = Scratch::default();
        scratch.nums = p.base().to_vec();
        let got = p.eval_nums(&mut scratch, s.hours_per_month, None).expect("no overflow");
        match evaluate(&s, &b) {
            Err(e) => prop_assert_eq!(got, Outcome::Invalid(first_line(&e)), "{}", src),
            Ok(e) => {
                prop_assert_eq!(&got, &Outcome::of(&e, None), "{}", src);
                if let Outcome::Valid(f) = &got {
                    prop_assert_eq!(f, &Figures::of(&e, None));
                    prop_assert_eq!(f.quotas, e.quotas.standing);
                }
                // Each ladder: the engine's line items on it add up to its total and cost.
                // A tier slice's per-AZ parts are added first (they are split so that
                // they add up to the slice exactly), then the slices.
                // The payer of a line item's ladder: the organization under consolidated
                // billing, its account under separate billing.
                let separate = s.accounts.billing == vpceplan::scenario::Billing::Separate;
                let payer = |a: &str| if separate { a.to_string() } else { String::new() };
                let mut slices: BTreeMap<SliceKey, (Decimal, Decimal)> = BTreeMap::new();
                for l in &e.lines {
                    let v = slices.entry((payer(&l.account), l.region.clone(), l.component.clone(), l.variant.clone(), l.block.clone(), l.tier)).or_default();
                    v.0 += l.quantity;
                    v.1 += l.monthly;
                }
                let mut by_key: BTreeMap<(String, String, String, String), (Decimal, Decimal)> = BTreeMap::new();
                for ((who, region, component, variant, _, _), (q, m)) in slices {
                    let v = by_key.entry((who, region, component, variant)).or_default();
                    v.0 += q;
                    v.1 += m;
                }
                let ladders = p.ladder_costs(&scratch, s.hours_per_month);
                for ((who, region, component, variant), (qty, monthly)) in &by_key {
                    let l = ladders.iter().find(|l| &l.payer == who && &l.region == region && l.component == component && &l.variant == variant);
                    prop_assert!(l.is_some(), "no ladder {} {} {} {}", who, region, component, variant);
                    let l = l.unwrap();
                    prop_assert_eq!(l.total, *qty, "{} {} quantity\n{}", region, component, src);
                    prop_assert_eq!(l.monthly, Some(*monthly), "{} {} monthly\n{}", region, component, src);
                }
                for l in &ladders {
                    if !l.total.is_zero() {
                        prop_assert!(by_key.contains_key(&(l.payer.clone(), l.region.clone(), l.component.to_string(), l.variant.clone())), "{} has no line items", l.component);
                    }
                }
                // The accounts add up to the total, blended and unblended.
                prop_assert_eq!(e.accounts.iter().map(|a| a.monthly).sum::<Decimal>(), e.monthly, "{}", src);
                prop_assert_eq!(e.accounts.iter().map(|a| a.unblended).sum::<Decimal>(), e.monthly, "{}", src);
                // Capacity: the program's worst figures are the engine's rows', to the bit.
                let min = e.capacity.iter().map(|c| c.headroom_pct).fold(None, |a: Option<f64>, h| Some(a.map_or(h, |a| a.min(h))));
                if let Outcome::Valid(f) = &got {
                    prop_assert_eq!(f.min_headroom_pct.map(f64::to_bits), min.map(f64::to_bits));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Designs, with failover, over random workloads and random axes.

prop_compose! {
    /// A service's `[workload.traffic.<name>]` table, for a name given later.
    fn traffic()(
        own_gb in proptest::option::of(amount()),
        onprem in prop_oneof![3 => Just("0".to_string()), 1 => amount()],
        other_vpc in prop_oneof![3 => Just("0".to_string()), 1 => amount()],
        other_region in prop_oneof![3 => Just("0".to_string()), 1 => amount()],
        peak in proptest::option::of(0u32..300), remote_peak in 0u32..100,
    ) -> String {
        let mut t = format!("onprem_gb_per_month = \"{onprem}\"\nother_vpc_gb_per_month = \"{other_vpc}\"\nother_region_gb_per_month = \"{other_region}\"\nremote_peak_gbps = {}\n", f64::from(remote_peak) / 10.0);
        if let Some(g) = own_gb {
            t += &format!("gb_per_month_per_spoke = \"{g}\"\n");
        }
        if let Some(p) = peak {
            t += &format!("peak_gbps_per_spoke = {}\n", f64::from(p) / 10.0);
        }
        t
    }
}

prop_compose! {
    fn failover()(
        active in any::<bool>(), standby in any::<bool>(), arc in any::<bool>(),
        sets in any::<bool>(), provider in prop::bool::weighted(0.2),
        secondary in proptest::option::of(1u64..4), nlbs in 1u64..3, nlcu in amount(),
    ) -> String {
        let mode = if active { "active-active" } else { "active-passive" };
        let mut t = format!("[failover]\nmode = \"{mode}\"\nregions = [\"us-east-1\", \"us-west-2\"]\n");
        if !active {
            t += &format!("standby_endpoints = {standby}\n");
        }
        if let Some(n) = secondary {
            t += &format!("secondary_azs = {n}\n");
        }
        if provider {
            // ARC is the provider's (a consumer given `arc` is an error).
            t += &format!("role = \"provider\"\narc = {arc}\nnlbs_per_region = {nlbs}\nnlcu_per_hour = \"{nlcu}\"\n");
        } else {
            t += &format!("cross_region_sets = {sets}\n");
        }
        t
    }
}

prop_compose! {
    /// `onprem_transport` and its keys: Direct Connect (types, speeds, a location with and
    /// without a rate, existing or new) or VPN (mostly nothing out, which has a price).
    fn onprem_transport()(
        dx in any::<bool>(),
        port in prop::sample::select(vec![("dedicated", "1G"), ("dedicated", "10G"), ("hosted", "200M"), ("hosted", "5G")]),
        location in prop::sample::select(vec!["EqDC2", "EqDC2", "EqDC2", "Nowhere1"]),
        connections in 1u64..4,
        share in prop_oneof![Just("0".to_string()), Just("1".to_string()), (0u64..=100).prop_map(|n| dec_str(n, 2))],
        existing in any::<bool>(),
    ) -> String {
        if dx {
            let (kind, speed) = port;
            format!("onprem_transport = \"direct-connect\"\ndx_connection_type = \"{kind}\"\ndx_port_speed = \"{speed}\"\ndx_location = \"{location}\"\nonprem_connections = {connections}\nonprem_out_share = \"{share}\"\nonprem_existing = {existing}\n")
        } else {
            let share = if existing { share } else { "0".to_string() };
            format!("onprem_transport = \"vpn\"\nonprem_connections = {connections}\nonprem_out_share = \"{share}\"\nonprem_existing = {existing}\n")
        }
    }
}

prop_compose! {
    /// A private-API workload (pattern = "private-api") swept over spokes, AZs, GB and
    /// requests, with its three designs and the services designs (invalid for it).
    fn private_api_sweep()(
        services in proptest::collection::btree_set(prop::sample::select(vec!["orders", "billing", "events"]), 1..3),
        spokes in 1u64..30,
        azs in azs(),
        hub in proptest::option::weighted(0.4, azs()),
        gb in amount(),
        requests in prop_oneof![Just("0".to_string()), amount(), (0u64..2_000_000_000).prop_map(|n| n.to_string())],
        own_requests in proptest::option::weighted(0.3, amount()),
        spoke_vals in proptest::collection::btree_set(1u64..40, 1..4),
        gb_vals in proptest::collection::vec(amount(), 1..3),
        azs_vals in proptest::option::of(proptest::collection::btree_set(1u64..5, 1..3)),
        request_vals in proptest::option::weighted(0.6, proptest::collection::vec(prop_oneof![Just("0".to_string()), (0u64..5_000_000_000).prop_map(|n| n.to_string())], 1..3)),
        hours in prop::bool::weighted(0.3),
        others in any::<bool>(),
    ) -> String {
        let names: Vec<&str> = services.iter().copied().collect();
        let mut s = format!(
            "name = \"api\"\nregion = \"us-east-1\"\n[workload]\npattern = \"private-api\"\nspokes = {spokes}\nazs = {azs}\nservices = [{}]\ngb_per_month_per_spoke = \"{gb}\"\nrequests_per_month_per_spoke = \"{requests}\"\n",
            names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
        );
        if let Some(h) = &hub {
            s += &format!("hub_azs = {h}\n");
        }
        if let Some(r) = &own_requests {
            s += &format!("[workload.traffic.{}]\nrequests_per_month_per_spoke = \"{r}\"\n", names[0]);
        }
        s += if others {
            "[compare]\ndesigns = [\"resource-endpoint\", \"service-network\", \"lattice-service\", \"nat\", \"distributed\"]\n"
        } else {
            "[compare]\ndesigns = [\"resource-endpoint\", \"service-network\", \"lattice-service\"]\n"
        };
        let list = |v: &[String]| v.iter().map(|x| format!("\"{x}\"")).collect::<Vec<_>>().join(", ");
        s += "[sweep]\n";
        s += &format!("spokes = [{}]\n", spoke_vals.iter().map(u64::to_string).collect::<Vec<_>>().join(", "));
        s += &format!("gb_per_month_per_spoke = [{}]\n", list(&gb_vals));
        if let Some(a) = &azs_vals {
            s += &format!("azs = [{}]\n", a.iter().map(u64::to_string).collect::<Vec<_>>().join(", "));
        }
        if let Some(v) = &request_vals {
            s += &format!("requests_per_month_per_spoke = [{}]\n", list(v));
        }
        if hours {
            s += "hours_per_month = [720, 744]\n";
        }
        s
    }
}

prop_compose! {
    fn workload_sweep()(
        services in proptest::collection::btree_set(
            prop::sample::select(vec!["s3", "dynamodb", "sts", "aoss", "email-smtp", "payments"]),
            1..4),
        traffic in proptest::collection::vec(traffic(), 4),
        gb in amount(),
        spokes in 1u64..30,
        azs in azs(),
        hub in proptest::option::weighted(0.3, 1u64..4),
        dns in prop_oneof![Just("0".to_string()), amount()],
        qps in 0u32..30000,
        resolver_inbound in proptest::option::of(any::<bool>()),
        ips in 2u64..7,
        existing in any::<bool>(),
        zones in proptest::option::weighted(0.3, 1u64..30),
        fo in proptest::option::weighted(0.4, failover()),
        spoke_vals in proptest::collection::btree_set(1u64..40, 1..4),
        gb_vals in proptest::collection::vec(amount(), 1..3),
        azs_vals in proptest::option::of(proptest::collection::btree_set(1u64..5, 1..3)),
        onprem_vals in proptest::option::weighted(0.4, proptest::collection::vec(prop_oneof![Just("0".to_string()), amount()], 1..3)),
        dns_vals in proptest::option::weighted(0.3, proptest::collection::vec(prop_oneof![Just("0".to_string()), amount()], 1..3)),
        own_vals in proptest::option::weighted(0.3, proptest::collection::vec(amount(), 1..3)),
        peak_vals in proptest::option::weighted(0.3, proptest::collection::vec(0u32..500, 1..3)),
        hours in prop::bool::weighted(0.3),
        zone_vals in proptest::option::weighted(0.5, proptest::collection::btree_set(1u64..40, 1..3)),
        transport in proptest::option::weighted(0.4, onprem_transport()),
        accounts in (any::<bool>(), any::<bool>(), 0u32..11, proptest::option::weighted(0.3, 0u32..200_000), proptest::option::weighted(0.2, (amount(), any::<bool>()))),
        split in prop::sample::select(vec!["any", "hard", "never"]),
    ) -> String {
        let (hub_and_spoke, separate, resp, conns, ses) = accounts;
        let names: Vec<&str> = services.iter().copied().collect();
        let tables: Vec<String> = names
            .iter()
            .zip(&traffic)
            .map(|(n, t)| {
                let private = if *n == "payments" { "public_endpoint = false\n" } else { "" };
                format!("[workload.traffic.\"{n}\"]\n{t}{private}")
            })
            .collect();
        let all_own = tables.iter().all(|t| t.contains("gb_per_month_per_spoke"));
        let all_peak = tables.iter().all(|t| t.contains("peak_gbps_per_spoke ="));
        let mut s = "name = \"w\"\nregion = \"us-east-1\"\n".to_string();
        if separate {
            s += "[accounts]\nbilling = \"separate\"\n";
        }
        if let Some(z) = zones {
            s += &format!("[[hosted_zone]]\ncount = {z}\n");
        }
        s += &format!("[workload]\nspokes = {spokes}\nazs = {azs}\nservices = [{}]\ndns_queries_per_month = \"{dns}\"\ndns_peak_qps = {qps}\nresolver_ips = {ips}\nexisting_tgw_attachments = {existing}\n",
            names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", "));
        if !all_own {
            s += &format!("gb_per_month_per_spoke = \"{gb}\"\n");
        }
        if let Some(h) = hub {
            s += &format!("hub_azs = {h}\n");
        }
        if hub_and_spoke {
            s += "accounts = \"hub-and-spoke\"\n";
        }
        s += &format!("response_share = {}\n", f64::from(resp) / 10.0);
        if let Some(c) = conns {
            s += &format!("connections_per_destination = {c}\n");
        }
        if let Some((gb, nat)) = &ses {
            let path = if *nat { "nat" } else { "none" };
            s += &format!("ses_api_gb_per_month_per_spoke = \"{gb}\"\nses_api_path = \"{path}\"\n");
        }
        if let Some(r) = resolver_inbound {
            s += &format!("resolver_inbound = {r}\n");
        }
        // The on-premises transport (not modelled with failover: the parser refuses both).
        if let (Some(t), None) = (&transport, &fo) {
            s += t;
        }
        for t in &tables {
            s += t;
        }
        let provider = fo.as_ref().is_some_and(|f| f.contains("provider"));
        if let Some(f) = &fo {
            s += f;
        }
        if !provider {
            s += "[compare]\ndesigns = [\"nat\", \"nat-regional\", \"distributed\", \"centralized\", \"centralized-phz\", \"gateway-where-possible\", \"gateway-only\"]\n";
            s += &format!("split_on_quota = \"{split}\"\n");
        } else {
            s += &format!("[compare]\nsplit_on_quota = \"{split}\"\n");
        }
        let list = |v: &[String]| v.iter().map(|x| format!("\"{x}\"")).collect::<Vec<_>>().join(", ");
        s += "[sweep]\n";
        s += &format!("spokes = [{}]\n", spoke_vals.iter().map(u64::to_string).collect::<Vec<_>>().join(", "));
        if !all_own {
            s += &format!("gb_per_month_per_spoke = [{}]\n", list(&gb_vals));
        }
        if let Some(a) = &azs_vals {
            s += &format!("azs = [{}]\n", a.iter().map(u64::to_string).collect::<Vec<_>>().join(", "));
        }
        if let Some(v) = &onprem_vals {
            s += &format!("\"workload.traffic.{}.onprem_gb_per_month\" = [{}]\n", names[0], list(v));
        }
        if let Some(v) = &dns_vals {
            s += &format!("dns_queries_per_month = [{}]\n", list(v));
        }
        if let Some(v) = &own_vals {
            s += &format!("\"workload.traffic.{}.gb_per_month_per_spoke\" = [{}]\n", names[names.len() - 1], list(v));
        }
        if let (false, Some(v)) = (all_peak, &peak_vals) {
            s += &format!("peak_gbps_per_spoke = [{}]\n", v.iter().map(|p| (f64::from(*p) / 10.0).to_string()).collect::<Vec<_>>().join(", "));
        }
        if hours {
            s += "hours_per_month = [720, 744]\n";
        }
        if let (Some(_), Some(v)) = (zones, &zone_vals) {
            s += &format!("\"hosted_zone[0].count\" = [{}]\n", v.iter().map(u64::to_string).collect::<Vec<_>>().join(", "));
        }
        s
    }
}

/// Every point of a design sweep: the compiled design's outcome is the engine's on the
/// parser's scenario for that point, figures exact (f64 to the bit), reasons equal.
///
/// The generator's value trees nest deep (two dozen knobs); an unoptimised build needs
/// more than a test thread's default stack for them, so the runner has a thread of its own.
#[test]
fn design_sweeps_compiled_equal_the_engine_at_every_point() {
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    let run = || {
        let mut runner = TestRunner::new(Config {
            cases: 96,
            ..Config::default()
        });
        let strategy = (workload_sweep(), prop::bool::weighted(0.6));
        let result = runner.run(&strategy, |(text, tiny)| {
            let b = if tiny { tiny_book() } else { book() };
            let sw = match sweep::file::from_text("w.toml", Path::new("."), &text, &b) {
                Ok(sw) => sw,
                // A combination the parser refuses as a whole (e.g. a peak axis where every
                // service gives its own peak) is not what this test is about.
                Err(_) => return Ok(()),
            };
            let plan = Plan::new(&sw, &b, false);
            let mut w = vpceplan::sweep::plan::Worker::default();
            for p in 0..sw.total {
                let d = plan.digits(p);
                let combo = plan.combo(&d, &mut w);
                let fast = plan.outcome(&combo, &d, &mut w, None);
                let engine = plan.reference_outcome(&d);
                if fast != engine {
                    return Err(TestCaseError::fail(format!(
                        "point {p} of\n{text}\nfast:   {fast:?}\nengine: {engine:?}"
                    )));
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
    };
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(run)
        .expect("a test thread")
        .join()
        .expect("the property holds");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Private-API design sweeps: every point through the compiled designs equals the
    /// engine on the parser's scenario for that point.
    #[test]
    fn private_api_sweeps_compiled_equal_the_engine_at_every_point(text in private_api_sweep()) {
        let b = book();
        let sw = match sweep::file::from_text("api.toml", Path::new("."), &text, &b) {
            Ok(sw) => sw,
            Err(_) => return Ok(()),
        };
        let plan = Plan::new(&sw, &b, false);
        let mut w = vpceplan::sweep::plan::Worker::default();
        for p in 0..sw.total {
            let d = plan.digits(p);
            let combo = plan.combo(&d, &mut w);
            let fast = plan.outcome(&combo, &d, &mut w, None);
            let engine = plan.reference_outcome(&d);
            prop_assert_eq!(&fast, &engine, "point {} of\n{}", p, text);
        }
    }
}

/// The generator's sweeps do go through compiled designs (not the parser per point).
#[test]
fn design_sweeps_take_the_compiled_path() {
    let b = book();
    let text = "name = \"w\"\nregion = \"us-east-1\"\n[workload]\nspokes = 3\nazs = 2\nservices = [\"s3\", \"sts\"]\ngb_per_month_per_spoke = 100\nonprem_gb_per_month = 5\n\
                [failover]\nmode = \"active-active\"\nregions = [\"us-east-1\", \"us-west-2\"]\n\
                [sweep]\nspokes = [1, 2, 30]\nazs = [2, 3]\nonprem_gb_per_month = [0, 7]\n";
    // The same with per-spoke accounts billed separately, across a tier boundary (the
    // spokes' GB cross 1 PB consolidated, never per spoke).
    let accounts = "name = \"w\"\nregion = \"us-east-1\"\n[accounts]\nbilling = \"separate\"\n\
                    [workload]\nspokes = 3\nazs = 2\nservices = [\"s3\", \"sts\"]\ngb_per_month_per_spoke = 900000\n\
                    accounts = \"hub-and-spoke\"\nresponse_share = 0.3\n\
                    [compare]\ndesigns = [\"distributed\", \"centralized\"]\n\
                    [sweep]\nspokes = [1, 2, 30]\nazs = [2, 3]\n";
    for text in [text, accounts] {
        let sw = sweep::file::from_text("w.toml", Path::new("."), text, &b).unwrap();
        let plan = Plan::new(&sw, &b, false);
        let mut w = vpceplan::sweep::plan::Worker::default();
        for p in 0..sw.total {
            let d = plan.digits(p);
            let combo = plan.combo(&d, &mut w);
            assert!(
                matches!(combo.kind, vpceplan::sweep::plan::ComboKind::Design(_)),
                "point {p}: {:?}",
                combo.kind
            );
            assert_eq!(
                plan.outcome(&combo, &d, &mut w, None),
                plan.reference_outcome(&d)
            );
        }
    }
}

/// Private-API sweeps over requests, and workloads with an on-premises transport, go
/// through compiled designs too.
#[test]
fn private_api_and_transport_sweeps_take_the_compiled_path() {
    let b = book();
    for text in [
        "name = \"api\"\nregion = \"us-east-1\"\n[workload]\npattern = \"private-api\"\nspokes = 3\nazs = 2\nservices = [\"orders\"]\ngb_per_month_per_spoke = 100\nrequests_per_month_per_spoke = 1000\n\
         [sweep]\nspokes = [1, 7]\nrequests_per_month_per_spoke = [0, 100000000, 5000000000]\n",
        "name = \"w\"\nregion = \"us-east-1\"\n[workload]\nspokes = 3\nazs = 2\nservices = [\"s3\", \"sts\"]\ngb_per_month_per_spoke = 100\nonprem_gb_per_month = 5\n\
         onprem_transport = \"direct-connect\"\ndx_port_speed = \"1G\"\ndx_location = \"EqDC2\"\nonprem_out_share = 0.25\n\
         [compare]\ndesigns = [\"nat\", \"nat-regional\", \"distributed\", \"centralized\"]\n\
         [sweep]\nspokes = [1, 30]\nonprem_gb_per_month = [0, 7000]\n",
    ] {
        let sw = sweep::file::from_text("w.toml", Path::new("."), text, &b).unwrap();
        let plan = Plan::new(&sw, &b, false);
        let mut w = vpceplan::sweep::plan::Worker::default();
        for p in 0..sw.total {
            let d = plan.digits(p);
            let combo = plan.combo(&d, &mut w);
            assert!(
                matches!(combo.kind, vpceplan::sweep::plan::ComboKind::Design(_)),
                "point {p}: {:?}",
                combo.kind
            );
            assert_eq!(
                plan.outcome(&combo, &d, &mut w, None),
                plan.reference_outcome(&d)
            );
        }
    }
}
