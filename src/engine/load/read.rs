//! Reading an input's bytes: never blocking forever, never reading without bound.
//!
//! A path is looked at before it is opened. A regular file is read up to the size limit (and
//! checked again after reading: it may have grown). A named pipe (a FIFO, or a `<(…)` process
//! substitution) is opened without blocking and read with a timeout: it is refused when no
//! writer shows up within [`PIPE_GRACE`] or no data comes for [`PIPE_IDLE`], and reported when
//! it holds more than the size limit. Sockets, character and block devices are refused as "not
//! a regular file" without being opened (`/dev/zero` would never end, a terminal would wait for
//! the keyboard). Standard input (`-`) is read to its end, up to the limit, as any filter does.

use super::LoadError;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a named pipe may go without a writer before it is given up.
pub const PIPE_GRACE: Duration = Duration::from_secs(1);
/// How long a named pipe may go without sending data before it is given up.
pub const PIPE_IDLE: Duration = Duration::from_secs(10);

/// What kind of file a path is, as far as reading it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Regular,
    Dir,
    Pipe,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl Kind {
    pub fn of(ft: &std::fs::FileType) -> Kind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                return Kind::Pipe;
            }
            if ft.is_socket() {
                return Kind::Socket;
            }
            if ft.is_char_device() {
                return Kind::CharDevice;
            }
            if ft.is_block_device() {
                return Kind::BlockDevice;
            }
        }
        if ft.is_file() {
            Kind::Regular
        } else if ft.is_dir() {
            Kind::Dir
        } else {
            Kind::Other
        }
    }

    /// "a named pipe", "a socket", ... for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Regular => "a regular file",
            Kind::Dir => "a directory",
            Kind::Pipe => "a named pipe",
            Kind::Socket => "a socket",
            Kind::CharDevice => "a character device",
            Kind::BlockDevice => "a block device",
            Kind::Other => "a special file",
        }
    }
}

/// An I/O error as a short, lower-case reason ("permission denied").
pub fn reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "permission denied".into(),
        K::NotFound => "no such file or directory".into(),
        K::IsADirectory => "is a directory".into(),
        K::InvalidData => "invalid data".into(),
        _ => e.to_string(),
    }
}

/// Reads the file at `path`, at most `limit` bytes (see the module docs).
pub fn read_path(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let label = crate::engine::sanitize::shown_path(path);
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            LoadError::NotFound {
                path: label.clone(),
            }
        } else {
            io_error(&label, &e)
        }
    })?;
    match Kind::of(&meta.file_type()) {
        Kind::Regular => read_regular(path, &label, meta.len(), limit),
        Kind::Pipe => read_pipe(path, &label, limit),
        Kind::Dir => Err(LoadError::Io {
            path: label,
            reason: "is a directory".into(),
        }),
        kind => Err(LoadError::NotRegular {
            path: label,
            what: kind.describe(),
        }),
    }
}

fn io_error(label: &str, e: &std::io::Error) -> LoadError {
    LoadError::Io {
        path: label.to_string(),
        reason: reason(e),
    }
}

fn read_regular(path: &Path, label: &str, len: u64, limit: u64) -> Result<Vec<u8>, LoadError> {
    if len > limit {
        return Err(LoadError::TooLarge {
            path: label.to_string(),
            size: len,
            limit,
        });
    }
    let cap = usize::try_from(len).unwrap_or(0).min(1 << 30);
    let mut bytes = Vec::with_capacity(cap);
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| io_error(label, &e))?;
    if bytes.len() as u64 > limit {
        // It grew while we read it (a log being written, /proc, ...).
        return Err(LoadError::TooLargeStream {
            path: label.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

/// Reads standard input to its end, at most `limit` bytes.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error("stdin", &e))?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLargeStream {
            path: "stdin".into(),
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn read_pipe(path: &Path, label: &str, limit: u64) -> Result<Vec<u8>, LoadError> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
    )
    .map_err(|e| io_error(label, &e.into()))?;
    let mut file = std::fs::File::from(fd);
    let wait = |file: &std::fs::File, d: Duration| {
        let t = Timespec {
            tv_sec: d.as_secs() as _,
            tv_nsec: d.subsec_nanos() as _,
        };
        let mut fds = [PollFd::new(file, PollFlags::IN)];
        // An interrupted or failed wait just reads again; the deadlines still hold.
        let _ = poll(&mut fds, Some(&t));
    };
    let start = Instant::now();
    let mut last_data = start;
    let mut bytes = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) if bytes.is_empty() && start.elapsed() < PIPE_GRACE => {
                // No writer yet (or it has not written): give it a moment to connect.
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(0) => break,
            Ok(n) => {
                bytes.extend_from_slice(&buf[..n]);
                last_data = Instant::now();
                if bytes.len() as u64 > limit {
                    return Err(LoadError::TooLargeStream {
                        path: label.to_string(),
                        limit,
                    });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                let idle = last_data.elapsed();
                if idle >= PIPE_IDLE {
                    return Err(LoadError::Pipe {
                        path: label.to_string(),
                        what: "a named pipe that sent no data for 10 s",
                    });
                }
                wait(&file, (PIPE_IDLE - idle).min(Duration::from_millis(500)));
            }
            Err(e) => return Err(io_error(label, &e)),
        }
    }
    if bytes.is_empty() {
        return Err(LoadError::Pipe {
            path: label.to_string(),
            what: "a named pipe with no writer",
        });
    }
    Ok(bytes)
}

#[cfg(not(unix))]
fn read_pipe(_path: &Path, label: &str, _limit: u64) -> Result<Vec<u8>, LoadError> {
    Err(LoadError::NotRegular {
        path: label.to_string(),
        what: Kind::Pipe.describe(),
    })
}
