//! The reader's size bounds and its one geometry: a huge terminal is laid out and drawn at
//! most `geometry::MAX_COLS` × `MAX_ROWS` (a resize to 10000×10000 froze the reader for 30 s
//! at 9.4 GB), and the reading pane is wrapped at the width it is drawn at (the gutter was
//! decided in two places: the open report's story when laying out, any story when drawing).

mod common;
use common::{draw, events, feed, press, screen};

use parallax::engine::group::Story;
use parallax::engine::load::seed_inputs;
use parallax::engine::pipeline::{self, Event};
use parallax::tui::action::Action;
use parallax::tui::app::App;
use parallax::tui::geometry::{MAX_COLS, MAX_ROWS};
use parallax::tui::keymap::Keymap;
use parallax::tui::layout::line_text;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;
use std::sync::Arc;

fn seeds_app() -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(&mut app, events(&seed_inputs()));
    app
}

#[test]
fn a_huge_terminal_is_laid_out_within_the_clamp() {
    let mut app = seeds_app();
    app.update(Action::Resize(10_000, 10_000));
    assert_eq!(app.geometry.size, (MAX_COLS, MAX_ROWS));
    let text = app.geometry.main.reader_text;
    assert!(text.right() <= MAX_COLS && text.bottom() <= MAX_ROWS);
    // The reader's layout is built at the clamped width, not at 10,000 columns.
    let (_, doc) = app.reader.doc.as_ref().expect("laid out");
    assert_eq!(doc.width, text.width);
    // Every screen of it draws at the clamped size (and at a frame a little larger than the
    // clamp, the rest stays blank).
    for code in [KeyCode::Char('o'), KeyCode::Esc, KeyCode::Char('E')] {
        press(&mut app, code);
        app.update(Action::Resize(10_000, 10_000));
        let s = screen(&draw(&mut app, MAX_COLS, MAX_ROWS));
        assert!(s.contains("Library") || s.contains("Entities") || s.contains("Coverage"));
    }
    let s = screen(&draw(&mut app, MAX_COLS + 7, 30));
    assert!(s.lines().all(|l| l.chars().count() <= MAX_COLS as usize));
}

#[test]
fn the_reader_is_drawn_at_the_width_it_was_wrapped_at() {
    // Seeds 0–3 are one story with a model; seed 4 is a story of its own, open in the
    // reader. It has no gutter, so its text must use the whole width (it was wrapped at the
    // whole width but drawn one column narrower, cutting the last letter of full lines).
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    let all = events(&seed_inputs());
    let articles: Vec<_> = all
        .iter()
        .filter_map(|e| match e {
            Event::Loaded { order, articles } => Some((*order, articles.clone())),
            _ => None,
        })
        .collect();
    feed(
        &mut app,
        all.into_iter()
            .filter(|e| !matches!(e, Event::Grouped(_) | Event::Story { .. })),
    );
    let mut sorted = articles;
    sorted.sort_by_key(|(o, _)| *o);
    let library: Vec<_> = sorted
        .into_iter()
        .flat_map(|(_, a)| a)
        .map(|a| (*a).clone())
        .collect();
    let extractions: Vec<_> = app
        .model
        .reports
        .iter()
        .map(|r| (*r.extraction).clone())
        .collect();
    let four = vec![0, 1, 2, 3];
    let model = pipeline::model(&library, &extractions, &four);
    feed(
        &mut app,
        [
            Event::Grouped(vec![
                Story {
                    members: four.clone(),
                    label: String::new(),
                },
                Story {
                    members: vec![4],
                    label: String::new(),
                },
            ]),
            Event::Story {
                members: four,
                model: Arc::new(model),
            },
        ],
    );
    assert!(app.story().is_some());
    while app.library.selected != 4 {
        press(&mut app, KeyCode::Char('j'));
    }
    let mut full_lines = 0;
    for w in 80..=110u16 {
        let s = screen(&draw(&mut app, w, 40));
        let text = app.geometry.main.reader_text;
        let (open, doc) = app.reader.doc.as_ref().expect("laid out");
        assert_eq!(*open, 4);
        assert_eq!(doc.width, text.width, "one width for wrapping and drawing");
        let article = &app.model.reports[4].article;
        let rows: Vec<&str> = s.lines().collect();
        for (k, line) in doc.lines.iter().take(text.height as usize).enumerate() {
            let t = line_text(&article.text, line);
            let row: String = rows[text.y as usize + k]
                .chars()
                .skip(text.x as usize)
                .collect();
            assert!(row.starts_with(&t), "{w}: {row:?} does not show {t:?}");
            full_lines += usize::from(
                unicode_width::UnicodeWidthStr::width(t.as_str()) == text.width as usize,
            );
        }
    }
    assert!(full_lines > 0, "some line fills the pane exactly");
}
