//! Opening the files the usage importers read (cost exports, flow logs): plain text, gzip
//! (told by its magic bytes, whatever the name) or Parquet (`PAR1`), streamed.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// Read buffer size.
const BUF: usize = 1 << 20;

/// An opened input.
pub enum Input {
    /// Text, decompressed on the fly when `gzip`.
    Text {
        reader: Box<dyn BufRead>,
        gzip: bool,
    },
    /// A Parquet file (read through its footer, so it needs the file itself).
    Parquet(File),
}

/// Opens `path` and tells its form by its first bytes.
pub fn open(path: &Path) -> io::Result<Input> {
    let mut file = File::open(path)?;
    let mut magic = [0u8; 4];
    let mut got = 0;
    while got < magic.len() {
        let n = file.read(&mut magic[got..])?;
        if n == 0 {
            break;
        }
        got += n;
    }
    file.seek(SeekFrom::Start(0))?;
    if got >= 2 && magic[..2] == [0x1f, 0x8b] {
        let gz = flate2::read::MultiGzDecoder::new(BufReader::with_capacity(BUF, file));
        return Ok(Input::Text {
            reader: Box::new(BufReader::with_capacity(BUF, gz)),
            gzip: true,
        });
    }
    if got == 4 && &magic == b"PAR1" {
        return Ok(Input::Parquet(file));
    }
    Ok(Input::Text {
        reader: Box::new(BufReader::with_capacity(BUF, file)),
        gzip: false,
    })
}

/// Whether an I/O error from a gzip stream means the stream was cut short or damaged.
pub fn is_truncation(e: &io::Error, gzip: bool) -> bool {
    gzip && matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
    )
}
