//! The engine: loading, sanitizing and (in later modules) analysing articles.
//!
//! Knows nothing of terminals: no ratatui or crossterm here (a test checks), only `&str`, byte
//! [`article::Span`]s and plain enums, so every result can be tested, benchmarked and printed.

pub mod article;
pub mod compare;
pub mod dirs;
pub mod entities;
pub mod fetch;
pub mod group;
pub mod load;
pub mod par;
pub mod pipeline;
pub mod sanitize;
pub mod saved;
pub mod segment;
pub mod side;
pub mod story;
pub mod text;

pub use article::{Article, Block, BlockKind, Format, Meta, SkipReason, Source, Span};
