//! `[expect]` pins: each scenario's (and each design's) pinned figures against what the
//! engine computes now. What `vpceplan check` prints, as data.

use super::Context;
use super::evaluate::evaluate_one;
use super::load::{FailedScenario, Loaded, Outcome};
use crate::designs::{
    self,
    compare::{Assessed, FailoverMonth, assess},
};
use crate::money::{cents, fine, fmt_cents, fmt_fine};
use crate::scenario::Scenario;
use rayon::prelude::*;
use rust_decimal::Decimal;

/// One pin that moved: its key, the pinned and the computed value, and the difference.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    pub key: &'static str,
    pub expected: String,
    pub got: String,
    pub difference: String,
}

/// What `check` found for one scenario or design.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// Could not be evaluated.
    Failed(FailedScenario),
    /// No pins: what and why.
    Unpinned(String),
    /// Pins compared (`at`: file and line of the pins).
    Pinned {
        name: String,
        at: String,
        drifts: Vec<Drift>,
    },
}

/// Check every loaded scenario: explicit scenarios are evaluated, workloads compiled
/// into their designs and each design assessed; in file order, designs in theirs.
pub fn check_all(cx: &Context, loaded: Vec<Loaded>) -> Vec<Checked> {
    let found: Vec<Vec<Checked>> = cx.pool.install(|| {
        loaded
            .into_par_iter()
            .map(|l| match l {
                Err(f) => vec![Checked::Failed(f)],
                Ok(s) if designs::is_compiled(&s) => check_designs(cx, &s),
                Ok(s) => vec![check_explicit(cx, &s)],
            })
            .collect()
    });
    found.into_iter().flatten().collect()
}

/// An explicit scenario: evaluated, and its pins compared.
fn check_explicit(cx: &Context, s: &Scenario) -> Checked {
    let o = evaluate_one(cx, s);
    match o {
        Err(f) => Checked::Failed(f),
        Ok(_) if s.expect.is_empty() => Checked::Unpinned(format!("{} (no [expect] pins)", s.name)),
        Ok(_) => Checked::Pinned {
            name: s.name.clone(),
            at: at_of(&s.file, s.expect.line),
            drifts: drifts(s, &o),
        },
    }
}

/// Each design of a workload: assessed, and its `[expect.designs.<design>]` pins compared.
fn check_designs(cx: &Context, s: &Scenario) -> Vec<Checked> {
    designs::plans(s, &cx.book.quotas)
        .into_par_iter()
        .map(|p| {
            let a = assess(p, &cx.book);
            let name = a.plan.scenario.name.clone();
            let x = &a.plan.scenario.expect;
            if x.is_empty() {
                return Checked::Unpinned(match &a.plan.invalid {
                    Some(r) => format!("{name} (invalid, no pins: {r})"),
                    None => format!("{name} (no [expect.designs.{}] pins)", a.plan.design),
                });
            }
            let at = at_of(&s.file, x.line);
            match design_drifts(&a) {
                Ok(drifts) => Checked::Pinned { name, at, drifts },
                Err(message) => Checked::Failed(FailedScenario {
                    file: s.file.clone(),
                    name,
                    message,
                    invalid: false,
                }),
            }
        })
        .collect()
}

fn at_of(file: &str, line: Option<usize>) -> String {
    line.map(|l| format!("{file}:{l}"))
        .unwrap_or_else(|| file.to_string())
}

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
    want: Decimal,
    evaluated: Decimal,
    round: fn(Decimal) -> Decimal,
    fmt: fn(Decimal) -> String,
) -> Option<Drift> {
    let got = round(evaluated);
    (round(want) != got).then(|| Drift {
        key,
        expected: fmt(want),
        got: fmt(got),
        difference: signed(got - round(want), fmt),
    })
}

fn signed(d: Decimal, f: fn(Decimal) -> String) -> String {
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
    out.extend(failover_drifts(a));
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

/// The failover-month pins of a design against its assessment.
fn failover_drifts(a: &Assessed) -> Vec<Drift> {
    let x = &a.plan.scenario.expect;
    let mut out = Vec::new();
    let what = |m: &FailoverMonth| match m {
        FailoverMonth::None => "no failover month (not a failover design)".to_string(),
        FailoverMonth::NoPath { lost, reason } => format!("down with {lost} lost: {reason}"),
        FailoverMonth::Error { lost, message } => format!("{lost} lost: {message}"),
        FailoverMonth::Priced { eval, .. } => fmt_cents(eval.monthly),
    };
    if let Some(want) = x.failover_monthly_usd {
        match &a.failover_month {
            FailoverMonth::Priced { eval, .. } if cents(eval.monthly) == cents(want) => {}
            FailoverMonth::Priced { eval, .. } => {
                let d = cents(eval.monthly) - cents(want);
                out.push(Drift {
                    key: "failover_monthly_usd",
                    expected: fmt_cents(want),
                    got: fmt_cents(eval.monthly),
                    difference: if d.is_sign_negative() {
                        fmt_cents(d)
                    } else {
                        format!("+{}", fmt_cents(d))
                    },
                });
            }
            other => out.push(Drift {
                key: "failover_monthly_usd",
                expected: fmt_cents(want),
                got: what(other),
                difference: String::new(),
            }),
        }
    }
    if let Some(want) = &x.failover_status {
        let got = a.failover_month.status();
        if got.map(|g| g.as_str()) != Some(want.as_str()) {
            out.push(Drift {
                key: "failover_status",
                expected: want.clone(),
                got: got
                    .map(|g| g.to_string())
                    .unwrap_or_else(|| what(&a.failover_month)),
                difference: String::new(),
            });
        }
    }
    out
}
