//! The real binary in tmux on a private socket, for end-to-end tests: start a session, send
//! keys, read the screen, wait for it with a deadline (never fixed sleeps). `start` returns
//! `None` (and says so) when tmux is not installed; `.ci/run` installs it.

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

/// The reader as a shell command: no store and no urls file from the user's home (a first
/// run opens the seeds), `env` before it (`LANG=C.UTF-8 NO_COLOR=1`), `args` after it.
pub fn reader(env: &str, args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_parallax");
    format!(
        "env PARALLAX_STORE= XDG_DATA_HOME=/nonexistent-parallax \
         XDG_CONFIG_HOME=/nonexistent-parallax {env} '{bin}' {args}"
    )
}

impl Tmux {
    /// Starts `command` in a `w`×`h` session on a private socket named after `name`.
    pub fn start(name: &str, w: u16, h: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            println!("skipped: tmux is not installed (.ci/run installs it)");
            return None;
        }
        let t = Tmux {
            socket: format!("parallax-{name}-{}", std::process::id()),
        };
        let (w, h) = (w.to_string(), h.to_string());
        t.run(&[
            "-f",
            "/dev/null",
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
            command,
        ]);
        Some(t)
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        // Generous: a loaded CI machine reading a folder of hostile files is slow; a passing
        // test never waits for it.
        let deadline = Instant::now() + Duration::from_secs(60);
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

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    pub fn resize(&self, w: u16, h: u16) {
        let (w, h) = (w.to_string(), h.to_string());
        self.run(&["resize-window", "-t", "e2e", "-x", &w, "-y", &h]);
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    pub fn format(&self, f: &str) -> String {
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
