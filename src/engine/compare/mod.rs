//! Comparing two reports: sentence alignment ([`align`]), word diff of aligned sentences
//! ([`diff`]), coverage and discrepancies, and their renderings for scripts.

pub mod align;
pub mod eval;
