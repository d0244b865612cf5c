//! No escape sequence, C0/C1 control or bidi override taken from input reaches any output of
//! any subcommand or format: character references (`&#27;`, `&#x9b;`, `&#155;`, `&#x202e;`,
//! `&#x9d;` and their other spellings), HTML entities, JSON `\u` escapes, feed fields, front
//! matter, raw bytes, file names and error messages. JSON is checked twice: its bytes, and
//! every string it decodes to (a script reading `\u001b` would get an ESC).

mod hostile;

use hostile::*;
use std::path::Path;

/// Every numeric-reference spelling of the characters a terminal acts on.
const REFS: &[&str] = &[
    "&#27;",
    "&#x1b;",
    "&#X1B;",
    "&#0027;",
    "&#x0001b;",
    "&#155;",
    "&#x9b;",
    "&#x9B;",
    "&#x202e;",
    "&#x202E;",
    "&#8238;",
    "&#x9d;",
    "&#157;",
    "&#x90;",
    "&#x9c;",
    "&#x7f;",
    "&#127;",
    "&#0;",
    "&#x2066;",
    "&#x200f;",
    "&rlm;",
    "&lrm;",
    "&#xFEFF;",
    "&#xE0041;",
    "&#x85;",
    "&#7;",
    "&#x8;",
    "&#13;",
];

/// A payload built from references: each would clear the screen or set the title if decoded
/// and written raw.
fn payload() -> String {
    REFS.iter()
        .map(|r| format!("{r}[2J{r}]0;PWNED{r}\\"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn write_hostile_files(dir: &Path) {
    let p = payload();
    let sentence = "Officials said the talks in Geneva would resume on Monday with 40 delegates.";
    std::fs::write(
        dir.join("refs.md"),
        format!(
            "---\ntitle: Title &#27;]0;FM&#7; {p}\nsource: Out&#x9b;let\nauthor: \u{1b}[31mRed\n---\n\n\
             # Heading {p}\n\n{sentence} Body {p} end.\n\n- item {p}\n  - nested &#x202e;rev\n\n\
             > quote &#x9d;0;x&#x9c;\n\n[link &#27;[31m](http://x.example/%1b%5b2J) and `&#27;` code\n\n\
             ![alt &#27;](img.png)\n\nLast paragraph: {sentence}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("refs.html"),
        format!(
            "<!doctype html><html lang=\"en&#x202e;\"><head><title>Page &#27;]0;T&#7; {p}</title>\
             <meta property=\"og:site_name\" content=\"Site &#x9b;2J\">\
             <meta name=\"author\" content=\"By A &#x202e;B\"></head><body><article>\
             <h1>Head {p}</h1><p>{sentence} {p}</p><p>{sentence} &amp;#27; &#x1b;[2J</p>\
             <p>{sentence}</p></article></body></html>"
        ),
    )
    .unwrap();
    let j = |s: &str| serde_json::to_string(s).unwrap();
    let esc = "\u{1b}[2J\u{9b}31m\u{202e}\u{9d}0;x\u{7}\u{90}q\u{9c}";
    std::fs::write(
        dir.join("refs.json"),
        format!(
            "[{{\"title\": {}, \"outlet\": {}, \"author\": [{}], \"url\": \"http://x.example/%1b%c2%9b\", \
             \"published\": {}, \"body\": {}}}, {{\"title\": \"Two\", \"body\": {}}}]",
            j(&format!("T {esc} {p}")),
            j(&format!("O{esc}")),
            j(&format!("A{esc}")),
            j(&format!("2025{esc}")),
            j(&format!("{sentence} {esc}\n\n{sentence} {p}")),
            j(&format!("<p>{sentence} {p}</p><p>{esc}</p>")),
        ),
    )
    .unwrap();
    let x = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    std::fs::write(
        dir.join("refs.rss"),
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed &#x1b;]0;F&#x7;</title>\
             <link>http://x.example/</link><item><title>Item &#x9b;2J &#x202e;</title>\
             <author>a@x (Name &#x9d;0;n&#x9c;)</author><link>http://x.example/%1b</link>\
             <description>{}</description></item><item><title>Plain</title>\
             <description><![CDATA[<p>{sentence} &#27;[2J &#x9b;1m</p>]]></description></item>\
             </channel></rss>",
            x(&format!("<p>{sentence} {p}</p>"))
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("raw.txt"),
        format!(
            "Raw \u{1b}]0;RAW\u{7}title\u{9b}2J\n\n{sentence} \u{1b}[31mred\u{1b}[0m \u{202e}rev\u{202c} \
             \u{9d}0;x\u{9c} \u{90}dcs\u{9c} bell\u{7} del\u{7f}\n\n{sentence}\n"
        ),
    )
    .unwrap();
    // The name itself is hostile.
    std::fs::write(
        dir.join("name\u{1b}]0;PWN\u{7}\u{9b}2J\u{202e}.txt"),
        format!("A headline\n\n{sentence}\n"),
    )
    .unwrap();
    // Error messages quote content: a malformed feed whose text holds escapes.
    std::fs::write(
        dir.join("bad.rss"),
        "<rss><channel><title>\u{1b}]0;ERR\u{7}\u{9b}2J</title><item>",
    )
    .unwrap();
    std::fs::write(
        dir.join("bad.json"),
        "{\"title\": \"\u{1b}]0;J\u{7}\", \"body\": 1,,}",
    )
    .unwrap();
}

fn check(args: &[&str], json: bool) {
    let r = run(args, SLOW);
    let what = format!("parallax {}", args.join(" "));
    if json {
        assert_json_safe(&r.stdout, &format!("{what} (stdout)"));
    } else {
        assert_safe(&r.stdout, &format!("{what} (stdout)"));
    }
    assert_safe(&r.stderr, &format!("{what} (stderr)"));
    assert!(
        !r.stdout.is_empty(),
        "{what}: no output; stderr: {}",
        r.err()
    );
}

#[test]
fn no_output_of_any_subcommand_carries_controls_from_input() {
    let dir = tempdir("refs");
    write_hostile_files(&dir);
    let d = dir.to_str().unwrap();
    let f = |n: &str| dir.join(n).to_str().unwrap().to_string();
    check(&["--dump", d], false);
    for (a, b) in [
        ("refs.md", "refs.html"),
        ("refs.json", "refs.rss"),
        ("raw.txt", "refs.md"),
    ] {
        let (a, b) = (f(a), f(b));
        check(&["compare", &a, &b], false);
        check(&["compare", &a, &b, "--format", "markdown"], false);
        check(&["compare", &a, &b, "--json"], true);
    }
    check(&["story", d], false);
    check(&["story", d, "--json"], true);
    check(&["entities", d], false);
    check(&["entities", d, "--json"], true);
    check(&["stories", d], false);
    check(&["stories", d, "--json"], true);
}

#[test]
fn character_references_are_decoded_then_cleaned() {
    // The references are gone, and so is what they decoded to; the text around them stays.
    let dir = tempdir("refs-dump");
    write_hostile_files(&dir);
    let r = run(&["--dump", dir.join("refs.md").to_str().unwrap()], QUICK);
    assert!(r.status.success(), "{}", r.err());
    let out = r.out();
    assert_safe(out.as_bytes(), "--dump refs.md");
    assert!(out.contains("Last paragraph: Officials said"), "{out}");
    assert!(out.contains("character references removed"), "{out}");
    // Code spans are verbatim: the reference is shown, not decoded.
    assert!(out.contains("`&#27;`") || out.contains("&#27;"), "{out}");
}

#[test]
fn a_hostile_file_name_is_shown_clean() {
    let dir = tempdir("names");
    write_hostile_files(&dir);
    let r = run(&["--dump", dir.to_str().unwrap()], QUICK);
    assert_safe(&r.stdout, "--dump stdout");
    assert_safe(&r.stderr, "--dump stderr");
    assert!(r.out().contains("]0;PWN"), "the name is shown, defused");
    // Error messages naming malformed files are clean too, and name them.
    let err = r.err();
    assert!(err.contains("bad.rss") && err.contains("bad.json"), "{err}");
}
