//! Cost exports in: AWS CUR 2.0 (Data Exports; Parquet or gzip CSV), the legacy Cost and
//! Usage Report (CSV, gzip CSV) and the FOCUS 1.0+ export (with AWS columns), read as
//! streams into a [`BillSummary`]: per account × Region × price-book component × resource
//! id, the usage quantity (in the book's unit), cost, rates and line item count; the usage
//! types this tool does not price, with their cost; the line items that are not usage.
//!
//! * [`schema`]: the three formats' columns, found by name.
//! * [`read`]: the streaming readers (CSV, gzip, Parquet).
//! * [`summary`]: aggregation and the summary types.
//! * [`baseline`]: the summary as a scenario of explicit resources (today's resources).
//! * [`reconcile`]: the export's cost against vpceplan's for the baseline, per usage type.
//! * [`render`]: `bill.csv` and `reconcile.csv` as bytes.
//!
//! Usage types are mapped to components by the one shared table,
//! [`crate::import::usage_type`].

pub mod baseline;
mod error;
pub mod read;
pub mod reconcile;
pub mod render;
pub mod schema;
pub mod summary;

pub use error::{BillError, Result};
pub use read::{read_export, read_exports};
pub use schema::Format;
pub use summary::{
    Aggregator, BillSummary, GLOBAL, NonUsageFigures, NonUsageKey, OtherFigures, OtherKey,
    UsageFigures, UsageKey,
};
