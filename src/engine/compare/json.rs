//! The JSON rendering of a [`Comparison`] (`parallax compare --json`) as plain serde types
//! borrowing from the comparison: serialized straight to the output, with no tree of
//! `serde_json::Value`s built and copied first (on a pair of 50,000-word reports that tree
//! was a fifth of the whole run). Fields are declared in alphabetical order, the order the
//! `Value` tree had, so the bytes written are the same. On a long pair the pairs and rows
//! are most of the output: [`ComparisonJson::to_vec_pretty`] renders them on the thread pool,
//! byte for byte what `serde_json::to_vec_pretty` writes.

use super::diff::{Change, Piece};
use super::{Comparison, align::LinkKind};
use crate::engine::article::{Article, Span};
use crate::engine::entities::EntityKind;
use crate::engine::segment::Sentence;
use serde::Serialize;

/// Rounded to 3 places in `f32`, then widened (as the figures always were).
fn round_f32(x: f32) -> f64 {
    ((x * 1000.0).round() / 1000.0) as f64
}

/// Widened, then rounded to 3 places.
fn round_f64(x: f32) -> f64 {
    (x as f64 * 1000.0).round() / 1000.0
}

#[derive(Serialize)]
struct Range {
    end: usize,
    start: usize,
}

#[derive(Serialize)]
struct PieceJson {
    change: Change,
    end: usize,
    start: usize,
}

#[derive(Serialize)]
struct Side<'a> {
    path: String,
    sentences: Vec<Range>,
    title: &'a str,
}

#[derive(Serialize)]
struct Diff {
    left: Vec<PieceJson>,
    right: Vec<PieceJson>,
}

#[derive(Serialize)]
struct Pair {
    diff: Diff,
    kind: LinkKind,
    left: usize,
    right: usize,
    score: f64,
}

#[derive(Serialize)]
struct ValueJson<'a> {
    end: usize,
    normalised: &'a str,
    start: usize,
    text: &'a str,
}

#[derive(Serialize)]
struct DiscrepancyJson<'a> {
    left: usize,
    left_values: Vec<ValueJson<'a>>,
    possible_update: bool,
    right: usize,
    right_values: Vec<ValueJson<'a>>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Name<'a> {
    canonical: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Entities<'a> {
    left_only: Vec<Name<'a>>,
    right_only: Vec<Name<'a>>,
    shared: Vec<Name<'a>>,
}

#[derive(Serialize)]
struct Both<T> {
    left: T,
    right: T,
}

#[derive(Serialize)]
struct Match {
    kind: LinkKind,
    right: usize,
    score: f64,
    shown_in_row: Option<usize>,
    weak: bool,
}

/// A display row: a left sentence with its matches, or right sentences no link reaches.
#[derive(Serialize)]
#[serde(untagged)]
enum RowJson<'a> {
    Right {
        left: Option<usize>,
        right: &'a [usize],
    },
    Left {
        left: usize,
        matches: Vec<Match>,
    },
}

/// `{"coverage","discrepancies","entities","left","left_only","pairs","right","right_only",
/// "rows","unrelated","wire_words"}` (see [`to_json`]).
#[derive(Serialize)]
pub struct ComparisonJson<'a> {
    coverage: Both<f64>,
    discrepancies: Vec<DiscrepancyJson<'a>>,
    entities: Entities<'a>,
    left: Side<'a>,
    left_only: &'a [usize],
    pairs: Vec<Pair>,
    right: Side<'a>,
    right_only: &'a [usize],
    rows: Vec<RowJson<'a>>,
    unrelated: bool,
    wire_words: Both<usize>,
}

fn pieces(article: &Article, pieces: &[Piece]) -> Vec<PieceJson> {
    let map = |o: usize| article.source_map.to_source(o);
    pieces
        .iter()
        .map(|p| PieceJson {
            change: p.change,
            end: map(p.range.end),
            start: map(p.range.start),
        })
        .collect()
}

fn side<'a>(article: &'a Article, sentences: &[Sentence]) -> Side<'a> {
    let map = |o: usize| article.source_map.to_source(o);
    Side {
        path: article.source.label(),
        sentences: sentences
            .iter()
            .map(|s| Range {
                end: map(s.span.end),
                start: map(s.span.start),
            })
            .collect(),
        title: &article.title,
    }
}

fn values<'a>(
    article: &Article,
    vals: &'a [(String, Span)],
    norm: &'a [String],
) -> Vec<ValueJson<'a>> {
    vals.iter()
        .zip(norm)
        .map(|((text, span), n)| ValueJson {
            end: article.source_map.to_source(span.end),
            normalised: n,
            start: article.source_map.to_source(span.start),
            text,
        })
        .collect()
}

fn names(v: &[(EntityKind, String)]) -> Vec<Name<'_>> {
    v.iter()
        .map(|(k, n)| Name {
            canonical: n,
            kind: k.label(),
        })
        .collect()
}

/// The display rows: each left sentence with its own matches (kind, score, whether the link
/// is weak, whether the right sentence is shown in this row or in another), and right
/// sentences no link reaches.
fn rows(c: &Comparison) -> Vec<RowJson<'_>> {
    c.rows
        .iter()
        .map(|r| match r.left.first() {
            None => RowJson::Right {
                left: None,
                right: &r.right,
            },
            Some(&i) => RowJson::Left {
                left: i,
                matches: r
                    .links
                    .iter()
                    .map(|l| Match {
                        kind: l.kind,
                        right: l.right,
                        score: round_f64(l.score),
                        shown_in_row: r.refs.iter().find(|x| x.right == l.right).map(|x| x.row),
                        weak: l.is_weak(),
                    })
                    .collect(),
            },
        })
        .collect()
}

/// `{"left","right","pairs","rows","left_only","right_only","coverage","wire_words",
/// "discrepancies","entities","unrelated"}`: byte offsets into each file as read.
pub fn to_json<'a>(c: &'a Comparison, a: &'a Article, b: &'a Article) -> ComparisonJson<'a> {
    let pairs = c
        .alignment
        .links
        .iter()
        .zip(&c.link_diffs)
        .map(|(l, d)| Pair {
            diff: Diff {
                left: pieces(a, d.left.first().map_or(&[][..], |v| v)),
                right: pieces(b, d.right.first().map_or(&[][..], |v| v)),
            },
            kind: l.kind,
            left: l.left,
            right: l.right,
            score: round_f32(l.score),
        })
        .collect();
    let discrepancies = c
        .discrepancies
        .iter()
        .map(|d| DiscrepancyJson {
            left: d.left,
            left_values: values(a, &d.left_values, &d.left_normalised),
            possible_update: d.possible_update,
            right: d.right,
            right_values: values(b, &d.right_values, &d.right_normalised),
            kind: d.kind.label(),
        })
        .collect();
    ComparisonJson {
        coverage: Both {
            left: round_f64(c.coverage.0),
            right: round_f64(c.coverage.1),
        },
        discrepancies,
        entities: Entities {
            left_only: names(&c.entities.left_only),
            right_only: names(&c.entities.right_only),
            shared: names(&c.entities.shared),
        },
        left: side(a, &c.left_sentences),
        left_only: &c.alignment.left_only,
        pairs,
        right: side(b, &c.right_sentences),
        right_only: &c.alignment.right_only,
        rows: rows(c),
        unrelated: c.unrelated,
        wire_words: Both {
            left: c.wire.0.len(),
            right: c.wire.1.len(),
        },
    }
}

/// serde_json's pretty printer (two spaces a level) starting `depth` levels down, so a part
/// of a document can be written on its own, straight into the output, exactly as it would be
/// written in place. The methods are those of `serde_json::ser::PrettyFormatter`, whose
/// depth cannot be set.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn indent(&self, w: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
    fn open(&mut self, w: &mut (impl std::io::Write + ?Sized), b: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b)
    }
    fn close(&mut self, w: &mut (impl std::io::Write + ?Sized), b: &[u8]) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(b)
    }
    fn item(&self, w: &mut (impl std::io::Write + ?Sized), first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `value` as `serde_json::to_vec_pretty` writes it `depth` levels down (two spaces each).
fn nested(out: &mut Vec<u8>, value: &impl Serialize, depth: usize) -> serde_json::Result<()> {
    let pretty = Indented {
        depth,
        has_value: false,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(out, pretty))
}

/// A document written in pieces: the big arrays' chunks as they were rendered (on the thread
/// pool), the bytes between them in `cur`. Pieces break only between array items, outside
/// any string, so each can be cleaned and written on its own; the megabytes of a long pair's
/// JSON are never copied into one buffer (growing it, in fresh memory, was the renderer's
/// serial tail).
#[derive(Default)]
struct Pieces {
    done: Vec<Vec<u8>>,
    cur: Vec<u8>,
}

impl Pieces {
    fn piece(&mut self, chunk: Vec<u8>) {
        self.done.push(std::mem::take(&mut self.cur));
        self.done.push(chunk);
    }
    fn finish(mut self) -> Vec<Vec<u8>> {
        self.done.push(self.cur);
        self.done
    }
}

/// An array of `items` at `depth`, as the pretty printer writes it: `[]`, or each item on its
/// own line one level in; the items rendered in chunks on the thread pool when `parallel`.
fn array<T: Serialize + Sync>(
    out: &mut Pieces,
    items: &[T],
    depth: usize,
    parallel: bool,
) -> serde_json::Result<()> {
    if items.is_empty() {
        out.cur.extend_from_slice(b"[]");
        return Ok(());
    }
    const CHUNK: usize = 256;
    let chunks = items.len().div_ceil(CHUNK);
    let render = |c: usize| -> serde_json::Result<Vec<u8>> {
        let mut buf = Vec::new();
        let start = c * CHUNK;
        for (k, item) in items[start..(start + CHUNK).min(items.len())]
            .iter()
            .enumerate()
        {
            buf.extend_from_slice(if start + k == 0 { b"\n" } else { b",\n" });
            buf.resize(buf.len() + (depth + 1) * 2, b' ');
            nested(&mut buf, item, depth + 1)?;
        }
        Ok(buf)
    };
    out.cur.push(b'[');
    for chunk in crate::engine::par::map_range(chunks, parallel, render) {
        out.piece(chunk?);
    }
    out.cur.push(b'\n');
    out.cur.resize(out.cur.len() + depth * 2, b' ');
    out.cur.push(b']');
    Ok(())
}

impl ComparisonJson<'_> {
    /// The bytes of `serde_json::to_vec_pretty(self)` ([`ComparisonJson::to_pieces`] joined).
    pub fn to_vec_pretty(&self, parallel: bool) -> serde_json::Result<Vec<u8>> {
        Ok(self.to_pieces(parallel)?.concat())
    }

    /// `serde_json::to_vec_pretty(self)` in pieces that join to it, with the pairs, rows and
    /// sentence lists rendered on the thread pool when `parallel` (the fields in declaration
    /// order). No piece breaks a string.
    pub fn to_pieces(&self, parallel: bool) -> serde_json::Result<Vec<Vec<u8>>> {
        let mut out = Pieces::default();
        out.cur.push(b'{');
        let mut first = true;
        let mut key = |out: &mut Pieces, name: &str| {
            out.cur
                .extend_from_slice(if first { b"\n  " } else { b",\n  " });
            first = false;
            out.cur.push(b'"');
            out.cur.extend_from_slice(name.as_bytes());
            out.cur.extend_from_slice(b"\": ");
        };
        let side = |out: &mut Pieces, s: &Side| -> serde_json::Result<()> {
            out.cur.extend_from_slice(b"{\n    \"path\": ");
            serde_json::to_writer(&mut out.cur, &s.path)?;
            out.cur.extend_from_slice(b",\n    \"sentences\": ");
            array(out, &s.sentences, 2, parallel)?;
            out.cur.extend_from_slice(b",\n    \"title\": ");
            serde_json::to_writer(&mut out.cur, &s.title)?;
            out.cur.extend_from_slice(b"\n  }");
            Ok(())
        };
        key(&mut out, "coverage");
        nested(&mut out.cur, &self.coverage, 1)?;
        key(&mut out, "discrepancies");
        array(&mut out, &self.discrepancies, 1, parallel)?;
        key(&mut out, "entities");
        nested(&mut out.cur, &self.entities, 1)?;
        key(&mut out, "left");
        side(&mut out, &self.left)?;
        key(&mut out, "left_only");
        nested(&mut out.cur, &self.left_only, 1)?;
        key(&mut out, "pairs");
        array(&mut out, &self.pairs, 1, parallel)?;
        key(&mut out, "right");
        side(&mut out, &self.right)?;
        key(&mut out, "right_only");
        nested(&mut out.cur, &self.right_only, 1)?;
        key(&mut out, "rows");
        array(&mut out, &self.rows, 1, parallel)?;
        key(&mut out, "unrelated");
        nested(&mut out.cur, &self.unrelated, 1)?;
        key(&mut out, "wire_words");
        nested(&mut out.cur, &self.wire_words, 1)?;
        out.cur.extend_from_slice(b"\n}");
        Ok(out.finish())
    }
}
