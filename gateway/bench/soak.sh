#!/usr/bin/env bash
# Junction's soak test: is the gateway flat after a long load with faults? Measures the peak rate of
# a request mix briefly, then runs the mix at 80% of it for a while, through the openai plugin to the
# bench mock upstream on 127.0.0.1: whole answers and streams in both dialects, streams the client
# cancels after their first bytes, upstream 503s and streams the upstream cuts (SoakLoad). Before
# and after (and every 5 minutes), with the load paused for a few seconds, it records the gateway
# process's heap after a full GC, live threads, open file descriptors and child processes.
#
#   gateway/bench/soak.sh                # 30 minutes at 80% of the peak
#   gateway/bench/soak.sh --minutes 2    # the CI-sized run (about 3 minutes in all)
#
# Exits non-zero when the figures are not flat: at the end, heap after GC over 120% of the start
# plus 2 MiB, more than 2 threads or 8 file descriptors over the start, or any child process; or
# when a request had an unexpected outcome (a 5xx or a broken answer on a healthy backend, a cut
# stream ended without its error event). Builds the project first when the jar or the test classes
# are missing (FORCE_BUILD=1 rebuilds). Everything runs on 127.0.0.1, bounded in time; it stops what
# it started, also on Ctrl-C or failure.
#
# Writes $OUT/soak.txt (the figures and the verdict) and $OUT/soak-load.jsonl (the load's outcomes:
# the peak run, then one line per segment); the logs of the mock, the gateway and the load beside.
# The peak is the machine's: run it on a quiet machine, the gateway and load share its cores.
#
# Settings (environment): OUT (results folder, default gateway/target/soak), PEAK_SECONDS (15),
# GATEWAY_JVM_FLAGS (as gateway/bench/run.sh), SEGMENT_MINUTES (5).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${OUT:-$ROOT/gateway/target/soak}
MINUTES=30
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) MINUTES=$2; shift 2 ;;
    *) echo "usage: $0 [--minutes N]" >&2; exit 2 ;;
  esac
done
PEAK_SECONDS=${PEAK_SECONDS:-15}
SEGMENT_MINUTES=${SEGMENT_MINUTES:-5}
SETTLE_SECONDS=5
GATEWAY_JVM_FLAGS=${GATEWAY_JVM_FLAGS:-"-XX:+UseSerialGC -Xms64m -Xmx64m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError"}
CLIENT_JVM_FLAGS="-XX:+UseSerialGC -Xmx256m"
JAR=$ROOT/gateway/target/junction-gateway.jar
CP_FILE=$ROOT/gateway/target/test-classpath.txt
WORK=$(mktemp -d /tmp/junction-soak.XXXXXX)
LOGS=$OUT
# shellcheck source=common.sh
. "$ROOT/gateway/bench/common.sh"

for tool in java jcmd jstat mvn curl awk; do command -v $tool >/dev/null || die "$tool is needed"; done
if [ "${FORCE_BUILD:-0}" = 1 ] || [ ! -f "$JAR" ] || [ ! -f "$CP_FILE" ] || [ ! -d "$ROOT/target/plugins" ] \
    || [ ! -f "$ROOT/gateway/target/test-classes/dev/junction/gateway/bench/SoakLoad.class" ]; then
  log "building (mvn -q -DskipTests package)"
  (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package) >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log"; die "the build failed"; }
fi
CP=$ROOT/gateway/target/test-classes:$ROOT/gateway/target/classes:$ROOT/plugin-api/target/classes:$(cat "$CP_FILE")
mkdir -p "$OUT"

# figures LABEL: heap after a full GC (KiB, young + old used), live threads, open fds, child processes, RSS (KiB)
figures() {
  local heap threads fds children rss
  jcmd "$GW_PID" GC.run >/dev/null
  heap=$(jstat -gc "$GW_PID" | awk 'NR == 1 {for (i = 1; i <= NF; i++) col[$i] = i}
      NR == 2 {printf "%d", $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]}')
  threads=$(ls "/proc/$GW_PID/task" | wc -l)
  fds=$(ls "/proc/$GW_PID/fd" | wc -l)
  children=$(ps -o pid= --ppid "$GW_PID" | wc -l)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$GW_PID/status")
  printf '%s heap_after_gc_kib=%s threads=%s fds=%s children=%s rss_kib=%s\n' "$1" "$heap" "$threads" "$fds" "$children" "$rss"
}

field() { sed -E "s/.* $1=([0-9]+).*/\1/" <<<"$2"; }

soak_load() { # ARGS...: SoakLoad against the gateway; its JSON summary on stdout
  java $CLIENT_JVM_FLAGS -cp "$CP" dev.junction.gateway.bench.SoakLoad --url "http://127.0.0.1:$GW_PORT" "$@" 2>>"$OUT/load.log" \
    || die "SoakLoad $* failed; see $OUT/load.log"
}

# --- start: mock upstream, gateway ---------------------------------------------------------------
MOCK_PORT=$(free_port 18190)
java -XX:+UseSerialGC -Xmx128m -cp "$CP" dev.junction.gateway.bench.MockUpstream --port "$MOCK_PORT" \
    --event-loops 2 --chunks 20 >"$OUT/mock.log" 2>&1 &
MOCK_PID=$!; PIDS+=("$MOCK_PID")
wait_http "http://127.0.0.1:$MOCK_PORT/v1/models" "$MOCK_PID"

GW_PORT=$(free_port $((MOCK_PORT + 1)))
MOCK=http://127.0.0.1:$MOCK_PORT
{ gateway_yaml_head "$GW_PORT"; cat <<YAML
  soak-ok:
    plugin: openai
    models: [soak-ok]
    options: {baseUrl: "$MOCK/v1"}
  soak-paced:
    plugin: openai
    models: [soak-paced]
    options: {baseUrl: "$MOCK/c50/i20/v1"}
  soak-503:
    plugin: openai
    models: [soak-503]
    options: {baseUrl: "$MOCK/s503/v1"}
  soak-cut:
    plugin: openai
    models: [soak-cut]
    options: {baseUrl: "$MOCK/c50/t10/v1"}
YAML
} >"$WORK/gateway.yaml"
java $GATEWAY_JVM_FLAGS -jar "$JAR" --config "$WORK/gateway.yaml" >"$OUT/gateway.log" 2>&1 &
GW_PID=$!; PIDS+=("$GW_PID")
wait_http "http://127.0.0.1:$GW_PORT/health" "$GW_PID"
log "mock upstream on port $MOCK_PORT, gateway on port $GW_PORT (pid $GW_PID, $GATEWAY_JVM_FLAGS)"

# --- the peak, then 80% of it ----------------------------------------------------------------------
soak_load --peak-seconds 10 --concurrency 64 >/dev/null
PEAK_JSON=$(soak_load --peak-seconds "$PEAK_SECONDS" --concurrency 64)
echo "$PEAK_JSON" >"$OUT/soak-load.jsonl"
PEAK=$(sed -E 's/.*"peak_rps":([0-9]+).*/\1/' <<<"$PEAK_JSON")
[ "$PEAK" -gt 0 ] || die "no peak measured: $PEAK_JSON"
RATE=$((PEAK * 8 / 10))
log "peak $PEAK requests/s over ${PEAK_SECONDS} s (64 at once, after a 10 s warm-up); the soak runs at $RATE/s"
soak_load --rate "$RATE" --seconds 20 >/dev/null
sleep "$SETTLE_SECONDS"
START=$(figures start)
log "$START"

TOTAL_SECONDS=$((MINUTES * 60))
DONE_SECONDS=0
UNEXPECTED=0
while [ "$DONE_SECONDS" -lt "$TOTAL_SECONDS" ]; do
  SEGMENT=$((SEGMENT_MINUTES * 60))
  [ $((TOTAL_SECONDS - DONE_SECONDS)) -lt "$SEGMENT" ] && SEGMENT=$((TOTAL_SECONDS - DONE_SECONDS))
  RESULT=$(soak_load --rate "$RATE" --seconds "$SEGMENT")
  echo "$RESULT" >>"$OUT/soak-load.jsonl"
  DONE_SECONDS=$((DONE_SECONDS + SEGMENT))
  UNEXPECTED=$((UNEXPECTED + $(grep -oE '"unexpected":[0-9]+' <<<"$RESULT" | cut -d: -f2 || echo 0)))
  kill -0 "$GW_PID" 2>/dev/null || die "the gateway died; see $OUT/gateway.log"
  sleep "$SETTLE_SECONDS"
  NOW=$(figures "after_${DONE_SECONDS}s")
  log "$(sed -E 's/.*"requests":([0-9]+),"rps":([0-9.]+),"outcomes":(\{[^}]*\}).*/\1 requests (\2\/s): \3/' <<<"$RESULT")"
  log "$NOW"
done
END=${NOW/after_${DONE_SECONDS}s/end}

# --- flat? -----------------------------------------------------------------------------------------
VERDICT=flat
problems=()
heap_start=$(field heap_after_gc_kib "$START"); heap_end=$(field heap_after_gc_kib "$END")
[ "$heap_end" -le $((heap_start * 12 / 10 + 2048)) ] || problems+=("heap after GC $heap_start -> $heap_end KiB")
[ "$(field threads "$END")" -le $(($(field threads "$START") + 2)) ] || problems+=("threads $(field threads "$START") -> $(field threads "$END")")
[ "$(field fds "$END")" -le $(($(field fds "$START") + 8)) ] || problems+=("file descriptors $(field fds "$START") -> $(field fds "$END")")
[ "$(field children "$END")" -eq 0 ] || problems+=("$(field children "$END") child processes")
[ "$UNEXPECTED" -eq 0 ] || problems+=("$UNEXPECTED unexpected outcomes (first: $(grep -o '"first_unexpected":"[^"]*' "$OUT/soak-load.jsonl" | head -1 | cut -d'"' -f4))")
[ ${#problems[@]} -eq 0 ] || VERDICT="NOT flat: ${problems[*]}"
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC') commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown) nproc=$(nproc)"
  echo "gateway_flags=$GATEWAY_JVM_FLAGS"
  echo "peak_rps=$PEAK soak_rps=$RATE minutes=$MINUTES"
  echo "$START"
  echo "$END"
  echo "verdict=$VERDICT"
} >"$OUT/soak.txt"
log "verdict: $VERDICT (tolerance: heap after GC <= 120% of the start + 2 MiB, threads <= +2, fds <= +8, no child process, no unexpected outcome); $OUT/soak.txt"
[ "$VERDICT" = flat ]
