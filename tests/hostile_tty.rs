//! The reader in a real terminal (tmux on a private socket): SIGTERM and SIGHUP leave the
//! terminal restored (main screen, cursor shown) with status 128 + signal; `parallax -` with
//! the terminal as standard input refuses at once instead of fighting the keyboard for it; a
//! folder of hostile files never sets the window title. Needs tmux (`.ci/run` installs it);
//! without it each test says so and is skipped.

mod hostile;

mod common;
use common::tmux::Tmux;
use std::process::Command;

/// `script` in a 100×30 session under TERM=xterm-256color and a UTF-8 locale; after it the
/// shell prints its status and waits.
fn start(name: &str, script: &str) -> Option<Tmux> {
    let cmd = format!(
        "TERM=xterm-256color; LC_ALL=C.UTF-8; export TERM LC_ALL; {script}; echo EXIT=$?; sleep 120"
    );
    Tmux::start(&format!("hostile-{name}"), 100, 30, &cmd)
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
        let Some(t) = start(&format!("sig{sig}"), &script) else {
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
    let Some(t) = start("stdin", &script) else {
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
    let Some(t) = start("title", &script) else {
        return;
    };
    t.run(&["select-pane", "-t", "e2e", "-T", "clean"]);
    t.wait_for("the library", |s| s.contains("Library (2)"));
    let s = t.screen();
    assert!(s.contains("Geneva") || s.contains("Title"), "{s}");
    assert_ne!(t.format("#{pane_title}"), "PWNED");
    t.keys(&["q"]);
    t.wait_for("parallax to exit", |s| s.contains("EXIT="));
    assert_ne!(t.format("#{pane_title}"), "PWNED");
}
