//! End to end: the real binary in tmux on a private socket. Opens the seeds, moves down, opens
//! the help, resizes to 20x5 and back, quits, and checks the terminal left the alternate screen
//! with the cursor shown. Polls `capture-pane` with deadlines, never fixed sleeps.
//! Needs tmux (`.ci/run` installs it); without it the test says so and is skipped.

use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts the binary in a `w`×`h` session on a private socket named after `name`; `None`
    /// (with a printed reason) when tmux is not installed. After parallax exits the shell
    /// prints its status and waits, so the restored terminal state can be inspected.
    fn start(name: &str, w: u16, h: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            println!("skipped: tmux is not installed (.ci/run installs it)");
            return None;
        }
        let t = Tmux {
            socket: format!("parallax-{name}-{}", std::process::id()),
        };
        let bin = env!("CARGO_BIN_EXE_parallax");
        // No store and no urls file from the user's home: a first run opens the seeds.
        let cmd = format!(
            "TERM=xterm-256color LC_ALL=C.UTF-8 PARALLAX_STORE= XDG_DATA_HOME=/nonexistent-parallax \
             XDG_CONFIG_HOME=/nonexistent-parallax '{bin}'; echo EXIT=$?; sleep 120"
        );
        let (w, h) = (w.to_string(), h.to_string());
        t.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &w,
            "-y",
            &h,
            "-c",
            "/tmp",
            &cmd,
        ]);
        Some(t)
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
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

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn resize(&self, w: u16, h: u16) {
        self.run(&[
            "resize-window",
            "-t",
            "e2e",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
    }

    fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "e2e", f])
            .trim()
            .to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

/// Row `n` (from 0) of the screen.
fn row(s: &str, n: usize) -> &str {
    s.lines().nth(n).unwrap_or("")
}

#[test]
fn seeds_open_move_help_resize_quit_restores_the_screen() {
    let Some(t) = Tmux::start("e2e", 100, 30) else {
        return;
    };

    let first = t.wait_for("the library", |s| s.contains("Library (5)"));
    assert!(first.contains("US Has Low Expectations"));
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "reader uses the alternate screen"
    );

    t.keys(&["j"]);
    t.wait_for("second report", |s| row(s, 29).contains(" 2/5 "));
    t.keys(&["?"]);
    t.wait_for("help", |s| s.contains("Keys") && s.contains("this help"));
    t.keys(&["Escape"]);
    t.wait_for("help closed", |s| !s.contains("this help"));

    t.resize(20, 5);
    t.wait_for("a frame at 20x5", |s| {
        row(s, 0).starts_with("┌ Library (5)") && row(s, 4).contains("2/5")
    });
    t.resize(100, 30);
    t.wait_for("a frame at 100x30", |s| {
        row(s, 29).contains("c compare") && row(s, 29).ends_with("? help")
    });

    t.keys(&["q"]);
    let after = t.wait_for("parallax to exit", |s| s.contains("EXIT="));
    assert!(after.contains("EXIT=0"), "exit status:\n{after}");
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown again");
}

#[test]
fn library_marks_two_reports_compares_them_and_escape_returns() {
    let Some(t) = Tmux::start("e2e-compare", 120, 40) else {
        return;
    };
    t.wait_for("the library", |s| s.contains("Library (5)"));
    t.keys(&["Space"]);
    t.wait_for("A marked", |s| s.contains("[A] US Has Low"));
    t.keys(&["j"]);
    t.wait_for("second report", |s| row(s, 39).contains(" 2/5 "));
    t.keys(&["Space"]);
    t.wait_for("B marked", |s| s.contains("[B] Russia and Ukraine"));
    t.keys(&["c"]);
    let s = t.wait_for("the compare view", |s| {
        s.contains("linked ·") && row(s, 39).contains("row 1/")
    });
    assert!(s.starts_with("A US Has Low"), "{s}");
    assert!(s.contains("B covers") && s.contains("A covers"), "{s}");
    assert!(s.contains("· not in A ·"), "{s}");
    t.keys(&["u"]);
    t.wait_for("a one-sided row", |s| {
        s.lines().any(|l| l.starts_with("▌· not in A ·"))
    });
    t.keys(&["Escape"]);
    t.wait_for("back in the library", |s| {
        s.contains("Library (5)") && row(s, 39).contains("? help")
    });
    t.keys(&["q"]);
    let after = t.wait_for("parallax to exit", |s| s.contains("EXIT="));
    assert!(after.contains("EXIT=0"), "exit status:\n{after}");
}
