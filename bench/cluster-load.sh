#!/usr/bin/env bash
# Several instances on one machine: `store --port` and 1, 2 or 3 service instances (2 and 3 as one Vert.x cluster),
# /api/chat load spread evenly over the instances (one wrk per instance at once), 64 connections in total. Needs wrk.
# ROUTING=sticky (default): each instance gets its own residents, as a balancer routing by user id would do;
# ROUTING=spread: every instance gets the same residents, so each conversation moves between instances.
# Prints req/s and p99 per instance and the CPU each process used per message (from /proc/<pid>/stat).
# CLUSTER=off runs the instances unclustered (no event bus between them), to see what the cluster itself costs.
# Usage: bench/cluster-load.sh [seconds per run]   (COUNTS="1 2 3", WARMUP=seconds of load first, default 90)
set -uo pipefail
command -v wrk >/dev/null || { echo "wrk is missing (Debian: apt-get install wrk); no figures without it" >&2; exit 2; }
cd "$(dirname "$0")/.."
secs=${1:-10}
[ -f target/minsheng.jar ] || mvn -q -DskipTests package
key=$(head -c 32 /dev/urandom | base64)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "${work:-}"; }
trap cleanup EXIT
for n in ${COUNTS:-1 2 3}; do
  work=$(mktemp -d); pids=()
  MINSHENG_DATA_DIR=$work/store java -jar target/minsheng.jar store --port 27391 > "$work/store.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 60); do grep -q "store ready" "$work/store.log" && break; sleep 0.5; done
  members=""
  if [ "$n" -gt 1 ] && [ "${CLUSTER:-on}" = on ]; then members=$(seq -s, -f "127.0.0.1:58%02g" 1 "$n"); fi
  for i in $(seq "$n"); do
    MINSHENG_DATA_DIR=$work/i$i MINSHENG_HTTP_PORT=1808$i MINSHENG_MONGO_URI="mongodb://127.0.0.1:27391/?w=majority&retryWrites=true" \
    MINSHENG_CLUSTER_MEMBERS=$members MINSHENG_CLUSTER_PORT=580$i MINSHENG_SECURITY_FIELD_KEY=$key \
    MINSHENG_ADMIN_PASSWORD=bench-admin-password java -jar target/minsheng.jar > "$work/i$i.log" 2>&1 &
    pids+=($!)
  done
  for i in $(seq "$n"); do
    for _ in $(seq 240); do curl -sf "localhost:1808$i/health" >/dev/null && break; sleep 0.5; done
  done
  c=$(( 64 / n ))
  residents() { if [ "${ROUTING:-sticky}" = spread ]; then echo bench; else echo "bench-i$1"; fi; }
  loads=()
  for i in $(seq "$n"); do
    wrk -t1 -c$c -d${WARMUP:-90}s -s bench/chat.lua "http://127.0.0.1:1808$i" -- "$(residents "$i")" >/dev/null 2>&1 &
    loads+=($!)
  done
  wait "${loads[@]}"
  ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
  before=(); for p in "${pids[@]}"; do before+=("$(ticks "$p")"); done
  loads=()
  for i in $(seq "$n"); do
    wrk -t1 -c$c -d${secs}s --latency -s bench/chat.lua "http://127.0.0.1:1808$i" -- "$(residents "$i")" > "$work/wrk$i.txt" 2>&1 &
    loads+=($!)
  done
  wait "${loads[@]}"
  after=(); for p in "${pids[@]}"; do after+=("$(ticks "$p")"); done
  hz=$(getconf CLK_TCK)
  total=0
  for i in $(seq "$n"); do
    r=$(awk '/Requests\/sec/ {print $2}' "$work/wrk$i.txt"); p99=$(awk '/^ +99%/ {print $2}' "$work/wrk$i.txt")
    errs=$(awk '/Non-2xx/ {print $NF}' "$work/wrk$i.txt")
    printf '  %d instance(s), instance %d: %9s req/s  p99 %8s  non-2xx %s\n' "$n" "$i" "$r" "$p99" "${errs:-0}"
    total=$(awk -v a="$total" -v b="$r" 'BEGIN {print a + b}')
  done
  printf '%d instance(s), %d connections in total, routing %s: %s req/s\n' "$n" 64 "${ROUTING:-sticky}" "$total"
  msgs=$(awk -v t="$total" -v s="$secs" 'BEGIN {print t * s}')
  for k in "${!pids[@]}"; do
    name=store; [ "$k" -gt 0 ] && name="instance $k"
    awk -v a="${before[$k]}" -v b="${after[$k]}" -v hz="$hz" -v m="$msgs" -v s="$secs" -v who="$name" \
      'BEGIN {printf "  %-10s CPU %.2f cores, %.3f ms per message\n", who, (b - a) / hz / s, (b - a) / hz * 1000 / m}'
  done
  cleanup
done
