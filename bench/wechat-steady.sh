#!/usr/bin/env bash
# /wechat at 64 connections over consecutive windows from a cold start, to see the warm-up and the steady state
# (throughput, p50, p99) and how the embedded store's data file grows. Needs wrk (Debian package "wrk").
# Usage: bench/wechat-steady.sh [windows, default 8] [seconds per window, default 8]
set -uo pipefail
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk); no figures without it" >&2; exit 2; }
cd "$(dirname "$0")/.."
windows=${1:-8}
secs=${2:-8}
[ -f target/minsheng.jar ] || mvn -q -DskipTests package
. bench/service.sh
start_service 18082 target/bench-steady.log
for i in $(seq "$windows"); do
  wrk -t2 -c64 -d${secs}s --latency -s bench/wechat.lua "http://127.0.0.1:18082" \
    | awk -v i=$i '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {err=$NF}
                   END {printf "window %2d: %9s msg/s  p50 %8s  p99 %8s  non-2xx %s", i, rps, p50, p99, (err==""?0:err)}'
  printf '  data file %s\n' "$(du -h "$data/minsheng.mv.db" | cut -f1)"
done
