#!/usr/bin/env bash
# Video benchmark (not a test): builds video-bench in release mode and runs it, then measures
# what driving ffmpeg over a pipe costs compared with ffmpeg reading the same raw frames itself.
# Usage: scripts/video-bench.sh [seconds=10] [cameras=3]. Numbers are recorded in docs/video.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
cameras="${2:-3}"
out="$(mktemp -d /tmp/video-bench.XXXXXX)"
trap 'rm -rf "$out"' EXIT

swift build -c release --product video-bench >/dev/null
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
.build/release/video-bench "$seconds" "$cameras" "$out"

echo
echo "== pipe overhead: 300 frames 640x480 rgb24 (testsrc2 + noise), x264 ultrafast g2"
ffmpeg -v error -y -f lavfi -i "testsrc2=size=640x480:rate=30,noise=alls=20:allf=t" -frames:v 300 \
  -f rawvideo -pix_fmt rgb24 "$out/frames.rgb"
TIMEFORMAT='%R s wall, %U s user, %S s sys'
raw=(-f rawvideo -pix_fmt rgb24 -s 640x480 -r 30)
enc=(-c:v libx264 -preset ultrafast -crf 23 -pix_fmt yuv420p -g 2 -f mp4 -y "$out/x.mp4")
echo -n "ffmpeg reads the file itself:            "; { time ffmpeg -v error "${raw[@]}" -i "$out/frames.rgb" "${enc[@]}"; } 2>&1
echo -n "frames piped on stdin (cat | ffmpeg):    "; { time (cat "$out/frames.rgb" | ffmpeg -v error "${raw[@]}" -i pipe:0 "${enc[@]}"); } 2>&1
echo -n "pipe + demux only (no encode, -f null):  "; { time (cat "$out/frames.rgb" | ffmpeg -v error "${raw[@]}" -i pipe:0 -f null -); } 2>&1
