#!/usr/bin/env bash
# HTTP load on loopback: the service (embedded store) beside a bare Vert.x endpoint doing only the protocol work,
# in the same run, for /api/chat and /wechat at 1, 16 and 64 connections. Needs wrk (Debian package "wrk").
# Usage: bench/http-load.sh [seconds per run]   (WARMUP=seconds of load on each path first, default 30)
set -uo pipefail
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk); no figures without it" >&2; exit 2; }
cd "$(dirname "$0")/.."
secs=${1:-10}
mvn -q -DskipTests package test-compile
mvn -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
. bench/service.sh
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" minsheng.bench.BareEndpoint 18081 $token \
  > target/bench-bare.log 2>&1 &
bare=$!
start_service 18080 target/bench-service.log
for path in wechat chat; do
  # The JIT needs about half a minute of load before the service (its store, driver and HTTP stack) runs at its
  # steady speed; each path is warmed at 64 connections first, then every run has its own short warm-up.
  for target in 18080 18081; do
    wrk -t2 -c64 -d${WARMUP:-30}s -s bench/$path.lua "http://127.0.0.1:$target" >/dev/null 2>&1
  done
  for c in 1 16 64; do
    for target in "service 18080" "bare 18081"; do
      set -- $target
      t=$(( c < 2 ? 1 : 2 ))
      wrk -t$t -c$c -d3s -s bench/$path.lua "http://127.0.0.1:$2" >/dev/null 2>&1   # warm-up
      printf '%-8s %-8s %3d conns: ' "/$path" "$1" "$c"
      wrk -t$t -c$c -d${secs}s --latency -s bench/$path.lua "http://127.0.0.1:$2" \
        | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {err=$NF}
               END {printf "%9s req/s  p50 %8s  p99 %8s  non-2xx %s\n", rps, p50, p99, (err==""?0:err)}'
    done
  done
done
