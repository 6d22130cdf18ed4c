//! A small HTTP GET client for the Price List bulk files: timeouts, retries with
//! exponential backoff, conditional requests (`If-None-Match` / `If-Modified-Since`), and
//! a streamed download into a file whose size is checked against `Content-Length`.
//!
//! Built on `ureq` (blocking, rustls with the `ring` provider and the Mozilla root
//! certificates compiled in: no system OpenSSL, no async runtime).

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

/// What a download may do.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Connect, response and per-read (stall) timeout.
    pub timeout: Duration,
    /// Further attempts after the first one fails with a retryable error.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Longest wait between two attempts.
    pub max_backoff: Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        HttpConfig {
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
        }
    }
}

/// Validators of a cached copy, sent back to make the request conditional.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// The result of a successful GET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Got {
    /// A new body was written to the destination file.
    Fresh { bytes: u64, validators: Validators },
    /// `304 Not Modified`: the cached copy is current; nothing was written.
    NotModified,
}

/// Why a download failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailKind {
    /// No connection: name not resolved, connection refused or reset.
    Network,
    /// A timeout (connect, response or a stalled body).
    Timeout,
    /// An HTTP status other than 200 or 304.
    Status(u16),
    /// The body ended before `Content-Length` bytes (or was empty).
    Truncated,
    /// Anything else (redirect loop, TLS, local file).
    Other,
}

/// A failed download, after retries.
#[derive(Debug, Clone)]
pub struct FetchFailure {
    pub url: String,
    pub kind: FailKind,
    pub message: String,
    /// Attempts made.
    pub attempts: u32,
}

impl std::fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.url, self.message)?;
        if self.attempts > 1 {
            write!(f, " (gave up after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

/// Progress of downloads, shown by the caller (a bar on a terminal, lines otherwise).
pub trait Progress {
    /// A download of `label` starts; `total` is the expected size when known.
    fn begin(&self, label: &str, total: Option<u64>);
    /// `n` more bytes arrived.
    fn advance(&self, n: u64);
    /// The download ended (successfully or not).
    fn end(&self);
    /// A remark (a retry, a cached copy kept).
    fn note(&self, msg: &str);
}

/// Progress that shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn begin(&self, _: &str, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
    fn end(&self) {}
    fn note(&self, _: &str) {}
}

struct AttemptError {
    kind: FailKind,
    message: String,
    retry: bool,
}

/// The HTTP client.
pub struct Client {
    agent: ureq::Agent,
    cfg: HttpConfig,
}

impl Client {
    pub fn new(cfg: HttpConfig) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(5)
            .timeout_connect(Some(cfg.timeout))
            .timeout_recv_response(Some(cfg.timeout))
            .timeout_per_read(Some(cfg.timeout))
            .user_agent(concat!("vpceplan/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client { agent, cfg }
    }

    /// GET `url` into the file `dest` (created or truncated), conditionally on `prior`.
    /// Retryable failures (no connection, timeouts, 429 and 5xx statuses, a cut body) are
    /// tried again after an exponentially growing wait. On failure `dest` may hold a
    /// partial body: the caller downloads into a staging file and discards it.
    pub fn get_to(
        &self,
        url: &str,
        dest: &Path,
        prior: Option<&Validators>,
        label: &str,
        progress: &dyn Progress,
    ) -> Result<Got, FetchFailure> {
        let mut attempt = 0u32;
        let mut wait = self.cfg.backoff;
        loop {
            attempt += 1;
            match self.attempt(url, dest, prior, label, progress) {
                Ok(g) => return Ok(g),
                Err(e) if e.retry && attempt <= self.cfg.retries => {
                    progress.note(&format!(
                        "{url}: {}; retrying in {} ms (attempt {} of {})",
                        e.message,
                        wait.as_millis(),
                        attempt + 1,
                        self.cfg.retries + 1
                    ));
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(self.cfg.max_backoff);
                }
                Err(e) => {
                    return Err(FetchFailure {
                        url: url.to_string(),
                        kind: e.kind,
                        message: e.message,
                        attempts: attempt,
                    });
                }
            }
        }
    }

    fn attempt(
        &self,
        url: &str,
        dest: &Path,
        prior: Option<&Validators>,
        label: &str,
        progress: &dyn Progress,
    ) -> Result<Got, AttemptError> {
        let mut req = self.agent.get(url);
        if let Some(v) = prior {
            if let Some(etag) = &v.etag {
                req = req.header("If-None-Match", etag);
            }
            if let Some(lm) = &v.last_modified {
                req = req.header("If-Modified-Since", lm);
            }
        }
        let resp = req.call().map_err(classify)?;
        let status = resp.status().as_u16();
        if status == 304 {
            if prior.is_some_and(|p| !p.is_empty()) {
                return Ok(Got::NotModified);
            }
            return Err(AttemptError {
                kind: FailKind::Status(304),
                message: "304 Not Modified to a request that was not conditional".into(),
                retry: false,
            });
        }
        if status != 200 {
            let retry = status == 429 || status == 408 || (500..600).contains(&status);
            let reason = resp.status().canonical_reason().unwrap_or("");
            let hint = match status {
                404 => {
                    ": no such file on the server (check --index-url, the offer code and the Region)"
                }
                403 => {
                    ": access denied (the bulk files need no credentials; check --index-url and any proxy)"
                }
                _ => "",
            };
            return Err(AttemptError {
                kind: FailKind::Status(status),
                message: format!("HTTP {status} {reason}{hint}"),
                retry,
            });
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let expected: Option<u64> = header("content-length").and_then(|v| v.trim().parse().ok());
        let file_err = |e: std::io::Error| AttemptError {
            kind: FailKind::Other,
            message: format!("cannot write {}: {e}", dest.display()),
            retry: false,
        };
        let mut out = File::create(dest).map_err(file_err)?;
        let mut reader = resp.into_body().into_reader();
        let mut buf = vec![0u8; 256 * 1024];
        let mut got: u64 = 0;
        progress.begin(label, expected);
        let cut = |got: u64, why: String| {
            let of = expected.map_or(String::new(), |e| format!(" of {e}"));
            AttemptError {
                kind: if why.contains("timed out") || why.contains("stalled") {
                    FailKind::Timeout
                } else {
                    FailKind::Truncated
                },
                message: format!("the download was cut short after {got}{of} bytes: {why}"),
                retry: true,
            }
        };
        let result = loop {
            match reader.read(&mut buf) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    if let Err(e) = out.write_all(&buf[..n]) {
                        break Err(file_err(e));
                    }
                    got += n as u64;
                    progress.advance(n as u64);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => break Err(cut(got, e.to_string())),
            }
        };
        progress.end();
        result?;
        if let Some(e) = expected
            && got != e
        {
            return Err(cut(got, "the connection closed early".into()));
        }
        if got == 0 {
            return Err(AttemptError {
                kind: FailKind::Truncated,
                message: "the server sent an empty body".into(),
                retry: true,
            });
        }
        out.flush().map_err(file_err)?;
        out.sync_all().map_err(file_err)?;
        Ok(Got::Fresh {
            bytes: got,
            validators,
        })
    }
}

fn classify(e: ureq::Error) -> AttemptError {
    let (kind, retry) = match &e {
        ureq::Error::Timeout(_) | ureq::Error::BodyStalled => (FailKind::Timeout, true),
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => (FailKind::Network, true),
        // An I/O error before any response: name lookup, connect, reset.
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                (FailKind::Timeout, true)
            }
            _ => (FailKind::Network, true),
        },
        ureq::Error::Protocol(_) => (FailKind::Other, true),
        _ => (FailKind::Other, false),
    };
    let message = match kind {
        FailKind::Timeout => format!("timed out ({e})"),
        FailKind::Network => format!("cannot connect ({e})"),
        _ => e.to_string(),
    };
    AttemptError {
        kind,
        message,
        retry,
    }
}
