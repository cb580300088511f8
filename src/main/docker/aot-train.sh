#!/usr/bin/env bash
# Training run for the JDK AOT cache: starts the packaged director with -XX:AOTCacheOutput, waits until it is
# ready, exercises the API (writes, reads, a dry run, a rejected write, metrics), stops it gracefully (the JVM
# writes the cache at exit), then starts it once more with -XX:AOTMode=on, which refuses to start unless the
# cache is usable. Needs only bash and the JVM: HTTP goes through bash's /dev/tcp.
#
#   aot-train.sh CACHE_FILE [JVM OPTION...]     (run in the directory of quarkus-run.jar)
set -euo pipefail
cache=$1; shift
work=$(mktemp -d)
port=18080
token=aot-training

# start JVM_OPTION...: starts the director in the background (pid in $pid) and waits until it is ready
start() {
  java "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port -Dlvs.state.file="$work/state.json" \
    -Dlvs.api.token=$token -Dlvs.ipvs.enabled=false -jar quarkus-run.jar >"$work/log" 2>&1 &
  pid=$!
  for ((i = 0; i < 600; i++)); do
    [[ $(request GET /q/health/ready 2>/dev/null) == 200 ]] && return 0
    kill -0 $pid 2>/dev/null || { cat "$work/log"; echo "aot-train: the director exited" >&2; exit 1; }
    sleep 0.1
  done
  cat "$work/log"; echo "aot-train: not ready after 60 s" >&2; kill $pid; exit 1
}

stop() {
  kill -TERM $pid
  wait $pid || true
}

# request METHOD PATH [BODY]: prints the status code
request() {
  local body=${3:-} status
  exec 3<>/dev/tcp/127.0.0.1/$port || return 1
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$1" "$2" "$token" "${#body}" "$body" >&3
  read -r _ status _ <&3 || true
  cat <&3 >/dev/null || true
  exec 3>&-
  echo "${status:-0}"
}

start "$@" -XX:AOTCacheOutput="$cache"
vip='{"name":"train-vip","address":"192.0.2.10","prefixLength":32}'
svc='{"name":"train-http","vip":"train-vip","protocol":"TCP","port":80,"scheduler":"wrr"}'
rs='{"name":"train-1","address":"198.51.100.11","port":80,"weight":10}'
rs2='{"name":"train-2","address":"198.51.100.12","port":80,"weight":10}'
expect() { local got; got=$(request "$2" "$3" "${4:-}"); [[ $got == "$1" ]] || { echo "aot-train: $2 $3 gave $got, not $1" >&2; kill $pid; exit 1; }; }
for _ in 1 2 3; do
  expect 201 POST /api/v1/vips "$vip"
  expect 201 POST /api/v1/virtual-services "$svc"
  expect 201 POST /api/v1/virtual-services/train-http/real-servers "$rs"
  expect 200 POST /api/v1/dry-run/virtual-services/train-http/real-servers "${rs2}"
  expect 422 POST /api/v1/virtual-services/train-http/real-servers '{"name":"bad","address":"nope"}'
  expect 200 GET /api/v1/config
  expect 200 GET /api/v1/virtual-services/train-http/real-servers/train-1
  expect 200 GET /q/metrics
  expect 200 GET /q/health/live
  expect 204 DELETE /api/v1/virtual-services/train-http/real-servers/train-1
  expect 204 DELETE /api/v1/virtual-services/train-http
  expect 204 DELETE /api/v1/vips/train-vip
done

stop
[[ -s $cache ]] || { echo "aot-train: the JVM wrote no cache at $cache" >&2; exit 1; }

start "$@" -XX:AOTCache="$cache" -XX:AOTMode=on
stop
rm -rf "$work"
echo "aot-train: wrote $cache ($(du -h "$cache" | cut -f1)); the director starts with it"
