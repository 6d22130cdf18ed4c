//! The AWS IP address ranges file (`ip-ranges.json`: `prefixes` with `ip_prefix`,
//! `region`, `service`; `ipv6_prefixes` with `ipv6_prefix`...), read from a path the user
//! gives, and a longest-prefix match over it.
//!
//! The prefixes are flattened once into sorted, non-overlapping address intervals, each
//! owned by its longest (most specific) prefix, so a lookup is one binary search (about
//! 15 steps for the ~10,000 prefixes of a Region-wide file), whatever the number of flow
//! records. Where the same prefix is listed under several services, a named service wins
//! over `EC2`, and `EC2` over the catch-all `AMAZON` (AWS lists every range under `AMAZON`
//! too).

use std::net::IpAddr;

use serde::Deserialize;

use super::error::{FlowError, Result};

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    prefixes: Vec<RawV4>,
    #[serde(default)]
    ipv6_prefixes: Vec<RawV6>,
}

#[derive(Deserialize)]
struct RawV4 {
    ip_prefix: String,
    #[serde(default)]
    region: String,
    service: String,
}

#[derive(Deserialize)]
struct RawV6 {
    ipv6_prefix: String,
    #[serde(default)]
    region: String,
    service: String,
}

/// What a matched address belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    /// Service as `ip-ranges.json` names it (`S3`, `DYNAMODB`, `AMAZON`...).
    pub service: String,
    /// Region (`us-east-1`, or `GLOBAL`).
    pub region: String,
}

#[derive(Clone, Debug)]
struct Interval {
    start: u128,
    end: u128,
    owner: u32,
}

/// Longest-prefix lookup over IPv4 and IPv6 ranges.
#[derive(Clone, Debug, Default)]
pub struct IpRanges {
    owners: Vec<Owner>,
    v4: Vec<Interval>,
    v6: Vec<Interval>,
}

/// Preference among owners of the same prefix (higher wins).
fn preference(service: &str) -> u8 {
    match service {
        "AMAZON" => 0,
        "EC2" => 1,
        _ => 2,
    }
}

fn parse_prefix(s: &str, v6: bool) -> Option<(u128, u128, u8)> {
    let (addr, len) = s.trim().split_once('/')?;
    let len: u8 = len.parse().ok()?;
    let (value, bits) = match addr.parse::<IpAddr>().ok()? {
        IpAddr::V4(a) if !v6 => (u128::from(u32::from(a)), 32u8),
        IpAddr::V6(a) if v6 => (u128::from(a), 128u8),
        _ => return None,
    };
    if len > bits {
        return None;
    }
    let host_bits = u32::from(bits - len);
    let mask: u128 = if host_bits == 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    };
    let start = value & !mask;
    Some((start, start | mask, len))
}

/// Flattens nested CIDR ranges into disjoint intervals owned by the innermost range.
/// `ranges`: (start, end, prefix length, preference, owner).
fn flatten(mut ranges: Vec<(u128, u128, u8, u8, u32)>) -> Vec<Interval> {
    // Outer ranges first; among equal ranges the preferred one last (innermost).
    ranges.sort_by_key(|r| (r.0, r.2, r.3, r.4));
    ranges.dedup_by_key(|r| (r.0, r.2, r.3, r.4));
    let mut out: Vec<Interval> = Vec::new();
    let mut stack: Vec<(u128, u32)> = Vec::new();
    // Next address not yet given an owner (None past the end of the space).
    let mut cursor: Option<u128> = Some(0);
    let emit = |out: &mut Vec<Interval>, from: Option<u128>, to: u128, owner: u32| {
        if let Some(f) = from
            && f <= to
        {
            match out.last_mut() {
                Some(last) if last.owner == owner && last.end.checked_add(1) == Some(f) => {
                    last.end = to;
                }
                _ => out.push(Interval {
                    start: f,
                    end: to,
                    owner,
                }),
            }
        }
    };
    for (start, end, _, _, owner) in ranges {
        while let Some(&(top_end, top_owner)) = stack.last() {
            if top_end >= start {
                break;
            }
            emit(&mut out, cursor, top_end, top_owner);
            cursor = cursor.map(|c| c.max(top_end.saturating_add(1)));
            if top_end == u128::MAX {
                cursor = None;
            }
            stack.pop();
        }
        if let Some(&(_, top_owner)) = stack.last()
            && start > 0
        {
            emit(&mut out, cursor, start - 1, top_owner);
        }
        cursor = Some(cursor.map_or(start, |c| c.max(start)));
        stack.push((end, owner));
    }
    while let Some((top_end, top_owner)) = stack.pop() {
        emit(&mut out, cursor, top_end, top_owner);
        cursor = if top_end == u128::MAX {
            None
        } else {
            cursor.map(|c| c.max(top_end + 1))
        };
    }
    out
}

impl IpRanges {
    /// Reads `ip-ranges.json` text; `file` is for messages.
    pub fn from_json(text: &str, file: &str) -> Result<IpRanges> {
        let raw: RawFile = serde_json::from_str(text).map_err(|e| {
            FlowError::new(
                file,
                format!("line {}, column {}", e.line(), e.column()),
                format!("not an AWS ip-ranges.json file: {e}"),
            )
            .hint("pass the file AWS publishes as ip-ranges.json (prefixes and ipv6_prefixes)")
        })?;
        if raw.prefixes.is_empty() && raw.ipv6_prefixes.is_empty() {
            return Err(FlowError::new(file, "", "no `prefixes` or `ipv6_prefixes`")
                .hint("pass the AWS ip-ranges.json file"));
        }
        let mut owners: Vec<Owner> = Vec::new();
        let mut owner_id = |service: &str, region: &str| -> u32 {
            let o = Owner {
                service: service.trim().to_string(),
                region: region.trim().to_string(),
            };
            match owners.iter().position(|x| *x == o) {
                Some(i) => i as u32,
                None => {
                    owners.push(o);
                    (owners.len() - 1) as u32
                }
            }
        };
        let mut v4 = Vec::new();
        for (i, p) in raw.prefixes.iter().enumerate() {
            let (s, e, len) = parse_prefix(&p.ip_prefix, false).ok_or_else(|| {
                FlowError::new(
                    file,
                    format!("prefixes[{i}]"),
                    format!("\"{}\" is not an IPv4 prefix (a.b.c.d/n)", p.ip_prefix),
                )
            })?;
            v4.push((
                s,
                e,
                len,
                preference(&p.service),
                owner_id(&p.service, &p.region),
            ));
        }
        let mut v6 = Vec::new();
        for (i, p) in raw.ipv6_prefixes.iter().enumerate() {
            let (s, e, len) = parse_prefix(&p.ipv6_prefix, true).ok_or_else(|| {
                FlowError::new(
                    file,
                    format!("ipv6_prefixes[{i}]"),
                    format!("\"{}\" is not an IPv6 prefix", p.ipv6_prefix),
                )
            })?;
            v6.push((
                s,
                e,
                len,
                preference(&p.service),
                owner_id(&p.service, &p.region),
            ));
        }
        Ok(IpRanges {
            owners,
            v4: flatten(v4),
            v6: flatten(v6),
        })
    }

    /// The owner of the longest prefix holding `ip`, if any.
    pub fn lookup(&self, ip: IpAddr) -> Option<&Owner> {
        let (table, v) = match ip {
            IpAddr::V4(a) => (&self.v4, u128::from(u32::from(a))),
            IpAddr::V6(a) => match a.to_ipv4_mapped() {
                Some(m) => (&self.v4, u128::from(u32::from(m))),
                None => (&self.v6, u128::from(a)),
            },
        };
        let i = table.partition_point(|iv| iv.start <= v);
        let iv = table.get(i.checked_sub(1)?)?;
        (v <= iv.end).then(|| &self.owners[iv.owner as usize])
    }

    /// Intervals after flattening (IPv4, IPv6).
    pub fn len(&self) -> (usize, usize) {
        (self.v4.len(), self.v6.len())
    }

    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
      "syncToken": "1", "createDate": "2026-10-01-00-00-00",
      "prefixes": [
        {"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "AMAZON", "network_border_group": "us-east-1"},
        {"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "S3", "network_border_group": "us-east-1"},
        {"ip_prefix": "52.0.0.0/8", "region": "us-east-1", "service": "AMAZON", "network_border_group": "us-east-1"},
        {"ip_prefix": "52.94.0.0/22", "region": "us-east-1", "service": "DYNAMODB", "network_border_group": "us-east-1"},
        {"ip_prefix": "52.94.0.0/22", "region": "us-east-1", "service": "AMAZON", "network_border_group": "us-east-1"},
        {"ip_prefix": "3.5.0.0/19", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"},
        {"ip_prefix": "3.5.0.0/19", "region": "eu-west-1", "service": "AMAZON", "network_border_group": "eu-west-1"}
      ],
      "ipv6_prefixes": [
        {"ipv6_prefix": "2600:1f00::/24", "region": "GLOBAL", "service": "AMAZON"},
        {"ipv6_prefix": "2600:1fa0:8000::/40", "region": "us-east-1", "service": "S3"}
      ]
    }"#;

    fn svc(r: &IpRanges, ip: &str) -> Option<String> {
        r.lookup(ip.parse().unwrap()).map(|o| o.service.clone())
    }

    #[test]
    fn longest_prefix_wins_and_named_services_beat_amazon() {
        let r = IpRanges::from_json(SAMPLE, "ip-ranges.json").unwrap();
        assert_eq!(svc(&r, "52.216.1.1").as_deref(), Some("S3")); // /15 S3 inside /8 AMAZON
        assert_eq!(svc(&r, "52.217.255.255").as_deref(), Some("S3")); // last address of the /15
        assert_eq!(svc(&r, "52.218.0.0").as_deref(), Some("AMAZON")); // just past it: the /8
        assert_eq!(svc(&r, "52.94.3.255").as_deref(), Some("DYNAMODB"));
        assert_eq!(svc(&r, "52.94.4.0").as_deref(), Some("AMAZON"));
        assert_eq!(svc(&r, "52.0.0.0").as_deref(), Some("AMAZON"));
        assert_eq!(svc(&r, "51.255.255.255"), None);
        assert_eq!(svc(&r, "53.0.0.0"), None);
        assert_eq!(svc(&r, "3.5.0.9").as_deref(), Some("EC2"));
        assert_eq!(svc(&r, "8.8.8.8"), None);
        assert_eq!(svc(&r, "2600:1fa0:8000::1").as_deref(), Some("S3"));
        assert_eq!(svc(&r, "2600:1f00::1").as_deref(), Some("AMAZON"));
        assert_eq!(svc(&r, "2600:1fa1::1").as_deref(), Some("AMAZON"));
        assert_eq!(svc(&r, "2001:db8::1"), None);
        assert_eq!(svc(&r, "::ffff:52.216.1.1").as_deref(), Some("S3"));
        let e = IpRanges::from_json(
            "{\"prefixes\": [{\"ip_prefix\": \"1.2.3/8\", \"service\": \"S3\"}]}",
            "x.json",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("x.json, prefixes[0]"), "{e}");
    }

    #[test]
    fn flatten_matches_a_naive_longest_prefix_search() {
        // Random nested prefixes in a small space, checked address by address.
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        for _ in 0..50 {
            let mut ranges = Vec::new();
            for o in 0..12u32 {
                let len = 24 + (next() % 9) as u8; // /24 to /32 inside 10.0.0.0/24
                let host = 32 - u32::from(len);
                let base =
                    (10u128 << 24) | (u128::from(next() as u32 % 256) & !((1u128 << host) - 1));
                let end = base | ((1u128 << host) - 1);
                ranges.push((base, end, len, (next() % 3) as u8, o));
            }
            let flat = flatten(ranges.clone());
            for a in (10u128 << 24)..((10u128 << 24) + 256) {
                let naive = ranges
                    .iter()
                    .filter(|r| r.0 <= a && a <= r.1)
                    .max_by_key(|r| (r.2, r.3, r.4))
                    .map(|r| r.4);
                let i = flat.partition_point(|iv| iv.start <= a);
                let got = i
                    .checked_sub(1)
                    .and_then(|i| flat.get(i))
                    .filter(|iv| a <= iv.end)
                    .map(|iv| iv.owner);
                assert_eq!(got, naive, "address {a}");
            }
        }
    }
}
