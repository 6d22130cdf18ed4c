//! What every subcommand shares: the price book, the thread pool, loading scenarios.

use super::Cli;
use crate::engine::{Evaluation, evaluate};
use crate::error::{Error, Result};
use crate::pricing::PriceBook;
use crate::report::{FailedScenario, Outcome};
use crate::scenario::{self, Scenario};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The run's environment, built once from the global options.
pub struct Env {
    pub book: PriceBook,
    pub pool: rayon::ThreadPool,
    pub quiet: bool,
    /// `--csv-bom`: CSV reports written to files start with a UTF-8 byte-order mark.
    pub csv_bom: bool,
}

impl Env {
    pub fn new(cli: &Cli) -> Result<Env> {
        let mut book = match &cli.pricing {
            Some(dir) => PriceBook::load_dir(dir)?,
            None => PriceBook::builtin()?,
        };
        if let Some(f) = &cli.quotas {
            let text = crate::error::read_text_file(f)?;
            book = book.with_quota_overrides(&f.display().to_string(), &text)?;
        }
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = cli.threads {
            if n == 0 {
                return Err(Error::Msg("--threads must be at least 1".into()));
            }
            b = b.num_threads(n);
        }
        let pool = b
            .build()
            .map_err(|e| Error::Msg(format!("cannot start worker threads: {e}")))?;
        let env = Env {
            book,
            pool,
            quiet: cli.quiet,
            csv_bom: cli.csv_bom,
        };
        env.warn_if_old(cli.max_book_age)?;
        Ok(env)
    }

    /// Warn once when the book's snapshot is older than the allowed age
    /// (`--max-book-age`, else `VPCEPLAN_MAX_BOOK_AGE`, else 180 days; 0: never).
    fn warn_if_old(&self, flag: Option<u32>) -> Result<()> {
        let max = match flag {
            Some(d) => i64::from(d),
            None => match std::env::var("VPCEPLAN_MAX_BOOK_AGE") {
                Ok(v) if !v.trim().is_empty() => v.trim().parse::<u32>().map(i64::from).map_err(|_| {
                    Error::Msg(format!(
                        "VPCEPLAN_MAX_BOOK_AGE = `{v}` is not a number of days\n  hint: e.g. VPCEPLAN_MAX_BOOK_AGE=90, or 0 to turn the warning off"
                    ))
                })?,
                _ => crate::pricing::DEFAULT_MAX_BOOK_AGE_DAYS,
            },
        };
        if max == 0 {
            return Ok(());
        }
        let today = crate::pricing::today();
        match self.book.age_days(&today) {
            Some(age) if age > max => self.warn(&format!(
                "the {} price book is {age} days old (snapshot {}, from {}; the limit is {max} days)\n  hint: refresh it with `vpceplan pricing fetch --regions REGION,...` and pass --pricing price-book; --max-book-age DAYS (0: never) changes the limit",
                self.book.origin,
                self.book.snapshot.as_deref().unwrap_or("?"),
                self.book.snapshot_from
            )),
            _ => {}
        }
        Ok(())
    }

    /// A CSV report as written to a file: with a UTF-8 byte-order mark under `--csv-bom`.
    pub fn csv(&self, bytes: Vec<u8>) -> Vec<u8> {
        crate::output::csv_file(bytes, self.csv_bom)
    }

    /// Print a warning on stderr unless --quiet.
    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            eprintln!("warning: {msg}");
        }
    }
}

/// The paths given, or `scenarios/` when none.
pub fn default_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        paths.to_vec()
    }
}

/// Find the scenario files; a missing default folder gets a hint.
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let p = default_paths(paths);
    if paths.is_empty() && !Path::new("scenarios").is_dir() {
        return Err(Error::Msg(
            "no scenarios/ folder here\n  hint: pass scenario files or folders, e.g. `vpceplan run my-design.toml`".into(),
        ));
    }
    let f = scenario::discover(&p)?;
    if f.is_empty() {
        return Err(Error::Msg(format!(
            "no scenario files (*.toml) in {}",
            p.iter()
                .map(|x| x.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(f)
}

/// Load every file in parallel; results keep the files' order.
pub fn load_all(
    env: &Env,
    files: &[PathBuf],
) -> Vec<std::result::Result<Scenario, FailedScenario>> {
    env.pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                scenario::load(f, &env.book).map_err(|e| FailedScenario {
                    file: f.display().to_string(),
                    name: String::new(),
                    message: e.to_string(),
                    invalid: false,
                })
            })
            .collect()
    })
}

/// Workload scenarios compiled: one scenario per valid design, notes on invalid ones,
/// and the failed-over states to size.
pub struct Expanded {
    /// Explicit scenarios and valid designs (`<scenario>/<design>`), in file order.
    pub scenarios: Vec<std::result::Result<Scenario, FailedScenario>>,
    /// Why each invalid design is left out.
    pub notes: Vec<String>,
    /// Failed-over states: (report folder relative to the output, the survivor).
    pub region_loss: Vec<(PathBuf, Scenario)>,
}

/// Compile workload scenarios into one scenario per design (`<scenario>/<design>`);
/// explicit scenarios pass through. Invalid designs are left out, each with a note
/// saying why; they are not priced.
pub fn expand(
    loaded: Vec<std::result::Result<Scenario, FailedScenario>>,
    quotas: &crate::pricing::Quotas,
) -> Expanded {
    let mut out = Expanded {
        scenarios: Vec::new(),
        notes: Vec::new(),
        region_loss: Vec::new(),
    };
    for l in loaded {
        match l {
            Ok(s) if crate::designs::is_compiled(&s) => {
                for p in crate::designs::plans(&s, quotas) {
                    match &p.invalid {
                        Some(r) => {
                            out.notes.push(format!(
                                "{}: invalid design, not priced: {r}",
                                p.scenario.name
                            ));
                            out.scenarios.push(Err(FailedScenario {
                                file: p.scenario.file.clone(),
                                name: p.scenario.name.clone(),
                                message: r.clone(),
                                invalid: true,
                            }));
                        }
                        None => {
                            if let crate::designs::RegionLoss::Check { cases } = &p.region_loss {
                                for (lost, survivor) in cases {
                                    out.region_loss.push((
                                        PathBuf::from(&p.scenario.name)
                                            .join(format!("region-loss-{lost}")),
                                        survivor.clone(),
                                    ));
                                }
                            }
                            out.scenarios.push(Ok(p.scenario));
                        }
                    }
                }
            }
            other => out.scenarios.push(other),
        }
    }
    out
}

/// Scenario files loaded, compiled and evaluated, as `run` and `report` need them.
pub struct Evaluated {
    /// Each file as loaded, in file order (before workloads are compiled to designs).
    pub loaded: Vec<std::result::Result<Scenario, FailedScenario>>,
    /// Why each invalid design is left out (already warned about).
    pub notes: Vec<String>,
    /// Failed-over states: (report folder relative to the output, the survivor).
    pub region_loss: Vec<(PathBuf, Scenario)>,
    /// One outcome per scenario and valid design, names checked to be unique.
    pub outcomes: Vec<Outcome>,
    /// Some scenario failed (each failure is already reported on stderr).
    pub failed: bool,
}

/// Load the scenario files under `paths`, compile workloads into designs and evaluate
/// everything: warns of invalid designs, reports failures on stderr, then warns of
/// each evaluation's warnings.
pub fn evaluate_paths(env: &Env, paths: &[PathBuf]) -> Result<Evaluated> {
    let files = files(paths)?;
    let loaded = load_all(env, &files);
    Ok(evaluate_loaded(env, loaded, None))
}

/// [`evaluate_paths`] for scenarios already loaded. With `compared` (each loaded
/// scenario's comparison, as [`super::charts_out::compare_all`] gives them), the designs
/// take the evaluations their comparison already made instead of being priced again.
pub fn evaluate_loaded(
    env: &Env,
    loaded: Vec<std::result::Result<Scenario, FailedScenario>>,
    compared: Option<&[Option<crate::designs::compare::Comparison>]>,
) -> Evaluated {
    let expanded = expand(loaded.clone(), &env.book.quotas);
    for n in &expanded.notes {
        env.warn(n);
    }
    let mut outcomes = match compared {
        Some(c) => evaluate_reusing(env, &loaded, c, expanded.scenarios),
        None => evaluate_all(env, expanded.scenarios),
    };
    check_unique_names(&mut outcomes);
    for o in &outcomes {
        if let Err(f) = o
            && f.invalid
            && f.message.starts_with(crate::quotas::IMPOSSIBLE)
        {
            env.warn(&format!(
                "{}: cannot be built, not priced: {}",
                f.name, f.message
            ));
        }
    }
    let failed = report_failures(&outcomes);
    for e in ok(&outcomes) {
        for w in &e.warnings {
            env.warn(&format!("{}: {w}", e.scenario));
        }
    }
    Evaluated {
        loaded,
        notes: expanded.notes,
        region_loss: expanded.region_loss,
        outcomes,
        failed,
    }
}

/// The outcomes of `expanded` (what [`expand`] made of `loaded`, in its order): a valid
/// design takes its comparison's evaluation (the same engine result, priced once);
/// everything else is evaluated.
fn evaluate_reusing(
    env: &Env,
    loaded: &[std::result::Result<Scenario, FailedScenario>],
    compared: &[Option<crate::designs::compare::Comparison>],
    expanded: Vec<std::result::Result<Scenario, FailedScenario>>,
) -> Vec<Outcome> {
    // What `expand` made of each loaded scenario, in its order: one entry per design of a
    // compiled scenario (its comparison's evaluation, when valid), else the scenario.
    let mut priors: Vec<Option<std::result::Result<Evaluation, String>>> = Vec::new();
    for (l, c) in loaded.iter().zip(compared) {
        match (l, c) {
            (Ok(s), Some(c)) if crate::designs::is_compiled(s) => {
                for a in &c.designs {
                    priors.push(a.plan.invalid.is_none().then(|| a.eval.clone()).flatten());
                }
            }
            (Ok(s), None) if crate::designs::is_compiled(s) => {
                priors.extend(crate::designs::names(s).iter().map(|_| None));
            }
            _ => priors.push(None),
        }
    }
    if priors.len() != expanded.len() {
        return evaluate_all(env, expanded);
    }
    env.pool.install(|| {
        expanded
            .into_par_iter()
            .zip(priors)
            .map(|(l, prior)| {
                let s = l?;
                match prior {
                    Some(Ok(e)) => Ok(e),
                    Some(Err(message)) => Err(FailedScenario {
                        file: s.file.clone(),
                        name: s.name.clone(),
                        message,
                        invalid: false,
                    }),
                    None => evaluate_one(env, &s),
                }
            })
            .collect()
    })
}

/// Evaluate loaded scenarios in parallel; results keep the input order.
pub fn evaluate_all(
    env: &Env,
    loaded: Vec<std::result::Result<Scenario, FailedScenario>>,
) -> Vec<Outcome> {
    env.pool.install(|| {
        loaded
            .into_par_iter()
            .map(|l| evaluate_one(env, &l?))
            .collect()
    })
}

/// Evaluate one scenario; a failure carries the scenario's file and name. A scenario over
/// a hard AWS service quota cannot be built: it is invalid, with the reason, not priced.
pub fn evaluate_one(env: &Env, s: &Scenario) -> Outcome {
    let e = evaluate(s, &env.book).map_err(|e| FailedScenario {
        file: s.file.clone(),
        name: s.name.clone(),
        message: e.to_string(),
        invalid: false,
    })?;
    match e.quotas.reason() {
        Some(message) => Err(FailedScenario {
            file: s.file.clone(),
            name: s.name.clone(),
            message,
            invalid: true,
        }),
        None => Ok(e),
    }
}

/// Report each failure on stderr; true when any.
pub fn report_failures(outcomes: &[Outcome]) -> bool {
    let mut any = false;
    for o in outcomes {
        // Invalid designs are not failures; `expand` has already warned of each.
        if let Err(f) = o
            && !f.invalid
        {
            any = true;
            eprintln!("error: {}", f.message);
        }
    }
    any
}

/// Two scenarios with one name would overwrite each other's reports.
pub fn check_unique_names(outcomes: &mut [Outcome]) {
    let mut seen: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for o in outcomes.iter_mut() {
        let dup = match o {
            Ok(e) => seen
                .get(&e.scenario)
                .map(|first| (e.scenario.clone(), e.file.clone(), first.clone())),
            Err(_) => None,
        };
        if let Some((name, file, first)) = dup {
            *o = Err(FailedScenario {
                file: file.clone(),
                name: name.clone(),
                message: format!(
                    "{file}: scenario name `{name}` is also used by {first}\n  hint: give one of them another `name`"
                ),
                invalid: false,
            });
        } else if let Ok(e) = o {
            seen.insert(e.scenario.clone(), e.file.clone());
        }
    }
}

/// The successful evaluations.
pub fn ok(outcomes: &[Outcome]) -> impl Iterator<Item = &Evaluation> {
    outcomes.iter().filter_map(|o| o.as_ref().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `report` takes the designs' evaluations from their comparisons: the outcomes are
    /// exactly those of evaluating every scenario again (bundled scenarios: workloads,
    /// failover, invalid designs, explicit scenarios).
    #[test]
    fn reused_design_evaluations_equal_fresh_ones() {
        let env = Env {
            book: PriceBook::builtin().unwrap(),
            pool: rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .build()
                .unwrap(),
            quiet: true,
            csv_bom: false,
        };
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let loaded = load_all(&env, &files(&[dir]).unwrap());
        let compared = super::super::charts_out::compare_all(&env, &loaded);
        assert!(compared.iter().flatten().count() >= 5);
        let fresh = evaluate_loaded(&env, loaded.clone(), None);
        let reused = evaluate_loaded(&env, loaded, Some(&compared));
        assert_eq!(fresh.outcomes, reused.outcomes);
        assert_eq!(fresh.failed, reused.failed);
    }
}
