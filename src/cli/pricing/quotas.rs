//! `vpceplan pricing quotas`: the AWS service quotas designs are counted against.

use crate::cli::{Env, Exit};
use crate::error::Result;
use crate::report::Table;

/// Arguments of `vpceplan pricing quotas` (none: the values come from the book and
/// the global `--quotas FILE`).
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(env: &Env, _args: &Args) -> Result<Exit> {
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
