//! Popups over the screen (help, messages, the compare view's row detail): which one is
//! open and how far it is scrolled. Drawn by `tui/widgets/overlay.rs`.

use super::action::{Command, Effect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Messages,
    /// The compare view's current row in full.
    CompareDetail,
    /// The story screen's claim or quote in full, with every report's sentence and source.
    StoryDetail,
}

#[derive(Debug, Clone, Default)]
pub struct OverlayState {
    pub open: Option<Overlay>,
    pub scroll: usize,
}

impl OverlayState {
    pub fn show(&mut self, o: Overlay) {
        self.open = Some(o);
        self.scroll = 0;
    }

    /// Keys while a popup is open: it captures them all.
    pub fn update(&mut self, c: Command) -> Option<Effect> {
        match c {
            Command::Quit => return Some(Effect::Quit),
            Command::Close | Command::Cancel | Command::Back => self.open = None,
            // Enter: the story detail reads its item in its report; other popups close.
            Command::Open => {
                let story = self.open == Some(Overlay::StoryDetail);
                self.open = None;
                if story {
                    return Some(Effect::ReadStoryItem);
                }
            }
            Command::Down => self.scroll += 1,
            Command::Up => self.scroll = self.scroll.saturating_sub(1),
            Command::PageDown => self.scroll += 10,
            Command::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Command::Top => self.scroll = 0,
            Command::Bottom => self.scroll = usize::MAX / 2,
            _ => {}
        }
        None
    }
}
