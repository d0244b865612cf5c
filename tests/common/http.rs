//! A small HTTP/1.1 server on 127.0.0.1 for the web tests (std::net only): a handler maps
//! each request to a [`Reply`]; every connection is served on its own thread and closed
//! after one response. It records the requests, the bytes each response wrote and the peak
//! of delayed requests waiting at once, so tests can check what a client did, not only what it
//! printed. Nothing listens anywhere but loopback; the server stops when dropped.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A request as received.
#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer.
pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// `total` bytes of text made as they are written (never held in memory), no length.
    Endless { total: u64 },
    /// Headers and a first piece of body, then silence until the server stops.
    Stall,
    /// Accepts the connection and never answers.
    Silent,
    /// Waits, then answers.
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }
    pub fn status(status: u16) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: format!("<html><body><p>status {status}</p></body></html>").into(),
        }
    }
    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }
    /// Adds a header to a full reply.
    pub fn with(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Full { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

struct Shared {
    stop: AtomicBool,
    requests: Mutex<Vec<Request>>,
    written: AtomicU64,
    open: AtomicUsize,
    peak: AtomicUsize,
}

pub struct Server {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            requests: Mutex::new(Vec::new()),
            written: AtomicU64::new(0),
            open: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        });
        let handler: Arc<Handler> = Arc::new(handler);
        let s = shared.clone();
        let accept = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (s, handler) = (s.clone(), handler.clone());
                std::thread::spawn(move || serve(conn, &s, &*handler));
            }
        });
        Server {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Requests for `path` so far.
    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// Body bytes written so far, over all responses.
    pub fn written(&self) -> u64 {
        self.shared.written.load(Ordering::SeqCst)
    }

    /// The most requests held in a [`Reply::Delayed`] at once. A request is held there
    /// after it arrived and before its answer is written, so inside the time the client
    /// waits for it: a client's own concurrency is at least this (never over-counted, as
    /// counting open connections would be when one closes while the next opens).
    pub fn peak(&self) -> usize {
        self.shared.peak.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

fn serve(mut conn: TcpStream, s: &Shared, handler: &Handler) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    if let Some(req) = read_request(&conn) {
        s.requests.lock().unwrap().push(req.clone());
        let reply = handler(&req);
        let _ = respond(&mut conn, reply, s);
    }
}

fn read_request(conn: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(conn.try_clone().ok()?.take(64 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Some(Request { path, headers })
}

/// Sleeps until the server stops (at most a minute).
fn wait_for_stop(s: &Shared) {
    let start = Instant::now();
    while !s.stop.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn respond(conn: &mut TcpStream, reply: Reply, s: &Shared) -> std::io::Result<()> {
    match reply {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
            conn.write_all(head.as_bytes())?;
            conn.write_all(&body)?;
            s.written.fetch_add(body.len() as u64, Ordering::SeqCst);
        }
        Reply::Endless { total } => {
            conn.write_all(
                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n",
            )?;
            let chunk = b"word ".repeat(64 * 1024 / 5);
            let mut sent = 0u64;
            while sent < total {
                let n = chunk.len().min((total - sent) as usize);
                conn.write_all(&chunk[..n])?;
                sent += n as u64;
                s.written.fetch_add(n as u64, Ordering::SeqCst);
            }
        }
        Reply::Stall => {
            conn.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Slow",
            )?;
            conn.flush()?;
            wait_for_stop(s);
        }
        Reply::Silent => wait_for_stop(s),
        Reply::Delayed(d, reply) => {
            let n = s.open.fetch_add(1, Ordering::SeqCst) + 1;
            s.peak.fetch_max(n, Ordering::SeqCst);
            let start = Instant::now();
            while start.elapsed() < d && !s.stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(10));
            }
            s.open.fetch_sub(1, Ordering::SeqCst);
            return respond(conn, *reply, s);
        }
    }
    conn.flush()
}
