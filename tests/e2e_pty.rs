//! End to end: the real binary in a pseudo-terminal (portable-pty), its output parsed by a
//! terminal emulator (vt100). Opens the seeds, moves, opens help, resizes to 20x5, quits, and
//! checks the screen was restored. Polls with deadlines, never fixed sleeps.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_parallax"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(std::env::temp_dir());
        let child = pair.slave.spawn_command(cmd).expect("spawn parallax");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let p = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => p.lock().unwrap().process(&buf[..n]),
                    // Keep draining through signals, or the child blocks writing and never exits.
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(_) => break,
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            parser,
            writer,
            master: pair.master,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    }
}

#[test]
fn seeds_open_move_help_resize_quit_restores_the_screen() {
    let mut s = Session::start(&[], 100, 30);
    let first = s.wait_for("the library", |t| t.contains("Library (5)"));
    assert!(first.contains("US Has Low Expectations"));
    assert!(s.parser.lock().unwrap().screen().alternate_screen());

    s.send("j");
    s.wait_for("second report opened", |t| t.contains(" 2/5 "));
    s.send("?");
    s.wait_for("help overlay", |t| {
        t.contains("Keys") && t.contains("this help")
    });
    s.send("\x1b");
    s.wait_for("help closed", |t| !t.contains("this help"));

    s.resize(20, 5);
    s.wait_for("small screen", |t| {
        t.lines().any(|l| l.contains("Library")) || t.contains("enlarge")
    });
    s.resize(100, 30);
    s.wait_for("full screen again", |t| t.contains("Library (5)"));

    s.send("q");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "parallax did not exit on q");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (alt, hidden) = {
            let p = s.parser.lock().unwrap();
            (p.screen().alternate_screen(), p.screen().hide_cursor())
        };
        if !alt && !hidden {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "screen not restored: alternate={alt} cursor hidden={hidden}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
