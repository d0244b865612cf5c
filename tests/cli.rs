//! The binary from a script's point of view: plain output when piped, errors naming the
//! path, exit codes, and no escape sequence from input reaching the output.

use std::io::Write;
use std::process::{Command, Stdio};

fn parallax() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parallax"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    // No store and no urls file from the user's home: no arguments means the seeds.
    c.env_remove("PARALLAX_STORE")
        .env("XDG_DATA_HOME", "/nonexistent-parallax")
        .env("XDG_CONFIG_HOME", "/nonexistent-parallax");
    c
}

/// Runs parallax with `args`, `input` on standard input; returns its output.
fn with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = parallax()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn missing_path_is_reported_and_the_rest_loads() {
    let out = parallax()
        .args(["/nonexistent", "seeds/"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent: no such file or directory"),
        "{err}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.matches("─".repeat(72).as_str()).count(),
        4,
        "five articles"
    );
    assert!(text.contains("Peace Talks START – But CHANCES?"));
}

#[test]
fn nothing_loaded_is_a_failure() {
    let out = parallax().arg("/nonexistent").output().unwrap();
    assert!(!out.status.success());
    let dir = tempdir("empty-dir");
    let out = parallax().arg(&dir).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("directory holds no articles"));
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("parallax-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn stdin_escapes_never_reach_the_output() {
    let out = with_stdin(&["-"], b"a\x1b]52;c;SGVsbG8=\x07b\x1b[2J");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("ab\n"), "{text:?}");
    assert!(!text.contains('\x1b') && !text.contains('\x07'));
}

#[test]
fn piped_output_is_plain_text_of_the_seeds() {
    let out = parallax().output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'));
    assert!(!text.contains("Leave a Reply"));
    assert_eq!(
        text.matches("Trump and Putin Needed for Breakthrough in Ukraine Peace Talks")
            .count(),
        1,
        "the repeated headline is printed once"
    );
}

#[test]
fn bad_files_are_each_reported_with_a_reason() {
    let dir = tempdir("bad");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\x00\x01\x02\x03ELF").unwrap();
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 society\n\nA body line.").unwrap();
    std::fs::write(dir.join("big.txt"), "word ".repeat(400)).unwrap();
    std::fs::write(dir.join("\x1b[31mevil.txt"), "Evil Name\n\nBody.").unwrap();
    let out = parallax()
        .arg(&dir)
        .args(["--max-size", "1K"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("empty.txt: file is empty"), "{err}");
    assert!(err.contains("binary.txt: binary file"), "{err}");
    assert!(
        err.contains("big.txt: 2000 bytes is over the size limit"),
        "{err}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // Not UTF-8: decoded by a detector, and the metadata line says the encoding was guessed.
    assert!(text.contains("Café society"), "{text}");
    assert!(text.contains("(guessed)"), "{text}");
    assert!(!text.contains('\x1b') && !err.contains('\x1b'));
}

#[test]
fn entities_json_offsets_point_into_the_files() {
    let out = parallax()
        .args(["entities", "--json", "seeds/000_5eb35f87fe822ca5.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_5eb35f87fe822ca5.txt"
    ))
    .unwrap();
    let mentions = v[0]["mentions"].as_array().unwrap();
    assert!(mentions.len() > 20);
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            std::str::from_utf8(&file[s..e]).unwrap(),
            m["text"].as_str().unwrap()
        );
    }
    assert!(
        mentions
            .iter()
            .any(|m| m["canonical"] == "Vladimir Putin" && m["type"] == "PERSON")
    );
}

#[test]
fn compare_json_offsets_and_lists_cover_every_sentence() {
    let a = "seeds/000_5eb35f87fe822ca5.txt";
    let b = "seeds/003_b3ebd288fe82ba2a.txt";
    let out = parallax()
        .args(["compare", a, b, "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (side, path) in [("left", a), ("right", b)] {
        let file =
            std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
        let sentences = v[side]["sentences"].as_array().unwrap();
        assert!(sentences.len() > 10);
        for s in sentences {
            let (s, e) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert!(std::str::from_utf8(&file[s..e]).is_ok());
        }
        // Every sentence is in a pair or in the side's `_only` list.
        let key = if side == "left" {
            "left_only"
        } else {
            "right_only"
        };
        for i in 0..sentences.len() {
            let paired = v["pairs"].as_array().unwrap().iter().any(|p| p[side] == i);
            let only = v[key].as_array().unwrap().iter().any(|x| *x == i);
            assert!(
                paired ^ only,
                "{side} sentence {i}: paired {paired}, only {only}"
            );
        }
    }
    let pair = &v["pairs"][0];
    assert!(matches!(pair["kind"].as_str(), Some("same" | "partial")));
    let file = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(a)).unwrap();
    let pieces = pair["diff"]["left"].as_array().unwrap();
    // Pieces are contiguous byte ranges of the file.
    for w in pieces.windows(2) {
        assert_eq!(w[0]["end"], w[1]["start"]);
    }
    let text: Vec<u8> = pieces
        .iter()
        .flat_map(|p| {
            file[p["start"].as_u64().unwrap() as usize..p["end"].as_u64().unwrap() as usize]
                .to_vec()
        })
        .collect();
    let left = &v["left"]["sentences"][pair["left"].as_u64().unwrap() as usize];
    let (s, e) = (
        left["start"].as_u64().unwrap() as usize,
        left["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &text[..],
        &file[s..e],
        "diff pieces concatenate to the sentence"
    );
    let cov = v["coverage"]["left"].as_f64().unwrap();
    assert!(cov > 0.0 && cov < 1.0);
}

#[test]
fn compare_text_is_the_piped_default_and_errors_name_the_file() {
    let out = parallax()
        .args([
            "compare",
            "seeds/000_5eb35f87fe822ca5.txt",
            "seeds/001_8d5a9b1879ca2c6b.txt",
            "--width",
            "80",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("A: US Has Low Expectations"), "{text}");
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
    );
    let out = parallax()
        .args(["compare", "seeds/000_5eb35f87fe822ca5.txt", "no/such.txt"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such.txt"));
}

#[test]
fn compare_from_stdin_never_echoes_escapes() {
    let out = with_stdin(&[
            "compare",
            "-",
            "seeds/000_5eb35f87fe822ca5.txt",
            "--format",
            "markdown",
        ], b"Rubio \x1b]52;c;SGVsbG8=\x07says \x1b[2Jlow expectations\xc2\x9b for the talks in Istanbul.\n");
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b));
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{9b}'));
}

#[test]
fn story_json_and_markdown() {
    let out = parallax()
        .args(["story", "seeds", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["reports"].as_array().unwrap().len(), 5);
    assert_eq!(v["coverage"].as_array().unwrap().len(), 5);
    let claims = v["claims"].as_array().unwrap();
    assert!(claims.iter().any(|c| c["single_source"] == true));
    assert!(
        claims
            .iter()
            .any(|c| c["reports"].as_array().unwrap().len() == 5)
    );
    // Offsets point into the files as read.
    let s = &claims[0]["sentences"][0];
    let path = &v["reports"][s["report"].as_u64().unwrap() as usize]["path"];
    let file = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path.as_str().unwrap()),
    )
    .unwrap();
    let (a, b) = (
        s["start"].as_u64().unwrap() as usize,
        s["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        std::str::from_utf8(&file[a..b]).unwrap(),
        claims[0]["text"].as_str().unwrap()
    );
    let out = parallax()
        .args(["story", "seeds", "--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    for heading in [
        "## Coverage",
        "## Claims carried by several reports",
        "## Single-source claims",
        "## Discrepancies",
        "## Quotes",
        "## Wire copy",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    let out = parallax()
        .args(["story", "seeds/000_5eb35f87fe822ca5.txt"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least two reports"));
}

#[test]
fn markdown_marks_weak_links_unsure_as_the_text_does() {
    let mut seeds: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    seeds.sort();
    let run = |a: &std::path::Path, b: &std::path::Path, format: &str| {
        let o = parallax()
            .args(["compare", "--width", "200", "--format", format])
            .arg(a)
            .arg(b)
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let mut weak = 0;
    for b in &seeds[1..seeds.len().min(4)] {
        let a = &seeds[0];
        let (text, md) = (run(a, b, "text"), run(a, b, "markdown"));
        let in_text = text.matches("? 0.").count();
        assert_eq!(md.matches("| unsure 0.").count(), in_text, "{md}");
        weak += in_text;
    }
    assert!(weak > 0, "no weak link on the seeds to check");
}

#[test]
fn a_feed_entry_is_named_as_its_label_names_it() {
    let feed = "tests/fixtures/feeds/relative.atom";
    let out = parallax()
        .args(["--dump", &format!("{feed}#2")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Council approves budget"), "{text}");
    assert!(!text.contains("Bridge reopens"), "{text}");
    // An entry it does not have is named, with how many it has.
    let out = parallax()
        .args(["--dump", &format!("{feed}#9")])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("relative.atom: no entry 9 (it has 2)"),
        "{err}"
    );
    // A file whose name has a `#` is that file.
    let dir = tempdir("hash-name");
    let named = dir.join("notes#2");
    std::fs::write(&named, "A file named with a hash.\n").unwrap();
    let out = parallax().arg("--dump").arg(&named).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("A file named with a hash."));
    // A missing file with `#N` is still missing.
    let out = parallax()
        .args(["--dump", "nowhere.atom#2"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere.atom#2: no such file"));
}

#[test]
fn a_width_below_the_narrowest_is_said_and_raised() {
    let out = parallax()
        .args([
            "compare",
            "seeds/000_5eb35f87fe822ca5.txt",
            "seeds/001_8d5a9b1879ca2c6b.txt",
        ])
        .args(["--width", "20"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--width 20 is below the narrowest side-by-side text; using 40"),
        "{err}"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 40 && widest > 20, "widest line {widest}");
}

#[test]
fn a_missing_config_file_is_named_in_words() {
    let out = parallax()
        .args(["--config", "/nonexistent-parallax/config.toml", "--dump"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read the config file /nonexistent-parallax/config.toml: no such file or directory"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn notes_json_is_the_json_format() {
    let a = parallax().args(["notes", "--json"]).output().unwrap();
    let b = parallax()
        .args(["notes", "--format", "json"])
        .output()
        .unwrap();
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert!(v.is_array());
}

#[test]
fn story_model_is_auto_unless_asked() {
    let run = |extra: &[&str]| -> serde_json::Value {
        let out = parallax()
            .args(["story", "--json"])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(run(&[])["model"], "pairs");
    let wide = run(&["--model", "story-wide"]);
    assert_eq!(wide["model"], "story-wide");
    assert_eq!(wide["coverage"].as_array().unwrap().len(), 5);
    let md = parallax()
        .args(["story", "--model", "story-wide"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&md.stdout).contains("From story-wide clusters"));
}
