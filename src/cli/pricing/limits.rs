//! `vpceplan pricing limits [--profile P]`: the capacity-limit profiles.

use crate::cli::{Env, Exit};
use crate::error::{Error, Result};
use crate::pricing::{LIMIT_COLUMNS, LIMIT_NUMBER_COLUMNS};
use crate::report::Table;

/// Arguments of `vpceplan pricing limits`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    pub profile: Option<String>,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let profile = &args.profile;
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
            profile.as_deref().unwrap_or_default(),
            env.book.limits.names().join(", ")
        )));
    }
    out_raw!("{}", t.render());
    Ok(0)
}
