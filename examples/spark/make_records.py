"""Make JSON Lines records from the seed documents, for the Spark test and for timing.

    python3 make_records.py SEEDS_DIR OUT_DIR N [PARTS]

writes N records into PARTS files (part-00000.jsonl …) of OUT_DIR: every seed in turn,
whole or cut to its first paragraphs, some as HTML, some with `published`, `title` and
fields that go to `meta`, and a few bad records (a line that is not JSON, a record with no
text), so that every kind of output line is compared. Deterministic: the same N gives the
same files.
"""

import json
import os
import sys


def records(seeds, n):
    for i in range(n):
        name, text = seeds[i % len(seeds)]
        if i % 97 == 13:
            yield "{not json"
            continue
        if i % 89 == 5:
            yield json.dumps({"id": f"rec-{i:05d}", "body": text}, ensure_ascii=False)
            continue
        paragraphs = text.split("\n")
        if i % 3 == 1:
            text = "\n".join(paragraphs[: max(3, len(paragraphs) * (1 + i % 4) // 5)])
        r = {"id": f"rec-{i:05d}", "text": text}
        if i % 13 == 2:
            body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
            r["text"] = f"<html><head><title>第{i}号</title></head><body>{body}</body></html>"
            r["format"] = "html"
        if i % 7 == 3:
            r["published"] = f"{2016 + i % 8}-0{1 + i % 9}-15"
        if i % 11 == 4:
            r["title"] = f"關於第{i}號文件的通知"
        if i % 5 == 0:
            r["site"] = "www.gov.cn"
            r["crawl"] = {"seed": name, "n": i}
        yield json.dumps(r, ensure_ascii=False)


def main():
    seeds_dir, out_dir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    parts = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    seeds = []
    for name in sorted(os.listdir(seeds_dir)):
        with open(os.path.join(seeds_dir, name), encoding="utf-8") as f:
            seeds.append((name, f.read()))
    os.makedirs(out_dir, exist_ok=True)
    files = [open(os.path.join(out_dir, f"part-{k:05d}.jsonl"), "w", encoding="utf-8") for k in range(parts)]
    for i, line in enumerate(records(seeds, n)):
        files[i * parts // n].write(line + "\n")
    for f in files:
        f.close()


if __name__ == "__main__":
    main()
