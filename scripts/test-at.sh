#!/usr/bin/env bash
# Runs the test suite with the system clock set to another instant (libfaketime), to check that no
# test depends on when it runs. Needs libfaketime (Debian: apt-get install faketime) and an existing
# Redis in REDIS_URL (a redis-server started under the fake clock would expire keys oddly).
#   REDIS_URL=redis://127.0.0.1:6379 scripts/test-at.sh 2026-12-31T21:59:00Z [jest arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."
instant="${1:?usage: scripts/test-at.sh <ISO instant, e.g. 2026-12-31T21:59:00Z> [jest arguments…]}"
shift
: "${REDIS_URL:?set REDIS_URL to an existing Redis}"
lib="$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1 || true)"
[ -n "$lib" ] || { echo "libfaketime not found: apt-get install faketime" >&2; exit 2; }
target="$(date -d "$instant" +%s)"
offset=$(( target - $(date +%s) ))
sign="+"; [ "$offset" -lt 0 ] && sign=""
echo "tests at $(date -u -d "@$target" +%Y-%m-%dT%H:%M:%SZ) (offset ${sign}${offset} s)"
# A relative offset keeps every process (jest workers, spawned apps) on the same fake clock.
# (test/support/redis/launch.ts starts redis-server without the library: it does not start under it.)
LD_PRELOAD="$lib" FAKETIME="${sign}${offset}" DONT_FAKE_MONOTONIC=1 npx jest "$@"
