//! `vpceplan import terraform PLAN.json [--usage FILE] [--region R] [--out FILE]`: a
//! Terraform plan (`terraform show -json`) into a scenario.

use crate::cli::{Env, Exit};
use crate::error::{Error, Result};
use crate::import::{self, ImportError, Usage};
use crate::output::write_atomic;
use std::path::{Path, PathBuf};

/// Arguments of `vpceplan import terraform`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan as JSON (`terraform show -json PLANFILE > plan.json`).
    pub plan: PathBuf,
    /// Usage file: [scenario] name/region/hours_per_month, [default] and
    /// ["resource.address"] tables of gb_per_month, peak_gbps, queries_per_month,
    /// peak_qps, nlcu_per_hour (figures per resource).
    #[arg(long, value_name = "FILE")]
    pub usage: Option<PathBuf>,
    /// Region of the scenario (overrides the plan's provider region).
    #[arg(long)]
    pub region: Option<String>,
    /// Write the scenario here (atomically) instead of to stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn import_err(e: ImportError) -> Error {
    Error::Msg(e.to_string())
}

/// `vpceplan import terraform PLAN.json [--usage FILE] [--region R] [--out FILE]`.
pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let (plan, usage, out) = (&args.plan, args.usage.as_deref(), args.out.as_deref());
    let read = |p: &Path| -> Result<String> {
        let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        String::from_utf8(bytes).map_err(|_| Error::Msg(format!("{}: not UTF-8 text", p.display())))
    };
    let plan_text = read(plan)?;
    let mut u = match usage {
        Some(p) => Usage::from_toml_str(&read(p)?, &p.display().to_string()).map_err(import_err)?,
        None => Usage::default(),
    };
    if args.region.is_some() {
        u.region = args.region.clone();
    }
    let shown_plan = plan.display().to_string();
    let r = import::import_terraform_plan(&plan_text, &shown_plan, &u).map_err(import_err)?;
    let shown_out = out.map_or("the imported scenario".to_string(), |p| {
        p.display().to_string()
    });
    let check = crate::scenario::parse_scenario(&shown_out, &r.scenario_toml, &env.book);
    match out {
        Some(p) => {
            write_atomic(p, r.scenario_toml.as_bytes())?;
            out!(
                "wrote {shown_out}: {} resource(s) into scenario blocks, Region {}",
                r.imported.len(),
                r.region
            );
        }
        None => out_raw!("{}", r.scenario_toml),
    }
    if !env.quiet {
        eprintln!(
            "imported {} resource(s); {} assumed figure(s) marked \"# assumption\"; {} resource(s) not imported",
            r.imported.len(),
            r.assumptions.len(),
            r.unsupported.len()
        );
        for u in &r.unsupported {
            eprintln!("  not imported: {}: {}", u.address, u.reason);
        }
        for n in &r.notes {
            eprintln!("  note: {n}");
        }
    }
    if let Err(e) = check {
        eprintln!("error: the imported scenario does not validate: {e}");
        return Ok(1);
    }
    Ok(0)
}
