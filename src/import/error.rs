//! Errors of the importers. Each names the file, the place in it (line, or JSON path) and
//! the field, and says what to do about it.

use std::io;

/// Result of the importers.
pub type Result<T, E = ImportError> = std::result::Result<T, E>;

/// Something an importer could not read or accept.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The built-in Regions (`pricing/regions.csv`, whose billing prefixes name the
    /// Regions of usage types) do not load.
    #[error("{0}")]
    Regions(String),

    /// Reading the input failed.
    #[error("{source_name}: cannot read the input: {source}")]
    Io {
        source_name: String,
        #[source]
        source: io::Error,
    },

    /// The CSV layer failed (bad quoting, invalid UTF-8, ...).
    #[error(
        "{source_name}, line {line}: malformed CSV: {message}; check that the file is a complete \
         AWS Price List offer CSV (re-download it if it was cut short)"
    )]
    Csv {
        source_name: String,
        line: u64,
        message: String,
    },

    /// No header row (a row with a `SKU` column) after the metadata lines.
    #[error(
        "{source_name}: no header row (a row with a \"SKU\" column) was found after the \
         metadata lines; this does not look like an AWS Price List bulk offer CSV (the offer's \
         index.csv)"
    )]
    NoCsvHeader { source_name: String },

    /// The header row lacks a column the importer needs.
    #[error(
        "{source_name}, line {line}: the header row has no \"{column}\" column; AWS Price List \
         offer CSVs carry it, so use the offer's own CSV, not a Cost Explorer or CUR export"
    )]
    MissingColumn {
        source_name: String,
        line: u64,
        column: String,
    },

    /// An offer-level field (publication date, version, offer code, products) is missing.
    #[error(
        "{source_name}: the offer's \"{field}\" is missing; AWS Price List bulk offer files carry \
         it at the top, so check that this is a complete offer file"
    )]
    MissingMetadata {
        source_name: String,
        field: &'static str,
    },

    /// The publication date is not an ISO date.
    #[error(
        "{source_name}: publication date \"{value}\" does not start with a date YYYY-MM-DD; fix \
         the file's publication date"
    )]
    InvalidDate { source_name: String, value: String },

    /// A price or a range is not an exact decimal number.
    #[error(
        "{source_name}, {location}: {field} \"{value}\" is not usable: {reason}; fix the value or \
         re-download the offer"
    )]
    InvalidNumber {
        source_name: String,
        location: String,
        field: String,
        value: String,
        reason: String,
    },

    /// The JSON is malformed or has an unexpected shape.
    #[error(
        "{source_name}, line {line}, column {column}: cannot read the JSON: {message}; check that \
         the file is complete and of the expected kind"
    )]
    Json {
        source_name: String,
        line: usize,
        column: usize,
        message: String,
    },

    /// A Terraform plan field has an unexpected shape.
    #[error("{source_name}, at {path}: {message}; {hint}")]
    PlanField {
        source_name: String,
        path: String,
        message: String,
        hint: String,
    },

    /// Neither the plan nor the caller says which Region the scenario is in.
    #[error(
        "{source_name}: cannot tell the Region: the plan's aws provider has no constant region \
         and no endpoint service name names one; give the Region explicitly (--region, or \
         `region` under [scenario] in the usage file)"
    )]
    NoRegion { source_name: String },

    /// The plan's resources point at several Regions.
    #[error(
        "{source_name}: the endpoint service names name several Regions ({regions}); a scenario \
         covers one Region: give the Region explicitly (--region, or `region` under [scenario] \
         in the usage file)"
    )]
    ConflictingRegions {
        source_name: String,
        regions: String,
    },

    /// The usage file is not valid TOML.
    #[error("{source_name}: the usage file is not valid TOML: {message}")]
    UsageToml {
        source_name: String,
        message: String,
    },

    /// A usage file entry is wrong.
    #[error("{source_name}, table [{table}], key \"{key}\": {message}")]
    UsageField {
        source_name: String,
        table: String,
        key: String,
        message: String,
    },
}
