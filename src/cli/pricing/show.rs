//! `vpceplan pricing show [--region R] [--component C]`: the book's prices, sorted.

use crate::cli::{Env, Exit};
use crate::error::{Error, Result};
use crate::report::Table;

/// Arguments of `vpceplan pricing show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    pub region: Option<String>,
    #[arg(long)]
    pub component: Option<String>,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let Args { region, component } = args;
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
