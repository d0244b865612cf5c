//! ASCII only (`--ascii`, or a locale that is not UTF-8): after a frame is drawn every cell
//! that is not ASCII gets a stand-in, so no widget needs two sets of symbols and nothing can
//! slip through — the UI's own glyphs from [`STAND_INS`] (one per meaning: `*` carried, `.`
//! absent, `@` source, `+` trimmed, `o` paraphrased, heat `_:=#`, the current row `>`), box
//! borders and scrollbars as `+-|`, and the article's own text transliterated
//! ([`deunicode`]: `é` → `e`, `“` → `"`), `?` where there is nothing closer. Wide characters
//! keep their two columns.

use ratatui::buffer::Buffer;

/// The UI's glyphs and their ASCII stand-ins, each meaning its own mark.
pub const STAND_INS: &[(char, char)] = &[
    // Box drawing (borders, rules, the compare view's gutter).
    ('─', '-'),
    ('━', '-'),
    ('═', '='),
    ('│', '|'),
    ('┃', '|'),
    ('║', '|'),
    ('┌', '+'),
    ('┐', '+'),
    ('└', '+'),
    ('┘', '+'),
    ('├', '+'),
    ('┤', '+'),
    ('┬', '+'),
    ('┴', '+'),
    ('┼', '+'),
    ('╭', '+'),
    ('╮', '+'),
    ('╰', '+'),
    ('╯', '+'),
    ('╔', '+'),
    ('╗', '+'),
    ('╚', '+'),
    ('╝', '+'),
    // Scrollbars: thumb, ends.
    ('█', '#'),
    ('▲', '^'),
    ('▼', 'v'),
    ('◄', '<'),
    ('►', '>'),
    // The current row / open report.
    ('▌', '>'),
    ('▐', '|'),
    // Heat-map shades (the full block is '#', above).
    ('░', '_'),
    ('▒', ':'),
    ('▓', '='),
    // Carried / used, and how (claims, entity matrix, quote ledger).
    ('●', '*'),
    ('★', '@'),
    ('◐', '+'),
    ('○', 'o'),
    ('✗', 'x'),
    ('✓', 'v'),
    ('·', '.'),
    ('•', '-'),
    // Notes: checked, doubtful, a note without a mark.
    ('✔', 'C'),
    ('‽', 'D'),
    ('✎', 'N'),
    // Arrows, marks, punctuation of the UI's own strings.
    ('▸', '>'),
    ('▶', '>'),
    ('◂', '<'),
    ('◀', '<'),
    ('←', '<'),
    ('→', '>'),
    ('↑', '^'),
    ('↓', 'v'),
    ('⚠', '!'),
    ('…', '~'),
    ('—', '-'),
    ('–', '-'),
    ('“', '"'),
    ('”', '"'),
    ('‘', '\''),
    ('’', '\''),
];

/// The ASCII stand-in of one cell's symbol, at most `cols` columns (1 or 2).
pub fn stand_in(symbol: &str, cols: usize) -> String {
    let mut chars = symbol.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(&(_, a)) = STAND_INS.iter().find(|(g, _)| *g == c)
    {
        return a.to_string();
    }
    let t: String = deunicode::deunicode_with_tofu(symbol, "?")
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(cols.max(1))
        .collect();
    if t.is_empty() { "?".to_string() } else { t }
}

/// Replaces every cell that is not ASCII in `buf` with its stand-in.
pub fn asciify(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &mut buf[(x, y)];
            let sym = cell.symbol();
            if sym.is_ascii() {
                x += 1;
                continue;
            }
            let cols = unicode_width::UnicodeWidthStr::width(sym).clamp(1, 2);
            let ascii = stand_in(sym, cols);
            let mut chars = ascii.chars();
            cell.set_char(chars.next().unwrap_or('?'));
            // A wide character's second column: the rest of the stand-in, or a space.
            if cols == 2 && x + 1 < area.right() {
                buf[(x + 1, y)].set_char(chars.next().unwrap_or(' '));
            }
            x += cols as u16;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn every_stand_in_is_ascii_and_the_ledger_marks_stay_distinct() {
        for (g, a) in STAND_INS {
            assert!(a.is_ascii_graphic(), "{g}");
        }
        let ledger: Vec<String> = ["★", "●", "◐", "○", "✗", "·"]
            .iter()
            .map(|g| stand_in(g, 1))
            .collect();
        let mut unique = ledger.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ledger.len(), "{ledger:?}");
        let heat: Vec<String> = ["░", "▒", "▓", "█"]
            .iter()
            .map(|g| stand_in(g, 1))
            .collect();
        assert_eq!(heat, ["_", ":", "=", "#"]);
        // The lowest shade is not the absent mark.
        assert_ne!(stand_in("░", 1), stand_in("·", 1));
    }

    #[test]
    fn a_buffer_comes_out_ascii_with_its_widths() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, "┌café中●…┐", ratatui::style::Style::default());
        asciify(&mut buf);
        let line: String = (0..12).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(line.is_ascii(), "{line:?}");
        assert!(line.starts_with("+cafe"), "{line:?}");
        assert!(line.contains("*~+"), "{line:?}");
        assert_eq!(line.len(), 12);
    }
}
