//! The reader in a real terminal (tmux on a private socket): SIGTERM and SIGHUP leave the
//! terminal restored (main screen, cursor shown) with status 128 + signal; `parallax -` with
//! the terminal as standard input refuses at once instead of fighting the keyboard for it; a
//! folder of hostile files never sets the window title. Needs tmux (`.ci/run` installs it);
//! without it each test says so and is skipped.

mod hostile;

use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, script: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            println!("skipped: tmux is not installed (.ci/run installs it)");
            return None;
        }
        let t = Tmux {
            socket: format!("parallax-hostile-{name}-{}", std::process::id()),
        };
        let cmd = format!(
            "TERM=xterm-256color; LC_ALL=C.UTF-8; export TERM LC_ALL; {script}; echo EXIT=$?; sleep 120"
        );
        t.run(&[
            "new-session",
            "-d",
            "-s",
            "h",
            "-x",
            "100",
            "-y",
            "30",
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
        self.run(&["capture-pane", "-p", "-t", "h"])
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
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
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn format(&self, f: &str) -> String {
        self.run(&["display-message", "-p", "-t", "h", f])
            .trim()
            .to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (sig, status) in [("TERM", 143), ("HUP", 129)] {
        let pidfile =
            std::env::temp_dir().join(format!("parallax-hostile-pid-{sig}-{}", std::process::id()));
        let _ = std::fs::remove_file(&pidfile);
        let script = format!(
            "sh -c 'echo $$ > {}; exec {}'",
            pidfile.display(),
            hostile::BIN
        );
        let Some(t) = Tmux::start(&format!("sig{sig}"), &script) else {
            return;
        };
        t.wait_for("the library", |s| s.contains("Library (5)"));
        assert_eq!(t.format("#{alternate_on}"), "1");
        let pid = std::fs::read_to_string(&pidfile).unwrap();
        let killed = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(pid.trim())
            .status()
            .unwrap();
        assert!(killed.success());
        let after = t.wait_for("parallax to exit", |s| s.contains("EXIT="));
        assert!(
            after.contains(&format!("EXIT={status}")),
            "SIG{sig}: exit status:\n{after}"
        );
        assert_eq!(t.format("#{alternate_on}"), "0", "SIG{sig}: main screen");
        assert_eq!(t.format("#{cursor_flag}"), "1", "SIG{sig}: cursor shown");
        let _ = std::fs::remove_file(&pidfile);
    }
}

#[test]
fn the_reader_refuses_the_terminal_as_standard_input() {
    let script = format!("{} -", hostile::BIN);
    let Some(t) = Tmux::start("stdin", &script) else {
        return;
    };
    let after = t.wait_for("parallax to exit", |s| s.contains("EXIT="));
    assert!(after.contains("EXIT=1"), "{after}");
    assert!(after.contains("standard input is the terminal"), "{after}");
    assert_eq!(t.format("#{alternate_on}"), "0");
}

#[test]
fn hostile_files_never_set_the_window_title() {
    let dir = hostile::tempdir("tty-title");
    let body = "A report from Geneva, where the talks resumed on Monday with forty delegates.";
    std::fs::write(
        dir.join("t\u{1b}]2;PWNED\u{7}.txt"),
        format!("Head \u{1b}]2;PWNED\u{7}\n\n{body} \u{9d}2;PWNED\u{9c}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("refs.md"),
        format!("# Title &#27;]2;PWNED&#7;\n\n{body} &#x9d;2;PWNED&#x9c; &#x1b;[2J\n"),
    )
    .unwrap();
    let script = format!("{} {}", hostile::BIN, dir.display());
    let Some(t) = Tmux::start("title", &script) else {
        return;
    };
    t.run(&["select-pane", "-t", "h", "-T", "clean"]);
    t.wait_for("the library", |s| s.contains("Library (2)"));
    let s = t.screen();
    assert!(s.contains("Geneva") || s.contains("Title"), "{s}");
    assert_ne!(t.format("#{pane_title}"), "PWNED");
    t.run(&["send-keys", "-t", "h", "q"]);
    t.wait_for("parallax to exit", |s| s.contains("EXIT="));
    assert_ne!(t.format("#{pane_title}"), "PWNED");
}
