"""Analyze a folder of JSON Lines records with policylens on Spark.

Each line of the input is a record {"id": ..., "text": ...} (see the README's "Many
documents"). The binary is shipped to the executors and every partition is piped through
`policylens analyze --input jsonl`, one report out per record in; the reports are written
as JSON Lines (one part file per partition) or as Parquet.

    spark-submit --master 'local[2]' policylens_spark.py \
        --binary target/release/policylens crawl/ reports/
"""

import argparse
import os

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="folder, file or glob of JSON Lines records")
    p.add_argument("output", help="folder to write the reports to (must not exist)")
    p.add_argument(
        "--binary",
        help="the policylens binary to ship with SparkContext.addFile (a Linux build "
        "for the executors); leave out when it is shipped with spark-submit --files",
    )
    p.add_argument("--name", default="policylens", help="the binary's file name when shipped with --files")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--partitions", type=int, help="at least this many partitions (tasks)")
    p.add_argument("--master", help="e.g. local[2]; by default spark-submit's")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="a Spark setting (repeatable)")
    p.add_argument(
        "--command",
        default="analyze --input jsonl --quiet",
        help="the policylens command line each partition runs (default: %(default)s)",
    )
    return p.parse_args()


def main():
    a = parse_args()
    builder = SparkSession.builder.appName("policylens")
    if a.master:
        builder = builder.master(a.master)
    for kv in a.conf:
        key, _, value = kv.partition("=")
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    name = a.name
    if a.binary:
        sc.addFile(a.binary)
        name = os.path.basename(a.binary)
    records = sc.textFile(a.input, minPartitions=a.partitions)
    # RDD.pipe starts the command with only the environment given here. The binary is in
    # the SparkFiles folder: on the driver's machine in local mode, in each executor's
    # working directory on a cluster; PATH names both.
    path = os.pathsep.join([SparkFiles.getRootDirectory(), "."])
    reports = records.pipe(f"{name} {a.command}", env={"PATH": path})
    if a.format == "jsonl":
        reports.saveAsTextFile(a.output)
    else:
        # reading JSON infers the schema in a pass of its own: keep the reports rather
        # than run policylens twice
        reports = reports.persist(StorageLevel.MEMORY_AND_DISK)
        spark.read.json(reports).write.parquet(a.output)
    spark.stop()


if __name__ == "__main__":
    main()
