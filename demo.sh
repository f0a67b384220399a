#!/usr/bin/env bash
# Builds Nodescope and the sample node, runs the node with the agent attached and its built-in
# workload, and prints a short live summary read from the agent's /metrics; with Debian's
# prometheus installed, also a Prometheus scraping the node with the alert rules, and links to its
# graphs and alerts; with --traces, one command's trace as a tree. ./demo.sh --help for the options.
set -euo pipefail
cd "$(dirname "$0")"

agent_jar=agent/target/nodescope-agent.jar
node_jar=sample-node/target/sample-node.jar
demo_jar=demo/target/nodescope-demo.jar
node_log=sample-node/target/demo-node.log
prometheus_log=sample-node/target/demo-prometheus.log
# The overview dashboard's panels the demo links to, each as a graph on Prometheus' own page.
headline_panels=("Command throughput by command" "Command error ratio by command"
  "Command p95 latency by command" "Sync heartbeat age by instance")
# The local stack scrapes every 15 s; the demo's Prometheus every 5 s, so that graphs fill quickly.
scrape_seconds=5

usage() {
  cat <<'EOF'
Usage: ./demo.sh [options]

Runs the sample node with the Nodescope agent and its built-in workload and prints a summary of
its /metrics every five seconds until the node's run ends (Ctrl-C stops earlier). Builds first
when the jars are missing (needs a JDK 17+ and Maven).

When Debian's prometheus is installed (apt-get install prometheus), it also runs one on 127.0.0.1
with the alert rules of alerts/, scraping the node, and prints links to its graphs of the overview
dashboard's headline panels and to its alerts page; Prometheus stops with the demo.

Options:
  --seconds N          how long the node runs (default 300)
  --port N             the node's API port (default 8900)
  --metrics-port N     the agent's /metrics port (default 9464)
  --prometheus-port N  Prometheus' port (default 9090, or the next free one)
  --traces             receive the node's spans in the demo and print one command's trace as a tree
  --otlp URL           send the spans to an OTLP/gRPC collector instead, e.g. http://127.0.0.1:4317
  -h, --help           this text

Files: the node's and the agent's log go to sample-node/target/demo-node.log, Prometheus' own log
to sample-node/target/demo-prometheus.log. The exit status is the node's.
EOF
}

usage_error() {
  echo "demo.sh: $*; see ./demo.sh --help" >&2
  exit 2
}

fail() {
  echo "demo.sh: $*" >&2
  exit 1
}

seconds=300
port=8900
metrics_port=9464
prometheus_port=""
otlp=""
traces=false
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --metrics-port) metrics_port="${2:?--metrics-port needs a number}"; shift 2 ;;
    --prometheus-port) prometheus_port="${2:?--prometheus-port needs a number}"; shift 2 ;;
    --traces) traces=true; shift ;;
    --otlp) otlp="${2:?--otlp needs a URL}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option $1" ;;
  esac
done
if [ -n "$otlp" ] && $traces; then
  usage_error "--otlp and --traces both say where spans go; give one of them"
fi

# Runs "$@" every half second until it succeeds (status 0), or process $1 ends or $2 tries have
# failed (status 1).
poll_while_alive() {
  local pid=$1 tries=$2 try
  shift 2
  for ((try = 0; try < tries; try++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    "$@" && return 0
    sleep 0.5
  done
  return 1
}

# The first port from $1 up on which nothing on 127.0.0.1 accepts a connection.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
  done
  echo "$port"
}

# Whatever answers HTTP at $1 (the receiver answers a GET with 405), it listens.
# shellcheck disable=SC2317  # run through poll_while_alive
answers_http() {
  curl -s -o /dev/null "$1"
}

# Prometheus at $1 has scraped the node and found it up.
# shellcheck disable=SC2317  # run through poll_while_alive
target_up() {
  local targets
  targets=$(curl -sf "$1/api/v1/targets?state=active") && [[ $targets == *'"health":"up"'* ]]
}

build_if_missing() {
  if [ ! -f "$agent_jar" ] || [ ! -f "$node_jar" ] || [ ! -f "$demo_jar" ]; then
    echo "Building (mvn -B -q package -DskipTests) ..."
    mvn -B -q package -DskipTests
  fi
}

# Spans go to the demo's own OTLP/HTTP receiver (it prints the first command trace that ends), to
# the collector given with --otlp, or nowhere.
route_spans() {
  if $traces; then
    local receiver_port endpoint
    receiver_port=$(free_port 4318)
    endpoint="http://127.0.0.1:$receiver_port/v1/traces"
    # $$: the receiver also ends with the demo when the demo is killed without its cleanup
    java -jar "$demo_jar" traces "$receiver_port" $$ &
    receiver_pid=$!
    # started before the node, so that the agent's first export finds it
    poll_while_alive "$receiver_pid" 60 answers_http "$endpoint" || fail "the trace receiver did not start at $endpoint"
    export OTEL_EXPORTER_OTLP_TRACES_ENDPOINT="$endpoint" OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf
    echo "Spans go to the demo's receiver ($endpoint); it prints the first command's trace once it has ended."
  elif [ -n "$otlp" ]; then
    export OTEL_EXPORTER_OTLP_ENDPOINT="$otlp"
    echo "Spans go to $otlp (grpc); the demo does not see them there, so it prints no trace (--traces would)."
  else
    export OTEL_TRACES_EXPORTER=none
    echo "Spans are off; --traces prints one command's trace here, --otlp URL sends them to a collector."
  fi
}

# Prometheus as the local stack runs it (deploy/local/run-prometheus.sh with its prometheus.yml and
# rules), with a copy of the config changed only where the demo differs: the node's /metrics port
# and the scrape and rule evaluation intervals.
start_prometheus() {
  if ! command -v prometheus >/dev/null 2>&1; then
    echo "No Prometheus here: 'apt-get install prometheus' (Debian, Ubuntu) adds graphs and alerts to the demo."
    return 0
  fi
  local dir=$work/prometheus
  mkdir -p "$dir"
  sed -e "s/127\.0\.0\.1:9464/127.0.0.1:$metrics_port/" \
    -e "s/^\( *scrape_interval:\) *[0-9a-z]*/\1 ${scrape_seconds}s/" \
    -e "s/^\( *scrape_timeout:\) *[0-9a-z]*/\1 ${scrape_seconds}s/" \
    -e "s/^\( *evaluation_interval:\) *[0-9a-z]*/\1 ${scrape_seconds}s/" \
    deploy/local/prometheus.yml >"$dir/prometheus.yml"
  grep -q "127.0.0.1:$metrics_port" "$dir/prometheus.yml" \
    || fail "deploy/local/prometheus.yml scrapes no 127.0.0.1:9464 for the demo to move to port $metrics_port"
  ln -s "$PWD/alerts" "$dir/rules" # rule_files are relative to the config
  prometheus_port=${prometheus_port:-$(free_port 9090)}
  PROMETHEUS_BIN=$(command -v prometheus) NODESCOPE_PROMETHEUS_CONFIG="$dir/prometheus.yml" \
    NODESCOPE_PROMETHEUS_DATA="$dir/data" NODESCOPE_PROMETHEUS_LISTEN="127.0.0.1:$prometheus_port" \
    deploy/local/run-prometheus.sh >"$prometheus_log" 2>&1 &
  prometheus_pid=$!
}

# Once Prometheus has the node's target up, so that the graphs have data to show.
print_prometheus_links() {
  [ -n "${prometheus_pid:-}" ] || return 0
  local url=http://127.0.0.1:$prometheus_port
  if ! poll_while_alive "$prometheus_pid" 120 target_up "$url"; then
    echo "Prometheus at $url did not scrape the node; the end of its log ($prometheus_log):"
    tail -n 5 "$prometheus_log"
    return 0
  fi
  echo "Prometheus: $url scrapes the node every ${scrape_seconds}s with the rules of alerts/. The overview dashboard's panels:"
  java -jar "$demo_jar" links dashboards/node-overview.json "$url" "${headline_panels[@]}" \
    || echo "  (no graph links, see the message above)"
  echo "  Alerts: $(alerts_page "$url")"
}

# Debian's prometheus serves only the classic web UI, where the alerts page is /classic/alerts (its
# /graph redirects to /classic/graph, the query included).
alerts_page() {
  if curl -sf -o /dev/null "$1/alerts"; then
    echo "$1/alerts"
  else
    echo "$1/classic/alerts"
  fi
}

# One line every five seconds from the agent's /metrics, while the node runs.
print_summaries() {
  local previous=0 scrape total summary
  while kill -0 "$node_pid" 2>/dev/null; do
    sleep 5
    scrape=$(curl -sf "$metrics_url") || continue
    # One line: the command total, then the summary to print.
    read -r total summary < <(awk -v previous="$previous" -v now="$(date +%s)" '
      /^node_command_total\{/ { total += $2; if ($1 ~ /status="error"/) errors += $2 }
      /^node_task_runs_total\{/ { runs += $2; if ($1 ~ /status="error"/) failed += $2 }
      /^node_sync_last_success_unix / { sync = $2 }
      END {
        printf "%d commands %d (%.1f/s, %.1f%% errors)  task runs %d (%d failed)  last sync %s\n",
          total, total, (total - previous) / 5, total ? 100 * errors / total : 0, runs, failed,
          sync ? sprintf("%ds ago", now - sync) : "never"
      }' <<<"$scrape")
    echo "$summary"
    previous=$total
  done
}

# Whatever the exit path (the node's end, Ctrl-C, an error), everything the demo started stops and
# its temporary files go; the script's exit status stays what it was. The node stops first, so that
# its last spans still find the receiver.
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  local pid
  for pid in "${node_pid:-}" "${receiver_pid:-}" "${prometheus_pid:-}"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}

build_if_missing
work=$(mktemp -d "${TMPDIR:-/tmp}/nodescope-demo.XXXXXX")
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

route_spans
start_prometheus

# the sample node's own config, with /metrics on the port asked for
config=$work/nodescope.toml
sed "s/^bind_address = .*/bind_address = \"127.0.0.1:$metrics_port\"/" sample-node/nodescope.toml >"$config"
metrics_url="http://127.0.0.1:$metrics_port/metrics"
# the node's own log goes to a file, so that what the demo prints stays readable
java -javaagent:"$agent_jar"=config="$config" -jar "$node_jar" \
  --port "$port" --workload-seconds "$seconds" --run-seconds "$seconds" 2>"$node_log" &
node_pid=$!

poll_while_alive "$node_pid" 60 curl -sf -o /dev/null "$metrics_url" || echo "The agent's /metrics did not answer; see $node_log"
echo
echo "Metrics: $metrics_url    Node API: http://127.0.0.1:$port/status"
echo "Dashboards: dashboards/*.json (Grafana); see dashboards/README.md    Node and agent log: $node_log"
print_prometheus_links
echo

print_summaries

# the node ended its run: the demo ends as the node did
status=0
wait "$node_pid" || status=$?
node_pid=""
echo "The node stopped (exit status $status)."
exit $status
