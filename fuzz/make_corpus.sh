#!/usr/bin/env bash
# Seed corpus for the fuzz targets, made from the first lines of seeds/*.txt (the inputs
# the `cargo test` harness run in tests/integration/robustness.rs starts from): for each
# seed, its first five non-blank lines, each cut to 300 characters, as one input, and each
# of those lines alone. The analyze corpus also gets each seed's first lines in UTF-16LE
# and UTF-16BE without a BOM and in GB18030, so that the decoder's branches are reached
# from the start. Writes fuzz/corpus/{analyze,parse}/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import pathlib

out = pathlib.Path("fuzz/corpus")
(out / "analyze").mkdir(parents=True, exist_ok=True)
(out / "parse").mkdir(parents=True, exist_ok=True)
for seed in sorted(pathlib.Path("seeds").glob("*.txt")):
    text = seed.read_text(encoding="utf-8")
    # as Rust's str::lines: split at \n, drop a trailing \r
    lines = [l.removesuffix("\r") for l in text.split("\n")]
    lines = [l[:300] for l in lines if l.strip()][:5]
    first = "\n".join(lines)
    (out / "analyze" / seed.stem).write_text(first, encoding="utf-8")
    for enc in ("utf-16-le", "utf-16-be", "gb18030"):
        (out / "analyze" / f"{seed.stem}.{enc}").write_bytes(first.encode(enc))
    for i, line in enumerate(lines):
        (out / "parse" / f"{seed.stem}-{i}").write_text(line, encoding="utf-8")
n = lambda d: len(list((out / d).iterdir()))
print(f"corpus: {n('analyze')} analyze inputs, {n('parse')} parse inputs in {out}")
PY
