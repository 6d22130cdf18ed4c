//! The integration tests, one binary: each module was a test binary of its own; one
//! binary links the crate once. Run one module with `cargo test --test it MODULE::`.

mod common;
mod export_writer;
mod fetch_fixtures;
mod fetch_server;

mod accounts;
mod browser;
mod charts;
mod cli;
mod cli_import;
mod compare_cli;
mod designs_properties;
mod ecosystem;
mod engine;
mod fetch;
mod formula_injection;
mod import_cur;
mod import_flow_logs;
mod import_offer;
mod import_properties;
mod import_terraform;
mod interrupt;
mod kinds;
mod layers;
mod libreoffice;
mod plan;
mod pricing_diff;
mod program_properties;
mod properties;
mod quotas;
mod regions;
mod report;
mod schema;
mod sweep;
mod sweep_merge;
mod xlsx;
