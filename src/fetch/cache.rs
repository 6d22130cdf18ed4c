//! The download cache: the Price List files as last fetched, each with a `.meta.json`
//! beside it holding its URL and HTTP validators (ETag, Last-Modified).
//!
//! ```text
//! CACHE/index.json                         the offer index
//! CACHE/AmazonVPC/region_index.json        a service's Region index
//! CACHE/AmazonVPC/eu-west-1/index.json     a service's offer for one Region
//! CACHE/AmazonVPC/eu-west-1/index.json.meta.json
//! ```
//!
//! A run downloads into a staging folder inside the cache (`CACHE/.staging-*`) and moves
//! its files into place only after every file of the run has been downloaded and checked:
//! a failed or interrupted run leaves the cached copies as they were.

use super::http::Validators;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What is kept beside a cached file.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// The URL the file was downloaded from.
    pub url: String,
    #[serde(flatten)]
    pub validators: Validators,
    /// Its size in bytes.
    pub bytes: u64,
    /// The day it was downloaded (UTC, `YYYY-MM-DD`).
    pub fetched: String,
}

/// The path of the metadata file of `file`.
pub fn meta_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".meta.json");
    file.with_file_name(name)
}

/// The metadata of a cached file, when both the file and a readable metadata file exist
/// and the sizes agree (a copy whose size does not match its metadata is not trusted).
pub fn read_meta(file: &Path) -> Option<Meta> {
    let text = std::fs::read(meta_path(file)).ok()?;
    let meta: Meta = serde_json::from_slice(&text).ok()?;
    let len = std::fs::metadata(file).ok()?.len();
    (len == meta.bytes).then_some(meta)
}

/// Staging folder of one run.
pub struct Staging {
    dir: tempfile::TempDir,
    /// (staged file, final path) in the order staged.
    moves: Vec<(PathBuf, PathBuf)>,
    n: usize,
}

impl Staging {
    /// A new staging folder inside `cache` (created if missing). Staging folders left by
    /// interrupted runs more than six hours ago are removed first.
    pub fn new(cache: &Path) -> Result<Staging> {
        std::fs::create_dir_all(cache).map_err(|e| Error::io(cache, e))?;
        remove_stale(cache, Duration::from_secs(6 * 3600));
        let dir = tempfile::Builder::new()
            .prefix(".staging-")
            .tempdir_in(cache)
            .map_err(|e| Error::io(cache, e))?;
        Ok(Staging {
            dir,
            moves: Vec::new(),
            n: 0,
        })
    }

    /// A fresh path in the staging folder for a file whose final place is `dest`.
    pub fn path_for(&mut self, dest: &Path) -> PathBuf {
        self.n += 1;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "file".into());
        self.dir.path().join(format!("{:03}-{name}", self.n))
    }

    /// Record a checked download to move into place at [`Staging::commit`], with its
    /// metadata.
    pub fn stage(&mut self, staged: PathBuf, dest: &Path, meta: &Meta) -> Result<()> {
        let meta_staged = meta_path(&staged);
        let text = serde_json::to_vec_pretty(meta)
            .map_err(|e| Error::Msg(format!("cannot write cache metadata: {e}")))?;
        std::fs::write(&meta_staged, text).map_err(|e| Error::io(&meta_staged, e))?;
        self.moves.push((staged, dest.to_path_buf()));
        self.moves.push((meta_staged, meta_path(dest)));
        Ok(())
    }

    /// Move every staged file into place: each file before its metadata, so that an
    /// interruption never pairs new validators with an old body.
    pub fn commit(self) -> Result<usize> {
        let mut files = 0;
        for (from, to) in &self.moves {
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::rename(from, to).map_err(|e| Error::io(to, e))?;
            files += 1;
        }
        Ok(files / 2)
    }
}

fn remove_stale(cache: &Path, older_than: Duration) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        if !name.to_string_lossy().starts_with(".staging-") {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > older_than);
        if old {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staged_files_move_only_on_commit() {
        let d = tempfile::tempdir().unwrap();
        let dest = d.path().join("AmazonVPC/eu-west-1/index.json");
        let meta = Meta {
            url: "http://x/index.json".into(),
            validators: Validators {
                etag: Some("\"abc\"".into()),
                last_modified: None,
            },
            bytes: 2,
            fetched: "2026-12-01".into(),
        };
        {
            let mut s = Staging::new(d.path()).unwrap();
            let p = s.path_for(&dest);
            std::fs::write(&p, b"{}").unwrap();
            s.stage(p, &dest, &meta).unwrap();
            // dropped without commit: nothing in place, staging folder gone
        }
        assert!(!dest.exists());
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
        let mut s = Staging::new(d.path()).unwrap();
        let p = s.path_for(&dest);
        std::fs::write(&p, b"{}").unwrap();
        s.stage(p, &dest, &meta).unwrap();
        assert_eq!(s.commit().unwrap(), 1);
        assert_eq!(read_meta(&dest), Some(meta.clone()));
        // a size that does not match the metadata: not trusted
        std::fs::write(&dest, b"{ }").unwrap();
        assert_eq!(read_meta(&dest), None);
    }
}
