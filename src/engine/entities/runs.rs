//! Capitalised runs the tagger found no other rule for (`Vladimir Putin`, `Qubitly`, `Aceh`):
//! named by the story lexicon when it knows them, else by their shape and the words around
//! them (a given name first, an organisation word last, `in`/`at` before a place, a verb of
//! saying after a person).

use super::EntityKind;
use super::gazetteer::{COMMON_WORDS, LOC_DESIGNATORS, ORG_KEYWORDS, SAY_VERBS, is_given};
use super::names::{EVENT_WORDS, FACILITIES};
use super::tagger::{Asked, Ctx};
use super::tokens::TokKind;
use crate::engine::article::Span;

/// A capitalised run `i..j`: the lexicon's kind when it knows the run, else the rules of
/// [`classify_unknown`], whose outcome is noted in the run's [`Asked::Run`] (returned: its
/// index in the log; the caller notes where the run's mentions are).
pub(super) fn classify(
    cx: &Ctx,
    i: usize,
    j: usize,
    titled: bool,
    emit: &mut dyn FnMut(Span, EntityKind),
) -> Option<usize> {
    let span = cx.span(i, j);
    let q = cx.asked.borrow().len();
    if let Some(kind) = cx.lex_lookup(span) {
        emit(span, kind);
        return None;
    }
    let mut emitted = (0, None);
    classify_unknown(cx, i, j, titled, &mut |s, k| {
        emitted = (emitted.0 + 1, (s == span).then_some(k));
        emit(s, k);
    });
    let run = cx.asked.borrow_mut().get_mut(q).map(|slot| {
        *slot = Asked::Run {
            span,
            ruled: if emitted.0 == 1 { emitted.1 } else { None },
            at: 0,
            emitted: 0,
            // A number right after the run looks back at whether the run was named.
            local: cx.toks.get(j).is_none_or(|t| t.kind != TokKind::Num),
        };
    });
    run.map(|()| q)
}

fn classify_unknown(
    cx: &Ctx,
    i: usize,
    j: usize,
    titled: bool,
    emit: &mut dyn FnMut(Span, EntityKind),
) {
    let span = cx.span(i, j);
    let surface = cx.text.get(span.range()).unwrap_or("");
    if cx.headline {
        // Only names already known: token by token.
        for k in i..j {
            if let Some(kind) = cx.lex_lookup(cx.span(k, k + 1)) {
                emit(cx.span(k, k + 1), kind);
            }
        }
        return;
    }
    let len = j - i;
    let number_word = |k: usize| matches!(cx.low(k), "one" | "two" | "three" | "ii" | "iii");
    // Product-like names: Air Force One, F-16, Apollo 11.
    let has_digit = (i..j).any(|k| cx.toks[k].kind == TokKind::Num || number_word(k))
        || (cx.cap(j) && number_word(j))
        || cx
            .toks
            .get(j)
            .is_some_and(|t| t.kind == TokKind::Num && !t.space_before);
    if has_digit {
        return;
    }
    let last = cx.low(j - 1);
    let next = cx.low(j);
    let prev = if i > 0 { cx.low(i - 1) } else { "" };
    if len >= 2 && EVENT_WORDS.contains(last) || matches!(prev, "@" | "#") {
        return; // An event, prize or handle: outside the seven types.
    }
    if len >= 2 && matches!(last, "day" | "eve") {
        emit(span, EntityKind::Date); // A holiday: Independence Day.
        return;
    }
    if len >= 2 && ORG_KEYWORDS.contains(last) || !titled && cx.org_context(i, j) {
        emit(span, EntityKind::Org);
    } else if len >= 2 && (LOC_DESIGNATORS.contains(last) || FACILITIES.contains(last)) {
        emit(span, EntityKind::Loc);
    } else if titled || (len >= 2 && is_given(cx.low(i))) {
        emit(span, EntityKind::Person);
    } else if len >= 2 {
        if len <= 3
            && i > 0
            && (i..j).all(|k| !cx.toks[k].is_all_caps(cx.text))
            && cx.person_like(i, j)
        {
            emit(span, EntityKind::Person);
        }
    } else if cx.toks[i].is_all_caps(cx.text) && surface.len() <= 6 && i > 0 {
        if cx.acronym_org(i) {
            emit(span, EntityKind::Org);
        }
    } else if SAY_VERBS.contains(next) || (next == "," && SAY_VERBS.contains(cx.low(j + 1))) {
        emit(span, EntityKind::Person);
    } else if matches!(prev, "in" | "at" | "near")
        && i > 1
        && !cx
            .toks
            .get(j)
            .is_some_and(|t| t.kind == TokKind::Word && !t.is_cap(cx.text))
        && !COMMON_WORDS.contains(cx.low(i))
    {
        // "in Aceh", not "in Scientology jargon".
        emit(span, EntityKind::Gpe);
    }
}
