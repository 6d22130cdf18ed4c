//! `vpceplan pricing import FILE... --out DIR`: AWS Price List bulk offer files (CSV or
//! JSON) into a price-book folder's prices.csv, merged with the book's other rows.

use crate::cli::{Env, Exit};
use crate::error::{Error, Result};
use crate::import::{self, ImportError};
use crate::output::write_atomic;
use crate::pricing::{self, PriceBook};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

const BUILTIN_LIMITS_CSV: &str = include_str!("../../../pricing/limits.csv");

fn import_err(e: ImportError) -> Error {
    Error::Msg(e.to_string())
}

/// The two forms of a bulk offer file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OfferForm {
    Csv,
    Json,
}

/// Tells CSV from JSON by the first non-blank byte, reading no more than the buffer holds.
/// Skips a UTF-8 byte-order mark and leading whitespace (neither format needs them).
fn detect_form(reader: &mut impl BufRead, shown: &str) -> Result<OfferForm> {
    let io = |e| Error::io(shown, e);
    let mut first = true;
    loop {
        let buf = reader.fill_buf().map_err(io)?;
        if buf.is_empty() {
            return Err(Error::Msg(format!(
                "{shown}: the file is empty\n  hint: pass an AWS Price List offer file (index.csv or index.json)"
            )));
        }
        let mut skip = 0;
        if first && buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
            skip = 3;
        }
        first = false;
        let rest = &buf[skip..];
        let blanks = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let next = rest.get(blanks).copied();
        reader.consume(skip + blanks);
        if let Some(b) = next {
            return Ok(if b == b'{' {
                OfferForm::Json
            } else {
                OfferForm::Csv
            });
        }
    }
}

/// Arguments of `vpceplan pricing import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Offer files (index.csv / index.json of AmazonVPC, AmazonEC2, AWSDataTransfer,
    /// AmazonRoute53, AWSELB...).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Price-book folder to write prices.csv into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// `vpceplan pricing import FILE... --out DIR`.
pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let (files, out) = (&args.files, args.out.as_path());
    let target = out.join("prices.csv");
    // Merge into the folder's book if it has one, else into the book in use.
    let base = if target.is_file() {
        PriceBook::load_dir(out)?
    } else {
        env.book.clone()
    };
    let mut imported: Vec<import::PriceRow> = Vec::new();
    for f in files {
        let shown = f.display().to_string();
        let file = File::open(f).map_err(|e| Error::io(f, e))?;
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let form = detect_form(&mut reader, &shown)?;
        let result = match form {
            OfferForm::Json => import::import_offer_json(reader, &shown),
            OfferForm::Csv => import::import_offer_csv(reader, &shown),
        }
        .map_err(import_err)?;
        out!(
            "{shown}: {} offer {} version {}, published {}: {} price row(s)",
            if form == OfferForm::Json {
                "JSON"
            } else {
                "CSV"
            },
            result.offer_code,
            result.version,
            result.effective,
            result.rows.len()
        );
        for line in result.skipped.to_string().lines() {
            out!("  {line}");
        }
        for n in &result.notes {
            out!("  note: {n}");
        }
        // A later file's prices replace an earlier file's for the same key.
        imported = pricing::merge_rows(imported, &result.rows);
    }
    let unknown: BTreeSet<String> = imported
        .iter()
        .filter(|r| !base.knows_region(&r.region))
        .map(|r| r.region.clone())
        .collect();
    if !unknown.is_empty() {
        let n = imported
            .iter()
            .filter(|r| unknown.contains(&r.region))
            .count();
        imported.retain(|r| !unknown.contains(&r.region));
        env.warn(&format!(
            "{n} row(s) for Regions the price book does not list left out: {}\n  hint: add them to {} (copy pricing/regions.csv there) and import again",
            unknown.into_iter().collect::<Vec<_>>().join(", "),
            out.join("regions.csv").display()
        ));
    }
    if imported.is_empty() {
        return Err(Error::Msg(format!(
            "no price for a vpceplan component in {}; {} not written\n  hint: import the offers that carry them: AmazonVPC, AmazonEC2 (NAT gateways, cross-AZ), AWSDataTransfer, AmazonRoute53, AWSELB",
            files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            target.display()
        )));
    }
    let kept_before = base.rows.len();
    let merged = pricing::merge_rows(base.rows.clone(), &imported);
    let text = pricing::write_prices_csv(&merged)?;
    // Never write a book that the loader would refuse.
    let shown_target = target.display().to_string();
    PriceBook::from_texts(
        &out.display().to_string(),
        (&shown_target, &text),
        ("regions", &pricing::write_regions_csv(&base.regions)?),
        ("limits", BUILTIN_LIMITS_CSV),
    )
    .map_err(|e| Error::Msg(format!("the merged price book does not validate: {e}")))?;
    write_atomic(&target, text.as_bytes())?;
    let kept = merged.len() - imported.len();
    out!(
        "wrote {shown_target}: {} row(s): {} imported, {kept} kept from the {} book ({} before)",
        merged.len(),
        imported.len(),
        base.origin,
        kept_before
    );
    Ok(0)
}
