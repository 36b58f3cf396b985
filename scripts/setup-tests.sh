#!/usr/bin/env bash
# Installs what the tests need: the package with its test extra (pip), and Debian's
# Chromium for the headless-browser tests (map, YASGUI) when apt is usable as root.
# Without Chromium those tests skip with a reason; everything else still runs.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e ".[test]"
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
            || echo "setup-tests: could not install chromium; browser tests will skip" >&2
    else
        echo "setup-tests: chromium not found (needs root + apt); browser tests will skip" >&2
    fi
fi
