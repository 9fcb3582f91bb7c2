#!/bin/sh
# Runs kg's benchmark harness (cmd/kgbench) at 1,000, 5,000 and 20,000
# synthetic articles and writes the figures to bench.json; extra arguments go
# to kgbench (e.g. --duration 10s, --sizes 1000, --cpuprofile prof/kg).
# See BENCHMARKS.md. Takes about a quarter of an hour on 2 cores.
set -eu
cd "$(dirname "$0")/.."
exec go run ./cmd/kgbench --sizes 1000,5000,20000 --json bench.json "$@"
