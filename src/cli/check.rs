//! `vpceplan check` (regression pins) and `vpceplan validate`.

use super::Exit;
use super::common::{Env, evaluate_all, files, load_all};
use crate::error::Result;
use crate::money::{cents, fine, fmt_cents, fmt_fine};
use crate::report::Outcome;
use crate::scenario::Scenario;
use std::path::PathBuf;

/// One pin that moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Drift {
    pub key: &'static str,
    pub expected: String,
    pub got: String,
    pub difference: String,
}

/// Compare an evaluation with its scenario's pins.
pub fn drifts(s: &Scenario, o: &Outcome) -> Vec<Drift> {
    let mut out = Vec::new();
    let Ok(e) = o else { return out };
    let x = &s.expect;
    if let Some(want) = x.monthly_usd {
        let got = cents(e.monthly);
        if cents(want) != got {
            out.push(Drift {
                key: "monthly_usd",
                expected: fmt_cents(want),
                got: fmt_cents(got),
                difference: signed(got - cents(want), fmt_cents),
            });
        }
    }
    if let Some(want) = x.hourly_usd {
        let got = fine(e.hourly);
        if fine(want) != got {
            out.push(Drift {
                key: "hourly_usd",
                expected: fmt_fine(want),
                got: fmt_fine(got),
                difference: signed(got - fine(want), fmt_fine),
            });
        }
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

fn signed(d: rust_decimal::Decimal, f: fn(rust_decimal::Decimal) -> String) -> String {
    if d.is_sign_negative() {
        f(d)
    } else {
        format!("+{}", f(d))
    }
}

pub fn check(env: &Env, paths: &[PathBuf]) -> Result<Exit> {
    let files = files(paths)?;
    let loaded = load_all(env, &files);
    let scenarios: Vec<Option<Scenario>> =
        loaded.iter().map(|l| l.as_ref().ok().cloned()).collect();
    let outcomes = evaluate_all(env, loaded);
    let (mut pinned, mut drifted, mut failed, mut unpinned) = (0, 0, 0, 0);
    for (s, o) in scenarios.iter().zip(outcomes.iter()) {
        match (s, o) {
            (_, Err(f)) => {
                failed += 1;
                out!(
                    "FAIL   {}",
                    if f.name.is_empty() { &f.file } else { &f.name }
                );
                eprintln!("error: {}", f.message);
            }
            (Some(s), Ok(_)) if s.expect.is_empty() => {
                unpinned += 1;
                out!("--     {} (no [expect] pins)", s.name);
            }
            (Some(s), Ok(_)) => {
                pinned += 1;
                let d = drifts(s, o);
                if d.is_empty() {
                    out!("ok     {}", s.name);
                } else {
                    drifted += 1;
                    let at = s
                        .expect
                        .line
                        .map(|l| format!("{}:{l}", s.file))
                        .unwrap_or_else(|| s.file.clone());
                    out!("DRIFT  {} ({at})", s.name);
                    for x in d {
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
            (None, Ok(_)) => {}
        }
    }
    out!(
        "{pinned} pinned, {} ok, {drifted} drifted, {failed} failed, {unpinned} without pins",
        pinned - drifted
    );
    Ok(if drifted > 0 || failed > 0 { 1 } else { 0 })
}

pub fn validate(env: &Env, paths: &[PathBuf]) -> Result<Exit> {
    let files = files(paths)?;
    let loaded = load_all(env, &files);
    let mut bad = 0;
    for l in &loaded {
        match l {
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
