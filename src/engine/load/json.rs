//! JSON articles: one object, a list of them (or `{"articles": [...]}`), or JSON Lines.
//!
//! A record is `{title, outlet, url, published, author, body}` with `body` a string (plain
//! text with blank lines between paragraphs, or HTML) or `paragraphs` a list of strings;
//! `source`/`site` are accepted for `outlet`, `date` for `published`, `byline` for `author`
//! (a string or a list of names); unknown fields are ignored. A bad record is reported as
//! [`LoadError::Record`] naming the file and the record, and the good ones still load.

use super::encoding::decode_raw;
use super::html::{Rendered, build, clean_byline, clean_line, render_fragment, render_plain};
use super::{LoadError, Loaded};
use crate::engine::article::{Article, Format, Meta, Source};
use serde_json::{Map, Value};

/// Parses JSON or JSON Lines bytes into articles and per-record problems.
pub fn parse(source: Source, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let label = source.label();
    let (text, encoding, _) = decode_raw(bytes);
    let text = text.trim_start_matches('\u{feff}');
    // (record number from 1, the record or why it is not one)
    let records: Vec<(usize, Result<Value, String>)> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i + 1, Ok(v)))
            .collect(),
        Ok(Value::Object(mut obj)) => match ["articles", "items", "records"]
            .iter()
            .find_map(|k| obj.remove(*k).filter(Value::is_array))
        {
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (i + 1, Ok(v)))
                .collect(),
            _ => vec![(1, Ok(Value::Object(obj)))],
        },
        Ok(_) => {
            return Err(LoadError::Parse {
                path: label,
                reason: "JSON is neither an article object nor a list of them".into(),
            });
        }
        Err(whole) => {
            let lines = json_lines(text);
            if lines.iter().all(|(_, r)| r.is_err()) {
                return Err(LoadError::Parse {
                    path: label,
                    reason: format!("not valid JSON: {whole}"),
                });
            }
            lines
        }
    };
    let single = records.len() == 1;
    let mut loaded = Loaded::default();
    for (number, record) in records {
        let record_source = if single {
            source.clone()
        } else {
            Source::Entry {
                of: Box::new(source.clone()),
                index: number - 1,
            }
        };
        let result = record.and_then(|v| match v {
            Value::Object(obj) => article(record_source, &obj, encoding.clone()),
            _ => Err("not an object".to_string()),
        });
        match result {
            Ok(a) => loaded.articles.push(a),
            Err(reason) => loaded.problems.push(LoadError::Record {
                path: label.clone(),
                number,
                reason,
            }),
        }
    }
    Ok(loaded)
}

/// JSON Lines: each non-blank line a record, numbered by its line.
fn json_lines(text: &str) -> Vec<(usize, Result<Value, String>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let v = serde_json::from_str::<Value>(l).map_err(|e| format!("invalid JSON: {e}"));
            (i + 1, v)
        })
        .collect()
}

/// The first of `keys` that holds a string (or a number, for dates), as a clean line.
fn field(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k)? {
        Value::String(s) => clean_line(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let names: Vec<String> = items
                .iter()
                .filter_map(Value::as_str)
                .filter_map(clean_line)
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(Value::as_str).and_then(clean_line),
        _ => None,
    })
}

fn article(
    source: Source,
    obj: &Map<String, Value>,
    encoding: Option<String>,
) -> Result<Article, String> {
    let rendered = match (obj.get("body"), obj.get("paragraphs")) {
        (Some(Value::String(body)), _) if !body.trim().is_empty() => render_body(body),
        (_, Some(Value::Array(paras))) if paras.iter().any(|p| p.is_string()) => {
            let mut out = Rendered::default();
            for p in paras.iter().filter_map(Value::as_str) {
                let r = render_body(p);
                out.cleaned += r.cleaned;
                out.pieces.extend(r.pieces);
            }
            out
        }
        _ => return Err("no body or paragraphs".into()),
    };
    if rendered.pieces.is_empty() {
        return Err("the body is empty".into());
    }
    let meta = Meta {
        outlet: field(obj, &["outlet", "source", "site", "publisher"]),
        byline: field(obj, &["author", "byline", "authors"]).and_then(|b| clean_byline(&b)),
        date: field(obj, &["published", "date"]),
        url: field(obj, &["url", "link"]),
        language: field(obj, &["language", "lang"]),
        encoding,
        ..Meta::default()
    };
    let title = field(obj, &["title", "headline"]);
    Ok(build(
        source,
        Format::Json,
        rendered,
        title,
        meta,
        Vec::new(),
    ))
}

/// A body string: HTML when it has tags, else paragraphs separated by blank lines (or by
/// single newlines when there are no blank lines).
fn render_body(body: &str) -> Rendered {
    let looks_html = body.contains("</") || body.contains("<p") || body.contains("<br");
    if looks_html {
        return render_fragment(body);
    }
    let sep = if body.contains("\n\n") { "\n\n" } else { "\n" };
    render_plain(body, sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_aliases_and_bad_records() {
        let json = r#"[{"title":"A","site":"Ex","date":"2025-01-02","body":"One.\n\nTwo."},
                       {"title":"B"}]"#;
        let l = parse(Source::Stdin, json.as_bytes()).unwrap();
        assert_eq!(l.articles.len(), 1);
        let a = &l.articles[0];
        assert_eq!(a.meta.outlet.as_deref(), Some("Ex"));
        assert_eq!(a.meta.date.as_deref(), Some("2025-01-02"));
        assert_eq!(a.source.label(), "stdin#1");
        assert_eq!(
            l.problems[0].to_string(),
            "stdin: record 2: no body or paragraphs"
        );
    }
}
