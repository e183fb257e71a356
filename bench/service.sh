# Sourced by the load scripts: starts the service on the embedded store in a fresh data directory on port $1
# (log in $2), stops it and removes the data on exit, waits until it is healthy, and exports WECHAT_TOKEN, with
# which bench/wechat.lua signs every /wechat request afresh (a (timestamp, nonce) pair carries one body only).
token=bench-token
start_service() {
  data=$(mktemp -d)
  MINSHENG_DATA_DIR=$data MINSHENG_HTTP_PORT=$1 MINSHENG_WECHAT_TOKEN=$token MINSHENG_WECHAT_RATE_LIMIT_PER_MINUTE=100000 \
    java ${JAVA_OPTS:-} ${JFR:+-XX:StartFlightRecording=filename=target/service.jfr,settings=profile} -jar target/minsheng.jar \
    > "$2" 2>&1 &
  svc=$!
  trap 'kill $svc ${bare:-} 2>/dev/null; wait $svc 2>/dev/null; rm -rf "$data"' EXIT
  for _ in $(seq 80); do curl -sf "localhost:$1/health" >/dev/null && break; sleep 0.5; done
  export WECHAT_TOKEN=$token
}
