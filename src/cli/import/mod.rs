//! `vpceplan import terraform|cur|flow-logs`: designs, bills and traffic from other tools,
//! one module per subcommand.

mod cur;
mod flow_logs;
mod terraform;

use super::{Env, Exit};
use crate::error::Result;

/// Arguments of `vpceplan import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: ImportCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum ImportCommand {
    /// Turn `terraform show -json` output into a scenario; traffic comes from a usage file
    /// and every assumed figure is marked `# assumption`.
    Terraform(terraform::Args),
    /// Read a month of AWS cost exports (CUR 2.0, legacy CUR, FOCUS; CSV, gzip CSV or
    /// Parquet): write the usage vpceplan prices (bill.csv), a baseline scenario of today's
    /// resources (baseline.toml) and the export's cost against vpceplan's
    /// (reconcile.csv). Exit 1 when a difference over a cent is unexplained.
    Cur(cur::Args),
    /// Read VPC flow logs (text, gzip, Parquet), join them to the ENIs of NAT gateways
    /// and endpoints (an ENI map), and write GB per month per AWS service and source
    /// (traffic.csv) and [workload.traffic] tables (workload-traffic.toml).
    FlowLogs(flow_logs::Args),
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    match &args.command {
        ImportCommand::Terraform(a) => terraform::run(env, a),
        ImportCommand::Cur(a) => cur::run(env, a),
        ImportCommand::FlowLogs(a) => flow_logs::run(env, a),
    }
}
