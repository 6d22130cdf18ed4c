//! `pricing fetch`: download the public AWS Price List bulk offer files for the services
//! and Regions the price book needs, check them, keep them in a cache, and import them
//! with the existing importer ([`crate::import`]).
//!
//! No AWS account or key is needed: the bulk API is plain HTTPS GETs.
//!
//! 1. the offer index, [`DEFAULT_INDEX_URL`];
//! 2. for each service in [`SERVICES`], its Region index (`currentRegionIndexUrl`);
//! 3. for each Region asked, that service's current offer for the Region
//!    (`currentVersionUrl`, JSON, or CSV with `--format csv`).
//!
//! Every file is downloaded into a staging folder, checked (its size against
//! `Content-Length`; an index must parse as one; an offer must import as an offer of the
//! expected service whose rows are all for the expected Region) and moved into the cache
//! only when every file of the run has passed. Cached copies are revalidated with
//! conditional requests (`If-None-Match`, `If-Modified-Since`): an unchanged file is not
//! downloaded again.

pub mod cache;
pub mod http;
pub mod index;

use crate::error::{Error, Result};
use crate::import::{self, ImportResult, PriceRow};
use crate::pricing::RegionInfo;
use cache::{Meta, Staging, read_meta};
use http::{Client, FailKind, FetchFailure, Got, HttpConfig, Progress};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

/// The public offer index of the AWS Price List bulk API (commercial Regions).
pub const DEFAULT_INDEX_URL: &str =
    "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json";

/// A Price List service (offer code) the book draws on.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    pub code: &'static str,
    /// The usage types vpceplan imports from it.
    pub carries: &'static str,
}

/// The offers `pricing fetch` downloads by default, and what each carries.
pub const SERVICES: &[Service] = &[
    Service {
        code: "AmazonVPC",
        carries: "interface and GWLB endpoints (VpcEndpoint-Hours/-Bytes, VpcEndpoint-GWLBE-*), Transit Gateway (TransitGateway-Hours/-Bytes), resource endpoints (VpcEndpoint-Resource-Hours, VpcResource-Consumer-Bytes), Site-to-Site VPN (VPN-Usage-Hours)",
    },
    Service {
        code: "AmazonEC2",
        carries: "NAT gateways (NatGateway-Hours/-Bytes, RegionalNatGateway-Hours/-Bytes); a large file (hundreds of MB per Region)",
    },
    Service {
        code: "AWSDataTransfer",
        carries: "cross-AZ (DataTransfer-Regional-Bytes) and inter-Region (SRC-DST-AWS-Out-Bytes) transfer",
    },
    Service {
        code: "AmazonRoute53",
        carries: "Resolver endpoints (ResolverNetworkInterface) and Resolver queries (PREFIX-DNS-Queries)",
    },
    Service {
        code: "AWSELB",
        carries: "Network Load Balancer hours and NLCU (LoadBalancerUsage, LCUUsage, operation LoadBalancing:Network)",
    },
];

/// Which Regions to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Regions {
    /// Every Region of the Price List that the book's regions.csv knows.
    All,
    List(Vec<String>),
}

/// What to fetch and how.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub index_url: String,
    pub regions: Regions,
    /// Offer codes; [`SERVICES`] by default.
    pub services: Vec<String>,
    pub cache: PathBuf,
    /// Use the cache only; no network.
    pub offline: bool,
    /// Fetch the CSV form of the Region offers instead of JSON.
    pub csv: bool,
    pub http: HttpConfig,
}

impl FetchOptions {
    pub fn new(cache: PathBuf, regions: Regions) -> FetchOptions {
        FetchOptions {
            index_url: DEFAULT_INDEX_URL.to_string(),
            regions,
            services: SERVICES.iter().map(|s| s.code.to_string()).collect(),
            cache,
            offline: false,
            csv: false,
            http: HttpConfig::default(),
        }
    }
}

/// How a file of the run was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// Downloaded anew (this many bytes).
    Downloaded(u64),
    /// The server said the cached copy is current (304).
    NotModified,
    /// Read from the cache without asking (`--offline`).
    Cached,
}

/// One file of the run.
#[derive(Debug, Clone)]
pub struct FetchedFile {
    pub url: String,
    pub path: PathBuf,
    pub status: FileStatus,
}

/// One imported Region offer.
#[derive(Debug, Clone)]
pub struct OfferInfo {
    pub service: String,
    pub region: String,
    pub version: String,
    pub effective: String,
    pub rows: usize,
}

/// What a run fetched and imported.
#[derive(Debug, Clone, Default)]
pub struct Fetched {
    /// The imported price rows of every offer, merged (a later offer's key replaces an
    /// earlier one's), sorted.
    pub rows: Vec<PriceRow>,
    pub files: Vec<FetchedFile>,
    pub offers: Vec<OfferInfo>,
    /// The Regions fetched.
    pub regions: Vec<String>,
    /// Remarks: services without an offer for a Region, Regions skipped.
    pub notes: Vec<String>,
}

/// The default cache folder: `$XDG_CACHE_HOME/vpceplan/price-list`, else
/// `~/.cache/vpceplan/price-list`, else `.vpceplan-cache` here.
pub fn default_cache_dir() -> PathBuf {
    let from = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(x) = from("XDG_CACHE_HOME") {
        return x.join("vpceplan").join("price-list");
    }
    if let Some(h) = from("HOME") {
        return h.join(".cache").join("vpceplan").join("price-list");
    }
    PathBuf::from(".vpceplan-cache")
}

/// Today's date (UTC) as `YYYY-MM-DD`; `VPCEPLAN_TODAY` overrides it (for tests).
pub fn today() -> String {
    crate::pricing::today()
}

/// A needed file: where it comes from and where it is cached.
struct Need {
    url: String,
    dest: PathBuf,
}

struct Run<'a> {
    opts: &'a FetchOptions,
    client: Client,
    staging: Option<Staging>,
    progress: &'a dyn Progress,
    files: Vec<FetchedFile>,
    today: String,
}

impl Run<'_> {
    /// Get one file (conditionally when a cached copy has validators), check it with
    /// `check`, and stage it. With `--offline`, the cached copy or an error.
    fn get<T>(
        &mut self,
        need: &Need,
        label: &str,
        check: &dyn Fn(&Path, &str) -> std::result::Result<T, String>,
    ) -> std::result::Result<T, Failure> {
        let cached = read_meta(&need.dest).filter(|m| m.url == need.url);
        if self.opts.offline {
            let Some(_) = cached else {
                return Err(Failure::NotCached);
            };
            let t = check(&need.dest, &need.url).map_err(|m| {
                Failure::Bad(format!(
                    "{}: the cached copy is not usable: {m}\n  hint: delete it and fetch again without --offline",
                    need.dest.display()
                ))
            })?;
            self.files.push(FetchedFile {
                url: need.url.clone(),
                path: need.dest.clone(),
                status: FileStatus::Cached,
            });
            return Ok(t);
        }
        let staging = self
            .staging
            .as_mut()
            .ok_or_else(|| Failure::Bad("internal: no staging folder".into()))?;
        let staged = staging.path_for(&need.dest);
        let prior = cached.as_ref().map(|m| &m.validators);
        let got = self
            .client
            .get_to(&need.url, &staged, prior, label, self.progress)
            .map_err(Failure::Http)?;
        match got {
            Got::NotModified => match check(&need.dest, &need.url) {
                Ok(t) => {
                    self.progress
                        .note(&format!("{label}: not modified; cached copy kept"));
                    self.files.push(FetchedFile {
                        url: need.url.clone(),
                        path: need.dest.clone(),
                        status: FileStatus::NotModified,
                    });
                    Ok(t)
                }
                Err(_) => {
                    // The cached copy no longer passes: download it afresh.
                    let got = self
                        .client
                        .get_to(&need.url, &staged, None, label, self.progress)
                        .map_err(Failure::Http)?;
                    self.fresh(need, staged, got, check)
                }
            },
            got => self.fresh(need, staged, got, check),
        }
    }

    fn fresh<T>(
        &mut self,
        need: &Need,
        staged: PathBuf,
        got: Got,
        check: &dyn Fn(&Path, &str) -> std::result::Result<T, String>,
    ) -> std::result::Result<T, Failure> {
        let Got::Fresh { bytes, validators } = got else {
            return Err(Failure::Bad(format!(
                "{}: 304 Not Modified to an unconditional request",
                need.url
            )));
        };
        let t = check(&staged, &need.url).map_err(|m| {
            Failure::Bad(format!(
                "{}: the downloaded file failed its check and was discarded: {m}",
                need.url
            ))
        })?;
        let meta = Meta {
            url: need.url.clone(),
            validators,
            bytes,
            fetched: self.today.clone(),
        };
        if let Some(s) = self.staging.as_mut() {
            s.stage(staged, &need.dest, &meta)
                .map_err(|e| Failure::Bad(e.to_string()))?;
        }
        self.files.push(FetchedFile {
            url: need.url.clone(),
            path: need.dest.clone(),
            status: FileStatus::Downloaded(bytes),
        });
        Ok(t)
    }
}

enum Failure {
    /// `--offline` and not in the cache.
    NotCached,
    Http(FetchFailure),
    Bad(String),
}

fn read_json_file(path: &Path) -> std::result::Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Import one Region offer file and check that it is an offer of `service` for `region`.
fn import_region_offer(
    path: &Path,
    shown: &str,
    csv: bool,
    service: &str,
    region: &str,
) -> std::result::Result<ImportResult, String> {
    let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let reader = BufReader::with_capacity(1 << 20, file);
    let result = if csv {
        import::import_offer_csv(reader, shown)
    } else {
        import::import_offer_json(reader, shown)
    }
    .map_err(|e| e.to_string())?;
    if result.offer_code != service {
        return Err(format!(
            "it is an offer of {}, not of {service}",
            result.offer_code
        ));
    }
    // Route 53's hosted-zone and health-check prices carry no Region: the importer books
    // them under the book's `global` Region, whichever Region's offer holds them.
    if let Some(other) = result
        .rows
        .iter()
        .find(|r| r.region != region && r.region != crate::pricing::GLOBAL)
    {
        return Err(format!(
            "it prices Region {} where an offer for {region} was expected",
            other.region
        ));
    }
    Ok(result)
}

/// The manual-download instructions: the files a run needs that are not in the cache.
fn manual_instructions(opts: &FetchOptions, missing: &[String]) -> String {
    let ext = if opts.csv { "csv" } else { "json" };
    // `…/aws/SERVICE/current/REGION/index.json` → SERVICE-REGION.json
    let name = |u: &str| {
        let parts: Vec<&str> = u.rsplit('/').collect();
        match (parts.get(3), parts.get(1)) {
            (Some(svc), Some(region)) => format!("{svc}-{region}.{ext}"),
            _ => format!("offer.{ext}"),
        }
    };
    let mut s = String::from("download these files by hand (a browser, or curl):\n");
    for u in missing {
        s.push_str(&format!("    curl -fL -o {} {u}\n", name(u)));
    }
    let files: Vec<String> = missing.iter().map(|u| name(u)).collect();
    s.push_str(&format!(
        "  then import them into a price-book folder:\n    vpceplan pricing import {} --out price-book\n",
        if files.is_empty() {
            "FILE...".to_string()
        } else {
            files.join(" ")
        }
    ));
    s.push_str(&format!(
        "  (or run `vpceplan pricing fetch` again where {} is reachable; the cache is {})",
        host_of(&opts.index_url),
        opts.cache.display()
    ));
    s
}

fn host_of(url: &str) -> &str {
    url.split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or(url)
}

/// The Region offer URLs a run needs, as the stable `current` URLs (for instructions).
fn needed_urls(opts: &FetchOptions, regions: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for svc in &opts.services {
        for r in regions {
            out.push(index::current_region_offer_url(
                &opts.index_url,
                svc,
                r,
                opts.csv,
            ));
        }
    }
    out
}

/// Fetch, check and import the offers. `known` is the book's Regions (regions.csv): a
/// Region outside it cannot be priced (its billing prefix is unknown) and is refused (in
/// a list) or skipped (with `All`).
pub fn fetch(
    opts: &FetchOptions,
    known: &BTreeMap<String, RegionInfo>,
    progress: &dyn Progress,
) -> Result<Fetched> {
    if opts.services.is_empty() {
        return Err(Error::Msg("no services to fetch".into()));
    }
    if let Regions::List(list) = &opts.regions {
        if list.is_empty() {
            return Err(Error::Msg(
                "no Region given\n  hint: --regions us-east-1,eu-west-1 or --regions all".into(),
            ));
        }
        for r in list {
            if !known.contains_key(r) {
                return Err(Error::Msg(format!(
                    "unknown Region `{r}`\n  hint: use one of: {}; or add it (with its billing prefix) to a price-book folder's regions.csv and pass --pricing DIR",
                    known.keys().cloned().collect::<Vec<_>>().join(", ")
                )));
            }
        }
    }
    let staging = if opts.offline {
        None
    } else {
        Some(Staging::new(&opts.cache)?)
    };
    let mut run = Run {
        opts,
        client: Client::new(opts.http.clone()),
        staging,
        progress,
        files: Vec::new(),
        today: today(),
    };
    let asked: Vec<String> = match &opts.regions {
        Regions::List(l) => l.clone(),
        Regions::All => known.keys().cloned().collect(),
    };
    let fail = |f: Failure, run: &Run| -> Error {
        match f {
            Failure::NotCached => {
                let missing: Vec<String> = needed_urls(opts, &asked)
                    .into_iter()
                    .filter(|u| !run.files.iter().any(|x| &x.url == u))
                    .collect();
                Error::Msg(format!(
                    "--offline: the cache ({}) lacks files this run needs; nothing was changed\n  {}",
                    opts.cache.display(),
                    manual_instructions(opts, &missing)
                ))
            }
            Failure::Http(h) if h.kind == FailKind::Network => Error::Msg(format!(
                "cannot reach the AWS Price List: {h}\n  nothing was changed (the cache and the book are as they were)\n  {}",
                manual_instructions(opts, &needed_urls(opts, &asked))
            )),
            Failure::Http(h) => Error::Msg(format!(
                "download failed: {h}\n  nothing was changed (the cache and the book are as they were)"
            )),
            Failure::Bad(m) => Error::Msg(format!(
                "{m}\n  nothing was changed (the cache and the book are as they were)"
            )),
        }
    };

    // 1. the offer index
    let idx_need = Need {
        url: opts.index_url.clone(),
        dest: opts.cache.join("index.json"),
    };
    let offer_index = run
        .get(&idx_need, "offer index", &|p, _| {
            index::parse_offer_index(&read_json_file(p)?)
        })
        .map_err(|f| fail(f, &run))?;

    // 2. the Region index of each service
    let mut notes = Vec::new();
    let mut region_indexes: Vec<(String, String, index::RegionIndex)> = Vec::new();
    for svc in &opts.services {
        let Some(entry) = offer_index.offers.get(svc) else {
            notes.push(format!(
                "the offer index lists no {svc}: its prices stay as in the book in use"
            ));
            continue;
        };
        let rel = entry
            .current_region_index_url
            .clone()
            .unwrap_or_else(|| format!("/offers/v1.0/aws/{svc}/current/region_index.json"));
        let url = index::join_url(&opts.index_url, &rel);
        let need = Need {
            url: url.clone(),
            dest: opts.cache.join(svc).join("region_index.json"),
        };
        let ri = run
            .get(&need, &format!("{svc} Region index"), &|p, _| {
                index::parse_region_index(&read_json_file(p)?)
            })
            .map_err(|f| fail(f, &run))?;
        region_indexes.push((svc.clone(), url, ri));
    }

    // 3. which Regions
    let regions: Vec<String> = match &opts.regions {
        Regions::List(l) => l.clone(),
        Regions::All => {
            let listed: BTreeSet<&String> = region_indexes
                .iter()
                .flat_map(|(_, _, ri)| ri.regions.keys())
                .collect();
            let unknown: Vec<&str> = listed
                .iter()
                .filter(|r| !known.contains_key(r.as_str()))
                .map(|r| r.as_str())
                .collect();
            if !unknown.is_empty() {
                notes.push(format!(
                    "{} Price List Region(s) not in regions.csv skipped: {}",
                    unknown.len(),
                    unknown.join(", ")
                ));
            }
            listed
                .into_iter()
                .filter(|r| known.contains_key(r.as_str()))
                .cloned()
                .collect()
        }
    };

    // 4. each service's offer for each Region
    let mut rows: Vec<PriceRow> = Vec::new();
    let mut offers = Vec::new();
    for (svc, ri_url, ri) in &region_indexes {
        for region in &regions {
            let Some(entry) = ri.regions.get(region) else {
                notes.push(format!(
                    "{svc} publishes no offer for {region}: those prices stay as in the book in use"
                ));
                continue;
            };
            let url = index::with_form(
                &index::join_url(ri_url, &entry.current_version_url),
                opts.csv,
            );
            let name = if opts.csv { "index.csv" } else { "index.json" };
            let need = Need {
                url,
                dest: opts.cache.join(svc).join(region).join(name),
            };
            let csv = opts.csv;
            let result = run
                .get(&need, &format!("{svc} {region}"), &|p, shown| {
                    import_region_offer(p, shown, csv, svc, region)
                })
                .map_err(|f| fail(f, &run))?;
            offers.push(OfferInfo {
                service: svc.clone(),
                region: region.clone(),
                version: result.version.clone(),
                effective: result.effective.clone(),
                rows: result.rows.len(),
            });
            rows = crate::pricing::merge_rows(rows, &result.rows);
        }
    }

    // 5. every file passed: move the downloads into the cache
    if let Some(s) = run.staging.take() {
        s.commit()?;
    }
    Ok(Fetched {
        rows,
        files: run.files,
        offers,
        regions,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_name_every_url_and_the_import_command() {
        let mut o = FetchOptions::new(PathBuf::from("/c"), Regions::List(vec!["eu-west-1".into()]));
        o.services = vec!["AmazonVPC".into(), "AmazonEC2".into()];
        let urls = needed_urls(&o, &["eu-west-1".to_string()]);
        assert_eq!(
            urls,
            vec![
                "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonVPC/current/eu-west-1/index.json",
                "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/eu-west-1/index.json"
            ]
        );
        let s = manual_instructions(&o, &urls);
        assert!(
            s.contains("vpceplan pricing import AmazonVPC-eu-west-1.json AmazonEC2-eu-west-1.json --out price-book"),
            "{s}"
        );
        assert!(s.contains("pricing.us-east-1.amazonaws.com"), "{s}");
        assert!(
            s.contains("curl -fL -o AmazonEC2-eu-west-1.json https://"),
            "{s}"
        );
    }
}
