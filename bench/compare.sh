#!/usr/bin/env bash
# The side-by-side speed comparison of issue 11 (policylens analyze and segment, the Python
# pipeline, the reference OpenCC; start-up, memory, linearity, 2 cores) and the output check.
# Everything is in compare.py beside this file: `bench/compare.sh --help` tells the options.
set -euo pipefail
exec python3 "$(dirname "$0")/compare.py" "$@"
