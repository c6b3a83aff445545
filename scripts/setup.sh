#!/usr/bin/env bash
# Installs what Episodic needs on a Debian machine, only when it is missing.
# Idempotent: a second run installs nothing. Used by `make run` and `make test`.
#   system: ffmpeg (encoders, ffprobe), libzstd-dev, libsnappy-dev, zlib1g-dev, pkg-config
#   tests only, with --test: tmux (interactive record test);
#   python (tests only, with --test): pyarrow and pandas (with numpy), the independent Parquet readers/writers and lerobot's stats arithmetic
set -euo pipefail

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

missing=()
for pkg in ffmpeg libzstd-dev libsnappy-dev zlib1g-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: the Swift toolchain (6.1 or newer) is required and is not on PATH; see https://swift.org/install" >&2
  exit 1
fi

if [ "$want_tests" = 1 ]; then
  # tmux drives `episodic record` in a real terminal for the interactive-keys test.
  if ! command -v tmux >/dev/null 2>&1; then
    echo "setup: installing tmux for the interactive record test" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends tmux >/dev/null
  fi
  if ! python3 -c 'import pyarrow, pandas, numpy' >/dev/null 2>&1; then
    echo "setup: installing pyarrow and pandas for the cross-check tests" >&2
    python3 -m pip install -q --disable-pip-version-check pyarrow pandas
  fi
fi
