//! vpceplan: plan the cost and capacity of AWS PrivateLink and VPC endpoint designs.
//!
//! Data flows one way: scenario file → validated [`scenario::Scenario`] → priced
//! [`engine::Evaluation`] (line items, totals, capacity) → reports. Money is exact
//! (`rust_decimal`) and rounded once, at output, by the rule in [`money`].

pub mod bill;
pub mod charts;
pub mod cli;
pub mod designs;
pub mod digest;
pub mod engine;
pub mod error;
pub mod fetch;
pub mod flowlogs;
pub mod import;
pub mod money;
pub mod output;
pub mod pricing;
pub mod program;
pub mod report;
pub mod rules;
pub mod scenario;
pub mod schema;
pub mod sweep;
