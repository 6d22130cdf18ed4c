//! vpceplan: plan the cost and capacity of AWS PrivateLink and VPC endpoint designs.
//!
//! Data flows one way:
//!
//! ```text
//! scenario files ─▶ scenario (parse, validate) ─▶ designs (workload → blocks with forms)
//!                                  │
//!            pricing (book, tier ladders, limits)      rules (one entry per resource kind:
//!                                  │                      charges, quantities, capacity)
//!                                  ▼
//!       engine (line items, totals, capacity)   program (compiled once per shape,
//!                                  │             evaluated per point: sweeps, break-even)
//!                                  ▼
//!                     reports, charts, sweep.csv (bytes)
//! ```
//!
//! The engine and the compiled program read the same rule table ([`rules`]) and the same
//! tier arithmetic ([`pricing::Ladder`]), so their figures are the same exact decimals;
//! both count the blocks against AWS service quotas with the same [`quotas::Counter`].
//! Money is exact (`rust_decimal`) and rounded once, at output, by the rule in [`money`].

pub mod accounts;
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
pub mod ops;
pub mod output;
pub mod pricing;
pub mod program;
pub mod quotas;
pub mod report;
pub mod rules;
pub mod savings;
pub mod scenario;
pub mod schema;
pub mod sweep;
pub mod text;
