//! News from the web, against a real HTTP server on 127.0.0.1 started by each test
//! (`common/http.rs`): pages and feeds by URL, redirects, compression, charsets, errors and
//! limits, full text for summary feeds, and the fetched bytes going through the same loading
//! path as files. Only loopback is ever contacted: the library is used with proxies off, and
//! the binary (in `web_store.rs`) with the proxy variables removed.

#[path = "common/http.rs"]
mod http;

use http::{Reply, Server};
use parallax::engine::article::{Article, Format, Source};
use parallax::engine::fetch::{self, FetchError, NetOptions};
use parallax::engine::load::{self, Input, LoadError, LoadOptions, Loaded};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn opts(total_secs: u64) -> LoadOptions {
    LoadOptions {
        net: NetOptions {
            total_timeout: Duration::from_secs(total_secs),
            connect_timeout: Duration::from_secs(total_secs.min(10)),
            proxy_from_env: false,
            ..NetOptions::default()
        },
        ..LoadOptions::default()
    }
}

fn load_url(url: &str) -> Result<Loaded, LoadError> {
    load::load_input(&Input::Url(url.to_string()), &opts(10))
}

/// A news page with a headline and paragraphs of ~30 words each.
fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{p} The officials said the talks would continue next week in the capital, with delegations from both sides expected.</p>"))
        .collect();
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body><nav>Home · World</nav>\
         <article><h1>{title}</h1>{body}</article><footer>© News</footer></body></html>"
    )
}

fn shared_corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("PARALLAX_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("corpus");
    dir.is_dir().then_some(dir)
}

fn text_of(l: &Loaded) -> String {
    l.articles
        .iter()
        .map(|a| a.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn corpus_pages_and_feeds_by_url_read_as_their_files() {
    let Some(corpus) = shared_corpus() else {
        println!("skipped: ../shared/corpus not found");
        return;
    };
    let files: Vec<PathBuf> = ["html/bbc-1/source.html", "html/lemonde-1/source.html"]
        .iter()
        .chain(&[
            "feeds/tpm-talkingpointsmemo.atom",
            "feeds/oren-ru-windows1251.rss.xml",
            "feeds/nbcnewyork-cdata-odd-date.rss.xml",
        ])
        .map(|p| corpus.join(p))
        .collect();
    let served = files.clone();
    let server = Server::start(move |req| {
        let i: usize = req.path.trim_start_matches("/f").parse().unwrap_or(999);
        match served.get(i) {
            Some(p) => {
                let ctype = if p.extension().is_some_and(|e| e == "html") {
                    "text/html"
                } else {
                    "application/rss+xml"
                };
                Reply::ok(ctype, std::fs::read(p).unwrap())
            }
            None => Reply::status(404),
        }
    });
    // Summary entries are not completed here: the feeds' links point at the real web.
    let no_full_text = LoadOptions {
        net: NetOptions {
            full_text: false,
            ..opts(10).net
        },
        ..opts(10)
    };
    for (i, file) in files.iter().enumerate() {
        let by_url = load::load_input(&Input::Url(server.url(&format!("/f{i}"))), &no_full_text)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let by_file =
            load::load_input(&Input::File(file.clone()), &LoadOptions::default()).unwrap();
        assert_eq!(
            by_url.articles.len(),
            by_file.articles.len(),
            "{}",
            file.display()
        );
        assert_eq!(text_of(&by_url), text_of(&by_file), "{}", file.display());
        assert!(matches!(
            by_url.articles[0].source,
            Source::Url(_) | Source::Entry { .. }
        ));
    }
}

#[test]
fn pages_and_feeds_by_url() {
    let html = page(
        "Council approves budget",
        &["The council approved the budget on Monday."],
    );
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>
        <item><title>One</title><link>http://127.0.0.1:1/one</link><description><![CDATA[<p>The
        first story of the day has enough words of its own to stand as an article here, with
        a long description that goes on for a while, as some feeds give whole articles in the
        description, which is then the text itself and needs no fetching at all of any page
        because it already carries the full story from start to finish in many words, more
        than a summary ever would, and so on and on until it is long enough to count as full
        text by any measure we use, which is one hundred and fifty words or so, so here are a
        few more words, and more, and more again, to make quite sure of it, with names like
        Ankara and Istanbul and numbers like 15 and 2025 and quotes "like this one", said the
        spokesman on Friday evening before the session closed for the weekend, adding that
        the next meeting would be in June or July depending on the weather and the budget and
        other things that committees depend on, including the chair's availability.</p>]]>
        </description></item>
        <item><title>Two</title><link>http://127.0.0.1:1/two</link><description>Second.</description></item>
        </channel></rss>"#;
    let feed = feed.to_string();
    let server = Server::start(move |req| match req.path.as_str() {
        "/page" => Reply::ok("text/html; charset=utf-8", html.clone()),
        "/feed" => Reply::ok("application/rss+xml", feed.clone()),
        _ => Reply::status(404),
    });
    let p = load_url(&server.url("/page")).unwrap();
    assert_eq!(p.articles.len(), 1);
    let a = &p.articles[0];
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "Council approves budget");
    assert!(a.text.contains("approved the budget"));
    assert!(
        !a.text.contains("Home · World"),
        "navigation is not the article"
    );
    assert_eq!(a.meta.url.as_deref(), Some(server.url("/page").as_str()));
    assert_eq!(a.meta.outlet.as_deref(), Some("127.0.0.1"));
    let f = load_url(&server.url("/feed")).unwrap();
    assert_eq!(f.articles.len(), 2, "each entry an article");
    assert_eq!(f.articles[0].title, "One");
    // The first entry is full text already: its link (a closed port) was never needed.
    assert!(f.articles[0].notes.iter().all(|n| !n.contains("full text")));
    // The second is a summary whose page cannot be fetched: kept, with a note and a problem.
    assert!(
        f.articles[1]
            .notes
            .iter()
            .any(|n| n.contains("full text not fetched"))
    );
    assert!(f.problems.iter().any(|e| e.to_string().contains("/two")));
    let ua = server.requests()[0]
        .header("user-agent")
        .unwrap_or("")
        .to_string();
    assert!(ua.starts_with("parallax/"), "{ua}");
}

#[test]
fn a_301_is_followed_and_a_redirect_loop_is_named() {
    let html = page("Moved story", &["The story moved to a new address."]);
    let server = Server::start(move |req| match req.path.as_str() {
        "/old" => Reply::redirect(301, "/new"),
        "/new" => Reply::ok("text/html", html.clone()),
        "/loop" => Reply::redirect(302, "/loop"),
        "/a" => Reply::redirect(302, "/b"),
        "/b" => Reply::redirect(307, "/a"),
        p if p.starts_with("/hop") => {
            let n: u32 = p[4..].parse().unwrap_or(0);
            Reply::redirect(302, &format!("/hop{}", n + 1))
        }
        "/to-file" => Reply::redirect(302, "file:///etc/passwd"),
        _ => Reply::status(404),
    });
    let moved = load_url(&server.url("/old")).unwrap();
    assert_eq!(moved.articles[0].title, "Moved story");
    assert_eq!(moved.articles[0].source, Source::Url(server.url("/new")));
    for path in ["/loop", "/a"] {
        match load_url(&server.url(path)) {
            Err(LoadError::Fetch(FetchError::RedirectLoop { chain, .. })) => {
                assert!(chain.contains('→'), "{chain}")
            }
            other => panic!("{path}: {other:?}"),
        }
    }
    let e = load_url(&server.url("/hop0")).unwrap_err();
    assert!(
        matches!(
            e,
            LoadError::Fetch(FetchError::TooManyRedirects { limit: 5, .. })
        ),
        "{e}"
    );
    assert!(e.to_string().contains("too many redirects"), "{e}");
    assert_eq!(server.hits("/hop5"), 1, "five redirects are followed");
    assert_eq!(server.hits("/hop6"), 0, "the sixth is not");
    let e = load_url(&server.url("/to-file")).unwrap_err().to_string();
    assert!(e.contains("not an http or https URL (refused)"), "{e}");
}

#[test]
fn gzip_and_deflate_bodies_are_decoded() {
    use flate2::Compression;
    use std::io::Write;
    let html = page("Compressed news", &["The body travelled compressed."]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(html.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let mut zl = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
    zl.write_all(html.as_bytes()).unwrap();
    let zl = zl.finish().unwrap();
    let server = Server::start(move |req| match req.path.as_str() {
        "/gz" => Reply::ok("text/html", gz.clone()).with("Content-Encoding", "gzip"),
        "/deflate" => Reply::ok("text/html", zl.clone()).with("Content-Encoding", "deflate"),
        _ => Reply::status(404),
    });
    for path in ["/gz", "/deflate"] {
        let l = load_url(&server.url(path)).unwrap();
        assert_eq!(l.articles[0].title, "Compressed news", "{path}");
        assert!(
            l.articles[0].text.contains("travelled compressed"),
            "{path}"
        );
    }
    let asked = server.requests()[0]
        .header("accept-encoding")
        .unwrap_or("")
        .to_string();
    assert!(
        asked.contains("gzip") && asked.contains("deflate") && asked.contains("br"),
        "{asked}"
    );
}

#[test]
fn a_charset_given_only_in_the_header_is_used() {
    let latin1: Vec<u8> = page("Grüße aus München", &["Die Bürger in Köln äußern sich."])
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let declared = b"<html><head><meta charset=\"windows-1251\"><title>\xcf\xf0\xe8\xe2\xe5\xf2</title></head><body><p>\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0, \xee\xf7\xe5\xed\xfc \xec\xed\xee\xe3\xee \xf1\xeb\xee\xe2 \xe7\xe4\xe5\xf1\xfc \xe4\xeb\xff \xf2\xe5\xf1\xf2\xe0 \xe8 \xe5\xf9\xb8 \xed\xe5\xec\xed\xee\xe3\xee \xf1\xeb\xee\xe2 \xe4\xeb\xff \xf1\xf7\xb8\xf2\xe0 \xe8 \xe5\xf9\xb8 \xe8 \xe5\xf9\xb8.</p></body></html>".to_vec();
    let server = Server::start(move |req| match req.path.as_str() {
        "/latin1" => Reply::ok("text/html; charset=ISO-8859-1", latin1.clone()),
        // The page's own declaration wins over a wrong header.
        "/declared" => Reply::ok("text/html; charset=ISO-8859-1", declared.clone()),
        _ => Reply::status(404),
    });
    let a = &load_url(&server.url("/latin1")).unwrap().articles[0];
    assert_eq!(a.title, "Grüße aus München");
    assert!(a.text.contains("äußern"));
    assert_eq!(
        a.meta.encoding.as_deref(),
        Some("windows-1252 (from the HTTP header)")
    );
    let b = &load_url(&server.url("/declared")).unwrap().articles[0];
    assert!(b.text.contains("Привет мир"), "{}", b.text);
    assert_eq!(b.meta.encoding.as_deref(), Some("windows-1251"));
}

#[test]
fn failures_name_the_url_and_the_reason() {
    let server = Server::start(|req| match req.path.as_str() {
        "/gone" => Reply::status(404),
        "/broken" => Reply::status(500),
        "/image" => Reply::ok("image/png", b"\x89PNG\r\n\x1a\n....".to_vec()),
        "/binary" => Reply::ok("application/octet-stream", vec![0u8; 4096]),
        _ => Reply::status(404),
    });
    let cases = [
        ("/gone", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/image", "not a page or feed (Content-Type image/png)"),
        ("/binary", "not a page or feed"),
    ];
    for (path, reason) in cases {
        let url = server.url(path);
        let e = load_url(&url).unwrap_err().to_string();
        assert!(e.starts_with(&url), "{e}");
        assert!(e.contains(reason), "{path}: {e}");
    }
    // Nothing listens on a port just freed: refused, named as such.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = load_url(&format!("http://127.0.0.1:{port}/x")).unwrap_err();
    assert!(
        matches!(e, LoadError::Fetch(FetchError::Refused { .. })),
        "{e}"
    );
    // https to a server that answers in plain HTTP: the TLS handshake fails, and says so.
    let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = plain.local_addr().unwrap();
    std::thread::spawn(move || {
        use std::io::Write;
        if let Ok((mut c, _)) = plain.accept() {
            let _ = c.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let e = load_url(&format!("https://{addr}/")).unwrap_err();
    assert!(matches!(e, LoadError::Fetch(FetchError::Tls { .. })), "{e}");
}

#[test]
fn a_silent_server_is_bounded_by_the_timeout() {
    let server = Server::start(|req| match req.path.as_str() {
        "/stall" => Reply::Stall,
        _ => Reply::Silent,
    });
    for path in ["/stall", "/silent"] {
        let start = Instant::now();
        let e = load::load_input(&Input::Url(server.url(path)), &opts(1)).unwrap_err();
        let took = start.elapsed();
        assert!(
            matches!(e, LoadError::Fetch(FetchError::Timeout { .. })),
            "{path}: {e}"
        );
        assert!(e.to_string().contains("timed out after 1 s"), "{e}");
        assert!(took < Duration::from_secs(5), "{path}: {took:?}");
    }
}

#[test]
fn an_80_mib_body_stops_at_the_size_limit() {
    let server = Server::start(|_| Reply::Endless { total: 80 << 20 });
    let limited = LoadOptions {
        max_bytes: 1 << 20,
        ..opts(20)
    };
    let start = Instant::now();
    let e = load::load_input(&Input::Url(server.url("/big")), &limited).unwrap_err();
    assert!(
        matches!(e, LoadError::Fetch(FetchError::TooLarge { .. })),
        "{e}"
    );
    assert!(e.to_string().contains("--max-size"), "{e}");
    assert!(start.elapsed() < Duration::from_secs(10));
    // Reading stopped: the server could write little more than the limit and the socket
    // buffers before the connection closed, not the 80 MiB.
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        server.written() < 16 << 20,
        "server wrote {} bytes",
        server.written()
    );
}

#[test]
fn other_schemes_are_refused_when_expanding_arguments() {
    let (inputs, problems) = load::expand(&[
        PathBuf::from("file:///etc/passwd"),
        PathBuf::from("ftp://127.0.0.1/x"),
        PathBuf::from("http://127.0.0.1:9/a.html"),
    ]);
    assert_eq!(inputs, vec![Input::Url("http://127.0.0.1:9/a.html".into())]);
    let msgs: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(msgs.len(), 2);
    assert!(msgs[0].contains("file: refused"), "{msgs:?}");
    assert!(msgs[1].contains("ftp: refused"), "{msgs:?}");
}

#[test]
fn a_summary_feed_gets_the_full_text_of_its_linked_pages_politely() {
    let pages: Vec<String> = (0..8)
        .map(|i| {
            page(
                &format!("Story number {i}"),
                &[
                    "The minister spoke at length about the plan.",
                    "Opposition leaders criticised the timing.",
                    "Analysts expect a vote before the summer recess.",
                    "Local groups welcomed parts of the proposal.",
                    "A spokesman declined to comment further.",
                ],
            )
        })
        .collect();
    let server = Server::start(move |req| {
        let p = req.path.as_str();
        if p == "/feed.xml" {
            let port = req.header("host").unwrap_or("").to_string();
            let items: String = (0..8)
                .map(|i| {
                    format!(
                        "<item><title>Story number {i}</title><link>http://{port}/story/{i}</link>\
                         <description>Only a summary.</description></item>"
                    )
                })
                .collect();
            return Reply::ok(
                "application/rss+xml",
                format!(
                    "<rss version=\"2.0\"><channel><title>Summaries</title>{items}</channel></rss>"
                ),
            );
        }
        match p
            .strip_prefix("/story/")
            .and_then(|i| i.parse::<usize>().ok())
        {
            Some(i) if i < 8 => Reply::Delayed(
                Duration::from_millis(100),
                Box::new(Reply::ok("text/html", pages[i].clone())),
            ),
            _ => Reply::status(404),
        }
    });
    let l = load_url(&server.url("/feed.xml")).unwrap();
    assert_eq!(l.articles.len(), 8);
    for (i, a) in l.articles.iter().enumerate() {
        assert!(
            a.text.contains("Analysts expect a vote"),
            "entry {i}: {}",
            a.text
        );
        assert_eq!(
            a.meta.outlet.as_deref(),
            Some("Summaries"),
            "the feed names the outlet"
        );
        assert!(
            a.notes
                .iter()
                .any(|n| n.contains("full text from the linked page"))
        );
        assert!(a.word_count() > 100);
    }
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    // At most three requests at once to the one host, though eight pages were wanted.
    assert!(
        server.peak() <= fetch::hosts::PER_HOST,
        "peak {}",
        server.peak()
    );
    assert!(
        server.peak() >= 2,
        "pages are fetched in parallel (peak {})",
        server.peak()
    );
    for r in server.requests() {
        assert!(
            r.header("user-agent")
                .unwrap_or("")
                .starts_with("parallax/")
        );
    }
}

#[test]
fn fetched_bodies_are_sanitized_and_limited_as_files_are() {
    let hostile = "<html><head><title>Evil\u{1b}]0;owned\u{7} title</title></head><body><article>\
        <h1>Evil\u{1b}[2J headline</h1><p>Text with \u{1b}[31mcolour\u{1b}[0m and a \u{202e}bidi \
        override and a C1 \u{9b}31m control, in a paragraph long enough to be an article for the \
        extractor, which wants a few more words than this before it believes a page has any.</p>\
        </article></body></html>";
    let dir = std::env::temp_dir().join(format!("parallax-web-sanitize-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("hostile.html");
    std::fs::write(&file, hostile).unwrap();
    let body = hostile.to_string();
    let server = Server::start(move |req| match req.path.as_str() {
        "/hostile" => Reply::ok("text/html", body.clone()),
        _ => Reply::Endless { total: 3 << 20 },
    });
    let by_url = load_url(&server.url("/hostile")).unwrap();
    let by_file = load::load_input(&Input::File(file.clone()), &LoadOptions::default()).unwrap();
    let (u, f): (&Article, &Article) = (&by_url.articles[0], &by_file.articles[0]);
    assert_eq!(u.text, f.text);
    assert_eq!(u.title, f.title);
    assert_eq!(u.notes, f.notes);
    for s in [&u.text, &u.title] {
        assert!(
            !s.chars()
                .any(|c| c == '\u{1b}' || c == '\u{9b}' || c == '\u{202e}'),
            "{s:?}"
        );
    }
    // The same limit for both: over --max-size is an error naming the input.
    let small = LoadOptions {
        max_bytes: 1 << 20,
        ..opts(10)
    };
    let big_file = dir.join("big.txt");
    std::fs::write(&big_file, vec![b'a'; 2 << 20]).unwrap();
    assert!(matches!(
        load::load_input(&Input::File(big_file), &small),
        Err(LoadError::TooLarge { .. })
    ));
    assert!(matches!(
        load::load_input(&Input::Url(server.url("/big")), &small),
        Err(LoadError::Fetch(FetchError::TooLarge { .. }))
    ));
    let _ = std::fs::remove_dir_all(&dir);
}
