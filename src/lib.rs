//! parallax: a terminal reader for comparing news reports of the same story.
//!
//! [`engine`] holds everything that can be computed without a terminal; [`tui`] is the
//! interactive reader; [`cli`] the command line and the plain-text output for scripts;
//! [`store`] the local SQLite store of fetched articles and their versions; [`notes`] the
//! reader's notes, kept by the reports' content.

pub mod cli;
pub mod engine;
pub mod notes;
pub mod store;
pub mod tui;
