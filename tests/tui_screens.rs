//! Screen tests: the reader drawn on ratatui's TestBackend from the seeds, driven through the
//! real keymap and `App::update`.

mod common;
use common::{draw, events, feed, press, screen};

use parallax::engine::load::{Input, LoadOptions, load_input, seed_inputs};
use parallax::engine::pipeline::Event;
use parallax::tui::action::{Action, Command};
use parallax::tui::app::App;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;
use std::sync::Arc;

fn seeded_app(depth: Depth) -> App {
    let mut app = App::new(Keymap::default_map(), Theme::new(depth));
    // Out of order, as parallel loading delivers them: the library still follows input order.
    // Then the extractions and the entities index, as the pipeline sends them; the story
    // model is left out (these screens show the reader before it is built).
    let (mut loaded, rest): (Vec<Event>, Vec<Event>) = events(&seed_inputs())
        .into_iter()
        .partition(|e| matches!(e, Event::Loaded { .. }));
    let at = |e: &Event| match e {
        Event::Loaded { order, .. } => [3, 0, 4, 1, 2].iter().position(|o| o == order),
        _ => None,
    };
    loaded.sort_by_key(at);
    feed(&mut app, loaded);
    feed(
        &mut app,
        rest.into_iter()
            .filter(|e| !matches!(e, Event::Grouped(_) | Event::Story { .. } | Event::Finished)),
    );
    app
}

#[test]
fn library_and_reader_100x30() {
    let mut app = seeded_app(Depth::Ansi256);
    let term = draw(&mut app, 100, 30);
    insta::assert_snapshot!(screen(&term));
}

#[test]
fn reader_scrolled_on_the_fourth_report_100x30() {
    let mut app = seeded_app(Depth::Ansi256);
    draw(&mut app, 100, 30);
    for code in [
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Enter,
    ] {
        press(&mut app, code);
    }
    press(&mut app, KeyCode::PageDown);
    let term = draw(&mut app, 100, 30);
    let s = screen(&term);
    assert!(s.contains(" 4/5 "), "status shows the open report:\n{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn narrow_60x20_shows_one_pane_and_tab_switches() {
    let mut app = seeded_app(Depth::Ansi16);
    let term = draw(&mut app, 60, 20);
    let lib = screen(&term);
    assert!(lib.contains("Library (5)"));
    insta::assert_snapshot!("narrow_library_60x20", lib);
    press(&mut app, KeyCode::Tab);
    let term = draw(&mut app, 60, 20);
    let reader = screen(&term);
    assert!(!reader.contains("Library (5)"));
    insta::assert_snapshot!("narrow_reader_60x20", reader);
}

#[test]
fn help_overlay_is_generated_from_the_keymap() {
    let mut app = seeded_app(Depth::Mono);
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("Keys"));
    assert!(s.contains("half a page down"));
    press(&mut app, KeyCode::Esc);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(!s.contains("half a page down"));
}

/// The inside of the popup titled `title` on a drawn screen: the rows between its borders,
/// without them.
fn popup_text(s: &str, title: &str) -> Vec<String> {
    let lines: Vec<Vec<char>> = s.lines().map(|l| l.chars().collect()).collect();
    let mark: Vec<char> = format!("┌ {title} ").chars().collect();
    let (top, left) = lines
        .iter()
        .enumerate()
        .find_map(|(y, l)| {
            l.windows(mark.len())
                .position(|w| w == mark.as_slice())
                .map(|x| (y, x))
        })
        .expect("popup on screen");
    let right = left
        + 1
        + lines[top][left + 1..]
            .iter()
            .position(|&c| c == '┐')
            .unwrap();
    lines[top + 1..]
        .iter()
        .take_while(|l| l.get(left) == Some(&'│'))
        .map(|l| l[left + 1..right].iter().collect::<String>())
        .collect()
}

#[test]
fn help_overlay_is_as_wide_as_it_needs_and_wraps_when_narrow() {
    let mut app = seeded_app(Depth::Mono);
    press(&mut app, KeyCode::Char('?'));
    let wide = popup_text(&screen(&draw(&mut app, 160, 140)), "Keys");
    assert!(
        wide.iter()
            .any(|l| l.contains("mark / unmark a report to compare (first A, then B)")),
        "{wide:#?}"
    );
    assert!(wide.iter().all(|l| !l.contains('…')), "{wide:#?}");
    assert!(
        wide.iter().any(|l| l.contains(
            "gutter digit: how many other reports carry the sentence (0: only this one)"
        )),
        "{wide:#?}"
    );
    // Narrow: nothing is cut, descriptions continue on the next line under themselves.
    let narrow = popup_text(&screen(&draw(&mut app, 50, 300)), "Keys");
    assert!(narrow.iter().all(|l| !l.contains('…')), "{narrow:#?}");
    let at = narrow
        .iter()
        .position(|l| l.contains("mark / unmark a report"))
        .expect("mark row");
    let col = narrow[at].find("mark /").unwrap();
    let next = &narrow[at + 1];
    assert!(next[..col].trim().is_empty(), "{next:?}");
    assert!(next.contains("(first A, then B)"), "{narrow:#?}");
    let legend = narrow.join(" ");
    assert!(legend.contains("(0: only this one)"), "{narrow:#?}");
}

#[test]
fn messages_overlay_wraps_long_load_errors() {
    use parallax::engine::load::LoadError;
    let mut app = seeded_app(Depth::Mono);
    app.update(Action::Pipeline(Event::Failed(LoadError::Parse {
        path: "reuters-truncated-invalid.rss.xml".into(),
        reason: "not a valid feed: the XML ends before its root element is closed (truncated?)"
            .into(),
    })));
    press(&mut app, KeyCode::Char('!'));
    for w in [60, 100, 160] {
        let text = popup_text(&screen(&draw(&mut app, w, 40)), "Messages");
        assert!(text.iter().all(|l| !l.contains('…')), "{w}: {text:#?}");
        let joined = text.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        assert!(
            joined.contains("element is closed (truncated?)"),
            "{w}: {text:#?}"
        );
    }
    for (w, h) in [(0, 0), (1, 1), (5, 3), (20, 5)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = seeded_app(Depth::TrueColor);
    app.update(Action::Command(Command::FocusReader));
    app.update(Action::Command(Command::Bottom));
    for w in 0..=120u16 {
        for h in 0..=40u16 {
            draw(&mut app, w, h);
        }
    }
    app.update(Action::Command(Command::Help));
    for (w, h) in [(0, 0), (1, 1), (5, 3), (20, 5), (30, 8), (80, 24)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn every_size_renders_the_entities_pane_without_panic() {
    let mut app = seeded_app(Depth::TrueColor);
    app.update(Action::Command(Command::ToggleEntities));
    app.update(Action::Command(Command::Bottom));
    app.update(Action::Command(Command::JumpMention));
    assert!(
        app.reader.mark.is_some(),
        "the last entity is mentioned in the open report"
    );
    for focus in [Command::FocusLibrary, Command::FocusReader] {
        app.update(Action::Command(focus));
        for w in 0..=120u16 {
            for h in 0..=40u16 {
                draw(&mut app, w, h);
                // Moving and jumping at every size must not panic either.
                if (w + h) % 7 == 0 {
                    app.update(Action::Command(Command::PageUp));
                    app.update(Action::Command(Command::NextMention));
                }
            }
        }
    }
    // An empty index (nothing extracted yet) draws too.
    let mut empty = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    empty.update(Action::Command(Command::ToggleEntities));
    empty.update(Action::Command(Command::JumpMention));
    empty.update(Action::Command(Command::NextMention));
    for (w, h) in [(0, 0), (1, 1), (20, 4), (33, 5), (60, 20), (100, 30)] {
        draw(&mut empty, w, h);
    }
}

#[test]
fn entities_pane_100x30() {
    let mut app = seeded_app(Depth::Ansi256);
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char('E'));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("Entities ("), "{s}");
    assert!(s.contains("Vladimir Putin"), "{s}");
    assert!(s.contains("E close"), "hints name the keys:\n{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn entities_pane_60x20_takes_the_screen_and_enter_shows_the_mention() {
    let mut app = seeded_app(Depth::Ansi16);
    draw(&mut app, 60, 20);
    let lib = screen(&draw(&mut app, 60, 20));
    assert!(
        lib.contains("E entities"),
        "the pane is discoverable:\n{lib}"
    );
    press(&mut app, KeyCode::Char('E'));
    let s = screen(&draw(&mut app, 60, 20));
    assert!(s.contains("Entities ("), "{s}");
    assert!(!s.contains("Library ("), "one pane below 80 columns:\n{s}");
    insta::assert_snapshot!("entities_pane_60x20", s);
    // Enter switches to the reader at the mention (the only pane that fits).
    press(&mut app, KeyCode::Enter);
    let s = screen(&draw(&mut app, 60, 20));
    assert!(s.contains("mention 1/"), "{s}");
    assert!(!s.contains("Entities ("), "{s}");
    insta::assert_snapshot!("entities_jump_60x20", s);
}

/// The row and column of `needle` on the screen.
fn find_on(s: &str, needle: &str) -> Option<(u16, u16)> {
    s.lines().enumerate().find_map(|(y, l)| {
        l.find(needle)
            .map(|b| (l[..b].chars().count() as u16, y as u16))
    })
}

#[test]
fn enter_marks_the_next_mention_and_n_steps_and_wraps() {
    let mut app = seeded_app(Depth::Mono);
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char('E'));
    draw(&mut app, 100, 30);
    // The first entry is the most widespread person of the story.
    let entry = app.selected_entry().unwrap().clone();
    assert_eq!(entry.kind.label(), "PERSON");
    let open = app.reader.open.unwrap();
    let total = entry.count(open);
    assert!(total >= 2, "{entry:?}");
    press(&mut app, KeyCode::Enter);
    let term = draw(&mut app, 100, 30);
    let (_, first) = app.reader.mark.unwrap();
    let s = screen(&term);
    assert!(s.contains(&format!("mention 1/{total}")), "{s}");
    // The marked mention is on screen and drawn reversed.
    let text = app.model.reports[open].article.slice(first).to_string();
    let (x, y) = find_on(&s, &text).expect("mention visible");
    let style = term.backend().buffer()[(x, y)].style();
    assert!(
        style
            .add_modifier
            .contains(ratatui::style::Modifier::REVERSED),
        "mark at {x},{y}: {style:?}"
    );
    // n steps forward through every mention and wraps to the first; N goes back.
    let mut seen = vec![first];
    for k in 2..=total {
        press(&mut app, KeyCode::Char('n'));
        let s = screen(&draw(&mut app, 100, 30));
        assert!(s.contains(&format!("mention {k}/{total}")), "{s}");
        let (_, m) = app.reader.mark.unwrap();
        assert!(m.start > seen.last().unwrap().start, "forward");
        seen.push(m);
    }
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.reader.mark.unwrap().1, first, "wraps to the first");
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(
        app.reader.mark.unwrap().1,
        *seen.last().unwrap(),
        "N wraps back"
    );
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains(&format!("mention {total}/{total}")), "{s}");
    // Every mention stepped to is one of this entity's.
    let ex = &app.model.reports[open].extraction;
    for m in &seen {
        let mention = ex.mentions.iter().find(|x| x.span == *m).unwrap();
        assert_eq!(mention.canonical, entry.canonical);
    }
}

#[test]
fn jumping_scrolls_the_reader_to_a_mention_below_the_fold() {
    let mut app = seeded_app(Depth::Mono);
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char('E'));
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Enter);
    let open = app.reader.open.unwrap();
    let n = app.selected_entry().unwrap().count(open);
    // Step to the last mention: it lies below the first screen in the seed report.
    press(&mut app, KeyCode::Char('N'));
    let term = draw(&mut app, 100, 30);
    let s = screen(&term);
    assert!(s.contains(&format!("mention {n}/{n}")), "{s}");
    assert!(app.reader.scroll > 0, "scrolled to the last mention");
    let (_, m) = app.reader.mark.unwrap();
    let text = app.model.reports[open].article.slice(m).to_string();
    assert!(find_on(&s, &text).is_some(), "{text} visible:\n{s}");
}

#[test]
fn canonical_names_in_the_app_are_story_wide() {
    let app = seeded_app(Depth::Mono);
    // A report that only writes a surname carries the full name found in the others.
    let mut found = false;
    for (a, ex) in app
        .model
        .reports
        .iter()
        .map(|r| (&r.article, &r.extraction))
    {
        for m in &ex.mentions {
            if a.slice(m.span) == "Putin" {
                assert_eq!(m.canonical, "Vladimir Putin", "{}", a.source.label());
                found = true;
            }
        }
    }
    assert!(found);
    // The index counts match the extractions it was built from.
    let putin = app
        .model
        .index
        .entries
        .iter()
        .find(|e| e.canonical == "Vladimir Putin")
        .unwrap();
    for (i, ex) in app.model.reports.iter().map(|r| &r.extraction).enumerate() {
        let n = ex
            .mentions
            .iter()
            .filter(|m| m.canonical == "Vladimir Putin")
            .count();
        assert_eq!(putin.count(i), n);
    }
    assert!(putin.spread >= 4, "{putin:?}");
}

#[test]
fn an_entity_missing_from_the_open_report_says_where_it_is() {
    let mut app = seeded_app(Depth::Mono);
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char('E'));
    let open = app.reader.open.unwrap();
    let k = app
        .model
        .index
        .entries
        .iter()
        .position(|e| e.count(open) == 0)
        .expect("some entity is not in the first report");
    while app.entities.selected < k {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("not in this report"), "{s}");
    assert!(app.reader.mark.is_none());
}

#[test]
fn brackets_step_through_reports_and_keys_move_the_selection() {
    let mut app = seeded_app(Depth::Ansi256);
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.reader.open, Some(2));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.reader.open, Some(1));
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.library.selected, 4);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.library.selected, 0);
}

#[test]
fn missing_input_is_reported_in_the_status_line() {
    let mut app = seeded_app(Depth::Ansi256);
    let err = load_input(
        &Input::File("/nonexistent/x.txt".into()),
        &LoadOptions::default(),
    )
    .unwrap_err();
    app.update(Action::Pipeline(Event::Failed(err)));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("/nonexistent/x.txt: no such file"), "{s}");
}

#[test]
fn styles_carry_meaning_in_every_depth() {
    use ratatui::style::Modifier;
    for depth in [Depth::TrueColor, Depth::Ansi256, Depth::Ansi16, Depth::Mono] {
        let mut app = seeded_app(depth);
        let term = draw(&mut app, 100, 30);
        let buf = term.backend().buffer();
        // Row 1 of the library is the selected entry; the title row of the reader is bold.
        let sel = buf[(2, 1)].style();
        let plain = buf[(2, 3)].style();
        assert_ne!(sel, plain, "{depth:?}: selection must be visible");
        let title = buf[(32, 1)].style();
        assert!(title.add_modifier.contains(Modifier::BOLD), "{depth:?}");
        if depth == Depth::Mono {
            let plain_colour = |c: Option<ratatui::style::Color>| {
                c.is_none_or(|c| c == ratatui::style::Color::Reset)
            };
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    let st = buf[(x, y)].style();
                    assert!(
                        plain_colour(st.fg) && plain_colour(st.bg),
                        "colour at {x},{y}"
                    );
                }
            }
        }
    }
}

#[test]
fn entities_are_highlighted_by_type_and_toggle_off() {
    for depth in [Depth::Ansi256, Depth::Mono] {
        let mut app = seeded_app(depth);
        let term = draw(&mut app, 100, 30);
        let buf = term.backend().buffer();
        let theme = Theme::new(depth);
        // Find "Putin" in the reading pane and check it wears the PERSON style.
        let s = screen(&term);
        let (row, line) = s
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("Vladimir Putin"))
            .expect("Putin on screen");
        let col = line[..line.find("Vladimir Putin").unwrap()].chars().count() as u16;
        let person = theme.style(parallax::tui::theme::Role::Person);
        let cell = buf[(col, row as u16)].style();
        assert_eq!(
            cell.add_modifier & person.add_modifier,
            person.add_modifier,
            "{depth:?}"
        );
        assert_eq!(
            cell.fg.filter(|c| *c != ratatui::style::Color::Reset),
            person.fg,
            "{depth:?}"
        );
        press(&mut app, KeyCode::Char('e'));
        let term = draw(&mut app, 100, 30);
        let plain = term.backend().buffer()[(col, row as u16)].style();
        assert_ne!(plain, cell, "{depth:?}: e turns highlighting off");
        let s = screen(&term);
        assert!(s.contains("entity highlighting off"), "{s}");
        press(&mut app, KeyCode::Char('e'));
        let s = screen(&draw(&mut app, 100, 30));
        assert!(s.contains("entity highlighting on"), "{s}");
    }
}

/// Library → Space on the first report, j j j, Space on the fourth, c (000 and 003, which
/// disagree on where Zelenskyy invited Putin: Istanbul / Ankara); the worker's job is run on
/// this thread.
fn open_compare(app: &mut App, w: u16, h: u16) {
    draw(app, w, h);
    press(app, KeyCode::Char(' '));
    for _ in 0..3 {
        press(app, KeyCode::Char('j'));
    }
    press(app, KeyCode::Char(' '));
    press(app, KeyCode::Char('c'));
    assert!(app.comparing(), "the comparison runs off the UI thread");
    let s = screen(&draw(app, w, h));
    assert!(s.contains("Comparing A (000) with B (003)"), "{s}");
    common::run_pending(app);
    assert!(!app.comparing());
}

#[test]
fn compare_view_120x40() {
    let mut app = seeded_app(Depth::Ansi256);
    open_compare(&mut app, 120, 40);
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("· not in A ·") && s.contains("B only"), "{s}");
    assert!(s.contains("B covers") && s.contains("discrepanc"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn resizing_the_compare_view_keeps_the_current_row_on_screen() {
    let mut app = seeded_app(Depth::Mono);
    open_compare(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('d'));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("▌Ukrainian President"), "{s}");
    // Narrower and shorter: the rows rewrap and stack; the current row stays in view.
    let s = screen(&draw(&mut app, 40, 12));
    assert!(
        s.lines().any(|l| l.starts_with('▌')),
        "current row off screen:\n{s}"
    );
}

#[test]
fn compare_view_80x24_stacks_the_sides() {
    let mut app = seeded_app(Depth::Ansi256);
    open_compare(&mut app, 80, 24);
    let s = screen(&draw(&mut app, 80, 24));
    assert!(s.contains("       B "), "the B side is labelled:\n{s}");
    insta::assert_snapshot!(s);
    // The first one-sided row, stacked.
    press(&mut app, KeyCode::Char('u'));
    let s = screen(&draw(&mut app, 80, 24));
    assert!(
        s.contains("▌only   B The two sides remain deeply divided"),
        "{s}"
    );
    insta::assert_snapshot!("compare_view_80x24_first_one_sided_row", s);
}

#[test]
fn library_shows_marks_and_escape_leaves_the_compare_view() {
    let mut app = seeded_app(Depth::Ansi256);
    draw(&mut app, 100, 30);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char(' '));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("[A] US Has Low"), "{s}");
    assert!(s.contains("[B] Peace Talks"), "{s}");
    assert!(s.contains("A: 000 · B: 002 · c compares"), "{s}");
    // Unmarking B and pressing c compares A with the selection.
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.compare_pair(), Some((0, 1)));
    app.library.marks.clear();
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(
        app.compare_pair(),
        Some((3, 4)),
        "the last compares with the one before"
    );
    press(&mut app, KeyCode::Char('c'));
    common::run_pending(&mut app);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("row 1/"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(app.compare.is_none());
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("Library (5)"), "{s}");
}

#[test]
fn compare_keys_move_to_differences_and_swap() {
    use parallax::engine::compare::Row;
    let mut app = seeded_app(Depth::Ansi256);
    open_compare(&mut app, 120, 40);
    let rows = |app: &App| app.compare.as_ref().unwrap().rows().to_vec();
    let cur = |app: &App| app.compare.as_ref().unwrap().row;
    let all = rows(&app);
    assert_eq!(cur(&app), 0);

    // u: the next one-sided row; U back.
    let first_only = all.iter().position(Row::is_one_sided).unwrap();
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(cur(&app), first_only);
    let second_only = all
        .iter()
        .enumerate()
        .skip(first_only + 1)
        .find(|(_, r)| r.is_one_sided())
        .unwrap()
        .0;
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(cur(&app), second_only);
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(cur(&app), first_only);

    // n: the next row with a difference.
    let next_diff = all
        .iter()
        .enumerate()
        .skip(first_only + 1)
        .find(|(_, r)| r.has_difference())
        .unwrap()
        .0;
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(cur(&app), next_diff);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(cur(&app), first_only);

    // d: the row of the discrepancy (Istanbul / Ankara), drawn on screen with the marker.
    let view = app.compare.as_ref().unwrap();
    let c = view.shown().unwrap();
    let d = &c.discrepancies[0];
    let drow = c.row_of_left(d.left).unwrap();
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(cur(&app), drow);
    let s = screen(&draw(&mut app, 120, 40));
    assert!(
        s.lines().any(|l| l.starts_with("▌Ukrainian President")),
        "the current row is marked:\n{s}"
    );
    assert!(s.contains("discrepancy 1/"), "{s}");

    // Enter: the detail popup names the discrepancy.
    press(&mut app, KeyCode::Enter);
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("Row detail"), "{s}");
    assert!(s.contains("A says Istanbul, B says Ankara"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(app.compare.is_some(), "Esc closes the popup first");

    // s: B on the left, on the row holding the same sentences.
    let (left, right) = (all[drow].left.clone(), all[drow].right.clone());
    press(&mut app, KeyCode::Char('s'));
    let view = app.compare.as_ref().unwrap();
    assert!(view.swapped);
    let row = &view.rows()[view.row];
    // One row per left sentence: the swapped row shows A's sentence, on B's side of one of
    // the B sentences it matched.
    assert!(row.right.contains(&left[0]) && right.iter().any(|j| row.left.contains(j)));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.starts_with("B Russia and Ukraine"), "{s}");
    assert!(s.contains("A covers"), "{s}");
    press(&mut app, KeyCode::Char('s'));
    assert!(!app.compare.as_ref().unwrap().swapped);
    assert_eq!(cur(&app), drow);

    // Scrolling keeps the current row on screen.
    let visible = |app: &App| {
        let v = app.compare.as_ref().unwrap();
        let (start, end) = v.layout.rows[v.row];
        let h = parallax::tui::geometry::compare_areas(app.size).body.height as usize;
        end > v.scroll && start < v.scroll + h
    };
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(cur(&app), 0);
    for code in [
        KeyCode::PageDown,
        KeyCode::Char('j'),
        KeyCode::PageDown,
        KeyCode::PageUp,
    ] {
        press(&mut app, code);
        assert!(visible(&app), "{code:?}");
    }
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(cur(&app), all.len() - 1);
    assert!(visible(&app));
}

#[test]
fn compare_view_renders_at_every_size() {
    let mut app = seeded_app(Depth::TrueColor);
    draw(&mut app, 120, 40);
    press(&mut app, KeyCode::Char('c'));
    // Pending, then done.
    for (w, h) in [(0, 0), (1, 1), (20, 4), (60, 20), (120, 40)] {
        draw(&mut app, w, h);
    }
    common::run_pending(&mut app);
    for bottom in [false, true] {
        if bottom {
            press(&mut app, KeyCode::Char('G'));
        }
        for w in 0..=120u16 {
            for h in 0..=40u16 {
                draw(&mut app, w, h);
            }
        }
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('s'));
    for (w, h) in [
        (0, 0),
        (1, 1),
        (5, 3),
        (20, 5),
        (30, 8),
        (80, 24),
        (120, 40),
    ] {
        draw(&mut app, w, h);
    }
}

#[test]
fn compare_view_highlights_words_only_one_side_has_in_every_depth() {
    use parallax::tui::theme::Role;
    for depth in [Depth::Ansi256, Depth::Ansi16, Depth::Mono] {
        let mut app = seeded_app(depth);
        open_compare(&mut app, 120, 40);
        press(&mut app, KeyCode::Char('d'));
        let term = draw(&mut app, 120, 40);
        let s = screen(&term);
        let buf = term.backend().buffer();
        let theme = Theme::new(depth);
        let at = |needle: &str, nth: usize| {
            let (y, line) = s
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains(needle))
                .nth(nth)
                .unwrap_or_else(|| panic!("{needle:?} on screen:\n{s}"));
            let x = line[..line.find(needle).unwrap()].chars().count() as u16;
            buf[(x, y as u16)].style()
        };
        // "Ankara" only in B, "Istanbul" only in A; "declined" in both.
        let only = theme.style(Role::DiffOnly);
        for word in ["Ankara", "Istanbul, but"] {
            let st = at(word, 0);
            assert!(
                st.add_modifier.contains(only.add_modifier)
                    && (only.bg.is_none() || st.bg == only.bg),
                "{depth:?} {word}: {st:?}"
            );
        }
        let shared = at("declined", 0);
        assert_ne!(
            shared,
            at("Ankara", 0),
            "{depth:?}: shared words look different"
        );
        // A one-sided row is shaded in colour.
        let unique = theme.style(Role::DiffUnique);
        if let Some(bg) = unique.bg {
            let (y, _) = s
                .lines()
                .enumerate()
                .find(|(_, l)| l.contains("· not in A ·"))
                .expect("a one-sided row on screen");
            let a = parallax::tui::geometry::compare_areas((120, 40));
            let x = 1 + a.left_w + parallax::tui::geometry::GUTTER;
            assert_eq!(buf[(x, y as u16)].style().bg, Some(bg), "{depth:?}");
        }
    }
}

#[test]
fn a_report_landing_before_the_open_one_does_not_garble_the_reader() {
    // The reader lays out the open report once per width, cached by library position. A
    // report that lands before it moves it down a position; the cached layout must not be
    // drawn over the report now at position 0 (it was: other text's byte ranges, cut letters).
    let mut app = App::new(Keymap::default_map(), Theme::new(Depth::Mono));
    let inputs = seed_inputs();
    draw(&mut app, 100, 30);
    for order in [2, 0] {
        let loaded = load_input(&inputs[order], &LoadOptions::default()).unwrap();
        feed(
            &mut app,
            [Event::Loaded {
                order,
                articles: loaded.articles.into_iter().map(Arc::new).collect(),
            }],
        );
        draw(&mut app, 100, 30);
    }
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("┌ 000 "), "{s}");
    assert!(s.contains("The United States is not expecting much"), "{s}");
}
