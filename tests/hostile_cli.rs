//! The command line under hostile use: argument errors that quote a hostile file name, a
//! closed pipe in every subcommand, and stories far too large to compare pair by pair.

mod hostile;

use hostile::*;
use parallax::engine::story;
use std::process::{Command, Stdio};

/// Names that would set the window title, clear the screen, or reverse the text if echoed.
const HOSTILE_NAMES: &[&str] = &[
    "c\u{1b}]0;PWNED\u{7}\u{1b}[2J.txt",
    "c\u{9b}2J\u{9d}0;PWNED\u{9c}.txt",
    "c\u{202e}txt.exe",
    "--\u{1b}[31mflag",
];

#[test]
fn argument_errors_never_echo_a_hostile_name_raw() {
    for name in HOSTILE_NAMES {
        for args in [
            vec!["compare", "a.txt", "b.txt", name],
            vec!["--max-size", name],
            vec![name, "--no-such-flag"],
            vec!["story", "--format", name],
        ] {
            let r = run(&args, QUICK);
            assert!(!r.status.success(), "{args:?}");
            assert_eq!(r.status.code(), Some(2), "{args:?}: clap's usage status");
            assert_safe(&r.stderr, &format!("{args:?} stderr"));
            assert_safe(&r.stdout, &format!("{args:?} stdout"));
            assert!(r.err().contains("error:"), "{args:?}: {}", r.err());
        }
    }
}

#[cfg(unix)]
#[test]
fn argument_errors_with_non_utf8_names_are_clean() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"c\x9b2J\x1b]0;X\x07.txt");
    let mut c = parallax();
    c.args(["compare", "a.txt", "b.txt"]).arg(name);
    let r = run_with(c, None, QUICK);
    assert_eq!(r.status.code(), Some(2));
    assert_safe(&r.stderr, "non-UTF-8 name");
}

#[test]
fn help_and_version_still_work() {
    let r = run(&["--help"], QUICK);
    assert!(r.status.success() && r.out().contains("Usage:"));
    let r = run(&["--version"], QUICK);
    assert!(r.status.success() && r.out().starts_with("parallax "));
}

/// Runs with stdout a pipe whose reader is already gone: the first write fails with EPIPE.
fn closed_pipe(args: &[&str]) -> Run {
    let mut c = parallax();
    c.args(args);
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    Run {
        status: out.status,
        stdout: Vec::new(),
        stderr: out.stderr,
        peak_kib: 0,
    }
}

#[test]
fn a_closed_pipe_ends_every_subcommand_quietly() {
    let a = seed(SEED_A);
    let b = seed(SEED_B);
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    for args in [
        vec!["--dump", seeds],
        vec![seeds],
        vec!["entities", seeds],
        vec!["entities", seeds, "--json"],
        vec!["stories", seeds],
        vec!["stories", seeds, "--json"],
        vec!["story", seeds],
        vec!["story", seeds, "--json"],
        vec!["compare", a, b],
        vec!["compare", a, b, "--json"],
        vec!["compare", a, b, "--format", "markdown"],
        vec!["--help"],
    ] {
        let r = closed_pipe(&args);
        assert!(r.status.success(), "{args:?}: {:?} {}", r.status, r.err());
        assert!(
            !r.err().to_lowercase().contains("broken pipe") && !r.err().contains("panicked"),
            "{args:?}: {}",
            r.err()
        );
    }
    // And `| head -1` as a shell has it (the reader goes away after one line).
    let script = format!(
        "{BIN} entities {seeds} --json | head -1 >/dev/null; echo status=${{PIPESTATUS[0]}}"
    );
    match Command::new("bash").arg("-c").arg(&script).output() {
        Ok(out) => {
            let (text, err) = (
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
            );
            assert_eq!(text.trim(), "status=0", "{err}");
            assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
        }
        Err(_) => eprintln!("skipped the `| head -1` case: bash is not available"),
    }
}

/// A feed of `n` short items about different things.
fn big_feed(n: usize) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>");
    for i in 0..n {
        s.push_str(&format!(
            "<item><title>Report {i} on item {}</title><description>Officials in town {} said \
             on Monday that {} people attended the meeting about case {i}.</description></item>",
            i % 97,
            i % 13,
            i % 1000
        ));
    }
    s.push_str("</channel></rss>");
    s
}

#[test]
fn story_on_a_fifty_thousand_item_feed_is_bounded() {
    let dir = tempdir("big-feed");
    let f = dir.join("wire.rss");
    std::fs::write(&f, big_feed(50_000)).unwrap();
    let r = run(&["story", f.to_str().unwrap(), "--json"], SLOW);
    assert!(r.status.success(), "{}", r.err());
    assert!(
        r.err().contains("50000 reports loaded")
            && r.err()
                .contains(&format!("the first {}", story::MAX_REPORTS)),
        "{}",
        r.err()
    );
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["reports"].as_array().unwrap().len(), story::MAX_REPORTS);
    assert!(
        r.peak_kib < 2 * 1024 * 1024,
        "peak memory {} MiB",
        r.peak_kib / 1024
    );
}

#[test]
fn story_on_five_thousand_small_files_is_bounded() {
    let dir = tempdir("many-files");
    for i in 0..5000 {
        std::fs::write(
            dir.join(format!("r{i:04}.txt")),
            format!(
                "Report {i}\n\nOfficials said on Monday that {} people came to town {}.\n",
                i % 1000,
                i % 13
            ),
        )
        .unwrap();
    }
    let r = run(&["story", dir.to_str().unwrap()], SLOW);
    assert!(r.status.success(), "{}", r.err());
    assert!(r.err().contains("5000 reports loaded"), "{}", r.err());
    assert!(
        r.out()
            .starts_with(&format!("# Story: {} reports", story::MAX_REPORTS)),
        "{}",
        &r.out()[..r.out().len().min(200)]
    );
    assert!(
        r.peak_kib < 2 * 1024 * 1024,
        "peak memory {} MiB",
        r.peak_kib / 1024
    );
}

#[test]
fn a_message_names_the_file_given_with_its_controls_escaped() {
    let dir = std::env::temp_dir().join(format!("parallax-shown-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("missing.txt"), "x\n").unwrap();
    let r = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .current_dir(&dir)
        .args(["--dump", "miss\u{1b}]0;X\u{7}ing.txt"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&r.stderr).into_owned();
    assert_safe(&r.stderr, "stderr");
    assert!(!err.contains("missing.txt"), "{err}");
    assert!(
        err.contains("miss\\u{1b}]0;X\\u{7}ing.txt: no such file"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
