#!/usr/bin/env bash
# The Spark example in local mode (local[2]) against a direct run of the binary: RECORDS
# records made from seeds/ (300 by default) in three part files, analyzed by
# `policylens analyze --input jsonl` directly and by policylens_spark.py (to JSON Lines and
# to Parquet); compare.py checks that the reports are the same. Prints the time and
# throughput of each run.
#
# Needs Java 17 and Python 3; installs pyspark (pinned below) into a virtualenv under
# target/ when it is not there. Not part of `cargo test`: .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYSPARK_VERSION=3.5.9
RECORDS=${RECORDS:-300}
BIN=${POLICYLENS_BIN:-}
VENV=${SPARK_VENV:-target/spark-venv}
WORK=${SPARK_WORK:-target/spark-test}

if [ -z "$BIN" ]; then
  cargo build --release --locked
  BIN=target/release/policylens
fi
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  echo "== installing pyspark==$PYSPARK_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
PY="$VENV/bin/python"
export PYSPARK_PYTHON="$PWD/$PY" PYSPARK_DRIVER_PYTHON="$PWD/$PY" SPARK_LOCAL_IP=127.0.0.1
java -version 2>&1 | head -1

rm -rf "$WORK"
mkdir -p "$WORK"
"$PY" examples/spark/make_records.py seeds "$WORK/in" "$RECORDS"
lines=$(cat "$WORK"/in/part-* | wc -l)
mb=$(cat "$WORK"/in/part-* | wc -c | awk '{printf "%.1f", $1 / 1e6}')
echo "== $lines records ($mb MB) in $WORK/in"

now() { date +%s.%N; }
report() { # label start end
  awk -v l="$1" -v s="$2" -v e="$3" -v n="$lines" -v mb="$mb" \
    'BEGIN { t = e - s; printf "%s: %.1f s, %.0f records/s, %.2f MB/s\n", l, t, n / t, mb / t }'
}

t0=$(now)
set +e
"$BIN" analyze --input jsonl --quiet "$WORK/in" > "$WORK/direct.jsonl" 2> "$WORK/direct.err"
code=$?
set -e
t1=$(now)
# the bad records made the exit code 1, and each has its line on stderr
test "$code" -eq 1
test "$(wc -l < "$WORK/direct.jsonl")" -eq "$lines"
test "$(wc -l < "$WORK/direct.err")" -eq "$(grep -c '"error"' "$WORK/direct.jsonl")"

spark() { # format output; Spark's talk goes to output.log, shown when it fails
  "$PY" examples/spark/policylens_spark.py --master 'local[2]' --binary "$BIN" \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    --format "$1" "$WORK/in" "$2" 2> "$2.log" || { cat "$2.log"; return 1; }
}
t2=$(now)
spark jsonl "$WORK/out-jsonl"
t3=$(now)
spark parquet "$WORK/out-parquet"
t4=$(now)

"$PY" examples/spark/compare.py "$WORK/direct.jsonl" "$WORK/out-jsonl" "$WORK/out-parquet" \
  2> "$WORK/compare.log" || { cat "$WORK/compare.log"; exit 1; }
report "direct (analyze --input jsonl)" "$t0" "$t1"
report "spark local[2] to JSON Lines (JVM start included)" "$t2" "$t3"
report "spark local[2] to Parquet (JVM start included)" "$t3" "$t4"
echo "1 passed, 0 failed"
