//! `vpceplan check`: every scenario's (and design's) `[expect]` pins against what the
//! engine computes now; exit 1 on any drift or failure.

use super::{Env, Exit, ScenarioPaths, TextFormat, TextOutput};
use crate::error::Result;
use crate::ops::Checked;
use crate::ops::check::check_all;
use crate::ops::load::{files, load_all};
use crate::report::markdown::{check_md, fit};

/// Arguments of `vpceplan check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub paths: ScenarioPaths,
    #[command(flatten)]
    pub output: TextOutput,
}

pub fn run(env: &Env, args: &Args) -> Result<Exit> {
    let files = files(&args.paths.paths)?;
    let found = check_all(env, load_all(env, &files));
    let failed = found
        .iter()
        .filter(|f| matches!(f, Checked::Failed(_)))
        .count();
    let drifted = found
        .iter()
        .filter(|f| matches!(f, Checked::Pinned { drifts, .. } if !drifts.is_empty()))
        .count();
    match args.output.format {
        TextFormat::Markdown => {
            for f in &found {
                if let Checked::Failed(f) = f {
                    eprintln!("error: {}", f.message);
                }
            }
            out_raw!(
                "{}",
                fit(
                    &check_md(&found),
                    args.output.max_chars.max_chars,
                    "`vpceplan check --format markdown` prints all of it."
                )
            );
        }
        TextFormat::Table => print_text(&found),
    }
    Ok(if drifted > 0 || failed > 0 { 1 } else { 0 })
}

/// The terminal form: one line per scenario or design, the drifted pins under theirs.
fn print_text(found: &[Checked]) {
    let (mut pinned, mut drifted, mut failed, mut unpinned) = (0, 0, 0, 0);
    for f in found {
        match f {
            Checked::Failed(f) => {
                failed += 1;
                out!("FAIL   {}", f.label());
                eprintln!("error: {}", f.message);
            }
            Checked::Unpinned(what) => {
                unpinned += 1;
                out!("--     {what}");
            }
            Checked::Pinned { name, at, drifts } => {
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
