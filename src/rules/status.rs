//! How a block's load stands against its limit ([`Status`]), and the load convention
//! (GB per month as an average rate in Gbps): what every capacity check shares.

use rust_decimal::Decimal;

/// Bytes in the billing GB (AWS bills GB as 2^30 bytes; the Price List's tiers
/// 1,048,576 GB = 1 PB follow the same binary convention).
pub const BYTES_PER_GB: f64 = 1_073_741_824.0;

/// Load against a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// At or below the sustained limit.
    Ok,
    /// Above sustained, within burst.
    Burst,
    /// Above the burst limit.
    Over,
    /// No unit survives (a single-AZ block with its AZ lost).
    Down,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Burst => "burst",
            Status::Over => "over",
            Status::Down => "down",
        }
    }

    /// Classify a per-unit load.
    pub fn of(load: f64, sustained: f64, burst: f64) -> Status {
        // A tolerance of a millionth of the limit keeps an exactly-at-limit load "ok"
        // despite binary rounding.
        if load <= sustained * (1.0 + 1e-9) {
            Status::Ok
        } else if load <= burst * (1.0 + 1e-9) {
            Status::Burst
        } else {
            Status::Over
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Average rate in Gbps of a monthly volume, by the stated convention
/// (1 GB = 2^30 bytes; the month has `hours` hours).
pub fn avg_gbps(gb_per_month: Decimal, hours: u32) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    let gb = gb_per_month.to_f64().unwrap_or(f64::INFINITY);
    gb * BYTES_PER_GB * 8.0 / (f64::from(hours) * 3600.0) / 1e9
}
