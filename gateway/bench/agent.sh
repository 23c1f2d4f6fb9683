# The agent phase of run.sh (sourced by it at the end of the one-node phase, while the mock, nginx
# and the warmed-up gateway still run): the load a coding agent brings, beside plain requests per
# second. Request bodies are a long conversation with tool calls and results (AgentBodies), about
# 4 bytes of JSON per token, in the OpenAI and the Anthropic dialect.
#
#   1. Overhead against prompt size: each size of $AGENT_TOKENS, at each of $AGENT_CONNECTIONS, by
#      the mock alone (direct), through nginx, and through Junction: same dialect (OpenAI client →
#      openai plugin → mock) and cross-dialect (Anthropic client → openai plugin → mock).
#   2. Head-of-line blocking: small streaming turns (the smallest size, streaming, 10 chunks,
#      $AGENT_TURNS at once) through nginx and through Junction, idle and then while one client sends
#      the largest size's requests without pause, one at a time, to the same proxy.
#   3. A flood of invalid keys: the gateway is restarted with auth.keys (java -jar, the same flags),
#      and wrk sends the smallest size's body at 64 connections with a wrong key; beside it nginx
#      proxies the same body at 64 connections.
#
# Results: $RESULTS/agent.jsonl (run_wrk's lines plus tokens and body_bytes), $RESULTS/agent-streams.jsonl
# (StreamLoad's summaries plus what the background client did); logs in $LOGS/agent-*.log. Settings:
# AGENT_TOKENS ("1000 10000 100000"), AGENT_CONNECTIONS ("1 16"), AGENT_SECONDS (5 per run),
# AGENT_TURNS (4 streaming turns at once). About 4 minutes with the defaults.

AGENT_TOKENS=${AGENT_TOKENS:-"1000 10000 100000"}
AGENT_CONNECTIONS=${AGENT_CONNECTIONS:-"1 16"}
AGENT_SECONDS=${AGENT_SECONDS:-5}
AGENT_TURNS=${AGENT_TURNS:-4}
AGENT_SMALL=${AGENT_TOKENS%% *}
AGENT_LARGE=${AGENT_TOKENS##* }
WRK_OUT=$RESULTS/agent.jsonl # where run_wrk records, for this phase
A=$WORK/agent

java -cp "$CP" dev.junction.gateway.bench.AgentBodies --dir "$A" --tokens "${AGENT_TOKENS// /,}" >"$LOGS/agent-bodies.log" 2>&1 \
  || die "AgentBodies failed; see $LOGS/agent-bodies.log"
for t in $AGENT_TOKENS; do
  smoke "$DIRECT/v1/chat/completions" "$A/openai-$t.json" '"content":" word word'
  smoke "$PROXY/v1/chat/completions" "$A/openai-$t.json" '"content":" word word'
  smoke "$GW/v1/chat/completions" "$A/openai-$t.json" '"content":" word word'
  smoke "$GW/v1/messages" "$A/anthropic-$t.json" '"text":" word word'
done

# agent_wrk SCENARIO CONNS URL BODY "PROXY_PIDS" RSS_PID TOKENS: one recorded run_wrk, tagged with the size
agent_wrk() {
  run_wrk "$1" "$2" "$3" "$4" "$5" "$6" "$AGENT_SECONDS"
  sed -i "\$ s/}\$/,\"tokens\":$7,\"body_bytes\":$(stat -c %s "$4")}/" "$WRK_OUT"
}

log "agent phase: overhead against prompt size (${AGENT_TOKENS// /, } tokens), ${AGENT_SECONDS} s per run"
for t in $AGENT_TOKENS; do # the gateway has not seen bodies this large yet
  run_wrk junction-openai 16 "$GW/v1/chat/completions" "$A/openai-$t.json" "$GW_PID" "$GW_PID" $((WARMUP_SECONDS / 3)) 0
  run_wrk junction-cross 16 "$GW/v1/messages" "$A/anthropic-$t.json" "$GW_PID" "$GW_PID" $((WARMUP_SECONDS / 3)) 0
done
for t in $AGENT_TOKENS; do
  for c in $AGENT_CONNECTIONS; do
    agent_wrk direct "$c" "$DIRECT/v1/chat/completions" "$A/openai-$t.json" "" "" "$t"
    agent_wrk nginx "$c" "$PROXY/v1/chat/completions" "$A/openai-$t.json" "$NGINX_PID $NGINX_WORKER" "$NGINX_WORKER" "$t"
    agent_wrk junction-openai "$c" "$GW/v1/chat/completions" "$A/openai-$t.json" "$GW_PID" "$GW_PID" "$t"
    agent_wrk junction-cross "$c" "$GW/v1/messages" "$A/anthropic-$t.json" "$GW_PID" "$GW_PID" "$t"
  done
done
echo "agent_gateway_hwm_kib=$(hwm "$GW_PID")" >>"$RESULTS/env.txt"

# agent_turns LABEL BASE_URL PROXY_PIDS: small streaming turns for about 2 × AGENT_SECONDS
agent_turns() {
  local logfile=$LOGS/agent-turns-${1//\//-}.log
  timeout 120 taskset -c "$LOAD_CORE" java $CLIENT_JVM_FLAGS -cp "$CP" dev.junction.gateway.bench.StreamLoad \
      --label "$1" --url "$2/v1/chat/completions" --body "$A/openai-stream-$AGENT_SMALL.json" \
      --concurrency "$AGENT_TURNS" --streams 1000000 --warmup 200 --interval-ms 0 --chunks 10 \
      --max-seconds $((AGENT_SECONDS * 2)) --stall-ms 250 --proxy-pids "$3" --out "$RESULTS/agent-streams.jsonl" \
      >"$logfile" 2>&1 || die "StreamLoad $1 failed; see $logfile"
  log "$(printf '%-20s %s' "$1" "$(tail -1 "$logfile" | sed -E 's/.*"streams":([0-9]+).*"ttfb_p50_ms":([0-9.]+),"ttfb_p99_ms":([0-9.]+).*"failures":([0-9]+).*/\1 turns, TTFB p50 \2 ms, p99 \3 ms, failed \4/')")"
}

# agent_blocked LABEL BASE_URL PROXY_PIDS: agent_turns while one client sends the largest body in a loop
agent_blocked() {
  local logfile=$LOGS/agent-background-${1//\//-}.log background json
  BENCH_BODY=$A/openai-$AGENT_LARGE.json timeout $((AGENT_SECONDS * 2 + 40)) taskset -c "$LOAD_CORE" \
      wrk -t1 -c1 -d"$((AGENT_SECONDS * 2 + 4))s" --latency -s "$BENCH/post.lua" "$2/v1/chat/completions" >"$logfile" 2>&1 &
  background=$!; PIDS+=("$background")
  sleep 1 # its first large request is in flight before the turns start
  agent_turns "$1" "$2" "$3"
  wait "$background" || die "the background client failed; see $logfile"
  json=$(sed -n 's/^BENCHJSON //p' "$logfile")
  [ -n "$json" ] || die "the background client printed no result; see $logfile"
  sed -i "\$ s/}\$/,\"background_requests\":$(sed -E 's/.*"requests":([0-9]+).*/\1/' <<<"$json"),\"background_seconds\":$((AGENT_SECONDS * 2 + 4)),\"background_tokens\":$AGENT_LARGE}/" \
      "$RESULTS/agent-streams.jsonl"
}

log "agent phase: head-of-line blocking, $AGENT_TURNS streaming turns of $AGENT_SMALL tokens, idle and beside $AGENT_LARGE-token requests"
agent_turns nginx/idle "$PROXY" "$NGINX_PID,$NGINX_WORKER"
agent_blocked nginx/busy "$PROXY" "$NGINX_PID,$NGINX_WORKER"
agent_turns junction/idle "$GW" "$GW_PID"
agent_blocked junction/busy "$GW" "$GW_PID"

log "agent phase: a flood of invalid keys ($AGENT_SMALL-token bodies, 64 connections), the gateway restarted with auth.keys"
stop_processes "$GW_PID"
KEYED_PORT=$(free_port $((GW_PORT + 1)))
{ gateway_yaml_head "$KEYED_PORT"; cat <<EOF
  mock:
    plugin: openai
    models: [mock-model]
    options: {baseUrl: "http://127.0.0.1:$MOCK_PORT/v1"}
auth:
  keys:
    - name: bench
      key: sk-bench-$$
EOF
} >"$WORK/agent-gateway.yaml"
taskset -c "$PROXY_CORE" java $GATEWAY_JVM_FLAGS -jar "$JAR" --config "$WORK/agent-gateway.yaml" >"$LOGS/agent-gateway.log" 2>&1 &
KEYED_PID=$!; PIDS+=("$KEYED_PID")
wait_http "http://127.0.0.1:$KEYED_PORT/health" "$KEYED_PID"
KEYED=http://127.0.0.1:$KEYED_PORT
keyed_status() { # key: the status of the smallest body sent to the keyed gateway with that key
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'content-type: application/json' -H "Authorization: Bearer $1" \
      --data-binary "@$A/openai-$AGENT_SMALL.json" "$KEYED/v1/chat/completions"
}
[ "$(keyed_status sk-wrong)" = 401 ] || die "the keyed gateway did not refuse a wrong key with 401"
[ "$(keyed_status "sk-bench-$$")" = 200 ] || die "the keyed gateway did not serve its key"
BENCH_AUTH=sk-wrong run_wrk junction-bad-key 64 "$KEYED/v1/chat/completions" "$A/openai-$AGENT_SMALL.json" \
    "$KEYED_PID" "$KEYED_PID" "$WARMUP_SECONDS" 0
agent_wrk nginx-flood 64 "$PROXY/v1/chat/completions" "$A/openai-$AGENT_SMALL.json" "$NGINX_PID $NGINX_WORKER" "$NGINX_WORKER" "$AGENT_SMALL"
BENCH_AUTH=sk-wrong agent_wrk junction-bad-key 64 "$KEYED/v1/chat/completions" "$A/openai-$AGENT_SMALL.json" \
    "$KEYED_PID" "$KEYED_PID" "$AGENT_SMALL"
stop_processes "$KEYED_PID"
unset WRK_OUT
