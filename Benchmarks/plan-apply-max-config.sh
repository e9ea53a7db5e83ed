#!/usr/bin/env bash
# Benchmark `kmipgw apply` and `kmipgw plan` on a maximal instance (200 adapters x 200 certificates).
# Run from the package root: Benchmarks/plan-apply-max-config.sh [CONFIG_DIR] [STATE_DIR]
# Needs .venv with `cryptography` (pip install cryptography) for the generator, and a release build.
# Aims on the 2-core build machine: first apply <= 10 s, a no-change plan <= 3 s.
set -euo pipefail
config="${1:-.build/bench/max-config}"
state="${2:-.build/bench/max-state}"
python="${PYTHON:-.venv/bin/python}"
if [ ! -f "$config/adapter-199.yaml" ]; then
    rm -rf "$config"
    "$python" Benchmarks/generate-max-config.py "$config"
fi
swift build -c release --product kmipgw
binary="$(swift build -c release --show-bin-path)/kmipgw"
"$binary" validate -f "$config" > /dev/null   # warm the page cache
timing="%e s wall, %U s user, %S s system, %M KiB max RSS"
for run in 1 2 3; do
    rm -rf "$state"
    "$binary" init --state "$state" > /dev/null
    /usr/bin/time -f "first apply, run $run: $timing" "$binary" apply -f "$config" --state "$state" > /dev/null
done
for run in 1 2 3; do
    status=0
    /usr/bin/time -f "no-change plan, run $run: $timing" \
        "$binary" plan -f "$config" --state "$state" --detailed-exitcode > /dev/null || status=$?
    if [ "$status" -ne 0 ]; then
        echo "expected an empty plan (exit 0), got exit $status" >&2
        exit 1
    fi
done
"$binary" get adapters --state "$state" | tail -n 1
