//! Special files, directory walks and odd encodings: nothing blocks, nothing is lost silently,
//! every refusal names the file and the reason, and the good inputs beside still load.
//! Each run has a deadline (a hang fails the test rather than stalling it).

mod hostile;

use hostile::*;
use std::path::Path;
use std::process::Command;

const HEADLINE_A: &str = "US Has Low Expectations";

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

#[test]
fn a_fifo_without_writer_never_blocks_any_subcommand() {
    let dir = tempdir("fifo");
    let fifo = dir.join("f.txt");
    if !mkfifo(&fifo) {
        return;
    }
    let (f, a, b) = (s(&fifo), s(&seed(SEED_A)), s(&seed(SEED_B)));
    for args in [
        vec!["--dump", &f, &a],
        vec!["entities", &f, &a],
        vec!["stories", &f, &a, &b],
        vec!["story", &f, &a, &b],
        vec!["compare", &a, &f],
    ] {
        let r = run(&args, QUICK);
        let err = r.err();
        assert!(
            err.contains("f.txt") && err.contains("named pipe"),
            "{args:?}: {err}"
        );
        if args[0] != "compare" {
            assert!(r.status.success(), "{args:?}: {err}");
            assert!(!r.stdout.is_empty(), "{args:?}: the good file is lost");
        }
    }
}

#[test]
fn a_fifo_inside_a_folder_is_reported_and_the_rest_loads() {
    let dir = tempdir("fifo-dir");
    if !mkfifo(&dir.join("pipe.txt")) {
        return;
    }
    std::fs::copy(seed(SEED_A), dir.join("a.txt")).unwrap();
    let r = run(&["--dump", &s(&dir)], QUICK);
    assert!(r.status.success(), "{}", r.err());
    assert!(r.out().contains(HEADLINE_A));
    assert!(
        r.err()
            .contains("pipe.txt: not a regular file (a named pipe)"),
        "{}",
        r.err()
    );
}

#[test]
fn a_fifo_with_a_writer_is_read() {
    let dir = tempdir("fifo-writer");
    let fifo = dir.join("live.txt");
    if !mkfifo(&fifo) {
        return;
    }
    let path = fifo.clone();
    let writer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        let text = std::fs::read(seed(SEED_A)).unwrap();
        std::fs::write(path, text).unwrap();
    });
    let r = run(&["--dump", &s(&fifo)], QUICK);
    writer.join().unwrap();
    assert!(r.status.success(), "{}", r.err());
    assert!(r.out().contains(HEADLINE_A));
}

#[cfg(unix)]
#[test]
fn sockets_and_devices_are_refused_without_opening() {
    let dir = tempdir("socket");
    let sock = dir.join("s.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    std::fs::copy(seed(SEED_A), dir.join("a.txt")).unwrap();
    let a = s(&seed(SEED_A));
    let r = run(&["--dump", &s(&sock), "/dev/null", "/dev/zero", &a], QUICK);
    let err = r.err();
    assert!(
        err.contains("s.txt: not a regular file (a socket)"),
        "{err}"
    );
    assert!(
        err.contains("/dev/zero: not a regular file (a character device)"),
        "{err}"
    );
    assert!(
        err.contains("/dev/null: not a regular file (a character device)"),
        "{err}"
    );
    assert!(r.status.success() && r.out().contains(HEADLINE_A));
    // A block device, where the machine has one we can name.
    let block = std::fs::read_dir("/dev").ok().and_then(|d| {
        use std::os::unix::fs::FileTypeExt;
        d.filter_map(Result::ok)
            .find(|e| e.file_type().is_ok_and(|t| t.is_block_device()))
            .map(|e| e.path())
    });
    match block {
        Some(dev) => {
            let r = run(&["--dump", &s(&dev), &a], QUICK);
            assert!(
                r.err().contains("not a regular file (a block device)"),
                "{}",
                r.err()
            );
            assert!(r.status.success());
        }
        None => eprintln!("skipped the block-device case: none in /dev"),
    }
    // A socket inside a folder too.
    let r = run(&["--dump", &s(&dir)], QUICK);
    assert!(r.err().contains("s.txt: not a regular file (a socket)"));
    assert!(r.out().contains(HEADLINE_A));
}

#[test]
fn standard_input_named_twice_is_read_once() {
    let text = std::fs::read(seed(SEED_A)).unwrap();
    for args in [
        vec!["--dump", "/dev/stdin", "/dev/stdin"],
        vec!["--dump", "-", "-"],
        vec!["--dump", "-", "/dev/stdin"],
    ] {
        let mut c = parallax();
        c.args(&args);
        let r = run_with(c, Some(&text), QUICK);
        assert!(r.status.success(), "{args:?}: {}", r.err());
        assert_eq!(r.out().matches(HEADLINE_A).count(), 1, "{args:?}");
        assert!(
            r.err().contains("can be read only once"),
            "{args:?}: {}",
            r.err()
        );
    }
}

#[test]
fn a_pipe_over_the_size_limit_is_reported_not_truncated() {
    let text = std::fs::read(seed(SEED_A)).unwrap();
    // Standard input, and the same pipe by name (what `<(…)` hands over: /dev/fd/N).
    for path in ["-", "/dev/stdin"] {
        let mut c = parallax();
        c.args(["--dump", "--max-size", "100", path]);
        let r = run_with(c, Some(&text), QUICK);
        assert!(!r.status.success());
        assert!(
            r.err().contains("more than 100 bytes, over the size limit"),
            "{path}: {}",
            r.err()
        );
        assert!(
            !r.out().contains("US Has"),
            "{path}: truncated text was shown"
        );
    }
    if Command::new("bash").arg("-c").arg("true").status().is_ok() {
        let script = format!(
            "exec {} --dump --max-size 100 <(cat {})",
            BIN,
            seed(SEED_A).display()
        );
        let mut c = Command::new("bash");
        c.arg("-c").arg(script);
        let r = run_with(c, None, QUICK);
        assert!(r.err().contains("over the size limit"), "{}", r.err());
        assert!(!r.status.success());
    } else {
        eprintln!("skipped the <(…) case: bash is not available");
    }
}

#[test]
fn the_largest_max_size_does_not_overflow() {
    let r = run(
        &[
            "--dump",
            "--max-size",
            "18446744073709551615",
            &s(&seed(SEED_A)),
        ],
        QUICK,
    );
    assert!(r.status.success(), "{}", r.err());
    assert!(r.out().contains(HEADLINE_A));
}

#[cfg(unix)]
#[test]
fn dot_symlinks_are_followed_once() {
    let dir = tempdir("loops");
    std::fs::copy(seed(SEED_A), dir.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("again")).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("../a.txt", dir.join("sub/link.txt")).unwrap();
    let r = run(&["--dump", &s(&dir)], QUICK);
    assert!(r.status.success(), "{}", r.err());
    assert_eq!(r.out().matches(HEADLINE_A).count(), 1, "{}", r.out());
}

#[test]
fn a_very_deep_tree_is_bounded_and_said() {
    let dir = tempdir("deep-tree");
    let mut p = dir.clone();
    for i in 0..40 {
        p = p.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&p).unwrap();
    std::fs::copy(seed(SEED_A), dir.join("top.txt")).unwrap();
    std::fs::copy(seed(SEED_B), p.join("bottom.txt")).unwrap();
    let r = run(&["--dump", &s(&dir)], QUICK);
    assert!(r.status.success());
    assert!(r.out().contains(HEADLINE_A));
    assert!(
        r.err().contains("directories deep; not read further"),
        "{}",
        r.err()
    );
}

/// The binary as a user that permissions apply to: itself, or `nobody` (via setpriv) for root.
fn unprivileged(root: bool) -> Option<Command> {
    if !root {
        return Some(Command::new(BIN));
    }
    if Command::new("setpriv").arg("--version").output().is_err() {
        eprintln!("skipped: running as root and setpriv is not available");
        return None;
    }
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN]);
    Some(c)
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_reports_the_permission_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir("perm");
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::copy(seed(SEED_A), locked.join("a.txt")).unwrap();
    std::fs::copy(seed(SEED_B), dir.join("b.txt")).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads everything: run as nobody when we are root.
    let root = std::fs::read_dir(&locked).is_ok();
    for target in [&locked, &*dir] {
        let Some(mut c) = unprivileged(root) else {
            return;
        };
        c.current_dir("/").arg("--dump").arg(target);
        let r = run_with(c, None, QUICK);
        let err = r.err();
        if root && r.stdout.is_empty() && !err.contains("locked") {
            eprintln!("skipped: nobody cannot run the test binary here: {err}");
            return;
        }
        assert!(
            err.contains("locked: cannot read the directory: permission denied"),
            "{err}"
        );
        assert!(!err.contains("holds no articles"), "{err}");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn unsupported_and_unknown_charsets_fall_back_with_a_note() {
    let dir = tempdir("charsets");
    let body = "<p>Officials said the talks would resume on Monday in Geneva.</p>";
    for label in ["iso-2022-kr", "x-unknown-charset"] {
        let f = dir.join(format!("{label}.html"));
        std::fs::write(
            &f,
            format!("<html><head><meta charset=\"{label}\"><title>T</title></head><body>{body}</body></html>"),
        )
        .unwrap();
        let r = run(&["--dump", &s(&f)], QUICK);
        assert!(r.status.success(), "{label}: {}", r.err());
        let out = r.out();
        assert!(
            out.contains("talks would resume on Monday"),
            "{label}: {out}"
        );
        assert!(
            out.contains(&format!("declared \"{label}\" is not supported")),
            "{out}"
        );
    }
}

#[test]
fn a_stray_c1_byte_in_windows_1252_loses_nothing() {
    let dir = tempdir("cp1252");
    let f = dir.join("w.txt");
    let mut bytes = b"Caf\xe9 \x93quoted\x94 news.\n\nOne \x90 stray byte.".to_vec();
    bytes.extend(b" Everything after it is still here, down to the last word.\n");
    std::fs::write(&f, &bytes).unwrap();
    let r = run(&["--dump", &s(&f)], QUICK);
    let out = r.out();
    assert!(out.contains("Café “quoted” news."), "{out}");
    assert!(out.contains("down to the last word."), "{out}");
    assert_safe(&r.stdout, "cp1252 dump");
}

#[test]
fn a_legacy_encoded_feed_without_declaration_is_detected() {
    let dir = tempdir("legacy-feed");
    // Russian in windows-1251 and KOI8-R, no XML declaration at all.
    let cp1251 = b"<rss version=\"2.0\"><channel><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title><item><title>\xc7\xe0\xe3\xee\xeb\xee\xe2\xee\xea</title><description>\xdd\xf2\xee \xf2\xe5\xea\xf1\xf2 \xed\xee\xe2\xee\xf1\xf2\xe8 \xed\xe0 \xf0\xf3\xf1\xf1\xea\xee\xec \xff\xe7\xfb\xea\xe5.</description></item></channel></rss>";
    let f = dir.join("news.xml");
    std::fs::write(&f, cp1251).unwrap();
    let r = run(&["--dump", &s(&f)], QUICK);
    assert!(r.status.success(), "{}", r.err());
    assert!(r.out().contains("Заголовок"), "{}", r.out());
    assert!(r.out().contains("Это текст новости"), "{}", r.out());
}

#[test]
fn a_feed_with_an_internal_dtd_subset_is_a_malformed_feed() {
    let dir = tempdir("dtd");
    let f = dir.join("laughs.xml");
    let mut dtd = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY l0 \"ha\">\n");
    for i in 1..10 {
        let prev = format!("&l{};", i - 1);
        dtd.push_str(&format!("<!ENTITY l{i} \"{}\">\n", prev.repeat(10)));
    }
    dtd.push_str("]>\n<rss version=\"2.0\"><channel><title>&l9;</title><item><title>t</title><description>&l9;</description></item></channel></rss>\n");
    std::fs::write(&f, dtd).unwrap();
    let r = run(&["--dump", &s(&f)], QUICK);
    assert!(!r.status.success());
    let err = r.err();
    assert!(
        err.contains("laughs.xml: not a valid feed") && err.contains("DTD"),
        "{err}"
    );
    assert!(!r.out().contains("ENTITY"), "shown as raw XML");
}

#[test]
fn a_truncated_json_file_is_malformed_json() {
    let dir = tempdir("trunc-json");
    let f = dir.join("cut.json");
    std::fs::write(
        &f,
        "[{\"title\": \"A story\", \"body\": \"Some text that is cut",
    )
    .unwrap();
    let r = run(&["--dump", &s(&f)], QUICK);
    assert!(!r.status.success());
    assert!(r.err().contains("cut.json: not valid JSON"), "{}", r.err());
    assert!(r.out().is_empty(), "loaded as text: {}", r.out());
}

#[test]
fn a_late_xml_declaration_does_not_crash_the_feed_reader() {
    // Found by tests/hostile_props.rs: a declaration naming another encoding after the start
    // made the XML reader switch encodings mid-stream and panic.
    let dir = tempdir("late-decl");
    let f = dir.join("late.xml");
    // A long comment first, so the declaration comes after the reader's look-ahead.
    std::fs::write(
        &f,
        format!(
            "<!-- {} --><?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\">\
             <channel><title>F</title><item><title>Late</title><description>Body text of the \
             item.</description></item></channel></rss>",
            "x".repeat(20_000)
        ),
    )
    .unwrap();
    let r = run(&["--dump", &s(&f)], QUICK);
    assert!(!r.err().contains("panicked"), "{}", r.err());
    assert!(r.status.success(), "{:?} {}", r.status, r.err());
    assert!(r.out().contains("Body text of the item."), "{}", r.out());
    assert_safe(&r.stdout, "late declaration");
    assert_safe(&r.stderr, "late declaration");
}
