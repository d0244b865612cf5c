//! Widgets, each named for what it shows. They borrow the app and compute nothing expensive.

pub mod ascii;
pub mod compare;
pub mod entities;
pub mod library;
pub mod overlay;
pub mod reader;
pub mod search;
pub mod status;
pub mod story;
pub mod web;

pub use crate::engine::text::{truncate, truncate_left};
use ratatui::text::Span;
use unicode_width::UnicodeWidthStr;

/// A span padded with spaces to exactly `width` columns.
pub fn padded(s: &str, width: usize, style: ratatui::style::Style) -> Span<'static> {
    let t = truncate(s, width);
    let pad = width.saturating_sub(t.width());
    Span::styled(format!("{t}{}", " ".repeat(pad)), style)
}
