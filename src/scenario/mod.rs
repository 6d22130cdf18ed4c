//! Scenario files: the model, the TOML parser, and discovery of files in folders.

pub mod keys;
pub mod model;
mod parse;
pub mod place;
mod workload;

pub use model::*;
pub use parse::{SES_SMTP_UNSUPPORTED_AZ_IDS, parse_scenario};
pub use place::{Place, TgwPlace, VpcPlace};

use crate::error::{Error, Result};
use crate::pricing::PriceBook;
use std::path::{Path, PathBuf};

/// Expand files and folders into a sorted list of `.toml` files. Folders are searched
/// one level deep; a path that does not exist is an error.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let rd = std::fs::read_dir(p).map_err(|e| Error::io(p, e))?;
            let mut found: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "toml"))
                .collect();
            found.sort();
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(Error::Msg(format!(
                "{}: no such file or folder\n  hint: pass scenario files (*.toml) or folders holding them",
                p.display()
            )));
        }
    }
    Ok(out)
}

/// Read and parse one scenario file.
pub fn load(path: &Path, book: &PriceBook) -> Result<Scenario> {
    let shown = path.display().to_string();
    let src = crate::error::read_text_file(path)?;
    parse_scenario(&shown, &src, book)
}
