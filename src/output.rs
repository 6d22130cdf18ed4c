//! Writing reports: atomically, so a failure or Ctrl-C never leaves a half-written file
//! under its final name.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// A temporary file beside `path` (same folder, so the final rename is atomic), with the
/// permissions of an ordinary report.
fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Reports are ordinary files: 0644 less the umask, not the 0600 of a temporary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// The UTF-8 byte-order mark: at the start of a CSV file it tells Excel the file is UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV file's bytes: `csv` as is, or after a UTF-8 byte-order mark when `bom` is set
/// (`--csv-bom`).
pub fn csv_file(csv: Vec<u8>, bom: bool) -> Vec<u8> {
    if bom {
        let mut out = Vec::with_capacity(UTF8_BOM.len() + csv.len());
        out.extend_from_slice(UTF8_BOM);
        out.extend_from_slice(&csv);
        out
    } else {
        csv
    }
}

/// Write `bytes` to `path` through a temporary file in the same folder, renamed into place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.flush().map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Stream a report into `path` atomically: `fill` writes into a buffered temporary file
/// in the same folder, which is renamed into place only once `fill` has succeeded and the
/// data is on disk. A failure, or an interrupted run, leaves nothing under `path` (an
/// interrupted run may leave a hidden `.NAME.*.tmp` file beside it).
pub fn write_atomic_with<F>(path: &Path, fill: F) -> Result<()>
where
    F: FnOnce(&mut std::io::BufWriter<&mut std::fs::File>) -> Result<()>,
{
    let mut tmp = temp_beside(path)?;
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
        fill(&mut w)?;
        w.flush().map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// A report being written under a temporary name beside `path`, put in place by
/// [`Staged::commit`]. Several staged files are committed together once all are complete;
/// one dropped uncommitted leaves nothing behind.
pub struct Staged {
    path: std::path::PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl Staged {
    /// Start writing `path` (its folder is created when missing).
    pub fn new(path: &Path) -> Result<Staged> {
        Ok(Staged {
            path: path.to_path_buf(),
            tmp: temp_beside(path)?,
        })
    }

    /// The temporary file, to write into (buffer it).
    pub fn file(&mut self) -> &mut std::fs::File {
        self.tmp.as_file_mut()
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Sync the data to disk and rename it into place.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.tmp
            .as_file()
            .sync_all()
            .map_err(|e| Error::io(&path, e))?;
        self.tmp
            .persist(&path)
            .map_err(|e| Error::io(&path, e.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_stream_leaves_nothing_under_the_final_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sweep.csv");
        let r = write_atomic_with(&p, |w| {
            w.write_all(b"half a row").unwrap();
            Err(Error::Msg("interrupted".into()))
        });
        assert!(r.is_err());
        assert!(!p.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        write_atomic_with(&p, |w| w.write_all(b"a,b\n").map_err(|e| Error::io("x", e))).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"a,b\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // the same permissions as any report
            let q = dir.path().join("other.csv");
            write_atomic(&q, b"x").unwrap();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&p), mode(&q));
        }
    }
}
