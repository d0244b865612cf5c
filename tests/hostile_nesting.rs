//! Pathological nesting and size: each document ends (deadlines are generous, not speed
//! assertions) with its text and a note saying what was cut, never a hang or an abort.

mod hostile;

use hostile::*;
use std::path::{Path, PathBuf};

const TEXT: &str = "Deep text is still shown at the bottom.";

fn write(dir: &Path, name: &str, body: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

fn dump(path: &Path) -> Run {
    let r = run(&["--dump", path.to_str().unwrap()], SLOW);
    assert!(r.status.success(), "{}: {}", path.display(), r.err());
    assert_safe(&r.stdout, "dump");
    r
}

fn nested(n: usize) -> String {
    format!("{}<p>{TEXT}</p>{}", "<div>".repeat(n), "</div>".repeat(n))
}

#[test]
fn a_hundred_thousand_nested_divs() {
    let dir = tempdir("divs");
    let f = write(
        &dir,
        "divs.html",
        format!(
            "<!doctype html><html><body>{}</body></html>",
            nested(100_000)
        ),
    );
    let out = dump(&f).out();
    assert!(out.contains(TEXT), "{out}");
    assert!(out.contains("tags nested over 256 deep left out"), "{out}");
}

#[test]
fn three_hundred_thousand_attributes_on_one_tag() {
    let dir = tempdir("attrs");
    let attrs: String = (0..300_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let f = write(
        &dir,
        "attrs.html",
        format!("<!doctype html><html><body><p{attrs}>{TEXT}</p></body></html>"),
    );
    let out = dump(&f).out();
    assert!(out.contains(TEXT), "{out}");
    assert!(
        out.contains("attributes of 1 tag with over 256 dropped"),
        "{out}"
    );
}

#[test]
fn nested_divs_inside_feed_and_json_bodies() {
    let dir = tempdir("bodies");
    let body = nested(30_000);
    let escaped = body.replace('<', "&lt;").replace('>', "&gt;");
    let feed = write(
        &dir,
        "deep.rss",
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item>\
             <title>Deep</title><description>{escaped}</description></item></channel></rss>"
        ),
    );
    let json = write(
        &dir,
        "deep.json",
        serde_json::json!({"title": "Deep", "body": body}).to_string(),
    );
    for f in [feed, json] {
        let out = dump(&f).out();
        assert!(out.contains(TEXT), "{}: {out}", f.display());
        assert!(
            out.contains("nested over 256 deep"),
            "{}: {out}",
            f.display()
        );
    }
}

#[test]
fn deep_xml_inside_a_feed_is_reported() {
    let dir = tempdir("xml");
    let f = write(
        &dir,
        "deepxml.rss",
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title><item>\
             <title>Deep</title><description>x</description>{}{}</item></channel></rss>",
            "<x>".repeat(100_000),
            "</x>".repeat(100_000)
        ),
    );
    let r = run(&["--dump", f.to_str().unwrap()], SLOW);
    assert!(
        r.err().contains("deepxml.rss: not a valid feed"),
        "{}",
        r.err()
    );
}

#[test]
fn deep_markdown_lists_and_blockquotes() {
    let dir = tempdir("md");
    let mut md = format!("{} quoted {TEXT}\n\n", ">".repeat(100_000));
    for i in 0..3000 {
        md.push_str(&format!("{}- item {i}\n", "  ".repeat(i)));
    }
    for i in 0..2000 {
        md.push_str(&format!("{} q{i}\n", ">".repeat(i)));
    }
    md.push_str(&format!("\n\nLast: {TEXT}\n"));
    let f = write(&dir, "deep.md", md);
    let out = dump(&f).out();
    assert!(out.contains("item 2999"), "{}", &out[..out.len().min(400)]);
}

#[test]
fn deep_json_is_malformed_json_not_a_crash() {
    let dir = tempdir("json");
    let f = write(
        &dir,
        "deep.json",
        format!("{}{}", "[".repeat(200_000), "]".repeat(200_000)),
    );
    let r = run(&["--dump", f.to_str().unwrap()], SLOW);
    assert!(!r.status.success());
    assert!(r.err().contains("deep.json"), "{}", r.err());
    let f = write(
        &dir,
        "deep-body.json",
        format!(
            "{{\"title\": \"T\", \"body\": \"{TEXT}\", \"extra\": {}1{}}}",
            "{\"a\":".repeat(100_000),
            "}".repeat(100_000)
        ),
    );
    let r = run(&["--dump", f.to_str().unwrap()], SLOW);
    assert!(r.err().contains("deep-body.json"), "{}", r.err());
}

#[test]
fn a_huge_single_line() {
    let dir = tempdir("line");
    let line = "word ".repeat(2_000_000);
    let f = write(&dir, "line.txt", format!("{line}{TEXT}"));
    let r = dump(&f);
    assert!(
        r.out().contains("Deep text is still shown"),
        "the end of the line is kept"
    );
}
