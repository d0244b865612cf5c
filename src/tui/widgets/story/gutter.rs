//! The story model in the reading pane: the gutter digit (how many other reports carry each
//! sentence) and `U`'s dimming of what other reports also say.

use crate::engine::story::StoryModel;
use crate::tui::app::App;
use crate::tui::theme::{Role, Theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The story model's view of the open report `idx`, for the reading pane: its sentences with
/// how many other reports carry each, and whether `U` dims the shared ones.
#[derive(Debug, Clone, Copy)]
pub struct ReaderStory<'a> {
    pub model: &'a StoryModel,
    pub report: usize,
    pub only_this: bool,
}

/// The model of the story report `idx` (a library position) belongs to, if built.
pub fn reader_story(app: &App, idx: usize) -> Option<ReaderStory<'_>> {
    let (model, report) = app.model.model_of(idx)?;
    Some(ReaderStory {
        model,
        report,
        only_this: app.reader.only_this,
    })
}

impl ReaderStory<'_> {
    /// The sentence holding byte `at`.
    fn sentence_at(&self, at: usize) -> Option<usize> {
        let sents = &self.model.sentences[self.report];
        let k = sents
            .partition_point(|s| s.span.start <= at)
            .checked_sub(1)?;
        (at < sents[k].span.end).then_some(k)
    }
}

/// A word's base style in the reader: dimmed under `U` when another report carries its
/// sentence, and marked when it lies inside a marked sentence (a jump from the story screen).
pub fn word_style(
    story: Option<ReaderStory>,
    word: crate::engine::Span,
    mark: Option<crate::engine::Span>,
    style: Style,
    theme: &Theme,
) -> Style {
    let mut style = style;
    if let Some(st) = story.filter(|s| s.only_this)
        && let Some(k) = st.sentence_at(word.start)
        && st.model.carried_by_others(st.report, k) > 0
    {
        style = style.patch(theme.style(Role::Dim));
    }
    // A mark wider than the word (a sentence) covers it whole; mention marks are exact.
    if mark.is_some_and(|m| m.start <= word.start && word.end <= m.end && m != word) {
        style = style.patch(theme.style(Role::Mark));
    }
    style
}

/// The gutter left of the text: on the line where a sentence starts, how many other reports
/// carry it (`0` = only this report, emphasised; `9` caps larger counts as `+`).
pub fn gutter(
    story: ReaderStory,
    doc: &crate::tui::layout::DocLayout,
    scroll: usize,
    (x, text): (u16, Rect),
    theme: &Theme,
    buf: &mut Buffer,
) {
    if x == 0 || text.width == 0 {
        return;
    }
    let sents = &story.model.sentences[story.report];
    for (row, first, last) in word_lines(doc, scroll, text.height) {
        let k = sents.partition_point(|s| s.span.start < first.start);
        if k >= sents.len() || sents[k].span.start >= last.end {
            continue;
        }
        let n = story.model.carried_by_others(story.report, k);
        let (symbol, role) = match n {
            0 => ("0".to_string(), Role::Key),
            1..=9 => (n.to_string(), Role::Dim),
            _ => ("+".to_string(), Role::Dim),
        };
        buf.set_string(x, text.y + row as u16, symbol, theme.style(role));
    }
}

/// The note marks left of the text: on the line where a noted sentence starts, its badge.
pub fn note_gutter(
    notes: &crate::tui::notes::NotesState,
    doc: &crate::tui::layout::DocLayout,
    scroll: usize,
    (x, text): (u16, Rect),
    theme: &Theme,
    buf: &mut Buffer,
) {
    let marked = &notes.reader;
    if x == 0 || marked.is_empty() {
        return;
    }
    // The headline is drawn from the title: its mark goes on its first line.
    if let Some(b) = notes.reader_title
        && scroll == 0
        && text.height > 0
    {
        buf.set_string(x, text.y, b.symbol(), theme.style(note_role(b)));
    }
    for (row, first, last) in word_lines(doc, scroll, text.height) {
        // The first noted sentence starting on this line (or the one the line starts in, at
        // the top of the pane).
        let starts = |s: &crate::engine::Span| {
            (first.start <= s.start && s.start < last.end)
                || (row == 0 && s.start < first.start && first.start < s.end)
        };
        if let Some((_, b)) = marked.iter().find(|(s, _)| starts(s)) {
            buf.set_string(
                x,
                text.y + row as u16,
                b.symbol(),
                theme.style(note_role(*b)),
            );
        }
    }
}

/// The text lines on screen (from `scroll`, at most `height`) with their first and last
/// words: the gutters' anchor for the sentences that start on a line.
fn word_lines(
    doc: &crate::tui::layout::DocLayout,
    scroll: usize,
    height: u16,
) -> impl Iterator<Item = (usize, crate::engine::Span, crate::engine::Span)> + '_ {
    use crate::tui::layout::LineContent;
    doc.lines
        .iter()
        .skip(scroll)
        .take(height as usize)
        .enumerate()
        .filter_map(|(row, line)| match &line.content {
            LineContent::Words(ws) => Some((row, *ws.first()?, *ws.last()?)),
            _ => None,
        })
}

/// The style of a note's mark: checked and doubtful stand apart without colour too (their
/// glyphs differ; bold for doubtful).
pub fn note_role(b: crate::notes::Badge) -> Role {
    match b {
        crate::notes::Badge::Checked => Role::NoteChecked,
        crate::notes::Badge::Doubtful => Role::NoteDoubtful,
        crate::notes::Badge::Noted => Role::Meta,
    }
}
