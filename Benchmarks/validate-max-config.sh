#!/usr/bin/env bash
# Benchmark `kmipgw validate` on a maximal instance (200 adapters x 200 certificates).
# Run from the package root: Benchmarks/validate-max-config.sh [OUTPUT_DIR]
# Needs .venv with `cryptography` (pip install cryptography) and a release build.
set -euo pipefail
output="${1:-.build/bench/max-config}"
python="${PYTHON:-.venv/bin/python}"
if [ ! -f "$output/adapter-199.yaml" ]; then
    rm -rf "$output"
    time "$python" Benchmarks/generate-max-config.py "$output"
fi
swift build -c release --product kmipgw
binary="$(swift build -c release --show-bin-path)/kmipgw"
"$binary" validate -f "$output" > /dev/null   # warm the page cache
for run in 1 2 3; do
    /usr/bin/time -f "run $run: %e s wall, %U s user, %M KiB max RSS" "$binary" validate -f "$output"
done
