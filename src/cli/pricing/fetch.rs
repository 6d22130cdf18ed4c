//! `vpceplan pricing fetch`: AWS Price List bulk offers → a price-book folder, then the
//! diff against the book in use.

use crate::cli::{Env, Exit, TextFormat, TextOutput};
use crate::error::{Error, Result};
use crate::fetch::http::{HttpConfig, Progress};
use crate::fetch::{self, FetchOptions, FileStatus, Regions};
use crate::output::write_atomic;
use crate::pricing::{self, PriceBook};
use indicatif::{ProgressBar, ProgressStyle};
use std::cell::RefCell;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

/// Progress on stderr: a bar per download on a terminal, one line per download otherwise;
/// nothing with --quiet.
struct CliProgress {
    quiet: bool,
    terminal: bool,
    bar: RefCell<Option<ProgressBar>>,
}

impl Progress for CliProgress {
    fn begin(&self, label: &str, total: Option<u64>) {
        if self.quiet {
            return;
        }
        if self.terminal {
            let bar = match total {
                Some(t) => ProgressBar::new(t),
                None => ProgressBar::new_spinner(),
            };
            let style = ProgressStyle::with_template(
                "{msg:28} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
            )
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message(label.to_string());
            *self.bar.borrow_mut() = Some(bar);
        } else {
            eprintln!("downloading {label}");
        }
    }
    fn advance(&self, n: u64) {
        if let Some(b) = self.bar.borrow().as_ref() {
            b.inc(n);
        }
    }
    fn end(&self) {
        if let Some(b) = self.bar.borrow_mut().take() {
            b.finish_and_clear();
        }
    }
    fn note(&self, msg: &str) {
        if !self.quiet {
            match self.bar.borrow().as_ref() {
                Some(b) => b.println(msg),
                None => eprintln!("{msg}"),
            }
        }
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// The `book.csv` of a fetched book.
fn book_csv(env: &Env, opts: &FetchOptions, fetched: &fetch::Fetched) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let bad = |e: csv::Error| Error::Msg(format!("cannot write book.csv: {e}"));
    w.write_record(["key", "value"]).map_err(bad)?;
    w.write_record(["snapshot", &fetch::today()]).map_err(bad)?;
    w.write_record([
        "source",
        &format!("AWS Price List bulk API, {}", opts.index_url),
    ])
    .map_err(bad)?;
    w.write_record([
        "base",
        &format!(
            "rows not fetched are kept from the {} book",
            env.book.origin
        ),
    ])
    .map_err(bad)?;
    for o in &fetched.offers {
        w.write_record([
            "offer",
            &format!(
                "{} {} version {} published {}",
                o.service, o.region, o.version, o.effective
            ),
        ])
        .map_err(bad)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::Msg(format!("cannot write book.csv: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Arguments of `vpceplan pricing fetch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Regions to fetch, comma-separated (us-east-1,eu-west-1), or `all` (every Region of
    /// the Price List that regions.csv knows).
    #[arg(long, value_name = "LIST", required = true)]
    pub regions: String,
    /// Folder for the new price book (prices.csv, regions.csv, limits.csv, quotas.csv, book.csv).
    #[arg(long, value_name = "DIR", default_value = "price-book")]
    pub out: PathBuf,
    /// Download cache [default: $XDG_CACHE_HOME/vpceplan/price-list, else
    /// ~/.cache/vpceplan/price-list].
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Use only the cache, no network; when a file is missing, say which URLs to
    /// download by hand and how to `pricing import` them.
    #[arg(long)]
    pub offline: bool,
    /// The offer index to start from.
    #[arg(long, value_name = "URL", default_value = fetch::DEFAULT_INDEX_URL)]
    pub index_url: String,
    /// Offer codes to fetch, comma-separated [default: AmazonVPC, AmazonEC2,
    /// AWSDataTransfer, AmazonRoute53, AWSELB].
    #[arg(long, value_name = "LIST")]
    pub services: Option<String>,
    /// Form of the Region offer files.
    #[arg(long, value_enum, default_value_t = OfferFormat::Json)]
    pub format: OfferFormat,
    /// Seconds before a connection, a response or a stalled download times out.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
    /// Further attempts after a failed download (connection, timeout, 5xx, cut body).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// First wait between attempts, in milliseconds; doubled each time (at most 8 s).
    #[arg(long, value_name = "MS", default_value_t = 500, hide = true)]
    pub retry_wait_ms: u64,
    /// Scenario files or folders for the diff [default: scenarios/, when there is one].
    #[arg(long, num_args = 1.., value_name = "PATHS")]
    pub scenarios: Vec<PathBuf>,
    /// Do not print the diff against the book in use.
    #[arg(long)]
    pub no_diff: bool,
}

/// Form of a Price List offer file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OfferFormat {
    Json,
    Csv,
}

pub fn run(env: &Env, a: &Args) -> Result<Exit> {
    let regions = if a.regions.trim().eq_ignore_ascii_case("all") {
        Regions::All
    } else {
        Regions::List(split_list(&a.regions))
    };
    if a.timeout == 0 {
        return Err(Error::Msg("--timeout must be at least 1 second".into()));
    }
    let mut opts = FetchOptions::new(
        a.cache.clone().unwrap_or_else(fetch::default_cache_dir),
        regions,
    );
    opts.index_url = a.index_url.clone();
    if let Some(s) = &a.services {
        opts.services = split_list(s);
    }
    opts.offline = a.offline;
    opts.csv = a.format == OfferFormat::Csv;
    opts.http = HttpConfig {
        timeout: Duration::from_secs(a.timeout),
        retries: a.retries,
        backoff: Duration::from_millis(a.retry_wait_ms),
        max_backoff: Duration::from_secs(8),
    };
    let progress = CliProgress {
        quiet: env.quiet,
        terminal: std::io::stderr().is_terminal(),
        bar: RefCell::new(None),
    };
    let fetched = fetch::fetch(&opts, &env.book.regions, &progress)?;

    for o in &fetched.offers {
        out!(
            "{} {}: version {}, published {}: {} price row(s)",
            o.service,
            o.region,
            o.version,
            o.effective,
            o.rows
        );
    }
    let count =
        |f: &dyn Fn(&FileStatus) -> bool| fetched.files.iter().filter(|x| f(&x.status)).count();
    let bytes: u64 = fetched
        .files
        .iter()
        .map(|f| match f.status {
            FileStatus::Downloaded(b) => b,
            _ => 0,
        })
        .sum();
    out!(
        "{} file(s): {} downloaded ({bytes} bytes), {} not modified, {} from the cache only; cache {}",
        fetched.files.len(),
        count(&|s| matches!(s, FileStatus::Downloaded(_))),
        count(&|s| *s == FileStatus::NotModified),
        count(&|s| *s == FileStatus::Cached),
        opts.cache.display()
    );
    for n in &fetched.notes {
        env.warn(n);
    }
    if fetched.rows.is_empty() {
        return Err(Error::Msg(format!(
            "the offers fetched hold no price vpceplan uses; {} not written",
            a.out.display()
        )));
    }

    // The new book: the fetched prices replace the book in use's for the same Region ×
    // component × variant; everything else is kept.
    let merged = pricing::merge_rows(env.book.rows.clone(), &fetched.rows);
    let prices = pricing::write_prices_csv(&merged)?;
    let meta = book_csv(env, &opts, &fetched)?;
    let shown = a.out.display().to_string();
    let new_book = PriceBook::from_texts(
        &shown,
        (&a.out.join("prices.csv").display().to_string(), &prices),
        ("regions.csv", &env.book.regions_csv),
        ("limits.csv", &env.book.limits_csv),
    )
    .and_then(|b| b.with_quotas("quotas.csv", &env.book.quotas_csv))
    .and_then(|b| b.with_book_csv("book.csv", &meta))
    .map_err(|e| Error::Msg(format!("the fetched price book does not validate: {e}")))?;
    // Each file is replaced atomically; prices.csv last.
    write_atomic(&a.out.join("regions.csv"), env.book.regions_csv.as_bytes())?;
    write_atomic(&a.out.join("limits.csv"), env.book.limits_csv.as_bytes())?;
    write_atomic(&a.out.join("quotas.csv"), env.book.quotas_csv.as_bytes())?;
    write_atomic(&a.out.join("book.csv"), meta.as_bytes())?;
    write_atomic(&a.out.join("prices.csv"), prices.as_bytes())?;
    out!(
        "wrote {shown}: {} price row(s): {} fetched for {}, {} kept from the {} book",
        merged.len(),
        fetched.rows.len(),
        fetched.regions.join(", "),
        merged.len() - fetched.rows.len(),
        env.book.origin
    );
    out!("use it with: vpceplan --pricing {shown} compare  (or run, check, report...)");
    if !a.no_diff {
        out!();
        // The diff is information: scenarios failing under the old book are why one
        // fetches; the fetch itself succeeded.
        super::diff::diff_loaded(
            env,
            &env.book,
            &new_book,
            &a.scenarios,
            None,
            TextOutput {
                format: TextFormat::Table,
                max_chars: crate::cli::MaxChars {
                    max_chars: crate::report::markdown::GITHUB_COMMENT_LIMIT,
                },
            },
        )?;
    }
    Ok(0)
}
