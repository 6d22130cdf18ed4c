//! Counting a scenario's blocks against AWS service quotas.
//!
//! Each kind's rule says which quotas its blocks use and how their units count
//! ([`crate::rules::QuotaUse`]); each block says where its units live
//! ([`crate::scenario::Place`]); the price book says what each quota allows
//! ([`crate::pricing::Quotas`], with an account's raised values). A [`Counter`] is
//! compiled once for a list of blocks: every (quota, scope) the blocks share becomes one
//! tally — a VPC class, an AZ, an account and Region, a transit gateway, one block's
//! resources — and every use one term adding a closed-form count of the block's numbers
//! ([`Nums`]) to its tally. The engine runs it on a scenario's own numbers
//! ([`Counter::report`]); the compiled program runs the same terms on each point's
//! numbers ([`Counter::standing`]), so both count identically.
//!
//! A tally within its quota says nothing. Over an adjustable quota the design stays valid
//! and needs a quota increase; over a hard limit it cannot be built
//! ([`Standing::Impossible`]): the designs split their hub resources before that when
//! `split_on_quota` lets them ([`crate::designs`]).
//!
//! Accounts: the scope keys carry the block's owner account, so per-account quotas group
//! by owner (a hub-and-spoke layout's per-spoke accounts count together, as one).

use crate::pricing::{Quota, Quotas, Scope};
use crate::rules::{self, Counted, Nums};
use crate::scenario::{Resource, TgwPlace, VpcPlace};

/// How a design stands against the quotas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Standing {
    /// Within every quota.
    #[default]
    Ok,
    /// Over an adjustable quota: buildable after a quota increase.
    Increase,
    /// Over a hard limit: cannot be built.
    Impossible,
}

impl Standing {
    /// As the `quotas` column writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Ok => "ok",
            Standing::Increase => "increase needed",
            Standing::Impossible => "impossible",
        }
    }
}

impl std::fmt::Display for Standing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One quota as a scenario uses it: the most any of its scopes needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaCount {
    pub quota: Quota,
    pub description: String,
    /// Where the most is needed (`hub VPCs (us-east-1)`, `AZ az1 (us-east-1)`...).
    pub scope: String,
    pub need: u64,
    /// The account's value (the default unless raised).
    pub value: u64,
    pub default: u64,
    pub adjustable: bool,
    pub standing: Standing,
}

impl QuotaCount {
    /// `attachments per transit gateway: need 100,001, default 5,000 (first transit gateway (us-east-1))`.
    pub fn words(&self) -> String {
        let limit = if self.value == self.default {
            format!("default {}", thousands(self.value))
        } else {
            format!(
                "quota {} (default {})",
                thousands(self.value),
                thousands(self.default)
            )
        };
        format!(
            "{}: need {}, {limit} ({})",
            self.description,
            thousands(self.need),
            self.scope
        )
    }
}

/// `100001` as `100,001`.
pub fn thousands(n: u64) -> String {
    crate::money::grouped(n)
}

/// Every quota a scenario uses, in the table's order, and how it stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuotaReport {
    pub counts: Vec<QuotaCount>,
    pub standing: Standing,
}

impl QuotaReport {
    /// The quotas needing an increase.
    pub fn increases(&self) -> impl Iterator<Item = &QuotaCount> {
        self.counts
            .iter()
            .filter(|c| c.standing == Standing::Increase)
    }

    /// The hard limits passed.
    pub fn impossible(&self) -> impl Iterator<Item = &QuotaCount> {
        self.counts
            .iter()
            .filter(|c| c.standing == Standing::Impossible)
    }

    /// Why the scenario cannot be built, when it passes a hard limit (one line).
    pub fn reason(&self) -> Option<String> {
        let c = self.impossible().next()?;
        Some(impossible_words(c))
    }
}

/// How the reason of a scenario over a hard limit starts.
pub const IMPOSSIBLE: &str = "over a hard AWS quota";

fn impossible_words(c: &QuotaCount) -> String {
    format!(
        "{IMPOSSIBLE}: {} needs {}, the limit is {} ({}); it cannot be raised on request",
        c.description,
        thousands(c.need),
        thousands(c.value),
        c.scope
    )
}

/// Which VPCs a per-VPC tally counts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum VpcClass {
    /// The scenario's VPCs 1..count (its first VPC holds the most).
    Explicit,
    /// Block `i`'s own VPCs.
    Own(usize),
    /// The entry VPC (the first spoke).
    Entry,
    /// The other spoke VPCs.
    Spoke,
    /// The hub VPCs of an endpoint group.
    Hub(u32),
}

/// The scope of one tally.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Vpc(String, String, VpcClass),
    Az(String, String, String),
    AccountRegion(String, String),
    Account(String),
    /// The Region's transit gateways (the first one holds the most).
    Tgw(String, String),
    /// One block's own resources (its Profiles, zones, endpoints, clusters).
    Block(usize),
}

/// The account a block belongs to: its owner ([`crate::accounts`]). The per-spoke
/// accounts of a hub-and-spoke layout count as one account here (all spokes' blocks
/// together), which never undercounts a per-account quota.
fn account_of(r: &Resource) -> String {
    r.account.clone()
}

/// A closed-form count of a block's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    /// `count`.
    Units,
    /// 1 when the block has units.
    Any,
    /// `min(count, per)`.
    AtMost(u64),
    /// `ceil(count / per)`.
    Spanned(u64),
    /// AZ `j`'s share of `count` round-robin over the block's AZs.
    AzShare(u64),
    /// `ceil(assoc / count)`.
    AssocPerUnit,
    /// `ips` of each unit.
    Ips,
    /// `ceil(controls / count)`.
    ControlsPerUnit,
}

impl Term {
    #[inline]
    fn of(self, n: &Nums) -> u64 {
        let c = n.count;
        let per_unit = |total: u64| if c == 0 { 0 } else { total.div_ceil(c) };
        match self {
            Term::Units => c,
            Term::Any => u64::from(c > 0),
            Term::AtMost(per) => c.min(per),
            Term::Spanned(per) => c.div_ceil(per.max(1)),
            Term::AzShare(j) => {
                if n.azs == 0 {
                    if j == 0 { c } else { 0 }
                } else if j < n.azs {
                    c / n.azs + u64::from(j < c % n.azs)
                } else {
                    0
                }
            }
            Term::AssocPerUnit => per_unit(n.assoc),
            Term::Ips => {
                if c == 0 {
                    0
                } else {
                    n.ips
                }
            }
            Term::ControlsPerUnit => per_unit(n.controls),
        }
    }
}

/// One tally: its quota, scope, how terms combine, and the account's value.
#[derive(Debug, Clone)]
struct Tally {
    quota: Quota,
    key: Key,
    /// Terms combine by their largest (blocks sharing the Region's transit gateways),
    /// else by their sum.
    max: bool,
    /// Where, in words.
    scope: String,
    value: u64,
    adjustable: bool,
    default: u64,
    description: String,
}

/// The quota tallies of a list of blocks, compiled once.
#[derive(Debug, Clone, Default)]
pub struct Counter {
    tallies: Vec<Tally>,
    /// (block, tally, term).
    terms: Vec<(usize, usize, Term)>,
}

impl Counter {
    /// Compile the tallies of `blocks` against the book's quotas.
    pub fn compile(blocks: &[Resource], quotas: &Quotas) -> Counter {
        let mut c = Counter::default();
        for (i, r) in blocks.iter().enumerate() {
            let rule = rules::of(&r.kind);
            let account = account_of(r);
            let region = r.region.clone();
            for u in rule.quotas {
                let q = u.quota;
                let add = |c: &mut Counter, key: Key, scope: String, term: Term| {
                    let t = c.tally(q, key, scope, u.counted == Counted::Tgws, quotas);
                    c.terms.push((i, t, term));
                };
                match u.counted {
                    Counted::PerVpc => {
                        let here = |what: &str| format!("{what} ({region})");
                        let vpc = |k: VpcClass| Key::Vpc(account.clone(), region.clone(), k);
                        match r.place.vpc {
                            VpcPlace::Explicit => add(
                                &mut c,
                                vpc(VpcClass::Explicit),
                                here("the scenario's first VPC"),
                                Term::Any,
                            ),
                            VpcPlace::Own => add(
                                &mut c,
                                vpc(VpcClass::Own(i)),
                                format!("each VPC of `{}` ({region})", r.label),
                                Term::Any,
                            ),
                            VpcPlace::Spokes => {
                                add(&mut c, vpc(VpcClass::Entry), here("entry VPC"), Term::Any);
                                add(
                                    &mut c,
                                    vpc(VpcClass::Spoke),
                                    here("each spoke VPC"),
                                    Term::Any,
                                );
                            }
                            VpcPlace::SpokesButEntry => add(
                                &mut c,
                                vpc(VpcClass::Spoke),
                                here("each spoke VPC"),
                                Term::Any,
                            ),
                            VpcPlace::Entry => {
                                add(&mut c, vpc(VpcClass::Entry), here("entry VPC"), Term::Units)
                            }
                            VpcPlace::Hub { group, per } => add(
                                &mut c,
                                vpc(VpcClass::Hub(group)),
                                if group == 0 {
                                    here("hub VPC")
                                } else {
                                    here(&format!("hub VPC of endpoint group {}", group + 1))
                                },
                                Term::AtMost(per),
                            ),
                            VpcPlace::None => {}
                        }
                    }
                    Counted::PerAz => {
                        // Round-robin puts a block's spare units in its first AZs, so when
                        // every block of the account and Region starts with the same AZ,
                        // that AZ holds the most: one tally of each block's first share.
                        // Otherwise every AZ a block may have is a tally: a design's AZ
                        // count may come from the point (labels past the block's own run
                        // az{j+1}; an AZ the block does not reach adds nothing).
                        let shared_first = blocks.iter().all(|o| {
                            account_of(o) != account
                                || o.region != region
                                || !rules::of(&o.kind)
                                    .quotas
                                    .iter()
                                    .any(|v| v.counted == Counted::PerAz)
                                || o.azs.first() == r.azs.first()
                        });
                        let last = if shared_first {
                            1
                        } else {
                            crate::scenario::keys::MAX_AZS
                        };
                        for j in 0..last {
                            let label = r
                                .azs
                                .get(j as usize)
                                .cloned()
                                .unwrap_or_else(|| format!("az{}", j + 1));
                            let scope = format!("AZ {label} ({region})");
                            add(
                                &mut c,
                                Key::Az(account.clone(), region.clone(), label),
                                scope,
                                Term::AzShare(j),
                            );
                        }
                    }
                    Counted::Units => match q.scope() {
                        Scope::Account => add(
                            &mut c,
                            Key::Account(account.clone()),
                            "the account".to_string(),
                            Term::Units,
                        ),
                        _ => add(
                            &mut c,
                            Key::AccountRegion(account.clone(), region.clone()),
                            region.clone(),
                            Term::Units,
                        ),
                    },
                    Counted::Tgws => add(
                        &mut c,
                        Key::AccountRegion(account.clone(), region.clone()),
                        region.clone(),
                        match r.place.tgw {
                            TgwPlace::One => Term::Any,
                            TgwPlace::Fill(per) => Term::Spanned(per),
                            TgwPlace::Each => Term::Units,
                        },
                    ),
                    Counted::PerTgw => add(
                        &mut c,
                        Key::Tgw(account.clone(), region.clone()),
                        format!("the first transit gateway ({region})"),
                        match r.place.tgw {
                            TgwPlace::One => Term::Units,
                            TgwPlace::Fill(per) => Term::AtMost(per),
                            TgwPlace::Each => Term::Any,
                        },
                    ),
                    Counted::AssocPerUnit | Counted::Ips | Counted::ControlsPerUnit => add(
                        &mut c,
                        Key::Block(i),
                        format!("each of `{}`", r.label),
                        match u.counted {
                            Counted::AssocPerUnit => Term::AssocPerUnit,
                            Counted::Ips => Term::Ips,
                            _ => Term::ControlsPerUnit,
                        },
                    ),
                }
            }
        }
        c
    }

    fn tally(&mut self, quota: Quota, key: Key, scope: String, max: bool, q: &Quotas) -> usize {
        if let Some(i) = self
            .tallies
            .iter()
            .position(|t| t.quota == quota && t.key == key)
        {
            return i;
        }
        let row = q.get(quota);
        self.tallies.push(Tally {
            quota,
            key,
            max,
            scope,
            value: row.value,
            adjustable: row.adjustable,
            default: row.default,
            description: row.description.clone(),
        });
        self.tallies.len() - 1
    }

    /// Whether any block uses a quota.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Each tally's count at block numbers `nums`, into `acc`.
    #[inline]
    fn fill(&self, nums: &[Nums], acc: &mut Vec<u64>) {
        acc.clear();
        acc.resize(self.tallies.len(), 0);
        for &(b, t, term) in &self.terms {
            let Some(n) = nums.get(b) else { continue };
            let v = term.of(n);
            let a = &mut acc[t];
            *a = if self.tallies[t].max {
                (*a).max(v)
            } else {
                a.saturating_add(v)
            };
        }
    }

    /// How the blocks stand at numbers `nums` (`acc`: scratch space).
    #[inline]
    pub fn standing(&self, nums: &[Nums], acc: &mut Vec<u64>) -> Standing {
        if self.terms.is_empty() {
            return Standing::Ok;
        }
        self.fill(nums, acc);
        let mut s = Standing::Ok;
        for (t, &need) in self.tallies.iter().zip(acc.iter()) {
            if need > t.value {
                if !t.adjustable {
                    return Standing::Impossible;
                }
                s = Standing::Increase;
            }
        }
        s
    }

    /// Why the blocks cannot be built at numbers `nums`, when they pass a hard limit.
    pub fn reason(&self, nums: &[Nums]) -> Option<String> {
        self.report(nums).reason()
    }

    /// Every quota the blocks use at numbers `nums`: per quota, its largest tally.
    pub fn report(&self, nums: &[Nums]) -> QuotaReport {
        let mut acc = Vec::new();
        self.fill(nums, &mut acc);
        let mut counts: Vec<QuotaCount> = Vec::new();
        for quota in Quota::ALL {
            let mut best: Option<(u64, &Tally)> = None;
            for (t, &need) in self.tallies.iter().zip(&acc) {
                // The first of the largest, in the order the tallies were met.
                if t.quota == *quota && best.is_none_or(|(b, _)| need > b) {
                    best = Some((need, t));
                }
            }
            let Some((need, t)) = best else { continue };
            let standing = if need <= t.value {
                Standing::Ok
            } else if t.adjustable {
                Standing::Increase
            } else {
                Standing::Impossible
            };
            counts.push(QuotaCount {
                quota: *quota,
                description: t.description.clone(),
                scope: t.scope.clone(),
                need,
                value: t.value,
                default: t.default,
                adjustable: t.adjustable,
                standing,
            });
        }
        let standing = counts
            .iter()
            .map(|c| c.standing)
            .max()
            .unwrap_or(Standing::Ok);
        QuotaReport { counts, standing }
    }
}

/// Count a scenario's blocks at their own numbers.
pub fn count(blocks: &[Resource], q: &Quotas) -> QuotaReport {
    let nums: Vec<Nums> = blocks.iter().map(Nums::of).collect();
    Counter::compile(blocks, q).report(&nums)
}

#[cfg(test)]
mod tests;
