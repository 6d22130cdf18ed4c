//! `vpceplan pricing coverage`: Regions × components, priced / unverified / partial /
//! missing.

use crate::cli::{Env, Exit};
use crate::error::{Error, Result};
use crate::output::write_atomic;
use crate::pricing::COMPONENTS;
use crate::pricing::coverage::{RegionCoverage, Status, coverage as compute, short_label};
use crate::report::Table;
use crate::text::text_cell;

fn to_csv(cov: &[RegionCoverage]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let bad = |e: csv::Error| Error::Msg(format!("cannot write coverage CSV: {e}"));
    let mut header: Vec<&str> = vec!["region", "name"];
    header.extend(COMPONENTS.iter().copied());
    header.extend(["priced", "unverified", "partial", "missing"]);
    // (cells of components billed elsewhere — global ones in a Region's row, Regional ones
    // in the `global` row — say `n/a` and are counted in none of these)
    w.write_record(&header).map_err(bad)?;
    for r in cov {
        let mut rec = vec![text_cell(&r.region), text_cell(&r.name)];
        rec.extend(r.cells.iter().map(|c| c.status.as_str().to_string()));
        for s in [
            Status::Priced,
            Status::Unverified,
            Status::Partial,
            Status::Missing,
        ] {
            rec.push(r.count(s).to_string());
        }
        w.write_record(&rec).map_err(bad)?;
    }
    w.into_inner()
        .map_err(|e| Error::Msg(format!("cannot write coverage CSV: {e}")))
}

/// Arguments of `vpceplan pricing coverage`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One Region: one line per component, with its variants and sources.
    #[arg(long)]
    pub region: Option<String>,
    /// Print CSV (region, name, one column per component, priced/unverified/missing
    /// counts) instead of the grid.
    #[arg(long)]
    pub csv: bool,
    /// Also write the CSV here (atomically).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let (region, csv, out) = (args.region.as_deref(), args.csv, args.out.as_deref());
    if let Some(r) = region
        && !env.book.knows_region(r)
    {
        return Err(Error::Msg(format!(
            "unknown Region `{r}`\n  hint: use one of: {}",
            env.book.region_list()
        )));
    }
    let cov = compute(&env.book, region);
    let bytes = to_csv(&cov)?;
    if let Some(p) = out {
        write_atomic(p, &bytes)?;
        if !env.quiet {
            eprintln!("wrote {}", p.display());
        }
    }
    if csv {
        out_raw!("{}", String::from_utf8_lossy(&bytes));
        return Ok(0);
    }
    match (region, cov.first()) {
        (Some(_), Some(r)) => {
            let mut t = Table::new(&["component", "status", "variants", "note", "source"], &[]);
            for c in &r.cells {
                let note = c
                    .capped_at
                    .as_ref()
                    .map(|top| format!("no price past {top}"))
                    .unwrap_or_default();
                t.rows.push(vec![
                    c.component.to_string(),
                    c.status.as_str().to_string(),
                    c.variants.join(" "),
                    note,
                    c.sources.join("; "),
                ]);
            }
            out!("{} ({}), {} price book", r.region, r.name, env.book.origin);
            out_raw!("{}", t.render());
        }
        _ => {
            let mut header: Vec<&str> = vec!["region"];
            header.extend(COMPONENTS.iter().map(|c| short_label(c)));
            header.extend(["priced", "unverif", "missing"]);
            let n = header.len();
            let mut t = Table::new(&header, &[n - 3, n - 2, n - 1]);
            for r in &cov {
                let mut row = vec![r.region.clone()];
                row.extend(r.cells.iter().map(|c| c.status.mark().to_string()));
                row.push(r.count(Status::Priced).to_string());
                row.push(r.count(Status::Unverified).to_string());
                row.push((r.count(Status::Missing) + r.count(Status::Partial)).to_string());
                t.rows.push(row);
            }
            out!(
                "price coverage of the {} price book (global + {} Regions × {} components)",
                env.book.origin,
                cov.len().saturating_sub(1),
                COMPONENTS.len()
            );
            out_raw!("{}", t.render());
            out!(
                "+ priced   ? priced, a row unverified   ~ some variants only   - missing (\"no price\" error)   . billed elsewhere (global prices are in the `global` row)"
            );
            let legend: Vec<String> = COMPONENTS
                .iter()
                .map(|c| format!("{} {c}", short_label(c)))
                .collect();
            out!("columns: {}", legend.join(", "));
            out!(
                "details of one Region: vpceplan pricing coverage --region REGION; prices for any Region: vpceplan pricing fetch --regions REGION"
            );
        }
    }
    Ok(0)
}
