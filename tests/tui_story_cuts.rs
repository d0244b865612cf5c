//! Text the story screen cuts to fit says so with `…`, and what matters is never cut away:
//! the coverage legend, the tab bar (the open tab always shown), the entity detail after a
//! resize, and the discrepancies pane, which shows every report's value however narrow.
//! Driven through the keymap and `App::update`, drawn on ratatui's TestBackend.

mod common;
use common::{draw, events, feed, press, screen};

use parallax::engine::load::seed_inputs;
use parallax::engine::sanitize::sanitize_line;
use parallax::tui::app::App;
use parallax::tui::keymap::Keymap;
use parallax::tui::story::Pane;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;

fn story(w: u16, h: u16) -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    feed(&mut app, events(&seed_inputs()));
    draw(&mut app, w, h);
    press(&mut app, KeyCode::Char('o'));
    assert!(app.story_view.open, "the seeds make a story");
    app
}

/// The inside of the story screen's box: each line between its borders.
fn inside(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix('│'))
        .map(|l| l.trim_end_matches('│').trim_end().to_string())
        .collect()
}

#[test]
fn the_coverage_legend_fits_at_80_columns_and_is_cut_with_an_ellipsis_below() {
    let mut app = story(80, 24);
    let s = screen(&draw(&mut app, 80, 24));
    let legend = inside(&s)
        .into_iter()
        .find(|l| l.contains("<25%"))
        .unwrap_or_else(|| panic!("the legend:\n{s}"));
    assert!(
        legend.ends_with("of the row's words the column covers"),
        "{s}"
    );
    for w in [40, 50, 60, 70] {
        let s = screen(&draw(&mut app, w, 24));
        let legend = inside(&s)
            .into_iter()
            .find(|l| l.contains("<25%"))
            .unwrap_or_else(|| panic!("the legend at {w}:\n{s}"));
        assert!(legend.ends_with('…'), "cut at {w} columns: {legend:?}\n{s}");
    }
}

#[test]
fn the_open_tab_is_always_shown_and_cut_tabs_say_so() {
    for (w, h) in [(40, 12), (30, 10), (20, 6), (60, 24)] {
        let mut app = story(w, h);
        for (k, pane) in Pane::ALL.iter().enumerate() {
            press(&mut app, KeyCode::Char(char::from(b'1' + k as u8)));
            assert_eq!(app.story_view.pane, *pane);
            let s = screen(&draw(&mut app, w, h));
            let bar = s.lines().next().unwrap_or_default();
            let m = app.story().unwrap().clone();
            let full = app.story_view.tab_labels(&m);
            let open = full[k].trim();
            // The open tab in full (on a bar too narrow even for that, its start and `…`).
            let cut: String = open.chars().take(3).collect();
            assert!(
                bar.contains(open) || (w <= 20 && bar.contains(&cut) && bar.contains('…')),
                "{w}x{h}: tab {} is open, so shown: {bar:?}",
                k + 1
            );
            // Every tab keeps at least its number.
            for n in 1..=5 {
                assert!(bar.contains(&n.to_string()), "{w}x{h}: tab {n} in {bar:?}");
            }
            // A title that is not shown in full is cut with `…`.
            for (j, label) in full.iter().enumerate() {
                let title = label.trim();
                if j != k && !bar.contains(title) {
                    let words: Vec<&str> = title.split(' ').collect();
                    let partial = bar.contains(&format!("{} {}", words[0], &words[1][..1]));
                    assert!(
                        !partial || bar.contains('…'),
                        "{w}x{h}: tab {} is cut without …: {bar:?}",
                        j + 1
                    );
                }
            }
        }
    }
}

#[test]
fn the_entity_detail_cuts_the_first_mention_with_an_ellipsis_after_a_resize() {
    let mut app = story(80, 24);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 80, 24);
    let m = app.story().unwrap().clone();
    for w in [40, 50, 60] {
        let s = screen(&draw(&mut app, w, 24));
        let mut checked = 0;
        for line in inside(&s) {
            // A report's line: "000 ●5  mentions …n President Vladimir Putin."
            let label = line.split(' ').next().unwrap_or_default();
            let Some(r) = (0..m.n).find(|&r| app.model.outlet(app.story_report(r)) == label) else {
                continue;
            };
            let Some((_, shown)) = line.split_once(" mention") else {
                continue;
            };
            let shown = shown.trim_start_matches('s').trim_start_matches([' ', '…']);
            if shown.is_empty() || shown.ends_with('…') {
                checked += 1;
                continue;
            }
            // Shown whole: it is the end of a sentence of its report.
            let a = app.model.article(app.story_report(r)).unwrap();
            let ends = m.sentences[r]
                .iter()
                .any(|x| sanitize_line(a.slice(x.span)).ends_with(shown.trim_end()));
            assert!(
                ends,
                "{w} columns: {label}'s first mention is cut without …: {shown:?}\n{s}"
            );
            checked += 1;
        }
        assert!(checked > 0, "the detail lists first mentions at {w}:\n{s}");
    }
}

#[test]
fn the_discrepancies_pane_shows_every_reports_value_at_40_columns() {
    for (w, h) in [(40, 12), (40, 24), (34, 12), (80, 24)] {
        let mut app = story(w, h);
        press(&mut app, KeyCode::Char('5'));
        let s = screen(&draw(&mut app, w, h));
        let m = app.story().unwrap().clone();
        assert!(!m.discrepancies.is_empty(), "the seeds' story has some");
        let lines = inside(&s);
        for (k, d) in m.discrepancies.iter().enumerate() {
            let row = &lines[1 + k];
            for (&r, (_, vals)) in &d.values {
                let label = app.model.outlet(app.story_report(r));
                let value = sanitize_line(&vals[0].0);
                let whole = format!("{label}: {value}");
                let first: String = value.chars().take(1).collect();
                assert!(
                    row.contains(&whole)
                        || (w < 40
                            && row.contains(&format!("{label}: {first}"))
                            && row.contains('…')),
                    "{w}x{h}: row {} shows {whole:?}: {row:?}\n{s}",
                    k + 1
                );
            }
        }
    }
}
