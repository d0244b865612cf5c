//! End to end: the real binary in tmux on a private socket. Opens the seeds, moves down, opens
//! the help, resizes to 20x5 and back, quits, and checks the terminal left the alternate screen
//! with the cursor shown. Polls `capture-pane` with deadlines, never fixed sleeps.
//! Needs tmux (`.ci/run` installs it); without it the test says so and is skipped.

mod common;
use common::tmux::{self, Tmux};

/// The reader in a `w`×`h` session; after it exits the shell prints its status and waits,
/// so the restored terminal state can be inspected.
fn start(name: &str, w: u16, h: u16) -> Option<Tmux> {
    let cmd = tmux::reader("TERM=xterm-256color LC_ALL=C.UTF-8", "");
    Tmux::start(name, w, h, &format!("{cmd}; echo EXIT=$?; sleep 120"))
}

/// Row `n` (from 0) of the screen.
fn row(s: &str, n: usize) -> &str {
    s.lines().nth(n).unwrap_or("")
}

#[test]
fn seeds_open_move_help_resize_quit_restores_the_screen() {
    let Some(t) = start("e2e", 100, 30) else {
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
    let Some(t) = start("e2e-compare", 120, 40) else {
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
