//! `vpceplan check` (regression pins) and `vpceplan validate`.

use super::common::{Env, evaluate_one, files, load_all};
use super::{Exit, TextFormat};
use crate::designs::{
    self,
    compare::{Assessed, assess},
};
use crate::error::Result;
use crate::money::{cents, fine, fmt_cents, fmt_fine};
use crate::report::FailedScenario;
use crate::report::Outcome;
use crate::report::markdown::{Checked, check_md, fit};
use crate::scenario::Scenario;
use rayon::prelude::*;
use std::path::PathBuf;

pub use crate::report::markdown::Drift;

/// Compare an evaluation with its scenario's pins.
pub fn drifts(s: &Scenario, o: &Outcome) -> Vec<Drift> {
    let mut out = Vec::new();
    let Ok(e) = o else { return out };
    let x = &s.expect;
    if let Some(want) = x.monthly_usd {
        out.extend(money_drift(
            "monthly_usd",
            want,
            e.monthly,
            cents,
            fmt_cents,
        ));
    }
    if let Some(want) = x.hourly_usd {
        out.extend(money_drift("hourly_usd", want, e.hourly, fine, fmt_fine));
    }
    if let Some(want) = x.min_headroom_pct {
        let got = e.min_headroom_pct;
        let same = got.is_some_and(|g| approx::abs_diff_eq!(g, want, epsilon = 0.005));
        if !same {
            out.push(Drift {
                key: "min_headroom_pct",
                expected: format!("{want:.2}"),
                got: got
                    .map(|g| format!("{g:.2}"))
                    .unwrap_or_else(|| "none (no capacity rows)".into()),
                difference: got.map(|g| format!("{:+.2}", g - want)).unwrap_or_default(),
            });
        }
    }
    if let Some(want) = &x.status
        && want != e.status.as_str()
    {
        out.push(Drift {
            key: "status",
            expected: want.clone(),
            got: e.status.to_string(),
            difference: String::new(),
        });
    }
    if let Some(want) = &x.az_loss_status
        && want != e.az_loss_status.as_str()
    {
        out.push(Drift {
            key: "az_loss_status",
            expected: want.clone(),
            got: e.az_loss_status.to_string(),
            difference: String::new(),
        });
    }
    out
}

/// A pinned amount of money against the one evaluated, both rounded by `round` and
/// printed by `fmt` (cents for monthly, fine for hourly); `None` when they agree.
fn money_drift(
    key: &'static str,
    want: rust_decimal::Decimal,
    evaluated: rust_decimal::Decimal,
    round: fn(rust_decimal::Decimal) -> rust_decimal::Decimal,
    fmt: fn(rust_decimal::Decimal) -> String,
) -> Option<Drift> {
    let got = round(evaluated);
    (round(want) != got).then(|| Drift {
        key,
        expected: fmt(want),
        got: fmt(got),
        difference: signed(got - round(want), fmt),
    })
}

fn signed(d: rust_decimal::Decimal, f: fn(rust_decimal::Decimal) -> String) -> String {
    if d.is_sign_negative() {
        f(d)
    } else {
        format!("+{}", f(d))
    }
}

/// Pins of one compiled design against its assessment; `Err` when it could not be priced.
pub fn design_drifts(a: &Assessed) -> std::result::Result<Vec<Drift>, String> {
    let x = &a.plan.scenario.expect;
    let mut out = Vec::new();
    let valid = a.plan.invalid.is_none();
    if let Some(want) = x.valid
        && want != valid
    {
        out.push(Drift {
            key: "valid",
            expected: want.to_string(),
            got: valid.to_string(),
            difference: a.plan.invalid.clone().unwrap_or_default(),
        });
    }
    if !valid {
        let priced_pins = x.monthly_usd.is_some()
            || x.hourly_usd.is_some()
            || x.min_headroom_pct.is_some()
            || x.status.is_some()
            || x.az_loss_status.is_some()
            || x.region_loss_status.is_some()
            || x.failover_monthly_usd.is_some()
            || x.failover_status.is_some();
        if priced_pins && x.valid.is_none() {
            out.push(Drift {
                key: "valid",
                expected: "true (the design has price or capacity pins)".into(),
                got: "false".into(),
                difference: a.plan.invalid.clone().unwrap_or_default(),
            });
        }
        return Ok(out);
    }
    let e = match &a.eval {
        Some(Ok(e)) => e.clone(),
        Some(Err(m)) => return Err(m.clone()),
        None => return Ok(out),
    };
    out.extend(drifts(&a.plan.scenario, &Ok(e)));
    out.extend(crate::designs::compare::failover_drifts(a));
    if let Some(want) = &x.region_loss_status {
        let got = a.region_loss.status();
        if got.map(|g| g.as_str()) != Some(want.as_str()) {
            out.push(Drift {
                key: "region_loss_status",
                expected: want.clone(),
                got: got
                    .map(|g| g.to_string())
                    .unwrap_or_else(|| a.region_loss.label()),
                difference: String::new(),
            });
        }
    }
    Ok(out)
}

/// What `check` found for one scenario or design.
enum Found {
    Failed(FailedScenario),
    Unpinned(String),
    Checked {
        name: String,
        at: String,
        drifts: Vec<Drift>,
    },
}

fn at_of(file: &str, line: Option<usize>) -> String {
    line.map(|l| format!("{file}:{l}"))
        .unwrap_or_else(|| file.to_string())
}

pub fn check(env: &Env, paths: &[PathBuf], format: TextFormat, max_chars: usize) -> Result<Exit> {
    let files = files(paths)?;
    let loaded = load_all(env, &files);
    let found: Vec<Vec<Found>> = env.pool.install(|| {
        loaded
            .into_par_iter()
            .map(|l| match l {
                Err(f) => vec![Found::Failed(f)],
                Ok(s) if designs::is_compiled(&s) => designs::plans(&s, &env.book.quotas)
                    .into_par_iter()
                    .map(|p| {
                        let a = assess(p, &env.book);
                        let name = a.plan.scenario.name.clone();
                        let x = &a.plan.scenario.expect;
                        if x.is_empty() {
                            return Found::Unpinned(match &a.plan.invalid {
                                Some(r) => format!("{name} (invalid, no pins: {r})"),
                                None => {
                                    format!("{name} (no [expect.designs.{}] pins)", a.plan.design)
                                }
                            });
                        }
                        let at = at_of(&s.file, x.line);
                        match design_drifts(&a) {
                            Ok(drifts) => Found::Checked { name, at, drifts },
                            Err(message) => Found::Failed(FailedScenario {
                                file: s.file.clone(),
                                name,
                                message,
                                invalid: false,
                            }),
                        }
                    })
                    .collect(),
                Ok(s) => {
                    let o = evaluate_one(env, &s);
                    match o {
                        Err(f) => vec![Found::Failed(f)],
                        Ok(_) if s.expect.is_empty() => {
                            vec![Found::Unpinned(format!("{} (no [expect] pins)", s.name))]
                        }
                        Ok(_) => vec![Found::Checked {
                            name: s.name.clone(),
                            at: at_of(&s.file, s.expect.line),
                            drifts: drifts(&s, &o),
                        }],
                    }
                }
            })
            .collect()
    });
    let found: Vec<Found> = found.into_iter().flatten().collect();
    let failed = found
        .iter()
        .filter(|f| matches!(f, Found::Failed(_)))
        .count();
    let drifted = found
        .iter()
        .filter(|f| matches!(f, Found::Checked { drifts, .. } if !drifts.is_empty()))
        .count();
    match format {
        TextFormat::Markdown => {
            for f in &found {
                if let Found::Failed(f) = f {
                    eprintln!("error: {}", f.message);
                }
            }
            let checked: Vec<Checked> = found.into_iter().map(Found::into_checked).collect();
            out_raw!(
                "{}",
                fit(
                    &check_md(&checked),
                    max_chars,
                    "`vpceplan check --format markdown` prints all of it."
                )
            );
        }
        TextFormat::Table => print_text(&found),
    }
    Ok(if drifted > 0 || failed > 0 { 1 } else { 0 })
}

impl Found {
    fn into_checked(self) -> Checked {
        match self {
            Found::Failed(f) => Checked::Failed {
                name: if f.name.is_empty() { f.file } else { f.name },
                message: f.message,
            },
            Found::Unpinned(what) => Checked::Unpinned(what),
            Found::Checked { name, at, drifts } => Checked::Pinned { name, at, drifts },
        }
    }
}

/// The terminal form: one line per scenario or design, the drifted pins under theirs.
fn print_text(found: &[Found]) {
    let (mut pinned, mut drifted, mut failed, mut unpinned) = (0, 0, 0, 0);
    for f in found {
        match f {
            Found::Failed(f) => {
                failed += 1;
                out!(
                    "FAIL   {}",
                    if f.name.is_empty() { &f.file } else { &f.name }
                );
                eprintln!("error: {}", f.message);
            }
            Found::Unpinned(what) => {
                unpinned += 1;
                out!("--     {what}");
            }
            Found::Checked { name, at, drifts } => {
                pinned += 1;
                if drifts.is_empty() {
                    out!("ok     {name}");
                } else {
                    drifted += 1;
                    out!("DRIFT  {name} ({at})");
                    for x in drifts {
                        out!(
                            "         {}: expected {}, got {}{}",
                            x.key,
                            x.expected,
                            x.got,
                            if x.difference.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", x.difference)
                            }
                        );
                    }
                }
            }
        }
    }
    out!(
        "{pinned} pinned, {} ok, {drifted} drifted, {failed} failed, {unpinned} without pins",
        pinned - drifted
    );
}

pub fn validate(env: &Env, paths: &[PathBuf]) -> Result<Exit> {
    let files = files(paths)?;
    let loaded = load_all(env, &files);
    let mut bad = 0;
    for l in &loaded {
        match l {
            Ok(s) if designs::is_compiled(s) => out!(
                "ok     {} ({}, workload: {} designs)",
                s.file,
                s.name,
                designs::names(s).len()
            ),
            Ok(s) => out!(
                "ok     {} ({}, {} blocks)",
                s.file,
                s.name,
                s.resources.len()
            ),
            Err(f) => {
                bad += 1;
                out!("FAIL   {}", f.file);
                eprintln!("error: {}", f.message);
            }
        }
    }
    out!("{} valid, {bad} invalid", loaded.len() - bad);
    Ok(if bad > 0 { 1 } else { 0 })
}
