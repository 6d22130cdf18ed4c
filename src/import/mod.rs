//! Importers: turn outside data into vpceplan's own formats.
//!
//! * [`offer`]: AWS Price List bulk offer files (CSV or JSON) into price-book rows in the
//!   `pricing/prices.csv` format.
//! * [`terraform`]: `terraform show -json` plan output into a scenario TOML text, with
//!   traffic figures taken from a [`terraform::Usage`] description.
//!
//! * [`usage_type`]: the usage type → price-book component table both the offer importer
//!   and the cost-export importer ([`crate::bill`]) read.
//!
//! All are pure library code: they read from readers or strings and return values; writing
//! files is the caller's business.

pub mod columnar;
mod error;
pub mod input;
pub mod offer;
pub mod terraform;
pub mod usage_type;

pub use error::{ImportError, Result};
pub use offer::{
    ImportResult, PriceRow, SkipReason, SkipSummary, SkipTally, import_offer_csv, import_offer_json,
};
pub use terraform::{
    Assumption, TerraformImport, UnsupportedResource, Usage, UsageFigures, import_terraform_plan,
};
