//! Notes through the real keymap and `App::update`: `m` / `M` mark the reading pane's
//! sentence, the compare view's row, the story screen's claim or discrepancy checked /
//! doubtful (again: unmarked), `a` writes a note in the status line's prompt; the mark shows
//! in every view where the sentence appears; notes persist across two App instances in a
//! temporary XDG_DATA_HOME, kept by the report's content (a moved file keeps them); a corrupt
//! notes file is reported in the messages popup and kept aside; `parallax notes` exports them.

mod common;
use common::{draw, events, feed, press, run_pending, screen};

use parallax::engine::load::{Input, SEEDS, seed_inputs};
use parallax::notes::{Badge, Mark};
use parallax::tui::app::App;
use parallax::tui::keymap::{Keymap, Mode};
use parallax::tui::story::Pane;
use parallax::tui::theme::{Depth, Theme};
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

/// A temporary XDG_DATA_HOME for one test (removed when dropped).
struct DataHome(PathBuf);

impl DataHome {
    fn new(name: &str) -> DataHome {
        let dir =
            std::env::temp_dir().join(format!("parallax-tui-notes-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        DataHome(dir)
    }
    /// Where the reader keeps notes with XDG_DATA_HOME set to this directory.
    fn notes_file(&self) -> PathBuf {
        let home = self.0.display().to_string();
        parallax::notes::location(&|k| (k == "XDG_DATA_HOME").then(|| home.clone())).unwrap()
    }
}

impl Drop for DataHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn app_with(inputs: &[Input], data: Option<&DataHome>, theme: Theme) -> App {
    let mut app = App::new(Keymap::default_map(), theme);
    if let Some(d) = data {
        app.open_notes(d.notes_file());
    }
    feed(&mut app, events(inputs));
    draw(&mut app, 100, 30);
    app
}

fn app(data: Option<&DataHome>) -> App {
    app_with(&seed_inputs(), data, Theme::new(Depth::Ansi256))
}

fn typed(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn status(app: &mut App) -> String {
    let s = screen(&draw(app, 100, 30));
    s.lines().last().unwrap_or("").to_string()
}

/// The open report's key and the notes it has.
fn open_notes(app: &App) -> Vec<(Option<Mark>, String, String)> {
    let a = app.model.article(app.reader.open.unwrap()).unwrap();
    app.notes
        .notes
        .report(a.content_key())
        .map(|r| {
            r.notes
                .values()
                .map(|n| (n.mark, n.note.clone(), n.sentence.clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn reader_marks_the_sentence_at_hand_and_writes_a_note() {
    let mut app = app(None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Reader);
    press(&mut app, KeyCode::Char('m'));
    let notes = open_notes(&app);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].0, Some(Mark::Checked));
    assert!(status(&mut app).contains("sentence marked checked"));
    // The mark is drawn in the gutter on the line the sentence starts on.
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("✔"), "{s}");
    assert_eq!(app.notes.reader.len(), 1);
    // M: doubtful instead; M again: unmarked, and with no note the sentence has none left.
    press(&mut app, KeyCode::Char('M'));
    assert_eq!(open_notes(&app)[0].0, Some(Mark::Doubtful));
    assert!(screen(&draw(&mut app, 100, 30)).contains("‽"));
    press(&mut app, KeyCode::Char('M'));
    assert!(open_notes(&app).is_empty());
    assert!(!screen(&draw(&mut app, 100, 30)).contains("‽"));
    // a: the prompt takes every key (m does not mark), Enter keeps the note.
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.mode(), Mode::Prompt);
    typed(&mut app, "police say 12, not 15");
    assert!(status(&mut app).starts_with("note: police say 12"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Reader);
    let notes = open_notes(&app);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].0, notes[0].1.as_str()),
        (None, "police say 12, not 15")
    );
    assert!(status(&mut app).contains("note kept on the sentence"));
    assert!(screen(&draw(&mut app, 100, 30)).contains("✎"));
    // a again: the note to edit; Esc leaves it as it was; an emptied note is removed.
    press(&mut app, KeyCode::Char('a'));
    assert!(status(&mut app).starts_with("note: police say 12, not 15"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(open_notes(&app)[0].1, "police say 12, not 15");
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Backspace);
    let ctrl_u = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('u'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    let c = app.keymap.lookup(app.mode(), &ctrl_u).unwrap();
    app.update(parallax::tui::action::Action::Command(c));
    press(&mut app, KeyCode::Enter);
    assert!(open_notes(&app).is_empty());
}

#[test]
fn the_library_says_where_marks_go() {
    let mut app = app(None);
    assert_eq!(app.mode(), Mode::Library);
    press(&mut app, KeyCode::Char('m'));
    assert!(app.notes.notes.is_empty());
    assert!(status(&mut app).contains("open a report (Enter)"));
}

#[test]
fn a_mark_made_in_the_compare_view_shows_in_the_reader_and_the_story_screen() {
    let mut app = app(None);
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    assert_eq!(app.mode(), Mode::Compare);
    // Row 0 is the headline (the reading pane draws it from the title); row 1 a sentence.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('m'));
    assert!(status(&mut app).contains("row marked checked"));
    let row = app.compare.as_ref().unwrap().row;
    assert_eq!(app.notes.rows.get(&row), Some(&Badge::Checked));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("✔"), "{s}");
    // The row's A sentence, in the reading pane of report A.
    let a = app
        .compare
        .as_ref()
        .unwrap()
        .displayed()
        .left
        .article
        .clone();
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.mode(), Mode::Library);
    let i = (0..app.model.len())
        .find(|&i| std::sync::Arc::ptr_eq(app.model.article(i).unwrap(), &a))
        .unwrap();
    app.library.selected = i;
    press(&mut app, KeyCode::Enter);
    draw(&mut app, 100, 30);
    assert_eq!(app.notes.reader.len(), 1);
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("✔"), "{s}");
    // The story screen: the claim worded by that sentence, when it is one.
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('2'));
    draw(&mut app, 100, 30);
    let m = app.story().unwrap().clone();
    let members = app.story_members().to_vec();
    let r = members.iter().position(|&k| k == i).unwrap();
    let span = app.notes.reader[0].0;
    let carried = m.claims.iter().position(|c| {
        c.sentences
            .iter()
            .any(|&(cr, s)| cr == r && m.sentences[cr][s].span == span)
    });
    assert_eq!(
        carried.and_then(|k| app.notes.claims.get(&k).copied()),
        carried.map(|_| Badge::Checked)
    );
}

#[test]
fn story_screen_marks_claims_and_discrepancies() {
    let mut app = app(None);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.mode(), Mode::Story);
    // The coverage pane has no item to mark: it says where marks go.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('m'));
    assert!(status(&mut app).contains("claim (2) or a discrepancy (5)"));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('M'));
    assert!(status(&mut app).contains("claim marked doubtful"));
    let k = app.story_view.claim_rows[app.story_view.selected_in(Pane::Claims)];
    assert_eq!(app.notes.claims.get(&k), Some(&Badge::Doubtful));
    let s = screen(&draw(&mut app, 100, 30));
    assert!(s.contains("‽"), "{s}");
    press(&mut app, KeyCode::Char('5'));
    if app.story().unwrap().discrepancies.is_empty() {
        println!("skipped: the seeds' story has no discrepancy");
        return;
    }
    press(&mut app, KeyCode::Char('m'));
    assert!(status(&mut app).contains("discrepancy marked checked"));
    let d = app.story_view.selected_in(Pane::Discrepancies);
    assert!(app.notes.discrepancies.contains_key(&d));
}

#[test]
fn snapshot_of_a_marked_reading_pane_without_colour() {
    let mut app = app_with(&seed_inputs(), None, Theme::new(Depth::Mono));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('m'));
    // The sentence of a search hit: doubtful; another's a note.
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "This meeting");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('M'));
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "It follows");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "ask the council");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.notes.reader.len(), 3);
    insta::assert_snapshot!(screen(&draw(&mut app, 80, 24)));
}

#[test]
fn notes_persist_across_runs_by_content_so_a_moved_file_keeps_them() {
    let data = DataHome::new("persist");
    let files = data.0.join("articles");
    std::fs::create_dir_all(files.join("moved")).unwrap();
    let (_, text) = SEEDS[1];
    let first = files.join("report.txt");
    std::fs::write(&first, text).unwrap();
    {
        let mut app = app_with(
            &[Input::File(first.clone())],
            Some(&data),
            Theme::new(Depth::Ansi256),
        );
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('M'));
        press(&mut app, KeyCode::Char('a'));
        typed(&mut app, "which count?");
        press(&mut app, KeyCode::Enter);
        assert!(data.notes_file().exists());
    }
    // Renamed and moved: the next run finds its notes by its content.
    let moved = files.join("moved").join("renamed.txt");
    std::fs::rename(&first, &moved).unwrap();
    let mut app = app_with(
        &[Input::File(moved.clone())],
        Some(&data),
        Theme::new(Depth::Ansi256),
    );
    press(&mut app, KeyCode::Enter);
    let notes = open_notes(&app);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(
        (notes[0].0, notes[0].1.as_str()),
        (Some(Mark::Doubtful), "which count?")
    );
    assert!(screen(&draw(&mut app, 100, 30)).contains("‽"));
    // A change is saved where the report is now.
    press(&mut app, KeyCode::Char('m'));
    let saved = std::fs::read_to_string(data.notes_file()).unwrap();
    assert!(saved.contains("renamed.txt"), "{saved}");
    assert!(saved.contains("\"checked\""), "{saved}");
    // No temporary file is left beside it.
    let dir = data.notes_file().parent().unwrap().to_path_buf();
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 1);
}

#[test]
fn a_corrupt_notes_file_is_reported_and_kept_aside() {
    let data = DataHome::new("corrupt");
    let path = data.notes_file();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let broken = b"{\"parallax_notes\": 1, \"reports\": {\"abc\": ";
    std::fs::write(&path, broken).unwrap();
    let mut app = app(Some(&data));
    let msg = app
        .model
        .messages
        .iter()
        .find(|m| m.contains("notes"))
        .expect("a message about the notes file")
        .clone();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(
        msg.contains("not a notes file") && msg.contains(".corrupt-"),
        "{msg}"
    );
    // In the messages popup.
    press(&mut app, KeyCode::Char('!'));
    let s = screen(&draw(&mut app, 120, 40));
    assert!(s.contains("not a notes file"), "{s}");
    press(&mut app, KeyCode::Esc);
    // The old bytes are kept aside, untouched; new notes go to a new file.
    let dir = path.parent().unwrap();
    let aside: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.display().to_string().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), broken);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('m'));
    assert!(parallax::notes::read(&path).unwrap().is_some());
    assert_eq!(std::fs::read(&aside[0]).unwrap(), broken);
}

#[test]
fn an_unreadable_notes_file_is_never_overwritten() {
    let data = DataHome::new("unreadable");
    let path = data.notes_file();
    // A directory where the file should be: it cannot be read, and nothing is written there.
    std::fs::create_dir_all(&path).unwrap();
    let mut app = app(Some(&data));
    assert!(
        app.model.messages.iter().any(|m| m.contains("cannot read")),
        "{:?}",
        app.model.messages
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('m'));
    let st = status(&mut app);
    assert!(st.contains("NOT SAVED"), "{st}");
    assert!(path.is_dir());
}

fn parallax(data: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env_remove("HOME")
        .output()
        .unwrap()
}

#[test]
fn parallax_notes_exports_markdown_and_json_with_sources() {
    let data = DataHome::new("cli");
    let empty = parallax(&data.0, &["notes"]);
    assert!(empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stdout).contains("No notes yet"));
    let mut app = app(Some(&data));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "confirmed with the ministry");
    press(&mut app, KeyCode::Enter);
    let a = app.model.article(app.reader.open.unwrap()).unwrap().clone();
    let (_, _, sentence) = open_notes(&app).remove(0);
    drop(app);

    let md = parallax(&data.0, &["notes", "--format", "markdown"]);
    assert!(
        md.status.success(),
        "{}",
        String::from_utf8_lossy(&md.stderr)
    );
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains(&a.outlet_label()), "{md}");
    assert!(md.contains(&a.title), "{md}");
    assert!(md.contains(&a.source.label()), "{md}");
    assert!(
        md.contains(&format!(
            "**checked**: \u{201c}{sentence}\u{201d} \u{2014} confirmed with the ministry"
        )),
        "{md}"
    );

    let json = parallax(&data.0, &["notes", "--format", "json"]);
    assert!(json.status.success());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let r = &v[0];
    assert_eq!(r["outlet"], a.outlet_label());
    assert_eq!(r["source"], a.source.label());
    assert_eq!(r["report_sha256"], a.content_key());
    assert_eq!(r["notes"][0]["mark"], "checked");
    assert_eq!(r["notes"][0]["note"], "confirmed with the ministry");
    assert_eq!(r["notes"][0]["sentence"], sentence);

    // A corrupt file: an error naming it, exit status 1, the file left as it is.
    std::fs::write(data.notes_file(), b"not json").unwrap();
    let bad = parallax(&data.0, &["notes"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("notes.json"), "{err}");
    assert_eq!(std::fs::read(data.notes_file()).unwrap(), b"not json");
}

/// The confirmation `m` / `M` give in the compare view is read in full at 80 columns: it
/// takes the status line before the key hints do (cut with `…` only when the line cannot
/// hold it at all).
#[test]
fn compare_view_confirmations_take_the_status_line_before_the_hints() {
    let mut app = app(None);
    press(&mut app, KeyCode::Char('c'));
    run_pending(&mut app);
    for key in ['m', 'M', 'M'] {
        press(&mut app, KeyCode::Char(key));
        let notice = app.notice.clone().expect("m / M confirm");
        for (w, h) in [(80, 24), (100, 30)] {
            let s = screen(&draw(&mut app, w, h));
            let last = s.lines().last().unwrap_or("");
            assert!(
                last.contains(&notice),
                "{key} at {w}x{h}: {notice:?} in the status line: {last:?}"
            );
        }
        let s = screen(&draw(&mut app, 30, 12));
        let last = s.lines().last().unwrap_or("");
        let start: String = notice.chars().take(8).collect();
        assert!(
            last.contains(&start) && (last.contains(&notice) || last.ends_with('…')),
            "{key} at 30 columns: {notice:?} cut with …: {last:?}"
        );
    }
}
