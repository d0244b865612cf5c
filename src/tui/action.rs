//! Everything the reader can do, as data: keys map to these, and `App::update` is the only
//! place that acts on them.

use crate::engine::pipeline::Event;

/// A user intention, named in `assets/keymap.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Quit,
    Help,
    Messages,
    Close,
    Cancel,
    FocusNext,
    FocusLibrary,
    FocusReader,
    PrevArticle,
    NextArticle,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    Open,
    ToggleHighlight,
    // The compare view (`tui::compare`).
    Mark,
    Compare,
    NextDifference,
    PrevDifference,
    NextOnly,
    PrevOnly,
    NextDiscrepancy,
    PrevDiscrepancy,
    SwapSides,
    FollowRef,
    RowDetail,
    Back,
    ToggleEntities,
    JumpMention,
    NextMention,
    PrevMention,
    // The story screen (src/tui/story.rs).
    StoryOpen,
    StoryPane(u8),
    StoryNextPane,
    StoryPrevPane,
    /// Left / right: a column of the coverage matrix there, the previous / next pane elsewhere.
    StoryLeft,
    StoryRight,
    StorySingleSource,
    ReaderOnlyThis,
    // The web (src/tui/web.rs).
    Refresh,
    Versions,
    // Search (src/tui/search.rs) and its prompt (src/tui/prompt.rs).
    Search,
    NextMatch,
    PrevMatch,
    /// A character typed into the prompt (not named in the keymap: the prompt's unbound
    /// characters).
    Insert(char),
    DeleteChar,
    ClearLine,
    Confirm,
    /// Ctrl-Z: back to the shell until `fg`.
    Suspend,
    /// `y`: copy what is at hand with its source (src/tui/copy.rs).
    Copy,
    /// Open the report's web page in a browser (src/tui/browser.rs).
    OpenUrl,
    /// Write the compare view or story screen as Markdown (src/tui/export.rs).
    WriteView,
    /// Notes (src/tui/notes.rs): mark the item at hand checked / doubtful (again: unmark),
    /// or write a note on it.
    MarkChecked,
    MarkDoubtful,
    Note,
}

impl Command {
    /// All commands with their keymap names and help text, in help-overlay order.
    pub const ALL: &'static [(Command, &'static str, &'static str)] = &[
        (Command::Up, "up", "move up / scroll up a line"),
        (Command::Down, "down", "move down / scroll down a line"),
        (Command::PageUp, "page_up", "page up"),
        (Command::PageDown, "page_down", "page down"),
        (Command::HalfPageUp, "half_page_up", "half a page up"),
        (Command::HalfPageDown, "half_page_down", "half a page down"),
        (Command::Top, "top", "go to the top"),
        (Command::Bottom, "bottom", "go to the bottom"),
        (
            Command::Open,
            "open",
            "read the selected report (story screen: the item in full, or its compare view)",
        ),
        (Command::PrevArticle, "prev_article", "previous report"),
        (Command::NextArticle, "next_article", "next report"),
        (Command::FocusNext, "focus_next", "switch pane"),
        (Command::FocusLibrary, "focus_library", "focus the library"),
        (
            Command::FocusReader,
            "focus_reader",
            "focus the reading pane",
        ),
        (
            Command::ToggleHighlight,
            "toggle_highlight",
            "entity highlighting on / off",
        ),
        (
            Command::Mark,
            "mark",
            "mark / unmark a report to compare (first A, then B)",
        ),
        (
            Command::Compare,
            "compare",
            "compare the marked reports (none: this one and the next)",
        ),
        (
            Command::NextDifference,
            "next_difference",
            "next row with a difference",
        ),
        (
            Command::PrevDifference,
            "prev_difference",
            "previous row with a difference",
        ),
        (
            Command::NextOnly,
            "next_only",
            "next sentence only one report has",
        ),
        (
            Command::PrevOnly,
            "prev_only",
            "previous sentence only one report has",
        ),
        (
            Command::NextDiscrepancy,
            "next_discrepancy",
            "next discrepancy (numbers, dates, places)",
        ),
        (
            Command::PrevDiscrepancy,
            "prev_discrepancy",
            "previous discrepancy",
        ),
        (Command::SwapSides, "swap_sides", "swap the two sides"),
        (
            Command::FollowRef,
            "follow_ref",
            "go to the row a reference points to (\"see row 3\"), again for the next",
        ),
        (
            Command::RowDetail,
            "row_detail",
            "details of the current row",
        ),
        (
            Command::Back,
            "back",
            "back one level: close the view or popup at hand (the reading pane: to the library)",
        ),
        (
            Command::ToggleEntities,
            "toggle_entities",
            "entities pane on / off (in the left pane)",
        ),
        (
            Command::JumpMention,
            "jump_mention",
            "jump to the entity's next mention",
        ),
        (
            Command::NextMention,
            "next_mention",
            "next mention of the chosen entity",
        ),
        (
            Command::PrevMention,
            "prev_mention",
            "previous mention of the chosen entity",
        ),
        (
            Command::StoryOpen,
            "story",
            "story overview: coverage, claims, entities, quotes, discrepancies",
        ),
        (Command::StoryNextPane, "story_next_pane", "next story pane"),
        (
            Command::StoryPrevPane,
            "story_prev_pane",
            "previous story pane",
        ),
        (
            Command::StoryLeft,
            "story_left",
            "coverage: column to the left; other panes: previous pane",
        ),
        (
            Command::StoryRight,
            "story_right",
            "coverage: column to the right; other panes: next pane",
        ),
        (Command::StoryPane(0), "story_coverage", "coverage matrix"),
        (Command::StoryPane(1), "story_claims", "claims"),
        (Command::StoryPane(2), "story_entities", "entity matrix"),
        (Command::StoryPane(3), "story_quotes", "quote ledger"),
        (
            Command::StoryPane(4),
            "story_discrepancies",
            "discrepancies",
        ),
        (
            Command::StorySingleSource,
            "story_single_source",
            "claims: only single-source ones / all",
        ),
        (
            Command::ReaderOnlyThis,
            "only_this_report",
            "dim what other reports also say",
        ),
        (
            Command::Refresh,
            "refresh",
            "fetch the subscriptions again into the store, in the background",
        ),
        (
            Command::Versions,
            "versions",
            "compare this web article's last two kept versions (what an edit changed)",
        ),
        (
            Command::Search,
            "search",
            "search the pane at hand (Enter: go, Esc: cancel; capitals: exact case)",
        ),
        (
            Command::NextMatch,
            "next_match",
            "next search match (else: next mention / difference)",
        ),
        (
            Command::PrevMatch,
            "prev_match",
            "previous search match (else: previous mention / difference)",
        ),
        (
            Command::Confirm,
            "confirm",
            "search for what was typed / keep the note",
        ),
        (
            Command::DeleteChar,
            "delete_char",
            "delete the last character",
        ),
        (Command::ClearLine, "clear_line", "clear what was typed"),
        (Command::Messages, "messages", "show load messages"),
        (Command::Help, "help", "this help"),
        (Command::Close, "close", "close the overlay"),
        (Command::Cancel, "cancel", "close overlay / cancel loading"),
        (
            Command::Copy,
            "copy",
            "copy the sentence / row / claim, quote or discrepancy with its source (OSC 52)",
        ),
        (
            Command::OpenUrl,
            "open_url",
            "open the report's web page in the browser ($BROWSER, else xdg-open)",
        ),
        (
            Command::WriteView,
            "write_view",
            "write the compare view / story screen as Markdown to a new file here",
        ),
        (
            Command::MarkChecked,
            "mark_checked",
            "mark the sentence / row / claim or discrepancy as checked (again: unmark)",
        ),
        (
            Command::MarkDoubtful,
            "mark_doubtful",
            "mark it as doubtful (again: unmark)",
        ),
        (
            Command::Note,
            "note",
            "write a note on it (Enter keeps, Esc cancels; empty: removes the note)",
        ),
        (
            Command::Suspend,
            "suspend",
            "suspend to the shell (fg brings the reader back)",
        ),
        (Command::Quit, "quit", "quit"),
    ];

    pub fn from_name(name: &str) -> Option<Command> {
        Command::ALL
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| *c)
    }

    pub fn describe(self) -> &'static str {
        Command::ALL
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("", |(_, _, d)| d)
    }
}

/// Everything that changes the app's state: user commands and results from workers.
#[derive(Debug)]
pub enum Action {
    Command(Command),
    Resize(u16, u16),
    /// The loading pipeline's progress and results ([`crate::engine::pipeline::Event`]).
    Pipeline(Event),
    /// A compare worker finished (`tui::compare`).
    Compared(Box<super::compare::CompareDone>),
    /// A background refresh's progress and result (`tui::web`).
    Refresh(crate::store::sync::Background),
    /// The last two versions of the article `url` were read from the store (older, newer),
    /// or it keeps fewer, or the store could not be read.
    Versions {
        url: String,
        result: Result<Option<Box<VersionPair>>, String>,
    },
    /// The store's articles, read to reopen the library after a refresh.
    Reopen(Vec<crate::engine::load::Input>),
    /// Something the event loop did, for the status line (a browser started, or not).
    Notice(String),
    /// The mouse: a wheel notch or a click at a cell (`tui::app::Pointer`).
    Pointer(super::app::Pointer),
}

/// Two versions of one article, older first.
#[derive(Debug)]
pub struct VersionPair {
    pub older: crate::engine::Article,
    pub newer: crate::engine::Article,
    /// Each side's label: `version 2 of 3 · 2026-12-01 14:52 UTC`.
    pub labels: [String; 2],
}

impl From<Event> for Action {
    fn from(e: Event) -> Action {
        Action::Pipeline(e)
    }
}

/// What handling an action asks for beyond the component that handled it. The first seven
/// leave the app: [`super::app::App::update`] returns them to the event loop, which acts
/// (no flags to poll). The others are requests between components, which `App` routes.
#[derive(Debug)]
pub enum Effect {
    /// Leave the reader.
    Quit,
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Start the browser on this (checked http/https) URL.
    OpenUrl(String),
    /// Write `text` to a new file `name.md` in the current directory.
    WriteFile { name: String, text: String },
    /// Give the terminal back and stop until the shell continues the reader (Ctrl-Z).
    Suspend,
    /// Stop the loading pipeline (what loaded stays).
    CancelLoad,
    /// Run a comparison on a worker; its result comes back as [`Action::Compared`].
    StartCompare(Box<super::compare::CompareJob>),
    /// Refresh the subscriptions into the store on a worker ([`Action::Refresh`] follows).
    Refresh,
    /// Read the last two versions of an article from the store ([`Action::Versions`]).
    LoadVersions(String),
    /// The store changed: read its articles on a worker ([`Action::Reopen`] follows).
    Reload,
    /// Load the library again from these inputs (the old run is stopped).
    StartPipeline(Vec<crate::engine::load::Input>),
    /// The library's selection moved to a report: the reading pane shows it.
    Follow(usize),
    /// Read report `report`: selected, open in the focused reading pane, scrolled to `at` and
    /// marked when given (from the story screen).
    Open {
        report: usize,
        at: Option<crate::engine::Span>,
    },
    /// Open the compare view of reports `a` (A) and `b` (B), at A's sentence holding `at`
    /// with a note for the status line.
    Compare {
        a: usize,
        b: usize,
        at: Option<(crate::engine::Span, String)>,
    },
    /// Open a popup.
    Show(super::overlay::Overlay),
    /// Close the screen at hand (the compare view).
    Back,
    /// Entity highlighting on / off (`notice`: say so in the status line).
    ToggleHighlight { notice: bool },
    /// A one-off message for the status line.
    Notice(String),
    /// Open the compare view of two versions of one article (older as A).
    ComparePair(Box<VersionPair>),
    /// Start the library over with the store's articles (after a refresh).
    Reopen(Vec<crate::engine::load::Input>),
    /// Search the view at hand for this pattern (from the prompt).
    Search(String),
    /// Keep this note on the item the note prompt was opened for.
    SaveNote(String),
    /// Read the story screen's selected claim or quote in its report (Enter in its detail).
    ReadStoryItem,
}

impl Effect {
    /// True for the effects the event loop acts on.
    pub fn leaves_app(&self) -> bool {
        matches!(
            self,
            Effect::Quit
                | Effect::Suspend
                | Effect::Copy(_)
                | Effect::OpenUrl(_)
                | Effect::WriteFile { .. }
                | Effect::CancelLoad
                | Effect::StartCompare(_)
                | Effect::Refresh
                | Effect::LoadVersions(_)
                | Effect::Reload
                | Effect::StartPipeline(_)
        )
    }
}

/// Where a movement command takes a selection at `s` in a list of `n > 0` entries showing
/// `page` of them; other commands leave it where it is.
pub fn move_in_list(c: Command, s: usize, n: usize, page: usize) -> usize {
    let last = n.saturating_sub(1);
    match c {
        Command::Down => (s + 1).min(last),
        Command::Up => s.saturating_sub(1),
        Command::PageDown => (s + page).min(last),
        Command::PageUp => s.saturating_sub(page),
        Command::HalfPageDown => (s + page / 2 + 1).min(last),
        Command::HalfPageUp => s.saturating_sub(page / 2 + 1),
        Command::Top => 0,
        Command::Bottom => last,
        _ => s,
    }
}
