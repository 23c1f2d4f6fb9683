# The start-up phase of run.sh (sourced by it, after the mock upstream and the request bodies): how
# long the README's run command (gateway/target/junction, the launcher beside the jar, pinned to
# $PROXY_CORE) takes from its start to its first answered request, and how long until its
# throughput is within 10 % of steady state. StartupProbe (on $LOAD_CORE) starts the launcher and
# POSTs the openai path's request (openai plugin → mock) over a fresh connection, 0.2 ms after each
# refused one, until one is answered; $STARTUP_RUNS starts, each stopped after its first answer, and as many without
# the AppCDS archive when `mvn package` made one (JAVA_OPTS names the JDK's own archive instead, as
# a JVM without junction.jsa uses). Then one more start, followed by one wrk run of
# $STARTUP_SECONDS s at 64 connections (slices.lua counts its answers per second: no connection is
# cut between seconds): the throughput over time since the start. Results go to
# $RESULTS/startup.jsonl (StartupProbe's lines, and run_wrk's line with the start's epoch ms and the
# answers per epoch second), the gateway's output to $LOGS/startup.log.

STARTUP_RUNS=${STARTUP_RUNS:-5}
STARTUP_SECONDS=${STARTUP_SECONDS:-40} # at least 8: the first and last seconds are partial
LAUNCHER=$ROOT/gateway/target/junction
WRK_OUT=$RESULTS/startup.jsonl # where run_wrk and StartupProbe record, for this phase
JDK_ARCHIVE=$(java -XshowSettings:properties -version 2>&1 | awk '$1 == "java.home" {print $3}')/lib/server/classes.jsa

STARTUP_PORT=$(free_port 18290)
STARTUP_URL=http://127.0.0.1:$STARTUP_PORT/v1/chat/completions
mkdir -p "$WORK/startup"
{ gateway_yaml_head "$STARTUP_PORT"; cat <<EOF
  mock:
    plugin: openai
    models: [mock-model]
    options: {baseUrl: "http://127.0.0.1:$MOCK_PORT/v1"}
EOF
} >"$WORK/startup/gateway.yaml"

# start_gateway LABEL [JAVA_OPTS]: the launcher through StartupProbe, until its first answer; sets
# STARTED_PID and STARTED_AT (epoch ms of the start) and leaves the gateway running
start_gateway() {
  local line
  line=$(JAVA_OPTS=${2:-} timeout 180 env -u JUNCTION_JVM_FLAGS taskset -c "$LOAD_CORE" java $CLIENT_JVM_FLAGS -cp "$CP" \
      dev.junction.gateway.bench.StartupProbe --url "$STARTUP_URL" --body "$B/openai.json" \
      --expect '"content":" word word' --label "$1" --log "$LOGS/startup.log" --out "$WRK_OUT" \
      -- taskset -c "$PROXY_CORE" "$LAUNCHER" --config "$WORK/startup/gateway.yaml") \
    || die "the start-up probe ($1) failed; see $LOGS/startup.log"
  STARTED_PID=$(sed -E 's/.*"pid":([0-9]+).*/\1/' <<<"$line")
  STARTED_AT=$(sed -E 's/.*"spawn_epoch_ms":([0-9]+).*/\1/' <<<"$line")
  PIDS+=("$STARTED_PID")
  log "$(printf '%-10s %s' "$1" "$(sed -E 's/.*"listen_ms":([0-9.]+).*"first_answer_ms":([0-9.]+).*"cpu_ms":([0-9.]+).*"rss_kib":([0-9]+).*/listening after \1 ms, first answer after \2 ms, CPU \3 ms, RSS \4 KiB/' <<<"$line")")"
}

log "start-up phase: $STARTUP_RUNS starts of $LAUNCHER$([ -f "$ROOT/gateway/target/junction.jsa" ] && echo ", and as many without its AppCDS archive")"
{
  echo "startup_command=taskset -c $PROXY_CORE gateway/target/junction --config … ($LAUNCHER_FLAGS$([ -f "$ROOT/gateway/target/junction.jsa" ] && echo ", AppCDS archive junction.jsa of $(($(stat -c %s "$ROOT/gateway/target/junction.jsa") / 1048576)) MiB"))"
  echo "startup_loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$RESULTS/env.txt"
for _ in $(seq "$STARTUP_RUNS"); do
  start_gateway readme
  stop_processes "$STARTED_PID"
  if [ -f "$ROOT/gateway/target/junction.jsa" ]; then
    start_gateway no-appcds "-XX:SharedArchiveFile=$JDK_ARCHIVE"
    stop_processes "$STARTED_PID"
  fi
done

log "warm-up: one more start, then one ${STARTUP_SECONDS} s wrk run at 64 connections, its answers counted per second"
start_gateway warmup
WRK_SCRIPT=$BENCH/slices.lua run_wrk warmup 64 "$STARTUP_URL" "$B/openai.json" "$STARTED_PID" "$STARTED_PID" "$STARTUP_SECONDS"
sed -i "\$ s/}\$/,\"spawn_epoch_ms\":$STARTED_AT,\"answers_per_second\":$(sed -n 's/^BENCHSLICES //p' <<<"$LAST_WRK_OUTPUT")}/" "$WRK_OUT"
stop_processes "$STARTED_PID"
unset WRK_OUT
