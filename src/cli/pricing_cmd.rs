//! `vpceplan pricing show|limits|quotas|import|fetch|coverage|diff`.

use super::common::Env;
use super::{Exit, PricingCommand};
use crate::error::{Error, Result};
use crate::pricing::{LIMIT_COLUMNS, LIMIT_NUMBER_COLUMNS};
use crate::report::Table;

pub fn pricing(env: &Env, cmd: PricingCommand) -> Result<Exit> {
    match cmd {
        PricingCommand::Show { region, component } => {
            if let Some(r) = &region
                && !env.book.knows_region(r)
            {
                return Err(Error::Msg(format!(
                    "unknown Region `{r}`\n  hint: use one of: {} (or `global` for Route 53 and ARC)",
                    env.book.region_list()
                )));
            }
            let mut t = Table::new(
                &[
                    "region",
                    "component",
                    "variant",
                    "tier",
                    "unit",
                    "usd",
                    "effective",
                    "verified",
                    "source",
                ],
                &[5],
            );
            let mut rows: Vec<_> = env
                .book
                .rows
                .iter()
                .filter(|r| region.as_ref().is_none_or(|x| &r.region == x))
                .filter(|r| component.as_ref().is_none_or(|x| &r.component == x))
                .collect();
            rows.sort_by(|a, b| {
                (&a.region, &a.component, &a.variant, a.tier_from).cmp(&(
                    &b.region,
                    &b.component,
                    &b.variant,
                    b.tier_from,
                ))
            });
            for r in &rows {
                let tier = match r.tier_to {
                    Some(to) => format!("{}–{}", r.tier_from.normalize(), to.normalize()),
                    None => format!("{}+", r.tier_from.normalize()),
                };
                t.rows.push(vec![
                    r.region.clone(),
                    r.component.clone(),
                    r.variant.clone(),
                    tier,
                    r.unit.clone(),
                    r.usd.normalize().to_string(),
                    r.effective.clone(),
                    if r.verified {
                        "yes".into()
                    } else {
                        "NO".into()
                    },
                    r.source.clone(),
                ]);
            }
            out_raw!("{}", t.render());
            out!(
                "{} rows from the {} price book",
                rows.len(),
                env.book.origin
            );
            if rows.is_empty() {
                return Ok(1);
            }
            Ok(0)
        }
        PricingCommand::Fetch(args) => super::fetch_cmd::fetch(env, &args),
        PricingCommand::Coverage { region, csv, out } => {
            super::coverage_cmd::coverage(env, region.as_deref(), csv, out.as_deref())
        }
        PricingCommand::Import { files, out } => {
            super::import_cmd::pricing_import(env, &files, &out)
        }
        PricingCommand::Diff {
            old,
            new,
            scenarios,
            out,
            format,
            max_chars,
        } => super::diff_cmd::diff(
            env,
            &old,
            &new,
            &scenarios,
            out.as_deref(),
            format,
            max_chars,
        ),
        PricingCommand::Quotas => {
            let mut t = Table::new(
                &[
                    "id",
                    "description",
                    "value",
                    "default",
                    "adjustable",
                    "scope",
                    "code",
                    "verified",
                    "source",
                ],
                &[2, 3],
            );
            for r in env.book.quotas.rows() {
                let yes_no = |b: bool| if b { "yes" } else { "NO" };
                t.rows.push(vec![
                    r.quota.id().to_string(),
                    r.description.clone(),
                    r.value.to_string(),
                    r.default.to_string(),
                    if r.adjustable { "yes" } else { "no" }.to_string(),
                    r.quota.scope().text(),
                    r.code.clone(),
                    yes_no(r.verified).to_string(),
                    match &r.raised_from {
                        Some(f) => format!("{} (value from {f})", r.source),
                        None => r.source.clone(),
                    },
                ]);
            }
            out_raw!("{}", t.render());
            out!("quotas from {}", env.book.quotas.origin);
            Ok(0)
        }
        PricingCommand::Limits { profile } => {
            let mut t = Table::new(LIMIT_COLUMNS, LIMIT_NUMBER_COLUMNS);
            for (p, m) in &env.book.limits.profiles {
                if profile.as_ref().is_some_and(|x| x != p) {
                    continue;
                }
                for (r, l) in m {
                    t.rows.push(l.row(p, r));
                }
            }
            if t.rows.is_empty() {
                return Err(Error::Msg(format!(
                    "no limits profile `{}`\n  hint: profiles are {}",
                    profile.unwrap_or_default(),
                    env.book.limits.names().join(", ")
                )));
            }
            out_raw!("{}", t.render());
            Ok(0)
        }
    }
}
