"""Check that the Spark run's reports are the direct run's.

    python compare.py DIRECT.jsonl SPARK_JSONL_DIR [SPARK_PARQUET_DIR]

The JSON Lines reports must be equal record by record (compared as JSON, keyed by `id`;
error records as a multiset, since their order across partitions is the partitions'), and
there must be one line per record in. The Parquet output (read back with Spark) must have
the same ids and the same number of targets per id.
"""

import glob
import json
import os
import sys
from collections import Counter


def read_lines(paths):
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def split(objs):
    reports, errors = {}, Counter()
    for o in objs:
        if "error" in o:
            errors[json.dumps(o, sort_keys=True, ensure_ascii=False)] += 1
        else:
            assert o["id"] not in reports, f"id {o['id']} twice"
            reports[o["id"]] = o
    return reports, errors


def check_parquet(path, reports):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    rows = spark.read.parquet(path).where("error IS NULL").select("id", "targets").collect()
    got = {r["id"]: len(r["targets"]) for r in rows}
    spark.stop()
    want = {k: len(v["targets"]) for k, v in reports.items()}
    assert got == want, f"parquet: {len(got)} ids, {len(want)} expected"
    print(f"ok: the Parquet reports have the same {len(got)} ids and target counts")


def main():
    direct, spark_dir = sys.argv[1], sys.argv[2]
    d_reports, d_errors = split(read_lines([direct]))
    s_reports, s_errors = split(read_lines(sorted(glob.glob(os.path.join(spark_dir, "part-*")))))
    assert d_reports.keys() == s_reports.keys(), (
        f"ids differ: {sorted(d_reports.keys() ^ s_reports.keys())[:5]}"
    )
    differ = [k for k in d_reports if d_reports[k] != s_reports[k]]
    assert not differ, f"{len(differ)} reports differ, the first {differ[0]}"
    assert d_errors == s_errors, f"error records differ: {d_errors} vs {s_errors}"
    n = len(d_reports) + sum(d_errors.values())
    print(f"ok: {len(d_reports)} reports and {sum(d_errors.values())} error records, equal in both runs ({n} lines)")
    if len(sys.argv) > 3:
        check_parquet(sys.argv[3], d_reports)


if __name__ == "__main__":
    main()
