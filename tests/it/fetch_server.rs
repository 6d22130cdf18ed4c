//! A tiny HTTP/1.1 server on 127.0.0.1 for the `pricing fetch` tests: it serves fixture
//! AWS Price List files and can misbehave on demand (404, redirect, cut body, slow
//! answer, 5xx, changed ETag). Each connection is answered once and closed. The server
//! stops when dropped, and by itself after two minutes.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How one path answers.
#[derive(Debug, Clone, Default)]
pub struct Route {
    pub status: u16,
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Send only this many bytes of the body (Content-Length still says all of it).
    pub truncate_to: Option<usize>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Redirect (302) here.
    pub location: Option<String>,
    /// Answer 503 to this many requests first.
    pub fail_first: usize,
}

impl Route {
    pub fn ok(body: impl Into<Vec<u8>>, etag: &str) -> Route {
        Route {
            status: 200,
            body: body.into(),
            etag: Some(format!("\"{etag}\"")),
            last_modified: Some("Mon, 30 Nov 2026 12:00:00 GMT".into()),
            ..Route::default()
        }
    }
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
}

#[derive(Default)]
struct State {
    routes: HashMap<String, Route>,
    log: Vec<Request>,
    hits: HashMap<String, usize>,
}

pub struct Server {
    pub port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, sp) = (state.clone(), stop.clone());
        std::thread::spawn(move || {
            let started = Instant::now();
            while !sp.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(120) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let st = st.clone();
                        std::thread::spawn(move || handle(stream, &st));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Server { port, state, stop }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn set(&self, path: &str, route: Route) {
        self.state
            .lock()
            .unwrap()
            .routes
            .insert(path.to_string(), route);
    }

    pub fn route(&self, path: &str) -> Route {
        self.state.lock().unwrap().routes[path].clone()
    }

    pub fn remove(&self, path: &str) {
        self.state.lock().unwrap().routes.remove(path);
    }

    /// The requests so far, and forget them.
    pub fn take_log(&self) -> Vec<Request> {
        std::mem::take(&mut self.state.lock().unwrap().log)
    }
}

fn handle(stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split('?')
        .next()
        .unwrap_or("/")
        .to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let (route, hit) = {
        let mut s = state.lock().unwrap();
        s.log.push(Request {
            path: path.clone(),
            headers: headers.clone(),
        });
        let n = {
            let e = s.hits.entry(path.clone()).or_insert(0);
            *e += 1;
            *e
        };
        (s.routes.get(&path).cloned(), n)
    };
    let mut out = stream;
    let Some(r) = route else {
        let body = b"<html><body>404 Not Found</body></html>";
        let _ = write!(
            out,
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = out.write_all(body);
        return;
    };
    if !r.delay.is_zero() {
        std::thread::sleep(r.delay);
    }
    if hit <= r.fail_first {
        let _ = write!(
            out,
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return;
    }
    if let Some(loc) = &r.location {
        let _ = write!(
            out,
            "HTTP/1.1 302 Found\r\nLocation: {loc}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return;
    }
    let mut validators = String::new();
    if let Some(e) = &r.etag {
        validators.push_str(&format!("ETag: {e}\r\n"));
    }
    if let Some(l) = &r.last_modified {
        validators.push_str(&format!("Last-Modified: {l}\r\n"));
    }
    let not_modified = match (headers.get("if-none-match"), &r.etag) {
        (Some(inm), Some(e)) => inm == e,
        (None, _) => {
            headers.contains_key("if-modified-since")
                && headers.get("if-modified-since") == r.last_modified.as_ref()
        }
        _ => false,
    };
    if not_modified && r.status == 200 {
        let _ = write!(
            out,
            "HTTP/1.1 304 Not Modified\r\n{validators}Connection: close\r\n\r\n"
        );
        return;
    }
    let reason = match r.status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    let _ = write!(
        out,
        "HTTP/1.1 {} {reason}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n{validators}Connection: close\r\n\r\n",
        r.status,
        r.body.len()
    );
    let n = r.truncate_to.unwrap_or(r.body.len()).min(r.body.len());
    let _ = out.write_all(&r.body[..n]);
    let _ = out.flush();
    let _ = out.shutdown(std::net::Shutdown::Both);
}
