//! Shard manifests: what one `--shard I/N` run wrote, so that `vpceplan sweep merge` can
//! tell a complete set of parts from a missing, duplicated, truncated or foreign one.
//!
//! `sweep.part-0003-of-0008.manifest.json` is written (atomically) after the shard's
//! parts are in place, and records:
//! - the sweep: its file, points, and the SHA-256 of the sweep file and of every scenario
//!   file it sweeps (`scenarios = [...]`), with one digest of them all;
//! - the price book: where it came from and its [`BookIdentity`](crate::pricing::BookIdentity);
//! - vpceplan's version;
//! - the shard (index, count) and, for each part (`sweep`, `breakeven`), its file name,
//!   its range of points (or break-even combinations), whether it starts with the header,
//!   its rows, bytes and SHA-256.
//!
//! A manifest holds nothing that differs from run to run (no clock, no host), so re-running
//! a shard writes the same manifest, byte for byte.

use crate::digest::Hasher;
use crate::error::{Error, Result};
use crate::pricing::PriceBook;
use crate::sweep::Sweep;
use crate::sweep::file::AxisKind;
use crate::sweep::shard::Shard;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// The manifest format this vpceplan writes and reads.
pub const FORMAT: &str = "vpceplan-sweep-shard/1";

/// vpceplan's version, as manifests record it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    pub vpceplan_version: String,
    pub shard: ShardId,
    pub sweep: SweepId,
    pub price_book: BookId,
    pub parts: Parts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardId {
    pub index: u64,
    pub count: u64,
}

/// The sweep a shard belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepId {
    /// The sweep file, as given on the command line (for messages; not compared).
    pub file: String,
    /// The sweep's name (the file's stem).
    pub name: String,
    /// Points in the whole sweep.
    pub points: u64,
    /// SHA-256 of the lines `<sha256>  <file>\n` of `files` with the folders left out
    /// (the same sweep copied to another folder or node has the same digest).
    pub sha256: String,
    /// The sweep file, then each scenario file it sweeps, with the SHA-256 of its bytes.
    pub files: Vec<FileHash>,
}

/// The price book a shard was priced with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookId {
    /// "built-in" or the folder given to --pricing (for messages; not compared).
    pub origin: String,
    /// [`BookIdentity::sha256`](crate::pricing::BookIdentity).
    pub sha256: String,
    pub files: Vec<FileHash>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHash {
    pub file: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parts {
    pub sweep: Part,
    /// Only for a sweep with `[breakeven]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakeven: Option<Part>,
}

/// One part file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// File name, in the manifest's folder.
    pub file: String,
    /// Items `start..end` (0-based, end excluded) of `total`: points for `sweep`,
    /// combinations of the other axes for `breakeven`.
    pub start: u64,
    pub end: u64,
    pub total: u64,
    /// Whether the part starts with the CSV header line (shard 1, unless --no-header).
    pub header: bool,
    /// CSV records after the header.
    pub rows: u64,
    pub bytes: u64,
    pub sha256: String,
}

impl Manifest {
    /// Parse a manifest's text.
    pub fn parse(text: &str) -> std::result::Result<Manifest, String> {
        // Check the format first, so that another format is named rather than a field.
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        match v.get("format").and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            Some(other) => {
                return Err(format!(
                    "its format is `{other}`, and this vpceplan ({VERSION}) reads `{FORMAT}`"
                ));
            }
            None => return Err("it has no `format`: not a vpceplan shard manifest".into()),
        }
        serde_json::from_value(v).map_err(|e| e.to_string())
    }

    /// The manifest as written: pretty JSON and a final newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = serde_json::to_vec_pretty(self).unwrap_or_default();
        b.push(b'\n');
        b
    }

    pub fn shard(&self) -> Shard {
        Shard {
            index: self.shard.index,
            count: self.shard.count,
        }
    }
}

/// The sweep's identity: the SHA-256 of its file and of the scenario files it sweeps.
pub fn sweep_id(sw: &Sweep) -> Result<SweepId> {
    let mut paths = vec![sw.file.clone()];
    if sw.axis_of(AxisKind::Scenarios).is_some() {
        paths.extend(sw.bases.iter().map(|b| b.file.clone()));
    }
    let mut files = Vec::new();
    let mut listing = String::new();
    for p in paths {
        let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
        let sha256 = crate::digest::sha256_hex(&bytes);
        let name = Path::new(&p)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| p.clone());
        listing.push_str(&format!("{sha256}  {name}\n"));
        files.push(FileHash { file: p, sha256 });
    }
    Ok(SweepId {
        file: sw.file.clone(),
        name: sw.name.clone(),
        points: sw.total,
        sha256: crate::digest::sha256_hex(listing.as_bytes()),
        files,
    })
}

/// The price book's identity, as a manifest records it.
pub fn book_id(book: &PriceBook) -> BookId {
    BookId {
        origin: book.origin.clone(),
        sha256: book.identity.sha256.clone(),
        files: book
            .identity
            .files
            .iter()
            .map(|(f, h)| FileHash {
                file: f.clone(),
                sha256: h.clone(),
            })
            .collect(),
    }
}

/// What went through a [`Tally`]: bytes, CSV records and their SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub bytes: u64,
    /// Records ended by a newline outside quotes (a quoted field may hold newlines).
    pub records: u64,
    pub sha256: String,
}

/// A writer that passes bytes on and counts and hashes them on the way.
pub struct Tally<W> {
    inner: W,
    /// Off: bytes pass through uncounted (a whole sweep needs no manifest).
    on: bool,
    hash: Hasher,
    bytes: u64,
    records: u64,
    quoted: bool,
}

impl<W: Write> Tally<W> {
    pub fn new(inner: W) -> Tally<W> {
        Tally::when(true, inner)
    }

    /// A tally that counts only when `on` (else [`Tally::finish`] reports nothing seen).
    pub fn when(on: bool, inner: W) -> Tally<W> {
        Tally {
            inner,
            on,
            hash: Hasher::default(),
            bytes: 0,
            records: 0,
            quoted: false,
        }
    }

    fn observe(&mut self, buf: &[u8]) {
        if !self.on {
            return;
        }
        self.hash.update(buf);
        self.bytes += buf.len() as u64;
        if !self.quoted && !buf.contains(&b'"') {
            self.records += buf.iter().filter(|&&b| b == b'\n').count() as u64;
        } else {
            for &b in buf {
                if b == b'"' {
                    self.quoted = !self.quoted;
                } else if b == b'\n' && !self.quoted {
                    self.records += 1;
                }
            }
        }
    }

    pub fn finish(self) -> Counted {
        Counted {
            bytes: self.bytes,
            records: self.records,
            sha256: self.hash.finish(),
        }
    }
}

impl<W: Write> Write for Tally<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.observe(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Count and hash a file's bytes.
pub fn count_file(path: &Path) -> std::io::Result<Counted> {
    let mut f = std::fs::File::open(path)?;
    let mut t = Tally::new(std::io::sink());
    std::io::copy(&mut f, &mut t)?;
    Ok(t.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(chunks: &[&[u8]]) -> Counted {
        let mut t = Tally::new(Vec::new());
        for c in chunks {
            t.write_all(c).unwrap();
        }
        t.finish()
    }

    #[test]
    fn records_are_counted_outside_quotes_across_writes() {
        let one = tally(&[b"a,b\n1,2\n"]);
        assert_eq!((one.bytes, one.records), (8, 2));
        assert_eq!(one.sha256, crate::digest::sha256_hex(b"a,b\n1,2\n"));
        // a quoted newline (and a doubled quote) inside a field is not a record's end,
        // even when the field is cut between two writes
        let q = tally(&[b"a,\"x\n", b"y \"\"z\"\"\"\n2,3\n"]);
        assert_eq!(q.records, 2);
        assert_eq!(q.bytes, 18);
    }

    #[test]
    fn manifests_round_trip_and_name_another_format() {
        let m = Manifest {
            format: FORMAT.into(),
            vpceplan_version: VERSION.into(),
            shard: ShardId { index: 2, count: 3 },
            sweep: SweepId {
                file: "s.toml".into(),
                name: "s".into(),
                points: 10,
                sha256: "ab".into(),
                files: vec![FileHash {
                    file: "s.toml".into(),
                    sha256: "cd".into(),
                }],
            },
            price_book: BookId {
                origin: "built-in".into(),
                sha256: "ef".into(),
                files: vec![],
            },
            parts: Parts {
                sweep: Part {
                    file: "sweep.part-0002-of-0003.csv".into(),
                    start: 3,
                    end: 6,
                    total: 10,
                    header: false,
                    rows: 3,
                    bytes: 30,
                    sha256: "00".into(),
                },
                breakeven: None,
            },
        };
        let text = String::from_utf8(m.to_bytes()).unwrap();
        assert!(!text.contains("breakeven"), "{text}");
        assert_eq!(Manifest::parse(&text), Ok(m));
        let other = text.replace(FORMAT, "vpceplan-sweep-shard/9");
        assert!(
            Manifest::parse(&other)
                .unwrap_err()
                .contains("vpceplan-sweep-shard/9")
        );
        assert!(Manifest::parse("{}").unwrap_err().contains("no `format`"));
        assert!(Manifest::parse("{\"format\": 1").is_err());
    }
}
