//! `vpceplan pricing show|limits|quotas|import|fetch|coverage|diff`: the price book, the
//! capacity limits and the service quotas, one module per subcommand.

mod coverage;
mod diff;
mod fetch;
mod import;
mod limits;
mod quotas;
mod show;

use super::{Env, Exit};
use crate::error::Result;

/// Arguments of `vpceplan pricing`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: PricingCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum PricingCommand {
    /// List prices, optionally for one Region and/or component.
    Show(show::Args),
    /// List capacity-limit profiles.
    Limits(limits::Args),
    /// List the AWS service quotas designs are counted against: the account's value
    /// (the default unless --quotas raises it), the default, whether AWS raises it on
    /// request, its scope, Service Quotas code and source.
    Quotas(quotas::Args),
    /// Import AWS Price List bulk offer files (CSV or JSON, told apart by content) into
    /// DIR/prices.csv: the imported Region × component × variant prices replace those of
    /// DIR/prices.csv (or of the book in use when DIR has none); the rest are kept.
    Import(import::Args),
    /// Download the public AWS Price List bulk offers (no AWS account needed) for the
    /// Regions asked, check and cache them, import them into a complete price-book folder
    /// (OUT), then print `pricing diff` against the book in use. A failed or interrupted
    /// fetch leaves the cache and OUT as they were.
    Fetch(fetch::Args),
    /// Which components the book prices in each Region: priced, unverified (a row marked
    /// verified = no), partial (some variants only) or missing.
    Coverage(coverage::Args),
    /// Compare two price books: the prices added, removed or changed, and how each
    /// scenario's monthly cost moves (old, new, delta, %). Exit 1 if a scenario fails
    /// under either book.
    Diff(diff::Args),
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    match &args.command {
        PricingCommand::Show(a) => show::run(env, a),
        PricingCommand::Limits(a) => limits::run(env, a),
        PricingCommand::Quotas(a) => quotas::run(env, a),
        PricingCommand::Import(a) => import::run(env, a),
        PricingCommand::Fetch(a) => fetch::run(env, a),
        PricingCommand::Coverage(a) => coverage::run(env, a),
        PricingCommand::Diff(a) => diff::run(env, a),
    }
}
