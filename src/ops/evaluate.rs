//! Workloads compiled into one scenario per design, and every scenario evaluated once:
//! what `run`, `report` and `pricing diff` price.

use super::Context;
use super::load::{FailedScenario, Loaded, Outcome, files, load_all};
use crate::designs::compare::{Comparison, comparison};
use crate::designs::{self, RegionLoss};
use crate::engine::{Evaluation, evaluate};
use crate::error::Result;
use crate::pricing::Quotas;
use crate::scenario::Scenario;
use rayon::prelude::*;
use std::path::PathBuf;

/// Workload scenarios compiled: one scenario per valid design, notes on invalid ones,
/// and the failed-over states to size.
pub struct Expanded {
    /// Explicit scenarios and valid designs (`<scenario>/<design>`), in file order.
    pub scenarios: Vec<Loaded>,
    /// Why each invalid design is left out.
    pub notes: Vec<String>,
    /// Failed-over states: (report folder relative to the output, the survivor).
    pub region_loss: Vec<(PathBuf, Scenario)>,
}

/// Compile workload scenarios into one scenario per design (`<scenario>/<design>`);
/// explicit scenarios pass through. Invalid designs are left out, each with a note
/// saying why; they are not priced. Designs are counted against `quotas`.
pub fn expand(loaded: Vec<Loaded>, quotas: &Quotas) -> Expanded {
    let mut out = Expanded {
        scenarios: Vec::new(),
        notes: Vec::new(),
        region_loss: Vec::new(),
    };
    for l in loaded {
        match l {
            Ok(s) if designs::is_compiled(&s) => {
                for p in designs::plans(&s, quotas) {
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
                            if let RegionLoss::Check { cases } = &p.region_loss {
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
    pub loaded: Vec<Loaded>,
    /// Why each invalid design is left out.
    pub notes: Vec<String>,
    /// Failed-over states: (report folder relative to the output, the survivor).
    pub region_loss: Vec<(PathBuf, Scenario)>,
    /// One outcome per scenario and valid design, names checked to be unique.
    pub outcomes: Vec<Outcome>,
    /// Some scenario failed (an invalid design is not a failure).
    pub failed: bool,
}

impl Evaluated {
    /// The failures to report (invalid designs left out: their notes say why).
    pub fn failures(&self) -> impl Iterator<Item = &FailedScenario> {
        self.outcomes
            .iter()
            .filter_map(|o| o.as_ref().err())
            .filter(|f| !f.invalid)
    }

    /// The scenarios over a hard AWS service quota: invalid, not priced (not failures).
    pub fn impossible(&self) -> impl Iterator<Item = &FailedScenario> {
        self.outcomes
            .iter()
            .filter_map(|o| o.as_ref().err())
            .filter(|f| f.invalid && f.message.starts_with(crate::quotas::IMPOSSIBLE))
    }

    /// Each evaluation's warnings, as `scenario: warning`, in order.
    pub fn warnings(&self) -> impl Iterator<Item = String> + '_ {
        ok(&self.outcomes).flat_map(|e| e.warnings.iter().map(|w| format!("{}: {w}", e.scenario)))
    }
}

/// Load the scenario files under `paths`, compile workloads into designs and evaluate
/// everything.
pub fn evaluate_paths(cx: &Context, paths: &[PathBuf]) -> Result<Evaluated> {
    let files = files(paths)?;
    let loaded = load_all(cx, &files);
    Ok(evaluate_loaded(cx, loaded, None))
}

/// [`evaluate_paths`] for scenarios already loaded. With `compared` (each loaded
/// scenario's comparison, as [`compare_all`] gives them), the designs take the
/// evaluations their comparison already made instead of being priced again.
pub fn evaluate_loaded(
    cx: &Context,
    loaded: Vec<Loaded>,
    compared: Option<&[Option<Comparison>]>,
) -> Evaluated {
    let expanded = expand(loaded.clone(), &cx.book.quotas);
    let mut outcomes = match compared {
        Some(c) => evaluate_reusing(cx, &loaded, c, expanded.scenarios),
        None => evaluate_all(cx, expanded.scenarios),
    };
    check_unique_names(&mut outcomes);
    let failed = outcomes.iter().any(|o| matches!(o, Err(f) if !f.invalid));
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
    cx: &Context,
    loaded: &[Loaded],
    compared: &[Option<Comparison>],
    expanded: Vec<Loaded>,
) -> Vec<Outcome> {
    // What `expand` made of each loaded scenario, in its order: one entry per design of a
    // compiled scenario (its comparison's evaluation, when valid), else the scenario.
    let mut priors: Vec<Option<std::result::Result<Evaluation, String>>> = Vec::new();
    for (l, c) in loaded.iter().zip(compared) {
        match (l, c) {
            (Ok(s), Some(c)) if designs::is_compiled(s) => {
                for a in &c.designs {
                    priors.push(a.plan.invalid.is_none().then(|| a.eval.clone()).flatten());
                }
            }
            (Ok(s), None) if designs::is_compiled(s) => {
                priors.extend(designs::names(s).iter().map(|_| None));
            }
            _ => priors.push(None),
        }
    }
    if priors.len() != expanded.len() {
        return evaluate_all(cx, expanded);
    }
    cx.pool.install(|| {
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
                    None => evaluate_one(cx, &s),
                }
            })
            .collect()
    })
}

/// Evaluate loaded scenarios in parallel; results keep the input order.
pub fn evaluate_all(cx: &Context, loaded: Vec<Loaded>) -> Vec<Outcome> {
    cx.pool.install(|| {
        loaded
            .into_par_iter()
            .map(|l| evaluate_one(cx, &l?))
            .collect()
    })
}

/// Evaluate one scenario; a failure carries the scenario's file and name. A scenario over
/// a hard AWS service quota cannot be built: it is invalid, with the reason, not priced.
pub fn evaluate_one(cx: &Context, s: &Scenario) -> Outcome {
    let e = evaluate(s, &cx.book).map_err(|e| FailedScenario {
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

/// Two scenarios with one name would overwrite each other's reports: the second is a
/// failure naming the first.
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

/// The comparison of every workload (or failover) scenario, in the order loaded; `None`
/// for explicit scenarios and failures.
pub fn compare_all(cx: &Context, loaded: &[Loaded]) -> Vec<Option<Comparison>> {
    cx.pool.install(|| {
        loaded
            .par_iter()
            .map(|l| match l {
                Ok(s) if designs::is_compiled(s) => Some(comparison(s, &cx.book)),
                _ => None,
            })
            .collect()
    })
}

/// The comparison of each workload scenario, in parallel, in their order.
pub fn comparisons(cx: &Context, workloads: &[Scenario]) -> Vec<Comparison> {
    cx.pool.install(|| {
        workloads
            .par_iter()
            .map(|s| comparison(s, &cx.book))
            .collect()
    })
}

/// The outcome of an explicit scenario among the outcomes of a run.
pub fn outcome_of<'a>(s: &Scenario, outcomes: &'a [Outcome]) -> Option<&'a Outcome> {
    outcomes.iter().find(|o| match o {
        Ok(e) => e.file == s.file && e.scenario == s.name,
        Err(f) => f.file == s.file && f.name == s.name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::PriceBook;
    use std::path::Path;

    /// `report` takes the designs' evaluations from their comparisons: the outcomes are
    /// exactly those of evaluating every scenario again (bundled scenarios: workloads,
    /// failover, invalid designs, explicit scenarios).
    #[test]
    fn reused_design_evaluations_equal_fresh_ones() {
        let cx = Context::new(PriceBook::builtin().unwrap(), Some(2)).unwrap();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        let loaded = load_all(&cx, &files(&[dir]).unwrap());
        let compared = compare_all(&cx, &loaded);
        assert!(compared.iter().flatten().count() >= 5);
        let fresh = evaluate_loaded(&cx, loaded.clone(), None);
        let reused = evaluate_loaded(&cx, loaded, Some(&compared));
        assert_eq!(fresh.outcomes, reused.outcomes);
        assert_eq!(fresh.failed, reused.failed);
    }
}
