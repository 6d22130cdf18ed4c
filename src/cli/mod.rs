//! The command line: arguments parsed once into a [`Cli`], then dispatched to one module
//! per subcommand. Only this layer touches the file system and the terminal.

/// `println!` that ignores a closed stdout (`vpceplan ... | head` is not an error).
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}
/// `print!` that ignores a closed stdout.
macro_rules! out_raw {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($t)*);
    }};
}

mod bench;
mod charts_out;
mod check;
mod common;
mod compare;
mod completions;
mod coverage_cmd;
mod cur_cmd;
mod diff_cmd;
mod fetch_cmd;
mod flow_cmd;
mod import_cmd;
mod man;
mod pricing_cmd;
mod report_cmd;
mod run;
mod schema_cmd;
mod sweep_cmd;

pub use common::Env;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Plan the cost and capacity of AWS PrivateLink and VPC endpoint designs.
#[derive(Debug, Parser)]
#[command(name = "vpceplan", version, about, long_about = None)]
pub struct Cli {
    /// Price-book folder (prices.csv, optional regions.csv, limits.csv and quotas.csv)
    /// instead of the built-in book.
    #[arg(long, global = true, value_name = "DIR")]
    pub pricing: Option<PathBuf>,
    /// An account's AWS service quotas: a CSV of `id,value` rows (ids from the price
    /// book's quotas.csv, `vpceplan pricing quotas`) with the values the account has
    /// been granted, instead of AWS's defaults.
    #[arg(long, global = true, value_name = "FILE")]
    pub quotas: Option<PathBuf>,
    /// Worker threads (default: all cores). Output is identical whatever the count.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// Print less: no warnings, no progress.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Start every CSV report written to a file with a UTF-8 byte-order mark, so that
    /// spreadsheets (Excel) open it as UTF-8 (`×`, `→`, `–` in labels and notes).
    #[arg(long, global = true)]
    pub csv_bom: bool,
    /// Warn (once) when the price book's snapshot is older than this many days; 0 never
    /// warns. Also VPCEPLAN_MAX_BOOK_AGE. [default: 180]
    #[arg(long, global = true, value_name = "DAYS")]
    pub max_book_age: Option<u32>,
    #[command(subcommand)]
    pub command: Command,
}

/// Output format of `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table on stdout.
    Table,
    /// JSON on stdout.
    Json,
    /// summary.csv on stdout.
    Csv,
    /// The table on stdout, and every report in one workbook, OUT/vpceplan.xlsx.
    Xlsx,
    /// GitHub-flavoured Markdown on stdout, for a pull-request comment (see --max-chars).
    Markdown,
}

/// Output format of `compare`, `check` and `pricing diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextFormat {
    /// Aligned text for the terminal.
    Table,
    /// GitHub-flavoured Markdown, for a pull-request comment (see --max-chars).
    Markdown,
}

/// `--max-chars`: the cap of a Markdown comment (GitHub's limit by default).
const MAX_CHARS_HELP: &str = "With --format markdown: cut the output at a line to at most this many characters, with a note saying so (GitHub takes 65536 in a comment)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Price and size scenarios; print a summary and write CSV reports.
    Run {
        /// Scenario files or folders [default: scenarios/].
        paths: Vec<PathBuf>,
        /// Report folder.
        #[arg(long, default_value = "reports", value_name = "DIR")]
        out: PathBuf,
        /// What to print on stdout (xlsx: the table, and OUT/vpceplan.xlsx written too).
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Print only; write no report files.
        #[arg(long)]
        no_write: bool,
        /// Also draw charts (SVG and PNG) next to the CSVs: cost by component, cost
        /// against traffic and spokes with break-evens, per-AZ load, failover.
        #[arg(long)]
        charts: bool,
        #[arg(long, value_name = "N", default_value_t = crate::report::markdown::GITHUB_COMMENT_LIMIT, help = MAX_CHARS_HELP)]
        max_chars: usize,
    },
    /// Write everything `run` and `compare` write, every chart as SVG and PNG, and
    /// OUT/index.html: one self-contained page with the summary, each scenario's
    /// comparison and break-evens, the charts and the assumptions.
    Report {
        /// Scenario files or folders [default: scenarios/].
        paths: Vec<PathBuf>,
        /// Report folder.
        #[arg(long, default_value = "reports", value_name = "DIR")]
        out: PathBuf,
    },
    /// Check every scenario's [expect] pins; exit non-zero on any drift.
    Check {
        /// Scenario files or folders [default: scenarios/].
        paths: Vec<PathBuf>,
        /// What to print on stdout.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
        #[arg(long, value_name = "N", default_value_t = crate::report::markdown::GITHUB_COMMENT_LIMIT, help = MAX_CHARS_HELP)]
        max_chars: usize,
    },
    /// Compare every design of each workload scenario side by side, with exact
    /// break-evens; scenarios without a [workload] are skipped.
    Compare {
        /// Scenario files or folders [default: scenarios/].
        paths: Vec<PathBuf>,
        /// Folder to write compare.csv and breakeven.csv into (atomically).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// What to print on stdout.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
        #[arg(long, value_name = "N", default_value_t = crate::report::markdown::GITHUB_COMMENT_LIMIT, help = MAX_CHARS_HELP)]
        max_chars: usize,
    },
    /// Parse and validate scenarios without pricing them.
    Validate {
        /// Scenario files or folders [default: scenarios/].
        paths: Vec<PathBuf>,
    },
    /// Evaluate a sweep file's points in parallel; stream them to sweep.csv (and the
    /// break-even crossings to breakeven.csv). `sweep merge` joins the parts of a sharded
    /// sweep. See README.md, "Sweeps".
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Sweep {
        #[command(subcommand)]
        command: Option<SweepCommand>,
        #[command(flatten)]
        run: SweepRun,
    },
    /// Time a fixed sweep end to end (parse, evaluate, write CSV) and report points per
    /// second and peak memory. Use --threads to compare thread counts.
    Bench {
        /// Points in the benchmark sweep (a multiple of 200; with --design, of 10000).
        #[arg(long, default_value_t = 1_000_000)]
        points: u64,
        /// The design sweep: a workload's four designs as spokes (1-500), traffic per
        /// spoke (1 GB-10 PB, log) and AZs (2-6) vary, instead of explicit resources.
        #[arg(long)]
        design: bool,
        /// Write the CSV here [default: a temporary file, deleted after].
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Write the CSV to nowhere (times parsing, evaluation and formatting only).
        #[arg(long)]
        sink: bool,
        /// Run the benchmark this many times; report the best and the median.
        #[arg(long, default_value_t = 1, value_name = "N")]
        repeat: u32,
    },
    /// Inspect the price book and capacity limits; import AWS Price List offers.
    Pricing {
        #[command(subcommand)]
        command: PricingCommand,
    },
    /// Import designs from other tools.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Write the JSON Schema (draft 2020-12) of scenario or sweep files, for editors
    /// that validate and complete TOML (Taplo / Even Better TOML, JetBrains). The
    /// repository ships both in schemas/.
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value_t = crate::schema::Which::Scenario)]
        which: crate::schema::Which,
        /// Write it to FILE (atomically) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page, or write one page per command into a folder.
    Man {
        /// Write vpceplan.1 and vpceplan-COMMAND.1 for every subcommand into DIR
        /// (atomically) instead of printing vpceplan.1.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// `vpceplan sweep FILE`'s options.
#[derive(Debug, clap::Args)]
pub struct SweepRun {
    /// Sweep file: a scenario plus a [sweep] table of axes.
    #[arg(required = true)]
    file: Option<PathBuf>,
    /// Report folder [default: reports/sweeps/NAME].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Evaluate only the I-th of N equal slices of the points (I from 1 to N), written as
    /// sweep.part-I-of-N.csv (breakeven.part-I-of-N.csv) with a manifest,
    /// sweep.part-I-of-N.manifest.json; `vpceplan sweep merge` checks and joins them.
    /// SYSTEM/N takes I from a job array: slurm/N (SLURM_ARRAY_TASK_ID, --array=1-N),
    /// aws-batch[/N] (AWS_BATCH_JOB_ARRAY_INDEX + 1; N defaults to
    /// AWS_BATCH_JOB_ARRAY_SIZE), k8s/N (JOB_COMPLETION_INDEX + 1).
    #[arg(long, value_name = "I/N")]
    shard: Option<crate::sweep::ShardSpec>,
    /// Write no header line (shard 1 included).
    #[arg(long)]
    no_header: bool,
    /// Refuse sweeps (or shards) of more points than this unless --yes.
    #[arg(long, value_name = "N", default_value_t = crate::sweep::DEFAULT_MAX_POINTS)]
    max_points: u64,
    /// Run a sweep over --max-points.
    #[arg(long, short = 'y')]
    yes: bool,
    /// Print the number of points and the axes, and stop.
    #[arg(long)]
    count: bool,
    /// Also draw cost against the swept axis (SVG and PNG next to sweep.csv), one line
    /// per design, the crossings of breakeven.csv marked: one chart per combination of
    /// the other axes, at most --max-charts of them.
    #[arg(long)]
    charts: bool,
    /// With --charts: draw at most this many charts (an evenly spaced selection of the
    /// other axes' combinations).
    #[arg(long, value_name = "N", default_value_t = 24)]
    max_charts: usize,
    /// Evaluate every point with the full engine instead of the fast path (slow; for
    /// checking the fast path).
    #[arg(long, hide = true)]
    reference: bool,
    /// Points per streamed chunk (memory use scales with it).
    #[arg(long, value_name = "N", default_value_t = crate::sweep::stream::DEFAULT_CHUNK, hide = true)]
    chunk: u64,
}

#[derive(Debug, Subcommand)]
pub enum SweepCommand {
    /// Check the parts of a sharded sweep against their manifests (every shard 1..N there
    /// once, all of the same sweep, price book and vpceplan version, rows and SHA-256 as
    /// written) and only then join them into sweep.csv and breakeven.csv, atomically.
    /// Any problem is listed with the command that re-runs the shard, and nothing is
    /// written (exit status 1).
    Merge {
        /// Folders holding the parts (the shards' --out); usually one.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Where to write: a folder gets sweep.csv and breakeven.csv; FILE.csv gets the
        /// sweep rows, and FILE.breakeven.csv beside it the break-even rows
        /// [default: the first DIR].
        #[arg(long, value_name = "DIR|FILE.csv")]
        out: Option<PathBuf>,
        /// Also draw cost against the swept axis from the merged CSVs, as `sweep --charts`.
        #[arg(long)]
        charts: bool,
        /// With --charts: the sweep file the shards ran [default: the path their
        /// manifests record]; checked against the manifests' SHA-256.
        #[arg(long, value_name = "FILE", requires = "charts")]
        sweep: Option<PathBuf>,
        /// With --charts: draw at most this many charts.
        #[arg(long, value_name = "N", default_value_t = 24)]
        max_charts: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Turn `terraform show -json` output into a scenario; traffic comes from a usage file
    /// and every assumed figure is marked `# assumption`.
    Terraform {
        /// The plan as JSON (`terraform show -json PLANFILE > plan.json`).
        plan: PathBuf,
        /// Usage file: [scenario] name/region/hours_per_month, [default] and
        /// ["resource.address"] tables of gb_per_month, peak_gbps, queries_per_month,
        /// peak_qps, nlcu_per_hour (figures per resource).
        #[arg(long, value_name = "FILE")]
        usage: Option<PathBuf>,
        /// Region of the scenario (overrides the plan's provider region).
        #[arg(long)]
        region: Option<String>,
        /// Write the scenario here (atomically) instead of to stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Read a month of AWS cost exports (CUR 2.0, legacy CUR, FOCUS; CSV, gzip CSV or
    /// Parquet): write the usage vpceplan prices (bill.csv), a baseline scenario of today's
    /// resources (baseline.toml) and the export's cost against vpceplan's
    /// (reconcile.csv). Exit 1 when a difference over a cent is unexplained.
    Cur(cur_cmd::CurArgs),
    /// Read VPC flow logs (text, gzip, Parquet), join them to the ENIs of NAT gateways
    /// and endpoints (an ENI map), and write GB per month per AWS service and source
    /// (traffic.csv) and [workload.traffic] tables (workload-traffic.toml).
    FlowLogs(flow_cmd::FlowArgs),
}

#[derive(Debug, Subcommand)]
pub enum PricingCommand {
    /// List prices, optionally for one Region and/or component.
    Show {
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        component: Option<String>,
    },
    /// List capacity-limit profiles.
    Limits {
        #[arg(long)]
        profile: Option<String>,
    },
    /// List the AWS service quotas designs are counted against: the account's value
    /// (the default unless --quotas raises it), the default, whether AWS raises it on
    /// request, its scope, Service Quotas code and source.
    Quotas,
    /// Import AWS Price List bulk offer files (CSV or JSON, told apart by content) into
    /// DIR/prices.csv: the imported Region × component × variant prices replace those of
    /// DIR/prices.csv (or of the book in use when DIR has none); the rest are kept.
    Import {
        /// Offer files (index.csv / index.json of AmazonVPC, AmazonEC2, AWSDataTransfer,
        /// AmazonRoute53, AWSELB...).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Price-book folder to write prices.csv into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Download the public AWS Price List bulk offers (no AWS account needed) for the
    /// Regions asked, check and cache them, import them into a complete price-book folder
    /// (OUT), then print `pricing diff` against the book in use. A failed or interrupted
    /// fetch leaves the cache and OUT as they were.
    Fetch(FetchArgs),
    /// Which components the book prices in each Region: priced, unverified (a row marked
    /// verified = no), partial (some variants only) or missing.
    Coverage {
        /// One Region: one line per component, with its variants and sources.
        #[arg(long)]
        region: Option<String>,
        /// Print CSV (region, name, one column per component, priced/unverified/missing
        /// counts) instead of the grid.
        #[arg(long)]
        csv: bool,
        /// Also write the CSV here (atomically).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Compare two price books: the prices added, removed or changed, and how each
    /// scenario's monthly cost moves (old, new, delta, %). Exit 1 if a scenario fails
    /// under either book.
    Diff {
        /// The old book: a folder (prices.csv, optional regions.csv, limits.csv) or
        /// `builtin` for the compiled-in book.
        old: PathBuf,
        /// The new book: a folder or `builtin`.
        new: PathBuf,
        /// Scenario files or folders [default: scenarios/, when there is one].
        #[arg(long, num_args = 1.., value_name = "PATHS")]
        scenarios: Vec<PathBuf>,
        /// Also write DIR/price_diff.csv and DIR/scenario_diff.csv.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// What to print on stdout.
        #[arg(long, value_enum, default_value_t = TextFormat::Table)]
        format: TextFormat,
        #[arg(long, value_name = "N", default_value_t = crate::report::markdown::GITHUB_COMMENT_LIMIT, help = MAX_CHARS_HELP)]
        max_chars: usize,
    },
}

/// Arguments of `pricing fetch`.
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
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
    #[arg(long, value_name = "URL", default_value = crate::fetch::DEFAULT_INDEX_URL)]
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

/// Exit status: 0 all good, 1 something failed (a scenario, a drift), 2 bad usage.
pub type Exit = i32;

/// Run a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Exit {
    let env = match Env::new(&cli) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let res = match cli.command {
        Command::Run {
            paths,
            out,
            format,
            no_write,
            charts,
            max_chars,
        } => run::run(&env, &paths, &out, format, no_write, charts, max_chars),
        Command::Report { paths, out } => report_cmd::report(&env, &paths, &out),
        Command::Check {
            paths,
            format,
            max_chars,
        } => check::check(&env, &paths, format, max_chars),
        Command::Compare {
            paths,
            out,
            format,
            max_chars,
        } => compare::compare(&env, &paths, out.as_deref(), format, max_chars),
        Command::Schema { which, out } => schema_cmd::schema(which, out.as_deref()),
        Command::Completions { shell } => completions::completions(shell),
        Command::Man { out } => man::man(out.as_deref()),
        Command::Validate { paths } => check::validate(&env, &paths),
        Command::Pricing { command } => pricing_cmd::pricing(&env, command),
        Command::Sweep {
            command:
                Some(SweepCommand::Merge {
                    dirs,
                    out,
                    charts,
                    sweep,
                    max_charts,
                }),
            ..
        } => sweep_cmd::merge(
            &env,
            &sweep_cmd::MergeArgs {
                dirs,
                out,
                charts,
                sweep,
                max_charts,
            },
        ),
        Command::Sweep { command: None, run } => match run.file {
            Some(file) => sweep_cmd::sweep(
                &env,
                &sweep_cmd::SweepArgs {
                    file,
                    out: run.out,
                    shard: run.shard,
                    no_header: run.no_header,
                    max_points: run.max_points,
                    yes: run.yes,
                    chunk: run.chunk,
                    reference: run.reference,
                    count: run.count,
                    charts: run.charts,
                    max_charts: run.max_charts,
                },
            ),
            None => {
                eprintln!("error: vpceplan sweep needs a sweep FILE (or `sweep merge DIR`)");
                Ok(2)
            }
        },
        Command::Bench {
            points,
            design,
            out,
            sink,
            repeat,
        } => bench::bench(
            &env,
            &bench::BenchArgs {
                points,
                out,
                sink,
                repeat,
                design,
            },
        ),
        Command::Import {
            command:
                ImportCommand::Terraform {
                    plan,
                    usage,
                    region,
                    out,
                },
        } => import_cmd::terraform(&env, &plan, usage.as_deref(), region, out.as_deref()),
        Command::Import {
            command: ImportCommand::Cur(args),
        } => cur_cmd::import_cur(&env, &args),
        Command::Import {
            command: ImportCommand::FlowLogs(args),
        } => flow_cmd::import_flow_logs(&env, &args),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}
