//! The binary with the web and the store, against a loopback server started by each test:
//! `parallax fetch` twice (the second answered 304), the urls file, `--offline` after the
//! server is gone, a page that changes between fetches (two versions, compared), a fetch
//! killed with SIGKILL (the store intact, nothing earlier lost), the CLI's errors and exit
//! codes. Each test has its own store and config directory; proxy variables are removed so
//! nothing but 127.0.0.1 is contacted.

#[path = "common/http.rs"]
mod http;

use http::{Reply, Server};
use parallax::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A private directory with a store path and a config home.
struct Home(PathBuf);

impl Home {
    fn new(name: &str) -> Home {
        let p = std::env::temp_dir().join(format!("parallax-web-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(p.join("config/parallax")).unwrap();
        Home(p)
    }
    fn store(&self) -> PathBuf {
        self.0.join("data/store.sqlite3")
    }
    fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_parallax"));
        for v in [
            "HTTP_PROXY",
            "http_proxy",
            "HTTPS_PROXY",
            "https_proxy",
            "ALL_PROXY",
            "all_proxy",
        ] {
            c.env_remove(v);
        }
        c.env("PARALLAX_STORE", self.store())
            .env("XDG_CONFIG_HOME", self.0.join("config"))
            .env("XDG_DATA_HOME", self.0.join("xdg-data"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        c
    }
    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!doctype html><html><head><title>{title}</title></head><body>\
         <article><h1>{title}</h1>{body}</article></body></html>"
    )
}

const PARAS: &[&str] = &[
    "The city council voted on Monday to approve a new budget for the coming year, after a long debate that ran late into the evening.",
    "Supporters said the plan would fund schools and repair roads, while critics warned that the tax increase would hurt small businesses.",
    "The mayor is expected to sign the budget into law later this week, according to a spokesperson for the city government.",
];

/// A feed of summaries linking to `/page/N` on the same server, with an ETag.
fn feed(host: &str, name: &str, n: usize) -> String {
    let items: String = (0..n)
        .map(|i| {
            format!(
                "<item><title>{name} story {i}</title><link>http://{host}/{name}/page/{i}</link>\
                 <description>Summary {i}.</description><guid>{name}-{i}</guid>\
                 <pubDate>Tue, 01 Dec 2026 0{i}:00:00 GMT</pubDate></item>"
            )
        })
        .collect();
    format!("<rss version=\"2.0\"><channel><title>{name} news</title>{items}</channel></rss>")
}

/// Serves `/NAME/feed.xml` (with an ETag, 304 when it matches) and `/NAME/page/N`.
fn news_server() -> Server {
    Server::start(|req| {
        let host = req.header("host").unwrap_or("").to_string();
        let parts: Vec<&str> = req.path.trim_start_matches('/').split('/').collect();
        match parts.as_slice() {
            [name, "feed.xml"] => {
                if req.header("if-none-match") == Some("\"v1\"") {
                    return Reply::Full {
                        status: 304,
                        headers: vec![],
                        body: vec![],
                    };
                }
                Reply::ok("application/rss+xml", feed(&host, name, 2))
                    .with("ETag", "\"v1\"")
                    .with("Last-Modified", "Tue, 01 Dec 2026 08:00:00 GMT")
            }
            ["slow", "page", _] => Reply::Stall,
            ["holey", "page", "1"] => Reply::status(404),
            [name, "page", i] => Reply::ok("text/html", page(&format!("{name} story {i}"), PARAS)),
            _ => Reply::status(404),
        }
    })
}

#[test]
fn fetch_twice_the_second_is_answered_304() {
    let home = Home::new("etag");
    let server = news_server();
    let url = server.url("/daily/feed.xml");
    let first = home.run(&["fetch", &url]);
    assert!(first.status.success(), "{}", err(&first));
    assert!(
        out(&first).contains(&format!("{url}: 2 new, 0 changed, 0 unchanged, 0 failed")),
        "{}",
        out(&first)
    );
    let second = home.run(&["fetch", &url]);
    assert!(second.status.success(), "{}", err(&second));
    assert!(
        out(&second).contains("not modified (304)"),
        "{}",
        out(&second)
    );
    let feeds: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/daily/feed.xml")
        .collect();
    assert_eq!(feeds.len(), 2);
    assert_eq!(feeds[0].header("if-none-match"), None);
    assert_eq!(feeds[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(
        feeds[1].header("if-modified-since"),
        Some("Tue, 01 Dec 2026 08:00:00 GMT")
    );
    // The linked pages were fetched once, for the first fetch only.
    assert_eq!(server.hits("/daily/page/0"), 1);
}

#[test]
fn the_fetch_summary_counts_the_failed_entries_the_source_lines_count() {
    let home = Home::new("holey");
    let server = news_server();
    let (holey, daily) = (server.url("/holey/feed.xml"), server.url("/daily/feed.xml"));
    let o = home.run(&["fetch", &holey, &daily]);
    assert!(o.status.success(), "{}", err(&o));
    let text = out(&o);
    // Per source line "URL: N new, 0 changed, 0 unchanged, F failed": the summary adds them up.
    let lines: Vec<(usize, usize)> = text
        .lines()
        .filter_map(|l| {
            let (_, counts) = l.rsplit_once(": ")?;
            let fields: Vec<&str> = counts.split(", ").collect();
            let new = fields
                .first()?
                .strip_suffix(" new")?
                .parse::<usize>()
                .ok()?;
            let failed = fields
                .last()?
                .strip_suffix(" failed")?
                .parse::<usize>()
                .ok()?;
            Some((new, failed))
        })
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    let new: usize = lines.iter().map(|l| l.0).sum();
    let per_source: usize = lines.iter().map(|l| l.1).sum();
    assert!(per_source >= 1, "{text}");
    let want = format!(
        "2 sources: {new} new, 0 changed, 0 unchanged, {per_source} {} failed, 0 not modified, 0 sources failed",
        if per_source == 1 { "entry" } else { "entries" }
    );
    assert!(text.contains(&want), "{text}");
}

#[test]
fn the_urls_file_is_read_and_offline_works_after_the_server_is_gone() {
    let home = Home::new("offline");
    let server = news_server();
    let urls = format!(
        "# my news\n{} world \"tag two\" ~Daily\n\nexec:~/bin/feed.sh\n{}\n",
        server.url("/daily/feed.xml"),
        server.url("/extra/page/7")
    );
    std::fs::write(home.0.join("config/parallax/urls"), urls).unwrap();
    let fetched = home.run(&["fetch"]);
    assert!(fetched.status.success(), "{}", err(&fetched));
    assert!(
        err(&fetched).contains("urls:4: newsboat exec: lines are not supported"),
        "{}",
        err(&fetched)
    );
    assert!(
        out(&fetched).contains("2 sources: 3 new"),
        "{}",
        out(&fetched)
    );
    drop(server);
    let offline = home.run(&["--offline", "--dump"]);
    assert!(offline.status.success(), "{}", err(&offline));
    let text = out(&offline);
    assert!(
        text.contains("daily story 0") && text.contains("daily story 1"),
        "{text}"
    );
    assert!(
        text.contains("The mayor is expected to sign"),
        "full text kept: {text}"
    );
    assert!(text.contains("extra story 7"), "{text}");
    // Newest first: the entry published at 01:00 before the one at 00:00.
    let (one, zero) = (
        text.find("daily story 1").unwrap(),
        text.find("daily story 0").unwrap(),
    );
    assert!(one < zero, "newest first");
    // With no arguments the reader opens the store too.
    let plain = home.run(&["--dump"]);
    assert!(out(&plain).contains("daily story 1"), "{}", err(&plain));
    // A URL offline is its stored copy; one never fetched is named.
    let one_url = home.run(&["--offline", "--dump", "http://127.0.0.1:1/never"]);
    assert!(!one_url.status.success());
    assert!(
        err(&one_url).contains("http://127.0.0.1:1/never: not in the store"),
        "{}",
        err(&one_url)
    );
}

#[test]
fn a_first_run_with_nothing_stored_opens_the_seeds() {
    let home = Home::new("seeds");
    let o = home.run(&["--dump"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("US Has Low Expectations"), "{}", out(&o));
    assert!(!home.store().exists(), "reading creates no store");
    let off = home.run(&["--offline", "--dump"]);
    assert!(!off.status.success());
    assert!(
        err(&off).contains("is empty: nothing to read offline"),
        "{}",
        err(&off)
    );
}

#[test]
fn a_page_that_changes_between_fetches_has_two_versions_compared() {
    let home = Home::new("versions");
    let edits = Arc::new(AtomicUsize::new(0));
    let e = edits.clone();
    let server = Server::start(move |req| {
        if req.path != "/story" {
            return Reply::status(404);
        }
        let mut paras: Vec<&str> = PARAS.to_vec();
        if e.load(Ordering::SeqCst) > 0 {
            paras[0] = "The city council voted on Tuesday to approve a new budget for the coming year, after a long debate that ran late into the evening.";
            paras.push(
                "Correction: an earlier version of this story gave the wrong day for the vote.",
            );
        }
        Reply::ok("text/html", page("Council passes budget", &paras))
    });
    let url = server.url("/story");
    let first = home.run(&["fetch", &url]);
    assert!(
        out(&first).contains("1 new"),
        "{}{}",
        out(&first),
        err(&first)
    );
    let same = home.run(&["fetch", &url]);
    assert!(
        out(&same).contains("0 new, 0 changed, 1 unchanged"),
        "{}",
        out(&same)
    );
    edits.store(1, Ordering::SeqCst);
    let changed = home.run(&["fetch", &url]);
    assert!(
        out(&changed).contains("0 new, 1 changed"),
        "{}",
        out(&changed)
    );
    let listed = home.run(&["versions", &url]);
    assert!(listed.status.success(), "{}", err(&listed));
    let l = out(&listed);
    assert!(
        l.contains("2 versions") && l.contains("v1") && l.contains("v2"),
        "{l}"
    );
    let json = home.run(&["versions", &url, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_ne!(v[0]["text_sha256"], v[1]["text_sha256"]);
    let compared = home.run(&["versions", &url, "--compare", "1", "2", "--width", "120"]);
    assert!(compared.status.success(), "{}", err(&compared));
    let c = out(&compared);
    assert!(c.contains("Monday") && c.contains("Tuesday"), "{c}");
    assert!(c.contains("Correction: an earlier version"), "{c}");
    assert!(c.contains("1 only in B"), "{c}");
    // The first version is still there, unchanged.
    let store = Store::open(&home.store()).unwrap();
    let v1 = store.version(&url, 1).unwrap().unwrap();
    assert!(v1.text.contains("voted on Monday") && !v1.text.contains("Correction"));
}

/// Waits until `cond` holds (at most `secs`).
fn wait_until(secs: u64, mut cond: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        if cond() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_fetch_killed_mid_way_leaves_the_store_intact() {
    let home = Home::new("kill");
    let server = news_server();
    let first = home.run(&["fetch", &server.url("/early/feed.xml")]);
    assert!(out(&first).contains("2 new"), "{}", err(&first));
    // Fast sources are saved while the slow feed's pages hang; then SIGKILL.
    let mut child = home
        .cmd()
        .args(["fetch", "--timeout", "60"])
        .arg(server.url("/slow/feed.xml"))
        .args((0..6).map(|i| server.url(&format!("/late/page/{i}"))))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let saved_some = wait_until(30, || {
        Store::open_existing(&home.store())
            .ok()
            .flatten()
            .and_then(|s| s.article_count().ok())
            .is_some_and(|n| n > 2)
    });
    assert!(
        wait_until(30, || server.hits("/slow/page/0")
            + server.hits("/slow/page/1")
            > 0),
        "the slow pages were asked for"
    );
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed");
    assert!(saved_some, "some sources were saved before the kill");
    assert_eq!(integrity(&home.store()), "ok");
    let store = Store::open(&home.store()).unwrap();
    for i in 0..2 {
        let url = server.url(&format!("/early/page/{i}"));
        let v = store.versions(&url).unwrap();
        assert_eq!(v.len(), 1, "{url} kept");
    }
    assert!(
        store
            .latest_for(&server.url("/slow/feed.xml"))
            .unwrap()
            .is_empty()
    );
    drop(store);
    // And the store still takes writes.
    let again = home.run(&["fetch", &server.url("/early/feed.xml")]);
    assert!(again.status.success(), "{}", err(&again));
    assert!(
        out(&again).contains("not modified (304)"),
        "{}",
        out(&again)
    );
}

#[test]
fn cli_errors_name_the_url_and_the_exit_code_counts_what_loaded() {
    let home = Home::new("cli");
    let server = Server::start(|req| match req.path.as_str() {
        "/ok" => Reply::ok("text/html", page("Working page", PARAS)),
        "/stall" => Reply::Stall,
        _ => Reply::status(404),
    });
    let file = home.run(&["--dump", "file:///etc/passwd"]);
    assert!(!file.status.success());
    assert!(!out(&file).contains("root:"));
    assert!(
        err(&file).contains("file:///etc/passwd: only http and https URLs are fetched"),
        "{}",
        err(&file)
    );
    let start = Instant::now();
    let slow = home.run(&["--dump", "--timeout", "1", &server.url("/stall")]);
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(!slow.status.success());
    assert!(err(&slow).contains("timed out after 1 s"), "{}", err(&slow));
    // One good input among bad ones: it loads, each bad one is named, the exit code is 0.
    let mixed = home.run(&[
        "--dump",
        &server.url("/missing"),
        &server.url("/ok"),
        "ftp://127.0.0.1/x",
    ]);
    assert!(mixed.status.success(), "{}", err(&mixed));
    assert!(out(&mixed).contains("Working page"));
    assert!(err(&mixed).contains(&format!("{}: HTTP 404 Not Found", server.url("/missing"))));
    assert!(err(&mixed).contains("ftp: refused"));
    // A failed fetch is a failed source, and all failed is a failure.
    let f = home.run(&["fetch", &server.url("/missing")]);
    assert!(!f.status.success());
    assert!(
        out(&f).contains("failed: HTTP 404 Not Found"),
        "{}",
        out(&f)
    );
    // Nothing written to stdout or stderr carries an escape byte.
    for o in [&file, &slow, &mixed, &f] {
        assert!(!o.stdout.contains(&0x1b) && !o.stderr.contains(&0x1b));
    }
}

#[test]
fn a_background_refresh_reports_each_step_and_refreshes_known_sources() {
    use parallax::engine::fetch::NetOptions;
    use parallax::engine::load::LoadOptions;
    use parallax::store::sync::{self, Background, Event, Outcome};
    let home = Home::new("background");
    let server = news_server();
    let opts = LoadOptions {
        net: NetOptions {
            proxy_from_env: false,
            ..NetOptions::default()
        },
        ..LoadOptions::default()
    };
    let run = |urls: Vec<String>| {
        let (tx, rx) = std::sync::mpsc::channel();
        let worker = sync::spawn(home.store(), None, urls, opts, move |b| {
            let _ = tx.send(b);
        });
        let got: Vec<Background> = rx.iter().collect();
        worker.join().unwrap();
        got
    };
    // Nothing to refresh yet (no urls file, nothing fetched): said, and no store is made.
    assert_eq!(
        run(Vec::new()),
        vec![Background::Failed(sync::NOTHING_TO_REFRESH.into())]
    );
    assert!(!home.store().exists(), "an empty store was created");
    let got = run(vec![server.url("/bg/feed.xml")]);
    assert!(
        matches!(got.first(), Some(Background::Event(Event::Queued(u))) if u.ends_with("/bg/feed.xml")),
        "every URL is listed as queued first: {:?}",
        got.first()
    );
    assert!(
        got.iter()
            .any(|b| matches!(b, Background::Event(Event::Stage { .. }))),
        "stages are reported"
    );
    match got.last() {
        Some(Background::Finished(reports)) => {
            assert!(matches!(&reports[0].outcome, Outcome::Saved { counts, .. } if counts.new == 2))
        }
        other => panic!("{other:?}"),
    }
    // No URLs and no urls file (none is passed: the user's own is never read by a test):
    // the sources fetched before are refreshed (304 here).
    let again = run(Vec::new());
    match again.last() {
        Some(Background::Finished(reports)) => {
            assert_eq!(reports.len(), 1);
            assert_eq!(reports[0].outcome, Outcome::NotModified);
        }
        other => panic!("{other:?}"),
    }
}
