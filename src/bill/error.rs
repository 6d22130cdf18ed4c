//! Errors of the cost-export readers: each names the file, the row (CSV line or Parquet
//! row) or the column, and says what to do.

/// Result of the cost-export readers.
pub type Result<T, E = BillError> = std::result::Result<T, E>;

/// Something a cost-export file could not give.
#[derive(Debug, thiserror::Error)]
pub enum BillError {
    /// The built-in Regions (`pricing/regions.csv`, whose billing prefixes name the
    /// Regions of usage types) do not load.
    #[error("{0}")]
    Regions(String),

    /// Reading the file failed.
    #[error("{file}: cannot read the file: {message}")]
    Io { file: String, message: String },

    /// The file ends before its data does (a cut gzip stream or Parquet file).
    #[error(
        "{file}: the file is truncated ({detail}); download it again from the export's S3 bucket"
    )]
    Truncated { file: String, detail: String },

    /// The file has no column that any export format carries.
    #[error(
        "{file}: not an AWS cost export: {detail}\n  hint: pass the CUR 2.0 (Data Exports), legacy CUR or FOCUS export files (CSV, gzip CSV or Parquet), not a Cost Explorer download"
    )]
    NotAnExport { file: String, detail: String },

    /// A column the importer needs is missing.
    #[error("{file}: the {format} export has no column `{column}`\n  hint: {hint}")]
    MissingColumn {
        file: String,
        format: &'static str,
        column: String,
        hint: String,
    },

    /// The CSV layer failed (bad quoting, invalid UTF-8...).
    #[error("{file}, line {line}: malformed CSV: {message}")]
    Csv {
        file: String,
        line: u64,
        message: String,
    },

    /// The Parquet layer failed.
    #[error("{file}: cannot read the Parquet data: {message}")]
    Parquet { file: String, message: String },

    /// A cell holds something that is not what its column needs.
    #[error("{file}, {row}, column `{column}`: {message}")]
    BadValue {
        file: String,
        row: String,
        column: String,
        message: String,
    },

    /// Rows of two billing periods.
    #[error(
        "{file}, {row}: {detail}; one import covers one month\n  hint: import each month's files separately"
    )]
    MixedPeriods {
        file: String,
        row: String,
        /// Column, the two periods and where the first was seen.
        detail: String,
    },

    /// A currency the price book cannot be compared with.
    #[error(
        "{file}, {row}, column `{column}`: currency \"{value}\" {why}\n  hint: vpceplan's price book is in USD; create the export with USD as the currency (the AWS default)"
    )]
    Currency {
        file: String,
        row: String,
        column: String,
        value: String,
        why: &'static str,
    },

    /// No file given, or files without a single row.
    #[error("{0}")]
    Empty(String),
}
