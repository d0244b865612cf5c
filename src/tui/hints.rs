//! The status line's key hints, generated from the keymap for the mode at hand: each hint is
//! a command (or a pair, `n/N`) and a word, its key the plainest one bound to it there. A
//! mode's hints are listed most useful first; [`fit`] keeps as many as the room allows, and
//! always `? help` while it fits, so the hints never vanish on a narrow screen.

use super::action::Command;
use super::keymap::{Keymap, Mode};
use unicode_width::UnicodeWidthStr;

/// What the hints depend on beyond the mode.
#[derive(Debug, Clone, Copy, Default)]
pub struct HintContext {
    /// One pane at a time (below 80 columns): `Tab` switches.
    pub narrow: bool,
    /// A search was made in this view: `n/N` step its hits.
    pub searching: bool,
}

/// One hint: the command (and its reverse, drawn `n/N`) and the word for it.
type Spec = (Command, Option<Command>, &'static str);

fn specs(mode: Mode, ctx: HintContext) -> Vec<Spec> {
    use Command::*;
    let step: Spec = (NextMatch, Some(PrevMatch), "match");
    let mut out: Vec<Spec> = match mode {
        Mode::Library => vec![
            (StoryOpen, None, "story"),
            (ToggleEntities, None, "entities"),
            (Mark, None, "mark"),
            (Compare, None, "compare"),
            (Search, None, "search"),
            (Open, None, "read"),
            (Quit, None, "quit"),
        ],
        Mode::Reader => vec![
            (Search, None, "search"),
            (Copy, None, "copy"),
            (Back, None, "library"),
            (StoryOpen, None, "story"),
            (ToggleEntities, None, "entities"),
        ],
        Mode::Entities => vec![
            (JumpMention, None, "jump"),
            (NextMatch, Some(PrevMatch), "step"),
            (ToggleEntities, None, "close"),
        ],
        Mode::Compare => vec![
            (NextMatch, Some(PrevMatch), "diff"),
            (NextOnly, Some(PrevOnly), "only"),
            (NextDiscrepancy, Some(PrevDiscrepancy), "discrepancy"),
            (SwapSides, None, "swap"),
            (Back, None, "back"),
            (RowDetail, None, "detail"),
            (Search, None, "search"),
            (Copy, None, "copy"),
        ],
        Mode::Story => vec![
            (StoryNextPane, None, "pane"),
            (Open, None, "open"),
            (Back, None, "back"),
            (Copy, None, "copy"),
            (Search, None, "search"),
            (StorySingleSource, None, "single-source"),
        ],
        Mode::Overlay => vec![(Down, Some(Up), "scroll"), (Close, None, "close")],
        Mode::Global | Mode::Prompt => Vec::new(),
    };
    if ctx.searching {
        // After a search n/N step its hits: said first.
        out.retain(|(c, _, _)| *c != NextMatch);
        out.insert(0, step);
    }
    if ctx.narrow && matches!(mode, Mode::Library | Mode::Reader) {
        out.insert(1.min(out.len()), (FocusNext, None, "pane"));
    }
    out
}

/// The hints of `mode`, most useful first, `? help` last (it is kept longest by [`fit`]).
pub fn hints(keymap: &Keymap, mode: Mode, ctx: HintContext) -> Vec<String> {
    let label = |c: Command| keymap.keys_for(mode, c).first().map(|k| k.label());
    let mut out: Vec<String> = specs(mode, ctx)
        .into_iter()
        .filter_map(|(c, rev, word)| {
            let key = match (label(c), rev.and_then(label)) {
                (Some(a), Some(b)) => format!("{a}/{b}"),
                (Some(a), None) => a,
                _ => return None,
            };
            Some(format!("{key} {word}"))
        })
        .collect();
    if let Some(k) = label(Command::Help) {
        out.push(format!("{k} help"));
    }
    out
}

/// As many hints as fit in `width` columns (` a · b · ? help `): the first ones, and the last
/// (help) whenever it fits at all; empty when not even that does.
pub fn fit(hints: &[String], width: usize) -> String {
    let Some((help, rest)) = hints.split_last() else {
        return String::new();
    };
    let line = |items: &[&String]| {
        let mut s = String::from(" ");
        for (k, h) in items.iter().enumerate() {
            if k > 0 {
                s.push_str(" · ");
            }
            s.push_str(h);
        }
        s.push(' ');
        s
    };
    let mut chosen: Vec<&String> = vec![help];
    if line(&chosen).width() > width {
        return String::new();
    }
    for h in rest {
        let mut next: Vec<&String> = chosen[..chosen.len() - 1].to_vec();
        next.push(h);
        next.push(help);
        if line(&next).width() > width {
            break;
        }
        chosen = next;
    }
    line(&chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_come_from_the_keymap_and_shrink_to_fit() {
        let map = Keymap::default_map();
        let lib = hints(&map, Mode::Library, HintContext::default());
        assert_eq!(lib.first().map(String::as_str), Some("o story"));
        assert!(lib.contains(&"Enter read".to_string()), "{lib:?}");
        assert!(lib.contains(&"q quit".to_string()), "{lib:?}");
        assert_eq!(lib.last().map(String::as_str), Some("? help"));
        let reader = hints(&map, Mode::Reader, HintContext::default());
        assert!(reader.contains(&"q library".to_string()), "{reader:?}");
        assert!(!reader.iter().any(|h| h.contains("quit")));
        let compare = hints(&map, Mode::Compare, HintContext::default());
        assert_eq!(compare[0], "n/N diff");
        let searching = HintContext {
            searching: true,
            ..HintContext::default()
        };
        assert_eq!(hints(&map, Mode::Compare, searching)[0], "n/N match");
        let all = fit(&lib, 200);
        assert!(
            all.contains("Enter read") && all.ends_with(" ? help "),
            "{all:?}"
        );
        let some = fit(&lib, 30);
        assert!(some.starts_with(" o story · "), "{some:?}");
        assert!(some.width() <= 30 && some.ends_with(" ? help "), "{some:?}");
        assert_eq!(fit(&lib, 8), " ? help ");
        assert_eq!(fit(&lib, 5), "");
    }

    #[test]
    fn a_rebound_key_shows_in_the_hints() {
        let map =
            Keymap::parse("[global]\n\"?\" = \"help\"\n[library]\n\"x\" = \"compare\"\n").unwrap();
        let lib = hints(&map, Mode::Library, HintContext::default());
        assert_eq!(lib, vec!["x compare".to_string(), "? help".to_string()]);
    }
}
