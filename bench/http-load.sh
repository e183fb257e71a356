#!/usr/bin/env bash
# HTTP load on loopback: the service's /api/chat (embedded store) beside a bare Vert.x endpoint, same run.
# Usage: bench/http-load.sh   (needs wrk; builds the jar and test classes first)
set -uo pipefail
cd "$(dirname "$0")/.."
mvn -q -DskipTests package test-compile
mvn -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
data=$(mktemp -d)
MINSHENG_DATA_DIR=$data MINSHENG_HTTP_PORT=18080 java -jar target/minsheng.jar > target/bench-service.log 2>&1 &
svc=$!
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" minsheng.bench.BareEndpoint 18081 \
  > target/bench-bare.log 2>&1 &
bare=$!
trap 'kill $svc $bare 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 60); do curl -sf localhost:18080/health >/dev/null && break; sleep 0.5; done
for c in 1 16 64; do
  for target in "service 18080" "bare 18081"; do
    set -- $target
    wrk -t$(( c < 2 ? 1 : 2 )) -c$c -d5s -s bench/chat.lua "http://127.0.0.1:$2" >/dev/null 2>&1   # warm-up
    echo "== $1, $c connections"
    wrk -t$(( c < 2 ? 1 : 2 )) -c$c -d10s --latency -s bench/chat.lua "http://127.0.0.1:$2" | grep -E "Requests/sec|50%|99%"
  done
done
