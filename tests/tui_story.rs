//! The story screen (`o`) on the seeds: each pane drawn at 120x40 and 80x24, every size
//! without panic, the single-source filter, Enter into the reader, the reader's gutter and `U`.

mod common;
use common::{draw, events, feed, press, screen};

use parallax::engine::load::{Input, seed_inputs};
use parallax::engine::pipeline::Event;
use parallax::tui::action::{Action, Command};
use parallax::tui::app::{App, Focus};
use parallax::tui::keymap::Keymap;
use parallax::tui::story::Pane;
use parallax::tui::theme::{Depth, Role, Theme};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

/// `inputs` through the whole loading pipeline, as the reader receives it.
fn loaded_app(depth: Depth, inputs: &[Input]) -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(depth));
    feed(&mut app, events(inputs));
    app
}

/// The seeds with their story model.
fn story_app(depth: Depth) -> App {
    let app = loaded_app(depth, &seed_inputs());
    assert!(app.story().is_some());
    app
}

#[test]
fn each_pane_at_120x40_and_80x24() {
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut app = story_app(Depth::Mono);
        draw(&mut app, w, h);
        press(&mut app, KeyCode::Char('o'));
        assert!(app.story_view.open);
        for (k, pane) in Pane::ALL.iter().enumerate() {
            press(&mut app, KeyCode::Char(char::from(b'1' + k as u8)));
            assert_eq!(app.story_view.pane, *pane);
            let s = screen(&draw(&mut app, w, h));
            assert!(s.contains(pane.title()), "{s}");
            let name = format!("story_{}_{w}x{h}", pane.title().to_lowercase());
            insta::assert_snapshot!(name, s);
        }
        press(&mut app, KeyCode::Esc);
        assert!(!app.story_view.open, "Esc goes back");
        let s = screen(&draw(&mut app, w, h));
        assert!(!s.contains("Discrepancies"), "{s}");
    }
}

#[test]
fn coverage_shade_matches_the_printed_percentage() {
    let mut app = story_app(Depth::Mono);
    // Two cells that both print as 50: 0.496 rounds up, 0.5 is 50 exactly.
    let mut model = (**app.story().unwrap()).clone();
    model.coverage[0][1] = 0.496;
    model.coverage[0][2] = 0.5;
    let members = app.story_members().to_vec();
    feed(
        &mut app,
        [Event::Story {
            members,
            model: std::sync::Arc::new(model),
        }],
    );
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('1'));
    let s = screen(&draw(&mut app, 120, 40));
    let row = s
        .lines()
        .find(|l| l.contains("—") && l.matches("  50").count() >= 2)
        .unwrap_or_else(|| panic!("first coverage row:\n{s}"));
    assert!(row.matches("▓  50").count() >= 2, "{row}");
    assert!(!row.contains("▒  50"), "{row}");
}

#[test]
fn every_size_renders_the_story_screen_without_panic() {
    let mut app = story_app(Depth::TrueColor);
    app.update(Action::Command(Command::StoryOpen));
    for w in 0..=120u16 {
        for h in 0..=40u16 {
            let pane = ((w + h) % 5) as u8;
            app.update(Action::Command(Command::StoryPane(pane)));
            draw(&mut app, w, h);
            if (w * 3 + h) % 11 == 0 {
                app.update(Action::Command(Command::PageDown));
                app.update(Action::Command(Command::Bottom));
                if w % 2 == 0 {
                    app.update(Action::Command(Command::StorySingleSource));
                }
                draw(&mut app, w, h);
            }
        }
    }
    // The reader with its gutter, dimming on, at every size too.
    app.update(Action::Command(Command::Close));
    app.update(Action::Command(Command::ReaderOnlyThis));
    app.update(Action::Command(Command::FocusReader));
    for w in 0..=120u16 {
        for h in 0..=40u16 {
            draw(&mut app, w, h);
        }
    }
}

#[test]
fn f_filters_the_claims_to_single_source_ones() {
    let mut app = story_app(Depth::Mono);
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('2'));
    let model = app.story().cloned().unwrap();
    let all = model.claims.len();
    let single = model.claims.iter().filter(|c| c.single_source()).count();
    assert!(single > 0 && single < all, "{single} of {all}");
    assert_eq!(app.story_view.claim_rows.len(), all);
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains(" 5/5 "), "{s}");
    press(&mut app, KeyCode::Char('f'));
    let rows = app.story_view.claim_rows.clone();
    assert_eq!(rows.len(), single);
    assert!(rows.iter().all(|&c| model.claims[c].single_source()));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("one report only"), "{s}");
    assert!(
        s.contains(&format!("single-source claims: {single}")),
        "{s}"
    );
    let list: Vec<&str> = s.lines().skip(3).take(20).collect();
    for l in &list {
        assert!(!l.contains(" 5/5 ") && !l.contains(" 2/5 "), "{l}");
    }
    assert!(list.iter().any(|l| l.contains(" 1/5 ")), "{s}");
    // f again: all claims.
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.story_view.claim_rows.len(), all);
}

#[test]
fn enter_on_a_claim_opens_the_reader_at_its_sentence() {
    let mut app = story_app(Depth::Mono);
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('f'));
    // A single-source claim far down a report, so the reader has to scroll.
    let model = app.story().cloned().unwrap();
    let (k, (r, s)) = app
        .story_view
        .claim_rows
        .iter()
        .enumerate()
        .map(|(k, &c)| (k, model.claims[c].sentences[0]))
        .max_by_key(|(_, (_, s))| *s)
        .unwrap();
    for _ in 0..k {
        press(&mut app, KeyCode::Char('j'));
    }
    // Enter: the claim in full (tests/tui_story_detail.rs); Enter there reads it.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(!app.story_view.open);
    assert_eq!(app.reader.open, Some(r));
    assert_eq!(app.focus, Focus::Reader);
    let span = model.sentences[r][s].span;
    assert_eq!(app.reader.mark, Some((r, span)));
    let term = draw(&mut app, 120, 40);
    let screen = screen(&term);
    assert!(app.reader.scroll > 0, "scrolled to sentence {s}");
    // The sentence's first words are on screen, marked.
    let text = app.model.reports[r].article.slice(span);
    let first: String = text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(&first))
        .unwrap_or_else(|| panic!("{first:?} on screen:\n{screen}"));
    let x = line[..line.find(&first).unwrap()].chars().count() as u16;
    let style = term.backend().buffer()[(x, y as u16)].style();
    assert!(style.add_modifier.contains(Modifier::REVERSED), "{style:?}");
    // The gutter says no other report carries it.
    let gutter: Vec<char> = screen
        .lines()
        .filter_map(|l| l.chars().nth(37))
        .filter(|c| c.is_ascii_digit())
        .collect();
    assert!(gutter.contains(&'0'), "{screen}");
}

#[test]
fn the_reader_gutter_counts_other_reports_and_u_dims_shared_sentences() {
    let mut app = story_app(Depth::Mono);
    let term = draw(&mut app, 120, 40);
    let s = screen(&term);
    let model = app.story().cloned().unwrap();
    // The first body sentence of report 1: its count of other reports, left of the text.
    let first = model.sentences[0]
        .iter()
        .position(|x| {
            app.model.reports[0]
                .article
                .slice(x.span)
                .starts_with("The United States")
        })
        .unwrap();
    let n = model.carried_by_others(0, first);
    let line = s
        .lines()
        .find(|l| l.contains("The United States is not"))
        .unwrap();
    assert!(line.contains(&format!("│{n} The United States")), "{line}");
    press(&mut app, KeyCode::Char('U'));
    let term = draw(&mut app, 120, 40);
    let s = screen(&term);
    assert!(s.contains("only this report"), "{s}");
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("The United States is not"))
        .unwrap();
    let x = line[..line.find("The United").unwrap()].chars().count() as u16;
    let dim = term.backend().buffer()[(x, y as u16)].style();
    assert_eq!(
        n > 0,
        dim.add_modifier.contains(Modifier::DIM),
        "shared sentences are dimmed: {dim:?}"
    );
}

#[test]
fn heat_map_shades_are_readable_without_colour() {
    let theme = Theme::new(Depth::Mono);
    assert!(
        theme
            .style(Role::Heat0)
            .add_modifier
            .contains(Modifier::DIM)
    );
    assert!(
        theme
            .style(Role::Heat3)
            .add_modifier
            .contains(Modifier::BOLD)
    );
    let t16 = Theme::new(Depth::Ansi16);
    assert_ne!(t16.style(Role::Heat0), t16.style(Role::Heat3));
    let mut app = story_app(Depth::Mono);
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('o'));
    let s = screen(&draw(&mut app, 120, 40));
    // Shade characters carry the level too.
    assert!(s.contains('▒') || s.contains('▓'), "{s}");
}

#[test]
fn o_before_the_story_is_built_says_so() {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    draw(&mut app, 80, 24);
    // Everything up to the grouping: the model is being built.
    let mut all = events(&seed_inputs());
    let grouped = all
        .iter()
        .position(|e| matches!(e, Event::Grouped(_)))
        .expect("grouped");
    let rest = all.split_off(grouped + 1);
    feed(&mut app, all);
    press(&mut app, KeyCode::Char('o'));
    assert!(!app.story_view.open);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("building story"), "{s}");
    // When the model arrives, the notice says so instead of waiting for a key.
    feed(&mut app, rest);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(!s.contains("building story"), "{s}");
    assert!(s.contains("story ready"), "{s}");
}

#[test]
fn the_status_line_shows_how_far_the_story_is_built() {
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    let mut all = events(&seed_inputs());
    let first = all
        .iter()
        .position(|e| matches!(e, Event::Building { .. }))
        .expect("the pipeline reports the story's progress");
    let Event::Building { done, total, .. } = &all[first] else {
        unreachable!()
    };
    let percent = format!("{}% of {total} report pairs", done * 100 / total);
    let rest = all.split_off(first + 1);
    feed(&mut app, all);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("building story…") && s.contains(&percent), "{s}");
    feed(&mut app, rest);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(!s.contains("report pairs"), "{s}");
    assert!(app.model.building_pairs.is_empty());
}

/// When every story has one report, no model is coming: the status line must not say
/// "building story…" once the pipeline has finished (it did, forever).
#[test]
fn a_library_of_single_report_stories_is_not_building_forever() {
    let mut app = loaded_app(Depth::Mono, &seed_inputs()[..1]);
    assert_eq!(app.model.stories.len(), 1);
    assert!(app.model.stories.iter().all(|s| s.members.len() == 1));
    assert!(!app.model.building);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(!s.contains("building story"), "{s}");
    press(&mut app, KeyCode::Char('o'));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("no other report of this story"), "{s}");
}

#[test]
fn enter_on_a_coverage_cell_compares_that_pair_and_esc_comes_back() {
    let mut app = story_app(Depth::Mono);
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('1'));
    // Row 3 (report 002), then two columns right of the first pair: column 4 (report 003).
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(
        app.story_view.pane,
        Pane::Coverage,
        "→ moves the column here"
    );
    assert_eq!(app.story_view.column, 3);
    let term = draw(&mut app, 120, 40);
    let s = screen(&term);
    assert!(s.contains("Enter: compare 002 (A) with 003 (B)"), "{s}");
    // The row is marked, and in it the cell (column 4) stands out: reversed under NO_COLOR.
    let (y, line) = s
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("│002"))
        .unwrap();
    let dash = line.chars().position(|c| c == '—').unwrap();
    let style = |x: usize| term.backend().buffer()[(x as u16, y as u16)].style();
    assert!(
        style(dash + 3).add_modifier.contains(Modifier::REVERSED),
        "{line}"
    );
    assert!(
        !style(dash - 3).add_modifier.contains(Modifier::REVERSED),
        "{line}"
    );
    assert!(
        !style(2).add_modifier.contains(Modifier::REVERSED),
        "{line}"
    );
    press(&mut app, KeyCode::Enter);
    let view = app.compare.as_ref().expect("the compare view opens");
    assert_eq!(
        view.sides.left.article.text,
        app.model.reports[2].article.text
    );
    assert_eq!(
        view.sides.right.article.text,
        app.model.reports[3].article.text
    );
    common::run_pending(&mut app);
    let s = screen(&draw(&mut app, 120, 40));
    // The same figures as the matrix: the pair is weighed over the story.
    let m = app.story().cloned().unwrap();
    let pct = |x: f32| (x * 100.0).round() as u32;
    let (ab, ba) = (pct(m.coverage[2][3]), pct(m.coverage[3][2]));
    assert!(
        s.contains(&format!("002 · B covers {ab}% of A")),
        "{ab} {s}"
    );
    assert!(
        s.contains(&format!("003 · A covers {ba}% of B")),
        "{ba} {s}"
    );
    // s swaps the sides: the same links, mirrored.
    let before = app
        .compare
        .as_ref()
        .unwrap()
        .comparisons
        .as_ref()
        .unwrap()
        .left
        .clone();
    press(&mut app, KeyCode::Char('s'));
    let after = app.compare.as_ref().unwrap().shown().unwrap().clone();
    let mut mirrored: Vec<(usize, usize)> = after
        .alignment
        .links
        .iter()
        .map(|l| (l.right, l.left))
        .collect();
    let mut original: Vec<(usize, usize)> = before
        .alignment
        .links
        .iter()
        .map(|l| (l.left, l.right))
        .collect();
    original.sort_unstable();
    mirrored.sort_unstable();
    assert_eq!(original, mirrored);
    assert_eq!(before.coverage, (after.coverage.1, after.coverage.0));
    press(&mut app, KeyCode::Esc);
    assert!(app.compare.is_none());
    assert!(app.story_view.open, "Esc goes back to the story screen");
    // The diagonal opens the report.
    press(&mut app, KeyCode::Left);
    assert_eq!(app.story_view.column, 2);
    press(&mut app, KeyCode::Enter);
    assert!(app.compare.is_none() && !app.story_view.open);
    assert_eq!(app.reader.open, Some(2));
}

#[test]
fn enter_on_a_discrepancy_opens_the_compare_view_at_its_row() {
    let mut app = story_app(Depth::Mono);
    draw(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('5'));
    let model = app.story().cloned().unwrap();
    // The Istanbul / Ankara discrepancy.
    let k = model
        .discrepancies
        .iter()
        .position(|d| {
            d.values
                .values()
                .any(|(_, v)| v.iter().any(|x| x.0 == "Ankara"))
        })
        .expect("found");
    for _ in 0..k {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.compare.is_some(), "the compare view opens");
    common::run_pending(&mut app);
    let s = screen(&draw(&mut app, 80, 24));
    let view = app.compare.as_ref().unwrap();
    // The current row holds A's sentence of the discrepancy, and it is on screen.
    let d = &model.discrepancies[k];
    let a = app
        .model
        .reports
        .iter()
        .position(|x| x.article.text == view.sides.left.article.text)
        .unwrap();
    let ((_, s_a), vals) = &d.values[&a];
    let c = view.shown().unwrap();
    let span = model.sentences[a][*s_a].span;
    let i = c
        .left_sentences
        .iter()
        .position(|x| x.span == span)
        .unwrap();
    assert_eq!(c.row_of_left(i), Some(view.row));
    assert!(view.row > 0, "not the first row by chance");
    assert!(s.contains(&format!("A: {} · B: ", vals[0].0)), "{s}");
    let first: String = app.model.reports[a]
        .article
        .slice(span)
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(s.contains(&first), "{first:?} on screen:\n{s}");
    press(&mut app, KeyCode::Esc);
    assert!(app.story_view.open && app.story_view.pane == Pane::Discrepancies);
}

/// The seeds and the Izmir fixtures in one library, grouped and modelled as the loader does.
fn two_story_app() -> App {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/stories/izmir-earthquake");
    let mut inputs = seed_inputs();
    let mut izmir: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    izmir.sort();
    // Interleaved, an Izmir report first, so the grouping (not the input order) makes the
    // stories.
    for (k, p) in izmir.into_iter().enumerate() {
        inputs.insert(2 * k, Input::File(p));
    }
    loaded_app(Depth::Mono, &inputs)
}

#[test]
fn a_library_of_two_stories_lists_them_and_o_opens_the_story_at_hand() {
    let mut app = two_story_app();
    assert_eq!(app.model.stories.len(), 2);
    assert!(!app.model.building);
    // Before any key, the first report of the first story (the seeds; the first input is an
    // Izmir report) is selected and open.
    assert_eq!(app.library.selected, 1);
    assert_eq!(app.reader.open, Some(1));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("Library (9, 2 stories)"), "{s}");
    assert!(
        s.lines().nth(1).unwrap().contains("Story 1 · 5 reports"),
        "{s}"
    );
    assert!(s.contains("┌ 000 "), "{s}");
    assert!(
        s.lines().last().unwrap().starts_with(" 1/9 "),
        "first as listed:\n{s}"
    );
    // The Izmir reports (inputs 0, 2, 4, 6) are listed together under the second header.
    let lines: Vec<&str> = s.lines().collect();
    let h2 = lines
        .iter()
        .position(|l| l.contains("Story 2 · 4 reports"))
        .unwrap_or_else(|| panic!("{s}"));
    for name in [
        "aegean-sentinel",
        "daily-courier",
        "evening-globe",
        "newswire",
    ] {
        let at = lines.iter().position(|l| l.contains(name)).expect(name);
        assert!(at > h2, "{name} under story 2:\n{s}");
    }
    // j walks the library in display order: from the last seed to the first Izmir report.
    let order = app.model.order().to_vec();
    assert_eq!(order.len(), 9);
    let last_seed = order[4];
    while app.library.selected != last_seed {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.library.selected, order[5]);
    assert!(
        format!(
            "{:?}",
            app.model.reports[app.library.selected].article.source
        )
        .contains("izmir"),
        "an Izmir report follows the seeds"
    );
    // o: the Izmir story, four reports, named in the title.
    press(&mut app, KeyCode::Char('o'));
    assert!(app.story_view.open);
    assert_eq!(app.story().unwrap().n, 4);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("Story 2/2"), "{s}");
    assert!(s.contains("story 2/2 · 4 reports"), "{s}");
    assert!(s.contains("aegean-sentinel"), "{s}");
    assert!(!s.contains(" 000"), "{s}");
    // Enter on the first coverage cell compares two Izmir reports (library positions).
    press(&mut app, KeyCode::Enter);
    let view = app.compare.as_ref().expect("compare view");
    let members = app.story_members().to_vec();
    assert_eq!(
        view.sides.left.article.text,
        app.model.reports[members[0]].article.text
    );
    assert_eq!(
        view.sides.right.article.text,
        app.model.reports[members[1]].article.text
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    // Back in the library, a seed report's story is the seeds'.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.story().unwrap().n, 5);
    // The reader's gutter counts within the report's own story.
    press(&mut app, KeyCode::Esc);
    assert!(
        parallax::tui::widgets::story::reader_story(&app, order[5]).is_some_and(|r| r.model.n == 4)
    );
}

#[test]
fn enter_on_an_entity_shows_where_each_report_first_names_it() {
    let mut app = story_app(Depth::Mono);
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('3'));
    let model = app.story().cloned().unwrap();
    let k = app
        .story_view
        .entity_rows
        .iter()
        .position(|&e| model.entities[e].canonical == "Marco Rubio")
        .expect("Rubio is in the matrix");
    for _ in 0..k {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    let s = screen(&draw(&mut app, 120, 40));
    assert!(
        s.contains("Marco Rubio (person): mentions per report"),
        "{s}"
    );
    // 000 first names him opening its second sentence; 001 in "U.S. Secretary of State Marco
    // Rubio, who is in Istanbul".
    let line = |report: &str| {
        s.lines()
            .find(|l| l.starts_with(&format!("│{report}")))
            .unwrap_or_else(|| panic!("{report}:\n{s}"))
            .to_string()
    };
    assert!(
        line("000").contains("Marco Rubio, the U.S. Secretary of State"),
        "{s}"
    );
    assert!(
        line("001").contains("Secretary of State Marco Rubio, who is in"),
        "{s}"
    );
    // Any size, detail open.
    for w in (0..=120u16).step_by(3) {
        for h in (0..=40u16).step_by(2) {
            draw(&mut app, w, h);
        }
    }
}

#[test]
fn a_story_cut_to_the_models_limit_says_so() {
    // A model of the first three of the seeds' five reports stands for a story larger than
    // story::MAX_REPORTS: the reader must say the story was cut, in its messages and on the
    // story screen, and still draw the three it has.
    let mut app = story_app(Depth::Mono);
    let members = app.story_members().to_vec();
    assert_eq!(members.len(), 5);
    let articles: Vec<_> = members
        .iter()
        .map(|&m| (*app.model.reports[m].article).clone())
        .collect();
    let extractions = parallax::engine::entities::extract_story(&articles);
    let model = parallax::engine::pipeline::model(&articles, &extractions, &[0, 1, 2]);
    assert_eq!(model.n, 3);
    let before = app.model.messages.len();
    feed(
        &mut app,
        [Event::Story {
            members: members.clone(),
            model: std::sync::Arc::new(model),
        }],
    );
    let said = &app.model.messages[before..];
    assert!(
        said.iter()
            .any(|m| m.contains("5 reports") && m.contains("first 3")),
        "{said:?}"
    );
    press(&mut app, KeyCode::Char('o'));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("first 3 of 5 reports"), "{s}");
}
