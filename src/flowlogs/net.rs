//! Addresses: CIDR blocks and the private ranges.

use std::net::IpAddr;

/// An IPv4 or IPv6 CIDR block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    v6: bool,
    start: u128,
    end: u128,
}

fn as_u128(ip: IpAddr) -> (bool, u128) {
    match ip {
        IpAddr::V4(a) => (false, u128::from(u32::from(a))),
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(m) => (false, u128::from(u32::from(m))),
            None => (true, u128::from(a)),
        },
    }
}

impl Cidr {
    /// `10.0.0.0/16`, `2001:db8::/32`.
    pub fn parse(s: &str) -> Option<Cidr> {
        let (a, l) = s.trim().split_once('/')?;
        let ip: IpAddr = a.parse().ok()?;
        let len: u32 = l.parse().ok()?;
        let (v6, v) = match ip {
            IpAddr::V4(x) => (false, u128::from(u32::from(x))),
            IpAddr::V6(x) => (true, u128::from(x)),
        };
        let bits = if v6 { 128 } else { 32 };
        if len > bits {
            return None;
        }
        let host = bits - len;
        let mask = if host == 128 {
            u128::MAX
        } else {
            (1u128 << host) - 1
        };
        Some(Cidr {
            v6,
            start: v & !mask,
            end: (v & !mask) | mask,
        })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let (v6, v) = as_u128(ip);
        v6 == self.v6 && self.start <= v && v <= self.end
    }
}

/// Whether an address is private, shared (CGNAT) or link-local: not on the internet and
/// not an AWS public service address.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            let o = a.octets();
            a.is_private()
                || a.is_loopback()
                || a.is_link_local()
                || (o[0] == 100 && (o[1] & 0xc0) == 64)
        }
        IpAddr::V6(a) => {
            if let Some(m) = a.to_ipv4_mapped() {
                return is_private(IpAddr::V4(m));
            }
            let s = a.segments();
            a.is_loopback() || (s[0] & 0xfe00) == 0xfc00 || (s[0] & 0xffc0) == 0xfe80
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs_and_private_ranges() {
        let c = Cidr::parse("10.1.0.0/16").unwrap();
        assert!(c.contains("10.1.255.1".parse().unwrap()));
        assert!(!c.contains("10.2.0.1".parse().unwrap()));
        assert!(Cidr::parse("10.1.0.0/33").is_none());
        assert!(is_private("172.16.0.1".parse().unwrap()));
        assert!(is_private("100.64.1.1".parse().unwrap()));
        assert!(!is_private("52.216.1.1".parse().unwrap()));
        assert!(is_private("fd00::1".parse().unwrap()));
        assert!(!is_private("2600:1f00::1".parse().unwrap()));
    }
}
