//! End to end in tmux (private socket): `/` search with `match K/N` and `n`, `y` reaching
//! tmux's buffer through OSC 52 (`set-clipboard on`), `q` from the
//! compare view back to the library and `q` there quitting, Ctrl-Z in a job-control shell
//! and `fg` bringing the screen back, `LC_ALL=C` drawing nothing outside ASCII. Needs tmux
//! (`.ci/run` installs it); without it each
//! test says so and is skipped.

mod common;
use common::tmux::{Tmux, reader};

/// The status line (the last row).
fn status(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

#[test]
fn search_steps_and_q_goes_back_from_the_compare_view() {
    let cmd = format!(
        "{}; echo EXIT=$?; sleep 120",
        reader("TERM=xterm-256color LANG=C.UTF-8", "")
    );
    let Some(t) = Tmux::start("polish-search", 110, 32, &cmd) else {
        return;
    };
    t.run(&["set-option", "-g", "set-clipboard", "on"]);
    t.wait_for("the library", |s| s.contains("Library (5)"));
    t.keys(&["Enter"]);
    t.keys(&["/"]);
    t.wait_for("the prompt", |s| status(s).starts_with('/'));
    t.type_text("Rubio");
    t.wait_for("the input shown", |s| status(s).starts_with("/Rubio"));
    t.keys(&["Enter"]);
    let s = t.wait_for("the first match", |s| status(s).contains("match 1/"));
    assert!(
        !s.contains("Story screen") && !s.contains("Coverage"),
        "{s}"
    );
    t.keys(&["n"]);
    t.wait_for("the second match", |s| status(s).contains("match 2/"));
    // y: the sentence of the current hit and its source, through OSC 52 into tmux's buffer.
    t.keys(&["y"]);
    t.wait_for("the copy confirmed", |s| status(s).contains("copied"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let buffer = loop {
        let b = t.run(&["show-buffer"]);
        if !b.is_empty() || std::time::Instant::now() > deadline {
            break b;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(buffer.contains("Rubio"), "tmux buffer: {buffer:?}");
    assert!(buffer.split_whitespace().count() >= 6, "{buffer:?}");
    assert!(
        buffer
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with('\u{2014}')),
        "{buffer:?}"
    );
    // To the library, compare two reports, q back, q quits.
    // Esc alone (followed at once by a letter it would read as Alt-letter).
    t.keys(&["Escape"]);
    t.wait_for("the library focused", |s| !status(s).contains("match"));
    std::thread::sleep(std::time::Duration::from_millis(100));
    t.keys(&["g", "Space", "j", "Space", "c"]);
    t.wait_for("the compare view", |s| s.contains("covers"));
    t.keys(&["q"]);
    let s = t.wait_for("back in the library", |s| {
        s.contains("Library (5)") && !s.contains("covers")
    });
    assert!(!s.contains("EXIT="), "q in the compare view quit:\n{s}");
    t.keys(&["q"]);
    let after = t.wait_for("parallax to exit", |s| s.contains("EXIT="));
    assert!(after.contains("EXIT=0"), "{after}");
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_the_screen_back() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        println!("skipped: no bash for job control");
        return;
    }
    let shell = "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=xterm-256color PS1='$ ' \
                 bash --norc --noprofile -i";
    let Some(t) = Tmux::start("polish-ctrlz", 100, 30, shell) else {
        return;
    };
    t.wait_for("the shell", |s| s.starts_with('$'));
    t.type_text(&reader("LANG=C.UTF-8", ""));
    t.keys(&["Enter"]);
    t.wait_for("the library", |s| s.contains("Library (5)"));
    assert_eq!(t.format("#{alternate_on}"), "1");
    assert_eq!(
        t.format("#{mouse_any_flag}"),
        "1",
        "the reader takes the mouse"
    );
    t.keys(&["j"]);
    t.wait_for("second report", |s| status(s).contains(" 2/5 "));
    t.keys(&["C-z"]);
    let s = t.wait_for("the shell's job notice", |s| s.contains("Stopped"));
    assert_eq!(t.format("#{alternate_on}"), "0", "main screen back:\n{s}");
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
    assert_eq!(
        t.format("#{mouse_any_flag}"),
        "0",
        "mouse given back to the shell"
    );
    t.type_text("fg");
    t.keys(&["Enter"]);
    // Drawn whole again, where it was.
    t.wait_for("the reader again", |s| {
        s.contains("Library (5)") && status(s).contains(" 2/5 ")
    });
    assert_eq!(t.format("#{alternate_on}"), "1");
    assert_eq!(t.format("#{mouse_any_flag}"), "1", "and taken again");
    t.keys(&["q"]);
    t.wait_for("the shell again", |s| !s.contains("Library (5)"));
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "released on exit");
    // --no-mouse leaves it to the terminal.
    t.type_text(&reader("LANG=C.UTF-8", "--no-mouse"));
    t.keys(&["Enter"]);
    t.wait_for("the library", |s| s.contains("Library (5)"));
    assert_eq!(t.format("#{mouse_any_flag}"), "0", "--no-mouse");
    t.keys(&["q"]);
    t.wait_for("the shell again", |s| !s.contains("Library (5)"));
    t.type_text("echo EXIT=$?");
    t.keys(&["Enter"]);
    // The shell's answer, on a line of its own: the typed command says `EXIT=` too.
    let after = t.wait_for("the exit status", |s| {
        s.lines().any(|l| l.starts_with("EXIT="))
    });
    assert!(after.lines().any(|l| l.trim_end() == "EXIT=0"), "{after}");
}

#[test]
fn a_locale_without_utf8_gets_ascii_only() {
    let cmd = format!(
        "{}; sleep 120",
        reader("TERM=linux LC_ALL=C LANG=C NO_COLOR=1", "")
    );
    let Some(t) = Tmux::start("polish-ascii", 110, 32, &cmd) else {
        return;
    };
    let lib = t.wait_for("the library", |s| s.contains("Library (5)"));
    assert!(lib.starts_with("+ Library (5)"), "ASCII borders:\n{lib}");
    t.keys(&["Space", "j", "Space", "c"]);
    let s = t.wait_for("the compare view", |s| {
        s.contains("covers") && status(s).contains("row 1/")
    });
    let odd: String = s.chars().filter(|c| !c.is_ascii()).collect();
    assert!(odd.is_empty(), "not ASCII: {odd:?}\n{s}");
    assert!(s.contains('|') && s.contains(">"), "{s}");
    t.keys(&["q"]);
    t.wait_for("the library", |s| !s.contains("covers"));
    // The story screen once the story is built (o before then says so and does nothing).
    for _ in 0..100 {
        if t.screen().contains("Coverage") {
            break;
        }
        t.keys(&["o"]);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    t.keys(&["2"]);
    let s = t.wait_for("the claims", |s| s.contains("Claims"));
    let odd: String = s.chars().filter(|c| !c.is_ascii()).collect();
    assert!(odd.is_empty(), "not ASCII: {odd:?}\n{s}");
}
