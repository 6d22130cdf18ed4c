//! Workload keys as the inputs of compiled designs.
//!
//! A `[workload]` number — `spokes`, `azs` (as a count), a service's GB or peak, on-premises
//! or other remote traffic, DNS queries, Resolver IPs — feeds a design's forms
//! ([`crate::designs::shape`](mod@crate::designs::shape)) without changing the design's shape (or changes it only
//! where [`Inputs::sig`] says, and then the shape for that signature is compiled once).
//! So a sweep axis over such keys is *fast*: each point sets the numbers in the design's
//! [`Inputs`] and evaluates the compiled design, with no parsing and no allocation.
//!
//! The parser stays the authority: [`InputKey::set_scenario`] sets a key in a parsed
//! scenario as the parser would (splitting a workload-level figure evenly over the
//! services whose traffic tables do not give it), [`InputKey::set`] does the same to the
//! numbers, [`check`] accepts exactly the values the parser accepts, and each compiled
//! combination is probed: the parser's scenario at the axes' first and last values must be
//! the compiled one with those values set, or its points go through the parser.

use super::apply::{KeyPath, Seg, float_of};
use super::fast::Num;
use crate::designs::Inputs;
use crate::money::{parse_exact, split_even, split_even_parts};
use crate::scenario::Scenario;
use crate::scenario::keys::{self, Ty};
use rust_decimal::Decimal;
use toml::{Table, Value};

/// A figure of each service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceFigure {
    Gb,
    Peak,
    Onprem,
    OtherVpc,
    OtherRegion,
    RemotePeak,
    /// Requests a month per spoke (VPC Lattice services bill them).
    Requests,
}

impl ServiceFigure {
    const KEYS: [(&'static str, ServiceFigure); 7] = [
        ("gb_per_month_per_spoke", ServiceFigure::Gb),
        ("peak_gbps_per_spoke", ServiceFigure::Peak),
        ("onprem_gb_per_month", ServiceFigure::Onprem),
        ("other_vpc_gb_per_month", ServiceFigure::OtherVpc),
        ("other_region_gb_per_month", ServiceFigure::OtherRegion),
        ("remote_peak_gbps", ServiceFigure::RemotePeak),
        ("requests_per_month_per_spoke", ServiceFigure::Requests),
    ];

    fn of(key: &str) -> Option<ServiceFigure> {
        Self::KEYS.iter().find(|(k, _)| *k == key).map(|(_, f)| *f)
    }

    fn key(self) -> &'static str {
        Self::KEYS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(k, _)| k)
    }

    /// A float (peak) figure rather than an exact decimal (GB).
    fn float(self) -> bool {
        matches!(self, ServiceFigure::Peak | ServiceFigure::RemotePeak)
    }
}

/// A `[workload]` key resolved against one parsed scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum InputKey {
    Spokes,
    /// `azs` as a count (labels `az1`..`azN`); `hub`: the hub VPC follows it (no
    /// `hub_azs`); `secondary`: a failover setup's secondary Region follows it (no
    /// `secondary_azs`).
    Azs {
        hub: bool,
        secondary: bool,
    },
    ResolverIps,
    DnsQueries,
    DnsPeakQps,
    /// A service figure: of one service (`[workload.traffic.<service>]`), or, written at
    /// the workload level, split evenly over `services`, those whose traffic tables do
    /// not give it.
    Service {
        figure: ServiceFigure,
        services: Vec<usize>,
        split: bool,
    },
}

/// What values a workload key takes, as the parser checks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Whole(u64, u64),
    /// An exact quantity ≥ 0 up to `max`, and at least `min_nonzero` unless 0.
    Quantity(Decimal, Option<Decimal>),
    /// A float ≥ 0.
    Float,
}

/// The `[workload]` keys a compiled design takes as inputs.
const INPUTS: &[&str] = &[
    "spokes",
    "azs",
    "resolver_ips",
    "dns_queries_per_month",
    "dns_peak_qps",
];

/// What values an input key takes: the scenario key table's declaration
/// ([`crate::scenario::keys`]), which the parser checks values against.
fn kind_of(key: &str) -> Option<Kind> {
    if !INPUTS.contains(&key) && ServiceFigure::of(key).is_none() {
        return None;
    }
    let def = keys::table("workload")?.key(key)?;
    let dec = |s: &str| parse_exact(s).unwrap_or(Decimal::MAX);
    Some(match def.ty {
        Ty::Whole { min, max } => Kind::Whole(min, max),
        // As an input, `azs` is a count (a list of AZ IDs is a new shape).
        Ty::Azs => Kind::Whole(1, keys::MAX_AZS),
        Ty::Quantity { max, min_nonzero } => Kind::Quantity(dec(max), min_nonzero.map(dec)),
        Ty::Rate => Kind::Float,
        _ => return None,
    })
}

/// The workload key a resolved path names, if it is one a compiled design takes as an
/// input (its last segment).
pub fn input_key_name(path: &KeyPath) -> Option<&str> {
    match path.segs.as_slice() {
        [Seg::Key(w), Seg::Key(k)] if w == "workload" => kind_of(k).map(|_| k.as_str()),
        [Seg::Key(w), Seg::Key(t), Seg::Key(_), Seg::Key(k)]
            if w == "workload" && t == "traffic" && ServiceFigure::of(k).is_some() =>
        {
            Some(k.as_str())
        }
        _ => None,
    }
}

/// Whether a value is one the parser accepts for workload key `key`; `None` when it is,
/// else what is wrong. Mirrors `scenario::workload` (pinned by a test running the parser).
pub fn check(key: &str, d: Decimal) -> Option<String> {
    let negative = d.is_sign_negative() && !d.is_zero();
    match kind_of(key)? {
        Kind::Whole(min, max) => {
            if !d.fract().is_zero() {
                return Some(format!("must be a whole number (got {})", d.normalize()));
            }
            match u64::try_from(d) {
                Ok(n) if n >= min && n <= max => None,
                _ => Some(format!("must be {min} to {max} (got {})", d.normalize())),
            }
        }
        _ if negative => Some(format!("must not be negative (got {d})")),
        Kind::Quantity(max, min_nonzero) => {
            if d > max {
                Some(format!(
                    "{d} is more than vpceplan plans for (at most {max})"
                ))
            } else if min_nonzero.is_some_and(|m| !d.is_zero() && d < m) {
                Some(format!("{d} is below the smallest figure taken"))
            } else {
                None
            }
        }
        Kind::Float => None,
    }
}

/// Whether workload key `key` is a float (a peak).
pub fn float_key(key: &str) -> bool {
    matches!(kind_of(key), Some(Kind::Float))
}

/// Whether workload key `key` takes whole numbers only.
pub fn whole(key: &str) -> bool {
    matches!(kind_of(key), Some(Kind::Whole(..)))
}

/// Service names as the parser normalises them.
fn norm(s: &str) -> String {
    s.trim().to_ascii_lowercase()
}

/// Resolve a workload key for one parsed scenario `s` and its document `doc`. `others`:
/// the paths the sweep's other axes set (a service whose own figure an axis sets does not
/// share the workload-level one). `None` when the key is not an input here.
pub fn resolve(path: &KeyPath, s: &Scenario, doc: &Table, others: &[&KeyPath]) -> Option<InputKey> {
    let w = s.workload.as_ref()?;
    let wdoc = match doc.get("workload") {
        Some(Value::Table(t)) => t,
        _ => return None,
    };
    let traffic = match wdoc.get("traffic") {
        Some(Value::Table(t)) => Some(t),
        _ => None,
    };
    let own = |service: &str, key: &str| -> bool {
        let in_doc = traffic.is_some_and(|t| {
            t.iter().any(|(name, v)| {
                norm(name) == service && matches!(v, Value::Table(tt) if tt.contains_key(key))
            })
        });
        let by_axis = others.iter().any(|p| match p.segs.as_slice() {
            [Seg::Key(a), Seg::Key(b), Seg::Key(c), Seg::Key(k)] => {
                a == "workload" && b == "traffic" && norm(c) == service && k == key
            }
            _ => false,
        });
        in_doc || by_axis
    };
    match path.segs.as_slice() {
        [Seg::Key(_), Seg::Key(k)] => Some(match k.as_str() {
            "spokes" => InputKey::Spokes,
            "azs" => InputKey::Azs {
                hub: w.hub_azs.is_none(),
                secondary: s.failover.is_some()
                    && !matches!(doc.get("failover"), Some(Value::Table(f)) if f.contains_key("secondary_azs")),
            },
            "resolver_ips" => InputKey::ResolverIps,
            "dns_queries_per_month" => InputKey::DnsQueries,
            "dns_peak_qps" => InputKey::DnsPeakQps,
            k => {
                let figure = ServiceFigure::of(k)?;
                InputKey::Service {
                    figure,
                    services: w
                        .services
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| !own(&t.service, k))
                        .map(|(i, _)| i)
                        .collect(),
                    split: true,
                }
            }
        }),
        [_, _, Seg::Key(svc), Seg::Key(k)] => {
            let figure = ServiceFigure::of(k)?;
            let i = w.services.iter().position(|t| t.service == norm(svc))?;
            Some(InputKey::Service {
                figure,
                services: vec![i],
                split: false,
            })
        }
        _ => None,
    }
}

impl InputKey {
    /// Whether the key's values need their float form.
    pub fn float(&self) -> bool {
        match self {
            InputKey::DnsPeakQps => true,
            InputKey::Service { figure, .. } => figure.float(),
            _ => false,
        }
    }

    /// Set the key in a design's numbers (as [`InputKey::set_scenario`] sets it in the
    /// scenario they are read from).
    pub fn set(&self, x: &mut Inputs, v: &Num) {
        match self {
            InputKey::Spokes => x.spokes = v.whole,
            InputKey::Azs { hub, secondary } => {
                x.spoke_azs = v.whole;
                if *hub {
                    x.hub_azs = v.whole;
                }
                if *secondary {
                    x.secondary_azs = v.whole;
                }
            }
            InputKey::ResolverIps => x.resolver_ips = v.whole,
            InputKey::DnsQueries => x.dns_queries = v.dec,
            InputKey::DnsPeakQps => x.dns_peak_qps = v.float,
            InputKey::Service {
                figure,
                services,
                split,
            } => {
                let n = services.len();
                let Some(&last) = services.last() else {
                    return;
                };
                if figure.float() {
                    let each = if *split { v.float / n as f64 } else { v.float };
                    for &i in services {
                        let s = &mut x.services[i];
                        match figure {
                            ServiceFigure::Peak => s.peak = each,
                            _ => s.remote_peak = each,
                        }
                    }
                } else {
                    let (part, rest) = if *split {
                        split_even_parts(v.dec, n)
                    } else {
                        (v.dec, v.dec)
                    };
                    for &i in services {
                        let d = if i == last { rest } else { part };
                        let s = &mut x.services[i];
                        let (o, v, r) = s.remote_parts();
                        match figure {
                            ServiceFigure::Gb => s.gb = d,
                            ServiceFigure::Requests => s.requests = d,
                            ServiceFigure::Onprem => s.set_remote(d, v, r),
                            ServiceFigure::OtherVpc => s.set_remote(o, d, r),
                            _ => s.set_remote(o, v, d),
                        }
                    }
                }
            }
        }
    }

    /// Set the key in a parsed workload scenario as the parser would have set it.
    pub fn set_scenario(&self, s: &mut Scenario, d: Decimal) {
        let d = d.normalize();
        let whole = u64::try_from(d).unwrap_or(0);
        let float = float_of(d);
        let labels = |n: u64| (1..=n).map(|i| format!("az{i}")).collect::<Vec<_>>();
        if let (
            InputKey::Azs {
                secondary: true, ..
            },
            Some(f),
        ) = (self, s.failover.as_mut())
        {
            f.secondary_azs = labels(whole);
        }
        let Some(w) = s.workload.as_mut() else {
            return;
        };
        match self {
            InputKey::Spokes => w.spokes = whole,
            // The hub follows `azs` by having no AZs of its own (`hub_azs` unset).
            InputKey::Azs { .. } => w.azs = labels(whole),
            InputKey::ResolverIps => w.resolver_ips = whole,
            InputKey::DnsQueries => w.dns_queries_per_month = d,
            InputKey::DnsPeakQps => w.dns_peak_qps = float,
            InputKey::Service {
                figure,
                services,
                split,
            } => {
                let n = services.len();
                let parts = if *split { split_even(d, n) } else { vec![d; n] };
                let each = if *split && n > 0 {
                    float / n as f64
                } else {
                    float
                };
                for (&i, part) in services.iter().zip(parts) {
                    let t = &mut w.services[i];
                    match figure {
                        ServiceFigure::Gb => t.gb_per_month_per_spoke = part,
                        ServiceFigure::Peak => t.peak_gbps_per_spoke = each,
                        ServiceFigure::Onprem => t.onprem_gb_per_month = part,
                        ServiceFigure::OtherVpc => t.other_vpc_gb_per_month = part,
                        ServiceFigure::OtherRegion => t.other_region_gb_per_month = part,
                        ServiceFigure::RemotePeak => t.remote_peak_gbps = each,
                        ServiceFigure::Requests => t.requests_per_month_per_spoke = part,
                    }
                }
            }
        }
    }

    /// The key's name in a workload (for messages).
    pub fn name(&self) -> &'static str {
        match self {
            InputKey::Spokes => "spokes",
            InputKey::Azs { .. } => "azs",
            InputKey::ResolverIps => "resolver_ips",
            InputKey::DnsQueries => "dns_queries_per_month",
            InputKey::DnsPeakQps => "dns_peak_qps",
            InputKey::Service { figure, .. } => figure.key(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::PriceBook;
    use crate::sweep::apply::{BaseDoc, materialize};
    use crate::sweep::axis::doc_value;
    use rust_decimal_macros::dec;

    const BASE: &str = r#"
name = "w"
region = "us-east-1"
[workload]
spokes = 3
azs = 2
services = ["s3", "sts", "kms"]
gb_per_month_per_spoke = 100
peak_gbps_per_spoke = 1.5
onprem_gb_per_month = 7
resolver_ips = 3
dns_queries_per_month = 1000
[workload.traffic.sts]
gb_per_month_per_spoke = 5
remote_peak_gbps = 0.5
[workload.traffic.kms]
[failover]
mode = "active-active"
regions = ["us-east-1", "us-west-2"]
"#;

    /// For every workload input key and a spread of values: the parser accepts exactly
    /// what `check` accepts, and where it accepts, setting the key in the parsed base (and
    /// in its numbers) gives what the parser gives.
    #[test]
    fn inputs_set_what_the_parser_sets_and_check_what_it_checks() {
        let book = PriceBook::builtin().unwrap();
        let doc: Table = toml::from_str(BASE).unwrap();
        let base = BaseDoc {
            file: "w.toml".into(),
            doc: doc.clone(),
        };
        let keys = [
            "workload.spokes",
            "workload.azs",
            "workload.resolver_ips",
            "workload.dns_queries_per_month",
            "workload.dns_peak_qps",
            "workload.gb_per_month_per_spoke",
            "workload.peak_gbps_per_spoke",
            "workload.onprem_gb_per_month",
            "workload.other_vpc_gb_per_month",
            "workload.other_region_gb_per_month",
            "workload.remote_peak_gbps",
            "workload.traffic.sts.gb_per_month_per_spoke",
            "workload.traffic.sts.remote_peak_gbps",
            "workload.traffic.sts.onprem_gb_per_month",
            "workload.traffic.kms.other_region_gb_per_month",
        ];
        let values = [
            dec!(-1),
            dec!(0),
            dec!(0.0000001),
            dec!(0.5),
            dec!(1),
            dec!(2),
            dec!(7),
            dec!(33),
            dec!(1000.25),
            dec!(100001),
            dec!(1e12),
            dec!(2e12),
            dec!(2e15),
        ];
        for k in keys {
            let p = KeyPath::parse(k).unwrap();
            let name = input_key_name(&p).unwrap();
            // As in a sweep: the scenario parsed with the key at a first value (2), then
            // set to each value.
            let first = doc_value(dec!(2));
            let mut doc0 = doc.clone();
            crate::sweep::apply::set(&mut doc0, &p.segs, &first).unwrap();
            let s0 = materialize(&base, &[(std::slice::from_ref(&p), &first)], None, &book)
                .unwrap()
                .scenario;
            let key = resolve(&p, &s0, &doc0, &[]).unwrap();
            for d in values {
                let v = doc_value(d);
                let parsed = materialize(&base, &[(std::slice::from_ref(&p), &v)], None, &book);
                assert_eq!(
                    parsed.is_ok(),
                    check(name, d).is_none(),
                    "{k} = {d}: parser says {:?}",
                    parsed.as_ref().err().map(|e| e.to_string())
                );
                let Ok(parsed) = parsed else { continue };
                let mut s = s0.clone();
                key.set_scenario(&mut s, d);
                assert_eq!(s, parsed.scenario, "{k} = {d}");
                let w = s.workload.as_ref().unwrap();
                let mut x = Inputs::of(&s0, s0.workload.as_ref().unwrap());
                key.set(&mut x, &Num::new(d));
                x.refresh();
                assert_eq!(x, Inputs::of(&s, w), "{k} = {d}");
            }
        }
    }
}
