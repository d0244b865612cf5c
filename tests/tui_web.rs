//! The reader and the web: each URL's state under the library while it is fetched (from
//! the pipeline's events, with a real loopback server), `R` refreshing in the background
//! (status, summary, reopening the store's library), and `V` comparing two kept versions of
//! an article in the compare view.

mod common;
#[path = "common/http.rs"]
mod http;

use common::{draw, press, run_pending, screen, update};
use http::{Reply, Server};
use parallax::engine::article::{Format, Source};
use parallax::engine::fetch::{NetOptions, Stage};
use parallax::engine::load::{self, Input, LoadOptions};
use parallax::engine::pipeline::{self, Event, FetchState};
use parallax::store::sync::{Background, Event as SyncEvent, Outcome, Report};
use parallax::store::{Incoming, SaveCounts, Store};
use parallax::tui::action::{Action, Command, Effect};
use parallax::tui::app::App;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;

fn app() -> App {
    App::new(Keymap::default_map(), Theme::new(Depth::Mono))
}

fn fetching(order: usize, url: &str, state: FetchState) -> Action {
    Action::Pipeline(Event::Fetching {
        order,
        url: url.into(),
        state,
    })
}

#[test]
fn each_url_s_state_is_listed_under_the_library_while_it_is_fetched() {
    let mut app = app();
    let (a, b, c) = (
        "http://127.0.0.1:8/news/first-story.html",
        "http://127.0.0.1:8/feed.xml",
        "http://127.0.0.1:8/gone.html",
    );
    for (i, u) in [a, b, c].iter().enumerate() {
        app.update(fetching(i, u, FetchState::Queued));
    }
    app.update(fetching(
        0,
        a,
        FetchState::Stage(Stage::Receiving {
            bytes: 40 * 1024,
            total: Some(120 * 1024),
        }),
    ));
    app.update(fetching(
        1,
        b,
        FetchState::Stage(Stage::FullText { done: 2, total: 5 }),
    ));
    app.update(fetching(
        2,
        c,
        FetchState::Failed("HTTP 404 Not Found".into()),
    ));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("Fetching 1/3"), "{s}");
    assert!(s.contains("⟳ …1:8/news/first-story.html"), "{s}");
    assert!(s.contains("40 KB of 120 KB"), "{s}");
    assert!(s.contains("full text 2/5"), "{s}");
    assert!(s.contains("✗ 127.0.0.1:8/gone.html"), "{s}");
    assert!(s.contains("HTTP 404 Not Found"), "{s}");
    // Every size, the list included: nothing panics, nothing overflows.
    for (w, h) in [(0, 0), (1, 1), (20, 4), (30, 8), (80, 24), (40, 50)] {
        draw(&mut app, w, h);
    }
    // Once every URL is done, the list goes.
    app.update(fetching(0, a, FetchState::Done(1)));
    app.update(fetching(1, b, FetchState::Done(5)));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(!s.contains("Fetching"), "{s}");
}

#[test]
fn the_pipeline_reports_every_url_from_queued_to_its_end() {
    let page = "<html><head><title>Loopback page</title></head><body><article><h1>Loopback \
        page</h1><p>The council met on Monday and approved the budget for next year after a \
        long debate about roads and schools and the cost of both.</p></article></body></html>";
    let server = Server::start(move |req| match req.path.as_str() {
        "/page" => Reply::ok("text/html", page),
        _ => Reply::status(404),
    });
    let opts = LoadOptions {
        net: NetOptions {
            proxy_from_env: false,
            ..NetOptions::default()
        },
        ..LoadOptions::default()
    };
    let urls = [server.url("/page"), server.url("/gone")];
    let inputs: Vec<Input> = urls.iter().cloned().map(Input::Url).collect();
    let events = pipeline::collect(&inputs, &opts);
    for (order, url) in urls.iter().enumerate() {
        let states: Vec<&FetchState> = events
            .iter()
            .filter_map(|e| match e {
                Event::Fetching {
                    order: o, state, ..
                } if *o == order => Some(state),
                _ => None,
            })
            .collect();
        assert_eq!(states.first(), Some(&&FetchState::Queued), "{url}");
        assert!(
            states
                .iter()
                .any(|s| matches!(s, FetchState::Stage(Stage::Connecting))),
            "{url}: {states:?}"
        );
        let last = states.last().unwrap();
        match order {
            0 => assert_eq!(**last, FetchState::Done(1)),
            _ => assert_eq!(**last, FetchState::Failed("HTTP 404 Not Found".into())),
        }
    }
    // The reader fed these events lists nothing at the end, and the page is in the library.
    let mut app = app();
    common::feed(&mut app, events);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(
        s.contains("Loopback page") && !s.contains("Fetching"),
        "{s}"
    );
}

fn report(new: usize) -> Report {
    Report {
        url: "http://127.0.0.1:8/feed.xml".into(),
        outcome: Outcome::Saved {
            counts: SaveCounts {
                new,
                changed: 0,
                unchanged: 3,
            },
            problems: vec![],
        },
    }
}

/// A stored article of `url` (as the store's library holds it).
fn stored(url: &str, title: &str) -> Input {
    let a = load::parse(
        Source::Url(url.into()),
        format!("{title}\n\nA report about {title} from the store, long enough to read.")
            .as_bytes(),
        Format::Text,
    )
    .unwrap()
    .articles
    .remove(0);
    parallax::engine::saved::input(parallax::engine::saved::SavedArticle::of(&a, url))
}

#[test]
fn r_refreshes_in_the_background_and_reopens_the_store_s_library() {
    let mut app = app();
    app.web.from_store = true;
    common::feed(
        &mut app,
        common::events(&[stored("http://h/old", "Old headline")]),
    );
    assert!(matches!(
        app.update(Action::Command(Command::Refresh)),
        Some(Effect::Refresh)
    ));
    // A second R while one runs is refused, not started twice.
    app.update(Action::Command(Command::Refresh));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("a refresh is already running"), "{s}");
    app.update(Action::Refresh(Background::Event(SyncEvent::Queued(
        "http://127.0.0.1:8/story.html".into(),
    ))));
    app.update(Action::Refresh(Background::Event(SyncEvent::Stage {
        url: "http://127.0.0.1:8/feed.xml".into(),
        stage: Stage::Connecting,
    })));
    press(&mut app, KeyCode::Char('j'));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("Refreshing 0/2"), "{s}");
    assert!(s.contains("refreshing 0/2 in the background"), "{s}");
    assert!(
        s.contains("· 127.0.0.1:8/story.html") && s.contains("queued"),
        "{s}"
    );
    assert!(
        s.contains("127.0.0.1:8/feed.xml") && s.contains("connecting"),
        "{s}"
    );
    app.update(Action::Refresh(Background::Event(SyncEvent::Done(report(
        2,
    )))));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("2 new, 3 unchanged"), "{s}");
    let effect = app.update(Action::Refresh(Background::Finished(vec![report(2)])));
    assert!(matches!(effect, Some(Effect::Reload)), "{effect:?}");
    // The store's articles come back: the library starts over with them, the summary shows.
    let effect = app.update(Action::Reopen(vec![stored("http://h/a", "Fresh headline")]));
    let Some(Effect::StartPipeline(inputs)) = effect else {
        panic!("{effect:?}")
    };
    assert_eq!(inputs.len(), 1);
    assert_eq!(app.model.len(), 0, "the old library is gone");
    common::feed(&mut app, common::events(&inputs));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("refreshed 1 source: 2 new"), "{s}");
    assert!(
        s.contains("Fresh headline") && !s.contains("Old headline"),
        "{s}"
    );
    // Nothing new: no reopening, just the summary.
    app.update(Action::Command(Command::Refresh));
    let effect = app.update(Action::Refresh(Background::Finished(vec![report(0)])));
    assert!(effect.is_none(), "{effect:?}");
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("refreshed 1 source: nothing new"), "{s}");
}

#[test]
fn a_reopened_library_keeps_the_report_being_read() {
    let mut app = app();
    app.web.from_store = true;
    let urls = ["http://h/1", "http://h/2", "http://h/3"];
    let inputs: Vec<Input> = urls
        .iter()
        .zip(["First story", "Second story", "Third story"])
        .map(|(u, t)| stored(u, t))
        .collect();
    common::feed(&mut app, common::events(&inputs));
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    let reading = |app: &App| {
        let i = app.reader.open.unwrap();
        parallax::tui::web::web_url(app.model.article(i).unwrap()).map(str::to_string)
    };
    assert_eq!(reading(&app).as_deref(), Some(urls[2]));
    // The store comes back with a new article first: the one being read stays open.
    let mut again = vec![stored("http://h/0", "A new story")];
    again.extend(inputs.iter().cloned());
    let Some(Effect::StartPipeline(inputs)) = app.update(Action::Reopen(again)) else {
        panic!("reopen")
    };
    common::feed(&mut app, common::events(&inputs));
    assert_eq!(reading(&app).as_deref(), Some(urls[2]));
    assert_eq!(app.library.selected, app.reader.open.unwrap());
}

#[test]
fn a_reopening_waits_until_the_compare_view_is_closed() {
    let mut app = app();
    app.web.from_store = true;
    let inputs = vec![
        stored("http://h/1", "First story"),
        stored("http://h/2", "Second story"),
    ];
    common::feed(&mut app, common::events(&inputs));
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    assert!(app.compare.is_some());
    app.update(Action::Command(Command::Refresh));
    app.update(Action::Refresh(Background::Finished(vec![report(1)])));
    let effect = app.update(Action::Reopen(vec![stored("http://h/3", "Third story")]));
    assert!(effect.is_none(), "{effect:?}");
    assert!(app.compare.is_some(), "the view stays open");
    // Esc closes it; the reopening that waited follows.
    let ev = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Esc,
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    let c = app.keymap.lookup(app.mode(), &ev).unwrap();
    let effect = app.update(Action::Command(c));
    assert!(
        matches!(&effect, Some(Effect::StartPipeline(i)) if i.len() == 1),
        "{effect:?}"
    );
    assert!(app.compare.is_none() && app.model.is_empty());
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("refreshed 1 source: 1 new"), "{s}");
}

#[test]
fn v_compares_two_kept_versions_of_an_article() {
    let dir = std::env::temp_dir().join(format!("parallax-tui-web-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("store.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let url = "http://127.0.0.1:8/story.html";
    for body in [
        "Council passes budget\n\nThe city council voted on Monday to approve the budget.\n\nThe mayor will sign it this week.",
        "Council passes budget\n\nThe city council voted on Tuesday to approve the budget.\n\nThe mayor will sign it this week.\n\nCorrection: an earlier version gave the wrong day.",
    ] {
        let a = load::parse(Source::Url(url.into()), body.as_bytes(), Format::Text)
            .unwrap()
            .articles
            .remove(0);
        store
            .save_articles(&[Incoming {
                article: &a,
                url: url.into(),
                raw_sha256: parallax::engine::fetch::sha256_hex(body.as_bytes()),
            }])
            .unwrap();
    }
    drop(store);
    // The library as the store opens it: V on the report asks for its versions.
    let mut app = app();
    let inputs = parallax::store::stored_inputs(&path, 10).unwrap().unwrap();
    common::feed(&mut app, common::events(&inputs));
    draw(&mut app, 120, 30);
    let effect = app.update(Action::Command(Command::Versions));
    assert!(
        matches!(&effect, Some(Effect::LoadVersions(u)) if u == url),
        "{effect:?}"
    );
    // The worker's answer opens the compare view: older version as A.
    let result = parallax::tui::web::read_versions(Some(&path), url);
    assert!(matches!(&result, Ok(Some(_))), "{result:?}");
    update(
        &mut app,
        Action::Versions {
            url: url.into(),
            result,
        },
    );
    run_pending(&mut app);
    let s = screen(&draw(&mut app, 120, 30));
    assert!(
        s.contains("version 1 of 2 · 20") && s.contains("version 2 of 2 · 20"),
        "{s}"
    );
    assert!(s.contains("Monday") && s.contains("Tuesday"), "{s}");
    assert!(s.contains("Correction"), "{s}");
    // On a small screen the labels stay whole (the titles are cut instead).
    let s = screen(&draw(&mut app, 60, 15));
    let whole = |v: &str| {
        s.lines()
            .any(|l| l.contains(&format!("{v} · 20")) && l.contains(" UTC"))
    };
    assert!(whole("version 1 of 2") && whole("version 2 of 2"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(app.compare.is_none());
    // A report with one version says so; a local file has none.
    app.update(Action::Versions {
        url: url.into(),
        result: Ok(None),
    });
    let s = screen(&draw(&mut app, 120, 30));
    assert!(s.contains("one version kept"), "{s}");
    // An article the store does not keep, or no store: said, not an empty view.
    for store in [Some(path.as_path()), None] {
        let r = parallax::tui::web::read_versions(store, "http://127.0.0.1:8/never.html");
        assert!(
            matches!(&r, Err(why) if why.contains("not in the store")),
            "{r:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn v_on_a_local_report_explains_itself() {
    let mut app = app();
    common::feed(&mut app, common::events(&load::seed_inputs()));
    draw(&mut app, 100, 30);
    app.update(Action::Command(Command::Versions));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(
        s.contains("not from the web: no versions to compare"),
        "{s}"
    );
}
