#!/usr/bin/env python3
"""The sentence aligner re-implemented over `align_dump` output, for trying scoring ideas
quickly outside Rust, and the ceiling of its features.

It reproduces `cargo run --release --example align_eval` exactly (pair-local weights
ln((n + 1) / (df + 0.5)) x background, cosine / cover / shared, the best-counterpart rule,
`max_links` per side), then prints the best "any" F1 any single global cut of one score can
reach on the test pairs (an oracle: the cut is chosen on the test pairs themselves).

    cargo run --release --example align_dump -- seeds > /tmp/seeds.json
    python3 scripts/align_sim.py /tmp/seeds.json tests/fixtures/gold
"""
import glob
import json
import math
import os
import sys
from collections import defaultdict

P = dict(same_cosine=0.35, link_cosine=0.2, link_cover=0.35, min_shared=3.0,
         best_cosine=0.1, max_links=4)


def map_span(sp, gold):
    """The gold sentences a predicted span stands for (as the scorer does)."""
    ov = lambda g: max(0, min(sp[1], g[1]) - max(sp[0], g[0]))
    cov = [i for i, g in enumerate(gold) if g[1] > g[0] and 2 * ov(g) >= g[1] - g[0]]
    if cov:
        return cov
    best = max(((ov(g), -i) for i, g in enumerate(gold) if ov(g) > 0), default=None)
    return [-best[1]] if best else []


def bags(doc):
    out = []
    for s in doc["sentences"]:
        b = {}
        for t, bg, _at in s["terms"]:
            b[t] = max(b.get(t, 0.0), bg)
        out.append(b)
    return out


def weights(A, B):
    n = len(A) + len(B)
    df, bg = defaultdict(int), {}
    for b in A + B:
        for t, w in b.items():
            df[t] += 1
            bg[t] = max(bg.get(t, 0.0), w)
    return {t: max(0.0, math.log((n + 1) / (df[t] + 0.5))) * bg[t] for t in df}


def scores(A, B, W):
    na = [sum(W[t] for t in b) for b in A]
    nb = [sum(W[t] for t in b) for b in B]
    S = {}
    for i, a in enumerate(A):
        for j, b in enumerate(B):
            sh = sum(W[t] for t in a if t in b)
            if sh <= 0:
                continue
            cos = sh / math.sqrt(na[i] * nb[j]) if na[i] * nb[j] > 0 else 0.0
            cov = sh / min(na[i], nb[j]) if min(na[i], nb[j]) > 0 else 0.0
            S[(i, j)] = (sh, min(cos, 1.0), min(cov, 1.0))
    return S


def link(S, nl, nr, p=P):
    least = min(p["best_cosine"], p["link_cosine"])
    raw = {k: v for k, v in S.items() if v[1] >= least or v[2] >= p["link_cover"]}
    bl, br = defaultdict(float), defaultdict(float)
    for (i, j), (_, c, _) in raw.items():
        bl[i], br[j] = max(bl[i], c), max(br[j], c)
    cand = []
    for (i, j), (sh, c, cv) in raw.items():
        best = c >= bl[i] or c >= br[j]
        if c >= p["same_cosine"]:
            kind = "same"
        elif sh >= p["min_shared"] and (c >= p["link_cosine"] or cv >= p["link_cover"]
                                        or (best and c >= p["best_cosine"])):
            kind = "partial"
        else:
            continue
        cand.append((max(c, cv * 0.8), i, j, kind))
    cand.sort(key=lambda x: (-x[0], abs(x[1] / nl - x[2] / nr), x[1], x[2]))
    per_l, per_r, keep = defaultdict(int), defaultdict(int), set()
    for _, i, j, _ in cand:
        if per_l[i] < p["max_links"]:
            per_l[i] += 1
            keep.add((i, j))
    for _, i, j, _ in cand:
        if per_r[j] < p["max_links"]:
            per_r[j] += 1
            keep.add((i, j))
    return {(i, j): (s, k) for s, i, j, k in cand if (i, j) in keep}


def main(dump, gold_dir):
    docs = {d["name"]: d for d in json.load(open(dump))}
    spans = {}
    for f in glob.glob(os.path.join(gold_dir, "sentences", "*.json")):
        d = json.load(open(f))
        spans[os.path.basename(d["file"])] = [(s["start"], s["end"]) for s in d["sentences"]]
    tot = {"dev": [0, 0, 0], "test": [0, 0, 0]}
    oracle, n_gold = [], 0
    for f in sorted(glob.glob(os.path.join(gold_dir, "alignment", "*__*.json"))):
        g = json.load(open(f))
        da, db = docs[g["a"]], docs[g["b"]]
        A, B = bags(da), bags(db)
        S = scores(A, B, weights(A, B))
        gold = {(i, j) for i, j, _ in g["pairs"]}
        to_gold = lambda i, j: {(x, y)
                                for x in map_span((da["sentences"][i]["start"], da["sentences"][i]["end"]), spans[g["a"]])
                                for y in map_span((db["sentences"][j]["start"], db["sentences"][j]["end"]), spans[g["b"]])}
        pred = set()
        for i, j in link(S, len(A), len(B)):
            pred |= to_gold(i, j)
        dev = g["a"].startswith("000") and g["b"].startswith("001")
        tp = len(pred & gold)
        for k, v in enumerate([tp, len(pred) - tp, len(gold) - tp]):
            tot["dev" if dev else "test"][k] += v
        if not dev:
            n_gold += len(gold)
            oracle += [(v, bool(to_gold(i, j) & gold)) for (i, j), v in S.items()]
    for name, (tp, fp, fn) in tot.items():
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"{name}: P {p:.3f} R {r:.3f} any F1 {2 * p * r / max(p + r, 1e-9):.3f}")
    for name, key in [("cosine", 1), ("cover", 2), ("shared", 0)]:
        ranked, tp, best = sorted(oracle, key=lambda x: -x[0][key]), 0, 0.0
        for n, (_, hit) in enumerate(ranked, 1):
            tp += hit
            if tp:
                p, r = tp / n, tp / n_gold
                best = max(best, 2 * p * r / (p + r))
        print(f"oracle: best test any F1 of one cut on {name}: {best:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "tests/fixtures/gold")
