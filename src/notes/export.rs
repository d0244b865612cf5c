//! `parallax notes --format markdown|json`: every note with its sentence and its source
//! (outlet, title, path or URL), reports by outlet and title, notes in reading order. The
//! file's text is sanitized when read back (it is edited by hand, and may come from anywhere).

use super::{NotesFile, ReportNotes};
use crate::engine::sanitize::sanitize_line;
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    report_sha256: &'a str,
    outlet: String,
    title: String,
    source: String,
    url: Option<String>,
    notes: Vec<JsonNote>,
}

#[derive(Serialize)]
struct JsonNote {
    sentence: String,
    mark: Option<&'static str>,
    note: String,
    made_on: String,
    updated: String,
}

/// Reports in a stable, readable order: outlet, title, then the key.
fn ordered(f: &NotesFile) -> Vec<(&String, &ReportNotes)> {
    let mut rs: Vec<_> = f.reports.iter().collect();
    rs.sort_by(|a, b| (&a.1.outlet, &a.1.title, a.0).cmp(&(&b.1.outlet, &b.1.title, b.0)));
    rs
}

fn notes_in_order(r: &ReportNotes) -> Vec<&super::Note> {
    let mut ns: Vec<_> = r.notes.values().collect();
    ns.sort_by(|a, b| (a.at, &a.sentence).cmp(&(b.at, &b.sentence)));
    ns
}

pub fn json(f: &NotesFile) -> String {
    let out: Vec<JsonReport> = ordered(f)
        .into_iter()
        .map(|(key, r)| JsonReport {
            report_sha256: key,
            outlet: sanitize_line(&r.outlet),
            title: sanitize_line(&r.title),
            source: sanitize_line(&r.source),
            url: r.url.as_deref().map(sanitize_line),
            notes: notes_in_order(r)
                .into_iter()
                .map(|n| JsonNote {
                    sentence: sanitize_line(&n.sentence),
                    mark: n.mark.map(super::Mark::name),
                    note: sanitize_line(&n.note),
                    made_on: sanitize_line(&n.made_on),
                    updated: crate::store::time::format_utc(n.updated),
                })
                .collect(),
        })
        .collect();
    serde_json::to_string_pretty(&out).unwrap_or_else(|_| "[]".to_string())
}

/// Markdown: a heading per report (outlet, title), its source, then a bullet per note.
pub fn markdown(f: &NotesFile) -> String {
    let mut s = String::from("# Notes\n");
    if f.reports.is_empty() {
        s.push_str("\nNo notes yet.\n");
        return s;
    }
    for (_, r) in ordered(f) {
        let outlet = sanitize_line(&r.outlet);
        let title = sanitize_line(&r.title);
        s.push_str(&format!(
            "\n## {outlet} \u{2014} \u{201c}{title}\u{201d}\n\n"
        ));
        let place = r
            .url
            .as_deref()
            .map(sanitize_line)
            .unwrap_or_else(|| sanitize_line(&r.source));
        s.push_str(&format!("Source: {place}\n\n"));
        for n in notes_in_order(r) {
            let mark = n.mark.map_or("note", super::Mark::name);
            s.push_str(&format!(
                "- **{mark}**: \u{201c}{}\u{201d}",
                sanitize_line(&n.sentence)
            ));
            let note = sanitize_line(&n.note);
            if !note.is_empty() {
                s.push_str(&format!(" \u{2014} {note}"));
            }
            s.push('\n');
        }
    }
    s
}
