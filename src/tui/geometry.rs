//! Where everything goes on the screen: every `Rect` of every screen, computed once per frame
//! (by `App::prepare`, from the screen size and the state that moves panes) and stored in
//! [`Geometry`]; state code and widgets both read that one copy, so text is never wrapped at
//! one width and drawn at another. Bottom-level: knows `Rect` and nothing of the app.
//!
//! The screen size is clamped to [`MAX_COLS`] × [`MAX_ROWS`] ([`clamp`]): a terminal that
//! reports 10000×10000 gets a reader of at most that size in its top-left corner instead of
//! buffers of 10⁸ cells and a layout of every line of every report.

use ratatui::layout::Rect;

/// The largest screen the reader lays out and draws.
pub const MAX_COLS: u16 = 1000;
pub const MAX_ROWS: u16 = 1000;

/// Below this the panes collapse into one, switched with Tab.
pub const NARROW_WIDTH: u16 = 80;
/// Below this nothing but a notice is drawn.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 4;

/// The compare view: below this width the two sides stack.
pub const STACK_WIDTH: u16 = 100;
/// The middle gutter in the two-column layout: `│ = .81 │`.
pub const GUTTER: u16 = 9;
/// The row label column in the stacked layout: ` = .81 `, then `A `.
pub const STACK_GUTTER: u16 = 7;
pub const STACK_LABEL: u16 = 2;

/// A screen size within [`MAX_COLS`] × [`MAX_ROWS`].
pub fn clamp((w, h): (u16, u16)) -> (u16, u16) {
    (w.min(MAX_COLS), h.min(MAX_ROWS))
}

/// The state that decides where panes go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The left pane has the focus (in a narrow screen, it is the one shown).
    pub library_focused: bool,
    /// The entities pane replaces the library (and is wider).
    pub entities: bool,
    /// The open report has a story model: the reader's gutter column is shown.
    pub gutter: bool,
    /// The open report has notes: a column for their marks left of its text.
    pub notes: bool,
    /// Reports in the entities pane (its details area grows with them).
    pub entity_columns: usize,
    /// Lines the list of URLs being fetched wants under the library (0: none).
    pub web_lines: u16,
}

/// Every area of every screen, for one screen size and [`Panes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub size: (u16, u16),
    pub main: Areas,
    pub entities: EntitiesGeometry,
    pub compare: CompareAreas,
    pub story: StoryGeometry,
}

impl Geometry {
    pub fn new(size: (u16, u16), panes: Panes) -> Geometry {
        let size = clamp(size);
        let main = with_gutter(
            areas(size, panes.library_focused, panes.entities),
            panes.gutter,
            panes.notes,
        );
        let main = with_web_list(main, if panes.entities { 0 } else { panes.web_lines });
        Geometry {
            size,
            main,
            entities: entities_geometry(main.library_list, panes.entity_columns),
            compare: compare_areas(size),
            story: story_geometry(size),
        }
    }
}

/// The library / reader screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub narrow: bool,
    pub too_small: bool,
    /// The left pane: the library, or the entities pane when it is open.
    pub library: Rect,
    /// Inside the left pane's border.
    pub library_list: Rect,
    pub reader: Rect,
    pub reader_text: Rect,
    pub status: Rect,
    /// Under the library list: the URLs being fetched (empty when there are none).
    pub web_list: Rect,
    /// The reading pane's gutter columns (0: none): the story digit, the note mark.
    pub story_x: u16,
    pub note_x: u16,
}

/// Inside a bordered block, with `pad` columns of padding on each side.
fn inner(r: Rect, pad: u16) -> Rect {
    Rect {
        x: r.x.saturating_add(1 + pad),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2 + 2 * pad),
        height: r.height.saturating_sub(2),
    }
}

/// Where the library / reader screen's parts go; `entities` widens the left pane for the
/// entities table.
pub fn areas((w, h): (u16, u16), library_focused: bool, entities: bool) -> Areas {
    let too_small = w < MIN_WIDTH || h < MIN_HEIGHT;
    let narrow = w < NARROW_WIDTH;
    let main = Rect::new(0, 0, w, h.saturating_sub(1));
    let status = Rect::new(0, h.saturating_sub(1), w, h.min(1));
    let (library, reader) = if narrow {
        if library_focused {
            (main, Rect::new(0, 0, 0, 0))
        } else {
            (Rect::new(0, 0, 0, 0), main)
        }
    } else {
        let lw = if entities {
            (w * 45 / 100).clamp(34, 64)
        } else {
            (w * 3 / 10).clamp(24, 44)
        };
        (
            Rect::new(0, 0, lw, main.height),
            Rect::new(lw, 0, w - lw, main.height),
        )
    };
    Areas {
        narrow,
        too_small,
        library,
        library_list: inner(library, 0),
        reader,
        reader_text: inner(reader, 1),
        status,
        web_list: Rect::default(),
        story_x: 0,
        note_x: 0,
    }
}

/// The bottom `lines` of the library list (at most half of it) for the URLs being fetched.
pub fn with_web_list(mut a: Areas, lines: u16) -> Areas {
    let list = a.library_list;
    let h = lines.min(list.height / 2);
    if h == 0 {
        return a;
    }
    a.library_list.height -= h;
    a.web_list = Rect::new(list.x, list.y + list.height - h, list.width, h);
    a
}

/// With the story model: one more column left of the reader's text, so the gutter (how many
/// other reports carry each sentence) stands apart from it; with notes, one more for their
/// marks (`digit mark space text`).
pub fn with_gutter(mut a: Areas, gutter: bool, notes: bool) -> Areas {
    if gutter && a.reader_text.width > 1 && a.reader_text.x >= 2 {
        a.reader_text.x += 1;
        a.reader_text.width -= 1;
        a.story_x = a.reader_text.x - 2;
    }
    if notes && a.reader_text.width > 1 && a.reader_text.x >= 1 {
        a.note_x = a.reader_text.x - 1;
        a.reader_text.x += 1;
        a.reader_text.width -= 1;
    }
    a
}

/// The parts of the entities pane's inside: column header, list, details of the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EntitiesGeometry {
    pub header: Rect,
    pub list: Rect,
    pub detail: Rect,
}

/// Splits the inside of the entities pane; the details get up to a third of it (more with
/// more reports), and none when small.
pub fn entities_geometry(inner: Rect, articles: usize) -> EntitiesGeometry {
    let h = inner.height;
    let header_h = u16::from(h >= 3);
    let detail_h = if h >= 12 {
        (articles.min(8) as u16 + 3).min(h / 3)
    } else {
        0
    };
    let list_h = h - header_h - detail_h;
    let at = |y: u16, height: u16| Rect::new(inner.x, inner.y + y, inner.width, height);
    EntitiesGeometry {
        header: at(0, header_h),
        list: at(header_h, list_h),
        detail: at(header_h + list_h, detail_h),
    }
}

/// Where the compare view draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompareAreas {
    pub stacked: bool,
    pub header: Rect,
    pub rule: Rect,
    pub body: Rect,
    pub status: Rect,
    /// Two-column layout: the widths of the left and right text columns.
    pub left_w: u16,
    pub right_w: u16,
    /// Stacked layout: the width of the text.
    pub stacked_w: u16,
}

pub fn compare_areas((w, h): (u16, u16)) -> CompareAreas {
    let stacked = w < STACK_WIDTH;
    let main_h = h.saturating_sub(1);
    let want = if stacked { 4 } else { 3 };
    // The header gives way to the body on short screens.
    let header_h = want.min(main_h / 3);
    let header = Rect::new(0, 0, w, header_h);
    // A rule under the header, then the rows.
    let rule = Rect::new(0, header_h, w, (main_h - header_h).min(1));
    let body_y = header_h + rule.height;
    let body = Rect::new(0, body_y, w, main_h - body_y);
    let status = Rect::new(0, h.saturating_sub(1), w, h.min(1));
    // One column for the current-row marker, one for the scrollbar.
    let text = w.saturating_sub(2 + GUTTER);
    let left_w = text / 2;
    CompareAreas {
        stacked,
        header,
        rule,
        body,
        status,
        left_w,
        right_w: text - left_w,
        stacked_w: w.saturating_sub(2 + STACK_GUTTER + STACK_LABEL),
    }
}

/// Where the story screen's parts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StoryGeometry {
    pub tabs: Rect,
    pub block: Rect,
    pub header: Rect,
    pub list: Rect,
    /// The selection's details, below a rule; empty when the screen is small.
    pub detail: Rect,
}

/// Splits a screen of `(w, h)` (the status line is the last row).
pub fn story_geometry((w, h): (u16, u16)) -> StoryGeometry {
    let main_h = h.saturating_sub(1);
    let tabs = Rect::new(0, 0, w, main_h.min(1));
    let block = Rect::new(0, tabs.height, w, main_h.saturating_sub(tabs.height));
    let inner = inner(block, 0);
    let ih = inner.height;
    let header_h = u16::from(ih >= 3);
    let detail_h = if ih >= 12 { (ih / 3).clamp(4, 10) } else { 0 };
    let list_h = ih - header_h - detail_h;
    let at = |y: u16, height: u16| Rect::new(inner.x, inner.y + y, inner.width, height);
    StoryGeometry {
        tabs,
        block,
        header: at(0, header_h),
        list: at(header_h, list_h),
        detail: at(header_h + list_h, detail_h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_fits_the_clamped_screen() {
        for size in [
            (0, 0),
            (1, 1),
            (19, 3),
            (80, 24),
            (10_000, 10_000),
            (u16::MAX, 7),
        ] {
            for panes in [
                Panes::default(),
                Panes {
                    library_focused: true,
                    entities: true,
                    gutter: true,
                    notes: true,
                    entity_columns: 40,
                    web_lines: 0,
                },
                Panes {
                    web_lines: 9,
                    ..Panes::default()
                },
            ] {
                let g = Geometry::new(size, panes);
                let (w, h) = g.size;
                assert!(w <= MAX_COLS && h <= MAX_ROWS);
                let screen = Rect::new(0, 0, w, h);
                for r in [
                    g.main.library,
                    g.main.reader,
                    g.main.reader_text,
                    g.main.status,
                    g.main.web_list,
                    g.entities.list,
                    g.compare.body,
                    g.story.list,
                    g.story.detail,
                ] {
                    assert_eq!(r.intersection(screen), r, "{size:?} {panes:?}: {r:?}");
                }
            }
        }
    }
}
