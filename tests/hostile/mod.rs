//! Helpers for the hostile-input tests: run the real binary with a deadline (a hang fails the
//! test instead of stalling it), check that output holds nothing a terminal would act on, and
//! make throwaway directories.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_parallax");

/// What a run gave.
pub struct Run {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Peak resident memory seen (VmHWM, KiB), sampled while it ran.
    pub peak_kib: u64,
}

impl Run {
    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    pub fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

pub fn parallax() -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("COLUMNS");
    c
}

/// Runs `cmd` with `stdin` bytes, killing it after `deadline`: a hang fails with a message.
pub fn run_with(mut cmd: Command, stdin: Option<&[u8]>, deadline: Duration) -> Run {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn parallax");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    let out = drain(&mut child);
    let start = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        peak = peak.max(vm_hwm(child.id()).unwrap_or(0));
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {deadline:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (stdout, stderr) = out.join().unwrap();
    Run {
        status,
        stdout,
        stderr,
        peak_kib: peak,
    }
}

pub fn run(args: &[&str], deadline: Duration) -> Run {
    let mut c = parallax();
    c.args(args);
    run_with(c, None, deadline)
}

/// Reads a child's stdout and stderr on threads (so a full pipe never blocks it).
fn drain(child: &mut Child) -> std::thread::JoinHandle<(Vec<u8>, Vec<u8>)> {
    use std::io::Read;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        let e = std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = err.read_to_end(&mut v);
            v
        });
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        (v, e.join().unwrap())
    })
}

/// Peak resident set of a running process, in KiB (Linux).
pub fn vm_hwm(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A character no output may carry: C0 but newline and tab, DEL, C1, bidi controls and the
/// other invisibles the sanitizer drops.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}'
            | '\u{061C}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// Fails naming `what` and the first forbidden character (and its context) in `bytes`.
pub fn assert_safe(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| is_forbidden(c)) {
        let before: String = text[..i]
            .chars()
            .rev()
            .take(30)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = text[i..].chars().take(30).collect();
        panic!("{what}: {c:?} at byte {i}: {before:?} + {after:?}");
    }
}

/// Every string in a JSON document is free of forbidden characters (so a script that decodes
/// `\u001b` gets nothing either).
pub fn assert_json_safe(bytes: &[u8], what: &str) {
    assert_safe(bytes, what);
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", String::from_utf8_lossy(bytes)));
    fn walk(v: &serde_json::Value, what: &str) {
        match v {
            serde_json::Value::String(s) => assert_safe(s.as_bytes(), what),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, what)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| {
                assert_safe(k.as_bytes(), what);
                walk(v, what)
            }),
            _ => {}
        }
    }
    walk(&value, what);
}

/// A fresh, empty directory under the system temp dir, removed when dropped (the large ones,
/// 5,000 files or a 12 MB feed, must not pile up run after run).
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn tempdir(name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("parallax-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

pub fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name)
}

pub const SEED_A: &str = "000_5eb35f87fe822ca5.txt";
pub const SEED_B: &str = "002_2713d7da61a5e33a.txt";

/// `mkfifo path`; false (with a printed reason) where there is no mkfifo.
pub fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(s) if s.success() => true,
        _ => {
            eprintln!("skipped: mkfifo is not available");
            false
        }
    }
}

/// Generous deadlines: the test binary may be a debug build on a busy machine.
pub const QUICK: Duration = Duration::from_secs(60);
pub const SLOW: Duration = Duration::from_secs(240);
