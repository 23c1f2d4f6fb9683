# The cluster phase of run.sh (sourced by it, after the mock upstream and the request bodies): what
# the hop between two clustered nodes costs. Two gateway JVMs joined over Hazelcast on 127.0.0.1,
# `java -jar ... --cluster`, one gateway.yaml (backend `mock`: the openai plugin to the mock); node 2's
# plugins folder holds the openai plugin JAR, node 1's is empty, so node 1 forwards every request to
# node 2 over the event bus. The same request is served four ways, interleaved at each connection
# count of one run: by the mock alone (direct), by a third gateway JVM started without --cluster from
# node 2's folder (standalone: what being clustered costs a request served where it arrives), by
# node 2 alone (one node), and through node 1 to node 2 (hop). The gateway JVMs are pinned to
# $PROXY_CORE (wrk and the mock stay on $LOAD_CORE); the CPU per request of one node and hop sums
# both clustered JVMs' ticks, node 1's share recorded apart, and standalone's is its own. Results go
# to $RESULTS/cluster.jsonl (run_wrk's lines, plus node1_ticks), logs to $LOGS/node{0,1,2}.log.

CLUSTER_JVM_FLAGS=${CLUSTER_JVM_FLAGS:-$GATEWAY_JVM_FLAGS}
WRK_OUT=$RESULTS/cluster.jsonl # where run_wrk records, for this phase

start_node() { # number port [folder] [--cluster]: starts a gateway JVM on PROXY_CORE, sets NODE_PID
  taskset -c "$PROXY_CORE" java $CLUSTER_JVM_FLAGS -jar "$JAR" ${4:-} \
      --config "$WORK/cluster/${3:-node$1}/gateway.yaml" --port "$2" >"$LOGS/node$1.log" 2>&1 &
  NODE_PID=$!; PIDS+=("$NODE_PID")
  wait_http "http://127.0.0.1:$2/health" "$NODE_PID"
}

# run_cluster_wrk SCENARIO CONNS URL [SECONDS] [RECORD]: run_wrk against a node, both JVMs' CPU
# summed, node 1's ticks added to the recorded line
run_cluster_wrk() {
  local node1_before
  node1_before=$(ticks "$NODE1_PID")
  run_wrk "$1" "$2" "$3" "$B/openai.json" "$NODE1_PID $NODE2_PID" "$NODE2_PID" "${4:-$WRK_SECONDS}" "${5:-1}"
  if [ "${5:-1}" = 1 ]; then
    sed -i "\$ s/}\$/,\"node1_ticks\":$(( $(ticks "$NODE1_PID") - node1_before ))}/" "$WRK_OUT"
  fi
}

log "cluster phase: two clustered gateway JVMs, the backend on node 2 only, and a standalone one"
MEMBER_PORT=$(free_port 15701)
for n in 1 2; do
  mkdir -p "$WORK/cluster/node$n/plugins"
  { gateway_yaml_head 0 "" plugins; cat <<EOF
  mock:
    plugin: openai
    models: [mock-model]
    options: {baseUrl: "http://127.0.0.1:$MOCK_PORT/v1"}
cluster:
  name: junction-bench-$$
  host: 127.0.0.1
  port: $MEMBER_PORT
EOF
  } >"$WORK/cluster/node$n/gateway.yaml"
done
cp "$ROOT/target/plugins/openai.jar" "$WORK/cluster/node2/plugins/"

NODE2_PORT=$(free_port 18190)
start_node 2 "$NODE2_PORT" node2 --cluster; NODE2_PID=$NODE_PID
NODE1_PORT=$(free_port $((NODE2_PORT + 1)))
start_node 1 "$NODE1_PORT" node1 --cluster; NODE1_PID=$NODE_PID
NODE0_PORT=$(free_port $((NODE1_PORT + 1)))
start_node 0 "$NODE0_PORT" node2; NODE0_PID=$NODE_PID
ALONE=http://127.0.0.1:$NODE0_PORT
ONE=http://127.0.0.1:$NODE2_PORT
HOP=http://127.0.0.1:$NODE1_PORT
for _ in $(seq 120); do # node 1 learns node 2's backends from its announcement
  curl -s --max-time 2 -H 'content-type: application/json' --data-binary "@$B/openai.json" \
      "$HOP/v1/chat/completions" | grep -q '"content":" word word' && break
  sleep 0.25
done
smoke "$HOP/v1/chat/completions" "$B/openai.json" '"content":" word word'
smoke "$ONE/v1/chat/completions" "$B/openai.json" '"content":" word word'
smoke "$ALONE/v1/chat/completions" "$B/openai.json" '"content":" word word'
grep -q 'Cluster junction-bench-[0-9]*: joined as node .*, 2 nodes' "$LOGS/node1.log" \
  || die "node 1 did not join node 2; see $LOGS/node1.log"
log "node 2 on port $NODE2_PORT (pid $NODE2_PID), node 1 on $NODE1_PORT (pid $NODE1_PID), standalone on $NODE0_PORT (pid $NODE0_PID), all on core $PROXY_CORE"
{
  echo "cluster_flags=$CLUSTER_JVM_FLAGS, java -jar --cluster, Hazelcast member ports from $MEMBER_PORT, event bus plain TCP on loopback"
  echo "cluster_idle_rss_kib=$(for pid in "$NODE1_PID" "$NODE2_PID" "$NODE0_PID"; do awk '/^VmRSS:/ {printf "%s ", $2}' "/proc/$pid/status"; done)"
  echo "cluster_pinning=wrk and the mock on core $LOAD_CORE; the three gateway JVMs on core $PROXY_CORE (taskset), for every path"
  echo "cluster_loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$RESULTS/env.txt"

log "warming up the three paths (${WARMUP_SECONDS} s each, not recorded)"
run_wrk standalone 64 "$ALONE/v1/chat/completions" "$B/openai.json" "$NODE0_PID" "$NODE0_PID" "$WARMUP_SECONDS" 0
run_cluster_wrk one-node 64 "$ONE/v1/chat/completions" "$WARMUP_SECONDS" 0
run_cluster_wrk hop 64 "$HOP/v1/chat/completions" "$WARMUP_SECONDS" 0
for c in $CONNECTIONS; do
  run_wrk direct "$c" "http://127.0.0.1:$MOCK_PORT/v1/chat/completions" "$B/openai.json" "" ""
  run_wrk standalone "$c" "$ALONE/v1/chat/completions" "$B/openai.json" "$NODE0_PID" "$NODE0_PID"
  run_cluster_wrk one-node "$c" "$ONE/v1/chat/completions"
  run_cluster_wrk hop "$c" "$HOP/v1/chat/completions"
done
{
  echo "cluster_hwm_kib=$(hwm "$NODE1_PID") $(hwm "$NODE2_PID") $(hwm "$NODE0_PID")"
  for n in 0 1 2; do
    echo "cluster_node${n}_log=$(grep -c ' WARN ' "$LOGS/node$n.log" || true) WARN, $(grep -c ' ERROR ' "$LOGS/node$n.log" || true) ERROR lines"
  done
} >>"$RESULTS/env.txt"
stop_processes "$NODE0_PID" "$NODE1_PID" "$NODE2_PID"
unset WRK_OUT
