//! `vpceplan plan BASELINE --traffic traffic.csv`: today's resources (from `import cur`)
//! against every design the workload (from `import flow-logs`) allows: cost, saving per
//! month and per year, which traffic moves, capacity, blast radius, break-evens.
//! `--out DIR` writes savings.csv, attribution.csv, breakeven.csv, plan.html and
//! plan.xlsx atomically.

use super::{Env, Exit, TextFormat, TextOutput};
use crate::error::{Error, Result};
use crate::flowlogs::enis::EniMap;
use crate::output::write_atomic;
use crate::report::savings as render;
use crate::savings::{self, Options, VpcMap, input::read_traffic_csv};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Arguments of `vpceplan plan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The baseline scenario `vpceplan import cur` wrote (baseline.toml): blocks
    /// labelled "ACCOUNT RESOURCE".
    pub baseline: PathBuf,
    /// traffic.csv of `vpceplan import flow-logs`: GB per service and source of each NAT
    /// gateway and endpoint.
    #[arg(long, value_name = "FILE")]
    pub traffic: PathBuf,
    /// The ENI map given to `import flow-logs`: its `vpc` column counts the spokes.
    #[arg(long, value_name = "FILE")]
    pub enis: Option<PathBuf>,
    /// Spokes (VPCs) of the workload in every Region [default: counted].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub spokes: Option<u64>,
    /// AZs of each spoke [default: counted].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=6))]
    pub azs: Option<u64>,
    /// Peak Gbps = the month's average rate × this factor (bills and flow logs give
    /// volumes, not peaks).
    #[arg(long, value_name = "F", default_value_t = 1.0)]
    pub peak_factor: f64,
    /// Designs to compile, comma-separated [default: nat, distributed,
    /// centralized-profile, centralized-phz, gateway-where-possible, gateway-only].
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub designs: Vec<String>,
    /// Keep NAT gateways and endpoints whose billed GB no flow-log row explains as they
    /// are in every design (else an error).
    #[arg(long)]
    pub allow_unattributed: bool,
    /// Folder for savings.csv, attribution.csv, breakeven.csv, plan.html and plan.xlsx.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub output: TextOutput,
}

/// Read the baseline, traffic.csv and the ENI map, and plan (shared with `report`).
pub fn load_plan(
    env: &Env,
    baseline: &Path,
    traffic: &Path,
    enis: Option<&Path>,
    opts: &Options,
) -> Result<savings::BaselinePlan> {
    let shown = baseline.display().to_string();
    let src = crate::error::read_text_file(baseline)?;
    let scenario = crate::scenario::parse_scenario(&shown, &src, &env.book)?;
    if scenario.workload.is_some() || scenario.failover.is_some() {
        return Err(Error::input(
            &shown,
            None,
            "workload",
            "the baseline is a workload scenario; `plan` takes today's resources as explicit blocks",
            "give the baseline.toml `vpceplan import cur` writes (or `vpceplan compare` a workload scenario)",
        ));
    }
    let tshown = traffic.display().to_string();
    let ttext = crate::error::read_text_file(traffic)?;
    let rows = read_traffic_csv(&ttext, &tshown)?;
    let vpcs: Option<VpcMap> = match enis {
        Some(p) => {
            let text = crate::error::read_text_file(p)?;
            let map = EniMap::from_csv(&text, &p.display().to_string())
                .map_err(|e| Error::Msg(e.to_string()))?;
            Some(
                map.enis
                    .iter()
                    .map(|e| ((e.account.clone(), e.resource.clone()), e.vpc.clone()))
                    .collect(),
            )
        }
        None => None,
    };
    savings::plan(
        &scenario,
        &src,
        &rows,
        &tshown,
        vpcs.as_ref(),
        opts,
        &env.book,
    )
}

/// Whether a plan has a Region whose baseline or a valid design failed to price.
pub fn failed(p: &savings::BaselinePlan) -> bool {
    p.regions.iter().any(|r| {
        r.baseline.is_err()
            || r.comparison
                .as_ref()
                .is_some_and(|c| c.designs.iter().any(|a| matches!(a.eval, Some(Err(_)))))
    })
}

/// `vpceplan plan`.
pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let opts = Options {
        spokes: args.spokes,
        azs: args.azs,
        peak_factor: args.peak_factor,
        allow_unattributed: args.allow_unattributed,
        designs: args.designs.clone(),
    };
    let plan = load_plan(
        env,
        &args.baseline,
        &args.traffic,
        args.enis.as_deref(),
        &opts,
    )?;
    let mut failed = false;
    // Each warning once, with the designs it concerns.
    let mut warnings: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for r in &plan.regions {
        if r.baseline.is_err() {
            failed = true;
        }
        if let Ok(e) = &r.baseline {
            for w in &e.warnings {
                warnings
                    .entry(w.clone())
                    .or_default()
                    .push(format!("{} baseline", r.region));
            }
        }
        if let Some(c) = &r.comparison {
            for a in &c.designs {
                if matches!(a.eval, Some(Err(_))) {
                    failed = true;
                }
                if let Some(Ok(e)) = &a.eval {
                    for w in &e.warnings {
                        warnings
                            .entry(w.clone())
                            .or_default()
                            .push(format!("{} {}", r.region, a.plan.design));
                    }
                }
            }
        }
    }
    for (w, used) in &warnings {
        env.warn(&format!("{w} (in {})", used.join(", ")));
    }
    let text = match args.output.format {
        TextFormat::Table => render::plan_table(&plan),
        TextFormat::Markdown => crate::report::markdown::fit(
            &render::plan_md(&plan),
            args.output.max_chars.max_chars,
            "`vpceplan plan --format markdown` prints all of it.",
        ),
    };
    if let Some(dir) = &args.out {
        let book = crate::report::xlsx::workbook(&render::sheets(&plan))?;
        write_atomic(
            &dir.join("attribution.csv"),
            &env.csv(render::attribution_sheet(&plan).to_csv()),
        )?;
        write_atomic(
            &dir.join("breakeven.csv"),
            &env.csv(render::breakeven_bytes(&plan)),
        )?;
        write_atomic(&dir.join("plan.html"), &render::plan_html(&plan))?;
        write_atomic(&dir.join("plan.xlsx"), &book)?;
        // savings.csv last: a complete savings.csv means a complete run.
        write_atomic(
            &dir.join("savings.csv"),
            &env.csv(render::savings_sheet(&plan).to_csv()),
        )?;
    }
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if let Some(dir) = &args.out
        && !env.quiet
    {
        eprintln!(
            "savings.csv, attribution.csv, breakeven.csv, plan.html and plan.xlsx written to {}",
            dir.display()
        );
    }
    Ok(if failed { 1 } else { 0 })
}
