//! Errors: each names the input at fault (file, line, key) and says what to do.

use std::path::{Path, PathBuf};

/// A problem with something the user wrote: a scenario, sweep or usage file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// File the problem is in.
    pub file: String,
    /// 1-based line, when the parser knows it.
    pub line: Option<usize>,
    /// The key at fault, e.g. `interface_endpoint[0].azs`.
    pub key: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: ", self.file, l)?,
            None => write!(f, "{}: ", self.file)?,
        }
        if !self.key.is_empty() {
            write!(f, "`{}`: ", self.key)?;
        }
        write!(f, "{}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every error vpceplan reports.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad user input.
    #[error("{0}")]
    Input(Box<InputError>),
    /// A price the scenario needs is not in the price book. Never a silent zero.
    #[error(
        "no price for `{component}`{} in Region {region} in the price book ({book})\n  hint: add a row for it to prices.csv (see docs/pricing.md, \"Updating prices\"), or import the AWS Price List with `vpceplan pricing import`",
        variant_suffix(.variant)
    )]
    MissingPrice {
        region: String,
        component: String,
        variant: String,
        book: String,
    },
    /// The quantity runs past the last tier of a tier ladder that has a closed top.
    #[error(
        "quantity {quantity} of `{component}` in Region {region} runs past the last tier (ends at {top}) of the price book\n  hint: make the last tier open-ended (empty tier_to)"
    )]
    PastLastTier {
        region: String,
        component: String,
        quantity: String,
        top: String,
    },
    /// A capacity limit the scenario needs is not in the limits profile.
    #[error(
        "no capacity limit `{resource}` in limits profile `{profile}`\n  hint: add a row to limits.csv, or pick another profile with `limits = \"...\"`"
    )]
    MissingLimit { profile: String, resource: String },
    /// A malformed price book, regions or limits file.
    #[error("{file}:{line}: {message}")]
    Book {
        file: String,
        line: usize,
        message: String,
    },
    /// Arithmetic left the range of exact decimals (absurdly large inputs).
    #[error(
        "{context}: the figures are too large to compute exactly (decimal overflow)\n  hint: check the units of the quantities; vpceplan computes money exactly up to about 7.9e28"
    )]
    Overflow { context: String },
    /// A file or folder could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Anything else, already phrased for the user.
    #[error("{0}")]
    Msg(String),
}

fn variant_suffix(v: &str) -> String {
    if v.is_empty() {
        String::new()
    } else {
        format!(" ({v})")
    }
}

impl Error {
    /// Shorthand for an [`InputError`].
    pub fn input(
        file: &str,
        line: Option<usize>,
        key: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Error {
        Error::Input(Box::new(InputError {
            file: file.to_string(),
            line,
            key: key.into(),
            message: message.into(),
            hint: hint.into(),
        }))
    }

    /// Shorthand for an I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with vpceplan's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Read a user's input file (scenario, sweep) as UTF-8 text: an I/O error names the
/// path, and bytes that are not UTF-8 give an [`InputError`] for the file as displayed.
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|_| {
        Error::input(
            &path.display().to_string(),
            None,
            "",
            "the file is not UTF-8 text",
            "save it as UTF-8",
        )
    })
}

/// 1-based line number of a byte offset in `src`.
pub fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    src.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
