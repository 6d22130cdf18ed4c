//! Scenario files (TOML) → validated [`Scenario`]s, with errors that name the file, line
//! and key.
//!
//! Parsing is two-step, raw then validated: serde reads every value with its span
//! (`Spanned<Value>`), unknown keys are rejected there, and validation turns the raw
//! values into exact quantities, checking each against the price book's Regions.

use super::keys::{self, Key};
use super::model::*;
use crate::error::{Error, Result, line_of};
use crate::money::{from_toml_float, parse_exact};
use crate::pricing::PriceBook;
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::{Spanned, Value};

type V = Option<Spanned<Value>>;

/// The top level of a scenario file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScenario {
    pub name: V,
    pub description: V,
    pub region: V,
    pub hours_per_month: V,
    pub limits: V,
    #[serde(default)]
    pub interface_endpoint: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub gateway_endpoint: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub gwlb_endpoint: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub nat_gateway: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub tgw_attachment: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub resolver_endpoint: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub hosted_zone: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub health_check: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub data_transfer: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub arc_cluster: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub route53_profile: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub nlb: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub regional_nat_gateway: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub resource_gateway: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub resource_configuration: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub resource_endpoint: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub service_network_endpoint: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub lattice_service: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub direct_connect: Vec<Spanned<RawBlock>>,
    #[serde(default)]
    pub vpn_connection: Vec<Spanned<RawBlock>>,
    pub expect: Option<Spanned<RawExpect>>,
    pub accounts: Option<Spanned<RawAccounts>>,
    pub workload: Option<Spanned<super::workload::RawWorkload>>,
    pub compare: Option<Spanned<super::workload::RawCompare>>,
    pub failover: Option<Spanned<super::workload::RawFailover>>,
}

/// Every key any resource block may carry; which apply to which kind is checked after.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBlock {
    pub name: V,
    pub region: V,
    pub service: V,
    pub azs: V,
    pub count: V,
    pub gb_per_month: V,
    pub peak_gbps: V,
    pub direction: V,
    pub ips: V,
    pub queries_per_month: V,
    pub peak_qps: V,
    #[serde(rename = "type")]
    pub check_type: V,
    pub optional_features: V,
    pub kind: V,
    pub to_region: V,
    pub billed_sides: V,
    pub vpc_associations: V,
    pub routing_controls: V,
    pub nlcu_per_hour: V,
    pub existing: V,
    pub ipv4_addresses_per_eni: V,
    pub service_network_associations: V,
    pub requests_per_month: V,
    pub connection_type: V,
    pub port_speed: V,
    pub location: V,
    pub account: V,
    pub service_region: V,
    pub response_share: V,
    pub connections_per_destination: V,
}

/// `[accounts]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAccounts {
    pub names: V,
    pub billing: V,
    pub default: V,
}

/// `[expect]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawExpect {
    pub monthly_usd: V,
    pub hourly_usd: V,
    pub min_headroom_pct: V,
    pub status: V,
    pub az_loss_status: V,
    pub valid: V,
    pub region_loss_status: V,
    pub failover_monthly_usd: V,
    pub failover_status: V,
    pub designs: Option<std::collections::BTreeMap<String, Spanned<RawExpect>>>,
}

/// AZ IDs where Amazon SES SMTP interface endpoints are not offered (seed, SES post).
pub const SES_SMTP_UNSUPPORTED_AZ_IDS: &[&str] = &[
    "use1-az2",
    "use1-az3",
    "use1-az5",
    "usw1-az2",
    "usw2-az4",
    "apne2-az4",
    "cac1-az3",
    "cac1-az4",
];

/// The largest whole number a count-like key takes (see [`keys::MAX_WHOLE`]).
const MAX_WHOLE: i64 = keys::MAX_WHOLE as i64;

/// The largest decimal quantity a scenario takes (see [`keys::MAX_DECIMAL`]).
fn max_decimal() -> Decimal {
    parse_exact(keys::MAX_DECIMAL).unwrap_or(Decimal::MAX)
}

/// Context for validating one file.
pub(crate) struct Ctx<'a> {
    pub file: &'a str,
    pub src: &'a str,
    pub book: &'a PriceBook,
}

impl Ctx<'_> {
    pub fn line(&self, span: std::ops::Range<usize>) -> Option<usize> {
        Some(line_of(self.src, span.start))
    }

    pub fn err(
        &self,
        v: &Spanned<Value>,
        key: &str,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) -> Error {
        Error::input(self.file, self.line(v.span()), key, msg, hint)
    }

    fn shown(v: &Value) -> String {
        match v {
            Value::String(s) => format!("\"{s}\""),
            other => other.to_string(),
        }
    }

    /// An exact decimal ≥ 0 (integer, float or string).
    pub fn decimal(&self, v: &Spanned<Value>, key: &str) -> Result<Decimal> {
        let d = match v.get_ref() {
            Value::Integer(i) => Some(Decimal::from(*i)),
            Value::Float(f) => from_toml_float(*f),
            Value::String(s) => parse_exact(s),
            _ => None,
        };
        let Some(d) = d else {
            return Err(self.err(
                v,
                key,
                format!("expected a number, got {}", Self::shown(v.get_ref())),
                format!("write `{key} = 1000` or `{key} = \"1000.50\"`"),
            ));
        };
        if d.is_sign_negative() && !d.is_zero() {
            return Err(self.err(
                v,
                key,
                format!("must not be negative (got {d})"),
                "use 0 or more",
            ));
        }
        if d > max_decimal() {
            return Err(self.err(
                v,
                key,
                format!("{d} is beyond any real deployment (the limit is 10^15)"),
                "check the units of this value (GB, not bytes)",
            ));
        }
        Ok(d)
    }

    /// An exact share from 0 to 1.
    pub fn share(&self, v: &Spanned<Value>, key: &str) -> Result<Decimal> {
        let d = self.decimal(v, key)?;
        if d > Decimal::ONE {
            return Err(self.err(
                v,
                key,
                format!("{d} is more than 1"),
                "give a share from 0 to 1, e.g. 0.5 for half",
            ));
        }
        Ok(d)
    }

    /// A finite f64 ≥ 0.
    pub fn float(&self, v: &Spanned<Value>, key: &str) -> Result<f64> {
        let f = match v.get_ref() {
            Value::Integer(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        match f {
            Some(f) if f.is_finite() && f >= 0.0 => Ok(f),
            Some(f) if f.is_finite() => Err(self.err(
                v,
                key,
                format!("must not be negative (got {f})"),
                "use 0 or more",
            )),
            _ => Err(self.err(
                v,
                key,
                format!("expected a finite number, got {}", Self::shown(v.get_ref())),
                format!("write e.g. `{key} = 2.5`"),
            )),
        }
    }

    /// A whole number ≥ `min`.
    pub fn whole(&self, v: &Spanned<Value>, key: &str, min: u64) -> Result<u64> {
        let n = match v.get_ref() {
            Value::Integer(i) => Some(*i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(*f as i64),
            _ => None,
        };
        match n {
            Some(n) if n > MAX_WHOLE => Err(self.err(
                v,
                key,
                format!("{n} is beyond any real deployment (the limit is {MAX_WHOLE})"),
                "check the units of this value",
            )),
            Some(n) if n >= 0 && (n as u64) >= min => Ok(n as u64),
            Some(n) => Err(self.err(
                v,
                key,
                format!("must be at least {min} (got {n})"),
                format!("use a whole number ≥ {min}"),
            )),
            None => Err(self.err(
                v,
                key,
                format!("expected a whole number, got {}", Self::shown(v.get_ref())),
                format!("write e.g. `{key} = {}`", min.max(1)),
            )),
        }
    }

    /// A non-empty string.
    pub fn string(&self, v: &Spanned<Value>, key: &str) -> Result<String> {
        match v.get_ref() {
            Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            other => Err(self.err(
                v,
                key,
                format!("expected a non-empty string, got {}", Self::shown(other)),
                format!("write e.g. `{key} = \"...\"`"),
            )),
        }
    }

    /// A boolean.
    pub fn boolean(&self, v: &Spanned<Value>, key: &str) -> Result<bool> {
        match v.get_ref() {
            Value::Boolean(b) => Ok(*b),
            other => Err(self.err(
                v,
                key,
                format!("expected true or false, got {}", Self::shown(other)),
                format!("write `{key} = true` or `{key} = false`"),
            )),
        }
    }

    /// One of the values the key table allows for `def` (see [`keys`]).
    pub fn choice(&self, v: &Spanned<Value>, key: &str, def: &Key) -> Result<&'static str> {
        let s = self.string(v, key)?;
        match def.choices().iter().find(|c| **c == s) {
            Some(c) => Ok(c),
            None => Err(self.err(
                v,
                key,
                format!("unknown value `{s}`"),
                format!("use {}: {}", one_of(def.choices()), def.doc),
            )),
        }
    }

    /// A whole number within the range the key table gives `def` (see [`keys`]).
    pub fn whole_in(&self, v: &Spanned<Value>, key: &str, def: &Key) -> Result<u64> {
        let (min, max) = def.range().unwrap_or((0, keys::MAX_WHOLE));
        let n = self.whole(v, key, min)?;
        if n > max {
            return Err(self.err(
                v,
                key,
                format!("{n} is more than {max}"),
                format!("use {min} to {max}: {}", def.doc),
            ));
        }
        Ok(n)
    }

    /// A Region the price book knows.
    pub fn region(&self, v: &Spanned<Value>, key: &str) -> Result<String> {
        let r = self.string(v, key)?;
        if !self.book.regions.contains_key(&r) {
            return Err(self.err(
                v,
                key,
                format!("unknown Region `{r}`"),
                format!("use one of: {}", self.book.region_list()),
            ));
        }
        Ok(r)
    }

    /// `azs`: a count (labels az1..azN) or a list of AZ IDs of `region`.
    pub fn azs(&self, v: &Spanned<Value>, key: &str, region: &str) -> Result<Vec<String>> {
        match v.get_ref() {
            Value::Array(items) => {
                if items.is_empty() {
                    return Err(self.err(
                        v,
                        key,
                        "the AZ list is empty",
                        "list at least one AZ ID, e.g. [\"use1-az1\", \"use1-az2\"]",
                    ));
                }
                let prefix = self
                    .book
                    .regions
                    .get(region)
                    .map(|r| r.az_id_prefix.clone())
                    .unwrap_or_default();
                let mut out: Vec<String> = Vec::new();
                for it in items {
                    let Value::String(s) = it else {
                        return Err(self.err(
                            v,
                            key,
                            format!("AZ IDs are strings, got {it}"),
                            "write e.g. [\"use1-az1\", \"use1-az4\"]",
                        ));
                    };
                    let s = s.trim().to_ascii_lowercase();
                    let ok_shape = s
                        .split_once("-az")
                        .map(|(p, n)| {
                            !p.is_empty() && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
                        })
                        .unwrap_or(false);
                    if !ok_shape {
                        return Err(self.err(
                            v,
                            key,
                            format!("`{s}` is not an AZ ID"),
                            format!("use AZ IDs such as \"{prefix}-az1\" (AZ names like us-east-1a map differently in each account)"),
                        ));
                    }
                    if !prefix.is_empty() && !s.starts_with(&format!("{prefix}-az")) {
                        return Err(self.err(
                            v,
                            key,
                            format!("AZ ID `{s}` is not in Region {region}"),
                            format!("AZ IDs in {region} look like \"{prefix}-az1\""),
                        ));
                    }
                    if out.contains(&s) {
                        return Err(self.err(
                            v,
                            key,
                            format!("AZ ID `{s}` is listed twice"),
                            "list each AZ once",
                        ));
                    }
                    out.push(s);
                }
                Ok(out)
            }
            _ => {
                let n = self.whole(v, key, 1)?;
                if n > 32 {
                    return Err(self.err(
                        v,
                        key,
                        format!("{n} AZs is more than any Region has"),
                        "use the number of AZs (subnets) the endpoint spans, e.g. 2 or 3",
                    ));
                }
                Ok((1..=n).map(|i| format!("az{i}")).collect())
            }
        }
    }
}

/// The failure domains of `count` Direct Connect or VPN connections: one label per
/// connection (`conn1`, `conn2`...), at most [`keys::MAX_AZS`] (beyond that, connections
/// share labels round-robin).
pub fn connection_labels(count: u64) -> Vec<String> {
    (1..=count.min(keys::MAX_AZS))
        .map(|i| format!("conn{i}"))
        .collect()
}

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
pub(crate) fn one_of(values: &[&str]) -> String {
    let q: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    match q.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Parse and validate one scenario file: every key is checked against the key table
/// ([`keys::TABLES`]) first, then every value is validated.
pub fn parse_scenario(file: &str, src: &str, book: &PriceBook) -> Result<Scenario> {
    if let Ok(doc) = toml::de::DeTable::parse(src) {
        keys::check_document(file, src, doc.get_ref())?;
    }
    let raw: RawScenario = toml::from_str(src).map_err(|e| toml_error(file, src, &e))?;
    let ctx = Ctx { file, src, book };
    build(&ctx, raw)
}

/// Turn a TOML parse error into an [`Error`] with file and line.
pub(crate) fn toml_error(file: &str, src: &str, e: &toml::de::Error) -> Error {
    let line = e.span().map(|s| line_of(src, s.start));
    let msg = e.message().trim().to_string();
    let hint = if msg.contains("unknown field") {
        "check the spelling against the scenario reference in docs/scenarios.md".to_string()
    } else if msg.contains("missing field") {
        "add the key".to_string()
    } else {
        "fix the TOML syntax".to_string()
    };
    Error::input(file, line, "", msg, hint)
}

fn stem(file: &str) -> String {
    std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| file.to_string())
}

fn build(ctx: &Ctx<'_>, raw: RawScenario) -> Result<Scenario> {
    let name = match &raw.name {
        Some(v) => ctx.string(v, "name")?,
        None => stem(ctx.file),
    };
    if (name.contains(['/', '\\']) || name == "." || name == "..")
        && let Some(v) = &raw.name
    {
        return Err(ctx.err(
            v,
            "name",
            format!("`{name}` cannot be used as a report folder name"),
            "use letters, digits, dashes and underscores",
        ));
    }
    let description = match &raw.description {
        Some(v) => ctx.string(v, "description")?,
        None => String::new(),
    };
    let region = match &raw.region {
        Some(v) => ctx.region(v, "region")?,
        None => {
            return Err(Error::input(
                ctx.file,
                Some(1),
                "region",
                "missing key `region`",
                "add e.g. `region = \"us-east-1\"` at the top of the file",
            ));
        }
    };
    let hours_per_month = match &raw.hours_per_month {
        Some(v) => {
            let h = ctx.whole_in(v, "hours_per_month", keys::def("", "hours_per_month"))?;
            u32::try_from(h).unwrap_or(u32::MAX)
        }
        None => 730,
    };
    let limits = match &raw.limits {
        Some(v) => {
            let l = ctx.string(v, "limits")?;
            if !ctx.book.limits.profiles.contains_key(&l) {
                return Err(ctx.err(
                    v,
                    "limits",
                    format!("unknown limits profile `{l}`"),
                    format!("use one of: {}", ctx.book.limits.names().join(", ")),
                ));
            }
            l
        }
        None => "seed".to_string(),
    };
    let mut resources = Vec::new();
    let tables: [(&str, &Vec<Spanned<RawBlock>>); 20] = [
        ("interface_endpoint", &raw.interface_endpoint),
        ("gateway_endpoint", &raw.gateway_endpoint),
        ("gwlb_endpoint", &raw.gwlb_endpoint),
        ("nat_gateway", &raw.nat_gateway),
        ("tgw_attachment", &raw.tgw_attachment),
        ("resolver_endpoint", &raw.resolver_endpoint),
        ("hosted_zone", &raw.hosted_zone),
        ("health_check", &raw.health_check),
        ("data_transfer", &raw.data_transfer),
        ("arc_cluster", &raw.arc_cluster),
        ("route53_profile", &raw.route53_profile),
        ("nlb", &raw.nlb),
        ("regional_nat_gateway", &raw.regional_nat_gateway),
        ("resource_gateway", &raw.resource_gateway),
        ("resource_configuration", &raw.resource_configuration),
        ("resource_endpoint", &raw.resource_endpoint),
        ("service_network_endpoint", &raw.service_network_endpoint),
        ("lattice_service", &raw.lattice_service),
        ("direct_connect", &raw.direct_connect),
        ("vpn_connection", &raw.vpn_connection),
    ];
    let mut owners: Vec<Option<&Spanned<Value>>> = Vec::new();
    for (table, blocks) in tables {
        for (i, b) in blocks.iter().enumerate() {
            resources.push(block(ctx, table, i, b, &region)?);
            owners.push(b.get_ref().account.as_ref());
        }
    }
    let parts = super::workload::build(
        ctx,
        &region,
        raw.workload.as_ref(),
        raw.compare.as_ref(),
        raw.failover.as_ref(),
    )?;
    let layout = parts
        .workload
        .as_ref()
        .map(|w| w.layout)
        .unwrap_or_default();
    let role = parts.failover.as_ref().map(|f| f.role);
    let accounts = accounts(ctx, raw.accounts.as_ref(), layout, role)?;
    for (r, owner) in resources.iter_mut().zip(owners) {
        r.account = match owner {
            Some(v) => account_of(ctx, v, &format!("{}.account", r.block), &accounts)?,
            None => accounts.default.clone(),
        };
    }
    let (expect, expect_designs) = match &raw.expect {
        Some(e) => super::workload::expectations(ctx, e, &parts)?,
        None => (Expect::default(), Default::default()),
    };
    Ok(Scenario {
        name,
        file: ctx.file.to_string(),
        description,
        region,
        hours_per_month,
        limits,
        accounts,
        resources,
        expect,
        workload: parts.workload,
        compare: parts.compare,
        failover: parts.failover,
        expect_designs,
    })
}

/// `[accounts]`: the declared accounts, their billing and the default owner, with the
/// accounts a workload's layout implies (`network` and the per-spoke `spoke`).
fn accounts(
    ctx: &Ctx<'_>,
    raw: Option<&Spanned<RawAccounts>>,
    layout: Layout,
    role: Option<Role>,
) -> Result<Accounts> {
    let a = raw.map(|r| r.get_ref());
    let mut names: Vec<String> = Vec::new();
    if let Some(v) = a.and_then(|a| a.names.as_ref()) {
        let items = match v.get_ref() {
            Value::Array(items) if !items.is_empty() => items,
            _ => {
                return Err(ctx.err(
                    v,
                    "accounts.names",
                    "expected a non-empty list of account ids",
                    "write e.g. names = [\"network\", \"app\"]",
                ));
            }
        };
        for it in items {
            let id = match it {
                Value::String(s) if !s.trim().is_empty() => s.trim().to_string(),
                other => {
                    return Err(ctx.err(
                        v,
                        "accounts.names",
                        format!("account ids are non-empty strings, got {other}"),
                        "write e.g. names = [\"network\", \"app\"]",
                    ));
                }
            };
            if names.contains(&id) {
                return Err(ctx.err(
                    v,
                    "accounts.names",
                    format!("account `{id}` is listed twice"),
                    "list each account once",
                ));
            }
            if layout == Layout::HubAndSpoke && id == SPOKE_ACCOUNT {
                return Err(ctx.err(
                    v,
                    "accounts.names",
                    format!("`{SPOKE_ACCOUNT}` is the per-spoke accounts of the hub-and-spoke layout"),
                    "name your own accounts otherwise; the layout adds `network` and `spoke` itself",
                ));
            }
            names.push(id);
        }
    }
    let billing = match a.and_then(|a| a.billing.as_ref()) {
        Some(v) => match ctx.choice(v, "accounts.billing", keys::def("accounts", "billing"))? {
            "separate" => Billing::Separate,
            _ => Billing::Consolidated,
        },
        None => Billing::Consolidated,
    };
    // The default owner: `default`, else the first declared name, else the layout's shared
    // account, the failover role's party, or `main`.
    let implied = match (layout, role) {
        (Layout::HubAndSpoke, _) => NETWORK_ACCOUNT,
        (_, Some(Role::Consumer)) => "consumer",
        (_, Some(Role::Provider)) => "provider",
        _ => DEFAULT_ACCOUNT,
    };
    let default = match a.and_then(|a| a.default.as_ref()) {
        Some(v) => {
            let d = ctx.string(v, "accounts.default")?;
            let known = names.contains(&d)
                || (layout == Layout::HubAndSpoke && d == NETWORK_ACCOUNT)
                || (names.is_empty() && d == implied);
            if !known {
                return Err(ctx.err(
                    v,
                    "accounts.default",
                    format!("account `{d}` is not declared"),
                    format!(
                        "use one of `names` ({}), or add `{d}` to them",
                        if names.is_empty() {
                            implied.to_string()
                        } else {
                            names.join(", ")
                        }
                    ),
                ));
            }
            d
        }
        None => names
            .first()
            .cloned()
            .unwrap_or_else(|| implied.to_string()),
    };
    let mut out = Accounts {
        list: Vec::new(),
        billing,
        default: default.clone(),
    };
    if names.is_empty() {
        out.ensure(&default, 1, false);
    }
    for n in &names {
        out.ensure(n, 1, false);
    }
    if layout == Layout::HubAndSpoke {
        out.ensure(NETWORK_ACCOUNT, 1, false);
        // The spoke accounts' number is the workload's spoke count, set when a design is
        // compiled.
        out.ensure(SPOKE_ACCOUNT, 1, true);
    }
    Ok(out)
}

/// A block's `account`: an account the scenario declares, and not the per-spoke accounts
/// (a block of them belongs to a design).
fn account_of(ctx: &Ctx<'_>, v: &Spanned<Value>, key: &str, accounts: &Accounts) -> Result<String> {
    let id = ctx.string(v, key)?;
    match accounts.get(&id) {
        Some(a) if a.per_spoke => Err(ctx.err(
            v,
            key,
            format!(
                "`{id}` stands for one account per spoke VPC: a block of it belongs to a design"
            ),
            format!(
                "name one account for this block: {}",
                accounts
                    .list
                    .iter()
                    .filter(|a| !a.per_spoke)
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        Some(_) => Ok(id),
        None => Err(ctx.err(
            v,
            key,
            format!("account `{id}` is not declared"),
            format!(
                "declare it in [accounts] names = [...], or use one of: {}",
                accounts.ids()
            ),
        )),
    }
}

fn block(
    ctx: &Ctx<'_>,
    table: &str,
    i: usize,
    sb: &Spanned<RawBlock>,
    default_region: &str,
) -> Result<Resource> {
    let b = sb.get_ref();
    let id = format!("{table}[{i}]");
    let key = |k: &str| format!("{id}.{k}");
    let block_line = ctx.line(sb.span());
    let missing = |k: &str, example: &str| {
        Error::input(
            ctx.file,
            block_line,
            key(k),
            format!("missing key `{k}` in this {table} block"),
            format!("add e.g. `{k} = {example}`"),
        )
    };
    // Global resources (Route 53 hosted zones, health checks, ARC) have no Region: the
    // key table refuses `region` on them, and they are booked under the book's `global`.
    let region = match &b.region {
        Some(v) => ctx.region(v, &key("region"))?,
        None if crate::rules::table_is_global(table) => crate::pricing::GLOBAL.to_string(),
        None => default_region.to_string(),
    };
    let count = match &b.count {
        Some(v) => ctx.whole(v, &key("count"), 1)?,
        None => 1,
    };
    let gb = match &b.gb_per_month {
        Some(v) => ctx.decimal(v, &key("gb_per_month"))?,
        None => Decimal::ZERO,
    };
    let peak = match &b.peak_gbps {
        Some(v) => ctx.float(v, &key("peak_gbps"))?,
        None => 0.0,
    };
    let azs_or = |default: usize| -> Result<Vec<String>> {
        match &b.azs {
            Some(v) => ctx.azs(v, &key("azs"), &region),
            None => Ok((1..=default).map(|i| format!("az{i}")).collect()),
        }
    };
    let service = || -> Result<String> {
        match &b.service {
            Some(v) => Ok(ctx.string(v, &key("service"))?.to_ascii_lowercase()),
            None => Err(missing("service", "\"s3\"")),
        }
    };
    let existing = || -> Result<bool> {
        match &b.existing {
            Some(v) => ctx.boolean(v, &key("existing")),
            None => Ok(false),
        }
    };
    // Resources that live one per AZ (NAT, GWLB endpoint): `count` units spread over `azs`.
    let per_unit_azs = |count: u64| -> Result<Vec<String>> {
        match &b.azs {
            Some(v) => {
                let azs = ctx.azs(v, &key("azs"), &region)?;
                if azs.len() as u64 > count {
                    return Err(ctx.err(
                        v,
                        &key("azs"),
                        format!(
                            "{} AZs for {count} {table}(s): each lives in one AZ",
                            azs.len()
                        ),
                        format!("set `count` to at least {}", azs.len()),
                    ));
                }
                Ok(azs)
            }
            None => Ok((1..=count.min(32)).map(|i| format!("az{i}")).collect()),
        }
    };
    let (kind, azs) = match table {
        "interface_endpoint" => {
            let service = service()?;
            let azs = match &b.azs {
                Some(v) => ctx.azs(v, &key("azs"), &region)?,
                None => return Err(missing("azs", "2")),
            };
            if service == "email-smtp"
                && let Some(bad) = azs
                    .iter()
                    .find(|a| SES_SMTP_UNSUPPORTED_AZ_IDS.contains(&a.as_str()))
            {
                let v = b.azs.as_ref().ok_or_else(|| missing("azs", "2"))?;
                return Err(ctx.err(
                    v,
                    &key("azs"),
                    format!("Amazon SES SMTP endpoints are not offered in AZ ID {bad}"),
                    format!(
                        "choose other AZ IDs; SES SMTP endpoints are not offered in {}",
                        SES_SMTP_UNSUPPORTED_AZ_IDS.join(", ")
                    ),
                ));
            }
            let service_region = match &b.service_region {
                Some(v) => {
                    let r = ctx.region(v, &key("service_region"))?;
                    if r == region {
                        return Err(ctx.err(
                            v,
                            &key("service_region"),
                            format!("service_region is the endpoint's own Region {region}"),
                            "remove it: `service_region` names the Region of an endpoint service in another Region (cross-Region PrivateLink)",
                        ));
                    }
                    Some(r)
                }
                None => None,
            };
            let response_share = match (&b.response_share, &service_region) {
                (Some(v), Some(_)) => ctx.share(v, &key("response_share"))?,
                (Some(v), None) => {
                    return Err(ctx.err(
                        v,
                        &key("response_share"),
                        "`response_share` applies to cross-Region endpoints only",
                        "remove it, or name the endpoint service's Region with `service_region`",
                    ));
                }
                (None, Some(_)) => Decimal::new(5, 1),
                (None, None) => Decimal::ZERO,
            };
            (
                Kind::InterfaceEndpoint {
                    service,
                    service_region,
                    response_share,
                },
                azs,
            )
        }
        "gateway_endpoint" => {
            let service = service()?;
            let def = keys::def(table, "service");
            if !def.choices().contains(&service.as_str()) {
                let v = b
                    .service
                    .as_ref()
                    .ok_or_else(|| missing("service", "\"s3\""))?;
                return Err(ctx.err(
                    v,
                    &key("service"),
                    format!(
                        "gateway endpoints exist only for {}, not `{service}`",
                        def.choices().join(" and ")
                    ),
                    "use an [[interface_endpoint]] block for this service",
                ));
            }
            (Kind::GatewayEndpoint { service }, Vec::new())
        }
        "gwlb_endpoint" => (Kind::GwlbEndpoint, per_unit_azs(count)?),
        "nat_gateway" => {
            let connections = match &b.connections_per_destination {
                Some(v) => ctx.float(v, &key("connections_per_destination"))?,
                None => 0.0,
            };
            (Kind::NatGateway { connections }, per_unit_azs(count)?)
        }
        "tgw_attachment" => {
            let existing = match &b.existing {
                Some(v) => ctx.boolean(v, &key("existing"))?,
                None => false,
            };
            (Kind::TgwAttachment { existing }, azs_or(2)?)
        }
        "resolver_endpoint" => {
            let direction = match &b.direction {
                Some(v) => match ctx.choice(v, &key("direction"), keys::def(table, "direction"))? {
                    "inbound" => Direction::Inbound,
                    "outbound" => Direction::Outbound,
                    other => {
                        return Err(ctx.err(
                            v,
                            &key("direction"),
                            format!("unknown direction `{other}`"),
                            "use \"inbound\" or \"outbound\"",
                        ));
                    }
                },
                None => return Err(missing("direction", "\"inbound\"")),
            };
            let ips = match &b.ips {
                Some(v) => ctx.whole_in(v, &key("ips"), keys::def(table, "ips"))?,
                None => 2,
            };
            let queries_per_month = match &b.queries_per_month {
                Some(v) => ctx.decimal(v, &key("queries_per_month"))?,
                None => Decimal::ZERO,
            };
            let peak_qps = match &b.peak_qps {
                Some(v) => ctx.float(v, &key("peak_qps"))?,
                None => 0.0,
            };
            // One IP per AZ, round-robin over the AZs given (default: as many AZs as IPs).
            let azs = match &b.azs {
                Some(v) => {
                    let a = ctx.azs(v, &key("azs"), &region)?;
                    if a.len() as u64 > ips {
                        return Err(ctx.err(
                            v,
                            &key("azs"),
                            format!("{} AZs for {ips} IPs", a.len()),
                            "give at least one IP per AZ",
                        ));
                    }
                    a
                }
                None => (1..=ips).map(|i| format!("az{i}")).collect(),
            };
            (
                Kind::ResolverEndpoint {
                    direction,
                    ips,
                    queries_per_month,
                    peak_qps,
                },
                azs,
            )
        }
        "hosted_zone" => {
            let n = match &b.vpc_associations {
                Some(v) => ctx.whole(v, &key("vpc_associations"), 0)?,
                None => 0,
            };
            (
                Kind::HostedZone {
                    vpc_associations: n,
                },
                Vec::new(),
            )
        }
        "health_check" => {
            let check = match &b.check_type {
                Some(v) => match ctx.choice(v, &key("type"), keys::def(table, "type"))? {
                    "aws" => CheckType::Aws,
                    "non-aws" => CheckType::NonAws,
                    other => {
                        return Err(ctx.err(
                            v,
                            &key("type"),
                            format!("unknown health check type `{other}`"),
                            "use \"aws\" (an AWS endpoint) or \"non-aws\"",
                        ));
                    }
                },
                None => CheckType::Aws,
            };
            let optional_features = match &b.optional_features {
                Some(v) => ctx.whole(v, &key("optional_features"), 0)?,
                None => 0,
            };
            (
                Kind::HealthCheck {
                    check,
                    optional_features,
                },
                Vec::new(),
            )
        }
        "data_transfer" => {
            let kind = match &b.kind {
                Some(v) => ctx
                    .choice(v, &key("kind"), keys::def(table, "kind"))?
                    .to_string(),
                None => return Err(missing("kind", "\"cross-az\"")),
            };
            let t = match kind.as_str() {
                "cross-az" => {
                    if let Some(v) = &b.to_region {
                        return Err(ctx.err(
                            v,
                            &key("to_region"),
                            "`to_region` applies to inter-region transfer only",
                            "remove it, or set kind = \"inter-region\"",
                        ));
                    }
                    let sides = match &b.billed_sides {
                        Some(v) => {
                            let s = ctx.whole_in(
                                v,
                                &key("billed_sides"),
                                keys::def(table, "billed_sides"),
                            )?;
                            u32::try_from(s).unwrap_or(2)
                        }
                        None => 2,
                    };
                    Transfer::CrossAz { sides }
                }
                "inter-region" => {
                    let to = match &b.to_region {
                        Some(v) => {
                            let to = ctx.region(v, &key("to_region"))?;
                            if to == region {
                                return Err(ctx.err(
                                    v,
                                    &key("to_region"),
                                    format!("to_region is the block's own Region {region}"),
                                    "use kind = \"cross-az\" for traffic inside a Region",
                                ));
                            }
                            to
                        }
                        None => return Err(missing("to_region", "\"us-west-2\"")),
                    };
                    if let Some(v) = &b.billed_sides {
                        return Err(ctx.err(
                            v,
                            &key("billed_sides"),
                            "`billed_sides` applies to cross-az transfer only",
                            "remove it",
                        ));
                    }
                    Transfer::InterRegion { to_region: to }
                }
                other => {
                    let v = b
                        .kind
                        .as_ref()
                        .ok_or_else(|| missing("kind", "\"cross-az\""))?;
                    return Err(ctx.err(
                        v,
                        &key("kind"),
                        format!("unknown transfer kind `{other}`"),
                        "use \"cross-az\" or \"inter-region\"",
                    ));
                }
            };
            (Kind::DataTransfer(t), Vec::new())
        }
        "arc_cluster" => {
            let n = match &b.routing_controls {
                Some(v) => ctx.whole(v, &key("routing_controls"), 0)?,
                None => 0,
            };
            (
                Kind::ArcCluster {
                    routing_controls: n,
                },
                Vec::new(),
            )
        }
        "route53_profile" => {
            let n = match &b.vpc_associations {
                Some(v) => ctx.whole(v, &key("vpc_associations"), 0)?,
                None => 0,
            };
            (
                Kind::Route53Profile {
                    vpc_associations: n,
                },
                Vec::new(),
            )
        }
        "nlb" => {
            let nlcu = match &b.nlcu_per_hour {
                Some(v) => ctx.decimal(v, &key("nlcu_per_hour"))?,
                None => Decimal::ZERO,
            };
            (
                Kind::Nlb {
                    nlcu_per_hour: nlcu,
                },
                azs_or(2)?,
            )
        }
        "regional_nat_gateway" => {
            let azs = match &b.azs {
                Some(v) => ctx.azs(v, &key("azs"), &region)?,
                None => return Err(missing("azs", "2")),
            };
            (Kind::RegionalNatGateway, azs)
        }
        "resource_gateway" => {
            let ipv4_per_eni = match &b.ipv4_addresses_per_eni {
                Some(v) => ctx.whole_in(
                    v,
                    &key("ipv4_addresses_per_eni"),
                    keys::def(table, "ipv4_addresses_per_eni"),
                )?,
                None => 16,
            };
            (Kind::ResourceGateway { ipv4_per_eni }, azs_or(2)?)
        }
        "resource_configuration" => {
            let n = match &b.service_network_associations {
                Some(v) => ctx.whole(v, &key("service_network_associations"), 0)?,
                None => 0,
            };
            (
                Kind::ResourceConfiguration {
                    service_network_associations: n,
                },
                Vec::new(),
            )
        }
        "resource_endpoint" | "service_network_endpoint" => {
            let azs = match &b.azs {
                Some(v) => ctx.azs(v, &key("azs"), &region)?,
                None => return Err(missing("azs", "2")),
            };
            let kind = if table == "resource_endpoint" {
                Kind::ResourceEndpoint
            } else {
                Kind::ServiceNetworkEndpoint
            };
            (kind, azs)
        }
        "lattice_service" => {
            let requests_per_month = match &b.requests_per_month {
                Some(v) => ctx.decimal(v, &key("requests_per_month"))?,
                None => Decimal::ZERO,
            };
            (Kind::LatticeService { requests_per_month }, Vec::new())
        }
        "direct_connect" => {
            let kind = match &b.connection_type {
                Some(v) => ctx.choice(
                    v,
                    &key("connection_type"),
                    keys::def(table, "connection_type"),
                )?,
                None => "dedicated",
            };
            let Some(sv) = &b.port_speed else {
                return Err(missing("port_speed", "\"1G\""));
            };
            let speed = ctx.choice(sv, &key("port_speed"), keys::def(table, "port_speed"))?;
            let Some(port) = dx_port(kind, speed) else {
                return Err(ctx.err(
                    sv,
                    &key("port_speed"),
                    format!("{kind} connections have no {speed} port"),
                    format!("{kind} ports are {}", dx_speeds(kind).join(", ")),
                ));
            };
            let location = match &b.location {
                Some(v) => ctx.string(v, &key("location"))?,
                None => return Err(missing("location", "\"EqDC2\"")),
            };
            (
                Kind::DirectConnect {
                    port,
                    location,
                    existing: existing()?,
                },
                connection_labels(count),
            )
        }
        "vpn_connection" => (
            Kind::VpnConnection {
                existing: existing()?,
            },
            connection_labels(count),
        ),
        other => return Err(Error::Msg(format!("internal: unknown table {other}"))),
    };
    let label = match &b.name {
        Some(v) => ctx.string(v, &key("name"))?,
        None => match &kind {
            Kind::InterfaceEndpoint { service, .. } | Kind::GatewayEndpoint { service } => {
                service.clone()
            }
            Kind::ResolverEndpoint {
                direction: Direction::Inbound,
                ..
            } => "inbound".into(),
            Kind::ResolverEndpoint {
                direction: Direction::Outbound,
                ..
            } => "outbound".into(),
            Kind::DataTransfer(Transfer::CrossAz { .. }) => "cross-az".into(),
            Kind::DataTransfer(Transfer::InterRegion { to_region }) => format!("to {to_region}"),
            _ => table.to_string(),
        },
    };
    // An explicit block says nothing about VPCs: endpoints share the scenario's VPCs
    // 1..count, attachments attach VPCs of their own (see `scenario::place`).
    let place = match kind {
        Kind::TgwAttachment { .. } => super::Place::vpc(super::VpcPlace::Own),
        _ => super::Place::default(),
    };
    Ok(Resource {
        kind,
        // The account is resolved once the scenario's accounts are known (see `build`).
        account: String::new(),
        block: id,
        label,
        region,
        count,
        azs,
        gb_per_month: gb,
        peak_gbps: peak,
        place,
    })
}

/// One `[expect]` table; `prefix` is its key path (`expect`, `expect.designs.nat`).
pub(crate) fn expect(ctx: &Ctx<'_>, se: &Spanned<RawExpect>, prefix: &str) -> Result<Expect> {
    let e = se.get_ref();
    let money = |v: &V, k: &str| -> Result<Option<Decimal>> {
        match v {
            Some(v) => {
                let d = ctx.decimal(v, &format!("{prefix}.{k}"))?;
                Ok(Some(d))
            }
            None => Ok(None),
        }
    };
    let status = |v: &V, k: &str| -> Result<Option<String>> {
        match v {
            Some(v) => {
                let s = ctx.choice(v, &format!("{prefix}.{k}"), keys::def("expect", k))?;
                Ok(Some(s.to_string()))
            }
            None => Ok(None),
        }
    };
    let min_headroom_pct = match &e.min_headroom_pct {
        Some(v) => {
            let f = match v.get_ref() {
                Value::Integer(i) => Some(*i as f64),
                Value::Float(f) => Some(*f),
                Value::String(s) => s.parse::<f64>().ok(),
                _ => None,
            };
            match f {
                Some(f) if f.is_finite() => Some(f),
                _ => {
                    return Err(ctx.err(
                        v,
                        &format!("{prefix}.min_headroom_pct"),
                        "expected a number",
                        "write e.g. `min_headroom_pct = 72.5`",
                    ));
                }
            }
        }
        None => None,
    };
    Ok(Expect {
        monthly_usd: money(&e.monthly_usd, "monthly_usd")?,
        hourly_usd: money(&e.hourly_usd, "hourly_usd")?,
        min_headroom_pct,
        status: status(&e.status, "status")?,
        az_loss_status: status(&e.az_loss_status, "az_loss_status")?,
        valid: match &e.valid {
            Some(v) => Some(ctx.boolean(v, &format!("{prefix}.valid"))?),
            None => None,
        },
        region_loss_status: status(&e.region_loss_status, "region_loss_status")?,
        failover_monthly_usd: money(&e.failover_monthly_usd, "failover_monthly_usd")?,
        failover_status: status(&e.failover_status, "failover_status")?,
        line: ctx.line(se.span()),
    })
}
