#!/usr/bin/env bash
# Does RecordingSession.addFrame allocate per frame in steady state? Runs the ordo-one
# RecordingEngineBenchmark (a real session: temp dataset, state/action float32[6], 64×48 h264
# cameras at 30 fps; 1,000 frames per iteration) and prints raw counts per 1,000 frames.
#
#   bash scripts/recording-allocations.sh            # the table (callerThreadMallocs is the claim)
#   bash scripts/recording-allocations.sh --stacks   # plus where every allocation comes from
#
# Needs ffmpeg on PATH. The first run builds the root package in release (several minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

# --scale prints per-iteration values (= per 1,000 frames); without it every metric is divided
# by 1,000 and rounded, which hides up to 499 allocations per 1,000 frames.
swift package benchmark --target RecordingEngineBenchmark --scale --no-progress

if [[ "${1:-}" == "--stacks" ]]; then
    # Only the malloc metrics are measured in this mode; the custom per-thread counts are not.
    swift package benchmark run --allocation-stacks --allocation-stack-limit 12 \
        --target RecordingEngineBenchmark --scale --no-progress
fi
