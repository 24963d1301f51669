#!/usr/bin/env python3
"""Benchmark corpora made from the seed documents, byte for byte the same on every run.

The seeds are cut into paragraphs, the paragraphs dealt from a deck that is reshuffled with
a fixed seed (random.Random) each time it runs out, and written out until the size asked
for is reached. Whole paragraphs only, so every file is valid UTF-8. Sizes are in decimal
units (1 MB = 10^6 bytes, 1 KB = 1000 bytes), as in the MB/s figures of bench/compare.py.

  make_corpus.py folder OUT_DIR [--mb 50] [--file-kb 25] [--seeds 000,001,004]
      plain simplified text in files of about --file-kb KB each (doc00001.txt, ...)
  make_corpus.py file OUT_FILE [--mb 20] [--seeds 002]
      one large file (seed 002 is the traditional-script one; 000,001,004 simplified)
  make_corpus.py nopunct OUT_FILE [--mb 10] [--prefix-mb 1 --prefix-out FILE]
      simplified text with every punctuation mark, space and line break removed: one
      "sentence" of --mb MB; --prefix-out also writes its first --prefix-mb MB

Common options: --seeds-dir DIR (default: seeds/ beside bench/), --seed N (default 11).
Python 3 standard library only.
"""

import argparse
import os
import random
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Paragraphs longer than this (in chars) are cut: the traditional seed is one flattened line
# with its paragraphs separated by spaces.
LONG_PARAGRAPH = 600


def seed_paths(seeds_dir, prefixes):
    """The seed files whose names start with one of `prefixes`, sorted by name."""
    names = sorted(
        n
        for n in os.listdir(seeds_dir)
        if not n.startswith(".") and any(n.startswith(p) for p in prefixes)
    )
    missing = [p for p in prefixes if not any(n.startswith(p) for n in names)]
    if missing:
        sys.exit(f"make_corpus.py: no seed file in {seeds_dir} starts with {', '.join(missing)}")
    return [os.path.join(seeds_dir, n) for n in names]


def cut_long(line):
    """A long line cut at spaces, then after each 。, into pieces of at most LONG_PARAGRAPH
    chars where the text allows it."""
    if len(line) <= LONG_PARAGRAPH:
        return [line]
    pieces = []
    for part in line.split(" "):
        if len(part) <= LONG_PARAGRAPH:
            pieces.append(part)
            continue
        sentence = ""
        for ch in part:
            sentence += ch
            if ch == "。" and len(sentence) >= LONG_PARAGRAPH // 4:
                pieces.append(sentence)
                sentence = ""
        pieces.append(sentence)
    return [p for p in pieces if p.strip()]


def paragraphs(paths):
    """Every non-empty line of the files, long ones cut, in file order."""
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    out.extend(cut_long(line))
    if not out:
        sys.exit("make_corpus.py: the seed files hold no text")
    return out


class Deck:
    """Paragraphs forever: the whole deck in a fresh random order, again and again; a
    paragraph drawn but not used can be put back on top."""

    def __init__(self, paras, rng):
        self.paras, self.rng, self.order = list(paras), rng, []

    def draw(self):
        if not self.order:
            self.order = list(self.paras)
            self.rng.shuffle(self.order)
            self.order.reverse()
        return self.order.pop()

    def put_back(self, p):
        self.order.append(p)


def write(path, text):
    parent = os.path.dirname(path)
    if parent:
        os.makedirs(parent, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def fill(deck, limit):
    """Paragraphs from `deck`, one a line, up to `limit` bytes (at least one paragraph)."""
    lines, size = [], 0
    while size < limit:
        p = deck.draw()
        n = len(p.encode("utf-8")) + 1
        if lines and size + n > limit:
            deck.put_back(p)
            break
        lines.append(p + "\n")
        size += n
    return "".join(lines)


def make_folder(a, paras, rng):
    total = int(a.mb * 1e6)
    per_file = int(a.file_kb * 1000)
    if os.path.isdir(a.out):
        for name in os.listdir(a.out):
            if name.startswith("doc") and name.endswith(".txt"):
                os.remove(os.path.join(a.out, name))
    os.makedirs(a.out, exist_ok=True)
    deck = Deck(paras, rng)
    written, count = 0, 0
    while written < total:
        text = fill(deck, min(per_file, total - written))
        count += 1
        write(os.path.join(a.out, f"doc{count:05d}.txt"), text)
        written += len(text.encode("utf-8"))
    print(f"{a.out}: {count} files, {written} bytes")


def make_file(a, paras, rng):
    text = fill(Deck(paras, rng), int(a.mb * 1e6))
    write(a.out, text)
    print(f"{a.out}: {len(text.encode('utf-8'))} bytes")


def keep(ch):
    """Whether a char stays in the no-punctuation text: not punctuation (P*), not a space or
    separator (Z*), not a control char or line break (C*)."""
    return unicodedata.category(ch)[0] not in "PZC"


def make_nopunct(a, paras, rng):
    limit = int(a.mb * 1e6)
    parts, size, deck = [], 0, Deck(paras, rng)
    while size < limit:
        s = "".join(ch for ch in deck.draw() if keep(ch))
        parts.append(s)
        size += len(s.encode("utf-8"))
    data = "".join(parts).encode("utf-8")[:limit]
    write(a.out, data.decode("utf-8", "ignore"))
    print(f"{a.out}: {len(data.decode('utf-8', 'ignore').encode('utf-8'))} bytes, no punctuation")
    if a.prefix_out:
        prefix = data[: int(a.prefix_mb * 1e6)].decode("utf-8", "ignore")
        write(a.prefix_out, prefix)
        print(f"{a.prefix_out}: {len(prefix.encode('utf-8'))} bytes (its beginning)")


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seeds-dir", default=os.path.join(ROOT, "seeds"))
    ap.add_argument("--seed", type=int, default=11, help="random seed (default 11)")
    sub = ap.add_subparsers(dest="kind", required=True)
    p = sub.add_parser("folder", help="plain simplified text in many small files")
    p.add_argument("out")
    p.add_argument("--mb", type=float, default=50)
    p.add_argument("--file-kb", type=float, default=25)
    p.add_argument("--seeds", default="000,001,004")
    p = sub.add_parser("file", help="one large file")
    p.add_argument("out")
    p.add_argument("--mb", type=float, default=20)
    p.add_argument("--seeds", default="002")
    p = sub.add_parser("nopunct", help="one long text without punctuation")
    p.add_argument("out")
    p.add_argument("--mb", type=float, default=10)
    p.add_argument("--seeds", default="000,001,004")
    p.add_argument("--prefix-out")
    p.add_argument("--prefix-mb", type=float, default=1)
    a = ap.parse_args()
    paras = paragraphs(seed_paths(a.seeds_dir, a.seeds.split(",")))
    rng = random.Random(a.seed)
    {"folder": make_folder, "file": make_file, "nopunct": make_nopunct}[a.kind](a, paras, rng)


if __name__ == "__main__":
    main()
