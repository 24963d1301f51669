#!/usr/bin/env python3
"""Python baselines for bench/compare.py, measured in CPU time of this process.

  py_baseline.py t2s FILE [--out FILE]
      the reference OpenCC (PyPI `opencc`, the C++ library) converting FILE with `t2s`
  py_baseline.py pipeline PATH [--max-mb 5] [--cache-dir DIR]
      per file of PATH (a file or a folder, files in name order, up to --max-mb MB):
      OpenCC t2s, then jieba.lcut, then a few re.finditer passes (percentages, years,
      dates), what a quick Python script over policy text would do

Each prints one JSON object on stdout: the bytes read, the CPU seconds spent loading
(OpenCC's dictionaries; jieba's, from its cache in --cache-dir) and running, and
`mb_per_cpu_s`, the run's MB (10^6 bytes) of input per CPU-second, loading excluded (so the
baseline is, if anything, flattered). Needs `pip install opencc jieba` (bench/requirements.txt);
bench/compare.py sets up a venv with both.
"""

import argparse
import json
import logging
import os
import re
import sys
import time

# The regex passes of the pipeline: what a figure-and-date script looks for first.
PATTERNS = {
    "percent": r"[0-9]+(?:\.[0-9]+)?[%％]",
    "year": r"(?:19|20)[0-9]{2}年",
    "date": r"(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日",
    "iso_date": r"(?:19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}",
    "by_year": r"到(?:19|20)[0-9]{2}年",
}


def cpu():
    return time.process_time()


def inputs(path, max_bytes):
    """The files of `path` in name order (recursively), until `max_bytes` are taken."""
    if os.path.isfile(path):
        return [path]
    files = []
    for d, subdirs, names in os.walk(path):
        subdirs.sort()
        files.extend(os.path.join(d, n) for n in sorted(names) if not n.startswith("."))
    taken, size = [], 0
    for f in files:
        if max_bytes and size >= max_bytes:
            break
        taken.append(f)
        size += os.path.getsize(f)
    return taken


def load_opencc():
    import opencc

    t = cpu()
    conv = opencc.OpenCC("t2s")
    return conv, cpu() - t, getattr(opencc, "__version__", "?")


def cmd_t2s(a):
    conv, load_s, version = load_opencc()
    with open(a.file, encoding="utf-8") as f:
        text = f.read()
    nbytes = len(text.encode("utf-8"))
    t = cpu()
    out = conv.convert(text)
    run_s = cpu() - t
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(out)
    return {
        "what": "opencc t2s",
        "opencc": version,
        "bytes": nbytes,
        "load_cpu_s": round(load_s, 4),
        "cpu_s": round(run_s, 4),
        "mb_per_cpu_s": round(nbytes / 1e6 / run_s, 3),
    }


def cmd_pipeline(a):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    if a.cache_dir:
        os.makedirs(a.cache_dir, exist_ok=True)
        jieba.dt.tmp_dir = a.cache_dir
    conv, opencc_load, version = load_opencc()
    t = cpu()
    jieba.initialize()
    jieba_load = cpu() - t
    regs = [re.compile(p) for p in PATTERNS.values()]
    files = inputs(a.path, int(a.max_mb * 1e6))
    nbytes = tokens = hits = 0
    stage = {"read": 0.0, "t2s": 0.0, "jieba": 0.0, "regex": 0.0}
    for path in files:
        t0 = cpu()
        with open(path, encoding="utf-8") as f:
            text = f.read()
        t1 = cpu()
        simplified = conv.convert(text)
        t2 = cpu()
        words = jieba.lcut(simplified)
        t3 = cpu()
        for r in regs:
            for _ in r.finditer(simplified):
                hits += 1
        t4 = cpu()
        for k, d in zip(stage, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            stage[k] += d
        nbytes += len(text.encode("utf-8"))
        tokens += len(words)
    run_s = sum(stage.values())
    return {
        "what": "opencc t2s + jieba.lcut + re.finditer",
        "opencc": version,
        "jieba": jieba.__version__,
        "files": len(files),
        "bytes": nbytes,
        "tokens": tokens,
        "hits": hits,
        "load_cpu_s": round(opencc_load + jieba_load, 4),
        "cpu_s": round(run_s, 4),
        "stage_cpu_s": {k: round(v, 4) for k, v in stage.items()},
        "mb_per_cpu_s": round(nbytes / 1e6 / run_s, 4),
    }


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("t2s")
    p.add_argument("file")
    p.add_argument("--out")
    p = sub.add_parser("pipeline")
    p.add_argument("path")
    p.add_argument("--max-mb", type=float, default=5)
    p.add_argument("--cache-dir")
    a = ap.parse_args()
    result = {"t2s": cmd_t2s, "pipeline": cmd_pipeline}[a.cmd](a)
    print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    sys.exit(main())
