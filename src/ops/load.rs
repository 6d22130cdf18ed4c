//! Scenario files: found under the paths given (`scenarios/` by default) and loaded in
//! parallel, in a stable order; and the result types of an evaluation.

use super::Context;
use crate::engine::Evaluation;
use crate::error::{Error, Result};
use crate::scenario::{self, Scenario};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The outcome of one scenario: evaluated, or failed with a message.
pub type Outcome = std::result::Result<Evaluation, FailedScenario>;

/// A loaded scenario (or the failure to load it).
pub type Loaded = std::result::Result<Scenario, FailedScenario>;

/// A scenario that could not be evaluated: a failure, or a design that cannot serve its
/// workload (`invalid`), which is reported with its reason but is not a failure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FailedScenario {
    /// The scenario's file.
    pub file: String,
    /// Its name, when the file got that far.
    pub name: String,
    pub message: String,
    /// A design that cannot serve the workload (the message says why): not priced, and
    /// not counted as a failure.
    pub invalid: bool,
}

impl FailedScenario {
    /// `invalid` for a design that cannot serve its workload, else `error`.
    pub fn status(&self) -> &'static str {
        if self.invalid { "invalid" } else { "error" }
    }

    /// The scenario's name, or its file when it did not get that far.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.file
        } else {
            &self.name
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
pub fn load_all(cx: &Context, files: &[PathBuf]) -> Vec<Loaded> {
    cx.pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                scenario::load(f, &cx.book).map_err(|e| FailedScenario {
                    file: f.display().to_string(),
                    name: String::new(),
                    message: e.to_string(),
                    invalid: false,
                })
            })
            .collect()
    })
}
