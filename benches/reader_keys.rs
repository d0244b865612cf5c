//! Key-to-frame time of the reader with 2,000 reports loaded: a key sequence (move, page,
//! open, scroll, compare, story screen and its panes, back) replayed through the real keymap,
//! `App::update`, `App::prepare` and `ui::render` on ratatui's `TestBackend` at 120x40.
//! Prints the median and the 99th percentile per key, over every key of every round.
//!
//! The library is 400 stories of five reports each (the seeds, retitled per story), fed to
//! the app as the loading pipeline's events; each story's model is the seeds' model, built
//! once (the model's cost is `benches/compare.rs`'s; this measures the reader). A
//! comparison a key starts is run in place and handed back before the next key, as the
//! worker would; its time is not counted (it runs off the UI thread).
//!
//! `cargo bench --bench reader_keys` (`-- ROUNDS` to change the number of rounds, default 20).

use parallax::engine::article::{Format, Source};
use parallax::engine::entities::index::EntityIndex;
use parallax::engine::entities::{extract, extract_story};
use parallax::engine::group::Story;
use parallax::engine::load::{SEEDS, parse};
use parallax::engine::pipeline::{Event, model};
use parallax::tui::action::{Action, Effect};
use parallax::tui::app::App;
use parallax::tui::compare::job::run;
use parallax::tui::keymap::{Keymap, Mode};
use parallax::tui::theme::{Depth, Theme};
use parallax::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use std::time::{Duration, Instant};

const STORIES: usize = 400;
const SIZE: (u16, u16) = (120, 40);

/// The library's events: 2,000 reports in 400 stories of five.
fn library() -> Vec<Event> {
    let seeds: Vec<_> = SEEDS
        .iter()
        .map(|(_, t)| {
            parse(Source::Stdin, t.as_bytes(), Format::Text)
                .expect("a seed parses")
                .articles
                .remove(0)
        })
        .collect();
    let per_article: Vec<_> = seeds.iter().map(extract).collect();
    let together = extract_story(&seeds);
    let seed_model = Arc::new(model(&seeds, &together, &[0, 1, 2, 3, 4]));
    let k = seeds.len();
    let mut events = Vec::new();
    let mut articles = Vec::new();
    for s in 0..STORIES {
        for (i, seed) in seeds.iter().enumerate() {
            let mut a = seed.clone();
            a.title = format!("Story {s}: {}", seed.title);
            let a = Arc::new(a);
            articles.push(a.clone());
            events.push(Event::Loaded {
                order: s * k + i,
                articles: vec![a],
            });
        }
    }
    events.push(Event::LoadFinished);
    let n = articles.len();
    let first: Vec<_> = (0..n)
        .map(|i| Arc::new(per_article[i % k].clone()))
        .collect();
    events.push(Event::Extracted(first));
    events.push(Event::Grouped(
        (0..STORIES)
            .map(|s| Story {
                members: (s * k..s * k + k).collect(),
                label: format!("story {s}"),
            })
            .collect(),
    ));
    let shared: Vec<_> = together.iter().cloned().map(Arc::new).collect();
    let all: Vec<_> = (0..n).map(|i| shared[i % k].clone()).collect();
    let refs: Vec<_> = all.iter().map(|e| &**e).collect();
    events.push(Event::Entities(EntityIndex::build(&refs)));
    events.push(Event::Extracted(all));
    for s in 0..STORIES {
        events.push(Event::Story {
            members: (s * k..s * k + k).collect(),
            model: seed_model.clone(),
        });
    }
    events.push(Event::Finished);
    events
}

/// One round of keys: what a reader does in a minute.
fn keys() -> Vec<KeyCode> {
    use KeyCode::*;
    let mut v = vec![Char('j'); 10];
    v.extend([
        PageDown,
        PageDown,
        Char('G'),
        Char('g'),
        Char('j'),
        Char('j'),
    ]);
    v.extend([Enter, Char(' '), Char(' '), Char('j'), Char('k'), Char('h')]);
    v.extend([Char(' '), Char('j'), Char(' '), Char('c')]);
    v.extend([Char('j'); 8]);
    v.extend([PageDown, Char('n'), Esc]);
    v.extend([
        Char('o'),
        Char('1'),
        Char('2'),
        Char('j'),
        Char('3'),
        Char('4'),
        Char('5'),
    ]);
    v.extend([Char('j'); 4]);
    v.extend([
        Esc,
        Char('E'),
        Char('j'),
        Char('j'),
        Char('E'),
        Char('h'),
        Char('k'),
        Char('k'),
    ]);
    v
}

fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let t = Instant::now();
    let events = library();
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::TrueColor));
    for e in events {
        app.update(Action::Pipeline(e));
    }
    assert_eq!(app.model.reports.len(), STORIES * 5);
    eprintln!(
        "reader_keys: {} reports loaded in {:.1?}",
        app.model.reports.len(),
        t.elapsed()
    );
    let mut term = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("test backend");
    app.update(Action::Resize(SIZE.0, SIZE.1));
    app.prepare();
    term.draw(|f| ui::render(&app, f)).expect("draws");
    let keys = keys();
    let mut times: Vec<Duration> = Vec::with_capacity(rounds * keys.len());
    let mut unbound = 0;
    let (mut compared, mut story) = (0, 0);
    for _ in 0..rounds {
        for &code in &keys {
            let ev = KeyEvent::new(code, KeyModifiers::NONE);
            let start = Instant::now();
            let effect = match app.keymap.lookup(app.mode(), &ev) {
                Some(c) => app.update(Action::Command(c)),
                None => {
                    unbound += 1;
                    None
                }
            };
            app.prepare();
            term.draw(|f| ui::render(&app, f)).expect("draws");
            times.push(start.elapsed());
            compared += usize::from(app.mode() == Mode::Compare);
            story += usize::from(app.mode() == Mode::Story);
            if let Some(Effect::StartCompare(job)) = effect {
                app.update(Action::Compared(Box::new(run(*job))));
                app.prepare();
                term.draw(|f| ui::render(&app, f)).expect("draws");
            }
        }
    }
    // The sequence must reach the views it is meant to time.
    assert!(
        compared > 0 && story > 0,
        "compare {compared}, story {story}"
    );
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "reader_keys: {} keys ({} rounds of {}, {} not bound in their mode; {} in the compare view, {} on the story screen), 2,000 reports, {}x{}",
        times.len(),
        rounds,
        keys.len(),
        unbound,
        compared,
        story,
        SIZE.0,
        SIZE.1
    );
    println!(
        "key-to-frame median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
}
