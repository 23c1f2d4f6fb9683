# Shell helpers of the bench scripts (run.sh, soak.sh), sourced after they set ROOT (the
# repository), WORK (a temporary folder, removed at exit) and LOGS (where the logs go). Processes
# appended to PIDS are stopped at exit: SIGTERM, then SIGKILL after 10 s.
PIDS=()

log() { printf '[%4ds] %s\n' "$SECONDS" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

stop_processes() { # pid...: SIGTERM to each, then SIGKILL to those still running 10 s later
  local pid
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_processes "${PIDS[@]}"
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { # the first port from $1 on that nothing listens on
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

wait_http() { # url pid: until the url answers, the process dies, or 60 s pass
  for _ in $(seq 240); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    kill -0 "$2" 2>/dev/null || die "process $2 died while starting; see $LOGS"
    sleep 0.25
  done
  die "$1 did not answer within 60 s"
}

gateway_yaml_head() { # port [instances] [plugins dir]: the lines every bench gateway.yaml starts with
  printf 'server:\n  host: 127.0.0.1\n  port: %s\n' "$1"
  [ -z "${2:-}" ] || printf '  instances: %s\n' "$2"
  printf 'plugins:\n  dir: %s\nbackends:\n' "${3:-$ROOT/target/plugins}"
}
