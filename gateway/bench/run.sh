#!/usr/bin/env bash
# Junction's benchmarks, start to finish: the gateway's overhead against a direct call and against
# nginx as a plain reverse proxy, streaming relay, peak memory, agent-shaped load (gateway/bench/agent.sh),
# start-up and warm-up (gateway/bench/startup.sh), the CLI path, and the cost of the hop between two
# clustered nodes (gateway/bench/cluster.sh). See BENCHMARKS.md.
#
#   gateway/bench/run.sh                  # everything, about 13 minutes once built
#   CLUSTER_ONLY=1 gateway/bench/run.sh   # the mock and the cluster phase alone, about 3.5 minutes
#   CLUSTER=0 gateway/bench/run.sh        # everything but the cluster phase
#   AGENT=0 gateway/bench/run.sh          # everything but the agent phase (which takes about 4 minutes)
#   STARTUP_ONLY=1 gateway/bench/run.sh   # the mock and the start-up phase alone, about 2.5 minutes
#
# Installs wrk and nginx from Debian when missing, builds the project when a source is newer than
# the last build, starts a mock upstream, nginx and the gateway on 127.0.0.1, runs the load, stops
# everything it started (also on Ctrl-C or failure), and writes $OUT/report.md. The load generator
# and the mock run on core $LOAD_CORE, the proxy under test (nginx or the gateway JVM) on core
# $PROXY_CORE. No traffic leaves 127.0.0.1; every load run is bounded in time.
#
# Settings (environment): OUT (results folder, default gateway/target/bench), WRK_SECONDS (10),
# WARMUP_SECONDS (15), CONNECTIONS ("1 16 64"), CLI_RUNS (10, 0 skips the CLI phase), PROFILE (1:
# record a JFR profile of the gateway after the measured runs), GATEWAY_JVM_FLAGS, MOCK_JVM_FLAGS,
# GATEWAY_EVENT_LOOPS (unset: the gateway runs as `java -jar` with its defaults of one event
# loop per core and one HTTP server instance per event loop, so one of each on its one pinned core;
# a number starts it through the test-scope GatewayLauncher with that many event loops and as many
# HTTP server instances (server.instances), to measure what hops between event loops cost),
# LOAD_CORE (0), PROXY_CORE (1; the cluster phase's three gateway JVMs share it), CLUSTER (1; 0
# skips the cluster phase), CLUSTER_ONLY (1 runs only the mock and the cluster phase), AGENT (1; 0 skips
# the agent phase; its own settings are in agent.sh),
# CLUSTER_JVM_FLAGS (the cluster phase's flags, default GATEWAY_JVM_FLAGS; its JVMs run as
# `java -jar`), REAL_CLIS_DIR (where the npm-installed CLIs are; default gateway/target/real-clis,
# installed on first use), FORCE_BUILD (1 rebuilds), STARTUP (1; 0 skips the start-up phase),
# STARTUP_ONLY (1 runs only the mock and the start-up phase), STARTUP_RUNS (5 starts),
# STARTUP_SECONDS (40: how long the warm-up run after a start lasts, in seconds).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/gateway/bench
OUT=${OUT:-$ROOT/gateway/target/bench}
WRK_SECONDS=${WRK_SECONDS:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
CONNECTIONS=${CONNECTIONS:-"1 16 64"}
CLI_RUNS=${CLI_RUNS:-10}
PROFILE=${PROFILE:-1}
LOAD_CORE=${LOAD_CORE:-0}
PROXY_CORE=${PROXY_CORE:-1}
CLUSTER=${CLUSTER:-1}
CLUSTER_ONLY=${CLUSTER_ONLY:-0}
AGENT=${AGENT:-1}
STARTUP=${STARTUP:-1}
STARTUP_ONLY=${STARTUP_ONLY:-0}
REAL_CLIS_DIR=${REAL_CLIS_DIR:-$ROOT/gateway/target/real-clis}
# The gateway's JVM flags: by default the launcher's (gateway/src/main/dist/junction, what the README's
# run command uses), our production recommendation. See BENCHMARKS.md.
LAUNCHER_FLAGS=$(sed -n 's/^recommended="\(.*\)"$/\1/p' "$ROOT/gateway/src/main/dist/junction")
GATEWAY_JVM_FLAGS=${GATEWAY_JVM_FLAGS:-$LAUNCHER_FLAGS}
MOCK_JVM_FLAGS=${MOCK_JVM_FLAGS:-"-XX:+UseSerialGC -Xms128m -Xmx128m"}
CLIENT_JVM_FLAGS=${CLIENT_JVM_FLAGS:-"-XX:+UseSerialGC -Xms128m -Xmx256m"}

JAR=$ROOT/gateway/target/junction-gateway.jar
CP_FILE=$ROOT/gateway/target/bench-classpath.txt
BUILD_STAMP=$ROOT/gateway/target/bench-build.stamp
RESULTS=$OUT/results
LOGS=$OUT/logs
WORK=$(mktemp -d /tmp/junction-bench.XXXXXX)
# shellcheck source=common.sh
. "$BENCH/common.sh"

# --- tools ---------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in java jcmd mvn taskset curl awk; do command -v $tool >/dev/null || die "$tool is needed"; done
[ "$(nproc)" -ge 2 ] || log "warning: fewer than 2 cores; pinning puts everything on one core"

# --- build ---------------------------------------------------------------------------------------
needs_build() {
  [ "${FORCE_BUILD:-0}" = 1 ] && return 0
  [ -f "$JAR" ] && [ -x "$ROOT/gateway/target/junction" ] && [ -f "$CP_FILE" ] && [ -f "$BUILD_STAMP" ] && [ -d "$ROOT/target/plugins" ] \
    && [ -f "$ROOT/gateway/target/test-classes/dev/junction/gateway/bench/MockUpstream.class" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/gateway" "$ROOT/plugin-api" "$ROOT/plugins" -path '*/target' -prune \
      -o -type f \( -name '*.java' -o -name pom.xml -o -path '*/resources/*' -o -path '*/dist/*' \) -newer "$BUILD_STAMP" -print -quit)" ]
}
if needs_build; then
  log "building (mvn -q -DskipTests package: the jar, the plugins, the test classes and their classpath)"
  mkdir -p "$LOGS"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test) >"$LOGS/build.log" 2>&1 \
    || { tail -40 "$LOGS/build.log"; die "the build failed; see $LOGS/build.log"; }
  touch "$BUILD_STAMP" # the classpath file keeps its time when its content did not change
fi
BUILD_SECONDS=$SECONDS
# The reactor's own classes first, so a stale snapshot of plugin-api in ~/.m2 never wins.
CP=$ROOT/gateway/target/test-classes:$ROOT/gateway/target/classes:$ROOT/plugin-api/target/classes:$(cat "$CP_FILE")

mkdir -p "$RESULTS" "$LOGS"
rm -f "$RESULTS"/*.jsonl "$RESULTS"/env.txt "$RESULTS"/profile.md "$OUT"/*.jfr

# --- helpers -------------------------------------------------------------------------------------
ticks() { # utime + stime (clock ticks) of the given pids, summed
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

hwm() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

CLK_TCK=$(getconf CLK_TCK)
[ "$CLK_TCK" = 100 ] || log "warning: CLK_TCK is $CLK_TCK; StreamLoad assumes 100"

# run_wrk SCENARIO CONNS URL BODY "PROXY_PIDS" RSS_PID [SECONDS] [RECORD]; a recorded run is a line
# of $WRK_OUT (default $RESULTS/wrk.jsonl); wrk runs $WRK_SCRIPT (default post.lua), and what it
# printed is left in LAST_WRK_OUTPUT
run_wrk() {
  local scenario=$1 conns=$2 url=$3 body=$4 proxy=$5 rss_pid=$6 seconds=${7:-$WRK_SECONDS} record=${8:-1}
  local proxy_before=0 mock_before output json extra=""
  [ -n "$proxy" ] && proxy_before=$(ticks $proxy)
  mock_before=$(ticks "$MOCK_PID")
  output=$(BENCH_BODY=$body BENCH_LUA_DIR=$BENCH timeout $((seconds + 30)) taskset -c "$LOAD_CORE" \
      wrk -t1 -c"$conns" -d"${seconds}s" --latency -s "${WRK_SCRIPT:-$BENCH/post.lua}" "$url")
  LAST_WRK_OUTPUT=$output
  json=$(sed -n 's/^BENCHJSON //p' <<<"$output")
  [ -n "$json" ] || die "wrk printed no result for $scenario: $output"
  extra="\"scenario\":\"$scenario\",\"connections\":$conns,\"clk_tck\":$CLK_TCK,\"mock_ticks\":$(( $(ticks "$MOCK_PID") - mock_before ))"
  if [ -n "$proxy" ]; then
    extra="$extra,\"proxy_ticks\":$(( $(ticks $proxy) - proxy_before )),\"proxy_hwm_kib\":$(hwm "$rss_pid")"
  fi
  json="${json%\}},$extra}"
  LAST_REQUESTS=$(sed -E 's/.*"requests":([0-9]+).*/\1/' <<<"$json")
  if [ "$record" = 1 ]; then
    echo "$json" >>"${WRK_OUT:-$RESULTS/wrk.jsonl}"
  fi
  log "$(printf '%-16s c=%-3s %s' "$scenario" "$conns" "$(sed -E 's/.*"requests":([0-9]+).*"errors_status":([0-9]+).*"lat_p50_us":([0-9]+).*"lat_p99_us":([0-9]+).*/\1 requests, \2 bad status, p50 \3 us, p99 \4 us/' <<<"$json")")"
}

# run_stream LABEL URL BODY CONCURRENCY STREAMS WARMUP INTERVAL_MS PROXY_PIDS [WARMUP_URL WARMUP_BODY]
run_stream() {
  local logfile=$LOGS/stream-${1//\//-}.log
  timeout 120 taskset -c "$LOAD_CORE" java $CLIENT_JVM_FLAGS -cp "$CP" dev.junction.gateway.bench.StreamLoad \
      --label "$1" --url "$2" --body "$3" --concurrency "$4" --streams "$5" --warmup "$6" --interval-ms "$7" \
      --proxy-pids "$8" --warmup-url "${9:-$2}" --warmup-body "${10:-$3}" \
      --chunks 100 --max-seconds 15 --stall-ms 250 --out "$RESULTS/streams.jsonl" >"$logfile" 2>&1 \
    || die "StreamLoad $1 failed; see $logfile"
  log "$(printf '%-20s %s' "$1" "$(tail -1 "$logfile" | sed -E 's/.*"streams":([0-9]+).*"ttfb_p50_ms":([0-9.]+).*"total_p50_ms":([0-9.]+).*"max_events_per_read":([0-9]+).*"streams_per_second":([0-9.]+).*"failures":([0-9]+).*/\1 streams (\5\/s), TTFB p50 \2 ms, total p50 \3 ms, max events\/read \4, failed \6/')")"
}

smoke() { # url body expected-text
  local answer
  answer=$(curl -s --max-time 10 -H 'content-type: application/json' -H 'anthropic-version: 2023-06-01' \
      --data-binary "@$2" "$1") || die "no answer from $1"
  grep -q "$3" <<<"$answer" || die "unexpected answer from $1: $answer"
}

# --- the machine ---------------------------------------------------------------------------------
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (modified)')"
  echo "cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "nproc=$(nproc)"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel=$(uname -r)"
  echo "java=$(java -version 2>&1 | sed -n 2p)"
  echo "nginx=$("$NGINX" -v 2>&1 | sed 's/.*: //')"
  echo "wrk=$(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
  echo "gateway_flags=$GATEWAY_JVM_FLAGS${GATEWAY_EVENT_LOOPS:+ (through GatewayLauncher with $GATEWAY_EVENT_LOOPS event loops and HTTP server instances)}$([ -z "${GATEWAY_EVENT_LOOPS:-}" ] && [ -f "$ROOT/gateway/target/junction.jsa" ] && echo ', and the AppCDS archive junction.jsa (gateway/target/junction)')"
  echo "mock_flags=$MOCK_JVM_FLAGS (2 event loops)"
  echo "pinning=wrk, StreamLoad and the mock on core $LOAD_CORE; nginx or the gateway on core $PROXY_CORE (taskset); the CLI run unpinned"
  echo "wrk_duration=${WRK_SECONDS} s per run, 1 thread; Junction warmed up ${WARMUP_SECONDS} s per path first"
  echo "loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$RESULTS/env.txt"

# --- start: mock, nginx, gateway -----------------------------------------------------------------
MOCK_PORT=$(free_port 18090)
taskset -c "$LOAD_CORE" java $MOCK_JVM_FLAGS -cp "$CP" dev.junction.gateway.bench.MockUpstream \
    --port "$MOCK_PORT" --event-loops 2 --chunks 10 >"$LOGS/mock.log" 2>&1 &
MOCK_PID=$!; PIDS+=("$MOCK_PID")
wait_http "http://127.0.0.1:$MOCK_PORT/v1/models" "$MOCK_PID"
log "mock upstream on port $MOCK_PORT (pid $MOCK_PID, core $LOAD_CORE)"

# --- request bodies ------------------------------------------------------------------------------
B=$WORK/bodies; mkdir -p "$B"
PROMPT='Say hello in ten words.'
echo "{\"model\":\"mock-model\",\"messages\":[{\"role\":\"user\",\"content\":\"$PROMPT\"}]}" >"$B/openai.json"
echo "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"$PROMPT\"}]}" >"$B/echo.json"
echo "{\"model\":\"mock-model\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"$PROMPT\"}]}" >"$B/anthropic.json"
echo "{\"model\":\"mock-stream\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"$PROMPT\"}]}" >"$B/stream.json"
echo "{\"model\":\"mock-paced\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"$PROMPT\"}]}" >"$B/paced.json"

# --- one node: nginx and the gateway, non-streaming and streaming runs, profile ----------------
# (all of it up to the matching `fi` below the profile; CLUSTER_ONLY=1 skips it)
if [ "$CLUSTER_ONLY" != 1 ] && [ "$STARTUP_ONLY" != 1 ]; then
NGINX_PORT=$(free_port $((MOCK_PORT + 1)))
mkdir -p "$WORK/nginx"
sed -e "s|@PREFIX@|$WORK/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@MOCK_PORT@|$MOCK_PORT|g" \
    "$BENCH/nginx.conf.template" >"$WORK/nginx/nginx.conf"
taskset -c "$PROXY_CORE" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' \
    >"$LOGS/nginx.log" 2>&1 &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
wait_http "http://127.0.0.1:$NGINX_PORT/v1/models" "$NGINX_PID"
NGINX_WORKER=$(pgrep -P "$NGINX_PID" | head -1)
[ -n "$NGINX_WORKER" ] || die "no nginx worker"
log "nginx on port $NGINX_PORT (master $NGINX_PID, worker $NGINX_WORKER, core $PROXY_CORE)"

GW_PORT=$(free_port $((NGINX_PORT + 1)))
{ gateway_yaml_head "$GW_PORT" "${GATEWAY_EVENT_LOOPS:-}"; cat <<EOF
  echo:
    plugin: echo
    models: [echo]
  mock:
    plugin: openai
    models: [mock-model]
    options: {baseUrl: "http://127.0.0.1:$MOCK_PORT/v1"}
  mock-stream:
    plugin: openai
    models: [mock-stream]
    options: {baseUrl: "http://127.0.0.1:$MOCK_PORT/c100/v1"}
  mock-paced:
    plugin: openai
    models: [mock-paced]
    options: {baseUrl: "http://127.0.0.1:$MOCK_PORT/c100/i10/v1"}
EOF
} >"$WORK/gateway.yaml"
if [ -n "${GATEWAY_EVENT_LOOPS:-}" ]; then
  taskset -c "$PROXY_CORE" java $GATEWAY_JVM_FLAGS -cp "$CP" dev.junction.gateway.bench.GatewayLauncher \
      --config "$WORK/gateway.yaml" --event-loops "$GATEWAY_EVENT_LOOPS" >"$LOGS/gateway.log" 2>&1 &
else
  JUNCTION_JVM_FLAGS=$GATEWAY_JVM_FLAGS taskset -c "$PROXY_CORE" "$ROOT/gateway/target/junction" \
      --config "$WORK/gateway.yaml" >"$LOGS/gateway.log" 2>&1 &
fi
GW_PID=$!; PIDS+=("$GW_PID")
wait_http "http://127.0.0.1:$GW_PORT/health" "$GW_PID"
log "gateway on port $GW_PORT (pid $GW_PID, core $PROXY_CORE, idle RSS $(awk '/^VmRSS:/ {print $2}' "/proc/$GW_PID/status") KiB)"
echo "gateway_idle_rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$GW_PID/status")" >>"$RESULTS/env.txt"

DIRECT=http://127.0.0.1:$MOCK_PORT
PROXY=http://127.0.0.1:$NGINX_PORT
GW=http://127.0.0.1:$GW_PORT
smoke "$DIRECT/v1/chat/completions" "$B/openai.json" '"content":" word word'
smoke "$PROXY/v1/chat/completions" "$B/openai.json" '"content":" word word'
smoke "$GW/v1/chat/completions" "$B/openai.json" '"content":" word word'
smoke "$GW/v1/chat/completions" "$B/echo.json" '"content":"Say hello'
smoke "$GW/v1/messages" "$B/anthropic.json" '"text":" word word'
smoke "$GW/v1/chat/completions" "$B/stream.json" 'data: \[DONE\]'

# --- non-streaming: direct, nginx, Junction ------------------------------------------------------
log "non-streaming runs, ${WRK_SECONDS} s each"
run_wrk direct 64 "$DIRECT/v1/chat/completions" "$B/openai.json" "" "" 3 0
for c in $CONNECTIONS; do run_wrk direct "$c" "$DIRECT/v1/chat/completions" "$B/openai.json" "" ""; done
run_wrk nginx 64 "$PROXY/v1/chat/completions" "$B/openai.json" "$NGINX_PID $NGINX_WORKER" "$NGINX_WORKER" 3 0
for c in $CONNECTIONS; do
  run_wrk nginx "$c" "$PROXY/v1/chat/completions" "$B/openai.json" "$NGINX_PID $NGINX_WORKER" "$NGINX_WORKER"
done
log "warming up the gateway (${WARMUP_SECONDS} s per path, not recorded)"
run_wrk junction-openai 64 "$GW/v1/chat/completions" "$B/openai.json" "$GW_PID" "$GW_PID" "$WARMUP_SECONDS" 0
run_wrk junction-echo 64 "$GW/v1/chat/completions" "$B/echo.json" "$GW_PID" "$GW_PID" $((WARMUP_SECONDS / 2)) 0
run_wrk junction-cross 64 "$GW/v1/messages" "$B/anthropic.json" "$GW_PID" "$GW_PID" $((WARMUP_SECONDS / 2)) 0
for c in $CONNECTIONS; do run_wrk junction-openai "$c" "$GW/v1/chat/completions" "$B/openai.json" "$GW_PID" "$GW_PID"; done
for c in $CONNECTIONS; do run_wrk junction-echo "$c" "$GW/v1/chat/completions" "$B/echo.json" "$GW_PID" "$GW_PID"; done
for c in $CONNECTIONS; do run_wrk junction-cross "$c" "$GW/v1/messages" "$B/anthropic.json" "$GW_PID" "$GW_PID"; done

# --- streaming: 100 chunks, unpaced and paced 10 ms, 1 and 64 at once ----------------------------
log "streaming runs"
run_stream junction/warmup/64 "$GW/v1/chat/completions" "$B/stream.json" 64 3000 0 0 "$GW_PID"
for target in direct nginx junction; do
  case $target in
    direct) base=$DIRECT; pids=""; unpaced=/c100/v1/chat/completions; paced=/c100/i10/v1/chat/completions ;;
    nginx) base=$PROXY; pids="$NGINX_PID,$NGINX_WORKER"; unpaced=/c100/v1/chat/completions; paced=/c100/i10/v1/chat/completions ;;
    junction) base=$GW; pids=$GW_PID; unpaced=/v1/chat/completions; paced=/v1/chat/completions ;;
  esac
  run_stream "$target/unpaced/1" "$base$unpaced" "$B/stream.json" 1 500 300 0 "$pids"
  run_stream "$target/unpaced/64" "$base$unpaced" "$B/stream.json" 64 3000 1000 0 "$pids"
  run_stream "$target/paced/1" "$base$paced" "$B/paced.json" 1 6 300 10 "$pids" "$base$unpaced" "$B/stream.json"
  run_stream "$target/paced/64" "$base$paced" "$B/paced.json" 64 192 1000 10 "$pids" "$base$unpaced" "$B/stream.json"
done
echo "gateway_hwm_kib=$(hwm "$GW_PID")" >>"$RESULTS/env.txt"
echo "nginx_hwm_kib=$(hwm "$NGINX_WORKER")" >>"$RESULTS/env.txt"
log "peak RSS: gateway $(hwm "$GW_PID") KiB, nginx worker $(hwm "$NGINX_WORKER") KiB"

# --- profile: JFR on the gateway during one more openai run at 64 connections (not measured) -----
if [ "$PROFILE" = 1 ]; then
  log "profiling the gateway with JFR (openai plugin, 64 connections, ${WRK_SECONDS} s)"
  JFR_FILE=$OUT/gateway-openai-64.jfr
  # A first recording warms up JFR itself (its classes load and compile in the gateway's JVM, on the
  # gateway's core); only the second one is summarised.
  jcmd "$GW_PID" JFR.start name=warmup settings="$BENCH/profile.jfc" >"$LOGS/jfr.log" 2>&1
  run_wrk profiled 64 "$GW/v1/chat/completions" "$B/openai.json" "$GW_PID" "$GW_PID" 5 0
  jcmd "$GW_PID" JFR.stop name=warmup >>"$LOGS/jfr.log" 2>&1
  jcmd "$GW_PID" JFR.start name=bench settings="$BENCH/profile.jfc" filename="$JFR_FILE" >>"$LOGS/jfr.log" 2>&1
  run_wrk profiled 64 "$GW/v1/chat/completions" "$B/openai.json" "$GW_PID" "$GW_PID" "$WRK_SECONDS" 0
  jcmd "$GW_PID" JFR.stop name=bench >>"$LOGS/jfr.log" 2>&1
  java -cp "$CP" dev.junction.gateway.bench.JfrTop "$JFR_FILE" 25 "$LAST_REQUESTS" >"$RESULTS/profile.md"
  echo "profile_scenario=the gateway JVM, openai plugin → mock, 64 connections, ${WRK_SECONDS} s, $((LAST_REQUESTS / WRK_SECONDS)) req/s while recording (JFR with gateway/bench/profile.jfc, after the measured runs; recording: $JFR_FILE)" >>"$RESULTS/env.txt"
fi

if [ "$AGENT" = 1 ]; then
  # shellcheck source=agent.sh
  . "$BENCH/agent.sh"
fi
stop_processes "$GW_PID" "$NGINX_PID"
echo "gateway_log_warnings=$(grep -c ' WARN ' "$LOGS/gateway.log" || true) WARN lines in the gateway log ($(grep -c 'Discarding message since the consumer is not registered' "$LOGS/gateway.log" || true) of them 'Discarding message since the consumer is not registered')" >>"$RESULTS/env.txt"
fi

# --- start-up and warm-up of the README's run command --------------------------------------------
if { [ "$STARTUP" = 1 ] && [ "$CLUSTER_ONLY" != 1 ]; } || [ "$STARTUP_ONLY" = 1 ]; then
  # shellcheck source=startup.sh
  . "$BENCH/startup.sh"
fi

# --- two clustered nodes: one node against the hop, then stop the servers and the CLI path ------
if { [ "$CLUSTER" = 1 ] && [ "$STARTUP_ONLY" != 1 ]; } || [ "$CLUSTER_ONLY" = 1 ]; then
  # shellcheck source=cluster.sh
  . "$BENCH/cluster.sh"
fi
stop_processes "${PIDS[@]}"
PIDS=()

if [ "$CLI_RUNS" -gt 0 ] && [ "$CLUSTER_ONLY" != 1 ] && [ "$STARTUP_ONLY" != 1 ]; then
  log "CLI path: Claude Code directly and through the gateway, $CLI_RUNS runs each (CLIs in $REAL_CLIS_DIR)"
  if timeout 900 java $GATEWAY_JVM_FLAGS -Djunction.realClisDir="$REAL_CLIS_DIR" -Djunction.pluginsDir="$ROOT/target/plugins" \
      -cp "$CP" dev.junction.gateway.bench.CliBench --runs "$CLI_RUNS" --warmup 2 --dir "$WORK/cli" \
      --out "$RESULTS/cli.jsonl" >"$LOGS/cli.log" 2>&1; then
    log "$(sed -E 's/.*"direct_median_ms":([0-9.]+).*"gateway_median_ms":([0-9.]+).*"ratio":([0-9.]+).*/direct \1 ms, through the gateway \2 ms, ratio \3/' "$RESULTS/cli.jsonl")"
  else
    log "the CLI phase failed; see $LOGS/cli.log (the report leaves it out)"
  fi
fi

echo "elapsed=$((SECONDS - BUILD_SECONDS)) s, plus $BUILD_SECONDS s of build and checks" >>"$RESULTS/env.txt"
java -cp "$CP" dev.junction.gateway.bench.BenchReport "$RESULTS" >"$OUT/report.md"
log "done in ${SECONDS} s: $OUT/report.md"
