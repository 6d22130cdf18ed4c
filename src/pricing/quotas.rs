//! AWS service quotas (`quotas.csv`): for each quota a design can hit, its default value,
//! whether a quota request can raise it, the scope it counts over, its Service Quotas
//! code and its source. Data like prices: a price-book folder may carry its own
//! `quotas.csv`, and `--quotas FILE` sets an account's raised values.
//!
//! Which blocks use which quota, and how much, is the rule table's
//! ([`crate::rules::Rule::quotas`]); counting them is [`crate::quotas`]'s.

use crate::error::{Error, Result};

/// The scope a quota counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Per VPC.
    Vpc,
    /// Per account per Availability Zone.
    Az,
    /// Per account per Region.
    AccountRegion,
    /// Per account, whatever the Region (Route 53 and ARC are global).
    Account,
    /// Per resource of a kind (attachments per transit gateway...).
    Resource(&'static str),
}

impl Scope {
    /// As written in `quotas.csv`.
    pub fn text(self) -> String {
        match self {
            Scope::Vpc => "vpc".into(),
            Scope::Az => "az".into(),
            Scope::AccountRegion => "account-region".into(),
            Scope::Account => "account".into(),
            Scope::Resource(what) => format!("resource:{what}"),
        }
    }
}

/// Declares [`Quota`] with its id and scope (an exhaustive match).
macro_rules! quotas {
    ($($v:ident => ($id:expr, $scope:expr)),* $(,)?) => {
        /// Every service quota vpceplan counts, in `quotas.csv`'s order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Quota {
            $($v),*
        }

        impl Quota {
            /// Every quota, in the table's order.
            pub const ALL: &'static [Quota] = &[$(Quota::$v),*];

            /// Its id in `quotas.csv`.
            pub const fn id(self) -> &'static str {
                match self {
                    $(Quota::$v => $id),*
                }
            }

            /// The scope it counts over.
            pub const fn scope(self) -> Scope {
                match self {
                    $(Quota::$v => $scope),*
                }
            }
        }
    };
}

quotas! {
    TgwAttachmentsPerTgw => ("tgw_attachments_per_tgw", Scope::Resource("transit-gateway")),
    TgwsPerRegion => ("tgws_per_region", Scope::AccountRegion),
    TgwsPerVpc => ("tgws_per_vpc", Scope::Vpc),
    InterfaceEndpointsPerVpc => ("interface_endpoints_per_vpc", Scope::Vpc),
    GatewayEndpointsPerRegion => ("gateway_endpoints_per_region", Scope::AccountRegion),
    GatewayEndpointsPerVpc => ("gateway_endpoints_per_vpc", Scope::Vpc),
    NatGatewaysPerAz => ("nat_gateways_per_az", Scope::Az),
    ResolverEndpointsPerRegion => ("resolver_endpoints_per_region", Scope::AccountRegion),
    IpsPerResolverEndpoint => ("ips_per_resolver_endpoint", Scope::Resource("resolver-endpoint")),
    HostedZonesPerAccount => ("hosted_zones_per_account", Scope::Account),
    VpcsPerHostedZone => ("vpcs_per_hosted_zone", Scope::Resource("hosted-zone")),
    ProfilesPerRegion => ("profiles_per_region", Scope::AccountRegion),
    VpcsPerProfile => ("vpcs_per_profile", Scope::Resource("route53-profile")),
    HealthChecksPerAccount => ("health_checks_per_account", Scope::Account),
    ArcClustersPerAccount => ("arc_clusters_per_account", Scope::Account),
    RoutingControlsPerCluster => ("routing_controls_per_cluster", Scope::Resource("arc-cluster")),
    NlbsPerRegion => ("nlbs_per_region", Scope::AccountRegion),
    ResourceGatewaysPerVpc => ("resource_gateways_per_vpc", Scope::Vpc),
    ResourceConfigurationsPerRegion => ("resource_configurations_per_region", Scope::AccountRegion),
    LatticeServicesPerRegion => ("lattice_services_per_region", Scope::AccountRegion),
    VpnConnectionsPerRegion => ("vpn_connections_per_region", Scope::AccountRegion),
    DxConnectionsPerLocation => ("dx_connections_per_location", Scope::AccountRegion),
}

impl Quota {
    /// The quota of an id.
    pub fn parse(id: &str) -> Option<Quota> {
        Quota::ALL.iter().copied().find(|q| q.id() == id)
    }

    /// Its position in [`Quota::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Columns of `quotas.csv`.
pub const QUOTA_COLUMNS: &[&str] = &[
    "id",
    "description",
    "default",
    "adjustable",
    "scope",
    "code",
    "source",
    "verified",
];

/// One row of `quotas.csv`, with the value the account has.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotaRow {
    pub quota: Quota,
    pub description: String,
    /// AWS's default value.
    pub default: u64,
    /// Whether a quota request can raise it.
    pub adjustable: bool,
    /// The Service Quotas code, when known.
    pub code: String,
    pub source: String,
    pub verified: bool,
    /// The account's value: the default, or a raised value from `--quotas`.
    pub value: u64,
    /// Where a raised value came from (`FILE:LINE`).
    pub raised_from: Option<String>,
}

impl QuotaRow {
    /// This row under [`QUOTA_COLUMNS`] (the default as `default`), for `pricing quotas`.
    pub fn row(&self) -> Vec<String> {
        vec![
            self.quota.id().to_string(),
            self.description.clone(),
            self.default.to_string(),
            yes_no(self.adjustable).to_string(),
            self.quota.scope().text(),
            self.code.clone(),
            self.source.clone(),
            yes_no(self.verified).to_string(),
        ]
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The quotas table: one row per [`Quota`], in its order.
#[derive(Debug, Clone, PartialEq)]
pub struct Quotas {
    rows: Vec<QuotaRow>,
    /// The files it was read from (the table, then any overrides), for messages.
    pub origin: String,
}

#[derive(Debug, serde::Deserialize)]
struct RawQuota {
    id: String,
    description: String,
    default: String,
    adjustable: String,
    scope: String,
    #[serde(default)]
    code: String,
    source: String,
    verified: String,
}

#[derive(Debug, serde::Deserialize)]
struct RawOverride {
    id: String,
    value: String,
}

/// A whole number of 1 or more, as a quota value.
fn whole(s: &str) -> Option<u64> {
    let t = s.replace(['_', ','], "");
    t.parse::<u64>().ok().filter(|v| *v >= 1)
}

fn unknown_id(id: &str) -> String {
    let ids = Quota::ALL.iter().map(|q| q.id());
    match crate::text::nearest(id, ids) {
        Some(n) => format!("unknown quota `{id}` (did you mean `{n}`?)"),
        None => format!(
            "unknown quota `{id}`; the quotas are {}",
            Quota::ALL
                .iter()
                .map(|q| q.id())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl Quotas {
    /// Parse `quotas.csv`: every quota exactly once, its scope as the tool counts it.
    pub fn parse(file: &str, text: &str) -> Result<Quotas> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let err = |line: usize, m: String| Error::Book {
            file: file.to_string(),
            line,
            message: m,
        };
        let headers = rdr
            .headers()
            .map_err(|e| err(1, format!("cannot read the header: {e}")))?
            .clone();
        let got: Vec<&str> = headers.iter().collect();
        if got != QUOTA_COLUMNS {
            return Err(err(
                1,
                format!(
                    "the header must be {} (got {})",
                    QUOTA_COLUMNS.join(","),
                    got.join(",")
                ),
            ));
        }
        let mut rows: Vec<Option<QuotaRow>> = vec![None; Quota::ALL.len()];
        for (n, rec) in rdr.deserialize::<RawQuota>().enumerate() {
            let line = n + 2;
            let r = rec.map_err(|e| err(line, format!("cannot read row: {e}")))?;
            let quota = Quota::parse(&r.id).ok_or_else(|| err(line, unknown_id(&r.id)))?;
            let default = whole(&r.default).ok_or_else(|| {
                err(
                    line,
                    format!(
                        "`default` = `{}` of `{}` must be a whole number of 1 or more",
                        r.default, r.id
                    ),
                )
            })?;
            let flag = |k: &str, v: &str| -> Result<bool> {
                match v {
                    "yes" => Ok(true),
                    "no" => Ok(false),
                    _ => Err(err(
                        line,
                        format!("`{k}` = `{v}` of `{}` must be yes or no", r.id),
                    )),
                }
            };
            let adjustable = flag("adjustable", &r.adjustable)?;
            let verified = flag("verified", &r.verified)?;
            let scope = quota.scope().text();
            if r.scope != scope {
                return Err(err(
                    line,
                    format!(
                        "`scope` of `{}` is `{scope}` (vpceplan counts it so), not `{}`",
                        r.id, r.scope
                    ),
                ));
            }
            if r.source.is_empty() {
                return Err(err(
                    line,
                    format!(
                        "`{}` has no source: every quota names where it comes from",
                        r.id
                    ),
                ));
            }
            let slot = &mut rows[quota.index()];
            if slot.is_some() {
                return Err(err(line, format!("`{}` is listed twice", r.id)));
            }
            *slot = Some(QuotaRow {
                quota,
                description: r.description,
                default,
                adjustable,
                code: r.code,
                source: r.source,
                verified,
                value: default,
                raised_from: None,
            });
        }
        let missing: Vec<&str> = Quota::ALL
            .iter()
            .zip(&rows)
            .filter(|(_, r)| r.is_none())
            .map(|(q, _)| q.id())
            .collect();
        if !missing.is_empty() {
            return Err(Error::Msg(format!(
                "{file}: no row for {}\n  hint: every quota the tool counts needs its row (copy them from the built-in pricing/quotas.csv)",
                missing.join(", ")
            )));
        }
        Ok(Quotas {
            rows: rows.into_iter().flatten().collect(),
            origin: file.to_string(),
        })
    }

    /// Apply an account's values (`--quotas FILE`: `id,value` rows). A quota AWS does not
    /// raise on request (`adjustable = no`) cannot be raised here: edit the table's
    /// `default` in a price-book folder instead, with its source.
    pub fn with_overrides(mut self, file: &str, text: &str) -> Result<Quotas> {
        let mut rdr = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(true)
            .from_reader(text.as_bytes());
        let err = |line: usize, m: String| Error::Book {
            file: file.to_string(),
            line,
            message: m,
        };
        let headers = rdr
            .headers()
            .map_err(|e| err(1, format!("cannot read the header: {e}")))?
            .clone();
        if headers.get(0) != Some("id") || headers.get(1) != Some("value") {
            return Err(err(
                1,
                "the header must start with id,value (other columns, such as a note, are kept out)"
                    .into(),
            ));
        }
        let mut seen = vec![false; Quota::ALL.len()];
        for (n, rec) in rdr.deserialize::<RawOverride>().enumerate() {
            let line = n + 2;
            let r = rec.map_err(|e| err(line, format!("cannot read row: {e}")))?;
            let quota = Quota::parse(&r.id).ok_or_else(|| err(line, unknown_id(&r.id)))?;
            let value = whole(&r.value).ok_or_else(|| {
                err(
                    line,
                    format!(
                        "`value` = `{}` of `{}` must be a whole number of 1 or more",
                        r.value, r.id
                    ),
                )
            })?;
            if std::mem::replace(&mut seen[quota.index()], true) {
                return Err(err(line, format!("`{}` is listed twice", r.id)));
            }
            let row = &mut self.rows[quota.index()];
            if !row.adjustable && value != row.default {
                return Err(err(
                    line,
                    format!(
                        "`{}` ({}) is not adjustable: AWS does not raise it on request (default {})",
                        r.id, row.description, row.default
                    ),
                ));
            }
            row.value = value;
            row.raised_from = Some(format!("{file}:{line}"));
        }
        self.origin = format!("{} + {file}", self.origin);
        Ok(self)
    }

    /// Every row, in [`Quota::ALL`]'s order.
    pub fn rows(&self) -> &[QuotaRow] {
        &self.rows
    }

    /// The row of a quota.
    pub fn get(&self, q: Quota) -> &QuotaRow {
        &self.rows[q.index()]
    }

    /// The account's value of a quota.
    pub fn value(&self, q: Quota) -> u64 {
        self.rows[q.index()].value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILTIN: &str = include_str!("../../pricing/quotas.csv");

    #[test]
    fn builtin_table_has_every_quota_in_order() {
        let q = Quotas::parse("pricing/quotas.csv", BUILTIN).unwrap();
        assert_eq!(q.rows().len(), Quota::ALL.len());
        for (r, want) in q.rows().iter().zip(Quota::ALL) {
            assert_eq!(r.quota, *want);
            assert_eq!(r.value, r.default);
        }
        // Figures from the AWS quota pages (research FACTS section A).
        assert_eq!(q.value(Quota::TgwAttachmentsPerTgw), 5000);
        assert_eq!(q.value(Quota::InterfaceEndpointsPerVpc), 50);
        assert_eq!(q.value(Quota::GatewayEndpointsPerRegion), 20);
        assert_eq!(q.value(Quota::NatGatewaysPerAz), 5);
        assert_eq!(q.value(Quota::VpcsPerHostedZone), 300);
        assert_eq!(q.value(Quota::VpcsPerProfile), 1000);
        assert!(!q.get(Quota::VpcsPerHostedZone).adjustable);
        assert!(!q.get(Quota::TgwsPerVpc).adjustable);
        // Conflicting sources are marked unverified.
        assert!(!q.get(Quota::TgwAttachmentsPerTgw).verified);
        assert!(!q.get(Quota::VpcsPerProfile).verified);
    }

    fn err_of(text: &str) -> String {
        Quotas::parse("q.csv", text).unwrap_err().to_string()
    }

    #[test]
    fn bad_rows_name_file_line_and_key() {
        let header = QUOTA_COLUMNS.join(",");
        let e = err_of(&format!(
            "{header}\nnat_gateways_per_a,x,5,yes,az,,src,yes\n"
        ));
        assert!(e.contains("q.csv:2:"), "{e}");
        assert!(e.contains("did you mean `nat_gateways_per_az`"), "{e}");
        let e = err_of(&format!(
            "{header}\nnat_gateways_per_az,x,0,yes,az,,src,yes\n"
        ));
        assert!(e.contains("`default` = `0`"), "{e}");
        let e = err_of(&format!(
            "{header}\nnat_gateways_per_az,x,5,maybe,az,,src,yes\n"
        ));
        assert!(e.contains("`adjustable` = `maybe`"), "{e}");
        let e = err_of(&format!(
            "{header}\nnat_gateways_per_az,x,5,yes,vpc,,src,yes\n"
        ));
        assert!(e.contains("is `az`"), "{e}");
        let e = err_of(&format!("{header}\nnat_gateways_per_az,x,5,yes,az,,,yes\n"));
        assert!(e.contains("no source"), "{e}");
        let e = err_of("id,default\n");
        assert!(
            e.contains("q.csv:1:") && e.contains("the header must be"),
            "{e}"
        );
        // A table without every quota says which are missing.
        let e = err_of(&format!(
            "{header}\nnat_gateways_per_az,x,5,yes,az,,src,yes\n"
        ));
        assert!(e.contains("no row for tgw_attachments_per_tgw"), "{e}");
        // Twice.
        let mut text = BUILTIN.to_string();
        text.push_str(BUILTIN.lines().nth(1).unwrap());
        text.push('\n');
        let e = err_of(&text);
        let line = format!("q.csv:{}:", BUILTIN.lines().count() + 1);
        assert!(e.contains("listed twice") && e.contains(&line), "{e}");
    }

    #[test]
    fn overrides_raise_adjustable_quotas_only() {
        let q = Quotas::parse("pricing/quotas.csv", BUILTIN).unwrap();
        let raised = q
            .clone()
            .with_overrides(
                "acct.csv",
                "id,value,note\nnat_gateways_per_az,40,case 123\n",
            )
            .unwrap();
        assert_eq!(raised.value(Quota::NatGatewaysPerAz), 40);
        assert_eq!(raised.get(Quota::NatGatewaysPerAz).default, 5);
        assert_eq!(
            raised.get(Quota::NatGatewaysPerAz).raised_from.as_deref(),
            Some("acct.csv:2")
        );
        let e = q
            .clone()
            .with_overrides("acct.csv", "id,value\nvpcs_per_hosted_zone,600\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("acct.csv:2:"), "{e}");
        assert!(e.contains("not adjustable"), "{e}");
        let e = q
            .clone()
            .with_overrides("acct.csv", "id,value\nnat_gateways_per_az,lots\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("`value` = `lots`"), "{e}");
        let e = q
            .with_overrides("acct.csv", "quota,value\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("id,value"), "{e}");
    }
}
